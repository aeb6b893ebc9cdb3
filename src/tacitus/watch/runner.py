"""`tacitus watch`: poll feeds, fetch the new articles, extract text and date, ingest into the store.

Each article URL is fetched once: the store remembers it (stored, duplicate, or refused for good:
robots.txt, no article text, not English); a transient failure (429, 5xx, no answer) is retried at
the next polls, up to MAX_ATTEMPTS. Feeds are fetched with their last ETag/Last-Modified, so an
unchanged feed costs one 304.
"""
from __future__ import annotations

import dataclasses
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TextIO
from urllib.parse import urlsplit

from ..models import Document
from .feeds import FeedSpec, Poll, poll
from .http import Fetcher, FetchError

MAX_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class FeedReport:
    """What one poll of one feed gave."""

    url: str
    outlet: str | None
    status: int            # HTTP status of the feed (304: not modified; 0: failed)
    items: int = 0         # items in the feed
    seen: int = 0          # already handled by an earlier poll
    stored: int = 0        # new articles stored (duplicates of stored ones included)
    failed: int = 0        # articles that could not be had or used (coded line each)
    skipped: int = 0       # refused by robots.txt
    error: str | None = None

    def line(self) -> str:
        who = f"{self.url} ({self.outlet})" if self.outlet else self.url
        if self.error:
            return f"watch {who}: {self.error}"
        if self.status == 304:
            return f"watch {who}: not modified (304)"
        return (f"watch {who}: {self.items} item(s), {self.stored} new article(s) stored, {self.seen} already "
                f"seen, {self.failed} failed, {self.skipped} disallowed by robots.txt")


class _Isolating:
    """Wraps the pipeline so that a failing article is reported and the others are stored."""

    def __init__(self, pipe):
        self.pipe = pipe

    def extract_documents(self, docs, on_error=None):
        from ..batch.work import extract_isolated
        from ..errors import InputError
        from ..pipeline import report_to_stderr

        docs = list(docs)
        results, failures = extract_isolated(self.pipe, docs)
        for f in failures:
            (on_error or report_to_stderr)(docs[f.pos], InputError(f.message, code=f.code))
        for pos in sorted(results):
            yield results[pos]


def watch_once(store, feeds: list[FeedSpec], fetcher: Fetcher, pipeline: Callable[[], object],
               err: TextIO | None = None) -> list[FeedReport]:
    """Poll every feed once and ingest its new articles; one report per feed."""
    from ..store.watchstate import WatchState

    err = err or sys.stderr
    state = WatchState(store)
    reports = []
    for spec in feeds:
        reports.append(_watch_feed(store, state, spec, fetcher, pipeline, err))
        print(f"tacitus: {reports[-1].line()}", file=err)
    return reports


def _watch_feed(store, state, spec: FeedSpec, fetcher: Fetcher, pipeline, err: TextIO) -> FeedReport:
    from ..pipeline import PIPELINE_VERSION
    from ..store.ingest import ingest
    from ..store.watchstate import FeedState

    fs = state.feed(spec.url)
    try:
        p: Poll = poll(fetcher, spec.url, fs.etag, fs.modified)
    except FetchError as e:
        code = "E704" if e.status == -1 else "E705" if e.status == -2 else "E703"
        state.save_feed(dataclasses.replace(fs, polls=fs.polls + 1), max(e.status, 0))
        return FeedReport(spec.url, spec.outlet or fs.outlet, 0, error=f"[{code}] {e.reason}")
    outlet = spec.outlet or p.title or fs.title or urlsplit(spec.url).hostname
    state.save_feed(FeedState(spec.url, p.title or fs.title, outlet, p.etag, p.modified, fs.polls + 1), p.status)
    if p.warning:
        print(f"tacitus: {spec.url}: [E705] {p.warning}", file=err)
    counts = {"seen": 0, "stored": 0, "failed": 0, "skipped": 0}
    docs: list[Document] = []
    met: set[str] = set()
    for item in p.items:
        tries = state.attempts(item.url)
        if tries is None or tries >= MAX_ATTEMPTS or item.url in met:
            counts["seen"] += 1
            continue
        met.add(item.url)
        doc = _fetch_article(fetcher, state, spec.url, item, outlet, counts, err)
        if doc is not None:
            docs.append(doc)
    if docs:
        def failed(doc: Document, error) -> None:
            # Its extraction failed, or it copies an article whose extraction failed: not stored.
            counts["failed"] += 1
            message = str(error).split("] ", 1)[-1]
            state.record(doc.url, spec.url, "failed", code=error.code, message=message)
            print(f"tacitus: {doc.url}: [{error.code}] {message}", file=err)

        summary = ingest(store, docs, pipeline_factory=lambda: _Isolating(pipeline()),
                         pipeline_version=PIPELINE_VERSION, on_error=failed)
        dups = {d for d, *_ in summary.duplicate_pairs}
        for d in docs:
            if store.stored_hash(d.id) is not None:  # not stored: its extraction failed (recorded above)
                state.record(d.url, spec.url, "duplicate" if d.id in dups else "stored", doc_id=d.id)
                counts["stored"] += 1
    return FeedReport(spec.url, outlet, p.status, len(p.items), **counts)


