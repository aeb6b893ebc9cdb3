"""How `tacitus watch` behaves towards servers (kept apart from http.py so the CLI starts without urllib3)."""
from __future__ import annotations

from dataclasses import dataclass

from .. import __version__

USER_AGENT = f"tacitus-watch/{__version__} (+news event coding; obeys robots.txt and Retry-After)"


@dataclass(frozen=True, slots=True)
class Politeness:
    """User-Agent, per-host delay, retries and backoff of every request."""

    user_agent: str = USER_AGENT
    delay: float = 1.0      # seconds between two requests to the same host (robots.txt Crawl-delay wins if longer)
    retries: int = 3        # retries of a request answered 429/5xx or not answered
    backoff: float = 2.0    # first retry after `backoff` seconds, then doubling
    timeout: float = 20.0
