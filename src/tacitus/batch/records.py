"""Rows of the batch output: events in the export's Parquet schema, documents with their events.

An event row is what `tacitus export --format parquet` writes for an event seen in one article
(one mention: n_mentions = n_documents = 1). A document row keeps the article and its events as
contract objects (confidence unrounded), so `tacitus ingest` can store them without extracting
again and get the same store as from the articles themselves.
"""
from __future__ import annotations

import json
from datetime import date
from typing import Any

from ..models import Attribution, Document, Event, Evidence, Location, Party, Quantity, TimeSpan

MONTH_UNKNOWN = "unknown"


def month_of(doc: Document) -> str:
    """The output partition of a document: its publication month (YYYY-MM) or "unknown"."""
    return doc.published.strftime("%Y-%m") if doc.published else MONTH_UNKNOWN


def event_row(ev: Event, doc: Document, version: str) -> dict[str, Any]:
    """One row of the export schema for an event of one document (as the store would hold it)."""
    from ..extract.lexicon import Ontology
    from ..store.merge import features_of

    f = features_of(ev, doc.published)  # the store's event time: the publication date when none
    a, t, loc = ev.actor, ev.target, ev.location
    row = {
        "id": ev.id, "type": ev.type, "mode": ev.mode, "cameo": ev.cameo,
        "plover_type": ev.plover_type or ev.type, "modality": ev.modality,
        "quad": Ontology.default().quad(ev.plover_type or ev.type), "goldstein": ev.goldstein,
        **_party("actor", a), **_party("target", t),
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "time_start": f.start, "time_end": f.end or f.start,
        "first_seen": doc.published, "last_seen": doc.published,
        "n_mentions": 1, "n_documents": 1, "n_sources": 1 if doc.source else 0, "corroboration": 1,
        "contradicted": 0, "trigger": ev.evidence.trigger, "evidence": ev.evidence.sentence,
        "doc_id": ev.doc_id, "representative": ev.id, "confidence": ev.confidence,
        "pipeline_version": version, "sources": [doc.source] if doc.source else [], "doc_ids": [ev.doc_id],
    }
    return row


def _party(prefix: str, p: Party | None) -> dict[str, Any]:
    return {f"{prefix}_{c}": getattr(p, c) if p else None for c in ("name", "country", "sector", "kind")}


def document_row(doc: Document, events: list[Event], pos: int) -> dict[str, Any]:
    """One document row: the article's fields, its position in its chunk, its events as JSON."""
    objs = []
    for ev in events:
        d = ev.to_dict()
        d["confidence"] = ev.confidence  # unrounded, so the store gets exactly what extraction gave
        objs.append(d)
    return {"id": doc.id, "published": doc.published, "title": doc.title, "url": doc.url,
            "source": doc.source, "language": doc.language, "origin": doc.origin, "text": doc.text,
            "chunk_pos": pos, "n_events": len(events), "events": json.dumps(objs, ensure_ascii=False)}


def documents_schema():
    """Arrow schema of the documents files."""
    import pyarrow as pa

    s = pa.string()
    return pa.schema([("id", s), ("published", pa.date32()), ("title", s), ("url", s), ("source", s),
                      ("language", s), ("origin", s), ("text", s), ("chunk_pos", pa.int32()),
                      ("n_events", pa.int32()), ("events", s)])


def document_from_row(r: dict[str, Any]) -> tuple[Document, list[Event]]:
    """The document and its events back from a documents row."""
    doc = Document(text=r["text"], id=r["id"], published=r["published"], title=r["title"], url=r["url"],
                   source=r["source"], language=r["language"], origin=r["origin"])
    return doc, [event_from_dict(d) for d in json.loads(r["events"])]


def event_from_dict(d: dict[str, Any]) -> Event:
    """An Event from its contract object (inverse of `Event.to_dict` for every field it keeps)."""
    e = d["evidence"]
    at = d.get("attribution")
    t = d.get("time")
    loc = d.get("location")
    return Event(
        doc_id=d["doc_id"], type=d["type"], modality=d["modality"],
        evidence=Evidence(e["sentence"], e["start"], e["end"], e["trigger"], e.get("trigger_start"),
                          e.get("trigger_end")),
        mode=d.get("mode"), cameo=d.get("cameo"), contexts=tuple(d.get("contexts") or ()),
        plover_type=d.get("plover_type"), condition=d.get("condition"),
        actor=_party_from(d.get("actor")), target=_party_from(d.get("target")),
        attribution=Attribution(speaker=_party_from(at.get("speaker")), channel=tuple(at.get("channel") or ()),
                                cue=at.get("cue")) if at else None,
        time=TimeSpan(t["text"], date.fromisoformat(t["start"]), date.fromisoformat(t["end"]), t["precision"],
                      t["anchor"]) if t else None,
        location=Location(loc["text"], loc.get("name"), loc.get("country"), loc.get("lat"), loc.get("lon"))
        if loc else None,
        quantities=tuple(Quantity(q["text"], q["value"], q["unit"], q.get("kind", "money"),
                                  q.get("approximate", False), q.get("usd"), q.get("confidence", 1.0))
                         for q in d.get("quantities") or ()),
        confidence=d["confidence"], rule=d.get("rule", ""), goldstein=d.get("goldstein"), id=d["id"])


def _party_from(p: dict[str, Any] | None) -> Party | None:
    if not p:
        return None
    return Party(text=p["text"], name=p.get("name"), country=p.get("country"), sector=p.get("sector"),
                 kind=p.get("kind"))
