"""Rules about the repository itself: no machine's absolute paths, modules under 600 lines."""
from __future__ import annotations

import re
import subprocess

import pytest

from testpaths import ROOT

# Absolute paths of one machine (home folders, the team's server layout). Data lives in ../shared,
# named relative to the repository.
MACHINE_PATH = re.compile(r"(?<![\w.])/(?:work|root|home|Users)/[\w.-]+")


def tracked_files() -> list[str]:
    try:
        out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("git is not available to list the tracked files")
    return [x for x in out.splitlines() if x]


def test_no_absolute_machine_paths_in_committed_files():
    found = []
    for name in tracked_files():
        path = ROOT / name
        if not path.is_file() or path.stat().st_size > 5_000_000:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found += [f"{name}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}" for m in MACHINE_PATH.finditer(text)]
    assert not found, "use ../shared (relative to the repository) instead:\n" + "\n".join(found[:20])


def test_modules_stay_under_600_lines():
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "src").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) >= 600}
    assert not long, f"split these modules: {long}"


def test_the_default_benchmarks_folder_is_beside_the_repository():
    from tacitus.eval.runners import DEFAULT_ROOT

    assert DEFAULT_ROOT == ROOT.parent / "shared" / "benchmarks"
