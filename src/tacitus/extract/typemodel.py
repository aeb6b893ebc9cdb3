"""A learned PLOVER type classifier for an (event trigger, sentence, source/target) triple.

Multinomial logistic regression over hashed, sparse, binary features read from our own ParsedDoc
(no spaCy here): the sentence's lemmas, the trigger (lemma, POS, dependency relation, head, children,
direct object, prepositions), negation / modal / auxiliary cues that govern it, the words on the
dependency path between the source and target and the words between their spans, and the heads of
the source and target. Inference is pure numpy: one dict lookup per feature, one sum over <= ~150
rows of a (n_features, 15) weight matrix, one softmax.

Weights: ``tacitus/data/models/typemodel.npz`` (feature hashes, weights, bias) and
``typemodel.json`` (labels, version, threshold, training summary). Retrain with
``scripts/train_type_model.py`` (scikit-learn, pinned in ``scripts/requirements-train.txt``; the
runtime needs numpy only). Only 32-bit hashes of feature strings are shipped, not the training
text or a vocabulary.

The model's 15 labels are PLV's: ``YIELD`` is the pre-2021 PLOVER type that today's PLOVER splits
into CONCEDE (verbal) and RETREAT (material). `predict` never returns YIELD: it resolves it by the
trigger lemma (`yield_type`) and reports the probabilities over the 16 PLOVER types (the YIELD mass
goes to the resolved one, the other gets 0).
"""
from __future__ import annotations

import zlib
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np

from ..models import PLOVER_TYPES, ParsedDoc, Token

MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "models"
WEIGHTS_FILE = MODEL_DIR / "typemodel.npz"
META_FILE = MODEL_DIR / "typemodel.json"
FEATURES_VERSION = "tm-features-2"

# Lemmas whose YIELD is material (PLOVER RETREAT: withdraw, release, de-escalate, return, allow in);
# every other YIELD is verbal (CONCEDE: apologise, ease or back down on a position, grant a demand).
RETREAT_LEMMAS = frozenset({
    "withdraw", "withdrawal", "pull", "pullout", "retreat", "evacuate", "evacuation", "leave", "release",
    "free", "return", "hand", "handover", "surrender", "disarm", "disband", "demobilize", "demobilise",
    "demilitarize", "demilitarise", "dismantle", "decommission", "ceasefire", "truce", "lift", "reopen",
    "open", "allow", "let", "admit", "repatriate", "pardon", "exchange", "swap", "vacate", "abandon",
    "relinquish", "cede", "remove", "unblock", "deescalate", "de-escalate", "halt", "stop", "suspend",
    "resign", "quit", "step", "resignation",
})
NEG_WORDS = frozenset({"not", "n't", "never", "no", "nothing", "neither", "nor", "without"})
MODAL_WORDS = frozenset({"will", "would", "shall", "should", "could", "can", "may", "might", "must",
                         "ought", "going"})
_SKIP_POS = frozenset({"PUNCT", "SPACE", "DET", "SYM", "X"})
_CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ", "ADV", "PROPN", "ADP", "PART", "NUM", "AUX", "PRON"})

Span = tuple[int, int]


# --------------------------------------------------------------------------- features
def _lem(t: Token) -> str:
    return (t.lemma or t.text).lower()


def span_head(doc: ParsedDoc, span: Span | None) -> int | None:
    """The token of [start, end) whose head lies outside the span (the first such, else start)."""
    if span is None:
        return None
    s, e = span
    if s >= e:
        return None
    for i in range(s, e):
        h = doc.tokens[i].head
        if h == i or h < s or h >= e:
            return i
    return s


def _path_to_root(doc: ParsedDoc, i: int, limit: int = 40) -> list[int]:
    out = [i]
    for _ in range(limit):
        h = doc.tokens[out[-1]].head
        if h == out[-1]:
            break
        out.append(h)
    return out


def dep_path(doc: ParsedDoc, a: int, b: int) -> tuple[list[int], list[int], int | None]:
    """(a .. below LCA, b .. below LCA, LCA) along the dependency tree; LCA None if none shared."""
    pa, pb = _path_to_root(doc, a), _path_to_root(doc, b)
    sb = set(pb)
    for k, x in enumerate(pa):
        if x in sb:
            return pa[:k], pb[:pb.index(x)], x
    return pa, pb, None


