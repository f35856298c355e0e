"""Queries over the corpus store: event filters, event clusters, dyad timelines, actor rankings.

Every function returns SQL text and its parameters (or runs SQL on a connection it is given);
``Store`` in ``detente.store`` wraps them for notebooks (through ``detente.exports.Queries``), the
store commands for the shell. This module imports neither ``exports`` nor ``report``: they build on it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

import duckdb

from .errors import StoreError
from .ontology import EVENT_TYPES

STATUSES = ("asserted", "negated", "hypothetical", "reported_claim")
PERIODS = {"day": ("day", "%Y-%m-%d"), "week": ("week", "%G-W%V"), "month": ("month", "%Y-%m"),
           "year": ("year", "%Y")}
QUADS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
MAX_ID = 9007199254740991  # 2**53 - 1: cluster ids stay exact in JSON and spreadsheets

EVENT_COLUMNS = (
    "e.event_id, e.cluster_id, e.doc_id, e.published, e.day, e.date, e.date_precision, e.type, e.mode, "
    "e.quad, "
    "e.score, e.cameo, e.source_name, e.source_canonical, e.source_country, e.source_sector, e.target_name, "
    "e.target_canonical, e.target_country, e.target_sector, e.status, e.confidence, e.trigger, e.sentence, "
    'e.start, e."end", e."group", e.place, e.place_resolved, e.geonames_id, e.place_country, e.admin1, '
    "e.latitude, e.longitude, e.place_precision, e.place_basis, d.title, d.url, d.path")


@dataclass
class Filters:
    """Which event mentions to keep. Dates filter on the event date, else the publication date."""

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    directed: bool = False
    types: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    status: tuple[str, ...] = ()
    min_confidence: float | None = None
    doc_id: str | None = None
    limit: int | None = None
    country: str | None = None  # source or target country code
    quads: tuple[int, ...] = ()  # quad classes 1-4
    text: str | None = None  # every word of it in the evidence sentence (case-insensitive)
    near: str | None = None  # events placed within KM of this place: a name ("Kharkiv") or "LAT,LON"
    km: float = 50.0
    admin1: str | None = None  # events placed in this first-level division (case-insensitive)
    placed: bool | None = None  # True: only events with a place; False: only events without one

    @classmethod
    def of(cls, **kw: Any) -> Filters:
        """Build from keyword arguments; ``type``/``types`` and ``status`` take a string or a list,
        ``dyad`` a pair or "BLR:RUS"."""
        if "type" in kw:
            kw["types"] = kw.pop("type")
        if "quad" in kw:
            kw["quads"] = kw.pop("quad")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(kw) - known)
        if unknown:
            names = ", ".join(sorted(known | {"type"}))
            raise StoreError(f"unknown filter {', '.join(unknown)}; use {names}")
        kw = {k: v for k, v in kw.items() if v is not None}
        if isinstance(kw.get("dyad"), str):
            kw["dyad"] = parse_dyad(kw["dyad"])
        for key in ("types", "status"):
            if key in kw:
                kw[key] = _names(kw[key])
        if "quads" in kw:
            kw["quads"] = _quads(kw["quads"])
        flt = cls(**kw)
        flt.check()
        return flt

    def check(self) -> None:
        for t in self.types:
            if t.upper() not in EVENT_TYPES:
                raise StoreError(f"unknown event type {t!r}; use one of {', '.join(EVENT_TYPES)}")
        for s in self.status:
            if s not in STATUSES:
                raise StoreError(f"unknown status {s!r}; use one of {', '.join(STATUSES)}")
        for q in self.quads:
            if q not in QUADS:
                raise StoreError(f"unknown quad class {q!r}; use 1 (verbal cooperation), 2 (material cooperation), "
                                 "3 (verbal conflict) or 4 (material conflict)")
        if self.km <= 0:
            raise StoreError(f"--km must be a positive distance in kilometres (got {self.km})")
        if self.near is not None:
            near_point(self.near)
        for value, end in ((self.since, False), (self.until, True)):
            if value is not None:
                parse_period(value, end)


_POINT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


def near_point(text: str) -> tuple[float, float]:
    """"LAT,LON", or a place name resolved offline to its most populous match ("Kharkiv")."""
    m = _POINT.match(text)
    if m:
        lat, lon = float(m[1]), float(m[2])
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return lat, lon
        raise StoreError(f"--near {text!r}: latitude must lie in -90..90 and longitude in -180..180")
    from .geo.gazetteer import gazetteer

    order = {"city": 0, "site": 1, "region": 2, "island": 2, "admin1": 3, "sea": 4, "country": 5}
    places = sorted(gazetteer().candidates(text), key=lambda p: (order.get(p.kind, 9), -p.population))
    if not places:
        raise StoreError(f"--near: no place called {text!r} in the gazetteer; give another spelling or "
                         "the point as LAT,LON")
    return places[0].latitude, places[0].longitude


def distance_sql(alias: str = "e") -> str:
    """Great-circle kilometres from (?, ?) to the event's point (two parameters: lat, lon)."""
    return (f"(2 * 6371 * asin(least(1, sqrt(pow(sin(radians({alias}.latitude - ?::DOUBLE) / 2), 2) + "
            f"cos(radians(?::DOUBLE)) * cos(radians({alias}.latitude)) * "
            f"pow(sin(radians({alias}.longitude - ?::DOUBLE) / 2), 2)))))")


