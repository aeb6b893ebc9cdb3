"""Near-duplicate articles: MinHash over word 5-shingles, LSH banding for candidates.

Wire copies, re-publications and lightly edited updates share most 5-word shingles; the share
(Jaccard) is estimated by the fraction of equal MinHash slots. 64 slots in 16 bands of 4 rows
make any pair above ~0.5 Jaccard a candidate; `NEAR` (0.8) decides. Exact copies are found by
content hash first. Pure functions plus a small in-memory index; the store persists the bands.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np

SHINGLE = 5
SLOTS = 64
BANDS = 16
ROWS = SLOTS // BANDS
NEAR = 0.8
_PRIME = np.uint64((1 << 31) - 1)
_rng = np.random.default_rng(20240301)
_A = _rng.integers(1, (1 << 31) - 1, SLOTS, dtype=np.uint64)
_B = _rng.integers(0, (1 << 31) - 1, SLOTS, dtype=np.uint64)
_WORD = re.compile(r"\w+", re.UNICODE)


def content_hash(text: str) -> str:
    """sha256 of the text exactly as given (the skip key for re-ingest)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def shingles(text: str, k: int = SHINGLE) -> set[int]:
    """Hashed word k-grams of the lower-cased text (all words when shorter than k)."""
    words = _WORD.findall(text.lower())
    grams = [" ".join(words[i:i + k]) for i in range(max(1, len(words) - k + 1))]
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "big") for g in grams}


def minhash(text: str) -> tuple[int, ...]:
    """The 64-slot MinHash signature of the text's shingles."""
    sh = np.fromiter(shingles(text), dtype=np.uint64)
    if sh.size == 0:
        return tuple([0] * SLOTS)
    h = (_A[:, None] * (sh[None, :] % _PRIME) + _B[:, None]) % _PRIME
    return tuple(int(x) for x in h.min(axis=1))


def compare(chash_a: str, sig_a: tuple[int, ...], chash_b: str, sig_b: tuple[int, ...],
            threshold: float = NEAR) -> tuple[str, float] | None:
    """("exact", 1.0), ("near", similarity) or None: how document a duplicates document b."""
    if chash_a == chash_b:
        return "exact", 1.0
    s = similarity(sig_a, sig_b)
    return ("near", round(s, 3)) if s >= threshold else None


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return sum(x == y for x, y in zip(a, b)) / SLOTS


def bands(sig: tuple[int, ...]) -> list[str]:
    """LSH band keys: band number + a hash of its rows."""
    out = []
    for b in range(BANDS):
        rows = ",".join(str(x) for x in sig[b * ROWS:(b + 1) * ROWS])
        out.append(f"{b}:{hashlib.blake2b(rows.encode(), digest_size=8).hexdigest()}")
    return out


def encode(sig: tuple[int, ...]) -> str:
    return " ".join(f"{x:x}" for x in sig)


def decode(s: str) -> tuple[int, ...]:
    return tuple(int(x, 16) for x in s.split())


@dataclass(frozen=True, slots=True)
class Duplicate:
    """`doc` duplicates `original`: kind "exact" (same text) or "near" (MinHash >= NEAR)."""

    original: str
    kind: str
    similarity: float


@dataclass
class DuplicateIndex:
    """Originals seen so far: content hashes, signatures and band buckets."""

    by_hash: dict[str, str] = field(default_factory=dict)
    sigs: dict[str, tuple[int, ...]] = field(default_factory=dict)
    buckets: dict[str, list[str]] = field(default_factory=dict)
    hash_of: dict[str, str] = field(default_factory=dict)

    def add(self, doc_id: str, chash: str, sig: tuple[int, ...]) -> None:
        self.by_hash.setdefault(chash, doc_id)
        self.hash_of[doc_id] = chash
        self.sigs[doc_id] = sig
        for b in bands(sig):
            self.buckets.setdefault(b, []).append(doc_id)

    def remove(self, doc_id: str) -> None:
        """Forget a document (it is being replaced, or is no longer an original)."""
        h = self.hash_of.pop(doc_id, None)
        if h is not None and self.by_hash.get(h) == doc_id:
            del self.by_hash[h]
        sig = self.sigs.pop(doc_id, None)
        if sig is not None:
            for b in bands(sig):
                bucket = self.buckets.get(b)
                if bucket and doc_id in bucket:
                    bucket.remove(doc_id)

    def match(self, doc_id: str, chash: str, sig: tuple[int, ...], threshold: float = NEAR) -> Duplicate | None:
        """The original this document duplicates, if any (never itself)."""
        orig = self.by_hash.get(chash)
        if orig is not None and orig != doc_id:
            return Duplicate(orig, "exact", 1.0)
        best: tuple[float, str] | None = None
        for b in bands(sig):
            for other in self.buckets.get(b, ()):
                if other == doc_id:
                    continue
                s = similarity(sig, self.sigs[other])
                if s >= threshold and (best is None or s > best[0]):
                    best = (s, other)
        return Duplicate(best[1], "near", round(best[0], 3)) if best else None
