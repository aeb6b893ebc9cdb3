"""HTML pieces the pages share: the article with its evidence marked, and short labels."""
from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from ..store.stance import STANCE_LABEL

MODALITY_GLYPH = {"asserted": "✓", "planned": "→", "possible": "?", "negated": "✕", "hypothetical": "if"}


def _esc(s: str) -> Markup:
    # A literal CR would be turned into LF by the HTML parser and shift every later offset.
    return Markup(str(escape(s)).replace("\r", "&#13;"))


def _find_near(sentence: str, needle: str | None, anchor: int) -> tuple[int, int] | None:
    """The occurrence of `needle` in `sentence` nearest to offset `anchor` (case-insensitive)."""
    if not needle or len(needle) < 2:
        return None
    low, n = sentence.lower(), needle.lower()
    best, i = None, low.find(n)
    while i >= 0:
        if best is None or abs(i - anchor) < abs(best - anchor):
            best = i
        i = low.find(n, i + 1)
    return None if best is None else (best, best + len(needle))


def marked_text(text: str, ev: dict[str, Any] | None) -> Markup:
    """The document text, escaped, with the event's evidence sentence in <mark id="evidence">
    and its trigger, actor and target marked inside it.

    Offsets come from the event (`evidence.start/end`, `trigger_start/end`); actor and target
    are marked where their text occurs in the evidence sentence (the store keeps their text,
    not their offsets), nearest to the trigger. The text keeps every character, so offsets into
    the page's text equal offsets into the document."""
    if not ev:
        return _esc(text)
    evd = ev["evidence"]
    s, e = int(evd["start"]), int(evd["end"])
    if not (0 <= s < e <= len(text)):
        return _esc(text)
    sent = text[s:e]
    spans: list[tuple[int, int, str, str]] = []
    ts, te = evd.get("trigger_start"), evd.get("trigger_end")
    if ts is not None and te is not None and s <= ts < te <= e:
        spans.append((ts - s, te - s, "trigger", "trigger"))
    anchor = (ts - s) if ts is not None else 0
    for role in ("actor", "target"):
        p = ev.get(role) or {}
        hit = _find_near(sent, p.get("text"), anchor) or _find_near(sent, p.get("name"), anchor)
        if hit and not any(a < hit[1] and hit[0] < b for a, b, _, _ in spans):
            spans.append((hit[0], hit[1], role, f"{role}: {p.get('name') or p.get('text')}"))
    spans.sort()
    inner, pos = [], 0
    for a, b, cls, title in spans:
        inner.append(_esc(sent[pos:a]))
        inner.append(Markup('<span class="{}" data-role="{}" title="{}">{}</span>').format(
            cls, cls, title, _esc(sent[a:b])))
        pos = b
    inner.append(_esc(sent[pos:]))
    return Markup('{}<mark id="evidence" class="evidence" data-start="{}" data-end="{}">{}</mark>{}').format(
        _esc(text[:s]), s, e, Markup("").join(inner), _esc(text[e:]))


def party(p: dict[str, Any] | None) -> str:
    """'Canada [CAN/MIL]' or '-'."""
    if not p:
        return "–"
    code = "/".join(x for x in (p.get("country"), p.get("sector")) if x)
    name = p.get("name") or p.get("text") or ""
    return f"{name} [{code}]" if code else name


def when(t: dict[str, Any] | None) -> str:
    """'2024-02-24..2024-02-25 (day, relative: "last weekend")' from a time object."""
    if not t:
        return "–"
    span = t["start"] if t["start"] == t["end"] else f"{t['start']}..{t['end']}"
    bits = [t.get("precision") or "", t.get("anchor") or ""]
    if t.get("anchor") == "published":
        bits[-1] = "publication date (no time in the text)"
    out = f"{span} ({', '.join(b for b in bits if b)}"
    return out + (f': "{t["text"]}")' if t.get("text") else ")")


def money(q: dict[str, Any]) -> str:
    """'60M CAD ≈ $44.3M' / '200 armored vehicles'."""
    v = q["value"]
    vs = f"{v / 1e9:g}B" if v >= 1e9 else f"{v / 1e6:g}M" if v >= 1e6 else f"{v:g}"
    s = f"{'~' if q.get('approximate') else ''}{vs} {q['unit']}"
    if q.get("kind") == "money" and q.get("usd") is not None and q["unit"] != "USD":
        u = q["usd"]
        s += f" ≈ ${u / 1e9:.2f}B" if u >= 1e9 else f" ≈ ${u / 1e6:.1f}M" if u >= 1e6 else f" ≈ ${u:,.0f}"
    return s


def stance_label(modality: str) -> str:
    return STANCE_LABEL.get(modality, modality)
