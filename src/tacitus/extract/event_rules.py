"""Word lists and small helpers of the event stage (kept apart so events.py stays readable)."""
from __future__ import annotations

from ..models import Event, ParsedDoc, Party, Sentence, Token
from . import syntax as sx
from .lexicon import Sense

SKIP_NOUN_UNDER = frozenset({"dobj", "nsubjpass", "pobj", "attr", "conj", "appos", "compound"})
# Lexical word lists (war-state nouns, light heads, movement nouns, place prepositions, currencies ...)
# live in data/lexicon/rules.yaml (extract/rules.py); only closed-class grammar stays here.
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves"})
FIRST_PERSON = frozenset({"we", "our", "us", "ours", "i", "my", "me"})
REL_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose", "what"})


def token_index(doc: ParsedDoc, char: int) -> int:
    """Index of the token starting at or covering a character offset (binary search)."""
    lo, hi = 0, len(doc.tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc.tokens[mid].idx <= char:
            lo = mid + 1
        else:
            hi = mid
    return max(0, lo - 1)


def headline(text: str) -> bool:
    """A title line: no closing punctuation ("NATO sending soldiers to Ukraine")."""
    return not text.rstrip().endswith((".", "!", "?", '"', "\u201d", "'", ")", ":"))


def token_at(doc: ParsedDoc, sent: Sentence, char: int | None) -> Token | None:
    if char is None:
        return None
    for t in doc.tokens[sent.start:sent.end]:
        if t.idx <= char < t.end or t.idx >= char:
            return t
    return None


def head_noun_is(doc: ParsedDoc, tok: Token, noun: Token) -> bool:
    cur: Token | None = tok
    for _ in range(3):
        if cur is None:
            return False
        if cur.i == noun.i:
            return True
        cur = sx.head(doc, cur)
    return False


def same(a: Party, b: Party) -> bool:
    if a.start is not None and a.start == b.start:
        return True
    return bool(a.country and a.country == b.country and a.kind == b.kind and a.sector == b.sector
                and (a.name or a.text) == (b.name or b.text))


def confidence(sense: Sense, t: Token, actor: Party | None, target: Party | None, how: str, modality: str) -> float:
    c = 0.4
    if actor is not None and actor.country:
        c += 0.2
    elif actor is not None:
        c += 0.08
    if target is not None and target.country:
        c += 0.12
    if sense.source == "core":
        c += 0.1
    if t.pos == "VERB":
        c += 0.05
    if actor is not None and actor.source and ("pronoun" in actor.source or "definite" in actor.source):
        c -= 0.08
    if how in {"control", "conj", "control-poss"}:
        c -= 0.03
    return max(0.05, min(0.95, c))


def dedupe(events: list[Event]) -> list[Event]:
    seen: set[str] = set()
    out = []
    for e in events:
        if e.id in seen:
            continue
        seen.add(e.id)
        out.append(e)
    return out
