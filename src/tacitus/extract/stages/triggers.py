"""Stage `triggers`: the words of a sentence that name an event, with the lexicon sense for their object."""
from __future__ import annotations

from ...models import ParsedDoc, Sentence, Token
from .. import syntax as sx
from ..arguments import object_token
from ..candidate import EventCandidate, Trigger
from ..context import DocContext, Resources
from ..event_rules import SKIP_NOUN_UNDER
from ..rules import Rules
from ..registry import stage

# Edges under a cue predicate that leave its scope: coordinated, appended or adjunct clauses.
_NOT_SCOPE = frozenset({"conj", "parataxis", "advcl", "relcl", "nsubj", "npadvmod", "appos", "punct"})


@stage("triggers", version=7, needs=("parse",), adds=("trigger",))
class TriggerStage:
    """Find lexicon triggers, requests to an addressee and demands on a modal; drop modality cues, nouns restating their verb, purpose restatements, what a request or demand asks for and what a rejection rejects."""

    def __init__(self, res: Resources):
        self.res = res

    def __call__(self, ctx: DocContext, sent: Sentence, si: int, cands: list[EventCandidate]) -> list[EventCandidate]:
        return list(cands) + [EventCandidate(sent=si, trigger=tr) for tr in self.find(ctx.doc, sent)]

    def find(self, doc: ParsedDoc, sent: Sentence) -> list[Trigger]:
        lex = self.res.lexicon
        found: list[Trigger] = []
        for t in doc.tokens[sent.start:sent.end]:
            if t.pos not in {"VERB", "NOUN"}:
                continue
            if not lex.is_trigger(t.lemma.lower(), t.pos):
                continue
            if t.lower in {"provided", "providing"} and sx.child(doc, t, "dobj") is None and (
                    t.dep in {"prep", "mark"} or sx.child(doc, t, "ccomp", "advcl", "pcomp") is not None):
                continue  # ", provided such an operation is far from the front line" is a condition
            prt = sx.particle(doc, t) if t.pos == "VERB" else None
            if t.pos == "VERB" and prt is None:
                prt = prep_particle(doc, t, lex)
            obj = object_token(doc, t)
            sense = lex.lookup(t.lemma.lower(), t.pos, particle=prt,
                               object_lemma=obj.lemma.lower() if obj is not None else None)
            if (sense is None or sense.type is None) and t.pos == "VERB" and \
                    t.lemma.lower() in self.res.rules.addressee_requests and addressee(doc, t) is not None:
                sense = self.res.request_sense  # "asked the WTO to investigate": a request, whatever is asked
            if sense is None or sense.type is None:
                continue
            if not sense.objects and sense.source.startswith("cameo:"):
                continue  # mined entries are only trusted with the object pattern they were mined with
            if t.pos == "VERB" and obj is None and len(lex.senses(t.lemma.lower(), t.pos, prt)) > 1 \
                    and not sense.reporting and (sx.child(doc, t, "ccomp") is not None
                                                 or any(p == "for" for p, _ in sx.pobj_of(doc, t, "for"))):
                continue  # "the agreement provides that / for ...": an object-driven verb used otherwise
            found.append(Trigger(t, sense, obj, prt))
        found += self.demands(doc, sent)
        by_i = {tr.token.i: tr for tr in found}
        # Modal predicates go first: "pledged continued support" leaves the support as the event,
        # so a cue verb must not also swallow its object noun.
        cues_out = {tr.token.i for tr in found if self.is_modal_cue(doc, tr, by_i)}
        events_i = {i: tr for i, tr in by_i.items() if i not in cues_out}
        kept = []
        by_tok = {tr.token.i: tr for tr in found}
        for tr in found:
            if tr.token.i in cues_out:
                continue
            if coordinated_repeat(doc, tr, events_i):
                continue
            if tr.token.pos == "NOUN" and covered_by_verb(doc, tr, events_i, self.res.rules):
                continue
            if is_purpose_of(doc, tr, events_i):
                continue
            kept.append(tr)
        asked = {tr.token.head for tr in kept if is_demand(tr)}
        kept = [tr for tr in kept if tr.token.i not in asked]  # "must withdraw": the demand, not a withdrawal
        answered = {tr.obj.i for tr in kept if tr.sense.type == "REJECT" and tr.obj is not None
                    and tr.obj.i in by_tok and by_tok[tr.obj.i].sense.type in self.res.rules.embedding_types}
        # "rejected Erdogan's calls for a ceasefire": the rejection is the event; the call and what it
        # asked for are what was rejected (the guideline codes the REJECT alone).
        kept = [tr for tr in kept if not _under(doc, tr.token, answered)]
        live = {tr.token.i: tr for tr in kept}
        kept = [tr for tr in kept if not is_request_content(doc, tr, live)]
        return [_with_shared_object(doc, tr, by_tok) for tr in kept]

    def demands(self, doc: ParsedDoc, sent: Sentence) -> list[Trigger]:
        """"Russia must withdraw its troops," Zelenskyy said: a REQUEST of the speaker to the subject, on the
        modal (guideline ruling 10; a thing that "must be passed" is a plan, not a demand)."""
        out = []
        for t in doc.tokens[sent.start:sent.end]:
            if t.dep != "aux" or t.lower not in self.res.rules.demand_modals:
                continue
            v = sx.head(doc, t)
            s = sx.child(doc, v, "nsubj") if v is not None and v.pos == "VERB" else None
            if s is None:
                continue  # the filter drops what is one's own resolve ("we must") or asks nobody coded
            out.append(Trigger(t, self.res.request_sense, s, None))
        return out

    def is_modal_cue(self, doc: ParsedDoc, tr: Trigger, by_i: dict[int, Trigger]) -> bool:
        """"not considering sending", "ruled out sending": the predicate is modality, not an event."""
        t = tr.token
        if tr.sense.type in {"CONSULT", "REQUEST"}:
            return False  # "discussed sending troops", "called for the release": events in their own right
        lem = f"{t.lemma.lower()}_{tr.particle}" if tr.particle else t.lemma.lower()
        if lem not in self.res.cue_preds and t.lemma.lower() not in self.res.cue_preds:
            return False
        said = by_i.get(tr.obj.i) if tr.obj is not None and tr.obj.pos == "NOUN" else None
        if said is not None and said.sense.type in self.res.rules.embedding_types:
            return False  # "rejected Trump's call", "dismissed the accusations": an act on what was said
        for j in by_i:
            if j != t.i and sx.is_ancestor(doc, t, doc.tokens[j]):
                path = [doc.tokens[j]] + list(sx.ancestors(doc, doc.tokens[j], limit=4))
                k = next((n for n, p in enumerate(path) if p.i == t.i), None)
                # The cue's scope is its complement; "has been threatening the Kurds, and invaded
                # Afrin" coordinates a second act, it does not embed it.
                if k is not None and path[k - 1].dep not in _NOT_SCOPE:
                    return True
        return False