def _quads(value: object) -> tuple[int, ...]:
    items = [value] if isinstance(value, str | int) else list(value)  # type: ignore[call-overload]
    out = []
    for item in items:
        for part in str(item).split(","):
            if part.strip():
                try:
                    out.append(int(part))
                except ValueError:
                    raise StoreError(f"quad class {part.strip()!r} is not a number; use 1, 2, 3 or 4") from None
    return tuple(out)


def _names(value: str | Iterable[str]) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else list(value)
    return tuple(p.strip() for item in items for p in item.split(",") if p.strip())


def parse_dyad(text: str) -> tuple[str, str]:
    """ "BLR:RUS" -> ("BLR", "RUS")."""
    parts = [p.strip() for p in text.split(":")]
    if len(parts) != 2 or not all(parts):
        raise StoreError(f"a dyad is two actors joined by a colon, like BLR:RUS (got {text!r})")
    return parts[0], parts[1]


def parse_period(text: str, end: bool = False) -> date:
    """YYYY, YYYY-MM or YYYY-MM-DD as its first day (or its last day with END)."""
    m = _PERIOD.match(text.strip())
    try:
        if m is None:
            raise ValueError
        year, month, day = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
        last = calendar.monthrange(year, month)[1]
        return date(year, month, int(day) if day else (last if end else 1))
    except ValueError:
        raise StoreError(f"{text!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD") from None


def actor_match(role: str, value: str, alias: str = "e") -> tuple[str, list[object]]:
    """An actor is a country code (BLR, IGO, WST) or a canonical name (case-insensitive)."""
    return (f"({alias}.{role}_country = ? OR lower({alias}.{role}_canonical) = lower(?))",
            [value.strip().upper(), value.strip()])


def dyad_condition(a: str, b: str, directed: bool, alias: str = "e") -> tuple[str, list[object]]:
    sa, pa = actor_match("source", a, alias)
    tb, pb = actor_match("target", b, alias)
    sql, params = f"({sa} AND {tb})", pa + pb
    if not directed:
        sb, qb = actor_match("source", b, alias)
        ta, qa = actor_match("target", a, alias)
        sql, params = f"({sql} OR ({sb} AND {ta}))", params + qb + qa
    return sql, params


