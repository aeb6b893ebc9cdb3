"""Gold loaders for the XML corpora: MEANTIME (CAT), TimeBank (TimeML .tml), ECB+ (CAT).

Text reconstruction for CAT files (MEANTIME, ECB+), which hold tokens but no raw text: the
tokens of a sentence are joined with single spaces and sentences with one "\\n", so
``text[start:end]`` of a mention is its tokens joined by spaces (``"U.S. 's"``, ``"( AP )"``).
Offsets are exact for that reconstruction, not for the original article; a mention anchored to
several tokens gets the hull from its first to its last token. TimeBank keeps the running text of
``<TEXT>`` exactly (tags removed), so its offsets are the original characters.
"""
from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator

Span = tuple[int, int]

POSSIBLE_WORDS = {"may", "might", "could", "can", "possibly", "perhaps", "maybe", "probably", "likely",
                  "ca", "cannot"}
PLANNED_WORDS = {"will", "'ll", "shall", "going to", "wo", "gonna", "to"}
HYPOTHETICAL_WORDS = {"would", "'d", "should", "must", "ought", "need", "have to", "has to"}


def meantime_modality(certainty: str, polarity: str, time: str, special: str = "") -> str:
    """MEANTIME factuality -> our modality: NEG negated; POSSIBLE/PROBABLE possible;
    COND_* hypothetical; FUTURE planned; else asserted (first rule that fires)."""
    if polarity == "NEG":
        return "negated"
    if certainty in ("POSSIBLE", "PROBABLE"):
        return "possible"
    if special.startswith("COND"):
        return "hypothetical"
    if time == "FUTURE":
        return "planned"
    return "asserted"


def timebank_modality(polarity: str, modality: str, tense: str) -> str:
    """TimeML MAKEINSTANCE -> our modality: NEG negated; may/might/could/can possible;
    would/should/must hypothetical; will/'ll/shall or tense FUTURE planned; else asserted."""
    m = (modality or "").strip().lower()
    if polarity == "NEG":
        return "negated"
    if m in POSSIBLE_WORDS:
        return "possible"
    if m in HYPOTHETICAL_WORDS:
        return "hypothetical"
    if m in PLANNED_WORDS or tense == "FUTURE":
        return "planned"
    return "asserted"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """An event mention with its factuality attributes and the mapped `modality`."""

    id: str
    start: int
    end: int
    text: str
    modality: str
    polarity: str = ""
    certainty: str = ""
    time: str = ""
    tense: str = ""
    aspect: str = ""
    cls: str = ""
    pos: str = ""
    modal_word: str = ""
    special: str = ""


@dataclass(frozen=True, slots=True)
class GoldTimex:
    id: str
    start: int
    end: int
    text: str
    type: str
    value: str
    function: str = "NONE"


@dataclass(frozen=True, slots=True)
class EventDoc:
    """A MEANTIME or TimeBank document."""

    id: str
    text: str
    published: date | None
    events: tuple[GoldEvent, ...]
    timexes: tuple[GoldTimex, ...]
    corpus: str = ""


def parse_iso_date(value: str | None) -> date | None:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _cat_tokens(root: ET.Element, keep_sentences: set[int] | None = None
                ) -> tuple[str, dict[str, tuple[int, int, int]]]:
    """Reconstructed text and {t_id: (start, end, sentence)} for a CAT document."""
    by_sent: dict[int, list[tuple[str, str]]] = {}
    for tok in root.iter("token"):
        s = int(tok.get("sentence", "0"))
        by_sent.setdefault(s, []).append((tok.get("t_id", ""), tok.text or ""))
    parts: list[str] = []
    pos = 0
    where: dict[str, tuple[int, int, int]] = {}
    for s in sorted(by_sent):
        if parts:
            parts.append("\n")
            pos += 1
        for k, (tid, t) in enumerate(by_sent[s]):
            if k:
                parts.append(" ")
                pos += 1
            where[tid] = (pos, pos + len(t), s)
            parts.append(t)
            pos += len(t)
    return "".join(parts), where


