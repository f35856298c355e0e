"""What the API and the pages ask of the store: filters as the CLI reads them, pages of events,
documents with the spans to highlight, dyad series, actors, quotes, clusters, the map of events."""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..analysis import (
    EVENT_COLUMNS,
    QUADS,
    STATUSES,
    Filters,
    clusters_query,
    dyad_query,
    map_places_query,
    map_points_query,
    near_point,
    parse_dyad,
    where,
)
from ..charts import event_map
from ..cli.options import check_statuses, parse_date
from ..cli.stores import resolve_actor, top_actors
from ..errors import BadParameterError, BadTypeError, DetenteError, NotFoundError, StoreError
from ..ontology import EVENT_TYPES
from .reader import View

MAX_LIMIT = 500
MAX_POINTS = 5000  # rows (point, quad class, type) of one map
SORTS = {"day": "coalesce(e.day, DATE '0001-01-01')", "confidence": "coalesce(e.confidence, -1.0)",
         "score": "coalesce(e.score, -99.0)", "id": "e.event_id"}
PERIODS = ("day", "week", "month")


@dataclass
class EventQuery:
    """The filter vocabulary of ``detente events`` as query parameters."""

    dyad: str | None = None
    directed: bool = False
    actor: str | None = None
    country: str | None = None
    type: list[str] | None = None
    quad: list[int] | None = None
    status: list[str] | None = None
    min_confidence: float | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    near: str | None = None
    km: float | None = None
    admin1: str | None = None
    placed: bool | None = None

    def filters(self, view: View) -> Filters:
        """Checked filters: each bad value is a coded 400 that says what to give instead."""
        types = [p.strip().upper() for t in self.type or [] for p in t.split(",") if p.strip()]
        for t in types:
            if t not in EVENT_TYPES:
                raise BadTypeError(f"type {t!r} is not an event type; use one of {', '.join(EVENT_TYPES)}")
        for qd in self.quad or []:
            if qd not in QUADS:
                raise BadParameterError(f"quad {qd} is not a quad class; use 1 (verbal cooperation), 2 (material "
                                        "cooperation), 3 (verbal conflict) or 4 (material conflict)")
        status = check_statuses(self.status) if self.status else None
        since = parse_date(self.since, "since") if self.since else None
        until = parse_date(self.until, "until") if self.until else None
        if self.min_confidence is not None and not 0 <= self.min_confidence <= 1:
            raise BadParameterError(f"min_confidence must be between 0 and 1 (got {self.min_confidence})")
        dyad = None
        if self.dyad:
            try:
                a, b = parse_dyad(self.dyad)
            except StoreError as exc:
                raise BadParameterError(f"dyad: {exc.message}") from None
            dyad = (resolve_actor(view, a, "dyad"), resolve_actor(view, b, "dyad"))
        actor = resolve_actor(view, self.actor, "actor") if self.actor else None
        country = None
        if self.country:
            country = self.country.strip().upper()
            if not re.fullmatch(r"[A-Z]{3}", country):
                raise BadParameterError(f"country {self.country!r} is not a three-letter code like BLR")
        near = None
        if self.near:
            try:
                lat, lon = near_point(self.near)
            except StoreError as exc:
                raise BadParameterError(exc.message.replace("--near", "near")) from None
            near = f"{lat:.6f},{lon:.6f}"
        if self.km is not None and not (math.isfinite(self.km) and 0 < self.km <= 20_040):
            raise BadParameterError(f"km must be a distance in kilometres above 0 and at most 20040 (got {self.km})")
        return Filters(actor=actor, dyad=dyad, directed=self.directed, types=tuple(types),
                       status=tuple(status or ()), min_confidence=self.min_confidence, since=since, until=until,
                       country=country, quads=tuple(self.quad or ()), text=(self.q or "").strip()[:200] or None,
                       near=near, km=self.km if self.km is not None else 50.0,
                       admin1=(self.admin1 or "").strip()[:200] or None, placed=self.placed)

    def params(self) -> dict[str, Any]:
        """The non-empty parameters, for links that keep the filters."""
        out: dict[str, Any] = {}
        for key, value in self.__dict__.items():
            if value is None or (value in ("", [], False) and key != "placed"):
                continue
            out[key] = value
        return out


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def trigger_span(sentence: str | None, trigger: str | None) -> tuple[int, int] | None:
    """Where the trigger word stands in the sentence (its first whole-word occurrence)."""
    if not sentence or not trigger:
        return None
    m = re.search(r"(?<!\w)" + re.escape(trigger) + r"(?!\w)", sentence, re.I) or re.search(
        re.escape(trigger), sentence, re.I)
    return (m.start(), m.end()) if m else None


