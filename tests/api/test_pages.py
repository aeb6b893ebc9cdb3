"""Dashboard pages rendered on the server: content, state in the URL, errors, the evidence mark."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from apihelpers import make_client

from tacitus.store import Store
from tacitus.store.stance import stance
from tacitus.web.render import marked_text


class _Text(HTMLParser):
    """Text content of an HTML fragment, and the offsets of elements with an id or data-role."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.stack, self.spans = "", [], {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append((tag, a.get("id") or a.get("data-role"), len(self.text)))

    def handle_endtag(self, tag):
        t, key, start = self.stack.pop()
        if key:
            self.spans.setdefault(key, (start, len(self.text)))

    def handle_data(self, data):
        self.text += data


def _parse(html: str) -> _Text:
    p = _Text()
    p.feed(html)
    return p


@pytest.mark.parametrize("text", [
    "First line.\nCanada & Poland <said> they would not send troops to Ukraine.\r\nLast line.",
    "Canada would not send troops to Ukraine.",
])
def test_marked_text_keeps_every_character_and_marks_the_offsets(text):
    s = text.index("Canada")
    e = text.index(".", s) + 1
    t = text.index("send", s)
    ev = {"evidence": {"start": s, "end": e, "trigger_start": t, "trigger_end": t + 4},
          "actor": {"text": "Canada", "name": "Canada"}, "target": {"text": "Ukraine", "name": "Ukraine"}}
    p = _parse(str(marked_text(text, ev)))
    assert p.text == text                      # offsets in the page are offsets in the document
    assert p.spans["evidence"] == (s, e)
    assert p.spans["trigger"] == (t, t + 4)
    assert text[slice(*p.spans["actor"])] == "Canada" and text[slice(*p.spans["target"])] == "Ukraine"


def test_marked_text_without_an_event_or_with_bad_offsets_is_plain_text():
    text = "A <b>bold</b> claim."
    for ev in (None, {"evidence": {"start": 5, "end": 500}}):
        html = str(marked_text(text, ev))
        assert "<mark" not in html and _parse(html).text == text


PAGES = ["/", "/events", "/events?type=ASSAULT", "/documents/a", "/documents/b?mention=", "/stance",
         "/stance?action=send+troops&target=UKR", "/timeline", "/timeline?actor=CAN&bucket=day", "/map",
         "/map?view=world"]


