"""Benchmark runners for the sentence-level sets: feed gold texts to a pipeline, score per stage.

Every ``run_<name>(path, pipeline, *, limit=None, slice_seed=0, ...) -> Report``. `pipeline` is
anything with ``extract_text(text, *, published=None, doc_id="t") -> list[Event]`` (None loads
``tacitus.pipeline.Pipeline.default()`` lazily). `limit` scores a reproducible random sample of
that many items (`slice_seed` picks it; the sample keeps corpus order). Document-level sets
(PolNeAR, MEANTIME, TimeBank, ECB+) are in `runners_docs`; `RUNNERS` / `run()` cover both.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Callable, Sequence

from ..models import Event, Party
from .common import (PENTA_NAMES, PLOVER_QUAD, PRF, Report, classification_metrics, confusion,
                     constant_baseline, dedupe_spans, match_spans, micro_prf, most_frequent, overlap, take)
from .loaders import (PLV_LABELS, load_conflibert_class, load_conflibert_ner, load_conll2003,
                      load_petrarch_unittest, load_plover_gsr, load_plv)

from .runkit import (DEFAULT_ROOT, KIND_TO_CONLL, REPORTING_VERBS, Extractor, _code_prf,  # noqa: F401
                     _finish, by_confidence, is_statement, load_pipeline, locate, party_span, strict_type,
                     trigger_span)


def gsr_code(code: str | None) -> str | None:
    """The GSR codes a non-state group by the state it operates in (Hamas -> PSE); Tacitus codes the group
    itself (HAMAS). Compare on the GSR's convention."""
    if code is None:
        return None
    return _group_homes().get(code, code)


_HOMES: dict[str, str] = {}


def _group_homes() -> dict[str, str]:
    if not _HOMES:
        from ..normalize.actor_data import load_actor_data

        for o in load_actor_data().organizations:
            if o.kind == "group" and o.country:
                _HOMES[o.code] = o.country
    return _HOMES


def run_plover_gsr(path: str | Path, pipeline: Any = None, *, limit: int | None = None,
                   slice_seed: int = 0) -> Report:
    """type = PLOVER type of our chosen event (trigger overlapping a gold EVT span, else the most
    confident) vs the gold type (old labels mapped); actor/target = that event's actor/target
    country code vs the gold source/target codes (any of a compound actor counts)."""
    items = take(list(load_plover_gsr(path)), limit, slice_seed)
    rep = Report("plover-gsr", len(items), path=str(path))
    ex = Extractor(pipeline, rep)
    gold_t, pred_t, any_hit = [], [], 0
    gold_a, pred_a, gold_g, pred_g = [], [], [], []
    for it in items:
        evs = ex(it.text, doc_id=it.id)
        hit = [e for e in evs if (sp := trigger_span(e)) and any(overlap(sp, g) for g in it.event_spans)]
        ev = (by_confidence(hit) or by_confidence(evs) or [None])[0]
        gold_t.append(it.event)
        # PLOVER gold codes the strict view (intent -> AGREE, refusal -> REJECT): score plover_type.
        pred_t.append(strict_type(ev) if ev else None)
        any_hit += it.event in {strict_type(e) for e in evs}
        gold_a.append(it.source_codes)
        pred_a.append(gsr_code(ev.actor.country) if ev and ev.actor else None)
        gold_g.append(it.target_codes)
        pred_g.append(gsr_code(ev.target.country) if ev and ev.target else None)
        if pred_t[-1] != it.event:
            rep.add_error(id=it.id, text=it.text, gold=it.event, pred=pred_t[-1],
                          all_pred=[f"{e.type}/{e.modality}" for e in evs])
    labels = sorted(set(gold_t))
    rep.metrics["type"] = classification_metrics(gold_t, pred_t, labels)
    rep.metrics["type"]["any_event_matches"] = round(any_hit / len(items), 4) if items else 0.0
    rep.metrics["actor"] = _code_prf(gold_a, pred_a).to_dict()
    rep.metrics["target"] = _code_prf(gold_g, pred_g).to_dict()
    rep.confusion["type"] = confusion(gold_t, pred_t)
    mf_type = most_frequent(gold_t)
    mf_src = most_frequent(c for g in gold_a for c in sorted(g))
    mf_tgt = most_frequent(c for g in gold_g for c in sorted(g))
    rep.baselines["nothing"] = {"type": constant_baseline(gold_t, None, labels),
                                "actor": _code_prf(gold_a, [None] * len(items)).to_dict(),
                                "target": _code_prf(gold_g, [None] * len(items)).to_dict()}
    rep.baselines["most frequent class"] = {
        "type": dict(constant_baseline(gold_t, mf_type, labels), label=mf_type),
        "actor": dict(_code_prf(gold_a, [mf_src] * len(items)).to_dict(), label=mf_src),
        "target": dict(_code_prf(gold_g, [mf_tgt] * len(items)).to_dict(), label=mf_tgt)}
    rep.notes.append("gold labels mapped: DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT; "
                     "the readme calls these 'ideal codings'")
    return _finish(rep, ex)


