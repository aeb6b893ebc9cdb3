"""`tacitus eval news`: the extractor (or any system's JSONL) against the analyst-coded news gold.

Dev is the split to tune on and the one the CI gate pins; test is reported, never gated, and
printed without error examples so that nobody tunes to its articles.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..models import Event, ParsedDoc
from .common import Report, take
from .newsgold import GOLD_DIR, SHARED_CORPUS, load_document, load_manifest, sha256_text
from .newsscore import Tally, error_causes

REPORTING = frozenset("say tell announce state claim report add declare stress note write".split())
SHORT = {"guardian-2017-2019": "guardian", "ukraine-war-2022-2024": "ukraine",
         "kremlin-zelenskyy-2021-2022": "kremlin", "bbc-2004-2005": "bbc"}


def gold_documents(gold_dir: Path, split: str) -> list[dict[str, Any]]:
    """Manifest rows of a split that have gold ("all": every reviewed split; train2 is single-coded)."""
    man = load_manifest(gold_dir)
    if split == "train2":
        return [d for d in man["documents"] if d["split"] == "train2" and _single_coding(gold_dir, d) is not None]
    rows = [d for d in man["documents"] if split in ("all", d["split"])]
    return [d for d in rows if (gold_dir / "events" / f"{d['id']}.json").exists()]


def _single_coding(gold_dir: Path, row: Mapping[str, Any] | None) -> Path | None:
    """The first coder's annotation of an article, if there is one."""
    if not row or not row.get("annotators"):
        return None
    f = gold_dir / "annotations" / row["annotators"][0] / f"{row['id']}.json"
    return f if f.exists() else None


def load_gold(gold_dir: Path, doc_id: str) -> list[dict[str, Any]]:
    path = gold_dir / "events" / f"{doc_id}.json"
    if not path.exists():  # train2: nobody reviews it, so its one coder's annotation is its gold
        row = next((d for d in load_manifest(gold_dir)["documents"] if d["id"] == doc_id), None)
        path = _single_coding(gold_dir, row) or path
    return json.loads(path.read_text(encoding="utf-8"))["events"]


def _brief(e: Mapping[str, Any] | None, gold: bool = False) -> str:
    if e is None:
        return "-"

    def party(p: Mapping[str, Any] | None) -> str:
        if not p:
            return "-"
        return f"{p.get('text') or p.get('name')} [{p.get('country') or '?'}{'/' + p['sector'] if p.get('sector') else ''}]"
    trig = e.get("trigger") if gold else (e.get("evidence") or {}).get("trigger")
    t = e.get("time") or {}
    return (f"{e.get('type')} {e.get('modality')} {party(e.get('actor'))} -> {party(e.get('target'))} "
            f"«{trig}» {t.get('start')}..{t.get('end')}")


# ---------------------------------------------------------------- trivial baselines

def _entity_parties(parsed: ParsedDoc, resolver: Any, start: int, end: int, on: Any) -> list[tuple[int, Any]]:
    out = []
    for e in parsed.entities:
        if start <= e.start < end and e.label in {"GPE", "ORG", "PERSON", "NORP"}:
            p = resolver.resolve(e.text, on=on)
            if p is not None:
                out.append((e.start, p))
    return out


def _event_dict(doc_id: str, etype: str, parsed: ParsedDoc, sent: Any, trig: Any, actor: Any, target: Any) -> dict:
    return {"doc_id": doc_id, "type": etype, "plover_type": etype, "modality": "asserted",
            "actor": actor.to_dict() if actor else None, "target": target.to_dict() if target else None,
            "attribution": None, "time": None, "location": None, "quantities": [],
            "evidence": {"start": sent.start_char, "end": sent.end_char, "trigger": trig.text,
                         "trigger_start": trig.idx, "trigger_end": trig.end}}


def baseline_events(parsed: ParsedDoc, lexicon: Any, resolver: Any, majority_type: str) -> dict[str, list[dict]]:
    """Two trivial systems on the same parse: one event per reporting sentence; lexicon + nearest names."""
    doc = parsed.doc
    out: dict[str, list[dict]] = {"reporting sentences": [], "lexicon + nearest names": []}
    for sent in parsed.sentences:
        toks = parsed.tokens[sent.start:sent.end]
        names = _entity_parties(parsed, resolver, sent.start, sent.end, doc.published)
        rep = next((t for t in toks if t.pos == "VERB" and t.lemma.lower() in REPORTING), None)
        if rep is not None:
            out["reporting sentences"].append(_event_dict(doc.id, majority_type, parsed, sent, rep,
                                                          names[0][1] if names else None, None))
        for t in toks:
            if t.pos not in {"VERB", "NOUN"} or not lexicon.is_trigger(t.lemma.lower(), t.pos):
                continue
            sense = lexicon.lookup(t.lemma.lower(), t.pos)
            if sense is None or sense.type is None:
                continue
            left = [p for i, p in names if i < t.i]
            right = [p for i, p in names if i > t.i]
            out["lexicon + nearest names"].append(_event_dict(doc.id, sense.type, parsed, sent, t,
                                                              left[-1] if left else None, right[0] if right else None))
    return out


# ---------------------------------------------------------------- run

