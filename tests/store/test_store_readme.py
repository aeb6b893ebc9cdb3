"""The README's "Query your events" commands, run exactly as shown (on SQLite, and the ingest
on PostgreSQL), with ../shared beside a throw-away copy of the repository layout."""
from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from testpaths import ROOT, need_shared

BIN = Path(sys.executable).parent


def readme_block(title: str) -> list[str]:
    """The commands of the first code block after the README heading `title` (comments dropped)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    body = text.split(f"## {title}\n", 1)[1]
    block = re.search(r"```\n(.*?)```", body, re.S).group(1)
    return [re.sub(r"\s+#.*$", "", line).strip() for line in block.splitlines() if line.strip()]


def layout(tmp_path: Path) -> Path:
    """tmp/repo (cwd, with examples/) and tmp/shared -> the team's shared folder."""
    shared = need_shared("corpus/ukraine-war-2022-2024/corpus.jsonl").parents[2]
    repo = tmp_path / "repo"
    repo.mkdir()
    (tmp_path / "shared").symlink_to(shared)
    (repo / "examples").symlink_to(ROOT / "examples")
    return repo


def run(cmd: str, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(cmd, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def check_ok(p: subprocess.CompletedProcess) -> None:
    assert p.returncode == 0, p.stderr[-2000:]
    assert "Traceback" not in p.stderr


@pytest.mark.slow
@pytest.mark.shared
def test_readme_query_your_events_block_runs_as_shown(tmp_path):
    cmds = readme_block("Query your events")
    assert cmds[0] == "tacitus ingest ../shared/corpus/ukraine-war-2022-2024/corpus.jsonl --processes 2"
    repo = layout(tmp_path)
    n_lines = sum(1 for x in (tmp_path / "shared/corpus/ukraine-war-2022-2024/corpus.jsonl").open() if x.strip())
    outputs = {}
    for cmd in cmds:
        p = run(cmd, repo)
        check_ok(p)
        outputs[cmd] = p
    con = sqlite3.connect(repo / "tacitus.db")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    n_docs = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    con.close()
    assert n_docs == n_lines + 1                      # the corpus, then the sample article
    stats = json.loads(outputs["tacitus stats --format json"].stdout)
    assert stats["documents"] == n_docs and stats["events"] > 1000
    assert stats["duplicates"] == stats["exact_duplicates"] + stats["near_duplicates"]
    assert "ASSAULT" in outputs["tacitus query --actor RUS --type ASSAULT --since 2022-02-20 --until 2022-03-01"].stdout
    csv_head = (repo / "air-defence.csv").read_text(encoding="utf-8").splitlines()
    assert csv_head[0].startswith("id,type,") and len(csv_head) > 1
    assert "Czechia" in outputs['tacitus stance "send troops" --target UKR'].stdout
    assert (repo / "events.parquet").stat().st_size > 0
    tsv = (repo / "events.tsv").read_text(encoding="utf-8").split("\n")
    assert tsv[0].startswith("Event ID\t") and tsv[-1] == ""
    assert all(line.count("\t") == 39 for line in tsv[:-1])          # 40 columns, one line per event


@pytest.mark.slow
@pytest.mark.shared
def test_readme_parallel_ingest_on_postgresql(tmp_path):
    from storehelpers import pg_schema_url, pg_url

    from tacitus.store import connect

    url = pg_url()
    cmd = readme_block("Query your events")[0]
    repo = layout(tmp_path)
    schema = "r_" + uuid.uuid4().hex[:10]
    admin = connect(url)
    admin.execute(f"CREATE SCHEMA {schema}")
    try:
        p = run(f"{cmd} --db '{pg_schema_url(url, schema)}'", repo)
        check_ok(p)
        n_lines = sum(1 for x in (tmp_path / "shared/corpus/ukraine-war-2022-2024/corpus.jsonl").open() if x.strip())
        assert admin.scalar(f"SELECT COUNT(*) AS n FROM {schema}.documents") == n_lines
        assert admin.scalar(f"SELECT COUNT(*) AS n FROM {schema}.mentions") > 1000
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()
