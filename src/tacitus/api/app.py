"""The `tacitus serve` application: JSON API under /api, dashboard pages, OpenAPI at /docs."""
from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import ModelError, TacitusError
from ..store.db import StoreError
from .params import FieldError
from .state import Models, ServeConfig, StorePool

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
# Pages load only their own files: no CDN, nothing from the network (inline style attributes
# are allowed for colour swatches; scripts only from /static).
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
# Swagger UI starts from an inline script that FastAPI writes.
CSP_DOCS = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/openapi.json"))


class BodyLimit:
    """ASGI middleware: 413 for request bodies over `limit` bytes (declared or streamed)."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await self._too_large(scope, receive, send)
        seen = 0
        started = False

        async def counting_receive():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return msg

        async def tracking_send(msg):
            nonlocal started
            started = started or msg["type"] == "http.response.start"
            await send(msg)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except Exception as e:  # noqa: BLE001 - only our own signal is handled, the rest re-raised
            if started or not _too_large_in(e):
                raise
            await self._too_large(scope, receive, send)

    async def _too_large(self, scope, receive, send):
        msg = (f"[E613] request body over the {self.limit:,} byte limit: post one article at a time "
               f"(or ingest large batches with `tacitus ingest`)")
        await JSONResponse({"detail": msg, "code": "E613"}, status_code=413)(scope, receive, send)


class _TooLarge(Exception):
    pass


def _too_large_in(e: BaseException) -> bool:
    """Whether `e` is, or (through task groups) wraps, the body-limit signal."""
    if isinstance(e, _TooLarge):
        return True
    return isinstance(e, BaseExceptionGroup) and any(_too_large_in(x) for x in e.exceptions)


def create_app(config: ServeConfig) -> FastAPI:
    """The ASGI app for one store (see `tacitus serve`)."""
    from ..web.pages import router as pages_router
    from ..web.pages import render_error
    from .routes import NotFound
    from .routes import router as api_router
    from .writes import router as write_router

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.stores.close()

    app = FastAPI(title="Tacitus", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Read-only REST API over a Tacitus event store (PLOVER events with modality, "
                              "attribution and evidence). Writes (`POST /api/ingest`) need "
                              "`Authorization: Bearer TOKEN` and a server started with `--token-file`.")
    app.state.config = config
    app.state.stores = StorePool(config.db)
    app.state.models = Models()

    def error(request: Request, status: int, code: str, msg: str, loc: list | None = None):
        if _wants_html(request):
            return render_error(request, status, msg)
        body = ({"detail": [{"loc": loc, "msg": msg, "type": "value_error", "code": code}]} if loc
                else {"detail": msg, "code": code})
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse(body, status_code=status, headers=headers)

    @app.exception_handler(FieldError)
    async def on_field(request: Request, exc: FieldError):
        msg = exc.message if exc.message.startswith("[E") else f"[{exc.code}] {exc.message}"
        return error(request, 422, exc.code, msg, [exc.where] if exc.field == exc.where else [exc.where, exc.field])

    @app.exception_handler(NotFound)
    async def on_not_found(request: Request, exc: NotFound):
        return error(request, 404, exc.code, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404 and _wants_html(request):
            return render_error(request, 404, f"[E618] nothing at {request.url.path}: start from the menu above")
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError):
        if _wants_html(request):
            errs = "; ".join(f"{e['loc'][-1]}: {e['msg']}" for e in exc.errors())
            return render_error(request, 422, f"bad request: {errs}")
        items = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        return JSONResponse({"detail": items}, status_code=422)

    @app.exception_handler(StoreError)
    async def on_store(request: Request, exc: StoreError):
        # The store went away or broke under the server: say so, no traceback.
        return error(request, 503, exc.code, str(exc))

    @app.exception_handler(TacitusError)
    async def on_tacitus(request: Request, exc: TacitusError):
        # A missing spaCy model is the server's problem (503), a bad value the caller's (422).
        status = getattr(exc, "status", 503 if isinstance(exc, ModelError) else 422)
        return error(request, status, exc.code, str(exc), None)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP_DOCS if request.url.path == "/docs" else CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="Tacitus API",
                                   swagger_js_url="/static/vendor/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg",
                                   swagger_ui_parameters={"validatorUrl": None, "tryItOutEnabled": True})

    app.include_router(api_router)
    app.include_router(write_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(pages_router)
    app.add_middleware(BodyLimit, limit=config.max_body)
    return app
