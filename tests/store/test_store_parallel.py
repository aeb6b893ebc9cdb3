"""`ingest --processes 2` stores what `--processes 1` stores, on SQLite and PostgreSQL (the input
is read in the main thread; the store's connection never leaves it)."""
from __future__ import annotations

import json
import uuid

import pytest
from storehelpers import pg_schema_url, pg_url

from tacitus.cli import main
from tacitus.store import connect

from testpaths import SAMPLE


@pytest.fixture(params=["sqlite", "postgresql"])
def two_dbs(request, tmp_path):
    """Two empty stores on one backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "one.db"), str(tmp_path / "two.db")
        return
    url = pg_url()
    schemas = ["p_" + uuid.uuid4().hex[:10] for _ in range(2)]
    admin = connect(url)
    for s in schemas:
        admin.execute(f"CREATE SCHEMA {s}")
    try:
        yield tuple(pg_schema_url(url, s) for s in schemas)
    finally:
        for s in schemas:
            admin.execute(f"DROP SCHEMA {s} CASCADE")
        admin.close()


def paragraphs(tmp_path) -> str:
    """The sample article as JSONL, one document per line of it, plus one exact re-publication."""
    lines = [x for x in SAMPLE.read_text(encoding="utf-8").splitlines() if len(x.split()) > 8]
    recs = [{"id": f"p{i:02d}", "text": t, "published": "2024-03-01"} for i, t in enumerate(lines)]
    recs.append({**recs[1], "id": "p01-copy"})
    path = tmp_path / "paragraphs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return str(path)


@pytest.mark.slow
def test_store_ingest_two_processes_equals_one(two_dbs, tmp_path, capsys):
    path = paragraphs(tmp_path)
    totals = []
    for db, procs in zip(two_dbs, ("1", "2")):
        assert main(["ingest", path, "--db", db, "--processes", procs, "--format", "json"]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["failed"] == 0 and out["duplicates"] == 1
        totals.append(out["totals"])
    one, two = totals
    assert one["documents"] == two["documents"] > 10
    for k in ("duplicates", "events", "mentions", "merged_events", "contradicted_events"):
        assert one[k] == two[k], k
