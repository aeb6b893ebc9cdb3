"""Regenerate the committed full reports: eval/reports/<benchmark>.md and eval/reports/summary.json.

    .venv/bin/python scripts/eval_reports.py [BENCHMARK ...]     # default: all nine

Each benchmark is run once on its full data through `tacitus eval BENCHMARK PATH --report ...`
(PATH = ../shared/benchmarks/BENCHMARK, relative to the repository so the reports carry no
machine path). The summary keeps ours vs baselines vs published per benchmark, plus runtimes.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    from tacitus.cli import main as cli
    from tacitus.eval.commands import BENCHMARKS

    os.chdir(REPO)
    names = argv or list(BENCHMARKS)
    out_dir = Path("eval/reports")
    out_dir.mkdir(parents=True, exist_ok=True)
    summary_path = out_dir / "summary.json"
    summary = json.loads(summary_path.read_text()) if summary_path.exists() else {}
    for name in names:
        t0 = time.perf_counter()
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            rc = cli(["eval", name, f"../shared/benchmarks/{name}", "--format", "json",
                      "--report", str(out_dir / f"{name}.md")])
        dt = time.perf_counter() - t0
        if rc:
            print(f"{name}: exit {rc}", file=sys.stderr)
            continue
        rep = json.loads(buf.getvalue())
        keep = ("p", "r", "f1", "accuracy", "macro_f1", "label")
        summary[name] = {
            "n": rep["n"], "seconds": round(dt, 1),
            "metrics": {s: {k: m.get(k) for k in keep if k in m} for s, m in rep["metrics"].items()},
            "baselines": {b: {s: {k: m.get(k) for k in keep if k in m} for s, m in st.items()}
                          for b, st in rep["baselines"].items()},
            "published": rep["published"]}
        print(f"{name}: n={rep['n']} in {dt:.0f}s", file=sys.stderr, flush=True)
        summary_path.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
