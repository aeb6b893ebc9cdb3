"""Tests for tacitus.normalize.quantities: money, counts, USD conversion, currency lexicon."""
from __future__ import annotations

from datetime import date

import pytest

from tacitus.errors import DataFileError
from tacitus.normalize.quantities import find_counts, find_money, load_lexicon, to_usd

# Real sentences: ukraine-war-2022-2024 (UKR), guardian-2017-2019 (GDN), bbc-2004-2005/business (BBC).
# Each expected mention is (text, value, unit, approximate).
MONEY_CASES = [
    pytest.param(  # UKR 2024-04-24
        "The US Senate voted resoundingly on Tuesday to approve $95bn in wartime aid for Ukraine and "
        "Israel, along with defence support to Taiwan, as a bipartisan super-majority united to send "
        "the long-stalled package to Joe Biden’s desk for signature.",
        date(2024, 4, 24), [("$95bn", 95e9, "USD", False)], id="ukr-95bn"),
    pytest.param(  # UKR 2022-09-08
        "He announced a further $2.8bn (£2.4bn) in military aid during a meeting with the Ukrainian "
        "leader Volodymyr Zelensky, after entering the presidential building through a series of "
        "dark hallways fortified with sandbags.",
        date(2022, 9, 8), [("$2.8bn", 2.8e9, "USD", False), ("£2.4bn", 2.4e9, "GBP", False)],
        id="ukr-usd-gbp"),
    pytest.param(  # UKR 2023-03-09
        "From next month, however, the Japanese military will have an annual budget of ¥6.82 trillion "
        "(£43.46 billion) – an increase of more than 26 per cent over the previous year and evidence "
        "that Tokyo knows it can no longer afford to keep the gloves on.",
        date(2023, 3, 9), [("¥6.82 trillion", 6.82e12, "JPY", False),
                           ("£43.46 billion", 43.46e9, "GBP", False)], id="ukr-yen"),
    pytest.param(  # UKR 2024-05-08
        "The project to ‘decommunize’ the Ukrainian Motherland monument cost about $500,000.",
        date(2024, 5, 8), [("$500,000", 500000.0, "USD", True)], id="ukr-about"),
    pytest.param(  # UKR 2024-04-29
        "The UK has pledged more than £4.7 billion in non-military support to Ukraine since 2022, "
        "including over £660 million of bilateral assistance that prioritises the needs of women and girls.",
        date(2024, 4, 29), [("£4.7 billion", 4.7e9, "GBP", True), ("£660 million", 660e6, "GBP", True)],
        id="ukr-more-than-over"),
    pytest.param(  # UKR 2023-02-02
        "Berlin has agreed to send 14 Leopard 2 tanks to Ukraine, prompting the Russian company Fores - "
        "a Urals-based energy industry firm - to offer five million roubles (£58,250) to the first "
        "Russian soldier to destroy or capture one.",
        date(2023, 2, 2), [("five million roubles", 5e6, "RUB", False), ("£58,250", 58250.0, "GBP", False)],
        id="ukr-roubles-words"),
    pytest.param(  # UKR 2024-05-04
        "Among them are the assets of the Russian Central Bank, including securities and cash worth "
        "approximately EUR 260 billion.",
        date(2024, 5, 4), [("EUR 260 billion", 260e9, "EUR", True)], id="ukr-eur-code"),
    pytest.param(  # UKR 2023-03-12
        "Aramco’s capital expenditure rose 18% to $37.6 billion in 2022 and the company said it expects "
        "this year’s spending to be around $45.0 billion to $55.0 billion including external investments.",
        date(2023, 3, 12), [("$37.6 billion", 37.6e9, "USD", False), ("$45.0 billion", 45e9, "USD", True),
                            ("$55.0 billion", 55e9, "USD", True)], id="ukr-range"),
    pytest.param(  # UKR 2022-03-28
        "The freezing of 80 billion euros in tax evasion via all kinds of ‘Amsterdam South Axis’ "
        "constructions must also be tackled much more actively.",
        date(2022, 3, 28), [("80 billion euros", 80e9, "EUR", False)], id="ukr-euros-word"),
    pytest.param(  # UKR 2024-05-08
        "The dismantling of the memorial in honor of Soviet soldiers cost €2 million.",
        date(2024, 5, 8), [("€2 million", 2e6, "EUR", False)], id="ukr-euro-sign"),
    pytest.param(  # UKR 2024-04-22
        "Notable also that included in the bill on TikTok was language that suggested that Congress "
        "supports the confiscation of the $300bn plus in immobilised Russian assets in Western jurisdiction.",
        date(2024, 4, 22), [("$300bn", 300e9, "USD", True)], id="ukr-plus"),
    pytest.param(  # GDN 2018-12-18
        "Over 100,000 including YPD Kurdish forces are still active, and the areas where Assad regime "
        "rules have only 50% of the population, and it is largely rubble, and it will require "
        "$300-400bn to rebuild.",
        date(2018, 12, 18), [("$300-400bn", 300e9, "USD", True)], id="gdn-range-lower-bound"),
    pytest.param(  # GDN 2017-12-25
        "EU commissioner Neven Mimica pledged a €225m (£200m) support package for the Gambia, which he "
        "said was “virtually bankrupt”.",
        date(2017, 12, 25), [("€225m", 225e6, "EUR", False), ("£200m", 200e6, "GBP", False)], id="gdn-eur-gbp"),
    pytest.param(  # GDN 2017-12-25
        "In a report published to coincide with the World Economic Forum in Davos, Switzerland, Oxfam "
        "said it was “beyond grotesque” that a handful of rich men are worth $426bn, equivalent to the "
        "wealth of 3.6 billion people.",
        date(2017, 12, 25), [("$426bn", 426e9, "USD", False)], id="gdn-people-not-money"),
    pytest.param(  # GDN 2017-08-31
        "Officials in Whitehall are examining whether Britain will continue to honour up to £200m in "
        "aid for local populations in Idlib and communities exiled from elsewhere in Syria.",
        date(2017, 8, 31), [("£200m", 200e6, "GBP", True)], id="gdn-up-to"),
    pytest.param(  # GDN 2018-12-23
        "That night, senators flew back to Washington from as far away as Hawaii for emergency talks "
        "aimed at finding a compromise on Trump’s demand for nearly $6bn for a wall on the southern border.",
        date(2018, 12, 23), [("$6bn", 6e9, "USD", True)], id="gdn-nearly"),
    pytest.param(  # BBC business 032
        "Sumitomo bosses told counterparts at UFJ of its decision on Friday, clearing the way for it to "
        "conclude a 3 trillion yen (dollars 29bn) deal with Mitsubishi.",
        date(2004, 8, 13), [("3 trillion yen", 3e12, "JPY", False), ("dollars 29bn", 29e9, "USD", False)],
        id="bbc-yen-dollars-prefix"),
    pytest.param(  # BBC business 201
        "Swiss drugmaker Novartis has announced 5.65bn euros (dollars 7.4bn; pounds 3.9bn) of purchases "
        "to make its Sandoz unit the world's biggest generic drug producer.",
        date(2005, 2, 21), [("5.65bn euros", 5.65e9, "EUR", False), ("dollars 7.4bn", 7.4e9, "USD", False),
                            ("pounds 3.9bn", 3.9e9, "GBP", False)], id="bbc-three-currencies"),
    pytest.param(  # BBC business 304
        "Shares in Bombardier lost 65 Canadian cents or 25% on the news to 1.90 Canadian dollars before "
        "rallying to 2.20 Canadian dollars.",
        date(2004, 12, 14), [("65 Canadian cents", 0.65, "CAD", False), ("1.90 Canadian dollars", 1.9, "CAD", False),
                             ("2.20 Canadian dollars", 2.2, "CAD", False)], id="bbc-canadian-cents"),
    pytest.param(  # BBC business 173
        "Carlsberg, the world's fifth-largest brewer, saw annual pre-tax profits fall to 3.4bn Danish "
        "kroner (456m euros).",
        date(2005, 3, 2), [("3.4bn Danish kroner", 3.4e9, "DKK", False), ("456m euros", 456e6, "EUR", False)],
        id="bbc-kroner"),
    pytest.param(  # BBC business 067
        "In fact, almost 30 wealthy nations spend more than dollars 300bn (pounds 158.8bn; 230.9bn euros) "
        "in agricultural subsidies.",
        date(2005, 1, 20), [("dollars 300bn", 300e9, "USD", True), ("pounds 158.8bn", 158.8e9, "GBP", False),
                            ("230.9bn euros", 230.9e9, "EUR", False)], id="bbc-almost-30-nations"),
    pytest.param(  # BBC business 318
        "Baikal Finance Group emerged as the auction winner, agreeing to pay 260.75bn roubles "
        "(pounds 4.8bn; dollars 9.4bn).",
        date(2004, 12, 20), [("260.75bn roubles", 260.75e9, "RUB", False), ("pounds 4.8bn", 4.8e9, "GBP", False),
                             ("dollars 9.4bn", 9.4e9, "USD", False)], id="bbc-roubles"),
    # Forms the brief names that the corpora lack.
    pytest.param("Ottawa pledged CA$60 million in military aid.", date(2024, 2, 14),
                 [("CA$60 million", 60e6, "CAD", False)], id="ca-dollar"),
    pytest.param("Canada added C$5m and approximately US$44 million more.", date(2024, 2, 14),
                 [("C$5m", 5e6, "CAD", False), ("US$44 million", 44e6, "USD", True)], id="c-dollar-us-dollar"),
    pytest.param("Kyiv allocated ₴1 billion, or UAH 500 million, plus 500 million hryvnias.", date(2023, 5, 1),
                 [("₴1 billion", 1e9, "UAH", False), ("UAH 500 million", 500e6, "UAH", False),
                  ("500 million hryvnias", 500e6, "UAH", False)], id="hryvnia"),
    pytest.param("Fines of 100 million rubles and some 60 million Canadian dollars, USD 10 million, "
                 "an estimated $5bn and roughly €1.5bn.", date(2021, 6, 1),
                 [("100 million rubles", 100e6, "RUB", False), ("60 million Canadian dollars", 60e6, "CAD", True),
                  ("USD 10 million", 10e6, "USD", False), ("$5bn", 5e9, "USD", True),
                  ("€1.5bn", 1.5e9, "EUR", True)], id="words-codes-hedges"),
    pytest.param("It will cost at least $1 trillion, almost £300m, around 1.5 billion euros.", date(2021, 6, 1),
                 [("$1 trillion", 1e12, "USD", True), ("£300m", 300e6, "GBP", True),
                  ("1.5 billion euros", 1.5e9, "EUR", True)], id="trillion-hedges"),
]