def where(flt: Filters, alias: str = "e") -> tuple[str, list[object]]:
    """The WHERE clause (without the keyword) for FLT over the events table as ALIAS."""
    parts: list[str] = ["TRUE"]
    params: list[object] = []
    if flt.actor:
        s, ps = actor_match("source", flt.actor, alias)
        t, pt = actor_match("target", flt.actor, alias)
        parts.append(f"({s} OR {t})")
        params += ps + pt
    if flt.dyad:
        sql, p = dyad_condition(flt.dyad[0], flt.dyad[1], flt.directed, alias)
        parts.append(sql)
        params += p
    if flt.types:
        parts.append(f"list_contains(?::VARCHAR[], {alias}.type)")
        params.append([t.upper() for t in flt.types])
    if flt.status:
        parts.append(f"list_contains(?::VARCHAR[], {alias}.status)")
        params.append(list(flt.status))
    if flt.since:
        parts.append(f"{alias}.day >= ?")
        params.append(parse_period(flt.since))
    if flt.until:
        parts.append(f"{alias}.day <= ?")
        params.append(parse_period(flt.until, end=True))
    if flt.min_confidence is not None:
        parts.append(f"{alias}.confidence >= ?")
        params.append(float(flt.min_confidence))
    if flt.doc_id:
        parts.append(f"{alias}.doc_id = ?")
        params.append(flt.doc_id)
    if flt.country:
        parts.append(f"({alias}.source_country = ? OR {alias}.target_country = ?)")
        params += [flt.country.strip().upper()] * 2
    if flt.quads:
        parts.append(f"list_contains(?::INTEGER[], {alias}.quad)")
        params.append(list(flt.quads))
    if flt.near is not None:
        lat, lon = near_point(flt.near)
        parts.append(f"{alias}.latitude IS NOT NULL AND {distance_sql(alias)} <= ?")
        params += [lat, lat, lon, float(flt.km)]
    if flt.admin1:
        parts.append(f"lower({alias}.admin1) = lower(?)")
        params.append(flt.admin1.strip())
    if flt.placed is not None:
        parts.append(f"{alias}.place_precision IS {'NOT ' if flt.placed else ''}NULL")
    for word in (flt.text or "").split()[:20]:
        parts.append(f"contains(lower({alias}.sentence), ?)")
        params.append(word.lower())
    return " AND ".join(parts), params


def _limit(flt: Filters) -> str:
    return f" LIMIT {int(flt.limit)}" if flt.limit is not None else ""


def events_query(flt: Filters) -> tuple[str, list[object]]:
    cond, params = where(flt)
    return (f"SELECT {EVENT_COLUMNS} FROM events e JOIN documents d ON d.hash = e.doc_hash WHERE {cond} "
            f"ORDER BY e.day NULLS LAST, e.event_id{_limit(flt)}", params)


def clusters_query(flt: Filters) -> tuple[str, list[object]]:
    cond, params = where(flt)
    return (f"SELECT c.* FROM event_clusters c WHERE c.cluster_id IN (SELECT e.cluster_id FROM events e "
            f"WHERE {cond}) ORDER BY c.day NULLS LAST, c.cluster_id{_limit(flt)}", params)


def period_sql(by: str, column: str = "day") -> str:
    if by not in PERIODS:
        raise StoreError(f"unknown period {by!r}; use one of {', '.join(PERIODS)}")
    unit, fmt = PERIODS[by]
    return f"strftime(date_trunc('{unit}', {column}), '{fmt}')"


def dyad_query(a: str, b: str, by: str, flt: Filters, mentions: bool = False) -> tuple[str, list[object]]:
    """Per period and direction: events per quad class, summed and mean score.

    Each event cluster counts once (several articles reporting one event are one event) unless
    MENTIONS. Events without any date (no event or publication date) are left out.
    """
    flt = Filters(**{**flt.__dict__, "dyad": (a, b), "directed": False, "limit": None})
    cond, params = where(flt)
    src_a, pa = actor_match("source", a)
    direction = f"CASE WHEN {src_a} THEN ? ELSE ? END"
    params = pa + [f"{a}->{b}", f"{b}->{a}"] + params
    unit = "event_id" if mentions else "coalesce(e.cluster_id, -e.event_id)"
    quads = ", ".join(f"count(*) FILTER (WHERE quad = {q}) AS {name}" for q, name in QUADS.items())
    sql = (f"WITH m AS (SELECT {direction} AS direction, {unit} AS unit, e.quad, e.score, e.day "
           "FROM events e "
           f"WHERE {cond} AND e.day IS NOT NULL), "
           "u AS (SELECT direction, unit, any_value(quad) AS quad, avg(score) AS score, min(day) AS day "
           "FROM m GROUP BY direction, unit) "
           f"SELECT {period_sql(by)} AS period, direction, count(*) AS events, {quads}, "
           "round(sum(score), 2) AS score_sum, round(avg(score), 3) AS score_mean "
           "FROM u GROUP BY period, direction ORDER BY period, direction")
    return sql, params


