"""`tacitus batch` on Dask distributed: chunks of documents as tasks, results written by the client.

Dask does the scheduling, the retries of a task whose worker died (the scheduler reschedules it;
a local cluster's nanny restarts the worker) and the dashboard. The client reads the inputs,
submits the chunks that are not done yet (a bounded number at a time, so a large input is never
all in memory), and writes each finished chunk's files and manifest entry.
"""
from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from ..ingest.readers import IngestFailure
from ..settings import Settings
from ..textout import progress
from .inputs import Chunk, chunks, count_records, display_path, input_files, settings_key
from .output import BatchError, Output, now
from .work import ChunkResult, run_chunk


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a run did: chunks and documents run or skipped, events, failures, speed, workers."""

    chunks_run: int
    chunks_skipped: int
    documents_run: int
    documents_skipped: int
    events: int
    failed: int
    errors_total: int
    seconds: float
    dashboard: str | None
    workers_seen: tuple[str, ...]
    peak_rss_mb: float

    def line(self) -> str:
        rate = self.documents_run / self.seconds if self.seconds and self.documents_run else 0.0
        return (f"batch: {self.chunks_run} chunk(s) extracted ({self.documents_run} documents, {self.events} "
                f"events, {rate:.1f} articles/s), {self.chunks_skipped} chunk(s) already done "
                f"({self.documents_skipped} documents), {self.failed} document(s) failed"
                + (f" ({self.errors_total} in errors.jsonl)" if self.errors_total else ""))


class _Cluster:
    """A Dask client on the given scheduler, or on a local cluster started on first use."""

    def __init__(self, scheduler: str | None, workers: int | None, dashboard: str):
        self.scheduler, self.workers, self.dashboard_address = scheduler, workers, dashboard
        self.client = self.cluster = None

    def get(self):
        if self.client is not None:
            return self.client
        from distributed import Client, LocalCluster

        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout="20s")
            else:
                # Processes, not threads: spaCy holds the GIL; one thread each keeps one model per core.
                self.cluster = LocalCluster(n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1,
                                            processes=True, host="127.0.0.1", dashboard_address=self.dashboard_address,
                                            silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as e:
            raise BatchError(f"cannot reach the Dask scheduler {self.scheduler or '(local)'}: {e}; check the "
                             f"address (tcp://HOST:8786) and that it is running", code="E822") from e
        return self.client

    def link(self) -> str | None:
        return self.client.dashboard_link if self.client is not None else None

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def run_batch(paths: Sequence[str], out: str, *, settings: Settings = Settings(), scheduler: str | None = None,
              workers: int | None = None, chunk_size: int = 25, dashboard: str = "127.0.0.1:8787",
              err: TextIO | None = None, show_progress: bool = True) -> BatchSummary:
    """Extract every input document on Dask into `out`; skip chunks already done there."""
    from distributed import as_completed

    from ..pipeline import PIPELINE_VERSION

    err = err or sys.stderr
    if chunk_size < 1 or (workers is not None and workers < 1):
        raise BatchError("--chunk-size and --workers must be at least 1", code="E823")
    output = Output(out)
    m = output.manifest
    m.update({"pipeline_version": PIPELINE_VERSION, "settings": settings_key(settings, PIPELINE_VERSION)})
    single = settings.with_(processes=1)
    files = []
    failed = 0
    for f in input_files(paths):
        if isinstance(f, IngestFailure):
            failed += 1
            print(f"tacitus: {f.origin}: {f.error}", file=err)
        else:
            files.append(f)
    bar = progress(sum(count_records(f) for f in files), "batch", disable=not show_progress)

    def say(line: str) -> None:
        # Through the bar when it is drawn, so a message does not land in the middle of it.
        if bar.disable:
            print(line, file=err)
        else:
            bar.write(line, file=err)
    cluster = _Cluster(scheduler, workers, dashboard)
    ac = None
    seen: set[str] = set()
    stats = {"run": 0, "skipped": 0, "docs_run": 0, "docs_skipped": 0, "events": 0}
    workers_seen: dict[str, float] = {}
    t0 = time.monotonic()
    started = now()

    pending: dict[str, Chunk] = {}

    def finish(fut) -> None:
        nonlocal failed
        chunk: Chunk = pending.pop(fut.key)
        try:
            res: ChunkResult = fut.result()
        except Exception as e:  # noqa: BLE001 - a lost chunk (e.g. KilledWorker) must not stop the batch
            failed += len(chunk.docs)
            say(f"tacitus: {chunk.input} chunk {chunk.index}: [E811] {len(chunk.docs)} document(s) not "
                f"extracted ({type(e).__name__}: {str(e)[:200]}); rerun the same command to retry them")
            bar.update(len(chunk.docs))
            return
        files_ = output.write_chunk(res.key, res.events, res.documents)
        errors = [{"origin": x.origin, "doc_id": x.doc_id, "code": x.code, "message": x.message}
                  for x in res.failures]
        for x in res.failures:
            say(f"tacitus: {x.origin}: [{x.code}] {x.message}")
        failed += len(errors)
        m["chunks"][res.key] = {
            "input": chunk.input, "index": chunk.index, "documents": len(chunk.docs),
            "extracted": len(chunk.docs) - len(errors), "events": res.n_events, "failed": len(errors),
            "months": {mo: len(rows) for mo, rows in sorted(res.documents.items())}, "files": files_,
            "errors": errors, "worker": res.worker, "pipeline_loads": res.pipeline_loads,
            "seconds": res.seconds, "finished": now()}
        output.save()
        workers_seen[res.worker] = max(workers_seen.get(res.worker, 0.0), res.peak_rss_mb)
        stats["run"] += 1
        stats["docs_run"] += len(chunk.docs)
        stats["events"] += res.n_events
        bar.update(len(chunk.docs))

    try:
        for path in files:
            shown = display_path(path)
            keys: list[str] = []
            read_errors = []
            n_docs = 0
            for item in chunks(path, chunk_size, m["settings"], settings.published):
                if isinstance(item, IngestFailure):
                    failed += 1
                    read_errors.append({"origin": item.origin, "code": item.code,
                                        "message": str(item.error).split("] ", 1)[-1]})
                    say(f"tacitus: {item.origin}: {item.error}")
                    bar.update(1)
                    continue
                item = Chunk(item.key, shown, item.index, item.docs)
                keys.append(item.key)
                n_docs += len(item.docs)
                if item.key in seen or output.done(item.key):
                    stats["skipped"] += 1
                    stats["docs_skipped"] += len(item.docs)
                    bar.update(len(item.docs))
                    seen.add(item.key)
                    continue
                seen.add(item.key)
                client = cluster.get()
                if ac is None:
                    say(f"tacitus: Dask dashboard {cluster.link()}")
                    ac = as_completed()
                fut = client.submit(run_chunk, item.key, item.docs, single, PIPELINE_VERSION,
                                    key=f"tacitus-chunk-{item.key}", pure=False)
                pending[fut.key] = item
                ac.add(fut)
                window = max(4, 3 * sum(client.nthreads().values()))
                while ac.count() >= window:
                    finish(next(ac))
            _replace_input(output, shown, keys, n_docs, read_errors)
        if ac is not None:
            for fut in ac:
                finish(fut)
    finally:
        bar.close()
        dashboard_link = cluster.link()
        cluster.close()
    seconds = time.monotonic() - t0
    run = {"started": started, "finished": now(), "scheduler": scheduler or f"local ({workers or os.cpu_count()} "
           f"workers)", "dashboard": dashboard_link, "chunks_run": stats["run"], "chunks_skipped": stats["skipped"],
           "documents_run": stats["docs_run"], "documents_skipped": stats["docs_skipped"], "events": stats["events"],
           "failed": failed, "seconds": round(seconds, 2),
           "articles_per_s": round(stats["docs_run"] / seconds, 2) if stats["docs_run"] else 0.0,
           "worker_peak_rss_mb": workers_seen}
    m["runs"].append(run)
    output.save()
    errors_total = output.write_errors()
    return BatchSummary(stats["run"], stats["skipped"], stats["docs_run"], stats["docs_skipped"], stats["events"],
                        failed, errors_total, round(seconds, 2), dashboard_link, tuple(sorted(workers_seen)),
                        max(workers_seen.values(), default=0.0))


def _replace_input(output: Output, shown: str, keys: list[str], n_docs: int, read_errors: list[dict]) -> None:
    """Record an input's chunks; drop chunks it no longer produces (it was edited since)."""
    m = output.manifest
    old = m["inputs"].get(shown, {}).get("chunks", [])
    others = {k for p, inp in m["inputs"].items() if p != shown for k in inp["chunks"]}
    for k in set(old) - set(keys) - others:
        output.remove_chunk(k)
    m["inputs"][shown] = {"chunks": keys, "documents": n_docs, "read_errors": read_errors}
    output.save()
