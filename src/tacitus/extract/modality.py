"""Decide an event's modality from the cues that govern that event, and find its condition."""
from __future__ import annotations

from dataclasses import dataclass

from ..models import ParsedDoc, Token
from . import syntax as sx
from .cues import Cues

# Internal operators; folded from the event outward (see `fold`).
FUT, POSS, NEG, WOULD = "planned", "possible", "negated", "would"

# Relations along which an embedded event inherits the modality of its governor.
_CLIMB = frozenset({"xcomp", "pcomp", "ccomp", "acl", "prep", "pobj", "dobj", "acomp", "attr",
                    "advcl", "conj", "nsubj", "nsubjpass", "appos", "oprd", "dative", "agent", "compound"})
# Prepositions that only situate an event in time or topic: "after the meeting", "statements about
# the war" do not make the meeting or the war possible because the main verb is hedged.
STOP_PREPS = frozenset({"after", "before", "during", "since", "until", "following", "amid", "despite",
                        "about", "over", "regarding", "concerning", "like", "unlike", "as", "than",
                        "because", "due", "throughout", "besides", "apart", "except", "among", "into"})
HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether", "once"})
_NEG_DEPS = frozenset({"neg"})


@dataclass(frozen=True, slots=True)
class ModalityResult:
    """The decision and what it rests on (cue words, governing reporting verb, condition text)."""

    modality: str
    cues: tuple[str, ...]
    condition: str | None
    reporting: Token | None  # the reporting verb where the climb stopped, if any
    holder: Token | None = None  # predicate whose subject holds the stance ("Macron did not rule out ...")


def _pred_lemma(doc: ParsedDoc, t: Token) -> str:
    prt = sx.particle(doc, t)
    return f"{t.lemma.lower()}_{prt}" if prt else t.lemma.lower()


def _negated_here(doc: ParsedDoc, t: Token, cues: Cues) -> str | None:
    """The negator attached to t ("not", "n't", "never", det "no", "without"), if any."""
    for k in doc.children(t.i):
        if k.i + 1 < len(doc.tokens) and doc.tokens[k.i + 1].lower in cues.negation_focus:
            continue  # "not only amassed troops but deployed more": both happened
        if k.dep in _NEG_DEPS:
            return k.text
        if k.dep in {"det", "advmod", "neg", "preconj"} and k.lower in cues.negators:
            return k.text
    if t.dep in {"pcomp", "pobj"}:
        h = sx.head(doc, t)
        if h is not None and h.lower == "without":
            return h.text
    return None


def _modal_here(doc: ParsedDoc, t: Token, cues: Cues) -> tuple[str | None, str | None]:
    """Operator contributed by t's own auxiliaries ("will", "could", "would")."""
    for k in doc.children(t.i):
        if k.dep != "aux" or k.tag not in {"MD"} and k.lower not in {"'ll", "wo"}:
            continue
        w = k.lower
        if w in {"would", "'d"}:
            return WOULD, k.text
        if w in cues.planned_modals or w == "wo":
            return FUT, k.text
        if w in cues.possible_modals or w in {"ca", "can"}:
            return POSS, k.text
    # "is going to send", "are about to sign": the governing adjective/verb carries it instead.
    return None, None


def _pred_class(doc: ParsedDoc, g: Token, cues: Cues) -> str | None:
    """Operator of a governing predicate ("consider" -> possible, "refuse" -> negated...)."""
    group = {"VERB": "VERB", "AUX": "ADJ", "ADJ": "ADJ", "NOUN": "NOUN", "PROPN": "NOUN"}.get(g.pos)
    if group is None:
        return None  # prepositions and conjunctions are never predicates ("about", "since")
    table = cues.by_pos[group]
    op = table.get(_pred_lemma(doc, g)) or table.get(g.lemma.lower())
    if op is None and group == "ADJ":
        op = cues.by_pos["VERB"].get(g.lemma.lower()) if g.tag == "VBN" else None
    return {"negated": NEG, "planned": FUT, "possible": POSS}.get(op) if op else None


