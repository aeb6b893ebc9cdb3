"""Trigger lexicon and ontology: lookups from news sentences, schema validation, data integrity."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tacitus.errors import DataFileError
from tacitus.extract.lexicon import (CORE_FILE, DATA_DIR, MINED_FILE, Lexicon, Ontology, Sense,
                                     load_entries, object_key)
from tacitus.models import PLOVER_TYPES

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.default()


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return Ontology.default()


# (sentence, lemma, pos, particle, object) -> (type, mode, cameo)
CASES = [
    ("Canada will send troops to Latvia.", "send", "VERB", None, "troops", ("AID", None, "074")),
    ("Germany sent Leopard tanks to Ukraine.", "send", "VERB", None, "tanks", ("AID", None, "072")),
    ("Paris sent an envoy to Beijing.", "send", "VERB", None, "envoy", ("CONSULT", "visit", "042")),
    ("Russia deployed Iskander missiles in Belarus.", "deploy", "VERB", None, "missiles", ("MOBILIZE", "weapons", "154")),
    ("Macron did not rule out deploying troops.", "rule", "VERB", "out", None, ("REJECT", None, "120")),
    ("The US imposed sanctions on Iran.", "impose", "VERB", None, "sanctions", ("SANCTION", "discontinue", "163")),
    ("Authorities imposed a curfew in the capital.", "impose", "VERB", None, "curfew", ("COERCE", "curfew", "1723")),
    ("The EU lifted sanctions on Syria.", "lift", "VERB", None, "sanctions", ("RETREAT", None, "085")),
    ("Russian forces attacked Kharkiv overnight.", "attack", "VERB", None, "Kharkiv", ("ASSAULT", None, "190")),
    ("Israel struck targets in Gaza.", "strike", "VERB", None, "targets", ("ASSAULT", None, "190")),
    ("The parties struck a deal on grain.", "strike", "VERB", None, "deal", ("AGREE", None, "030")),
    ("Troops shelled the village.", "shell", "VERB", None, "village", ("ASSAULT", "heavy-weapons", "194")),
    ("Police arrested dozens of protesters.", "arrest", "VERB", None, "dozens", ("COERCE", "arrest", "173")),
    ("Moscow expelled two British diplomats.", "expel", "VERB", None, "diplomats", ("SANCTION", "expel", "166")),
    ("The two leaders signed a security agreement.", "sign", "VERB", None, "agreement", ("SUPPORT", None, "057")),
    ("Blinken met Wang Yi in Munich.", "meet", "VERB", None, "Wang", ("CONSULT", None, "040")),
    ("Scholz visited Kyiv on Monday.", "visit", "VERB", None, "Kyiv", ("CONSULT", "visit", "042")),
    ("Kyiv accused Moscow of war crimes.", "accuse", "VERB", None, "Moscow", ("ACCUSE", "allege", "112")),
    ("NATO condemned the strike.", "condemn", "VERB", None, "strike", ("ACCUSE", "disapprove", "111")),
    ("Putin warned the West.", "warn", "VERB", None, "West", ("THREATEN", None, "130")),
    ("Beijing threatened sanctions against Lithuania.", "threaten", "VERB", None, "sanctions", ("THREATEN", "restrict", "1312")),
    ("The UN called for a ceasefire.", "call", "VERB", "for", "ceasefire", ("REQUEST", None, "020")),
    ("Hamas released 13 hostages.", "release", "VERB", None, "hostages", ("RETREAT", "release", "0841")),
    ("The ministry released a statement.", "release", "VERB", None, "statement", None),
    ("The two sides exchanged prisoners.", "exchange", "VERB", None, "prisoners", ("RETREAT", "release", "0841")),
    ("Russia pulled out of the grain deal.", "pull", "VERB", "out", None, ("RETREAT", "withdraw", "087")),
    ("Washington withdrew its ambassador.", "withdraw", "VERB", None, "ambassador", ("SANCTION", "withdraw", "161")),
    ("Russia cut off gas to Europe.", "cut", "VERB", "off", "gas", ("COERCE", "withhold", "172")),
    ("The minister resigned.", "resign", "VERB", None, None, ("RETREAT", "resign", "0831")),
    ("Thousands protested in Tbilisi.", "protest", "VERB", None, None, ("PROTEST", "demo", "141")),
    ("Finland froze Russian assets.", "freeze", "VERB", None, "assets", ("SANCTION", "discontinue", "163")),
    ("Britain will train Ukrainian pilots.", "train", "VERB", None, "pilots", ("AID", None, "072")),
    ("Congress approved $60bn in aid.", "approve", "VERB", None, "aid", ("AID", None, "071")),
    ("the deployment of troops to Ukraine", "deployment", "NOUN", None, "troops", ("AID", None, "074")),
    ("the Russian invasion of Ukraine", "invasion", "NOUN", None, None, ("ASSAULT", None, "190")),
    ("a general strike by teachers", "strike", "NOUN", None, "teachers", ("PROTEST", "strike", "143")),
    ("new sanctions on Russia", "sanction", "NOUN", None, None, ("SANCTION", "discontinue", "163")),
    ("talks between Kyiv and Moscow", "talk", "NOUN", None, None, ("CONSULT", None, "040")),
    ("a ceasefire in Gaza", "ceasefire", "NOUN", None, None, ("RETREAT", "ceasefire", "0871")),
    ("the evacuation of civilians", "evacuation", "NOUN", None, "civilians", ("AID", None, "073")),
    ("Mined: Moscow denigrated the report.", "denigrate", "VERB", None, "report", ("ACCUSE", "disapprove", "111")),
    ("Mined: Militants ransacked the town.", "ransack", "VERB", None, "town", ("ASSAULT", None, "190")),
    # Only an envoy recalled is a sanction (Guardian 2019; Belarusian outlet 2022: "The minister recalled that ...").
    ("Several western countries recalled their ambassadors before the event.", "recall", "VERB", None, "ambassadors",
     ("SANCTION", "withdraw", "161")),
    ("The minister recalled that ever since 2014 Belarus has been making every effort.", "recall", "VERB", None, None,
     None),
    ("The President recalled the tragic events of September 11, 2001.", "recall", "VERB", None, "events", None),
    # "an exchange of views" consults, "an exchange of fire" fights, a bare exchange releases captives.
    ("the exchange of views", "exchange", "NOUN", None, "views", ("CONSULT", None, "040")),
    ("an exchange of fire", "exchange", "NOUN", None, "fire", ("ASSAULT", "sideAB", "190")),
    ("the prisoner exchange", "exchange", "NOUN", None, None, ("RETREAT", "release", "0841")),
]


@pytest.mark.parametrize("sentence,lemma,pos,particle,obj,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_lookup_news(lex, sentence, lemma, pos, particle, obj, expected):
    sense = lex.lookup(lemma, pos, particle=particle, object_lemma=obj)
    if expected is None:
        assert sense is None, sentence
        return
    assert sense is not None, sentence
    assert (sense.type, sense.mode, sense.cameo) == expected, sentence


def test_sense_roles(lex):
    s = lex.lookup("send", "VERB", object_lemma="troops")
    assert s.target_from_object is False and "to" in s.preps and s.source == "core"
    assert lex.lookup("attack", "VERB", object_lemma="Kyiv").target_from_object is True
    assert lex.lookup("sanction", "VERB").target_from_object is True
    s = lex.lookup("impose", "VERB", object_lemma="sanctions")
    assert not s.target_from_object and s.preps == ("on", "against")
    assert lex.lookup("accuse", "VERB").reporting and lex.lookup("warn", "VERB").reporting
    assert not lex.lookup("attack", "VERB").reporting


def test_particles_and_fallback(lex):
    assert lex.lookup("pull out", "VERB").type == "RETREAT"
    assert lex.lookup("pull", "VERB") is None or lex.lookup("pull", "VERB").source != "core"
    # a particle without its own entry falls back to the bare verb
    assert lex.lookup("send", "VERB", particle="in", object_lemma="troops").cameo == "074"
    assert lex.lookup("Attack", "verb").type == "ASSAULT"


def test_is_trigger_and_unknown(lex):
    assert lex.is_trigger("deploy", "VERB") and lex.is_trigger("invasion", "NOUN")
    assert not lex.is_trigger("sandwich", "NOUN")
    assert lex.lookup("sandwich", "NOUN") is None
    assert lex.lookup("sign", "VERB", object_lemma="autograph") is None  # sign has no default sense


def test_mined_entries_present(lex):
    assert lex.lookup("denigrate", "VERB").source == "cameo:111"
    mined = [k for k in lex.keys() if lex.senses(*k) and lex.senses(*k)[0].source.startswith("cameo:")]
    assert len(mined) > 500
    assert all(lex.senses(*k)[0].cameo == lex.senses(*k)[0].source.split(":")[1] for k in mined[:50])


def test_core_size(lex):
    core = [k for k in lex.keys() if lex.senses(*k)[0].source == "core"]
    verbs = {k[0] for k in core if k[1] == "VERB"}
    nouns = {k[0] for k in core if k[1] == "NOUN"}
    assert len(verbs) >= 250 and len(nouns) >= 120
    for lemma in ["deploy", "send", "station", "withdraw", "attack", "shell", "invade", "arrest", "deport", "expel",
                  "sanction", "impose", "lift", "ban", "boycott", "protest", "meet", "visit", "negotiate", "sign",
                  "pledge", "provide", "donate", "train", "praise", "condemn", "accuse", "warn", "threaten",
                  "demand", "urge", "reject", "veto", "mobilize", "amass", "evacuate", "release", "surrender",
                  "resign", "investigate", "indict", "convict", "cooperate", "recognize", "apologize", "suspend",
                  "freeze", "confiscate", "censor", "jail"]:
        assert lemma in verbs, lemma
    for noun in ["deployment", "invasion", "airstrike", "sanction", "embargo", "aid", "ceasefire", "summit",
                 "protest", "arrest", "warning", "withdrawal", "mobilization", "coalition", "loan"]:
        assert noun in nouns, noun


def test_every_sense_validates(lex, onto):
    for key in lex.keys():
        for s in lex.senses(*key):
            assert isinstance(s, Sense)
            assert s.type in PLOVER_TYPES
            assert s.mode is None or s.mode in onto.modes(s.type), (key, s.mode)
            assert s.cameo is None or onto.is_cameo(s.cameo), (key, s.cameo)
            assert all(c in onto.contexts for c in s.contexts), (key, s.contexts)


def test_version(lex):
    assert lex.version.startswith("core-2026.11+") and len(lex.version) > 14
    assert Lexicon.default() is lex


def test_object_key():
    assert object_key("Troops") == object_key("troop") == "troop"
    assert object_key("sanctions") == "sanction" and object_key("supplies") == "supply"
    assert object_key("gas") == "gas" and object_key("aid") == "aid"


# ------------------------------------------------------------------ ontology
def test_ontology(onto):
    assert set(onto.types) == set(PLOVER_TYPES)
    assert onto.quad("AID") == "material_cooperation" and onto.quad("accuse") == "verbal_conflict"
    assert "visit" in onto.modes("CONSULT") and onto.modes("AGREE") == ()
    assert onto.goldstein("190") == -10.0 and onto.goldstein("0871") is not None
    assert onto.goldstein(None) is None
    assert onto.plover_from_cameo("057") == ("SUPPORT", None, ("diplomatic",))
    assert onto.plover_from_cameo("163")[0] == "SANCTION"
    assert onto.plover_from_cameo("0211")[0] == "REQUEST"
    assert onto.plover_from_cameo("010") is None
    assert onto.context("pro-democracy") == "pro_democracy"
    assert onto.requires_recipient("AID") and not onto.requires_recipient("AGREE")


# ------------------------------------------------------------------ validation failures
def _write(tmp_path: Path, text: str, name: str = "extra.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("body,needle", [
    ('- {lemma: send, pos: VERB, senses: [{type: HELP, cameo: "070"}]}', "not a PLOVER type"),
    ('- {lemma: send, pos: VERB, senses: [{type: AID, mode: visit, cameo: "070"}]}', "not a mode of AID"),
    ('- {lemma: send, pos: VERB, senses: [{type: AID, cameo: "999"}]}', "not a CAMEO code"),
    ('- {lemma: send, pos: VERB, senses: [{type: AID, cameo: 70}]}', "quoted string"),
    ('- {lemma: send, pos: VERB, senses: [{type: AID, contexts: [space]}]}', "unknown PLOVER context"),
    ('- {lemma: Send, pos: VERB, senses: [{type: AID}]}', "lower case"),
    ('- {lemma: send, pos: ADJ, senses: [{type: AID}]}', "pos"),
    ('- {lemma: send, pos: VERB, senses: []}', "at least one sense"),
    ('- {lemma: send, pos: VERB, senses: [{type: AID, colour: red}]}', "colour"),
    ('- {lemma: cut, particle: off, pos: VERB, senses: [{type: AID}]}', "boolean"),
    ('- {lemma: a, pos: VERB, senses: [{type: AID}]}\n- {lemma: a, pos: VERB, senses: [{type: AID}]}', "duplicate"),
])
def test_bad_entries(tmp_path, body, needle):
    path = _write(tmp_path, body)
    with pytest.raises(DataFileError) as ei:
        load_entries(path)
    msg = str(ei.value)
    assert "E200" in msg and str(path) in msg and needle in msg
    assert "entry" in msg


def test_bad_jsonl(tmp_path):
    path = _write(tmp_path, '{"lemma": "x", "pos": "VERB", "senses": [{"type": "AID"}]}\n{oops\n', "x.jsonl")
    with pytest.raises(DataFileError, match="line 2"):
        load_entries(path)


def test_user_file_extends_and_overrides(tmp_path):
    path = _write(tmp_path, """
