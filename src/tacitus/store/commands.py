"""`tacitus ingest|query|stance|stats|export` subcommands (registered by cli.build_parser)."""
from __future__ import annotations

import argparse
import itertools
import json
import sys
import textwrap

from ..settings import Settings, parse_date
from ..textout import fmt_party, loading_model, progress
from .db import DEFAULT_DB, StoreError

DB_HELP = f"SQLite file (default ./{DEFAULT_DB}) or postgresql://user:pass@host/dbname"


def _open_store(url: str | None, *, create: bool = False, write: bool = False):
    """The store at `url`; reading commands open it read-only and never create an empty file."""
    from pathlib import Path

    from .db import is_postgres
    from .store import Store

    path = url or DEFAULT_DB
    if not create and not is_postgres(path) and path != ":memory:" and not Path(path).exists():
        raise StoreError(f"no event store at {path}: run `tacitus ingest PATH --db {path}` first", code="E506")
    return Store.open(url, read_only=not (create or write))


def cmd_ingest(args: argparse.Namespace) -> int:
    """tacitus ingest PATH... [--db] [--published] [--force]."""
    from ..ingest import DocumentStream
    from ..pipeline import Pipeline, pipeline_version
    from .ingest import ingest

    settings = Settings(published=parse_date(args.published, "--published"), model=args.model,
                        processes=args.processes, lexicons=tuple(args.lexicon or ()))
    if not args.paths:
        if not args.remerge:
            raise StoreError("give at least one PATH to ingest (or --remerge alone)", code="E505")
        with _open_store(args.db, write=True) as store:
            res = store.remerge()
        print(json.dumps(res) if args.format == "json" else
              f"tacitus: re-merged {res['mentions']} mentions into {res['events']} events, "
              f"{res['contradictions']} contradiction(s) flagged", file=sys.stdout if args.format == "json" else sys.stderr)
        return 0
    from ..batch.output import is_batch_output

    batch_dirs = [p for p in args.paths if is_batch_output(p)]  # `tacitus batch` output: events already there
    paths = [p for p in args.paths if p not in batch_dirs]
    stream = DocumentStream(paths, published=settings.published, stdin=sys.stdin) if paths else None
    docs = iter(stream) if stream is not None else iter(())
    first = next(docs, None)  # nothing readable: no store is created
    if first is None and not batch_dirs:
        return 1
    with _open_store(args.db, create=True) as store:
        summary = _ingest_batch_outputs(store, batch_dirs, args.force)
        if first is not None:
            bar = progress(None, "ingest")

            def pipeline() -> Pipeline:
                bar.clear()
                loading_model(settings.model)
                return Pipeline(settings)

            more = ingest(store, itertools.chain([first], docs), pipeline_factory=pipeline,
                          pipeline_version=pipeline_version(settings), force=args.force, progress=bar)
            bar.close()
            summary = summary.plus(more) if summary else more
        summary.failed += stream.failures if stream is not None else 0
        if args.remerge:
            store.remerge()
        if args.format == "json":
            print(json.dumps({**summary.to_dict(), "totals": store.stats()}))
        else:
            st = store.stats()
            print(f"tacitus: {summary.line()}", file=sys.stderr)
            print(f"tacitus: {store.db.url} now holds {st['documents']} documents "
                  f"({st['duplicates']} duplicates), {st['events']} events from {st['mentions']} mentions",
                  file=sys.stderr)
    return 1 if summary.failed else 0


def _ingest_batch_outputs(store, dirs: list[str], force: bool):
    """Store `tacitus batch` output directories as they are (no second extraction)."""
    from ..batch.output import pipeline_version, read_output
    from .ingest import ingest_extracted

    summary = None
    for d in dirs:
        bar = progress(None, "ingest")
        one = ingest_extracted(store, read_output(d), pipeline_version=pipeline_version(d), force=force, progress=bar)
        bar.close()
        summary = summary.plus(one) if summary else one
    return summary


def _filters(args: argparse.Namespace):
    from .query import Filters

    return Filters.from_args(args)


