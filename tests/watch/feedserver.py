"""A news site on 127.0.0.1 for the watch tests: feeds and pages from fixtures/, with a request log.

- /robots.txt disallows /private/;
- /feeds/world.xml (RSS) answers 304 to its current ETag; `site.world = "v2"` adds an item;
- /feeds/atom.xml (Atom) answers 304 to its Last-Modified;
- /feeds/broken.xml is not XML at all, /feeds/truncated.xml is cut off after its first item,
  /feeds/down.xml always answers 500;
- /news/flaky.html answers 503 once, /news/busy.html 429 with Retry-After: 1 once, then the page.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ATOM_MODIFIED = "Sun, 03 Mar 2024 12:00:00 GMT"


@dataclass
class Request:
    t: float
    path: str
    headers: dict[str, str]
    status: int = 0


@dataclass
class Site:
    """The served site's state and every request it got."""

    base: str = ""
    world: str = "v1"
    log: list[Request] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)

    def paths(self, since: int = 0) -> list[str]:
        return [r.path for r in self.log[since:]]


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet: the test reads site.log instead
            pass

        def do_GET(self):  # noqa: N802 - http.server's naming
            req = Request(time.monotonic(), self.path, {k: v for k, v in self.headers.items()})
            site.log.append(req)
            n = site.hits[self.path] = site.hits.get(self.path, 0) + 1
            status, body, headers = self.route(n)
            req.status = status
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def route(self, n: int) -> tuple[int, bytes, dict[str, str]]:
            p = self.path
            if p == "/robots.txt":
                return 200, (FIXTURES / "robots.txt").read_bytes(), {"Content-Type": "text/plain"}
            if p == "/feeds/world.xml":
                etag = f'"{site.world}"'
                if self.headers.get("If-None-Match") == etag:
                    return 304, b"", {"ETag": etag}
                return 200, self.feed(f"world-{site.world}.xml"), {"ETag": etag, "Content-Type": "application/rss+xml"}
            if p == "/feeds/atom.xml":
                if self.headers.get("If-Modified-Since") == ATOM_MODIFIED:
                    return 304, b"", {}
                return 200, self.feed("atom.xml"), {"Last-Modified": ATOM_MODIFIED,
                                                    "Content-Type": "application/atom+xml"}
            if p in ("/feeds/broken.xml", "/feeds/truncated.xml"):
                return 200, self.feed(p.rsplit("/", 1)[1]), {"Content-Type": "application/rss+xml"}
            if p == "/feeds/down.xml":
                return 500, b"internal error", {"Content-Type": "text/plain"}
            if p == "/news/flaky.html" and n == 1:
                return 503, b"try later", {"Content-Type": "text/plain"}
            if p == "/news/busy.html" and n == 1:
                return 429, b"slow down", {"Retry-After": "1", "Content-Type": "text/plain"}
            page = FIXTURES / p.lstrip("/")
            if p.startswith("/news/") and page.is_file():
                return 200, page.read_bytes(), {"Content-Type": "text/html; charset=utf-8"}
            return 404, b"not found", {"Content-Type": "text/plain"}

        def feed(self, name: str) -> bytes:
            return (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", site.base).encode("utf-8")

    return Handler


class FeedServer:
    """Serve the site on 127.0.0.1 (a free port) in a thread; `with FeedServer() as site: ...`."""

    def __enter__(self) -> Site:
        self.site = Site()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.site))
        self.site.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self.site

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
