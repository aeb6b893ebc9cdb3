"""The declared extraction stages on hand-built parses: each stage does its one job (no spaCy here)."""
from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from parses import CANADA_SENDS, EU_SANCTIONS, POLAND_NOT_CONSIDERING, WAR_CONTINUES, build

from tacitus.errors import DataFileError, SettingsError
from tacitus.extract.candidate import EventCandidate
from tacitus.extract.extractor import EventExtractor
from tacitus.extract.registry import DEFAULT_STAGES, describe, specs, stages_version
from tacitus.extract.rules import Rules
from tacitus.extract.stages.filters import why_not


@pytest.fixture(scope="module")
def ex() -> EventExtractor:
    return EventExtractor(use_type_model=False)


def run_until(ex: EventExtractor, rows: list, last: str) -> list[EventCandidate]:
    """Candidates after the sentence stages up to and including `last`."""
    doc = build(rows)
    ctx = ex.context(doc)
    cands: list[EventCandidate] = []
    for spec, fn in ex.sentence_stages:
        cands = fn(ctx, doc.sentences[0], 0, cands)
        if spec.name == last:
            return cands
    raise AssertionError(f"no stage {last}")


# ---------------------------------------------------------------- registry

def test_default_configuration_is_valid_and_versioned():
    names = [s.name for s in specs()]
    assert tuple(names) == DEFAULT_STAGES
    assert all(d["version"] >= 1 and d["doc"] for d in describe())
    assert stages_version() != stages_version([n for n in DEFAULT_STAGES if n != "typemodel"])


@pytest.mark.parametrize("names, code", [
    (("triggers", "bogus", "typing", "scoring"), "E411"),                 # unknown stage
    (("triggers", "parties", "typing", "scoring"), "E412"),               # parties needs attribution
    (("triggers", "modality", "attribution", "parties", "merge", "typing", "scoring"), "E412"),
    (("triggers", "modality", "attribution", "parties"), "E414"),        # never produces events
])
def test_bad_configurations_are_refused_with_a_code(names, code):
    with pytest.raises(SettingsError) as e:
        specs(names)
    assert e.value.code == code


def test_a_stage_can_be_left_out_by_configuration(ex):
    no_filter = EventExtractor(use_type_model=False,
                               stages=[n for n in DEFAULT_STAGES if n not in {"filter", "typemodel", "eventfilter"}])
    with_filter = EventExtractor(use_type_model=False, stages=[n for n in DEFAULT_STAGES if n != "eventfilter"])
    # "The war continues.": nobody attached, a standing war. Only the `filter` stage drops it.
    doc = build([("The", "the", "DET", "det", 1, ""), ("war", "war", "NOUN", "nsubj", 2, ""),
                 ("continues", "continue", "VERB", "ROOT", 2, ""), (".", ".", "PUNCT", "punct", 2, "")])
    assert with_filter(doc) == []
    assert [e.evidence.trigger for e in no_filter(doc)] == ["war"]


# ---------------------------------------------------------------- stages

def test_triggers_finds_the_event_word_with_its_sense(ex):
    cands = run_until(ex, CANADA_SENDS, "triggers")
    assert [(c.token.text, c.trigger.sense.type, c.trigger.obj.text) for c in cands] == [("send", "AID", "troops")]


def test_triggers_leaves_a_modality_cue_out(ex):
    # "considering" only modalises "sending": one event, not two.
    cands = run_until(ex, POLAND_NOT_CONSIDERING, "triggers")
    assert [c.token.text for c in cands] == ["sending"]


def test_triggers_drops_a_noun_restating_its_verb(ex):
    cands = run_until(ex, EU_SANCTIONS, "triggers")
    assert [c.token.text for c in cands] == ["imposed"]


def test_modality_stage(ex):
    assert run_until(ex, POLAND_NOT_CONSIDERING, "modality")[0].modality.modality == "negated"
    assert run_until(ex, CANADA_SENDS, "modality")[0].modality.modality == "planned"


def test_parties_stage(ex):
    c = run_until(ex, CANADA_SENDS, "parties")[0]
    assert [p.country for p in c.actors] == ["CAN"] and [p.country for p in c.targets] == ["UKR"]
    assert c.how == "subj"


def test_filter_drops_an_uncoded_standing_war_but_keeps_a_named_dated_or_hedged_one(ex):
    from tacitus.models import Party

    c = run_until(ex, WAR_CONTINUES, "filter")[0]
    assert c.dropped is None and c.actors[0].country == "RUS"      # "Russia's war": the article's war record
    rules = Rules.default()
    uncoded = c.with_(actors=(Party(text="Their", kind="group"),))
    assert why_not(uncoded, rules) == "war-state-noun"
    hedged = dataclasses.replace(c.modality, modality="possible")
    assert why_not(uncoded.with_(modality=hedged), rules) is None


def test_filter_drops_an_event_with_nobody(ex):
    c = run_until(ex, CANADA_SENDS, "parties")[0]
    assert why_not(c.with_(actors=(), targets=()), Rules.default()) == "nobody"
    assert why_not(c, Rules.default()) is None


