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


# (benchmark, stage, metric, published metric name or None) rows of the headline table
HEADLINE = [
    ("plover-gsr", "type", "macro_f1", None), ("plover-gsr", "type", "accuracy", None),
    ("plover-gsr", "actor", "f1", None), ("plover-gsr", "target", "f1", None),
    ("plv", "type", "macro_f1", "type macro_f1"), ("plv", "type", "accuracy", "type accuracy"),
    ("plv", "penta", "macro_f1", None),
    ("petrarch-unittest", "event", "f1", None), ("petrarch-unittest", "cameo_root", "accuracy", None),
    ("conflibert-cameo", "penta", "macro_f1", "penta macro_f1"),
    ("conflibert-cameo", "source", "f1", "source/target tagging macro_f1"), ("conflibert-cameo", "target", "f1", None),
    ("polnear", "speaker", "f1", None), ("polnear", "cue", "f1", None),
    ("meantime", "event", "f1", None), ("meantime", "modality", "accuracy", None), ("meantime", "time", "accuracy", None),
    ("timebank", "event", "f1", "event extraction f1"), ("timebank", "modality", "accuracy", None),
    ("timebank", "time", "accuracy", None),
    ("conll2003", "entity", "f1", "entity f1"),
    ("ecbplus", "conll", "f1", "CoNLL f1"),
]
NAMES = {"f1": "F1", "macro_f1": "macro-F1", "accuracy": "accuracy"}


def summary_table(summary: dict) -> str:
    """Markdown: ours vs the best trivial baseline vs published numbers, per benchmark and stage."""
    def pct(v):
        return "-" if v is None else f"{100 * v:.1f}"

    lines = ["| benchmark (n) | stage, metric | Tacitus | best trivial baseline | published (system, split) |",
             "|---|---|---:|---|---|"]
    for bench, stage, metric, pub in HEADLINE:
        rep = summary.get(bench)
        if not rep or stage not in rep["metrics"]:
            continue
        ours = rep["metrics"][stage].get(metric)
        bases = [(m[stage].get(metric), name, m[stage].get("label")) for name, m in rep["baselines"].items()
                 if stage in m and m[stage].get(metric) is not None]
        if bench == "ecbplus":
            bases = [b for b in bases if b[1] != "same lemma"]
        best = max(bases, key=lambda b: b[0]) if bases else None
        btxt = "-" if not best else f"{pct(best[0])} ({best[1]}{' = ' + str(best[2]) if best[2] is not None else ''})"
        ptxt = "; ".join(f"{p['value']} {p['system']}, {p['split']}" + ("" if p.get("verified", True) else " (unverified)")
                         for p in rep["published"] if pub and p["metric"] == pub) or "-"
        otxt = pct(ours) if bench != "ecbplus" else f"{pct(ours)} (the store's merge rule on gold mentions)"
        lines.append(f"| {bench} ({rep['n']}) | {stage}, {NAMES[metric]} | {otxt} | {btxt} | {ptxt} |")
    return "\n".join(lines) + "\n"


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
    readme = out_dir / "README.md"
    readme.write_text(README_HEAD + summary_table(summary) + README_TAIL.format(
        seconds=sum(v.get("seconds", 0) for v in summary.values())), encoding="utf-8")
    return 0


README_HEAD = """# Evaluation reports

One full report per benchmark (`<benchmark>.md`: scores next to trivial baselines and published
numbers, per-class scores, confusion matrices, error examples, notes) and `summary.json`.
Regenerate all with `.venv/bin/python scripts/eval_reports.py` (one full run each; or one report:
`tacitus eval plv ../shared/benchmarks/plv --report eval/reports/plv.md`).

Scores in percent, on the files we have (mostly train splits), so published numbers, usually on
held-out test splits, set the scale and are not a head-to-head comparison. "Best trivial baseline"
is the best of: predict nothing, most frequent class, and the benchmark's own simple rule (every
sentence has an event, every reporting verb is a cue, publication date for every time,
capitalised runs as entities, singletons / one cluster per topic).

"""
README_TAIL = """
Full runs took {seconds:.0f} s in total on 2 cores (the model loaded once).
The regression gate (`eval/baseline.json`, `python -m tacitus.eval.gate`) re-runs fixed slices
of the same benchmarks; see `tacitus/eval/gate.py`.
"""


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
