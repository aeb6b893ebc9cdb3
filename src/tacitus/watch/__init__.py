"""`tacitus watch`: poll RSS/Atom feeds, fetch new articles politely, ingest them into the store."""
from __future__ import annotations
