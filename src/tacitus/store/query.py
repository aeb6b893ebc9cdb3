"""Reading the store: filters -> merged events as contract objects with mentions and sources."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..models import MODALITIES, PLOVER_TYPES
from ..errors import SettingsError
from ..settings import parse_date
from .db import StoreError
from .store import Store


def is_code(value: str) -> bool:
    """Whether `value` is a country/organisation code of the actor dictionary (CAN, NATO)."""
    from .stance import code_name

    v = value.strip()
    return v.isalpha() and len(v) <= 6 and code_name(v.upper()) is not None


@dataclass(frozen=True, slots=True)
class Filters:
    """What `query`, `export` and `stance` select on; all optional, combined with AND."""

    actor: str | None = None       # country/org code (CAN, NATO) or words of the name
    target: str | None = None
    type: str | None = None        # PLOVER type (matches `type` or `plover_type`)
    modality: str | None = None
    since: date | None = None      # event time overlaps [since, until]
    until: date | None = None
    country: str | None = None     # actor, target or place in this country
    text: str | None = None        # every word must occur in some mention's evidence sentence
    source: str | None = None      # outlet name
    place: str | None = None       # place name of the event (exact, any case)
    min_documents: int = 1
    limit: int | None = None

    @classmethod
    def from_args(cls, args) -> "Filters":
        typ = (getattr(args, "type", None) or "").upper() or None
        if typ and typ not in PLOVER_TYPES:
            raise StoreError(f"unknown event type {typ!r}: use one of {', '.join(PLOVER_TYPES)}", code="E501")
        mod = (getattr(args, "modality", None) or "").lower() or None
        if mod and mod not in MODALITIES:
            raise StoreError(f"unknown modality {mod!r}: use one of {', '.join(MODALITIES)}", code="E502")
        since, until = date_range(getattr(args, "since", None), getattr(args, "until", None))
        limit = getattr(args, "limit", None)
        min_docs = getattr(args, "min_documents", None)
        for flag, n in (("--limit", limit), ("--min-documents", min_docs)):
            if n is not None and n < 1:
                raise SettingsError(f"{flag} must be at least 1 (got {n}); leave it out for no limit",
                                    code="E406")
        return cls(actor=getattr(args, "actor", None), target=getattr(args, "target", None), type=typ,
                   modality=mod, since=since, until=until,
                   country=(getattr(args, "country", None) or "").upper() or None,
                   text=getattr(args, "text", None), source=getattr(args, "source", None),
                   min_documents=min_docs or 1, limit=limit)

    def where(self) -> tuple[str, list[Any]]:
        """SQL WHERE clause over `events e` and its parameters."""
        conds: list[str] = []
        params: list[Any] = []
        for col, val in (("actor", self.actor), ("target", self.target)):
            if val and is_code(val):
                # A known code matches codes only: "RUS" is not a substring of "Belarus" here.
                conds.append(f"(UPPER(e.{col}_country) = ? OR EXISTS (SELECT 1 FROM mentions m WHERE "
                             f"m.event_id = e.id AND UPPER(m.{col}_country) = ?))")
                params += [val.upper(), val.upper()]
            elif val:
                conds.append(f"(UPPER(e.{col}_country) = ? OR LOWER(e.{col}_name) LIKE ? ESCAPE '\\' OR EXISTS ("
                             f"SELECT 1 FROM mentions m WHERE m.event_id = e.id AND "
                             f"(UPPER(m.{col}_country) = ? OR LOWER(m.{col}_name) LIKE ? ESCAPE '\\')))")
                params += [val.upper(), contains(val), val.upper(), contains(val)]
        if self.type:
            conds.append("(e.type = ? OR e.plover_type = ?)")
            params += [self.type, self.type]
        if self.modality:
            conds.append("e.modality = ?")
            params.append(self.modality)
        if self.since:
            conds.append("COALESCE(e.time_end, e.last_seen) >= ?")
            params.append(self.since.isoformat())
        if self.until:
            conds.append("COALESCE(e.time_start, e.first_seen) <= ?")
            params.append(self.until.isoformat())
        if self.country:
            conds.append("(e.actor_country = ? OR e.target_country = ? OR e.location_country = ?)")
            params += [self.country] * 3
        for word in (self.text or "").split():
            conds.append("EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id "
                         "AND LOWER(m.sentence) LIKE ? ESCAPE '\\')")
            params.append(contains(word))
        if self.source:
            conds.append("EXISTS (SELECT 1 FROM mentions m JOIN documents d ON d.id = m.doc_id "
                         "WHERE m.event_id = e.id AND LOWER(d.source) = ?)")
            params.append(self.source.lower())
        if self.place:
            conds.append("LOWER(e.location_name) = ?")
            params.append(self.place.lower())
        if self.min_documents > 1:
            conds.append("e.n_documents >= ?")
            params.append(self.min_documents)
        return (" WHERE " + " AND ".join(conds)) if conds else "", params


def date_range(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    """--since and --until as dates; E405 when the range is empty."""
    a, b = parse_date(since, "--since"), parse_date(until, "--until")
    if a and b and a > b:
        raise SettingsError(f"--since {a} is after --until {b}: nothing can match; swap them", code="E405")
    return a, b


def contains(word: str) -> str:
    """A LIKE pattern matching `word` anywhere, lower case, with % _ and \\ taken literally."""
    w = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{w}%"


# Sort orders by name: (SQL expression over `events e`, descending). Fixed text, never user input;
# COALESCE keeps NULLs out of the keys so both backends order alike and keyset paging works.
SORTS: dict[str, tuple[str, bool]] = {
    "time": ("COALESCE(e.time_start, e.first_seen, '')", False),
    "-time": ("COALESCE(e.time_start, e.first_seen, '')", True),
    "confidence": ("COALESCE(e.confidence, 0)", False),
    "-confidence": ("COALESCE(e.confidence, 0)", True),
    "documents": ("e.n_documents", False),
    "-documents": ("e.n_documents", True),
    "goldstein": ("COALESCE(e.goldstein, 0)", False),
    "-goldstein": ("COALESCE(e.goldstein, 0)", True),
}


def event_rows(store: Store, filters: Filters = Filters(), *, sort: str = "time",
               after: tuple[Any, str] | None = None) -> list[dict[str, Any]]:
    """The `events` rows matching the filters in `sort` order (ties by id), each with its
    `sort_key`; `after` = (sort_key, id) of the last row seen gives the next page (keyset)."""
    if sort not in SORTS:
        raise StoreError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}", code="E601")
    expr, desc = SORTS[sort]
    where, params = filters.where()
    d = " DESC" if desc else ""
    # Sort and cut the (id, key) pairs first, then read the wide rows of the page only.
    sql = f"SELECT e.id, {expr} AS sort_key FROM events e" + where
    if after is not None:
        op = "<" if desc else ">"
        sql += (" AND " if where else " WHERE ") + f"({expr} {op} ? OR ({expr} = ? AND e.id {op} ?))"
        params = [*params, after[0], after[0], after[1]]
    sql += f" ORDER BY {expr}{d}, e.id{d}"
    if filters.limit:
        sql += " LIMIT ?"
        params = [*params, int(filters.limit)]
    return store.db.query(f"SELECT e.*, k.sort_key FROM ({sql}) k JOIN events e ON e.id = k.id "
                          f"ORDER BY k.sort_key{d}, e.id{d}", params)


def count_events(store: Store, filters: Filters = Filters()) -> int:
    """How many events match the filters (ignoring `limit`)."""
    where, params = filters.where()
    return int(store.db.scalar("SELECT COUNT(*) AS n FROM events e" + where, params) or 0)


FACETS = ("type", "modality", "actor", "target", "country")


def facets(store: Store, filters: Filters = Filters()) -> dict[str, list[tuple[str, int]]]:
    """Events per value of each facet under the filters, most frequent first. An event counts
    under the values its filter matches (type or plover_type; the actor/target code of the event
    or of any of its mentions; actor, target or place country), so a facet's count is what
    selecting it returns."""
    where, params = filters.where()
    counts: dict[str, Counter] = {f: Counter() for f in FACETS}
    # Grouped in SQL: a few thousand combinations at most, whatever the number of events.
    for r in store.db.query("SELECT e.type AS t, e.plover_type AS p, e.modality AS m, e.actor_country AS a, "
                            "e.target_country AS g, e.location_country AS l, COUNT(*) AS n FROM events e" + where
                            + " GROUP BY e.type, e.plover_type, e.modality, e.actor_country, e.target_country, "
                            "e.location_country", params):
        n = int(r["n"])
        for f, vs in (("type", {r["t"], r["p"]}), ("modality", {r["m"]}), ("actor", {r["a"]}), ("target", {r["g"]}),
                      ("country", {r["a"], r["g"], r["l"]})):
            for v in vs:
                if v:
                    counts[f][v] += n
    # Mentions whose actor/target code differs from their merged event's also count for it.
    diff = ("(m.actor_country IS NOT NULL AND (e.actor_country IS NULL OR m.actor_country <> e.actor_country)) OR "
            "(m.target_country IS NOT NULL AND (e.target_country IS NULL OR m.target_country <> e.target_country))")
    extra: dict[str, set[tuple[str, str]]] = {"actor": set(), "target": set()}
    # Only events with several mentions can differ: one mention gave the event its parties.
    for r in store.db.query("SELECT DISTINCT m.event_id AS id, m.actor_country AS a, m.target_country AS t, "
                            "e.actor_country AS ea, e.target_country AS et FROM events e JOIN mentions m ON "
                            "m.event_id = e.id" + where + (" AND " if where else " WHERE ") + "e.n_mentions > 1 AND ("
                            + diff + ")", params):
        if r["a"] and r["a"] != r["ea"]:
            extra["actor"].add((r["id"], r["a"]))
        if r["t"] and r["t"] != r["et"]:
            extra["target"].add((r["id"], r["t"]))
    for role, pairs in extra.items():
        for _, v in pairs:
            counts[role][v] += 1
    return {f: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for f, c in counts.items()}


def _mentions_by_event(store: Store, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        rows = store.db.query(
            "SELECT m.*, d.published AS doc_published, d.source AS doc_source, d.url AS doc_url, "
            "d.title AS doc_title FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.event_id IN ("
            + ", ".join("?" * len(chunk)) + ") ORDER BY d.published, m.doc_id, m.evidence_start", chunk)
        for r in rows:
            out[r["event_id"]].append(r)
    return out


def _sources_by_event(store: Store, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Each event's mentions as (doc_id, doc_source) only: what flat rows need."""
    out: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        for r in store.db.query("SELECT m.event_id, m.doc_id, d.source AS doc_source FROM mentions m JOIN documents d "
                                "ON d.id = m.doc_id WHERE m.event_id IN (" + ", ".join("?" * len(chunk)) + ")", chunk):
            out[r["event_id"]].append(r)
    return out


