"""Actor normalisation: mention strings taken from the shared corpora and the Ukraine/Canada sample, written inline."""
from __future__ import annotations

import json
import shutil
import time
from datetime import date
from importlib import resources

import pytest

from tacitus.errors import DataFileError
from tacitus.normalize.actor_data import FILES, load_actor_data
from tacitus.normalize.actors import ActorResolver

D2024 = date(2024, 3, 1)


@pytest.fixture(scope="module")
def r() -> ActorResolver:
    return ActorResolver.default()


# text, on, expected (name, country, sector, kind); name None = not checked unless given as ""
CASES = [
    # samples/ukraine-canada-trainers.txt
    ("Canada", D2024, ("Canada", "CAN", None, "state")),
    ("the United States", D2024, (None, "USA", None, "state")),
    ("Moscow", D2024, (None, "RUS", "GOV", "state")),
    ("A White House representative", D2024, (None, "USA", "GOV", None)),
    ("Canadian forces", D2024, (None, "CAN", "MIL", "group")),
    ("French President Emmanuel Macron", D2024, ("Emmanuel Macron", "FRA", "GOV", "person")),
    ("French President Emmanuel Macron's idea", D2024, ("Emmanuel Macron", "FRA", "GOV", "person")),
    ("the Canadian Minister of Defense Bill Blair", D2024, ("Bill Blair", "CAN", "GOV", "person")),
    ("Ukrainian soldiers", D2024, (None, "UKR", "MIL", "group")),
    ("Russian individuals", D2024, (None, "RUS", "CVL", "group")),
    ("NATO", D2024, ("NATO", "NATO", None, "organization")),
    ("representatives of Canada", D2024, (None, "CAN", "GOV", None)),
    ("Western troops", D2024, (None, None, "MIL", "group")),
    ("Ukrainian defenders", D2024, (None, "UKR", "MIL", "group")),
    ("Canadian military personnel", D2024, (None, "CAN", "MIL", "group")),
    ("Ukrainian military personnel", D2024, (None, "UKR", "MIL", "group")),
    ("French Prime Minister Gabriel Attal", D2024, ("Gabriel Attal", "FRA", "GOV", "person")),
    ("French Foreign Minister Stéphane Séjourné", D2024, ("Stéphane Séjourné", "FRA", "GOV", "person")),
    ("Poland and the Czech Republic", D2024, (None, "POL", None, "state")),
    ("the Czech Republic", D2024, (None, "CZE", None, "state")),
    ("Macron", D2024, ("Emmanuel Macron", "FRA", "GOV", "person")),
    ("Blair", D2024, ("Bill Blair", "CAN", "GOV", "person")),
    ("Russia's", D2024, (None, "RUS", None, "state")),
    ("Ukrainian children", D2024, (None, "UKR", "CVL", "group")),
    ("Ukrainians", D2024, (None, "UKR", "CVL", "group")),
    # corpus/ukraine-war-2022-2024
    ("German Chancellor Olaf Scholz", date(2022, 1, 25), ("Olaf Scholz", "DEU", "GOV", "person")),
    ("his Russian counterpart Vladimir Putin", date(2022, 1, 25), ("Vladimir Putin", "RUS", None, "person")),
    ("US President Joe Biden", date(2022, 1, 25), ("Joe Biden", "USA", "GOV", "person")),
    ("Mr Biden", date(2022, 1, 25), ("Joe Biden", "USA", "GOV", "person")),
    ("the French president", date(2022, 1, 25), (None, "FRA", "GOV", "person")),
    ("Nato", date(2022, 1, 25), ("NATO", "NATO", None, "organization")),
    ("the EU", date(2022, 1, 25), ("European Union", "EU", None, "organization")),
    ("the OSCE", date(2022, 1, 25), (None, "OSCE", None, "organization")),
    ("Russian troops", D2024, (None, "RUS", "MIL", "group")),
    ("the Russian army", D2024, (None, "RUS", "MIL", None)),
    ("US officials", D2024, (None, "USA", "GOV", "group")),
    ("the Ukrainian government", D2024, (None, "UKR", "GOV", "state")),
    ("Kremlin spokesman Dmitry Peskov", D2024, ("Dmitry Peskov", "RUS", "GOV", "person")),
    ("the Kremlin", D2024, (None, "RUS", "GOV", "state")),
    ("Ukraine's President Volodymyr Zelenskyy", D2024, ("Volodymyr Zelenskyy", "UKR", "GOV", "person")),
    ("President Zelensky", D2024, ("Volodymyr Zelenskyy", "UKR", "GOV", "person")),
    ("Belarusian President Alexander Lukashenko", D2024, ("Alexander Lukashenko", "BLR", "GOV", "person")),
    ("Russian-backed separatists", date(2022, 2, 20), (None, "RUS", "REB", "group")),
    ("NATO Secretary General Jens Stoltenberg", D2024, ("Jens Stoltenberg", "NATO", "GOV", "person")),
    ("the Pentagon", D2024, (None, "USA", "MIL", "state")),
    ("Downing Street", D2024, (None, "GBR", "GOV", "state")),
    ("UK Prime Minister Boris Johnson", date(2022, 2, 1), ("Boris Johnson", "GBR", "GOV", "person")),
    ("the Elysee", D2024, (None, "FRA", "GOV", "state")),
    ("the Élysée", D2024, (None, "FRA", "GOV", "state")),
    ("Lithuanian Foreign Minister Gabrielius Landsbergis", D2024, ("Gabrielius Landsbergis", "LTU", "GOV", "person")),
    ("Wagner", date(2023, 6, 24), ("Wagner Group", "RUS", "MIL", "group")),
    # corpus/guardian-2017-2019
    ("the Syrian regime", date(2018, 1, 1), (None, "SYR", "GOV", None)),
    ("Turkish forces", date(2019, 10, 10), (None, "TUR", "MIL", "group")),
    ("the Turkish president, Recep Tayyip Erdoğan", date(2019, 10, 10), ("Recep Tayyip Erdogan", "TUR", "GOV", "person")),
    ("Islamic State", date(2018, 1, 1), ("Islamic State", "ISIS", "REB", "group")),
    ("Isis", date(2018, 1, 1), ("Islamic State", "ISIS", "REB", "group")),
    ("the Kurdish-led Syrian Democratic Forces", date(2018, 1, 1), (None, "SYR", "REB", "group")),
    ("Bashar al-Assad", date(2018, 1, 1), (None, "SYR", "GOV", "person")),
    ("Donald Trump", date(2018, 1, 1), ("Donald Trump", "USA", "GOV", "person")),
    ("Syrian rebels", date(2018, 1, 1), (None, "SYR", "REB", "group")),
    ("Hezbollah", date(2018, 1, 1), ("Hezbollah", "LBN", "REB", "group")),
    ("the Taliban", date(2018, 1, 1), ("Taliban", "AFG", "REB", "group")),
    # corpus/kremlin-zelenskyy-2021-2022 and bbc-2004-2005
    ("the Verkhovna Rada", date(2021, 6, 1), (None, "UKR", "LEG", "state")),
    ("the State Duma", date(2021, 6, 1), (None, "RUS", "LEG", "state")),
    ("Türkiye", D2024, (None, "TUR", None, "state")),
    ("Turkey", D2024, (None, "TUR", None, "state")),
    ("the Netherlands", D2024, (None, "NLD", None, "state")),
    ("Holland", D2024, (None, "NLD", None, "state")),
    ("U.S.", D2024, (None, "USA", None, "state")),
    ("US", D2024, (None, "USA", None, "state")),
    ("America", D2024, (None, "USA", None, "state")),
    ("Britain", D2024, (None, "GBR", None, "state")),
    ("South Korea", D2024, (None, "KOR", None, "state")),
    ("North Korea", D2024, (None, "PRK", None, "state")),
    ("Moldova", D2024, (None, "MDA", None, "state")),
    ("Czechia", D2024, (None, "CZE", None, "state")),
    ("Prime Minister Tony Blair", date(2005, 3, 1), ("Tony Blair", "GBR", "GOV", "person")),
    ("the UN Security Council", D2024, (None, "UN", None, "organization")),
    ("the IAEA", D2024, (None, "IAEA", None, "organization")),
    ("Amnesty International", D2024, (None, "AMN", None, "organization")),
]