def _amod_class(doc: ParsedDoc, t: Token, cues: Cues) -> tuple[str | None, str | None]:
    """Operator from an adjective on an event noun ("a possible mission", "planned offensive")."""
    if t.pos not in {"NOUN", "PROPN"}:
        return None, None
    for k in doc.children(t.i):
        if k.dep != "amod":
            continue
        words = {k.lower, k.lemma.lower()}
        if words & cues.possible_modifiers:
            return POSS, k.text
        if k.lower in cues.planned_modifiers:  # as written: the lemma of "planned" is the verb "plan"
            return FUT, k.text
    return None, None


def combine(inner: str | None, outer: str) -> str:
    """Compose an outer operator over the inner state."""
    if inner is None:
        return outer
    if outer == NEG:
        return NEG
    if inner == NEG:
        # "said it would not", "is considering not sending": the inner negation survives.
        return NEG
    if outer == POSS:
        return POSS
    if outer == FUT:
        return POSS if inner == POSS else FUT
    if outer == WOULD:
        return inner if inner in {POSS, FUT} else WOULD
    if outer == "hypo":
        return "hypo"
    if inner == "hypo":
        return "hypo"
    return outer


def _referred_to(doc: ParsedDoc, trigger: Token, cues: Cues) -> bool:
    """A definite event noun that a verb of comment takes as its object or subject ("has not condemned the
    Russian invasion", "Trump's threats should be seen as ..."): the verb says something about an event it
    names, so its negation or modal is not the event's. Verbs that carry the act or its course ("did not
    launch the attack", "agreed to continue the dialogue", "the invasion can start") still govern it."""
    if trigger.pos != "NOUN" or trigger.dep not in {"dobj", "nsubj", "nsubjpass"}:
        return False
    if not any((k.dep == "det" and k.lower in cues.referring_dets) or k.dep == "poss" for k in doc.children(trigger.i)):
        return False
    h = sx.head(doc, trigger)
    return h is not None and h.pos == "VERB" and h.lemma.lower() in cues.comment_verbs


def governors(doc: ParsedDoc, trigger: Token, cues: Cues, limit: int = 7) -> tuple[list[tuple[Token, str]], Token | None]:
    """Path from the trigger outward as (token, relation-into-it), stopping at a reporting verb."""
    path: list[tuple[Token, str]] = []
    cur = trigger
    if _referred_to(doc, trigger, cues):
        return path, None
    for _ in range(limit):
        h = sx.head(doc, cur)
        if h is None:
            return path, None
        rel = cur.dep
        if rel not in _CLIMB:
            return path, None
        if (rel == "prep" and cur.lower in STOP_PREPS) or (h.dep == "prep" and h.lower in STOP_PREPS):
            return path, None
        if rel == "relcl":
            return path, None
        if rel == "advcl" and not _is_purpose(doc, cur):
            noun = _reduced_relative_host(doc, cur, h)
            if noun is None:
                # Temporal or causal clauses ("after X met Y") keep their own modality.
                return path, None
            h, rel = noun, "acl-ing"
        if rel == "acl" and cur.pos in {"VERB", "AUX"} and not _is_purpose(doc, cur):
            # "the agreement, signed last weekend": a participle does not inherit from its noun.
            return path, None
        if rel in {"nsubj", "nsubjpass"}:
            # A subject event takes its predicate's modality only when that predicate is a prediction
            # ("the deployment ... would inevitably lead to a conflict").
            m, _ = _modal_here(doc, h, cues)
            if m is None:
                return path, None
        if rel == "conj" and (sx.has_own_subject(doc, cur) or _has_aux(doc, cur)
                              or sx.verb_form(cur) == "Fin" or cur.tag in {"VBD", "VBZ", "VBP"}):
            # A finite conjunct with its own tense does not share "will not" with its sibling.
            return path, None
        lem = h.lemma.lower()
        if h.pos in {"VERB", "AUX"} and lem in cues.reporting and rel in {"ccomp", "xcomp", "dobj", "advcl", "conj", "parataxis"}:
            if rel == "conj":
                return path, None
            path.append((h, rel))
            return path, h
        path.append((h, rel))
        cur = h
    return path, None


