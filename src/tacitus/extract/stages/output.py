"""Stages `scoring` (confidence, then the Event) and `merge` (one event per document and id)."""
from __future__ import annotations

from ...models import Event, Evidence, ParsedDoc, Sentence
from .. import syntax as sx
from ..candidate import EventCandidate, each
from ..context import DocContext, Resources
from ..event_rules import confidence, dedupe, headline
from ..registry import stage

RULE_PREFIX = "tacitus.extract.events.v1"


@stage("scoring", version=1, needs=("pair", "type"), adds=("confidence", "events"))
class ScoringStage:
    """Confidence from what was found and how (dictionary actor, curated sense, verb); headlines lower."""

    def __init__(self, res: Resources):
        pass

    def __call__(self, ctx: DocContext, sent: Sentence, si: int, cands: list[EventCandidate]) -> list[EventCandidate]:
        is_title = headline(sent.text)

        def one(c: EventCandidate) -> EventCandidate:
            mod = c.modality.modality if c.modality else "asserted"
            conf = confidence(c.trigger.sense, c.token, c.actor, c.target, c.how, mod)
            if is_title:
                conf = max(0.05, conf - 0.15)  # headlines and section titles compress and slant
            return c.with_(confidence=conf)
        return each(cands, one)


@stage("merge", version=1, needs=("events",), adds=("merged",), scope="document")
class MergeStage:
    """The same event id twice in a document (same span, trigger, type and parties) is one event."""

    def __init__(self, res: Resources):
        pass

    def __call__(self, ctx: DocContext, events: list[Event]) -> list[Event]:
        return dedupe(events)


def to_event(ctx: DocContext, c: EventCandidate) -> Event:
    """The contract's Event for a finished candidate."""
    doc: ParsedDoc = ctx.doc
    sent = doc.sentences[c.sent]
    t, tr = c.token, c.trigger
    prt = sx.child(doc, t, "prt") if tr.particle else None
    prt_end = prt.end if prt is not None else t.end
    trigger = doc.doc.text[t.idx:prt_end] if tr.particle and prt_end > t.idx else t.text
    evidence = Evidence(sentence=sent.text, start=sent.start_char, end=sent.end_char, trigger=trigger,
                        trigger_start=t.idx, trigger_end=t.end if tr.particle is None else max(t.end, prt_end))
    mod = c.modality
    rule = (f"{RULE_PREFIX}|{tr.sense.source}|arg:{c.how or 'none'}|mod:{('+'.join(mod.cues) if mod else '') or 'default'}"
            + c.typed_by)
    return Event(
        doc_id=doc.doc.id, type=c.type or tr.sense.type, modality=mod.modality if mod else "asserted",
        evidence=evidence, mode=c.mode, cameo=c.cameo, contexts=tr.sense.contexts, plover_type=c.plover_type,
        condition=mod.condition if mod else None, actor=c.actor, target=c.target, attribution=c.attribution,
        time=c.time, location=c.location, quantities=c.quantities, confidence=c.confidence, rule=rule,
        goldstein=ctx.res.ontology.goldstein(c.cameo),
    ).with_id()
