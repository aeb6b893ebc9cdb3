"""Merging mentions of the same real-world event across articles: pure functions.

Two mentions (or a mention and an event built from earlier mentions) are the same event when
- the PLOVER `type` is the same and the `modality` is the same (a negation is a different
  claim: see `contradicts`);
- actor and target are compatible: same country code (sector equal or one unknown), or the
  same name when no country is known; a missing party is a wildcard, but at least one party
  must be known and agree on both sides;
- their times overlap, with slack: 1 day for dates the text gives, 3 days when the
  publication date stands in (`anchor == "published"`), and a merged event never spans more
  than `MAX_SPAN` days;
- places do not conflict (different known countries never merge);
- the wording agrees: the same trigger stem, triggers from one synonym group ("send",
  "deploy", "dispatch"), or shared content words in the evidence (Jaccard >= `MIN_WORDS`);
  when actor or target is known on one side only, the evidence sentences must also share
  context words beyond the trigger (Jaccard >= `MIN_CONTEXT`).

`cluster_mentions` applies the same greedy, order-dependent assignment the store uses on
ingest, so `tacitus.eval.runners.run_ecbplus(path, cluster=ecb_cluster)` scores the store's rule.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

MAX_SPAN = 14
MIN_WORDS = 0.34
MIN_CONTEXT = 0.2
POSITIVE = frozenset({"asserted", "planned", "possible"})

SYNONYMS: tuple[frozenset[str], ...] = tuple(frozenset(g) for g in (
    {"send", "deploy", "dispatch", "deployment", "station", "supply", "provide", "deliver", "transfer", "give"},
    {"attack", "strike", "shell", "bomb", "hit", "fire", "launch", "assault", "pound", "target", "offensive"},
    {"kill", "die", "dead", "death", "slay"},
    {"invade", "invasion", "incursion", "occupy", "enter"},
    {"sanction", "ban", "embargo", "restrict", "freeze"},
    {"meet", "talk", "discuss", "meeting", "call", "summit", "visit", "host"},
    {"accuse", "blame", "charge", "condemn", "criticize", "criticise"},
    {"warn", "threaten", "threat", "warning"},
    {"train", "training", "instruct"},
    {"arrest", "detain", "capture", "seize", "jail"},
    {"sign", "agree", "agreement", "deal", "pact", "accord"},
    {"withdraw", "retreat", "pull", "withdrawal"},
    {"protest", "demonstrate", "rally", "march"},
))
_SYN = {w: i for i, g in enumerate(SYNONYMS) for w in g}
STOP = frozenset("""a an the of to in on at for from by with and or but not no is are was were be been
being has have had will would could should may might can this that these those it its their his her
they he she we i you as than then there which who whom whose what when where said says say told also
about after before over into out up more most some such only other any all very just said mr ms""".split())
_WORD = re.compile(r"[a-z]+")


def stem(word: str) -> str:
    """A spaCy-free stem: lower case, one inflection suffix off, final e and doubled consonant dropped."""
    w = re.sub(r"[^a-z]", "", word.lower())
    for suf, rep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3 and not w.endswith("ss"):
            w = w[: len(w) - len(suf)] + rep
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


_SYN_STEM = {stem(w): i for w, i in _SYN.items()}


def content_words(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _WORD.findall(text.lower()) if w not in STOP and len(w) > 2)


@dataclass(frozen=True, slots=True)
class PartyKey:
    country: str | None = None
    sector: str | None = None
    name: str | None = None

    @property
    def known(self) -> bool:
        return bool(self.country or self.name)


def party_key(country: str | None, sector: str | None, name: str | None) -> PartyKey | None:
    if not (country or name):
        return None
    return PartyKey(country or None, sector or None, (name or "").strip().lower() or None)


@dataclass(frozen=True, slots=True)
class Features:
    """What merging looks at, for one mention or one merged event."""

    key: Hashable
    type: str | None
    modality: str | None
    actor: PartyKey | None = None
    target: PartyKey | None = None
    start: date | None = None
    end: date | None = None
    slack: int = 1
    location: str | None = None        # country code of the place, when known
    triggers: frozenset[str] = frozenset()   # stems
    words: frozenset[str] = frozenset()      # content-word stems of the evidence
    doc: str | None = None
    block: Hashable = None             # optional hard partition (e.g. an ECB+ topic)


def _party_ok(a: PartyKey | None, b: PartyKey | None) -> bool | None:
    """True/False when both are known, None when either is missing (a wildcard)."""
    if a is None or b is None:
        return None
    if a.country and b.country:
        return a.country == b.country and (a.sector is None or b.sector is None or a.sector == b.sector)
    return bool(a.name and b.name and a.name == b.name)


def _time_ok(a: Features, b: Features) -> bool:
    if a.start is None or b.start is None:
        return True
    slack = timedelta(days=max(a.slack, b.slack))
    a_end, b_end = a.end or a.start, b.end or b.start
    if a.start - slack > b_end or b.start - slack > a_end:
        return False
    return (max(a_end, b_end) - min(a.start, b.start)).days <= MAX_SPAN


def wording(a: Features, b: Features) -> float:
    """0..1: how well the wording agrees (1 = same trigger stem)."""
    if a.triggers & b.triggers:
        return 1.0
    if {_SYN_STEM.get(t) for t in a.triggers} & {_SYN_STEM.get(t) for t in b.triggers} - {None}:
        return 0.9
    if not a.words or not b.words:
        return 0.0
    return len(a.words & b.words) / len(a.words | b.words)


def compatible(a: Features, b: Features) -> bool:
    """Same event? (type, modality, parties, time, place, wording; see the module docstring)."""
    if a.block != b.block or a.type != b.type or a.modality != b.modality:
        return False
    return _same_situation(a, b) and _wording_ok(a, b)


def _wording_ok(a: Features, b: Features) -> bool:
    """Trigger agreement; when a party is only a wildcard, shared context words are needed too."""
    w = wording(a, b)
    if w < MIN_WORDS:
        return False
    if a.type is None or (_party_ok(a.actor, b.actor) and _party_ok(a.target, b.target)):
        return True
    return _overlap(a.words - a.triggers, b.words - b.triggers) >= MIN_CONTEXT


def _overlap(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / len(x | y) if x and y else 0.0


def _same_situation(a: Features, b: Features) -> bool:
    act, tgt = _party_ok(a.actor, b.actor), _party_ok(a.target, b.target)
    if act is False or tgt is False:
        return False
    if a.type is not None and not (act or tgt):
        return False  # nothing known about who did what to whom: do not guess
    if a.location and b.location and a.location != b.location:
        return False
    return _time_ok(a, b)


def contradicts(a: Features, b: Features) -> bool:
    """One side asserts (or plans, or holds possible) what the other negates, same situation."""
    if a.type != b.type or a.block != b.block or a.doc == b.doc:
        return False
    if not ({a.modality, b.modality} & {"negated"} and {a.modality, b.modality} & POSITIVE):
        return False
    return _same_situation(a, b) and _wording_ok(a, b)


def score(a: Features, b: Features) -> float:
    """Preference among compatible candidates: wording first, then known parties."""
    s = wording(a, b)
    s += 0.1 * bool(_party_ok(a.actor, b.actor)) + 0.1 * bool(_party_ok(a.target, b.target))
    return s


def best_match(m: Features, candidates: Sequence[Features]) -> int | None:
    """Index of the candidate event `m` belongs to, or None for a new event."""
    best, best_s = None, -1.0
    for i, c in enumerate(candidates):
        if compatible(m, c):
            s = score(m, c)
            if s > best_s:
                best, best_s = i, s
    return best


def absorb(event: Features, m: Features) -> Features:
    """The event's features after adding mention `m` (parties filled, time widened, triggers
    joined; the context words stay the first mention's, as the store keeps them)."""
    start = min((d for d in (event.start, m.start) if d), default=None)
    end = max((d for d in (event.end, m.end, event.start, m.start) if d), default=None)
    return dataclasses.replace(
        event, actor=event.actor or m.actor, target=event.target or m.target,
        start=start, end=end, slack=min(event.slack, m.slack),
        location=event.location or m.location, triggers=event.triggers | m.triggers)