def _contradictions(store: Store, ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        for r in store.db.query("SELECT event_id, other_id FROM contradictions WHERE event_id IN ("
                                + ", ".join("?" * len(chunk)) + ") ORDER BY other_id", chunk):
            out.setdefault(r["event_id"], []).append(r["other_id"])
    return out


def event_objects(store: Store, filters: Filters = Filters(), *, sort: str = "time",
                  after: tuple[Any, str] | None = None) -> Iterator[dict[str, Any]]:
    """Contract event objects (the representative mention's fields, the merged event's id),
    each with `mentions` (one per article), `sources`, counts, first/last seen, contradictions."""
    yield from objects_for_rows(store, event_rows(store, filters, sort=sort, after=after))


def objects_for_rows(store: Store, rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Contract event objects for `events` rows (see `event_objects`)."""
    for k in range(0, len(rows), 500):
        chunk = rows[k:k + 500]
        ids = [r["id"] for r in chunk]
        mentions = _mentions_by_event(store, ids)
        contra = _contradictions(store, ids)
        for r in chunk:
            yield _event_object(r, mentions[r["id"]], contra.get(r["id"], []))


def _event_object(r: dict[str, Any], ms: list[dict[str, Any]], contra: list[str]) -> dict[str, Any]:
    rep = next((m for m in ms if m["id"] == r["representative"]), ms[0] if ms else None)
    obj = json.loads(rep["json"]) if rep else {}
    obj["mention_id"] = obj.get("id")
    obj["id"] = r["id"]
    per_doc: dict[str, dict[str, Any]] = {}
    for m in ms:
        if m["doc_id"] in per_doc:
            per_doc[m["doc_id"]]["n"] += 1
            continue
        per_doc[m["doc_id"]] = {
            "doc_id": m["doc_id"], "mention_id": m["id"], "published": m["doc_published"],
            "source": m["doc_source"], "url": m["doc_url"], "title": m["doc_title"],
            "modality": m["modality"], "trigger": m["trigger"], "sentence": m["sentence"],
            "start": m["evidence_start"], "end": m["evidence_end"],
            "speaker": m["speaker_name"] or m["speaker_text"], "n": 1,
        }
    obj["mentions"] = list(per_doc.values())
    obj["sources"] = sorted({m["doc_source"] for m in ms if m["doc_source"]})
    obj["corroboration"] = r["corroboration"]
    obj["n_mentions"] = r["n_mentions"]
    obj["first_seen"] = r["first_seen"]
    obj["last_seen"] = r["last_seen"]
    obj["event_time"] = {"start": r["time_start"], "end": r["time_end"]}
    obj["contradicted_by"] = contra
    obj["quad"] = r["quad"]
    obj["pipeline_version"] = rep["pipeline_version"] if rep else r["pipeline_version"]
    return obj


FLAT_COLUMNS = (
    "id", "type", "mode", "cameo", "plover_type", "modality", "quad", "goldstein",
    "actor_name", "actor_country", "actor_sector", "actor_kind",
    "target_name", "target_country", "target_sector", "target_kind",
    "location_name", "location_country", "lat", "lon", "time_start", "time_end",
    "first_seen", "last_seen", "n_mentions", "n_documents", "n_sources", "corroboration",
    "contradicted", "trigger", "evidence", "doc_id", "representative", "confidence", "pipeline_version",
)


def write_csv(out, rows: Iterable[dict[str, Any]]) -> None:
    """Flat rows as CSV (`query --format csv`, the API's format=csv): lists joined with "; "."""
    import csv

    from ..export.formats import csv_row

    w = csv.DictWriter(out, fieldnames=[*FLAT_COLUMNS, "sources", "doc_ids"], lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow(csv_row(r))


def flat_rows(store: Store, filters: Filters = Filters(), *, sort: str = "time") -> Iterator[dict[str, Any]]:
    """One flat row per event (CSV, Parquet), with `sources` and `doc_ids` as lists."""
    rows = event_rows(store, filters, sort=sort)
    for k in range(0, len(rows), 500):
        chunk = rows[k:k + 500]
        mentions = _sources_by_event(store, [r["id"] for r in chunk])
        for r in chunk:
            ms = mentions[r["id"]]
            flat = {c: r[c] for c in FLAT_COLUMNS}
            flat["sources"] = sorted({m["doc_source"] for m in ms if m["doc_source"]})
            flat["doc_ids"] = sorted({m["doc_id"] for m in ms})
            yield flat