def _actor(row: dict[str, Any], role: str) -> dict[str, Any] | None:
    values = {k: row.get(f"{role}_{k}") for k in ("name", "canonical", "country", "sector")}
    return values if any(v is not None for v in values.values()) else None


def _location(row: dict[str, Any]) -> dict[str, Any] | None:
    """Where the event happened (``Event.location``'s fields), or None when the text does not say."""
    if row.get("place_precision") is None:
        return None
    return {"place": row.get("place"), "resolved": row.get("place_resolved"), "geonames_id": row.get("geonames_id"),
            "country": row.get("place_country"), "admin1": row.get("admin1"), "latitude": row.get("latitude"),
            "longitude": row.get("longitude"), "precision": row.get("place_precision"),
            "basis": row.get("place_basis")}


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """One event mention as the API gives it: with its evidence, its place and its document."""
    span = trigger_span(row.get("sentence"), row.get("trigger"))
    return {
        "id": row["event_id"], "cluster_id": row.get("cluster_id"), "type": row["type"], "mode": row.get("mode"),
        "quad": row.get("quad"), "score": row.get("score"), "cameo": row.get("cameo"), "status": row.get("status"),
        "confidence": row.get("confidence"), "date": row.get("date"), "date_precision": row.get("date_precision"),
        "day": _iso(row.get("day")), "published": _iso(row.get("published")),
        "source": _actor(row, "source"), "target": _actor(row, "target"), "location": _location(row),
        "evidence": {"sentence": row.get("sentence"), "start": row.get("start"), "end": row.get("end"),
                     "trigger": row.get("trigger"), "trigger_start": span[0] if span else None,
                     "trigger_end": span[1] if span else None},
        "document": {"id": row.get("doc_hash"), "doc_id": row.get("doc_id"), "title": row.get("title"),
                     "url": row.get("url")},
    }


def _cursor(sort: str, key: object, event_id: int) -> str:
    raw = json.dumps([sort, _iso(key), event_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _uncursor(text: str, sort: str) -> tuple[object, int]:
    try:
        s, key, event_id = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        if s != sort or not isinstance(event_id, int):
            raise ValueError
        return key, event_id
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError):
        raise BadParameterError("cursor is not one this server gave for this sort; start again without "
                                "cursor, then follow next_cursor") from None


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise BadParameterError(f"limit must be between 1 and {MAX_LIMIT} (got {limit})")
    return limit


def events_page(view: View, query: EventQuery, sort: str = "-day", limit: int = 50, cursor: str | None = None,
                page: int | None = None) -> dict[str, Any]:
    """A page of event mentions: by ``cursor`` (keyset, stable while the store grows) or by ``page``."""
    check_limit(limit)
    name = sort.lstrip("-")
    if name not in SORTS:
        raise BadParameterError(f"sort {sort!r} is not a sort; use {', '.join(SORTS)}, each optionally after '-' "
                                "for descending")
    if cursor and page:
        raise BadParameterError("give cursor or page, not both")
    if page is not None and page < 1:
        raise BadParameterError(f"page starts at 1 (got {page})")
    flt = query.filters(view)
    cond, params = where(flt)
    key, desc = SORTS[name], sort.startswith("-")
    total = view.rows(f"SELECT count(*) AS n FROM events e WHERE {cond}", params)[0]["n"]
    page_cond, page_params = "TRUE", []
    if cursor:
        value, last = _uncursor(cursor, sort)
        cast = "::DATE" if name == "day" else ""
        op = "<" if desc else ">"
        page_cond = f"({key} {op} ?{cast} OR ({key} = ?{cast} AND e.event_id {op} ?))"
        page_params = [value, value, last]
    order = "DESC" if desc else "ASC"
    offset = f" OFFSET {(page - 1) * limit}" if page else ""
    rows = view.rows(f"SELECT {EVENT_COLUMNS}, e.doc_hash, e.mode, e.cameo, {key} AS _key FROM events e "
                     f"JOIN documents d ON d.hash = e.doc_hash WHERE {cond} AND {page_cond} "
                     f"ORDER BY {key} {order}, e.event_id {order} LIMIT {limit + 1}{offset}", params + page_params)
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": [event_record(r) for r in rows], "total": total, "limit": limit, "sort": sort,
            "page": page, "next_cursor": _cursor(sort, rows[-1]["_key"], rows[-1]["event_id"]) if more else None,
            "filters": query.params()}


