"""Time expressions in news: find them in a sentence and resolve them against the publication date."""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from typing import Sequence

from ..errors import SettingsError
from ..models import TimeSpan

__all__ = ["TimeResolver", "find_time_expressions", "published_span"]

# Conventions (documented choices where news text is ambiguous):
# - a date without a year is its most recent occurrence on or before publication, or the next
#   one on or after it with future=True; a month alone likewise (the current month counts);
# - a bare weekday is the last one strictly before publication (the next with future=True),
#   and the publication day itself when it falls on that weekday;
# - "this weekend" is the current or coming Sat-Sun, except in a Monday paper (past events):
#   then the weekend just over; "last weekend" is always the weekend of the previous ISO week;
# - early/mid/late (start/middle/end of) cut a unit into thirds and report the next finer
#   precision: days 1-10/11-20/21-end of a month are "week", Jan-Apr/May-Aug/Sep-Dec "month";
# - "N weeks/months/years ago" and "in N ..." give the calendar unit holding the shifted date;
# - "now" is the publication day with anchor "relative" (the article's present); "recently",
#   "the week", "the next day" are None: they follow the story, not the publication date;
# - "the end of the year/month/week" without this/last/next means the current one;
# - dd/mm/yyyy is read day-first unless that is impossible (international wire style);
# - "winter 2022" is Dec 2022 - Feb 2023; seasons are northern-hemisphere, meteorological.
_R = tuple[date, date, str, str]  # start, end, precision, anchor

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_MONTH = {m: i + 1 for i, m in enumerate(_MONTH_NAMES)} | {m[:3]: i + 1 for i, m in enumerate(_MONTH_NAMES)}
_MONTH["sept"] = 9
_WEEKDAY = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday",
                                        "saturday", "sunday"))}
_UNITS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
         "sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NUMBER = {w: i + 1 for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_NUMBER |= {f"{t} {u}": _NUMBER[t] + _NUMBER[u] for t in _TENS for u in _UNITS[:9]}
_NUMBER |= {"a": 1, "an": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12}
_VAGUE = {"a few": (2, 4), "few": (2, 4), "several": (3, 7)}  # vague counts become a range
_REL = {"last": -1, "this": 0, "next": 1, "this past": -1, "this coming": 1, "past": -1, "coming": 1}
_THIRD = {"early": 0, "start of": 0, "beginning of": 0, "mid": 1, "middle of": 1, "late": 2, "end of": 2}

# Regex pieces for normalised (lower-case, no periods or commas) text.
_NUM = (rf"(?:\d+|(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS[:9])}))?|{'|'.join(_UNITS)}"
        r"|a couple of|a couple|couple of|a dozen|a few|few|several|an|a)")
_UNIT = r"(?:hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?)"
_HEDGE = (r"(?:just|only|nearly|almost|about|around|some|over|more than|less than|roughly|approximately"
          r"|barely)")
_MON = rf"(?:{'|'.join(sorted(_MONTH, key=len, reverse=True))})"
_WD = rf"(?:{'|'.join(_WEEKDAY)})"
_YEAR = r"(?:1[0-9]\d\d|2[01]\d\d)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_PART = r"(?:early|mid|late|(?:the )?(?:end|start|beginning|middle) of)"
_YREL = r"(?:last|this|next) year"
_SEASON = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month

_C = re.compile
_P_SINCE = _C(r"(?:ever )?since (?P<x>.+)")
_P_AHEAD = _C(rf"(?P<kind>in|within) (?:{_HEDGE} )?(?P<n>{_NUM}) (?P<u>{_UNIT})'?(?: time)?|"
              rf"(?P<n2>{_NUM}) (?P<u2>{_UNIT}) from now")
_P_PREFIX = _C(rf"(?:on|in|at|during|by|of|from|circa|sometime in|sometime|back in|"
               rf"as (?:early|recently|late) as|(?:earlier|later|early|late) on|"
               rf"the (?:night|morning|evening|afternoon|day) of|{_HEDGE}) ")
_P_CLOCK = _C(r"(?:(?:at|from|since) )?(?:\d{1,2}(?::\d\d)? ?(?:am|pm)|noon|midday|midnight|dawn|dusk)"
              r"(?: (?:local time|gmt|utc|bst|cet|et|kyiv time|moscow time))?")
