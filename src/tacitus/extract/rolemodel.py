"""A learned ranker of who acts and who is acted on: scores each noun phrase of the sentence as the
event's actor and as its target.

Two binary logistic regressions over hashed features of a (trigger, candidate head) pair: the
dependency path between them (relations and directions), the candidate's relation, preposition, part
of speech, entity type and what the actor dictionaries make of it (kind, sector, coded or not), its
side and distance, the trigger's lemma, type and voice, and whether the rule stage chose it. Trained on
the news gold (train + train2) by `scripts/train_role_ranker.py`; weights in `data/models/rolemodel.npz`
with `rolemodel.json`. Inference is a handful of dict lookups per candidate.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..models import ParsedDoc, Party, Token
from . import syntax as sx
from .candidate import EventCandidate
from .linear import feature_rows, read_linear
from .typemodel import dep_path

MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "models"
WEIGHTS_FILE = MODEL_DIR / "rolemodel.npz"
META_FILE = MODEL_DIR / "rolemodel.json"
FEATURES_VERSION = "role-features-1"
ROLES = ("actor", "target")
_HEAD_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "attr", "dative", "agent",
                        "npadvmod", "ROOT", "oprd", "obj", "iobj"})


def candidates(doc: ParsedDoc, sent_index: int) -> list[Token]:
    """Heads of the sentence's noun phrases (nouns, names, pronouns) that can be a party."""
    s = doc.sentences[sent_index]
    out = []
    for t in doc.tokens[s.start:s.end]:
        if t.pos in {"PROPN", "NOUN", "PRON"} and (t.dep in _HEAD_DEPS or doc.entity_at(t.i) is not None):
            ent = doc.entity_at(t.i)
            if ent is not None and t.dep in {"compound", "flat"} and doc.tokens[t.head].i < ent.end \
                    and doc.tokens[t.head].i >= ent.start:
                continue  # inside a name: its head stands for it
            out.append(t)
    return out


def _prep(doc: ParsedDoc, c: Token) -> str:
    if c.dep == "pobj" and c.head != c.i:
        return doc.tokens[c.head].lower
    return "-"


@dataclass(frozen=True, slots=True)
class Resolved:
    """What the dictionaries make of a candidate's mention (pure lookup, no document memory)."""

    kind: str | None
    sector: str | None
    coded: bool


def features(doc: ParsedDoc, c: EventCandidate, cand: Token, resolved: Resolved, rule_actor: int | None,
             rule_targets: set[int]) -> list[str]:
    """Feature strings of one (trigger, candidate head) pair."""
    t = c.token
    up, down, lca = dep_path(doc, t.i, cand.i)
    path = "^".join(doc.tokens[i].dep for i in up[:3]) + "|" + "v".join(doc.tokens[i].dep for i in reversed(down[-3:]))
    lem = (t.lemma or t.text).lower()
    etype = c.trigger.sense.type
    passive = any(k.dep in {"nsubjpass", "auxpass"} for k in doc.children(t.i))
    ent = doc.entity_at(cand.i)
    side = "before" if cand.i < t.i else "after"
    dist = min(abs(cand.i - t.i) // 3, 6)
    prep = _prep(doc, cand)
    f = [
        "bias", f"path={path}", f"plen={min(len(up) + len(down), 8)}", f"dep={cand.dep}", f"pos={cand.pos}",
        f"ent={ent.label if ent else '-'}", f"prep={prep}", f"side={side}", f"dist={dist}",
        f"kind={resolved.kind}", f"sector={resolved.sector}", f"coded={resolved.coded}",
        f"type|path={etype}|{path}", f"type|dep={etype}|{cand.dep}", f"type|prep={etype}|{prep}",
        f"lem|dep={lem}|{cand.dep}", f"lem|prep={lem}|{prep}", f"voice|dep={passive}|{cand.dep}",
        f"tpos={t.pos}", f"tpos|dep={t.pos}|{cand.dep}", f"lca_is_trigger={lca == t.i}",
        f"rule_actor={rule_actor == cand.i}", f"rule_target={cand.i in rule_targets}",
        f"obj={c.trigger.obj is not None and c.trigger.obj.i == cand.i}",
        f"pron={cand.lower if cand.pos == 'PRON' else '-'}",
    ]
    if cand.dep == "pobj" and cand.head != cand.i:
        f.append(f"prephead={doc.tokens[doc.tokens[cand.head].head].dep}")
    return f


def party_token(doc: ParsedDoc, p: Party | None) -> int | None:
    """The head token of a party's mention, from its character offsets."""
    if p is None or p.start is None:
        return None
    toks = [t for t in doc.tokens if t.idx >= p.start and t.end <= (p.end or p.start)]
    if not toks:
        return None
    ids = {t.i for t in toks}
    for t in toks:
        if t.head not in ids or t.head == t.i:
            return t.i
    return toks[-1].i


class RoleModel:
    """Packaged binary logistic regressions (actor, target) over hashed features."""

    def __init__(self, hashes: np.ndarray, weights: np.ndarray, bias: np.ndarray, meta: dict):
        if weights.shape != (len(hashes), 2) or bias.shape != (2,):
            raise ValueError(f"role model: bad shapes hashes={hashes.shape} weights={weights.shape}")
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.row = {int(h): k for k, h in enumerate(hashes.tolist())}
        self.meta = meta
        self.version: str = str(meta.get("version", "unversioned"))
        self.thresholds: dict[str, float] = dict(meta.get("thresholds", {"actor": 0.5, "target": 0.5}))
        self.margin: float = float(meta.get("margin", 0.0))

    @classmethod
    def load(cls, weights_file: Path | str = WEIGHTS_FILE, meta_file: Path | str | None = None) -> "RoleModel":
        meta, z = read_linear(weights_file, meta_file, FEATURES_VERSION)
        return cls(z["hashes"], z["weights"], z["bias"], meta)

    @classmethod
    def default(cls) -> "RoleModel | None":
        return _default_model()

    def proba(self, feats: list[str]) -> tuple[float, float]:
        """(P(actor), P(target)) for one candidate."""
        rows = feature_rows(self.row, feats)
        z = self.bias + (self.weights[rows].sum(axis=0) if rows else 0.0)
        p = 1.0 / (1.0 + np.exp(-z))
        return float(p[0]), float(p[1])


def resolve_candidate(doc: ParsedDoc, resolver, cand: Token, on) -> Resolved:
    """Dictionary reading of a candidate's mention, without touching document memory."""
    s, e = sx.mention_span(doc, cand)
    p = resolver.resolve(doc.doc.text[doc.tokens[s].idx:doc.tokens[e - 1].end], on=on)
    if p is None:
        ent = doc.entity_at(cand.i)
        return Resolved({"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "group"}.get(
            ent.label if ent else "", None), None, False)
    return Resolved(p.kind, p.sector, bool(p.country))


@lru_cache(maxsize=1)
def _default_model() -> RoleModel | None:
    if not WEIGHTS_FILE.is_file() or not META_FILE.is_file():
        return None
    return RoleModel.load(WEIGHTS_FILE, META_FILE)
