"""Ingest: documents -> skip/duplicate check -> extraction (or given events) -> `Store.write_document`.

Each document is committed on its own (with its mentions and event merges), in input order, so
a crash loses at most the document being written; a rerun skips what is stored (same id and
content hash). Duplicates are written after their original is committed.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

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
    mentions: int = 0
    new_events: int = 0
    merged: int = 0
    contradictions: int = 0
    seconds: float = 0.0
    duplicate_pairs: list[tuple[str, str, str, float]] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in ("read", "stored", "skipped", "duplicates", "failed", "mentions",
                                           "new_events", "merged", "contradictions")}
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
        return (f"ingested {self.stored} document(s) ({self.duplicates} duplicate(s) linked, "
                f"{self.skipped} already stored, {self.failed} failed): {self.mentions} mentions, "
                f"{self.new_events} new events, {self.merged} merged into existing events, "
                f"{self.contradictions} contradiction(s) flagged, {self.seconds:.1f}s")


def ingest(store: Store, docs: Iterable[Document], *, pipeline_factory: Callable[[], object],
           pipeline_version: str, force: bool = False, progress=None) -> IngestSummary:
    """Store `docs` (already read and given ids); `pipeline_factory()` is called once, lazily."""
    return _ingest(store, ((d, None) for d in docs), pipeline_factory, pipeline_version, force, progress)


def ingest_extracted(store: Store, items: Iterable[tuple[Document, list[Event]]], *, pipeline_version: str,
                     force: bool = False, progress=None) -> IngestSummary:
    """Store documents with the events extracted elsewhere (`tacitus batch` output): no second extraction."""
    return _ingest(store, items, None, pipeline_version, force, progress)


def _ingest(store: Store, items: Iterable[tuple[Document, list[Event] | None]],
            pipeline_factory: Callable[[], object] | None, pipeline_version: str, force: bool,
            progress) -> IngestSummary:
    """The one ingest path: skip stored, link duplicates, extract (or take the given events), write."""
    t0 = time.monotonic()
    s = IngestSummary()
    index = store.duplicate_index()
    pending: dict[str, list[tuple[Document, tuple[int, ...], dedup.Duplicate]]] = {}
    sigs: dict[str, tuple[int, ...]] = {}
    queued: set[str] = set()

    def write_dup(doc: Document, sig: tuple[int, ...], dup: dedup.Duplicate) -> None:
        store.write_document(doc, [], pipeline_version=pipeline_version, signature=sig, duplicate=dup)
        s.stored += 1
        s.duplicates += 1
        s.duplicate_pairs.append((doc.id, dup.original, dup.kind, dup.similarity))
        _tick(progress)

    def originals() -> Iterator[tuple[Document, list[Event] | None]]:
        for doc, given in items:
            s.read += 1
            doc = doc.with_id()
            chash = dedup.content_hash(doc.text)
            if doc.id in queued or (not force and store.stored_hash(doc.id) == chash):
                s.skipped += 1
                _tick(progress)
                continue
            queued.add(doc.id)
            sig = dedup.minhash(doc.text)
            dup = index.match(doc.id, chash, sig)
            if dup is not None:
                if dup.original in sigs:          # original still in the extraction queue
                    pending.setdefault(dup.original, []).append((doc, sig, dup))
                else:
                    write_dup(doc, sig, dup)
                continue
            index.add(doc.id, chash, sig)
            sigs[doc.id] = sig
            yield doc, given

    stream = originals()
    first = next(stream, None)
    if first is not None:
        def chain() -> Iterator[tuple[Document, list[Event] | None]]:
            yield first
            yield from stream

        if pipeline_factory is None:
            extracted: Iterable[tuple[Document, list[Event]]] = ((d, ev or []) for d, ev in chain())
        else:
            extracted = pipeline_factory().extract_documents(d for d, _ in chain())
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
    for items in pending.values():  # originals that failed in extraction: keep the copies as originals
        for d, sig, _ in items:
            store.write_document(d, [], pipeline_version=pipeline_version, signature=sig)
            s.stored += 1
    s.seconds = time.monotonic() - t0
    return s


def _tick(progress) -> None:
    if progress is not None:
        progress.update(1)
