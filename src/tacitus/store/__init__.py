"""The event store: documents, mentions and merged events in SQLite (default) or PostgreSQL.

Only this package talks to the database. See docs/store.md for the schema.
"""
from __future__ import annotations

from .db import DEFAULT_DB, Database, StoreError, connect
from .store import Store, WriteResult

__all__ = ["DEFAULT_DB", "Database", "Store", "StoreError", "WriteResult", "connect"]
