"""Event-trigger lexicon and PLOVER/CAMEO ontology, loaded from validated data files.

Files (``tacitus/data``): ``ontology/plover.json`` (16 types, modes, contexts), ``ontology/cameo_to_plover.csv``,
``ontology/goldstein.tsv``, ``ontology/cameo_codes.csv``, ``lexicon/triggers_cameo.jsonl`` (mined from PETRARCH2's
CAMEO verb dictionary by ``scripts/build_lexicon.py``) and ``lexicon/triggers.yaml`` (hand-curated core, which
overrides mined entries with the same lemma/pos/particle). Every entry is checked on load; a bad one raises
DataFileError naming the file and the entry.

Entry schema (YAML list, or a mapping with ``version`` and ``entries``; JSONL one entry per line)::

    - lemma: send            # lower case; "pull out" is read as lemma "pull" + particle "out"
      pos: VERB              # VERB or NOUN
      particle: null         # "out" (rule out), "up" (step up), "for" (call for: prepositional verbs too)
      senses:                # first sense listing the object wins; the first sense without objects is the default
        - objects: [troops, soldiers]   # head lemmas of the direct object (nouns: of-complement)
          type: AID                     # PLOVER type; mode must be one of its modes (or null)
          mode: null
          cameo: "074"                  # must be in ontology/cameo_codes.csv
          contexts: [military]
          preps: [to]                   # prepositions whose object is the TARGET (omitted: type default)
          target_from_object: false     # direct object is the target? (omitted: type default)
          reporting: false              # speech verb whose act is itself the event (warn, accuse, ...)
        - objects: [speech, statement]  # objects that make the word no event at all ("deliver a speech")
          skip: true
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from tacitus.datacache import load_yaml
from tacitus.errors import DataFileError

from .rules import Rules

_RULES = Rules.default  # per-type defaults of a sense that names none (data/lexicon/rules.yaml)

CORE_VERSION = "core-2026.11"
DATA_DIR = Path(__file__).resolve().parents[1] / "data"
LEXICON_DIR = DATA_DIR / "lexicon"
MINED_FILE = LEXICON_DIR / "triggers_cameo.jsonl"
CORE_FILE = LEXICON_DIR / "triggers.yaml"

def object_key(word: str) -> str:
    """Normalise an object head for matching: lower case, naive singular ("troops" -> "troop")."""
    w = word.strip().lower()
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes", "xes", "zes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


# The ontology lives in tacitus.ontology (the store and exports read it without extraction).
from ..ontology import ONTOLOGY_DIR, CameoMapping, Ontology  # noqa: E402,F401


# --------------------------------------------------------------------------- schema
class SenseSpec(BaseModel):
    """One sense of a trigger, as written in the data files."""

    model_config = ConfigDict(extra="forbid")
    objects: list[str] | None = None
    type: str | None = None
    skip: bool = False
    mode: str | None = None
    cameo: str | None = None
    contexts: list[str] = []
    preps: list[str] | None = None
    target_from_object: bool | None = None
    reporting: bool = False

    @field_validator("objects")
    @classmethod
    def _objects(cls, v: list[str] | None) -> list[str] | None:
        if v is not None and (not v or any(not isinstance(o, str) or not o.strip() for o in v)):
            raise ValueError("objects must be a non-empty list of words (omit it for the default sense)")
        return v

    @field_validator("objects", "preps", "contexts", mode="before")
    @classmethod
    def _no_bools(cls, v: Any) -> Any:
        if isinstance(v, list) and any(isinstance(x, bool) for x in v):
            raise ValueError('a word was read as a boolean: quote "on", "off", "yes", "no" in YAML')
        return v

    @field_validator("cameo", mode="before")
    @classmethod
    def _cameo_str(cls, v: Any) -> Any:
        if isinstance(v, int):
            raise ValueError(f"cameo {v!r} must be a quoted string (leading zeros matter)")
        return v

    @model_validator(mode="after")
    def _check(self, info: Any) -> "SenseSpec":
        if self.skip:
            if self.objects is None or self.type is not None:
                raise ValueError("a `skip` sense lists objects that are not events and has no type")
            return self
        if self.type is None:
            raise ValueError("type is required (one of the 16 PLOVER types)")
        onto: Ontology | None = (info.context or {}).get("ontology") if info is not None else None
        if onto is None:
            return self
        if self.type not in onto.types:
            raise ValueError(f"type {self.type!r} is not a PLOVER type ({', '.join(onto.types)})")
        if self.mode is not None and self.mode not in onto.modes(self.type):
            raise ValueError(f"mode {self.mode!r} is not a mode of {self.type} "
                             f"({', '.join(onto.modes(self.type)) or 'it has none'})")
        if self.cameo is not None and not onto.is_cameo(self.cameo):
            raise ValueError(f"cameo {self.cameo!r} is not a CAMEO code in ontology/cameo_codes.csv")
        bad = [c for c in self.contexts if onto.context(c) is None]
        if bad:
            raise ValueError(f"unknown PLOVER context(s) {bad}")
        return self


class EntrySpec(BaseModel):
    """One trigger word with its senses."""

    model_config = ConfigDict(extra="forbid")
    lemma: str
    pos: Literal["VERB", "NOUN"]
    particle: str | None = None

    @field_validator("particle", mode="before")
    @classmethod
    def _particle(cls, v: Any) -> Any:
        if isinstance(v, bool):
            raise ValueError('particle read as a boolean: quote it in YAML ("on", "off")')
        return v
    senses: list[SenseSpec]
    note: str | None = None

    @field_validator("lemma")
    @classmethod
    def _lemma(cls, v: str) -> str:
        if not v.strip() or v != v.lower() or len(v.split()) > 2:
            raise ValueError(f"lemma {v!r} must be lower case, one word (or word + particle)")
        return v.strip()

    @field_validator("senses")
    @classmethod
    def _senses(cls, v: list[SenseSpec]) -> list[SenseSpec]:
        if not v:
            raise ValueError("an entry needs at least one sense")
        return v


# --------------------------------------------------------------------------- lexicon
@dataclass(frozen=True, slots=True)
class Sense:
    """A resolved trigger sense: what the event is and how to find its target."""

    type: str
    mode: str | None
    cameo: str | None
    contexts: tuple[str, ...]
    objects: frozenset[str]
    preps: tuple[str, ...]
    target_from_object: bool
    reporting: bool
    source: str  # "core", "cameo:<code>", or the user file's name


@dataclass(frozen=True, slots=True)
class _Entry:
    lemma: str
    pos: str
    particle: str | None
    senses: tuple[Sense, ...]
    by_object: dict[str, Sense | None]  # None: a listed non-event object ("deliver a speech")
    default: Sense | None
    origin: str


def _source_label(path: Path) -> str:
    if path.resolve() == CORE_FILE.resolve():
        return "core"
    if path.resolve() == MINED_FILE.resolve():
        return "cameo"
    return path.name


def _read_raw(path: Path) -> list[tuple[str, Any]]:
    """(location, raw entry) pairs from a YAML or JSONL file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise DataFileError(f"{path}: cannot read lexicon file: {e}") from e
    if path.suffix == ".jsonl":
        out = []
        for n, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    out.append((f"line {n}", json.loads(line)))
                except json.JSONDecodeError as e:
                    raise DataFileError(f"{path}: line {n}: invalid JSON: {e}") from e
        return out
    try:
        data = _parse_yaml(text)
    except yaml.YAMLError as e:
        raise DataFileError(f"{path}: invalid YAML: {e}") from e
    if isinstance(data, dict):
        data = data.get("entries")
    if not isinstance(data, list):
        raise DataFileError(f"{path}: expected a list of entries (or a mapping with `entries`)")
    return [(f"entry {i}", e) for i, e in enumerate(data, start=1)]


