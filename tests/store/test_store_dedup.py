"""Near-duplicate detection: MinHash over shingles, LSH index, exact copies by hash."""
from __future__ import annotations

import pytest

from tacitus.store import dedup

BASE = ("Canadian Defence Minister Bill Blair said Canada is open to sending a limited number of "
        "military personnel to Ukraine to train soldiers, provided the mission is far from the front line. "
        "He said the idea was discussed earlier this week in Paris. ") * 3


def test_store_dedup_identical_texts_are_exact():
    idx = dedup.DuplicateIndex()
    idx.add("a", dedup.content_hash(BASE), dedup.minhash(BASE))
    d = idx.match("b", dedup.content_hash(BASE), dedup.minhash(BASE))
    assert d == dedup.Duplicate("a", "exact", 1.0)


@pytest.mark.parametrize("edit, near", [
    (lambda t: t.replace("Paris", "Brussels", 1), True),           # one-word update
    (lambda t: "UPDATED 14:05. " + t + " Reporting by Reuters.", True),  # wire boilerplate
    (lambda t: "Poland says it will not send troops to Ukraine. " * 8, False),
])
def test_store_dedup_near_duplicates(edit, near):
    other = edit(BASE)
    sim = dedup.similarity(dedup.minhash(BASE), dedup.minhash(other))
    assert (sim >= dedup.NEAR) is near, sim
    idx = dedup.DuplicateIndex()
    idx.add("a", dedup.content_hash(BASE), dedup.minhash(BASE))
    got = idx.match("b", dedup.content_hash(other), dedup.minhash(other))
    assert (got is not None and got.kind == "near") is near


def test_store_dedup_never_matches_itself():
    idx = dedup.DuplicateIndex()
    idx.add("a", dedup.content_hash(BASE), dedup.minhash(BASE))
    assert idx.match("a", dedup.content_hash(BASE), dedup.minhash(BASE)) is None


def test_store_dedup_signature_round_trips():
    sig = dedup.minhash(BASE)
    assert dedup.decode(dedup.encode(sig)) == sig
    assert len(dedup.bands(sig)) == dedup.BANDS