@pytest.mark.parametrize("text,on,want", CASES, ids=[c[0] for c in CASES])
def test_resolve(r, text, on, want):
    name, country, sector, kind = want
    p = r.resolve(text, on=on)
    assert p is not None, text
    assert p.text == text
    assert p.country == country
    if name is not None:
        assert p.name == name
    if sector is not None:
        assert p.sector == sector
    if kind is not None:
        assert p.kind == kind
    assert p.source and p.source.startswith("actors:")


NEGATIVES = ["Rubryka", "He", "he", "us", "it", "who", "they", "turkey", "chad", "the idea", "the Toronto Star",
             "", "   ", "the security agreement", "ten years"]


@pytest.mark.parametrize("text", NEGATIVES)
def test_unknown_mentions(r, text):
    assert r.resolve(text) is None


@pytest.mark.parametrize("on,name,country,sector", [
    (date(2024, 3, 1), "Bill Blair", "CAN", "GOV"),  # the surname picks whoever is in office on the date
    (date(2001, 6, 1), "Tony Blair", "GBR", "GOV"),
])
def test_dated_surname(r, on, name, country, sector):
    p = r.resolve("Blair", on=on)
    assert (p.name, p.country, p.sector, p.kind) == (name, country, sector, "person")


def test_dated_roles(r):
    assert r.resolve("Vladimir Putin").sector == "GOV"  # latest role when no date
    assert r.resolve("Vladimir Putin", on=date(2020, 1, 1)).country == "RUS"
    assert r.resolve("Vladimir Putin", on=date(1995, 1, 1)).sector == "ELI"  # before 1999: elite, not government
    stolt = r.resolve("Jens Stoltenberg", on=date(2010, 1, 1))
    assert (stolt.country, stolt.sector) == ("NOR", "GOV")
    assert r.resolve("Jens Stoltenberg", on=date(2020, 1, 1)).country == "NATO"
    assert r.resolve("Valerii Zaluzhnyi", on=date(2023, 1, 1)).sector == "MIL"


