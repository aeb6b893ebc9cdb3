"""Each gold loader on a small real slice of ../shared/benchmarks (skipped when it is absent)."""
from __future__ import annotations

import os
from collections import Counter
from datetime import date
from itertools import islice
from pathlib import Path

import pytest

from tacitus.eval.loaders import (LOADERS, decode_bio, join_tokens, load_conflibert_class, load_conflibert_ner,
                                  load_conll2003, load_petrarch_unittest, load_plover_gsr, load_plv, load_polnear,
                                  parse_brat, strip_markup)
from tacitus.eval.loaders_xml import (load_ecbplus, load_meantime, load_timebank, meantime_modality,
                                      timebank_modality)

BENCH = Path(os.environ.get("TACITUS_BENCHMARKS", Path(__file__).resolve().parents[3] / "shared" / "benchmarks"))


def bench(name: str) -> Path:
    p = BENCH / name
    if not p.exists():
        pytest.skip(f"../shared/benchmarks not found: {p} (set TACITUS_BENCHMARKS)")
    return p


# ---------------------------------------------------------------- pure helpers (no corpus)

def test_strip_markup_and_bio():
    import re
    plain, spans = strip_markup("<s>Iran</s> condemned <t>the US</t>.", re.compile(r"<(?P<tag>[st])>(?P<body>.*?)</(?P=tag)>"))
    assert plain == "Iran condemned the US."
    assert [(t, plain[a:b]) for t, (a, b) in spans] == [("s", "Iran"), ("t", "the US")]
    text, tsp = join_tokens(["EU", "rejects", "German", "call", "Peter", "Blackburn"])
    # IOB1: I- opens an entity; B- only splits two adjacent entities of one type
    ents = decode_bio(["I-ORG", "O", "I-MISC", "O", "I-PER", "I-PER"], tsp, iob1=True)
    assert [(text[a:b], lab) for a, b, lab in ents] == [("EU", "ORG"), ("German", "MISC"), ("Peter Blackburn", "PER")]
    ents = decode_bio(["I-LOC", "B-LOC", "O"], join_tokens(["A", "B", "c"])[1], iob1=True)
    assert len(ents) == 2
    ents = decode_bio(["B-S", "I-S", "O", "B-T"], join_tokens(["a", "car", "in", "Kiev"])[1])
    assert ents == [(0, 5, "S"), (9, 13, "T")]


def test_parse_brat_skips_junk():
    ts, es = parse_brat("T1\tSource 0 2\twe\nT2\tCue 3 9\tmocked\nT3\tContent 10 20;22 30\tx\n"
                        "#1\tAnnotatorNotes T1\tnote\nstray text\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n")
    assert ts["T3"] == ("Content", (10, 30))
    assert es == [{"Attribution": "T4", "Content": "T3", "Cue": "T2", "Source": "T1"}]


def test_modality_mappings():
    assert meantime_modality("CERTAIN", "NEG", "FUTURE") == "negated"
    assert meantime_modality("PROBABLE", "POS", "FUTURE") == "possible"
    assert meantime_modality("CERTAIN", "POS", "FUTURE") == "planned"
    assert meantime_modality("CERTAIN", "POS", "NON_FUTURE", "COND_IF_CLAUSE") == "hypothetical"
    assert meantime_modality("UNDERSPECIFIED", "UNDERSPECIFIED", "") == "asserted"
    assert timebank_modality("NEG", "can", "PRESENT") == "negated"
    assert timebank_modality("POS", "might", "NONE") == "possible"
    assert timebank_modality("POS", "would", "NONE") == "hypothetical"
    assert timebank_modality("POS", "", "FUTURE") == "planned"
    assert timebank_modality("POS", "", "PAST") == "asserted"


# ---------------------------------------------------------------- corpus slices

@pytest.mark.shared
def test_plover_gsr():
    items = list(load_plover_gsr(bench("plover-gsr")))
    assert len(items) == 322  # the DOCUMENT object is skipped
    labels = Counter(x.event for x in items)
    assert not {"DEMAND", "FIGHT", "DISAPPROVE", "INVESTIGATE", "DOCUMENT"} & set(labels)
    assert labels["REQUEST"] == 34 and labels["ASSAULT"] == 15 + 17 and labels["ACCUSE"] == 16 + 9
    first = items[0]
    assert first.id == "PLOVER-GSR01-AGREE-0001" and first.source_codes == {"HUN", "ROU"}
    assert [first.text[a:b] for a, b in first.source_spans] == ["Hungarian", "Romanian"]
    assert [first.text[a:b] for a, b in first.event_spans] == ["agreed", "cooperate"]
    assert sum(1 for x in items if x.targets) == 288


