"""What `tacitus watch` remembers between polls, in the store: feed validators and article URLs met.

A restart reads this back, so a feed answers 304 to the conditional GET and articles already
stored (or refused for good: robots.txt, no text, not English) are not fetched again.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from .store import Store

# Never fetched again: stored, linked as a duplicate, disallowed by robots.txt ("skipped"), or refused
# for good (no article text, not English, HTTP 404). "failed" (429, 5xx, no answer) is retried.
FINAL = ("stored", "duplicate", "skipped", "refused")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class FeedState:
    """A feed's last validators (ETag, Last-Modified) and title."""

    url: str
    title: str | None = None
    outlet: str | None = None
    etag: str | None = None
    modified: str | None = None
    polls: int = 0


class WatchState:
    """Feed and item state of one store (only store/ talks to the database)."""

    def __init__(self, store: Store):
        self.db = store.db

    def feed(self, url: str) -> FeedState:
        r = self.db.query("SELECT * FROM watch_feeds WHERE url = ?", (url,))
        if not r:
            return FeedState(url)
        r0 = r[0]
        return FeedState(url, r0["title"], r0["outlet"], r0["etag"], r0["modified"], r0["polls"])

    def save_feed(self, f: FeedState, status: int | None) -> None:
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO watch_feeds (url, title, outlet, etag, modified, last_status, last_polled, polls) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET title = excluded.title, "
                "outlet = excluded.outlet, etag = excluded.etag, modified = excluded.modified, "
                "last_status = excluded.last_status, last_polled = excluded.last_polled, polls = excluded.polls",
                (f.url, f.title, f.outlet, f.etag, f.modified, status, _now(), f.polls))

    def attempts(self, url: str) -> int | None:
        """Tries so far of an article URL still to fetch; None when it needs no fetch (done or new = 0)."""
        r = self.db.query("SELECT status, attempts FROM watch_items WHERE url = ?", (url,))
        if not r:
            return 0
        return None if r[0]["status"] in FINAL else r[0]["attempts"]

    def record(self, url: str, feed_url: str, status: str, *, code: str | None = None, message: str | None = None,
               doc_id: str | None = None) -> None:
        """Remember what happened to an article URL (a FINAL status, or "failed")."""
        now = _now()
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO watch_items (url, feed_url, status, code, message, doc_id, attempts, first_seen, "
                "last_tried) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "status = excluded.status, code = excluded.code, message = excluded.message, "
                "doc_id = excluded.doc_id, attempts = watch_items.attempts + 1, last_tried = excluded.last_tried",
                (url, feed_url, status, code, message, doc_id, now, now))

    def items(self) -> list[dict]:
        """Every article URL met, oldest first (for tests and `tacitus stats` users)."""
        return self.db.query("SELECT * FROM watch_items ORDER BY first_seen, url")