def char_to_token_span(doc: ParsedDoc, start: int, end: int) -> Span | None:
    """Token range [s, e) of the tokens overlapping characters [start, end)."""
    import bisect

    # Binary search on token offsets: this runs for every event, so no scan over the document.
    starts = _token_starts(doc)
    lo = max(0, bisect.bisect_right(starts, start) - 1)
    toks = []
    for t in doc.tokens[lo:]:
        if t.idx >= end:
            break
        if t.end > start and t.pos != "SPACE":
            toks.append(t.i)
    return (toks[0], toks[-1] + 1) if toks else None


_STARTS: dict[int, tuple[ParsedDoc, list[int]]] = {}


def _token_starts(doc: ParsedDoc) -> list[int]:
    hit = _STARTS.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1]
    if len(_STARTS) > 8:
        _STARTS.clear()
    starts = [t.idx for t in doc.tokens]
    _STARTS[id(doc)] = (doc, starts)
    return starts


def _sentence_bounds(doc: ParsedDoc, i: int) -> tuple[int, int]:
    if doc.sent_of and doc.sent_of[i] >= 0:
        s = doc.sentences[doc.sent_of[i]]
        return s.start, s.end
    for s in doc.sentences:
        if s.start <= i < s.end:
            return s.start, s.end
    return 0, len(doc.tokens)


def dyad_trigger(doc: ParsedDoc, source: Span | None, target: Span | None,
                 is_trigger=None) -> int | None:
    """The token most likely to express what source does to target.

    Walk the dependency path from the target's head up to the lowest common ancestor with the
    source's head (then down to the source): the first token the lexicon knows (`is_trigger(lemma,
    pos)`, when given) on the target side, else the first non-auxiliary verb, else the LCA, else any
    noun on the path; with one side only, the verbs governing it; with none, the sentence root.
    """
    sh, th = span_head(doc, source), span_head(doc, target)
    inside = set()
    for sp in (source, target):
        if sp:
            inside.update(range(*sp))

    def ok(i: int, pos: Iterable[str]) -> bool:
        t = doc.tokens[i]
        return i not in inside and t.pos in pos and t.dep not in {"aux", "auxpass"}

    if sh is not None and th is not None:
        up_t, up_s, lca = dep_path(doc, th, sh)
        order = up_t + ([lca] if lca is not None else []) + list(reversed(up_s))
    elif sh is not None or th is not None:
        order = _path_to_root(doc, th if th is not None else sh)
    else:
        s0, s1 = _sentence_bounds(doc, 0)
        order = [i for i in range(s0, s1) if doc.tokens[i].head == i]
    if is_trigger is not None:
        for i in order:
            t = doc.tokens[i]
            if ok(i, ("VERB", "NOUN")) and is_trigger(_lem(t), t.pos):
                return i
    for pos in (("VERB",), ("NOUN", "ADJ")):
        for i in order:
            if ok(i, pos):
                return i
    for i in order:
        if i not in inside:
            return i
    return order[0] if order else None


def _lexicon():
    from .lexicon import Lexicon  # lazy; cached per process

    return Lexicon.default()


def lexicon_type(doc: ParsedDoc, i: int) -> str | None:
    """The default lexicon's PLOVER type for token i (with its particle and direct object), if any."""
    t = doc.tokens[i]
    if t.pos not in {"VERB", "NOUN"}:
        return None
    prt = obj = None
    for k in doc.kids[i]:
        c = doc.tokens[k]
        if c.dep == "prt" and prt is None:
            prt = _lem(c)
        elif c.dep == "dobj" and obj is None:
            obj = _lem(c)
    try:
        sense = _lexicon().lookup(_lem(t), t.pos, particle=prt, object_lemma=obj)
    except Exception:  # noqa: BLE001 - the lexicon is only a hint here
        return None
    return sense.type if sense is not None else None


