"""The dashboard in headless Chromium (Debian's package, driven by Playwright) over the README's
store: every page loads with nothing from the network, filters keep their state in the URL, the
evidence mark lands on the stored offsets, stance cells open their sentences, and the README's
question is answered in three clicks from the start page."""
from __future__ import annotations

import importlib.util
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from apihelpers import ROOT, chromium_path, serving

from tacitus.store import Store
from tacitus.store.stance import stance

playwright = pytest.importorskip("playwright.sync_api", reason="the playwright package (test extra) is needed")
expect, sync_playwright = playwright.expect, playwright.sync_playwright

pytestmark = pytest.mark.slow


def _script():
    spec = importlib.util.spec_from_file_location("web_screenshots", ROOT / "scripts" / "web_screenshots.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


WS = _script()


@pytest.fixture(scope="module")
def base(corpus_db, tmp_path_factory):
    """`tacitus serve` over the README's store, on a free port."""
    with serving(["serve", "--db", corpus_db, "--port", "0"], tmp_path_factory.mktemp("srv")) as (url, _):
        yield url


@pytest.fixture(scope="module")
def browser():
    if chromium_path() is None:
        pytest.skip("no Chromium: browser tests need Debian's `chromium` package (apt-get install chromium; "
                    ".ci/run installs it)")
    with sync_playwright() as p:
        b = WS.launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser, base):
    """A fresh page that records console errors and any request leaving 127.0.0.1."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 860})
    pg = ctx.new_page()
    pg.errors, pg.remote = [], []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: None if r.url.startswith(base) or r.url.startswith("data:") else pg.remote.append(r.url))
    yield pg
    assert not pg.remote, f"requests off this machine: {pg.remote}"
    assert not pg.errors, f"console errors: {pg.errors}"
    ctx.close()


def api(base, path, **params):
    r = httpx.get(base + path, params=params, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()


def test_browser_every_page_loads(page, base):
    ev = api(base, "/api/events", sort="-documents", limit=1)["events"][0]
    for path in ["/", "/events", f"/events/{ev['id']}", f"/documents/{ev['doc_id']}", "/stance",
                 "/stance?action=send+troops&target=UKR", "/timeline", "/timeline?actor=RUS&target=UKR&bucket=month",
                 "/map", "/map?view=world"]:
        r = page.goto(base + path)
        assert r.ok, path
        assert page.locator("h1").first.is_visible(), path
        # every form control has a visible label
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('input:not([type=hidden]), select')]
            .filter(el => !(el.labels && el.labels.length)).map(el => el.name)""")
        assert unlabelled == [], (path, unlabelled)
    page.goto(base + "/docs")
    page.wait_for_selector(".swagger-ui .title")
    assert "Tacitus" in page.locator(".swagger-ui .title").inner_text()
    assert page.locator(".opblock").count() >= 10


def test_browser_filters_update_counts_and_url_and_back_works(page, base):
    page.goto(base + "/events")
    total_all = int(page.locator("#total").inner_text().replace(",", ""))
    assert total_all == api(base, "/api/stats")["events"]
    page.get_by_label("Type").select_option("ASSAULT")
    page.wait_for_url("**type=ASSAULT**")
    n_type = api(base, "/api/events", type="ASSAULT")["total"]
    expect(page.locator("#total")).to_have_text(f"{n_type:,}")
    page.get_by_label("Modality").select_option("negated")
    page.wait_for_url("**modality=negated**")
    n_both = api(base, "/api/events", type="ASSAULT", modality="negated")["total"]
    expect(page.locator("#total")).to_have_text(f"{n_both:,}")
    assert parse_qs(urlparse(page.url).query) == {"type": ["ASSAULT"], "modality": ["negated"]}
    rows = page.locator("table.events tbody tr").count()
    assert rows == min(n_both, 50) and n_both < n_type < total_all
    # the facet counts follow the filters: the Actor options count within ASSAULT + negated
    opt = page.locator("#f-actor option").nth(1).inner_text()
    code, count = opt.split()[0], int(opt.rsplit("(", 1)[1].rstrip(")").replace(",", ""))
    assert count == api(base, "/api/events", type="ASSAULT", modality="negated", actor=code)["total"]
    page.go_back()
    page.wait_for_url(lambda u: "modality" not in u and "type=ASSAULT" in u)
    expect(page.locator("#total")).to_have_text(f"{n_type:,}")
    # the search box: "/" focuses it, typing filters after a pause
    page.locator("body").press("/")
    assert page.evaluate("document.activeElement.id") == "f-text"
    page.keyboard.type("troops")
    page.wait_for_url("**text=troops**")
    n_text = api(base, "/api/events", type="ASSAULT", text="troops")["total"]
    expect(page.locator("#total")).to_have_text(f"{n_text:,}")
    assert page.evaluate("document.activeElement.id") == "f-text"   # typing is not interrupted by the swap


HIGHLIGHT = """() => {
  const art = document.getElementById('article-text'), mark = document.getElementById('evidence');
  const before = document.createRange();
  before.setStart(art, 0); before.setEndBefore(mark);
  const trig = mark.querySelector('.trigger');
  const t = document.createRange();
  if (trig) { t.setStart(art, 0); t.setEndBefore(trig); }
  const a = art.getBoundingClientRect(), m = mark.getBoundingClientRect();
  return {text: art.textContent, start: before.toString().length, mark: mark.textContent,
          trigger: trig ? [t.toString().length, trig.textContent] : null,
          visible: m.top >= a.top && m.top < a.bottom};
}"""