def event(view: View, event_id: int) -> dict[str, Any]:
    rows = view.rows(f"SELECT {EVENT_COLUMNS}, e.doc_hash, e.mode, e.cameo FROM events e "
                     "JOIN documents d ON d.hash = e.doc_hash WHERE e.event_id = ?", [event_id])
    if not rows:
        raise NotFoundError(f"no event {event_id} in this store; list events with /api/events")
    record = event_record(rows[0])
    others = view.rows(f"SELECT {EVENT_COLUMNS}, e.doc_hash FROM events e JOIN documents d ON d.hash = e.doc_hash "
                       "WHERE e.cluster_id = ? AND e.event_id <> ? ORDER BY e.event_id LIMIT 50",
                       [rows[0]["cluster_id"], event_id])
    record["same_event"] = [event_record(r) for r in others]
    return record


def _document_row(view: View, doc: str) -> dict[str, Any]:
    text = "d.text" if view.has_text else "NULL::VARCHAR AS text"
    cols = f"d.hash, d.id, d.path, d.title, d.url, d.published, d.n_events, d.n_quotes, d.error, d.error_code, {text}"
    rows = view.rows(f"SELECT {cols} FROM documents d WHERE d.hash = ?", [doc])
    if not rows:
        rows = view.rows(f"SELECT {cols} FROM documents d WHERE d.id = ? ORDER BY d.ingested_at DESC LIMIT 2", [doc])
        if len(rows) > 1:
            raise BadParameterError(f"several documents have the id {doc!r}; use the hash (the document's "
                                    "'id' in /api/events)")
    if not rows:
        raise NotFoundError(f"no document {doc!r} in this store; give the hash from an event's document.id")
    return rows[0]


