"""The PLOVER/CAMEO ontology (types, modes, contexts, crosswalk, labels, Goldstein weights) and the
PLOVER-strict view of (type, modality). Shared by extraction, the store and the exports."""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import DataFileError

ONTOLOGY_DIR = Path(__file__).resolve().parent / "data" / "ontology"

# PLOVER codes stated intent to cooperate as AGREE and refusals (of any action) as REJECT;
# threatened or predicted conflict is THREATEN. Asserted events keep their type. This is a derived view only: `type`
# and `modality` stay as extracted.
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "PROTEST"})


def plover_view(etype: str, modality: str) -> str:
    """Map (type, modality) to the PLOVER-strict type."""
    if modality == "asserted":
        return etype
    if modality in {"planned", "possible", "hypothetical"}:
        if etype in COOPERATIVE:
            return "AGREE"
        if etype in MATERIAL_CONFLICT:
            return "THREATEN"
        return etype
    if modality == "negated":
        # A refusal, a denial or "will not ..." is REJECT in PLOVER's strict view, whatever the action.
        return "REJECT"
    return etype


@dataclass(frozen=True, slots=True)
class CameoMapping:
    type: str
    mode: str | None
    contexts: tuple[str, ...]


class Ontology:
    """PLOVER types/modes/contexts, the CAMEO->PLOVER crosswalk, CAMEO labels and Goldstein weights."""

    def __init__(self, directory: Path | str = ONTOLOGY_DIR):
        d = Path(directory)
        path = d / "plover.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            self.types: dict[str, dict[str, Any]] = data["types"]
            self._modes = {t: tuple(m["mode"] for m in v["modes"]) for t, v in self.types.items()}
            self.contexts: frozenset[str] = frozenset(c["context"] for c in data["contexts"])
            self.context_aliases: dict[str, str] = dict(data.get("context_aliases", {}))
            self.version: str = data.get("version", "")
            for t, v in self.types.items():
                if not v.get("quad") or not isinstance(v.get("requires_recipient"), bool):
                    raise ValueError(f"type {t} lacks quad or requires_recipient")
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise DataFileError(f"{path}: cannot read the PLOVER ontology: {e}") from e
        if len(self.types) != 16:
            raise DataFileError(f"{path}: expected 16 PLOVER types, found {len(self.types)}")
        self.labels: dict[str, str] = {r["cameo"]: r["label"] for r in _read_csv(d / "cameo_codes.csv")}
        self.crosswalk: dict[str, CameoMapping] = {}
        for n, r in enumerate(_read_csv(d / "cameo_to_plover.csv"), start=2):
            ctx = tuple(c for c in r["contexts"].split(";") if c)
            mode = r["mode"] or None
            if r["type"] not in self.types or (mode and mode not in self._modes[r["type"]]) \
                    or any(c not in self.contexts for c in ctx):
                raise DataFileError(f"{d / 'cameo_to_plover.csv'}: line {n}: bad type/mode/context {r}")
            self.crosswalk[r["cameo"]] = CameoMapping(r["type"], mode, ctx)
        self._goldstein: dict[str, float] = {}
        gpath = d / "goldstein.tsv"
        try:
            for line in gpath.read_text(encoding="utf-8").splitlines()[1:]:
                code, value = line.split("\t")
                self._goldstein[code] = float(value)
        except (OSError, ValueError) as e:
            raise DataFileError(f"{gpath}: cannot read Goldstein weights: {e}") from e

    @classmethod
    def default(cls) -> "Ontology":
        return _default_ontology()

    def quad(self, type: str) -> str:
        return self.types[type.upper()]["quad"]

    def requires_recipient(self, type: str) -> bool:
        return self.types[type.upper()]["requires_recipient"]

    def modes(self, type: str) -> tuple[str, ...]:
        return self._modes[type.upper()]

    def is_cameo(self, code: str | None) -> bool:
        return code is not None and code in self.labels

    def cameo_label(self, code: str | None) -> str | None:
        return self.labels.get(code) if code else None

    def context(self, name: str) -> str | None:
        """Canonical context name (aliases such as "pro-democracy" accepted), or None."""
        name = self.context_aliases.get(name, name)
        return name if name in self.contexts else None

    def goldstein(self, cameo: str | None) -> float | None:
        """Goldstein weight of a CAMEO code (falling back to its parent code), or None."""
        code = cameo or ""
        while len(code) >= 2:
            if code in self._goldstein:
                return self._goldstein[code]
            code = code[:-1]
        return None

    def plover_from_cameo(self, code: str | None) -> tuple[str, str | None, tuple[str, ...]] | None:
        """(type, mode, contexts) for a CAMEO code (parent code if unlisted); None for statements (01x)."""
        c = (code or "").strip()
        while len(c) >= 2:
            m = self.crosswalk.get(c)
            if m:
                return m.type, m.mode, m.contexts
            c = c[:-1]
        return None


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    except OSError as e:
        raise DataFileError(f"{path}: cannot read: {e}") from e


@lru_cache(maxsize=1)
def _default_ontology() -> Ontology:
    return Ontology(ONTOLOGY_DIR)
