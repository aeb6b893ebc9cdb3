"""Response models: they document the API in OpenAPI and FastAPI checks every answer against
them. Fields follow docs/events.md and docs/store.md; unknown extra fields pass through
(`extra="allow"`) so a newer event contract does not break the server."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Party(Open):
    text: str | None = None
    name: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 or organisation code")
    sector: str | None = Field(None, description="CAMEO-style agent code (GOV, MIL ...)")
    kind: str | None = None


class Attribution(Open):
    speaker: Party | None = None
    channel: list[str] = Field(default_factory=list, description="outlets it came through, nearest first")
    cue: str | None = None


class TimeSpan(Open):
    text: str | None = None
    start: str
    end: str
    precision: str = Field(description="day, week, month or year")
    anchor: str = Field(description="explicit, relative or published")


class Location(Open):
    text: str | None = None
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class Quantity(Open):
    text: str | None = None
    value: float
    unit: str
    kind: str = Field(description="money or count")
    approximate: bool = False
    usd: float | None = None
    confidence: float | None = None


class Evidence(Open):
    sentence: str
    start: int = Field(description="character offset of the sentence in the document text")
    end: int
    trigger: str
    trigger_start: int | None = None
    trigger_end: int | None = None


class ContractEvent(Open):
    """One extracted event (a mention): the contract object of docs/events.md."""

    id: str
    doc_id: str
    type: str
    mode: str | None = None
    cameo: str | None = None
    contexts: list[str] = Field(default_factory=list)
    plover_type: str
    modality: str
    condition: str | None = None
    actor: Party | None = None
    target: Party | None = None
    attribution: Attribution | None = None
    time: TimeSpan | None = None
    location: Location | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    evidence: Evidence
    confidence: float
    rule: str | None = None
    goldstein: float | None = None


class MentionRef(Open):
    """One article reporting the event (its first mention there)."""

    doc_id: str
    mention_id: str
    published: str | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    modality: str
    trigger: str | None = None
    sentence: str
    start: int
    end: int
    speaker: str | None = None
    n: int = Field(description="mentions of the event in that article")


class EventTime(Open):
    start: str | None = None
    end: str | None = None


class Event(ContractEvent):
    """A merged event: the representative mention's fields under the event's id (as
    `tacitus query --format jsonl` prints it)."""

    mention_id: str | None = None
    mentions: list[MentionRef]
    sources: list[str]
    corroboration: int
    n_mentions: int
    first_seen: str | None = None
    last_seen: str | None = None
    event_time: EventTime
    contradicted_by: list[str]
    quad: str | None = None
    pipeline_version: str | None = None


class EventPage(BaseModel):
    total: int = Field(description="events matching the filters")
    count: int = Field(description="events on this page")
    sort: str
    next_cursor: str | None = Field(None, description="pass as `cursor` for the next page; null on the last")
    events: list[Event]


class DocumentRef(Open):
    id: str
    published: str | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None


class Mention(ContractEvent):
    event_id: str = Field(description="the merged event this mention belongs to")
    document: DocumentRef | None = None


class EventSummary(Open):
    id: str
    type: str
    modality: str
    plover_type: str | None = None
    actor_name: str | None = None
    actor_country: str | None = None
    target_name: str | None = None
    target_country: str | None = None
    time_start: str | None = None
    time_end: str | None = None
    first_seen: str | None = None
    trigger: str | None = None
    evidence: str | None = None
    doc_id: str | None = None
    n_documents: int | None = None


class EventDetail(Event):
    all_mentions: list[Mention] = Field(description="every mention in full, with its article")
    contradictions: list[EventSummary] = Field(description="events that contradict this one")
    n_documents: int
    contradicted: bool


class Document(Open):
    id: str
    content_hash: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    n_chars: int
    text: str = Field(description="the text as stored; evidence offsets index into it")
    duplicate_of: str | None = None
    duplicate_kind: str | None = None
    similarity: float | None = None
    n_mentions: int
    pipeline_version: str | None = None
    ingested_at: str | None = None
    events: list[Mention] = Field(description="mentions found in this document, in text order")
    duplicates: list[str] = Field(description="ids of documents stored as duplicates of this one")


class Actor(BaseModel):
    code: str
    name: str | None = None
    as_actor: int
    as_target: int
    events: int


class ActorList(BaseModel):
    actors: list[Actor]


class Statement(Open):
    date: str | None = None
    published: str | None = None
    modality: str
    type: str
    trigger: str | None = None
    condition: str | None = None
    speaker: str | None = None
    actor_text: str | None = None
    evidence: str
    doc_id: str
    event_id: str
    source: str | None = None
    title: str | None = None
    url: str | None = None
    mention_id: str | None = None


class ActorStance(Open):
    actor: str
    name: str | None = None
    statements: list[Statement]
    stance: str = Field(description="modality of the latest statement")
    label: str
    modalities: list[str]
    changed: bool


class Stance(Open):
    action: str
    target: str
    matched: dict[str, list[str]]
    n_statements: int
    unresolved_actors: int
    actors: list[ActorStance]


class Bucket(BaseModel):
    start: str = Field(description="first day of the bucket")
    n: int
    counts: dict[str, int] = Field(description="events per PLOVER type")
    goldstein_mean: float | None = None


class Timeline(BaseModel):
    bucket: str
    since: str | None = Field(None, description="first day of the window (since, else the first article)")
    until: str | None = Field(None, description="last day of the window (until, else the last article)")
    types: list[str]
    n_events: int = Field(description="events in the window")
    undated: int
    outside: int = Field(description="events dated outside the window (e.g. history in background sentences)")
    buckets: list[Bucket]


class Place(BaseModel):
    name: str | None = None
    country: str
    lat: float | None = None
    lon: float | None = None
    events: int


class Places(BaseModel):
    places: list[Place]
    countries: dict[str, int]


class Stats(Open):
    documents: int
    duplicates: int
    events: int
    mentions: int
    merged_events: int
    contradicted_events: int
    events_by_documents: dict[str, int]
    first_published: str | None = None
    last_published: str | None = None
    schema_version: int | None = None
    backend: str


class ExtractedDocument(BaseModel):
    id: str
    published: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    n_chars: int
    events: list[ContractEvent]


class Extracted(BaseModel):
    documents: list[ExtractedDocument]
    n_events: int


class ExtractRequest(BaseModel):
    """A document as one JSON object (the fields of a JSONL input line)."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [
        {"text": "Poland is not considering sending troops to Ukraine.", "published": "2024-03-01"}]})
    text: str
    id: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None


class Ingested(Open):
    read: int
    stored: int
    skipped: int
    duplicates: int
    mentions: int
    new_events: int
    merged: int
    contradictions: int
    doc_ids: list[str]
    totals: dict[str, Any]


class Error(BaseModel):
    detail: str
    code: str


class FieldErrorItem(BaseModel):
    loc: list[str | int]
    msg: str
    type: str
    code: str | None = None


class ValidationErrorOut(BaseModel):
    detail: list[FieldErrorItem]