def test_pages_render(client):
    eid = client.get("/api/events").json()["events"][0]["id"]
    for path in [*PAGES, f"/events/{eid}"]:
        r = client.get(path)
        assert r.status_code == 200, (path, r.text[:500])
        assert r.headers["content-type"].startswith("text/html")
        assert re.search(r"<h1>.+?</h1>", r.text, re.S), path
        assert "https://" not in r.text and "http://" not in r.text, path   # nothing from the network
        labels = set(re.findall(r'<label for="([^"]+)"', r.text))
        controls = set(re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', r.text))
        assert controls <= labels, (path, controls - labels)                # every control is labelled


def test_events_page_filters_count_and_facets(client):
    api = client.get("/api/events", params={"modality": "negated"}).json()
    html = client.get("/events", params={"modality": "negated"}).text
    assert re.search(r'<strong id="total">(\d+)</strong>', html).group(1) == str(api["total"])
    rows = re.findall(r'<tr data-id="([^"]+)">', html)
    assert set(rows) == {e["id"] for e in api["events"]}
    assert '<option value="negated" selected>' in html
    # facet counts are the counts under the current filters
    m = re.search(r'<option value="POL"[^>]*>POL Poland \((\d+)\)</option>', html)
    pol = client.get("/api/events", params={"modality": "negated", "actor": "POL"}).json()["total"]
    assert m and int(m.group(1)) == pol
    # each active filter is shown with a link that removes it
    assert 'href="/events"' in html and "modality: negated" in html


def test_events_page_pages_with_the_cursor(client):
    html = client.get("/events", params={"limit": 2}).text
    nxt = re.search(r'rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "cursor=" in nxt and "limit=2" not in nxt or True
    page2 = client.get(nxt + "&limit=2").text
    first = re.findall(r'<tr data-id="([^"]+)">', html)
    second = re.findall(r'<tr data-id="([^"]+)">', page2)
    assert len(first) == 2 and second and not set(first) & set(second)


def test_event_page_shows_every_coded_field(client):
    evs = client.get("/api/events", params={"actor": "CAN", "limit": 50}).json()["events"]
    money = next(e for e in evs if e["quantities"])
    html = client.get(f"/events/{money['id']}").text
    p = _parse(html)
    assert "60M CAD ≈ $44.3M" in html and "planned" in html
    doc = client.get(f"/api/documents/{money['doc_id']}").json()
    art = re.search(r'<div class="article" id="article-text"[^>]*>(.*?)</div>', html, re.S).group(1)
    q = _parse(art)
    assert q.text == doc["text"] and q.spans["evidence"] == (money["evidence"]["start"], money["evidence"]["end"])
    said = next(m for m in client.get("/api/documents/b").json()["events"] if m["attribution"]["speaker"])
    html = client.get(f"/documents/b?mention={said['id']}").text
    assert "Bill Blair" in html and "Bill Blair → Reuters → this article" in html
    contra = next(e for e in evs if e["contradicted_by"])
    html = client.get(f"/events/{contra['id']}").text
    assert all(f'href="/events/{c}"' in html for c in contra["contradicted_by"])
    assert p.text


def test_document_page_marks_the_chosen_mention(client):
    d = client.get("/api/documents/a").json()
    m = d["events"][1]
    html = client.get(f"/documents/a?mention={m['id']}").text
    art = re.search(r'<div class="article" id="article-text"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert _parse(art).spans["evidence"] == (m["evidence"]["start"], m["evidence"]["end"])
    assert client.get("/documents/a?mention=nope").status_code == 404


def test_stance_page_cell_lists_the_statements_of_that_actor_and_month(client, api_db):
    with Store.open(api_db) as s:
        res = stance(s, "send troops", "UKR")
    html = client.get("/stance", params={"action": "send troops", "target": "UKR"}).text
    cells = re.findall(r'class="cell mod (\w+)" href="([^"]+)" data-actor="(\w+)" data-month="([\d-]+)"', html)
    assert cells
    for mod, href, actor, month in cells:
        want = [st for a in res["actors"] if a["actor"] == actor for st in a["statements"] if st["date"][:7] == month]
        assert mod == want[-1]["modality"]
        panel = client.get(href.replace("&amp;", "&")).text
        got = re.findall(r'<blockquote class="evidence-sentence">(.*?)</blockquote>', panel, re.S)
        assert sorted(got) == sorted(st["evidence"] for st in want)


@pytest.mark.parametrize("path, status, words", [
    ("/events/ev-nope", 404, "no event with id"), ("/documents/nope", 404, "no document with id"),
    ("/events?type=BOGUS", 422, "unknown event type"), ("/events?since=soon", 422, "not a date"),
    ("/events?sort=sideways", 422, "unknown sort"), ("/events?limit=9999", 422, "limit"),
    ("/timeline?bucket=decade", 422, "unknown bucket"), ("/stance?action=x&target=UKR&month=2024-13", 422, "month"),
    ("/events?min_documents=none", 422, "min_documents"), ("/nowhere", 404, "[E618] nothing at /nowhere"),
    ("/api/nowhere", 404, "Not Found"),
])
def test_pages_bad_requests_are_pages_with_the_reason(client, path, status, words):
    r = client.get(path)
    assert r.status_code == status and words in r.text
    if r.headers["content-type"].startswith("text/html"):
        assert "Traceback" not in r.text and "<h1>" in r.text


def test_timeline_and_map_draw_the_data(client):
    tl = client.get("/api/timeline", params={"bucket": "day"}).json()
    html = client.get("/timeline", params={"bucket": "day"}).text
    assert len(re.findall(r"<rect [^>]*data-type=", html)) == sum(len(b["counts"]) for b in tl["buckets"])
    places = client.get("/api/places").json()["places"]
    html = client.get("/map").text
    assert len(re.findall(r"<circle ", html)) == len(places) == 1
    assert 'data-place="Kharkiv"' in html and 'href="/events?place=Kharkiv"' in html
    assert re.search(r'<path d="[^"]+" fill="#bdd7e7" data-country="UKR">', html)   # one event placed there


def test_store_missing_is_a_503_page_not_a_traceback(tmp_path):
    db = tmp_path / "gone.db"
    with Store.open(str(db)):
        pass
    with make_client(str(db)) as c:
        assert c.get("/api/stats").status_code == 200
    db.unlink()
    (tmp_path / "gone.db-wal").unlink(missing_ok=True)
    db.mkdir()   # the store path is now a directory: opening fails
    with make_client(str(db)) as c:
        r = c.get("/api/stats")
        assert r.status_code == 503 and r.json()["code"].startswith("E5")
        r = c.get("/events")
        assert r.status_code == 503 and "Traceback" not in r.text


def test_an_empty_store_serves_every_page(tmp_path):
    db = str(tmp_path / "empty.db")
    with Store.open(db):
        pass
    with make_client(db) as c:
        for path in [*PAGES[:3], "/stance", "/stance?action=send+troops&target=UKR", "/timeline", "/map",
                     "/api/events", "/api/events?format=csv", "/api/actors", "/api/timeline", "/api/places",
                     "/api/stats", "/api/stance?action=send+troops&target=UKR"]:
            r = c.get(path)
            assert r.status_code == 200, (path, r.text[:300])
        assert "The store is empty" in c.get("/").text
        assert c.get("/api/events").json() == {"total": 0, "count": 0, "sort": "time", "next_cursor": None,
                                               "events": []}