def _anchor_span(el: ET.Element, where: dict[str, tuple[int, int, int]]) -> tuple[int, int, int] | None:
    spans = [where[a.get("t_id", "")] for a in el.iter("token_anchor") if a.get("t_id", "") in where]
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans), spans[0][2]


# ---------------------------------------------------------------- meantime

def load_meantime(path: str | Path) -> Iterator[EventDoc]:
    """`intra-doc_annotation/corpus_*/*.xml`; published = the CREATION_TIME TIMEX3 value."""
    root = Path(path)
    files = [root] if root.is_file() else sorted(root.rglob("*.xml"))
    for f in files:
        if "intra_cross" in str(f):
            continue
        doc = ET.parse(f).getroot()
        if doc.tag != "Document":
            continue
        text, where = _cat_tokens(doc)
        mark = doc.find("Markables")
        events, timexes = [], []
        published = None
        for el in (mark if mark is not None else []):
            sp = _anchor_span(el, where)
            if el.tag == "TIMEX3":
                if el.get("functionInDocument") == "CREATION_TIME":
                    published = parse_iso_date(el.get("value"))
                if sp:
                    timexes.append(GoldTimex(el.get("m_id", ""), sp[0], sp[1], text[sp[0]:sp[1]],
                                             el.get("type", ""), el.get("value", ""),
                                             el.get("functionInDocument", "NONE")))
            elif el.tag == "EVENT_MENTION" and sp:
                c, p, t, sc = (el.get(k, "") for k in ("certainty", "polarity", "time", "special_cases"))
                events.append(GoldEvent(el.get("m_id", ""), sp[0], sp[1], text[sp[0]:sp[1]],
                                        meantime_modality(c, p, t, sc), polarity=p, certainty=c, time=t,
                                        tense=el.get("tense", ""), aspect=el.get("aspect", ""),
                                        pos=el.get("pos", ""), special=sc))
        yield EventDoc(doc.get("doc_name") or f.stem, text, published, tuple(events), tuple(timexes),
                       f.parent.name)


# ---------------------------------------------------------------- timebank

def _walk_text(el: ET.Element, parts: list[str], pos: list[int], found: list[tuple[ET.Element, int, int]]) -> None:
    if el.text:
        parts.append(el.text)
        pos[0] += len(el.text)
    for ch in el:
        start = pos[0]
        _walk_text(ch, parts, pos, found)
        found.append((ch, start, pos[0]))
        if ch.tail:
            parts.append(ch.tail)
            pos[0] += len(ch.tail)


def load_timebank(path: str | Path, split: str = "TimeBank") -> Iterator[EventDoc]:
    """`<split>/*.tml` (split "TimeBank" or "te3-platinum"); text = the <TEXT> element's running
    text; published = the CREATION_TIME TIMEX3 (in <DCT>); modality from the first MAKEINSTANCE."""
    root = Path(path)
    if root.is_file():
        files = [root]
    else:
        base = root / split if (root / split).is_dir() else root
        files = sorted(base.glob("*.tml"))
    for f in files:
        doc = ET.parse(f).getroot()
        published = None
        for tx in doc.iter("TIMEX3"):
            if tx.get("functionInDocument") == "CREATION_TIME":
                published = parse_iso_date(tx.get("value"))
                break
        inst: dict[str, dict[str, str]] = {}
        for mi in doc.iter("MAKEINSTANCE"):
            inst.setdefault(mi.get("eventID", ""), dict(mi.attrib))
        body = doc.find("TEXT")
        if body is None:
            continue
        parts: list[str] = []
        found: list[tuple[ET.Element, int, int]] = []
        body_copy = ET.Element("TEXT")
        body_copy.text, body_copy[:] = body.text, list(body)
        _walk_text(body_copy, parts, [0], found)
        text = "".join(parts)
        events, timexes = [], []
        for el, s, e in sorted(found, key=lambda x: x[1]):
            if el.tag == "EVENT":
                mi = inst.get(el.get("eid", ""), {})
                pol, mod, tense = mi.get("polarity", "POS"), mi.get("modality", ""), mi.get("tense", "")
                events.append(GoldEvent(el.get("eid", ""), s, e, text[s:e], timebank_modality(pol, mod, tense),
                                        polarity=pol, tense=tense, aspect=mi.get("aspect", ""),
                                        cls=el.get("class", ""), pos=mi.get("pos", ""), modal_word=mod))
            elif el.tag == "TIMEX3":
                timexes.append(GoldTimex(el.get("tid", ""), s, e, text[s:e], el.get("type", ""),
                                         el.get("value", ""), el.get("functionInDocument", "NONE")))
        yield EventDoc(f.stem, text, published, tuple(events), tuple(timexes), f.parent.name)


