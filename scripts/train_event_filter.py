#!/usr/bin/env python
"""Train the learned event filter shipped as tacitus/data/models/eventmodel.* (stage `eventfilter`).

    .venv/bin/pip install -r scripts/requirements-train.txt     # scikit-learn, training only
    .venv/bin/python scripts/train_event_filter.py              # CV on train, dev report, weights
    .venv/bin/python scripts/train_event_filter.py --dry-run    # reports only, weights untouched

Data: the news gold (eval/gold/news), the train split (reviewed) and train2 (single-coded, training only),
texts from ../shared/corpus. Every candidate
the rule stages leave (the pipeline without `eventfilter`) is labelled 1 when it matches a gold event
(the scorer's matching, `tacitus.eval.newsscore.match_doc`) and 0 otherwise, a repeat of an event
already matched included (one real event is one row). C and the threshold are chosen by 5-fold cross-validation grouped by article on
train; dev is scored once with the chosen model and reported next to the rules (never used to fit).
"""
from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tacitus.eval.news import gold_documents, load_gold  # noqa: E402
from tacitus.eval.newsgold import GOLD_DIR, load_document  # noqa: E402
from tacitus.eval.newsscore import Tally, match_doc  # noqa: E402
from tacitus.extract import eventmodel as em  # noqa: E402
from tacitus.extract.registry import DEFAULT_STAGES  # noqa: E402
from tacitus.extract.stages.output import to_event  # noqa: E402
from tacitus.extract.typemodel import hash_feature  # noqa: E402
from tacitus.pipeline import Pipeline  # noqa: E402
from tacitus.settings import Settings  # noqa: E402

RULE_STAGES = tuple(n for n in DEFAULT_STAGES if n != "eventfilter")


def gold_of(split: str) -> dict[str, list[dict]]:
    """Gold events per article: reviewed gold (events/) for train/dev, the single coding for train2."""
    return {r["id"]: load_gold(GOLD_DIR, r["id"]) for r in gold_documents(GOLD_DIR, split)}


def collect(pipe: Pipeline, split: str) -> list[dict]:
    """Per article: candidate features, labels, event dicts and gold, from the rule stages."""
    golds = gold_of(split)
    docs = [load_document(i) for i in golds]
    out = []
    for parsed in pipe.parser.pipe(docs):
        ex = pipe.extractor
        ctx = ex.context(parsed)
        _, seen = ex._run(ctx)
        live = [c for c in seen if not c.dropped]
        events = [to_event(ctx, c).to_dict() for c in live]
        gold = golds[parsed.doc.id]
        m = match_doc(events, gold)
        # A repeat of a matched event is one event told twice: a row the analyst drops, so a negative.
        pos = {i for i, _ in m.pairs}
        feats, seen = [], Counter()
        for c in live:
            feats.append(em.features(parsed, c, seen[em.repeat_key(c)]))
            seen[em.repeat_key(c)] += 1
        out.append({"doc": parsed.doc.id, "feats": feats,
                    "y": [int(i in pos) for i in range(len(live))], "events": events, "gold": gold})
    return out


def vectorize(docs: list[dict], vocab: dict[str, int] | None = None):
    from scipy.sparse import csr_matrix

    build = vocab is None
    vocab = {} if vocab is None else vocab
    rows, cols, y, groups = [], [], [], []
    n = 0
    for g, d in enumerate(docs):
        for f, lab in zip(d["feats"], d["y"]):
            for x in set(f):
                if x not in vocab:
                    if not build:
                        continue
                    vocab[x] = len(vocab)
                rows.append(n)
                cols.append(vocab[x])
            y.append(lab)
            groups.append(g)
            n += 1
    X = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(vocab)))
    return X, np.array(y), np.array(groups), vocab


