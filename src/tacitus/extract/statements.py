"""Every attributed statement in a document (who said what, through whom), events or not."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..models import ParsedDoc, Party, Token
from . import syntax as sx
from .attribution import from_reporting_verb

# Reporting verbs need something reported: a clause, a quote or a direct object that is speech.
_CONTENT_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "dobj", "advcl"})


@dataclass(frozen=True, slots=True)
class Statement:
    """One attribution: speaker (resolved), cue and content spans as character offsets."""

    speaker: Party | None
    speaker_span: tuple[int, int] | None
    cue: str
    cue_span: tuple[int, int]
    content_span: tuple[int, int] | None
    channel: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"speaker": self.speaker.to_dict() if self.speaker else None, "speaker_span": self.speaker_span,
                "cue": self.cue, "cue_span": self.cue_span, "content_span": self.content_span,
                "channel": list(self.channel)}


def _content(doc: ParsedDoc, r: Token) -> tuple[int, int] | None:
    """The reported clause: the verb's complement, or the clause it hangs on ('..., X said')."""
    for k in doc.children(r.i):
        if k.dep in {"ccomp", "parataxis"} or (k.dep == "xcomp" and k.pos == "VERB"):
            s, e = sx.subtree_span(doc, k)
            return doc.tokens[s].idx, doc.tokens[e - 1].end
    if r.dep in {"parataxis", "ccomp", "advcl", "conj"} and r.head != r.i:
        h = doc.tokens[r.head]
        toks = [t for t in sx.subtree(doc, h) if not sx.is_ancestor(doc, r, t)]
        if toks:
            return toks[0].idx, toks[-1].end
    return None


def find_statements(run, doc: ParsedDoc) -> list[Statement]:
    """Statements of a parsed document, using a document context's memory to resolve speakers."""
    cues = run.res.cues
    out: list[Statement] = []
    for sent in doc.sentences:
        run.remember_entities(sent)
        for t in doc.tokens[sent.start:sent.end]:
            lem = t.lemma.lower()
            if t.pos != "VERB" or lem not in cues.reporting or lem in {"cite", "quote"}:
                continue
            content = _content(doc, t)
            raw = from_reporting_verb(doc, t, cues)
            if content is None and raw.speaker is None:
                continue
            speaker = run.party(raw.speaker) if raw.speaker is not None else None
            sp_span = None
            if raw.speaker is not None:
                s, e = sx.mention_span(doc, raw.speaker)
                sp_span = (doc.tokens[s].idx, doc.tokens[e - 1].end)
            channel = []
            for c in raw.channel:
                s, e = sx.mention_span(doc, c)
                channel.append(doc.doc.text[doc.tokens[s].idx:doc.tokens[e - 1].end])
            out.append(Statement(speaker, sp_span, t.text, (t.idx, t.end), content, tuple(channel)))
        for t in doc.tokens[sent.start:sent.end]:
            if t.lower == "according" and t.i + 1 < sent.end and doc.tokens[t.i + 1].lower == "to":
                o = sx.child(doc, doc.tokens[t.i + 1], "pobj")
                if o is None:
                    continue
                s, e = sx.mention_span(doc, o)
                out.append(Statement(run.party(o), (doc.tokens[s].idx, doc.tokens[e - 1].end), "according to",
                                     (t.idx, doc.tokens[t.i + 1].end), None, ()))
        run.remember_speaker(sent)
    return out


def statements(extractor, doc: ParsedDoc, published: date | None = None) -> list[Statement]:
    """Entry point: all statements of one parsed document."""
    return find_statements(extractor.context(doc, published), doc)