# ---------------------------------------------------------------- ecbplus

@dataclass(frozen=True, slots=True)
class EcbMention:
    """An action mention; `key` is corpus-unique, `chain` its gold cluster id."""

    key: str
    doc: str
    topic: str
    sentence: int
    start: int
    end: int
    text: str
    tag: str
    chain: str


@dataclass(frozen=True, slots=True)
class EcbDoc:
    id: str  # e.g. "1_10ecbplus"
    topic: str
    text: str
    mentions: tuple[EcbMention, ...]


def _ecb_sentences(root: Path) -> dict[tuple[str, str], set[int]]:
    f = root / "ECBplus_coreference_sentences.csv"
    keep: dict[tuple[str, str], set[int]] = {}
    with f.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            keep.setdefault((row["Topic"].strip(), row["File"].strip()), set()).add(int(row["Sentence Number"]))
    return keep


def load_ecbplus(path: str | Path, *, restrict: bool = True, topics: set[str] | None = None) -> Iterator[EcbDoc]:
    """`ECB+/<topic>/<topic>_<n>ecb[plus].xml`: action mentions (ACTION_*, NEG_ACTION_*) in the
    sentences listed in ECBplus_coreference_sentences.csv (unless `restrict` is False).

    chain = the CROSS_DOC_COREF note (instance id); mentions only in an INTRA_DOC_COREF get a
    document-local chain "<doc>/<r_id>"; the rest are singletons "<doc>/<m_id>".
    """
    root = Path(path)
    keep = _ecb_sentences(root) if restrict else None
    tree = root / "ECB+" if (root / "ECB+").is_dir() else root

    def order(p: Path) -> tuple:
        return tuple(int(x) if x.isdigit() else x for x in re.split(r"(\d+)", p.stem))

    for topic_dir in sorted((d for d in tree.iterdir() if d.is_dir()), key=lambda d: order(d)):
        topic = topic_dir.name
        if topics is not None and topic not in topics:
            continue
        for f in sorted(topic_dir.glob("*.xml"), key=order):
            stem = f.stem  # "1_10ecbplus"
            file_key = stem.split("_", 1)[1] if "_" in stem else stem
            sents = keep.get((topic, file_key)) if keep is not None else None
            if keep is not None and not sents:
                continue
            doc = ET.parse(f).getroot()
            text, where = _cat_tokens(doc)
            chain_of: dict[str, str] = {}
            for rel in doc.iter("INTRA_DOC_COREF"):
                for s in rel.iter("source"):
                    chain_of.setdefault(s.get("m_id", ""), f"{stem}/{rel.get('r_id')}")
            for rel in doc.iter("CROSS_DOC_COREF"):
                for s in rel.iter("source"):
                    chain_of[s.get("m_id", "")] = rel.get("note") or f"{stem}/{rel.get('r_id')}"
            mentions = []
            mark = doc.find("Markables")
            for el in (mark if mark is not None else []):
                if not (el.tag.startswith("ACTION_") or el.tag.startswith("NEG_ACTION_")):
                    continue
                sp = _anchor_span(el, where)
                if sp is None or (sents is not None and sp[2] not in sents):
                    continue
                mid = el.get("m_id", "")
                mentions.append(EcbMention(f"{stem}/{mid}", stem, topic, sp[2], sp[0], sp[1],
                                           text[sp[0]:sp[1]], el.tag, chain_of.get(mid, f"{stem}/{mid}")))
            yield EcbDoc(stem, topic, text, tuple(mentions))