def _fetch_article(fetcher: Fetcher, state, feed_url: str, item, outlet: str | None, counts: dict,
                   err: TextIO) -> Document | None:
    """The article of a feed item as a Document (URL, outlet, title, date), or None (recorded)."""
    from ..ingest.base import Fail as _Fail
    from ..ingest.html import html_document as _html_document  # the same HTML reader as `tacitus extract`

    def fail(status: str, code: str, message: str) -> None:
        counts["skipped" if status == "skipped" else "failed"] += 1
        state.record(item.url, feed_url, status, code=code, message=message)
        print(f"tacitus: {item.url}: [{code}] {message}", file=err)

    try:
        r = fetcher.get(item.url)
    except FetchError as e:
        if e.status == -1:
            fail("skipped", "E704", "disallowed by robots.txt; not fetched")
        elif e.status in (429, 0) or e.status >= 500:
            fail("failed", "E706", f"{e.reason}; tried again at the next poll")
        else:
            fail("refused", "E707", e.reason)
        return None
    fallback = item.published or datetime.now(timezone.utc).date()
    try:
        doc = _html_document(r.body.decode(_charset(r.content_type), "replace"), item.url, fallback)
    except _Fail as f:
        fail("refused", f.error.code, str(f.error).split("] ", 1)[-1])
        return None
    # origin = the feed it came from (its title is in watch_feeds); source = the outlet, for `sources`
    return dataclasses.replace(doc, url=item.url, source=outlet, title=item.title or doc.title,
                               origin=feed_url).with_id()


def _charset(content_type: str) -> str:
    import codecs

    for part in content_type.split(";"):
        k, _, v = part.strip().partition("=")
        if k.lower() == "charset" and v:
            try:
                return codecs.lookup(v.strip("\"' ")).name
            except LookupError:
                break
    return "utf-8"


def parse_interval(value: str) -> float:
    """'15m', '30s', '1h' or plain seconds -> seconds."""
    from .feeds import WatchError

    v = value.strip().lower()
    mult = {"s": 1, "m": 60, "h": 3600}.get(v[-1:], None)
    try:
        n = float(v[:-1] if mult else v) * (mult or 1)
    except ValueError:
        n = -1
    if n <= 0:
        raise WatchError(f"--interval {value!r} is not a duration: use e.g. 15m, 30s or 1h", code="E708")
    return n


def watch(store, feeds: list[FeedSpec], fetcher: Fetcher, pipeline: Callable[[], object], *, interval: float,
          once: bool, err: TextIO | None = None) -> list[FeedReport]:
    """Poll once, or every `interval` seconds until interrupted; the reports of the last poll."""
    while True:
        started = time.monotonic()
        reports = watch_once(store, feeds, fetcher, pipeline, err)
        if once:
            return reports
        time.sleep(max(0.0, interval - (time.monotonic() - started)))
