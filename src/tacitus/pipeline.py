"""Orchestration: documents -> parse -> events. The CLI, store, eval and bench all call this."""
from __future__ import annotations

import dataclasses
import functools
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import islice

from .errors import InputError, error_line
from .models import Document, Event
from .settings import Settings


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


OnError = Callable[[Document, InputError], None]


def pipeline_version(settings: Settings | None = None) -> str:
    """`tacitus-<version>+<stages>.<data>[+lexicon-<hash>]`: what produced the events, stored with them."""
    # The configured stages with their versions and the content of every packaged data file (lexicons,
    # rules, actors, ontology, model weights): two runs with the same string extracted the same way.
    # User lexicons change what is extracted, so their content is folded in too.
    from . import __version__
    from .extract.registry import stages_version

    base = f"tacitus-{__version__}+{stages_version(settings.stages if settings else None)}.{_data_fingerprint()}"
    if settings is None or not settings.lexicons:
        return base
    import hashlib
    from pathlib import Path

    from .errors import DataFileError

    digest = hashlib.sha256()
    for f in settings.lexicons:
        try:
            digest.update(Path(f).read_bytes())
        except OSError as e:
            raise DataFileError(f"{f}: cannot read lexicon file: {e.strerror or e}") from e
    return f"{base}+lexicon-{digest.hexdigest()[:10]}"


class ExtractionError(InputError):
    """One document could not be parsed or extracted; the batch it was in goes on."""

    code = "E120"


def extraction_error(doc: Document, exc: BaseException) -> ExtractionError:
    """E120 for `doc`, naming the exception in one line."""
    what = " ".join(str(exc).split())[:200]
    err = ExtractionError(f"document {doc.id} could not be processed ({type(exc).__name__}"
                          f"{': ' + what if what else ''}); the rest of the batch goes on: "
                          f"please report it with this document")
    err.__cause__ = exc
    return err


def worker_died(doc: Document) -> ExtractionError:
    """E121: the worker process died while it held `doc` (killed, or out of memory)."""
    return ExtractionError(f"document {doc.id}: the worker process extracting it died (out of "
                           f"memory or killed); rerun it alone with --processes 1", code="E121")


