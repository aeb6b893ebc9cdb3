"""Stages `time`, `time_default`, `amounts` and `place`: what anchors an event in time, money and space."""
from __future__ import annotations

from dataclasses import replace

from ...models import Location, Quantity, Sentence, TimeSpan, Token
from ...normalize.quantities import find_counts, find_money
from ...normalize.time import find_time_expressions, published_span
from .. import syntax as sx
from ..candidate import EventCandidate, each
from ..context import DocContext, Resources
from ..event_rules import head_noun_is, token_at, token_index
from ..registry import stage


@stage("time", version=2, needs=("trigger",), adds=("time",))
class TimeStage:
    """Attach the sentence's time expressions to the events they modify, resolved against publication."""

    def __init__(self, res: Resources):
        pass

    def __call__(self, ctx: DocContext, sent: Sentence, si: int, cands: list[EventCandidate]) -> list[EventCandidate]:
        # A planned or future-tense event's weekday is the coming one ("will hold talks on Thursday",
        # "must be passed by Friday"), never the one before publication.
        ahead = {c.token.i for c in cands if looks_ahead(ctx, c)}
        spans = time_spans(ctx, sent, {c.token.i for c in cands}, ahead)
        return each(cands, lambda c: c.with_(time=spans.get(c.token.i, c.time)))


def looks_ahead(ctx: DocContext, c: EventCandidate) -> bool:
    """The event lies after publication: planned, or its verb carries a future auxiliary."""
    if c.modality is not None and c.modality.modality == "planned":
        return True
    return any(k.dep == "aux" and k.lower in {"will", "'ll", "shall"} for k in ctx.doc.children(c.token.i))


@stage("time_default", version=1, needs=("time",), adds=("time_default",))
class TimeDefaultStage:
    """The one place an undated event gets the publication date (anchor `published`)."""

    def __init__(self, res: Resources):
        pass

    def __call__(self, ctx: DocContext, sent: Sentence, si: int, cands: list[EventCandidate]) -> list[EventCandidate]:
        if ctx.published is None:
            return cands
        pub = published_span(ctx.published)
        return each(cands, lambda c: c if c.time is not None else c.with_(time=pub))


@stage("amounts", version=1, needs=("trigger", "parties", "time"), adds=("amounts",))
class AmountsStage:
    """Money (with USD at the event date) and counts that the trigger governs."""

    def __init__(self, res: Resources):
        self.dollar = res.rules.dollar_countries

    def __call__(self, ctx: DocContext, sent: Sentence, si: int, cands: list[EventCandidate]) -> list[EventCandidate]:
        if not cands:
            return cands
        counts = find_counts(ctx.doc, sent.start, sent.end)
        trig_ids = {c.token.i for c in cands}
        def one(c: EventCandidate) -> EventCandidate:
            a0 = c.actors[0] if c.actors else None
            hint = self.dollar.get(a0.country) if a0 is not None else None
            return c.with_(quantities=quantities(ctx, c, sent, trig_ids, counts, c.time, hint))
        return each(cands, one)


@stage("place", version=1, needs=("trigger", "parties"), adds=("place",))
class PlaceStage:
    """Where: a place phrase on the trigger, its object or head; else a city or region named as target."""

    def __init__(self, res: Resources):
        self.gazetteer = res.gazetteer
        self.place_preps = res.rules.place_preps

    def __call__(self, ctx: DocContext, sent: Sentence, si: int, cands: list[EventCandidate]) -> list[EventCandidate]:
        return each(cands, lambda c: c.with_(location=self.location(ctx, c)))

    def location(self, ctx: DocContext, c: EventCandidate) -> Location | None:
        doc, t, tr = ctx.doc, c.token, c.trigger
        used = {(p.start, p.end) for p in list(c.actors) + list(c.targets) if p is not None}
        places = [t] + ([tr.obj] if tr.obj is not None else [])
        h = sx.head(doc, t)
        if h is not None and t.dep in {"dobj", "pobj", "xcomp", "acl"}:
            places.append(h)
        for p in places:
            for _prep, o in sx.pobj_of(doc, p, *self.place_preps):
                for cand in [o] + [o2 for _, o2 in sx.pobj_of(doc, o, "of")]:  # "in the city of Kharkiv"
                    ent = doc.entity_at(cand.i)
                    if ent is None or ent.label not in {"GPE", "LOC", "FAC"}:
                        continue
                    if (ent.start_char, ent.end_char) in used:
                        continue
                    loc = self.gazetteer.resolve(ent.text.removeprefix("the "))
                    if loc is not None:
                        return replace(loc, text=ent.text)
        # "shelled Kharkiv", "visited Kyiv": a city or region named as the target is also the place.
        for g in c.targets:
            if g is None or g.start is None:
                continue
            ent = doc.entity_at(token_index(doc, g.start))
            if ent is None or ent.label not in {"GPE", "LOC", "FAC"}:
                continue
            loc = self.gazetteer.resolve(ent.text.removeprefix("the "))
            if loc is not None and loc.feature in {"city", "region"}:
                return replace(loc, text=ent.text)
        return None


