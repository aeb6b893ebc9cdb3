"""Helpers every benchmark runner shares: the pipeline wrapper, span location, constants."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..models import Event, Party
from .common import PRF, Report
from .published import published


# The team's shared data sits beside the repository (../shared), in CI as on a developer machine.
DEFAULT_ROOT = Path(__file__).resolve().parents[3].parent / "shared" / "benchmarks"
REPORTING_VERBS = {"say", "says", "said", "saying", "tell", "tells", "told", "state", "states", "stated",
                   "announce", "announces", "announced", "add", "adds", "added", "report", "reports",
                   "reported", "according", "claim", "claims", "claimed", "note", "noted", "declare",
                   "declared", "comment", "commented", "remark", "remarked", "write", "wrote", "explain",
                   "explained", "insist", "insisted", "describe", "described"}
# our Party.kind -> CoNLL-2003 label (countries are LOC there; demonyms would be MISC)
KIND_TO_CONLL = {"state": "LOC", "organization": "ORG", "person": "PER", "group": "MISC"}


# ---------------------------------------------------------------- shared helpers

def load_pipeline(pipeline: Any = None) -> Any:
    if pipeline is not None:
        return pipeline
    from tacitus.pipeline import Pipeline  # lazy: loads spaCy
    return Pipeline.default()


class Extractor:
    """Calls the pipeline, turning a crash on one item into "no events" plus a counted failure."""

    def __init__(self, pipeline: Any, report: Report):
        self.pipe = load_pipeline(pipeline)
        self.report = report
        self.failures = 0

    def __call__(self, text: str, *, published: date | None = None, doc_id: str = "t") -> list[Event]:
        try:
            return list(self.pipe.extract_text(text, published=published, doc_id=doc_id))
        except Exception as exc:  # noqa: BLE001 - one bad item must not sink the run
            self.failures += 1
            self.report.add_error(kind="pipeline failure", doc=doc_id, error=f"{type(exc).__name__}: {exc}")
            return []

    def finish(self) -> None:
        if self.failures:
            self.report.notes.append(f"{self.failures} item(s) raised in the pipeline and were scored as no events")


def strict_type(e: Event) -> str:
    """The PLOVER-strict type of an event (what PLOVER-coded gold sets annotate)."""
    return e.plover_type or e.type


def party_span(p: Party | None) -> tuple[int, int] | None:
    if p is None or p.start is None or p.end is None:
        return None
    return (p.start, p.end)


def locate(text: str, needle: str | None, lo: int = 0, hi: int | None = None,
           near: int | None = None) -> tuple[int, int] | None:
    """Char span of `needle` inside text[lo:hi]; the occurrence nearest `near` when several."""
    if not needle:
        return None
    hi = len(text) if hi is None else hi
    hits, k = [], text.find(needle, lo, hi)
    while k >= 0:
        hits.append(k)
        k = text.find(needle, k + 1, hi)
    if not hits:
        return None
    k = min(hits, key=lambda x: abs(x - near)) if near is not None else hits[0]
    return (k, k + len(needle))


def trigger_span(ev: Event, text: str | None = None) -> tuple[int, int] | None:
    """The trigger's char span: the evidence offsets, else the trigger found in its sentence."""
    e = ev.evidence
    if e.trigger_start is not None and e.trigger_end is not None:
        return (e.trigger_start, e.trigger_end)
    k = e.sentence.find(e.trigger) if e.trigger else -1
    return (e.start + k, e.start + k + len(e.trigger)) if k >= 0 else None


def by_confidence(events: Iterable[Event]) -> list[Event]:
    """Highest confidence first, then text order."""
    return sorted(events, key=lambda e: (-e.confidence, e.evidence.start, e.evidence.trigger_start or 0))


def is_statement(ev: Event) -> bool:
    """A bare 'make statement' reading: CAMEO 01x or a reporting-verb trigger."""
    if ev.cameo and ev.cameo.startswith("01"):
        return True
    words = re.findall(r"[a-z]+", (ev.evidence.trigger or "").lower())
    return bool(words) and all(w in REPORTING_VERBS for w in words)


def _finish(report: Report, ex: Extractor | None = None) -> Report:
    if ex is not None:
        ex.finish()
    report.published = published(report.benchmark)
    return report


def _code_prf(gold_sets: Sequence[frozenset[str]], preds: Sequence[str | None]) -> PRF:
    """Per item: a predicted code in the gold set is a tp, any other code an fp; an item with gold
    codes and no right prediction is an fn."""
    tp = fp = fn = 0
    for g, p in zip(gold_sets, preds, strict=True):
        p = p.upper() if p else None
        if p is not None and p in g:
            tp += 1
        else:
            if p is not None:
                fp += 1
            if g:
                fn += 1
    return PRF(tp, fp, fn)


# ---------------------------------------------------------------- plover-gsr
