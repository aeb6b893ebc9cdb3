"""The JSON API under /api: thin over the store's library functions (the CLI's query path)."""
from __future__ import annotations

import io
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ..store import browse
from ..store.query import SORTS, count_events, event_rows, flat_rows, objects_for_rows, write_csv
from ..store.stance import stance
from . import schemas
from .params import FieldError, decode_cursor, encode_cursor, filter_params, to_filters
from .state import ServeError

router = APIRouter(prefix="/api", tags=["events"])
PAGE = 50       # default events per JSON page
MAX_PAGE = 500
SortName = Literal[tuple(SORTS)]  # type: ignore[valid-type]

NOT_FOUND = {404: {"model": schemas.Error, "description": "no such id"}}
BAD = {422: {"model": schemas.ValidationErrorOut, "description": "a parameter is invalid (named in `loc`)"}}


def store_of(request: Request):
    """The calling thread's store (see state.StorePool)."""
    return request.app.state.stores.get()


class NotFound(ServeError):
    """An id the store does not hold (answered with 404)."""


def event_page(store, raw: dict[str, Any], *, sort: str, cursor: str | None, limit: int,
               total: int | None = None) -> dict[str, Any]:
    """One page of events, as /api/events returns it (also used by the dashboard, which knows
    the `total` from its facet counts already)."""
    filters = to_filters(raw, limit=limit + 1)   # one more tells whether a next page exists
    after = decode_cursor(cursor, sort) if cursor else None
    rows = event_rows(store, filters, sort=sort, after=after)
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = encode_cursor(sort, rows[-1]["sort_key"], rows[-1]["id"]) if more and rows else None
    if total is None:
        total = count_events(store, to_filters(raw))
    return {"total": total, "count": len(rows), "sort": sort,
            "next_cursor": nxt, "events": list(objects_for_rows(store, rows))}


def _csv(store, raw: dict[str, Any], sort: str, limit: int | None) -> str:
    """What `tacitus query --format csv` prints. Built whole, in the request's thread: a streamed
    body is iterated from other threads, and a SQLite connection stays in its own."""
    buf = io.StringIO()
    write_csv(buf, flat_rows(store, to_filters(raw, limit=limit), sort=sort))
    return buf.getvalue()


@router.get("/events", response_model=schemas.EventPage, responses={**BAD, 200: {
    "content": {"text/csv": {}}, "description": "a page of events (JSON), or every match as CSV"}})
def list_events(request: Request, raw: dict = Depends(filter_params),
                sort: SortName = Query("time", description="order; '-' first for descending"),
                cursor: str | None = Query(None, description="next_cursor of the previous page"),
                limit: int | None = Query(None, ge=1, description=f"events per page (JSON: default {PAGE}, "
                                          f"at most {MAX_PAGE}; CSV: all unless given)"),
                format: Literal["json", "csv"] = Query("json", description="json (paged) or csv (all rows)")):
    """Merged events matching the filters of `tacitus query`, sorted, with cursor pagination."""
    store = store_of(request)
    if format == "csv":
        if cursor:
            raise FieldError("cursor", "[E612] CSV is not paged: leave out cursor", "E612")
        return Response(_csv(store, raw, sort, limit), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="events.csv"'})
    if limit is not None and limit > MAX_PAGE:
        raise FieldError("limit", f"[E621] limit {limit} is over {MAX_PAGE} for JSON pages: page with "
                                  f"next_cursor, or use format=csv", "E621")
    return event_page(store, raw, sort=sort, cursor=cursor, limit=limit or PAGE)


@router.get("/events/{event_id}", response_model=schemas.EventDetail, responses=NOT_FOUND)
def get_event(request: Request, event_id: str):
    """One merged event with all its mentions (full objects with their articles), sources,
    contradicting events and evidence offsets."""
    ev = browse.event_detail(store_of(request), event_id)
    if ev is None:
        raise NotFound(f"no event with id {event_id!r}; ids come from /api/events", code="E610")
    return ev


@router.get("/documents/{doc_id}", response_model=schemas.Document, responses=NOT_FOUND)
def get_document(request: Request, doc_id: str):
    """A stored article: its text (evidence offsets index into it) and the events found in it."""
    doc = browse.document(store_of(request), doc_id)
    if doc is None:
        raise NotFound(f"no document with id {doc_id!r}; ids are the doc_id of events", code="E611")
    return doc


@router.get("/actors", response_model=schemas.ActorList, responses=BAD)
def list_actors(request: Request, raw: dict = Depends(filter_params),
                limit: int | None = Query(None, ge=1, description="at most this many, most frequent first")):
    """Actor and target codes of the matching events with their names and counts."""
    return {"actors": browse.actors(store_of(request), to_filters(raw), limit=limit)}


@router.get("/stance", response_model=schemas.Stance, responses=BAD)
def get_stance(request: Request,
               action: str = Query(..., min_length=2, description='action words, e.g. "send troops"'),
               target: str = Query(..., min_length=2, description="target country/organisation code, e.g. UKR"),
               since: str | None = Query(None, description="statements on or after YYYY-MM-DD"),
               until: str | None = Query(None, description="statements on or before YYYY-MM-DD")):
    """For each actor, its statements on ACTION towards the target over time (as `tacitus stance`)."""
    f = to_filters({"since": since, "until": until})
    return stance(store_of(request), action, target, since=f.since, until=f.until)


@router.get("/timeline", response_model=schemas.Timeline, responses=BAD)
def get_timeline(request: Request, raw: dict = Depends(filter_params),
                 bucket: Literal["day", "week", "month"] = Query("week")):
    """Events per PLOVER type and mean Goldstein score per day, week or month, for an actor,
    a pair (actor and target) or any filters."""
    return browse.timeline(store_of(request), to_filters(raw), bucket)


@router.get("/places", response_model=schemas.Places, responses=BAD)
def get_places(request: Request, raw: dict = Depends(filter_params)):
    """Places of the matching events (name, country, coordinates, events) and events per country."""
    return browse.places(store_of(request), to_filters(raw))


@router.get("/stats", response_model=schemas.Stats)
def get_stats(request: Request):
    """Counts in the store, as `tacitus stats --format json`."""
    return store_of(request).stats()
