"""The web app's pages: server-rendered HTML (Jinja2) with small scripts; every filter is in the URL."""

from __future__ import annotations

import html
from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .. import charts
from ..analysis import QUADS, STATUSES
from ..errors import NotFoundError
from ..ontology import EVENT_TYPES
from . import queries
from .api import QueryDep
from .reader import View

router = APIRouter(include_in_schema=False)
STATIC = {"app.css": "text/css", "app.js": "text/javascript"}
KEEP_FALSE = {"placed"}  # parameters whose false is a filter (placed=false: events without a place)


@cache
def env() -> Environment:
    e = Environment(loader=PackageLoader("detente.web", "data/templates"), autoescape=select_autoescape(),
                    trim_blocks=True, lstrip_blocks=True)
    e.globals.update(types=EVENT_TYPES, statuses=STATUSES, quads=QUADS, qs=_qs, chart=_chart)
    return e


def _qs(params: dict[str, Any], **change: Any) -> str:
    """A query string from PARAMS with CHANGE applied (None removes a key); lists repeat their key."""
    merged = {**params, **change}
    pairs: list[tuple[str, Any]] = []
    for key, value in merged.items():
        if value is None or (value in ("", [], False) and key not in KEEP_FALSE):
            continue
        for v in value if isinstance(value, list) else [value]:
            pairs.append((key, "true" if v is True else "false" if v is False else v))
    return ("?" + urlencode(pairs)) if pairs else ""


def _chart(figure: dict[str, Any], id: str) -> Markup:
    return Markup(charts.chart_div(figure, id))


