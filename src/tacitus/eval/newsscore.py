"""Scoring events against the news gold: matching, per-field correctness, usable precision.

Pure functions over plain dicts, so any system's contract-shaped JSONL can be scored the same way.
A system event is the contract's event object (`evidence.start/end/trigger_start/trigger_end`
locate it); a gold event is a record of `docs/annotation.md` with its offsets resolved.

Matching (per article): a system event may match a gold event when its evidence sentence
overlaps one of the gold event's mentions and, in that mention, the triggers overlap or the types
agree (type or PLOVER-strict type). Pairs are taken best first (trigger overlap, then agreement on
type, actor, target, modality), one to one. A further system event of the same gold event is a
*duplicate*: one real event is one row, so it counts against precision.

"Usable" is strict, as a dataset needs it: a matched event whose type, modality, actor code and
target are right. The actor must carry the gold's code (a name without a code is wrong); a target
the gold names must be there with its code, and a target the gold does not have must be absent.
Two lenient variants are reported beside it: codes-less names accepted (the system's code is null
and its words overlap the gold's), and a missing target tolerated.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable, Mapping, Sequence

from ..ontology import plover_view
from .common import PRF, safe_div

FIELDS = ("type", "plover_type", "modality", "actor", "actor_sector", "target", "time", "speaker", "amount", "place")
# A party the gold writes as a pronoun or as "the <role>" is only right if the extractor found whom it means
# (issue 9's anaphora measure): "he", "we" in a quote, "the minister", "the president".
ANAPHORS = frozenset("i we you he she it they me us him her them my our your his its their".split())
ROLE_NOUNS = frozenset("president minister chancellor premier senator secretary leader government ministry "
                       "alliance kremlin spokesman spokeswoman ambassador official officials authorities regime "
                       "army military ministers leaders head".split())


def _code(p: Mapping[str, Any] | None) -> str | None:
    return (p or {}).get("country") or None


def _words(s: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (s or "").lower()) if w not in {"the", "of", "a", "an"}}


def _same_words(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    if not a or not b:
        return False
    wa = _words(a.get("text")) | _words(a.get("name"))
    wb = _words(b.get("text")) | _words(b.get("name"))
    return bool(wa & wb)


def gold_plover(g: Mapping[str, Any]) -> str:
    return g.get("plover_type") or plover_view(g["type"], g["modality"])


def _d(s: str | None) -> date | None:
    return date.fromisoformat(s[:10]) if s else None


# ---------------------------------------------------------------- per-field correctness

def party_ok(sys_p: Mapping[str, Any] | None, gold_p: Mapping[str, Any] | None, *, lenient_codes: bool = False) -> bool:
    """Same party: equal codes; both absent; or (gold without code) overlapping words."""
    if gold_p is None:
        return sys_p is None
    if sys_p is None:
        return False
    gc, sc = _code(gold_p), _code(sys_p)
    if gc is not None:
        if sc == gc:
            return True
        return lenient_codes and sc is None and _same_words(sys_p, gold_p)
    return _same_words(sys_p, gold_p)


def time_ok(sys_t: Mapping[str, Any] | None, gold_t: Mapping[str, Any] | None) -> bool | None:
    """System range inside the gold range (one day of slack each side); None when gold has no time."""
    if gold_t is None:
        return None
    if sys_t is None:
        return False
    gs, ge = _d(gold_t.get("start")), _d(gold_t.get("end"))
    ss, se = _d(sys_t.get("start")), _d(sys_t.get("end"))
    if ss is None or se is None or ge is None:
        return False
    lo = gs - timedelta(days=1) if gs else date.min
    hi = ge + timedelta(days=1)
    return lo <= ss and se <= hi


def _unit(u: str) -> str:
    u = u.lower().strip()
    return u[:-1] if u.endswith("s") and len(u) > 3 else u


def amount_ok(sys_q: Sequence[Mapping[str, Any]], gold_q: Sequence[Mapping[str, Any]]) -> bool | None:
    """Every gold amount is among the system's (same unit, value within 2 %); None when neither has one."""
    if not gold_q and not sys_q:
        return None
    if not gold_q:
        return False
    for g in gold_q:
        gv, gu = float(g["value"]), _unit(str(g["unit"]))
        if not any(_unit(str(q.get("unit", ""))) == gu and abs(float(q.get("value", 0)) - gv) <= 0.02 * abs(gv)
                   for q in sys_q):
            return False
    return True


