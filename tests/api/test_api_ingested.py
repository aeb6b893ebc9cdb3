"""The API over stores made by `tacitus ingest` (the real pipeline): the sample on SQLite and
PostgreSQL, the README's corpus store, and extract/ingest over HTTP."""
from __future__ import annotations

import csv
import io
import json
import uuid

import pytest
from apihelpers import ROOT
from apihelpers import make_client
from storehelpers import pg_schema_url, pg_url

from tacitus.cli import main
from tacitus.store import Store, connect
from tacitus.store.query import FACETS, Filters, count_events, facets

pytestmark = pytest.mark.slow
SAMPLE = ROOT / "examples" / "ukraine-canada-trainers.txt"


@pytest.fixture(params=["sqlite", "postgresql"])
def sample_db(request, tmp_path, capsys):
    """The sample article ingested by the CLI, on each backend."""
    if request.param == "sqlite":
        url = str(tmp_path / "sample.db")
        assert main(["ingest", str(SAMPLE), "--published", "2024-03-01", "--db", url]) == 0
        yield url
        return
    base = pg_url()
    schema = "i_" + uuid.uuid4().hex[:10]
    admin = connect(base)
    admin.execute(f"CREATE SCHEMA {schema}")
    url = pg_schema_url(base, schema)
    try:
        assert main(["ingest", str(SAMPLE), "--published", "2024-03-01", "--db", url]) == 0
        yield url
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()


def test_api_over_the_ingested_sample(sample_db, capsys):
    capsys.readouterr()
    assert main(["query", "--db", sample_db, "--format", "jsonl"]) == 0
    cli = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert main(["stance", "send troops", "--target", "UKR", "--db", sample_db, "--format", "json"]) == 0
    cli_stance = json.loads(capsys.readouterr().out)
    with make_client(sample_db) as c:
        page = c.get("/api/events", params={"limit": 500}).json()
        assert page["events"] == cli and page["total"] == len(cli) > 20
        assert c.get("/api/stance", params={"action": "send troops", "target": "UKR"}).json() == cli_stance
        doc = c.get(f"/api/documents/{cli[0]['doc_id']}").json()
        assert doc["text"] == SAMPLE.read_text(encoding="utf-8")
        for e in cli:
            d = c.get(f"/api/events/{e['id']}").json()
            for m in d["all_mentions"]:
                ev = m["evidence"]
                assert doc["text"][ev["start"]:ev["end"]] == ev["sentence"]
                assert doc["text"][ev["trigger_start"]:ev["trigger_end"]] == ev["trigger"]
        money = [e for e in cli if any(q["unit"] == "CAD" for q in e["quantities"])]
        assert money
        html = c.get(f"/events/{money[0]['id']}").text
        assert "60M CAD ≈ $44." in html
        usa = [e for e in cli if (e["actor"] or {}).get("country") == "USA" and e["modality"] == "negated"]
        assert usa and "Reuters" in c.get(f"/events/{usa[0]['id']}").text


def test_api_extract_gives_what_the_cli_extracts_and_stores_nothing(tmp_path, capsys):
    db = str(tmp_path / "empty.db")
    with Store.open(db):
        pass
    assert main(["extract", str(SAMPLE), "--published", "2024-03-01", "--format", "json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    with make_client(db) as c:
        r = c.post("/api/extract", params={"published": "2024-03-01"}, content=SAMPLE.read_bytes(),
                   headers={"Content-Type": "text/plain"})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["documents"][0]["events"] == cli and body["n_events"] == len(cli)
        r = c.post("/api/extract", json={"text": SAMPLE.read_text(), "published": "2024-03-01", "id": "s1"})
        assert r.json()["documents"][0]["id"] == "s1" and len(r.json()["documents"][0]["events"]) == len(cli)
        html = "<html><body><article><h1>Troops</h1><p>" + SAMPLE.read_text().replace("\n", "</p><p>") + \
               "</p></article></body></html>"
        r = c.post("/api/extract", content=html.encode(), headers={"Content-Type": "text/html"},
                   params={"published": "2024-03-01"})
        assert r.status_code == 200 and r.json()["n_events"] > 10
        assert c.get("/api/stats").json()["documents"] == 0


def test_api_ingest_with_the_token_stores_and_serves_the_article(tmp_path):
    db = str(tmp_path / "w.db")
    with Store.open(db):
        pass
    token = "t" * 20 + "-write"
    text = SAMPLE.read_text()
    with make_client(db, token=token) as c:
        auth = {"Authorization": f"Bearer {token}"}
        r = c.post("/api/ingest", json={"text": text, "id": "canada", "published": "2024-03-01",
                                        "source": "Rubryka"}, headers=auth)
        assert r.status_code == 200, r.text
        s = r.json()
        assert (s["stored"], s["doc_ids"], s["totals"]["documents"]) == (1, ["canada"], 1) and s["mentions"] > 10
        again = c.post("/api/ingest", json={"text": text, "id": "canada", "published": "2024-03-01"}, headers=auth)
        assert again.json()["skipped"] == 1 and again.json()["totals"] == s["totals"]
        d = c.get("/api/documents/canada").json()
        assert d["source"] == "Rubryka" and len(d["events"]) == s["mentions"]
        assert c.get("/api/events", params={"source": "rubryka"}).json()["total"] == s["totals"]["events"]


def test_api_corpus_store_every_event_once_and_facets_match_their_filters(corpus_db):
    with Store.open(corpus_db) as s:
        n = s.stats()["events"]
        fc = facets(s, Filters())
        for name in FACETS:
            for value, count in fc[name][:8]:
                assert count_events(s, Filters(**{name: value})) == count, (name, value)
    with make_client(corpus_db) as c:
        seen, cursor = [], None
        while True:
            body = c.get("/api/events", params={"limit": 500, **({"cursor": cursor} if cursor else {})}).json()
            seen += [e["id"] for e in body["events"]]
            cursor = body["next_cursor"]
            if not cursor:
                break
        assert len(seen) == len(set(seen)) == n > 4000  # the 447 articles: about 4,800 events, ten pages of 500
        rows = list(csv.DictReader(io.StringIO(c.get("/api/events", params={"format": "csv"}).text)))
        assert len(rows) == n and {r["id"] for r in rows} == set(seen)
        for path in ("/", "/events", "/stance?action=send+troops&target=UKR", "/timeline", "/map", "/api/actors",
                     "/api/timeline", "/api/places", "/api/stats"):
            assert c.get(path).status_code == 200, path
