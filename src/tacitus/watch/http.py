"""Polite HTTP for `tacitus watch`: robots.txt, a per-host delay, retries with backoff, a clear User-Agent.

urllib3 does the requests and the retries (exponential backoff from the first retry, Retry-After
honoured up to a cap); urllib.robotparser reads robots.txt. We add only the per-host spacing.
"""
from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from itertools import takewhile
from urllib.parse import urlsplit

import urllib3
from urllib3.util.retry import Retry

from .polite import Politeness

MAX_RETRY_AFTER = 120.0  # a server asking for a longer pause is retried at the next poll instead
RETRY_STATUS = (429, 500, 502, 503, 504)


@dataclass(frozen=True, slots=True)
class Response:
    """What a fetch returned: status, body, final URL and the validators for conditional GET."""

    url: str
    status: int
    body: bytes
    etag: str | None = None
    modified: str | None = None
    content_type: str = ""


class FetchError(Exception):
    """A request that failed after its retries (status 0: no answer)."""

    def __init__(self, url: str, status: int, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url, self.status, self.reason = url, status, reason


class Fetcher:
    """One HTTP client per watch run; spacing and robots rules are per host."""

    def __init__(self, politeness: Politeness = Politeness()):
        self.p = politeness
        retry = _Retry(total=politeness.retries, connect=politeness.retries, read=politeness.retries,
                       status=politeness.retries, backoff_factor=politeness.backoff, backoff_max=60.0,
                       status_forcelist=RETRY_STATUS, allowed_methods=frozenset({"GET"}),
                       respect_retry_after_header=True, raise_on_status=False, redirect=5)
        # Headers are given per request (urllib3 replaces, not merges, the pool's default headers).
        self.http = urllib3.PoolManager(retries=retry, timeout=urllib3.Timeout(total=politeness.timeout))
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()
        self.requests = 0

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets our User-Agent fetch it."""
        return self._robots_for(url).can_fetch(self.p.user_agent, url)

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        rp = self._robots.get(base)
        if rp is None:
            rp = urllib.robotparser.RobotFileParser(base + "/robots.txt")
            try:
                r = self._get(base + "/robots.txt", {"User-Agent": self.p.user_agent}, check_robots=False)
                status, text = r.status, r.body.decode("utf-8", "replace")
            except FetchError as e:
                status, text = e.status, ""
            # As RFC 9309 and robotparser: 401/403 and an unreachable robots.txt (5xx, no answer)
            # mean "stay away"; any other 4xx means no rules.
            if status in (401, 403) or status >= 500 or status == 0:
                rp.disallow_all = True
            elif status >= 400:
                rp.allow_all = True
            else:
                rp.parse(text.splitlines())
            self._robots[base] = rp
        return rp

    def get(self, url: str, *, etag: str | None = None, modified: str | None = None) -> Response:
        """GET with robots.txt checked first and the conditional headers given; 304 is a normal answer."""
        headers = {"User-Agent": self.p.user_agent}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return self._get(url, headers, check_robots=True)

    def _get(self, url: str, headers: dict[str, str], *, check_robots: bool) -> Response:
        if check_robots and not self.allowed(url):
            raise FetchError(url, -1, "disallowed by robots.txt")
        self._wait(url)
        try:
            r = self.http.request("GET", url, headers=headers, preload_content=True)
        except urllib3.exceptions.MaxRetryError as e:
            reason = e.reason
            status = 0
            if isinstance(reason, urllib3.exceptions.ResponseError):
                status = 429 if "429" in str(reason) else 503
            raise FetchError(url, status, f"no usable answer after {self.p.retries} retries ({reason})") from None
        except urllib3.exceptions.HTTPError as e:
            raise FetchError(url, 0, f"request failed ({type(e).__name__}: {e})") from None
        except _TooLong as e:
            raise FetchError(url, 429, f"{e}; retried at the next poll") from None
        finally:
            self.requests += 1
            self._last[urlsplit(url).netloc] = time.monotonic()  # spacing counts from the end of a request
        if r.status in RETRY_STATUS:
            raise FetchError(url, r.status, f"HTTP {r.status} after {self.p.retries} retries")
        if r.status >= 400:
            raise FetchError(url, r.status, f"HTTP {r.status}")
        return Response(r.geturl() or url, r.status, r.data or b"", r.headers.get("ETag"),
                        r.headers.get("Last-Modified"), r.headers.get("Content-Type", ""))

    def _wait(self, url: str) -> None:
        """Keep `delay` seconds (or the host's Crawl-delay) after the last request to the host ended."""
        host = urlsplit(url).netloc
        delay = self.p.delay
        rp = self._robots.get(f"{urlsplit(url).scheme}://{host}")
        if rp is not None:
            crawl = rp.crawl_delay(self.p.user_agent)
            if crawl:
                delay = max(delay, float(crawl))
        with self._lock:
            wait = self._last.get(host, -1e9) + delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last[host] = time.monotonic()


class _TooLong(Exception):
    """A Retry-After longer than MAX_RETRY_AFTER."""


class _Retry(Retry):
    """urllib3's Retry with a pause before the first retry too, and Retry-After honoured up to a cap."""

    def get_backoff_time(self) -> float:
        errors = len(list(takewhile(lambda x: x.redirect_location is None, reversed(self.history))))
        if errors < 1:
            return 0.0
        return float(min(self.backoff_max, self.backoff_factor * 2 ** (errors - 1)))

    def get_retry_after(self, response):
        after = super().get_retry_after(response)
        if after is not None and after > MAX_RETRY_AFTER:
            # Waiting that long would stall every other feed: give up now, retry at the next poll.
            raise _TooLong(f"the server asks to wait {after:.0f} s")
        return after
