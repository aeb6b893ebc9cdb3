"""Dashboard pages (server-rendered HTML; htmx swaps parts of them in place).

Each page calls the same library functions as the JSON API and the CLI; the URL holds all of
a page's state, so every view can be bookmarked, shared and reached with the back button.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import __version__
from ..api.params import FieldError, to_filters
from ..api.routes import MAX_PAGE, PAGE, NotFound, event_page, store_of
from ..models import MODALITIES, PLOVER_TYPES
from ..store import browse
from ..store.query import SORTS, facets as facet_counts
from ..store.stance import STANCE_LABEL, code_name, stance
from . import charts, geo, render

router = APIRouter(include_in_schema=False)
TEMPLATES = Path(__file__).resolve().parent / "templates"
FILTER_KEYS = ("text", "type", "modality", "actor", "target", "country", "since", "until", "place", "source",
               "min_documents")
# Shortcuts on the stance page: actions analysts ask about most (any words work in the form).
STANCE_PRESETS = ("send troops", "send weapons", "sanctions", "negotiate", "provide aid")
DEFAULT_SORT = "-time"  # the dashboard opens on the latest news (the API keeps the CLI's order)
SORT_LABELS = {"time": "oldest first", "-time": "newest first", "-documents": "most articles",
               "-confidence": "most confident", "confidence": "least confident", "documents": "fewest articles",
               "goldstein": "most conflictual", "-goldstein": "most cooperative"}


def qs(params: dict[str, Any], **changes: Any) -> str:
    """'?a=1&b=2' from params with changes applied; empty values are left out."""
    merged = {**params, **changes}
    items = [(k, v) for k, v in merged.items() if v not in (None, "")]
    return ("?" + urlencode(items)) if items else ""


def _params(raw: dict[str, Any], *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The filters in use (for links), without defaults."""
    return {k: raw[k] for k in FILTER_KEYS
            if raw.get(k) not in (None, "") and k not in skip and not (k == "min_documents" and raw[k] == 1)}


_env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]),
                   trim_blocks=True, lstrip_blocks=True)
_env.globals.update(party=render.party, when=render.when, money=render.money, glyph=render.MODALITY_GLYPH,
                    stance_label=render.stance_label, code_name=code_name, qs=qs, version=__version__,
                    month_label=charts.month_label, type_colours=charts.TYPE_COLOURS, modalities=MODALITIES,
                    plover_types=PLOVER_TYPES, sort_labels=SORT_LABELS, stance_labels=STANCE_LABEL)