def _key(q):
    return (q.text, q.value, q.unit, q.approximate)


@pytest.mark.parametrize("sentence,on,expected", MONEY_CASES)
def test_find_money_real_sentences(sentence, on, expected):
    found = find_money(sentence, on=on)
    assert [(q.text, q.unit, q.approximate) for q in found] == [(t, u, a) for t, _, u, a in expected]
    for q, (_, value, _, _) in zip(found, expected):
        assert q.value == pytest.approx(value)
        assert q.kind == "money"
        assert sentence[q.start_char:q.end_char] == q.text


@pytest.mark.parametrize("sentence", [
    # UKR 2023-02-02 (clause): a model number is not money.
    "Berlin has agreed to send 14 Leopard 2 tanks to Ukraine.",
    # UKR 2023-01-24: a "$" with no number.
    "Senator Lindsey Graham tweeted he was “tired of the s@#$%show surrounding who is going to send tanks.",
    # BBC business 064: not numeric.
    "Lufthansa said that it may lose millions of euros as a result of Air Force One landing at Frankfurt airport.",
    "The G7 leaders agreed in 2023 on a 24-hour truce, up 5% on 2022 and 3 trillion steps.",
    "The truck carried 500 pounds of explosives.",
    # kremlin-zelenskyy corpus: a summit name, not Colombian pesos.
    "The COP26 summit will be held in Glasgow.",
])
def test_find_money_negatives(sentence):
    assert find_money(sentence) == []


