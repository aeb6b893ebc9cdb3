"""Helpers for the serve tests: a hand-built store, a live `tacitus serve`, documented commands.

Imported by module name (pytest puts this directory on sys.path).
"""
from __future__ import annotations

import dataclasses
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "tests" / "store"))

from storehelpers import doc  # noqa: E402
from storehelpers import event as _event  # noqa: E402

from tacitus.models import Location, Quantity  # noqa: E402

V = "test-pipeline-1"


def event(doc_id: str, **kw):
    """storehelpers.event with the trigger's offsets where the trigger word really is."""
    ev = _event(doc_id, **kw)
    i = ev.evidence.sentence.find(ev.evidence.trigger)
    if i >= 0:
        s = ev.evidence.start + i
        ev = dataclasses.replace(ev, evidence=dataclasses.replace(ev.evidence, trigger_start=s,
                                                                  trigger_end=s + len(ev.evidence.trigger)))
    return ev.with_id()


def fill(store) -> None:
    """Three articles, eight mentions: merges, a contradiction, a speaker with a channel, money, places."""
    w = lambda d, evs: store.write_document(d, evs, pipeline_version=V)  # noqa: E731
    text_a = ("Canada is open to sending troops to Ukraine.\nPoland is not considering sending troops to Ukraine.\n"
              "Russia shelled Kharkiv overnight.\nCanada will send CA$60 million to Ukraine.")
    lines = text_a.split("\n")
    starts = [sum(len(x) + 1 for x in lines[:i]) for i in range(len(lines))]
    money = event("a", modality="planned", trigger="send", start=starts[3], sentence=lines[3])
    money = dataclasses.replace(money, quantities=(Quantity("CA$60 million", 60e6, "CAD", usd=44.3e6),))
    w(doc("a", text=text_a, source="Toronto Star"), [
        event("a", modality="possible", trigger="sending", start=starts[0], sentence=lines[0]),
        event("a", actor="POL", modality="negated", trigger="sending", start=starts[1], sentence=lines[1]),
        dataclasses.replace(event("a", type="ASSAULT", actor="RUS", trigger="shelled", start=starts[2],
                                  sentence=lines[2], cameo="190"),
                            location=Location("Kharkiv", "Kharkiv", "UKR", 49.99, 36.23)),
        money,
    ])
    text_b = ("Canada could send its troops to Ukraine, Bill Blair said.\n"
              "The United States has no plans to send troops to Ukraine.")
    b1 = text_b.split("\n")
    w(doc("b", text=text_b, source="Rubryka", published="2024-03-02"), [
        event("b", modality="possible", trigger="send", sentence=b1[0], day="2024-03-02", speaker="Bill Blair"),
        event("b", actor="USA", modality="negated", trigger="send", start=len(b1[0]) + 1, day="2024-02-26",
              sentence=b1[1]),
    ])
    text_c = "Canada will not send troops to Ukraine, the minister said."
    w(doc("c", text=text_c, published="2024-03-03"), [
        event("c", modality="negated", trigger="send", day="2024-03-03", sentence=text_c),
    ])


def section_commands(path: Path, heading: str) -> list[str]:
    """The command lines of the first fenced block after `heading` in a Markdown file (comments and
    blank lines dropped), exactly as a reader would copy them."""
    text = path.read_text(encoding="utf-8")
    i = text.index(heading)
    m = re.search(r"```[a-z]*\n(.*?)```", text[i:], re.S)
    assert m, f"no code block after {heading!r} in {path}"
    out = []
    for line in m.group(1).splitlines():
        line = line.split("  #")[0].rstrip()
        if line.strip() and not line.lstrip().startswith("#"):
            out.append(line.strip())
    return out


def sandbox(tmp: Path) -> Path:
    """A folder laid out like a checkout (examples/, scripts/, benchmarks/, .venv/) with ../shared
    beside it, so documented commands run there exactly as shown without touching the repository."""
    repo = tmp / "repo"
    repo.mkdir(parents=True, exist_ok=True)
    for name in ("examples", "benchmarks", ".venv"):
        if not (repo / name).exists():
            (repo / name).symlink_to(ROOT / name)
    if not (repo / "scripts").exists():
        shutil.copytree(ROOT / "scripts", repo / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    if SHARED.exists() and not (tmp / "shared").exists():
        (tmp / "shared").symlink_to(SHARED)
    return repo


def env() -> dict[str, str]:
    """The environment for documented commands: the venv's tools first on PATH."""
    e = dict(os.environ)
    e["PATH"] = f"{BIN}{os.pathsep}{e.get('PATH', '')}"
    e.pop("PYTHONPATH", None)
    return e


@contextmanager
def serving(args: list[str], cwd: Path, timeout: float = 60.0):
    """Run `tacitus serve ARGS` (or a full command line) in `cwd`; yield (base URL, process)."""
    cmd = args if args[0] != "serve" else [str(BIN / "tacitus"), *args]
    proc = subprocess.Popen(cmd, cwd=cwd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        t0 = time.monotonic()
        line = ""
        while time.monotonic() - t0 < timeout:
            line = proc.stdout.readline()
            if line.startswith("http://") or proc.poll() is not None:
                break
        if not line.startswith("http://"):
            proc.kill()
            raise AssertionError(f"serve did not print its URL: {line!r} {proc.stderr.read()}")
        base = line.strip().rstrip("/")
        _wait_up(base, timeout)
        yield base, proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def _wait_up(base: str, timeout: float) -> None:
    import httpx

    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        try:
            if httpx.get(base + "/api/stats", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError(f"{base} did not answer within {timeout}s")


def chromium_path() -> str | None:
    """Debian's Chromium, if installed."""
    for p in ("/usr/bin/chromium", shutil.which("chromium") or ""):
        if p and Path(p).exists():
            return p
    return None


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


README_SERVE = "## Browse the store: `tacitus serve`"


@contextmanager
def make_client(url: str, **config):
    """A TestClient over create_app for the store at `url` (lifespan run, stores closed after)."""
    from fastapi.testclient import TestClient

    from tacitus.api.app import create_app
    from tacitus.api.state import ServeConfig

    with TestClient(create_app(ServeConfig(db=url, **config))) as c:
        yield c