def _system_events(pipeline: Any, docs: Sequence[Any], want_baselines: bool, majority: str) -> Iterable[tuple]:
    """(doc, [event dicts], {baseline: [event dicts]}) per document, parsing each document once."""
    from ..extract.lexicon import Lexicon
    from ..normalize.actors import ActorResolver

    parser = getattr(pipeline, "parser", None)
    extractor = getattr(pipeline, "extractor", None)
    if parser is None or extractor is None:  # any object with extract_text (tests, other systems)
        for d in docs:
            evs = pipeline.extract_text(d.text, published=d.published, doc_id=d.id)
            yield d, [e.to_dict() for e in evs], {}
        return
    lex, res = Lexicon.default(), ActorResolver.default()
    for parsed in parser.pipe(docs):
        events: list[Event] = extractor(parsed)
        base = baseline_events(parsed, lex, res, majority) if want_baselines else {}
        yield parsed.doc, [e.to_dict() for e in events], base


def _majority_type(gold_dir: Path) -> str:
    c: Counter = Counter()
    for d in gold_documents(gold_dir, "train"):
        c.update(g["type"] for g in load_gold(gold_dir, d["id"]))
    return c.most_common(1)[0][0] if c else "CONSULT"


def run_news(path: str | Path | None = None, pipeline: Any = None, *, split: str = "dev", limit: int | None = None,
             slice_seed: int = 0, shared: Path = SHARED_CORPUS, events_file: str | Path | None = None,
             examples: bool | None = None, baselines: bool = True, min_confidence: float = 0.0) -> Report:
    """Score on one split of the news gold; `events_file` scores a JSONL of another system's events;
    `min_confidence` keeps only events at least that confident (the `--min-confidence` of extract)."""
    gold_dir = Path(path) if path else GOLD_DIR
    rows = take(gold_documents(gold_dir, split), limit, slice_seed)
    rep = Report(benchmark="news", n=len(rows), path=str(gold_dir), max_errors=60)
    rep.notes.append(f"split: {split}; {len(rows)} articles with gold; "
                     "guideline docs/annotation.md; matching and usable: tacitus.eval.newsscore")
    examples = (split != "test") if examples is None else examples
    docs = []
    for r in rows:
        d = load_document(r["id"], shared)
        if sha256_text(d.text) != r["sha256"]:
            raise ValueError(f"[E120] {r['id']}: the shared text differs from the one the gold was coded on")
        docs.append(d)
    corpus_of = {r["id"]: r["corpus"] for r in rows}
    if events_file is not None:
        by_doc: dict[str, list[dict]] = defaultdict(list)
        with open(events_file, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    e = json.loads(line)
                    by_doc[e["doc_id"]].append(e)
        produced = ((d, by_doc.get(d.id, []), {}) for d in docs)
    else:
        if pipeline is None:
            from tacitus.pipeline import Pipeline
            pipeline = Pipeline.default()
        produced = _system_events(pipeline, docs, baselines, _majority_type(gold_dir))
    total = Tally()
    per_corpus: dict[str, Tally] = defaultdict(Tally)
    base_tallies: dict[str, Tally] = defaultdict(Tally)
    shown: Counter = Counter()
    if min_confidence:
        rep.notes.append(f"events with confidence >= {min_confidence} only")
    for d, sys_events, base in produced:
        sys_events = [e for e in sys_events if e.get("confidence", 1.0) >= min_confidence]
        gold = load_gold(gold_dir, d.id)
        m = total.add(sys_events, gold)
        per_corpus[SHORT[corpus_of[d.id]]].add(sys_events, gold)
        for name, evs in base.items():
            base_tallies[name].add(evs, gold)
        if examples:
            _examples(rep, d.id, sys_events, gold, m, shown)
    rep.metrics = total.metrics()
    for name, t in base_tallies.items():
        m = t.metrics()
        rep.baselines[name] = {k: m[k] for k in ("detection", "usable", "type", "actor", "target")}
    rep.breakdown = {c: {k: t.metrics()[k] for k in ("detection", "usable", "usable_codeless_ok", "type", "actor",
                                                       "target", "modality", "time")}
                     for c, t in sorted(per_corpus.items())}
    rep.breakdown["causes"] = dict(total.causes.most_common())
    rep.breakdown["system"] = {"events": total.sys, "gold events": total.gold, "matched": total.matched,
                               "duplicates": total.duplicates,
                               "share without actor code": total.actor_code_missing()}
    if not examples:
        rep.notes.append("error examples are not shown for this split (nobody tunes to the test articles)")
    return rep


def _examples(rep: Report, doc_id: str, sys_events: Sequence[Mapping[str, Any]],
              gold: Sequence[Mapping[str, Any]], m: Any, shown: Counter, per_cause: int = 4) -> None:
    def add(cause: str, sentence: str, sys_e: Any, gold_e: Any) -> None:
        if shown[cause] >= per_cause:
            return
        shown[cause] += 1
        rep.add_error(kind=cause, doc=doc_id, sentence=sentence[:240], system=_brief(sys_e),
                      gold=_brief(gold_e, gold=True))
    for i in m.unmatched_sys:
        add("not an event (no gold match)", sys_events[i]["evidence"].get("sentence", ""), sys_events[i], None)
    for i, j in m.duplicates:
        add("duplicate of a matched event", sys_events[i]["evidence"].get("sentence", ""), sys_events[i], gold[j])
    for j in m.unmatched_gold:
        add("missed gold event", gold[j]["evidence"], None, gold[j])
    for i, j in m.pairs:
        for cause in error_causes(sys_events[i], gold[j]):
            add(cause, gold[j]["evidence"], sys_events[i], gold[j])
