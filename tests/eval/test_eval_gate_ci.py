"""The regression gate in CI: our scores on the fixed slices must not drop below eval/baseline.json.

Runs `tacitus.eval.gate` (about a minute on 2 cores, model load included) when ../shared/benchmarks
is present; a drop beyond the baseline's tolerance (0.5 points), a changed gold file or a changed
slice fails with the gate's summary. Raise floors after an improvement with
`python -m tacitus.eval.gate --update`; lowering needs `--allow-lower --reason "..."`.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT.parent / "shared" / "benchmarks"
BASELINE = ROOT / "eval" / "baseline.json"


@pytest.mark.slow
def test_gate_against_committed_baseline():
    """`python -m tacitus.eval.gate`, exactly as the README shows it, from the repository root."""
    if not BENCH.is_dir():
        pytest.skip(f"{BENCH} not found: the eval gate needs the team's shared benchmarks (present in CI)")
    if not BASELINE.exists():
        pytest.fail(f"{BASELINE} is missing: create it with `python -m tacitus.eval.gate --update`")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    p = subprocess.run("python -m tacitus.eval.gate", shell=True, cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=1800)
    assert p.returncode == 0, "eval gate failed:\n" + p.stdout[-3000:] + p.stderr[-3000:]
