"""Runners for the document-level sets: PolNeAR (attribution), MEANTIME and TimeBank (modality,
time normalisation), ECB+ (cross-document event coreference). Same signature as `runners`."""
from __future__ import annotations

import re
from calendar import monthrange
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable, Hashable, Iterable, Mapping, Sequence

from ..models import MODALITIES
from .common import (PRF, Report, classification_metrics, clusters_from_labels, confusion, coref_scores,
                     dedupe_spans, match_spans, most_frequent, span_match_pairs, take)
from .loaders import load_polnear
from .loaders_xml import EcbMention, EventDoc, load_ecbplus, load_meantime, load_timebank
from .runkit import REPORTING_VERBS, Extractor, _finish, locate, party_span, trigger_span


# ---------------------------------------------------------------- polnear

def reporting_cues(text: str) -> list[tuple[int, int]]:
    """Baseline cues: every reporting-verb word."""
    return [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]+", text) if m.group().lower() in REPORTING_VERBS]


def run_polnear(path: str | Path, pipeline: Any = None, *, limit: int | None = None, slice_seed: int = 0,
                split: str = "dev") -> Report:
    """speaker / cue = char-span overlap P/R/F1 (one-to-one) of our attribution speakers (Party
    offsets) and cues (the cue string located in the evidence sentence, nearest the trigger) vs
    the gold Source / Cue spans of each E line; exact-match F1 as an extra key."""
    docs = take(list(load_polnear(path, split)), limit, slice_seed)
    rep = Report("polnear", len(docs), path=str(path))
    ex = Extractor(pipeline, rep)
    acc = {k: PRF() for k in ("speaker", "cue", "speaker_exact", "cue_exact", "cue_base", "nothing_s", "nothing_c")}
    pipe = ex.pipe
    use_statements = hasattr(pipe, "statements_text")
    for d in docs:
        speakers, cues = [], []
        if use_statements:
            # The attribution stage proper: every statement, not only those carrying an event.
            try:
                sts = pipe.statements_text(d.text, published=d.published, doc_id=d.id)
            except Exception as exc:  # one bad document is scored as nothing, like the event path
                rep.notes.append(f"{d.id}: statements failed: {exc}")
                sts = []
            speakers = dedupe_spans(s.speaker_span for s in sts if s.speaker_span)
            cues = dedupe_spans(s.cue_span for s in sts)
            evs = []
        else:
            evs = ex(d.text, published=d.published, doc_id=d.id)
        for e in evs:
            a = e.attribution
            if a is None:
                continue
            sp = party_span(a.speaker)
            if sp:
                speakers.append(sp)
            trig = trigger_span(e)
            cs = locate(d.text, a.cue, e.evidence.start, e.evidence.end, near=trig[0] if trig else None)
            if cs:
                cues.append(cs)
        speakers, cues = dedupe_spans(speakers), dedupe_spans(cues)
        gs = dedupe_spans(a.source for a in d.attributions if a.source)
        gc = dedupe_spans(a.cue for a in d.attributions if a.cue)
        acc["speaker"] += match_spans(gs, speakers, "overlap")
        acc["cue"] += match_spans(gc, cues, "overlap")
        acc["speaker_exact"] += match_spans(gs, speakers, "exact")
        acc["cue_exact"] += match_spans(gc, cues, "exact")
        acc["cue_base"] += match_spans(gc, reporting_cues(d.text), "overlap")
        acc["nothing_s"] += match_spans(gs, [])
        acc["nothing_c"] += match_spans(gc, [])
        if len(rep.errors) < rep.max_errors:
            missed = [a for a in d.attributions if a.cue and not any(c[0] < a.cue[1] and a.cue[0] < c[1] for c in cues)]
            for a in missed[:2]:
                rep.add_error(doc=d.id, kind="missed attribution", source=a.source_text, cue=a.cue_text,
                              context=d.text[max(0, a.cue[0] - 80):a.cue[1] + 80])
    rep.metrics["speaker"] = dict(acc["speaker"].to_dict(), exact_f1=round(acc["speaker_exact"].f1, 4))
    rep.metrics["cue"] = dict(acc["cue"].to_dict(), exact_f1=round(acc["cue_exact"].f1, 4))
    rep.baselines["nothing"] = {"speaker": acc["nothing_s"].to_dict(), "cue": acc["nothing_c"].to_dict()}
    rep.baselines["every reporting verb is a cue"] = {"cue": acc["cue_base"].to_dict()}
    rep.notes.append(("scored on Pipeline.statements_text (every attributed statement); " if use_statements else
                      "scored on the attribution of extracted events; ") +
                     f"split {split}; one annotator per article (the first .ann by name); "
                     "a null speaker (the article's own voice) predicts no speaker span")
    return _finish(rep, ex)


