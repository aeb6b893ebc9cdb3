"""Every command the README's serve section, docs/serve.md and the benchmark notes show, run
exactly as shown, from a checkout-like folder with ../shared beside it."""
from __future__ import annotations

import json
import re
import shlex
import shutil
import socket
import subprocess
from contextlib import ExitStack

import pytest
from apihelpers import ROOT, chromium_path, env, section_commands, serving
from apihelpers import README_SERVE

pytestmark = pytest.mark.slow
DOCS = ROOT / "docs" / "serve.md"


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _need_ports(*ports: int) -> None:
    busy = [p for p in ports if not _free(p)]
    if busy:
        pytest.skip(f"port(s) {busy} in use on this machine: the documented commands use them as shown")


def _doc_lines() -> list[str]:
    """Command lines of docs/serve.md's code blocks, in order (the synopsis with [options] left out)."""
    out = []
    for block in re.findall(r"```[a-z]*\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S):
        for line in block.splitlines():
            line = line.strip()
            if line and not line.startswith("#") and not re.search(r" \[--", line):
                out.append(line)
    return out


def _run(line: str, cwd, timeout: int = 900) -> subprocess.CompletedProcess:
    r = subprocess.run(["bash", "-c", line], cwd=cwd, env=env(), capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0, f"{line}\n{r.stdout[-1500:]}\n{r.stderr[-1500:]}"
    return r


def test_readme_serve_section_and_docs_commands_run_as_shown(readme_store):
    repo, ran = readme_store
    lines = section_commands(ROOT / "README.md", README_SERVE)
    if ran:   # the session's store was made by the README's own ingest lines
        assert [c for c, _ in ran] == [x for x in lines if x.startswith("tacitus ingest")]
        assert all(rc == 0 for _, rc in ran)
    assert lines[-1] == "tacitus serve"
    if not shutil.which("curl"):
        pytest.skip("curl not installed: the documented API examples use it (.ci/run installs it)")
    _need_ports(8000, 8001)
    docs = [x for x in _doc_lines() if "vendor_web.py" not in x and "web_screenshots.py" not in x]
    assert any(x.startswith("curl") for x in docs) and any("--token-file" in x for x in docs)
    with ExitStack() as stack:
        base, _ = stack.enter_context(serving(shlex.split(lines[-1]), repo))
        assert base == "http://127.0.0.1:8000"
        for line in docs:
            if line.startswith("tacitus serve"):
                url, _ = stack.enter_context(serving(shlex.split(line), repo))
                assert url.startswith("http://127.0.0.1:")
                continue
            r = _run(line, repo)
            if line.startswith("curl") and ">" not in line:
                body = json.loads(r.stdout)
                assert "detail" not in body, (line, body)
            if "/api/ingest" in line:
                assert body["read"] == 1 and body["skipped"] == 1 and body["totals"]["documents"] > 400
            if "/api/extract" in line:
                assert body["n_events"] > 10 and body["documents"][0]["published"] == "2024-03-01"
            if "--limit" not in line and "limit=2" in line:
                assert 0 < len(body["events"]) <= 2
        assert (repo / "aid.csv").read_text().startswith("id,type,")
        # benchmarks/README.md: the load test, exactly as shown, against this server
        bench = [x for x in section_commands(ROOT / "benchmarks" / "README.md", "## Serving") if "serve_load.py" in x]
        assert len(bench) == 2
        for line in bench:
            r = _run(line, repo, timeout=1800)
            rows = [x for x in r.stdout.splitlines() if x.startswith("| ") and "target" not in x]
            assert len(rows) == 23 and all(x.rstrip().endswith("| 0 |") for x in rows)


def test_docs_screenshot_command_runs_as_shown(readme_store):
    if chromium_path() is None:
        pytest.skip("no Chromium: needs Debian's `chromium` package (.ci/run installs it)")
    repo, _ = readme_store
    _need_ports(8000)
    (line,) = [x for x in _doc_lines() if "web_screenshots.py" in x]
    with serving(shlex.split(section_commands(ROOT / "README.md", README_SERVE)[-1]), repo):
        r = _run(line, repo)
    names = {p.name for p in (repo / "docs" / "img").glob("*.png")}
    assert names == {p.name for p in (ROOT / "docs" / "img").glob("serve-*.png")} and len(names) == 7
    assert "United States" in r.stdout and "Reuters" in r.stdout


def test_docs_vendor_command_reproduces_the_committed_files(tmp_path):
    """`python3 scripts/vendor_web.py` from the pinned lock gives byte-identical files."""
    if not shutil.which("npm"):
        pytest.skip("npm not installed: vendoring runs at build time where Node.js is")
    if subprocess.run(["npm", "ping"], capture_output=True, timeout=60).returncode != 0:
        pytest.skip("the npm registry is not reachable from here")
    from apihelpers import sandbox

    repo = sandbox(tmp_path)
    (line,) = [x for x in _doc_lines() if "vendor_web.py" in x]
    _run(line, repo)
    made = json.loads((repo / "src/tacitus/web/static/vendor/VENDOR.json").read_text())
    assert made == json.loads((ROOT / "src/tacitus/web/static/vendor/VENDOR.json").read_text())