@pytest.mark.parametrize("noun,sector", [
    ("president", "GOV"), ("prime minister", "GOV"), ("foreign minister", "GOV"), ("defence minister", "GOV"),
    ("ambassador", "GOV"), ("spokesperson", "GOV"), ("soldier", "MIL"), ("troops", "MIL"), ("serviceman", "MIL"),
    ("armed forces", "MIL"), ("navy", "MIL"), ("lawmaker", "LEG"), ("parliament", "LEG"), ("Duma", "LEG"),
    ("judge", "JUD"), ("prosecutor", "JUD"), ("police", "COP"), ("opposition", "OPP"), ("rebel", "REB"),
    ("separatists", "REB"), ("company", "BUS"), ("journalist", "MED"), ("civilian", "CVL"), ("refugees", "CVL"),
    ("protester", "CVL"), ("children", "CVL"),
])
def test_sector_of(r, noun, sector):
    assert r.sector_of(noun) == sector


def test_sector_of_unknown(r):
    assert r.sector_of("idea") is None


@pytest.mark.parametrize("word,code", [
    ("Canada", "CAN"), ("Canadian", "CAN"), ("Canadians", "CAN"), ("French", "FRA"), ("Czech", "CZE"),
    ("Ukrainian", "UKR"), ("Ukrainians", "UKR"), ("Ottawa", "CAN"), ("Kyiv", "UKR"), ("Kremlin", "RUS"),
    ("White House", "USA"), ("Quai d'Orsay", "FRA"), ("Foggy Bottom", "USA"), ("Bankova", "UKR"),
    ("US", "USA"), ("U.S.", "USA"), ("UK", "GBR"), ("NATO", "NATO"), ("Élysée", "FRA"), ("Elysee", "FRA"),
    ("us", None), ("Rubryka", None), ("turkey", None),
])
def test_country_of(r, word, code):
    assert r.country_of(word) == code


