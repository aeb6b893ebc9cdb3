"""`tacitus eval` and `tacitus bench` subcommands (registered by cli.build_parser).

    tacitus eval BENCHMARK [PATH] [--format table|json] [--report FILE]
    tacitus eval --gate                     # the regression gate (eval/baseline.json)
    tacitus eval --update-baseline [--allow-lower --reason "..."]
    tacitus bench PATH [--processes N] [--limit N] [--format table|json]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

BENCHMARKS = ("plover-gsr", "plv", "petrarch-unittest", "conflibert-cameo", "polnear", "meantime",
              "timebank", "conll2003", "ecbplus", "news")


def make_pipeline() -> Any:
    """The pipeline `tacitus eval` scores (tests replace this with a stub)."""
    from tacitus.pipeline import Pipeline
    return Pipeline.default()


# ---------------------------------------------------------------- markdown report

def _pct(v: Any) -> str:
    return "-" if not isinstance(v, (int, float)) or isinstance(v, bool) else f"{100 * v:.1f}"


def _md_cell(v: Any) -> str:
    return str(v).replace("|", "\\|").replace("\n", " ")


def render_markdown(rep: Any, meta: dict[str, Any] | None = None) -> str:
    """The full report as Markdown: metrics next to baselines, published numbers with their
    source, per-class scores, confusion matrices, error examples and notes."""
    meta = meta or {}
    d = rep.to_dict()
    out = [f"# Tacitus on {d['benchmark']}", ""]
    for k, v in meta.items():
        out.append(f"- {k}: {v}")
    out += [f"- n: {d['n']}", f"- data: `{d.get('path')}`", "",
            "Scores in percent. `p`/`r`/`f1` are micro (abstention-aware: no prediction is a miss, "
            "not a false positive); see `tacitus.eval.common` for every formula.", "",
            "## Scores", "", "| system | stage | p | r | f1 | accuracy | macro-F1 | n |",
            "|---|---|---:|---:|---:|---:|---:|---:|"]
    rows = [("**tacitus**", s, m) for s, m in d["metrics"].items()]
    for name, stages in d["baselines"].items():
        rows += [(f"baseline: {name}", s + (f" (= {m['label']})" if m.get("label") is not None else ""), m)
                 for s, m in stages.items()]
    for name, stage, m in rows:
        out.append(f"| {name} | {stage} | {_pct(m.get('p'))} | {_pct(m.get('r'))} | {_pct(m.get('f1'))} | "
                   f"{_pct(m.get('accuracy'))} | {_pct(m.get('macro_f1'))} | {m.get('n', '')} |")
    extras = {s: {k: v for k, v in m.items() if k not in ("p", "r", "f1", "accuracy", "macro_f1", "n", "per_class")}
              for s, m in d["metrics"].items()}
    extras = {s: e for s, e in extras.items() if e}
    if extras:
        out += ["", "Other counts per stage:", ""]
        out += [f"- {s}: " + ", ".join(f"{k}={v}" for k, v in e.items()) for s, e in extras.items()]
    out += ["", "## Published numbers", ""]
    if d["published"]:
        out += ["Not a head-to-head comparison unless split and task match (most are on held-out test "
                "splits; we score the available files).", "",
                "| system | metric | value | split | source | verified |", "|---|---|---:|---|---|---|"]
        for p in d["published"]:
            out.append(f"| {_md_cell(p['system'])} | {_md_cell(p['metric'])} | {p['value']} | {p.get('split', '')} | "
                       f"{_md_cell(p['source'])} | {'yes' if p.get('verified', True) else 'no (recalled, check before citing)'} |")
    else:
        out.append("None published for this set (see the benchmark README).")
    for stage, m in d["metrics"].items():
        pc = m.get("per_class")
        if not pc:
            continue
        out += ["", f"## Per class: {stage}", "", "| class | p | r | f1 | tp | fp | fn |", "|---|---:|---:|---:|---:|---:|---:|"]
        for lab, x in pc.items():
            out.append(f"| {lab} | {_pct(x.get('p'))} | {_pct(x.get('r'))} | {_pct(x.get('f1'))} | "
                       f"{x.get('tp')} | {x.get('fp')} | {x.get('fn')} |")
    if d["confusion"]:
        from .common import render_confusion
        for stage, mat in d["confusion"].items():
            out += ["", f"## Confusion: {stage} (rows gold, columns predicted)", "", "```",
                    render_confusion(mat), "```"]
    if d["errors"]:
        out += ["", "## Error examples", ""]
        for e in d["errors"]:
            out.append("- " + "; ".join(f"**{k}**: {_md_cell(json.dumps(v, ensure_ascii=False, default=str))[:300]}"
                                         for k, v in e.items()))
    if d["notes"]:
        out += ["", "## Notes", ""] + [f"- {n}" for n in d["notes"]]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- eval

def cmd_eval(args: argparse.Namespace) -> int:
    from . import gate

    if args.gate or args.update_baseline:
        if args.benchmark and args.benchmark not in gate.GATE_SLICES:
            print(f"tacitus: unknown benchmark {args.benchmark!r}", file=sys.stderr)
            return 2
        only = [args.benchmark] if args.benchmark else None
        root = args.root or (Path(args.path).parent if args.path else None)
        return gate.gate_main(baseline=args.baseline or gate.DEFAULT_BASELINE, root=root, only=only,
                              update=args.update_baseline, allow_lower=args.allow_lower, reason=args.reason,
                              pipeline=None if args.benchmark == "ecbplus" else make_pipeline())
    if args.allow_lower or args.reason:
        print("tacitus: --allow-lower/--reason only apply with --update-baseline", file=sys.stderr)
        return 2
    if not args.benchmark:
        print("tacitus: eval needs a BENCHMARK (one of: " + ", ".join(BENCHMARKS) + "), or --gate / --update-baseline",
              file=sys.stderr)
        return 2
    from .runners import RUNNERS, run

    if args.benchmark not in RUNNERS:
        print(f"tacitus: unknown benchmark {args.benchmark!r}; known: {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    path = Path(args.path) if args.path else None
    if path is None and args.benchmark == "news":
        from .newsgold import GOLD_DIR
        path = GOLD_DIR
    if path is None:
        root = gate.default_root()
        path = root / args.benchmark if root else None
    if path is None or not path.exists():
        print(f"tacitus: benchmark data not found: {path or '(no benchmarks folder)'}", file=sys.stderr)
        return 2
    kw: dict[str, Any] = {}
    if args.limit is not None:
        kw["limit"] = args.limit
        kw["slice_seed"] = args.seed
    if args.benchmark == "news":
        kw["split"] = args.split
        kw["min_confidence"] = args.min_confidence
        if args.events:
            kw["events_file"] = args.events
    elif args.split != "dev" or args.events or args.min_confidence:
        print("tacitus: --split, --events and --min-confidence apply to the news gold only", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    pipeline = None if args.benchmark == "ecbplus" or args.events else make_pipeline()
    rep = run(args.benchmark, path, pipeline, **kw)
    seconds = time.perf_counter() - t0
    if args.format == "json":
        print(rep.to_json())
    else:
        print(rep.to_table())
    if args.report:
        out = Path(args.report)
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.suffix.lower() == ".json":
            data = rep.to_dict()
            data["meta"] = _meta(args, seconds, path)
            out.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
        else:
            out.write_text(render_markdown(rep, _meta(args, seconds, path)), encoding="utf-8")
        print(f"report written: {out}", file=sys.stderr)
    return 0


def _meta(args: argparse.Namespace, seconds: float, path: Path) -> dict[str, Any]:
    from . import gate

    cmd = f"tacitus eval {args.benchmark} {path}" + (f" --limit {args.limit} --seed {args.seed}" if args.limit else "")
    meta: dict[str, Any] = {"command": f"`{cmd} --report {args.report}`",
                            "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
                            "runtime": f"{seconds:.0f} s on {_cpus()}"}
    meta.update({("tacitus " + k): v for k, v in gate._versions().items()})
    try:
        from tacitus.nlp import model_meta  # reads meta.json: a report needs no model load
        mi = model_meta(None)
        meta["spaCy model"] = f"{mi.get('model_name') or mi.get('spacy_model')} {mi.get('model_version', '')}".strip()
    except Exception:  # noqa: BLE001
        pass
    shas = gate.gold_sha256(args.benchmark, path.parent)
    meta["gold sha256"] = ", ".join(f"`{k}` {v[:16]}" for k, v in shas.items())
    return meta


def _cpus() -> str:
    from .bench import machine_info
    m = machine_info()
    return f"{m.get('nproc')} x {m.get('cpu', '?')}"


# ---------------------------------------------------------------- bench

def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import load_docs, render, run_bench

    docs = load_docs(args.path, args.limit)
    if not docs:
        print(f"tacitus: no documents in {args.path}", file=sys.stderr)
        return 1
    procs = [args.processes] if args.processes else [1, 2]
    if any(p < 1 for p in procs):
        print("tacitus: --processes must be >= 1", file=sys.stderr)
        return 2
    result = run_bench(docs, procs, model=args.model, progress=not args.no_progress)
    if args.format == "json":
        print(json.dumps(result, indent=2))
    else:
        print(render(result))
    return 0


def add_commands(sub) -> None:
    """Add the eval/bench subparsers to the CLI."""
    ev = sub.add_parser(
        "eval", help="score the extractor on a benchmark (or run the regression gate)",
        description="Score Tacitus on a public benchmark: per-stage P/R/F1 next to trivial baselines and "
                    "published numbers, confusion matrices and error examples. With --gate, check our scores "
                    "on fixed slices against eval/baseline.json.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="benchmarks: " + ", ".join(BENCHMARKS) + "\n\nexamples:\n"
               "  tacitus eval plv ../shared/benchmarks/plv --format json\n"
               "  tacitus eval plover-gsr ../shared/benchmarks/plover-gsr --report eval/reports/plover-gsr.md\n"
               "  tacitus eval news --split dev\n"
               "  tacitus eval --gate\n"
               "  tacitus eval --update-baseline          # raise floors\n"
               "  tacitus eval --update-baseline --allow-lower --reason \"new gold release\"")
    ev.add_argument("benchmark", nargs="?", metavar="BENCHMARK", help="one of: " + ", ".join(BENCHMARKS))
    ev.add_argument("path", nargs="?", metavar="PATH",
                    help="the benchmark folder (default: ../shared/benchmarks/BENCHMARK)")
    ev.add_argument("--format", choices=["table", "json"], default="table", help="stdout format (default table)")
    ev.add_argument("--report", metavar="FILE", help="also write the full report: JSON if FILE ends .json, else Markdown")
    ev.add_argument("--split", choices=["train", "dev", "test", "train2", "all"], default="dev",
                    help="news gold: the split to score (default dev; test is reported, never tuned on; train2 is "
                    "the single-coded training sample; all is every reviewed split)")
    ev.add_argument("--events", metavar="JSONL", help="news gold: score this file of events (any system's "
                    "contract-shaped output) instead of running the extractor")
    ev.add_argument("--min-confidence", type=float, default=0.0, metavar="P",
                    help="news gold: score only events at least this confident (as extract --min-confidence)")
    ev.add_argument("--gate", action="store_true", help="check the fixed slices against the baseline (fails on a drop)")
    ev.add_argument("--update-baseline", action="store_true", help="pin the current gate scores (floors only rise)")
    ev.add_argument("--allow-lower", action="store_true", help="with --update-baseline: let a floor go down")
    ev.add_argument("--reason", help="why a floor goes down (required with --allow-lower)")
    ev.add_argument("--root", metavar="DIR", help="benchmarks folder for --gate / --update-baseline "
                    "(default: ../shared/benchmarks beside the repository)")
    ev.add_argument("--baseline", help=argparse.SUPPRESS)
    ev.add_argument("--limit", type=int, help=argparse.SUPPRESS)   # score a fixed random slice of N items
    ev.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    ev.set_defaults(func=cmd_eval)

    b = sub.add_parser(
        "bench", help="throughput and memory, next to a bare spaCy parse",
        description="Measure articles/s, words/s and peak RSS of extraction and of a bare spaCy parse of the "
                    "same texts (same model and batch size), for 1 and 2 processes by default.")
    b.add_argument("path", metavar="PATH", help=".jsonl of documents, a directory or a file")
    b.add_argument("--processes", type=int, help="only this many processes (default: 1 and 2)")
    b.add_argument("--limit", type=int, help="use the first N documents")
    b.add_argument("--model", help="spaCy pipeline name or path (default: best installed)")
    b.add_argument("--format", choices=["table", "json"], default="table")
    b.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    b.set_defaults(func=cmd_bench)