def time_spans(ctx: DocContext, sent: Sentence, trig_ids: set[int], ahead: set[int] = frozenset()) -> dict[int, TimeSpan]:
    """Map trigger index -> TimeSpan from the sentence's time expressions by attachment; triggers in
    `ahead` resolve weekdays and bare dates forward."""
    if ctx.times is None or not trig_ids:
        return {}
    doc, text, base = ctx.doc, sent.text, sent.start_char
    ents = [(e.start_char - base, e.end_char - base) for e in doc.entities
            if e.label in {"DATE", "TIME"} and e.start >= sent.start and e.end <= sent.end]
    spans = find_time_expressions(text, ents)
    if not spans:
        return {}
    assigned: dict[int, tuple[int, TimeSpan]] = {}
    for s, e in spans:
        toks = [t for t in doc.tokens[sent.start:sent.end] if base + s <= t.idx < base + e]
        if not toks:
            continue
        inside = {t.i for t in toks}
        attach = next((t for t in toks if t.head not in inside), toks[0])
        since = False
        dist = 0
        cur: Token | None = attach
        owner_done = False
        while cur is not None and dist < 8:
            if cur.lower == "since" and cur.i not in inside:
                since = True
            if cur.i in trig_ids and cur.i not in inside and (not owner_done or since):
                expr = text[s:e]
                if since and not expr.lower().startswith("since"):
                    expr = "since " + expr  # "since Russia's occupation of Crimea in 2014, Canada has imposed"
                span = ctx.times.resolve(expr, future=cur.i in ahead, start_char=base + s, end_char=base + e)
                if span is not None and (cur.i not in assigned or assigned[cur.i][0] > dist):
                    assigned[cur.i] = (dist, span)
                if owner_done:
                    break
                owner_done = True
            cur = sx.head(doc, cur)
            dist += 1
        if not owner_done:
            # Attached to a non-event (reporting verb, root): every event below that point shares it.
            span = ctx.times.resolve(text[s:e], start_char=base + s, end_char=base + e)
            if span is None:
                continue
            top = attach
            for h in sx.ancestors(doc, attach):
                if h.i in inside:
                    continue
                top = h
                if h.pos in {"VERB", "AUX"}:
                    break
            for ti in trig_ids:
                if ti not in assigned and sx.is_ancestor(doc, top, doc.tokens[ti]):
                    assigned[ti] = (99, span)
    return {k: v[1] for k, v in assigned.items()}


def quantities(ctx: DocContext, c: EventCandidate, sent: Sentence, trig_ids: set[int], counts: list[Quantity],
               time: TimeSpan | None, hint: str | None) -> tuple[Quantity, ...]:
    """Amounts whose phrase hangs on this trigger (or counts of its object)."""
    doc, t, tr = ctx.doc, c.token, c.trigger
    # USD at the event date; a bare "$" takes the acting country's dollar (lower confidence).
    on = time.start if time is not None else ctx.published
    key = (sent.start, on, hint)
    if key not in ctx.money_cache:
        ctx.money_cache[key] = find_money(sent.text, offset=sent.start_char, on=on, currency_hint=hint)
    out = []
    for q in ctx.money_cache[key] + counts:
        tok = token_at(doc, sent, q.start_char)
        if tok is None:
            continue
        owner = _owner(ctx, tok, trig_ids)
        if owner == t.i or (tr.obj is not None and q.kind == "count" and head_noun_is(doc, tok, tr.obj)):
            out.append(q)
    return tuple(out)


def _owner(ctx: DocContext, tok: Token, trig_ids: set[int]) -> int | None:
    cur: Token | None = tok
    for _ in range(8):
        if cur is None:
            return None
        if cur.i in trig_ids:
            return cur.i
        cur = sx.head(ctx.doc, cur)
    return None