def render(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(env().get_template(template).render(**context), status_code=status)


def page_view(request: Request) -> Iterator[View]:
    with request.app.state.reader.session() as v:
        yield v


PageView = Annotated[View, Depends(page_view)]


@router.get("/static/plotly.min.js")
def plotly_js() -> Response:
    return PlainTextResponse(charts.plotly_js(), media_type="text/javascript",
                             headers={"Cache-Control": "public, max-age=86400"})


@router.get("/static/{name}")
def static(name: str) -> Response:
    if name not in STATIC:
        raise NotFoundError(f"no static file {name!r}")
    from importlib import resources

    text = (resources.files("detente.web") / "data" / "static" / name).read_text("utf-8")
    if name == "app.js":
        text = charts.CHART_INIT + "\n" + text  # the chart code the report inlines
    return PlainTextResponse(text, media_type=STATIC[name], headers={"Cache-Control": "public, max-age=3600"})


@router.get("/", response_class=HTMLResponse)
def overview(v: PageView) -> HTMLResponse:
    data = queries.overview(v)
    return render("overview.html", title="Overview", store=v.path.name, **data)


@router.get("/events", response_class=HTMLResponse)
def events(v: PageView, query: QueryDep, sort: str = "-day", page: Annotated[int, Query()] = 1,
           limit: int = 50) -> HTMLResponse:
    params = {**query.params(), "sort": None if sort == "-day" else sort, "limit": None if limit == 50 else limit}
    result = queries.events_page(v, query, sort, limit, None, page)
    pages = max(1, -(-result["total"] // limit))
    return render("events.html", **{**result, "title": "Events", "params": params, "query": query, "sort": sort,
                                    "page": page, "pages": pages})


@router.get("/map", response_class=HTMLResponse)
def event_map(v: PageView, query: QueryDep) -> HTMLResponse:
    """The map: counts and top places here, the figure drawn from /api/map by app.js."""
    params = query.params()
    data = queries.event_map_data(v, query, figure=False)
    return render("map.html", **{**data, "title": "Map", "params": params, "query": query,
                                 "api": "/api/map" + _qs(params),
                                 "events_url": "/events" + _qs(params, near=None, km=None)})


@router.get("/events/{event_id}")
def event(v: PageView, event_id: int) -> Response:
    ev = queries.event(v, event_id)
    return RedirectResponse(f"/documents/{ev['document']['id']}?event={event_id}#ev-{event_id}", status_code=303)


def highlight(text: str, spans: list[dict[str, Any]], selected: int | None) -> Markup:
    """TEXT as HTML, each stretch marked with the kinds of span over it (sentence, trigger, actor, quote)."""
    cuts = sorted({0, len(text)} | {s["start"] for s in spans} | {s["end"] for s in spans})
    out: list[str] = []
    anchored: set[int] = set()
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[start:end])
        over = [s for s in spans if s["start"] <= start and s["end"] >= end]
        if not over:
            out.append(piece)
            continue
        kinds = sorted({s["kind"] for s in over})
        classes = ["hl"] + [f"hl-{k}" for k in kinds]
        ids = sorted({s["event_id"] for s in over if s.get("event_id") is not None})
        if selected is not None and selected in ids:
            classes.append("hl-selected")
        labels = sorted({f"{s['kind']}: {s['label']}" for s in over if s.get("label")})
        anchor = ""
        for i in ids:
            if i not in anchored and any(s["kind"] == "sentence" and s.get("event_id") == i and s["start"] == start
                                         for s in over):
                anchored.add(i)
                anchor += f'<a class="anchor" id="ev-{i}"></a>'
        tag = "mark" if "trigger" in kinds else "span"
        data = f' data-events="{" ".join(map(str, ids))}"' if ids else ""
        title = f' title="{html.escape("; ".join(labels))}"' if labels else ""
        out.append(f'{anchor}<{tag} class="{" ".join(classes)}"{data}{title}>{piece}</{tag}>')
    return Markup("".join(out))


@router.get("/documents/{doc}", response_class=HTMLResponse)
def document(v: PageView, doc: str, event: int | None = None) -> HTMLResponse:
    data = queries.document(v, doc)
    body = highlight(data["text"], data["spans"], event) if data["text"] else None
    return render("document.html", title=data["title"] or data["doc_id"], doc=data, body=body, selected=event)


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad(v: PageView, a: str, b: str, query: QueryDep, by: str = "month", page: int = 1) -> HTMLResponse:
    series = queries.dyad_series(v, a, b, by, query)
    ca, cb = series["a"], series["b"]
    sub = queries.EventQuery(**{**query.__dict__, "dyad": f"{ca}:{cb}"})
    listed = queries.events_page(v, sub, "-day", 50, None, page)
    speakers = queries.quotes(v, actor=ca, limit=10)["items"] + queries.quotes(v, actor=cb, limit=10)["items"]
    params = {k: val for k, val in query.params().items() if k != "dyad"}
    figures = []
    if series["rows"]:
        figures = [charts.quad_timeline(series["rows"], ca, cb, by), charts.intensity_timeline(series["rows"], ca, cb,
                                                                                              by)]
    return render("dyad.html", **{**listed, "title": f"{ca} ↔ {cb}", "a": ca, "b": cb, "by": by,
                                  "rows": series["rows"], "figures": figures, "params": params, "query": query,
                                  "page": page, "pages": max(1, -(-listed["total"] // 50)), "quotes": speakers})


@router.get("/actors", response_class=HTMLResponse)
def actors(v: PageView, q: str | None = None, top: int = 50) -> HTMLResponse:
    return render("actors.html", title="Actors", q=q or "", actors=queries.actors(v, top, q))


@router.get("/actors/{name}", response_class=HTMLResponse)
def actor(v: PageView, name: str, page: int = 1) -> HTMLResponse:
    sub = queries.EventQuery(actor=name)
    flt = sub.filters(v)
    listed = queries.events_page(v, sub, "-day", 50, None, page)
    if not listed["total"]:
        raise NotFoundError(f"no events with the actor {name!r}; search the actors at /actors")
    from ..analysis import where

    cond, params = where(flt)
    partners = v.rows(
        "SELECT CASE WHEN e.source_country = ? OR lower(e.source_canonical) = lower(?) THEN e.target_country "
        "ELSE e.source_country END AS partner, count(*) AS events, round(avg(e.score), 2) AS mean_score "
        f"FROM events e WHERE {cond} GROUP BY partner HAVING partner IS NOT NULL ORDER BY events DESC LIMIT 15",
        [flt.actor.upper() if flt.actor else None, flt.actor] + params)
    said = queries.quotes(v, actor=flt.actor, limit=20)
    return render("actor.html", **{**listed, "title": name, "name": name, "code": flt.actor, "partners": partners,
                                   "quotes": said["items"], "page": page,
                                   "pages": max(1, -(-listed["total"] // 50)), "params": {}})


@router.get("/extract", response_class=HTMLResponse)
def extract_page(request: Request) -> HTMLResponse:
    cfg = request.app.state.config
    return render("extract.html", title="Code a text", max_chars=cfg.max_chars)