# ---------------------------------------------------------------- plv

def plv_label(t: str | None) -> str | None:
    """Our type -> PLV's label set (CONCEDE and RETREAT are PLV's YIELD)."""
    return "YIELD" if t in ("CONCEDE", "RETREAT") else t


def choose_dyad_event(events: Sequence[Event], src: tuple[int, int] | None,
                      tgt: tuple[int, int] | None) -> tuple[Event | None, str]:
    """Our event for a marked dyad: actor overlaps source and target overlaps target (marked
    sides only) -> "dyad"; else the largest total overlap -> "partial"; else the most confident
    event -> "fallback"; no events -> "none"."""
    if not events:
        return None, "none"

    def ov(p: Party | None, gold: tuple[int, int] | None) -> int:
        sp = party_span(p)
        return overlap(sp, gold) if sp and gold else 0

    scored = [(ov(e.actor, src), ov(e.target, tgt), e) for e in by_confidence(events)]
    full = [x for x in scored if (src is None or x[0] > 0) and (tgt is None or x[1] > 0) and (x[0] or x[1])]
    if full:
        return max(full, key=lambda x: x[0] + x[1])[2], "dyad"
    best = max(scored, key=lambda x: x[0] + x[1])
    if best[0] + best[1] > 0:
        return best[2], "partial"
    return scored[0][2], "fallback"


def run_plv(path: str | Path, pipeline: Any = None, *, limit: int | None = None, slice_seed: int = 0) -> Report:
    """type = accuracy and macro-F1 over the 15 PLV labels for our event on the marked dyad
    (CONCEDE/RETREAT count as YIELD); type_end_to_end = the same when only an event whose actor and
    target the extractor itself put on the marked source and target counts; penta = PLOVER quad of
    that label (YIELD = 2)."""
    items = take(list(load_plv(path)), limit, slice_seed)
    rep = Report("plv", len(items), path=str(path))
    ex = Extractor(pipeline, rep)
    gold, pred, pred_e2e, gold_p, pred_p, how = [], [], [], [], [], Counter()
    for it in items:
        evs = ex(it.text, doc_id=f"plv-{it.sentence_id}")
        ev, method = choose_dyad_event(evs, it.source_span, it.target_span)
        how[method] += 1
        lab = plv_label(strict_type(ev)) if ev else None
        gold.append(it.gold_root)
        pred.append(lab)
        # End to end, as a user meets it: only an event whose actor and target the extractor found on
        # the marked source and target counts; any other pick is a miss.
        pred_e2e.append(lab if method == "dyad" else None)
        gold_p.append(it.gold_penta)
        pred_p.append(PLOVER_QUAD.get(lab) if lab else None)
        if lab != it.gold_root:
            rep.add_error(id=it.sentence_id, text=it.text, source=it.source, target=it.target,
                          gold=it.gold_root, pred=lab, chosen_by=method)
    rep.metrics["type"] = classification_metrics(gold, pred, PLV_LABELS)
    rep.metrics["type"]["chosen_by"] = dict(how)
    rep.metrics["type_end_to_end"] = classification_metrics(gold, pred_e2e, PLV_LABELS, per_class=False)
    rep.metrics["penta"] = classification_metrics(gold_p, pred_p, (1, 2, 3, 4))
    rep.confusion["type"] = confusion(gold, pred)
    mf, mfp = most_frequent(gold), most_frequent(gold_p)
    rep.baselines["nothing"] = {"type": constant_baseline(gold, None, PLV_LABELS),
                                "penta": constant_baseline(gold_p, None, (1, 2, 3, 4))}
    rep.baselines["most frequent class"] = {
        "type": dict(constant_baseline(gold, mf, PLV_LABELS), label=mf),
        "penta": dict(constant_baseline(gold_p, mfp, (1, 2, 3, 4)), label=mfp)}
    rep.notes.append("train split only; published numbers are on the held-out test split")
    return _finish(rep, ex)


