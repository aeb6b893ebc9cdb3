"""Dependency-tree helpers over ParsedDoc (no spaCy): paths, subtrees, conjuncts, mention spans."""
from __future__ import annotations

from collections.abc import Iterator

from ..models import ParsedDoc, Token

SUBJ = frozenset({"nsubj", "csubj", "expl"})
PASS_SUBJ = frozenset({"nsubjpass", "csubjpass"})
OBJ = frozenset({"dobj", "obj", "attr", "oprd"})
# Words that only measure their "of"-complement: "a limited number of servicemen", "a batch of vehicles".
MEASURE_NOUNS = frozenset({
    "number", "batch", "group", "total", "lot", "couple", "dozen", "dozens", "hundred", "hundreds",
    "thousand", "thousands", "million", "millions", "part", "portion", "series", "wave", "round",
    "set", "package", "shipment", "consignment", "host", "range", "kind", "type", "amount", "flurry",
    "string", "spate", "barrage", "volley", "salvo", "contingent_of",
})
# Pieces of a noun phrase kept when we cut a mention out of the tree.
_MENTION_LEFT = frozenset({"compound", "amod", "nmod", "det", "nummod", "poss", "case", "quantmod",
                           "predet", "npadvmod", "punct", "nummod", "advmod"})


def head(doc: ParsedDoc, t: Token) -> Token | None:
    """The syntactic head, or None at the root."""
    return None if t.head == t.i else doc.tokens[t.head]


def ancestors(doc: ParsedDoc, t: Token, limit: int = 50) -> Iterator[Token]:
    """Heads of t, nearest first."""
    cur = t
    for _ in range(limit):
        h = head(doc, cur)
        if h is None:
            return
        yield h
        cur = h


def is_ancestor(doc: ParsedDoc, a: Token, t: Token) -> bool:
    """True when a dominates t (or is t)."""
    if a.i == t.i:
        return True
    return any(h.i == a.i for h in ancestors(doc, t))


def subtree(doc: ParsedDoc, t: Token) -> list[Token]:
    """t and all its dependents, in text order."""
    out = [t.i]
    stack = list(doc.kids[t.i])
    while stack:
        j = stack.pop()
        out.append(j)
        stack.extend(doc.kids[j])
    return [doc.tokens[j] for j in sorted(out)]


def subtree_span(doc: ParsedDoc, t: Token) -> tuple[int, int]:
    """Token range [start, end) covered by t's subtree."""
    toks = subtree(doc, t)
    return toks[0].i, toks[-1].i + 1


def children(doc: ParsedDoc, t: Token, *deps: str) -> list[Token]:
    """Dependents of t, optionally only with the given relations."""
    kids = doc.children(t.i)
    return [k for k in kids if k.dep in deps] if deps else kids


def child(doc: ParsedDoc, t: Token, *deps: str) -> Token | None:
    """First dependent of t with one of the relations."""
    for k in doc.children(t.i):
        if k.dep in deps:
            return k
    return None


def conjuncts(doc: ParsedDoc, t: Token) -> list[Token]:
    """t and the tokens coordinated with it ("Poland and the Czech Republic")."""
    out = [t]
    stack = [t]
    while stack:
        cur = stack.pop()
        for k in doc.children(cur.i):
            if k.dep == "conj" and k.pos in {"PROPN", "NOUN", "PRON", "ADJ", "X"}:
                out.append(k)
                stack.append(k)
    return sorted(out, key=lambda x: x.i)


def particle(doc: ParsedDoc, t: Token) -> str | None:
    """Verb particle ("rule out", "pull out", "call off")."""
    p = child(doc, t, "prt")
    return p.lower if p else None


def pobj_of(doc: ParsedDoc, t: Token, *preps: str) -> list[tuple[str, Token]]:
    """(preposition, object) pairs for t's prepositional dependents."""
    out = []
    for k in doc.children(t.i):
        if k.dep in {"prep", "agent", "dative"} and (not preps or k.lower in preps):
            if k.dep == "dative" and k.pos != "ADP":
                out.append(("dative", k))
                continue
            for o in doc.children(k.i):
                if o.dep in {"pobj", "pcomp"}:
                    out.append((k.lower, o))
            # "along with", "away from": the real preposition hangs one level down.
            for k2 in doc.children(k.i):
                if k2.dep == "prep":
                    for o in doc.children(k2.i):
                        if o.dep == "pobj":
                            out.append((f"{k.lower} {k2.lower}", o))
    return out


