"""The learned PLOVER type classifier: packaged weights, features, predictions, determinism, speed."""
from __future__ import annotations

import time

import numpy as np
import pytest

from tacitus.eval.loaders import PLV_LABELS
from tacitus.extract import typemodel as tm
from tacitus.models import PLOVER_TYPES, Document, ParsedDoc, Sentence, Token


def _doc(words: list[tuple[str, str, str, str, int]]) -> ParsedDoc:
    """A hand-built parse: (text, lemma, pos, dep, head) per token, single spaces between."""
    text, toks, pos = "", [], 0
    for i, (w, lemma, p, dep, head) in enumerate(words):
        toks.append(Token(i=i, text=w, idx=pos, lemma=lemma, pos=p, tag="", dep=dep, head=head, ws=" "))
        text += w + " "
        pos += len(w) + 1
    text = text.rstrip()
    return ParsedDoc.build(Document(text=text, id="t"), tuple(toks),
                           (Sentence(0, len(toks), 0, len(text), text),), ())


# "Iran condemned the strike on the embassy"
CONDEMN = [("Iran", "Iran", "PROPN", "nsubj", 1), ("condemned", "condemn", "VERB", "ROOT", 1),
           ("the", "the", "DET", "det", 3), ("strike", "strike", "NOUN", "dobj", 1),
           ("on", "on", "ADP", "prep", 3), ("the", "the", "DET", "det", 6),
           ("embassy", "embassy", "NOUN", "pobj", 4)]


@pytest.fixture(scope="module")
def model() -> tm.TypeModel:
    m = tm.TypeModel.default()
    assert m is not None, "no packaged weights: run scripts/train_type_model.py"
    return m


def test_weights_load_and_validate(model):
    assert set(model.labels) == set(PLV_LABELS)
    assert model.weights.shape == (len(model.row), len(model.labels))
    assert model.bias.shape == (len(model.labels),)
    assert np.isfinite(model.weights).all() and np.isfinite(model.bias).all()
    assert model.version.startswith("typemodel-")
    assert 0.0 <= model.threshold <= 1.01
    assert model.meta["features"] == tm.FEATURES_VERSION
    assert tm.TypeModel.default() is model  # cached


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError):
        tm.TypeModel(np.array([1, 2], dtype=np.uint32), np.zeros((3, 15), np.float32), np.zeros(15, np.float32),
                     PLV_LABELS)
    with pytest.raises(ValueError):
        tm.TypeModel(np.array([1], dtype=np.uint32), np.zeros((1, 2), np.float32), np.zeros(2, np.float32),
                     ("ACCUSE", "BOGUS"))


def test_features_of_a_hand_built_parse():
    doc = _doc(CONDEMN)
    f = tm.features(doc, 1, (0, 1), (2, 7))
    assert "t=condemn" in f and "tp=VERB" in f and "sh=iran" in f and "th=strike" in f
    assert "order=st" in f and "neg" not in f
    assert tm.dyad_trigger(doc, (0, 1), (2, 7)) == 1
    assert tm.dyad_trigger(doc, None, None) == 1  # the root
    assert tm.span_head(doc, (2, 7)) == 3
    assert tm.char_to_token_span(doc, 0, 4) == (0, 1)


def test_predict_contract_and_determinism(model):
    doc = _doc(CONDEMN)
    a = model.predict(doc, 1, (0, 1), (2, 7))
    b = model.predict(doc, 1, (0, 1), (2, 7))
    assert a == b
    label, p, probs = a
    assert label in PLOVER_TYPES and label != "YIELD"
    assert set(probs) == set(PLOVER_TYPES)
    assert abs(sum(probs.values()) - 1.0) < 1e-4
    assert probs[label] == pytest.approx(p) and p == max(probs.values())
    assert label == "ACCUSE"
    # spans are optional
    assert model.predict(doc, 1)[0] in PLOVER_TYPES


def test_yield_resolves_by_trigger():
    withdraw = _doc([("Russia", "Russia", "PROPN", "nsubj", 1), ("withdrew", "withdraw", "VERB", "ROOT", 1),
                     ("troops", "troop", "NOUN", "dobj", 1)])
    apologise = _doc([("Tokyo", "Tokyo", "PROPN", "nsubj", 1), ("apologised", "apologise", "VERB", "ROOT", 1)])
    assert tm.yield_type(withdraw, 1) == "RETREAT"
    assert tm.yield_type(apologise, 1) == "CONCEDE"


