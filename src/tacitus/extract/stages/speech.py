"""Stages `modality` and `attribution`: how the text holds each event, and who says so."""
from __future__ import annotations

from ...models import Sentence
from .. import syntax as sx
from ..attribution import RawAttribution, attribute
from ..candidate import EventCandidate, each
from ..context import DocContext, Resources
from ..modality import decide
from ..registry import stage


@stage("modality", version=6, needs=("trigger",), adds=("modality", "condition"))
class ModalityStage:
    """Fold the cues that govern the trigger (negation, commitment, hedge, condition) into a modality; a
    speech act done in the saying ("I would like to thank") is asserted, and so is what a past implicative
    verb let happen ("allowed Ukraine to strike") and what "not only" or "not just" qualifies; an adjective on an
    event noun makes it possible ("probable negotiations") or planned ("the planned visit"); a verb of comment
    does not negate the definite event it judges ("refused to condemn Russia's invasion")."""

    def __init__(self, res: Resources):
        self.cues = res.cues

    def __call__(self, ctx: DocContext, sent: Sentence, si: int, cands: list[EventCandidate]) -> list[EventCandidate]:
        return each(cands, lambda c: c.with_(modality=decide(ctx.doc, c.token, self.cues)))


@stage("attribution", version=1, needs=("modality",), adds=("attribution",))
class AttributionStage:
    """Speaker, channel and cue: the reporting verb above the event, the quotation it sits in, or the
    subject of the stance predicate that holds it."""

    def __init__(self, res: Resources):
        self.cues = res.cues

    def __call__(self, ctx: DocContext, sent: Sentence, si: int, cands: list[EventCandidate]) -> list[EventCandidate]:
        return each(cands, lambda c: self.one(ctx, c))

    def one(self, ctx: DocContext, c: EventCandidate) -> EventCandidate:
        doc, t, mod = ctx.doc, c.token, c.modality
        assert mod is not None
        # Reporting acts that are events themselves ("warned", "accused") are not their own content.
        reporting = mod.reporting if mod.reporting is None or mod.reporting.i != t.i else None
        raw = attribute(doc, t, reporting, self.cues)
        if raw is None:
            raw = ctx.quote_attribution(t)
        if raw is None and mod.holder is not None and mod.holder.i != t.i:
            # The subject of "did not rule out", "is considering", "refused" holds the stance on the
            # embedded event when the event has an actor of its own ("Macron did not rule out that
            # NATO would deploy"); with no own subject the holder is the actor, not a speaker.
            if sx.child(doc, t, "nsubj", "nsubjpass") is not None:
                cue = mod.holder
                prt = sx.child(doc, cue, "prt")
                raw = RawAttribution(sx.child(doc, cue, "nsubj"), (), cue,
                                     doc.doc.text[cue.idx:(prt.end if prt else cue.end)])
        return c.with_(raw_attribution=raw, attribution=ctx.attribution(raw, t))
