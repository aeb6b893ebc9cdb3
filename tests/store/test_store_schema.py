"""Schema: registered migrations, schema_version, views, readable by plain sqlite3."""
from __future__ import annotations

import sqlite3

import pytest
from storehelpers import store  # noqa: F401  (fixture)

from tacitus.store import Store, StoreError, connect
from tacitus.store.schema import MIGRATIONS, SCHEMA_VERSION, Migration, migrate


def test_store_schema_migrations_recorded(store):  # noqa: F811
    rows = store.db.query("SELECT version, name FROM schema_version ORDER BY version")
    assert [r["version"] for r in rows] == [m.version for m in MIGRATIONS]
    assert {"documents", "events", "mentions", "contradictions", "doc_bands", "event_sources",
            "mentions_with_documents", "duplicates", "merged_events"} <= store.db.tables()


def test_store_schema_reopen_is_idempotent(tmp_path):
    path = str(tmp_path / "a.db")
    Store.open(path).close()
    db = connect(path)
    assert migrate(db) == []
    assert db.scalar("SELECT COUNT(*) AS n FROM schema_version") == len(MIGRATIONS)
    db.close()


def test_store_schema_new_migration_applies_once(tmp_path):
    path = str(tmp_path / "a.db")
    Store.open(path).close()
    extra = MIGRATIONS + (Migration(SCHEMA_VERSION + 1, "test column", ("ALTER TABLE events ADD COLUMN note TEXT",)),)
    db = connect(path)
    assert migrate(db, extra) == [SCHEMA_VERSION + 1]
    assert migrate(db, extra) == []
    db.execute("UPDATE events SET note = 'x'")
    db.close()


def test_store_schema_newer_database_is_refused(tmp_path):
    path = str(tmp_path / "a.db")
    Store.open(path).close()
    db = connect(path)
    db.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', 'now')")
    with pytest.raises(StoreError, match="newer"):
        migrate(db)
    db.close()


def test_store_schema_plain_sqlite3_reads_tables(tmp_path):
    path = tmp_path / "a.db"
    Store.open(str(path)).close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    cols = {r[1] for r in con.execute("PRAGMA table_info(events)")}
    assert {"type", "modality", "actor_country", "target_country", "time_start", "n_documents"} <= cols
    con.close()


def test_store_schema_bad_path_is_one_line_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(str(tmp_path / "missing" / "x.db"))
    not_db = tmp_path / "x.db"
    not_db.write_text("this is not a database" * 100)
    with pytest.raises(StoreError):
        Store.open(str(not_db))
