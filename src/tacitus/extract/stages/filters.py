"""Stage `filter`: candidates that are not data an analyst can use are dropped, with the reason kept."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ...models import ParsedDoc, Sentence, Token
from ..candidate import EventCandidate, each
from ..context import DocContext, Resources
from ..event_rules import SECOND_PERSON, headline
from ..eventmodel import EventModel, repeat_key
from ..rules import Rules
from ..registry import stage
from ..topicmodel import TopicModel


# Finite verb tags: a title line with none of them names a topic, not an event.
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def why_not(c: EventCandidate, rules: Rules, sent_tokens: Sequence[Token] | None = None,
            sent_text: str | None = None, doc: ParsedDoc | None = None) -> str | None:
    """The rule that rejects a candidate, or None to keep it (the sentence, when given, for title lines; the
    parse, when given, for what a verb governs)."""
    no_actor = not any(a is not None for a in c.actors)
    if no_actor and not c.targets:
        return "nobody"  # an event with nobody attached to it is not data an analyst can use
    if no_actor and c.trigger.sense.type not in rules.actor_optional_types:
        return "no-actor"  # aid, talks or sanctions from nobody named cannot be kept; violence can (victims)
    if c.actor_token is not None and c.actor_token.lemma.lower() in rules.document_nouns:
        return "document-as-actor"  # "this agreement provides ...": a text is nobody's actor (guideline 4)
    if sent_text is not None and sent_tokens is not None and headline(sent_text) and \
            not any(t.tag in FINITE for t in sent_tokens):
        return "verbless-title"  # "NATO sending soldiers to Ukraine" as a section title is a topic
    if c.how == "demand":
        asker = next((a for a in c.actors if a is not None and a.country), None)
        asked = [p for p in c.targets if p.country]
        if asker is None or not asked or any(p.country == asker.country for p in asked):
            return "demand-without-other"  # nobody asks or is asked, or one's own side: resolve, not a request
    if doc is not None and c.token.lemma.lower() in rules.prediction_verbs and not c.targets and \
            any(k.dep == "ccomp" for k in doc.children(c.token.i)):
        return "prediction"  # "economists warned prices could fall": nobody is threatened
    if c.token.lemma.lower() in rules.descriptive_participles and c.token.dep in {"acl", "amod"} and \
            c.token.tag == "VBN":
        return "description"  # "Kurdish militias backed by the US-led coalition": who they are, not an act
    if c.actor_token is not None and c.actor_token.lower in SECOND_PERSON:
        return "second-person"  # "you agree to our Terms of Service": site boilerplate addresses the reader
    t = c.token
    if t.pos == "NOUN" and t.lemma.lower() in rules.war_state_nouns and c.modality is not None \
            and c.modality.modality == "asserted" and c.time is None \
            and not any(a is not None and a.country for a in c.actors):
        # A standing state of conflict, asserted, undated and with no named party, is background ("two
        # years into the war"), not an event; named with its actor ("Russia's invasion") it is the
        # article's one record of the ongoing war, which the merge stage keeps once.
        return "war-state-noun"
    return None


@stage("filter", version=7, needs=("parties", "modality", "time"), adds=("filtered",))
class FilterStage:
    """Drop candidates with nobody attached, no actor (but for violence and repression), a text as actor, on a
    title line without a finite verb, addressed to the reader, demands with no other side, warnings that only
    predict (nobody warned, a that-clause), a participle describing a noun ("Turkish-backed rebels"), or
    naming a standing state of war."""

    def __init__(self, res: Resources):
        self.rules = res.rules

    def __call__(self, ctx: DocContext, sent: Sentence, si: int, cands: list[EventCandidate]) -> list[EventCandidate]:
        toks = ctx.doc.tokens[sent.start:sent.end]

        def one(c: EventCandidate) -> EventCandidate:
            reason = why_not(c, self.rules, toks, sent.text, ctx.doc)
            return c.with_(dropped=reason) if reason else c
        return each(cands, one)


@stage("softnews", version=2, needs=("parties",), adds=("topic",))
class SoftNewsStage:
    """In a sports report (the learned topic model, extract/topicmodel.py) drop every candidate but the acts
    of a state body named as such (a government's ban, a prosecutor's charge; not a pronoun or a bare name):
    matches, transfers and a league's discipline are not events (guideline §6 case 16)."""

    def __init__(self, res: Resources, model: TopicModel | None = None):
        self.model = model or TopicModel.default()
        self.kept = res.rules.sport_state_bodies

    def __call__(self, ctx: DocContext, sent: Sentence, si: int, cands: list[EventCandidate]) -> list[EventCandidate]:
        sport = ctx.cache.get("softnews.sport")
        if sport is None:
            sport = ctx.cache["softnews.sport"] = self.model.is_sport(ctx.doc.doc.text)
        if not sport:
            return cands

        def one(c: EventCandidate) -> EventCandidate:
            # named as such ("Greek prosecutors", "the Greek authorities"): in sport a pronoun, a bare name, a
            # "chief executive", a "captain" or a "defender" is no state body
            state_body = any(a is not None and a.country and self.kept & set(a.text.lower().split())
                             for a in c.actors)
            return c if state_body else c.with_(dropped="sport")
        return each(cands, one)


@stage("eventfilter", version=3, needs=("pair", "type", "confidence"), adds=("confidence",))
class EventFilterStage:
    """The learned filter (extract/eventmodel.py): its probability that the candidate is an event an
    analyst would record becomes the confidence, and candidates below the model's threshold are dropped."""

    def __init__(self, res: Resources, model: EventModel | None = None):
        self.model = model or EventModel.default()

    def __call__(self, ctx: DocContext, sent: Sentence, si: int, cands: list[EventCandidate]) -> list[EventCandidate]:
        if self.model is None:
            return cands
        model = self.model

        seen = ctx.cache.setdefault("eventfilter.repeats", Counter())

        def one(c: EventCandidate) -> EventCandidate:
            key = repeat_key(c)
            p = model.proba(ctx.doc, c, seen[key])
            seen[key] += 1
            keep = p >= model.threshold
            # The rules' discount for titles and section heads stays on top of the model's probability.
            conf = max(0.05, p - 0.15) if headline(sent.text) else p
            return c.with_(confidence=conf, dropped=None if keep else "eventfilter")
        return each(cands, one)
