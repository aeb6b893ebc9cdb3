"""Runners with hand-built events and a stub pipeline (never the real spaCy pipeline)."""
from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from tacitus.eval.runners import (RUNNERS, choose_dyad_event, locate, penta_of, plv_label, run, run_conll2003,
                                  run_plover_gsr, run_plv)
from tacitus.eval.runners_docs import (crude_lemma, gold_period, run_ecbplus, run_polnear, run_timebank,
                                       singletons, time_match)
from tacitus.models import Attribution, Event, Evidence, Party

BENCH = Path(os.environ.get("TACITUS_BENCHMARKS", Path(__file__).resolve().parents[3] / "shared" / "benchmarks"))


def bench(name: str) -> Path:
    p = BENCH / name
    if not p.exists():
        pytest.skip(f"../shared/benchmarks not found: {p} (set TACITUS_BENCHMARKS)")
    return p


def ev(type_: str, text: str, trigger: str, actor: tuple[int, int] | None = None,
       target: tuple[int, int] | None = None, *, modality: str = "asserted", cameo: str | None = None,
       confidence: float = 0.5, speaker: tuple[int, int] | None = None, cue: str | None = None) -> Event:
    k = text.find(trigger)
    party = (lambda sp: Party(text[sp[0]:sp[1]], country="USA", kind="state", start=sp[0], end=sp[1]) if sp else None)
    att = Attribution(speaker=party(speaker), cue=cue) if (speaker or cue) else None
    return Event("t", type_, modality, Evidence(text, 0, len(text), trigger, k, k + len(trigger)),
                 actor=party(actor), target=party(target), cameo=cameo, confidence=confidence, attribution=att)


class Stub:
    """A pipeline that returns prepared events per text (and raises for 'BOOM')."""

    def __init__(self, table: dict[str, list[Event]] | None = None, default=None):
        self.table, self.default, self.calls = table or {}, default, []

    def extract_text(self, text, *, published=None, doc_id="t"):
        self.calls.append((doc_id, published))
        if "BOOM" in text:
            raise RuntimeError("boom")
        if text in self.table:
            return self.table[text]
        return self.default(text) if self.default else []


TEXT = "Iran condemned the US decision, officials said."


def test_choose_dyad_event():
    src, tgt = (0, 4), (15, 29)
    good = ev("ACCUSE", TEXT, "condemned", (0, 4), (15, 29))
    half = ev("REJECT", TEXT, "condemned", (0, 4), None, confidence=0.9)
    other = ev("AGREE", TEXT, "said", (31, 40), None, confidence=0.99)
    assert choose_dyad_event([other, half, good], src, tgt) == (good, "dyad")
    assert choose_dyad_event([other, half], src, tgt) == (half, "partial")
    assert choose_dyad_event([other], src, tgt) == (other, "fallback")
    assert choose_dyad_event([], src, tgt) == (None, "none")


def test_penta_and_labels():
    assert plv_label("CONCEDE") == plv_label("RETREAT") == "YIELD" and plv_label("AID") == "AID"
    assert penta_of([]) == 0
    assert penta_of([ev("ACCUSE", TEXT, "said", cameo="010")]) == 0  # only a statement
    assert penta_of([ev("ACCUSE", TEXT, "said")]) == 0  # reporting-verb trigger
    assert penta_of([ev("ASSAULT", TEXT, "condemned", confidence=0.3), ev("AGREE", TEXT, "decision", confidence=0.8)]) == 1


def test_locate_nearest():
    t = "he said x; she said y"
    assert locate(t, "said", near=15) == (15, 19)
    assert locate(t, "said") == (3, 7)
    assert locate(t, "told") is None


def test_time_values():
    assert gold_period("1998-02") == (date(1998, 2, 1), date(1998, 2, 28), "month")
    assert gold_period("2013-W11")[2] == "week"
    assert gold_period("P1W") is None and gold_period("PRESENT_REF") is None

    class Span:
        def __init__(self, s, e):
            self.start, self.end = s, e
    assert time_match("1998-02", Span(date(1998, 2, 1), date(1998, 2, 28))) == (True, True)
    assert time_match("1998-02", date(1998, 2, 3)) == (False, True)  # a day inside the month: lenient only
    assert time_match("1998-02-03", date(1998, 2, 3)) == (True, True)
    assert time_match("1998", None) == (False, False)


def test_crude_lemma():
    assert crude_lemma("Arrested") == crude_lemma("arrests") == "arrest"
    assert crude_lemma("dies") == crude_lemma("died")