def load_entries(path: Path | str, ontology: Ontology | None = None) -> list[_Entry]:
    """Validate and resolve every entry of one file; DataFileError names the file and entry."""
    path = Path(path)
    onto = ontology or Ontology.default()
    label = _source_label(path)
    out: list[_Entry] = []
    seen: dict[tuple[str, str, str | None], str] = {}
    for where, raw in _read_raw(path):
        name = f"{raw.get('lemma')!r}/{raw.get('pos')}" if isinstance(raw, dict) else repr(raw)[:40]
        if isinstance(raw, dict) and isinstance(raw.get("lemma"), str) and " " in raw["lemma"].strip():
            lemma, _, particle = raw["lemma"].strip().partition(" ")
            if raw.get("particle") not in (None, particle):
                raise DataFileError(f"{path}: {where} ({name}): lemma names particle {particle!r} "
                                    f"but particle is {raw.get('particle')!r}")
            raw = dict(raw, lemma=lemma, particle=particle)
        try:
            spec = EntrySpec.model_validate(raw, context={"ontology": onto})
        except ValidationError as e:
            msgs = "; ".join(f"{'.'.join(str(p) for p in err['loc']) or 'entry'}: {err['msg']}"
                             for err in e.errors())
            raise DataFileError(f"{path}: {where} ({name}): {msgs}") from None
        entry = _resolve(spec, label, onto)
        key = (entry.lemma, entry.pos, entry.particle)
        if key in seen:
            raise DataFileError(f"{path}: {where} ({name}): duplicate of {seen[key]} "
                                f"(same lemma/pos/particle {key}); merge the senses")
        seen[key] = where
        out.append(entry)
    return out


