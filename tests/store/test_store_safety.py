"""Opening stores safely: concurrent first opens, someone else's database, read-only folders,
passwords never printed."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from storehelpers import FakePipeline, corpus_docs, pg_schema_url, pg_url

from tacitus.cli import main
from tacitus.store import Store, StoreError, connect
from tacitus.store.db import redact_url
from tacitus.store.ingest import ingest
from tacitus.store.schema import MIGRATIONS

from testpaths import SAMPLE

V = "test-pipeline-1"


# --- migrations race --------------------------------------------------------------------------


@contextmanager
def fresh_pg_schema():
    url = pg_url()
    schema = "m_" + uuid.uuid4().hex[:10]
    admin = connect(url)
    admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield pg_schema_url(url, schema)
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()


def open_together(url: str, n: int = 4) -> list[BaseException]:
    """Open a new store from n threads released at the same instant; the errors they met."""
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def run():
        try:
            barrier.wait()
            Store.open(url).close()
        except BaseException as e:  # noqa: BLE001 - collected for the assertion
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_store_concurrent_first_opens_migrate_once(backend, tmp_path):
    for attempt in range(5):
        if backend == "sqlite":
            url = str(tmp_path / f"new{attempt}.db")
            assert open_together(url) == []
        else:
            with fresh_pg_schema() as url:
                assert open_together(url) == []
                check = connect(url)
                assert [r["version"] for r in check.query("SELECT version FROM schema_version ORDER BY version")] \
                    == [m.version for m in MIGRATIONS]
                check.close()


@pytest.mark.slow
def test_store_two_first_ingests_on_a_fresh_postgresql_schema(tmp_path):
    """Two `tacitus ingest` started together: both succeed and the store equals one clean run."""
    lines = [x for x in SAMPLE.read_text(encoding="utf-8").splitlines() if len(x.split()) > 8]
    path = tmp_path / "p.jsonl"
    path.write_text("".join(json.dumps({"id": f"p{i}", "text": t, "published": "2024-03-01"}) + "\n"
                            for i, t in enumerate(lines)), encoding="utf-8")
    cmd = [sys.executable, "-m", "tacitus.cli", "ingest", str(path), "--format", "json", "--db"]
    with fresh_pg_schema() as url:
        procs = [subprocess.Popen(cmd + [url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        results = [p.communicate(timeout=900) for p in procs]
        for p, (out, err) in zip(procs, results):
            assert p.returncode == 0 and "Traceback" not in err, err[-2000:]
        totals = json.loads(results[-1][0])["totals"]
        with fresh_pg_schema() as clean:
            assert main(["ingest", str(path), "--db", clean]) == 0
            with Store.open(clean) as st:
                want = st.stats()
        for k in ("documents", "duplicates", "mentions"):
            assert totals[k] == want[k], k


# --- someone else's database --------------------------------------------------------------------


def test_store_refuses_a_sqlite_file_of_another_application(tmp_path, capsys):
    path = tmp_path / "notes.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("INSERT INTO notes (body) VALUES ('Kyiv trip, March')")
    con.commit()
    con.close()
    assert main(["stats", "--db", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "[E507]" in err and "not a Tacitus event store" in err
    with pytest.raises(StoreError, match="E507"):
        Store.open(str(path))
    con = sqlite3.connect(path)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["notes"]   # untouched
    con.close()


def test_store_an_empty_sqlite_file_becomes_a_store(tmp_path):
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    Store.open(str(path)).close()
    assert "schema_version" in connect(str(path)).tables()


# --- read-only folders ----------------------------------------------------------------------------


@contextmanager
def read_only_folder(folder: Path):
    """The folder made read-only even for root (chattr +i), or by mode bits for other users."""
    if os.geteuid() == 0:
        if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(folder)]).returncode:
            pytest.skip("cannot make a folder read-only for root here (chattr +i)")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def test_store_on_a_read_only_folder_can_be_read(tmp_path, capsys):
    folder = tmp_path / "archive"
    folder.mkdir()
    db = str(folder / "tacitus.db")
    with Store.open(db) as st:
        ingest(st, corpus_docs(), pipeline_factory=FakePipeline, pipeline_version=V)
        want = st.stats()
    assert sorted(os.listdir(folder)) == ["tacitus.db"]          # no -wal/-shm left behind
    with read_only_folder(folder):
        assert main(["stats", "--db", db, "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out)["events"] == want["events"]
        assert main(["query", "--db", db, "--actor", "CAN", "--format", "jsonl"]) == 0
        assert len(capsys.readouterr().out.splitlines()) == want["events"]
        assert main(["ingest", str(SAMPLE), "--db", db]) == 2      # writing still needs the folder
        assert "[E500]" in capsys.readouterr().err


# --- passwords ------------------------------------------------------------------------------------


@pytest.mark.parametrize("url, shown", [
    ("postgresql://postgres:S3cretPass@db.example.org:5432/events",
     "postgresql://postgres@db.example.org:5432/events"),
    ("postgres://u:p%40ss@h/db?options=-csearch_path%3Dx", "postgres://u@h/db?options=-csearch_path%3Dx"),
    ("postgresql://h/db?user=u&password=S3cretPass", "postgresql://h/db?user=u&password=***"),
    ("postgresql://u@h/db", "postgresql://u@h/db"),
    ("archive/tacitus.db", "archive/tacitus.db"),
])
def test_redact_url(url, shown):
    assert redact_url(url) == shown


@contextmanager
def secret_role():
    """A PostgreSQL URL with a fresh role's password in it (its own schema); both dropped afterwards."""
    base = pg_url()
    role, password = "redact_" + uuid.uuid4().hex[:8], "S3cret" + uuid.uuid4().hex[:10]
    admin = connect(base)
    admin.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
    schema = "r_" + uuid.uuid4().hex[:10]
    admin.execute(f"CREATE SCHEMA {schema} AUTHORIZATION {role}")
    try:
        scheme, rest = base.split("://", 1)
        yield pg_schema_url(f"{scheme}://{role}:{password}@{rest.rsplit('@', 1)[1]}", schema), password
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.execute(f"DROP ROLE {role}")
        admin.close()


def test_store_ingest_never_prints_the_password(tmp_path, capsys):
    with secret_role() as (url, password):
        with Store.open(url) as st:
            ingest(st, corpus_docs(), pipeline_factory=FakePipeline, pipeline_version=V)
            assert password not in st.db.url
        for args in (["stats", "--db", url], ["query", "--db", url, "--limit", "1"],
                     ["stats", "--db", url.replace(password, password + "x")]):   # wrong password
            main(args)
            cap = capsys.readouterr()
            assert password not in cap.out + cap.err, args


@pytest.mark.slow
def test_store_ingest_summary_never_prints_the_password(tmp_path, capsys):
    with secret_role() as (url, password):
        assert main(["ingest", str(SAMPLE), "--published", "2024-03-01", "--db", url]) == 0
        cap = capsys.readouterr()
        assert "now holds 1 documents" in cap.err and password not in cap.out + cap.err