def page(request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    """Render a template with the request's path for the navigation."""
    html = _env.get_template(template).render(path=request.url.path, **ctx)
    return HTMLResponse(html, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    """An error page (404 unknown id, 422 bad parameter ...) with the coded message."""
    titles = {404: "Not found", 413: "Too large", 422: "Bad request", 401: "Not allowed", 403: "Read-only",
              503: "Store unavailable"}
    return page(request, "error.html", status=status, title=titles.get(status, "Error"), message=message,
                code=status)


def _raw(request: Request) -> dict[str, Any]:
    q = request.query_params
    raw: dict[str, Any] = {k: q.get(k) for k in FILTER_KEYS if k != "min_documents"}
    md = q.get("min_documents") or "1"
    if not md.isdigit() or int(md) < 1:
        raise FieldError("min_documents", "[E622] min_documents must be a whole number of at least 1", "E622")
    raw["min_documents"] = int(md)
    return raw


@router.get("/", response_class=HTMLResponse)
def start(request: Request):
    store = store_of(request)
    st = store.stats()
    top = browse.actors(store, limit=12)
    target = next((a["code"] for a in sorted(top, key=lambda a: -a["as_target"]) if a["as_target"]), None)
    return page(request, "start.html", stats=st, top=top, presets=STANCE_PRESETS, target=target)


@router.get("/events", response_class=HTMLResponse)
def events(request: Request):
    store = store_of(request)
    q = request.query_params
    sort = q.get("sort") or DEFAULT_SORT
    if sort not in SORTS:
        raise FieldError("sort", f"[E601] unknown sort {sort!r}: use one of {', '.join(SORTS)}", "E601")
    limit = q.get("limit") or str(PAGE)
    if not limit.isdigit() or not 1 <= int(limit) <= MAX_PAGE:
        raise FieldError("limit", f"[E621] limit must be a whole number from 1 to {MAX_PAGE}", "E621")
    raw = _raw(request)
    counted = facet_counts(store, to_filters(raw))
    total = sum(n for _, n in counted["modality"])  # every event has exactly one modality
    result = event_page(store, raw, sort=sort, cursor=q.get("cursor") or None, limit=int(limit), total=total)
    facets = {}
    for name, counts in counted.items():
        counts = counts[:60]
        chosen = raw.get(name) or ""
        if chosen and chosen.upper() not in {v.upper() for v, _ in counts}:
            counts.insert(0, (chosen, 0))  # keep the user's choice visible (and removable) at 0
        facets[name] = counts
    params = _params(raw)
    if sort != DEFAULT_SORT:
        params["sort"] = sort
    return page(request, "events.html", result=result, facets=facets, raw=raw, params=params, sort=sort,
                sorts=list(SORTS), cursor=q.get("cursor"))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str):
    store = store_of(request)
    ev = browse.event_detail(store, event_id)
    if ev is None:
        raise NotFound(f"no event with id {event_id!r}", code="E610")
    rep = next((m for m in ev["all_mentions"] if m["id"] == ev["mention_id"]), ev["all_mentions"][0])
    doc = browse.document(store, rep["doc_id"])
    text = render.marked_text(doc["text"], rep) if doc else ""
    others = [m for m in ev["mentions"] if m["doc_id"] != rep["doc_id"]]
    names = browse.labels(store, [m["doc_id"] for m in ev["mentions"]])
    return page(request, "event.html", ev=ev, rep=rep, doc=doc, text=text, others=others, names=names)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str):
    store = store_of(request)
    doc = browse.document(store, doc_id)
    if doc is None:
        raise NotFound(f"no document with id {doc_id!r}", code="E611")
    mention_id = request.query_params.get("mention")
    shown = next((m for m in doc["events"] if m["id"] == mention_id), None)
    if mention_id and shown is None:
        raise NotFound(f"document {doc_id!r} has no mention {mention_id!r}", code="E610")
    return page(request, "document.html", doc=doc, shown=shown, text=render.marked_text(doc["text"], shown),
                names=browse.labels(store, [doc["id"]]))


def _targets(store) -> list[dict[str, Any]]:
    return sorted((a for a in browse.actors(store) if a["as_target"]), key=lambda a: (-a["as_target"], a["code"]))[:40]


@router.get("/stance", response_class=HTMLResponse)
def stance_page(request: Request):
    store = store_of(request)
    q = request.query_params
    targets = _targets(store)
    action = (q.get("action") or "").strip()
    target = (q.get("target") or (targets[0]["code"] if targets else "")).strip().upper()
    f = to_filters({"since": q.get("since"), "until": q.get("until")})
    month = q.get("month") or None
    if month and charts.iso_month(month) is None:
        raise FieldError("month", f"[E623] month {month!r} is not YYYY-MM", "E623")
    actor = (q.get("actor") or "").upper() or None
    res = grid = chosen = None
    names: dict[str, str] = {}
    if action and target:
        res = stance(store, action, target, since=f.since, until=f.until)
        grid = charts.stance_grid(res)
        if actor or month:
            chosen = charts.statements_for(res, actor, month)
            names = browse.labels(store, [s["doc_id"] for s in chosen])
    params = {"action": action, "target": target, "since": q.get("since"), "until": q.get("until")}
    return page(request, "stance.html", res=res, grid=grid, chosen=chosen, actor=actor, month=month, names=names,
                params=params, presets=STANCE_PRESETS, targets=targets, action=action, target=target)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request):
    store = store_of(request)
    q = request.query_params
    bucket = q.get("bucket") or "week"
    if bucket not in browse.BUCKETS:
        raise FieldError("bucket", f"[E603] unknown bucket {bucket!r}: use day, week or month", "E603")
    raw = _raw(request)
    tl = browse.timeline(store, to_filters(raw), bucket)
    params = _params(raw)
    return page(request, "timeline.html", tl=tl, svg=charts.timeline_svg(tl), raw=raw, bucket=bucket,
                params=params, actors=browse.actors(store, limit=60))


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request):
    store = store_of(request)
    raw = _raw(request)
    data = browse.places(store, to_filters(raw))
    params = _params(raw, skip=("place",))
    world = request.query_params.get("view") == "world"
    svg = geo.map_svg(data, lambda p: "/events" + qs(params, place=p["name"]), world=world)
    return page(request, "map.html", data=data, svg=svg, raw=raw, params=params, world=world)
