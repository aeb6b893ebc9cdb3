"""`tacitus watch` subcommand (registered by cli.build_parser)."""
from __future__ import annotations

import argparse
import json

from ..settings import Settings


def cmd_watch(args: argparse.Namespace) -> int:
    """tacitus watch FEEDS.txt [--db URL] [--interval 15m] [--once]."""
    from ..store.commands import _open_store
    from .feeds import read_feeds
    from .http import Fetcher
    from .polite import Politeness
    from .runner import parse_interval, watch

    feeds = read_feeds(args.feeds)
    interval = parse_interval(args.interval)
    polite = Politeness(user_agent=args.user_agent or Politeness().user_agent, delay=args.delay,
                        retries=args.retries, backoff=args.backoff, timeout=args.timeout)
    settings = Settings(model=args.model)
    cache: list = []

    def pipeline():
        if not cache:  # loaded at the first new article, then kept across polls
            from ..pipeline import Pipeline

            cache.append(Pipeline(settings))
        return cache[0]

    with _open_store(args.db, create=True) as store:
        reports = watch(store, feeds, Fetcher(polite), pipeline, interval=interval, once=args.once)
    if args.format == "json":
        print(json.dumps([{k: getattr(r, k) for k in r.__slots__} for r in reports]))
    return 1 if any(r.error or r.failed for r in reports) else 0


def add_commands(sub) -> None:
    """Add the watch subparser to the CLI."""
    from ..store.commands import DB_HELP
    from .polite import Politeness

    d = Politeness()
    p = sub.add_parser(
        "watch", help="poll RSS/Atom feeds and ingest new articles",
        description="Poll the feeds listed in FEEDS.txt (one URL per line, optionally followed by the outlet's "
                    "name), fetch new articles politely (robots.txt, a per-host delay, retries with backoff, "
                    "conditional GET), extract their text and date with trafilatura and ingest them. The store "
                    "remembers what was fetched, so a restart fetches nothing twice.")
    p.add_argument("feeds", metavar="FEEDS.txt", help="feeds file: one feed URL per line, then optionally the outlet")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    p.add_argument("--interval", default="15m", metavar="DURATION", help="time between polls: 15m (default), 30s, 1h")
    p.add_argument("--once", action="store_true", help="poll every feed once and exit (for cron)")
    p.add_argument("--delay", type=float, default=d.delay, metavar="SECONDS",
                   help=f"at least this long between two requests to one host (default {d.delay:g}; a robots.txt "
                        f"Crawl-delay wins when longer)")
    p.add_argument("--retries", type=int, default=d.retries, metavar="N",
                   help=f"retries of a request answered 429/5xx or not answered (default {d.retries})")
    p.add_argument("--backoff", type=float, default=d.backoff, metavar="SECONDS",
                   help=f"pause before the first retry, doubled for each next one (default {d.backoff:g}); "
                        f"a Retry-After header wins")
    p.add_argument("--timeout", type=float, default=d.timeout, metavar="SECONDS", help="per request")
    p.add_argument("--user-agent", metavar="UA", help=f"User-Agent header (default: {d.user_agent})")
    p.add_argument("--model", help="spaCy pipeline name or path (default: best installed)")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="json: print the last poll's per-feed reports as JSON on stdout")
    p.set_defaults(func=cmd_watch)
