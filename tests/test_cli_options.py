"""CLI options: --model with an unknown name, ingest --lexicon, info without loading the model,
the loading notice on a terminal."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pytest

from testpaths import SAMPLE

from tacitus.cli import main

USER_LEXICON = """\
- lemma: react
  pos: VERB
  senses: [{type: ACCUSE, cameo: "110", contexts: [diplomatic]}]
"""


@pytest.mark.parametrize("cmd", [["extract", str(SAMPLE)], ["ingest", str(SAMPLE), "--db", "IGNORED"],
                                 ["info"]])
def test_an_unknown_model_name_is_named_in_one_line(cmd, tmp_path, capsys):
    cmd = [str(tmp_path / "t.db") if x == "IGNORED" else x for x in cmd]
    assert main([*cmd, "--model", "bogus"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "[E303]" in err and "'bogus'" in err
    assert "no English spaCy pipeline installed" not in err


def test_info_loads_no_model():
    code = ("import sys, json; from tacitus.cli import main; main(['info', '--format', 'json']); "
            "assert 'spacy' not in sys.modules, 'spaCy was imported'")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-1500:]
    info = json.loads(out.stdout)
    assert info["model_version"] and info["lexicon_version"].startswith("core-") and info["type_model_version"]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.slow
@pytest.mark.parametrize("tty", [True, False])
def test_the_model_load_is_announced_on_a_terminal_only(tmp_path, monkeypatch, capsys, tty):
    err = Terminal() if tty else io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["extract", str(SAMPLE), "--published", "2024-03-01", "--format", "jsonl"]) == 0
    lines = err.getvalue().splitlines()
    assert any("loading the spaCy model (core_web_md 3.8.0)" in x for x in lines) == tty
    assert all("[E" not in x for x in lines)


@pytest.mark.slow
def test_ingest_lexicon_extends_what_is_stored(tmp_path, capsys):
    lex = tmp_path / "react.yaml"
    lex.write_text(USER_LEXICON, encoding="utf-8")
    plain, extended = str(tmp_path / "plain.db"), str(tmp_path / "extended.db")
    assert main(["ingest", str(SAMPLE), "--published", "2024-03-01", "--db", plain]) == 0
    assert main(["ingest", str(SAMPLE), "--published", "2024-03-01", "--db", extended, "--lexicon", str(lex)]) == 0
    capsys.readouterr()
    triggers = {}
    for db in (plain, extended):
        assert main(["query", "--db", db, "--format", "jsonl"]) == 0
        rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
        triggers[db] = {r["evidence"]["trigger"]: r for r in rows}
    assert "reacted" not in triggers[plain]
    assert triggers[extended]["reacted"]["type"] == "ACCUSE"  # "Moscow angrily reacted to Macron's statements"
    version = triggers[extended]["reacted"]["pipeline_version"]
    assert version.startswith("tacitus-0.1.0+") and re.search(r"\+lexicon-[0-9a-f]{10}$", version), version
    assert set(triggers[plain]) <= set(triggers[extended])