_P_TOD = _C(r"(?P<x>.+?) (?:morning|afternoon|evening|night)")
_P_ISO = _C(r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:t[\d:z+-]*)?")
_P_NUMERIC = _C(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})|(?P<y2>\d{4})/(?P<m2>\d{1,2})/(?P<d2>\d{1,2})")
_YSUF = rf"(?: (?:of )?(?P<y>{_YEAR})| (?P<yrel>{_YREL}))?"
_P_DAY_MONTH = _C(rf"(?:{_WD} )?(?:the )?(?P<d>{_DAY})(?:-(?P<d2>{_DAY}))? (?:of )?(?P<m>{_MON}){_YSUF}")
_P_MONTH_DAY = _C(rf"(?:{_WD} )?(?P<m>{_MON}) (?:the )?(?P<d>{_DAY})(?:-(?P<d2>{_DAY}))?{_YSUF}")
_P_NTH = _C(r"the (?P<d>[0-3]?\d)(?:st|nd|rd|th)")
_P_RELDAY = _C(r"(?:earlier |later )?(?P<w>today|tonight|now|right now|just now|yesterday|tomorrow|overnight)"
               r"|this (?:morning|afternoon|evening)|last night|the day (?P<w2>before yesterday|after tomorrow)")
_P_WEEKDAY = _C(rf"(?:(?P<rel>last|this|next|this past|this coming|past|coming) )?(?P<wd>{_WD})"
                rf"(?: (?:of )?(?P<wk>last|this|next) week)?")
_P_AGO = _C(rf"(?:{_HEDGE} )?(?P<n>{_NUM}) (?P<u>{_UNIT}) ago")
_P_WINDOW = _C(rf"the (?P<dir>past|last|coming|next) (?:(?P<n>{_NUM}) )?(?P<u>{_UNIT})|"
               rf"(?P<dir2>past|last|next) (?P<n2>{_NUM}) (?P<u2>{_UNIT})")
_P_RELUNIT = _C(r"(?:(?P<part>earlier|later|early|mid|late|(?:the )?(?:end|start|beginning|middle) of) )?"
                r"(?P<rel>this|last|next|this past|this coming|the) (?P<u>weekend|week|month|year|decade)")
_P_MONTH = _C(rf"(?:(?P<part>{_PART}) )?(?:(?P<rel>last|this|next) )?(?:the month of )?(?P<m>{_MON}){_YSUF}")
_P_YEAR = _C(rf"(?:(?P<part>{_PART}) )?(?:the year )?(?P<y>{_YEAR})")
_P_YEARS = _C(rf"(?:between |from )?(?P<y1>{_YEAR}) ?(?:-|to|and|until|through) ?(?P<y2>{_YEAR}|\d\d)")
_P_DECADE = _C(r"(?:the )?(?:(?P<part>early|mid|late) )?(?P<y>1\d\d0|20\d0)s|"
               r"(?:the (?:(?P<part2>early|mid|late) )?|(?P<part3>early|mid|late) )'?(?P<d>\d0)s")
_P_CENTURY = _C(r"(?:the )?(?:(?P<part>early|mid|late) )?(?P<c>\d{1,2})(?:st|nd|rd|th) century")
_P_SEASON = _C(r"(?:(?P<rel>last|this|next|this past|this coming|the) )?(?:(?P<part>early|mid|late) )?"
               rf"(?P<s>spring|summer|autumn|fall|winter)(?: (?:of )?(?P<y>{_YEAR}))?")


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _unit_span(d: date, precision: str) -> tuple[date, date]:
    """The calendar day, ISO week, month or year holding d."""
    if precision == "week":
        return _monday(d), _monday(d) + timedelta(days=6)
    if precision == "month":
        return d.replace(day=1), _month_end(d.year, d.month)
    if precision == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    return d, d


def _third(start: date, end: date, part: str | None, unit: str) -> tuple[date, date, str]:
    """Narrow [start, end] to its early/mid/late third; precision becomes one step finer."""
    prec = "year" if unit in ("decade", "century") else unit if unit != "season" else "month"
    if part is None:
        return start, end, prec
    k = _THIRD[part.removeprefix("the ")]
    if unit == "month":
        lo, hi = ((1, 10), (11, 20), (21, end.day))[k]
        return start.replace(day=lo), start.replace(day=hi), "week"
    if unit == "week":
        lo, hi = ((0, 2), (1, 3), (4, 6))[k]
        return start + timedelta(days=lo), start + timedelta(days=hi), "week"
    if unit in ("year", "season"):  # month thirds: Jan-Apr/May-Aug/Sep-Dec, or one month of a season
        n = 4 if unit == "year" else 1
        s, e = _add_months(start, k * n), _add_months(start, k * n + n - 1)
        return s, _month_end(e.year, e.month), "month"
    span = end.year - start.year + 1  # decade or century, in years
    y0 = start.year + round(span * k / 3)
    y1 = start.year + round(span * (k + 1) / 3) - 1
    return date(y0, 1, 1), date(max(y0, y1), 12, 31), "year"


