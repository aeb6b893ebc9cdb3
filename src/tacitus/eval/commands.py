"""`tacitus eval` and `tacitus bench` subcommands (registered by cli.build_parser)."""
from __future__ import annotations


def add_commands(sub) -> None:
    """Add the eval/bench subparsers to the CLI."""
    return None
