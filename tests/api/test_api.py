"""The JSON API on SQLite and PostgreSQL: the same answers as the CLI, paging, errors, no writes."""
from __future__ import annotations

import csv
import io
import json

import pytest
from apihelpers import make_client

from tacitus.cli import main
from tacitus.store import Store
from tacitus.store.query import SORTS, Filters, event_objects


def cli_json(capsys, argv: list[str]):
    assert main(argv) == 0
    out = capsys.readouterr().out
    return [json.loads(x) for x in out.splitlines()] if "--format" in argv and "jsonl" in argv else json.loads(out)


def test_api_events_are_the_cli_query(client, api_db, capsys):
    """Every filter of `tacitus query` gives the CLI's events, in the CLI's order, as the same objects."""
    for params, argv in [
        ({}, []), ({"actor": "CAN"}, ["--actor", "CAN"]), ({"modality": "negated"}, ["--modality", "negated"]),
        ({"type": "assault"}, ["--type", "assault"]), ({"text": "send troops"}, ["--text", "send troops"]),
        ({"since": "2024-03-02"}, ["--since", "2024-03-02"]), ({"country": "UKR"}, ["--country", "UKR"]),
        ({"source": "rubryka"}, ["--source", "rubryka"]), ({"min_documents": 2}, ["--min-documents", "2"]),
        ({"target": "ukraine", "until": "2024-02-28"}, ["--target", "ukraine", "--until", "2024-02-28"]),
    ]:
        cli = cli_json(capsys, ["query", "--db", api_db, "--format", "jsonl", *argv])
        r = client.get("/api/events", params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["events"] == cli and body["total"] == len(cli) == body["count"], params


@pytest.mark.parametrize("sort", sorted(SORTS))
def test_api_events_cursor_pages_cover_every_event_once(client, api_db, sort):
    with Store.open(api_db) as s:
        want = [e["id"] for e in event_objects(s, Filters(), sort=sort)]
    got, cursor, pages = [], None, 0
    while True:
        r = client.get("/api/events", params={"limit": 2, "sort": sort, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["total"] == len(want) and body["count"] <= 2
        got += [e["id"] for e in body["events"]]
        pages += 1
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert got == want and pages == (len(want) + 1) // 2
    key = {"time": lambda e: e["event_time"]["start"] or e["first_seen"], "confidence": lambda e: e["confidence"]}
    if sort.lstrip("-") in key:
        evs = client.get("/api/events", params={"sort": sort, "limit": 50}).json()["events"]
        vals = [key[sort.lstrip("-")](e) for e in evs]
        assert vals == sorted(vals, reverse=sort.startswith("-"))


def test_api_events_csv_is_the_cli_csv(client, api_db, capsys):
    assert main(["query", "--db", api_db, "--format", "csv", "--actor", "CAN"]) == 0
    cli = capsys.readouterr().out
    r = client.get("/api/events", params={"format": "csv", "actor": "CAN"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.text == cli
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and all(row["actor_country"] == "CAN" for row in rows)


def test_api_event_detail_has_mentions_sources_contradictions_offsets(client, api_db):
    evs = client.get("/api/events", params={"actor": "CAN", "limit": 50}).json()["events"]
    contradicted = [e for e in evs if e["contradicted_by"]]
    assert contradicted, "the fixture has a negation in one article of what another holds possible"
    e = contradicted[0]
    d = client.get(f"/api/events/{e['id']}").json()
    assert {k: d[k] for k in e} == e    # the list's object, plus more
    assert [m["document"]["id"] for m in d["all_mentions"]] == [m["doc_id"] for m in e["mentions"]]
    assert {c["id"] for c in d["contradictions"]} == set(e["contradicted_by"]) and d["contradicted"]
    for m in d["all_mentions"]:
        text = client.get(f"/api/documents/{m['doc_id']}").json()["text"]
        ev = m["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["sentence"]
        assert text[ev["trigger_start"]:ev["trigger_end"]] == ev["trigger"]


def test_api_document_has_text_and_its_events(client):
    d = client.get("/api/documents/a").json()
    assert d["id"] == "a" and d["source"] == "Toronto Star" and len(d["events"]) == 4
    assert [m["evidence"]["start"] for m in d["events"]] == sorted(m["evidence"]["start"] for m in d["events"])
    money = [m for m in d["events"] if m["quantities"]]
    assert money and money[0]["quantities"][0]["unit"] == "CAD" and money[0]["quantities"][0]["usd"] == 44.3e6


@pytest.mark.parametrize("path, code", [("/api/events/ev-nope", "E610"), ("/api/documents/nope", "E611")])
def test_api_unknown_ids_are_404(client, path, code):
    r = client.get(path)
    assert r.status_code == 404 and r.json()["code"] == code and "nope" in r.json()["detail"]


@pytest.mark.parametrize("params, field, code", [
    ({"type": "BOGUS"}, "type", "E501"), ({"modality": "maybe"}, "modality", "E502"),
    ({"since": "yesterday"}, "since", "E401"), ({"until": "2024-13-01"}, "until", "E401"),
    ({"since": "2024-03-02", "until": "2024-03-01"}, "until", "E620"), ({"cursor": "xyz"}, "cursor", "E612"),
    ({"limit": 501}, "limit", "E621"), ({"limit": 0}, "limit", None), ({"sort": "bogus"}, "sort", None),
    ({"min_documents": 0}, "min_documents", None), ({"format": "xml"}, "format", None),
])
def test_api_bad_filters_are_422_naming_the_field(client, params, field, code):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422, r.text
    (err,) = r.json()["detail"]
    assert err["loc"] == ["query", field] and err["msg"]
    if code:
        assert err["code"] == code and err["msg"].startswith(f"[{code}]")


def test_api_cursor_of_another_sort_is_422(client):
    cur = client.get("/api/events", params={"limit": 1}).json()["next_cursor"]
    r = client.get("/api/events", params={"limit": 1, "cursor": cur, "sort": "-confidence"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "cursor"]


def test_api_actors_count_events(client, api_db):
    actors = {a["code"]: a for a in client.get("/api/actors").json()["actors"]}
    with Store.open(api_db) as s:
        evs = list(event_objects(s))
    for code in ("CAN", "UKR", "RUS"):
        assert actors[code]["as_actor"] == sum(1 for e in evs if (e["actor"] or {}).get("country") == code)
        assert actors[code]["as_target"] == sum(1 for e in evs if (e["target"] or {}).get("country") == code)
    assert actors["UKR"]["name"] == "Ukraine"
    assert client.get("/api/actors", params={"limit": 2}).json()["actors"] == list(actors.values())[:2]


def test_api_stance_is_the_cli_stance(client, api_db, capsys):
    cli = cli_json(capsys, ["stance", "send troops", "--target", "UKR", "--db", api_db, "--format", "json"])
    r = client.get("/api/stance", params={"action": "send troops", "target": "UKR"})
    assert r.status_code == 200 and r.json() == cli
    assert {a["actor"]: a["stance"] for a in cli["actors"]}["POL"] == "negated"
    assert client.get("/api/stance", params={"action": "send troops"}).json()["detail"][0]["loc"] == ["query", "target"]


def test_api_timeline_counts_per_bucket(client, api_db):
    for bucket in ("day", "week", "month"):
        tl = client.get("/api/timeline", params={"bucket": bucket}).json()
        with Store.open(api_db) as s:
            n = len(list(event_objects(s)))
        assert tl["n_events"] + tl["outside"] + tl["undated"] == n
        assert sum(b["n"] for b in tl["buckets"]) == tl["n_events"]
        assert all(sum(b["counts"].values()) == b["n"] for b in tl["buckets"])
    week = client.get("/api/timeline", params={"actor": "CAN", "bucket": "week"}).json()
    assert [b["start"] for b in week["buckets"]] == ["2024-02-26"] and week["buckets"][0]["counts"] == {"AID": 3}
    r = client.get("/api/timeline", params={"bucket": "year"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "bucket"]


def test_api_places_and_stats(client, api_db, capsys):
    pl = client.get("/api/places").json()
    assert pl["countries"] == {"UKR": 1} and pl["places"][0]["country"] == "UKR"
    assert client.get("/api/stats").json() == cli_json(capsys, ["stats", "--db", api_db, "--format", "json"])


def test_api_nothing_writes_without_the_token(api_db, capsys):
    """A read-only server refuses ingest (403); a token server wants the right bearer token (401)."""
    def counts():
        with Store.open(api_db) as s:
            return s.stats()

    before = counts()
    body = {"text": "Canada will send troops to Ukraine, the Canadian minister of defence said on Friday."}
    with make_client(api_db) as c:
        r = c.post("/api/ingest", json=body)
        assert r.status_code == 403 and r.json()["code"] == "E615"
        for method in ("put", "delete", "patch"):
            assert getattr(c, method)("/api/events").status_code == 405
    with make_client(api_db, token="s3cret-token-of-the-test-1234") as c:
        r = c.post("/api/ingest", json=body)
        assert r.status_code == 401 and r.json()["code"] == "E614" and r.headers["www-authenticate"] == "Bearer"
        r = c.post("/api/ingest", json=body, headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 401
        assert "s3cret" not in r.text
    assert counts() == before


def test_api_reading_leaves_the_sqlite_file_untouched(sqlite_db):
    import hashlib

    def digest():
        with Store.open(sqlite_db) as s:
            s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return hashlib.sha256(open(sqlite_db, "rb").read()).hexdigest()

    before = digest()
    with make_client(sqlite_db) as c:
        for path in ("/api/events", "/api/events?format=csv", "/api/actors", "/api/stats", "/api/timeline",
                     "/api/places", "/api/stance?action=send+troops&target=UKR", "/api/documents/a", "/", "/events",
                     "/stance?action=send+troops&target=UKR", "/timeline", "/map", "/documents/a"):
            assert c.get(path).status_code == 200, path
    assert digest() == before


def test_api_body_over_the_limit_is_413(sqlite_db):
    with make_client(sqlite_db, max_body=1000) as c:
        r = c.post("/api/extract", content=b"x" * 1001, headers={"Content-Type": "text/plain"})
        assert r.status_code == 413 and r.json()["code"] == "E613"

        def chunks():  # no Content-Length: counted as it streams
            for _ in range(5):
                yield b"y" * 400

        r = c.post("/api/extract", content=chunks(), headers={"Content-Type": "text/plain"})
        assert r.status_code == 413 and r.json()["code"] == "E613"


@pytest.mark.parametrize("content, ctype, params, field, code", [
    (b"", "text/plain", {}, "body", "E104"),
    (b"   \n ", "text/plain", {}, "body", "E104"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe binary", "application/octet-stream", {}, "body", "E105"),
    (b"{not json", "application/json", {}, "body", "E108"),
    (b'{"title": "no text"}', "application/json", {}, "text", "E108"),
    (b'{"text": 42}', "application/json", {}, "body", "E108"),
    (b'{"text": "Poland will not send troops.", "published": "last week"}', "application/json", {}, "body", "E109"),
    ("Le gouvernement français a annoncé mardi qu'il enverrait des troupes supplémentaires pour la mission de "
     "l'OTAN dans les pays baltes, selon le ministre de la défense qui a parlé aux journalistes.".encode(),
     "text/plain", {}, "body", "E107"),
    (b"<html><body><nav>Home</nav></body></html>", "text/html", {}, "body", "E106"),
    (b"Poland will not send troops.", "text/plain", {"published": "2024-02-30"}, "published", "E401"),
])
def test_api_extract_bad_documents_are_422_with_their_code(sqlite_db, content, ctype, params, field, code):
    with make_client(sqlite_db) as c:
        r = c.post("/api/extract", content=content, headers={"Content-Type": ctype}, params=params)
    assert r.status_code == 422, r.text
    (err,) = r.json()["detail"]
    assert err["code"] == code and err["loc"][-1] == field and "Traceback" not in r.text


def test_api_openapi_describes_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    assert {p: sorted(paths[p]) for p in paths} == {
        "/api/events": ["get"], "/api/events/{event_id}": ["get"], "/api/documents/{doc_id}": ["get"],
        "/api/actors": ["get"], "/api/stance": ["get"], "/api/timeline": ["get"], "/api/places": ["get"],
        "/api/stats": ["get"], "/api/extract": ["post"], "/api/ingest": ["post"]}
    params = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert params == {"actor", "target", "type", "modality", "country", "since", "until", "text", "source", "place",
                      "min_documents", "sort", "cursor", "limit", "format"}
    assert all(p.get("description") for p in paths["/api/events"]["get"]["parameters"])
    sort = next(p for p in paths["/api/events"]["get"]["parameters"] if p["name"] == "sort")
    assert sorted(sort["schema"]["enum"]) == sorted(SORTS)
    assert set(paths["/api/ingest"]["post"]["responses"]) >= {"200", "401", "403", "413", "422"}
    assert set(paths["/api/extract"]["post"]["requestBody"]["content"]) == {"application/json", "text/plain",
                                                                            "text/html"}


def _resolve(spec, schema):
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _conforms(spec, schema, value, where="$"):
    """A small check of a value against an OpenAPI schema: types, required fields, items, enums."""
    schema = _resolve(spec, schema)
    if "anyOf" in schema:
        errs = []
        for s in schema["anyOf"]:
            try:
                return _conforms(spec, s, value, where)
            except AssertionError as e:
                errs.append(str(e))
        raise AssertionError(f"{where}: none of anyOf fits: {errs}")
    t = schema.get("type")
    kinds = {"object": dict, "array": list, "string": str, "integer": int, "number": (int, float),
             "boolean": bool, "null": type(None)}
    if t:
        assert isinstance(value, kinds[t]) and not (t in ("integer", "number") and isinstance(value, bool)), \
            f"{where}: {value!r} is not {t}"
    if "enum" in schema:
        assert value in schema["enum"], where
    if t == "object":
        for k in schema.get("required", []):
            assert k in value, f"{where}: missing {k}"
        for k, sub in schema.get("properties", {}).items():
            if k in value:
                _conforms(spec, sub, value[k], f"{where}.{k}")
    if t == "array":
        for i, v in enumerate(value[:20]):
            _conforms(spec, schema.get("items", {}), v, f"{where}[{i}]")


def test_api_answers_conform_to_the_openapi_schema(client):
    spec = client.get("/openapi.json").json()
    eid = client.get("/api/events").json()["events"][0]["id"]
    for path, url in [("/api/events", "/api/events?limit=3"), ("/api/events/{event_id}", f"/api/events/{eid}"),
                      ("/api/documents/{doc_id}", "/api/documents/b"), ("/api/actors", "/api/actors"),
                      ("/api/stance", "/api/stance?action=send+troops&target=UKR"), ("/api/timeline", "/api/timeline"),
                      ("/api/places", "/api/places"), ("/api/stats", "/api/stats")]:
        schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        _conforms(spec, schema, client.get(url).json(), path)
    def error_schema(path, status):
        return spec["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]

    _conforms(spec, error_schema("/api/events", "422"), client.get("/api/events", params={"type": "BOGUS"}).json())
    _conforms(spec, error_schema("/api/events/{event_id}", "404"), client.get("/api/events/nope").json())


def test_api_docs_are_served_offline(client):
    r = client.get("/docs")
    assert r.status_code == 200 and "/static/vendor/swagger-ui-bundle.js" in r.text
    assert "cdn" not in r.text.lower() and "https://" not in r.text.split("</head>")[0]
    assert client.get("/static/vendor/swagger-ui-bundle.js").status_code == 200
    assert client.get("/redoc").status_code == 404
    csp = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self';" in csp


def test_actor_code_matches_codes_only_and_words_match_names(tmp_path):
    """`--actor RUS` is Russia, not every name containing "rus" (Belarus, Prussia)."""
    import dataclasses

    from apihelpers import V, doc, event
    from storehelpers import party

    db = str(tmp_path / "codes.db")
    with Store.open(db) as s:
        blr = event("d", actor="BLR", sentence="Belarus sent troops.", trigger="sent")
        s.write_document(doc("d", text="Belarus sent troops. Russia sent troops."), [
            dataclasses.replace(blr, actor=party("BLR", "Belarus")),
            event("d", actor="RUS", sentence="Russia sent troops.", trigger="sent", start=21),
        ], pipeline_version=V)
        who = lambda **kw: sorted(e["actor"]["country"] for e in event_objects(s, Filters(**kw)))  # noqa: E731
        assert who(actor="RUS") == who(actor="rus") == ["RUS"]
        assert who(actor="belar") == ["BLR"] and who(actor="Russia") == ["RUS"]
    with make_client(db) as c:
        evs = c.get("/api/events", params={"actor": "RUS"}).json()["events"]
        assert [e["actor"]["country"] for e in evs] == ["RUS"]
