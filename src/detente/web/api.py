"""The JSON API: the same filters and words as the CLI (see docs/web.md)."""

from __future__ import annotations

import hmac
import time
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from ..errors import BadParameterError, StoreError, UnauthorizedError, WritesDisabledError
from . import queries
from .coder import ExtractIn
from .reader import View

router = APIRouter(prefix="/api")


def view(request: Request) -> Iterator[View]:
    with request.app.state.reader.session() as v:
        yield v


ViewDep = Annotated[View, Depends(view)]


def event_query(
    dyad: Annotated[str | None, Query(description="A:B, e.g. BLR:RUS (both directions unless directed)")] = None,
    directed: Annotated[bool, Query(description="with dyad: only A acting on B")] = False,
    actor: Annotated[str | None, Query(description="country code, country or canonical name")] = None,
    country: Annotated[str | None, Query(description="source or target country code, e.g. LTU")] = None,
    type: Annotated[list[str] | None, Query(description="event type, e.g. SANCTION (repeatable)")] = None,
    quad: Annotated[list[str] | None, Query(description="quad class 1-4 (repeatable)")] = None,
    status: Annotated[list[str] | None, Query(description="asserted, negated, hypothetical, reported_claim")] = None,
    min_confidence: Annotated[str | None, Query(description="0-1")] = None,
    since: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    q: Annotated[str | None, Query(description="words that must all be in the evidence sentence")] = None,
    near: Annotated[str | None, Query(description="events placed within km of this place: a name (Kharkiv) "
                                                  "or LAT,LON")] = None,
    km: Annotated[str | None, Query(description="with near: the distance in kilometres (default 50)")] = None,
    admin1: Annotated[str | None, Query(description="events placed in this first-level division, e.g. "
                                                    "Kharkivs’ka Oblast’ (case-insensitive)")] = None,
    placed: Annotated[str | None, Query(description="true: only events with a place; false: only those "
                                                    "without one")] = None,
) -> queries.EventQuery:
    try:  # forms send empty fields: an empty value is no filter
        quads = [int(x) for x in quad or [] if x.strip()] or None
    except ValueError:
        raise BadParameterError(f"quad {quad!r}: give 1, 2, 3 or 4 (repeatable)") from None
    try:
        confidence = float(min_confidence) if min_confidence and min_confidence.strip() else None
    except ValueError:
        raise BadParameterError(f"min_confidence {min_confidence!r} is not a number; give one from 0 to 1") from None
    try:
        distance = float(km) if km and km.strip() else None
    except ValueError:
        raise BadParameterError(f"km {km!r} is not a number; give a distance in kilometres, like 25") from None
    return queries.EventQuery(dyad=dyad or None, directed=directed, actor=actor or None, country=country or None,
                              type=[t for t in type or [] if t] or None, quad=quads,
                              status=[s for s in status or [] if s] or None, min_confidence=confidence,
                              since=since or None, until=until or None, q=q or None,
                              near=near.strip() if near and near.strip() else None, km=distance,
                              admin1=admin1 or None, placed=_flag(placed, "placed"))


def _flag(value: str | None, name: str) -> bool | None:
    """true/false (1/0, yes/no); empty or 'any' is no filter."""
    text = (value or "").strip().lower()
    if text in ("", "any"):
        return None
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off"):
        return False
    raise BadParameterError(f"{name} {value!r}: give true or false (or leave it out)")


QueryDep = Annotated[queries.EventQuery, Depends(event_query)]


@router.get("/events", summary="Event mentions, filtered and paged")
def events(v: ViewDep, query: QueryDep,
           sort: Annotated[str, Query(description="day, confidence, score or id; '-' first: descending")] = "-day",
           limit: Annotated[int, Query(description=f"1-{queries.MAX_LIMIT}")] = 50,
           cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
           page: Annotated[int | None, Query(description="page number from 1 (instead of cursor)")] = None,
           ) -> dict[str, Any]:
    return queries.events_page(v, query, sort, limit, cursor, page)


@router.get("/events/{event_id}", summary="One event mention, with the other mentions of the same event")
def event(v: ViewDep, event_id: int) -> dict[str, Any]:
    return queries.event(v, event_id)