def features(doc: ParsedDoc, trigger_i: int, source: Span | None = None,
             target: Span | None = None) -> list[str]:
    """Feature strings of one (trigger, source, target) triple; order does not matter.

    Includes the default trigger lexicon's type for the trigger and for the words on the
    source-target path (the rules' opinion, as evidence the model weighs).
    """
    toks = doc.tokens
    t = toks[trigger_i]
    s0, s1 = _sentence_bounds(doc, trigger_i)
    inside: set[int] = set()
    for sp in (source, target):
        if sp:
            inside.update(range(*sp))
    f: list[str] = []
    add = f.append
    # sentence bag of lemmas (outside the marked spans: names say little about the act)
    for k in range(s0, s1):
        x = toks[k]
        if x.pos in _SKIP_POS or k in inside:
            continue
        add("w=" + _lem(x))
    # the trigger and its neighbourhood
    tl = _lem(t)
    add("t=" + tl)
    lt = lexicon_type(doc, trigger_i)
    add("lex=" + (lt or "-"))
    add("tp=" + t.pos)
    add("td=" + t.dep)
    add("tl_d=" + tl + "|" + t.dep)
    if t.head != t.i:
        h = toks[t.head]
        add("h=" + _lem(h))
        add("hd=" + _lem(h) + "|" + t.dep)
    neg = False
    for k in doc.kids[trigger_i]:
        c = toks[k]
        cl = _lem(c)
        if c.dep in {"punct", "det"}:
            continue
        add("c=" + c.dep + "|" + cl)
        if c.dep == "neg" or cl in NEG_WORDS:
            neg = True
        if c.dep in {"aux", "auxpass"}:
            add("aux=" + cl)
            if cl in MODAL_WORDS:
                add("modal")
        if c.dep in {"dobj", "obj", "attr", "nsubjpass"}:
            add("o=" + tl + "|" + cl)
        if c.dep == "prep":
            add("p=" + tl + "|" + cl)
            for k2 in doc.kids[k]:
                add("pp=" + cl + "|" + _lem(toks[k2]))
        if c.dep in {"xcomp", "ccomp"}:
            add("x=" + tl + "|" + cl)
        if c.dep == "prt":
            add("prt=" + tl + "_" + cl)
    # governors: control verbs ("refused to", "threatened to", "agreed to") and their negation
    for depth, a in enumerate(_path_to_root(doc, trigger_i, limit=4)[1:], start=1):
        al = _lem(toks[a])
        add("anc=" + al)
        if depth == 1:
            add("anc1=" + al)
        for k in doc.kids[a]:
            if toks[k].dep == "neg":
                neg = True
    if neg:
        add("neg")
        add("neg|" + tl)
    # the dyad: heads, order, path and the words between the spans
    sh, th = span_head(doc, source), span_head(doc, target)
    if sh is not None:
        add("sh=" + _lem(toks[sh]))
        add("sd=" + toks[sh].dep)
        if toks[sh].ent_type:
            add("se=" + toks[sh].ent_type)
    else:
        add("no_source")
    if th is not None:
        add("th=" + _lem(toks[th]))
        add("tgd=" + toks[th].dep)
        if toks[th].ent_type:
            add("te=" + toks[th].ent_type)
        if toks[th].head != th:
            add("thh=" + toks[th].dep + "|" + _lem(toks[toks[th].head]))
    else:
        add("no_target")
    if sh is not None and th is not None:
        add("order=" + ("st" if sh < th else "ts"))
        up_t, up_s, lca = dep_path(doc, th, sh)
        if lca is not None:
            add("lca=" + _lem(toks[lca]))
        for k in up_t[1:] + up_s[1:] + ([lca] if lca is not None else []):
            if k != lca:
                add("path=" + _lem(toks[k]))
            if k != trigger_i and (pt := lexicon_type(doc, k)):
                add("plex=" + pt)
        a, b = (source[1], target[0]) if sh < th else (target[1], source[0])  # type: ignore[index]
        for k in range(a, min(b, a + 25)):
            if toks[k].pos not in _SKIP_POS:
                add("b=" + _lem(toks[k]))
    return f


def hash_feature(s: str) -> int:
    """Stable 32-bit feature hash (crc32 of the UTF-8 string)."""
    return zlib.crc32(s.encode("utf-8"))


