"""Scoring shared by `tacitus eval`, the CI gate and the tests: one place for every formula.

Conventions (the same everywhere):
- P = tp / (tp + fp), R = tp / (tp + fn), F1 = 2PR / (P + R); any 0/0 is 0.0 (sklearn's
  ``zero_division=0``), so "predict nothing" scores P = R = F1 = 0.
- Classification with abstention: a prediction of ``None`` ("no prediction") is neither a true
  nor a false positive; it is a false negative for the gold label. Micro P/R/F1 over the items
  are then tp = correct, fp = wrong non-None predictions, fn = gold items not predicted right;
  accuracy = correct / n (abstentions count as wrong).
- Macro-F1 = the unweighted mean of per-label F1 over a fixed label set (the gold labels unless
  one is given); labels never predicted and never in gold are left out only when no set is given.
- Spans are half-open character ranges ``(start, end)``, optionally ``(start, end, label)``;
  matching is one-to-one (greedy, largest overlap first), "exact" or "overlap" (any shared char).
- Coreference: clusters are iterables of hashable mention ids; MUC (Vilain et al. 1995), B³
  (Bagga & Baldwin 1998), CEAF-e (Luo 2005, phi4, optimal alignment) and CoNLL F1 = their mean,
  following the reference scorer's formulas (mentions missing from one side are allowed).
"""
from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Hashable, Iterable, Mapping, Sequence, TypeVar

T = TypeVar("T")
NONE_LABEL = "(none)"

# PLOVER quad classes (PLOVER_MANUAL.tex, "Quad category" of each type); 1 verbal cooperation,
# 2 material cooperation, 3 verbal conflict, 4 material conflict. YIELD is the pre-2021 type
# (CAMEO 08, material cooperation) that PLV still uses.
PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2, "YIELD": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
PENTA_NAMES = {0: "make statement", 1: "verbal cooperation", 2: "material cooperation",
               3: "verbal conflict", 4: "material conflict"}


def safe_div(a: float, b: float) -> float:
    return a / b if b else 0.0