def _reduced_relative_host(doc: ParsedDoc, clause: Token, verb: Token) -> Token | None:
    """Re-attach "V a mission ... involving X-ing" to the noun the parser hung on the verb.

    spaCy often attaches a subjectless -ing clause to the verb instead of the object noun right
    before it; the noun (with "possible", "planned" ...) is what governs the embedded event.
    """
    if clause.tag != "VBG" or sx.has_own_subject(doc, clause) or any(k.dep == "mark" for k in doc.children(clause.i)):
        return None
    obj = sx.child(doc, verb, "dobj")
    if obj is None or obj.i > clause.i:
        return None
    _, end = sx.subtree_span(doc, obj)
    gap = [doc.tokens[j] for j in range(end, clause.i)]
    return obj if all(g.dep == "punct" for g in gap) else None


def _has_aux(doc: ParsedDoc, t: Token) -> bool:
    return any(k.dep in {"aux", "auxpass"} for k in doc.children(t.i))


def _is_purpose(doc: ParsedDoc, t: Token) -> bool:
    """An infinitival purpose clause ("to help Ukraine", "in order to")."""
    return any(k.dep == "aux" and k.lower == "to" for k in doc.children(t.i)) or \
        any(k.dep == "mark" and k.lower in {"to", "so"} for k in doc.children(t.i))


def performed(doc: ParsedDoc, trigger: Token, cues: Cues) -> bool:
    """"I would like to thank you": a speaker's speech act, done in the saying, not a wish."""
    h = sx.head(doc, trigger)
    if trigger.dep != "xcomp" or trigger.lemma.lower() not in cues.performative or h is None or h.lemma.lower() != "like":
        return False
    return any(k.dep == "aux" and k.lower in {"would", "'d"} for k in doc.children(h.i))


def _done_implicative(doc: ParsedDoc, t: Token, cues: Cues) -> bool:
    """An implicative verb in the past ("allowed", "has allowed"), whose complement therefore happened."""
    if t.pos != "VERB" or t.lemma.lower() not in cues.implicative:
        return False
    aux = {k.lower for k in doc.children(t.i) if k.dep == "aux"}
    return (t.tag == "VBD" and not aux) or (t.tag == "VBN" and bool(aux & {"has", "have", "had"}))


