"""Every command README.md and docs/ show is run, exactly as shown, by some test; the output they
show is the output the command gives."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from testpaths import ROOT

BIN = Path(sys.executable).parent
TOOLS = ("tacitus", "make", "python", "sqlite3", "duckdb", "datasette", "pip")

# command -> the test that runs it exactly as shown
TESTED = {
    "tacitus extract examples/ukraine-canada-trainers.txt --published 2024-03-01":
        "test_docs_shown.py::test_readme_what_comes_out",
    "tacitus ingest examples/ukraine-canada-trainers.txt --published 2024-03-01 --db sample.db":
        "test_docs_shown.py::test_readme_stance_on_the_sample_alone",
    'tacitus stance "send troops" --target UKR --db sample.db':
        "test_docs_shown.py::test_readme_stance_on_the_sample_alone",
    "make demo": "test_docs_shown.py::test_make_demo",
    "python -m tacitus.eval.gate": "eval/test_eval_gate_ci.py::test_gate_against_committed_baseline",
    **{cmd: "store/test_store_readme.py::test_readme_query_your_events_block_runs_as_shown" for cmd in (
        "tacitus ingest ../shared/corpus/ukraine-war-2022-2024/corpus.jsonl --processes 2",
        "tacitus ingest examples/ukraine-canada-trainers.txt --published 2024-03-01",
        "tacitus stats --format json",
        "tacitus query --actor RUS --type ASSAULT --since 2022-02-20 --until 2022-03-01",
        'tacitus query --text "air defence" --format csv > air-defence.csv',
        'tacitus stance "send troops" --target UKR',
        "tacitus export --format parquet --output events.parquet",
        "tacitus export --format polecat --output events.tsv")},
    **{cmd: "api/test_docs_commands.py::test_readme_serve_section_and_docs_commands_run_as_shown" for cmd in (
        "tacitus ingest ../shared/corpus/ukraine-war-2022-2024/corpus.jsonl",
        "tacitus serve",
        "tacitus serve --token-file serve-token.txt --port 8001")},
    **{cmd: "batch/test_batch_corpus.py::test_readme_batch_on_the_corpus_equals_extract_survives_a_kill_and_resumes"
       for cmd in ("tacitus batch ../shared/corpus/ukraine-war-2022-2024/corpus.jsonl --out out/ --workers 2",
                   "tacitus ingest out/ --db batch.db")},
    "tacitus watch feeds.txt --db tacitus.db --once": "watch/test_watch_cli.py::test_readme_watch_command_as_shown",
}
# Shown but not run by a test, and why.
EXEMPT = {
    "make test": "it is the test suite",
    "make test-fast": "it is the test suite",
    "python -m tacitus.eval.gate --update": "rewrites the committed eval/baseline.json; "
                                            "gate.updated() is tested in eval/test_eval_commands.py",
}


def code_blocks(path: Path) -> list[list[str]]:
    """The lines of each fenced block (```, ```python, ...) of a Markdown file."""
    blocks, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            if current is None:
                current = []
            else:
                blocks.append(current)
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def command(line: str) -> str | None:
    """The command on a code-block line (prompt and trailing comment dropped), or None when the
    line is output, a usage synopsis ("[--db URL]") or not a command."""
    line = line.strip()
    if line.startswith("$ "):
        line = line[2:]
    line = re.sub(r"\s+#(?![^\"]*\"\)).*$", "", line).strip()
    if not line.startswith(TOOLS) or line.split()[0] not in TOOLS or " [" in line or "PATH..." in line:
        return None
    return line


def shown_commands() -> dict[str, str]:
    out = {}
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for block in code_blocks(path):
            for line in block:
                cmd = command(line)
                if cmd:
                    out[cmd] = path.name
    return out


def test_every_command_shown_is_run_by_a_test():
    shown = shown_commands()
    assert len(shown) > 15
    untested = {c: f for c, f in shown.items() if c not in TESTED and c not in EXEMPT and c not in STORE_DOC}
    assert not untested, f"commands shown without a test running them exactly: {untested}"
    stale = [c for c in [*TESTED, *STORE_DOC] if c not in shown]
    assert not stale, f"tests run commands the docs no longer show: {stale}"
    for cmd, where in TESTED.items():
        file, name = where.split("::")
        assert f"def {name}(" in (ROOT / "tests" / file).read_text(encoding="utf-8"), (cmd, where)


def run(cmd: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(cmd, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def shown_output(block: list[str]) -> list[str]:
    return [x for x in block if x.strip() and not x.startswith("$ ")]


def readme_block(after: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"```\n(.*?)```", text.split(after, 1)[1], re.S).group(1).splitlines()


@pytest.mark.slow
def test_readme_what_comes_out(tmp_path):
    block = readme_block("## What comes out\n")
    (cmd,) = [command(x) for x in block if x.startswith("$ ")]
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    p = run(cmd, tmp_path)
    assert p.returncode == 0, p.stderr[-1500:]
    lines = p.stdout.splitlines()
    for line in shown_output(block):
        assert line in lines, line


@pytest.mark.slow
def test_readme_stance_on_the_sample_alone(tmp_path):
    block = readme_block("`stance` on the sample article\nalone")
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    cmds = [command(x) for x in block if x.startswith("$ ")]
    assert len(cmds) == 2
    for cmd in cmds:
        p = run(cmd, tmp_path)
        assert p.returncode == 0, p.stderr[-1500:]
    lines = p.stdout.splitlines()
    for line in shown_output(block):
        assert line in lines, line


@pytest.mark.slow
def test_make_demo():
    if not shutil_which("make"):
        pytest.skip("make is not installed")
    p = run("make demo", ROOT)
    assert p.returncode == 0, p.stderr[-1500:]
    assert "«provide»" in p.stdout and "Traceback" not in p.stderr


def shutil_which(name: str) -> str | None:
    import shutil

    return shutil.which(name)


# ---------------------------------------------------------------- docs/store.md: standard tools

STORE_DOC = [
    "sqlite3 tacitus.db \"SELECT actor_country, modality, COUNT(*) FROM events WHERE type = 'AID' GROUP BY 1, 2\"",
    "python -c \"import pandas, sqlite3; print(pandas.read_sql('SELECT * FROM merged_events LIMIT 5', "
    "sqlite3.connect('tacitus.db')))\"",
    "tacitus export --format parquet --output events.parquet",
    "python -c \"import duckdb; print(duckdb.sql(\\\"SELECT type, COUNT(*) FROM 'events.parquet' GROUP BY type\\\"))\"",
]


@pytest.mark.slow
def test_store_doc_standard_tools_run_offline(tmp_path):
    sys.path.insert(0, str(ROOT / "tests" / "store"))
    from storehelpers import FakePipeline, corpus_docs

    from tacitus.store import Store
    from tacitus.store.ingest import ingest

    with Store.open(str(tmp_path / "tacitus.db")) as st:
        ingest(st, corpus_docs(), pipeline_factory=FakePipeline, pipeline_version="v1")
    block = next(b for b in code_blocks(ROOT / "docs" / "store.md") if any(x.startswith("sqlite3 ") for x in b))
    assert [command(x) for x in block] == STORE_DOC
    outputs = []
    for cmd in STORE_DOC:
        if cmd.startswith("sqlite3") and not shutil_which("sqlite3"):
            continue
        p = run(cmd, tmp_path)
        assert p.returncode == 0, (cmd, p.stderr[-1500:])
        outputs.append(p.stdout)
    assert "CAN|asserted|" in outputs[0] or not shutil_which("sqlite3")
    assert "AID" in outputs[-1] and "count_star()" in outputs[-1]