def test_run_plv_on_tiny_file(tmp_path):
    header = "\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_penta\tgold_root\n"
    rows = [
        "\t1\tx\t<s>Iran</s> condemned <t>the US decision</t>, officials said.\tIran\tthe US decision\t3\tACCUSE\n",
        "\t2\tx\t<s>Iran</s> gave in to <t>Iraq</t>.\tIran\tIraq\t2\tYIELD\n",
        "\t3\tx\t<s>Iran</s> met <t>Iraq</t>.\tIran\tIraq\t1\tCONSULT\n",
        "\t4\tx\tBOOM <s>A</s> and <t>B</t>.\tA\tB\t4\tASSAULT\n",
    ]
    f = tmp_path / "datasets_PLV_train.tsv"
    f.write_text(header + "".join(rows), encoding="utf-8")
    t2, t3 = "Iran gave in to Iraq.", "Iran met Iraq."
    stub = Stub({TEXT: [ev("ACCUSE", TEXT, "condemned", (0, 4), (15, 29))],
                 t2: [ev("CONCEDE", t2, "gave in", (0, 4), (16, 20))],
                 t3: [ev("AGREE", t3, "met", (0, 4), (9, 13))]})
    rep = run_plv(f, stub)
    m = rep.metrics["type"]
    assert rep.n == 4 and m["accuracy"] == 0.5  # ACCUSE and YIELD right, CONSULT wrong, crash = none
    assert m["no_prediction"] == 1 and m["tp"] == 2 and m["fp"] == 1 and m["fn"] == 2
    assert rep.metrics["penta"]["accuracy"] == 0.75  # AGREE and CONSULT share quad 1
    assert rep.confusion["type"]["CONSULT"] == {"AGREE": 1}
    assert any(e.get("kind") == "pipeline failure" for e in rep.errors)
    assert any("raised" in n for n in rep.notes)
    assert rep.baselines["most frequent class"]["type"]["accuracy"] == 0.25
    d = json.loads(rep.to_json())
    assert d["benchmark"] == "plv" and {"p", "r", "f1"} <= set(d["metrics"]["type"])


def test_run_conll_with_mentions_callable():
    root = bench("conll2003")
    rep = run_conll2003(root, mentions=lambda text: [], limit=3)
    assert rep.n == 3 and rep.metrics["entity"]["f1"] == 0.0
    rep = run_conll2003(root, mentions=lambda text: [(text.find("LEICESTERSHIRE"), text.find("LEICESTERSHIRE") + 14, "ORG")]
                        if "LEICESTERSHIRE" in text else [], limit=216)
    assert rep.metrics["entity"]["tp"] >= 1 and rep.metrics["entity"]["p"] > 0


def test_run_plover_gsr_with_stub():
    root = bench("plover-gsr")

    def default(text):
        k = text.find("agreed")
        return [ev("AGREE", text, "agreed", (0, 5))] if k >= 0 else []
    rep = run_plover_gsr(root, Stub(default=default), limit=40, slice_seed=1)
    assert rep.n == 40 and 0 < rep.metrics["type"]["p"] <= 1
    assert set(rep.baselines) == {"nothing", "most frequent class"}
    assert "type" in rep.confusion and rep.to_table()


def test_run_polnear_with_stub():
    root = bench("polnear")

    def default(text):
        k = text.find(" said")
        if k < 0:
            return []
        return [ev("ACCUSE", text, "said", speaker=(max(0, k - 5), k), cue="said")]
    rep = run_polnear(root, Stub(default=default), limit=5)
    assert rep.n == 5
    assert {"speaker", "cue"} <= set(rep.metrics)
    assert rep.baselines["every reporting verb is a cue"]["cue"]["r"] > 0


def test_run_timebank_with_stub_and_resolver():
    root = bench("timebank")

    class Resolver:
        def __init__(self, published):
            self.published = published

        def resolve(self, text):
            return self.published

    def default(text):
        k = text.find(" not ")
        return [ev("REJECT", text, text[k + 5:k + 9], modality="negated")] if k >= 0 else []
    rep = run_timebank(root, Stub(default=default), limit=5, time_resolver=Resolver)
    assert rep.n == 5 and {"event", "modality", "time"} <= set(rep.metrics)
    assert rep.metrics["time"]["accuracy"] == rep.baselines["publication date"]["time"]["accuracy"]


def test_run_ecbplus_clusterings():
    root = bench("ecbplus")
    rep = run_ecbplus(root, topics={"1", "2"}, cluster=singletons)
    assert rep.metrics["muc"]["f1"] == 0.0 and rep.metrics["b3"]["p"] == 1.0
    assert rep.baselines["same lemma"]["conll"]["f1"] > rep.baselines["singletons"]["conll"]["f1"]


def test_run_dispatch():
    assert set(RUNNERS) == {"plover-gsr", "plv", "conflibert-cameo", "petrarch-unittest", "polnear", "meantime",
                            "timebank", "conll2003", "ecbplus", "news"}
    with pytest.raises(KeyError):
        run("nope", "/tmp", Stub())


def test_gsr_compares_groups_on_its_own_convention():
    from tacitus.eval.runners import gsr_code

    # Tacitus codes Hamas as itself; the PLOVER GSR codes it by its state.
    assert gsr_code("HAMAS") == "PSE" and gsr_code("PKK") == "TUR"
    assert gsr_code("USA") == "USA" and gsr_code(None) is None
