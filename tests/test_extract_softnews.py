"""Sports reports (stage `softnews`): their matches, bans and transfers are no events (guideline §6 case 16),
a state body's act in them is; news of any outlet is never taken for sport."""
from __future__ import annotations

import pytest

from testpaths import SAMPLE, need_shared

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def without_softnews():
    from tacitus.extract.registry import DEFAULT_STAGES
    from tacitus.pipeline import Pipeline
    from tacitus.settings import Settings

    return Pipeline(Settings(stages=tuple(s for s in DEFAULT_STAGES if s != "softnews")))


def bbc(topic: str, number: str) -> str:
    return (need_shared("corpus/bbc-2004-2005") / topic / f"{number}.txt").read_text(encoding="utf-8")


# BBC Sport: Athletics Kenya bans a runner (021); a gold dev article the topic model never saw in training (401);
# "They" read as Greece's government (079) and "Arsenal and England defender Cole" as a soldier (125) are no
# state bodies.
@pytest.mark.parametrize("number", ["021", "401", "079", "125"])
def test_a_sports_report_gives_no_events(pipeline, without_softnews, number):
    text = bbc("sport", number)
    assert without_softnews.extract_text(text), "the rules alone find event-like words in it"
    assert pipeline.extract_text(text) == []


def test_a_state_bodys_act_in_a_sports_report_is_kept(pipeline):
    # BBC Sport 023: a Greek prosecutor charges the sprinters; the tribunal, the IAAF and the athletes are sport.
    evs = pipeline.extract_text(bbc("sport", "023"))
    assert evs and all(e.actor is not None and e.actor.sector == "JUD" for e in evs)


@pytest.mark.parametrize("path", ["politics/001.txt", "business/001.txt", "sample"])
def test_news_of_other_sections_and_outlets_keeps_its_events(pipeline, without_softnews, path):
    text = SAMPLE.read_text(encoding="utf-8") if path == "sample" else bbc(*path.removesuffix(".txt").split("/"))
    assert len(pipeline.extract_text(text)) == len(without_softnews.extract_text(text)) > 0


def test_the_topic_model_separates_the_held_out_gold_articles():
    # Gold articles are left out of the model's training: train and dev (never test) judge it here.
    need_shared("corpus")
    from tacitus.eval.news import gold_documents
    from tacitus.eval.newsgold import GOLD_DIR, SHARED_CORPUS, load_document
    from tacitus.extract.topicmodel import TopicModel

    model = TopicModel.default()
    wrong = []
    for split in ("train", "dev"):
        for row in gold_documents(GOLD_DIR, split):
            d = load_document(row["id"], SHARED_CORPUS)
            if model.is_sport(d.text) != d.id.startswith("bbc-sport-"):
                wrong.append(d.id)
    assert wrong == []
