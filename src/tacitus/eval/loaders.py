"""Gold loaders for the sentence-level benchmarks (JSON, TSV, CoNLL, JSONL, brat).

Every loader takes the benchmark folder (``../shared/benchmarks/<name>`` beside the repository) or the data file
itself and yields frozen dataclasses; spans are half-open character offsets into the item's
``text``. The XML corpora (MEANTIME, TimeBank, ECB+) are in `loaders_xml`; `LOADERS` maps
benchmark names to loader functions for both.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator

Span = tuple[int, int]

# PLOVER 0.5b1 (2016) labels used in the GSR file -> today's types (README; PLOVER manual table)
GSR_LABEL_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
PLV_LABELS = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONSULT", "COOPERATE", "MOBILIZE",
              "PROTEST", "REJECT", "REQUEST", "SANCTION", "SUPPORT", "THREATEN", "YIELD")


def _file(path: str | Path, *candidates: str) -> Path:
    """`path` itself when it is a file, else the first existing candidate below it."""
    p = Path(path)
    if p.is_file():
        return p
    for c in candidates:
        if (p / c).is_file():
            return p / c
    raise FileNotFoundError(f"none of {candidates} found under {p}")


def strip_markup(marked: str, pattern: re.Pattern[str]) -> tuple[str, list[tuple[str, Span]]]:
    """Remove inline markup; return the plain text and (tag, span) of each marked stretch.

    `pattern` must have groups ``tag`` and ``body``; the body is kept in the text.
    """
    out: list[str] = []
    spans: list[tuple[str, Span]] = []
    pos = 0
    n = 0
    for m in pattern.finditer(marked):
        out.append(marked[pos:m.start()])
        n += m.start() - pos
        body = m.group("body")
        spans.append((m.group("tag"), (n, n + len(body))))
        out.append(body)
        n += len(body)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


# ---------------------------------------------------------------- plover-gsr

@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str
    code: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class GsrItem:
    """One PLOVER gold-standard record. `event` is the current PLOVER type, `raw_event` the file's."""

    id: str
    text: str
    event: str
    raw_event: str
    event_text: str
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]
    mode: str | None = None
    context: str | None = None
    comment: str | None = None
    source_spans: tuple[Span, ...] = ()  # from textInfo.markup; SRC/TAR spans are in both
    target_spans: tuple[Span, ...] = ()
    event_spans: tuple[Span, ...] = ()

    @property
    def source_codes(self) -> frozenset[str]:
        return frozenset(a.code for a in self.sources if a.code)

    @property
    def target_codes(self) -> frozenset[str]:
        return frozenset(a.code for a in self.targets if a.code)


_GSR_MARK = re.compile(r"\((?P<tag>SRC/TAR|SRC|TAR|EVT|LOC):\s?(?P<body>[^()]*?)\)")


def _gsr_spans(text: str, markup: str | None) -> dict[str, list[Span]]:
    out: dict[str, list[Span]] = {"SRC": [], "TAR": [], "EVT": []}
    if not markup:
        return out
    plain, spans = strip_markup(markup, _GSR_MARK)
    aligned = plain == text
    for tag, (s, e) in spans:
        if not aligned:  # markup text drifted from `text`: find the body in the text instead
            body = plain[s:e]
            k = text.find(body) if body else -1
            if k < 0:
                continue
            s, e = k, k + len(body)
        for t in tag.split("/"):
            if t in out:
                out[t].append((s, e))
    return out


def _actors(value: object) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):
        return ()  # absent (25 records) or a stray string (9)
    out = []
    for a in value:
        if isinstance(a, dict):
            sector = a.get("sector")
            out.append(GoldActor(a.get("actorText", ""), a.get("code") or None,
                                 None if sector in (None, "", "***") else sector))
    return tuple(out)