def coordinated_repeat(doc: ParsedDoc, tr: Trigger, by_i: dict[int, Trigger]) -> bool:
    """"killed, injured or captured 5,000 troops": a coordinated verb of the same type, with no subject or
    object of its own, restates its first conjunct's event."""
    t = tr.token
    if t.dep != "conj" or t.pos != "VERB":
        return False
    h = by_i.get(t.head)
    if h is None or h.sense.type != tr.sense.type or sx.has_own_subject(doc, t):
        return False
    return tr.obj is None or h.obj is None or tr.obj.i == h.obj.i


def _with_shared_object(doc: ParsedDoc, tr: Trigger, found: dict[int, Trigger]) -> Trigger:
    """The first conjunct takes the object its dropped coordinated repeats carry ("... or captured 5,000")."""
    if tr.obj is not None or tr.token.pos != "VERB":
        return tr
    for k in doc.children(tr.token.i):
        other = found.get(k.i)
        if k.dep == "conj" and other is not None and other.obj is not None and other.sense.type == tr.sense.type:
            return Trigger(tr.token, tr.sense, other.obj, tr.particle)
    return tr


def is_purpose_of(doc: ParsedDoc, tr: Trigger, by_i: dict[int, Trigger]) -> bool:
    """"deploy troops to help Ukraine": the purpose clause restates the same act."""
    t = tr.token
    h = sx.head(doc, t)
    if h is None or h.i not in by_i or t.dep not in {"advcl", "xcomp"}:
        return False
    if not any(k.dep == "aux" and k.lower == "to" for k in doc.children(t.i)):
        return False
    return by_i[h.i].sense.type == tr.sense.type