def decide(doc: ParsedDoc, trigger: Token, cues: Cues) -> ModalityResult:
    """Fold the trigger's own cues and its governors' into one of the five modalities."""
    if performed(doc, trigger, cues):
        return ModalityResult("asserted", ("would like",), None, None, None)
    found: list[str] = []
    state: str | None = None
    holder: Token | None = None
    path, reporting = governors(doc, trigger, cues)
    levels: list[tuple[Token, bool, str]] = [(trigger, True, "")] + [(g, False, rel) for g, rel in path]
    for tok, is_trigger, rel in levels:
        if tok is reporting:
            op = _pred_class(doc, tok, cues)
            neg = _negated_here(doc, tok, cues)
            if op == NEG:
                op = POSS if neg else NEG
            elif neg and op is not None:
                op = NEG
            if op is not None:
                state = combine(state, op)
                found.append(tok.text)
            elif neg:
                # "did not say that ..." leaves the content unasserted; treat as possible.
                state = combine(state, POSS)
                found.append(neg)
            break
        modal, mword = _modal_here(doc, tok, cues)
        neg = _negated_here(doc, tok, cues)
        if neg and not is_trigger and tok.pos in {"NOUN", "PROPN"} and _pred_class(doc, tok, cues) is None:
            # "no hint of trouble in the conversation": "no" negates the hint, not what it is about;
            # only cue nouns pass it down ("no plans to send", "no intention of attacking").
            neg = None
        pred = None if is_trigger else _pred_class(doc, tok, cues)
        if pred == POSS and not neg and _done_implicative(doc, tok, cues):
            pred = None  # "allowed Ukraine to strike": the strike happened
        amod, aword = _amod_class(doc, tok, cues)
        if tok.pos == "ADJ" or (tok.pos == "AUX" and not is_trigger):
            # "open to", "willing to", "ready to": the adjective is the predicate.
            pred = pred or _pred_class(doc, tok, cues)
        ops: list[str] = []
        if amod:
            ops.append(amod)
            found.append(aword or "")
        if pred:
            ops.append(pred)
            found.append(_pred_lemma(doc, tok))
            if tok.pos == "VERB" and sx.child(doc, tok, "nsubj") is not None:
                holder = tok
        if modal:
            ops.append(modal)
            found.append(mword or "")
        level_op: str | None = None
        for op in ops:
            level_op = combine(level_op, op)
        if neg:
            found.append(neg)
            if pred == NEG:
                level_op = POSS  # "did not rule out", "did not refuse"
            else:
                level_op = NEG
        if any(k.dep == "mark" and k.lower in HYPOTHETICAL_MARKS for k in doc.children(tok.i)):
            # The event is the condition itself ("if Russia invades"): not asserted, only supposed.
            level_op = combine(level_op, "hypo")
            found.append("if")
        if level_op is not None:
            state = combine(state, level_op) if not is_trigger else level_op
    cond = condition_of(doc, trigger, [g for g, _ in path], cues)
    if state == WOULD:
        if cond:
            state = "hypothetical"
        elif reporting is not None and reporting.lemma.lower() in cues.predictive:
            state = "hypothetical"
        elif reporting is not None and reporting.tag in {"VBD", "VBN"}:
            state = FUT  # "announced it would provide": future in the past
        elif reporting is not None:
            state = "hypothetical"  # "says he would consider": a conditional stance now
        else:
            state = "hypothetical"
    if state == "hypo":
        state = "hypothetical"
    modality = state or "asserted"
    return ModalityResult(modality, tuple(w for w in found if w), cond, reporting, holder)


def condition_of(doc: ParsedDoc, trigger: Token, governors_: list[Token], cues: Cues) -> str | None:
    """Text of a conditional clause attached to the event or to what governs it."""
    sent = doc.sentence_of(trigger.i)
    anchors = [trigger] + governors_
    anchor_ids = {a.i for a in anchors}
    for i in range(sent.start, sent.end):
        t = doc.tokens[i]
        w = t.lower
        clause: Token | None = None
        if t.dep == "mark" and w in cues.conditions and w not in {"should"}:
            clause = sx.head(doc, t)
        elif t.dep == "advmod" and w in {"when", "once", "whenever"} and sx.head(doc, t) is not None:
            clause = sx.head(doc, t)
            if clause is not None and clause.tag not in {"VBP", "VBZ", "VB"}:
                clause = None  # "when Russia invaded" narrates; "when conditions permit" conditions
        elif w in {"provided", "providing"} and t.pos == "VERB" and i > sent.start and \
                doc.tokens[i - 1].text in {",", "\u2014", "-"}:
            clause = t  # ", provided such an operation is far from the front line"
        if clause is None or sx.is_ancestor(doc, clause, trigger):
            continue  # the event sits inside the condition: it is what is conditioned on
        attach = sx.head(doc, clause)
        if attach is None or attach.i not in anchor_ids:
            continue
        start, end = sx.subtree_span(doc, clause)
        start = min(start, t.i)
        while end > start and doc.tokens[end - 1].dep == "punct":
            end -= 1
        text = doc.doc.text[doc.tokens[start].idx:doc.tokens[end - 1].end]
        return text.strip(' "\u201c\u201d,')
    return None
