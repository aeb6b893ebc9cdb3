"""`tacitus serve`: the REST API and the dashboard over an event store (registered by cli.build_parser)."""
from __future__ import annotations

import argparse
import socket
import signal
import sys

from ..store import Store
from ..store.db import DEFAULT_DB, is_postgres, redact_url
from .state import MAX_BODY, ServeConfig, ServeError, check_store, read_token


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket, bound here so a busy port is a one-line error, not a traceback."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise ServeError(f"cannot resolve host {host!r}: {e.strerror}", code="E617") from None
    family, _, proto, _, addr = infos[0]
    # The protocol must be IPPROTO_TCP, not 0: asyncio only sets TCP_NODELAY on accepted sockets
    # that say so, and without it every keep-alive response waits 40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, proto or socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(addr)
    except OSError as e:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {e.strerror}; choose another --port", code="E617") from None
    sock.listen(128)
    return sock


def cmd_serve(args: argparse.Namespace) -> int:
    """tacitus serve [--db] [--host] [--port] [--token-file]."""
    import uvicorn

    from .app import create_app

    db = args.db or DEFAULT_DB
    check_store(db)
    if not 0 <= args.port <= 65535:
        raise ServeError(f"--port {args.port} is not a TCP port: use 1-65535 (0 picks a free one)", code="E617")
    if args.max_body < 1:
        raise ServeError("--max-body must be at least 1 byte", code="E617")
    token = read_token(args.token_file) if args.token_file else None
    config = ServeConfig(db=db, token=token, max_body=args.max_body)
    with Store.open(db):
        pass  # a store that cannot be opened fails here, with its coded error, before listening
    app = create_app(config)
    sock = _bind(args.host, args.port)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    mode = "writes allowed with the bearer token" if token else "read-only"
    where = redact_url(db) if is_postgres(db) else db
    print(f"tacitus: serving {where} ({mode})", file=sys.stderr)
    # The URL goes to stdout, alone on its line, so scripts and tests can read it.
    print(f"http://{shown}:{port}/", flush=True)
    print(f"tacitus: API docs at http://{shown}:{port}/docs; press Ctrl-C to stop", file=sys.stderr, flush=True)
    class _Server(uvicorn.Server):
        """uvicorn's server, remembering the signal that stopped it."""

        stopped_by: int | None = None

        def handle_exit(self, sig, frame) -> None:
            self.stopped_by = sig
            super().handle_exit(sig, frame)

    # Keep-alive past uvicorn's 5 s: a browser idling between clicks keeps its connection.
    server = _Server(uvicorn.Config(app, log_level=args.log_level, access_log=args.log_level == "debug",
                                    lifespan="on", server_header=False, timeout_keep_alive=30))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    # uvicorn re-raises the signal after a graceful stop, but asyncio may swallow that re-raise when it
    # lands as the server coroutine returns; Ctrl-C must exit 130 either way.
    return 130 if server.stopped_by == signal.SIGINT else 0


def add_commands(sub) -> None:
    """Add `serve` to the CLI."""
    p = sub.add_parser("serve", help="REST API and web dashboard over the event store",
                       description="Serve the event store: the JSON API under /api (OpenAPI at /docs) and the "
                                   "dashboard (events, stance, timeline, map). Read-only unless --token-file is "
                                   "given; nothing is loaded from the network.")
    p.add_argument("--db", metavar="URL", help=f"SQLite file (default ./{DEFAULT_DB}) or postgresql://user:pass@host/dbname")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    p.add_argument("--token-file", metavar="FILE",
                   help="file holding a bearer token; POST /api/ingest then accepts `Authorization: Bearer TOKEN`")
    p.add_argument("--max-body", type=int, default=MAX_BODY, metavar="BYTES",
                   help=f"largest POST body accepted (default {MAX_BODY:,}); larger ones get 413")
    p.add_argument("--log-level", default="warning", choices=["critical", "error", "warning", "info", "debug"],
                   help="server log level (debug also logs every request)")
    p.set_defaults(func=cmd_serve)
