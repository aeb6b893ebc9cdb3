"""Who did it to whom: actors and targets from the dependency structure."""
from __future__ import annotations

from ..models import ParsedDoc, Token
from . import syntax as sx
from .rules import Rules

# Relations through which an event without its own subject borrows its controller's subject:
# "open to sending" (pcomp/prep/acomp), "plans to send" (acl/dobj), "refused to join" (xcomp).
_CONTROL = frozenset({"xcomp", "pcomp", "prep", "pobj", "acomp", "acl", "advcl", "dobj", "conj",
                      "attr", "oprd", "appos", "compound"})
# Temporal and topical PPs that stop the climb, and per-type target prepositions, are data
# (data/lexicon/rules.yaml): callers pass them in; the packaged defaults apply otherwise.
_ACTORISH = frozenset({"PROPN", "NOUN", "PRON"})


def subject(doc: ParsedDoc, t: Token) -> Token | None:
    """The active subject, the passive agent, or None."""
    s = sx.child(doc, t, "nsubj")
    if s is None:
        # "the YPG/YPJ have, since 2015, led ...": the parser may hang the subject on the auxiliary
        s = next((k for a in sx.children(doc, t, "aux") for k in sx.children(doc, a, "nsubj")), None)
    if s is not None and s.pos in _ACTORISH | {"DET", "NUM", "ADJ"}:
        return s
    for prep, o in sx.pobj_of(doc, t, "by"):
        if prep == "by" and (sx.is_passive(doc, t) or t.pos == "NOUN"):
            return o
    return None


def controller(doc: ParsedDoc, t: Token, limit: int = 6, *, reporting: frozenset[str] = frozenset(),
               cue_nouns: frozenset[str] = frozenset(),
               stop_preps: frozenset[str] | None = None,
               support_verbs: frozenset[str] | None = None) -> tuple[Token | None, str]:
    """Subject of the event or of the nearest governor that controls it (with how it was found).

    Climbing stops at a reporting verb unless the event is its infinitive complement ("pledged to
    send": the pledger sends; "mentioned a mission": the speaker is not the mission's actor), and
    passes through a noun only when the noun is a modality cue ("the possibility of sending").
    """
    stop_preps = Rules.default().stop_preps if stop_preps is None else stop_preps
    support_verbs = Rules.default().support_verbs if support_verbs is None else support_verbs
    s = subject(doc, t)
    if s is not None:
        return s, "subj"
    if t.pos in {"NOUN", "PROPN"} and t.dep == "nsubjpass":
        h = sx.head(doc, t)
        prt = sx.particle(doc, h) if h is not None else None
        if h is not None and (h.lemma.lower() if prt is None else f"{h.lemma.lower()} {prt}") in support_verbs:
            for _prep, o in sx.pobj_of(doc, h, "by"):
                return o, "subj"  # "a deal was agreed by Iran and Russia": the agent made the deal
    if t.pos == "VERB":
        for k in doc.children(t.i):
            if k.dep == "conj" and k.pos == "VERB" and not sx.has_own_subject(doc, k):
                s = subject(doc, k)
                if s is not None:
                    return s, "conj"  # "abducted and deported by Russia": the agent is shared
    if t.pos in {"NOUN", "PROPN"}:
        p = sx.child(doc, t, "poss")
        if p is not None and p.pos in {"PROPN", "NOUN"}:
            return p, "poss"  # "Russia's invasion"
        for k in doc.children(t.i):
            if k.i < t.i and k.dep in {"amod", "compound"} and (k.ent_type in {"NORP", "GPE", "ORG"}):
                return k, "modifier"  # "Russian invasion", "US sanctions"
        for prep, o in sx.pobj_of(doc, t, "between", "among"):
            return o, "between"
    cur = t
    for step in range(limit):
        h = sx.head(doc, cur)
        if h is None or cur.dep not in _CONTROL or cur.dep == "relcl":
            break
        if cur.dep == "compound":
            cur = h  # "training activities": the phrase's head stands for it
            continue
        if cur.dep == "prep" and cur.lower in stop_preps:
            break
        if h.lemma.lower() in reporting and h.pos == "VERB" and cur.dep != "xcomp":
            break
        if h.pos in {"NOUN", "PROPN"} and cur.dep not in {"conj", "compound"} and step > 0 \
                and h.lemma.lower() not in cue_nouns:
            return None, ""  # "statements about Russia's war, including sending troops": not Russia's
        if cur.dep == "conj":
            # Coordinated verbs share the subject/agent: "abducted and deported by Russia".
            s = subject(doc, h)
            if s is not None:
                return s, "conj"
            for k in doc.children(h.i):
                if k.dep == "conj" and k.i != cur.i:
                    s = subject(doc, k)
                    if s is not None:
                        return s, "conj"
        elif cur.dep == "acl" and t.pos in {"VERB"} and sx.is_passive(doc, cur):
            # "the agreement between Canada and Ukraine, signed last weekend"
            for prep, o in sx.pobj_of(doc, h, "between"):
                return o, "between"
        else:
            s = subject(doc, h)
            if s is not None:
                return s, "control"
            if h.pos in {"NOUN", "PROPN"}:
                if h.lemma.lower() not in cue_nouns:
                    return None, ""
                p = sx.child(doc, h, "poss")
                if p is not None:
                    return p, "control-poss"  # "Russia's plan to attack", "Canada's decision to send"
        cur = h
    # Conjuncts of a coordinated verb (the subject sits on the first conjunct).
    return None, ""


