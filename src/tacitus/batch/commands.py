"""`tacitus batch` subcommand (registered by cli.build_parser)."""
from __future__ import annotations

import argparse
import json
import sys

from ..settings import Settings, parse_date


def cmd_batch(args: argparse.Namespace) -> int:
    """tacitus batch INPUT... --out DIR [--scheduler ADDRESS | --workers N]."""
    from .runner import run_batch

    settings = Settings(published=parse_date(args.published, "--published"), model=args.model,
                        lexicons=tuple(args.lexicon or ()), min_confidence=args.min_confidence)
    summary = run_batch(args.inputs, args.out, settings=settings, scheduler=args.scheduler, workers=args.workers,
                        chunk_size=args.chunk_size, dashboard=args.dashboard, show_progress=not args.no_progress)
    if args.format == "json":
        print(json.dumps({k: getattr(summary, k) for k in summary.__slots__}))
    else:
        print(f"tacitus: {summary.line()}; output in {args.out}", file=sys.stderr)
    return 1 if summary.errors_total else 0


def add_commands(sub) -> None:
    """Add the batch subparser to the CLI."""
    p = sub.add_parser(
        "batch", help="extract large inputs on a Dask cluster into month-partitioned Parquet",
        description="Extract events from JSONL, JSONL.gz or Parquet documents on Dask (a local cluster, or any "
                    "scheduler) into Parquet partitioned by publication month, with the event schema of "
                    "`tacitus export --format parquet`, a manifest and errors.jsonl. A rerun skips the chunks "
                    "already done (keyed by their content); `tacitus ingest DIR` stores the output.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=".jsonl, .jsonl.gz or .parquet file (a `text` column plus id, published, title, url, "
                        "source, language), or a directory of them")
    p.add_argument("--out", required=True, metavar="DIR", help="output directory (created; resumed when it exists)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (a SLURM, PBS "
                                                          "or Kubernetes cluster); default: a local cluster")
    g.add_argument("--workers", type=int, metavar="N", help="local cluster workers (default: one per core; each "
                                                            "loads its own model, ~1 GB)")
    p.add_argument("--partition-by", choices=["published_month"], default="published_month",
                   help="output partitioning (publication month, YYYY-MM; 'unknown' without a date)")
    p.add_argument("--chunk-size", type=int, default=25, metavar="N", help="documents per task (default 25)")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for documents that carry none")
    p.add_argument("--model", help="spaCy pipeline name or path (default: best installed)")
    p.add_argument("--lexicon", action="append", metavar="FILE", help="extra trigger lexicon; repeatable")
    p.add_argument("--min-confidence", type=float, default=0.0, help="drop events below this confidence")
    p.add_argument("--dashboard", default="127.0.0.1:8787", metavar="HOST:PORT",
                   help="local cluster dashboard address (another port is taken when it is busy)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="json: print the run summary as one JSON object on stdout")
    p.set_defaults(func=cmd_batch)
