"""`tacitus bench`: throughput and memory of extraction next to a bare spaCy parse of the same texts.

Two modes are timed the same way, for each process count:

- ``parse``: ``tacitus.nlp.load_pipeline()`` then ``nlp.pipe(texts, batch_size=Settings().batch_size)``
  (the model and batch size the pipeline uses);
- ``extract``: ``Pipeline(Settings()).extract_documents(docs)`` (parse + conversion + extraction).

Every run happens in freshly forked worker processes (also for 1 process), so peak RSS is that
run's own. Each worker loads its pipeline once (timed: "load s"; extract's minus parse's is the
start-up Tacitus adds to loading the spaCy model), warms it up on one short text, waits at a barrier
with the others, then processes its chunk (documents split into contiguous chunks of about equal
character count). Wall time = from the barrier release to the last worker's end; load time is
reported apart. Peak RSS: each worker's ``getrusage(RUSAGE_SELF).ru_maxrss``, checked against the
parent's ``RUSAGE_CHILDREN`` (the largest reaped child); we report the maximum per process.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import platform
import resource
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Sequence

MODES = ("parse", "extract")
WARMUP = "Russian forces shelled Kharkiv on Monday, Ukraine's military said."


@dataclass
class BenchRow:
    mode: str
    processes: int
    articles: int
    words: int
    seconds: float
    load_seconds: float
    peak_rss_mb: float

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["articles_per_s"] = round(self.articles_per_s, 2)
        d["words_per_s"] = round(self.words_per_s, 1)
        return d


def machine_info() -> dict[str, Any]:
    """nproc, CPU model (/proc/cpuinfo), RAM (/proc/meminfo), Python and spaCy versions."""
    info: dict[str, Any] = {"nproc": os.cpu_count(), "python": platform.python_version(),
                            "platform": platform.platform()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        info["cpu"] = platform.processor() or "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["ram_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        import spacy
        info["spacy"] = spacy.__version__
    except Exception:  # noqa: BLE001
        pass
    return info


def load_docs(path: str | Path, limit: int | None = None) -> list:
    """Documents from a .jsonl / directory / file (tacitus.ingest.read_documents); failures skipped."""
    from tacitus.ingest import IngestFailure, read_documents

    docs = []
    for item in read_documents([str(path)]):
        if isinstance(item, IngestFailure):
            print(f"tacitus: {item.origin}: {item.error}", file=sys.stderr)
            continue
        docs.append(item)
        if limit is not None and len(docs) >= limit:
            break
    return docs


def split_chunks(sizes: Sequence[int], n: int) -> list[tuple[int, int]]:
    """Contiguous [start, end) index ranges of about equal total size (n ranges, some may be empty)."""
    total = sum(sizes)
    bounds, acc, k = [0], 0, 1
    for i, s in enumerate(sizes):
        acc += s
        while k < n and acc >= total * k / n:
            bounds.append(i + 1)
            k += 1
    while len(bounds) < n:
        bounds.append(len(sizes))
    bounds.append(len(sizes))
    return [(bounds[i], bounds[i + 1]) for i in range(n)]


def _max_rss_mb(who: int) -> float:
    kb = resource.getrusage(who).ru_maxrss  # KiB on Linux
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def _worker(mode: str, docs: list, model: str | None, batch_size: int, barrier: Any, queue: Any, wid: int) -> None:
    try:
        t0 = time.perf_counter()
        if mode == "parse":
            from tacitus.nlp import load_pipeline
            nlp = load_pipeline(model)
            list(nlp.pipe([WARMUP], batch_size=batch_size))
        else:
            from tacitus.models import Document
            from tacitus.pipeline import Pipeline
            from tacitus.settings import Settings
            pipe = Pipeline(Settings(model=model, batch_size=batch_size))
            list(pipe.extract_documents([Document(text=WARMUP, id="warmup")]))
        load = time.perf_counter() - t0
        queue.put(("ready", wid, load))
        barrier.wait()
        start = time.time()
        step = 0
        if mode == "parse":
            for _ in nlp.pipe((d.text for d in docs), batch_size=batch_size):
                step += 1
                if step % 5 == 0:
                    queue.put(("progress", wid, 5))
        else:
            for _ in pipe.extract_documents(docs):
                step += 1
                if step % 5 == 0:
                    queue.put(("progress", wid, 5))
        end = time.time()
        queue.put(("progress", wid, step % 5))
        queue.put(("done", wid, {"start": start, "end": end, "load": load, "rss": _max_rss_mb(resource.RUSAGE_SELF)}))
    except BaseException as exc:  # noqa: BLE001 - report, never hang the parent
        queue.put(("error", wid, f"{type(exc).__name__}: {exc}"))
        try:
            barrier.abort()
        except Exception:  # noqa: BLE001
            pass


def run_mode(mode: str, docs: list, processes: int, *, model: str | None = None, batch_size: int | None = None,
             progress: bool = True) -> BenchRow:
    """Time one mode on `processes` forked workers (see the module doc)."""
    from tacitus.settings import Settings

    batch_size = batch_size or Settings().batch_size
    ctx = mp.get_context("fork")
    sizes = [len(d.text) for d in docs]
    chunks = split_chunks(sizes, processes)
    barrier = ctx.Barrier(processes)
    queue = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(mode, docs[a:b], model, batch_size, barrier, queue, i), daemon=True)
             for i, (a, b) in enumerate(chunks)]
    from tqdm import tqdm
    bar = tqdm(total=len(docs), desc=f"{mode} x{processes}", unit="doc", file=sys.stderr, leave=False,
               disable=not progress or not sys.stderr.isatty())
    for p in procs:
        p.start()
    results: dict[int, dict] = {}
    errors: list[str] = []
    ready = 0
    while len(results) + len(errors) < processes:
        try:
            kind, wid, payload = queue.get(timeout=5)
        except Exception:  # noqa: BLE001 - queue.Empty: check the workers are alive
            if not any(p.is_alive() for p in procs):
                errors.append("a worker exited without reporting")
                break
            continue
        if kind == "ready":
            ready += 1
            if ready == processes:
                bar.reset()  # the rate shown counts from the barrier, not the model load
        elif kind == "progress":
            bar.update(payload)
        elif kind == "done":
            results[wid] = payload
        else:
            errors.append(payload)
    for p in procs:
        p.join(timeout=30)
    bar.close()
    if errors:
        raise RuntimeError(f"bench {mode} x{processes} failed: {'; '.join(errors)}")
    start = min(r["start"] for r in results.values())
    end = max(r["end"] for r in results.values())
    rss = max(max(r["rss"] for r in results.values()), 0.0)
    words = sum(len(d.text.split()) for d in docs)
    return BenchRow(mode, processes, len(docs), words, round(end - start, 3),
                    round(max(r["load"] for r in results.values()), 2), round(rss, 1))


def run_bench(docs: list, processes: Sequence[int] = (1, 2), *, model: str | None = None,
              progress: bool = True) -> dict[str, Any]:
    """{"machine", "articles", "words", "runs": [rows], "ratio": {processes: extract_s / parse_s}}."""
    rows = []
    for n in processes:
        for mode in MODES:
            rows.append(run_mode(mode, docs, n, model=model, progress=progress))
    ratio = {}
    for n in processes:
        p = next(r for r in rows if r.mode == "parse" and r.processes == n)
        e = next(r for r in rows if r.mode == "extract" and r.processes == n)
        ratio[n] = round(e.seconds / p.seconds, 2) if p.seconds else None
    startup = {}
    for n in processes:
        p = next(r for r in rows if r.mode == "parse" and r.processes == n)
        e = next(r for r in rows if r.mode == "extract" and r.processes == n)
        startup[n] = round(e.load_seconds - p.load_seconds, 2)
    children = _max_rss_mb(resource.RUSAGE_CHILDREN)
    return {"machine": machine_info(), "articles": len(docs), "words": sum(len(d.text.split()) for d in docs),
            "runs": [r.to_dict() for r in rows], "ratio_extract_to_parse": ratio,
            "startup_above_model_s": startup,
            "parent_rss_mb": round(_max_rss_mb(resource.RUSAGE_SELF), 1),
            "largest_child_rss_mb": round(children, 1)}


def render(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [f"{result['articles']} articles, {result['words']} words; {m.get('nproc')} cpus ({m.get('cpu', '?')}), "
             f"{m.get('ram_gb', '?')} GB RAM", "",
             f"{'mode':8} {'procs':>5} {'seconds':>8} {'articles/s':>11} {'words/s':>9} {'peak RSS/proc':>14} {'load s':>7}"]
    for r in result["runs"]:
        lines.append(f"{r['mode']:8} {r['processes']:>5} {r['seconds']:>8.2f} {r['articles_per_s']:>11.2f} "
                     f"{r['words_per_s']:>9.0f} {r['peak_rss_mb']:>11.0f} MB {r['load_seconds']:>7.1f}")
    lines.append("")
    for n, x in result["ratio_extract_to_parse"].items():
        lines.append(f"extract / bare parse time, {n} process(es): {x}x")
    for n, x in result.get("startup_above_model_s", {}).items():
        lines.append(f"start-up above loading the spaCy model (extract load s - parse load s), {n} process(es): {x:.2f} s")
    lines.append(f"(largest reaped child by RUSAGE_CHILDREN: {result['largest_child_rss_mb']:.0f} MB; "
                 f"parent: {result['parent_rss_mb']:.0f} MB)")
    return "\n".join(lines)