@pytest.mark.parametrize("sentence,expected", [
    # kremlin-zelenskyy corpus: spelled-out halves.
    ("This quarter we allocate another half a trillion rubles.", [("half a trillion rubles", 5e11)]),
    # A year right before an amount must not swallow its sign or word.
    ("In 2022 $5bn was sent and in 2005 dollars 29bn.", [("$5bn", 5e9), ("dollars 29bn", 29e9)]),
    ("They spent about $5bn and $3bn.", [("$5bn", 5e9), ("$3bn", 3e9)]),
])
def test_find_money_edge_cases(sentence, expected):
    found = find_money(sentence)
    assert [(q.text, q.value) for q in found] == expected
    if "and $3bn" in sentence:  # "and" joins two amounts, the hedge of the first stays there
        assert [q.approximate for q in found] == [True, False]


def test_find_money_offset_and_usd():
    text = "Ottawa pledged CA$60 million in military aid."
    (q,) = find_money(text, offset=100, on=date(2024, 2, 14))
    assert (q.start_char, q.end_char) == (115, 128)
    assert q.value == 60_000_000.0 and q.unit == "CAD" and q.confidence == 1.0
    assert q.usd == pytest.approx(44.3e6, rel=0.005)


def test_bare_dollar_uses_dollar_hint_only():
    # GDN 2018-05-13, a story about refugees in Canada.
    text = "Canada is also expensive; by spring their savings of $9,400 were gone."
    (cad,) = find_money(text, currency_hint="CAD", on=date(2018, 5, 13))
    assert (cad.unit, cad.confidence, cad.value) == ("CAD", 0.6, 9400.0)
    assert cad.usd is not None and cad.usd < 9400
    (usd,) = find_money(text, currency_hint="EUR")
    assert (usd.unit, usd.confidence) == ("USD", 0.8)
    (plain,) = find_money(text)
    assert (plain.unit, plain.confidence) == ("USD", 0.8)
    # UKR 2022-03-31, an Australian report.
    aus = find_money("Australia has provided $156m in support to Ukraine, including $91m in military "
                     "assistance.", currency_hint="AUD")
    assert [(q.value, q.unit, q.confidence) for q in aus] == [(156e6, "AUD", 0.6), (91e6, "AUD", 0.6)]


