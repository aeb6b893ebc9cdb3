"""Who says so: the speaker, the channel chain and the cue for an event's sentence position."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import ParsedDoc, Token
from . import syntax as sx
from .cues import Cues

# Nouns that stand for what someone said: "citing Blair's interview", "according to a statement by".
_SPEECH_NOUNS = frozenset({"interview", "statement", "remarks", "remark", "comments", "comment", "speech",
                           "address", "briefing", "report", "post", "tweet", "letter", "message",
                           "announcement", "words", "testimony", "claim", "claims", "press", "conference",
                           "source", "sources", "memo", "note", "telegram", "video", "appearance"})
_QUOTE_OPEN = "\u201c\"\u00ab"
_QUOTE_CLOSE = "\u201d\"\u00bb"


@dataclass(frozen=True, slots=True)
class RawAttribution:
    """Token-level attribution before actor normalisation."""

    speaker: Token | None
    channel: tuple[Token, ...]
    cue: Token | None
    cue_text: str | None = None


def _speech_holder(doc: ParsedDoc, t: Token) -> tuple[Token | None, Token | None]:
    """For a cited noun ("Bill Blair's interview with the Toronto Star") return (speaker, channel)."""
    if t.lemma.lower() not in _SPEECH_NOUNS:
        return t, None
    speaker = sx.child(doc, t, "poss")
    channel = None
    for prep, o in sx.pobj_of(doc, t, "with", "to", "on", "by", "from", "in"):
        if prep == "by" and speaker is None:
            speaker = o
        elif prep in {"with", "to", "on", "in"} and channel is None:
            channel = o
        elif prep == "from" and speaker is None:
            speaker = o
    return speaker, channel


def from_reporting_verb(doc: ParsedDoc, r: Token, cues: Cues) -> RawAttribution:
    """Speaker, channel and cue of one reporting verb ("X told Reuters", "Y reports, citing Z")."""
    subj = sx.child(doc, r, "nsubj")
    agent = None
    for prep, o in sx.pobj_of(doc, r, "by"):
        agent = o
    speaker = subj or agent
    channel: list[Token] = []
    if r.lemma.lower() == "tell":
        o = sx.child(doc, r, "dobj", "dative", "iobj")
        if o is not None and o.pos == "PROPN":
            channel.append(o)
    for prep, o in sx.pobj_of(doc, r, "to", "in", "on"):
        if prep == "to" and o.pos == "PROPN" and r.lemma.lower() in {"say", "tell", "confirm", "speak", "explain"}:
            channel.append(o)
        elif prep in {"in", "on"}:
            sp, ch = _speech_holder(doc, o)
            if ch is not None:
                channel.append(ch)
    # "Rubryka reports, citing X's interview with the Toronto Star": the reporter becomes a channel.
    for k in doc.children(r.i):
        if k.dep in {"advcl", "xcomp", "prep", "conj"} and k.lemma.lower() in {"cite", "quote", "citing", "quoting"}:
            o = sx.child(doc, k, "dobj", "pobj")
            if o is None:
                continue
            sp, ch = _speech_holder(doc, o)
            chain = [c for c in (ch,) if c is not None]
            if speaker is not None:
                chain.append(speaker)
            channel = chain + channel
            speaker = sp
    return RawAttribution(speaker, tuple(channel), r, r.text)


def _according_to(doc: ParsedDoc, path: list[Token]) -> RawAttribution | None:
    for g in path:
        for k in doc.children(g.i):
            if k.dep == "prep" and k.lower == "according":
                for to in doc.children(k.i):
                    if to.lower == "to":
                        o = sx.child(doc, to, "pobj")
                        if o is not None:
                            sp, ch = _speech_holder(doc, o)
                            return RawAttribution(sp, (ch,) if ch else (), k, "according to")
    return None


def attribute(doc: ParsedDoc, trigger: Token, reporting: Token | None, cues: Cues) -> RawAttribution | None:
    """The attribution governing the event at `trigger` within its sentence, if any."""
    path = [trigger] + list(sx.ancestors(doc, trigger, limit=8))
    if reporting is not None and reporting.i != trigger.i:
        return from_reporting_verb(doc, reporting, cues)
    acc = _according_to(doc, path)
    if acc is not None:
        return acc
    # Inverted reports: "Russia attacked Kyiv overnight, officials said" (said hangs off the content).
    for g in path:
        for k in doc.children(g.i):
            if k.dep in {"parataxis", "advcl", "ccomp", "conj"} and k.lemma.lower() in cues.reporting \
                    and k.lemma.lower() not in {"cite", "quote"} \
                    and k.pos in {"VERB"} and k.i > trigger.i and not sx.is_ancestor(doc, k, trigger):
                if k.dep == "conj" and sx.child(doc, k, "ccomp") is not None:
                    continue
                found = from_reporting_verb(doc, k, cues)
                if found.speaker is not None:
                    return found
    # Reporting verb that governs the event further up ("X said ... that Y, and that Z").
    for g in path[1:]:
        if g.pos == "VERB" and g.lemma.lower() in cues.reporting and g.i != trigger.i:
            return from_reporting_verb(doc, g, cues)
    return None


_QUOTE_RE = re.compile(r"[\u201c\"]([^\u201c\u201d\"]{12,}?)[\u201d\"]", re.S)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted passages (straight or curly quotes, across sentences)."""
    return [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text)]


def quote_speaker(doc: ParsedDoc, span: tuple[int, int], cues: Cues) -> RawAttribution | None:
    """The reporting verb right after or before a quote: '"...," he said.' or 'X said: "..."'."""
    start, end = span
    after = [t for t in doc.tokens if end <= t.idx < end + 60]
    for t in after[:8]:
        if t.pos == "VERB" and t.lemma.lower() in cues.reporting:
            return from_reporting_verb(doc, t, cues)
        if t.text in {".", "!", "?"} and t.idx > end + 1:
            break
    before = [t for t in doc.tokens if start - 60 <= t.idx < start]
    for t in reversed(before[-8:]):
        if t.pos == "VERB" and t.lemma.lower() in cues.reporting:
            return from_reporting_verb(doc, t, cues)
    return None