def load_plover_gsr(path: str | Path) -> Iterator[GsrItem]:
    """PLOVER_GSR_CAMEO.txt: a JSON array; the first (DOCUMENT) object is skipped."""
    data = json.loads(_file(path, "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    for rec in data:
        if rec.get("event") == "DOCUMENT":
            continue
        raw = rec["event"]
        info = rec.get("textInfo")
        markup = info.get("markup") if isinstance(info, dict) else info  # one record holds a bare string
        spans = _gsr_spans(rec["text"], markup if isinstance(markup, str) else None)
        yield GsrItem(
            id=rec["id"], text=rec["text"], event=GSR_LABEL_MAP.get(raw, raw), raw_event=raw,
            event_text=rec.get("eventText", ""), sources=_actors(rec.get("source")),
            targets=_actors(rec.get("target")), mode=rec.get("mode") or None,
            context=rec.get("context") or None, comment=rec.get("comment") or None,
            source_spans=tuple(spans["SRC"]), target_spans=tuple(spans["TAR"]),
            event_spans=tuple(spans["EVT"]))


# ---------------------------------------------------------------- plv

@dataclass(frozen=True, slots=True)
class PlvItem:
    """One marked dyad; spans come from `marked_sentence` (None when a side is not marked)."""

    sentence_id: str
    text: str
    source: str
    target: str
    source_span: Span | None
    target_span: Span | None
    gold_root: str
    gold_penta: int


_PLV_MARK = re.compile(r"<(?P<tag>[st])>(?P<body>.*?)</(?P=tag)>", re.S)


def load_plv(path: str | Path) -> Iterator[PlvItem]:
    """datasets_PLV_train.tsv (header; only the gold columns are read)."""
    with _file(path, "datasets_PLV_train.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            plain, spans = strip_markup(row["marked_sentence"], _PLV_MARK)
            s = next((sp for tag, sp in spans if tag == "s"), None)
            t = next((sp for tag, sp in spans if tag == "t"), None)
            yield PlvItem(row["sentence_id"], plain, row["source"], row["target"], s, t,
                          row["gold_root"].strip(), int(row["gold_penta"]))


# ---------------------------------------------------------------- conflibert-cameo

@dataclass(frozen=True, slots=True)
class CameoClassItem:
    text: str
    label: int  # PentaClass 0-4


@dataclass(frozen=True, slots=True)
class TaggedSentence:
    """Tokens re-joined with single spaces; `spans` are (start, end, label) char offsets."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    text: str
    spans: tuple[tuple[int, int, str], ...]
    doc: int = 0

    def labelled(self, *labels: str) -> list[tuple[int, int, str]]:
        return [s for s in self.spans if s[2] in labels]


def load_conflibert_class(path: str | Path) -> Iterator[CameoClassItem]:
    """cameo_class/train.tsv: `sentence<TAB>label`, no header."""
    f = _file(path, "cameo_class/train.tsv", "train.tsv")
    with f.open(encoding="utf-8", newline="") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            text, _, label = line.rpartition("\t")
            yield CameoClassItem(text, int(label))


def join_tokens(tokens: list[str]) -> tuple[str, list[Span]]:
    """Text of tokens joined by single spaces, with each token's char span."""
    spans, n = [], 0
    for t in tokens:
        spans.append((n, n + len(t)))
        n += len(t) + 1
    return " ".join(tokens), spans


def decode_bio(tags: list[str], token_spans: list[Span], *, iob1: bool = False) -> list[tuple[int, int, str]]:
    """Entity char spans from IOB2 (B- starts) or IOB1 (I- starts unless it continues the same type)."""
    out: list[tuple[int, int, str]] = []
    cur: list | None = None
    for tag, (s, e) in zip(tags, token_spans):
        if tag == "O" or "-" not in tag:
            if cur:
                out.append(tuple(cur))
            cur = None
            continue
        pre, lab = tag.split("-", 1)
        if cur and cur[2] == lab and (pre == "I"):
            cur[1] = e
            continue
        if cur:
            out.append(tuple(cur))
        cur = [s, e, lab] if (pre == "B" or iob1 or pre == "I") else None
    if cur:
        out.append(tuple(cur))
    return out


def _conll_blocks(f: Path) -> Iterator[list[list[str]]]:
    block: list[list[str]] = []
    with f.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                if block:
                    yield block
                block = []
                continue
            block.append(parts)
    if block:
        yield block


def load_conflibert_ner(path: str | Path) -> Iterator[TaggedSentence]:
    """cameo_ner/train.txt: `token tag` lines (IOB2: S source, T target, R reciprocal)."""
    f = _file(path, "cameo_ner/train.txt", "train.txt")
    for block in _conll_blocks(f):
        toks = [b[0] for b in block]
        tags = [b[-1] for b in block]
        text, tspans = join_tokens(toks)
        yield TaggedSentence(tuple(toks), tuple(tags), text, tuple(decode_bio(tags, tspans)))


# ---------------------------------------------------------------- conll2003

def load_conll2003(path: str | Path, split: str = "eng.testa") -> Iterator[TaggedSentence]:
    """eng.testa (default) or eng.train: 4 columns, IOB1 NER; -DOCSTART- closes a document here.

    `doc` numbers the documents so a runner can feed whole documents (sentences joined by "\\n").
    """
    f = _file(path, split)
    doc = 0
    for block in _conll_blocks(f):
        rows = []
        for b in block:
            if b[0] == "-DOCSTART-":
                continue
            rows.append(b)
        if rows:
            toks = [b[0] for b in rows]
            tags = [b[-1] for b in rows]
            text, tspans = join_tokens(toks)
            yield TaggedSentence(tuple(toks), tuple(tags), text,
                                 tuple(decode_bio(tags, tspans, iob1=True)), doc)
        if any(b[0] == "-DOCSTART-" for b in block):
            doc += 1


# ---------------------------------------------------------------- petrarch-unittest

@dataclass(frozen=True, slots=True)
class PetrItem:
    id: str
    category: str
    published: date | None
    text: str
    expected: tuple[tuple[str, str, str], ...]  # (sourcecode, targetcode, eventcode) of full codings
    comments: tuple[str, ...] = ()
    noevents: bool = False  # the record says no event should be coded
    error_test: bool = False  # an <EventCoding error=...> record


def load_petrarch_unittest(path: str | Path) -> Iterator[PetrItem]:
    """PETR.UnitTest.records.jsonl (one record a line)."""
    f = _file(path, "PETR.UnitTest.records.jsonl")
    with f.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            d = r.get("date") or ""
            pub = date(int(d[:4]), int(d[4:6]), int(d[6:8])) if re.fullmatch(r"\d{8}", d) else None
            raw = r.get("expected_events") or []
            exp = tuple((e.get("sourcecode", ""), e.get("targetcode", ""), e.get("eventcode", ""))
                        for e in raw if e.get("eventcode"))
            yield PetrItem(r["id"], r.get("category", ""), pub, r["text"], exp, tuple(r.get("comments") or ()),
                           noevents=not raw or any("noevents" in e for e in raw),
                           error_test=any("error" in e for e in raw))


# ---------------------------------------------------------------- polnear

@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One E line: spans of Source, Cue and Content (hull of discontinuous fragments)."""

    source: Span | None
    cue: Span | None
    content: Span | None
    source_text: str = ""
    cue_text: str = ""


@dataclass(frozen=True, slots=True)
class PolnearDoc:
    id: str
    text: str
    published: date | None
    annotator: str
    attributions: tuple[GoldAttribution, ...]
    split: str = "train"


_BRAT_T = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t(.*)$")
_DATE_IN_NAME = re.compile(r"_(\d{4})-(\d{2})-(\d{2})_")


def parse_brat(ann: str) -> tuple[dict[str, tuple[str, Span]], list[dict[str, str]]]:
    """T lines -> {id: (label, hull span)}; E lines -> [{role: T id}]. Unparsable lines are skipped."""
    ts: dict[str, tuple[str, Span]] = {}
    es: list[dict[str, str]] = []
    for line in ann.splitlines():
        m = _BRAT_T.match(line)
        if m:
            nums = [int(x) for x in re.findall(r"\d+", m.group(3))]
            if len(nums) >= 2:
                ts[m.group(1)] = (m.group(2), (min(nums), max(nums)))
            continue
        if line.startswith("E") and "\t" in line:
            roles = {}
            for part in line.split("\t", 1)[1].split():
                if ":" in part:
                    k, v = part.split(":", 1)
                    roles[k] = v
            es.append(roles)
    return ts, es


def load_polnear(path: str | Path, split: str = "dev", *, all_annotators: bool = False) -> Iterator[PolnearDoc]:
    """`<split>/text/*.txt` with `<split>/attributions/<stem>_<annotator>.ann`.

    Articles with two annotators yield the first .ann (sorted by name) unless `all_annotators`.
    """
    root = Path(path)
    base = root / split if (root / split).is_dir() else root
    texts = base / "text"
    anns = sorted((base / "attributions").glob("*.ann"))
    seen: set[str] = set()
    for ann in anns:
        stem, _, annotator = ann.stem.rpartition("_")
        if stem in seen and not all_annotators:
            continue
        tf = texts / f"{stem}.txt"
        if not tf.is_file():
            continue
        seen.add(stem)
        text = tf.read_text(encoding="utf-8")
        ts, es = parse_brat(ann.read_text(encoding="utf-8"))
        atts = []
        for e in es:
            def span(role: str) -> Span | None:
                t = ts.get(e.get(role, ""))
                return t[1] if t else None
            s, c = span("Source"), span("Cue")
            atts.append(GoldAttribution(s, c, span("Content"), text[s[0]:s[1]] if s else "",
                                        text[c[0]:c[1]] if c else ""))
        m = _DATE_IN_NAME.search(stem + "_")
        pub = date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
        yield PolnearDoc(stem, text, pub, annotator, tuple(atts), split)


def _lazy_xml(name: str):
    def load(*args, **kwargs):
        from . import loaders_xml
        return getattr(loaders_xml, name)(*args, **kwargs)
    load.__name__ = name
    return load


LOADERS = {
    "plover-gsr": load_plover_gsr,
    "plv": load_plv,
    "conflibert-cameo": load_conflibert_class,
    "conflibert-cameo-ner": load_conflibert_ner,
    "petrarch-unittest": load_petrarch_unittest,
    "polnear": load_polnear,
    "conll2003": load_conll2003,
    "meantime": _lazy_xml("load_meantime"),
    "timebank": _lazy_xml("load_timebank"),
    "ecbplus": _lazy_xml("load_ecbplus"),
}
