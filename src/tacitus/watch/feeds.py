"""Feeds for `tacitus watch`: the feeds file, one poll of a feed (conditional GET, feedparser), its items.

FEEDS.txt holds one feed URL per line, optionally followed by the outlet's name; `#` starts a
comment. Without a name the outlet is the feed's own title.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..errors import TacitusError
from .http import Fetcher, FetchError


class WatchError(TacitusError):
    """The feeds file or a watch setting cannot be used."""

    code = "E700"


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """A line of the feeds file: the feed URL and, when given, the outlet's name."""

    url: str
    outlet: str | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class Item:
    """A feed entry pointing to an article."""

    url: str
    title: str | None
    published: date | None


@dataclass(frozen=True, slots=True)
class Poll:
    """One poll of a feed: HTTP status (304 = not modified), new validators, the feed title, its items."""

    status: int
    etag: str | None
    modified: str | None
    title: str | None
    items: tuple[Item, ...]
    warning: str | None = None


def read_feeds(path: str) -> list[FeedSpec]:
    """The feeds of a feeds file; a line that is not an http(s) URL is a coded error naming the line."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise WatchError(f"no feeds file {path}: write one feed URL per line (optionally followed by the "
                         f"outlet's name)", code="E701") from None
    except (OSError, UnicodeDecodeError) as e:
        raise WatchError(f"cannot read feeds file {path}: {e}", code="E701") from None
    feeds: list[FeedSpec] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = line.split(" #", 1)[0].strip()  # a trailing comment; a URL's own #fragment has no space
        url, _, name = line.partition(" ")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise WatchError(f"{path}:{n}: {url!r} is not an http(s) feed URL", code="E702")
        feeds.append(FeedSpec(url, name.strip() or None, n))
    if not feeds:
        raise WatchError(f"{path} lists no feeds: write one feed URL per line", code="E701")
    return feeds


def poll(fetcher: Fetcher, url: str, etag: str | None, modified: str | None) -> Poll:
    """Fetch a feed with its last validators and parse it; FetchError when it cannot be had."""
    import feedparser

    r = fetcher.get(url, etag=etag, modified=modified)
    if r.status == 304:
        return Poll(304, etag, modified, None, ())
    parsed = feedparser.parse(r.body, response_headers={"content-location": r.url,
                                                        "content-type": r.content_type or "application/xml"})
    items = []
    for e in parsed.entries:
        link = e.get("link") or next((x.get("href") for x in e.get("links", []) if x.get("href")), None)
        if not link:
            continue
        link = urljoin(r.url, link)
        if urlsplit(link).scheme not in ("http", "https"):
            continue
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        pub = datetime.fromtimestamp(calendar.timegm(stamp), timezone.utc).date() if stamp else None
        items.append(Item(link, " ".join((e.get("title") or "").split()) or None, pub))
    if parsed.bozo and not items:
        raise FetchError(url, -2, f"not an RSS or Atom feed ({parsed.get('bozo_exception', 'unreadable')})")
    warning = f"malformed feed, {len(items)} item(s) recovered ({parsed.bozo_exception})" if parsed.bozo else None
    return Poll(r.status, r.etag or etag, r.modified or modified, parsed.feed.get("title"), tuple(items), warning)