# Written for this test in the style of wire copy; none of them is in PLV or the PLOVER GSR.
# (sentence, source text, target text, expected PLOVER types). Expectations follow PLOVER (CAMEO 057
# "sign formal agreement" is SUPPORT; 175 violent repression / crowd control is ASSAULT). Sanctions
# accept COERCE too: the PLOVER manual codes them SANCTION, but PLV's annotators code 7 of the 8
# "imposed sanctions on" dyads COERCE, and the model follows its training data.
NEWS = [
    ("Iran's foreign minister condemned the strike on the embassy in Damascus.",
     "Iran's foreign minister", "the strike", "ACCUSE"),
    ("Kenyan police fired tear gas at protesters outside parliament in Nairobi on Tuesday.",
     "Kenyan police", "protesters", {"ASSAULT", "COERCE"}),
    ("Russian forces shelled the city of Kharkiv overnight, killing three civilians.",
     "Russian forces", "the city of Kharkiv", "ASSAULT"),
    ("The European Union imposed fresh sanctions on Belarusian officials over the crackdown.",
     "The European Union", "Belarusian officials", {"SANCTION", "COERCE"}),
    ("Japan pledged $500 million in humanitarian aid to Turkey after the earthquake.",
     "Japan", "Turkey", "AID"),
    ("The Chinese foreign minister met his Australian counterpart in Beijing on Monday.",
     "The Chinese foreign minister", "his Australian counterpart", "CONSULT"),
    ("Hamas rejected Israel's latest ceasefire proposal, a senior official said.",
     "Hamas", "Israel", "REJECT"),
    ("North Korea warned Seoul that it would retaliate against any further military drills.",
     "North Korea", "Seoul", "THREATEN"),
    ("Thousands of farmers marched on the capital to protest against the government's new tax.",
     "Thousands of farmers", "the government", "PROTEST"),
    ("Ukraine urged Germany to deliver more air defence systems before the winter.",
     "Ukraine", "Germany", "REQUEST"),
    ("The two countries signed an agreement to expand trade and energy cooperation.",
     "The two countries", None, "SUPPORT"),
    ("Iran agreed to resume talks with the International Atomic Energy Agency next month.",
     "Iran", "the International Atomic Energy Agency", "AGREE"),
    ("Israel released 30 Palestinian prisoners as part of the deal.",
     "Israel", "30 Palestinian prisoners", "RETREAT"),
]


def _item(parse, text, src, tgt):
    doc = parse(text)

    def span(needle):
        if not needle:
            return None
        k = text.index(needle)
        return tm.char_to_token_span(doc, k, k + len(needle))

    s, t = span(src), span(tgt)
    return doc, tm.dyad_trigger(doc, s, t), s, t


@pytest.mark.slow
def test_predictions_on_unseen_news(model, parse):
    got = []
    for text, src, tgt, want in NEWS:
        doc, trig, s, t = _item(parse, text, src, tgt)
        label, p, _ = model.predict(doc, trig, s, t)
        want = {want} if isinstance(want, str) else want
        got.append((want, label, round(p, 2), doc.tokens[trig].text))
    right = sum(g in w for w, g, _, _ in got)
    print("\n".join(f"{'/'.join(sorted(w)):16s} {g:10s} {p:.2f} {tr}" for w, g, p, tr in got))
    assert right >= len(NEWS) - 2, got
    # the clearest cases must be right
    assert [got[k][1] for k in (0, 2, 6, 7)] == ["ACCUSE", "ASSAULT", "REJECT", "THREATEN"]


@pytest.mark.slow
def test_speed_reported(model, parse, record_property):
    items = [_item(parse, text, src, tgt) for text, src, tgt, _ in NEWS]
    n = 0
    t0 = time.perf_counter()
    for _ in range(50):
        for doc, trig, s, t in items:
            model.predict(doc, trig, s, t)
            n += 1
    per_call_ms = (time.perf_counter() - t0) * 1000 / n
    t0 = time.perf_counter()
    for text, *_ in NEWS:
        parse(text)
    parse_ms = (time.perf_counter() - t0) * 1000 / len(NEWS)
    record_property("typemodel_ms_per_call", round(per_call_ms, 4))
    print(f"\ntypemodel.predict: {per_call_ms:.3f} ms/call; spaCy parse: {parse_ms:.1f} ms/sentence")
    assert per_call_ms > 0  # reported, not asserted on time (machines differ)


def test_default_is_none_without_weights(monkeypatch, tmp_path):
    monkeypatch.setattr(tm, "WEIGHTS_FILE", tmp_path / "missing.npz")
    tm._default_model.cache_clear()
    try:
        assert tm.TypeModel.default() is None
    finally:
        monkeypatch.undo()
        tm._default_model.cache_clear()
    assert tm.TypeModel.default() is not None