def object_token(doc: ParsedDoc, t: Token) -> Token | None:
    """The thing acted on: direct object, passive subject, the head noun of a participle, or "of"-NP."""
    if t.pos in {"VERB", "AUX"}:
        o = sx.child(doc, t, "dobj", "obj")
        if o is None:
            o = sx.child(doc, t, "nsubjpass")
        if o is None and t.dep == "acl" and sx.is_passive(doc, t):
            o = sx.head(doc, t)  # "children abducted by Russia"
        if o is None and t.dep == "conj":
            h = sx.head(doc, t)
            if h is not None and h.dep == "acl" and sx.is_passive(doc, h):
                o = sx.head(doc, h)
        if o is None:
            o = sx.child(doc, t, "dative")
        if o is None:
            # "engage in combat", "participate in talks": the "in" phrase is what the verb is about.
            for prep, po in sx.pobj_of(doc, t, "in"):
                if po.pos == "NOUN" and po.ent_type == "":
                    o = po
                    break
        if o is not None and o.pos == "PRON" and o.dep == "dobj" and o.lower in {"which", "that", "who", "whom"}:
            # Relative pronoun: the antecedent is the noun the relative clause hangs on.
            cur = t
            for _ in range(4):
                h = sx.head(doc, cur)
                if h is None:
                    break
                if cur.dep == "relcl":
                    return h
                cur = h
        return sx.measured(doc, o) if o is not None else None
    for prep, o in sx.pobj_of(doc, t, "of"):
        return sx.measured(doc, o)
    for k in doc.children(t.i):
        if k.dep == "compound" and k.i < t.i and k.pos == "NOUN":
            return k  # "troop deployment"
    for k in doc.children(t.i):
        if k.dep == "amod" and k.i < t.i and k.pos == "ADJ":
            return k  # "military support": the kind of support decides the sense
    return None


def casualties(doc: ParsedDoc, attack: Token, rules: Rules) -> Token | None:
    """Who a casualty verb says died in an attack noun ("six civilians were killed in a Russian strike")."""
    prep = sx.head(doc, attack) if attack.dep == "pobj" else None
    verb = sx.head(doc, prep) if prep is not None and prep.lower in rules.casualty_preps else None
    if verb is None or verb.pos != "VERB" or verb.lemma.lower() not in rules.casualty_verbs:
        return None
    own = sx.child(doc, verb, "nsubjpass", "nsubj")
    # "who is believed to have died in a US air strike": the dead are the subject of the verb above
    return own if own is not None else controller(doc, verb, stop_preps=rules.stop_preps,
                                                  support_verbs=rules.support_verbs)[0]


