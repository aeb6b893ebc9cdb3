"""POST /api/extract (nothing stored) and POST /api/ingest (needs the bearer token).

A body is read the way `tacitus extract -` reads standard input (`ingest.read_documents`):
plain text, an HTML page, or JSON document objects ({"text": ..., "published": ...}, one
per line), with the same coded errors (E103 binary, E104 empty, E106 no article, E107 not
English, E108 bad record ...), answered here with 422.
"""
from __future__ import annotations

import hmac
import io
import json
import threading
from typing import Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from ..errors import TacitusError
from ..ingest import IngestFailure, read_documents
from ..models import Document
from ..settings import parse_date
from . import schemas
from .params import FieldError
from .state import ServeError

router = APIRouter(prefix="/api", tags=["extraction"])
_WRITE = threading.Lock()  # one ingest at a time: documents are committed in order

BODY_DOC = {
    "content": {
        "application/json": {"schema": schemas.ExtractRequest.model_json_schema()},
        "text/plain": {"schema": {"type": "string"}, "example": "Poland is not considering sending troops."},
        "text/html": {"schema": {"type": "string"}},
    },
    "description": "the article as plain text, an HTML page, or a JSON document object (JSONL: one per line)",
}
ERRORS = {413: {"model": schemas.Error, "description": "body over the size limit"},
          422: {"model": schemas.ValidationErrorOut, "description": "not a usable document (code says why)"}}


class Unauthorized(ServeError):
    status = 401


class ReadOnly(ServeError):
    status = 403


def _documents(body: bytes, content_type: str, published: str | None) -> list[Document]:
    """Documents of a request body, or FieldError (422) naming what is wrong."""
    try:
        pub = parse_date(published or None, "published")
    except TacitusError as e:
        raise FieldError("published", str(e), e.code) from None
    if not body.strip():
        raise FieldError("body", "[E104] the request body is empty; post the article text", "E104", where="body")
    if content_type.split(";")[0].strip().lower() == "application/json":
        try:
            obj = json.loads(body)
        except (ValueError, UnicodeDecodeError) as e:
            raise FieldError("body", f"[E108] the body is not valid JSON ({e}); post one document object "
                                     f"like {{\"text\": \"...\"}}", "E108", where="body") from None
        items = obj if isinstance(obj, list) else [obj]
        # Re-serialised as JSONL so that records go through the CLI's own record checks.
        body = "\n".join(json.dumps(o, ensure_ascii=False) for o in items).encode("utf-8")
        if not items or not all(isinstance(o, dict) and "text" in o for o in items):
            raise FieldError("text", "[E108] each JSON document needs a \"text\" field with the article",
                             "E108", where="body")
    docs: list[Document] = []
    for item in read_documents(["-"], published=pub, stdin=io.BytesIO(body)):
        if isinstance(item, IngestFailure):
            # Messages name the CLI's standard input; here it is the request body.
            msg = str(item.error).replace("standard input", "the request body").replace("<stdin>", "body")
            raise FieldError("body", msg, item.code, where="body")
        docs.append(item)
    return docs


def _extract(models, docs: list[Document]) -> dict[str, Any]:
    with models.lock:
        pipe = models.pipeline()
        out = []
        for doc, events in pipe.extract_documents(docs):
            out.append({"id": doc.id, "published": doc.published.isoformat() if doc.published else None,
                        "title": doc.title, "source": doc.source, "url": doc.url, "n_chars": len(doc.text),
                        "events": [e.to_dict() for e in events]})
    return {"documents": out, "n_events": sum(len(d["events"]) for d in out)}


@router.post("/extract", response_model=schemas.Extracted, responses=ERRORS, openapi_extra={"requestBody": BODY_DOC})
async def extract(request: Request, published: str | None = Query(
        None, description="publication date (YYYY-MM-DD) for text that carries none")):
    """Events of the posted article (text, HTML or JSON document); nothing is stored. The first
    call loads the spaCy model (several seconds)."""
    body = await request.body()
    docs = _documents(body, request.headers.get("content-type", ""), published)
    return await run_in_threadpool(_extract, request.app.state.models, docs)


def _check_token(request: Request) -> None:
    token = request.app.state.config.token
    if token is None:
        raise ReadOnly("this server is read-only: start it with `tacitus serve --token-file FILE` to allow "
                       "POST /api/ingest", code="E615")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise Unauthorized("POST /api/ingest needs the header `Authorization: Bearer TOKEN` with the token "
                           "of the server's --token-file", code="E614")


def _ingest(request: Request, docs: list[Document]) -> dict[str, Any]:
    from ..pipeline import PIPELINE_VERSION
    from ..store.ingest import ingest

    models = request.app.state.models
    store = request.app.state.stores.get()
    with _WRITE, models.lock:
        s = ingest(store, docs, pipeline_factory=models.pipeline, pipeline_version=PIPELINE_VERSION)
        return {**s.to_dict(), "doc_ids": [d.id for d in docs], "totals": store.stats()}


@router.post("/ingest", response_model=schemas.Ingested, tags=["writes"], openapi_extra={"requestBody": BODY_DOC},
             responses={**ERRORS, 401: {"model": schemas.Error, "description": "no or wrong bearer token"},
                        403: {"model": schemas.Error, "description": "the server is read-only"}})
async def ingest_documents(request: Request, published: str | None = Query(
        None, description="publication date (YYYY-MM-DD) for text that carries none")):
    """Extract the posted article(s) and store them (as `tacitus ingest`). Needs
    `Authorization: Bearer TOKEN`; documents already stored with the same text are skipped."""
    _check_token(request)
    body = await request.body()
    docs = _documents(body, request.headers.get("content-type", ""), published)
    return await run_in_threadpool(_ingest, request, docs)
