"""Query parameters -> `query.Filters` (the CLI's filters), with 422 errors that name the field."""
from __future__ import annotations

import base64
import binascii
import json
from types import SimpleNamespace
from typing import Any

from fastapi import Query

from ..errors import TacitusError
from ..models import MODALITIES, PLOVER_TYPES
from ..settings import parse_date
from ..store.query import SORTS, Filters


class FieldError(Exception):
    """A request value that cannot be used: answered with 422 naming `field` (a query parameter
    unless `where` says otherwise)."""

    def __init__(self, field: str, message: str, code: str, where: str = "query"):
        super().__init__(message)
        self.field, self.message, self.code, self.where = field, message, code, where


# The library's error codes for a filter value, by the field they concern.
_CODE_FIELD = {"E501": "type", "E502": "modality"}


def filter_params(
    actor: str | None = Query(None, description="actor country/organisation code (CAN, NATO) or words of the name"),
    target: str | None = Query(None, description="target country/organisation code or words of the name"),
    type: str | None = Query(None, description="PLOVER type, matches type or plover_type: " + ", ".join(PLOVER_TYPES)),
    modality: str | None = Query(None, description="one of " + ", ".join(MODALITIES)),
    country: str | None = Query(None, description="actor, target or place in this country (ISO alpha-3)"),
    since: str | None = Query(None, description="event time ends on or after this date (YYYY-MM-DD)"),
    until: str | None = Query(None, description="event time starts on or before this date (YYYY-MM-DD)"),
    text: str | None = Query(None, description="every word occurs in an evidence sentence of the event"),
    source: str | None = Query(None, description="reported by this outlet"),
    place: str | None = Query(None, description="the event's place name (exact, any case)"),
    min_documents: int = Query(1, ge=1, description="reported by at least this many articles"),
) -> dict[str, Any]:
    """The filters of `tacitus query` as query parameters (all optional, combined with AND)."""
    return {"actor": actor, "target": target, "type": type, "modality": modality, "country": country,
            "since": since, "until": until, "text": text, "source": source, "place": place,
            "min_documents": min_documents}


def _date(value: str | None, field: str):
    try:
        return parse_date(value or None, field)
    except TacitusError as e:
        raise FieldError(field, str(e), e.code) from None


def to_filters(values: dict[str, Any], limit: int | None = None) -> Filters:
    """Filters from a dict of raw values, through `Filters.from_args` as the CLI does."""
    clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    clean = {k: (None if v == "" else v) for k, v in clean.items()}
    since, until = _date(clean.get("since"), "since"), _date(clean.get("until"), "until")
    if since and until and since > until:
        raise FieldError("until", f"[E620] until {until} is before since {since}; swap them", "E620")
    args = SimpleNamespace(**{**clean, "since": since, "until": until, "limit": limit})
    try:
        f = Filters.from_args(args)
    except TacitusError as e:
        raise FieldError(_CODE_FIELD.get(e.code, "query"), str(e), e.code) from None
    # from_args knows nothing of place (the CLI has no --place); it is passed on as given.
    from dataclasses import replace

    return replace(f, place=clean.get("place"))


def encode_cursor(sort: str, key: Any, event_id: str) -> str:
    """An opaque cursor for the page after the event with this sort key and id."""
    raw = json.dumps([sort, key, event_id], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, str]:
    """(sort key, id) from a cursor made by `encode_cursor` for the same sort; FieldError else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        s, key, event_id = json.loads(raw.decode("utf-8"))
        if not isinstance(event_id, str) or not isinstance(key, (str, int, float)) or isinstance(key, bool):
            raise ValueError(cursor)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise FieldError("cursor", "[E612] cursor is not one this server gave out: use the next_cursor of "
                                   "the previous page, or leave it out for the first page", "E612") from None
    if s != sort or s not in SORTS:
        raise FieldError("cursor", f"[E612] cursor belongs to sort {s!r}, not {sort!r}: keep the sort while "
                                   f"paging", "E612")
    return key, event_id
