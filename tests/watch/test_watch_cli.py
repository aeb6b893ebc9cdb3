"""`tacitus watch --once` on the local test site: exactly the new articles, with their outlets; a restart
fetches nothing again; a new feed item is the only new fetch; bad feeds and pages are one coded line each."""
from __future__ import annotations

import contextlib
import io
import json

import pytest
from feedserver import ATOM_MODIFIED, FeedServer

from tacitus.cli import main
from tacitus.store import Store

pytestmark = pytest.mark.slow


def _run(args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(args)
    return rc, out.getvalue(), err.getvalue()


def _documents(db):
    with Store.open(str(db)) as s:
        return {r["url"]: r for r in s.db.query("SELECT id, url, source, title, published, origin FROM documents")}


def _items(db):
    with Store.open(str(db)) as s:
        return {r["url"]: r for r in s.db.query("SELECT url, status, code FROM watch_items")}


@pytest.fixture(scope="module")
def polls(tmp_path_factory):
    """Three `watch --once` runs: first, again (a restart), after the RSS feed gained an item."""
    d = tmp_path_factory.mktemp("watch")
    with FeedServer() as site:
        b = site.base
        (d / "feeds.txt").write_text(
            f"# test site\n{b}/feeds/world.xml The Kyiv Ledger\n{b}/feeds/atom.xml\n{b}/feeds/broken.xml Broken Times\n"
            f"{b}/feeds/truncated.xml\n{b}/feeds/down.xml Down Daily\n", encoding="utf-8")
        args = ["watch", str(d / "feeds.txt"), "--db", str(d / "w.db"), "--once", "--delay", "0.2", "--backoff", "0.5",
                "--retries", "2", "--format", "json"]
        runs = []
        for world in ("v1", "v1", "v2"):
            site.world = world
            start = len(site.log)
            rc, out, err = _run(args)
            runs.append({"rc": rc, "reports": json.loads(out), "err": err, "log": site.log[start:],
                         "documents": _documents(d / "w.db"), "items": _items(d / "w.db")})
        yield site.base, runs, d / "w.db"


def test_first_poll_stores_the_new_articles_with_their_outlets(polls):
    base, runs, db = polls
    r = runs[0]
    docs = r["documents"]
    assert {u.removeprefix(base): (x["source"], x["title"], x["published"]) for u, x in docs.items()} == {
        "/news/a1.html": ("The Kyiv Ledger", "Canada to send military trainers to Ukraine", "2024-03-01"),
        "/news/a2.html": ("The Kyiv Ledger", "Poland rules out sending troops", "2024-03-02"),
        "/news/flaky.html": ("The Kyiv Ledger", "Drone attack hits Odesa port", "2024-03-02"),
        "/news/busy.html": ("Baltic Wire", "Germany pledges air defence systems", "2024-03-03"),
        "/news/a4.html": ("Baltic Wire", "Lithuania hosts talks on Black Sea security", "2024-03-03"),
        "/news/a5.html": ("Baltic Wire: Defence", "Romania to buy more fighter jets", "2024-03-05"),
    }
    assert docs[base + "/news/a1.html"]["origin"] == base + "/feeds/world.xml"
    reports = {x["url"].removeprefix(base): x for x in r["reports"]}
    assert (reports["/feeds/world.xml"]["stored"], reports["/feeds/world.xml"]["failed"],
            reports["/feeds/world.xml"]["skipped"]) == (3, 1, 1)
    assert reports["/feeds/atom.xml"]["outlet"] == "Baltic Wire" and reports["/feeds/atom.xml"]["stored"] == 2
    assert r["rc"] == 1  # a page without text and two unusable feeds


def test_events_are_extracted_and_sources_name_the_outlets(polls):
    base, runs, db = polls
    rc, out, _ = _run(["query", "--db", str(db), "--source", "The Kyiv Ledger", "--format", "jsonl"])
    events = [json.loads(x) for x in out.splitlines()]
    assert rc == 0 and events and all(e["sources"] == ["The Kyiv Ledger"] for e in events)
    assert any(e["actor"] and e["actor"]["country"] == "CAN" and e["type"] == "AID" for e in events)


def test_bad_feeds_and_pages_are_one_coded_line_each(polls):
    base, runs, db = polls
    err = runs[0]["err"]
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert all(x.startswith("tacitus: ") for x in lines)
    coded = {x.split("[", 1)[1][:4] for x in lines if "[E" in x}
    assert {"E106", "E704", "E705", "E703"} <= coded
    items = runs[0]["items"]
    assert (items[base + "/private/p1.html"]["status"], items[base + "/private/p1.html"]["code"]) == ("skipped", "E704")
    assert (items[base + "/news/empty.html"]["status"], items[base + "/news/empty.html"]["code"]) == ("refused", "E106")
    paths = [q.path for q in runs[0]["log"]]
    assert "/private/p1.html" not in paths and paths.count("/robots.txt") == 1
    assert [q.status for q in runs[0]["log"] if q.path == "/news/busy.html"] == [429, 200]
    assert [q.status for q in runs[0]["log"] if q.path == "/news/flaky.html"] == [503, 200]


def test_a_restart_fetches_nothing_again(polls):
    base, runs, db = polls
    r = runs[1]
    paths = [q.path for q in r["log"]]
    assert not [p for p in paths if p.startswith(("/news/", "/private/"))]
    world = [q for q in r["log"] if q.path == "/feeds/world.xml"]
    atom = [q for q in r["log"] if q.path == "/feeds/atom.xml"]
    assert [q.status for q in world] == [304] and world[0].headers["If-None-Match"] == '"v1"'
    assert [q.status for q in atom] == [304] and atom[0].headers["If-Modified-Since"] == ATOM_MODIFIED
    assert r["documents"] == runs[0]["documents"]


def test_only_the_new_item_is_fetched(polls):
    base, runs, db = polls
    r = runs[2]
    assert [q.path for q in r["log"] if q.path.startswith(("/news/", "/private/"))] == ["/news/a3.html"]
    new = set(r["documents"]) - set(runs[1]["documents"])
    assert new == {base + "/news/a3.html"} and r["documents"][base + "/news/a3.html"]["source"] == "The Kyiv Ledger"
    world = next(x for x in r["reports"] if x["url"].endswith("/feeds/world.xml"))
    assert (world["items"], world["stored"], world["seen"]) == (6, 1, 5)


WATCH = "tacitus watch feeds.txt --db tacitus.db --once"


def test_readme_watch_command_as_shown(tmp_path, monkeypatch):
    import shlex

    from testpaths import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"\n{WATCH}\n" in readme
    with FeedServer() as site:
        (tmp_path / "feeds.txt").write_text(f"{site.base}/feeds/world.xml The Kyiv Ledger\n{site.base}/feeds/atom.xml\n",
                                            encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        rc, _, err = _run(shlex.split(WATCH)[1:])
        assert rc == 1 and "[E106]" in err  # the page without text; the rest stored
        docs = _documents(tmp_path / "tacitus.db")
        assert {x["source"] for x in docs.values()} == {"The Kyiv Ledger", "Baltic Wire"} and len(docs) == 5
        rc, _, err = _run(shlex.split(WATCH)[1:])
        assert "not modified (304)" in err and _documents(tmp_path / "tacitus.db") == docs
