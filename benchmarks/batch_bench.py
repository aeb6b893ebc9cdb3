"""Throughput of `tacitus batch` (Dask, 1 and 2 workers) against `tacitus extract --processes 2`.

    python benchmarks/batch_bench.py ../shared/corpus/ukraine-war-2022-2024/corpus.jsonl

Each configuration runs as the command a user types, in a fresh process, one after the other, on
the same input. Wall time is end to end (start-up, model loading, extraction, writing), so the
three are compared like for like; CPU seconds (the command and all its processes) tell the cost
apart from what else the machine was doing. Peak memory per worker is the largest `ru_maxrss` a batch worker
reported (in the manifest); for extract it is the largest process of the run (RUSAGE_CHILDREN).
Prints a table and writes the raw numbers as JSON (`--json`, default benchmarks/batch-bench.json).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _run(cmd: list[str], cwd: Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    seconds = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the command and all its processes (workers are reaped by it): unlike wall time,
    # this does not depend on what else runs on a shared machine.
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    # Relative paths: the results are committed, machine paths are not.
    root = Path(__file__).resolve().parents[1]
    shown = [os.path.relpath(c, root) if os.path.isabs(c) and not os.path.relpath(c, root).startswith("../..") else c
             for c in cmd]
    return {"command": " ".join(shown), "rc": p.returncode, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 1),
            "peak_rss_mb": round(after.ru_maxrss / 1024, 1) if after.ru_maxrss > before.ru_maxrss else None,
            "stdout": p.stdout, "stderr": p.stderr}


def main(argv: list[str] | None = None) -> int:
    """Run the three configurations and report articles/s, scaling efficiency and memory."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", help="a .jsonl of documents")
    ap.add_argument("--json", default=str(Path(__file__).resolve().parent / "batch-bench.json"))
    a = ap.parse_args(argv)
    corpus = str(Path(a.corpus).resolve())
    tacitus = str(Path(sys.executable).parent / "tacitus")
    n = sum(1 for line in open(corpus, encoding="utf-8") if line.strip())
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ex = _run([tacitus, "extract", corpus, "--processes", "2", "--format", "jsonl"], work)
        ex_events = sum(1 for line in ex.pop("stdout").splitlines() if line.strip())
        rows.append({"mode": "tacitus extract --processes 2", "workers": 2, "events": ex_events, **ex})
        for workers in (1, 2):
            out = work / f"out-{workers}"
            r = _run([tacitus, "batch", corpus, "--out", str(out), "--workers", str(workers), "--no-progress",
                      "--format", "json"], work)
            summary = json.loads(r.pop("stdout") or "{}")
            run = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["runs"][-1]
            rows.append({"mode": f"tacitus batch --workers {workers}", "workers": workers,
                         "events": summary.get("events"), **r, "peak_rss_mb": max(
                             run["worker_peak_rss_mb"].values(), default=None),
                         "extraction_seconds": run["seconds"]})
            shutil.rmtree(out)
    load = os.getloadavg()
    for r in rows:
        r["articles"] = n
        r["articles_per_s"] = round(n / r["seconds"], 2)
        r["articles_per_cpu_s"] = round(n / r["cpu_seconds"], 2) if r["cpu_seconds"] else None
        r.pop("stderr")
    by = {r["mode"]: r for r in rows}
    one, two, ex2 = (by["tacitus batch --workers 1"], by["tacitus batch --workers 2"],
                     by["tacitus extract --processes 2"])
    result = {"articles": n, "rows": rows,
              "scaling_efficiency": round(two["articles_per_s"] / (2 * one["articles_per_s"]), 3),
              "batch2_vs_extract2": round(two["articles_per_s"] / ex2["articles_per_s"], 3),
              "per_core_articles_per_s": round(two["articles_per_s"] / 2, 2),
              "per_cpu_second": {r["mode"]: r["articles_per_cpu_s"] for r in rows},
              "nproc": os.cpu_count(), "loadavg_after": [round(x, 2) for x in load]}
    Path(a.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"{'mode':<32} {'s':>7} {'articles/s':>10} {'CPU s':>7} {'art./CPU s':>10} {'peak MB/worker':>15} "
          f"{'events':>7}")
    for r in rows:
        print(f"{r['mode']:<32} {r['seconds']:>7.1f} {r['articles_per_s']:>10.2f} {r['cpu_seconds']:>7.1f} "
              f"{r['articles_per_cpu_s'] or 0:>10.2f} {r['peak_rss_mb'] or 0:>15.0f} {r['events']:>7}")
    print(f"scaling efficiency 1 -> 2 workers: {result['scaling_efficiency']:.0%}; batch (2 workers) / extract "
          f"--processes 2: {result['batch2_vs_extract2']:.0%}")
    return 0 if all(r["rc"] in (0, 1) for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
