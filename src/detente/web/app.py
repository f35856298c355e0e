"""The FastAPI application of ``detente serve``: the JSON API under /api, the pages, the static files.

>>> from detente.web import create_app
>>> app = create_app("news.duckdb")            # read-only; create_app(path, allow_writes=True, token="...")
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import (
    ApiError,
    BodyTooLargeError,
    DetenteError,
    MissingArgumentError,
    StoreError,
    UsageProblem,
)
from .coder import Coder
from .reader import Reader

log = logging.getLogger("detente.web")
ENV_TOKEN = "DETENTE_TOKEN"


@dataclass
class Config:
    allow_writes: bool = False
    token: str | None = None
    max_body: int = 1_000_000  # bytes in one request body
    max_batch: int = 20  # documents in one POST
    request_timeout: float = 60.0  # seconds for one POST (coding); queries: Reader.query_timeout
    doc_timeout: float = 20.0  # seconds for one posted document (E501 past it)
    max_chars: int = 100_000  # characters in one posted document


def error_json(code: str, message: str, status: int) -> JSONResponse:
    return JSONResponse({"code": code, "message": message}, status_code=status)


def status_of(exc: DetenteError) -> int:
    if isinstance(exc, ApiError):
        return exc.status
    if isinstance(exc, UsageProblem):
        return 400
    if isinstance(exc, StoreError):
        return 503 if "in use" in exc.message else 400
    return 500


class BodyLimit:
    """Refuses request bodies over MAX bytes with E603 (413), by Content-Length or while they stream in."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_big = BodyTooLargeError(f"the request body is over {self.max:,} bytes; send less text per request "
                                    "(or ingest large files with the CLI)")
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max:
            await error_json(too_big.code, too_big.message, too_big.status)(scope, receive, send)
            return
        if scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        # the body is read here, counted, and handed on whole: at most MAX bytes are ever held
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            seen += len(chunks[-1])
            if seen > self.max:
                await error_json(too_big.code, too_big.message, too_big.status)(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def create_app(db_path: str | os.PathLike[str], allow_writes: bool = False, token: str | None = None, *,
               pipeline: Any = None, config: Config | None = None, lock_wait: float = 10.0,
               query_timeout: float = 10.0) -> FastAPI:
    """The app over the store at DB_PATH. Writes (POST /api/documents) need ALLOW_WRITES and a bearer
    TOKEN (default: $DETENTE_TOKEN). PIPELINE: a loaded ``detente.Pipeline`` to code with (else one is
    loaded on the first POST)."""
    cfg = config or Config()
    cfg.allow_writes = allow_writes
    cfg.token = token if token is not None else os.environ.get(ENV_TOKEN) or None
    if allow_writes and not cfg.token:
        raise MissingArgumentError(f"--allow-writes needs a token: set {ENV_TOKEN} to a secret that clients send "
                                   "as 'Authorization: Bearer TOKEN'")
    path = Path(db_path)
    reader = Reader(path, lock_wait=lock_wait, query_timeout=query_timeout)
    try:
        reader.check()
    except BaseException:
        reader.close()
        raise
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        reader.close()

    app = FastAPI(title="detente", version="0.1.0", lifespan=lifespan,
                  description="Political events from news text: PLOVER events with their evidence, quotes, "
                              "dyad timelines, over one corpus store. Errors are JSON: "
                              '{"code": "E###", "message": "what went wrong and how to fix it"}.')
    app.state.reader = reader
    app.state.config = cfg
    app.state.coder = Coder(pipeline, timeout=cfg.doc_timeout, max_chars=cfg.max_chars)

    @app.exception_handler(DetenteError)
    async def coded(request: Request, exc: DetenteError) -> Response:
        if not request.url.path.startswith(("/api/", "/static/")):  # a page: the error as a page
            from .pages import render

            return render("error.html", status=status_of(exc), title=f"Error {exc.code}", error=exc)
        return error_json(exc.code, exc.message, status_of(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path"))
            parts.append(f"{where or 'body'}: {err.get('msg', 'invalid')}")
        return error_json("E601", "; ".join(parts) + " (see /docs for each parameter)", 400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return error_json("E602", f"no page {request.url.path}; the API is under /api (see /docs)", 404)
        if exc.status_code == 405:
            return error_json("E601", f"{request.method} is not allowed on {request.url.path} (see /docs)", 405)
        return error_json("E600", str(exc.detail), exc.status_code)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:  # pragma: no cover - a bug
        log.exception("request failed: %s", request.url.path)
        return error_json("E699", f"internal error ({type(exc).__name__}); please report it with the URL", 500)

    from . import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(BodyLimit, max_bytes=cfg.max_body)
    return app