@router.get("/documents/{doc}", summary="A document: text, and the spans of its triggers, actors and quotes")
def document(v: ViewDep, doc: str) -> dict[str, Any]:
    return queries.document(v, doc)


@router.get("/dyads/{a}/{b}/series", summary="Per period and direction: events per quad class, score")
def dyad_series(v: ViewDep, a: str, b: str, query: QueryDep,
                by: Annotated[str, Query(description="day, week or month")] = "month",
                mentions: Annotated[bool, Query(description="count mentions, not events")] = False) -> dict[str, Any]:
    return queries.dyad_series(v, a, b, by, query, mentions)


@router.get("/actors", summary="The most active actors, or those whose name contains q")
def actors(v: ViewDep, top: Annotated[int, Query(description="how many")] = 20,
           q: Annotated[str | None, Query(description="part of a name or a country code")] = None) -> dict[str, Any]:
    return {"items": queries.actors(v, top, q)}


@router.get("/quotes", summary="Quotations, by speaker and by words in the text")
def quotes(v: ViewDep, speaker: str | None = None, q: str | None = None,
           actor: Annotated[str | None, Query(description="speaker's country code or canonical name")] = None,
           limit: int = 50, page: int = 1) -> dict[str, Any]:
    return queries.quotes(v, speaker, q, actor, limit, page)


@router.get("/map", summary="Placed events per point and quad class, the top places, and the map's figure")
def event_map(v: ViewDep, query: QueryDep,
              limit: Annotated[int, Query(description=f"most points (point, quad class, type), 1-{queries.MAX_POINTS}"
                                          )] = 2000,
              figure: Annotated[bool, Query(description="include the Plotly figure (world outline and points)")] = True,
              ) -> dict[str, Any]:
    return queries.event_map_data(v, query, limit, figure)


@router.get("/clusters", summary="Real-world events: mentions of one event across articles")
def clusters(v: ViewDep, query: QueryDep, limit: int = 50, page: int = 1) -> dict[str, Any]:
    return queries.clusters(v, query, limit, page)


@router.post("/extract", summary="Code posted text (one or a batch); nothing is stored")
def extract(request: Request, body: ExtractIn) -> dict[str, Any]:
    cfg = request.app.state.config
    items = body.items(cfg.max_batch)
    results = request.app.state.coder.code(items, time.monotonic() + cfg.request_timeout)
    return {"results": [r.model_dump(mode="json") for r in results]}


def _authorize(request: Request) -> None:
    cfg = request.app.state.config
    if not cfg.allow_writes:
        raise WritesDisabledError("this server is read-only; start it with --allow-writes and DETENTE_TOKEN set "
                                  "to ingest through the API")
    given = request.headers.get("authorization", "")
    scheme, _, token = given.partition(" ")
    if scheme.lower() != "bearer" or not cfg.token or not hmac.compare_digest(token.strip(), cfg.token):
        raise UnauthorizedError("send the server's token (DETENTE_TOKEN) as 'Authorization: Bearer TOKEN'")


@router.post("/documents", summary="Code and store documents (idempotent); needs --allow-writes and the token")
def ingest(request: Request, body: ExtractIn) -> dict[str, Any]:
    _authorize(request)
    cfg = request.app.state.config
    coder = request.app.state.coder
    items = body.items(cfg.max_batch)
    for item in items:
        if len(item.text) > coder.max_chars:
            raise BadParameterError(f"a text has {len(item.text):,} characters; at most {coder.max_chars:,} per "
                                    "document: split it, or ingest it with the CLI")
    from ..store import Store

    with coder.busy(time.monotonic() + cfg.request_timeout):
        with Store(request.app.state.reader.path, lock_wait=cfg.request_timeout) as store:
            summary = store.ingest(coder.documents(items), pipeline=coder.pipeline())
    if summary.seen != len(items):  # pragma: no cover - every input is accounted for
        raise StoreError("the ingest lost documents")
    return {"added": summary.added, "updated": summary.updated, "skipped": summary.skipped,
            "failed": summary.failed, "events": summary.events}