def f1_of(p: float, r: float) -> float:
    return safe_div(2 * p * r, p + r)


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts with derived precision, recall and F1 (0/0 = 0)."""

    tp: float = 0
    fp: float = 0
    fn: float = 0

    @property
    def p(self) -> float:
        return safe_div(self.tp, self.tp + self.fp)

    @property
    def r(self) -> float:
        return safe_div(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return f1_of(self.p, self.r)

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self, digits: int = 4) -> dict[str, Any]:
        return {"p": round(self.p, digits), "r": round(self.r, digits), "f1": round(self.f1, digits),
                "tp": _num(self.tp), "fp": _num(self.fp), "fn": _num(self.fn)}


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(x, 4)


def prf(tp: float, fp: float, fn: float) -> PRF:
    return PRF(tp, fp, fn)


def prf_dict(p: float, r: float, f1: float | None = None, digits: int = 4, **extra: Any) -> dict[str, Any]:
    """A stage metric dict from ready-made P and R (used for B³/CEAF whose P/R are not counts)."""
    out = {"p": round(p, digits), "r": round(r, digits),
           "f1": round(f1_of(p, r) if f1 is None else f1, digits)}
    out.update(extra)
    return out


def sum_prf(items: Iterable[PRF]) -> PRF:
    total = PRF()
    for x in items:
        total = total + x
    return total


# ---------------------------------------------------------------- classification

def per_label_prf(gold: Sequence[Hashable], pred: Sequence[Hashable | None],
                  labels: Iterable[Hashable] | None = None) -> dict[Hashable, PRF]:
    """One-vs-rest counts per label; ``None`` predictions add no false positive."""
    if len(gold) != len(pred):
        raise ValueError(f"gold and pred differ in length: {len(gold)} != {len(pred)}")
    if labels is None:
        labels = sorted({g for g in gold if g is not None} | {p for p in pred if p is not None}, key=str)
    out: dict[Hashable, PRF] = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if p == lab and g != lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        out[lab] = PRF(tp, fp, fn)
    return out


def macro_f1(gold: Sequence[Hashable], pred: Sequence[Hashable | None],
             labels: Iterable[Hashable] | None = None) -> float:
    """Unweighted mean F1 over `labels` (default: labels seen in gold or pred)."""
    per = per_label_prf(gold, pred, labels)
    return safe_div(sum(x.f1 for x in per.values()), len(per))


def micro_prf(gold: Sequence[Hashable | None], pred: Sequence[Hashable | None]) -> PRF:
    """Micro counts for single-label items with abstention (gold None = nothing to find)."""
    tp = fp = fn = 0
    for g, p in zip(gold, pred, strict=True):
        if p is not None and p == g:
            tp += 1
            continue
        if p is not None:
            fp += 1
        if g is not None:
            fn += 1
    return PRF(tp, fp, fn)


def accuracy(gold: Sequence[Hashable], pred: Sequence[Hashable | None]) -> float:
    return safe_div(sum(1 for g, p in zip(gold, pred, strict=True) if g == p), len(gold))


def classification_metrics(gold: Sequence[Hashable], pred: Sequence[Hashable | None],
                           labels: Iterable[Hashable] | None = None, *,
                           per_class: bool = True) -> dict[str, Any]:
    """Stage dict: micro p/r/f1 (abstention-aware), accuracy, macro_f1, per-class P/R/F1."""
    labels = list(labels) if labels is not None else None
    per = per_label_prf(gold, pred, labels)
    out = micro_prf(gold, pred).to_dict()
    out["n"] = len(gold)
    out["accuracy"] = round(accuracy(gold, pred), 4)
    out["macro_f1"] = round(safe_div(sum(x.f1 for x in per.values()), len(per)), 4)
    out["no_prediction"] = sum(1 for p in pred if p is None)
    if per_class:
        out["per_class"] = {str(k): v.to_dict() for k, v in per.items()}
    return out


def confusion(gold: Sequence[Hashable], pred: Sequence[Hashable | None]) -> dict[str, dict[str, int]]:
    """Confusion counts as {gold: {pred: n}}; ``None`` shows as "(none)"."""
    m: dict[str, dict[str, int]] = defaultdict(dict)
    for g, p in zip(gold, pred, strict=True):
        gk = NONE_LABEL if g is None else str(g)
        pk = NONE_LABEL if p is None else str(p)
        m[gk][pk] = m[gk].get(pk, 0) + 1
    return {k: dict(sorted(v.items())) for k, v in sorted(m.items())}


def render_confusion(matrix: Mapping[str, Mapping[str, int]], width: int = 6) -> str:
    """A text grid: rows gold, columns predicted."""
    cols = sorted({c for row in matrix.values() for c in row})
    rows = sorted(matrix)
    w0 = max([len("gold \\ pred")] + [len(r) for r in rows])
    abbrev = [c[:width] for c in cols]
    lines = ["gold \\ pred".ljust(w0) + " " + " ".join(a.rjust(width) for a in abbrev)]
    for r in rows:
        lines.append(r.ljust(w0) + " " + " ".join(str(matrix[r].get(c, 0) or ".").rjust(width) for c in cols))
    return "\n".join(lines)


def most_frequent(labels: Iterable[T]) -> T | None:
    """Most frequent value (ties: the one seen first); None for an empty input."""
    c = Counter(labels)
    if not c:
        return None
    return c.most_common(1)[0][0]


def constant_baseline(gold: Sequence[Hashable], value: Hashable | None,
                      labels: Iterable[Hashable] | None = None) -> dict[str, Any]:
    """Metrics of predicting `value` for every item (None = the "nothing" baseline)."""
    return classification_metrics(gold, [value] * len(gold), labels, per_class=False)


# ---------------------------------------------------------------- spans

Span = tuple  # (start, end) or (start, end, label)


def overlap(a: Sequence[int], b: Sequence[int]) -> int:
    """Number of characters two half-open spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlaps(a: Sequence[int], b: Sequence[int]) -> bool:
    return overlap(a, b) > 0 or (a[0] == b[0] and a[1] == b[1])


