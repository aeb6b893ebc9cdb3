"""Coded errors (E-numbers) so users and tests can tell failures apart, as spaCy's errors.py does."""
from __future__ import annotations


class TacitusError(Exception):
    """Base error: `code` is stable, the message says what to do."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None):
        if code:
            self.code = code
        super().__init__(f"[{self.code}] {message}")


class InputError(TacitusError):
    """A document or path that cannot be read as an article (missing, binary, empty, ...)."""

    code = "E100"


class DataFileError(TacitusError):
    """A lexicon, dictionary or ontology data file that fails schema validation."""

    code = "E200"


class ModelError(TacitusError):
    """The spaCy pipeline or a shipped model cannot be loaded."""

    code = "E300"


class SettingsError(TacitusError):
    """An invalid setting (bad date, unknown format, ...)."""

    code = "E400"
