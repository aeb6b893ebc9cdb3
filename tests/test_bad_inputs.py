"""The bad-input matrix (issue 7): one batch of hostile inputs next to a good article, through
`extract` and through `ingest`. Each bad input gets its one coded line naming it, each input we
decided to read is read, the good article keeps exactly its events, the exit status is 1, no
traceback, and the store stays consistent."""
from __future__ import annotations

import gzip
import json
import os
import sqlite3
import subprocess
import sys
from datetime import date

import pytest

from testpaths import SAMPLE

from tacitus.ingest import read_documents
from tacitus.models import Document

TEXT = SAMPLE.read_text(encoding="utf-8")
FRENCH = ("Le gouvernement français a annoncé mardi une nouvelle aide militaire à l'Ukraine, selon le "
          "ministère des Armées. Cette aide comprend des missiles et des canons qui seront livrés dans "
          "les prochaines semaines, a précisé le ministre lors d'une conférence de presse à Paris.")
PARAGRAPHS = [p for p in TEXT.splitlines() if len(p.split()) > 12]
LOGIN = "<!DOCTYPE html><html><head><title>Log in</title></head><body><nav><a href='/'>Home</a></nav></body></html>"


def deep_html() -> str:
    body = "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS[:6])
    return ("<!DOCTYPE html><html lang='en'><head><title>Canada ready to send trainers</title></head><body>"
            + "<div>" * 10_000 + f"<article><h1>Canada ready to send trainers</h1>{body}</article>"
            + "</div>" * 10_000 + "</body></html>")


