"""Schema as registered migrations (sqlite-utils' migrations idea): applied in order, recorded
in `schema_version`, each in its own transaction. Add a migration; never edit an applied one.

Types are portable: TEXT, INTEGER and {REAL} (REAL in SQLite, DOUBLE PRECISION in PostgreSQL).
Dates are ISO `YYYY-MM-DD` text, so `time_start >= '2024-02-01'` works in both and in Datasette.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from .db import Database, StoreError


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


_PARTY = "{p}_text TEXT, {p}_name TEXT, {p}_country TEXT, {p}_sector TEXT, {p}_kind TEXT"


def _party(prefix: str) -> str:
    return _PARTY.format(p=prefix)


M1 = Migration(1, "documents, events, mentions, duplicates, contradictions", (
    """CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        published TEXT,
        title TEXT,
        url TEXT,
        source TEXT,
        language TEXT,
        origin TEXT,
        n_chars INTEGER NOT NULL,
        text TEXT NOT NULL,
        duplicate_of TEXT,
        duplicate_kind TEXT,
        similarity {REAL},
        n_mentions INTEGER NOT NULL DEFAULT 0,
        minhash TEXT,
        pipeline_version TEXT,
        ingested_at TEXT NOT NULL
    )""",
    "CREATE INDEX documents_content_hash ON documents (content_hash)",
    "CREATE INDEX documents_duplicate_of ON documents (duplicate_of)",
    "CREATE INDEX documents_published ON documents (published)",
    """CREATE TABLE doc_bands (
        band TEXT NOT NULL,
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        PRIMARY KEY (band, doc_id)
    )""",
    "CREATE INDEX doc_bands_doc ON doc_bands (doc_id)",
    f"""CREATE TABLE events (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        mode TEXT,
        cameo TEXT,
        plover_type TEXT,
        modality TEXT NOT NULL,
        quad TEXT,
        goldstein {{REAL}},
        {_party("actor")},
        {_party("target")},
        location_name TEXT, location_country TEXT, lat {{REAL}}, lon {{REAL}},
        time_start TEXT,
        time_end TEXT,
        first_seen TEXT,
        last_seen TEXT,
        n_mentions INTEGER NOT NULL DEFAULT 0,
        n_documents INTEGER NOT NULL DEFAULT 0,
        n_sources INTEGER NOT NULL DEFAULT 0,
        corroboration INTEGER NOT NULL DEFAULT 0,
        contradicted INTEGER NOT NULL DEFAULT 0,
        trigger TEXT,
        triggers TEXT,
        evidence TEXT,
        doc_id TEXT,
        representative TEXT,
        confidence {{REAL}},
        pipeline_version TEXT,
        updated_at TEXT
    )""",
    "CREATE INDEX events_type_time ON events (type, time_start)",
    "CREATE INDEX events_actor ON events (actor_country)",
    "CREATE INDEX events_target ON events (target_country)",
    f"""CREATE TABLE mentions (
        id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL REFERENCES events (id),
        doc_id TEXT NOT NULL REFERENCES documents (id),
        type TEXT NOT NULL,
        mode TEXT,
        cameo TEXT,
        plover_type TEXT,
        modality TEXT NOT NULL,
        condition TEXT,
        {_party("actor")},
        {_party("target")},
        {_party("speaker")},
        channel TEXT,
        cue TEXT,
        time_text TEXT, time_start TEXT, time_end TEXT, time_precision TEXT, time_anchor TEXT,
        location_text TEXT, location_name TEXT, location_country TEXT, lat {{REAL}}, lon {{REAL}},
        contexts TEXT,
        quantities TEXT,
        sentence TEXT NOT NULL,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        trigger TEXT,
        trigger_start INTEGER,
        trigger_end INTEGER,
        confidence {{REAL}},
        goldstein {{REAL}},
        rule TEXT,
        pipeline_version TEXT NOT NULL,
        json TEXT NOT NULL
    )""",
    "CREATE INDEX mentions_event ON mentions (event_id)",
    "CREATE INDEX mentions_doc ON mentions (doc_id)",
    """CREATE TABLE contradictions (
        event_id TEXT NOT NULL REFERENCES events (id),
        other_id TEXT NOT NULL REFERENCES events (id),
        PRIMARY KEY (event_id, other_id)
    )""",
))

M2 = Migration(2, "views for Datasette/DuckDB users", (
    """CREATE VIEW event_sources AS
        SELECT DISTINCT m.event_id, d.source
        FROM mentions m JOIN documents d ON d.id = m.doc_id
        WHERE d.source IS NOT NULL""",
    """CREATE VIEW mentions_with_documents AS
        SELECT m.*, d.published, d.source, d.title, d.url
        FROM mentions m JOIN documents d ON d.id = m.doc_id""",
    """CREATE VIEW duplicates AS
        SELECT d.id, d.duplicate_of, d.duplicate_kind, d.similarity, d.published, o.published AS original_published
        FROM documents d JOIN documents o ON o.id = d.duplicate_of
        WHERE d.duplicate_of IS NOT NULL""",
    """CREATE VIEW merged_events AS
        SELECT * FROM events WHERE n_documents > 1""",
))

M3 = Migration(3, "events.time_slack: days of slack the merge rule allows around the event time", (
    "ALTER TABLE events ADD COLUMN time_slack INTEGER NOT NULL DEFAULT 1",
))

M4 = Migration(4, "watch state: polled feeds (conditional GET validators) and the article URLs met", (
    """CREATE TABLE watch_feeds (
        url TEXT PRIMARY KEY,
        title TEXT,
        outlet TEXT,
        etag TEXT,
        modified TEXT,
        last_status INTEGER,
        last_polled TEXT,
        polls INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE watch_items (
        url TEXT PRIMARY KEY,
        feed_url TEXT NOT NULL,
        status TEXT NOT NULL,
        code TEXT,
        message TEXT,
        doc_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT NOT NULL,
        last_tried TEXT NOT NULL
    )""",
    "CREATE INDEX watch_items_feed ON watch_items (feed_url)",
))

M5 = Migration(5, "repair copies orphaned by replacing their original (before 0.1.0 hardening)", (
    # They kept duplicate_kind without duplicate_of and were never extracted: mark them as
    # awaiting extraction (pipeline_version NULL); the next ingest extracts them.
    "UPDATE documents SET duplicate_kind = NULL, similarity = NULL, pipeline_version = NULL "
    "WHERE duplicate_of IS NULL AND duplicate_kind IS NOT NULL",
))

# The registry: append new migrations here.
MIGRATIONS: tuple[Migration, ...] = (M1, M2, M3, M4, M5)
SCHEMA_VERSION = MIGRATIONS[-1].version


def _dialect_sql(db: Database, sql: str) -> str:
    return sql.replace("{REAL}", "DOUBLE PRECISION" if db.dialect == "postgresql" else "REAL")


def current_version(db: Database) -> int:
    if "schema_version" not in db.tables():
        return 0
    return int(db.scalar("SELECT COALESCE(MAX(version), 0) AS v FROM schema_version") or 0)


def migrate(db: Database, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
    """Apply the migrations not yet recorded (under the migration lock); return the versions applied."""
    # A database with tables but no schema_version is someone else's: refused (E507), not filled
    # with Tacitus tables. A read-only store must already be current (E508).
    latest = migrations[-1].version
    tables = db.tables()
    if tables and "schema_version" not in tables:
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise StoreError(f"{db.url} is not a Tacitus event store (it has other tables: {shown}); "
                         f"give a new file name or an empty database", code="E507")
    have = current_version(db) if tables else 0
    if have == latest:
        return []
    if have > latest:
        raise StoreError(f"{db.url}: schema version {have} is newer than this Tacitus knows "
                         f"({latest}); upgrade Tacitus")
    if db.read_only:
        raise StoreError(f"{db.url}: the store needs a schema upgrade (version {have} -> {latest}) "
                         f"but was opened read-only; run `tacitus ingest` on it once", code="E508")
    applied = []
    with db.migration_lock():
        with db.transaction():
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                       "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        for m in migrations:
            with db.transaction():
                # Re-check inside the lock: another process may have migrated meanwhile.
                if db.scalar("SELECT COUNT(*) AS n FROM schema_version WHERE version = ?", (m.version,)):
                    continue
                for stmt in m.statements:
                    db.execute(_dialect_sql(db, stmt))
                db.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                           (m.version, m.name, datetime.now(timezone.utc).isoformat(timespec="seconds")))
            applied.append(m.version)
    return applied