def cluster_mentions(mentions: Iterable[Features]) -> list[list[Hashable]]:
    """Greedy clustering in input order, exactly as ingest assigns mentions to stored events."""
    events: list[Features] = []
    members: list[list[Hashable]] = []
    for m in mentions:
        i = best_match(m, events)
        if i is None:
            events.append(m)
            members.append([m.key])
        else:
            events[i] = absorb(events[i], m)
            members[i].append(m.key)
    return members


# ------------------------------------------------------------------ from Events and ECB+

def features_of(event, published: date | None = None, key: Hashable = None) -> Features:
    """Features of a `tacitus.models.Event` (a mention)."""
    t = event.time
    start, end, slack = (t.start, t.end, 3 if t.anchor == "published" else 1) if t else (published, published, 3)
    a, g = event.actor, event.target
    return Features(
        key=key if key is not None else event.id, type=event.type, modality=event.modality,
        actor=party_key(a.country, a.sector, a.name or a.text) if a else None,
        target=party_key(g.country, g.sector, g.name or g.text) if g else None,
        start=start, end=end, slack=slack,
        location=event.location.country if event.location else None,
        triggers=frozenset(stem(w) for w in event.evidence.trigger.split() if w.lower() not in STOP),
        words=content_words(event.evidence.sentence), doc=event.doc_id)


def ecb_cluster(mentions: Sequence) -> list[list[Hashable]]:
    """The merge rule on ECB+ gold mentions (no actors or dates there): blocked by topic and
    sub-corpus (ecb / ecbplus), negated actions kept apart, then trigger-stem/synonym agreement."""
    feats = []
    for m in mentions:
        sub = "plus" if str(m.doc).endswith("plus") else "ecb"
        words = [w for w in m.text.split() if w.lower() not in STOP] or m.text.split() or [m.text]
        feats.append(Features(key=m.key, type=None, modality="negated" if m.tag.startswith("NEG") else "asserted",
                              triggers=frozenset({stem(words[-1])}), block=(m.topic, sub), doc=m.doc))
    return cluster_mentions(feats)