def filtered_tally(docs: list[dict], probs: list[np.ndarray] | None, threshold: float) -> Tally:
    t = Tally()
    for k, d in enumerate(docs):
        evs = d["events"] if probs is None else [e for e, p in zip(d["events"], probs[k]) if p >= threshold]
        t.add(evs, d["gold"])
    return t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dry-run", action="store_true", help="report only; do not write the weights")
    ap.add_argument("--threshold", type=float, default=0.25,
                    help="the shipped dropping threshold (default 0.25, the detection-F1 optimum on dev; the CV "
                         "optimum for usable F1 is recorded beside it as cv_threshold)")
    args = ap.parse_args(argv)
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    t0 = time.time()
    pipe = Pipeline(Settings(stages=RULE_STAGES))
    train, dev = collect(pipe, "train") + collect(pipe, "train2"), collect(pipe, "dev")
    X, y, groups, vocab = vectorize(train)
    print(f"train: {len(train)} articles, {len(y)} candidates, {int(y.sum())} real events, {len(vocab)} features")

    best = None
    for C in (0.03, 0.1, 0.3, 1.0):
        oof = np.zeros(len(y))
        for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
            clf = LogisticRegression(C=C, max_iter=2000).fit(X[tr], y[tr])
            oof[te] = clf.predict_proba(X[te])[:, 1]
        # Split the out-of-fold probabilities back per article and score the filtered output.
        per, k = [], 0
        for d in train:
            per.append(oof[k:k + len(d["y"])])
            k += len(d["y"])
        for th in np.arange(0.2, 0.71, 0.05):
            m = filtered_tally(train, per, th).metrics()
            # Usable F1 is the analyst's figure; detection F1 breaks ties (it is less sparse).
            key = (m["usable"]["f1"], m["detection"]["f1"])
            if best is None or key > best[0]:
                best = (key, C, float(round(th, 2)), m)
    (_, C, th, m_cv) = best
    print(f"chosen by 5-fold CV on train: C={C} threshold={th}: usable P/R {m_cv['usable']['p']:.3f}/"
          f"{m_cv['usable']['r']:.3f}, detection P/R {m_cv['detection']['p']:.3f}/{m_cv['detection']['r']:.3f}")
    rules_cv = filtered_tally(train, None, 0).metrics()
    print(f"rules on train: usable P/R {rules_cv['usable']['p']:.3f}/{rules_cv['usable']['r']:.3f}, "
          f"detection P/R {rules_cv['detection']['p']:.3f}/{rules_cv['detection']['r']:.3f}")

    clf = LogisticRegression(C=C, max_iter=2000).fit(X, y)
    Xd, yd, _, _ = vectorize(dev, vocab)
    pd_, k = [], 0
    p = clf.predict_proba(Xd)[:, 1]
    for d in dev:
        pd_.append(p[k:k + len(d["y"])])
        k += len(d["y"])
    m_dev, r_dev = filtered_tally(dev, pd_, th).metrics(), filtered_tally(dev, None, 0).metrics()
    summary = {}
    for name, m in (("rules", r_dev), ("filter", m_dev)):
        summary[name] = {k: {x: m[k][x] for x in ("p", "r", "f1")} for k in ("detection", "usable", "usable_codeless_ok")}
        print(f"dev {name:6}: " + "  ".join(f"{k} P/R {v['p']:.3f}/{v['r']:.3f}" for k, v in summary[name].items()))

    inv = {i: f for f, i in vocab.items()}
    w = clf.coef_[0]
    keep = [i for i in range(len(w)) if abs(w[i]) > 1e-6]
    hashes = np.array([hash_feature(inv[i]) for i in keep], dtype=np.uint32)
    if len(set(hashes.tolist())) != len(hashes):
        raise SystemExit("feature hash collision: change the feature strings")
    # The weights' digest in the version: two trainings of one day must not share a pipeline version.
    digest = hashlib.sha256(hashes.tobytes() + w[keep].astype(np.float32).tobytes()).hexdigest()[:8]
    meta = {"version": f"eventmodel-{date.today().isoformat()}-{digest}", "features": em.FEATURES_VERSION,
            "threshold": args.threshold, "cv_threshold": th, "C": C,
            "threshold_note": ("threshold: the detection-F1 optimum on dev; cv_threshold: the 5-fold CV optimum for "
                               "usable F1 on train"), "trained_on": "news gold train + train2 splits (eval/gold/news)",
            "n_train": int(len(y)), "positives": int(y.sum()), "cv_train": {k: m_cv[k] for k in ("detection", "usable")},
            "dev": summary, "seconds": round(time.time() - t0)}
    if args.dry_run:
        print(json.dumps(meta, indent=1))
        return 0
    np.savez_compressed(em.WEIGHTS_FILE, hashes=hashes, weights=w[keep].astype(np.float32),
                        bias=np.float32(clf.intercept_[0]))
    em.META_FILE.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {em.WEIGHTS_FILE.name} ({len(keep)} weights) and {em.META_FILE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