def place_ok(sys_l: Mapping[str, Any] | None, gold_l: Mapping[str, Any] | None) -> bool | None:
    if gold_l is None and sys_l is None:
        return None
    if gold_l is None or sys_l is None:
        return False
    return (sys_l.get("country") == gold_l.get("country")) and (
        _same_words(sys_l, gold_l) or sys_l.get("name") == gold_l.get("name"))


def field_values(s: Mapping[str, Any], g: Mapping[str, Any]) -> dict[str, tuple[bool | None, bool, bool]]:
    """{field: (correct or None when unscored, system has a value, gold has a value)}."""
    att = s.get("attribution") or {}
    sa, ga = s.get("actor"), g.get("actor")
    out = {
        "type": (s.get("type") == g["type"], True, True),
        "plover_type": ((s.get("plover_type") or s.get("type")) == gold_plover(g), True, True),
        "modality": (s.get("modality") == g["modality"], True, True),
        "actor": (party_ok(sa, ga), _code(sa) is not None, _code(ga) is not None),
        "actor_sector": ((sa or {}).get("sector") == (ga or {}).get("sector") and party_ok(sa, ga),
                         bool((sa or {}).get("sector")), bool((ga or {}).get("sector"))),
        "target": (party_ok(s.get("target"), g.get("target")), s.get("target") is not None, g.get("target") is not None),
        "time": (time_ok(s.get("time"), g.get("time")), s.get("time") is not None, g.get("time") is not None),
        "speaker": (party_ok(att.get("speaker"), g.get("speaker")), att.get("speaker") is not None,
                    g.get("speaker") is not None),
        "amount": (amount_ok(s.get("quantities") or [], g.get("amounts") or []), bool(s.get("quantities")),
                   bool(g.get("amounts"))),
        "place": (place_ok(s.get("location"), g.get("place")), s.get("location") is not None,
                  g.get("place") is not None),
    }
    return out


def usable(s: Mapping[str, Any], g: Mapping[str, Any], *, lenient_codes: bool = False,
           lenient_target: bool = False, with_time: bool = False) -> bool:
    """The strict "keep as it is" judgement of a matched pair (see the module docstring)."""
    if s.get("type") != g["type"] or s.get("modality") != g["modality"]:
        return False
    ga = g.get("actor")
    if ga is None or (_code(ga) is None and not lenient_codes):
        return False  # the gold itself names nobody with a code: no row can be kept as is
    if not party_ok(s.get("actor"), ga, lenient_codes=lenient_codes):
        return False
    gt, st = g.get("target"), s.get("target")
    if not (lenient_target and st is None):
        if gt is not None and _code(gt) is None and not lenient_codes:
            return False
        if not party_ok(st, gt, lenient_codes=lenient_codes):
            return False
    if with_time and time_ok(s.get("time"), g.get("time")) is False:
        return False
    return True


def gold_usable(g: Mapping[str, Any]) -> bool:
    """A gold event an analyst would keep: it has an actor code, and a code for any target."""
    if _code(g.get("actor")) is None:
        return False
    return g.get("target") is None or _code(g["target"]) is not None


# ---------------------------------------------------------------- matching

def _spans(g: Mapping[str, Any]) -> list[tuple[int, int, int, int]]:
    out = [(g["start"], g["end"], g["trigger_start"], g["trigger_end"])]
    for m in g.get("mentions") or []:
        if "start" in m:
            out.append((m["start"], m["end"], m["trigger_start"], m["trigger_end"]))
    return out


def _ov(a0: int, a1: int, b0: int, b1: int) -> bool:
    return min(a1, b1) > max(a0, b0)


