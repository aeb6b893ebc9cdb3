"""Schemas and loaders for the packaged actor dictionaries (data/actors/): every row is validated with pydantic
and a bad row raises DataFileError naming the file and line. Regenerate the files with scripts/build_actor_data.py."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..datacache import load_yaml
from ..errors import DataFileError

ACTOR_DIR = "data/actors"
FILES = ("countries.jsonl", "organizations.jsonl", "people.jsonl", "sectors.yaml")
Kind = Literal["state", "organization", "person", "group"]
_CODE = r"^[A-Z][A-Z0-9]{1,23}$"
_SECTOR = r"^[A-Z]{3}$"


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class SeatRow(_Row):
    name: str = Field(min_length=1)
    sector: str = Field(pattern=_SECTOR)


class CountryRow(_Row):
    code: str = Field(pattern=r"^[A-Z]{3}$")
    name: str = Field(min_length=1)
    aliases: list[str] = []
    demonyms: list[str] = []
    capitals: list[str] = []
    seats: list[SeatRow] = []


class OrgRow(_Row):
    code: str = Field(pattern=_CODE)
    name: str = Field(min_length=1)
    aliases: list[str] = []
    sector: str | None = Field(default=None, pattern=_SECTOR)
    kind: Kind = "organization"
    country: str | None = Field(default=None, pattern=_CODE)


class RoleRow(_Row):
    country: str = Field(pattern=_CODE)
    sector: str | None = Field(default=None, pattern=_SECTOR)
    start: date | None = None
    end: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "RoleRow":
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"role starts {self.start} after it ends {self.end}")
        return self


class PersonRow(_Row):
    name: str = Field(min_length=1)
    aliases: list[str] = []
    roles: list[RoleRow] = Field(min_length=1)


class NounRow(_Row):
    sector: str = Field(pattern=_SECTOR)
    kind: Kind


class SectorsFile(_Row):
    version: str
    generic: list[str] = []
    nouns: dict[str, NounRow]


@dataclass(frozen=True, slots=True)
class ActorData:
    """Everything the resolver indexes, validated."""

    countries: tuple[CountryRow, ...]
    organizations: tuple[OrgRow, ...]
    people: tuple[PersonRow, ...]
    sectors: SectorsFile


def _where(directory: str | Path | None, name: str) -> Any:
    if directory is None:
        return resources.files("tacitus").joinpath(f"{ACTOR_DIR}/{name}")
    return Path(directory) / name


def _short(exc: ValidationError) -> str:
    e = exc.errors()[0]
    loc = ".".join(str(x) for x in e.get("loc", ()))
    return f"{loc}: {e.get('msg')}" if loc else str(e.get("msg"))


def load_jsonl(where: Any, model: type[_Row]) -> tuple[Any, ...]:
    """Parse and validate a JSON-lines file; DataFileError(E210) names file:line on the first bad row."""
    try:
        text = where.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"{where}: cannot read actor data: {exc}", code="E210") from exc
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            rows.append(model.model_validate(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise DataFileError(f"{where}:{n}: not JSON: {exc.msg}", code="E210") from exc
        except ValidationError as exc:
            raise DataFileError(f"{where}:{n}: bad {model.__name__}: {_short(exc)}", code="E210") from exc
    return tuple(rows)


def load_sectors(where: Any) -> SectorsFile:
    """Parse and validate sectors.yaml; the error names the line of the offending noun when it can."""
    try:
        text = where.read_text(encoding="utf-8")
        raw = load_yaml(text)
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{where}: cannot read sector nouns: {exc}", code="E210") from exc
    try:
        return SectorsFile.model_validate(raw)
    except ValidationError as exc:
        loc = exc.errors()[0].get("loc", ())
        line = 0
        if len(loc) >= 2 and loc[0] == "nouns":
            for n, ln in enumerate(text.splitlines(), 1):
                if ln.strip().rstrip(":").strip("'\"") == str(loc[1]):
                    line = n
                    break
        at = f":{line}" if line else ""
        raise DataFileError(f"{where}{at}: bad sectors file: {_short(exc)}", code="E210") from exc


def load_actor_data(directory: str | Path | None = None) -> ActorData:
    """Load and validate every actor file (the packaged ones unless `directory` is given)."""
    return ActorData(
        countries=load_jsonl(_where(directory, "countries.jsonl"), CountryRow),
        organizations=load_jsonl(_where(directory, "organizations.jsonl"), OrgRow),
        people=load_jsonl(_where(directory, "people.jsonl"), PersonRow),
        sectors=load_sectors(_where(directory, "sectors.yaml")),
    )
