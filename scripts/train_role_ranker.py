#!/usr/bin/env python
"""Train the actor/target ranker shipped as tacitus/data/models/rolemodel.* (stage `roles`).

    .venv/bin/pip install -r scripts/requirements-train.txt
    .venv/bin/python scripts/train_role_ranker.py              # CV on train + train2, dev report, weights
    .venv/bin/python scripts/train_role_ranker.py --dry-run

Data: the news gold's train (reviewed) and train2 (single-coded) splits. The rule stages run on each
article; every candidate that matches a gold event (the scorer's matching) gives training pairs: each
noun-phrase head of its sentence is an actor (target) when its mention overlaps the gold actor's
(target's) words in that sentence. A gold party whose words are not in the sentence (a pronoun's
antecedent elsewhere) gives no actor (target) pairs for that event; a gold event without a target makes
every head a non-target. C is chosen by 5-fold CV grouped by article; dev is reported, never fitted.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from train_event_filter import gold_of  # noqa: E402

from tacitus.eval.newsgold import load_document  # noqa: E402
from tacitus.eval.newsscore import match_doc  # noqa: E402
from tacitus.extract import rolemodel as rm  # noqa: E402
from tacitus.extract import syntax as sx  # noqa: E402
from tacitus.extract.stages.output import to_event  # noqa: E402
from tacitus.extract.typemodel import hash_feature  # noqa: E402
from tacitus.pipeline import Pipeline  # noqa: E402


def _span_of(sentence: str, base: int, words: str | None) -> tuple[int, int] | None:
    if not words:
        return None
    m = re.search(re.escape(words), sentence)
    if m is None:
        m = re.search(re.escape(words), sentence, re.I)
    return (base + m.start(), base + m.end()) if m else None


def collect(pipe: Pipeline, split: str) -> list[dict]:
    """Per article: (features, actor label or -1, target label or -1) for each candidate head of each
    matched trigger."""
    golds = gold_of(split)
    docs = [load_document(i) for i in golds]
    out = []
    res = pipe.extractor.res
    for parsed in pipe.parser.pipe(docs):
        ex = pipe.extractor
        ctx = ex.context(parsed)
        _, seen = ex._run(ctx)
        live = [c for c in seen if not c.dropped]
        events = [to_event(ctx, c).to_dict() for c in live]
        gold = golds[parsed.doc.id]
        m = match_doc(events, gold)
        done: set[int] = set()
        rows = []
        for i, j in m.pairs:
            c = live[i]
            if c.token.i in done:
                continue
            done.add(c.token.i)
            g = gold[j]
            sent = parsed.sentences[c.sent]
            a_span = _span_of(sent.text, sent.start_char, (g.get("actor") or {}).get("text"))
            t_span = _span_of(sent.text, sent.start_char, (g.get("target") or {}).get("text"))
            rule_actor = c.actor_token.i if c.actor_token is not None else None
            rule_targets = {k for k in (rm.party_token(parsed, p) for p in c.targets) if k is not None}
            for cand in rm.candidates(parsed, c.sent):
                if cand.i == c.token.i:
                    continue
                s, e = sx.mention_span(parsed, cand)
                cs, ce = parsed.tokens[s].idx, parsed.tokens[e - 1].end
                ya = -1 if g.get("actor") and a_span is None else int(a_span is not None and cs < a_span[1] and a_span[0] < ce)
                yt = -1 if g.get("target") and t_span is None else int(t_span is not None and cs < t_span[1] and t_span[0] < ce)
                f = rm.features(parsed, c, cand, rm.resolve_candidate(parsed, res.resolver, cand, ctx.published),
                                rule_actor, rule_targets)
                rows.append((f, ya, yt, cand.i == rule_actor, cand.i in rule_targets, c.token.i))
        out.append({"doc": parsed.doc.id, "rows": rows})
    return out


def matrix(docs: list[dict], role: int, vocab: dict[str, int] | None = None):
    from scipy.sparse import csr_matrix

    build = vocab is None
    vocab = {} if vocab is None else vocab
    r, cidx, y, groups, meta = [], [], [], [], []
    n = 0
    for g, d in enumerate(docs):
        for row in d["rows"]:
            lab = row[1 + role]
            if lab < 0:
                continue
            for x in set(row[0]):
                if x not in vocab:
                    if not build:
                        continue
                    vocab[x] = len(vocab)
                r.append(n)
                cidx.append(vocab[x])
            y.append(lab)
            groups.append(g)
            meta.append((g, row[5], row[3 + role]))
            n += 1
    return csr_matrix((np.ones(len(r)), (r, cidx)), shape=(n, len(vocab))), np.array(y), np.array(groups), vocab, meta


def pick_accuracy(y: np.ndarray, p: np.ndarray, meta: list, threshold: float) -> tuple[float, float]:
    """Per trigger with a gold party among its candidates: share where the chosen head is right, for the
    model (best head if p >= threshold, else the rule's) and for the rule alone."""
    by: dict[tuple, list[int]] = {}
    for k, (g, trig, _) in enumerate(meta):
        by.setdefault((g, trig), []).append(k)
    model_ok = rule_ok = n = 0
    for ks in by.values():
        if not any(y[k] for k in ks):
            continue
        n += 1
        rule = [k for k in ks if meta[k][2]]
        rule_ok += bool(rule and y[rule[0]])
        best = max(ks, key=lambda k: p[k])
        choice = best if p[best] >= threshold else (rule[0] if rule else None)
        model_ok += bool(choice is not None and y[choice])
    return model_ok / max(n, 1), rule_ok / max(n, 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    t0 = time.time()
    from tacitus.extract.registry import DEFAULT_STAGES
    from tacitus.settings import Settings

    # The ranker learns from the rules' choices: the pipeline without the ranker and the learned filter.
    pipe = Pipeline(Settings(stages=tuple(n for n in DEFAULT_STAGES if n not in {"roles", "eventfilter"})))
    train = collect(pipe, "train") + collect(pipe, "train2")
    dev = collect(pipe, "dev")
    meta_out: dict = {"version": f"rolemodel-{date.today().isoformat()}", "features": rm.FEATURES_VERSION,
                      "trained_on": "news gold train + train2 splits", "thresholds": {}, "C": {}, "cv": {}, "dev": {}}
    fitted = {}
    for role, name in enumerate(rm.ROLES):
        X, y, groups, vocab, meta = matrix(train, role)
        best = None
        for C in (0.1, 0.3, 1.0):
            oof = np.zeros(len(y))
            for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
                oof[te] = LogisticRegression(C=C, max_iter=3000).fit(X[tr], y[tr]).predict_proba(X[te])[:, 1]
            for th in (0.3, 0.4, 0.5, 0.6, 0.7):
                acc, rule = pick_accuracy(y, oof, meta, th)
                if best is None or acc > best[0]:
                    best = (acc, C, th, rule)
        acc, C, th, rule = best
        clf = LogisticRegression(C=C, max_iter=3000).fit(X, y)
        Xd, yd, _, _, md = matrix(dev, role, vocab)
        dacc, drule = pick_accuracy(yd, clf.predict_proba(Xd)[:, 1], md, th)
        print(f"{name}: {len(y)} pairs ({int(y.sum())} positive); CV pick accuracy {acc:.3f} vs rules {rule:.3f} "
              f"(C={C}, threshold {th}); dev {dacc:.3f} vs rules {drule:.3f}")
        meta_out["thresholds"][name], meta_out["C"][name] = th, C
        meta_out["cv"][name] = {"model": round(acc, 4), "rules": round(rule, 4)}
        meta_out["dev"][name] = {"model": round(dacc, 4), "rules": round(drule, 4)}
        fitted[name] = (clf, vocab)
    # One hash table for both roles: a feature's weight per role (0 where a role never saw it).
    feats = sorted(set(fitted["actor"][1]) | set(fitted["target"][1]))
    W = np.zeros((len(feats), 2), dtype=np.float32)
    for k, name in enumerate(rm.ROLES):
        clf, vocab = fitted[name]
        for r, f in enumerate(feats):
            if f in vocab:
                W[r, k] = clf.coef_[0][vocab[f]]
    hashes = np.array([hash_feature(f) for f in feats], dtype=np.uint32)
    if len(set(hashes.tolist())) != len(hashes):
        raise SystemExit("feature hash collision")
    bias = np.array([fitted[n][0].intercept_[0] for n in rm.ROLES], dtype=np.float32)
    meta_out["seconds"] = round(time.time() - t0)
    print(json.dumps({k: meta_out[k] for k in ("thresholds", "cv", "dev")}, indent=1))
    if args.dry_run:
        return 0
    np.savez_compressed(rm.WEIGHTS_FILE, hashes=hashes, weights=W, bias=bias)
    rm.META_FILE.write_text(json.dumps(meta_out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {rm.WEIGHTS_FILE.name} ({len(feats)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