- lemma: airlift
  pos: VERB
  senses: [{type: AID, cameo: "073", contexts: [humanitarian]}]
- lemma: geofence
  pos: VERB
  senses: [{type: COERCE, mode: restrict, cameo: "172"}]
""")
    lex = Lexicon.from_files(path)
    assert lex.lookup("geofence", "VERB").source == "extra.yaml"
    assert lex.lookup("airlift", "VERB", object_lemma="tanks").cameo == "073"  # user entry replaced core
    assert lex.lookup("deploy", "VERB", object_lemma="troops").cameo == "074"  # packaged data still there
    assert lex.version != Lexicon.default().version
    only = Lexicon.from_files(path, base=False)
    assert len(only) == 2


# ------------------------------------------------------------------ data integrity
def _build_module():
    spec = importlib.util.spec_from_file_location("build_lexicon", ROOT / "scripts" / "build_lexicon.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.shared
def test_regenerating_from_shared_gives_committed_files():
    if not (SHARED / "dictionaries" / "CAMEO.2.0.txt").exists():
        pytest.skip(f"{SHARED} is absent: cannot regenerate the derived ontology and mined lexicon")
    outputs = _build_module().build_all(SHARED)
    for rel, text in outputs.items():
        committed = (DATA_DIR / rel).read_text(encoding="utf-8")
        assert committed == text, f"{rel} is stale: run scripts/build_lexicon.py"


def test_packaged_files_validate():
    assert len(load_entries(MINED_FILE)) > 500
    assert len(load_entries(CORE_FILE)) > 370
    plover = json.loads((DATA_DIR / "ontology" / "plover.json").read_text(encoding="utf-8"))
    assert len(plover["types"]) == 16 and len(plover["contexts"]) >= 37
    for t in plover["types"].values():
        assert {"quad", "requires_recipient", "modes", "definition"} <= set(t)
    assert (DATA_DIR / "ontology" / "README.md").exists()
