"""The event store: one write path (`Store.write_document`), one transaction per document."""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from ..models import Document, Event
from . import dedup, merge
from .db import Database, connect
from .schema import migrate

EVENT_PARTY_COLS = ("text", "name", "country", "sector", "kind")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s[:10]) if s else None


@dataclass(frozen=True, slots=True)
class WriteResult:
    doc_id: str
    mentions: int
    new_events: int
    merged: int
    contradictions: int
    duplicate_of: str | None = None
    released: tuple[str, ...] = ()  # former duplicates that no longer match: awaiting extraction


class Store:
    """Documents, mentions (one extracted Event each) and merged events in SQLite or PostgreSQL."""

    def __init__(self, db: Database):
        self.db = db
        migrate(db)

    @classmethod
    def open(cls, url: str | None = None, *, read_only: bool = False) -> "Store":
        """The store at `url` (see `connect`); `read_only` for commands that only read."""
        return cls(connect(url, read_only=read_only))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ reading state

    def stored_hash(self, doc_id: str) -> str | None:
        """Content hash of the stored document with this id, or None."""
        return self.db.scalar("SELECT content_hash FROM documents WHERE id = ?", (doc_id,))

    def awaiting_extraction(self) -> list[Document]:
        """Stored originals never extracted (released copies: `pipeline_version` NULL), oldest first."""
        # Ingest extracts them before it ends, or on its next run; of several copies of one text
        # the earliest published is extracted first and becomes the others' original.
        rows = self.db.query("SELECT id, text, published, title, url, source, language, origin FROM documents "
                             "WHERE pipeline_version IS NULL AND duplicate_of IS NULL "
                             "ORDER BY COALESCE(published, '9999-12-31'), id")
        return [Document(text=r["text"], id=r["id"], published=_date(r["published"]), title=r["title"],
                         url=r["url"], source=r["source"], language=r["language"], origin=r["origin"])
                for r in rows]

    def duplicate_index(self) -> dedup.DuplicateIndex:
        """The originals already stored, for near-duplicate lookups."""
        idx = dedup.DuplicateIndex()
        # Documents awaiting extraction are not originals yet: ingest decides what they are.
        for r in self.db.query("SELECT id, content_hash, minhash FROM documents WHERE duplicate_of IS NULL "
                               "AND minhash IS NOT NULL AND pipeline_version IS NOT NULL ORDER BY ingested_at, id"):
            idx.add(r["id"], r["content_hash"], dedup.decode(r["minhash"]))
        return idx

    # ------------------------------------------------------------------ the write path

    def write_document(self, doc: Document, events: Sequence[Event], *, pipeline_version: str,
                       signature: tuple[int, ...] | None = None,
                       duplicate: dedup.Duplicate | None = None) -> WriteResult:
        """Store one document with its mentions, merged into events, in one transaction.

        A document already stored under the same id is replaced (its old mentions removed and
        the events they fed recomputed). A duplicate is stored and linked to its original; its
        events are not stored again (they would double-count the original's).
        """
        doc = doc.with_id()
        chash = dedup.content_hash(doc.text)
        sig = signature if signature is not None else dedup.minhash(doc.text)
        with self.db.transaction():
            self.db.write_lock()
            touched: set[str] = set()
            copies: list[dict[str, Any]] = []
            if self.stored_hash(doc.id) is not None:
                copies = self.db.query("SELECT id, content_hash, minhash FROM documents WHERE duplicate_of = ?",
                                       (doc.id,))
                touched |= self._remove_document(doc.id)
            self.db.execute(
                "INSERT INTO documents (id, content_hash, published, title, url, source, language, origin, "
                "n_chars, text, duplicate_of, duplicate_kind, similarity, n_mentions, minhash, "
                "pipeline_version, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.id, chash, _iso(doc.published), doc.title, doc.url, doc.source, doc.language, doc.origin,
                 len(doc.text), doc.text, duplicate.original if duplicate else None,
                 duplicate.kind if duplicate else None, duplicate.similarity if duplicate else None,
                 0 if duplicate else len(events), dedup.encode(sig), pipeline_version, _now()))
            released = self._relink(copies, duplicate.original if duplicate else doc.id, chash, sig)
            if duplicate:
                self._refresh(touched)
                return WriteResult(doc.id, 0, 0, 0, 0, duplicate.original, released)
            self.db.executemany("INSERT INTO doc_bands (band, doc_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                                [(b, doc.id) for b in dedup.bands(sig)])
            new = merged = contra = 0
            for ev in events:
                ev = ev if ev.id else ev.with_id()
                feat = merge.features_of(ev, doc.published)
                cands = self._candidates(feat)
                i = merge.best_match(feat, [c for _, c in cands])
                if i is None:
                    event_id = "ev-" + ev.id
                    if self.db.scalar("SELECT id FROM events WHERE id = ?", (event_id,)):
                        event_id = "ev-" + ev.id + "-" + doc.id[-6:]
                    self._insert_event(event_id, ev, feat, pipeline_version)
                    new += 1
                else:
                    event_id = cands[i][0]
                    self._absorb(event_id, cands[i][1], feat, ev)
                    merged += 1
                n = self.db.execute(
                    "INSERT INTO mentions (" + ", ".join(_MENTION_COLS) + ") VALUES ("
                    + ", ".join("?" * len(_MENTION_COLS)) + ") ON CONFLICT (id) DO NOTHING",
                    _mention_row(ev, event_id, pipeline_version))
                if not n and i is None:  # an identical mention within the document: drop the event again
                    self.db.execute("DELETE FROM events WHERE id = ?", (event_id,))
                    new -= 1
                    continue
                touched.add(event_id)
                for other_id, other in cands:
                    if other_id != event_id and merge.contradicts(feat, other):
                        contra += self._flag(event_id, other_id)
            self._refresh(touched)
        return WriteResult(doc.id, len(events), new, merged, contra, released=released)

    def _relink(self, copies: list[dict[str, Any]], original: str, chash: str, sig: tuple[int, ...]) -> tuple[str, ...]:
        """Re-link a replaced document's copies to its new text, or release them for extraction."""
        released = []
        for c in copies:
            match = dedup.compare(c["content_hash"], dedup.decode(c["minhash"]), chash, sig)
            if match is not None:
                self.db.execute("UPDATE documents SET duplicate_of = ?, duplicate_kind = ?, similarity = ? "
                                "WHERE id = ?", (original, match[0], match[1], c["id"]))
            else:
                self.db.execute("UPDATE documents SET duplicate_of = NULL, duplicate_kind = NULL, similarity = NULL, "
                                "pipeline_version = NULL WHERE id = ?", (c["id"],))
                self.db.executemany("INSERT INTO doc_bands (band, doc_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                                    [(b, c["id"]) for b in dedup.bands(dedup.decode(c["minhash"]))])
                released.append(c["id"])
        return tuple(released)

    def _remove_document(self, doc_id: str) -> set[str]:
        """Delete a document, its mentions and bands; return the events to recompute."""
        touched = {r["event_id"] for r in self.db.query("SELECT DISTINCT event_id FROM mentions WHERE doc_id = ?",
                                                        (doc_id,))}
        self.db.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM doc_bands WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        return touched

    def _candidates(self, f: merge.Features) -> list[tuple[str, merge.Features]]:
        """Stored events of the same type whose time window can overlap `f`'s."""
        sql = "SELECT * FROM events WHERE type = ?"
        params: list[Any] = [f.type]
        if f.start is not None:
            lo = date.fromordinal(f.start.toordinal() - merge.MAX_SPAN)
            hi = date.fromordinal((f.end or f.start).toordinal() + merge.MAX_SPAN)
            sql += " AND (time_start IS NULL OR (time_start <= ? AND time_end >= ?))"
            params += [hi.isoformat(), lo.isoformat()]
        return [(r["id"], _event_features(r)) for r in self.db.query(sql, params)]

    def _insert_event(self, event_id: str, ev: Event, f: merge.Features, version: str) -> None:
        from ..ontology import Ontology

        quad = Ontology.default().quad(ev.plover_type or ev.type)
        row = {
            "id": event_id, "type": ev.type, "mode": ev.mode, "cameo": ev.cameo,
            "plover_type": ev.plover_type or ev.type, "modality": ev.modality, "quad": quad,
            "goldstein": ev.goldstein, **_party_cols("actor", ev.actor), **_party_cols("target", ev.target),
            "location_name": ev.location.name if ev.location else None,
            "location_country": ev.location.country if ev.location else None,
            "lat": ev.location.lat if ev.location else None, "lon": ev.location.lon if ev.location else None,
            "time_start": _iso(f.start), "time_end": _iso(f.end or f.start), "time_slack": f.slack,
            "trigger": ev.evidence.trigger, "triggers": " ".join(sorted(f.triggers)),
            "evidence": ev.evidence.sentence, "doc_id": ev.doc_id, "representative": ev.id,
            "confidence": ev.confidence, "pipeline_version": version, "updated_at": _now(),
        }
        self.db.execute(f"INSERT INTO events ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                        list(row.values()))

    def _absorb(self, event_id: str, event: merge.Features, f: merge.Features, ev: Event) -> None:
        joined = merge.absorb(event, f)
        sets = {"time_start": _iso(joined.start), "time_end": _iso(joined.end or joined.start),
                "time_slack": joined.slack,
                "triggers": " ".join(sorted(joined.triggers)), "updated_at": _now()}
        if event.actor is None and ev.actor is not None:
            sets.update(_party_cols("actor", ev.actor))
        if event.target is None and ev.target is not None:
            sets.update(_party_cols("target", ev.target))
        self.db.execute(f"UPDATE events SET {', '.join(k + ' = ?' for k in sets)} WHERE id = ?",
                        [*sets.values(), event_id])

    def _flag(self, a: str, b: str) -> int:
        n = 0
        for x, y in ((a, b), (b, a)):
            n += self.db.execute("INSERT INTO contradictions (event_id, other_id) VALUES (?, ?) "
                                 "ON CONFLICT DO NOTHING", (x, y))
        self.db.execute("UPDATE events SET contradicted = 1 WHERE id IN (?, ?)", (a, b))
        return 1 if n else 0

    def _refresh(self, event_ids: set[str]) -> None:
        """Recompute counts, first/last seen and the representative of these events."""
        for eid in sorted(event_ids):
            rows = self.db.query(
                "SELECT m.id, m.doc_id, m.confidence, d.source, d.published FROM mentions m "
                "JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ? ORDER BY d.published, m.id", (eid,))
            if not rows:
                self.db.execute("DELETE FROM contradictions WHERE event_id = ? OR other_id = ?", (eid, eid))
                self.db.execute("DELETE FROM events WHERE id = ?", (eid,))
                continue
            docs = {r["doc_id"] for r in rows}
            sources = {r["source"] for r in rows if r["source"]}
            indep = {r["source"] or "doc:" + r["doc_id"] for r in rows}
            seen = sorted(r["published"] for r in rows if r["published"])
            self.db.execute(
                "UPDATE events SET n_mentions = ?, n_documents = ?, n_sources = ?, corroboration = ?, "
                "first_seen = ?, last_seen = ?, confidence = ? WHERE id = ?",
                (len(rows), len(docs), len(sources), len(indep), seen[0] if seen else None,
                 seen[-1] if seen else None, max(r["confidence"] or 0 for r in rows), eid))

    # ------------------------------------------------------------------ re-merge

    def remerge(self) -> dict[str, int]:
        """Rebuild every event from the stored mentions with the current merge rule (no
        re-extraction): mentions in publication order, greedy assignment as on ingest."""
        rows = self.db.query(
            "SELECT m.*, d.published AS doc_published FROM mentions m JOIN documents d ON d.id = m.doc_id "
            "ORDER BY d.published, d.ingested_at, m.doc_id, m.evidence_start, m.id")
        feats = [_mention_features(r) for r in rows]
        clusters = merge.cluster_mentions(feats)
        by_id = {r["id"]: r for r in rows}
        with self.db.transaction():
            self.db.write_lock()
            old = {r["id"] for r in self.db.query("SELECT id FROM events")}
            self.db.execute("DELETE FROM contradictions")
            self.db.execute("UPDATE events SET contradicted = 0")
            new_ids: list[tuple[str, merge.Features]] = []
            fmap = {f.key: f for f in feats}
            for members in clusters:
                first = by_id[members[0]]
                eid = "ev-" + first["id"]
                joined = fmap[members[0]]
                for k in members[1:]:
                    joined = merge.absorb(joined, fmap[k])
                row = _event_row_from_mention(first, joined)
                row["id"] = eid
                if eid in old:
                    sets = {k: v for k, v in row.items() if k != "id"}
                    self.db.execute(f"UPDATE events SET {', '.join(k + ' = ?' for k in sets)} WHERE id = ?",
                                    [*sets.values(), eid])
                else:
                    self.db.execute(f"INSERT INTO events ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                                    list(row.values()))
                self.db.executemany("UPDATE mentions SET event_id = ? WHERE id = ?", [(eid, k) for k in members])
                new_ids.append((eid, dataclasses.replace(joined, key=eid, doc=first["doc_id"])))
            keep = {e for e, _ in new_ids}
            self.db.executemany("DELETE FROM events WHERE id = ?", [(e,) for e in old - keep])
            flagged = 0
            negs = [(e, f) for e, f in new_ids if f.modality == "negated"]
            for e, f in negs:
                for o, g in new_ids:
                    if g.modality != "negated" and merge.contradicts(f, g):
                        flagged += self._flag(e, o)
            self._refresh(keep)
        return {"mentions": len(rows), "events": len(clusters), "contradictions": flagged}

    # ------------------------------------------------------------------ stats

    def stats(self) -> dict[str, Any]:
        q = self.db.scalar
        n_docs = q("SELECT COUNT(*) AS n FROM documents")
        dups = q("SELECT COUNT(*) AS n FROM documents WHERE duplicate_of IS NOT NULL")
        events = q("SELECT COUNT(*) AS n FROM events")
        mentions = q("SELECT COUNT(*) AS n FROM mentions")
        dist = {str(r["n_documents"]): r["k"] for r in self.db.query(
            "SELECT n_documents, COUNT(*) AS k FROM events GROUP BY n_documents ORDER BY n_documents")}
        return {
            "documents": n_docs, "duplicates": dups,
            "exact_duplicates": q("SELECT COUNT(*) AS n FROM documents WHERE duplicate_of IS NOT NULL "
                                  "AND duplicate_kind = 'exact'"),
            "near_duplicates": q("SELECT COUNT(*) AS n FROM documents WHERE duplicate_of IS NOT NULL "
                                 "AND duplicate_kind = 'near'"),
            "awaiting_extraction": q("SELECT COUNT(*) AS n FROM documents WHERE pipeline_version IS NULL "
                                     "AND duplicate_of IS NULL"),
            "events": events, "mentions": mentions,
            "merged_events": q("SELECT COUNT(*) AS n FROM events WHERE n_documents > 1"),
            "contradicted_events": q("SELECT COUNT(*) AS n FROM events WHERE contradicted = 1"),
            "events_by_documents": dist,
            "first_published": q("SELECT MIN(published) AS d FROM documents"),
            "last_published": q("SELECT MAX(published) AS d FROM documents"),
            "pipeline_versions": sorted(r["v"] for r in self.db.query(
                "SELECT DISTINCT pipeline_version AS v FROM mentions")),
            "schema_version": q("SELECT MAX(version) AS v FROM schema_version"),
            "backend": self.db.dialect,
        }


def _party_cols(prefix: str, p) -> dict[str, Any]:
    return {f"{prefix}_{c}": (getattr(p, c) if p else None) for c in EVENT_PARTY_COLS}


def _event_features(r: dict[str, Any]) -> merge.Features:
    return merge.Features(
        key=r["id"], type=r["type"], modality=r["modality"],
        actor=merge.party_key(r["actor_country"], r["actor_sector"], r["actor_name"] or r["actor_text"]),
        target=merge.party_key(r["target_country"], r["target_sector"], r["target_name"] or r["target_text"]),
        start=_date(r["time_start"]), end=_date(r["time_end"]), slack=r.get("time_slack") or 1,
        location=r["location_country"], triggers=frozenset((r["triggers"] or "").split()),
        words=merge.content_words(r["evidence"] or ""), doc=r["doc_id"])


_MENTION_COLS = (
    "id", "event_id", "doc_id", "type", "mode", "cameo", "plover_type", "modality", "condition",
    *(f"{p}_{c}" for p in ("actor", "target", "speaker") for c in EVENT_PARTY_COLS),
    "channel", "cue", "time_text", "time_start", "time_end", "time_precision", "time_anchor",
    "location_text", "location_name", "location_country", "lat", "lon", "contexts", "quantities",
    "sentence", "evidence_start", "evidence_end", "trigger", "trigger_start", "trigger_end",
    "confidence", "goldstein", "rule", "pipeline_version", "json",
)


def _mention_row(ev: Event, event_id: str, version: str) -> list[Any]:
    d = ev.to_dict()
    d["pipeline_version"] = version
    a = ev.attribution
    t, loc, e = ev.time, ev.location, ev.evidence
    row = {
        "id": ev.id, "event_id": event_id, "doc_id": ev.doc_id, "type": ev.type, "mode": ev.mode,
        "cameo": ev.cameo, "plover_type": ev.plover_type or ev.type, "modality": ev.modality,
        "condition": ev.condition, **_party_cols("actor", ev.actor), **_party_cols("target", ev.target),
        **_party_cols("speaker", a.speaker if a else None),
        "channel": json.dumps(list(a.channel), ensure_ascii=False) if a else "[]", "cue": a.cue if a else None,
        "time_text": t.text if t else None, "time_start": _iso(t.start) if t else None,
        "time_end": _iso(t.end) if t else None, "time_precision": t.precision if t else None,
        "time_anchor": t.anchor if t else None,
        "location_text": loc.text if loc else None, "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None, "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "contexts": json.dumps(list(ev.contexts)), "quantities": json.dumps(d["quantities"], ensure_ascii=False),
        "sentence": e.sentence, "evidence_start": e.start, "evidence_end": e.end, "trigger": e.trigger,
        "trigger_start": e.trigger_start, "trigger_end": e.trigger_end, "confidence": ev.confidence,
        "goldstein": ev.goldstein, "rule": ev.rule, "pipeline_version": version,
        "json": json.dumps(d, ensure_ascii=False),
    }
    return [row[c] for c in _MENTION_COLS]


def _mention_features(r: dict[str, Any]) -> merge.Features:
    start = _date(r["time_start"]) or _date(r["doc_published"])
    end = _date(r["time_end"]) or start
    slack = 1 if r["time_start"] and r["time_anchor"] != "published" else 3
    trig = frozenset(merge.stem(w) for w in (r["trigger"] or "").split() if w.lower() not in merge.STOP)
    return merge.Features(
        key=r["id"], type=r["type"], modality=r["modality"],
        actor=merge.party_key(r["actor_country"], r["actor_sector"], r["actor_name"] or r["actor_text"]),
        target=merge.party_key(r["target_country"], r["target_sector"], r["target_name"] or r["target_text"]),
        start=start, end=end, slack=slack, location=r["location_country"], triggers=trig,
        words=merge.content_words(r["sentence"] or ""), doc=r["doc_id"])


def _event_row_from_mention(m: dict[str, Any], f: merge.Features) -> dict[str, Any]:
    from ..ontology import Ontology

    quad = Ontology.default().quad(m["plover_type"] or m["type"])
    row = {k: m[k] for k in ("type", "mode", "cameo", "plover_type", "modality", "goldstein", "location_name",
                             "location_country", "lat", "lon", "trigger", "doc_id", "confidence", "pipeline_version")}
    for p in ("actor", "target"):
        for c in EVENT_PARTY_COLS:
            row[f"{p}_{c}"] = m[f"{p}_{c}"]
    row.update({"quad": quad, "time_start": _iso(f.start), "time_end": _iso(f.end or f.start), "time_slack": f.slack,
                "triggers": " ".join(sorted(f.triggers)), "evidence": m["sentence"], "representative": m["id"],
                "updated_at": _now()})
    return row
