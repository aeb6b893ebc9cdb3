"""`tacitus eval news`: matching, the strict usable judgement, per-field scores, the runner and the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tacitus.eval.newsscore import Tally, amount_ok, gold_usable, match_doc, party_ok, time_ok, usable

# One sentence of the sample article (Rubryka, 2024-03-01) and its offsets in a document that starts with it.
SENT = "However, Poland and the Czech Republic are not considering sending troops to Ukraine."
SENDING = SENT.index("sending")

POL = {"text": "Poland", "name": "Poland", "country": "POL", "sector": "GOV", "kind": "state"}
CZE = {"text": "the Czech Republic", "name": "Czechia", "country": "CZE", "sector": "GOV", "kind": "state"}
UKR = {"text": "Ukraine", "name": "Ukraine", "country": "UKR", "sector": None, "kind": "state"}
PUB = {"start": "2024-02-29", "end": "2024-03-01", "precision": "day"}


def gold(actor: dict, **kw) -> dict:
    g = {"evidence": SENT, "trigger": "sending", "start": 0, "end": len(SENT), "trigger_start": SENDING,
         "trigger_end": SENDING + 7, "type": "AID", "modality": "negated", "actor": actor, "target": UKR,
         "speaker": None, "time": PUB, "amounts": [], "place": None, "mentions": []}
    g.update(kw)
    return g


def system(actor: dict | None, **kw) -> dict:
    s = {"type": "AID", "modality": "negated", "plover_type": "REJECT", "actor": actor, "target": UKR,
         "attribution": None, "time": {"start": "2024-03-01", "end": "2024-03-01", "anchor": "published"},
         "quantities": [], "location": None,
         "evidence": {"start": 0, "end": len(SENT), "trigger": "sending", "trigger_start": SENDING,
                      "trigger_end": SENDING + 7, "sentence": SENT}}
    s.update(kw)
    return s


def test_one_to_one_matching_prefers_the_right_actor_and_counts_duplicates():
    g = [gold(POL), gold(CZE)]
    s = [system(CZE), system(POL), system(POL)]
    m = match_doc(s, g)
    assert sorted(m.pairs) == [(0, 1), (1, 0)]
    assert m.duplicates == [(2, 0)] and m.unmatched_sys == [] and m.unmatched_gold == []


def test_a_different_type_on_a_different_word_is_no_match():
    s = [system(POL, type="CONSULT", plover_type="CONSULT",
                evidence={"start": 0, "end": len(SENT), "trigger": "considering",
                          "trigger_start": SENT.index("considering"), "trigger_end": SENT.index("considering") + 11})]
    m = match_doc(s, [gold(POL)])
    assert m.pairs == [] and m.unmatched_sys == [0] and m.unmatched_gold == [0]


def test_usable_is_strict_and_its_lenient_variants_say_what_they_forgive():
    g = gold(POL)
    assert usable(system(POL), g)
    no_code = dict(POL, country=None)
    assert not usable(system(no_code), g) and usable(system(no_code), g, lenient_codes=True)
    assert not usable(system(POL, target=None), g) and usable(system(POL, target=None), g, lenient_target=True)
    assert not usable(system(POL, modality="planned"), g)
    assert not usable(system(None), g)
    assert not usable(system(POL, target=dict(UKR, country="RUS")), g)
    # a target the gold does not have is wrong data too
    assert not usable(system(POL), gold(POL, target=None))


def test_gold_without_an_actor_code_is_not_an_analyst_usable_event():
    assert gold_usable(gold(POL)) and not gold_usable(gold(dict(POL, country=None)))


def test_time_amount_and_party_judgements():
    assert time_ok({"start": "2024-03-01", "end": "2024-03-01"}, PUB)
    assert not time_ok({"start": "2024-02-20", "end": "2024-02-20"}, PUB)
    assert time_ok({"start": "2014-06-01", "end": "2014-06-01"}, {"start": None, "end": "2024-02-29"})
    assert not time_ok({"start": "2024-03-01", "end": "2024-03-01"}, {"start": None, "end": "2024-02-20"})
    assert time_ok(None, None) is None
    assert amount_ok([{"value": 60_000_000, "unit": "CAD"}], [{"value": 60e6, "unit": "CAD"}])
    assert not amount_ok([{"value": 6e6, "unit": "CAD"}], [{"value": 60e6, "unit": "CAD"}])
    assert amount_ok([{"value": 200, "unit": "vehicles"}], [{"value": 200, "unit": "vehicle"}])
    assert party_ok(None, None) and not party_ok(POL, None) and not party_ok(None, POL)


def test_tally_counts_precision_recall_and_fields():
    t = Tally()
    t.add([system(POL), system(POL), system(CZE, modality="planned")], [gold(POL), gold(CZE)])
    m = t.metrics()
    assert m["detection"]["tp"] == 2 and m["detection"]["fp"] == 1 and m["detection"]["duplicates"] == 1
    assert m["usable"]["usable"] == 1 and m["usable"]["p"] == round(1 / 3, 4) and m["usable"]["r"] == 0.5
    assert m["modality"]["accuracy"] == 0.5 and m["actor"]["accuracy"] == 1.0
    assert t.causes["modality wrong"] == 1 and t.causes["duplicate of a matched event"] == 1


def test_anaphora_is_scored_on_the_parties_the_gold_writes_as_pronouns_or_roles():
    from tacitus.eval.newsscore import anaphoric

    assert anaphoric({"text": "We", "country": "POL"}) and anaphoric({"text": "the minister", "country": "CZE"})
    assert not anaphoric({"text": "We", "country": None})  # nobody could code it: not an anaphora test
    assert not anaphoric(POL) and not anaphoric({"text": "the Czech minister", "country": "CZE"})
    we = dict(POL, text="We")
    t = Tally()
    t.add([system(POL), system(CZE, target=dict(UKR, country="RUS"))],
          [gold(we), gold(dict(CZE, text="the government"), target=dict(UKR, text="it"))])
    # "We" found as Poland; "the government" found as Czechia; "it" (Ukraine) coded RUS
    assert t.metrics()["anaphora"] == {"accuracy": round(2 / 3, 4), "n": 3}


# ---------------------------------------------------------------- runner and CLI on a real article

def _mini_gold(tmp: Path, need_shared) -> tuple[Path, str]:
    from tacitus.eval.newsgold import load_document, sha256_text

    need_shared("corpus/ukraine-war-2022-2024/corpus.jsonl")
    doc_id = "20220125T090000Z_GB_en_7d015e6984"
    d = load_document(doc_id)
    sent = d.text.split("\n")[0]
    trig = "phone talks"
    g = {"doc_id": doc_id, "events": [{
        "evidence": sent, "trigger": trig, "start": 0, "end": len(sent), "trigger_start": sent.index(trig),
        "trigger_end": sent.index(trig) + len(trig), "type": "CONSULT", "modality": "planned",
        "actor": {"text": "Emmanuel Macron", "name": "Emmanuel Macron", "country": "FRA", "sector": "GOV", "kind": "person"},
        "target": {"text": "Vladimir Putin", "name": "Vladimir Putin", "country": "RUS", "sector": "GOV", "kind": "person"},
        "speaker": None, "time": {"start": "2022-01-28", "end": "2022-01-28", "precision": "day"},
        "amounts": [], "place": None, "mentions": []}]}
    (tmp / "events").mkdir()
    (tmp / "events" / f"{doc_id}.json").write_text(json.dumps(g), encoding="utf-8")
    (tmp / "manifest.json").write_text(json.dumps({"documents": [
        {"id": doc_id, "corpus": "ukraine-war-2022-2024", "split": "dev", "sha256": sha256_text(d.text)}]}),
        encoding="utf-8")
    return tmp, sent


def test_run_news_scores_another_systems_jsonl(tmp_path):
    from testpaths import need_shared
    from tacitus.eval.news import run_news

    gold_dir, sent = _mini_gold(tmp_path, need_shared)
    doc_id = "20220125T090000Z_GB_en_7d015e6984"
    trig = sent.index("phone talks")
    ev = system({"text": "Emmanuel Macron", "country": "FRA", "kind": "person"}, type="CONSULT",
                modality="planned", plover_type="CONSULT",
                target={"text": "Vladimir Putin", "country": "RUS", "kind": "person"},
                time={"start": "2022-01-28", "end": "2022-01-28", "anchor": "relative"},
                evidence={"start": 0, "end": len(sent), "trigger": "talks", "trigger_start": trig + 6,
                          "trigger_end": trig + 11, "sentence": sent})
    ev["doc_id"] = doc_id
    f = tmp_path / "events.jsonl"
    f.write_text(json.dumps(ev) + "\n" + json.dumps(dict(ev, modality="asserted")) + "\n", encoding="utf-8")
    rep = run_news(gold_dir, events_file=f, split="dev")
    assert rep.n == 1
    assert rep.metrics["detection"]["tp"] == 1 and rep.metrics["detection"]["duplicates"] == 1
    assert rep.metrics["usable"]["usable"] == 1 and rep.metrics["usable_with_time"]["usable"] == 1
    assert rep.breakdown["ukraine"]["detection"]["tp"] == 1
    assert any(e["kind"] == "duplicate of a matched event" for e in rep.errors)
    assert run_news(gold_dir, events_file=f, split="test").n == 0


def test_train2_is_scored_on_its_single_coding(tmp_path):
    # train2 is coded once and never reviewed: its gold is the first coder's annotation, and "all" (every
    # reviewed split) leaves it out.
    from testpaths import need_shared
    from tacitus.eval.news import gold_documents, load_gold, run_news

    gold_dir, _ = _mini_gold(tmp_path, need_shared)
    doc_id = "20220125T090000Z_GB_en_7d015e6984"
    (gold_dir / "annotations" / "C").mkdir(parents=True)
    (gold_dir / "events" / f"{doc_id}.json").rename(gold_dir / "annotations" / "C" / f"{doc_id}.json")
    man = json.loads((gold_dir / "manifest.json").read_text())
    man["documents"][0].update(split="train2", annotators=["C", "D"])
    (gold_dir / "manifest.json").write_text(json.dumps(man))
    assert [d["id"] for d in gold_documents(gold_dir, "train2")] == [doc_id]
    assert gold_documents(gold_dir, "all") == []
    assert load_gold(gold_dir, doc_id)[0]["trigger"] == "phone talks"
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    rep = run_news(gold_dir, events_file=empty, split="train2")
    assert rep.n == 1 and rep.metrics["detection"]["fn"] == 1


def test_run_news_refuses_a_changed_text(tmp_path):
    from testpaths import need_shared
    from tacitus.eval.news import run_news

    gold_dir, _ = _mini_gold(tmp_path, need_shared)
    man = json.loads((gold_dir / "manifest.json").read_text())
    man["documents"][0]["sha256"] = "0" * 64
    (gold_dir / "manifest.json").write_text(json.dumps(man))
    with pytest.raises(ValueError, match="E120"):
        run_news(gold_dir, events_file=tmp_path / "none.jsonl")


def test_cli_eval_news_with_events_file(tmp_path, capsys):
    from testpaths import need_shared
    from tacitus.cli import main

    gold_dir, _ = _mini_gold(tmp_path, need_shared)
    f = tmp_path / "empty.jsonl"
    f.write_text("", encoding="utf-8")
    assert main(["eval", "news", str(gold_dir), "--events", str(f), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["benchmark"] == "news" and out["metrics"]["detection"]["fn"] == 1
    assert main(["eval", "plv", "--split", "test"]) == 2
