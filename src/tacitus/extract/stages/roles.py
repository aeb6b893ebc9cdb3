"""Stage `roles`: the learned ranker (extract/rolemodel.py) revises the rules' actor and target."""
from __future__ import annotations

from ...models import Sentence
from ..candidate import EventCandidate, each
from ..context import DocContext, Resources
from ..registry import stage
from ..rolemodel import RoleModel, candidates, features, party_token, resolve_candidate


_INSIDE = frozenset({"compound", "amod", "poss", "flat", "nmod", "appos", "npadvmod"})
PLACE_ONLY = frozenset({"in", "at", "near", "inside", "outside", "around", "across"})


def _prep_of(doc, t) -> str | None:
    return doc.tokens[t.head].lower if t.dep == "pobj" and t.head != t.i else None


def _voice_role(doc, trigger, t) -> str | None:
    """"patient" for the subject of a passive trigger ("allies were not consulted"), "agent" for its
    by-phrase ("shot by a sniper"): the grammar settles these roles, the ranker may not swap them."""
    while t.head != t.i and (t.dep in _INSIDE or (t.dep == "pobj" and doc.tokens[t.head].lower == "of")):
        # "US" in "US allies", "Irish" in "Irish-born cameraman X", "civilians" in "dozens of civilians":
        # the role of the phrase it sits in
        t = doc.tokens[t.head] if t.dep != "pobj" else doc.tokens[doc.tokens[t.head].head]
    if t.dep == "nsubjpass" and t.head == trigger.i:
        return "patient"
    if t.dep == "pobj" and t.head != t.i:
        by = doc.tokens[t.head]
        if by.dep == "agent" and by.head == trigger.i:
            return "agent"
    return None


@stage("roles", version=6, needs=("trigger", "parties"), adds=("parties",))
class RolesStage:
    """For each event, the sentence's noun-phrase head the ranker scores highest as actor (target) replaces
    the rules' choice when its probability reaches the model's threshold and it resolves to a party; a
    passive's subject is never made the actor, nor its by-agent the target, nor a demand's or a readout's roles
    changed."""

    def __init__(self, res: Resources, model: RoleModel | None = None):
        self.model = model or RoleModel.default()
        self.res = res

    def __call__(self, ctx: DocContext, sent: Sentence, si: int, cands: list[EventCandidate]) -> list[EventCandidate]:
        if self.model is None or not cands:
            return cands
        heads = candidates(ctx.doc, si)
        resolved = {h.i: resolve_candidate(ctx.doc, self.res.resolver, h, ctx.published) for h in heads}
        return each(cands, lambda c: self.one(ctx, c, heads, resolved))

    def one(self, ctx: DocContext, c: EventCandidate, heads: list, resolved: dict) -> EventCandidate:
        doc, model = ctx.doc, self.model
        if c.how in {"demand", "readout"}:
            return c
        rule_actor = c.actor_token.i if c.actor_token is not None else None
        rule_targets = {k for k in (party_token(doc, p) for p in c.targets) if k is not None}
        scored = []
        for h in heads:
            if h.i == c.token.i:
                continue
            pa, pt = model.proba(features(doc, c, h, resolved[h.i], rule_actor, rule_targets))
            scored.append((h, pa, pt))
        if not scored:
            return c
        speaker = c.attribution.speaker if c.attribution is not None else None
        out = c
        best_a = max((x for x in scored if _voice_role(doc, c.token, x[0]) != "patient"), key=lambda x: x[1],
                     default=(None, 0.0, 0.0))
        if best_a[0] is not None and best_a[1] >= model.thresholds["actor"] and best_a[0].i != rule_actor:
            actors = ctx.parties(best_a[0], speaker)
            if actors:
                out = out.with_(actors=tuple(actors), actor_token=best_a[0], how="model")
        actor_i = out.actor_token.i if out.actor_token is not None else None
        # A place phrase ("rallied in Warsaw") is the place stage's, never a target the model may pick.
        best_t = max((x for x in scored if x[0].i != actor_i and _prep_of(doc, x[0]) not in PLACE_ONLY
                      and _voice_role(doc, c.token, x[0]) != "agent"),
                     key=lambda x: x[2], default=None)
        if best_t is not None and best_t[2] >= model.thresholds["target"] and best_t[0].i not in rule_targets:
            targets = [p for p in ctx.parties(best_t[0], speaker) if p.country or p.kind in {"person", "organization"}]
            if targets:
                out = out.with_(targets=tuple(targets))
        return out
