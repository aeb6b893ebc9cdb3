"""Scoring math of tacitus.eval.common on tiny hand-computed cases."""
from __future__ import annotations

import itertools
import json
import random

import pytest

from tacitus.eval.common import (PRF, Report, _hungarian_max, accuracy, b_cubed, ceaf_e, classification_metrics,
                                 clusters_from_labels, confusion, constant_baseline, coref_scores, macro_f1,
                                 match_spans, micro_prf, most_frequent, muc, overlap, per_label_prf,
                                 render_confusion, span_match_pairs, take)

approx = pytest.approx


# ---------------------------------------------------------------- PRF

def test_prf_basic():
    c = PRF(3, 1, 2)
    assert c.p == approx(0.75)
    assert c.r == approx(0.6)
    assert c.f1 == approx(2 * 0.75 * 0.6 / 1.35)


@pytest.mark.parametrize("tp,fp,fn,p,r,f1", [
    (0, 0, 0, 0.0, 0.0, 0.0),    # nothing to find, nothing found: 0/0 = 0
    (0, 5, 0, 0.0, 0.0, 0.0),    # only false positives
    (0, 0, 4, 0.0, 0.0, 0.0),    # predicted nothing
    (2, 0, 0, 1.0, 1.0, 1.0),
    (1, 0, 3, 1.0, 0.25, 0.4),
])
def test_prf_edge_cases(tp, fp, fn, p, r, f1):
    c = PRF(tp, fp, fn)
    assert (c.p, c.r, c.f1) == (approx(p), approx(r), approx(f1))


def test_prf_add_and_dict():
    c = PRF(1, 2, 3) + PRF(4, 0, 1)
    assert (c.tp, c.fp, c.fn) == (5, 2, 4)
    d = c.to_dict()
    assert set(d) >= {"p", "r", "f1", "tp", "fp", "fn"}
    assert d["tp"] == 5 and isinstance(d["tp"], int)


# ---------------------------------------------------------------- classification

GOLD = ["a", "a", "b", "c"]
PRED = ["a", "b", "b", None]


def test_per_label_and_macro_f1():
    per = per_label_prf(GOLD, PRED)
    assert (per["a"].tp, per["a"].fp, per["a"].fn) == (1, 0, 1)
    assert (per["b"].tp, per["b"].fp, per["b"].fn) == (1, 1, 0)
    assert (per["c"].tp, per["c"].fp, per["c"].fn) == (0, 0, 1)
    # F1: a 2/3, b 2/3, c 0 -> macro 4/9
    assert macro_f1(GOLD, PRED) == approx(4 / 9)
    # a fixed label set adds a never-seen label with F1 0
    assert macro_f1(GOLD, PRED, ["a", "b", "c", "d"]) == approx(4 / 12)


def test_micro_with_abstention():
    c = micro_prf(GOLD, PRED)
    assert (c.tp, c.fp, c.fn) == (2, 1, 2)  # None is no false positive
    assert accuracy(GOLD, PRED) == 0.5


def test_micro_gold_none_is_negative():
    c = micro_prf([None, "x", None], ["x", "x", None])
    assert (c.tp, c.fp, c.fn) == (1, 1, 0)


def test_classification_metrics_and_baselines():
    m = classification_metrics(GOLD, PRED, ["a", "b", "c"])
    assert m["accuracy"] == 0.5 and m["no_prediction"] == 1 and m["n"] == 4
    assert m["macro_f1"] == approx(4 / 9, abs=1e-4)
    assert m["per_class"]["b"]["p"] == 0.5
    assert most_frequent(GOLD) == "a"
    assert most_frequent([]) is None
    mf = constant_baseline(GOLD, "a", ["a", "b", "c"])
    assert mf["accuracy"] == 0.5 and mf["macro_f1"] == approx((2 / 3) / 3, abs=1e-4)
    nothing = constant_baseline(GOLD, None)
    assert nothing["p"] == nothing["r"] == nothing["f1"] == 0.0


def test_length_mismatch_raises():
    with pytest.raises(ValueError):
        per_label_prf(["a"], [])


def test_confusion():
    m = confusion(GOLD, PRED)
    assert m == {"a": {"a": 1, "b": 1}, "b": {"b": 1}, "c": {"(none)": 1}}
    text = render_confusion(m)
    assert "gold \\ pred" in text and "(none)" in text


# ---------------------------------------------------------------- spans

def test_overlap():
    assert overlap((0, 5), (3, 8)) == 2
    assert overlap((0, 5), (5, 8)) == 0  # half-open: touching is no overlap


def test_match_spans_exact_and_overlap():
    gold = [(0, 5), (10, 20)]
    pred = [(0, 5), (12, 15), (30, 31)]
    ex = match_spans(gold, pred, "exact")
    assert (ex.tp, ex.fp, ex.fn) == (1, 2, 1)
    ov = match_spans(gold, pred, "overlap")
    assert (ov.tp, ov.fp, ov.fn) == (2, 1, 0)