def _resolve(spec: EntrySpec, label: str, onto: Ontology) -> _Entry:
    senses: list[Sense] = []
    by_object: dict[str, Sense | None] = {}
    default: Sense | None = None
    for s in spec.senses:
        objs = frozenset(object_key(o) for o in (s.objects or ()))
        if s.skip:
            for o in sorted(objs):
                by_object.setdefault(o, None)
            continue
        assert s.type is not None
        sense = Sense(
            type=s.type, mode=s.mode, cameo=s.cameo,
            contexts=tuple(dict.fromkeys(onto.context(c) or c for c in s.contexts)),
            objects=objs,
            preps=tuple(s.preps) if s.preps is not None else _RULES().sense_preps[s.type],
            target_from_object=(s.target_from_object if s.target_from_object is not None
                                else s.type in _RULES().target_object_types),
            reporting=s.reporting,
            source=f"cameo:{s.cameo}" if label == "cameo" else label,
        )
        senses.append(sense)
        for o in sorted(objs):
            by_object.setdefault(o, sense)  # first matching sense wins
        if not objs and default is None:
            default = sense
    particle = spec.particle.lower() if spec.particle else None
    return _Entry(spec.lemma, spec.pos, particle, tuple(senses), by_object, default, label)


class Lexicon:
    """Trigger lookup: (lemma, pos, particle) -> entry, then object -> sense, all dict accesses."""

    def __init__(self, entries: Iterable[_Entry], version: str):
        self._entries: dict[tuple[str, str, str | None], _Entry] = {}
        for e in entries:  # later entries (core, user files) replace earlier ones with the same key
            self._entries[(e.lemma, e.pos, e.particle)] = e
        self._triggers = frozenset((lemma, pos) for lemma, pos, _ in self._entries)
        self.version = version

    @classmethod
    def default(cls) -> "Lexicon":
        """The packaged lexicon (mined CAMEO entries overridden by the hand-curated core), cached."""
        return _default_lexicon()

    @classmethod
    def from_files(cls, *paths: Path | str, base: bool = True) -> "Lexicon":
        """Packaged files (unless base=False) extended by user files; later files override by key."""
        files = ([MINED_FILE, CORE_FILE] if base else []) + [Path(p) for p in paths]
        onto = Ontology.default()
        entries: list[_Entry] = []
        digest = hashlib.sha256()
        for f in files:
            entries.extend(_packaged_entries(f, onto) if f in (MINED_FILE, CORE_FILE) else load_entries(f, onto))
            try:
                digest.update(f.read_bytes())
            except OSError as e:  # pragma: no cover - load_entries already read it
                raise DataFileError(f"{f}: cannot read: {e}") from e
        return cls(entries, f"{_core_version()}+{digest.hexdigest()[:10]}")

    def lookup(self, lemma: str, pos: str, *, particle: str | None = None,
               object_lemma: str | None = None) -> Sense | None:
        """The sense for a trigger; a particle with no entry of its own falls back to the bare lemma."""
        lemma = lemma.lower()
        if particle is None and " " in lemma:
            lemma, _, particle = lemma.partition(" ")
        pos = pos.upper()
        entry = self._entries.get((lemma, pos, particle.lower() if particle else None))
        if entry is None and particle:
            entry = self._entries.get((lemma, pos, None))
        if entry is None:
            return None
        if object_lemma:
            key = object_key(object_lemma)
            if key in entry.by_object:
                return entry.by_object[key]
        return entry.default

    def is_trigger(self, lemma: str, pos: str) -> bool:
        """Whether any entry (with any particle) exists for the lemma and part of speech."""
        return (lemma.lower(), pos.upper()) in self._triggers

    def senses(self, lemma: str, pos: str, particle: str | None = None) -> tuple[Sense, ...]:
        e = self._entries.get((lemma.lower(), pos.upper(), particle))
        return e.senses if e else ()

    def keys(self) -> list[tuple[str, str, str | None]]:
        return sorted(self._entries, key=lambda k: (k[0], k[1], k[2] or ""))

    def counts(self) -> dict[str, int]:
        """Entries by origin and part of speech, e.g. {"core:VERB": 260, "cameo:VERB": 1300}."""
        out: dict[str, int] = {}
        for e in self._entries.values():
            k = f"{e.origin}:{e.pos}"
            out[k] = out.get(k, 0) + 1
        return dict(sorted(out.items()))

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries


def _core_version() -> str:
    from tacitus.datacache import cached

    return cached("lexicon-version", [CORE_FILE, Path(__file__)], _read_core_version)


def _read_core_version() -> str:
    try:
        data = _parse_yaml(CORE_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return CORE_VERSION
    return str(data.get("version", CORE_VERSION)) if isinstance(data, dict) else CORE_VERSION


# The core file is read for its entries and for its version: parse it once per process.
_parse_yaml = lru_cache(maxsize=2)(load_yaml)


def _packaged_entries(path: Path, onto: Ontology) -> list[_Entry]:
    """A packaged file's validated entries, from the compiled cache when it is current."""
    from tacitus.datacache import cached

    from . import rules

    # The per-type defaults of rules.yaml are filled into the entries: they key the copy too.
    sources = [path, Path(__file__), rules.RULES_FILE, Path(rules.__file__), *sorted(ONTOLOGY_DIR.iterdir())]
    return [_decode(e) for e in cached(f"lexicon-{path.stem}", sources,
                                       lambda: [_encode(e) for e in load_entries(path, onto)])]


# Cached as plain tuples: unpickling thousands of frozen dataclasses costs more than building them.
def _encode(e: _Entry) -> tuple:
    at = {id(s): i for i, s in enumerate(e.senses)}
    senses = tuple((s.type, s.mode, s.cameo, s.contexts, tuple(sorted(s.objects)), s.preps,
                    s.target_from_object, s.reporting, s.source) for s in e.senses)
    objects = tuple((o, -1 if s is None else at[id(s)]) for o, s in e.by_object.items())
    return e.lemma, e.pos, e.particle, senses, objects, -1 if e.default is None else at[id(e.default)], e.origin


def _decode(t: tuple) -> _Entry:
    senses = tuple(Sense(a, b, c, d, frozenset(o), p, tf, r, src) for a, b, c, d, o, p, tf, r, src in t[3])
    by_object = {o: None if i < 0 else senses[i] for o, i in t[4]}
    return _Entry(t[0], t[1], t[2], senses, by_object, None if t[5] < 0 else senses[t[5]], t[6])


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    return Lexicon.from_files()