def covered_by_verb(doc: ParsedDoc, tr: Trigger, by_i: dict[int, Trigger], rules: Rules) -> bool:
    """A noun event restating its verb ("imposed sanctions", "allocated ... in aid")."""
    for k in doc.children(tr.token.i):
        v = by_i.get(k.i)
        if v is not None and k.dep == "acl" and v.obj is not None and v.obj.i == tr.token.i:
            return True  # "the agreement ..., signed last weekend": the signing is the event
    cur = tr.token
    for _ in range(3):
        if cur.dep not in SKIP_NOUN_UNDER and cur.dep not in {"prep", "agent"}:  # "wounded by the shelling"
            return False
        h = sx.head(doc, cur)
        if h is None:
            return False
        v = by_i.get(h.i)
        if cur.dep == "compound" and h.pos in {"NOUN", "PROPN"}:
            # "peace talks": one event, the head noun's; "killing machine": no event at all,
            # unless the head is a light noun that only carries it ("training activities").
            return v is not None or h.lemma.lower() not in rules.light_heads
        if v is not None and h.pos == "VERB":
            if v.sense.type == tr.sense.type:
                return True
            # "lifted sanctions", "signed an agreement": the verb says what happened to the noun;
            # "condemned the invasion", "demanded talks" embed a second event and keep it.
            return cur.dep in {"dobj", "nsubjpass"} and v.obj is tr.token and \
                v.sense.type not in rules.embedding_types
        cur = h
    return False


def prep_particle(doc: ParsedDoc, t: Token, lex) -> str | None:
    """"called on Australia to support ...", "called for a ceasefire": the parser reads the particle as a
    preposition; it is one when the lexicon knows the verb with it and a to-infinitive follows, or when
    the sense is a request."""
    to_infinitive = sx.child(doc, t, "xcomp") is not None
    for k in doc.children(t.i):
        o = sx.child(doc, k, "pobj", "pcomp") if k.dep == "prep" else None
        senses = lex.senses(t.lemma.lower(), t.pos, k.lower) if o is not None else ()
        if senses and (to_infinitive or any(x.type == "REQUEST" for x in senses)):
            return k.lower
    return None


def addressee(doc: ParsedDoc, t: Token) -> Token | None:
    """Who a request verb asks, when a to-infinitive says what: "urged Russia to withdraw"."""
    x = sx.child(doc, t, "xcomp")
    if x is None or not any(k.dep == "aux" and k.lower == "to" for k in doc.children(x.i)):
        return None
    o = sx.child(doc, t, "dobj", "dative")
    if o is None:
        o = next((po for _p, po in sx.pobj_of(doc, t, "on", "upon")), None)
    return o if o is not None and o.pos in {"PROPN", "NOUN", "PRON"} else None


def is_request_content(doc: ParsedDoc, tr: Trigger, live: dict[int, Trigger]) -> bool:
    """"urged Russia to withdraw its troops": what is asked for has not happened and is not the asker's
    act; the request is the event (the guideline codes the REQUEST alone)."""
    cur = tr.token
    h = sx.head(doc, cur)
    if cur.dep in {"pobj", "pcomp"} and h is not None and h.lower == "for" and (v := sx.head(doc, h)) is not None \
            and v.i in live and live[v.i].sense.type == "REQUEST" and live[v.i].token.pos == "VERB":
        return True  # "called for a ceasefire": what is called for
    for _ in range(3):
        h = sx.head(doc, cur)
        if h is None or cur.dep not in {"xcomp", "advcl", "conj"}:
            return False
        req = live.get(h.i)
        if req is not None and req.sense.type == "REQUEST" and cur.dep == "xcomp" and addressee(doc, h) is not None:
            return True
        cur = h
    return False


def _under(doc: ParsedDoc, t: Token, heads: set[int]) -> bool:
    """Whether t is one of `heads` or in one's complement (prepositions, clauses; not a relative clause)."""
    cur = t
    for _ in range(4):
        if cur.i in heads:
            return True
        h = sx.head(doc, cur)
        if h is None or cur.dep in {"relcl", "nsubj", "nsubjpass", "conj"}:
            return False
        cur = h
    return cur.i in heads


def is_demand(tr: Trigger) -> bool:
    """A demand found on its modal ("Russia must withdraw"): lexicon triggers are verbs and nouns, never an aux."""
    return tr.token.dep == "aux" and tr.sense.type == "REQUEST" and tr.obj is not None