# ---------------------------------------------------------------- conflibert-cameo

def penta_of(events: Sequence[Event]) -> int:
    """PentaClass from our events: quad of the most confident non-statement event; 0 ("make
    statement") when there is no event or only reporting-verb / CAMEO 01x readings."""
    real = [e for e in by_confidence(events) if not is_statement(e) and e.type in PLOVER_QUAD]
    return PLOVER_QUAD[real[0].type] if real else 0


def run_conflibert_cameo(path: str | Path, pipeline: Any = None, *, limit: int | None = None,
                         slice_seed: int = 0) -> Report:
    """penta (cameo_class) = accuracy/macro-F1 of `penta_of`; source/target (cameo_ner) = overlap
    span P/R/F1 of our actor/target spans vs gold S+R / T+R spans (exact F1 as an extra key)."""
    root = Path(path)
    cls_items = take(list(load_conflibert_class(root)), limit, slice_seed)
    ner_items = take(list(load_conflibert_ner(root)), limit, slice_seed)
    rep = Report("conflibert-cameo", len(cls_items), path=str(path))
    ex = Extractor(pipeline, rep)
    gold, pred = [], []
    for i, it in enumerate(cls_items):
        evs = ex(it.text, doc_id=f"cameo-class-{i}")
        gold.append(it.label)
        pred.append(penta_of(evs))
        if pred[-1] != it.label:
            rep.add_error(text=it.text, gold=PENTA_NAMES[it.label], pred=PENTA_NAMES[pred[-1]],
                          types=[e.type for e in evs])
    labels = (0, 1, 2, 3, 4)
    rep.metrics["penta"] = classification_metrics(gold, pred, labels)
    rep.confusion["penta"] = confusion(gold, pred)
    src = {"overlap": PRF(), "exact": PRF()}
    tgt = {"overlap": PRF(), "exact": PRF()}
    src0 = tgt0 = PRF()
    for i, it in enumerate(ner_items):
        evs = ex(it.text, doc_id=f"cameo-ner-{i}")
        ps = dedupe_spans(s for e in evs if (s := party_span(e.actor)))
        pt = dedupe_spans(s for e in evs if (s := party_span(e.target)))
        gs = [s[:2] for s in it.labelled("S", "R")]
        gt = [s[:2] for s in it.labelled("T", "R")]
        for mode in ("overlap", "exact"):
            src[mode] = src[mode] + match_spans(gs, ps, mode)
            tgt[mode] = tgt[mode] + match_spans(gt, pt, mode)
        src0, tgt0 = src0 + match_spans(gs, []), tgt0 + match_spans(gt, [])
    rep.metrics["source"] = dict(src["overlap"].to_dict(), exact_f1=round(src["exact"].f1, 4), n=len(ner_items))
    rep.metrics["target"] = dict(tgt["overlap"].to_dict(), exact_f1=round(tgt["exact"].f1, 4), n=len(ner_items))
    mf = most_frequent(gold)
    rep.baselines["nothing"] = {"penta": dict(constant_baseline(gold, 0, labels), label=0),
                                "source": src0.to_dict(), "target": tgt0.to_dict()}
    rep.baselines["most frequent class"] = {"penta": dict(constant_baseline(gold, mf, labels), label=mf)}
    rep.notes.append("'nothing' predicts no event = PentaClass 0 (make statement); train files only, "
                     "published numbers are on the held-out test files; R (reciprocal) counts as source and target")
    return _finish(rep, ex)


