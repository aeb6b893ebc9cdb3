"""Charts drawn on the server as SVG: the timeline and the stance grid's layout.

No charting library: the data is small (a few hundred bars), SVG written here is readable
without JavaScript, carries its own <title> tooltips and links, and tests can read it.
"""
from __future__ import annotations

from collections import OrderedDict
from datetime import date
from typing import Any

from markupsafe import Markup, escape

from ..models import PLOVER_TYPES

# One colour per PLOVER type: cooperation in blues and greens, conflict in oranges and reds.
TYPE_COLOURS = dict(zip(PLOVER_TYPES, (
    "#4e79a7", "#76b7b2", "#59a14f", "#8cd17d", "#2f6f6a", "#3b8bc2", "#b6992d", "#e9c46a",
    "#ff9d9a", "#c44e52", "#f28e2b", "#ffbe7d", "#d37295", "#b07aa1", "#8c564b", "#a50f15",
), strict=True))
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_label(ym: str) -> str:
    """'2024-02' -> 'Feb 2024'."""
    y, m = ym.split("-")[:2]
    return f"{MONTHS[int(m) - 1]} {y}"


def timeline_svg(tl: dict[str, Any], width: int = 960, height: int = 300) -> Markup:
    """Stacked bars of events per type per bucket, with the mean Goldstein score as a line."""
    buckets = tl["buckets"]
    if not buckets:
        return Markup('<p class="empty">No dated events match.</p>')
    left, right, top, bottom = 44, 44, 12, 40
    pw, ph = width - left - right, height - top - bottom
    ymax = max(b["n"] for b in buckets) or 1
    bw = pw / len(buckets)
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="tl-title tl-desc">',
           '<title id="tl-title">Events per type and mean Goldstein score</title>',
           f'<desc id="tl-desc">{len(buckets)} {escape(tl["bucket"])}s from {buckets[0]["start"]} to '
           f'{buckets[-1]["start"]}, at most {ymax} events in one {escape(tl["bucket"])}; the data table below '
           f'has every value.</desc>']
    for frac in (0, 0.5, 1):
        y = top + ph - frac * ph
        out.append(f'<line class="grid" x1="{left}" x2="{left + pw}" y1="{y:.1f}" y2="{y:.1f}"/>'
                   f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{round(frac * ymax)}</text>')
    for gv in (-10, 0, 10):
        y = top + ph / 2 - gv / 10 * ph / 2
        out.append(f'<text class="axis gold" x="{left + pw + 6}" y="{y + 4:.1f}">{gv:+d}</text>')
    step = max(1, round(len(buckets) / 12))
    for i, b in enumerate(buckets):
        x = left + i * bw
        y = top + ph
        for t, n in b["counts"].items():
            h = n / ymax * ph
            y -= h
            out.append(f'<rect x="{x:.2f}" y="{y:.2f}" width="{max(bw - 1, 0.8):.2f}" height="{h:.2f}" '
                       f'fill="{TYPE_COLOURS.get(t, "#999")}" data-type="{t}">'
                       f'<title>{b["start"]}: {n} {t}</title></rect>')
        if i % step == 0:
            out.append(f'<text class="axis" x="{x:.1f}" y="{top + ph + 16}">{b["start"][:7]}</text>')
    pts = [(left + (i + 0.5) * bw, top + ph / 2 - b["goldstein_mean"] / 10 * ph / 2)
           for i, b in enumerate(buckets) if b["goldstein_mean"] is not None]
    if pts:
        out.append('<polyline class="goldstein" points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y in pts) + '"/>')
    out.append(f'<text class="axis" x="{left}" y="{height - 4}">events per {escape(tl["bucket"])} (bars) · '
               f'mean Goldstein −10..+10 (line, right axis)</text></svg>')
    return Markup("".join(out))


def stance_grid(res: dict[str, Any]) -> dict[str, Any]:
    """Actors × months of a stance result: each cell the statements of that actor in that month,
    coloured by the latest one's modality."""
    months = sorted({(s["date"] or "")[:7] for a in res["actors"] for s in a["statements"] if s["date"]})
    rows = []
    for a in res["actors"]:
        cells: OrderedDict[str, list[dict[str, Any]]] = OrderedDict((m, []) for m in months)
        for s in a["statements"]:
            if s["date"]:
                cells[s["date"][:7]].append(s)
        rows.append({"actor": a, "cells": [(m, st, st[-1]["modality"] if st else None) for m, st in cells.items()]})
    return {"months": months, "rows": rows}


def statements_for(res: dict[str, Any], actor: str | None, month: str | None) -> list[dict[str, Any]]:
    """The statements of one actor and/or one month ('YYYY-MM'), each with its actor's code and name."""
    out = []
    for a in res["actors"]:
        if actor and a["actor"] != actor:
            continue
        for s in a["statements"]:
            if month and (s["date"] or "")[:7] != month:
                continue
            out.append({**s, "actor": a["actor"], "actor_name": a["name"]})
    order = {"negated": 0, "possible": 1, "planned": 2, "asserted": 3, "hypothetical": 4}
    out.sort(key=lambda s: (order.get(s["modality"], 9), s["actor"], s["date"] or ""))
    return out


def iso_month(value: str | None) -> str | None:
    """'2024-02' if `value` is a valid year-month, else None."""
    if not value or len(value) != 7:
        return None
    try:
        date.fromisoformat(value + "-01")
    except ValueError:
        return None
    return value
