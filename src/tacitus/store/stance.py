"""Stance: who would, who would not, and who did not rule out doing ACTION to TARGET, over time.

An ACTION such as "send troops" is split into a verb ("send") and object words ("troops").
The verb picks a group of PLOVER types and trigger words (`VERBS`); the object picks a group of
nouns (`OBJECTS`); unknown words are matched literally. A stored mention counts as a statement
on the action when
- its `type` is in the verb group's types;
- its evidence sentence has one of the verb group's words (stemmed: send/sends/sending/sent)
  followed within `WINDOW` words by one of the object words (troops, soldiers, personnel,
  servicemen, forces, trainers ...): "sending a limited number of military personnel" is
  "send troops", "send tanks" and "military aid" are not;
- its target is the TARGET code, or it has no target and the sentence names the target
  (country name or demonym: "Ukraine", "Ukrainian") or the place is in it.
Mentions typed REJECT or AGREE (a refusal or a pledge coded as such) count too when the sentence
has both a verb word and an object word: REJECT reads as `negated`, AGREE as `planned`.
Statements are grouped by the actor's country or organisation code (a minister counts for the
country; actors without a code such as "they" are counted as `unresolved_actors`), one per
actor, article and evidence sentence, in time order.
"""
from __future__ import annotations

import json
import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .merge import stem
from .store import Store

VERBS: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple((frozenset(t), frozenset(w)) for t, w in (
    ({"AID", "MOBILIZE", "COOPERATE"}, {"send", "sent", "deploy", "deployment", "dispatch", "station", "put"}),
    ({"AID", "COOPERATE"}, {"supply", "provide", "deliver", "give", "transfer", "donate"}),
    ({"AID", "COOPERATE"}, {"train", "training", "instruct"}),
    ({"SANCTION"}, {"sanction", "ban", "embargo", "freeze", "restrict"}),
    ({"ASSAULT", "COERCE"}, {"attack", "strike", "invade", "invasion", "bomb", "shell", "fight"}),
    ({"CONSULT", "AGREE"}, {"negotiate", "talk", "meet", "discuss", "negotiation"}),
    ({"SUPPORT", "AGREE"}, {"support", "back", "recognize", "recognise"}),
))
OBJECTS: tuple[frozenset[str], ...] = tuple(frozenset(g) for g in (
    {"troops", "troop", "soldiers", "soldier", "forces", "personnel", "servicemen", "boots", "trainers",
     "instructors", "contingent", "army", "peacekeepers"},
    {"weapons", "arms", "tanks", "missiles", "jets", "aircraft", "artillery", "ammunition", "shells",
     "drones", "munitions", "systems", "equipment"},
    {"money", "aid", "funds", "funding", "loan", "loans", "assistance", "billion", "million"},
))
WINDOW = 8  # the object must follow the verb within this many words ("sending a limited number of military personnel")
# The mention columns a statement needs (not `json`, the largest).
_COLS = ", ".join("m." + c for c in (
    "id", "event_id", "doc_id", "type", "modality", "condition", "actor_text", "actor_name", "actor_country",
    "actor_sector", "actor_kind", "target_country", "location_country", "speaker_text", "speaker_name", "channel",
    "time_start", "sentence", "trigger", "evidence_start"))
STANCE_LABEL = {"asserted": "does/did", "planned": "will", "possible": "open to (not ruled out)",
                "negated": "would not (ruled out)", "hypothetical": "hypothetical"}


@dataclass(frozen=True, slots=True)
class Action:
    text: str
    types: frozenset[str]
    verbs: frozenset[str]      # stems
    objects: frozenset[str]    # stems

    @classmethod
    def parse(cls, text: str) -> "Action":
        words = [w for w in text.lower().split() if w]
        types: set[str] = set()
        verbs: set[str] = set()
        objects: set[str] = set()
        for w in words:
            st = stem(w)
            vg = [(t, ws) for t, ws in VERBS if st in {stem(x) for x in ws}]
            og = [g for g in OBJECTS if st in {stem(x) for x in g}]
            if vg and not verbs:
                for t, ws in vg:
                    types |= t
                    verbs |= {stem(x) for x in ws}
            elif og:
                for g in og:
                    objects |= {stem(x) for x in g}
            elif verbs:
                objects.add(st)
            else:
                verbs.add(st)
        return cls(text, frozenset(types), frozenset(verbs), frozenset(objects))


@lru_cache(maxsize=1)
def _codes() -> dict[str, dict[str, Any]]:
    """Country and organisation entries of the packaged actor dictionary, by code."""
    out: dict[str, dict[str, Any]] = {}
    base = Path(__file__).resolve().parent.parent / "data" / "actors"
    for name in ("countries.jsonl", "organizations.jsonl"):
        try:
            for line in (base / name).read_text(encoding="utf-8").splitlines():
                if line.strip():
                    d = json.loads(line)
                    out.setdefault(d.get("code") or "", d)
        except (OSError, ValueError):
            continue
    return out


def code_name(code: str) -> str | None:
    return (_codes().get(code) or {}).get("name")


def _target_names(store: Store, code: str) -> tuple[str, ...]:
    """Lower-cased ways the target is named: dictionary name, aliases, demonyms, capitals, stored names."""
    d = _codes().get(code) or {}
    names = {d.get("name") or ""} | set(d.get("aliases") or []) | set(d.get("demonyms") or []) \
        | set(d.get("capitals") or [])
    for r in store.db.query("SELECT DISTINCT target_name AS n FROM mentions WHERE target_country = ? "
                            "AND target_name IS NOT NULL", (code,)):
        names.add(r["n"])
    return tuple(sorted(n.lower() for n in names if n and len(n) > 2))