def test_browser_event_highlight_lands_on_the_evidence_offsets(page, base):
    page.goto(base + "/events?sort=-documents")
    links = page.locator("table.events td.evidence a")
    ids = [links.nth(i).get_attribute("href").rsplit("/", 1)[1] for i in range(5)]
    page.goto(base + "/events?text=Blair")
    ids.append(page.locator("table.events td.evidence a").first.get_attribute("href").rsplit("/", 1)[1])
    for eid in ids:
        page.goto(base + f"/events/{eid}")
        detail = api(base, f"/api/events/{eid}")
        rep = next(m for m in detail["all_mentions"] if m["id"] == detail["mention_id"])
        text = api(base, f"/api/documents/{rep['doc_id']}")["text"]
        got = page.evaluate(HIGHLIGHT)
        ev = rep["evidence"]
        assert got["text"] == text
        assert got["start"] == ev["start"] and got["mark"] == text[ev["start"]:ev["end"]] == ev["sentence"]
        assert got["trigger"] == [ev["trigger_start"], ev["trigger"]]
        assert got["visible"], "the article box scrolls to the evidence"
    # clicking through from the list reaches the same page
    page.goto(base + "/events")
    page.locator("table.events td.evidence a").first.click()
    page.wait_for_selector("#evidence")
    assert "/events/ev-" in page.url


def test_browser_stance_cell_opens_the_right_sentences(page, base, corpus_db):
    with Store.open(corpus_db) as s:
        res = stance(s, "send troops", "UKR")
    page.goto(base + "/stance?action=send+troops&target=UKR")
    cells = page.locator("a.cell")
    assert cells.count() == sum(len({st["date"][:7] for st in a["statements"]}) for a in res["actors"])
    for i in (0, cells.count() // 2, cells.count() - 1):
        cell = cells.nth(i)
        actor, month = cell.get_attribute("data-actor"), cell.get_attribute("data-month")
        cell.click()
        page.wait_for_url(f"**actor={actor}**month={month}**")
        expect(page.locator("#evidence-panel")).to_be_focused()
        shown = page.locator("#evidence-panel blockquote.evidence-sentence").all_inner_texts()
        want = [st["evidence"] for a in res["actors"] if a["actor"] == actor for st in a["statements"]
                if st["date"][:7] == month]
        assert sorted(s.strip() for s in shown) == sorted(w.strip() for w in want)
        assert page.locator("#evidence-panel li.statement").count() == len(want)


@pytest.mark.parametrize("keyboard", [False, True], ids=["mouse", "keyboard"])
def test_browser_readme_question_in_three_clicks(page, base, corpus_db, tmp_path, keyboard):
    """"Which governments said in February 2024 that they would not send troops to Ukraine, and
    who reported it?" Start page -> Stance -> "send troops" -> Feb 2024."""
    out = WS.three_clicks(page, base, tmp_path, keyboard=keyboard)
    assert out["clicks"] == 3 and "Feb 2024" in out["heading"]
    q = parse_qs(urlparse(out["url"]).query)
    assert q["action"] == ["send troops"] and q["target"] == ["UKR"] and q["month"] == ["2024-02"]
    with Store.open(corpus_db) as s:
        res = stance(s, "send troops", "UKR")
    negated = {(a["actor"], st["event_id"]) for a in res["actors"] for st in a["statements"]
               if st["date"].startswith("2024-02") and st["modality"] == "negated"}
    shown = out["groups"]["negated"]
    assert {(x["actor"], x["event"]) for x in shown} == negated and negated
    usa = next(x for x in shown if x["actor"] == "USA")     # the sample: "A White House representative told Reuters"
    assert "United States has no plans to send troops" in usa["evidence"]
    assert usa["reported"].startswith("Reported by Reuters in ")
    for x in shown:                                          # each names who carried it and where
        assert x["reported"].startswith("Reported by") and x["article"].startswith("/documents/")
    assert {p.name for p in tmp_path.iterdir()} == {"serve-1-start.png", "serve-2-stance.png", "serve-3-answer.png"}
    # the article link opens the report with the statement marked
    page.goto(base + usa["article"])
    assert page.evaluate(HIGHLIGHT)["mark"] == usa["evidence"]


def test_browser_map_circle_opens_the_events_there(page, base):
    page.goto(base + "/map")
    top = api(base, "/api/places")["places"][0]
    page.locator(f'circle[data-place="{top["name"]}"]').click()
    page.wait_for_url("**/events?place=*")
    assert int(page.locator("#total").inner_text().replace(",", "")) == top["events"]


def test_browser_timeline_for_a_pair(page, base):
    page.goto(base + "/timeline")
    page.get_by_label("Actor", exact=True).fill("RUS")
    page.get_by_label("Target", exact=True).fill("UKR")
    page.get_by_label("Per", exact=True).select_option("month")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**actor=RUS**")
    tl = api(base, "/api/timeline", actor="RUS", target="UKR", bucket="month")
    assert page.locator("svg.chart rect[data-type]").count() == sum(len(b["counts"]) for b in tl["buckets"])
    assert page.locator("h1").inner_text() == "Timeline of Russia → Ukraine"
