"""Frozen dataclasses passed between stages: nothing here imports spaCy."""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES = ("asserted", "planned", "possible", "negated", "hypothetical")
PRECISIONS = ("day", "week", "month", "year")
ANCHORS = ("explicit", "relative", "published")
KINDS = ("state", "organization", "person", "group")


def stable_hash(*parts: object, n: int = 16) -> str:
    """Short sha256 over the parts' text, stable across runs and machines."""
    h = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:n]


@dataclass(frozen=True, slots=True)
class Document:
    """One input article; `text` is kept exactly as given so offsets index into it."""

    text: str
    id: str = ""
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    origin: str | None = None  # path or "<stdin>" it came from, for error messages

    def with_id(self) -> "Document":
        """Return the document with a content-hash id when it has none."""
        if self.id:
            return self
        return dataclasses.replace(self, id="sha-" + stable_hash(self.text, n=20))


@dataclass(frozen=True, slots=True)
class Token:
    """A parsed token; `idx` is its character offset in the document text."""

    i: int
    text: str
    idx: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str = ""
    ent_iob: str = "O"
    morph: str = ""
    ws: str = ""

    @property
    def end(self) -> int:
        return self.idx + len(self.text)

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity span in token indices [start, end) with its label."""

    start: int
    end: int
    label: str
    text: str
    start_char: int
    end_char: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as token range [start, end) and character range [start_char, end_char)."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str


@dataclass(frozen=True, slots=True)
class ParsedDoc:
    """The parse of one document, converted from spaCy at the `nlp/` edge."""

    doc: Document
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]

    kids: tuple[tuple[int, ...], ...] = ()  # dependents of each token, left to right
    ent_of: tuple[int, ...] = ()  # index into `entities` for each token, -1 outside entities
    sent_of: tuple[int, ...] = ()  # index into `sentences` for each token, -1 for trimmed whitespace

    @classmethod
    def build(cls, doc: Document, tokens: tuple[Token, ...], sentences: tuple[Sentence, ...],
              entities: tuple[Entity, ...]) -> "ParsedDoc":
        """Assemble a parse and index each token's dependents once."""
        kids: list[list[int]] = [[] for _ in tokens]
        for t in tokens:
            if t.head != t.i:
                kids[t.head].append(t.i)
        ent_of = [-1] * len(tokens)
        for n, e in enumerate(entities):
            for j in range(e.start, e.end):
                ent_of[j] = n
        sent_of = [-1] * len(tokens)
        for n, s in enumerate(sentences):
            for j in range(s.start, s.end):
                sent_of[j] = n
        return cls(doc, tokens, sentences, entities, tuple(tuple(k) for k in kids), tuple(ent_of), tuple(sent_of))

    def children(self, i: int) -> list[Token]:
        """Dependents of token i, left to right."""
        return [self.tokens[j] for j in self.kids[i]]

    def entity_at(self, i: int) -> Entity | None:
        """The entity covering token i, if any."""
        if self.ent_of:
            n = self.ent_of[i]
            return self.entities[n] if n >= 0 else None
        for e in self.entities:
            if e.start <= i < e.end:
                return e
        return None

    def sentence_of(self, i: int) -> Sentence:
        """The sentence holding token i."""
        if self.sent_of and self.sent_of[i] >= 0:
            return self.sentences[self.sent_of[i]]
        for s in self.sentences:
            if s.start <= i < s.end:
                return s
        raise IndexError(i)

    def span_text(self, start: int, end: int) -> str:
        """Document text covered by tokens [start, end)."""
        if start >= end:
            return ""
        return self.doc.text[self.tokens[start].idx:self.tokens[end - 1].end]


@dataclass(frozen=True, slots=True)
class Party:
    """An actor or target: the text span and its normalised identity."""

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    kind: str | None = None
    start: int | None = None  # character offsets in the document, when known
    end: int | None = None
    source: str | None = None  # which dictionary or rule resolved it

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "country": self.country,
                "sector": self.sector, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """A resolved time: inclusive ISO dates with precision and anchor."""

    text: str | None
    start: date
    end: date
    precision: str
    anchor: str
    start_char: int | None = None
    end_char: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "precision": self.precision, "anchor": self.anchor}


@dataclass(frozen=True, slots=True)
class Quantity:
    """Money (ISO 4217 unit, optional USD value) or a count (unit = counted noun)."""

    text: str
    value: float
    unit: str
    kind: str = "money"  # money | count
    approximate: bool = False
    usd: float | None = None
    confidence: float = 1.0
    start_char: int | None = None
    end_char: int | None = None

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        usd = None if self.usd is None else round(self.usd, 2)
        return {"text": self.text, "value": value, "unit": self.unit, "kind": self.kind,
                "approximate": self.approximate, "usd": usd, "confidence": round(self.confidence, 2)}


@dataclass(frozen=True, slots=True)
class Location:
    """A place named for the event, resolved to a country and coordinates."""

    text: str
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # city | country | region | facility

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "country": self.country,
                "lat": self.lat, "lon": self.lon}


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said it (null speaker = the article's own voice), through which outlets, with which cue."""

    speaker: Party | None = None
    channel: tuple[str, ...] = ()
    cue: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker.to_dict() if self.speaker else None,
                "channel": list(self.channel), "cue": self.cue}


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence an event comes from, its offsets in the document, and the trigger."""

    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int | None = None
    trigger_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "start": self.start, "end": self.end,
                "trigger": self.trigger, "trigger_start": self.trigger_start,
                "trigger_end": self.trigger_end}


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event, as the contract's event object."""

    doc_id: str
    type: str
    modality: str
    evidence: Evidence
    mode: str | None = None
    cameo: str | None = None
    contexts: tuple[str, ...] = ()
    plover_type: str | None = None
    condition: str | None = None
    actor: Party | None = None
    target: Party | None = None
    attribution: Attribution | None = None
    time: TimeSpan | None = None
    location: Location | None = None
    quantities: tuple[Quantity, ...] = ()
    confidence: float = 0.5
    rule: str = ""
    goldstein: float | None = None
    id: str = field(default="")

    def with_id(self) -> "Event":
        """Return the event with its stable id (doc + evidence span + trigger + type + actor + target)."""
        a = self.actor.country or self.actor.text if self.actor else ""
        t = self.target.country or self.target.text if self.target else ""
        eid = stable_hash(self.doc_id, self.evidence.start, self.evidence.end,
                          self.evidence.trigger_start, self.type, a, t)
        return dataclasses.replace(self, id=eid)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object (fixed names first, extensions after)."""
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "contexts": list(self.contexts),
            "plover_type": self.plover_type or self.type,
            "modality": self.modality,
            "condition": self.condition,
            "actor": self.actor.to_dict() if self.actor else None,
            "target": self.target.to_dict() if self.target else None,
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "time": self.time.to_dict() if self.time else None,
            "location": self.location.to_dict() if self.location else None,
            "quantities": [q.to_dict() for q in self.quantities],
            "evidence": self.evidence.to_dict(),
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "goldstein": self.goldstein,
        }
