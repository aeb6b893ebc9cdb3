"""Reading the store for browsing: one event or document in full, actors, timelines, places.

Filters come from `query.Filters` (its WHERE clause is the one query path); every value is a
bound parameter. Used by `tacitus serve` (api/ and web/), callable from notebooks.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

from .query import Filters, _contradictions, _event_object, _mentions_by_event
from .stance import code_name
from .store import Store

BUCKETS = ("day", "week", "month")
_SUMMARY_COLS = ("id", "type", "modality", "plover_type", "actor_name", "actor_country", "target_name",
                 "target_country", "time_start", "time_end", "first_seen", "trigger", "evidence", "doc_id",
                 "n_documents")


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """The merged event as `query` gives it, plus every mention in full (`all_mentions`, each
    the contract object with its article's published/source/title/url) and a summary of each
    contradicting event (`contradictions`); None when there is no such event."""
    rows = store.db.query("SELECT e.* FROM events e WHERE e.id = ?", (event_id,))
    if not rows:
        return None
    ms = _mentions_by_event(store, [event_id])[event_id]
    contra = _contradictions(store, [event_id]).get(event_id, [])
    obj = _event_object(rows[0], ms, contra)
    obj["all_mentions"] = [_mention_object(m) for m in ms]
    obj["contradictions"] = [event_summary(r) for r in _rows_by_id(store, contra)]
    obj["n_documents"] = rows[0]["n_documents"]
    obj["contradicted"] = bool(rows[0]["contradicted"])
    return obj


def _mention_object(m: dict[str, Any]) -> dict[str, Any]:
    obj = json.loads(m["json"])
    obj["event_id"] = m["event_id"]
    obj["document"] = {"id": m["doc_id"], "published": m["doc_published"], "source": m["doc_source"],
                       "title": m["doc_title"], "url": m["doc_url"]}
    return obj


def _rows_by_id(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    return store.db.query("SELECT e.* FROM events e WHERE e.id IN (" + ", ".join("?" * len(ids)) + ") "
                          "ORDER BY e.id", ids)


def event_summary(r: dict[str, Any]) -> dict[str, Any]:
    """A short view of an `events` row (for lists and links)."""
    return {k: r[k] for k in _SUMMARY_COLS}


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A stored document with its text and the mentions found in it (contract objects with
    `event_id`), in text order; a duplicate lists its original's id; None when unknown."""
    rows = store.db.query(
        "SELECT id, content_hash, published, title, url, source, language, n_chars, text, duplicate_of, "
        "duplicate_kind, similarity, n_mentions, pipeline_version, ingested_at FROM documents WHERE id = ?",
        (doc_id,))
    if not rows:
        return None
    doc = rows[0]
    ms = store.db.query("SELECT event_id, json FROM mentions WHERE doc_id = ? ORDER BY evidence_start, id",
                        (doc_id,))
    events = []
    for m in ms:
        obj = json.loads(m["json"])
        obj["event_id"] = m["event_id"]
        events.append(obj)
    doc["events"] = events
    doc["duplicates"] = [r["id"] for r in store.db.query(
        "SELECT id FROM documents WHERE duplicate_of = ? ORDER BY id", (doc_id,))]
    return doc


def labels(store: Store, doc_ids: list[str]) -> dict[str, str]:
    """A short label per document: its title, else its first line (many inputs carry no title)."""
    ids = sorted(set(doc_ids))
    out: dict[str, str] = {}
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        for r in store.db.query("SELECT id, title, SUBSTR(text, 1, 300) AS head FROM documents WHERE id IN ("
                                + ", ".join("?" * len(chunk)) + ")", chunk):
            first = next((line.strip() for line in (r["head"] or "").splitlines() if line.strip()), "")
            label = r["title"] or first or r["id"]
            out[r["id"]] = label if len(label) <= 110 else label[:107].rstrip() + "..."
    return out


def actors(store: Store, filters: Filters = Filters(), *, limit: int | None = None) -> list[dict[str, Any]]:
    """Country/organisation codes of actors and targets of the matching events, with names and
    counts (`as_actor`, `as_target`, `events` = both), most frequent first."""
    where, params = filters.where()
    counts: dict[str, Counter] = defaultdict(Counter)
    names: dict[str, Counter] = defaultdict(Counter)
    for role in ("actor", "target"):
        sql = (f"SELECT e.{role}_country AS code, e.{role}_name AS name, COUNT(*) AS n FROM events e{where}"
               + (" AND " if where else " WHERE ") + f"e.{role}_country IS NOT NULL "
               f"GROUP BY e.{role}_country, e.{role}_name")
        for r in store.db.query(sql, params):
            counts[r["code"]][role] += int(r["n"])
            if r["name"]:
                names[r["code"]][r["name"]] += int(r["n"])
    out = []
    for code, c in counts.items():
        name = code_name(code) or (names[code].most_common(1)[0][0] if names[code] else None)
        out.append({"code": code, "name": name, "as_actor": c["actor"], "as_target": c["target"],
                    "events": c["actor"] + c["target"]})
    out.sort(key=lambda a: (-a["events"], a["code"]))
    return out[:limit] if limit else out


def bucket_start(d: date, bucket: str) -> date:
    """The first day of the day/week (Monday)/month holding `d`."""
    if bucket == "week":
        return d - timedelta(days=d.weekday())
    if bucket == "month":
        return d.replace(day=1)
    return d


def _next_bucket(d: date, bucket: str) -> date:
    if bucket == "week":
        return d + timedelta(days=7)
    if bucket == "month":
        return (d.replace(day=28) + timedelta(days=4)).replace(day=1)
    return d + timedelta(days=1)


def timeline(store: Store, filters: Filters = Filters(), bucket: str = "week") -> dict[str, Any]:
    """Events per type and mean Goldstein score per day/week/month, by the event's time (else
    its first article's date), every bucket of the window: since..until when given, else the
    span of the matching events' articles (events dated outside it, such as 2014 or 1945 in
    background sentences, are counted in `outside`)."""
    if bucket not in BUCKETS:
        from .db import StoreError

        raise StoreError(f"unknown bucket {bucket!r}: use one of {', '.join(BUCKETS)}", code="E603")
    where, params = filters.where()
    # Grouped by day and type in SQL (a few thousand rows at most), bucketed here.
    rows = store.db.query("SELECT COALESCE(e.time_start, e.first_seen) AS d, e.type AS t, COUNT(*) AS n, "
                          "SUM(e.goldstein) AS g, COUNT(e.goldstein) AS ng, MIN(e.first_seen) AS lo, "
                          "MAX(e.last_seen) AS hi FROM events e" + where +
                          " GROUP BY COALESCE(e.time_start, e.first_seen), e.type", params)
    seen = [r[k] for r in rows for k in ("lo", "hi") if r[k]]
    lo = filters.since or (date.fromisoformat(min(seen)[:10]) if seen else None)
    hi = filters.until or (date.fromisoformat(max(seen)[:10]) if seen else None)
    per: dict[date, Counter] = defaultdict(Counter)
    gold: dict[date, list[float]] = {}
    undated = outside = 0
    for r in rows:
        n = int(r["n"])
        if not r["d"]:
            undated += n
            continue
        d = date.fromisoformat(r["d"][:10])
        if lo is None or hi is None or not lo <= d <= hi:
            outside += n
            continue
        b = bucket_start(d, bucket)
        per[b][r["t"]] += n
        if r["ng"]:
            g = gold.setdefault(b, [0.0, 0])
            g[0] += float(r["g"])
            g[1] += int(r["ng"])
    out = []
    if lo is not None and hi is not None and lo <= hi:
        cur, last = bucket_start(lo, bucket), bucket_start(hi, bucket)
        while cur <= last:
            g = gold.get(cur)
            out.append({"start": cur.isoformat(), "n": sum(per[cur].values()),
                        "counts": dict(sorted(per[cur].items())),
                        "goldstein_mean": round(g[0] / g[1], 2) if g else None})
            cur = _next_bucket(cur, bucket)
    types = sorted({t for c in per.values() for t in c})
    return {"bucket": bucket, "since": lo.isoformat() if lo else None, "until": hi.isoformat() if hi else None,
            "types": types, "n_events": sum(b["n"] for b in out), "undated": undated, "outside": outside,
            "buckets": out}


def places(store: Store, filters: Filters = Filters()) -> dict[str, Any]:
    """Events with a place: one entry per place (name, country, lat, lon, events), and events
    per place country."""
    where, params = filters.where()
    cond = (" AND " if where else " WHERE ") + "e.location_country IS NOT NULL"
    pts = store.db.query(
        "SELECT e.location_name AS name, e.location_country AS country, AVG(e.lat) AS lat, AVG(e.lon) AS lon, "
        "COUNT(*) AS n FROM events e" + where + cond + " GROUP BY e.location_name, e.location_country "
        "ORDER BY n DESC, name", params)
    by_country = store.db.query("SELECT e.location_country AS country, COUNT(*) AS n FROM events e" + where + cond
                                + " GROUP BY e.location_country ORDER BY n DESC, country", params)
    return {"places": [{"name": p["name"], "country": p["country"],
                        "lat": None if p["lat"] is None else round(float(p["lat"]), 4),
                        "lon": None if p["lon"] is None else round(float(p["lon"]), 4),
                        "events": int(p["n"])} for p in pts],
            "countries": {r["country"]: int(r["n"]) for r in by_country}}