def test_money_usd_none_for_uah_and_rub_after_ecb_stop():
    (uah,) = find_money("Kyiv allocated ₴1 billion.", on=date(2023, 5, 1))
    assert uah.usd is None
    (rub,) = find_money("Fines of 100 million roubles.", on=date(2023, 2, 2))
    assert rub.usd is None


@pytest.mark.parametrize("value,currency,on,expected", [
    (60e6, "CAD", date(2024, 2, 14), 44.3e6),
    (1e6, "USD", date(2024, 2, 14), 1e6),
    (1e6, "usd", None, 1e6),
    (1e6, "EUR", date(2024, 2, 17), 1.078e6),  # a Saturday: the converter interpolates
    (100e6, "RUB", date(2021, 6, 1), 1.36e6),
])
def test_to_usd_values(value, currency, on, expected):
    assert to_usd(value, currency, on) == pytest.approx(expected, rel=0.01)


@pytest.mark.parametrize("currency,on", [
    ("RUB", date(2022, 6, 1)),  # ECB stopped quoting RUB on 2022-03-01
    ("RUB", None),
    ("UAH", date(2023, 1, 1)),  # never quoted by the ECB
    ("XXX", date(2023, 1, 1)),
    ("EUR", date(2040, 1, 1)),  # far past the shipped history: no extrapolation
])
def test_to_usd_unknown(currency, on):
    assert to_usd(1e6, currency, on) is None


