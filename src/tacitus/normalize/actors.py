"""Actor normalisation: a mention as written ("the Canadian Minister of Defense Bill Blair") -> Party.

One dict from token n-grams (accent-folded, lower case) to dictionary hits; a mention is scanned left to right
taking the longest n-gram that is a key, then the hits are combined: a person's name, a country or organisation
qualifier, a role noun's sector and kind. Case matters where it must: short all-caps aliases ("US", "WHO") match
only as written, and proper names only when capitalised ("us" and "turkey" are ordinary words).
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..models import Party
from typing import TYPE_CHECKING

from ..datacache import PackedTable, cached, pack

if TYPE_CHECKING:  # the pydantic schemas are imported only to build or validate the data
    from .actor_data import ActorData, PersonRow

MAX_NGRAM = 8
_TOKEN = re.compile(r"\w+(?:['’.\-]\w+)*\.?|[&+]")
_TITLES = frozenset("mr mrs ms miss dr sir dame lord lady mr. mrs. ms. dr. gen gen. lt col col. adm".split())
# Capitalised words that belong to a role title ("Minister of Defense"), not to a name after it.
_TITLE_WORDS = frozenset("""of for the and defense defence foreign affairs state interior finance justice health
economy trade national security general secretary deputy first vice acting prime minister president chief staff
armed forces affairs international development digital transformation energy strategic industries press
office presidential ministry department""".split())
_SPLIT_SUFFIXES = frozenset("""backed led controlled allied born based made installed supported appointed held
occupied funded owned sponsored leaning aligned friendly""".split())
# Matched as written only: lower-cased they are ordinary words.
_CASE_EXACT = frozenset("us it is am as at in on or an we who ap afp".split())


def fold(s: str) -> str:
    """Lower case, accents stripped, curly apostrophes straightened."""
    s = s.replace("’", "'").replace("‘", "'")
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return s.lower()


def tokens(text: str) -> list[str]:
    """Word tokens with possessive 's dropped and a sentence-final period removed."""
    out = []
    for t in _TOKEN.findall(text):
        t = t.replace("’", "'")
        if t.lower().endswith("'s") and len(t) > 2:
            t = t[:-2]
        if t.endswith(".") and "." not in t[:-1]:
            t = t[:-1]
        if t:
            out.append(t)
    return out


@dataclass(frozen=True, slots=True)
class _Role:
    """A dated role of a person, as the compiled index keeps it (the fields of RoleRow it needs)."""

    country: str
    sector: str | None
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class _Person:
    """A person of the compiled index: its name and dated roles (PersonRow without validation)."""

    name: str
    roles: tuple[_Role, ...]


@dataclass(frozen=True, slots=True)
class _Hit:
    """One dictionary meaning of an n-gram: what it is and what it implies."""

    what: str  # country | capital | seat | demonym | org | person | noun
    code: str | None = None  # ISO3 / organisation code (the Party.country it implies)
    name: str | None = None
    sector: str | None = None
    kind: str | None = None
    person: PersonRow | _Person | None = None
    generic: bool = False
    plural: bool = False  # a demonym used as a plural noun ("Canadians")
    form: tuple[str, ...] = ()  # the alias tokens as written, for case checks
    exact: bool = False  # every token must match with its case


_PRIORITY = {"org": 0, "seat": 1, "country": 2, "capital": 3, "demonym": 4, "person": 5, "noun": 6}


def _plural(w: str) -> str:
    parts = w.split(" ")
    i = parts.index("of") - 1 if "of" in parts[1:] else len(parts) - 1
    x = parts[i]
    if x.endswith("man"):
        x = x[:-3] + "men"
    elif x == "person":
        x = "people"
    elif x == "child":
        x = "children"
    elif re.search(r"[^aeiou]y$", x):
        x = x[:-1] + "ies"
    elif re.search(r"(s|x|z|ch|sh)$", x):
        x = x + "es"
    else:
        x = x + "s"
    parts[i] = x
    return " ".join(parts)