def test_time_default_is_the_publication_date_and_only_for_undated_events(ex):
    c = run_until(ex, CANADA_SENDS, "time_default")[0]
    assert (c.time.start, c.time.end, c.time.anchor) == (date(2024, 3, 1), date(2024, 3, 1), "published")
    assert run_until(ex, CANADA_SENDS, "time")[0].time is None


def test_typing_expands_pairs_and_never_targets_the_actor(ex):
    c = run_until(ex, CANADA_SENDS, "parties")[0]
    typing = dict(ex.sentence_stages)[next(s for s in ex.specs if s.name == "typing")]
    doc = build(CANADA_SENDS)
    two = c.with_(targets=c.targets + c.actors)  # "Canada ... to Ukraine and Canada"
    out = typing(ex.context(doc), doc.sentences[0], 0, [two])
    assert [(e.actor.country, e.target.country if e.target else None) for e in out] == [("CAN", "UKR"), ("CAN", None)]
    assert all(e.type == "AID" and e.plover_type == "AGREE" for e in out)  # planned aid is AGREE in PLOVER


def test_merge_keeps_one_event_per_id(ex):
    doc = build(CANADA_SENDS)
    events = ex(doc)
    merge = next(f for s, f in ex.document_stages if s.name == "merge")
    assert merge(ex.context(doc), events + events) == events


def test_extractor_end_to_end_on_a_hand_built_parse(ex):
    (e,) = ex(build(CANADA_SENDS))
    assert (e.type, e.modality, e.actor.country, e.target.country, e.evidence.trigger) == \
        ("AID", "planned", "CAN", "UKR", "send")
    assert e.rule.startswith("tacitus.extract.events.v1|")


# ---------------------------------------------------------------- rules data

def test_rules_file_flags_duplicates_and_yaml_booleans(tmp_path):
    from tacitus.extract.rules import RULES_FILE

    text = RULES_FILE.read_text(encoding="utf-8")
    dup = tmp_path / "dup.yaml"
    dup.write_text(text.replace("war_state_nouns: [war,", "war_state_nouns: [war, war,"), encoding="utf-8")
    with pytest.raises(DataFileError, match="listed twice: war"):
        Rules.from_file(dup)
    boolean = tmp_path / "bool.yaml"
    boolean.write_text(text.replace('SANCTION: ["on", against]', "SANCTION: [on, against]", 1), encoding="utf-8")
    with pytest.raises(DataFileError, match="E203"):
        Rules.from_file(boolean)


def test_rules_data_decides(tmp_path):
    """The data file, not code, holds the word lists: a noun removed from the file stops being filtered."""
    from tacitus.extract.rules import RULES_FILE

    text = RULES_FILE.read_text(encoding="utf-8").replace("war_state_nouns: [war, ", "war_state_nouns: [")
    f = tmp_path / "rules.yaml"
    f.write_text(text, encoding="utf-8")
    rules = Rules.from_file(f)
    assert "war" not in rules.war_state_nouns and "war" in Rules.default().war_state_nouns


def test_event_filter_stage_sets_confidence_and_drops_below_threshold(ex):
    from tacitus.extract.eventmodel import FEATURES_VERSION, EventModel, features
    from tacitus.extract.stages.filters import EventFilterStage

    model = EventModel.default()
    assert model is not None and model.meta["features"] == FEATURES_VERSION
    doc = build(CANADA_SENDS)
    c = run_until(ex, CANADA_SENDS, "scoring")[0]
    f = features(doc, c)
    assert "lem=send" in f and "type+mod=AID|planned" in f and "a.coded=True" in f
    p = model.proba(doc, c)
    assert 0.0 < p < 1.0
    stage = EventFilterStage(ex.res, model)
    kept = stage(ex.context(doc), doc.sentences[0], 0, [c])[0]
    assert kept.confidence == p
    model.threshold, saved = p + 0.01, model.threshold
    try:
        # Just above the candidate's probability it is dropped, at it it is kept: the threshold decides.
        assert stage(ex.context(doc), doc.sentences[0], 0, [c])[0].dropped == "eventfilter"
        model.threshold = p
        assert stage(ex.context(doc), doc.sentences[0], 0, [c])[0].dropped is None
    finally:
        model.threshold = saved


def test_docs_list_every_registered_stage():
    from pathlib import Path

    from tacitus.extract.registry import REGISTRY, specs

    specs()  # loads every stage module
    text = (Path(__file__).resolve().parents[1] / "docs" / "stages.md").read_text(encoding="utf-8")
    from tacitus.extract.registry import describe

    for d in describe():
        row = (f"| `{d['name']}` | {d['version']} | {d['scope']} | {', '.join(d['needs'])} | {', '.join(d['adds'])} | "
               f"{' '.join(d['doc'].split())} |")
        assert row in text, f"docs/stages.md: the row of stage {d['name']} v{d['version']} differs from its declaration"
    assert len(REGISTRY) == len(describe())
