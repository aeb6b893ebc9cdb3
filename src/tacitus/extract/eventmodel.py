"""A learned filter: is an extracted candidate an event an analyst would record?

Binary logistic regression over hashed, sparse features of a finished candidate: the trigger (lemma,
part of speech, relation, head, object), the lexicon sense (curated or mined), the type and modality
with the cues that decided it, how the actor was found and what it resolved to (kind, sector, coded or
not), the target, and where the sentence sits (headline, quotation, length). Everything comes from the
parse and the earlier stages; no encoder. Trained on the news gold's train split by
`scripts/train_event_filter.py` (label: the candidate matches a gold event); weights in
`data/models/eventmodel.npz` with `eventmodel.json` (version, threshold, training summary).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from ..models import ParsedDoc
from .candidate import EventCandidate
from .event_rules import headline
from .linear import feature_rows, read_linear

MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "models"
WEIGHTS_FILE = MODEL_DIR / "eventmodel.npz"
META_FILE = MODEL_DIR / "eventmodel.json"
FEATURES_VERSION = "ev-features-3"


def _party(prefix: str, p) -> list[str]:
    if p is None:
        return [f"{prefix}=none"]
    src = (p.source or "").split("+")[0].split(":")[-1]
    return [f"{prefix}.kind={p.kind}", f"{prefix}.sector={p.sector}", f"{prefix}.coded={bool(p.country)}",
            f"{prefix}.src={src}", f"{prefix}.kind+coded={p.kind}|{bool(p.country)}"]


def repeat_key(c: EventCandidate) -> tuple:
    """What makes two candidates of one article look like the same event told twice."""
    return (c.type, c.actor.country if c.actor is not None else None,
            c.target.country if c.target is not None else None)


def features(doc: ParsedDoc, c: EventCandidate, earlier: int = 0) -> list[str]:
    """Feature strings of one candidate (one actor-target pair); `earlier` counts the article's earlier
    candidates with the same type, actor code and target code (a repeat is rarely a new event)."""
    t = c.token
    lem = (t.lemma or t.text).lower()
    sense = c.trigger.sense
    mod = c.modality.modality if c.modality else "asserted"
    cues = c.modality.cues if c.modality else ()
    head = doc.tokens[t.head] if t.head != t.i else None
    sent = doc.sentences[c.sent]
    n_words = sent.end - sent.start
    text = doc.doc.text
    in_quote = text.count("\u201c", sent.start_char - 400 if sent.start_char > 400 else 0, t.idx) > \
        text.count("\u201d", sent.start_char - 400 if sent.start_char > 400 else 0, t.idx)
    f = [
        "bias", f"lem={lem}", f"lem+pos={lem}|{t.pos}", f"pos={t.pos}", f"dep={t.dep}", f"type={c.type}",
        f"type+mod={c.type}|{mod}", f"mod={mod}", f"src={sense.source.split(':')[0]}", f"lem+type={lem}|{c.type}",
        f"how={c.how or 'none'}", f"head={(head.lemma or head.text).lower() if head else 'ROOT'}",
        f"headpos={head.pos if head else 'ROOT'}", f"title={headline(sent.text)}", f"quote={in_quote}",
        f"len={min(n_words // 10, 5)}", f"first={c.sent < 2}", f"upper={sent.text.isupper()}",
        f"obj={(c.trigger.obj.lemma or '').lower() if c.trigger.obj is not None else 'none'}",
        f"time={c.time.anchor if c.time else 'none'}", f"qty={bool(c.quantities)}", f"place={c.location is not None}",
        f"speaker={c.attribution is not None and c.attribution.speaker is not None}",
    ]
    f += [f"cue={x}" for x in cues]
    f += _party("a", c.actor) + _party("t", c.target)
    f.append(f"lem+acoded={lem}|{bool(c.actor and c.actor.country)}")
    # Conjunctions with the type: a protest needs no target, an aid event without a recipient is suspect.
    f += [f"type+t={c.type}|{c.target is not None}", f"type+obj={c.type}|{c.trigger.obj is not None}",
          f"type+time={c.type}|{c.time.anchor if c.time else 'none'}", f"type+pos={c.type}|{t.pos}",
          f"type+how={c.type}|{c.how or 'none'}"]
    rep = min(earlier, 2)
    f += [f"repeat={rep}", f"repeat+coded={rep}|{bool(c.actor and c.actor.country)}", f"repeat+type={rep}|{c.type}"]
    return f


class EventModel:
    """Packaged binary logistic regression over hashed features (numpy inference)."""

    def __init__(self, hashes: np.ndarray, weights: np.ndarray, bias: float, meta: dict):
        if weights.shape != (len(hashes),):
            raise ValueError(f"event model: bad shapes hashes={hashes.shape} weights={weights.shape}")
        self.weights = weights.astype(np.float32)
        self.bias = float(bias)
        self.row = {int(h): k for k, h in enumerate(hashes.tolist())}
        self.meta = meta
        self.version: str = str(meta.get("version", "unversioned"))
        self.threshold: float = float(meta.get("threshold", 0.5))

    @classmethod
    def load(cls, weights_file: Path | str = WEIGHTS_FILE, meta_file: Path | str | None = None) -> "EventModel":
        meta, z = read_linear(weights_file, meta_file, FEATURES_VERSION)
        return cls(z["hashes"], z["weights"], float(z["bias"]), meta)

    @classmethod
    def default(cls) -> "EventModel | None":
        """The packaged model (cached per process), or None when no weights are shipped."""
        return _default_model()

    def proba_of(self, feats: list[str]) -> float:
        rows = feature_rows(self.row, feats)
        z = self.bias + (float(self.weights[rows].sum()) if rows else 0.0)
        return float(1.0 / (1.0 + np.exp(-z)))

    def proba(self, doc: ParsedDoc, c: EventCandidate, earlier: int = 0) -> float:
        """P(the candidate is an event an analyst would record, and not a repeat of one)."""
        return self.proba_of(features(doc, c, earlier))


@lru_cache(maxsize=1)
def _default_model() -> EventModel | None:
    if not WEIGHTS_FILE.is_file() or not META_FILE.is_file():
        return None
    return EventModel.load(WEIGHTS_FILE, META_FILE)
