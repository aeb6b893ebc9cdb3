"""What a running `tacitus serve` holds: its settings, one store per worker thread, the model."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import TacitusError
from ..store import DEFAULT_DB, Store
from ..store.db import is_postgres

MAX_BODY = 1_000_000  # bytes a POST may carry (one long article is ~50 kB)


class ServeError(TacitusError):
    """`tacitus serve` cannot start, or a request cannot be answered."""

    code = "E600"


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """Settings of one server; the token is never shown (repr=False)."""

    db: str = DEFAULT_DB
    token: str | None = field(default=None, repr=False)
    max_body: int = MAX_BODY

    @property
    def writable(self) -> bool:
        return self.token is not None


def read_token(path: str) -> str:
    """The bearer token in a file (surrounding whitespace ignored), with a coded error."""
    p = Path(path)
    try:
        token = p.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as e:
        reason = getattr(e, "strerror", None) or "not UTF-8 text"
        raise ServeError(f"cannot read token file {path}: {reason}", code="E616") from e
    if len(token) < 16 or any(c.isspace() for c in token):
        raise ServeError(f"token file {path} must hold one token of at least 16 characters without spaces "
                         f"(e.g. `python -c 'import secrets; print(secrets.token_urlsafe())' > {path}`)",
                         code="E616")
    return token


def check_store(url: str) -> None:
    """Refuse to serve a SQLite file that does not exist (serving never creates a store)."""
    if not is_postgres(url) and url != ":memory:" and not Path(url.removeprefix("sqlite:///")).exists():
        raise ServeError(f"no event store at {url}: run `tacitus ingest PATH --db {url}` first", code="E506")


class StorePool:
    """One open `Store` per thread (sqlite3 connections stay in the thread that made them)."""

    def __init__(self, url: str):
        self.url = url
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def get(self) -> Store:
        s = getattr(self._local, "store", None)
        if s is None:
            s = Store.open(self.url)
            self._local.store = s
            with self._lock:
                self._all.append(s)
        return s

    def close(self) -> None:
        with self._lock:
            for s in self._all:
                try:
                    s.close()
                except Exception:  # noqa: BLE001 - closing at shutdown: a connection may be gone already
                    pass
            self._all.clear()


class Models:
    """The extraction pipeline, loaded on first use (about 1 GB) and used by one request at a time."""

    def __init__(self):
        self._pipe = None
        self.lock = threading.Lock()  # spaCy pipelines are not shared across threads

    def pipeline(self):
        if self._pipe is None:
            from ..pipeline import Pipeline

            self._pipe = Pipeline()
        return self._pipe
