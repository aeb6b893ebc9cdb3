"""Publishers that speak for a state (a presidency's releases): who "the President" and "I" are there."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict

from ..datafile import validated_yaml
from ..errors import DataFileError

PUBLISHERS_FILE = Path(__file__).resolve().parents[1] / "data" / "actors" / "publishers.yaml"


class _Principal(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    start: date
    end: date | None = None


class _Publisher(BaseModel):
    model_config = ConfigDict(extra="forbid")
    names: list[str]
    hosts: list[str] = []
    country: str
    principals: list[_Principal]
    roles: list[str]


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    publishers: list[_Publisher]


@dataclass(frozen=True, slots=True)
class Publisher:
    """A state's own publisher: its country, its principals over time, the role words that mean them."""

    name: str
    country: str
    principals: tuple[tuple[str, date, date | None], ...]
    roles: frozenset[str]

    def principal(self, on: date | None) -> str | None:
        """The principal's name on a date (the latest one when the date is unknown)."""
        if on is None:
            return max(self.principals, key=lambda p: p[1])[0] if self.principals else None
        for name, start, end in self.principals:
            if start <= on and (end is None or on < end):
                return name
        return None


class Publishers:
    """The validated publisher table, looked up by a document's `source` or the host of its `url`."""

    def __init__(self, version: str, items: list[Publisher], by_name: dict[str, Publisher], by_host: dict[str, Publisher]):
        self.version, self.items, self._by_name, self._by_host = version, items, by_name, by_host

    @classmethod
    def from_file(cls, path: str | Path) -> "Publishers":
        """Load and validate (DataFileError E204 names the file and the problem)."""
        f = validated_yaml(path, _File, what="publishers file", code="E204")
        items, by_name, by_host = [], {}, {}
        for p in f.publishers:
            pub = Publisher(p.names[0], p.country, tuple((x.name, x.start, x.end) for x in p.principals),
                            frozenset(r.lower() for r in p.roles))
            items.append(pub)
            for n in p.names:
                if n.lower() in by_name:
                    raise DataFileError(f"{path}: publisher name {n!r} listed twice", code="E204")
                by_name[n.lower()] = pub
            for h in p.hosts:
                by_host[h.lower()] = pub
        return cls(f.version, items, by_name, by_host)

    @classmethod
    def default(cls) -> "Publishers":
        return _default()

    def match(self, source: str | None, url: str | None = None) -> Publisher | None:
        """The publisher of a document, if it is one of the table's."""
        if source and source.strip().lower() in self._by_name:
            return self._by_name[source.strip().lower()]
        if url:
            host = (urlparse(url).hostname or "").lower()
            while host:
                if host in self._by_host:
                    return self._by_host[host]
                host = host.partition(".")[2]
        return None


@lru_cache(maxsize=1)
def _default() -> Publishers:
    return Publishers.from_file(PUBLISHERS_FILE)
