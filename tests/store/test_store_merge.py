"""The merge rule as pure functions (the store and the ECB+ runner use the same ones)."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from storehelpers import event

from tacitus.store import merge


def f(doc="d1", **kw):
    return merge.features_of(event(doc, **kw))


@pytest.mark.parametrize("a, b, same", [
    (dict(), dict(doc="d2"), True),
    (dict(), dict(doc="d2", trigger="deploy", sentence="Canada to deploy soldiers in Ukraine."), True),
    (dict(), dict(doc="d2", modality="negated"), False),
    (dict(), dict(doc="d2", type="ASSAULT"), False),
    (dict(), dict(doc="d2", actor="FRA"), False),
    (dict(), dict(doc="d2", target=None), True),                      # missing target: wildcard
    (dict(actor=None, target=None), dict(doc="d2", actor=None, target=None), False),  # nothing known
    (dict(), dict(doc="d2", day="2024-03-02"), True),                 # explicit dates: one day of slack
    (dict(), dict(doc="d2", day="2024-03-03"), False),
    (dict(), dict(doc="d2", day="2024-03-20"), False),
    (dict(anchor="published"), dict(doc="d2", day="2024-03-04", anchor="published"), True),
    (dict(location="POL"), dict(doc="d2", location="FRA"), False),
    (dict(), dict(doc="d2", trigger="pay", sentence="Canada pays pensions of Ukrainian veterans."), False),
])
def test_store_merge_compatible(a, b, same):
    x, y = f(**a), f(**b)
    assert merge.compatible(x, y) is same
    assert merge.compatible(y, x) is same


def test_store_merge_contradiction_needs_other_document():
    pos, neg = f(), f(doc="d2", modality="negated")
    assert merge.contradicts(pos, neg) and merge.contradicts(neg, pos)
    assert not merge.contradicts(pos, f(modality="negated"))
    assert not merge.contradicts(pos, f(doc="d2"))


def test_store_merge_cluster_is_greedy_and_bounded():
    feats = [f(doc=f"d{i}", day=f"2024-03-{1 + i * 2:02d}", anchor="published") for i in range(12)]
    day = {x.key: x.start for x in feats}
    clusters = merge.cluster_mentions(feats)
    assert sorted(k for c in clusters for k in c) == sorted(day)
    assert len(clusters) > 1  # a statement repeated every two days does not chain forever
    for c in clusters:
        assert (max(day[k] for k in c) - min(day[k] for k in c)).days <= merge.MAX_SPAN


def test_store_merge_absorb_fills_parties_and_widens_time():
    a = f(target=None)
    b = f(doc="d2", day="2024-03-02")
    j = merge.absorb(a, b)
    assert j.target is not None and j.start.isoformat() == "2024-03-01" and j.end.isoformat() == "2024-03-02"


@dataclass(frozen=True)
class M:
    key: str
    doc: str
    topic: str
    text: str
    tag: str = "ACTION_OCCURRENCE"


def test_store_merge_ecb_cluster_uses_stem_and_subtopic():
    ms = [M("a", "1_1ecb", "1", "shot"), M("b", "1_2ecb", "1", "shooting"), M("c", "1_3ecbplus", "1", "shooting"),
          M("d", "1_2ecb", "1", "arrested"), M("e", "1_4ecb", "1", "shot", "NEG_ACTION_OCCURRENCE")]
    out = {frozenset(c) for c in merge.ecb_cluster(ms)}
    assert frozenset({"c"}) in out and frozenset({"d"}) in out and frozenset({"e"}) in out
    assert any({"b"} <= c for c in out)