def places_query(by: str, flt: Filters, level: str = "admin1") -> tuple[str, list[object]]:
    """Per period and place (first-level division, or country with LEVEL "country"): events per quad
    class and mean score. Each event cluster counts once; events with no place or no date are left out."""
    cond, params = where(flt)
    key = "e.place_country, e.admin1" if level == "admin1" else "e.place_country, NULL::VARCHAR"
    quads = ", ".join(f"count(*) FILTER (WHERE quad = {q}) AS {name}" for q, name in QUADS.items())
    sql = (f"WITH u AS (SELECT {key.replace('NULL::VARCHAR', 'NULL::VARCHAR AS admin1')}, "
           "any_value(e.quad) AS quad, avg(e.score) AS score, min(e.day) AS day, "
           "avg(e.latitude) AS latitude, avg(e.longitude) AS longitude FROM events e "
           f"WHERE {cond} AND e.day IS NOT NULL AND e.place_precision IS NOT NULL "
           f"GROUP BY {key}, coalesce(e.cluster_id, -e.event_id)) "
           f"SELECT {period_sql(by)} AS period, place_country AS country, admin1, count(*) AS events, {quads}, "
           "round(avg(score), 3) AS score_mean, round(avg(latitude), 4) AS latitude, "
           "round(avg(longitude), 4) AS longitude FROM u GROUP BY ALL ORDER BY period, events DESC, country, admin1")
    return sql, params


MAP_POINTS = 5000  # most rows (point, quad class, type) one map draws


def map_points_query(cond: str, params: list[object], limit: int = MAP_POINTS) -> tuple[str, list[object]]:
    """Placed events matching COND (a ``where`` clause over ``events e``), counted per point, quad class and
    type: the rows of ``charts.event_map``. ``events`` counts each event cluster once, ``mentions`` every
    mention; ``sentence`` is the evidence of the most confident mention. Most events first."""
    sql = ("SELECT round(e.latitude, 4) AS latitude, round(e.longitude, 4) AS longitude, e.quad, e.type, "
           "count(DISTINCT coalesce(e.cluster_id, -e.event_id)) AS events, count(*) AS mentions, "
           "mode(coalesce(e.place_resolved, e.place)) AS place_resolved, mode(e.place_country) AS place_country, "
           "mode(e.admin1) AS admin1, arg_max(e.sentence, coalesce(e.confidence, 0)) AS sentence, "
           "arg_max(e.event_id, coalesce(e.confidence, 0)) AS event_id FROM events e "
           f"WHERE ({cond}) AND e.latitude IS NOT NULL AND e.longitude IS NOT NULL AND e.quad IS NOT NULL "
           "GROUP BY 1, 2, 3, 4 ORDER BY events DESC, mentions DESC, latitude, longitude, quad, type "
           f"LIMIT {int(limit)}")
    return sql, list(params)


def map_places_query(cond: str, params: list[object], top: int = 10) -> tuple[str, list[object]]:
    """The TOP places of the events matching COND: place (the gazetteer's name), country, admin1, events
    (each cluster once), mentions, and the point."""
    sql = ("SELECT coalesce(e.place_resolved, e.place) AS place, e.place_country AS country, e.admin1, "
           "count(DISTINCT coalesce(e.cluster_id, -e.event_id)) AS events, count(*) AS mentions, "
           "round(avg(e.latitude), 4) AS latitude, round(avg(e.longitude), 4) AS longitude FROM events e "
           f"WHERE ({cond}) AND e.latitude IS NOT NULL AND e.longitude IS NOT NULL GROUP BY 1, 2, 3 "
           f"ORDER BY events DESC, mentions DESC, place LIMIT {int(top)}")
    return sql, list(params)


