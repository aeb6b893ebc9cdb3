"""The regression gate: pin our scores on fixed benchmark slices and fail on a drop.

`eval/baseline.json` (in the repository) holds, per benchmark, the slice (``limit`` items drawn
with ``slice_seed``), the sha256 of every gold file the runner reads, and our scores (f1, and
accuracy / macro-F1 where a stage has them) on that slice. The gate re-runs the same slices and:

- fails when a score is below its floor by more than ``tolerance`` (0.005 = 0.5 points on the
  0-1 scale). The extractor is deterministic (rule stages, spaCy's greedy parser on one
  thread), so the measured noise is 0: two runs of all slices in one process gave identical
  numbers (checked 2026-11-27). The tolerance only
  absorbs float/BLAS differences across machines and library patch releases;
- fails when a gold file's sha256 differs from the pinned one (the numbers are then not
  comparable; re-pin with ``--update --allow-lower --reason`` after checking the data);
- passes on a rise, and says so: floors only move up by an explicit ``--update``.

Raising floors: ``python -m tacitus.eval.gate --update`` (or ``tacitus eval --update-baseline``).
Lowering a floor, or re-pinning changed gold files, needs ``--allow-lower --reason "..."``; the
reason is kept in the baseline's ``history``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

TOLERANCE = 0.005          # 0.5 points on the 0..1 scale
SCORE_KEYS = ("f1", "accuracy", "macro_f1")
REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_BASELINE = REPO_ROOT / "eval" / "baseline.json"

# Fixed slices: (limit, slice_seed). Chosen so the whole gate takes about a minute on 2 cores
# (model load included); None = the full benchmark (it is small).
GATE_SLICES: dict[str, dict[str, Any]] = {
    "plover-gsr": {"limit": None, "slice_seed": 0},        # all 322 sentences
    "plv": {"limit": None, "slice_seed": 0},               # all 1,050 sentences (train split)
    "petrarch-unittest": {"limit": None, "slice_seed": 0},  # 284 records (error tests skipped)
    "conflibert-cameo": {"limit": 500, "slice_seed": 0},   # 500 class + 500 NER sentences
    "polnear": {"limit": 40, "slice_seed": 0},             # documents of the dev split
    "meantime": {"limit": 40, "slice_seed": 0},            # documents
    "timebank": {"limit": 40, "slice_seed": 0},            # documents
    "conll2003": {"limit": 50, "slice_seed": 0},           # documents of eng.testa
    "ecbplus": {"limit": None, "slice_seed": 0},           # all topics (no spaCy: lemma clustering)
    "news": {"limit": None, "slice_seed": 0},              # the news gold's dev split (45 articles)
}

# Gold files each runner reads (relative to the benchmark folder): a file, or (folder, glob).
GOLD_FILES: dict[str, list[str | tuple[str, str]]] = {
    "plover-gsr": ["PLOVER_GSR_CAMEO.txt"],
    "plv": ["datasets_PLV_train.tsv"],
    "petrarch-unittest": ["PETR.UnitTest.records.jsonl"],
    "conflibert-cameo": ["cameo_class/train.tsv", "cameo_ner/train.txt"],
    "polnear": [("dev", "**/*")],
    "meantime": [(".", "**/*.xml")],
    "timebank": [("TimeBank", "*.tml")],
    "conll2003": ["eng.testa"],
    "ecbplus": ["ECBplus_coreference_sentences.csv", ("ECB+", "**/*.xml")],
    "news": ["manifest.json", ("events", "*.json")],       # in the repository: eval/gold/news
}


def benchmark_dir(name: str, root: str | Path) -> Path:
    """Where a benchmark's gold lives: the news gold is in the repository, the others in ../shared."""
    if name == "news":
        from .newsgold import GOLD_DIR
        return GOLD_DIR
    return Path(root) / name


def default_root() -> Path | None:
    """The shared benchmarks folder: $TACITUS_BENCHMARKS, else ../shared/benchmarks beside the
    repository; None when neither exists."""
    cands = [os.environ.get("TACITUS_BENCHMARKS"), REPO_ROOT.parent / "shared" / "benchmarks"]
    for c in cands:
        if c and Path(c).is_dir():
            return Path(c)
    return None


# ---------------------------------------------------------------- hashing and scores

def _sha256_file(path: Path) -> str:
    h1 = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h1.update(block)
    return h1.hexdigest()


