"""One validated Settings object instead of long keyword lists (dateparser's conf idea)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from .errors import SettingsError


def parse_date(value: str | date | None, what: str = "date") -> date | None:
    """YYYY-MM-DD -> date, with a coded error that says what to type instead."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise SettingsError(f"{what} {value!r} is not a date: use YYYY-MM-DD, e.g. 2024-03-01",
                            code="E401") from exc


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run can be configured with; validated on creation."""

    published: date | None = None      # fallback publication date for inputs without one
    model: str | None = None           # spaCy pipeline name or path; None = best installed
    batch_size: int = 32
    processes: int = 1
    lexicons: tuple[str, ...] = field(default_factory=tuple)   # extra user trigger lexicons
    min_confidence: float = 0.0
    type_model: bool = True            # revise lexicon types with the shipped learned classifier
    stages: tuple[str, ...] | None = None  # extraction stages in order (None = extract.registry.DEFAULT_STAGES)

    def __post_init__(self):
        if self.batch_size < 1:
            raise SettingsError("batch_size must be >= 1", code="E402")
        if self.processes < 1:
            raise SettingsError("processes must be >= 1", code="E403")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise SettingsError("min_confidence must be within [0, 1]", code="E404")

    def with_(self, **changes) -> "Settings":
        """A validated copy with some fields changed."""
        return replace(self, **changes)