def top_actors_query(n: int, flt: Filters) -> tuple[str, list[object]]:
    cond, params = where(flt)
    sides = " UNION ALL ".join(
        f"SELECT e.{r}_canonical AS canonical, e.{r}_country AS country, e.{r}_sector AS sector, e.score, "
        f"'{r}' AS role FROM events e WHERE {cond} "
        f"AND (e.{r}_canonical IS NOT NULL OR e.{r}_country IS NOT NULL)"
        for r in ("source", "target"))
    sql = (f"WITH s AS ({sides}) SELECT coalesce(canonical, country) AS actor, country, "
           "mode(sector) AS sector, "
           "count(*) AS events, count(*) FILTER (WHERE role = 'source') AS as_source, "
           "count(*) FILTER (WHERE role = 'target') AS as_target, round(avg(score), 2) AS mean_score "
           f"FROM s GROUP BY canonical, country ORDER BY events DESC, actor LIMIT {int(n)}")
    return sql, params + params


def network_query(flt: Filters) -> tuple[str, list[object]]:
    """Country-to-country edges (either direction) with event counts and mean score."""
    cond, params = where(flt)
    sql = ("SELECT least(source_country, target_country) AS a, "
           "greatest(source_country, target_country) AS b, "
           "count(*) AS events, avg(score) AS mean_score FROM events e "
           f"WHERE {cond} AND source_country IS NOT NULL AND target_country IS NOT NULL "
           "AND source_country <> target_country GROUP BY ALL ORDER BY events DESC")
    return sql, params


# -- event clusters ---------------------------------------------------------------------------------
CLUSTERS_TABLE = """
CREATE TABLE IF NOT EXISTS event_clusters (
    cluster_id BIGINT PRIMARY KEY, type VARCHAR, quad INTEGER, cameo VARCHAR, score DOUBLE,
    source VARCHAR, source_country VARCHAR, source_canonical VARCHAR, source_sector VARCHAR,
    target VARCHAR, target_country VARCHAR, target_canonical VARCHAR, target_sector VARCHAR,
    date VARCHAR, day DATE, status VARCHAR, confidence DOUBLE, n_mentions INTEGER, n_sources INTEGER,
    first_seen DATE, last_seen DATE, event_ids BIGINT[], doc_ids VARCHAR[], doc_hashes VARCHAR[],
    sentences VARCHAR[], urls VARCHAR[], place VARCHAR, place_country VARCHAR, admin1 VARCHAR,
    geonames_id BIGINT, latitude DOUBLE, longitude DOUBLE, place_precision VARCHAR)
"""

def cluster_map_sql(source: str = "events") -> str:
    """SQL that creates the temporary table ``_cluster_map`` (event_id, cluster_id) from the mentions in
    SOURCE (a table or view with the columns of ``events``)."""
    return _CLUSTER_MAP.replace("FROM events)", f"FROM {source})", 1)