def _pair_score(s: Mapping[str, Any], g: Mapping[str, Any]) -> float | None:
    ev = s["evidence"]
    ts, te = ev.get("trigger_start"), ev.get("trigger_end")
    best = None
    for (ms, me, mts, mte) in _spans(g):
        if not _ov(ev["start"], ev["end"], ms, me):
            continue
        trig = ts is not None and te is not None and _ov(ts, te, mts, mte)
        same_type = s.get("type") == g["type"] or (s.get("plover_type") or s.get("type")) == gold_plover(g)
        if not (trig or same_type):
            continue
        score = 4.0 * trig + 2.0 * (s.get("type") == g["type"]) + 1.0 * same_type \
            + 1.0 * party_ok(s.get("actor"), g.get("actor")) + 0.5 * party_ok(s.get("target"), g.get("target")) \
            + 0.5 * (s.get("modality") == g["modality"])
        best = score if best is None else max(best, score)
    return best


@dataclass
class DocMatch:
    """The outcome of matching one article."""

    pairs: list[tuple[int, int]] = field(default_factory=list)       # (system index, gold index)
    duplicates: list[tuple[int, int]] = field(default_factory=list)  # (system index, gold index)
    unmatched_sys: list[int] = field(default_factory=list)
    unmatched_gold: list[int] = field(default_factory=list)


def match_doc(sys_events: Sequence[Mapping[str, Any]], gold_events: Sequence[Mapping[str, Any]]) -> DocMatch:
    """One-to-one matching of one article's system events to its gold events, best pairs first."""
    cands = []
    for i, s in enumerate(sys_events):
        for j, g in enumerate(gold_events):
            sc = _pair_score(s, g)
            if sc is not None:
                cands.append((-sc, i, j))
    cands.sort()
    used_s: set[int] = set()
    used_g: set[int] = set()
    out = DocMatch()
    for _, i, j in cands:
        if i in used_s or j in used_g:
            continue
        used_s.add(i)
        used_g.add(j)
        out.pairs.append((i, j))
    for _, i, j in cands:
        if i not in used_s and j in used_g:
            used_s.add(i)
            out.duplicates.append((i, j))
    out.unmatched_sys = [i for i in range(len(sys_events)) if i not in used_s]
    out.unmatched_gold = [j for j in range(len(gold_events)) if j not in used_g]
    out.pairs.sort()
    return out


def anaphoric(p: Mapping[str, Any] | None) -> bool:
    """A coded gold party written as a pronoun ("he", "we") or as "the <role>" ("the minister")."""
    if not p or _code(p) is None:
        return False
    words = re.findall(r"[a-z]+", (p.get("text") or "").lower())
    if len(words) == 1:
        return words[0] in ANAPHORS
    return len(words) == 2 and words[0] == "the" and words[1] in ROLE_NOUNS


# ---------------------------------------------------------------- totals

