#!/usr/bin/env python
"""Train and cross-validate the PLOVER type classifier shipped as tacitus/data/models/typemodel.*

    .venv/bin/pip install -r scripts/requirements-train.txt     # scikit-learn, training only
    .venv/bin/python scripts/train_type_model.py                 # CV report + weights
    .venv/bin/python scripts/train_type_model.py --cv-only       # CV report, weights untouched

Data (../shared/benchmarks): PLV train (1,050 marked dyads, 15 labels) and the PLOVER gold
records (322; old labels mapped DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT,
CONCEDE/RETREAT->YIELD). PLV marks source and target but not the trigger: we take
`typemodel.dyad_trigger` (first lexicon trigger, else first verb, on the dependency path from the
target's head up to the source's). The GSR trigger is the head of its EVT span (eventText).

Evaluation: 5-fold cross-validation on PLV train grouped by sentence_id (StratifiedGroupKFold,
seed 0); the GSR records (and, from the training folds, the rules' own events that sit exactly on
the gold dyad) are added to every training fold and never scored. Model settings (C, class
weights) and both thresholds (dyad combination; events.py retyping) are chosen by an inner 3-fold
CV on the training folds only. Rules = the default pipeline's event on the marked dyad, scored exactly as
`tacitus.eval.runners.run_plv` scores it.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tacitus.eval.common import classification_metrics, confusion, render_confusion  # noqa: E402
from tacitus.eval.loaders import PLV_LABELS, load_plover_gsr, load_plv  # noqa: E402
from tacitus.eval.runners import choose_dyad_event, plv_label  # noqa: E402
from tacitus.extract import typemodel as tm  # noqa: E402

SHARED = ROOT.parent / "shared" / "benchmarks"
GSR_TO_PLV = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
THRESHOLDS = [round(x, 2) for x in np.arange(0.0, 1.01, 0.05)] + [1.01]  # 1.01 = only where rules have nothing


# ---------------------------------------------------------------------------- data
def _tok(doc, span):
    return tm.char_to_token_span(doc, *span) if span else None


def _token_at(doc, char):
    for t in doc.tokens:
        if t.idx <= char < t.end:
            return t.i
    return None


def prepare(cache: Path) -> dict:
    """Parse both sets once, run the rules, keep parses, spans and rule outputs (cached as a pickle)."""
    if cache.is_file():
        return pickle.loads(cache.read_bytes())
    from tacitus.extract.lexicon import Lexicon
    from tacitus.models import Document
    from tacitus.pipeline import Pipeline

    pipe = Pipeline.default()
    lex = Lexicon.default()
    plv = list(load_plv(SHARED / "plv"))
    gsr = list(load_plover_gsr(SHARED / "plover-gsr"))
    t0 = time.perf_counter()
    docs = list(pipe.parser.pipe(Document(text=it.text, id=f"plv-{it.sentence_id}") for it in plv))
    gdocs = list(pipe.parser.pipe(Document(text=it.text, id=it.id) for it in gsr))
    parse_s = time.perf_counter() - t0
    n_tokens = sum(len(d.tokens) for d in docs + gdocs)
    out = {"plv": [], "gsr": [], "parse_s": parse_s, "n_docs": len(docs) + len(gdocs), "n_tokens": n_tokens}
    t0 = time.perf_counter()
    all_events = [pipe.extractor(d) for d in docs]
    out["extract_s"] = time.perf_counter() - t0
    for it, doc, evs in zip(plv, docs, all_events):
        src, tgt = _tok(doc, it.source_span), _tok(doc, it.target_span)
        trig = tm.dyad_trigger(doc, src, tgt, is_trigger=lex.is_trigger)
        ev, how = choose_dyad_event(evs, it.source_span, it.target_span)
        # What events.py would feed the model for the chosen event: its trigger and its own spans.
        run = None
        if ev is not None and ev.evidence.trigger_start is not None:
            run_trig = _token_at(doc, ev.evidence.trigger_start)
            if run_trig is not None:
                a = ev.actor if ev.actor and ev.actor.start is not None else None
                g = ev.target if ev.target and ev.target.start is not None else None
                run = (run_trig, _tok(doc, (a.start, a.end)) if a else None, _tok(doc, (g.start, g.end)) if g else None)
        out["plv"].append({
            "id": it.sentence_id, "label": it.gold_root, "doc": doc, "trig": trig, "src": src, "tgt": tgt,
            "trigger": doc.tokens[trig].text if trig is not None else None,
            "rule": plv_label(ev.type) if ev else None,
            "rule_strict": plv_label(ev.plover_type or ev.type) if ev else None,
            "rule_how": how, "run": run,
        })
    for it, doc in zip(gsr, gdocs):
        evt = [s for sp in it.event_spans if (s := _tok(doc, sp))]
        src = _tok(doc, it.source_spans[0]) if it.source_spans else None
        tgt = _tok(doc, it.target_spans[0]) if it.target_spans else None
        trig = tm.span_head(doc, evt[0]) if evt else tm.dyad_trigger(doc, src, tgt, is_trigger=lex.is_trigger)
        if trig is None:
            continue
        out["gsr"].append({"id": it.id, "label": GSR_TO_PLV.get(it.event, it.event), "doc": doc, "trig": trig,
                           "src": src, "tgt": tgt})
    cache.write_bytes(pickle.dumps(out))
    return out


def featurize(data: dict) -> dict:
    """Feature lists with the current `typemodel.features` (not cached: it is what we tune)."""
    t0 = time.perf_counter()
    n = 0
    for x in data["plv"] + data["gsr"]:
        x["feats"] = tm.features(x["doc"], x["trig"], x["src"], x["tgt"])
        n += 1
        if x.get("run"):
            x["run_feats"] = tm.features(x["doc"], *x["run"])
            n += 1
        else:
            x["run_feats"] = None
    data["feature_ms"] = (time.perf_counter() - t0) * 1000 / max(n, 1)
    return data


def augmented(train: list[dict], gsr: list[dict]) -> tuple[list[list[str]], list[str]]:
    """Training rows: PLV (dyad trigger + gold spans), every GSR record, and - so that the model also
    fits what events.py will feed it - the rules' own event where it sits exactly on the gold dyad
    (its lexicon trigger and extracted actor/target) with the gold label."""
    rows = [x["feats"] for x in train] + [g["feats"] for g in gsr]
    ys = [x["label"] for x in train] + [g["label"] for g in gsr]
    for x in train:
        if x["rule_how"] == "dyad" and x["run_feats"] is not None:
            rows.append(x["run_feats"])
            ys.append(x["label"])
    return rows, ys


# ---------------------------------------------------------------------------- model
class Hashed:
    """Feature strings -> sparse binary rows over the hashes seen in the training rows."""

    def __init__(self, rows: list[list[str]], min_df: int = 1):
        df = Counter(h for r in rows for h in {tm.hash_feature(x) for x in r})
        self.hashes = np.array(sorted(h for h, n in df.items() if n >= min_df), dtype=np.uint32)
        self.col = {int(h): k for k, h in enumerate(self.hashes.tolist())}

    def matrix(self, rows: list[list[str]], norm: bool):
        from scipy.sparse import csr_matrix

        indptr, idx = [0], []
        for r in rows:
            cols = sorted({self.col[h] for h in (tm.hash_feature(x) for x in r) if h in self.col})
            idx.extend(cols)
            indptr.append(len(idx))
        data = np.ones(len(idx), dtype=np.float64)
        X = csr_matrix((data, np.array(idx, dtype=np.int64), np.array(indptr)), shape=(len(rows), len(self.hashes)))
        if norm:
            lens = np.sqrt(np.maximum(np.diff(X.indptr), 1))
            X = csr_matrix(X.multiply(1.0 / lens[:, None]))
        return X


def fit(rows, labels, cfg):
    from sklearn.linear_model import LogisticRegression

    hz = Hashed(rows, cfg["min_df"])
    clf = LogisticRegression(C=cfg["C"], class_weight=cfg["cw"], solver="saga", max_iter=1000, tol=1e-4,
                             random_state=0)
    clf.fit(hz.matrix(rows, cfg["norm"]), labels)
    return hz, clf


def proba(model, rows, cfg):
    hz, clf = model
    return clf.predict_proba(hz.matrix(rows, cfg["norm"])), list(clf.classes_)


# A small grid (saga on 2 cores takes 1-5 s a fit): rows scaled by 1/sqrt(#features), features seen
# in at least 2 training rows.
CONFIGS = [{"C": c, "cw": cw, "norm": True, "min_df": 2} for c in (3.0, 10.0, 30.0, 100.0) for cw in (None, "balanced")]


def combine(rule, model_lab, p, thr):
    return [m if (r is None or pp >= thr) else r for r, m, pp in zip(rule, model_lab, p)]


def mf1(gold, pred):
    return classification_metrics(gold, pred, PLV_LABELS, per_class=False)["macro_f1"]


def inner_select(items, gsr, seed):
    """Pick the config, the dyad threshold and the events.py threshold by a 3-fold grouped CV on
    `items` (+ all GSR in training)."""
    from sklearn.model_selection import StratifiedGroupKFold

    y = [x["label"] for x in items]
    groups = [x["id"] for x in items]
    cv = StratifiedGroupKFold(n_splits=3, shuffle=True, random_state=seed)
    splits = list(cv.split(np.zeros(len(y)), y, groups))
    best = None
    for cfg in CONFIGS:
        lab, pr = [None] * len(items), [0.0] * len(items)
        rlab, rpr = [None] * len(items), [0.0] * len(items)
        for tr, te in splits:
            m = fit(*augmented([items[i] for i in tr], gsr), cfg)
            P, cls = proba(m, [items[i]["feats"] for i in te], cfg)
            for k, i in enumerate(te):
                lab[i], pr[i] = cls[int(P[k].argmax())], float(P[k].max())
            run = [i for i in te if items[i]["run_feats"] is not None]
            if run:
                P, cls = proba(m, [items[i]["run_feats"] for i in run], cfg)
                for k, i in enumerate(run):
                    rlab[i], rpr[i] = cls[int(P[k].argmax())], float(P[k].max())
        score = mf1(y, lab)
        if best is None or score > best[0]:
            best = (score, cfg, lab, pr, rlab, rpr)
    score, cfg, lab, pr, rlab, rpr = best
    rules = [x["rule"] for x in items]
    thr = best_threshold(y, rules, lab, pr)
    # events.py retypes only the rules' own events: where they have none, nothing changes.
    run_thr = best_threshold(y, rules, [r if r is not None else x for r, x in zip(rlab, rules)], rpr, fill=False)
    return cfg, thr, score, run_thr


def best_threshold(gold, rule, lab, pr, fill=True):
    ts = THRESHOLDS if fill else THRESHOLDS[:-1]
    scores = [(mf1(gold, combine(rule, lab, pr, t)), -abs(t - 0.5), t) for t in ts]
    return float(max(scores)[2])


# ---------------------------------------------------------------------------- main
def cross_validate(data, n_splits=5, seed=0):
    from sklearn.model_selection import StratifiedGroupKFold

    items, gsr = data["plv"], data["gsr"]
    y = [x["label"] for x in items]
    groups = [x["id"] for x in items]
    cv = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    n = len(items)
    res = {k: [None] * n for k in ("model", "model_plv_only", "combo", "combo_fill", "runtime", "runtime_combo")}
    prob = [0.0] * n
    folds = []
    for f, (tr, te) in enumerate(cv.split(np.zeros(n), y, groups)):
        train = [items[i] for i in tr]
        cfg, thr, inner, run_thr = inner_select(train, gsr, seed + 1 + f)
        m = fit(*augmented(train, gsr), cfg)
        P, cls = proba(m, [items[i]["feats"] for i in te], cfg)
        m0 = fit([x["feats"] for x in train], [x["label"] for x in train], cfg)
        P0, cls0 = proba(m0, [items[i]["feats"] for i in te], cfg)
        for k, i in enumerate(te):
            it = items[i]
            res["runtime_combo"][i] = it["rule"]
            lab, p = cls[int(P[k].argmax())], float(P[k].max())
            res["model"][i], prob[i] = lab, p
            res["model_plv_only"][i] = cls0[int(P0[k].argmax())]
            res["combo"][i] = combine([it["rule"]], [lab], [p], thr)[0]
            res["combo_fill"][i] = lab if (it["rule_how"] in ("none", "fallback") or p >= thr) else it["rule"]
            if it["run_feats"] is not None:
                Pr, _ = proba(m, [it["run_feats"]], cfg)
                rl, rp = cls[int(Pr[0].argmax())], float(Pr[0].max())
                res["runtime"][i] = rl
                res["runtime_combo"][i] = rl if rp >= run_thr else it["rule"]
        print(f"fold {f}: {cfg} threshold {thr} events.py threshold {run_thr}", flush=True)
        folds.append({"fold": f, "n_test": len(te), "config": cfg, "threshold": thr, "run_threshold": run_thr,
                      "inner_macro_f1": inner,
                      "rules": mf1([y[i] for i in te], [items[i]["rule"] for i in te]),
                      "model": mf1([y[i] for i in te], [res["model"][i] for i in te]),
                      "combo": mf1([y[i] for i in te], [res["combo"][i] for i in te])})
    res["rules"] = [x["rule"] for x in items]
    res["rules_strict"] = [x["rule_strict"] for x in items]
    return y, res, prob, folds


def train_final(data, out_dir: Path, seed=0):
    items, gsr = data["plv"], data["gsr"]
    cfg, thr, inner, run_thr = inner_select(items, gsr, seed)
    rows, ys = augmented(items, gsr)
    hz, clf = fit(rows, ys, cfg)
    W = clf.coef_.T.astype(np.float32)  # (n_features, n_labels)
    b = clf.intercept_.astype(np.float32)
    labels = [str(c) for c in clf.classes_]
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out_dir / "typemodel.npz", hashes=hz.hashes, weights=W.astype(np.float16), bias=b)
    meta = {
        "version": f"typemodel-{date.today().isoformat()}", "features": tm.FEATURES_VERSION,
        "labels": labels, "threshold": run_thr, "dyad_threshold": thr, "config": cfg, "norm": "sqrt" if cfg["norm"] else "none",
        "inner_cv_macro_f1": inner, "n_features": int(len(hz.hashes)),
        "trained_on": {"plv_train": len(items), "plover_gsr": len(gsr),
                       "rule_events_on_gold_dyad": len(rows) - len(items) - len(gsr)},
        "lexicon_version": _lexicon_version(),
        "label_counts": dict(Counter(ys)),
        "trainer": "scikit-learn LogisticRegression (multinomial, saga, L2); scripts/train_type_model.py",
        "yield": "YIELD is resolved at inference: lexicon type CONCEDE/RETREAT, else RETREAT_LEMMAS, else CONCEDE",
    }
    # Parity: the shipped numpy model (float16 weights) against scikit-learn on the PLV rows.
    P_sk = clf.predict_proba(hz.matrix([x["feats"] for x in items], cfg["norm"]))
    shipped = tm.TypeModel(hz.hashes, W.astype(np.float16).astype(np.float32), b, tuple(labels), meta)
    P_np = np.array([shipped.proba(x["doc"], x["trig"], x["src"], x["tgt"]) for x in items])
    meta["parity"] = {"max_abs_prob_diff": round(float(np.abs(P_sk - P_np).max()), 5),
                      "argmax_agreement": round(float((P_sk.argmax(1) == P_np.argmax(1)).mean()), 5)}
    (out_dir / "typemodel.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return meta


NAMES = {
    "rules": "(a) rules: default pipeline, event on the marked dyad (= run_plv)",
    "rules_strict": "(a') rules, PLOVER-strict view (`plover_type`: refusals -> REJECT, intents -> AGREE ...)",
    "model": "(b) model: dyad trigger + gold source/target spans",
    "model_plv_only": "(b') model trained on the PLV dyads only (no GSR records, no rule-event rows)",
    "combo": "(c) combination: model where rules have no event or p >= threshold",
    "combo_fill": "(c') as (c), and also where the rules' event is not on the dyad (fallback)",
    "runtime": "(d) model on the rules' own chosen event (its trigger, actor, target); none where rules have none",
    "runtime_combo": "(e) events.py integration: retype the rules' event when p >= its threshold, else keep",
}


def markdown(report: dict) -> str:
    s, lines = report["systems"], []
    add = lines.append
    add("| system | macro-F1 (15) | accuracy | no prediction |")
    add("|---|---:|---:|---:|")
    for k, name in NAMES.items():
        if k in s:
            add(f"| {name} | {100 * s[k]['macro_f1']:.1f} | {100 * s[k]['accuracy']:.1f} | {s[k]['no_prediction']} |")
    add("")
    add("Per fold (inner-CV choices; macro-F1 on the held-out fold):")
    add("")
    add("| fold | n | C | class weight | threshold (c) | threshold (e) | rules | model | combination (c) |")
    add("|---:|---:|---:|---|---:|---:|---:|---:|---:|")
    for f in report["folds"]:
        c = f["config"]
        add(f"| {f['fold']} | {f['n_test']} | {c['C']:g} | {c['cw'] or 'none'} | {f['threshold']:.2f} | {f['run_threshold']:.2f} | "
            f"{100 * f['rules']:.1f} | {100 * f['model']:.1f} | {100 * f['combo']:.1f} |")
    add("")
    add("Per class F1 (pooled out-of-fold predictions):")
    add("")
    keys = [k for k in ("rules", "model", "combo", "runtime_combo") if k in s]
    add("| class | " + " | ".join(keys) + " |")
    add("|---|" + "---:|" * len(keys))
    for lab in PLV_LABELS:
        add(f"| {lab} | " + " | ".join(f"{100 * s[k]['per_class'][lab]['f1']:.1f}" for k in keys) + " |")
    for k in ("model", "combo", "rules"):
        add("")
        add(f"Confusion, {k} (rows gold, columns predicted):")
        add("")
        add("```")
        add(report["confusion"][k])
        add("```")
    return "\n".join(lines) + "\n"


def _lexicon_version() -> str:
    from tacitus.extract.lexicon import Lexicon

    return str(getattr(Lexicon.default(), "version", ""))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/tacitus_typemodel_cache_v2.pkl"))
    ap.add_argument("--out", type=Path, default=tm.MODEL_DIR)
    ap.add_argument("--report", type=Path, default=Path("/tmp/typemodel_cv.json"), help="CV report (JSON)")
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--markdown", type=Path, help="print the tables of an existing --report JSON and exit")
    args = ap.parse_args(argv)
    if args.markdown:
        print(markdown(json.loads(args.markdown.read_text(encoding="utf-8"))), end="")
        return
    t0 = time.perf_counter()
    data = featurize(prepare(args.cache))
    print(f"prepared {len(data['plv'])} PLV + {len(data['gsr'])} GSR items in {time.perf_counter() - t0:.1f}s", flush=True)
    y, res, prob, folds = cross_validate(data)
    report = {"folds": folds, "systems": {}, "confusion": {}}
    for k in ("rules", "rules_strict", "model", "model_plv_only", "combo", "combo_fill", "runtime", "runtime_combo"):
        report["systems"][k] = classification_metrics(y, res[k], PLV_LABELS)
        print(f"{k:16s} macro-F1 {report['systems'][k]['macro_f1']:.4f}  acc {report['systems'][k]['accuracy']:.4f}", flush=True)
    for k in ("rules", "model", "combo"):
        report["confusion"][k] = render_confusion(confusion(y, res[k]))
    for f in folds:
        print(f)
    if not args.cv_only:
        report["final"] = train_final(data, args.out)
        print("final", report["final"]["config"], "events.py threshold", report["final"]["threshold"],
              "dyad threshold", report["final"]["dyad_threshold"])
    report["timing"] = {k: data[k] for k in ("parse_s", "extract_s", "n_docs", "n_tokens", "feature_ms")}
    args.report.write_text(json.dumps(report, indent=1, default=str) + "\n", encoding="utf-8")
    print(f"done in {time.perf_counter() - t0:.0f}s")


if __name__ == "__main__":
    main()