def _count(text: str) -> tuple[int, int] | None:
    """A number word or digits as (low, high); vague words give a range."""
    text = text.replace("-", " ")
    if text in _VAGUE:
        return _VAGUE[text]
    n = int(text) if text.isdigit() else _NUMBER.get(text)
    return None if n is None else (n, n)


def _shift(d: date, n: int, unit: str) -> tuple[date, str]:
    """d moved by n units, with the unit's precision."""
    u = unit.rstrip("s")
    if u == "hour":
        return d + timedelta(days=int(n / 24)), "day"
    if u in ("day", "night"):
        return d + timedelta(days=n), "day"
    if u in ("week", "fortnight"):
        return d + timedelta(days=n * (14 if u == "fortnight" else 7)), "week"
    if u == "month":
        return _add_months(d, n), "month"
    return _add_months(d, n * (120 if u == "decade" else 12)), "year"


_COARSER = {"day": "week", "week": "month", "month": "year", "year": "year"}
_DAY_OFFSET = {"yesterday": -1, "last night": -1, "tomorrow": 1, "before yesterday": -2, "after tomorrow": 2}


def _valid_day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


class TimeResolver:
    """Resolves time expressions relative to one article's publication date."""

    def __init__(self, published: date):
        if isinstance(published, datetime):
            published = published.date()
        if not isinstance(published, date):
            raise SettingsError(f"published must be a datetime.date, got {published!r}")
        self.published = published

    def resolve(self, expr: str, *, future: bool = False, start_char: int | None = None,
                end_char: int | None = None) -> TimeSpan | None:
        """The span expr refers to, or None when it is no point or period in time."""
        try:
            r = self._resolve(_normalize(expr), future)
        except (ValueError, OverflowError):  # "3000 years ago" runs off the calendar
            return None
        if r is None:
            return None
        return TimeSpan(expr, r[0], r[1], r[2], r[3], start_char, end_char)

    def _resolve(self, s: str, future: bool) -> _R | None:
        if not s:
            return None
        if m := _P_SINCE.fullmatch(s):
            r = self._resolve(m["x"], False)
            if r is None or r[0] > self.published:
                return None
            return r[0], self.published, r[2], r[3]
        if m := _P_AHEAD.fullmatch(s):  # before prefix stripping: "in two weeks" is not "two weeks"
            return self._ahead(m)
        prev = None
        while prev != s:  # prepositions, hedges and clock times say nothing about the date
            prev = s
            s = _P_CLOCK.sub("", s).strip()
            s = _P_PREFIX.sub("", s, count=1) if _P_PREFIX.match(s) else s
        r = self._core(s, future)
        if r is None and (m := _P_TOD.fullmatch(s)) and m["x"] not in ("this", "last"):
            r = self._resolve(m["x"], future)  # "Monday night", "yesterday morning"
        return r

    def _core(self, s: str, future: bool) -> _R | None:
        """Try each expression shape in turn on the bare expression."""
        pub = self.published
        if m := _P_ISO.fullmatch(s):
            d = _valid_day(int(m["y"]), int(m["m"]), int(m["d"]))
            return None if d is None else (d, d, "day", "explicit")
        if m := _P_NUMERIC.fullmatch(s):
            if m["y2"]:
                d = _valid_day(int(m["y2"]), int(m["m2"]), int(m["d2"]))
            else:  # day-first unless the first number cannot be a day-of-month pairing
                a, b = int(m["a"]), int(m["b"])
                d = _valid_day(int(m["y"]), b, a) if b <= 12 else _valid_day(int(m["y"]), a, b)
            return None if d is None else (d, d, "day", "explicit")
        for p in (_P_DAY_MONTH, _P_MONTH_DAY):
            if m := p.fullmatch(s):
                return self._month_day(m, future)
        if m := _P_RELDAY.fullmatch(s):
            w = m["w"] or m["w2"] or s
            if w == "overnight":
                return pub - timedelta(days=1), pub, "day", "relative"
            d = pub + timedelta(days=_DAY_OFFSET.get(w, 0))
            return d, d, "day", "relative"
        if m := _P_NTH.fullmatch(s):
            return self._nth(int(m["d"]), future)
        if m := _P_WEEKDAY.fullmatch(s):
            return self._weekday(m, future)
        if m := _P_AGO.fullmatch(s):
            return self._offset(m["n"], m["u"], -1)
        if m := _P_WINDOW.fullmatch(s):
            return self._window(m)
        if m := _P_RELUNIT.fullmatch(s):
            return self._relunit(m, future)
        if m := _P_MONTH.fullmatch(s):
            return self._month(m, future)
        if m := _P_YEAR.fullmatch(s):
            y = int(m["y"])
            return *_third(date(y, 1, 1), date(y, 12, 31), m["part"], "year"), "explicit"
        if m := _P_YEARS.fullmatch(s):
            y1, y2 = int(m["y1"]), m["y2"]
            y2 = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
            return (date(y1, 1, 1), date(y2, 12, 31), "year", "explicit") if y2 > y1 else None
        if m := _P_DECADE.fullmatch(s):
            if m["y"]:
                y, anchor, part = int(m["y"]), "explicit", m["part"]
            else:  # "the 90s": the latest such decade that has begun by publication
                y, anchor, part = 2000 + int(m["d"]), "relative", m["part2"] or m["part3"]
                y = y if y <= pub.year else y - 100
            return *_third(date(y, 1, 1), date(y + 9, 12, 31), part, "decade"), anchor
        if m := _P_CENTURY.fullmatch(s):
            c = int(m["c"])
            if not 1 <= c <= 22:
                return None
            start, end = date((c - 1) * 100 + 1, 1, 1), date(c * 100, 12, 31)
            return *_third(start, end, m["part"], "century"), "explicit"
        if m := _P_SEASON.fullmatch(s):
            return self._season(m, future)
        return None

    def _month_day(self, m: re.Match[str], future: bool) -> _R | None:
        pub, mo = self.published, _MONTH[m["m"]]
        d1 = int(re.sub(r"\D", "", m["d"]))
        d2 = int(re.sub(r"\D", "", m["d2"])) if m["d2"] else d1
        if m["y"] or m["yrel"]:
            y = int(m["y"]) if m["y"] else pub.year + _REL[m["yrel"].split()[0]]
            start, end = _valid_day(y, mo, d1), _valid_day(y, mo, d2)
            anchor = "explicit" if m["y"] else "relative"
        else:  # nearest occurrence on the right side of publication; Feb 29 looks further
            step = 1 if future else -1
            start = end = None
            for k in range(9):
                y = pub.year + step * k
                start, end = _valid_day(y, mo, d1), _valid_day(y, mo, d2)
                if start and end and (start >= pub if future else start <= pub):
                    break
            anchor = "relative"
        if start is None or end is None or end < start:
            return None
        return start, end, "day", anchor

    def _nth(self, day: int, future: bool) -> _R | None:
        pub = self.published
        if not 1 <= day <= 31:
            return None
        for k in range(12):
            first = _add_months(pub.replace(day=1), k if future else -k)
            d = _valid_day(first.year, first.month, day)
            if d and (d >= pub if future else d <= pub):
                return d, d, "day", "relative"
        return None

    def _weekday(self, m: re.Match[str], future: bool) -> _R:
        pub, wd = self.published, _WEEKDAY[m["wd"]]
        if m["wk"]:  # "Monday last week": that day of the named week
            d = _monday(pub) + timedelta(days=7 * _REL[m["wk"]] + wd)
        elif m["rel"] == "this":
            d = _monday(pub) + timedelta(days=wd)
        elif m["rel"]:
            step = _REL[m["rel"]]
            d = pub + timedelta(days=step * (((wd - pub.weekday()) * step) % 7 or 7))
        else:
            back = (pub.weekday() - wd) % 7
            d = pub if back == 0 else pub + timedelta(days=(7 - back) if future else -back)
        return d, d, "day", "relative"

    def _offset(self, n: str, unit: str, sign: int) -> _R | None:
        """"N units ago" (sign -1) or "in N units" (+1): the calendar unit holding the shifted date."""
        c = _count(n)
        if c is None:
            return None
        lo, hi = c
        d_lo, prec = _shift(self.published, sign * lo, unit)
        if lo == hi:
            return *_unit_span(d_lo, prec), prec, "relative"
        d_hi, _ = _shift(self.published, sign * hi, unit)
        a, b = sorted((d_lo, d_hi))
        return _unit_span(a, prec)[0], _unit_span(b, prec)[1], _COARSER[prec], "relative"

    def _ahead(self, m: re.Match[str]) -> _R | None:
        if m["kind"] == "within" and (c := _count(m["n"])):
            d, prec = _shift(self.published, c[1], m["u"])
            return self.published, d, prec, "relative"
        return self._offset(m["n"] or m["n2"], m["u"] or m["u2"], 1)

    def _window(self, m: re.Match[str]) -> _R | None:
        """"the past three years", "the coming week": a period ending or starting at publication."""
        direction, n, unit = m["dir"] or m["dir2"], m["n"] or m["n2"], m["u"] or m["u2"]
        if n is None and (unit.endswith("s") or unit in ("day", "night", "hour")):
            return None  # "the past weeks" is vague; "the next day" follows the story, not publication
        c = _count(n) if n else (1, 1)
        if c is None:
            return None
        pub, one, back = self.published, timedelta(days=1), direction in ("past", "last")
        d, prec = _shift(pub, c[1] * (-1 if back else 1), unit)
        prec = prec if c[0] == c[1] else _COARSER[prec]
        if back:
            return (d if unit.startswith("hour") else d + one), pub, prec, "relative"
        return pub + one, d, prec, "relative"

    def _relunit(self, m: re.Match[str], future: bool) -> _R | None:
        pub, unit, part, rel = self.published, m["u"], m["part"], m["rel"]
        if rel == "the" and not (unit == "weekend" or (part and "of" in part)):
            return None  # "the week", "the year": refer to the narrative, not to publication
        if unit == "weekend":
            delta = (0 if future or pub.weekday() >= 5 else -1) if rel == "the" else _REL[rel]
            if rel == "this coming" and pub.weekday() >= 5:
                delta = 1
            elif rel == "this" and not future and pub.weekday() == 0:
                delta = -1  # Monday's paper: "this weekend" is the one just over
            sat = _monday(pub) + timedelta(days=5 + 7 * delta)
            return sat, sat + timedelta(days=1), "week", "relative"
        delta = 0 if rel == "the" else _REL[rel]
        if unit == "week":
            start = _monday(pub) + timedelta(days=7 * delta)
            end = start + timedelta(days=6)
        elif unit == "month":
            start = _add_months(pub.replace(day=1), delta)
            end = _month_end(start.year, start.month)
        elif unit == "year":
            start, end = date(pub.year + delta, 1, 1), date(pub.year + delta, 12, 31)
        else:
            y = pub.year // 10 * 10 + 10 * delta
            start, end = date(y, 1, 1), date(y + 9, 12, 31)
        prec = "year" if unit == "decade" else unit
        if part in ("earlier", "later") and delta == 0:  # up to / from publication, unit precision
            if part == "earlier":
                return start, max(start, pub - timedelta(days=1)), prec, "relative"
            return min(end, pub + timedelta(days=1)), end, prec, "relative"
        part = {"earlier": "early", "later": "late"}.get(part or "", part)
        return *_third(start, end, part, unit), "relative"

    def _month(self, m: re.Match[str], future: bool) -> _R:
        pub, mo = self.published, _MONTH[m["m"]]
        anchor = "relative"
        if m["y"]:
            y, anchor = int(m["y"]), "explicit"
        elif m["yrel"]:
            y = pub.year + _REL[m["yrel"].split()[0]]
        elif m["rel"] in ("last", "next"):  # strictly before / after the publication month
            step = _REL[m["rel"]]
            y = pub.year if (mo - pub.month) * step > 0 else pub.year + step
        elif m["rel"] == "this":
            y = pub.year
        else:  # a month alone: the latest one begun (next one not over) whose named part fits too
            step = 1 if future else -1
            y = pub.year if (mo - pub.month) * step >= 0 else pub.year + step
            start, end, _ = _third(date(y, mo, 1), _month_end(y, mo), m["part"], "month")
            if (start > pub and not future) or (end < pub and future):
                y += step
        return *_third(date(y, mo, 1), _month_end(y, mo), m["part"], "month"), anchor

    def _season(self, m: re.Match[str], future: bool) -> _R:
        pub, first = self.published, _SEASON[m["s"]]

        def span(y: int) -> tuple[date, date]:
            s = date(y, first, 1)
            e = _add_months(s, 2)
            return s, _month_end(e.year, e.month)

        if m["y"]:
            s, e = span(int(m["y"]))
            return *_third(s, e, m["part"], "season"), "explicit"
        cands = [span(y) for y in range(pub.year - 2, pub.year + 2)]
        rel = m["rel"] or "the"
        if rel in ("last", "this past"):
            s, e = [c for c in cands if c[1] < pub][-1]
        elif rel in ("next", "this coming"):
            s, e = [c for c in cands if c[0] > pub][0]
        elif rel == "this":
            s, e = next((c for c in cands if c[0] <= pub <= c[1]), span(pub.year))
        elif future:
            s, e = [c for c in cands if c[1] >= pub][0]
        else:
            s, e = [c for c in cands if c[0] <= pub][-1]
        return *_third(s, e, m["part"], "season"), "relative"