def test_match_spans_one_to_one_and_labels():
    # two predictions over one gold span: one tp, one fp
    c = match_spans([(0, 10)], [(0, 4), (2, 9)], "overlap")
    assert (c.tp, c.fp, c.fn) == (1, 1, 0)
    assert span_match_pairs([(0, 10)], [(0, 4), (2, 9)]) == [(0, 1)]  # largest overlap wins
    # labels must agree when spans carry them
    c = match_spans([(0, 3, "PER")], [(0, 3, "LOC")], "exact")
    assert (c.tp, c.fp, c.fn) == (0, 1, 1)
    c = match_spans([(0, 3, "PER")], [(0, 3, "LOC")], "exact", labelled=False)
    assert c.tp == 1
    with pytest.raises(ValueError):
        match_spans([], [], "fuzzy")


def test_match_spans_empty():
    c = match_spans([], [])
    assert (c.tp, c.fp, c.fn, c.f1) == (0, 0, 0, 0.0)


# ---------------------------------------------------------------- coreference

KEY = [set(range(1, 6)), {6, 7}, set(range(8, 13))]          # Bagga & Baldwin 1998, fig. 2
RESP_A = [set(range(1, 6)), set(range(6, 13))]                # merges the 2 and 5 chains
RESP_B = [set(range(1, 6)) | set(range(8, 13)), {6, 7}]       # merges the two 5 chains


def test_b_cubed_textbook():
    p, r, f = b_cubed(KEY, RESP_A)
    assert r == approx(1.0)
    assert p == approx((5 * 1 + 2 * 2 / 7 + 5 * 5 / 7) / 12)  # 0.7619
    p, r, f = b_cubed(KEY, RESP_B)
    assert r == approx(1.0)
    assert p == approx((10 * 5 / 10 + 2 * 1) / 12)  # 0.5833: B³ tells the two errors apart
    assert f == approx(2 * p / (p + 1))


def test_muc_textbook():
    # MUC cannot tell the two responses apart: both P = 9/10, R = 1
    for resp in (RESP_A, RESP_B):
        p, r, f = muc(KEY, resp)
        assert (p, r) == (approx(0.9), approx(1.0))
    # singletons carry no links: response of all singletons scores 0
    assert muc(KEY, [{m} for c in KEY for m in c]) == (0.0, 0.0, 0.0)


def test_ceaf_e_small():
    key = [{"a", "b", "c"}, {"d", "e"}]
    resp = [{"a", "b"}, {"c", "d", "e"}]
    # phi4: k1-r1 = 2*2/5, k2-r2 = 2*2/5; best alignment 1.6 over 2 clusters each side
    p, r, f = ceaf_e(key, resp)
    assert (p, r, f) == (approx(0.8), approx(0.8), approx(0.8))


def test_coref_perfect_and_missing_mentions():
    s = coref_scores(KEY, KEY)
    for name in ("muc", "b3", "ceaf_e"):
        assert s[name]["f1"] == 1.0
    assert s["conll"]["f1"] == 1.0
    # response lacks mention 12: recall drops, precision stays 1
    resp = [set(range(1, 6)), {6, 7}, set(range(8, 12))]
    p, r, _ = b_cubed(KEY, resp)
    assert p == approx(1.0) and r == approx((5 + 2 + 4 * 4 / 5) / 12)


def test_clusters_from_labels():
    cl = clusters_from_labels({"m1": "x", "m2": "x", "m3": "y"})
    assert sorted(map(sorted, cl)) == [["m1", "m2"], ["m3"]]


def test_hungarian_matches_brute_force():
    rng = random.Random(7)
    for _ in range(30):
        n, m = rng.randint(1, 5), rng.randint(1, 5)
        w = [[rng.random() for _ in range(m)] for _ in range(n)]
        best = 0.0
        if n <= m:
            for perm in itertools.permutations(range(m), n):
                best = max(best, sum(w[i][perm[i]] for i in range(n)))
        else:
            for perm in itertools.permutations(range(n), m):
                best = max(best, sum(w[perm[j]][j] for j in range(m)))
        assert _hungarian_max(w) == approx(best)


# ---------------------------------------------------------------- sampling and report

def test_take_is_reproducible_and_ordered():
    items = list(range(100))
    a, b = take(items, 10, 3), take(items, 10, 3)
    assert a == b == sorted(a) and len(a) == 10
    assert take(items, None) == items and take(items, 1000) == items
    assert take(items, 10, 4) != a


def test_report_json_shape_and_table():
    rep = Report("plv", 2, metrics={"type": classification_metrics(["A", "B"], ["A", None])},
                 baselines={"nothing": {"type": constant_baseline(["A", "B"], None)}})
    rep.confusion["type"] = confusion(["A", "B"], ["A", None])
    for i in range(15):
        rep.add_error(i=i)
    assert len(rep.errors) == 10
    d = json.loads(rep.to_json())
    assert d["benchmark"] == "plv" and d["n"] == 2
    assert {"p", "r", "f1"} <= set(d["metrics"]["type"])
    assert {"p", "r", "f1"} <= set(d["baselines"]["nothing"]["type"])
    table = rep.to_table()
    assert "baseline: nothing" in table and "confusion (type)" in table and "50.0" in table