_CLUSTER_MAP = f"""
CREATE OR REPLACE TEMP TABLE _cluster_map AS
WITH base AS (
    SELECT event_id, doc_hash, published, date,
           concat_ws('|', type, coalesce(source_country, ''), coalesce(source_canonical, ''),
                     coalesce(target_country, ''), coalesce(target_canonical, '')) AS k,
           CASE WHEN length(date) = 10 THEN try_cast(date AS DATE) END AS d
    FROM events),
gaps AS (
    SELECT *, CASE WHEN d IS NOT NULL AND (lag(d) OVER w IS NULL OR date_diff('day', lag(d) OVER w, d) > 2)
                   THEN 1 ELSE 0 END AS brk
    FROM base WINDOW w AS (PARTITION BY k, d IS NULL ORDER BY d, event_id)),
segs AS (
    SELECT *, sum(brk) OVER (PARTITION BY k, d IS NULL ORDER BY d, event_id ROWS UNBOUNDED PRECEDING) AS seg
    FROM gaps),
anchored AS (
    SELECT event_id, k, CASE
        WHEN d IS NOT NULL THEN 'day:' || CAST(min(d) OVER (PARTITION BY k, d IS NULL, seg) AS VARCHAR)
        WHEN date IS NOT NULL THEN 'date:' || date
        WHEN published IS NOT NULL THEN 'pub:' || CAST(published AS VARCHAR)
        ELSE 'doc:' || doc_hash END AS anchor
    FROM segs)
SELECT event_id, (md5_number(k || '|' || anchor) % {MAX_ID})::BIGINT AS cluster_id FROM anchored
"""


# a cluster's place: its most precise mention's (place before admin1 before country), the first of equals
_PRECISE = ("CASE e.place_precision WHEN 'place' THEN 0 WHEN 'admin1' THEN 1 WHEN 'country' THEN 2 ELSE 9 END "
            "* 1e12 + e.event_id")


def _label(role: str) -> str:
    return (f"any_value(coalesce(e.{role}_canonical, e.{role}_name) "
            f"|| coalesce(' [' || e.{role}_country || ']', ''))")


_CLUSTER_ROWS = f"""
INSERT INTO event_clusters
SELECT e.cluster_id, any_value(e.type), any_value(e.quad), any_value(e.cameo), avg(e.score),
       {_label('source')}, any_value(e.source_country), any_value(e.source_canonical), mode(e.source_sector),
       {_label('target')}, any_value(e.target_country), any_value(e.target_canonical), mode(e.target_sector),
       min(e.date), min(e.day), mode(e.status), max(e.confidence), count(*), count(DISTINCT e.doc_hash),
       min(e.published), max(e.published), list(e.event_id ORDER BY e.event_id),
       list(DISTINCT e.doc_id), list(DISTINCT e.doc_hash), list(e.sentence ORDER BY e.event_id),
       list(DISTINCT coalesce(d.url, d.path)) FILTER (WHERE coalesce(d.url, d.path) IS NOT NULL),
       arg_min(e.place_resolved, {_PRECISE}), arg_min(e.place_country, {_PRECISE}),
       arg_min(e.admin1, {_PRECISE}), arg_min(e.geonames_id, {_PRECISE}),
       arg_min(e.latitude, {_PRECISE}), arg_min(e.longitude, {_PRECISE}), arg_min(e.place_precision, {_PRECISE})
FROM events e JOIN documents d ON d.hash = e.doc_hash
GROUP BY e.cluster_id
"""


def create_clusters_table(con: duckdb.DuckDBPyConnection, replace: bool = False) -> None:
    if replace:
        con.execute("DROP TABLE IF EXISTS event_clusters")
    con.execute(CLUSTERS_TABLE)


def compute_clusters(con: duckdb.DuckDBPyConnection) -> None:
    """Group event mentions into clusters (run inside the caller's transaction).

    Mentions share a cluster when they have the same type, source (country and canonical name)
    and target, and their day-precision dates chain within 2 days of each other; mentions with a
    month or year date need the same date; undated mentions need the same publication date.
    """
    con.execute(_CLUSTER_MAP)
    con.execute("UPDATE events SET cluster_id = m.cluster_id FROM _cluster_map m "
                "WHERE events.event_id = m.event_id AND events.cluster_id IS DISTINCT FROM m.cluster_id")
    create_clusters_table(con, replace=True)  # always the current layout
    con.execute(_CLUSTER_ROWS)
    con.execute("DROP TABLE _cluster_map")


def records(rel: duckdb.DuckDBPyRelation) -> list[dict[str, Any]]:
    """The rows of REL as dicts."""
    cols = rel.columns
    return [dict(zip(cols, row, strict=True)) for row in rel.fetchall()]
