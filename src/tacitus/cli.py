"""Command line: thin over the library (parse arguments, call one function, map errors)."""
from __future__ import annotations

import argparse
import itertools
import json
import sys
import textwrap
from collections.abc import Sequence

from . import __version__
from .errors import TacitusError, error_line
from .settings import Settings, parse_date
from .textout import fmt_party, loading_model, progress


def _fmt_time(t: dict | None) -> str:
    if not t:
        return "-"
    span = t["start"] if t["start"] == t["end"] else f"{t['start']}..{t['end']}"
    return span + ("" if t["anchor"] != "published" else " (pub)")


def _fmt_qty(qs: list[dict]) -> str:
    out = []
    for q in qs:
        v = q["value"]
        vs = f"{v / 1e9:g}B" if v >= 1e9 else f"{v / 1e6:g}M" if v >= 1e6 else f"{v:g}"
        s = f"{'~' if q.get('approximate') else ''}{vs} {q['unit']}"
        if q.get("usd") and q["unit"] != "USD":
            s += f" (${q['usd'] / 1e6:.1f}M)"
        out.append(s)
    return "; ".join(out) or "-"


def print_table(events: list[dict], out=sys.stdout) -> None:
    """Human-readable table: one block per event."""
    if not events:
        print("(no events)", file=out)
        return
    for i, e in enumerate(events, 1):
        head = (f"{i:>3}. {e['type']:<9} {e['modality']:<12} {fmt_party(e['actor'])} -> "
                f"{fmt_party(e['target'])}  «{e['evidence']['trigger']}»")
        print(head, file=out)
        details = [f"time {_fmt_time(e['time'])}"]
        if e["quantities"]:
            details.append(f"amount {_fmt_qty(e['quantities'])}")
        if e.get("location"):
            details.append(f"place {e['location']['name']} ({e['location']['country']})")
        if e.get("condition"):
            details.append(f"if: {e['condition']}")
        a = e.get("attribution")
        if a and (a.get("speaker") or a.get("channel")):
            via = f" via {', '.join(a['channel'])}" if a.get("channel") else ""
            details.append(f"says {fmt_party(a.get('speaker'))}{via}")
        details.append(f"plover {e['plover_type']}  conf {e['confidence']:.2f}")
        print("      " + " | ".join(details), file=out)
        sent = textwrap.shorten(e["evidence"]["sentence"], 150)
        print(f"      \"{sent}\"", file=out)


def cmd_extract(args: argparse.Namespace) -> int:
    """tacitus extract PATH... [--published] [--format]."""
    from .ingest import DocumentStream
    from .pipeline import Pipeline

    settings = Settings(published=parse_date(args.published, "--published"), model=args.model,
                        lexicons=tuple(args.lexicon or ()), min_confidence=args.min_confidence,
                        processes=args.processes)
    stream = DocumentStream(args.paths, published=settings.published, stdin=sys.stdin)
    docs = iter(stream)
    first = next(docs, None)  # bad inputs are reported as they are read, before the model loads
    if first is None:
        return 1
    loading_model(settings.model)
    pipe = Pipeline(settings)
    all_events: list[dict] = []
    out = sys.stdout
    bar = progress(None, "extract")
    failed: list[str] = []

    def report(doc, error) -> None:
        failed.append(doc.id)
        bar.update(1)
        print(error_line(doc.origin or doc.id, error), file=sys.stderr)

    for doc, events in pipe.extract_documents(itertools.chain([first], docs), on_error=report):
        bar.update(1)
        rows = [e.to_dict() for e in events]
        if args.format == "jsonl":
            for r in rows:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
        else:
            all_events.extend(rows)
    bar.close()
    if args.format == "json":
        json.dump(all_events, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "table":
        print_table(all_events, out)
        print(f"\n{len(all_events)} events from {stream.documents} document(s)", file=sys.stderr)
    return 1 if stream.failures or failed else 0


def cmd_info(args: argparse.Namespace) -> int:
    """tacitus info --format json (reads versions; loads no model)."""
    from .extract.cues import Cues
    from .extract.lexicon import Lexicon
    from .extract.typemodel import META_FILE, WEIGHTS_FILE
    from .nlp import model_meta
    from .pipeline import PIPELINE_VERSION

    from .extract.registry import describe
    from .extract.rules import Rules

    tm = None
    if WEIGHTS_FILE.is_file() and META_FILE.is_file():
        tm = str(json.loads(META_FILE.read_text(encoding="utf-8")).get("version", "unversioned"))
    info = {"version": __version__, "pipeline_version": PIPELINE_VERSION, **model_meta(args.model),
            "lexicon_version": Lexicon.default().version, "cue_version": Cues.default().version,
            "type_model_version": tm, "rules_version": Rules.default().version, "stages": describe()}
    if args.format == "json":
        print(json.dumps(info, indent=2))
    else:
        for k, v in info.items():
            if k == "stages":
                v = ", ".join(f"{s['name']}@{s['version']}" for s in v)
            print(f"{k:18} {v}")
    return 0


def add_lexicon_option(p: argparse.ArgumentParser) -> None:
    """--lexicon FILE (repeatable), for extract and ingest."""
    p.add_argument("--lexicon", action="append", metavar="FILE",
                   help="extra trigger lexicon (YAML/JSONL, same schema as the packaged one); repeatable")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand (each has --help)."""
    p = argparse.ArgumentParser(prog="tacitus", description="News articles to PLOVER event data.")
    p.add_argument("--version", action="version", version=f"tacitus {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    ex = sub.add_parser("extract", help="extract events from articles",
                        description="Extract PLOVER events from text, HTML, JSONL documents, directories or - (stdin).")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, .jsonl of documents, or - for stdin")
    ex.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for inputs that carry none")
    ex.add_argument("--format", choices=["jsonl", "json", "table"], default="table",
                    help="jsonl: one event per line on stdout; table: human-readable (default)")
    ex.add_argument("--model", help="spaCy pipeline name or path (default: best installed)")
    add_lexicon_option(ex)
    ex.add_argument("--min-confidence", type=float, default=0.0, help="drop events below this confidence")
    ex.add_argument("--processes", type=int, default=1, metavar="N",
                    help="worker processes (each loads its own model, ~1 GB); 2 on a 2-core machine")
    ex.set_defaults(func=cmd_extract)

    info = sub.add_parser("info", help="versions of the package, model and lexicon",
                          description="Print the versions of Tacitus, its spaCy model and lexicons.")
    info.add_argument("--format", choices=["json", "table"], default="table")
    info.add_argument("--model", help="spaCy pipeline name or path")
    info.set_defaults(func=cmd_info)

    # eval and bench live with their stage (eval/commands.py) and register themselves here.
    from .eval.commands import add_commands as add_eval_commands

    add_eval_commands(sub)
    # ingest/query/stance/stats/export live with the store (store/commands.py).
    from .store.commands import add_commands as add_store_commands

    add_store_commands(sub)
    # serve lives with the web app (api/commands.py).
    from .api.commands import add_commands as add_serve_commands

    add_serve_commands(sub)
    # batch (Dask) lives with its stage (batch/commands.py), watch with the feeds (watch/commands.py).
    from .batch.commands import add_commands as add_batch_commands

    add_batch_commands(sub)
    from .watch.commands import add_commands as add_watch_commands

    add_watch_commands(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.func(args)
    except TacitusError as exc:
        print(f"tacitus: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