def yield_type(doc: ParsedDoc, trigger_i: int) -> str:
    """CONCEDE or RETREAT for a YIELD reading: the lexicon's type for the trigger when it is one of
    the two, else RETREAT when the trigger, its particle or its object is in RETREAT_LEMMAS."""
    t = doc.tokens[trigger_i]
    lt = lexicon_type(doc, trigger_i)
    if lt in {"CONCEDE", "RETREAT"}:
        return lt
    words = {_lem(t)} | {_lem(doc.tokens[k]) for k in doc.kids[trigger_i]
                         if doc.tokens[k].dep in {"prt", "dobj", "compound"}}
    return "RETREAT" if words & RETREAT_LEMMAS else "CONCEDE"


# --------------------------------------------------------------------------- model
class TypeModel:
    """Packaged multinomial logistic regression over hashed features (numpy inference)."""

    def __init__(self, hashes: np.ndarray, weights: np.ndarray, bias: np.ndarray, labels: tuple[str, ...],
                 meta: dict | None = None):
        meta = dict(meta or {})
        if weights.ndim != 2 or weights.shape != (len(hashes), len(labels)) or bias.shape != (len(labels),):
            raise ValueError(f"type model: bad shapes hashes={hashes.shape} weights={weights.shape} "
                             f"bias={bias.shape} labels={len(labels)}")
        bad = [x for x in labels if x not in PLOVER_TYPES and x != "YIELD"]
        if bad:
            raise ValueError(f"type model: unknown labels {bad}")
        self.labels = tuple(labels)
        self.weights = np.ascontiguousarray(weights, dtype=np.float32)
        self.bias = bias.astype(np.float32)
        self.row = {int(h): k for k, h in enumerate(hashes.tolist())}
        self.meta = meta
        self.version: str = str(meta.get("version", "unversioned"))
        self.threshold: float = float(meta.get("threshold", 0.5))
        self.norm: str = str(meta.get("norm", "none"))  # "sqrt": rows scaled by 1/sqrt(#features found)
        self._yield = self.labels.index("YIELD") if "YIELD" in self.labels else None

    @classmethod
    def load(cls, weights_file: Path | str = WEIGHTS_FILE, meta_file: Path | str | None = None) -> "TypeModel":
        from .linear import read_linear  # linear.py takes hash_feature from here

        meta, z = read_linear(weights_file, meta_file, FEATURES_VERSION)
        return cls(z["hashes"], z["weights"], z["bias"], tuple(meta["labels"]), meta)

    @classmethod
    def default(cls) -> "TypeModel | None":
        """The packaged model (cached per process), or None when no weights are shipped."""
        return _default_model()

    # ------------------------------------------------------------------ inference
    def scores(self, feats: Iterable[str]) -> np.ndarray:
        from .linear import feature_rows

        rows = feature_rows(self.row, feats)
        z = self.bias.copy()
        if rows:
            s = self.weights[rows].sum(axis=0)
            z += s / np.sqrt(len(rows)) if self.norm == "sqrt" else s
        return z

    def proba(self, doc: ParsedDoc, trigger_i: int, source: Span | None = None,
              target: Span | None = None) -> np.ndarray:
        """Softmax over `self.labels` (YIELD unresolved)."""
        z = self.scores(features(doc, trigger_i, source, target))
        z = np.exp(z - z.max())
        return z / z.sum()

    def predict(self, doc: ParsedDoc, trigger_i: int, source: Span | None = None,
                target: Span | None = None) -> tuple[str, float, dict[str, float]]:
        """(PLOVER type, its probability, probabilities of all 16 PLOVER types).

        `trigger_i` is a token index; `source` / `target` are token ranges [start, end) of the
        marked or extracted actor and target (None when unknown). YIELD is resolved to CONCEDE or
        RETREAT by `yield_type`.
        """
        p = self.proba(doc, trigger_i, source, target)
        out = {t: 0.0 for t in PLOVER_TYPES}
        yt = yield_type(doc, trigger_i) if self._yield is not None else None
        for k, lab in enumerate(self.labels):
            out[yt if lab == "YIELD" else lab] += float(p[k])
        best = int(p.argmax())
        lab = self.labels[best]
        return (yt if lab == "YIELD" else lab), float(p[best]), out


@lru_cache(maxsize=1)
def _default_model() -> TypeModel | None:
    if not WEIGHTS_FILE.is_file() or not META_FILE.is_file():
        return None
    return TypeModel.load(WEIGHTS_FILE, META_FILE)
