"""Crash safety: SIGKILL `tacitus ingest` mid-corpus, rerun, compare with a clean run."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine-war-2022-2024" / "corpus.jsonl"
N_DOCS = 30


def make_corpus(path: Path) -> None:
    if CORPUS.exists():
        lines = CORPUS.read_text(encoding="utf-8").splitlines()[:N_DOCS]
        # one exact re-publication, so the duplicate path is crossed too
        dup = json.loads(lines[3])
        dup["id"] += "-copy"
        lines.append(json.dumps(dup))
    else:  # ../shared absent: synthetic articles
        countries = ["Canada", "France", "Poland", "Germany", "Italy", "Spain"]
        lines = []
        for i in range(N_DOCS):
            c = countries[i % len(countries)]
            text = (f"{c} is open to sending troops to Ukraine, its defence minister said on Monday. "
                    f"Russia warned that any deployment would lead to conflict. Story number {i}. "
                    + " ".join(f"detail{i}x{k}" for k in range(40)))
            lines.append(json.dumps({"id": f"syn-{i:02d}", "published": f"2024-03-{1 + i % 28:02d}", "text": text}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_ingest(db: Path, corpus: Path, *extra: str, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "tacitus.cli", "ingest", str(corpus), "--db", str(db), *extra],
                            cwd=db.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def stored(db: Path) -> int:
    try:
        con = sqlite3.connect(db, timeout=1)
        try:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def snapshot(db: Path) -> dict:
    con = sqlite3.connect(db)
    q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
    out = {
        "integrity": q("PRAGMA integrity_check")[0][0],
        "fk": q("PRAGMA foreign_key_check"),
        "orphan_mentions": q("SELECT COUNT(*) FROM mentions m LEFT JOIN documents d ON d.id = m.doc_id "
                             "WHERE d.id IS NULL")[0][0],
        "orphan_events": q("SELECT COUNT(*) FROM mentions m LEFT JOIN events e ON e.id = m.event_id "
                           "WHERE e.id IS NULL")[0][0],
        "empty_events": q("SELECT COUNT(*) FROM events e WHERE NOT EXISTS "
                          "(SELECT 1 FROM mentions m WHERE m.event_id = e.id)")[0][0],
        "counts": q("SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM documents WHERE "
                    "duplicate_of IS NOT NULL), (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM mentions)")[0],
        "mentions": sorted(q("SELECT id, event_id, doc_id FROM mentions")),
        "docs_mentions": sorted(q("SELECT id, n_mentions, duplicate_of FROM documents")),
    }
    con.close()
    return out


@pytest.mark.slow
def test_store_crash_sigkill_then_rerun_equals_clean_run(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    make_corpus(corpus)
    n_total = len(corpus.read_text().splitlines())

    killed = tmp_path / "killed"
    killed.mkdir()
    db = killed / "tacitus.db"
    p = run_ingest(db, corpus)
    deadline = time.monotonic() + 240
    while stored(db) < 3 and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert p.poll() is None, "ingest finished before it could be killed: " + p.stderr.read().decode()[-500:]
    p.send_signal(signal.SIGKILL)
    p.wait()
    partial = stored(db)
    assert 3 <= partial < n_total
    snap = snapshot(db)
    assert snap["integrity"] == "ok" and snap["fk"] == [] and snap["orphan_mentions"] == 0
    assert snap["orphan_events"] == 0 and snap["empty_events"] == 0

    r = run_ingest(db, corpus)
    out, err = r.communicate(timeout=600)
    assert r.returncode == 0, err.decode()[-800:]
    assert f"{partial} already stored" in err.decode()

    clean = tmp_path / "clean"
    clean.mkdir()
    c = run_ingest(clean / "tacitus.db", corpus)
    _, err = c.communicate(timeout=600)
    assert c.returncode == 0, err.decode()[-800:]

    a, b = snapshot(db), snapshot(clean / "tacitus.db")
    assert a["integrity"] == "ok" and a["fk"] == [] and a["orphan_mentions"] == a["orphan_events"] == 0
    assert a["empty_events"] == 0
    assert a["counts"] == b["counts"] and a["counts"][0] == n_total
    assert a["mentions"] == b["mentions"]
    assert a["docs_mentions"] == b["docs_mentions"]
    if CORPUS.exists():
        assert a["counts"][1] >= 1  # the re-publication is linked, not counted


def children(pid: int) -> set[int]:
    """Process ids whose parent is `pid` (Linux /proc)."""
    out = set()
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.add(int(d.name))
            except (OSError, IndexError, ValueError):
                continue
    return out


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs Linux /proc to find the worker processes")
def test_store_crash_sigkill_parallel_ingest_at_three_points_then_rerun_equals_clean_run(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    make_corpus(corpus)
    n_total = len(corpus.read_text().splitlines())
    killed = tmp_path / "killed"
    killed.mkdir()
    db = killed / "tacitus.db"
    # 1: workers started, nothing stored yet; 2: a few documents in; 3: near the end.
    points = [lambda n: n == 0 and db.exists(), lambda n: n >= 3, lambda n: n >= n_total - 6]
    seen = []
    for when in points:
        p = run_ingest(db, corpus, "--processes", "2")
        deadline = time.monotonic() + 600
        workers: set[int] = set()
        while p.poll() is None and time.monotonic() < deadline:
            workers |= children(p.pid)
            if len(workers) >= 2 and when(stored(db)):
                break
            time.sleep(0.02)
        assert p.poll() is None, "ingest ended before it could be killed: " + p.stderr.read().decode()[-500:]
        before = stored(db)
        p.send_signal(signal.SIGKILL)
        p.wait()
        seen.append(before)
        # The workers notice their parent is gone and exit: no orphan holds a model in memory.
        t = time.monotonic()
        while any(alive(w) for w in workers) and time.monotonic() - t < 15:
            time.sleep(0.1)
        assert not any(alive(w) for w in workers), "orphaned worker processes"
        snap = snapshot(db)
        assert snap["integrity"] == "ok" and snap["fk"] == [] and snap["orphan_mentions"] == 0
        assert snap["orphan_events"] == 0 and snap["empty_events"] == 0
    assert seen[0] == 0 and seen[1] >= 3 and seen[2] >= seen[1]

    r = run_ingest(db, corpus, "--processes", "2")
    out, err = r.communicate(timeout=900)
    assert r.returncode == 0, err.decode()[-800:]

    clean = tmp_path / "clean"
    clean.mkdir()
    c = run_ingest(clean / "tacitus.db", corpus)
    _, err = c.communicate(timeout=900)
    assert c.returncode == 0, err.decode()[-800:]
    a, b = snapshot(db), snapshot(clean / "tacitus.db")
    assert a["counts"] == b["counts"] and a["counts"][0] == n_total
    assert a["mentions"] == b["mentions"]
    assert a["docs_mentions"] == b["docs_mentions"]