class ActorResolver:
    """Resolve actor mentions against the packaged country, organisation, person and role-noun dictionaries."""

    def __init__(self, data: ActorData):
        self._index: dict[str, list[_Hit]] = {}
        self._vocab: set[str] = set()
        self._nouns: dict[str, _Hit] = {}
        self._names: dict[str, str] = {}  # country / org code -> display name
        self._build(data)

    # ------------------------------------------------------------------ compiled form
    def compile(self) -> tuple:
        """The index as plain strings (cached on disk; `from_compiled` reads it back lazily)."""
        people: dict[int, int] = {}
        rows: list[str] = []

        def enc(h: _Hit) -> list:
            p = -1
            if h.person is not None:
                p = people.get(id(h.person), -1)
                if p < 0:
                    p = people[id(h.person)] = len(rows)
                    roles = [[r.country, r.sector, r.start and r.start.isoformat(), r.end and r.end.isoformat()]
                             for r in h.person.roles]
                    rows.append(json.dumps([h.person.name, roles], ensure_ascii=False))
            return [h.what, h.code, h.name, h.sector, h.kind, p, h.generic, h.plural, list(h.form), h.exact]

        def dump(x) -> str:
            return json.dumps(x, ensure_ascii=False, separators=(",", ":"))

        index = pack({k: dump([enc(h) for h in bucket]) for k, bucket in self._index.items()})
        nouns = pack({k: dump(enc(h)) for k, h in self._nouns.items()})
        return index, pack(dict.fromkeys(self._vocab, "")), nouns, dict(self._names), rows

    @classmethod
    def from_compiled(cls, compiled: tuple) -> "ActorResolver":
        """A resolver over `compile()`'s output; entries are decoded when first looked up."""
        index, vocab, nouns, names, rows = compiled
        people: dict[int, _Person] = {}

        def day(iso: str | None) -> date | None:
            return date.fromisoformat(iso) if iso else None

        def person(i: int) -> _Person | None:
            if i < 0:
                return None
            if i not in people:
                name, roles = json.loads(rows[i])
                people[i] = _Person(name, tuple(_Role(c, sec, day(a), day(b)) for c, sec, a, b in roles))
            return people[i]

        def hit(x: list) -> _Hit:
            return _Hit(x[0], x[1], x[2], x[3], x[4], person(x[5]), x[6], x[7], tuple(x[8]), x[9])

        self = cls.__new__(cls)
        self._index = PackedTable(index, lambda s: [hit(x) for x in json.loads(s)])  # type: ignore[assignment]
        self._vocab = PackedTable(vocab, str)  # type: ignore[assignment]
        self._nouns = PackedTable(nouns, lambda s: hit(json.loads(s)))  # type: ignore[assignment]
        self._names = names
        return self

    # ------------------------------------------------------------------ construction
    @classmethod
    def default(cls) -> "ActorResolver":
        """The resolver over the packaged data, built once per process."""
        return _default()

    @classmethod
    def from_directory(cls, directory: str | Path) -> "ActorResolver":
        from .actor_data import load_actor_data

        return cls(load_actor_data(directory))

    def _add(self, alias: str, hit: _Hit) -> None:
        toks = tokens(alias)
        if not toks or len(toks) > MAX_NGRAM:
            return
        key = " ".join(fold(t) for t in toks)
        proper = hit.what != "noun"
        exact = proper and len(toks) == 1 and (
            (toks[0].isupper() and toks[0].isalpha() and len(toks[0]) <= 3) or fold(toks[0]) in _CASE_EXACT)
        h = _Hit(hit.what, hit.code, hit.name, hit.sector, hit.kind, hit.person, hit.generic, hit.plural,
                 tuple(toks) if proper else (), exact)
        bucket = self._index.setdefault(key, [])
        if any(b.what == h.what and b.code == h.code and b.person is h.person and b.sector == h.sector
               for b in bucket):
            return
        bucket.append(h)
        bucket.sort(key=lambda b: _PRIORITY[b.what])
        self._vocab.update(key.split(" "))

    def _build(self, data: ActorData) -> None:
        for c in data.countries:
            self._names[c.code] = c.name
            for a in (c.name, *c.aliases):
                self._add(a, _Hit("country", c.code, c.name, None, "state"))
            for a in c.demonyms:
                plural = a.endswith("s") and a not in ("Swiss", "Burkinabe")
                self._add(a, _Hit("demonym", c.code, c.name, "CVL" if plural else None, "group", plural=plural))
            for a in c.capitals:
                self._add(a, _Hit("capital", c.code, c.name, "GOV", "state"))
            for s in c.seats:
                self._add(s.name, _Hit("seat", c.code, c.name, s.sector, "state"))
        states = {c.code for c in data.countries}
        for o in data.organizations:
            # A non-state group is itself (Hamas is HAMAS, the PKK is PKK), as the contract and the
            # annotation guideline code it; an organisation with a home state (Gazprom, TASS) is that
            # state's, with its sector; a row whose "country" is another body's code (the peshmerga are
            # the KRG's forces) is that body.
            if o.kind == "group" and o.country in states:
                code = o.code
            else:
                code = o.country or o.code
            self._names.setdefault(o.code, o.name)
            for a in (o.name, *o.aliases):
                self._add(a, _Hit("org", code, o.name, o.sector, o.kind))
        for p in data.people:
            for a in (p.name, *p.aliases):
                self._add(a, _Hit("person", None, p.name, None, "person", p))
        generic = {fold(g) for g in data.sectors.generic}
        nouns = dict(data.sectors.nouns)
        for w, row in list(nouns.items()):
            if row.kind == "person":
                pl = _plural(w)
                if pl not in nouns:
                    nouns[pl] = type(row)(sector=row.sector, kind="group")
        for w, row in nouns.items():
            hit = _Hit("noun", None, None, row.sector, row.kind, generic=fold(w) in generic)
            self._nouns[fold(w)] = hit
            self._add(w, hit)

    # ------------------------------------------------------------------ matching
    def _split(self, text: str) -> list[str]:
        out: list[str] = []
        for t in tokens(text):
            f = fold(t)
            if "-" in t and f not in self._vocab:
                parts = t.split("-")
                if fold(parts[-1]) in _SPLIT_SUFFIXES:
                    parts = parts[:-1]
                out.extend(p for p in parts if p)
            else:
                out.append(t)
        return out

    @staticmethod
    def _case_ok(h: _Hit, toks: list[str]) -> bool:
        if not h.form:
            return True
        if h.exact:
            return all(t == f for t, f in zip(toks, h.form))
        for t, f in zip(toks, h.form):
            if f[:1].isupper() and not t[:1].isupper():
                return False
        return True

    def _scan(self, toks: list[str]) -> list[tuple[int, int, list[_Hit]]]:
        folded = [fold(t) for t in toks]
        out = []
        i, n = 0, len(toks)
        while i < n:
            for k in range(min(MAX_NGRAM, n - i), 0, -1):
                bucket = self._index.get(" ".join(folded[i:i + k]))
                if bucket:
                    hits = [h for h in bucket if self._case_ok(h, toks[i:i + k])]
                    if hits:
                        out.append((i, i + k, hits))
                        i += k
                        break
            else:
                i += 1
        return out

    # ------------------------------------------------------------------ persons
    @staticmethod
    def _role_on(p: PersonRow, on: date | None):
        """The role held on `on` (latest-starting if several), else the latest role; (role, current?)."""
        if on is not None:
            live = [r for r in p.roles if (r.start is None or r.start <= on) and (r.end is None or on <= r.end)]
            if live:
                return max(live, key=lambda r: (r.start or date.min, r.sector not in ("ELI", None))), True
        ended = [r for r in p.roles if on is None or r.start is None or r.start <= on]
        pool = ended or list(p.roles)
        return max(pool, key=lambda r: (r.end or date.max, r.start or date.min)), on is None

    def _pick_person(self, hits: list[_Hit], on: date | None):
        best, best_key = None, None
        for h in hits:
            if h.what != "person" or h.person is None:
                continue
            role, live = self._role_on(h.person, on)
            key = (live, role.end or date.max, role.start or date.min)
            if best_key is None or key > best_key:
                best, best_key = (h, role, live), key
        return best

    # ------------------------------------------------------------------ public API
    def resolve(self, text: str, *, on: date | None = None) -> Party | None:
        """A mention string -> Party (text kept as given), or None when nothing in it is known."""
        if not text or not text.strip():
            return None
        toks = self._split(text)
        matches = self._scan(toks)
        if not matches:
            return None
        person = None  # (hit, role, live)
        place: _Hit | None = None  # first country / capital / seat / demonym / organisation
        nouns: list[_Hit] = []
        last_end = 0
        for i, j, hits in matches:
            top = hits[0]
            if top.what == "person" or (len(hits) > 1 and j - i > 1 and any(h.what == "person" for h in hits)
                                        and top.what == "noun"):
                if person is None:
                    person = self._pick_person(hits, on)
                    last_end = j
                continue
            if top.what == "noun":
                nouns.append(top)
                last_end = j
                continue
            if place is None or (top.what == "org" and top.sector == "REB" and place.what in ("demonym", "country")):
                place = top
            last_end = j
        name = None
        if person is None:
            name = self._trailing_name(toks, last_end, bool(nouns) or place is not None)
        strong = [n for n in nouns if not n.generic]
        noun = strong[0] if strong else (nouns[0] if nouns else None)

        if person is not None or name is not None:
            hit, role, live = person if person else (None, None, False)
            country = place.code if place is not None else (role.country if role is not None else None)
            if noun is not None and not noun.generic:
                sector = noun.sector
            elif place is not None and place.what in ("seat", "org") and place.sector:
                sector = place.sector
            elif role is not None and (live or place is None or place.code == role.country):
                sector = role.sector
            else:
                sector = noun.sector if noun is not None else None
            if role is not None and place is not None and place.code != role.country and noun is None:
                sector = None
            src = "actors:person" if hit else "actors:role+name"
            return Party(text=text, name=hit.name if hit else name, country=country, sector=sector, kind="person",
                         source=src)
        if place is None and noun is None:
            return None
        if place is None:
            return Party(text=text, name=None, country=None, sector=noun.sector, kind=noun.kind,
                         source="actors:noun")
        if noun is not None and not noun.generic:
            sector, kind = noun.sector, noun.kind
            if place.what == "org" and place.kind == "organization" and kind == "state":
                kind = "organization"
        elif noun is not None:  # "Kremlin spokesman", "EU officials": the institution decides the sector
            sector = place.sector if place.what in ("seat", "org", "capital") else noun.sector
            kind = noun.kind if noun.kind != "state" else place.kind
        else:
            sector, kind = place.sector, place.kind
            if place.what == "demonym" and not place.plural:
                sector, kind = None, "state"  # "Russian aggression": the country, no sector
        name = place.name
        if place.what in ("seat", "capital"):
            name = self._names.get(place.code or "", place.name)
        return Party(text=text, name=name, country=place.code, sector=sector, kind=kind,
                     source=f"actors:{place.what}" + ("+noun" if noun is not None else ""))

    def _trailing_name(self, toks: list[str], start: int, qualified: bool) -> str | None:
        """Capitalised words after the last known item ("... Foreign Minister Gabrielius Landsbergis")."""
        if not qualified:
            return None
        run: list[str] = []
        for t in toks[start:]:
            if fold(t) in _TITLES:
                continue
            if t[:1].isupper() and fold(t) not in _TITLE_WORDS and not t.isupper():
                run.append(t)
            else:
                run = []
        if not run or len(run) > 4:
            return None
        if len(run) == 1 and start == 0:
            return None
        return " ".join(run)

    def sector_of(self, noun_lemma: str) -> str | None:
        """Role noun (lemma or plural, one or more words) -> sector code, e.g. "soldier" -> "MIL"."""
        hit = self._nouns.get(" ".join(fold(t) for t in tokens(noun_lemma)))
        return hit.sector if hit else None

    def country_of(self, word: str) -> str | None:
        """Country name, alias, demonym, capital, seat or organisation -> ISO3 or organisation code."""
        toks = self._split(word)
        if not toks:
            return None
        for h in self._index.get(" ".join(fold(t) for t in toks), ()):
            if h.what not in ("person", "noun") and self._case_ok(h, toks):
                return h.code
        return None

    def is_known_person(self, name: str) -> bool:
        """Whether the name (full name or a recorded alias) is in the person dictionary."""
        toks = [t for t in self._split(name) if fold(t) not in _TITLES]
        bucket = self._index.get(" ".join(fold(t) for t in toks), ())
        return any(h.what == "person" and self._case_ok(h, toks) for h in bucket)


@lru_cache(maxsize=1)
def _default() -> ActorResolver:
    from importlib import resources

    from . import actor_data
    from .actor_data import ACTOR_DIR, FILES, load_actor_data

    data = resources.files("tacitus").joinpath(ACTOR_DIR)
    sources = [Path(__file__), Path(actor_data.__file__), *(data.joinpath(f) for f in FILES)]
    return ActorResolver.from_compiled(
        cached("actors", sources, lambda: ActorResolver(load_actor_data()).compile()))