def measured(doc: ParsedDoc, t: Token) -> Token:
    """Skip measure nouns to what they measure: "number of servicemen" -> servicemen."""
    cur = t
    for _ in range(3):
        if cur.lemma.lower() not in MEASURE_NOUNS and cur.lower not in MEASURE_NOUNS:
            return cur
        nxt = None
        for _, o in pobj_of(doc, cur, "of"):
            nxt = o
            break
        if nxt is None:
            return cur
        cur = nxt
    return cur


def mention_span(doc: ParsedDoc, t: Token, *, with_of: bool = True) -> tuple[int, int]:
    """Token range of the noun phrase headed by t, without relative clauses or most PPs."""
    ent = doc.entity_at(t.i)
    start, end = t.i, t.i + 1
    if ent is not None and ent.label in {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}:
        start, end = min(start, ent.start), max(end, ent.end)
    # Left modifiers that are contiguous with the head ("French President Emmanuel Macron").
    for k in _left_mods(doc, t):
        if k.i < start:
            start = min(start, subtree_span(doc, k)[0])
    if with_of:
        # "Minister of Defense", "representatives of Canada", "President of Ukraine".
        for prep, o in pobj_of(doc, t, "of"):
            if o.i >= end and o.pos in {"PROPN", "NOUN"}:
                _, e2 = subtree_span(doc, o)
                end = max(end, min(e2, o.i + 1 + _right_name_len(doc, o)))
                # "members of the armed forces of Ukraine": the state at the end of a chain of "of" names
                # whose forces they are.
                for _p2, o2 in pobj_of(doc, o, "of"):
                    if o2.i >= end and (o2.pos == "PROPN" or o2.ent_type in {"GPE", "NORP", "ORG"}):
                        end = max(end, o2.i + 1 + _right_name_len(doc, o2))
    # Drop a trailing possessive marker and edge punctuation.
    while end > start and doc.tokens[end - 1].dep in {"case", "punct"}:
        end -= 1
    while start < end and doc.tokens[start].dep == "punct":
        start += 1
    return start, end


def _left_mods(doc: ParsedDoc, t: Token) -> list[Token]:
    return [k for k in doc.children(t.i) if k.i < t.i and k.dep in _MENTION_LEFT and k.dep != "punct"]


def _right_name_len(doc: ParsedDoc, o: Token) -> int:
    n = 0
    for k in doc.children(o.i):
        if k.i > o.i and k.dep in {"compound", "flat"}:
            n = max(n, k.i - o.i)
    return n


def sentence_tokens(doc: ParsedDoc, sent_index: int) -> list[Token]:
    """Tokens of one sentence."""
    s = doc.sentences[sent_index]
    return list(doc.tokens[s.start:s.end])


def has_own_subject(doc: ParsedDoc, t: Token) -> bool:
    """True when t has a nominal subject of its own."""
    return any(k.dep in SUBJ | PASS_SUBJ for k in doc.children(t.i))


def verb_form(t: Token) -> str:
    """VerbForm value from the morphology ("Inf", "Part", "Fin", "Ger" or "")."""
    for part in t.morph.split("|"):
        if part.startswith("VerbForm="):
            return part.split("=", 1)[1]
    return ""


def is_passive(doc: ParsedDoc, t: Token) -> bool:
    """A passive verb: has a passive subject or auxiliary, or is a participle modifier."""
    if any(k.dep in PASS_SUBJ or k.dep == "auxpass" for k in doc.children(t.i)):
        return True
    if t.dep == "acl" and t.tag in {"VBN", "VBD"} and not any(k.dep in SUBJ or k.dep == "aux" for k in doc.children(t.i)):
        return True  # "the agreement, signed last weekend" (the tagger often says VBD)
    if t.dep == "conj" and t.tag in {"VBN", "VBD"} and t.head != t.i:
        return is_passive(doc, doc.tokens[t.head]) and not any(k.dep in SUBJ for k in doc.children(t.i))
    return False