# ---------------------------------------------------------------- time values

def gold_period(value: str) -> tuple[date, date, str] | None:
    """TIMEX3 value -> (first day, last day, precision) for YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www."""
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T.*)?", value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, "day"
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            d = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return d, d + timedelta(days=6), "week"
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), date(y, mo, monthrange(y, mo)[1]), "month"
        if m := re.fullmatch(r"(\d{4})", value):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31), "year"
    except ValueError:
        return None
    return None


def _as_span(res: Any) -> tuple[date, date] | None:
    if res is None:
        return None
    if isinstance(res, date):
        return res, res
    start, end = getattr(res, "start", None), getattr(res, "end", None)
    if isinstance(start, date):
        return start, end if isinstance(end, date) else start
    return None


def time_match(value: str, res: Any) -> tuple[bool, bool]:
    """(strict, lenient): strict = our span is exactly the gold period (same day / month / year /
    week); lenient = our start date falls inside the gold period."""
    g, ours = gold_period(value), _as_span(res)
    if g is None or ours is None:
        return False, False
    strict = ours[0] == g[0] and ours[1] == g[1]
    return strict, g[0] <= ours[0] <= g[1]


def _default_resolver(published: date | None) -> Any:
    from tacitus.normalize.time import TimeResolver  # written in parallel: imported lazily
    return TimeResolver(published)


def score_times(docs: Sequence[EventDoc], rep: Report,
                resolver: Callable[[date | None], Any] | None = None) -> None:
    """Stage "time": DATE TIMEX3s with a calendar value (not the creation time), resolved against
    the document's creation time; accuracy = strict matches / n, p = strict / resolved."""
    items = [(d, t) for d in docs for t in d.timexes
             if t.type == "DATE" and t.function != "CREATION_TIME" and gold_period(t.value)]
    undated = sum(1 for d, _ in items if d.published is None)
    if undated:
        items = [(d, t) for d, t in items if d.published is not None]
        rep.notes.append(f"time: {undated} TIMEX3 in documents without a creation time were left out")
    make = resolver or _default_resolver
    try:
        cache: dict = {}
        strict = lenient = resolved = 0
        base = base_l = 0
        for d, t in items:
            if d.published not in cache:
                cache[d.published] = make(d.published)
            try:
                res = cache[d.published].resolve(t.text)
            except Exception as exc:  # noqa: BLE001
                rep.add_error(kind="resolver failure", doc=d.id, timex=t.text, error=str(exc))
                res = None
            s, l = time_match(t.value, res)
            resolved += _as_span(res) is not None
            strict += s
            lenient += l
            if not s:
                rep.add_error(kind="time", doc=d.id, timex=t.text, gold=t.value, pred=str(_as_span(res)))
            bs, bl = time_match(t.value, d.published)
            base += bs
            base_l += bl
    except ImportError as exc:
        rep.notes.append(f"time stage skipped: {exc}")
        return
    n = len(items)
    c = PRF(strict, resolved - strict, n - strict)
    rep.metrics["time"] = dict(c.to_dict(), n=n, accuracy=round(strict / n, 4) if n else 0.0,
                               lenient_accuracy=round(lenient / n, 4) if n else 0.0)
    rep.baselines.setdefault("publication date", {})["time"] = dict(
        PRF(base, n - base, n - base).to_dict(), n=n, accuracy=round(base / n, 4) if n else 0.0,
        lenient_accuracy=round(base_l / n, 4) if n else 0.0)
    rep.baselines.setdefault("nothing", {})["time"] = dict(PRF(0, 0, n).to_dict(), n=n, accuracy=0.0)