def _word_spans(text: str, words: list[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping whole-word occurrences of WORDS in TEXT, longest first."""
    taken: list[tuple[int, int, str]] = []
    for w in sorted({w for w in words if w and len(w) >= 2}, key=len, reverse=True)[:200]:
        for m in re.finditer(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text):
            if all(m.end() <= s or m.start() >= e for s, e, _ in taken):
                taken.append((m.start(), m.end(), w))
    return sorted(taken)


def document(view: View, doc: str) -> dict[str, Any]:
    """A document with its events, quotes and actors and, when its text is stored, the spans to highlight."""
    row = _document_row(view, doc)
    events = [event_record(r) for r in view.rows(
        f"SELECT {EVENT_COLUMNS}, e.doc_hash, e.mode, e.cameo FROM events e JOIN documents d ON d.hash = e.doc_hash "
        "WHERE e.doc_hash = ? ORDER BY e.idx", [row["hash"]])]
    quotes = view.rows('SELECT idx, text, speaker, speaker_canonical, speaker_country, kind, cue, start, "end" '
                       "FROM quotes WHERE doc_hash = ? ORDER BY idx", [row["hash"]])
    actors = view.rows("SELECT canonical, country, sector, mentions, n_mentions FROM actors WHERE doc_hash = ? "
                       "ORDER BY n_mentions DESC, canonical", [row["hash"]])
    text: str | None = row["text"]
    spans: list[dict[str, Any]] = []
    if text:
        n = len(text)
        for ev in events:
            e = ev["evidence"]
            if e["start"] is not None and e["end"] is not None and 0 <= e["start"] < e["end"] <= n:
                spans.append({"kind": "sentence", "start": e["start"], "end": e["end"], "event_id": ev["id"]})
                if e["trigger_start"] is not None:
                    spans.append({"kind": "trigger", "start": e["start"] + e["trigger_start"],
                                  "end": e["start"] + e["trigger_end"], "event_id": ev["id"], "label": ev["type"]})
        for q in quotes:
            if q["start"] is not None and q["end"] is not None and 0 <= q["start"] < q["end"] <= n:
                spans.append({"kind": "quote", "start": q["start"], "end": q["end"], "label": q["speaker"]})
        for a in actors:
            for s, e, _ in _word_spans(text, list(a["mentions"] or [])):
                spans.append({"kind": "actor", "start": s, "end": e, "label": a["canonical"]})
        spans.sort(key=lambda s: (s["start"], -s["end"]))
    return {"id": row["hash"], "doc_id": row["id"], "title": row["title"], "url": row["url"], "path": row["path"],
            "published": _iso(row["published"]), "error": row["error"], "error_code": row["error_code"],
            "text": text, "spans": spans, "events": events, "quotes": quotes, "actors": actors}


def dyad_series(view: View, a: str, b: str, by: str = "month", query: EventQuery | None = None,
                mentions: bool = False) -> dict[str, Any]:
    if by not in PERIODS:
        raise BadParameterError(f"by {by!r} is not a period; use day, week or month")
    ca, cb = resolve_actor(view, a, "a"), resolve_actor(view, b, "b")
    flt = (query or EventQuery()).filters(view)
    rows = view.rows(*dyad_query(ca, cb, by, flt, mentions=mentions))
    return {"a": ca, "b": cb, "by": by, "rows": rows}


def actors(view: View, top: int = 20, q: str | None = None) -> list[dict[str, Any]]:
    check_limit(top)
    if not q:
        return top_actors(view, top)
    like = f"%{q.strip().lower()}%"
    sides = " UNION ALL ".join(
        f"SELECT {r}_canonical AS canonical, {r}_country AS country, {r}_sector AS sector, score, '{r}' AS role, "
        f"{r}_name AS name FROM events WHERE {r}_canonical IS NOT NULL AND (lower({r}_canonical) LIKE ? "
        f"OR lower({r}_name) LIKE ? OR lower({r}_country) = ?)" for r in ("source", "target"))
    params = [like, like, q.strip().lower()] * 2
    return view.rows(f"WITH s AS ({sides}) SELECT canonical AS actor, country, mode(sector) AS sector, "
                     "count(*) AS events, count(*) FILTER (WHERE role = 'source') AS as_source, "
                     "count(*) FILTER (WHERE role = 'target') AS as_target, round(avg(score), 2) AS mean_score "
                     f"FROM s GROUP BY canonical, country ORDER BY events DESC, actor LIMIT {int(top)}", params)


def quotes(view: View, speaker: str | None = None, q: str | None = None, actor: str | None = None,
           limit: int = 50, page: int = 1) -> dict[str, Any]:
    check_limit(limit)
    if page < 1:
        raise BadParameterError(f"page starts at 1 (got {page})")
    cond, params = ["TRUE"], []
    if speaker:
        cond.append("(contains(lower(q.speaker), ?) OR contains(lower(q.speaker_canonical), ?))")
        params += [speaker.lower()] * 2
    if actor:
        cond.append("(q.speaker_country = ? OR lower(q.speaker_canonical) = lower(?))")
        params += [actor.strip().upper(), actor.strip()]
    for word in (q or "").split()[:20]:
        cond.append("contains(lower(q.text), ?)")
        params.append(word.lower())
    sql = " AND ".join(cond)
    total = view.rows(f"SELECT count(*) AS n FROM quotes q WHERE {sql}", params)[0]["n"]
    rows = view.rows("SELECT q.doc_hash AS document, q.doc_id, q.idx, q.text, q.speaker, q.speaker_canonical, "
                     'q.speaker_country, q.kind, q.cue, q.start, q."end", d.title, d.published FROM quotes q '
                     f"JOIN documents d ON d.hash = q.doc_hash WHERE {sql} ORDER BY d.published DESC NULLS LAST, "
                     f"q.doc_hash, q.idx LIMIT {limit} OFFSET {(page - 1) * limit}", params)
    for r in rows:
        r["published"] = _iso(r["published"])
    return {"items": rows, "total": total, "limit": limit, "page": page}


def clusters(view: View, query: EventQuery, limit: int = 50, page: int = 1) -> dict[str, Any]:
    check_limit(limit)
    if page < 1:
        raise BadParameterError(f"page starts at 1 (got {page})")
    sql, params = clusters_query(query.filters(view))
    total = view.rows(f"SELECT count(*) AS n FROM ({sql})", params)[0]["n"]
    rows = view.rows(f"SELECT * FROM ({sql}) ORDER BY day DESC NULLS LAST, n_sources DESC, cluster_id "
                     f"LIMIT {limit} OFFSET {(page - 1) * limit}", params)
    for r in rows:
        for k in ("day", "first_seen", "last_seen"):
            r[k] = _iso(r[k])
    return {"items": rows, "total": total, "limit": limit, "page": page}


def event_map_data(view: View, query: EventQuery, limit: int = 2000, figure: bool = True,
                   top: int = 10) -> dict[str, Any]:
    """The placed events matching QUERY per point, quad class and type (``points``, most events first, at
    most LIMIT), the TOP places, how many mentions match (``total``) and have a place (``placed``), and the
    Plotly figure of ``charts.event_map`` (with FIGURE)."""
    if not 1 <= limit <= MAX_POINTS:
        raise BadParameterError(f"limit must be between 1 and {MAX_POINTS} (got {limit})")
    cond, params = where(query.filters(view))
    counts = view.rows("SELECT count(*) AS total, count(*) FILTER (WHERE e.latitude IS NOT NULL "
                       f"AND e.longitude IS NOT NULL) AS placed FROM events e WHERE {cond}", params)[0]
    points = view.rows(*map_points_query(cond, params, limit + 1))
    truncated = len(points) > limit
    points = points[:limit]
    out: dict[str, Any] = {"points": points, "places": view.rows(*map_places_query(cond, params, top)),
                           "total": counts["total"], "placed": counts["placed"], "truncated": truncated,
                           "limit": limit, "filters": query.params()}
    if figure:
        out["figure"] = event_map(points, title="", height=560)
    return out


def overview(view: View) -> dict[str, Any]:
    counts = view.counts()
    span = view.rows("SELECT min(day) AS first, max(day) AS last FROM events")[0]
    dyads = view.rows(
        "SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b, "
        "count(*) AS events, count(DISTINCT cluster_id) AS clusters, round(avg(score), 2) AS mean_score, "
        "max(day) AS last FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL "
        "AND source_country <> target_country GROUP BY ALL ORDER BY events DESC, a, b LIMIT 10")
    for d in dyads:
        d["last"] = _iso(d["last"])
    latest = events_page(view, EventQuery(), sort="-day", limit=10)["items"]
    return {"counts": counts, "first": _iso(span["first"]), "last": _iso(span["last"]), "dyads": dyads,
            "latest": latest, "statuses": list(STATUSES)}


def safe(fn: Any, *args: Any, **kw: Any) -> Any:
    """FN's answer, or the coded error it raised (for pages that show an error in place)."""
    try:
        return fn(*args, **kw)
    except DetenteError as exc:
        return exc