def run_on() -> str:
    words = " ".join(w.strip(".,;:!?\"()") for w in TEXT.split()).split()
    return " ".join((words * (20_000 // len(words) + 1))[:20_000])


# name -> (file name, content, expected code or None when the input is read)
CASES: dict[str, tuple[str, object, str | None]] = {
    "missing": ("missing.txt", None, "E101"),
    "empty": ("empty.txt", "", "E104"),
    "binary": ("article.txt", gzip.compress(TEXT.encode("utf-8"), mtime=0), "E103"),
    "png-as-txt": ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x00" + bytes(range(256)), "E103"),
    "latin-1": ("latin1.txt", "\n".join(PARAGRAPHS[8:12]).encode("latin-1"), None),
    "utf-16-bom": ("utf16bom.txt", "\n".join(PARAGRAPHS[1:4]).encode("utf-16"), None),
    "utf-16-no-bom": ("utf16.txt", "\n".join(PARAGRAPHS[4:7]).encode("utf-16-le"), None),
    "nul": ("nul.txt", ("\n".join(PARAGRAPHS[12:15]).replace("Canada", "Canada\x00", 1)).encode("utf-8"), None),
    "control": ("control.txt", "\n".join(PARAGRAPHS[15:18]).replace(" ", "\x0b", 2).replace(" of ", "\x07of ", 1), None),
    "1.5M-characters": ("book.txt", ((TEXT + "\n") * (1_500_000 // len(TEXT) + 1))[:1_500_000], "E110"),
    "20k-word-sentence": ("runon.txt", run_on(), None),
    "non-english": ("french.txt", FRENCH, "E107"),
    "no-article-html": ("login.html", LOGIN, "E106"),
    "10k-deep-html": ("deep.html", deep_html(), None),
}
# JSONL records, one file: case -> (line, record or raw line, expected code)
RECORDS: dict[str, tuple[int, object, str | None]] = {
    "nested-json": (1, '{"text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}", "E108"),
    "malformed-jsonl": (2, '{"id": "broken", "text": "Kyiv said', "E108"),
    "wrong-type-text": (3, {"id": "t3", "text": 2024}, "E108"),
    "wrong-type-id": (4, {"id": ["t4"], "text": PARAGRAPHS[0]}, "E108"),
    "wrong-type-published": (5, {"id": "t5", "text": PARAGRAPHS[1], "published": 20240301}, "E109"),
    "first-of-a-repeated-id": (6, {"id": "dup", "text": PARAGRAPHS[2]}, None),
    "repeated-id": (7, {"id": "dup", "text": PARAGRAPHS[3]}, "E111"),
    "good-record": (8, {"id": "good-record", "text": PARAGRAPHS[7], "published": "2024-03-01"}, None),
}
ALL = sorted(CASES) + sorted(RECORDS)


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> dict:
    """The files, then one `extract` and one `ingest` run over all of them (and a good article)."""
    d = tmp_path_factory.mktemp("bad")
    paths, origins = [], {}
    good = d / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    paths.append(str(good))
    for case, (name, content, _) in CASES.items():
        p = d / name
        if isinstance(content, bytes):
            p.write_bytes(content)
        elif content is not None:
            p.write_bytes(content.encode("utf-8"))
        paths.append(str(p))
        origins[case] = str(p)
    rec = d / "records.jsonl"
    rec.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n"
                           for _, r, _ in sorted(RECORDS.values(), key=lambda x: x[0])), encoding="utf-8")
    paths.append(str(rec))
    for case, (n, _, _) in RECORDS.items():
        origins[case] = f"{rec}:{n}"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cli = [sys.executable, "-m", "tacitus.cli"]
    out = {"paths": paths, "origins": origins, "good": good, "dir": d}
    out["extract"] = subprocess.run([*cli, "extract", *paths, "--published", "2024-03-01", "--format", "jsonl"],
                                    capture_output=True, text=True, env=env, timeout=3600)
    db = d / "tacitus.db"
    out["db"] = db
    out["ingest"] = subprocess.run([*cli, "ingest", *paths, "--published", "2024-03-01", "--db", str(db),
                                    "--format", "json"], capture_output=True, text=True, env=env, timeout=3600)
    out["ingest-again"] = subprocess.run([*cli, "ingest", *paths, "--published", "2024-03-01", "--db", str(db),
                                          "--format", "json"], capture_output=True, text=True, env=env, timeout=3600)
    return out


def expected(case: str) -> str | None:
    return CASES[case][2] if case in CASES else RECORDS[case][2]


def read_ids(batch, case: str) -> set[str]:
    """The document ids the reader gives this input (itself tested in test_ingest_*)."""
    origin = batch["origins"][case]
    path = origin.rsplit(":", 1)[0] if case in RECORDS else origin
    return {x.id for x in read_documents([path], published=date(2024, 3, 1))
            if isinstance(x, Document) and (case not in RECORDS or x.origin == origin)}


def lines_naming(stderr: str, origin: str) -> list[str]:
    return [x for x in stderr.splitlines() if x.startswith(f"tacitus: {origin}: ")]


@pytest.mark.slow
@pytest.mark.parametrize("command", ["extract", "ingest"])
@pytest.mark.parametrize("case", ALL)
def test_bad_input(batch, command, case):
    run = batch[command]
    assert run.returncode == 1, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    code = expected(case)
    mine = lines_naming(run.stderr, batch["origins"][case])
    if code:
        assert len(mine) == 1 and f"[{code}]" in mine[0], (mine, run.stderr[-1500:])
        return
    assert mine == []
    ids = read_ids(batch, case)
    assert len(ids) == 1
    if command == "extract":
        got = {json.loads(x)["doc_id"] for x in run.stdout.splitlines()}
        assert ids <= got, case                                      # read, and events found
    else:
        con = sqlite3.connect(batch["db"])
        stored = {r[0] for r in con.execute("SELECT id FROM documents")}
        con.close()
        assert ids <= stored, case


@pytest.mark.slow
def test_every_coded_line_is_accounted_for(batch):
    for command in ("extract", "ingest"):
        coded = [x for x in batch[command].stderr.splitlines() if "[E" in x]
        assert len(coded) == sum(1 for c in ALL if expected(c)), coded


@pytest.mark.slow
def test_the_good_article_keeps_exactly_its_events(batch, pipeline):
    doc = Document(text=TEXT, published=date(2024, 3, 1)).with_id()
    alone = [e.to_dict() for _, evs in pipeline.extract_documents([doc]) for e in evs]
    in_batch = [json.loads(x) for x in batch["extract"].stdout.splitlines()]
    assert [e for e in in_batch if e["doc_id"] == doc.id] == alone and len(alone) > 30


@pytest.mark.slow
def test_control_characters_do_not_cost_events(batch, pipeline):
    """The blanked text gives the events of the clean text, at the same offsets."""
    (case_id,) = read_ids(batch, "control")
    clean = Document(text="\n".join(PARAGRAPHS[15:18]), published=date(2024, 3, 1), id=case_id)
    want = [(e.type, e.evidence.start, e.evidence.trigger) for _, evs in pipeline.extract_documents([clean])
            for e in evs]
    got = [(e["type"], e["evidence"]["start"], e["evidence"]["trigger"])
           for e in map(json.loads, batch["extract"].stdout.splitlines()) if e["doc_id"] == case_id]
    assert got == want and want


@pytest.mark.slow
def test_the_store_stays_consistent_and_a_rerun_adds_nothing(batch):
    run, again = batch["ingest"], batch["ingest-again"]
    summary, rerun = json.loads(run.stdout), json.loads(again.stdout)
    readable = set().union(*(read_ids(batch, c) for c in ALL if not expected(c)))
    assert summary["stored"] == len(readable) + 1 and summary["failed"] == sum(1 for c in ALL if expected(c))
    assert rerun["stored"] == 0 and rerun["skipped"] == summary["stored"] and again.returncode == 1
    con = sqlite3.connect(batch["db"])
    q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
    assert q("PRAGMA integrity_check") == [("ok",)] and q("PRAGMA foreign_key_check") == []
    assert q("SELECT COUNT(*) FROM documents")[0][0] == summary["stored"]
    assert q("SELECT COUNT(*) FROM mentions m LEFT JOIN documents d ON d.id = m.doc_id WHERE d.id IS NULL") == [(0,)]
    assert q("SELECT COUNT(*) FROM mentions m LEFT JOIN events e ON e.id = m.event_id WHERE e.id IS NULL") == [(0,)]
    assert q("SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id)") \
        == [(0,)]
    assert q("SELECT SUM(n_mentions) FROM documents")[0][0] == q("SELECT COUNT(*) FROM mentions")[0][0]
    assert q("SELECT COUNT(*) FROM documents WHERE pipeline_version IS NULL") == [(0,)]
    con.close()
    assert rerun["totals"] == summary["totals"]