def published_span(published: date) -> TimeSpan:
    """The fallback time of an event: the article's publication day."""
    return TimeSpan(None, published, published, "day", "published")


def _normalize(expr: str) -> str:
    """Lower-case; unify dashes and quotes; drop periods, commas, possessives and outer punctuation."""
    s = expr.lower().replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[\u2010-\u2015]", "-", s)
    s = re.sub(r"(?<=\d)\.(?=\d)", "/", s)  # 26.02.2024 reads like 26/02/2024
    s = re.sub(r"\b([ap])\.m\.", r"\1m", s)
    s = re.sub(r"(\d0)'s\b", r"\1s", s)  # "1990's" is a decade, not a possessive
    s = re.sub(r"'s\b", "", s.replace(".", " ").replace(",", " "))
    s = re.sub(r"\bmid-", "mid ", s)
    s = re.sub(r"\s*-\s*", "-", s)
    return re.sub(r"\s+", " ", s).strip(" \"'()[]:;!?-")


# ---------------------------------------------------------------- finding expressions in a sentence
# Month and weekday names must be capitalised in running text: "may" is a verb, "march" a noun.
_F_MONTH = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December)"
_F_MON = rf"(?:{_F_MONTH}|(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
_F_WD = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_F_DAY = r"[0-3]?\d(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*[0-3]?\d(?:st|nd|rd|th)?)?(?!\d)"
_F_YSUF = rf"(?:,?\s+(?:of\s+)?{_YEAR}\b|\s+(?:last|this|next)\s+year)?"
_F_TOD = r"(?:\s+(?:morning|afternoon|evening|night))?"
_F_PART = r"(?:early|mid|late|(?:the\s+)?(?:end|start|beginning|middle)\s+of)"
_F_LEAD = (r"(?:\b(?:ever\s+since|since|on|in|at|during|back\s+in|(?:earlier|later|early|late)\s+on)\s+)?"
           r"(?:\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)\s+(?:on\s+)?)?")