def casualty_attack(doc: ParsedDoc, verb: Token, rules: Rules, is_attack) -> Token | None:
    """The attack a casualty verb names its dead in ("were killed in a Russian strike" -> strike)."""
    if verb.lemma.lower() not in rules.casualty_verbs:
        return None
    return next((o for _p, o in sx.pobj_of(doc, verb, *rules.casualty_preps) if is_attack(o)), None)


def target_tokens(doc: ParsedDoc, t: Token, *, etype: str, preps: tuple[str, ...],
                  target_from_object: bool, obj: Token | None, rules: Rules) -> list[tuple[Token, str]]:
    """Candidate target heads, best first, with how each was found."""
    fallback = rules.target_preps
    out: list[tuple[Token, str]] = []
    if etype == "ASSAULT" and t.pos == "NOUN":
        dead = casualties(doc, t, rules)
        if dead is not None:
            out.append((dead, "casualty"))  # "died in a US air strike": the dead are its target
    if target_from_object and obj is not None:
        out.append((obj, "object"))
        poss = sx.child(doc, obj, "poss")
        if poss is not None and obj.pos == "NOUN" and obj.dep == "dobj" and obj.lemma.lower() not in rules.kin_nouns:
            # "criticized his electoral victories": the owner is the counterpart (guideline ruling 11);
            # "killed her husband" is done to the husband, not to her.
            out.append((poss, "object:poss"))
    wanted = tuple(preps) + tuple(p for p in fallback.get(etype, ()) if p not in preps)
    places = [t]
    if obj is not None and t.pos in {"VERB", "AUX"}:
        places.append(obj)  # "imposed sanctions on Russia": the PP may hang on the object
    for p in places:
        for prep, o in sx.pobj_of(doc, p, *wanted, "dative"):
            if o.pos in _ACTORISH:
                poss = sx.child(doc, o, "poss")
                if poss is not None and o.pos == "NOUN" and o.ent_type == "":
                    out.append((poss, f"prep:{prep}:poss"))  # "for Ukraine's defense"
                out.append((o, f"prep:{prep}"))
                if o.pos == "NOUN" and o.ent_type == "":
                    # "fired missiles toward critical infrastructure across Ukraine": the country the site is in
                    out += [(o2, f"prep:{prep}:{p2}") for p2, o2 in sx.pobj_of(doc, o, "in", "across")
                            if o2.ent_type == "GPE"]
    if t.pos in {"VERB", "AUX"}:
        d = sx.child(doc, t, "dative")
        if d is not None and d.pos in _ACTORISH:
            out.append((d, "dative"))
    if t.pos in {"NOUN", "PROPN"}:
        # "invasion of Ukraine", "the conflict between Russia and NATO" (second party).
        for prep, o in sx.pobj_of(doc, t, "of"):
            if o.ent_type in {"GPE", "ORG", "NORP", "PERSON"} or any(
                    k.dep in {"amod", "compound"} and k.ent_type in {"NORP", "GPE"} for k in doc.children(o.i)):
                out.append((o, "of"))  # "invasion of Ukraine", "training of the Ukrainian army"
        for prep, o in sx.pobj_of(doc, t, "between", "among"):
            for c in sx.conjuncts(doc, o)[1:]:
                out.append((c, "between"))
    if etype in {"AID", "MOBILIZE"}:
        # "send troops for combat operations in Ukraine", "deployment of troops in Ukraine".
        for prep, o in sx.pobj_of(doc, t, "in", "for", "to", "into"):
            if o.ent_type == "GPE" and prep == "in":
                out.append((o, "prep:in"))
            for prep2, o2 in sx.pobj_of(doc, o, "in"):
                if o2.ent_type == "GPE":
                    out.append((o2, f"prep:{prep}:in"))
    return out