# ---------------------------------------------------------------- modality (meantime, timebank)

def score_modality(docs: Sequence[EventDoc], ex: Extractor, rep: Report) -> None:
    """Stage "event": our triggers vs gold event mentions (one-to-one char overlap); stage
    "modality": gold vs our modality on the matched pairs (accuracy, macro-F1, per class)."""
    det, det0 = PRF(), PRF()
    gold_m, pred_m, all_gold = [], [], []
    for d in docs:
        evs = ex(d.text, published=d.published, doc_id=d.id)
        trig = [(sp, e) for e in evs if (sp := trigger_span(e))]
        gspans = [(g.start, g.end) for g in d.events]
        pairs = span_match_pairs(gspans, [sp for sp, _ in trig], "overlap")
        det += PRF(len(pairs), len(trig) - len(pairs), len(gspans) - len(pairs))
        det0 += PRF(0, 0, len(gspans))
        all_gold += [g.modality for g in d.events]
        for i, j in pairs:
            g, e = d.events[i], trig[j][1]
            gold_m.append(g.modality)
            pred_m.append(e.modality)
            if g.modality != e.modality:
                rep.add_error(doc=d.id, trigger=g.text, gold=g.modality, pred=e.modality,
                              attrs={k: v for k, v in (("polarity", g.polarity), ("certainty", g.certainty),
                                                         ("time", g.time), ("modal", g.modal_word),
                                                         ("tense", g.tense)) if v},
                              sentence=e.evidence.sentence)
    labels = [m for m in MODALITIES if m in set(gold_m) | set(pred_m)]
    rep.metrics["event"] = det.to_dict()
    rep.metrics["modality"] = classification_metrics(gold_m, pred_m, labels)
    rep.confusion["modality"] = confusion(gold_m, pred_m)
    mf = most_frequent(all_gold)
    rep.baselines.setdefault("nothing", {})["event"] = det0.to_dict()
    rep.baselines.setdefault("most frequent class", {})["modality"] = dict(
        classification_metrics(gold_m, [mf] * len(gold_m), labels, per_class=False), label=mf)
    rep.notes.append("event recall is low by design: gold marks every event (nouns, states), we code PLOVER events")


def run_meantime(path: str | Path, pipeline: Any = None, *, limit: int | None = None, slice_seed: int = 0,
                 time_resolver: Callable[[date | None], Any] | None = None) -> Report:
    """Modality of our events whose trigger overlaps a gold EVENT_MENTION (NEG negated; POSSIBLE /
    PROBABLE possible; COND_* hypothetical; FUTURE planned; else asserted) and DATE TIMEX3s."""
    docs = take(list(load_meantime(path)), limit, slice_seed)
    rep = Report("meantime", len(docs), path=str(path))
    ex = Extractor(pipeline, rep)
    score_modality(docs, ex, rep)
    score_times(docs, rep, time_resolver)
    rep.notes.append("text rebuilt from tokens (joined by spaces, sentences by newlines)")
    return _finish(rep, ex)


def run_timebank(path: str | Path, pipeline: Any = None, *, limit: int | None = None, slice_seed: int = 0,
                 split: str = "TimeBank", time_resolver: Callable[[date | None], Any] | None = None) -> Report:
    """Modality via MAKEINSTANCE (NEG negated; may/might/could/can possible; would/should/must
    hypothetical; will/shall or FUTURE tense planned; else asserted) and TIMEX3 DATE values vs
    `tacitus.normalize.time.TimeResolver(creation time).resolve(text)`."""
    docs = take(list(load_timebank(path, split)), limit, slice_seed)
    rep = Report("timebank", len(docs), path=str(path))
    ex = Extractor(pipeline, rep)
    score_modality(docs, ex, rep)
    score_times(docs, rep, time_resolver)
    rep.notes.append(f"split {split}")
    return _finish(rep, ex)


# ---------------------------------------------------------------- ecbplus

Clustering = Callable[[Sequence[EcbMention]], Iterable[Iterable[Hashable]] | Mapping[Hashable, Hashable]]


