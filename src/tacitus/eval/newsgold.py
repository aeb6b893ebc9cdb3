"""The news gold (`eval/gold/news/`): its corpora, its record schema and offset resolution.

The gold stores document ids, codes and the evidence sentence of each event (the corpora's
licences allow no more); the article texts are read from the team's `../shared/corpus/`, and the
manifest's sha256 sums prove they are the texts the gold was coded on. The annotation guideline is
`docs/annotation.md`; the annotator's tool is `scripts/gold_news.py`.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..models import MODALITIES, PLOVER_TYPES, Document

REPO = Path(__file__).resolve().parents[3]
GOLD_DIR = REPO / "eval" / "gold" / "news"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
CORPORA = ("ukraine-war-2022-2024", "guardian-2017-2019", "kremlin-zelenskyy-2021-2022", "bbc-2004-2005")
BBC_TOPICS = ("business", "entertainment", "politics", "sport", "tech")
SECTORS = frozenset(
    "GOV MIL REB OPP PTY COP JUD SPY IGO MED EDU BUS CRM CVL NGO ELI LAB LEG REF AGR REL HLH UAF ENV HRI "
    "INS SEP".split())
KINDS = ("state", "organization", "person", "group")
PRECISIONS = ("day", "week", "month", "year", "open")
SPLITS = ("train", "dev", "test")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _doc_from_row(row: dict[str, Any]) -> Document:
    pub = row.get("published")
    return Document(text=row["text"], id=str(row["id"]), published=date.fromisoformat(pub[:10]) if pub else None,
                    title=row.get("title"), url=row.get("url"), source=row.get("source"),
                    language=row.get("language"))


def iter_corpus(name: str, root: Path = SHARED_CORPUS) -> Iterator[Document]:
    """Every document of one shared corpus, with its stable id, in corpus order."""
    base = root / name
    if name == "bbc-2004-2005":
        # The BBC set has no JSONL and no dates: files are `<topic>/<NNN>.txt`, headline first.
        for topic in BBC_TOPICS:
            for f in sorted((base / topic).glob("*.txt")):
                text = f.read_text(encoding="utf-8")
                title = text.split("\n", 1)[0].strip()
                yield Document(text=text, id=f"bbc-{topic}-{f.stem}", title=title or None, source="BBC",
                               language="en")
        return
    with open(base / "corpus.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield _doc_from_row(json.loads(line))


def corpus_of(doc_id: str) -> str:
    """The corpus a gold document id belongs to."""
    if doc_id.startswith("bbc-"):
        return "bbc-2004-2005"
    if doc_id.startswith("guardian-"):
        return "guardian-2017-2019"
    if doc_id.startswith(("putin-", "zelenskyy-")):
        return "kremlin-zelenskyy-2021-2022"
    return "ukraine-war-2022-2024"


_CACHE: dict[tuple[str, Path], dict[str, Document]] = {}


def load_document(doc_id: str, root: Path = SHARED_CORPUS) -> Document:
    """One document of the shared corpora by its gold id."""
    name = corpus_of(doc_id)
    key = (name, root)
    if key not in _CACHE:
        _CACHE[key] = {d.id: d for d in iter_corpus(name, root)}
    return _CACHE[key][doc_id]


def load_manifest(gold_dir: Path = GOLD_DIR) -> dict[str, Any]:
    return json.loads((gold_dir / "manifest.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- records

@dataclass(frozen=True, slots=True)
class Span:
    """Evidence and trigger resolved to character offsets in the document text."""

    start: int
    end: int
    trigger_start: int
    trigger_end: int


def _norm_ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def resolve_span(text: str, evidence: str, trigger: str, occurrence: int = 1) -> Span:
    """Offsets of the evidence quote (exact, or equal up to whitespace) and the trigger inside it."""
    if not evidence or not trigger:
        raise ValueError("evidence and trigger are required")
    starts = [m.start() for m in re.finditer(re.escape(evidence), text)]
    if starts:
        if occurrence > len(starts):
            raise ValueError(f"evidence occurs {len(starts)} time(s), occurrence {occurrence} asked")
        s = starts[occurrence - 1]
        e = s + len(evidence)
    else:
        # Tolerate line breaks and double spaces inside the quote.
        pat = r"\s+".join(re.escape(w) for w in evidence.split())
        found = list(re.finditer(pat, text))
        if not found:
            raise ValueError(f"evidence not found in the text: {evidence[:80]!r}")
        if occurrence > len(found):
            raise ValueError(f"evidence occurs {len(found)} time(s), occurrence {occurrence} asked")
        s, e = found[occurrence - 1].span()
    seg = text[s:e]
    m = re.search(r"(?<![\w-])" + re.escape(trigger) + r"(?![\w-])", seg) or re.search(re.escape(trigger), seg)
    if not m:
        raise ValueError(f"trigger {trigger!r} not in its evidence {evidence[:60]!r}")
    return Span(s, e, s + m.start(), s + m.end())


def _check_party(p: Any, where: str, orgs: set[str], countries: set[str], errors: list[str]) -> None:
    if p is None:
        return
    if not isinstance(p, dict):
        errors.append(f"{where}: must be an object or null")
        return
    code = p.get("country")
    if not p.get("text"):
        errors.append(f"{where}.text is required (the words of the article that name it)")
    if code is not None and code not in countries and code not in orgs and not re.fullmatch(r"[A-Z][A-Z0-9]{1,23}", code):
        errors.append(f"{where}.country {code!r}: use ISO3, an organisation code or an upper-case group code")
    if p.get("sector") is not None and p["sector"] not in SECTORS:
        errors.append(f"{where}.sector {p['sector']!r} not in {sorted(SECTORS)}")
    if p.get("kind") not in KINDS:
        errors.append(f"{where}.kind must be one of {KINDS}")


def _check_date(v: Any, where: str, errors: list[str]) -> date | None:
    if v is None:
        return None
    try:
        return date.fromisoformat(v)
    except (TypeError, ValueError):
        errors.append(f"{where} {v!r} is not YYYY-MM-DD")
        return None


def check_record(rec: dict[str, Any], text: str, *, orgs: set[str], countries: set[str]) -> tuple[dict, list[str]]:
    """Validate one annotation file against the document; return it with offsets filled and the errors."""
    errors: list[str] = []
    out = dict(rec)
    events = []
    seen: set[str] = set()
    for n, ev in enumerate(rec.get("events", []), 1):
        where = f"event {ev.get('id', n)}"
        ev = dict(ev)
        if ev.get("id") in seen:
            errors.append(f"{where}: duplicate id")
        seen.add(ev.get("id"))
        try:
            sp = resolve_span(text, ev.get("evidence", ""), ev.get("trigger", ""), ev.get("occurrence", 1))
            ev.update(start=sp.start, end=sp.end, trigger_start=sp.trigger_start, trigger_end=sp.trigger_end)
        except ValueError as exc:
            errors.append(f"{where}: {exc}")
        mentions = []
        for k, m in enumerate(ev.get("mentions") or [], 1):
            m = dict(m)
            try:
                sp = resolve_span(text, m.get("evidence", ""), m.get("trigger", ""), m.get("occurrence", 1))
                m.update(start=sp.start, end=sp.end, trigger_start=sp.trigger_start, trigger_end=sp.trigger_end)
            except ValueError as exc:
                errors.append(f"{where} mention {k}: {exc}")
            mentions.append(m)
        ev["mentions"] = mentions
        if ev.get("type") not in PLOVER_TYPES:
            errors.append(f"{where}: type {ev.get('type')!r} is not a PLOVER type")
        if ev.get("modality") not in MODALITIES:
            errors.append(f"{where}: modality {ev.get('modality')!r} not in {MODALITIES}")
        for role in ("actor", "target", "speaker"):
            _check_party(ev.get(role), f"{where}.{role}", orgs, countries, errors)
        t = ev.get("time")
        if t is not None:
            s = _check_date(t.get("start"), f"{where}.time.start", errors)
            e = _check_date(t.get("end"), f"{where}.time.end", errors)
            if t.get("precision") not in PRECISIONS:
                errors.append(f"{where}.time.precision must be one of {PRECISIONS}")
            if e is None and t.get("end") is None:
                errors.append(f"{where}.time.end is required (start may be null for an open past)")
            if s and e and s > e:
                errors.append(f"{where}.time: start after end")
        for q in ev.get("amounts") or []:
            if not isinstance(q.get("value"), (int, float)) or not q.get("unit"):
                errors.append(f"{where}.amounts: each needs a numeric value and a unit")
        pl = ev.get("place")
        if pl is not None and (not pl.get("text") or not pl.get("country")):
            errors.append(f"{where}.place needs text and country")
        events.append(ev)
    out["events"] = events
    return out, errors
