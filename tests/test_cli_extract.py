"""The extract and info commands through the CLI entry point (contract: ../shared/docs/contract.md)."""
from __future__ import annotations

import io
import json

import pytest

from tacitus.cli import main

CONTRACT_FIELDS = ["id", "doc_id", "type", "mode", "cameo", "plover_type", "modality", "actor", "target",
                   "attribution", "time", "location", "quantities", "evidence", "confidence", "rule"]
ARTICLE = ("Germany has refused to send Leopard tanks to Ukraine, officials said on Monday.\n\n"
           "The European Union imposed new sanctions on Russia last week.\n")


@pytest.mark.parametrize("cmd", ["extract", "info", "ingest", "query", "stance", "stats", "export", "eval", "bench"])
def test_every_command_has_help(cmd, capsys):
    with pytest.raises(SystemExit) as exc:
        main([cmd, "--help"])
    assert exc.value.code == 0
    assert "usage: tacitus " + cmd in capsys.readouterr().out


@pytest.mark.slow
def test_extract_jsonl_follows_the_contract(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(f), "--published", "2023-01-20", "--format", "jsonl"]) == 0
    out = capsys.readouterr().out
    events = [json.loads(line) for line in out.splitlines()]
    assert events, "no events"
    for e in events:
        assert all(k in e for k in CONTRACT_FIELDS)
        ev = e["evidence"]
        assert ARTICLE[ev["start"]:ev["end"]] == ev["sentence"]
    refused = [e for e in events if e["evidence"]["trigger"] == "send"][0]
    assert (refused["type"], refused["modality"], refused["actor"]["country"]) == ("AID", "negated", "DEU")
    assert refused["time"]["start"] == "2023-01-16"  # "on Monday" before Friday 20 January


@pytest.mark.slow
def test_bad_documents_are_reported_and_the_batch_goes_on(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    rc = main(["extract", str(good), str(binary), str(empty), str(tmp_path / "missing.txt"),
               "--published", "2023-01-20", "--format", "jsonl"])
    cap = capsys.readouterr()
    assert rc == 1
    errors = cap.err.strip().splitlines()
    assert len(errors) == 3 and all(line.startswith("tacitus: ") and "[E1" in line for line in errors)
    assert any(json.loads(line)["evidence"]["trigger"] == "send" for line in cap.out.splitlines())


@pytest.mark.slow
def test_stdin_and_table(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(ARTICLE))
    assert main(["extract", "-", "--published", "2023-01-20"]) == 0
    out = capsys.readouterr().out
    assert "AID" in out and "negated" in out and "Germany" in out


def test_bad_published_date_is_one_clear_line(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(f), "--published", "20/01/2023"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "YYYY-MM-DD" in err


@pytest.mark.slow
def test_info_json(capsys):
    assert main(["info", "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert {"version", "spacy_model", "lexicon_version"} <= set(info)