def crude_lemma(word: str) -> str:
    """A spaCy-free lemma key (a crude stem): lower case, one inflection suffix stripped, then a
    final "e" and a doubled consonant dropped, so name/named/names and die/dies/died agree."""
    w = re.sub(r"[^a-z]", "", word.lower())
    for suf, rep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("d", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: len(w) - len(suf)] + rep
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # stopped -> stop
    return w


def lemma_baseline(mentions: Sequence[EcbMention]) -> dict[str, str]:
    """Same topic and same crude lemma of the mention's head (last word) -> same cluster."""
    return {m.key: f"{m.topic}/{crude_lemma(m.text.split()[-1] if m.text.split() else m.text)}" for m in mentions}


def singletons(mentions: Sequence[EcbMention]) -> dict[str, str]:
    return {m.key: m.key for m in mentions}


def one_per_topic(mentions: Sequence[EcbMention]) -> dict[str, str]:
    return {m.key: m.topic for m in mentions}


def _as_clusters(out: Any) -> list[frozenset]:
    if isinstance(out, Mapping):
        return clusters_from_labels(out)
    return [frozenset(c) for c in out]


def _coref_stages(key: list[frozenset], response: list[frozenset]) -> dict[str, dict[str, Any]]:
    s = coref_scores(key, response)
    return {"b3": s["b3"], "muc": s["muc"], "ceaf_e": s["ceaf_e"], "conll": s["conll"]}


def run_ecbplus(path: str | Path, pipeline: Any = None, *, limit: int | None = None, slice_seed: int = 0,
                cluster: Clustering | None = None, topics: set[str] | None = None) -> Report:
    """Gold action mentions in the annotated sentences; `cluster(mentions)` returns clusters (lists
    of mention keys) or {key: cluster id}; scored with MUC, B³, CEAF-e and CoNLL F1 over all
    mentions at once. Without `cluster`, the store's merge rule is scored. `limit` counts
    topics (a sample of whole topics keeps the chains intact). `pipeline` is unused here."""
    docs = list(load_ecbplus(path, topics=topics))
    all_topics = sorted({d.topic for d in docs}, key=lambda t: int(t) if t.isdigit() else 0)
    keep = set(take(all_topics, limit, slice_seed))
    mentions = [m for d in docs if d.topic in keep for m in d.mentions]
    rep = Report("ecbplus", len({m.doc for m in mentions}), path=str(path))
    key = clusters_from_labels({m.key: m.chain for m in mentions})
    if cluster is None:
        # The store's merge rule (tacitus.store.merge) is what Tacitus uses across articles.
        from ..store.merge import ecb_cluster as cluster

        rep.notes.append("system = the store's merge rule (tacitus.store.merge.ecb_cluster); "
                         "the same-lemma rule is reported as a baseline")
    fn = cluster
    response = _as_clusters(fn(mentions))
    rep.metrics = _coref_stages(key, response)
    text_of = {m.key: f"{m.doc}: {m.text}" for m in mentions}
    where = {m: i for i, c in enumerate(response) for m in c}
    for c in sorted(key, key=len, reverse=True):
        if len(rep.errors) >= 5:
            break
        parts = defaultdict(list)
        for m in c:
            parts[where.get(m, m)].append(text_of[m])
        if len(parts) > 1:
            rep.add_error(kind="gold chain split", parts=[sorted(v)[:4] for v in parts.values()][:4])
    for c in sorted(response, key=len, reverse=True)[:20]:
        gold_ids = {next((i for i, k in enumerate(key) if m in k), None) for m in c}
        if len(gold_ids) > 1:
            rep.add_error(kind="wrong merge", mentions=sorted(text_of.get(m, str(m)) for m in c)[:6])
    for name, f in (("singletons", singletons), ("same lemma", lemma_baseline), ("one cluster per topic", one_per_topic)):
        rep.baselines[name] = _coref_stages(key, _as_clusters(f(mentions)))
    rep.metrics["conll"]["mentions"] = len(mentions)
    rep.metrics["conll"]["gold_clusters"] = len(key)
    rep.notes.append(f"{len(keep)} topics; gold mentions restricted to ECBplus_coreference_sentences.csv; "
                     "published numbers are on test topics 36-45")
    return _finish(rep)