def test_is_known_person(r):
    assert r.is_known_person("Vladimir Putin")
    assert r.is_known_person("Zelensky")
    assert r.is_known_person("Mr Putin")
    assert not r.is_known_person("Rubryka")
    assert not r.is_known_person("putin")  # proper names only when capitalised


def test_default_is_cached():
    assert ActorResolver.default() is ActorResolver.default()


def test_speed(r):
    texts = [c[0] for c in CASES]
    t0 = time.perf_counter()
    for _ in range(20):
        for t in texts:
            r.resolve(t, on=D2024)
    per_call = (time.perf_counter() - t0) / (20 * len(texts))
    assert per_call < 0.001


# ---------------------------------------------------------------- data integrity
@pytest.mark.slow
def test_every_file_validates():
    data = load_actor_data()
    codes = {c.code for c in data.countries}
    assert len(codes) >= 193 and {"USA", "RUS", "UKR", "CAN", "FRA", "XKX", "PSE"} <= codes
    assert all(c.capitals for c in data.countries if c.code in {"USA", "RUS", "UKR", "CAN", "FRA", "DEU"})
    assert sum(1 for c in data.countries if c.demonyms) >= 190
    assert len(data.organizations) >= 60 and len(data.people) >= 1000 and len(data.sectors.nouns) >= 500


def test_files_are_small():
    import os
    base = resources.files("tacitus").joinpath("data/actors")
    for name in FILES:
        assert os.path.getsize(str(base.joinpath(name))) < 5_000_000


def _copy_data(tmp_path):
    base = resources.files("tacitus").joinpath("data/actors")
    for name in FILES:
        shutil.copy(str(base.joinpath(name)), tmp_path / name)
    return tmp_path


def test_bad_row_names_file_and_line(tmp_path):
    d = _copy_data(tmp_path)
    with open(d / "countries.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"code": "canada", "name": "Canada"}) + "\n")
    n = sum(1 for _ in open(d / "countries.jsonl", encoding="utf-8"))
    with pytest.raises(DataFileError) as ei:
        load_actor_data(d)
    assert f"countries.jsonl:{n}" in str(ei.value) and ei.value.code == "E210"


def test_bad_role_dates(tmp_path):
    d = _copy_data(tmp_path)
    bad = {"name": "X Y", "aliases": [], "roles": [{"country": "CAN", "sector": "GOV", "start": "2020-01-01",
                                                    "end": "2019-01-01"}]}
    (d / "people.jsonl").write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"people.jsonl:1"):
        load_actor_data(d)


def test_bad_json_and_bad_sector(tmp_path):
    d = _copy_data(tmp_path)
    (d / "organizations.jsonl").write_text('{"code": "NATO", "name": "NATO"}\n{not json\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"organizations.jsonl:2"):
        load_actor_data(d)
    _copy_data(tmp_path)
    (d / "sectors.yaml").write_text("version: x\nnouns:\n  soldier:\n    sector: military\n    kind: group\n",
                                    encoding="utf-8")
    with pytest.raises(DataFileError, match=r"sectors.yaml:3"):
        load_actor_data(d)


@pytest.mark.slow
def test_resolver_from_directory(tmp_path):
    d = _copy_data(tmp_path)
    r2 = ActorResolver.from_directory(d)
    assert r2.resolve("Canada").country == "CAN"
