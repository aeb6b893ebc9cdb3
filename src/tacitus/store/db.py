"""The one small database interface: SQLite (stdlib) or PostgreSQL (psycopg) behind `Database`.

SQL everywhere in `store/` is written once with `?` placeholders and portable types; the
PostgreSQL backend rewrites placeholders to `%s`. Nothing outside `store/` opens a connection.
"""
from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import TacitusError

DEFAULT_DB = "tacitus.db"


class StoreError(TacitusError):
    """The event store cannot be opened, migrated or written."""

    code = "E500"


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


class Database:
    """A connection with `execute`, `query`, `transaction`; `url` is shown to people: no password."""

    dialect = ""
    url = ""
    read_only = False

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; return the affected row count."""
        raise NotImplementedError

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts."""
        raise NotImplementedError

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.query(sql, params)
        return next(iter(rows[0].values())) if rows else None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        raise NotImplementedError
        yield  # pragma: no cover

    def tables(self) -> set[str]:
        raise NotImplementedError

    @contextmanager
    def migration_lock(self) -> Iterator[None]:
        """Held while migrating, so two processes opening a new store do not both create it."""
        raise NotImplementedError
        yield  # pragma: no cover

    def write_lock(self) -> None:
        """Inside a transaction: wait for other writers of this store until it ends."""

    def close(self) -> None:
        raise NotImplementedError


class SQLiteDatabase(Database):
    """A SQLite file (or ":memory:") in WAL mode with foreign keys on; transactions are explicit."""

    dialect = "sqlite"

    def __init__(self, path: str, *, read_only: bool = False):
        self.url = path
        self.read_only = read_only and path != ":memory:"
        if path != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"cannot create database {path}: directory {parent} does not exist")
        try:
            self.conn = self._connect_read_only(path) if self.read_only else self._connect(path)
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot open {path} as a SQLite database: {e}") from e
        self._depth = 0

    @staticmethod
    def _connect(path: str) -> sqlite3.Connection:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        if path != ":memory:":
            # Switching a new file to WAL needs it to itself and ignores the busy timeout: a
            # process opening it at the same moment as another waits its turn here.
            deadline = time.monotonic() + 30.0
            while True:
                try:
                    conn.execute("PRAGMA journal_mode = WAL")
                    break
                except sqlite3.OperationalError as e:
                    if "locked" not in str(e) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
            conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    @staticmethod
    def _connect_read_only(path: str) -> sqlite3.Connection:
        # Reading needs no write access: mode=ro, and when even the WAL index (-shm) cannot be
        # created beside the file (a read-only folder or medium), immutable=1, which takes no locks.
        uri = "file:" + quote(str(Path(path).expanduser().resolve()))
        for flags in ("?mode=ro", "?mode=ro&immutable=1"):
            conn = sqlite3.connect(uri + flags, uri=True, isolation_level=None, timeout=30.0)
            try:
                conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                conn.close()
                continue
            conn.row_factory = sqlite3.Row
            return conn
        raise sqlite3.OperationalError("unable to open the database file read-only")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self.conn.execute(sql, tuple(params)).rowcount

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, tuple(params)).fetchall()]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    def tables(self) -> set[str]:
        return {r["name"] for r in self.query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}

    @contextmanager
    def migration_lock(self) -> Iterator[None]:
        # BEGIN IMMEDIATE takes the write lock up front: a second process waits (busy timeout)
        # and then sees the schema the first one created.
        with self.transaction():
            yield

    def write_lock(self) -> None:
        pass  # BEGIN IMMEDIATE already made this transaction the only writer

    def close(self) -> None:
        self.conn.close()


class PostgresDatabase(Database):
    """A PostgreSQL database through psycopg 3 (autocommit outside explicit transactions)."""

    dialect = "postgresql"

    def __init__(self, url: str, *, read_only: bool = False):
        self.url = redact_url(url)
        self.read_only = read_only
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as e:  # pragma: no cover - psycopg is a dependency
            raise StoreError("PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from e
        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row, connect_timeout=10)
        except psycopg.Error as e:
            first = (str(e).strip().splitlines() or [type(e).__name__])[0]
            raise StoreError(f"cannot connect to {self.url}: {redact_text(first, url)}") from e
        self._tx = None

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        cur = self.conn.execute(self._sql(sql), tuple(params))
        return cur.rowcount

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(self._sql(sql), [tuple(r) for r in rows])

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return list(self.conn.execute(self._sql(sql), tuple(params)).fetchall())

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            yield

    def tables(self) -> set[str]:
        rows = self.query("SELECT table_name AS name FROM information_schema.tables "
                          "WHERE table_schema = current_schema()")
        return {r["name"] for r in rows}

    @contextmanager
    def migration_lock(self) -> Iterator[None]:
        # CREATE TABLE is not safe to race in PostgreSQL (UniqueViolation on pg_type): a session
        # advisory lock per schema serialises migrations across processes.
        key = "SELECT hashtext('tacitus.migrate:' || current_schema()) AS k"
        k = self.scalar(key)
        self.execute("SELECT pg_advisory_lock(?)", (k,))
        try:
            yield
        finally:
            self.execute("SELECT pg_advisory_unlock(?)", (k,))

    def write_lock(self) -> None:
        # Two ingests writing the same document would both insert it (UniqueViolation), and an
        # event one of them is inserting is invisible to the other's merge: one writer at a time,
        # as in SQLite; writing is a small part of ingest time.
        self.execute("SELECT pg_advisory_xact_lock(hashtext('tacitus.write:' || current_schema()))")

    def close(self) -> None:
        self.conn.close()


_PASSWORD_PARAM = re.compile(r"(?i)([?&;\s]password=)[^&;\s]*")


def redact_url(url: str) -> str:
    """The URL without its password (in the authority or as a `password=` parameter)."""
    if "://" in url:
        scheme, rest = url.split("://", 1)
        auth, sep, host = rest.rpartition("@")
        if sep and "/" not in auth:
            url = f"{scheme}://{auth.split(':', 1)[0]}@{host}"
    return _PASSWORD_PARAM.sub(r"\1***", url)


def redact_text(text: str, url: str) -> str:
    """`text` with the password of `url` (if any) masked wherever it appears."""
    m = re.match(r"[^:]+://[^:/@]*:([^@/]*)@", url)
    if m and m.group(1):
        text = text.replace(m.group(1), "***")
    return _PASSWORD_PARAM.sub(r"\1***", text)


def connect(url: str | None = None, *, read_only: bool = False) -> Database:
    """Open a `postgresql://` URL, a SQLite path or ":memory:" (default `tacitus.db`), maybe read-only."""
    # read_only: SQLite opens the file read-only, so a store on a read-only medium can be queried.
    url = url or DEFAULT_DB
    if is_postgres(url):
        return PostgresDatabase(url, read_only=read_only)
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):]
    return SQLiteDatabase(url, read_only=read_only)
