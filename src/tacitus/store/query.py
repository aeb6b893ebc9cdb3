"""Reading the store: filters -> merged events as contract objects with mentions and sources."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..models import MODALITIES, PLOVER_TYPES
from ..errors import SettingsError
from ..settings import parse_date
from .db import StoreError
from .store import Store


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
            if val:
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


def event_rows(store: Store, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """The `events` rows matching the filters, ordered by time then id."""
    where, params = filters.where()
    sql = ("SELECT e.* FROM events e" + where +
           " ORDER BY COALESCE(e.time_start, e.first_seen), e.id")
    if filters.limit:
        sql += f" LIMIT {int(filters.limit)}"
    return store.db.query(sql, params)


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


def _contradictions(store: Store, ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        for r in store.db.query("SELECT event_id, other_id FROM contradictions WHERE event_id IN ("
                                + ", ".join("?" * len(chunk)) + ") ORDER BY other_id", chunk):
            out.setdefault(r["event_id"], []).append(r["other_id"])
    return out


def event_objects(store: Store, filters: Filters = Filters()) -> Iterator[dict[str, Any]]:
    """Contract event objects (the representative mention's fields, the merged event's id),
    each with `mentions` (one per article), `sources`, counts, first/last seen, contradictions."""
    rows = event_rows(store, filters)
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


def flat_rows(store: Store, filters: Filters = Filters()) -> Iterator[dict[str, Any]]:
    """One flat row per event (CSV, Parquet), with `sources` and `doc_ids` as lists."""
    rows = event_rows(store, filters)
    for k in range(0, len(rows), 500):
        chunk = rows[k:k + 500]
        mentions = _mentions_by_event(store, [r["id"] for r in chunk])
        for r in chunk:
            ms = mentions[r["id"]]
            flat = {c: r[c] for c in FLAT_COLUMNS}
            flat["sources"] = sorted({m["doc_source"] for m in ms if m["doc_source"]})
            flat["doc_ids"] = sorted({m["doc_id"] for m in ms})
            yield flat