def span_match_pairs(gold: Sequence[Span], pred: Sequence[Span], mode: str = "overlap",
                     labelled: bool | None = None) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) matches; largest overlap first, then order."""
    if mode not in ("exact", "overlap"):
        raise ValueError(f"mode must be 'exact' or 'overlap', not {mode!r}")
    if labelled is None:
        labelled = bool(gold and len(gold[0]) > 2) or bool(pred and len(pred[0]) > 2)
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if labelled and (g[2] if len(g) > 2 else None) != (p[2] if len(p) > 2 else None):
                continue
            if mode == "exact":
                if g[0] == p[0] and g[1] == p[1]:
                    cands.append((-(g[1] - g[0]), i, j))
            elif overlaps(g, p):
                cands.append((-overlap(g, p), i, j))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def match_spans(gold: Sequence[Span], pred: Sequence[Span], mode: str = "overlap",
                labelled: bool | None = None) -> PRF:
    """Micro counts of one-to-one span matching (duplicate predictions count as false positives)."""
    pairs = span_match_pairs(gold, pred, mode, labelled)
    return PRF(len(pairs), len(pred) - len(pairs), len(gold) - len(pairs))


def dedupe_spans(spans: Iterable[Span]) -> list[Span]:
    """Distinct spans, in order of first appearance."""
    seen: set = set()
    out = []
    for s in spans:
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


# ---------------------------------------------------------------- coreference

def _clusters(c: Iterable[Iterable[Hashable]]) -> list[frozenset]:
    out = [frozenset(x) for x in c]
    return [x for x in out if x]


def clusters_from_labels(assign: Mapping[Hashable, Hashable]) -> list[frozenset]:
    """{mention: cluster id} -> list of clusters."""
    groups: dict[Hashable, set] = defaultdict(set)
    for m, c in assign.items():
        groups[c].add(m)
    return [frozenset(v) for v in groups.values()]


def muc(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> tuple[float, float, float]:
    """MUC (P, R, F1): links recovered; singletons carry no links."""
    k, r = _clusters(key), _clusters(response)

    def score(a: list[frozenset], b: list[frozenset]) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("missing", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return safe_div(num, den)

    rec, prec = score(k, r), score(r, k)
    return prec, rec, f1_of(prec, rec)


def b_cubed(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> tuple[float, float, float]:
    """B³ (P, R, F1), mention-weighted, as in the CoNLL reference scorer."""
    k, r = _clusters(key), _clusters(response)

    def score(a: list[frozenset], b: list[frozenset]) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = 0.0
        total = 0
        for c in a:
            total += len(c)
            counts = Counter(where[m] for m in c if m in where)
            num += sum(n * n for n in counts.values()) / len(c)
        return safe_div(num, total)

    rec, prec = score(k, r), score(r, k)
    return prec, rec, f1_of(prec, rec)


def _hungarian_max(w: list[list[float]]) -> float:
    """Maximum-weight assignment on a rectangular matrix (pure Python, O(n^3))."""
    n_rows, n_cols = len(w), len(w[0]) if w else 0
    if not n_rows or not n_cols:
        return 0.0
    n = max(n_rows, n_cols)
    big = max(max(row) for row in w)
    cost = [[(big - (w[i][j] if i < n_rows and j < n_cols else 0.0)) for j in range(n)] for i in range(n)]
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if not j0:
                break
    total = 0.0
    for j in range(1, n + 1):
        i = p[j]
        if i and i <= n_rows and j <= n_cols:
            total += w[i - 1][j - 1]
    return total


def ceaf_e(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> tuple[float, float, float]:
    """Entity-based CEAF (phi4) (P, R, F1) with an optimal one-to-one cluster alignment.

    The alignment is solved per connected component of the "shares a mention" graph, so
    corpora with thousands of (mostly singleton) clusters stay fast without scipy.
    """
    k, r = _clusters(key), _clusters(response)
    if not k or not r:
        return 0.0, 0.0, 0.0
    r_of: dict[Hashable, list[int]] = defaultdict(list)
    for j, c in enumerate(r):
        for m in c:
            r_of[m].append(j)
    parent = list(range(len(k) + len(r)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, c in enumerate(k):
        for m in c:
            for j in r_of.get(m, ()):
                a, b = find(i), find(len(k) + j)
                if a != b:
                    parent[a] = b
    comps: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in range(len(k)):
        comps[find(i)][0].append(i)
    for j in range(len(r)):
        comps[find(len(k) + j)][1].append(j)
    total = 0.0
    for ks, rs in comps.values():
        if not ks or not rs:
            continue
        w = [[2 * len(k[i] & r[j]) / (len(k[i]) + len(r[j])) for j in rs] for i in ks]
        if len(ks) == 1 or len(rs) == 1:
            total += max(max(row) for row in w)
        else:
            total += _hungarian_max(w)
    prec, rec = total / len(r), total / len(k)
    return prec, rec, f1_of(prec, rec)


def coref_scores(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> dict[str, dict[str, float]]:
    """{"muc", "b3", "ceaf_e", "conll"} each {"p","r","f1"}; CoNLL = mean of the three F1."""
    k, r = _clusters(key), _clusters(response)
    out = {}
    for name, fn in (("muc", muc), ("b3", b_cubed), ("ceaf_e", ceaf_e)):
        p, rr, f = fn(k, r)
        out[name] = prf_dict(p, rr, f)
    conll = (out["muc"]["f1"] + out["b3"]["f1"] + out["ceaf_e"]["f1"]) / 3
    out["conll"] = {"p": None, "r": None, "f1": round(conll, 4)}
    return out


# ---------------------------------------------------------------- sampling

def take(items: Sequence[T], limit: int | None = None, seed: int = 0) -> list[T]:
    """All items, or a reproducible random sample of `limit` of them, kept in corpus order."""
    items = list(items)
    if limit is None or limit >= len(items):
        return items
    idx = sorted(random.Random(seed).sample(range(len(items)), max(0, limit)))
    return [items[i] for i in idx]


# ---------------------------------------------------------------- report

@dataclass
class Report:
    """The outcome of one benchmark run; `to_json()` follows the contract's eval shape."""

    benchmark: str
    n: int
    metrics: dict[str, dict[str, Any]] = field(default_factory=dict)
    baselines: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    published: list[dict[str, Any]] = field(default_factory=list)
    confusion: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    path: str | None = None
    max_errors: int = 10
    breakdown: dict[str, Any] = field(default_factory=dict)  # e.g. scores per corpus

    def add_error(self, **example: Any) -> None:
        if len(self.errors) < self.max_errors:
            self.errors.append(example)

    def to_dict(self) -> dict[str, Any]:
        return {"benchmark": self.benchmark, "n": self.n, "metrics": self.metrics,
                "baselines": self.baselines, "published": self.published,
                "confusion": self.confusion, "errors": self.errors, "notes": self.notes,
                "path": shown_path(self.path), **({"breakdown": self.breakdown} if self.breakdown else {})}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, default=str)

    def to_table(self, *, confusion: bool = True, errors: bool = True) -> str:
        """A readable plain-text report."""
        lines = [f"benchmark: {self.benchmark}   n = {self.n}" + (f"   ({self.path})" if self.path else "")]
        cols = ("p", "r", "f1", "accuracy", "macro_f1")
        rows: list[tuple[str, str, dict[str, Any]]] = [("tacitus", s, m) for s, m in self.metrics.items()]
        for name, stages in self.baselines.items():
            rows += [(f"baseline: {name}", s, m) for s, m in stages.items()]
        w0 = max([len("system")] + [len(r[0]) for r in rows])
        w1 = max([len("stage")] + [len(r[1]) for r in rows])
        lines.append("")
        lines.append("system".ljust(w0) + "  " + "stage".ljust(w1) + "  " + "  ".join(c.rjust(8) for c in cols))
        lines.append("-" * (w0 + w1 + 4 + 10 * len(cols)))
        for name, stage, m in rows:
            cells = []
            for c in cols:
                v = m.get(c)
                cells.append(("-" if v is None else f"{100 * v:.1f}").rjust(8))
            lines.append(name.ljust(w0) + "  " + stage.ljust(w1) + "  " + "  ".join(cells))
        if self.published:
            lines.append("")
            lines.append("published (not comparable unless the split and task match; see source):")
            for p in self.published:
                lines.append(f"  {p.get('system')}: {p.get('metric')} = {p.get('value')}  [{p.get('source')}]")
        for group, stages in self.breakdown.items():
            lines.append("")
            if all(isinstance(v, Mapping) for v in stages.values()):
                lines.append(f"{group}: " + "  ".join(
                    f"{k} {100 * (v.get('p') if k in ('detection', 'usable', 'usable_codeless_ok') else v.get('accuracy', 0)):.1f}"
                    for k, v in stages.items()))
            else:
                lines.append(f"{group}: " + ", ".join(f"{k} {v}" for k, v in stages.items()))
        if confusion:
            for stage, mat in self.confusion.items():
                lines.append("")
                lines.append(f"confusion ({stage}):")
                lines.append(render_confusion(mat))
        if errors and self.errors:
            lines.append("")
            lines.append("errors:")
            for e in self.errors:
                lines.append("  - " + "; ".join(f"{k}={v!r}"[:160] for k, v in e.items()))
        if self.notes:
            lines.append("")
            lines.extend(f"note: {n}" for n in self.notes)
        return "\n".join(lines)


def shown_path(path: str | None) -> str | None:
    """`path` relative to the working directory when it is near it (reports are committed)."""
    import os

    if not path or not os.path.isabs(path):
        return path
    rel = os.path.relpath(path)
    # ../shared/... from the repository is fine; a path far away stays as given.
    return path if rel.startswith("../..") else rel
