"""Modality, condition and reporting cues, loaded from a validated data file."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..datafile import validated_yaml


class _WordClass(BaseModel):
    model_config = ConfigDict(extra="forbid")
    verbs: list[str] = []
    adjectives: list[str] = []
    nouns: list[str] = []
    modals: list[str] = []


class _Reporting(BaseModel):
    model_config = ConfigDict(extra="forbid")
    verbs: list[str]
    phrases: list[str] = []


class _NounModifiers(BaseModel):
    model_config = ConfigDict(extra="forbid")
    possible: list[str] = []
    planned: list[str] = []


class _CueFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    possible: _WordClass
    planned: _WordClass
    negative: _WordClass
    negators: list[str]
    predictive: _WordClass
    conditions: list[str]
    reporting: _Reporting
    performative: list[str] = []
    implicative: list[str] = []
    negation_focus: list[str] = []
    noun_modifiers: _NounModifiers = _NounModifiers()
    referring_dets: list[str] = []
    comment_verbs: list[str] = []


@dataclass(frozen=True, slots=True)
class Cues:
    """Word sets the modality and attribution stages consult (all lower-case lemmas)."""

    version: str
    possible_pred: frozenset[str]
    planned_pred: frozenset[str]
    negative_pred: frozenset[str]
    possible_modals: frozenset[str]
    planned_modals: frozenset[str]
    negators: frozenset[str]
    predictive: frozenset[str]
    conditions: frozenset[str]
    reporting: frozenset[str]
    reporting_phrases: tuple[str, ...]
    performative: frozenset[str]  # "I would like to thank ...": said, so done
    implicative: frozenset[str]  # "allowed Ukraine to strike": in the past, the act was done
    negation_focus: frozenset[str]  # "not only amassed": the act happened
    possible_modifiers: frozenset[str]  # "probable negotiations"
    planned_modifiers: frozenset[str]  # "the planned offensive"
    referring_dets: frozenset[str]  # "the invasion", "this attack": an event the text refers to
    comment_verbs: frozenset[str]  # "condemned the invasion": said of an event, not done to it
    by_pos: dict  # "VERB"/"ADJ"/"NOUN" -> {lemma: "possible"|"planned"|"negated"}; POS matters ("start" vs "the start")

    @classmethod
    def from_file(cls, path: str | Path) -> "Cues":
        """Load and validate a cue file (raises DataFileError E201 on a bad file)."""
        data = validated_yaml(path, _CueFile, what="cue file", code="E201")

        def words(wc: _WordClass) -> frozenset[str]:
            # Multiword lemmas are written with "_" ("rule_out"): the matcher joins verb+particle so.
            return frozenset(w.lower() for w in wc.verbs + wc.adjectives + wc.nouns)

        by_pos: dict[str, dict[str, str]] = {"VERB": {}, "ADJ": {}, "NOUN": {}}
        # Order: negative wins over planned over possible when a word is listed twice.
        for op, wc in (("possible", data.possible), ("planned", data.planned), ("negated", data.negative)):
            for w in wc.verbs:
                by_pos["VERB"][w.lower()] = op
            for w in wc.adjectives:
                by_pos["ADJ"][w.lower()] = op
            for w in wc.nouns:
                by_pos["NOUN"][w.lower()] = op
        return cls(
            by_pos=by_pos,
            version=data.version,
            possible_pred=words(data.possible),
            planned_pred=words(data.planned),
            negative_pred=words(data.negative),
            possible_modals=frozenset(data.possible.modals),
            planned_modals=frozenset(data.planned.modals),
            negators=frozenset(w.lower() for w in data.negators),
            predictive=words(data.predictive),
            conditions=frozenset(c.lower() for c in data.conditions),
            reporting=frozenset(v.lower() for v in data.reporting.verbs),
            reporting_phrases=tuple(data.reporting.phrases),
            performative=frozenset(v.lower() for v in data.performative),
            implicative=frozenset(v.lower() for v in data.implicative),
            negation_focus=frozenset(v.lower() for v in data.negation_focus),
            possible_modifiers=frozenset(v.lower() for v in data.noun_modifiers.possible),
            planned_modifiers=frozenset(v.lower() for v in data.noun_modifiers.planned),
            referring_dets=frozenset(v.lower() for v in data.referring_dets),
            comment_verbs=frozenset(v.lower() for v in data.comment_verbs),
        )

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "Cues":
        """The packaged cue file."""
        path = resources.files("tacitus") / "data" / "lexicon" / "modality.yaml"
        return cls.from_file(str(path))