# ---------------------------------------------------------------- petrarch-unittest

def run_petrarch_unittest(path: str | Path, pipeline: Any = None, *, limit: int | None = None,
                          slice_seed: int = 0) -> Report:
    """event = record-level detection (gold: has a full coding; noevents records are negatives;
    error tests skipped); cameo_root = share of coded records where one of our events has the
    2-digit CAMEO root of an expected code. Actor codes are not scored (toy dictionaries)."""
    items = [x for x in take(list(load_petrarch_unittest(path)), limit, slice_seed) if not x.error_test]
    rep = Report("petrarch-unittest", len(items), path=str(path))
    ex = Extractor(pipeline, rep)
    gold, pred, root_ok, root_n = [], [], 0, 0
    for it in items:
        evs = ex(it.text, published=it.published, doc_id=it.id)
        g = bool(it.expected) and not it.noevents
        gold.append(True if g else None)
        pred.append(True if evs else None)
        if g:
            roots = {c[:2] for _, _, c in it.expected if c}
            ours = {e.cameo[:2] for e in evs if e.cameo}
            root_n += 1
            root_ok += bool(roots & ours)
            if not roots & ours:
                rep.add_error(id=it.id, text=it.text, expected=list(it.expected),
                              pred=[(e.type, e.cameo) for e in evs])
        elif evs:
            rep.add_error(id=it.id, text=it.text, expected="no event", pred=[(e.type, e.cameo) for e in evs])
    rep.metrics["event"] = micro_prf(gold, pred).to_dict()
    rep.metrics["cameo_root"] = {"p": None, "r": None, "f1": None, "n": root_n,
                                 "accuracy": round(root_ok / root_n, 4) if root_n else 0.0}
    rep.baselines["nothing"] = {"event": micro_prf(gold, [None] * len(gold)).to_dict()}
    rep.baselines["every sentence has an event"] = {"event": micro_prf(gold, [True] * len(gold)).to_dict()}
    rep.notes.append("fictional actors and toy dictionaries: actor codes are not scored")
    return _finish(rep, ex)


# ---------------------------------------------------------------- conll2003

def mentions_from_pipeline(pipeline: Any) -> Callable[[str], list[tuple[int, int, str]]]:
    """Actor/target/speaker parties with offsets, labelled by KIND_TO_CONLL (unknown kind: MISC)."""
    pipe = load_pipeline(pipeline)

    def mentions(text: str) -> list[tuple[int, int, str]]:
        out = []
        for e in pipe.extract_text(text, doc_id="conll"):
            speaker = e.attribution.speaker if e.attribution else None
            for p in (e.actor, e.target, speaker):
                sp = party_span(p)
                if sp:
                    out.append((sp[0], sp[1], KIND_TO_CONLL.get(p.kind or "", "MISC")))
        return dedupe_spans(out)
    return mentions


def capitalised_runs(text: str, label: str) -> list[tuple[int, int, str]]:
    """Baseline mentions: maximal runs of capitalised tokens not opening a sentence."""
    out, cur = [], None
    toks = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]
    for k, (s, e, w) in enumerate(toks):
        first = k == 0 or text[toks[k - 1][1]:s].count("\n") > 0
        if w[:1].isupper() and not first:
            cur = (cur[0], e) if cur else (s, e)
        else:
            if cur:
                out.append((cur[0], cur[1], label))
            cur = None
    if cur:
        out.append((cur[0], cur[1], label))
    return out


