"""Orchestration: documents -> parse -> events. The CLI, store, eval and bench all call this."""
from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Iterator
from datetime import date

from .models import Document, Event
from .settings import Settings

def pipeline_version(stages: tuple[str, ...] | None = None) -> str:
    """`tacitus-<version>+<fingerprint>`: the package version, the configured stages with their versions
    and the content of every packaged data file (lexicons, rules, actors, ontology, model weights), so two
    runs with the same string produced their events the same way."""
    from . import __version__
    from .extract.registry import stages_version

    return f"tacitus-{__version__}+{stages_version(stages)}.{_data_fingerprint()}"


@functools.lru_cache(maxsize=1)
def _data_fingerprint() -> str:
    import hashlib
    from pathlib import Path

    h = hashlib.sha256()
    root = Path(__file__).resolve().parent / "data"
    for f in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(f.relative_to(root).as_posix().encode())
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()[:10]


def __getattr__(name: str) -> str:
    # PIPELINE_VERSION is computed on first use (hashing the data files costs ~10 ms, not at import).
    if name == "PIPELINE_VERSION":
        return pipeline_version()
    raise AttributeError(name)


class Pipeline:
    """Load the parser and the extractor once; extract events from documents in batches."""

    def __init__(self, settings: Settings | None = None):
        from .extract.extractor import EventExtractor
        from .extract.lexicon import Lexicon
        from .nlp import Parser

        self.settings = settings or Settings()
        self.parser = Parser(self.settings.model, batch_size=self.settings.batch_size)
        lexicon = Lexicon.from_files(*self.settings.lexicons) if self.settings.lexicons else None
        self.extractor = EventExtractor(lexicon=lexicon, use_type_model=self.settings.type_model,
                                        stages=self.settings.stages)

    @classmethod
    def default(cls) -> "Pipeline":
        """A pipeline with default settings (cached per process)."""
        global _DEFAULT
        if _DEFAULT is None:
            _DEFAULT = cls()
        return _DEFAULT

    def _prepare(self, doc: Document) -> Document:
        doc = doc.with_id()
        if doc.published is None and self.settings.published is not None:
            doc = dataclasses.replace(doc, published=self.settings.published)
        return doc

    def extract_documents(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        """Events per document, in input order (in `settings.processes` worker processes)."""
        if self.settings.processes > 1:
            yield from self._extract_parallel(docs)
            return
        prepared = (self._prepare(d) for d in docs)
        for parsed in self.parser.pipe(prepared):
            events = self.extractor(parsed)
            if self.settings.min_confidence:
                events = [e for e in events if e.confidence >= self.settings.min_confidence]
            yield parsed.doc, events

    def _extract_parallel(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        # Forked workers each hold their own pipeline (spaCy is not shared across processes);
        # small chunks keep order and memory bounded while both cores stay busy.
        import multiprocessing as mp

        ctx = mp.get_context("fork")
        single = dataclasses.replace(self.settings, processes=1)
        with ctx.Pool(self.settings.processes, initializer=_init_worker, initargs=(single,)) as pool:
            prepared = (self._prepare(d) for d in docs)
            yield from pool.imap(_work, prepared, chunksize=4)

    def statements_text(self, text: str, *, published: date | None = None, doc_id: str = "t") -> list:
        """Every attributed statement of one text (speaker, cue, content spans), events or not."""
        from .extract.statements import statements

        doc = self._prepare(Document(text=text, id=doc_id, published=published))
        return statements(self.extractor, self.parser(doc), doc.published)

    def extract_text(self, text: str, *, published: date | None = None, doc_id: str = "t") -> list[Event]:
        """Events of one text (convenience for notebooks, tests and eval)."""
        doc = Document(text=text, id=doc_id, published=published)
        for _, events in self.extract_documents([doc]):
            return events
        return []


_DEFAULT: Pipeline | None = None
_WORKER: Pipeline | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Pipeline(settings)


def _work(doc: Document) -> tuple[Document, list[Event]]:
    assert _WORKER is not None
    for out in _WORKER.extract_documents([doc]):
        return out
    return doc, []
