"""The sample article end to end through the CLI: ingest, re-ingest, stance (needs the spaCy model)."""
from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from storehelpers import pg_schema_url, pg_url

from tacitus.cli import main
from tacitus.store import connect

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ukraine-canada-trainers.txt"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "tacitus.db")
        return
    url = pg_url()
    schema = "s_" + uuid.uuid4().hex[:10]
    admin = connect(url)
    admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield pg_schema_url(url, schema)
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()


@pytest.mark.slow
def test_store_sample_ingest_and_stance(db_url, capsys):
    assert main(["ingest", str(SAMPLE), "--published", "2024-03-01", "--db", db_url, "--format", "json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["stored"] == 1 and first["mentions"] > 10
    assert main(["ingest", str(SAMPLE), "--published", "2024-03-01", "--db", db_url, "--format", "json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["stored"] == 0 and again["skipped"] == 1
    assert again["totals"]["events"] == first["totals"]["events"]

    assert main(["stance", "send troops", "--target", "UKR", "--db", db_url, "--format", "json"]) == 0
    res = json.loads(capsys.readouterr().out)
    stance = {a["actor"]: a["stance"] for a in res["actors"]}
    assert stance.get("CAN") == "possible"      # open to sending trainers
    assert stance.get("FRA") == "possible"      # did not rule out
    assert stance.get("POL") == "negated" and stance.get("CZE") == "negated"
    assert stance.get("USA") == "negated"       # no plans to send troops
    can = next(a for a in res["actors"] if a["actor"] == "CAN")
    assert all(s["evidence"] and s["doc_id"] for s in can["statements"])

    assert main(["query", "--db", db_url, "--actor", "POL", "--modality", "negated", "--format", "jsonl"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert rows and all(r["mentions"] and "sources" in r for r in rows)