def report_to_stderr(doc: Document, error: InputError) -> None:
    """The default for `on_error`: one coded line on stderr."""
    print(error_line(doc.origin or doc.id, error), file=sys.stderr)


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

    def extract_documents(self, docs: Iterable[Document], on_error: OnError | None = None
                          ) -> Iterator[tuple[Document, list[Event]]]:
        """Events per document in input order; a failed one goes to `on_error` and the batch goes on."""
        # on_error defaults to one coded line on stderr; `docs` is read in the caller's thread.
        report = on_error or report_to_stderr
        if self.settings.processes > 1:
            yield from self._extract_parallel(docs, report)
        else:
            yield from self._extract_serial(docs, report)

    def _extract_serial(self, docs: Iterable[Document], report: OnError
                        ) -> Iterator[tuple[Document, list[Event]]]:
        prepared = (self._prepare(d) for d in docs)
        while batch := list(islice(prepared, self.settings.batch_size)):
            try:
                parsed = list(self.parser.pipe(batch))
            except Exception:  # noqa: BLE001 - one document broke the batch: parse one by one
                parsed = None
            if parsed is None:
                for doc in batch:
                    try:
                        one = self.parser(doc)
                    except Exception as exc:  # noqa: BLE001 - reported, the batch goes on
                        report(doc, extraction_error(doc, exc))
                        continue
                    yield from self._events(one, report)
            else:
                for one in parsed:
                    yield from self._events(one, report)

    def _events(self, parsed, report: OnError) -> Iterator[tuple[Document, list[Event]]]:
        try:
            events = self.extractor(parsed)
            if self.settings.min_confidence:
                events = [e for e in events if e.confidence >= self.settings.min_confidence]
        except Exception as exc:  # noqa: BLE001 - reported, the batch goes on
            report(parsed.doc, extraction_error(parsed.doc, exc))
            return
        yield parsed.doc, events

    def _extract_parallel(self, docs: Iterable[Document], report: OnError
                          ) -> Iterator[tuple[Document, list[Event]]]:
        # Forked workers each hold their own pipeline (spaCy is not shared across processes).
        # The input is read here, in the caller's thread, a few documents ahead of the
        # workers: callers such as ingest query the store while producing documents, and a
        # database connection must stay in the thread that opened it.
        from concurrent.futures.process import BrokenProcessPool

        window = self.settings.processes * 4
        pool = self._pool()
        pending: deque = deque()

        def result(doc: Document, fut) -> Iterator[tuple[Document, list[Event]]]:
            try:
                out, error = fut.result()
            except BrokenProcessPool:
                raise
            except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
                report(doc, extraction_error(doc, exc))
                return
            if error is not None:
                report(doc, _rebuild_error(doc, error))
            else:
                yield out

        def drain(limit: int) -> Iterator[tuple[Document, list[Event]]]:
            nonlocal pool
            while len(pending) > limit:
                doc, fut = pending.popleft()
                try:
                    yield from result(doc, fut)
                except BrokenProcessPool:
                    # A worker died and took every document in flight with it: redo them one
                    # at a time in a fresh pool, so only the one that kills a worker is lost.
                    suspects = [doc] + [d for d, _ in pending]
                    pending.clear()
                    pool = self._restart(pool)
                    for s in suspects:
                        try:
                            yield from result(s, pool.submit(_work, s))
                        except BrokenProcessPool:
                            report(s, worker_died(s))
                            pool = self._restart(pool)

        try:
            for d in docs:
                d = self._prepare(d)
                pending.append((d, pool.submit(_work, d)))
                yield from drain(window)
            yield from drain(0)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _restart(self, broken):
        # Wait for the broken pool's threads to end before forking again: a child forked while
        # one of them holds a lock would wait for it forever.
        broken.shutdown(wait=True, cancel_futures=True)
        return self._pool()

    def _pool(self):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        single = dataclasses.replace(self.settings, processes=1)
        return ProcessPoolExecutor(self.settings.processes, mp_context=mp.get_context("fork"),
                                   initializer=_init_worker, initargs=(single, os.getpid()))

    def statements_text(self, text: str, *, published: date | None = None, doc_id: str = "t") -> list:
        """Every attributed statement of one text (speaker, cue, content spans), events or not."""
        from .extract.statements import statements

        doc = self._prepare(Document(text=text, id=doc_id, published=published))
        return statements(self.extractor, self.parser(doc), doc.published)

    def extract_text(self, text: str, *, published: date | None = None, doc_id: str = "t") -> list[Event]:
        """Events of one text (convenience for notebooks, tests and eval); raises when it fails."""
        doc = Document(text=text, id=doc_id, published=published)
        for _, events in self.extract_documents([doc], on_error=_raise):
            return events
        return []


def _raise(doc: Document, error: InputError) -> None:
    raise error


_DEFAULT: Pipeline | None = None
_WORKER: Pipeline | None = None


def _init_worker(settings: Settings, parent: int) -> None:
    global _WORKER
    # A worker must not outlive its parent (a SIGKILLed ingest leaves no orphans holding ~1 GB).
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    _WORKER = Pipeline(settings)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _work(doc: Document) -> tuple[tuple[Document, list[Event]] | None, tuple[str, str, str] | None]:
    """Runs in a worker: (doc, events) or the error as plain strings (exceptions may not pickle)."""
    assert _WORKER is not None
    failure: list[InputError] = []
    for out in _WORKER.extract_documents([doc], on_error=lambda d, e: failure.append(e)):
        return out, None
    if failure:
        return None, (failure[0].code, str(failure[0]), type(failure[0].__cause__).__name__)
    return (doc, []), None


def _rebuild_error(doc: Document, error: tuple[str, str, str]) -> InputError:
    code, message, _ = error
    prefix = f"[{code}] "
    return ExtractionError(message[len(prefix):] if message.startswith(prefix) else message, code=code)
