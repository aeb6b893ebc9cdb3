"""Offline gazetteer: real place names from news, aliases, ambiguity, regions, negatives."""
from __future__ import annotations

import time

import pytest

from tacitus.models import Location
from tacitus.normalize.places import Gazetteer, place_key, resolve_place


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


@pytest.mark.parametrize("name, canonical, country, feature", [
    ("Paris", "Paris", "FRA", "city"),
    ("Kyiv", "Kyiv", "UKR", "city"),
    ("Kiev", "Kyiv", "UKR", "city"),
    ("Kharkiv", "Kharkiv", "UKR", "city"),
    ("Kharkov", "Kharkiv", "UKR", "city"),
    ("Odesa", "Odesa", "UKR", "city"),
    ("Odessa", "Odesa", "UKR", "city"),
    ("Mariupol", "Mariupol", "UKR", "city"),
    ("Bakhmut", "Bakhmut", "UKR", "city"),
    ("Artemivsk", "Bakhmut", "UKR", "city"),
    ("Avdiivka", "Avdiivka", "UKR", "city"),
    ("Pokrovsk", "Pokrovsk", "UKR", "city"),
    ("Donetsk", "Donetsk", "UKR", "city"),
    ("Aleppo", "Aleppo", "SYR", "city"),
    ("Raqqa", "Raqqa", "SYR", "city"),
    ("Mosul", "Mosul", "IRQ", "city"),
    ("Idlib", "Idlib", "SYR", "city"),
    ("Washington", "Washington", "USA", "city"),
    ("Moscow", "Moscow", "RUS", "city"),
    ("Warsaw", "Warsaw", "POL", "city"),
    ("Brussels", "Brussels", "BEL", "city"),
    ("Ottawa", "Ottawa", "CAN", "city"),
    ("Toronto", "Toronto", "CAN", "city"),
    ("Tripoli", "Tripoli", "LBY", "city"),
    ("Crimea", "Crimea", "UKR", "region"),
    ("Donbas", "Donbas", "UKR", "region"),
    ("Donbass", "Donbas", "UKR", "region"),
    ("Donetsk region", "Donetsk region", "UKR", "region"),
    ("Zaporizhzhia Oblast", "Zaporizhzhia region", "UKR", "region"),
    ("Gaza", "Gaza Strip", "PSE", "region"),
    ("the Gaza Strip", "Gaza Strip", "PSE", "region"),
    ("West Bank", "West Bank", "PSE", "region"),
    ("Golan Heights", "Golan Heights", "SYR", "region"),
    ("Idlib province", "Idlib province", "SYR", "region"),
    ("Tigray", "Tigray", "ETH", "region"),
    ("Darfur", "Darfur", "SDN", "region"),
    ("Nagorno-Karabakh", "Nagorno-Karabakh", "AZE", "region"),
    ("Nagorno Karabakh", "Nagorno-Karabakh", "AZE", "region"),
    ("Transnistria", "Transnistria", "MDA", "region"),
    ("Sinai", "Sinai", "EGY", "region"),
    ("Kurdistan Region", "Kurdistan Region", "IRQ", "region"),
    ("Texas", "Texas", "USA", "region"),
    ("Ukraine", "Ukraine", "UKR", "country"),
    ("Russia", "Russia", "RUS", "country"),
    ("Georgia", "Georgia", "GEO", "country"),
    ("United States", "United States", "USA", "country"),
    ("U.S.", "United States", "USA", "country"),
    ("US", "United States", "USA", "country"),
    ("Britain", "United Kingdom", "GBR", "country"),
    ("Kosovo", "Kosovo", "XKX", "country"),
    ("Syria", "Syria", "SYR", "country"),
])
def test_resolves_news_places(gaz, name, canonical, country, feature):
    loc = gaz.resolve(name)
    assert isinstance(loc, Location)
    assert (loc.name, loc.country, loc.feature) == (canonical, country, feature)
    assert loc.text == name
    assert loc.lat is not None and loc.lon is not None
    assert -90 <= loc.lat <= 90 and -180 <= loc.lon <= 180


@pytest.mark.parametrize("name", ["NATO", "Monday", "Leopard", "us", "the", "", "   ", "March",
                                  "President", "Himars"])
def test_negatives(gaz, name):
    assert gaz.resolve(name) is None


@pytest.mark.parametrize("name", ["KYIV", "kyiv", "Kyïv", "Kyiv’s", "Kyiv's", " Kyiv ", "Kyiv,"])
def test_case_accents_and_punctuation(gaz, name):
    loc = gaz.resolve(name)
    assert loc is not None and loc.name == "Kyiv" and loc.country == "UKR"


def test_country_hint_breaks_ties(gaz):
    assert gaz.resolve("Paris").country == "FRA"
    assert gaz.resolve("Paris", country_hint="USA").country == "USA"
    assert gaz.resolve("Paris", country_hint="US").country == "USA"  # ISO2 hint
    assert gaz.resolve("Paris", country_hint="United States").country == "USA"  # name hint
    assert gaz.resolve("Odessa", country_hint="USA").name == "Odessa"
    assert gaz.resolve("Georgia", country_hint="USA").feature == "region"
    assert gaz.resolve("Donetsk", country_hint="RUS").country == "RUS"
    # A hint that matches nothing does not lose the place.
    assert gaz.resolve("Kyiv", country_hint="FRA").country == "UKR"


def test_largest_population_wins_without_hint(gaz):
    paris = gaz.resolve("Paris")
    assert abs(paris.lat - 48.85) < 0.1 and abs(paris.lon - 2.35) < 0.1
    assert gaz.resolve("Moscow").country == "RUS"  # not Moscow, Idaho


def test_country_point_is_inside_the_country(gaz):
    ua = gaz.resolve("Ukraine")
    assert 44 < ua.lat < 53 and 22 < ua.lon < 41
    us = gaz.resolve("United States")
    assert 25 < us.lat < 50 and -125 < us.lon < -66


def test_candidates_lists_alternatives(gaz):
    countries = {c.country for c in gaz.candidates("Paris")}
    assert {"FRA", "USA"} <= countries
    assert gaz.candidates("Paris")[0].country == "FRA"


def test_default_is_cached_and_lookup_fast(gaz):
    assert Gazetteer.default() is gaz
    t = time.perf_counter()
    for _ in range(2000):
        gaz.resolve("Kharkiv")
    assert (time.perf_counter() - t) / 2000 < 0.001


def test_module_helper_and_key():
    assert resolve_place("Kiev").name == "Kyiv"
    assert place_key("the Gaza–Strip") == "gaza strip"
    assert place_key("Nagorno-Karabakh") == place_key("nagorno karabakh")


@pytest.mark.slow
def test_build_script_output_is_current():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    script = root / "scripts" / "build_places.py"
    r = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
