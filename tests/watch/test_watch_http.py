"""Polite fetching and feed polling against the local test site (no spaCy model needed)."""
from __future__ import annotations

import pytest
from feedserver import ATOM_MODIFIED, FeedServer

from tacitus.watch.feeds import WatchError, poll, read_feeds
from tacitus.watch.http import Fetcher, FetchError
from tacitus.watch.polite import Politeness
from tacitus.watch.runner import parse_interval

FAST = Politeness(delay=0.2, retries=2, backoff=0.5, timeout=5)


@pytest.fixture
def site():
    with FeedServer() as s:
        yield s


def _gaps(site, path):
    ts = [r.t for r in site.log if r.path == path]
    return [b - a for a, b in zip(ts, ts[1:])]


def test_conditional_get_gives_304_with_the_stored_validators(site):
    f = Fetcher(FAST)
    first = poll(f, site.base + "/feeds/world.xml", None, None)
    assert first.status == 200 and first.etag == '"v1"' and len(first.items) == 5
    assert first.title == "The Kyiv Ledger: World" and first.items[0].url == site.base + "/news/a1.html"
    assert str(first.items[0].published) == "2024-03-01"
    again = poll(f, site.base + "/feeds/world.xml", first.etag, None)
    assert (again.status, again.items) == (304, ())
    assert site.log[-1].headers["If-None-Match"] == '"v1"'
    atom = poll(f, site.base + "/feeds/atom.xml", None, None)
    assert atom.modified == ATOM_MODIFIED and [i.title for i in atom.items][0] == "Germany pledges air defence systems"
    assert poll(f, site.base + "/feeds/atom.xml", None, atom.modified).status == 304
    site.world = "v2"
    assert len(poll(f, site.base + "/feeds/world.xml", first.etag, None).items) == 6


def test_503_and_429_are_retried_after_a_pause(site):
    f = Fetcher(FAST)
    assert b"Odesa" in f.get(site.base + "/news/flaky.html").body
    assert [r.status for r in site.log if r.path == "/news/flaky.html"] == [503, 200]
    assert _gaps(site, "/news/flaky.html")[0] >= 0.5  # backoff before the first retry too
    assert b"Patriot" in f.get(site.base + "/news/busy.html").body
    assert [r.status for r in site.log if r.path == "/news/busy.html"] == [429, 200]
    assert _gaps(site, "/news/busy.html")[0] >= 1.0  # Retry-After: 1


def test_a_server_error_that_lasts_fails_after_the_retries(site):
    f = Fetcher(FAST)
    with pytest.raises(FetchError) as e:
        f.get(site.base + "/feeds/down.xml")
    assert e.value.status == 500 or e.value.status == 503
    gaps = _gaps(site, "/feeds/down.xml")
    assert len(gaps) == 2 and gaps[0] >= 0.5 and gaps[1] >= 1.0  # 1 try + 2 retries, doubling pauses


def test_robots_txt_is_obeyed_and_read_once(site):
    f = Fetcher(FAST)
    with pytest.raises(FetchError) as e:
        f.get(site.base + "/private/p1.html")
    assert e.value.status == -1
    f.get(site.base + "/news/a1.html")
    assert site.paths() == ["/robots.txt", "/news/a1.html"]


def test_every_request_is_spaced_and_says_who_we_are(site):
    f = Fetcher(FAST)
    for p in ("/news/a1.html", "/news/a2.html", "/news/a3.html", "/feeds/world.xml"):
        f.get(site.base + p)
    ts = [r.t for r in site.log]
    assert all(b - a >= 0.19 for a, b in zip(ts, ts[1:]))
    assert {r.headers["User-Agent"] for r in site.log} == {FAST.user_agent}
    assert FAST.user_agent.startswith("tacitus-watch/") and "robots.txt" in FAST.user_agent


def test_malformed_feeds(site):
    f = Fetcher(FAST)
    with pytest.raises(FetchError) as e:
        poll(f, site.base + "/feeds/broken.xml", None, None)
    assert e.value.status == -2 and "not an RSS or Atom feed" in e.value.reason
    cut = poll(f, site.base + "/feeds/truncated.xml", None, None)
    assert [i.url for i in cut.items] == [site.base + "/news/a5.html"] and "malformed" in cut.warning


def test_feeds_file_and_interval(tmp_path):
    good = tmp_path / "feeds.txt"
    good.write_text("# news\nhttps://a.example/rss.xml  The Kyiv Ledger  # main feed\n\nhttp://b.example/atom#x\n",
                    encoding="utf-8")
    specs = read_feeds(str(good))
    assert [(s.url, s.outlet, s.line) for s in specs] == [
        ("https://a.example/rss.xml", "The Kyiv Ledger", 2), ("http://b.example/atom#x", None, 4)]
    bad = tmp_path / "bad.txt"
    bad.write_text("https://a.example/rss.xml\nftp://b.example/feed\n", encoding="utf-8")
    with pytest.raises(WatchError, match=r"bad.txt:2") as e:
        read_feeds(str(bad))
    assert e.value.code == "E702"
    assert [parse_interval(v) for v in ("15m", "30s", "1h", "90")] == [900, 30, 3600, 90]
    with pytest.raises(WatchError):
        parse_interval("soon")


@pytest.mark.parametrize("cmd", ["watch", "batch"])
def test_new_commands_have_help(cmd, capsys):
    from tacitus.cli import main

    with pytest.raises(SystemExit) as exc:
        main([cmd, "--help"])
    assert exc.value.code == 0 and "usage: tacitus " + cmd in capsys.readouterr().out


def test_missing_feeds_file_is_one_coded_line(tmp_path, capsys):
    from tacitus.cli import main

    assert main(["watch", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "w.db"), "--once"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "[E701]" in err and not (tmp_path / "w.db").exists()