_F_NUM = _NUM.replace(" ", r"\s+")
_FIND = [re.compile(f"{_F_LEAD}(?:{p})", re.I) for p in (
    r"\b\d{4}-\d\d-\d\d\b",
    r"\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b",
    rf"\b(?:the\s+night\s+of\s+)?(?:{_F_WD},?\s+)?(?:the\s+)?{_F_DAY}\s+(?:of\s+)?{_F_MON}(?!\w){_F_YSUF}",
    rf"\b(?:the\s+night\s+of\s+)?(?:{_F_WD},?\s+)?{_F_MON}\s+(?:the\s+)?{_F_DAY}{_F_YSUF}",
    rf"\b(?:{_F_PART}[-\s]+)?{_F_MONTH}(?:\s+(?:of\s+)?{_YEAR}\b|\s+(?:last|this|next)\s+year)",
    rf"\b(?:(?:in|since|during)\s+(?:{_F_PART}[-\s]+)?|(?:last|this|next)\s+|{_F_PART}[-\s]+){_F_MONTH}\b",
    rf"\b(?:(?:(?:back\s+)?in|since|during)\s+(?:(?:the\s+year|{_F_PART})[-\s]*)?|{_F_PART}[-\s]*){_YEAR}"
    r"(?:\s*[-\u2013]\s*(?:\d\d){1,2})?\b(?![-,.%]?\d)",
    r"\b(?:(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?(?:1\d|20)\d0'?s|the\s+(?:(?:early|mid|late)[-\s]+)?'?\d0s"
    r"|(?:early|mid|late)[-\s]+'?\d0s)\b",
    r"(?<!Russia )(?<!USA )\b(?:earlier\s+|later\s+)?(?:today|tonight|yesterday|tomorrow)\b" + _F_TOD
    + r"|\bthis\s+(?:morning|afternoon|evening)\b|\blast\s+night\b",
    rf"\b(?:(?:last|this|next|this\s+past|this\s+coming)\s+)?{_F_WD}{_F_TOD}"
    r"(?:\s+(?:last|this|next)\s+week)?\b",
    r"\b(?:(?:earlier|later|early|mid|late|(?:the\s+)?(?:end|start|beginning|middle)\s+of)[-\s]+)?"
    r"(?:this|last|next|this\s+past|this\s+coming)\s+(?:weekend|week|month|year)\b(?!\s+of\b)"
    r"|\b(?:at|over|during)\s+the\s+weekend\b"
    r"|\b(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+the\s+(?:week|month|year)\b",
    rf"\b(?:(?:last|this|next|this\s+past|this\s+coming)\s+|in\s+the\s+)(?:spring|summer|autumn|winter)\b"
    rf"|\b(?:(?:early|mid|late)[-\s]+)?(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}\b",
    rf"\b{_F_NUM}\s+{_UNIT}\s+ago\b",  # hedges ("nearly") stay out of the span
    rf"\b(?:in|within)\s+{_F_NUM}\s+{_UNIT}['\u2019]?\s+time\b|\b{_F_NUM}\s+{_UNIT}\s+from\s+now\b",
)]
_F_HEDGE = re.compile(rf"(?:(?:{_HEDGE}|as\s+(?:early|recently|late)\s+as)\s+)+", re.I)
_F_BEFORE = re.compile(r"(?:\b(?:ever\s+since|since|on|in|at|during))\s+$", re.I)
_F_LEAD_POSS = re.compile(r"(?:in|at|during|on)\s+", re.I)
_F_COUNT = re.compile(rf"{_F_NUM}\s+{_UNIT}\b", re.I)
_PROBE = TimeResolver(date(2199, 6, 15))  # far future: "since X" must not fail for being ahead