def gold_sha256(benchmark: str, root: str | Path) -> dict[str, str]:
    """{relative spec: sha256}; a folder's digest is the sha256 of its sorted
    "relative/path  file-sha256" lines. A missing file hashes as "missing"."""
    base = benchmark_dir(benchmark, root)
    out: dict[str, str] = {}
    for spec in GOLD_FILES.get(benchmark, []):
        if isinstance(spec, str):
            f = base / spec
            out[spec] = _sha256_file(f) if f.is_file() else "missing"
            continue
        folder, pattern = spec
        d = base / folder
        files = sorted(p for p in d.glob(pattern) if p.is_file()) if d.is_dir() else []
        if not files:
            out[f"{folder}/{pattern}"] = "missing"
            continue
        h = hashlib.sha256()
        for p in files:
            h.update(f"{p.relative_to(d).as_posix()}  {_sha256_file(p)}\n".encode())
        out[f"{folder}/{pattern}"] = h.hexdigest()
    return out


def flat_scores(metrics: Mapping[str, Mapping[str, Any]]) -> dict[str, float]:
    """{"stage.key": value} for the pinned keys (f1, accuracy, macro_f1) that are numbers."""
    out: dict[str, float] = {}
    for stage, m in metrics.items():
        for k in SCORE_KEYS:
            v = m.get(k) if isinstance(m, Mapping) else None
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                out[f"{stage}.{k}"] = round(float(v), 4)
    return out