@dataclass
class Tally:
    """Counts over many articles; `metrics()` turns them into the report's stages."""

    sys: int = 0
    gold: int = 0
    gold_usable: int = 0
    matched: int = 0
    duplicates: int = 0
    no_actor_code: int = 0
    usable: Counter = field(default_factory=Counter)        # variant -> matched pairs usable
    found_usable: Counter = field(default_factory=Counter)  # variant -> usable gold events found usable
    fields: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    causes: Counter = field(default_factory=Counter)
    anaphora: Counter = field(default_factory=Counter)  # coded gold parties written as a pronoun or role noun

    VARIANTS = {"usable": {}, "usable_codeless_ok": {"lenient_codes": True},
                "usable_missing_target_ok": {"lenient_target": True}, "usable_with_time": {"with_time": True}}

    def add(self, sys_events: Sequence[Mapping[str, Any]], gold_events: Sequence[Mapping[str, Any]]) -> DocMatch:
        m = match_doc(sys_events, gold_events)
        self.sys += len(sys_events)
        self.gold += len(gold_events)
        self.gold_usable += sum(1 for g in gold_events if gold_usable(g))
        self.matched += len(m.pairs)
        self.duplicates += len(m.duplicates)
        self.no_actor_code += sum(1 for s in sys_events if _code(s.get("actor")) is None)
        self.causes["not an event (no gold match)"] += len(m.unmatched_sys)
        self.causes["duplicate of a matched event"] += len(m.duplicates)
        self.causes["missed gold event"] += len(m.unmatched_gold)
        for i, j in m.pairs:
            s, g = sys_events[i], gold_events[j]
            for name, kw in self.VARIANTS.items():
                if usable(s, g, **kw):
                    self.usable[name] += 1
                    if gold_usable(g):
                        self.found_usable[name] += 1
            for f, (ok, sys_has, gold_has) in field_values(s, g).items():
                c = self.fields[f]
                if ok is None:
                    continue
                c["scored"] += 1
                c["correct"] += bool(ok)
                c["sys_has"] += sys_has
                c["sys_has_correct"] += bool(ok) and sys_has
                c["gold_has_correct"] += bool(ok) and gold_has
            for cause in error_causes(s, g):
                self.causes[cause] += 1
            for role in ("actor", "target"):
                if anaphoric(g.get(role)):
                    self.anaphora["scored"] += 1
                    self.anaphora["correct"] += party_ok(s.get(role), g.get(role))
        for g in gold_events:
            for f, has in (("type", True), ("plover_type", True), ("modality", True),
                           ("actor", _code(g.get("actor")) is not None), ("actor_sector", bool((g.get("actor") or {}).get("sector"))),
                           ("target", g.get("target") is not None), ("time", g.get("time") is not None),
                           ("speaker", g.get("speaker") is not None), ("amount", bool(g.get("amounts"))),
                           ("place", g.get("place") is not None)):
                self.fields[f]["gold_has"] += has
        return m

    def metrics(self) -> dict[str, dict[str, Any]]:
        det = PRF(self.matched, self.sys - self.matched, self.gold - self.matched)
        out: dict[str, dict[str, Any]] = {"detection": dict(det.to_dict(), duplicates=self.duplicates,
                                                            n_system=self.sys, n_gold=self.gold)}
        for name in self.VARIANTS:
            p = safe_div(self.usable[name], self.sys)
            r = safe_div(self.found_usable[name], self.gold_usable)
            out[name] = {"p": round(p, 4), "r": round(r, 4), "f1": round(safe_div(2 * p * r, p + r), 4),
                         "usable": self.usable[name], "n_system": self.sys, "n_gold_usable": self.gold_usable}
        for f in FIELDS:
            c = self.fields[f]
            out[f] = {"accuracy": round(safe_div(c["correct"], c["scored"]), 4),
                      "p": round(safe_div(c["sys_has_correct"], c["sys_has"]), 4),
                      "r": round(safe_div(c["gold_has_correct"], c["gold_has"]), 4),
                      "n": c["scored"]}
            out[f]["f1"] = round(safe_div(2 * out[f]["p"] * out[f]["r"], out[f]["p"] + out[f]["r"]), 4)
        out["anaphora"] = {"accuracy": round(safe_div(self.anaphora["correct"], self.anaphora["scored"]), 4),
                           "n": self.anaphora["scored"]}
        return out

    def actor_code_missing(self) -> float:
        """Share of system events whose actor has no code (an analyst must repair them by hand)."""
        return round(safe_div(self.no_actor_code, self.sys), 4)


def error_causes(s: Mapping[str, Any], g: Mapping[str, Any]) -> list[str]:
    """Why a matched pair is not usable, one label per wrong field."""
    out = []
    if s.get("type") != g["type"]:
        out.append("type wrong")
    if s.get("modality") != g["modality"]:
        out.append("modality wrong")
    sa, ga = s.get("actor"), g.get("actor")
    if not party_ok(sa, ga):
        if sa is None:
            out.append("actor missing")
        elif _code(sa) is None and ga is not None:
            out.append("actor without code")
        else:
            out.append("actor wrong")
    st, gt = s.get("target"), g.get("target")
    if not party_ok(st, gt):
        out.append("target missing" if st is None else "target spurious" if gt is None else "target wrong")
    if time_ok(s.get("time"), g.get("time")) is False:
        out.append("time wrong")
    return out


def score_documents(items: Iterable[tuple[str, Sequence[Mapping[str, Any]], Sequence[Mapping[str, Any]]]]) -> Tally:
    """Tally (doc group, system events, gold events) triples."""
    t = Tally()
    for _, sys_events, gold_events in items:
        t.add(sys_events, gold_events)
    return t
