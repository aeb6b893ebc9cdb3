"""Modality is decided by the cues that govern each event (real sentences, several outlets)."""
from __future__ import annotations

import pytest

from tacitus.extract.cues import Cues
from tacitus.extract.modality import decide

pytestmark = pytest.mark.slow

CASES = [
    # Rubryka, 2024-03-01 (the sample article)
    ("Canada says it is open to sending a limited number of military personnel to Ukraine.", "sending", "possible"),
    ("However, Poland and the Czech Republic are not considering sending troops to Ukraine.", "sending", "negated"),
    ("After the meeting, Macron did not rule out that NATO would deploy troops to help Ukraine, but there is no "
     "consensus on this issue.", "deploy", "possible"),
    ("French Prime Minister Gabriel Attal also did not rule out the possibility of sending troops to Ukraine.",
     "sending", "possible"),
    ("A White House representative told Reuters on February 26 that the United States has no plans to send troops "
     "for combat operations in Ukraine.", "send", "negated"),
    ("Moscow angrily reacted to Macron's statements, warning that the deployment of Western troops in Ukraine would "
     "inevitably lead to a conflict between Russia and NATO.", "deployment", "hypothetical"),
    ("On February 14, Canada announced it would provide CA$60 million (approximately US$44 million) for Ukraine's "
     "defense.", "provide", "planned"),
    ("However, Canadian forces will not engage in combat but are willing to train Ukrainian soldiers, Rubryka "
     "reports.", "engage", "negated"),
    ("However, Canadian forces will not engage in combat but are willing to train Ukrainian soldiers, Rubryka "
     "reports.", "train", "possible"),
    ("In turn, French Foreign Minister Stéphane Séjourné said France could send its troops to Ukraine to assist in "
     "various tasks but not combat.", "send", "possible"),
    ("Additionally, 200 Senator armored vehicles, which Canada had previously promised to transfer to Ukraine, have "
     "already been produced.", "transfer", "planned"),
    ("Since Russia's illegal occupation of Crimea in 2014, Canada has imposed sanctions on over 2,600 Russian "
     "individuals and entities.", "imposed", "asserted"),
    ("The security agreement between Canada and Ukraine, signed last weekend, provides that Canada may conduct "
     "training activities in Ukraine.", "signed", "asserted"),
    # BBC / Guardian / corpus articles (2022-2024)
    # A past implicative verb let the act happen; in the present it only makes it possible.
    ("The US has provided key economic and military backing to Kyiv, in particular supplying long-range, precision "
     "artillery that has allowed Ukraine to strike Russian supply facilities deep inside Moscow-controlled "
     "territory.", "strike", "asserted"),
    ("It led to the Gulf of Tonkin Resolution, which allowed President Johnson to start bombing raids on North "
     "Vietnam and greatly escalate US military involvement.", "raids", "asserted"),
    ("However, the alternative is to allow Russia to defeat the Ukrainian army and move towards NATO borders from "
     "the Black Sea.", "defeat", "possible"),
    ("US President Joe Biden says he would consider personal sanctions on Vladimir Putin if Russia invades Ukraine.",
     "sanctions", "possible"),
    ("The Kremlin has repeatedly denied it plans to invade Ukraine.", "invade", "negated"),
    ("Germany has refused to send weapons to Ukraine, citing its post-war policy.", "send", "negated"),
    ("Russia has massed more than 100,000 troops near the border with Ukraine.", "massed", "asserted"),
    ("The EU will impose new sanctions on Russia next week, officials said.", "impose", "planned"),
    ("Nato has said it will not send troops into Ukraine.", "send", "negated"),
    ("Turkey may host talks between the two sides.", "host", "possible"),
    ("Biden ruled out sending American troops to Ukraine.", "sending", "negated"),
    ("If Russia invades Ukraine, the US would impose severe sanctions.", "impose", "hypothetical"),
    ("Russia has no intention of attacking anyone, Putin said.", "attacking", "negated"),
    ("Scholz has not ruled out sending Taurus missiles.", "sending", "possible"),
    ("The UK is ready to deploy troops to protect its allies in Europe.", "deploy", "possible"),
    ("Washington pledged to deliver more air defence systems.", "deliver", "planned"),
    # "Not only" / "not just" deny only the exclusiveness: the act happened (US outlet 2022, Office of the
    # President of Ukraine 2022); a plain "not" still negates.
    ("The Kremlin has not only amassed roughly 100,000 troops on its southern border but deployed an additional "
     "30,000 troops to neighboring Belarus.", "amassed", "asserted"),
    ("When it became clear that the enemy was not just destroying civilian objects, but was doing so deliberately, "
     "we began to rescue the most vulnerable.", "destroying", "asserted"),
    ("The enemy was not destroying civilian objects.", "destroying", "negated"),
    # An adjective on the event noun (Guardian 2018, Office of the President of Ukraine 2021 and 2022): a participle
    # is matched as written ("planned", "expected"), not by its verb's lemma.
    ("Aid agencies fear that as many as 700,000 people could be displaced within a day of a Russian-led bombardment "
     "of Syria\u2019s Idlib province as momentum towards an expected attack on the last large rebel enclave continues "
     "to gather pace.", "attack", "planned"),
    ("The President expressed high expectations for the intensification of bilateral Ukrainian-Spanish cooperation "
     "in the near future, in particular in view of the planned visit of the Prime Minister of Spain to Ukraine in "
     "2022.", "visit", "planned"),
    ("This will not bring anything, except that this is another complication of probable, at least some kind of "
     "probable negotiations between Ukraine and Russia.", "negotiations", "possible"),
    # A verb of comment over a definite event noun judges the event, it does not negate it (UK outlet 2022,
    # Guardian 2019); a verb that carries the act still does.
    ("Many African leaders have refused to condemn Russia\u2019s invasion of Ukraine and have accused the US and Nato of "
     "starting or prolonging the war.", "invasion", "asserted"),
    ("Mr Trump\u2019s recent threats against Iran should perhaps be seen in this context as an attempt at pushback.",
     "threats", "asserted"),
    ("Russia did not launch the attack.", "attack", "negated"),
]


@pytest.mark.parametrize("sentence,trigger,expected", CASES)
def test_modality_decided_by_governing_cues(parse, sentence, trigger, expected):
    doc = parse(sentence)
    tok = next(t for t in doc.tokens if t.text == trigger)
    assert decide(doc, tok, Cues.default()).modality == expected


@pytest.mark.parametrize("sentence,trigger,condition", [
    ("Blair mentioned a possible non-combat mission for Canadian military personnel involving sending a limited "
     "number of servicemen to train Ukrainian defenders in Ukraine, provided such an operation is far from the "
     "front line.", "sending", "provided such an operation is far from the front line"),
    ("The agreement provides that Canada may conduct training activities in Ukraine \"when conditions permit.\"",
     "conduct", "when conditions permit"),
    ("If Russia invades Ukraine, the US would impose severe sanctions.", "impose", "If Russia invades Ukraine"),
])
def test_condition_text_is_attached(parse, sentence, trigger, condition):
    doc = parse(sentence)
    tok = next(t for t in doc.tokens if t.text == trigger)
    assert decide(doc, tok, Cues.default()).condition == condition


def test_past_when_clause_is_not_a_condition(parse):
    doc = parse("When Russia invaded Crimea in 2014, Canada imposed sanctions.")
    tok = next(t for t in doc.tokens if t.text == "imposed")
    res = decide(doc, tok, Cues.default())
    assert res.condition is None and res.modality == "asserted"
