"""The event store: documents, mentions and merged events in SQLite (default) or PostgreSQL.

Only this package talks to the database. See docs/store.md for the schema. Names are imported on
first use, so the CLI can register the store commands without loading the store.
"""
from __future__ import annotations

from typing import Any

__all__ = ["DEFAULT_DB", "Database", "Store", "StoreError", "WriteResult", "connect"]


def __getattr__(name: str) -> Any:
    if name in ("DEFAULT_DB", "Database", "StoreError", "connect"):
        from . import db

        return getattr(db, name)
    if name in ("Store", "WriteResult"):
        from . import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
