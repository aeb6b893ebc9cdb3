"""Issue 7, defect 5, as reported: ingest the first 40 articles of the Ukraine corpus, --force one
original that has copies, and the store still agrees with itself."""
from __future__ import annotations

import json
import sqlite3

import pytest

from testpaths import need_shared

from tacitus.cli import main

FORCED = "20220204T141500Z_GB_en_55f464d242"


@pytest.mark.slow
@pytest.mark.shared
def test_store_force_one_original_of_the_corpus_keeps_stats_consistent(tmp_path, capsys):
    corpus = need_shared("corpus/ukraine-war-2022-2024/corpus.jsonl")
    lines = corpus.read_text(encoding="utf-8").splitlines()[:40]
    first40 = tmp_path / "first40.jsonl"
    first40.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = tmp_path / "one.jsonl"
    one.write_text(next(x for x in lines if json.loads(x)["id"] == FORCED) + "\n", encoding="utf-8")
    db = str(tmp_path / "x.db")

    assert main(["ingest", str(first40), "--db", db, "--format", "json"]) == 0
    before = json.loads(capsys.readouterr().out)["totals"]
    copies = sqlite3.connect(db).execute("SELECT id, duplicate_kind FROM documents WHERE duplicate_of = ? "
                                         "ORDER BY id", (FORCED,)).fetchall()
    assert copies                                       # the article has re-publications
    assert main(["ingest", str(one), "--force", "--db", db, "--format", "json"]) == 0
    capsys.readouterr()
    assert main(["stats", "--db", db, "--format", "json"]) == 0
    after = json.loads(capsys.readouterr().out)
    assert after["duplicates"] == after["exact_duplicates"] + after["near_duplicates"]
    for k in ("documents", "duplicates", "exact_duplicates", "near_duplicates", "events", "mentions"):
        assert after[k] == before[k], k
    assert after["awaiting_extraction"] == 0
    assert sqlite3.connect(db).execute("SELECT id, duplicate_kind FROM documents WHERE duplicate_of = ? "
                                       "ORDER BY id", (FORCED,)).fetchall() == copies
