"""The event extractor: ParsedDoc -> Events, by running the declared stages (`registry.py`) in order."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..models import Event, ParsedDoc
from ..normalize.actors import ActorResolver
from ..normalize.places import Gazetteer
from .candidate import EventCandidate
from .context import DocContext, Resources
from .cues import Cues
from .lexicon import Lexicon
from .registry import DEFAULT_STAGES, specs, stages_version
from .stages.output import to_event


class EventExtractor:
    """Runs the configured stages: sentence stages per sentence, then document stages."""

    name = "tacitus.extract.events.v1"

    def __init__(self, lexicon: Lexicon | None = None, cues: Cues | None = None,
                 resolver: ActorResolver | None = None, gazetteer: Gazetteer | None = None,
                 use_type_model: bool = True, stages: Sequence[str] | None = None):
        self.res = Resources.load(lexicon, cues, resolver, gazetteer)
        names = tuple(stages) if stages is not None else DEFAULT_STAGES
        if not use_type_model:
            names = tuple(n for n in names if n != "typemodel")
        self.stage_names = names
        self.specs = specs(names)
        self.version = stages_version(names)
        built = [(s, s.factory(self.res)) for s in self.specs]
        self.sentence_stages = [(s, f) for s, f in built if s.scope == "sentence"]
        self.document_stages = [(s, f) for s, f in built if s.scope == "document"]

    # Kept for callers that read these from the extractor.
    @property
    def lexicon(self) -> Lexicon:
        return self.res.lexicon

    @property
    def cues(self) -> Cues:
        return self.res.cues

    @property
    def resolver(self) -> ActorResolver:
        return self.res.resolver

    def context(self, doc: ParsedDoc, published: date | None = None) -> DocContext:
        """A fresh document context (memory, quotes, time resolver) for one parse."""
        return DocContext(self.res, doc, published or doc.doc.published)

    def candidates(self, doc: ParsedDoc, published: date | None = None) -> list[EventCandidate]:
        """Every candidate the sentence stages leave, dropped ones included (for diagnostics)."""
        return self._run(self.context(doc, published))[1]

    def __call__(self, doc: ParsedDoc, published: date | None = None) -> list[Event]:
        return self._run(self.context(doc, published))[0]

    def _run(self, ctx: DocContext) -> tuple[list[Event], list[EventCandidate]]:
        events: list[Event] = []
        seen: list[EventCandidate] = []
        for si, sent in enumerate(ctx.doc.sentences):
            ctx.state_before = ctx.memory.last_state
            ctx.remember_entities(sent)
            cands: list[EventCandidate] = []
            for _spec, fn in self.sentence_stages:
                cands = fn(ctx, sent, si, cands)
                if not cands:
                    break
            seen.extend(cands)
            events.extend(to_event(ctx, c) for c in cands if not c.dropped)
            ctx.remember_speaker(sent)
            ctx.remember_subjects(sent)
        for _spec, fn in self.document_stages:
            events = fn(ctx, events)
        return events, seen
