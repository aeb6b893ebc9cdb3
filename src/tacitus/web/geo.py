"""The map: country shapes from the bundled world-atlas TopoJSON, drawn as SVG on the server.

Projection: plate carrée with longitudes scaled by cos 48° (the latitude of the news this tool
was built on, Europe and Ukraine), so shapes there keep their proportions; the view zooms to
the events' places.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

ATLAS = Path(__file__).resolve().parent / "static" / "vendor" / "countries-110m.json"
KX = math.cos(math.radians(48))
SHADES = ((50, "#08519c"), (10, "#3182bd"), (3, "#6baed6"), (1, "#bdd7e7"))  # events placed in a country


def project(lon: float, lat: float) -> tuple[float, float]:
    return lon * KX, -lat


@lru_cache(maxsize=1)
def countries() -> tuple[tuple[str | None, str, str, tuple[float, float, float, float]], ...]:
    """(ISO alpha-3 or None, name, SVG path, bounding box x0 y0 x1 y1), in projected units, for
    every country of the atlas."""
    import pycountry

    topo = json.loads(ATLAS.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:  # delta-encoded integer positions
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append(project(x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(idx: list[int]) -> list[tuple[float, float]]:
        pts: list[tuple[float, float]] = []
        for i in idx:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(a[1:] if pts else a)
        # The atlas is not cut at the antimeridian (Chukotka, Fiji): keep longitudes continuous
        # so a ring never jumps across the whole map; the part past 180° falls outside the view.
        out = pts[:1]
        for x, y in pts[1:]:
            px = out[-1][0]
            while x - px > 180 * KX:
                x -= 360 * KX
            while px - x > 180 * KX:
                x += 360 * KX
            out.append((x, y))
        return out

    out = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        rings = [ring(r) for poly in polys for r in poly]
        d = "".join("M" + "L".join(f"{x:.2f},{y:.2f}" for x, y in r) + "Z" for r in rings)
        xs, ys = [x for r in rings for x, _ in r], [y for r in rings for _, y in r]
        c = pycountry.countries.get(numeric=g["id"]) if g.get("id") else None
        out.append((c.alpha_3 if c else None, g.get("properties", {}).get("name", ""), d,
                    (min(xs), min(ys), max(xs), max(ys))))
    return tuple(out)


def _wmedian(values: list[tuple[float, int]]) -> float:
    """The value at half the total weight."""
    values = sorted(values)
    half, acc = sum(n for _, n in values) / 2, 0
    for v, n in values:
        acc += n
        if acc >= half:
            return v
    return values[-1][0]


def _view(points: list[tuple[tuple[float, float], int]], world: bool) -> tuple[float, float, float, float]:
    """x, y, width, height around the places holding most events (padded, at least 24° wide,
    16:10), or the whole world."""
    if world or not points:
        x0, x1, y0, y1 = -180 * KX, 180 * KX, -84.0, 60.0
    else:
        # Fit the places nearest the weighted median that hold 80 % of the events: one event in
        # Canberra should not shrink a map of a European war to the whole globe.
        cx, cy = _wmedian([(xy[0], n) for xy, n in points]), _wmedian([(xy[1], n) for xy, n in points])
        total = sum(n for _, n in points)
        kept, acc = [], 0
        for xy, n in sorted(points, key=lambda t: math.hypot(t[0][0] - cx, t[0][1] - cy)):
            if acc >= 0.8 * total:
                break
            kept.append(xy)
            acc += n
        xs, ys = [p[0] for p in kept], [p[1] for p in kept]
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        w = max(max(xs) - min(xs), (max(ys) - min(ys)) * 1.6, 24 * KX) * 1.3
        h = w / 1.6
        x0, x1, y0, y1 = cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2
    return x0, y0, x1 - x0, y1 - y0


def map_svg(data: dict[str, Any], link, world: bool = False) -> Markup:
    """The map of `browse.places` data; `link(place)` gives the URL of a place's events."""
    pts = [(p, project(p["lon"], p["lat"])) for p in data["places"] if p["lat"] is not None and p["lon"] is not None]
    x, y, w, h = _view([(xy, p["events"]) for p, xy in pts], world)
    per = data["countries"]
    out = [f'<svg class="map" viewBox="{x:.2f} {y:.2f} {w:.2f} {h:.2f}" role="img" '
           f'aria-labelledby="map-title map-desc" preserveAspectRatio="xMidYMid meet">',
           '<title id="map-title">Events by place</title>',
           f'<desc id="map-desc">{len(pts)} places; countries shaded by events placed in them; '
           f'the table below lists every place.</desc>',
           f'<rect class="sea" x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}"/><g class="countries">']
    for code, name, d, (bx0, by0, bx1, by1) in countries():
        if bx1 < x or bx0 > x + w or by1 < y or by0 > y + h:
            continue  # outside the view: not worth sending
        n = per.get(code or "", 0)
        fill = next((c for lim, c in SHADES if n >= lim), "#eeeeee")
        out.append(f'<path d="{d}" fill="{fill}" data-country="{escape(code or "")}">'
                   f'<title>{escape(name)}{f": {n} events" if n else ""}</title></path>')
    out.append('</g><g class="places">')
    r0 = w / 260
    for p, (px, py) in sorted(pts, key=lambda t: -t[0]["events"]):
        r = r0 * (1 + math.sqrt(p["events"]))
        label = f'{p["name"]} ({p["country"]}): {p["events"]} event{"s" if p["events"] != 1 else ""}'
        out.append(f'<a href="{escape(link(p))}" aria-label="{escape(label)}">'
                   f'<circle cx="{px:.2f}" cy="{py:.2f}" r="{r:.2f}" '
                   f'data-place="{escape(p["name"] or "")}"><title>{escape(label)}</title></circle></a>')
    out.append("</g></svg>")
    return Markup("".join(out))
