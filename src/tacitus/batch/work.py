"""What runs on a Dask worker: one cached pipeline per process, one chunk per task.

A document that fails is isolated and reported with its code; the rest of the chunk is kept.
This works whether `Pipeline.extract_documents` raises on a bad document (the chunk is then
re-run one document at a time) or skips it (it is then reported as not extracted).
"""
from __future__ import annotations

import os
import resource
import socket
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import TacitusError
from ..models import Document, Event
from ..settings import Settings
from .records import document_row, event_row, month_of

_LOCK = threading.Lock()
_PIPELINES: dict[Settings, Any] = {}
_LOADS = 0


def worker_pipeline(settings: Settings):
    """The pipeline for `settings` in this process, loaded on first use and kept (not per task)."""
    global _LOADS
    with _LOCK:  # two task threads on one worker must not load two models
        pipe = _PIPELINES.get(settings)
        if pipe is None:
            from ..pipeline import Pipeline

            pipe = _PIPELINES[settings] = Pipeline(settings)
            _LOADS += 1
        return pipe


@dataclass(frozen=True, slots=True)
class DocFailure:
    """A document that could not be extracted: where it came from, its code and message."""

    pos: int
    doc_id: str
    origin: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """A chunk's output rows per month, its failures, and which worker did it with what."""

    key: str
    events: dict[str, list[dict[str, Any]]]
    documents: dict[str, list[dict[str, Any]]]
    failures: tuple[DocFailure, ...]
    n_events: int
    worker: str
    pipeline_loads: int
    peak_rss_mb: float
    seconds: float


def run_chunk(key: str, docs: Sequence[Document], settings: Settings, version: str) -> ChunkResult:
    """Extract one chunk on this worker; the Dask task function."""
    t0 = time.monotonic()
    pipe = worker_pipeline(settings)
    results, failures = extract_isolated(pipe, docs)
    events: dict[str, list[dict[str, Any]]] = {}
    documents: dict[str, list[dict[str, Any]]] = {}
    n_events = 0
    for pos, doc in enumerate(docs):
        if pos not in results:
            continue
        prepared, evs = results[pos]
        try:
            doc_row = document_row(prepared, evs, pos)
            ev_rows = [event_row(e, prepared, version) for e in evs]
        except Exception as e:  # noqa: BLE001 - a row that cannot be built fails its document only
            failures.append(_failure(pos, doc, "E812", f"cannot write its events: {type(e).__name__}: "
                                                       f"{_first_line(str(e))}"))
            continue
        month = month_of(prepared)
        documents.setdefault(month, []).append(doc_row)
        events.setdefault(month, []).extend(ev_rows)
        n_events += len(evs)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return ChunkResult(key, events, documents, tuple(sorted(failures, key=lambda f: f.pos)), n_events,
                       f"{socket.gethostname()}:{os.getpid()}", _LOADS, round(rss, 1),
                       round(time.monotonic() - t0, 3))


def extract_isolated(pipe, docs: Sequence[Document]
                     ) -> tuple[dict[int, tuple[Document, list[Event]]], list[DocFailure]]:
    """Events per document position; a failing document becomes a DocFailure, the others stay."""
    pending: dict[str, list[int]] = {}
    for pos, d in enumerate(docs):
        pending.setdefault(d.with_id().id, []).append(pos)
    results: dict[int, tuple[Document, list[Event]]] = {}
    reported: dict[str, list[TacitusError]] = {}  # what the pipeline's own guard reported, by doc id

    def note(doc: Document, error: TacitusError) -> None:
        reported.setdefault(doc.with_id().id, []).append(error)

    try:
        for item in pipe.extract_documents(list(docs), on_error=note):
            doc, events = _unpack(item)
            if doc is not None and pending.get(doc.id):
                results[pending[doc.id].pop(0)] = (doc, events)
    except Exception:  # noqa: BLE001 - one bad document: find it below, one at a time
        pass
    failures: list[DocFailure] = []
    for pos, d in enumerate(docs):
        if pos in results:
            continue
        if reported.get(d.with_id().id):
            e = reported[d.with_id().id].pop(0)
            failures.append(_failure(pos, d, e.code, str(e).split("] ", 1)[-1]))
            continue
        try:
            got = [_unpack(item) for item in pipe.extract_documents([d], on_error=_raise)]
            if got and got[0][0] is not None:
                results[pos] = got[0]
            else:
                failures.append(_failure(pos, d, "E810", "not extracted (the pipeline returned no result "
                                                         "for it)"))
        except TacitusError as e:
            failures.append(_failure(pos, d, e.code, str(e).split("] ", 1)[-1]))
        except Exception as e:  # noqa: BLE001 - any error of one document must not stop the batch
            failures.append(_failure(pos, d, "E810", f"extraction failed: {type(e).__name__}: "
                                                     f"{_first_line(str(e))}"))
    return results, failures


def _raise(doc: Document, error: TacitusError) -> None:
    raise error


def _unpack(item) -> tuple[Document | None, list[Event]]:
    """(doc, events) from what extract_documents yields; (None, []) for anything else."""
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], Document):
        evs = item[1]
        if isinstance(evs, (list, tuple)) and all(isinstance(e, Event) for e in evs):
            return item[0], list(evs)
    return None, []


def _failure(pos: int, d: Document, code: str, message: str) -> DocFailure:
    return DocFailure(pos, d.with_id().id, d.origin or d.id, code, message)


def _first_line(s: str) -> str:
    return (s.strip().splitlines() or [""])[0][:300]
