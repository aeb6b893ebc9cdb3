"""Ingest: documents -> skip/duplicate check -> extraction (or given events) -> `Store.write_document`.

Each document is committed on its own (with its mentions and event merges), in input order, so
a crash loses at most the document being written; a rerun skips what is stored (same id and
content hash). Duplicates are written after their original is committed.
"""
from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..errors import InputError
from ..models import Document, Event
from . import dedup
from .store import Store


@dataclass
class IngestSummary:
    read: int = 0
    stored: int = 0
    skipped: int = 0
    duplicates: int = 0
    failed: int = 0
    released: int = 0  # stored copies extracted because their original's text changed
    mentions: int = 0
    new_events: int = 0
    merged: int = 0
    contradictions: int = 0
    seconds: float = 0.0
    duplicate_pairs: list[tuple[str, str, str, float]] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in ("read", "stored", "skipped", "duplicates", "failed", "released",
                                           "mentions", "new_events", "merged", "contradictions")}
        d["seconds"] = round(self.seconds, 1)
        return d

    def plus(self, other: "IngestSummary") -> "IngestSummary":
        """The sum of two runs' counts (one line for several inputs)."""
        out = IngestSummary(**{k: getattr(self, k) + getattr(other, k) for k in (
            "read", "stored", "skipped", "duplicates", "failed", "mentions", "new_events", "merged",
            "contradictions", "seconds")})
        out.duplicate_pairs = self.duplicate_pairs + other.duplicate_pairs
        return out

    def line(self) -> str:
        released = f", {self.released} former duplicate(s) extracted" if self.released else ""
        return (f"ingested {self.stored} document(s) ({self.duplicates} duplicate(s) linked, "
                f"{self.skipped} already stored, {self.failed} failed{released}): {self.mentions} mentions, "
                f"{self.new_events} new events, {self.merged} merged into existing events, "
                f"{self.contradictions} contradiction(s) flagged, {self.seconds:.1f}s")


def ingest(store: Store, docs: Iterable[Document], *, pipeline_factory: Callable[[], object],
           pipeline_version: str, force: bool = False, progress=None,
           on_error: Callable[[Document, InputError], None] | None = None) -> IngestSummary:
    """Store `docs` (already read and given ids); `pipeline_factory()` is called once, lazily."""
    return _ingest(store, ((d, None) for d in docs), pipeline_factory, pipeline_version, force, progress, on_error)


def ingest_extracted(store: Store, items: Iterable[tuple[Document, list[Event]]], *, pipeline_version: str,
                     force: bool = False, progress=None,
                     on_error: Callable[[Document, InputError], None] | None = None) -> IngestSummary:
    """Store documents with the events extracted elsewhere (`tacitus batch` output): no second extraction."""
    return _ingest(store, items, None, pipeline_version, force, progress, on_error)


def _ingest(store: Store, items: Iterable[tuple[Document, list[Event] | None]],
            pipeline_factory: Callable[[], object] | None, pipeline_version: str, force: bool,
            progress, on_error: Callable[[Document, InputError], None] | None) -> IngestSummary:
    """The one ingest path: skip stored, link duplicates, extract (or take the given events), write."""
    # A failed document is counted and not stored, nor are its duplicates: a rerun retries them.
    from ..pipeline import report_to_stderr

    report = on_error or report_to_stderr
    t0 = time.monotonic()
    s = IngestSummary()
    index = store.duplicate_index()
    pending: dict[str, list[tuple[Document, tuple[int, ...], dedup.Duplicate]]] = {}
    sigs: dict[str, tuple[int, ...]] = {}
    queued: set[str] = set()
    failed: set[str] = set()

    def fail(doc: Document, error: InputError) -> None:
        s.failed += 1
        failed.add(doc.id)
        report(doc, error)
        _tick(progress)

    def failed_original(doc: Document, original: str) -> None:
        fail(doc, InputError(f"document {doc.id} duplicates {original}, which could not be "
                             f"processed; it is not stored either (a rerun retries both)", code="E120"))

    def write_dup(doc: Document, sig: tuple[int, ...], dup: dedup.Duplicate) -> None:
        store.write_document(doc, [], pipeline_version=pipeline_version, signature=sig, duplicate=dup)
        s.stored += 1
        s.duplicates += 1
        s.duplicate_pairs.append((doc.id, dup.original, dup.kind, dup.similarity))
        _tick(progress)

    def originals(items: Iterable[tuple[Document, list[Event] | None]], *,
                  again: bool = False) -> Iterator[tuple[Document, list[Event] | None]]:
        # again: stored documents awaiting extraction (released copies), not new input.
        for doc, given in items:
            doc = doc.with_id()
            chash = dedup.content_hash(doc.text)
            if not again:
                s.read += 1
                if doc.id in queued or (not force and store.stored_hash(doc.id) == chash):
                    s.skipped += 1
                    _tick(progress)
                    continue
            queued.add(doc.id)
            index.remove(doc.id)                    # a replaced document is matched by its new text
            sig = dedup.minhash(doc.text)
            dup = index.match(doc.id, chash, sig)
            if dup is not None:
                if dup.original in failed:
                    failed_original(doc, dup.original)
                elif dup.original in sigs:          # original still in the extraction queue
                    pending.setdefault(dup.original, []).append((doc, sig, dup))
                else:
                    write_dup(doc, sig, dup)
                continue
            index.add(doc.id, chash, sig)
            sigs[doc.id] = sig
            yield doc, given

    def extraction_failed(doc: Document, error: InputError) -> None:
        sigs.pop(doc.id, None)
        fail(doc, error)
        for d, _, _ in pending.pop(doc.id, ()):
            failed_original(d, doc.id)

    pipe = None

    def extract(stream: Iterator[tuple[Document, list[Event] | None]]) -> None:
        nonlocal pipe
        first = next(stream, None)
        if first is None:
            return
        chained = itertools.chain([first], stream)
        if pipeline_factory is None:
            extracted: Iterable[tuple[Document, list[Event]]] = ((d, ev or []) for d, ev in chained)
        else:
            if pipe is None:
                pipe = pipeline_factory()
            extracted = pipe.extract_documents((d for d, _ in chained), on_error=extraction_failed)
        for doc, events in extracted:
            r = store.write_document(doc, events, pipeline_version=pipeline_version, signature=sigs.pop(doc.id))
            s.stored += 1
            s.mentions += r.mentions
            s.new_events += r.new_events
            s.merged += r.merged
            s.contradictions += r.contradictions
            _tick(progress)
            for d, sig, dup in pending.pop(doc.id, ()):
                write_dup(d, sig, dup)

    extract(originals(items))
    # Copies whose original changed text are originals now: extract them too (and whatever an
    # interrupted run left awaiting), in the same pass as new input. Without a pipeline (batch
    # output) they wait for the next `tacitus ingest`.
    tried: set[str] = set()
    while pipeline_factory is not None and (todo := [d for d in store.awaiting_extraction() if d.id not in failed and d.id not in tried]):
        tried.update(d.id for d in todo)
        s.released += len(todo)
        extract(originals(((d, None) for d in todo), again=True))
    s.seconds = time.monotonic() - t0
    return s


def _tick(progress) -> None:
    if progress is not None:
        progress.update(1)