def run_conll2003(path: str | Path, pipeline: Any = None, *, limit: int | None = None, slice_seed: int = 0,
                  mentions: Callable[[str], list[tuple[int, int, str]]] | None = None,
                  split: str = "eng.testa") -> Report:
    """entity = labelled exact-span micro P/R/F1 (the CoNLL measure) of `mentions(text)` over whole
    documents (sentences joined by "\\n"); per-class P/R/F1 and unlabelled-overlap F1 as extras.
    `limit` counts documents. Without `mentions`, our event parties are used (low recall by design)."""
    sents = list(load_conll2003(path, split))
    docs: dict[int, list] = defaultdict(list)
    for s in sents:
        docs[s.doc].append(s)
    doc_ids = take(sorted(docs), limit, slice_seed)
    rep = Report("conll2003", len(doc_ids), path=str(Path(path) / split if Path(path).is_dir() else path))
    fn = mentions or mentions_from_pipeline(pipeline)
    labels = ("LOC", "MISC", "ORG", "PER")
    tot, loose = PRF(), PRF()
    per = {lab: PRF() for lab in labels}
    base0, base_cap = PRF(), PRF()
    gold_all = [sp[2] for d in doc_ids for s in docs[d] for sp in s.spans]
    mf = most_frequent(gold_all) or "LOC"
    for d in doc_ids:
        text, gold, off = "", [], 0
        for s in docs[d]:
            gold += [(a + off, b + off, lab) for a, b, lab in s.spans]
            text += s.text + "\n"
            off += len(s.text) + 1
        try:
            pred = [tuple(x) for x in fn(text)]
        except Exception as exc:  # noqa: BLE001
            rep.add_error(kind="mentions failure", doc=d, error=f"{type(exc).__name__}: {exc}")
            pred = []
        tot = tot + match_spans(gold, pred, "exact", labelled=True)
        loose = loose + match_spans([g[:2] for g in gold], [p[:2] for p in pred], "overlap", labelled=False)
        for lab in labels:
            per[lab] = per[lab] + match_spans([g for g in gold if g[2] == lab], [p for p in pred if p[2] == lab],
                                              "exact", labelled=True)
        base0 = base0 + match_spans(gold, [], "exact")
        base_cap = base_cap + match_spans(gold, capitalised_runs(text, mf), "exact", labelled=True)
        for p in pred:
            if p not in gold and len(rep.errors) < rep.max_errors:
                rep.add_error(doc=d, pred=p, text=text[p[0]:p[1]], kind="false positive")
    rep.metrics["entity"] = dict(tot.to_dict(), overlap_unlabelled_f1=round(loose.f1, 4),
                                 macro_f1=round(sum(x.f1 for x in per.values()) / len(per), 4),
                                 per_class={k: v.to_dict() for k, v in per.items()})
    rep.baselines["nothing"] = {"entity": base0.to_dict()}
    rep.baselines[f"capitalised runs as {mf}"] = {"entity": base_cap.to_dict()}
    rep.notes.append("mapping: state->LOC, organization->ORG, person->PER, group/other->MISC; "
                     "published numbers are on eng.testb (held out)")
    return _finish(rep)


# runners_docs shares only runkit's helpers with this module, so it imports directly (no cycle).
from .runners_docs import run_ecbplus, run_meantime, run_polnear, run_timebank  # noqa: E402


def run_news(*args: Any, **kwargs: Any) -> Report:
    from .news import run_news as _run
    return _run(*args, **kwargs)

RUNNERS: dict[str, Callable[..., Report]] = {
    "plover-gsr": run_plover_gsr,
    "plv": run_plv,
    "conflibert-cameo": run_conflibert_cameo,
    "petrarch-unittest": run_petrarch_unittest,
    "polnear": run_polnear,
    "meantime": run_meantime,
    "timebank": run_timebank,
    "conll2003": run_conll2003,
    "ecbplus": run_ecbplus,
    "news": run_news,
}


def run(benchmark: str, path: str | Path | None = None, pipeline: Any = None, **kwargs: Any) -> Report:
    """Run one benchmark by name; `path` defaults to ../shared/benchmarks/<benchmark>."""
    if benchmark not in RUNNERS:
        raise KeyError(f"unknown benchmark {benchmark!r}; known: {', '.join(sorted(RUNNERS))}")
    return RUNNERS[benchmark](path or DEFAULT_ROOT / benchmark, pipeline, **kwargs)
