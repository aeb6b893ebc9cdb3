"""`tacitus ingest|query|stance|stats|export` subcommands (registered by cli.build_parser)."""
from __future__ import annotations


def add_commands(sub) -> None:
    """Add the store subparsers to the CLI."""
    return None