@pytest.mark.shared
def test_plv():
    items = list(load_plv(bench("plv")))
    assert len(items) == 1050
    assert Counter(x.gold_root for x in items)["YIELD"] == 141
    x = items[0]
    assert x.gold_root == "ACCUSE" and x.gold_penta == 3
    assert x.text[x.source_span[0]:x.source_span[1]] == "Iranian Foreign Minister Mohammad Javad Zarif"
    assert x.text[x.target_span[0]:x.target_span[1]] == "a U.S. Supreme Court decision"
    assert "<s>" not in x.text and "<t>" not in x.text


@pytest.mark.shared
def test_conflibert_cameo():
    root = bench("conflibert-cameo")
    cls = list(load_conflibert_class(root))
    assert len(cls) == 1349
    assert Counter(x.label for x in cls) == {0: 240, 1: 248, 2: 303, 3: 337, 4: 221}
    assert cls[0].label == 4 and cls[0].text.startswith("In September, a car bomb")
    ner = list(islice(load_conflibert_ner(root), 50))
    s = ner[0]
    assert [(s.text[a:b], lab) for a, b, lab in s.spans][:2] == [("a car bomb", "S"), ("another ethnic Chechen", "T")]
    assert len(list(load_conflibert_ner(root))) == 1153


@pytest.mark.shared
def test_petrarch_unittest():
    items = list(load_petrarch_unittest(bench("petrarch-unittest")))
    assert len(items) == 284
    demo = items[0]
    assert demo.id == "DEMO-00" and demo.published == date(1995, 1, 1)
    assert demo.expected == (("ARN", "GON", "064"),)
    assert sum(x.noevents for x in items) >= 19 and sum(x.error_test for x in items) == 7


@pytest.mark.shared
def test_conll2003():
    sents = list(load_conll2003(bench("conll2003"), "eng.testa"))
    assert len(sents) == 3250 and len({s.doc for s in sents}) == 216
    assert Counter(sp[2] for s in sents for sp in s.spans) == {"PER": 1842, "LOC": 1837, "ORG": 1341, "MISC": 922}
    s = sents[0]  # CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY .
    assert [(s.text[a:b], lab) for a, b, lab in s.spans] == [("LEICESTERSHIRE", "ORG")]


@pytest.mark.shared
def test_polnear():
    docs = list(load_polnear(bench("polnear"), "dev"))
    assert len(docs) == 84
    d = docs[0]
    assert d.published == date(2016, 9, 12)
    a = d.attributions[0]
    assert d.text[a.source[0]:a.source[1]] == a.source_text == "The New York Post"
    assert d.text[a.cue[0]:a.cue[1]] == "reports"
    all_dev = list(load_polnear(bench("polnear"), "dev", all_annotators=True))
    assert len(all_dev) == 94 and sum(len(x.attributions) for x in all_dev) == 2320


@pytest.mark.shared
def test_meantime():
    root = bench("meantime")
    f = next(root.rglob("1007169_Mary_Barra_appointed_as_General_Motors_chief.xml"))
    d = next(load_meantime(f))
    assert d.published == date(2013, 12, 10)
    assert d.text.startswith("Mary Barra appointed as General Motors chief\nDecember 10 , 2013\n")
    for e in d.events:  # reconstructed offsets index the rebuilt text
        assert d.text[e.start:e.end] == e.text and e.text.strip()
    assert {e.modality for e in d.events} <= {"asserted", "planned", "possible", "negated", "hypothetical"}


@pytest.mark.shared
def test_timebank():
    root = bench("timebank")
    f = root / "TimeBank" / "ABC19980108.1830.0711.tml"
    d = next(load_timebank(f))
    assert d.published == date(1998, 1, 8)
    turning = d.events[0]
    assert (turning.id, turning.text, turning.cls) == ("e1", "turning", "OCCURRENCE")
    assert turning.tense == "PRESENT" and turning.modality == "asserted"
    for e in d.events:
        assert d.text[e.start:e.end] == e.text
    week = next(t for t in d.timexes if t.id == "t83")
    assert (week.text, week.value) == ("week", "P1W")
    plat = list(load_timebank(root, "te3-platinum"))
    assert len(plat) == 20 and sum(len(x.events) for x in plat) == 746


@pytest.mark.shared
def test_ecbplus():
    docs = list(load_ecbplus(bench("ecbplus"), topics={"1"}))
    assert docs and all(d.topic == "1" for d in docs)
    ms = [m for d in docs for m in d.mentions]
    starred = next(m for m in ms if m.key == "1_1ecb/27")
    assert starred.text == "starred" and starred.chain == "ACT16284692120891174"
    for d in docs:
        for m in d.mentions:
            assert d.text[m.start:m.end] == m.text
    chains = Counter(m.chain for m in ms)
    assert max(chains.values()) > 5  # cross-document chains span files
    full = list(load_ecbplus(bench("ecbplus"), topics={"1"}, restrict=False))
    assert sum(len(d.mentions) for d in full) > len(ms)


def test_loader_registry():
    assert {"plover-gsr", "plv", "conflibert-cameo", "petrarch-unittest", "polnear", "meantime", "timebank",
            "conll2003", "ecbplus"} <= set(LOADERS)