def measure(names: Iterable[str] | None = None, root: str | Path | None = None, pipeline: Any = None,
            slices: Mapping[str, Mapping[str, Any]] | None = None,
            runner: Callable[..., Any] | None = None, log: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Run the fixed slices; {benchmark: {"limit", "slice_seed", "n", "gold_sha256", "scores", "seconds"}}."""
    from .runners import run as run_benchmark

    slices = slices or GATE_SLICES
    names = list(names or slices)
    root = Path(root) if root else default_root()
    if root is None:
        raise FileNotFoundError("no benchmarks folder (set TACITUS_BENCHMARKS or put ../shared/benchmarks beside the repo)")
    runner = runner or run_benchmark
    if pipeline is None and runner is run_benchmark:
        from .runners import load_pipeline
        pipeline = load_pipeline(None)
    out: dict[str, Any] = {}
    for name in names:
        sl = dict(slices[name])
        t0 = time.perf_counter()
        rep = runner(name, benchmark_dir(name, root), pipeline, limit=sl.get("limit"), slice_seed=sl.get("slice_seed", 0))
        dt = time.perf_counter() - t0
        out[name] = {"limit": sl.get("limit"), "slice_seed": sl.get("slice_seed", 0), "n": rep.n,
                     "gold_sha256": gold_sha256(name, root), "scores": flat_scores(rep.metrics),
                     "seconds": round(dt, 1)}
        if log:
            log(f"{name}: n={rep.n} in {dt:.1f}s")
    return out


# ---------------------------------------------------------------- comparison

@dataclass
class GateResult:
    drops: list[tuple[str, str, float, float]] = field(default_factory=list)   # (bench, key, floor, now)
    rises: list[tuple[str, str, float, float]] = field(default_factory=list)
    within: list[tuple[str, str, float, float]] = field(default_factory=list)  # lower, within tolerance
    gold_changed: list[tuple[str, str, str, str]] = field(default_factory=list)  # (bench, file, pinned, now)
    slice_changed: list[str] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)   # (bench, key) pinned but not measured
    new: list[tuple[str, str, float]] = field(default_factory=list)
    tolerance: float = TOLERANCE

    @property
    def ok(self) -> bool:
        return not (self.drops or self.gold_changed or self.slice_changed or self.missing)

    def summary(self, hint: bool = True) -> str:
        lines = []
        for b, k, old, now in self.drops:
            lines.append(f"DROP  {b} {k}: {100 * old:.1f} -> {100 * now:.1f} "
                         f"({100 * (now - old):+.1f} points; tolerance {100 * self.tolerance:.1f})")
        for b, f, old, now in self.gold_changed:
            lines.append(f"GOLD CHANGED  {b} {f}: sha256 {old[:12]} -> {now[:12]} (scores are not comparable; "
                         "re-pin with --update --allow-lower --reason after checking the data)")
        for b in self.slice_changed:
            lines.append(f"SLICE CHANGED  {b}: n or limit differs from the baseline")
        for b, k in self.missing:
            lines.append(f"MISSING  {b} {k}: pinned but not produced any more")
        for b, k, old, now in self.within:
            lines.append(f"lower within tolerance  {b} {k}: {100 * old:.1f} -> {100 * now:.1f}")
        for b, k, old, now in self.rises:
            lines.append(f"rise  {b} {k}: {100 * old:.1f} -> {100 * now:.1f}")
        for b, k, now in self.new:
            lines.append(f"new  {b} {k}: {100 * now:.1f}")
        if hint and (self.rises or self.new):
            lines.append("scores rose: raise the floors with `python -m tacitus.eval.gate --update` "
                         "(or `tacitus eval --update-baseline`)")
        if hint:
            lines.append("gate: " + ("PASS" if self.ok else "FAIL"))
        return "\n".join(lines)


def compare(baseline: Mapping[str, Any], current: Mapping[str, Any], tolerance: float | None = None) -> GateResult:
    """Compare measured results with the pinned ones (only benchmarks present in `current`)."""
    tol = float(baseline.get("tolerance", TOLERANCE) if tolerance is None else tolerance)
    res = GateResult(tolerance=tol)
    pinned = baseline.get("benchmarks", {})
    for name, cur in current.items():
        old = pinned.get(name)
        if old is None:
            res.new += [(name, k, v) for k, v in cur["scores"].items()]
            continue
        for f, sha in old.get("gold_sha256", {}).items():
            now = cur.get("gold_sha256", {}).get(f, "missing")
            if now != sha:
                res.gold_changed.append((name, f, sha, now))
        if old.get("limit") != cur.get("limit") or old.get("slice_seed", 0) != cur.get("slice_seed", 0) \
                or old.get("n") != cur.get("n"):
            res.slice_changed.append(name)
        for k, floor in old.get("scores", {}).items():
            if k not in cur["scores"]:
                res.missing.append((name, k))
                continue
            now = cur["scores"][k]
            if now < floor - tol - 1e-9:
                res.drops.append((name, k, floor, now))
            elif now < floor - 1e-9:
                res.within.append((name, k, floor, now))
            elif now > floor + 1e-9:
                res.rises.append((name, k, floor, now))
        for k, v in cur["scores"].items():
            if k not in old.get("scores", {}):
                res.new.append((name, k, v))
    return res


class LoweringRefused(ValueError):
    """An update would lower a floor (or re-pin changed gold) without --allow-lower --reason."""


def updated(baseline: Mapping[str, Any] | None, current: Mapping[str, Any], *, allow_lower: bool = False,
            reason: str | None = None, tolerance: float | None = None) -> dict[str, Any]:
    """A new baseline with `current` pinned. Without `allow_lower`, floors only rise: a score below
    its floor within tolerance keeps the old floor, and a real drop, a changed gold file or a
    changed slice raise LoweringRefused. With `allow_lower`, `reason` is required and recorded."""
    base = json.loads(json.dumps(baseline or {}))
    base.setdefault("tolerance", TOLERANCE if tolerance is None else tolerance)
    res = compare(base, current, tolerance)
    lowering = bool(res.drops or res.gold_changed or res.slice_changed or res.missing)
    if lowering and not allow_lower:
        raise LoweringRefused(res.summary() + "\nlowering a floor needs --allow-lower --reason \"...\"")
    if allow_lower and not (reason and reason.strip()):
        raise LoweringRefused("--allow-lower needs --reason \"why the floor goes down\"")
    benches = base.setdefault("benchmarks", {})
    for name, cur in current.items():
        old = benches.get(name, {})
        scores = dict(cur["scores"])
        if not allow_lower:
            for k, v in old.get("scores", {}).items():
                scores[k] = max(v, scores.get(k, v))
        benches[name] = {k: cur[k] for k in ("limit", "slice_seed", "n", "gold_sha256", "seconds") if k in cur}
        benches[name]["scores"] = dict(sorted(scores.items()))
    base["benchmarks"] = dict(sorted(benches.items()))
    base["updated"] = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    base["tacitus"] = _versions()
    entry = {"date": base["updated"], "raised": [f"{b} {k}" for b, k, _, _ in res.rises],
             "added": sorted({b for b, _, _ in res.new})}
    if allow_lower:
        entry["lowered"] = [f"{b} {k}: {o} -> {n}" for b, k, o, n in res.drops + res.within]
        entry["gold_changed"] = [f"{b} {f}" for b, f, _, _ in res.gold_changed]
        entry["reason"] = reason
    base.setdefault("history", []).append(entry)
    base["note"] = ("Floors for the fixed gate slices (tacitus.eval.gate.GATE_SLICES); scores are 0..1. "
                    "The gate fails on a drop > tolerance or a changed gold sha256. Raise floors: "
                    "`python -m tacitus.eval.gate --update`; lower: add --allow-lower --reason.")
    return base


def _versions() -> dict[str, str]:
    out = {}
    try:
        from tacitus import __version__
        out["version"] = __version__
    except Exception:  # noqa: BLE001
        pass
    try:
        from tacitus.pipeline import PIPELINE_VERSION
        out["pipeline_version"] = PIPELINE_VERSION
    except Exception:  # noqa: BLE001
        pass
    return out


def load_baseline(path: str | Path = DEFAULT_BASELINE) -> dict[str, Any]:
    p = Path(path)
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else {}


def save_baseline(data: Mapping[str, Any], path: str | Path = DEFAULT_BASELINE) -> None:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- command

def gate_main(*, baseline: str | Path = DEFAULT_BASELINE, root: str | Path | None = None,
              only: Sequence[str] | None = None, update: bool = False, allow_lower: bool = False,
              reason: str | None = None, pipeline: Any = None, out=None, err=None) -> int:
    """Check (default) or update the baseline; 0 = pass / updated, 1 = fail / refused, 2 = no data."""
    out = out or sys.stdout
    err = err or sys.stderr
    if allow_lower and not update:
        print("tacitus: --allow-lower only makes sense with --update", file=err)
        return 2
    r = Path(root) if root else default_root()
    if r is None or not r.is_dir():
        print("tacitus: no benchmarks folder found (set TACITUS_BENCHMARKS or put ../shared/benchmarks "
              "beside the repository)", file=err)
        return 2
    base = load_baseline(baseline)
    names = list(only) if only else list(GATE_SLICES)
    unknown = [n for n in names if n not in GATE_SLICES]
    if unknown:
        print(f"tacitus: unknown benchmark(s) {', '.join(unknown)}; known: {', '.join(GATE_SLICES)}", file=err)
        return 2
    t0 = time.perf_counter()
    current = measure(names, r, pipeline, log=lambda s: print(s, file=err))
    total = time.perf_counter() - t0
    if update:
        try:
            new = updated(base, current, allow_lower=allow_lower, reason=reason)
        except LoweringRefused as exc:
            print(str(exc), file=err)
            return 1
        new["gate_seconds"] = round(total, 1)
        save_baseline(new, baseline)
        print(compare(base, current).summary(hint=False), file=out)
        print(f"baseline written: {baseline} ({len(current)} benchmarks, {total:.0f}s)", file=out)
        return 0
    if not base:
        print(f"tacitus: no baseline at {baseline}; create it with `python -m tacitus.eval.gate --update`", file=err)
        return 2
    res = compare(base, current)
    print(res.summary(), file=out)
    print(f"({len(current)} benchmarks in {total:.0f}s)", file=out)
    return 0 if res.ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tacitus.eval.gate",
                                 description="Check our scores on fixed benchmark slices against eval/baseline.json.")
    ap.add_argument("--baseline", default=str(DEFAULT_BASELINE), help="baseline file (default: eval/baseline.json)")
    ap.add_argument("--root", help="benchmarks folder (default: $TACITUS_BENCHMARKS or ../shared/benchmarks)")
    ap.add_argument("--only", action="append", metavar="BENCHMARK", help="check only this benchmark; repeatable")
    ap.add_argument("--update", action="store_true", help="pin the current scores (floors only rise)")
    ap.add_argument("--allow-lower", action="store_true", help="with --update: allow a floor to go down")
    ap.add_argument("--reason", help="why a floor goes down (required with --allow-lower)")
    a = ap.parse_args(argv)
    return gate_main(baseline=a.baseline, root=a.root, only=a.only, update=a.update,
                     allow_lower=a.allow_lower, reason=a.reason)


if __name__ == "__main__":
    sys.exit(main())