def test_to_usd_before_series_start_uses_first_quote():
    # BBC 2004 roubles: ECB RUB history starts 2005-04-01, the nearest quote is used.
    assert to_usd(260.75e9, "RUB", date(2004, 12, 20)) == pytest.approx(9.4e9, rel=0.05)
    assert to_usd(1.0, "EUR", None) is not None


def test_packaged_lexicon_loads():
    lex = load_lexicon()
    assert lex.symbols["CA$"] == ("CAD", None)
    assert lex.symbols["$"] == ("USD", "dollar")
    assert lex.scales["bn"] == 1e9 and "m" in lex.attached_only
    assert "UAH" in lex.codes and "an estimated" in lex.approximators


GOOD_YAML = """
ambiguous: {dollar: [USD, CAD]}
symbols: [{symbol: "$", code: USD, ambiguous: dollar}]
words: [{names: [euros], code: EUR}]
codes: [USD]
scales: {bn: {value: 1000000000}}
approximators: [about]
"""


@pytest.mark.parametrize("bad", [
    "- just a list",
    "symbols: []",
    GOOD_YAML.replace("code: USD, ambiguous", "code: usd, ambiguous"),
    GOOD_YAML.replace("ambiguous: dollar}", "ambiguous: peso}"),
    GOOD_YAML.replace("{value: 1000000000}", "{value: -1}"),
    GOOD_YAML.replace("names: [euros]", "names: []"),
    GOOD_YAML.replace("codes: [USD]", "codes: [US]"),
    GOOD_YAML.replace("[USD, CAD]", "[CAD]"),
    "symbols: [unclosed",
])
def test_bad_lexicon_raises(tmp_path, bad):
    path = tmp_path / "currencies.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(DataFileError):
        load_lexicon(path)


def test_good_minimal_lexicon(tmp_path):
    path = tmp_path / "currencies.yaml"
    path.write_text(GOOD_YAML, encoding="utf-8")
    assert load_lexicon(path).words["euros"] == ("EUR", 1.0, None)


