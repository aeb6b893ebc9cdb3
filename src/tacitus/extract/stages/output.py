"""Stages `scoring` (confidence, then the Event) and `merge` (one event per document and id)."""
from __future__ import annotations

import dataclasses

from ...models import Event, Evidence, ParsedDoc, Party, Sentence
from .. import syntax as sx
from ..candidate import EventCandidate, each
from ..context import DocContext, Resources
from ..event_rules import confidence, dedupe, headline
from ..registry import stage
from ..rules import War

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


@stage("merge", version=7, needs=("events",), adds=("merged",), scope="document")
class MergeStage:
    """One real event is one row per article: mentions of the same event (same type, modality, coded actor,
    target words, time, place, condition and amounts) in several sentences become one, represented by the
    most informative mention (a named target, a body sentence rather than a title, amounts, a named source,
    higher confidence); an ongoing war named with its actor is one record, with the attacked state as target;
    an attack by one side of an ongoing war the article names, with no target, is on the other side; an attack
    on its attacked side by nobody named is its actor's (not in the actor's own state media); aid by a state
    outside the war and its actor's allies, to nobody named, goes to the attacked side."""

    def __init__(self, res: Resources):
        self.war_nouns = res.rules.war_state_nouns
        self.wars = res.rules.ongoing_wars
        self.attack_types = res.rules.war_attack_types
        self.aid_types = res.rules.war_aid_types

    def __call__(self, ctx: DocContext, events: list[Event]) -> list[Event]:
        events = self.one_war_record(dedupe(events), ctx)
        groups: dict[tuple, list[int]] = {}
        order: list[tuple] = []
        for n, e in enumerate(events):
            if e.actor is None or not e.actor.country:
                key: tuple = ("single", n)
            else:
                # Only the same act merges ("send" ... "sending"), never two acts of one type and dyad
                # ("open to sending troops" and "willing to train soldiers").
                key = _signature(e) + (_words(e.target), _stem(e.evidence.trigger))
            if key not in groups:
                groups[key] = []
                order.append(key)
            groups[key].append(n)
        # A mention without a target joins the one group of the same event that names one, when it is
        # the same act ("sending" ... "send"), not another act of the same type ("train" vs "send").
        for key in list(order):
            if key[0] != "single" and key[-2] is None:
                full = [k for k in order if k[0] != "single" and k[-2] is not None and k[:-2] == key[:-2]
                        and k[-1] == key[-1]]
                if len(full) == 1:
                    groups[full[0]] += groups.pop(key)
                    order.remove(key)
        keep = sorted(max(groups[k], key=lambda n: _richness(events[n])) for k in order)
        return [events[n] for n in keep]


    def one_war_record(self, events: list[Event], ctx: DocContext | None = None) -> list[Event]:
        """An ongoing war named with its actor ("Russia's invasion", "the aggression Russia is waging") is
        one record per article and actor, whatever its wording: the asserted, undated mention naming the
        target if one does, else the first; a known war gives it its target (rules.yaml `ongoing_wars`, `_attacked`)."""
        records: dict[str, list[int]] = {}
        named_wars = self._wars_named(ctx)  # once per article: each lookup below reads this list, not the text
        for n, e in enumerate(events):
            word = e.evidence.trigger.lower()
            if e.type == "ASSAULT" and e.modality == "asserted" and e.actor is not None and e.actor.country \
                    and (word in self.war_nouns or word.rstrip("s") in self.war_nouns):
                actor = e.actor.country
                war = _war(named_wars, actor)
                # Undated, or dated within the war's current phase ("Russia's invasion began in February").
                if e.time is None or e.time.anchor == "published" or (war is not None and e.time.end >= war.since):
                    records.setdefault(actor, []).append(n)
        drop: set[int] = set()
        for actor, ns in records.items():
            # The war runs to the publication day: an undated mention stands for it better than its start.
            ns = sorted(ns, key=lambda n: (events[n].time is not None and events[n].time.anchor != "published", n))
            by_target: dict[str | None, int] = {}
            for n in ns:
                by_target.setdefault(events[n].target.country if events[n].target is not None else None, n)
            named = [n for t, n in by_target.items() if t is not None]
            keep = set(named) if named else {ns[0]}
            drop.update(n for n in ns if n not in keep)
        # The kept record, like any attack by a side of the war with no target, is on the other side.
        return [self._war_sides(self._attacked(e, named_wars), ctx, named_wars)
                for n, e in enumerate(events) if n not in drop]

    def _war_sides(self, e: Event, ctx: DocContext | None, named_wars: list[War]) -> Event:
        """In an article naming an ongoing war: an attack on its attacked side by nobody named is the war's
        actor's ("the shelling of Kharkiv"); aid by a state outside the war and its actor's allies, to nobody
        named, goes to the attacked side ("Germany could not provide further weaponry")."""
        if e.type in self.attack_types and e.actor is None and e.target is not None and e.target.country:
            war = _war(named_wars, e.target.country, side="target")
            # The attacker's own state media tell it otherwise ("shelling of Donbass" in a Kremlin release)
            own = ctx is not None and ctx.publisher is not None and war is not None \
                and ctx.publisher.country == war.actor
            if war is not None and not own and (e.time is None or e.time.end >= war.since):
                actor = Party(text=war.actor_name, name=war.actor_name, country=war.actor, kind="state",
                              source="rules:ongoing_wars")
                return dataclasses.replace(e, actor=actor).with_id()
        if e.type in self.aid_types and e.target is None and e.actor is not None and e.actor.country:
            wars = [w for w in named_wars if e.actor.country not in (w.actor, w.target, *w.allies)]
            if len(wars) == 1 and (e.time is None or e.time.end >= wars[0].since):
                war = wars[0]
                target = Party(text=war.name, name=war.name, country=war.target, kind="state",
                               source="rules:ongoing_wars")
                return dataclasses.replace(e, target=target).with_id()
        return e

    def _wars_named(self, ctx: DocContext | None) -> list[War]:
        """The current phase, at the article's date, of each ongoing war whose target the article names."""
        if ctx is None or ctx.published is None:
            return []
        text = ctx.doc.doc.text
        current: dict[tuple[str, str], War] = {}
        for w in self.wars:
            if w.since <= ctx.published and any(x in text for x in w.names):
                key = (w.actor, w.target)
                if key not in current or w.since > current[key].since:
                    current[key] = w
        return list(current.values())

    def _attacked(self, e: Event, named_wars: list[War]) -> Event:
        """An attack by one side of an ongoing war the article names, with no target in its sentence, is on
        the other side ("Russian forces shelled the outskirts overnight"), unless it happened elsewhere."""
        if e.type != "ASSAULT" or e.target is not None or e.actor is None or not e.actor.country:
            return e
        war = _war(named_wars, e.actor.country)
        other = war.target if war is not None else None
        word = e.evidence.trigger.lower()
        if other is None and word not in self.war_nouns and word.rstrip("s") not in self.war_nouns:
            # the attacked side striking back ("Ukrainian forces repelled the offensive"); never a war noun,
            # whose modifier may name the attacked state ("the Ukraine invasion")
            war = _war(named_wars, e.actor.country, side="target")
            other = war.actor if war is not None else None
        if war is None or (e.location is not None and e.location.country not in (None, war.actor, war.target)):
            return e
        name = war.name if other == war.target else war.actor_name
        return dataclasses.replace(e, target=Party(text=name, name=name, country=other, kind="state",
                                                   source="rules:ongoing_wars")).with_id()


def _war(named_wars: list[War], code: str, *, side: str = "actor") -> War | None:
    """Of the wars the article names, the current phase of the one whose `side` ("actor" or "target") is `code`."""
    return max((w for w in named_wars if getattr(w, side) == code), key=lambda w: w.since, default=None)


def _richness(e: Event) -> tuple:
    said = e.attribution is not None and (e.attribution.speaker is not None or bool(e.attribution.channel))
    return (e.target is not None, not headline(e.evidence.sentence), bool(e.quantities), said, e.confidence)


def _stem(word: str) -> str:
    w = word.lower().split()[0] if word.strip() else ""
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: len(w) - len(suffix)][:5]
    return w[:5]


def _words(p) -> str | None:
    if p is None:
        return None
    t = (p.name or p.text or "").lower()
    return t.removeprefix("the ").strip()


def _signature(e: Event) -> tuple:
    t = e.time
    return (e.type, e.modality, e.actor.country if e.actor else None, (t.start, t.end) if t else None,
            e.location.name if e.location else None, e.condition,
            tuple(sorted((q.unit, q.value) for q in e.quantities)))


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
