"""One document that fails inside extraction gets one coded line; the batch goes on (serial and
parallel paths, extract and ingest). Uses the sample article split into its paragraphs."""
from __future__ import annotations

import json
import os
import sqlite3

import pytest

from tacitus.cli import main
from tacitus.extract.extractor import EventExtractor

from testpaths import SAMPLE

BAD = "ukr-bad"
REAL_WORK = None  # the real worker task, while a test replaces it


def sample_jsonl(tmp_path, n: int = 6) -> tuple[str, list[str]]:
    """The sample article as n JSONL documents (its lines, dealt out round-robin); one is BAD."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    parts = ["\n".join(lines[i::n]) for i in range(n)]
    ids = [f"ukr-{i}" for i in range(n)]
    ids[2] = BAD
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": t, "published": "2024-03-01"}) + "\n"
                            for i, t in zip(ids, parts)), encoding="utf-8")
    return str(path), ids


@pytest.fixture
def boom(monkeypatch):
    """The extractor raises on document BAD (as an unforeseen bug would), nowhere else."""
    real = EventExtractor.__call__

    def call(self, doc, published=None):
        if doc.doc.id == BAD:
            raise ZeroDivisionError("division by zero")
        return real(self, doc, published)

    monkeypatch.setattr(EventExtractor, "__call__", call)


@pytest.mark.slow
@pytest.mark.parametrize("processes", ["1", "2"])
def test_extract_failure_is_one_coded_line_and_the_batch_goes_on(tmp_path, capsys, boom, processes):
    path, ids = sample_jsonl(tmp_path)
    rc = main(["extract", path, "--format", "jsonl", "--processes", processes])
    cap = capsys.readouterr()
    assert rc == 1
    lines = cap.err.strip().splitlines()
    assert len(lines) == 1, cap.err
    assert "[E120]" in lines[0] and BAD in lines[0] and "ZeroDivisionError" in lines[0]
    assert "Traceback" not in cap.err
    got = {json.loads(x)["doc_id"] for x in cap.out.splitlines()}
    assert got == set(ids) - {BAD}      # every other document kept its events, in one run


@pytest.mark.slow
@pytest.mark.parametrize("processes", ["1", "2"])
def test_ingest_failure_is_reported_not_stored_and_retried(tmp_path, capsys, monkeypatch, boom, processes):
    path, ids = sample_jsonl(tmp_path)
    db = str(tmp_path / "t.db")
    rc = main(["ingest", path, "--db", db, "--processes", processes, "--format", "json"])
    cap = capsys.readouterr()
    assert rc == 1
    assert [x for x in cap.err.splitlines() if "[E1" in x] == [x for x in cap.err.splitlines() if BAD in x]
    summary = json.loads(cap.out)
    assert summary["failed"] == 1 and summary["stored"] == len(ids) - 1
    con = sqlite3.connect(db)
    assert {r[0] for r in con.execute("SELECT id FROM documents")} == set(ids) - {BAD}
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    monkeypatch.undo()                  # the bug is fixed: a rerun stores the missing document
    assert main(["ingest", path, "--db", db, "--processes", processes, "--format", "json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["stored"], again["skipped"], again["failed"]) == (1, len(ids) - 1, 0)


def dying_work(doc):
    """The worker's task, except that document BAD kills its process (as the OOM killer would)."""
    if doc.id == BAD:
        os._exit(9)
    return REAL_WORK(doc)


@pytest.mark.slow
def test_a_worker_that_dies_costs_only_its_document(tmp_path, capsys, monkeypatch):
    import tacitus.pipeline as pl

    global REAL_WORK
    REAL_WORK = pl._work
    monkeypatch.setattr(pl, "_work", dying_work)
    path, ids = sample_jsonl(tmp_path)
    rc = main(["extract", path, "--format", "jsonl", "--processes", "2"])
    cap = capsys.readouterr()
    assert rc == 1
    lines = cap.err.strip().splitlines()
    assert len(lines) == 1 and "[E121]" in lines[0] and BAD in lines[0]
    assert {json.loads(x)["doc_id"] for x in cap.out.splitlines()} == set(ids) - {BAD}


@pytest.mark.slow
def test_extract_text_still_raises_for_callers_that_count_failures(pipeline, boom):
    from tacitus.pipeline import ExtractionError

    with pytest.raises(ExtractionError, match="E120"):
        pipeline.extract_text("Canada will send troops to Ukraine.", doc_id=BAD)