def cmd_query(args: argparse.Namespace) -> int:
    """tacitus query [filters] [--format table|jsonl|csv]."""
    from .query import event_objects, flat_rows, write_csv

    filters = _filters(args)
    with _open_store(args.db) as store:
        out = sys.stdout
        if args.format == "jsonl":
            for obj in event_objects(store, filters):
                out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        elif args.format == "csv":
            write_csv(out, flat_rows(store, filters))
        else:
            n = 0
            for n, e in enumerate(event_objects(store, filters), 1):
                _print_event(n, e, out)
            print(f"{n} event(s)" if n else "(no events)", file=sys.stderr)
    return 0


def _print_event(i: int, e: dict, out) -> None:
    t = e.get("event_time") or {}
    when = t.get("start") or "-"
    if t.get("end") and t["end"] != t.get("start"):
        when += f"..{t['end']}"
    flag = "  CONTRADICTED" if e["contradicted_by"] else ""
    print(f"{i:>4}. {when:<22} {e['type']:<9} {e['modality']:<12} {fmt_party(e['actor'])} -> {fmt_party(e['target'])}"
          f"  «{e['evidence']['trigger']}»  {len(e['mentions'])} article(s){flag}", file=out)
    print(f"      \"{textwrap.shorten(e['evidence']['sentence'], 140)}\"", file=out)
    if len(e["mentions"]) > 1:
        docs = ", ".join(m["doc_id"] for m in e["mentions"][:4]) + (" ..." if len(e["mentions"]) > 4 else "")
        print(f"      seen {e['first_seen']}..{e['last_seen']} in {docs}", file=out)