def stance(store: Store, action_text: str, target: str, *, since=None, until=None) -> dict[str, Any]:
    """Statements on ACTION towards TARGET, grouped by actor, in time order (see module doc)."""
    action = Action.parse(action_text)
    code = target.upper()
    names = _target_names(store, code)
    types = sorted(action.types | {"REJECT", "AGREE"}) if action.types else None
    sql = ("SELECT " + _COLS + ", d.published AS doc_published, d.source AS doc_source, d.title AS doc_title, "
           "d.url AS doc_url FROM mentions m "
           "JOIN documents d ON d.id = m.doc_id WHERE (m.target_country = ? OR m.target_country IS NULL)")
    params: list[Any] = [code]
    if types:
        sql += f" AND m.type IN ({', '.join('?' * len(types))})"
        params += types
    pre, pre_params = _verb_prefilter(action)
    sql += pre
    params += pre_params
    if since:
        sql += " AND COALESCE(m.time_end, d.published) >= ?"
        params.append(since.isoformat())
    if until:
        sql += " AND COALESCE(m.time_start, d.published) <= ?"
        params.append(until.isoformat())
    sql += " ORDER BY COALESCE(m.time_start, d.published), d.published, m.doc_id, m.evidence_start"
    actors: OrderedDict[str, dict[str, Any]] = OrderedDict()
    seen: set[tuple[str, str, str]] = set()  # one statement per actor, article and sentence
    unresolved = 0
    for m in store.db.query(sql, params):
        modality = _statement_modality(m, action)
        if modality is None:
            continue
        sent = m["sentence"].lower()
        if m["target_country"] != code and not (m["location_country"] == code or any(n in sent for n in names)):
            continue
        key = m["actor_country"]
        if not key:
            unresolved += 1   # "they", "Western troops": no country or organisation to report
            continue
        if (key, m["doc_id"], m["sentence"]) in seen:
            continue
        seen.add((key, m["doc_id"], m["sentence"]))
        a = actors.setdefault(key, {"actor": key, "name": code_name(key) or m["actor_name"] or m["actor_text"],
                                    "statements": []})
        a["statements"].append({
            "date": m["time_start"] or m["doc_published"], "published": m["doc_published"],
            "modality": modality, "type": m["type"], "trigger": m["trigger"], "condition": m["condition"],
            "speaker": m["speaker_name"] or m["speaker_text"], "actor_text": m["actor_text"],
            "evidence": m["sentence"], "doc_id": m["doc_id"], "event_id": m["event_id"],
            "source": m["doc_source"], "title": m["doc_title"], "url": m["doc_url"],
            "mention_id": m["id"], "actor_sector": m["actor_sector"], "actor_kind": m["actor_kind"],
            "channel": json.loads(m["channel"] or "[]"),
        })
    out = []
    for a in actors.values():
        st = a["statements"]
        latest = st[-1]["modality"]
        a["stance"] = latest
        a["label"] = STANCE_LABEL[latest]
        a["modalities"] = sorted({s["modality"] for s in st})
        a["changed"] = len(a["modalities"]) > 1
        out.append(a)
    order = {"negated": 0, "possible": 1, "planned": 2, "asserted": 3, "hypothetical": 4}
    out.sort(key=lambda a: (order[a["stance"]], a["actor"]))
    return {"action": action_text, "target": code,
            "matched": {"types": types or [], "verbs": sorted(action.verbs), "objects": sorted(action.objects)},
            "n_statements": sum(len(a["statements"]) for a in out), "unresolved_actors": unresolved,
            "actors": out}


def _statement_modality(m: dict[str, Any], action: Action) -> str | None:
    """The statement's modality if the mention is about the action, else None."""
    if not _verb_object(m["sentence"], action):
        return None
    if m["type"] in ("REJECT", "AGREE") and m["type"] not in action.types:
        if m["modality"] == "asserted":
            return "negated" if m["type"] == "REJECT" else "planned"
        if m["type"] == "REJECT":
            return None  # a possible/planned refusal is too indirect to read
    return m["modality"]


_TOKEN = re.compile(r"[A-Za-z]+")
_stem = lru_cache(maxsize=1 << 16)(stem)  # news reuses its words: every sentence is tokenised per call


def _verb_prefilter(action: Action) -> tuple[str, list[Any]]:
    """SQL that keeps only sentences holding some verb word: a stem without a final y (supply
    from supplies) is a substring of every word it stems from, so nothing `_verb_object` would
    accept is dropped, and the database skips the rest."""
    keys = sorted({v[:-1] if v.endswith("y") and len(v) > 3 else v for v in action.verbs if v})
    if not keys:
        return "", []
    return " AND (" + " OR ".join("LOWER(m.sentence) LIKE ?" for _ in keys) + ")", [f"%{k}%" for k in keys]


def _verb_object(sentence: str, action: Action) -> bool:
    """A verb word followed within WINDOW words by an object word (any object if none given)."""
    stems = [_stem(w) for w in _TOKEN.findall(sentence)]
    for i, st in enumerate(stems):
        if st in action.verbs:
            if not action.objects or any(s in action.objects for s in stems[i + 1:i + 1 + WINDOW]):
                return True
    return False