# Counts: each expected count is (value, unit, approximate); sentences are real unless marked.
COUNT_CASES = [
    pytest.param("The US will send 200 Senator armored vehicles and 14 Leopard 2 tanks.",
                 [(200, "vehicles", False), (14, "tanks", False)], id="brief-vehicles-leopard"),  # brief
    pytest.param("The EU has sanctioned over 2,600 Russian individuals and entities since the invasion.",
                 [(2600, "individuals", True)], id="brief-individuals"),  # brief
    pytest.param(  # UKR 2022-01
        "Security Council met for the first time to discuss the ongoing situation — as Russia has "
        "stationed an estimated 100,000 troops near Ukraine’s borders, stoking fears of an invasion.",
        [(100000, "troops", True)], id="ukr-estimated"),
    pytest.param(  # UKR
        "The fighting over Zaporizhzhia has garnered the most headlines because its nuclear plant, "
        "Europe’s largest, is controlled by 500 Russian soldiers.",
        [(500, "soldiers", False)], id="ukr-500-soldiers"),
    pytest.param(  # UKR
        "Existing Nato defences on the alliance’s eastern flank will be increased to the size of a "
        "brigade – about 3,000 to 5,000 troops in addition to local forces.",
        [(3000, "troops", True)], id="ukr-range"),
    pytest.param(  # UKR
        "Ukraine's health minister said on Saturday that 198 civilians, including three children, "
        "had been killed so far by Russian forces.",
        [(198, "civilians", False), (3, "children", False)], id="ukr-word-number"),
    pytest.param(  # UKR
        "Berlin has agreed to send 14 Leopard 2 tanks to Ukraine, prompting the Russian company Fores - "
        "a Urals-based energy industry firm - to offer five million roubles (£58,250) to the first "
        "Russian soldier to destroy or capture one.",
        [(14, "tanks", False)], id="ukr-leopard-roubles"),
    pytest.param(  # UKR
        "Around 100,000 people have crossed into Poland from Ukraine since Russia launched its invasion, "
        "including 9,000 who have entered since 7am on Saturday.",
        [(100000, "people", True)], id="ukr-around-7am"),
    pytest.param(  # GDN
        "More than 2,000 US soldiers have died, 10 times as many Afghan soldiers, and at least 30,000 civilians.",
        [(2000, "soldiers", True), (30000, "civilians", True)], id="gdn-more-than-times"),
    pytest.param(  # GDN
        "Sixty-two people were reportedly killed in airstrikes on 26 July in residential areas, while 15 "
        "members of the same family, including children, were killed in the Shammas district two days later.",
        [(62, "people", False), (15, "members", False)], id="gdn-sixty-two"),
    pytest.param(  # GDN
        "In that pit of about 80 meters in diameter we found bone remains belonging to at least 1,021 people.",
        [(1021, "people", True)], id="ukr-meters-not-count"),
    pytest.param(  # GDN
        "It is estimated that more than 500,000 people have been killed in Syria as a result of the war.",
        [(500000, "people", True)], id="gdn-500000"),
    pytest.param(  # UKR 2022-05-02
        "On Thursday, Biden called for a dramatic increase in aid to Ukraine, urging Congress to pass a "
        "new $33 billion spending package that includes military and humanitarian aid.",
        [], id="ukr-money-not-count"),
    pytest.param("Russia deployed over 150,000 soldiers and ten people died, while dozens of civilians fled.",
                 [(150000, "soldiers", True), (10, "people", False)], id="brief-soldiers-dozens"),  # brief
    pytest.param("Sixty people were killed in a 24-hour period, up 5% on 2022, the G7 said, and 28 "
                 "countries and 2.5 million people were affected.",
                 [(60, "people", False), (28, "countries", False), (2.5e6, "people", False)],
                 id="negatives-mixed"),  # constructed
    pytest.param("A 45-year-old man, aged 45, died during the 2014 annexation at 10:30 on the 3rd day.",
                 [], id="negatives-age-year-time"),  # constructed
    pytest.param("On 26 September one country said it had 100 Patriot and one hand was enough.",
                 [], id="negatives-month-one-name"),  # constructed from UKR false positives
]


@pytest.mark.slow
@pytest.mark.parametrize("sentence,expected", COUNT_CASES)
def test_find_counts_real_sentences(sentence, expected):
    from tacitus.nlp import parser

    doc = parser.parse_text(sentence)
    found = find_counts(doc, 0, len(doc.tokens))
    assert [(q.value, q.unit, q.approximate) for q in found] == [
        (pytest.approx(v), u, a) for v, u, a in expected]
    for q in found:
        assert q.kind == "count" and q.usd is None
        assert sentence[q.start_char:q.end_char] == q.text
        assert q.text.lower().endswith(q.unit)


@pytest.mark.slow
def test_find_counts_respects_token_range():
    from tacitus.nlp import parser

    doc = parser.parse_text("Kyiv said 198 civilians died. Moscow said 500 Russian soldiers died.")
    second = doc.sentences[1]
    found = find_counts(doc, second.start, second.end)
    assert [(q.value, q.unit, q.text) for q in found] == [(500.0, "soldiers", "500 Russian soldiers")]
    assert doc.doc.text[found[0].start_char:found[0].end_char] == "500 Russian soldiers"
