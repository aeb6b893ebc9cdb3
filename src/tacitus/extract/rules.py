"""The word lists and defaults extraction decides with, from `data/lexicon/rules.yaml` (validated)."""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from ..datafile import validated_yaml
from ..errors import DataFileError
from ..models import PLOVER_TYPES

RULES_FILE = Path(__file__).resolve().parents[1] / "data" / "lexicon" / "rules.yaml"


def _no_duplicates(words: list[str]) -> list[str]:
    seen: set[str] = set()
    dup = sorted({w for w in words if w in seen or seen.add(w)})  # type: ignore[func-returns-value]
    if dup:
        raise ValueError(f"listed twice: {', '.join(dup)}")
    return words


def _types(words: list[str]) -> list[str]:
    bad = [w for w in words if w not in PLOVER_TYPES]
    if bad:
        raise ValueError(f"not PLOVER types: {', '.join(bad)}")
    return words


class _War(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    actor: str
    actor_name: str
    target: str
    name: str
    since: date
    names: tuple[str, ...]
    allies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class War:
    """An ongoing war: its actor's code and name, its target's code and name, its start, words naming the target,
    and the states that arm its actor (their aid is not the attacked side's)."""

    actor: str
    actor_name: str
    target: str
    name: str
    since: date
    names: tuple[str, ...]
    allies: tuple[str, ...] = ()


class _RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    war_state_nouns: list[str]
    light_heads: list[str]
    move_nouns: list[str]
    speaker_acts: list[str]
    modal_types: list[str]
    embedding_types: list[str]
    place_preps: list[str]
    stop_preps: list[str]
    state_nouns: list[str]
    dollar_countries: dict[str, str]
    root_cameo: dict[str, str]
    sense_preps: dict[str, list[str]]
    target_preps: dict[str, list[str]]
    target_object_types: list[str]
    joint_types: list[str]
    ongoing_wars: list[_War]
    former_states: dict[str, date]
    place_target_types: dict[str, str | None]
    support_verbs: list[str]
    addressee_requests: list[str]
    demand_modals: list[str]
    document_nouns: list[str]
    actor_optional_types: list[str]
    kin_nouns: list[str]
    casualty_verbs: list[str]
    casualty_preps: list[str]
    victim_place_preps: list[str]
    sport_state_bodies: list[str]
    help_nouns: list[str]
    place_named_wars: list[str]
    prediction_verbs: list[str]
    descriptive_participles: list[str]
    passive_subject_acts: list[str]
    war_attack_types: list[str]
    war_aid_types: list[str]
    collective_nouns: list[str]
    readout_types: list[str]

    @field_validator("war_state_nouns", "light_heads", "move_nouns", "place_preps", "stop_preps", "state_nouns",
                     "support_verbs", "addressee_requests", "demand_modals",
                     "document_nouns", "kin_nouns", "casualty_verbs", "casualty_preps",
                     "victim_place_preps", "sport_state_bodies",
                     "help_nouns", "place_named_wars",
                     "prediction_verbs", "descriptive_participles", "collective_nouns")
    @classmethod
    def _words(cls, v: list[str]) -> list[str]:
        return _no_duplicates(v)

    @field_validator("speaker_acts", "modal_types", "embedding_types", "target_object_types", "joint_types",
                     "passive_subject_acts", "war_attack_types", "war_aid_types", "readout_types")
    @classmethod
    def _type_lists(cls, v: list[str]) -> list[str]:
        return _types(_no_duplicates(v))

    @field_validator("root_cameo", "sense_preps", "target_preps", "place_target_types")
    @classmethod
    def _by_type(cls, v: dict) -> dict:
        _types(list(v))
        for preps in v.values():
            if isinstance(preps, list):
                _no_duplicates(preps)
        return v


def _frozen(kind: str, v):
    """A validated value in the immutable shape the `Rules` field declares (its annotation, as text)."""
    if kind.startswith("frozenset"):
        return frozenset(v)
    if kind.startswith("tuple[War"):
        return tuple(War(**w.model_dump()) for w in v)
    if kind.startswith("tuple"):
        return tuple(v)
    if kind.startswith("dict[str, tuple"):
        return {k: tuple(x) for k, x in v.items()}
    return dict(v) if kind.startswith("dict") else v


@dataclass(frozen=True, slots=True)
class Rules:
    """Immutable word sets and per-type defaults (see the data file for what each decides)."""

    version: str
    war_state_nouns: frozenset[str]
    light_heads: frozenset[str]
    move_nouns: frozenset[str]
    speaker_acts: frozenset[str]
    modal_types: frozenset[str]
    embedding_types: frozenset[str]
    place_preps: tuple[str, ...]
    stop_preps: frozenset[str]
    state_nouns: frozenset[str]
    dollar_countries: dict[str, str]
    root_cameo: dict[str, str]
    sense_preps: dict[str, tuple[str, ...]]
    target_preps: dict[str, tuple[str, ...]]
    target_object_types: frozenset[str]
    joint_types: frozenset[str]
    ongoing_wars: tuple[War, ...]
    former_states: dict[str, date]  # code -> the day the state ceased to exist
    place_target_types: dict[str, str | None]  # type -> sector of a place's people as target
    support_verbs: frozenset[str]  # "carry out", "impose": a passive one's agent acts the noun event
    addressee_requests: frozenset[str]  # "ask X to ...": a request whatever the object
    demand_modals: frozenset[str]  # "Russia must withdraw," X said: X's demand on Russia
    document_nouns: frozenset[str]  # "the agreement provides ...": a text is nobody's actor
    actor_optional_types: frozenset[str]  # types kept when no actor is named ("was killed in Raqqa")
    kin_nouns: frozenset[str]  # "killed her husband": an owned person is the target, not the owner
    casualty_verbs: frozenset[str]  # "were killed in a Russian strike": the dead are the strike's target
    casualty_preps: frozenset[str]
    victim_place_preps: frozenset[str]  # "killed in a strike on Kharkiv": civilians of the place's country
    sport_state_bodies: frozenset[str]  # a sports report's acts kept: those of a body named so
    help_nouns: frozenset[str]  # "with the aid of Y": Y is the actor, the clause's actor the target
    place_named_wars: frozenset[str]  # "the Syrian war": a place, not an actor, in the modifier
    prediction_verbs: frozenset[str]  # "warned that ..." with nobody warned: a prediction
    descriptive_participles: frozenset[str]  # "Turkish-backed rebels": a description, not an act
    passive_subject_acts: frozenset[str]  # "troops were withdrawn": the passive subject acts
    war_attack_types: frozenset[str]  # an attack on a war's attacked side, by nobody named: the war's actor
    war_aid_types: frozenset[str]  # aid by a third state, to nobody named: the war's attacked side
    collective_nouns: frozenset[str]  # "the two leaders" of a readout: its principal and its counterpart
    readout_types: frozenset[str]  # the acts "the leaders" of a readout do with each other

    @classmethod
    def from_file(cls, path: str | Path) -> "Rules":
        """Load and validate a rules file (DataFileError E203 names the file and the problem)."""
        f = validated_yaml(path, _RulesFile, what="rules file", code="E203")
        missing = [t for t in PLOVER_TYPES if t not in f.sense_preps or t not in f.root_cameo]
        if missing:
            raise DataFileError(f"{path}: sense_preps/root_cameo lack {', '.join(missing)}", code="E203")
        return cls(**{fl.name: _frozen(fl.type, getattr(f, fl.name)) for fl in fields(cls)})

    @classmethod
    def default(cls) -> "Rules":
        return _default()


@lru_cache(maxsize=1)
def _default() -> Rules:
    return Rules.from_file(RULES_FILE)