def cmd_stance(args: argparse.Namespace) -> int:
    """tacitus stance ACTION --target CODE."""
    from .query import date_range
    from .stance import stance

    since, until = date_range(args.since, args.until)
    with _open_store(args.db) as store:
        res = stance(store, args.action, args.target, since=since, until=until)
    if args.format == "json":
        print(json.dumps(res, ensure_ascii=False, indent=2))
        return 0
    m = res["matched"]
    print(f"Stance on \"{res['action']}\" -> {res['target']}: {res['n_statements']} statement(s) by "
          f"{len(res['actors'])} actor(s)  [types {', '.join(m['types']) or 'any'}; "
          f"verbs {', '.join(m['verbs'])}; objects {', '.join(m['objects']) or 'any'}]")
    for a in res["actors"]:
        changed = f"  (was: {', '.join(x for x in a['modalities'] if x != a['stance'])})" if a["changed"] else ""
        print(f"\n{a['actor']:<8} {a['name'] or '':<24} {a['label']}{changed}")
        for s in a["statements"]:
            who = f" says {s['speaker']}" if s["speaker"] else ""
            cond = f" if: {s['condition']}" if s["condition"] else ""
            print(f"   {s['date']}  {s['modality']:<12} «{s['trigger']}»{who}{cond}  [{s['doc_id']}]")
            print(f"      \"{textwrap.shorten(s['evidence'], 150)}\"")
    if not res["actors"]:
        print("(no statements found)")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """tacitus stats [--db] --format json."""
    with _open_store(args.db) as store:
        st = store.stats()
    if args.format == "json":
        print(json.dumps(st))
    else:
        for k, v in st.items():
            if isinstance(v, dict):  # events_by_documents: "1 document: 5,210 events; 2 documents: ..."
                v = "; ".join(f"{n} document{'s' if n != '1' else ''}: {c:,} events" for n, c in v.items()) or "-"
            elif isinstance(v, (list, tuple)):
                v = ", ".join(str(x) for x in v) or "-"
            elif isinstance(v, int) and not isinstance(v, bool):
                v = f"{v:,}"
            print(f"{k:22} {'-' if v is None else v}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """tacitus export --format ... --output PATH [filters]."""
    from ..export import export

    if args.format == "parquet" and args.output == "-":
        raise StoreError("parquet cannot be written to standard output: give --output FILE", code="E503")
    filters = _filters(args)
    with _open_store(args.db) as store:
        try:
            n = export(store, args.format, args.output, filters)
        except OSError as e:
            raise StoreError(f"cannot write {args.output}: {e.strerror or e}", code="E504") from e
    print(f"tacitus: wrote {n} event(s) to {args.output} ({args.format})", file=sys.stderr)
    return 0


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", help=DB_HELP)


def _add_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters")
    g.add_argument("--actor", metavar="CODE", help="actor country/organisation code (CAN, NATO) or name words")
    g.add_argument("--target", metavar="CODE", help="target country/organisation code or name words")
    g.add_argument("--type", metavar="TYPE", help="PLOVER event type (AID, ASSAULT, ...); matches type or plover_type")
    g.add_argument("--modality", metavar="M", help="asserted, planned, possible, negated or hypothetical")
    g.add_argument("--since", metavar="DATE", help="events whose time ends on or after YYYY-MM-DD")
    g.add_argument("--until", metavar="DATE", help="events whose time starts on or before YYYY-MM-DD")
    g.add_argument("--country", metavar="CODE", help="actor, target or place in this country")
    g.add_argument("--text", metavar="WORDS", help="every word must occur in an evidence sentence")
    g.add_argument("--source", metavar="OUTLET", help="reported by this outlet")
    g.add_argument("--min-documents", type=int, default=1, metavar="N", help="reported by at least N articles")
    g.add_argument("--limit", type=int, metavar="N", help="at most N events")


def add_commands(sub) -> None:
    """Add the store subparsers to the CLI."""
    p = sub.add_parser("ingest", help="extract articles into the event store",
                       description="Extract events from articles and store documents, events and mentions. "
                                   "Re-running skips stored documents (same id and content) unless --force; "
                                   "duplicate articles are linked to their original; mentions of the same "
                                   "event in different articles are merged.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="file, directory, .jsonl of documents, - for stdin, or a `tacitus batch` output directory "
                        "(stored as extracted there)")
    _add_db(p)
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for inputs that carry none")
    p.add_argument("--remerge", action="store_true",
                   help="rebuild all events from the stored mentions with the current merge rule "
                        "(after ingesting PATHs, or alone without re-extracting anything)")
    p.add_argument("--force", action="store_true", help="re-extract and replace documents already stored")
    p.add_argument("--model", help="spaCy pipeline name or path (default: best installed)")
    from ..cli import add_lexicon_option

    add_lexicon_option(p)
    p.add_argument("--processes", type=int, default=1, metavar="N",
                   help="extraction worker processes (each loads its own model, ~1 GB)")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="json: print the run summary as one JSON object on stdout")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("query", help="query stored events",
                       description="List merged events matching the filters, with their mentions and sources.")
    _add_db(p)
    _add_filters(p)
    p.add_argument("--format", choices=["table", "jsonl", "csv"], default="table",
                   help="jsonl: one event object per line (contract fields + mentions, sources); table (default)")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("stance", help="who would, would not, or did not rule out ACTION towards a target",
                       description="For each actor, the modality of its statements on ACTION towards the target "
                                   "over time, with evidence (see docs/store.md for how ACTION is matched).")
    p.add_argument("action", metavar="ACTION", help='action words, e.g. "send troops"')
    p.add_argument("--target", required=True, metavar="CODE", help="target country/organisation code, e.g. UKR")
    _add_db(p)
    p.add_argument("--since", metavar="DATE", help="statements on or after YYYY-MM-DD")
    p.add_argument("--until", metavar="DATE", help="statements on or before YYYY-MM-DD")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_stance)

    p = sub.add_parser("stats", help="counts of documents, duplicates, events and mentions",
                       description="Counts in the store: documents, duplicates, events, mentions and more.")
    _add_db(p)
    p.add_argument("--format", choices=["json", "table"], default="table")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("export", help="export events as JSONL, CSV, Parquet, POLECAT TSV or GDELT rows",
                       description="Write merged events matching the filters to a file.")
    p.add_argument("--format", required=True, choices=["jsonl", "csv", "parquet", "polecat", "gdelt"])
    p.add_argument("--output", required=True, metavar="PATH", help="output file (- for stdout, not parquet)")
    _add_db(p)
    _add_filters(p)
    p.set_defaults(func=cmd_export)