def _ok(text: str, span: tuple[int, int]) -> bool:
    return _PROBE.resolve(text[span[0]:span[1]]) is not None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut hedges and outer punctuation off an entity span; take in a preposition just before it."""
    while start < end and text[start] in " \t\n\"'(\u201c\u2018":
        start += 1
    while end > start and text[end - 1] in " \t\n\"').,;:\u201d\u2019":
        end -= 1
    possessive = text[start:end].lower().endswith(("'s", "\u2019s"))
    end -= 2 if possessive else 0
    if m := _F_HEDGE.match(text, start, end):
        start = m.end()
    if not possessive and (m := _F_BEFORE.search(text, max(0, start - 14), start)) and not (
            m.group().lower().startswith("in") and _F_COUNT.match(text, start, end)):
        start = m.start()  # "in" before "two weeks" would make a duration into a future date
    return start, end


def find_time_expressions(text: str, entity_spans: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Character spans of points or periods in time in `text`, from the given spans and our patterns."""
    spans = [s for s in (_trim(text, a, b) for a, b in entity_spans) if s[0] < s[1] and _ok(text, s)]
    for p in _FIND:
        for m in p.finditer(text):
            a, b = m.span()
            if text[b:b + 2] in ("'s", "\u2019s") and (lead := _F_LEAD_POSS.match(text, a, b)):
                a = lead.end()  # "in Monday's announcement": the day, not "in Monday"
            spans.append((a, b))
    spans.sort()
    groups: list[list[tuple[int, int]]] = []
    for s in spans:  # group overlapping spans
        if groups and s[0] < max(e for _, e in groups[-1]):
            groups[-1].append(s)
        else:
            groups.append([s])
    out: list[tuple[int, int]] = []
    for g in groups:
        union = (g[0][0], max(e for _, e in g))
        if _ok(text, union):
            out.append(union)
            continue
        # The union is no expression ("16 February and 1 March"): keep the longest members that are.
        chosen: list[tuple[int, int]] = []
        for s in sorted(set(g), key=lambda x: x[0] - x[1]):
            if _ok(text, s) and all(s[1] <= c[0] or c[1] <= s[0] for c in chosen):
                chosen.append(s)
        out.extend(sorted(chosen))
    return out
