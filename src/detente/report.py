"""A self-contained HTML report from the store: dyad timelines, top events, a map, actor network.

Everything is inline: the CSS, the charts' data and plotly.js itself (from the ``plotly`` package,
the same chart code as ``detente serve``, see ``detente.charts``). The file opens offline, loads
nothing from the network and can be mailed or archived as it is.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from . import charts
from .analysis import (
    Filters,
    clusters_query,
    dyad_query,
    map_places_query,
    map_points_query,
    network_query,
    records,
    where,
)
from .charts import score_color
from .errors import StoreError

__all__ = ["build_report", "score_color", "write_report"]


CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1040px;
color:#222;padding:0 16px}h1{font-size:24px;margin-bottom:4px}h2{margin-top:36px;border-bottom:1px solid #ddd;
padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}.muted{color:#666}
.chart{width:100%;min-height:260px;margin:6px 0}
table{border-collapse:collapse;font-size:13px;width:100%}td,th{border-bottom:1px solid #eee;padding:4px 6px;
text-align:left;vertical-align:top}th{background:#f6f6f6}.num{text-align:right;white-space:nowrap}
.ev blockquote{margin:4px 0 4px 12px;color:#444;border-left:3px solid #ddd;padding-left:8px}
.neg{color:#b2182b}.pos{color:#2166ac}
.st{font-size:12px;padding:0 4px;border-radius:3px;background:#eee}.st-asserted{background:#e6f0e6}
.st-hypothetical{background:#fff3cd;font-style:italic}.st-negated{background:#f8d7da}
.st-reported_claim{background:#e2e3f3}.carries{margin:2px 0;font-size:12px;color:#555}
"""
_E = html.escape


def _link(url: str | None, path: str | None, label: str) -> str:
    if url and url.startswith(("http://", "https://")):
        return f'<a href="{_E(url)}" rel="noopener noreferrer">{_E(label)}</a>'
    if path:
        return f'<a href="{_E(Path(path).as_posix())}">{_E(label)}</a>'
    return _E(label)


def dyad_section(con: duckdb.DuckDBPyConnection, a: str, b: str, flt: Filters, top: int = 10) -> str:
    rows = _run(con, dyad_query(a, b, "month", flt))
    out = [f'<h2 id="{_E(a)}-{_E(b)}">{_E(a)} ↔ {_E(b)}</h2>']
    if not rows:
        return out[0] + f'<p class="muted">No dated events between {_E(a)} and {_E(b)} in this store.</p>'
    out.append('<p class="muted">Each event cluster counts once; scores run from −10 (conflict) to +10 '
               "(cooperation).</p>")
    out.append(charts.chart_div(charts.quad_timeline(rows, a, b, "month"), f"chart-quads-{a}-{b}"))
    out.append(charts.chart_div(charts.intensity_timeline(rows, a, b, "month"), f"chart-intensity-{a}-{b}"))
    head = "".join(f"<th>{h}</th>" for h in ("month", "direction", "events", "verbal coop", "material coop",
                                             "verbal conflict", "material conflict", "sum", "mean"))
    body = "".join(
        f"<tr><td>{_E(r['period'])}</td><td>{_E(r['direction'])}</td>"
        + "".join(f'<td class="num">{r[k]}</td>' for k in ("events", "verbal_coop", "material_coop",
                                                          "verbal_conflict", "material_conflict"))
        + f'<td class="num">{r["score_sum"]:+.1f}</td><td class="num">{r["score_mean"]:+.2f}</td></tr>'
        for r in rows)
    out.append(f"<details><summary>Monthly numbers</summary><table><tr>{head}</tr>{body}</table></details>")
    out.append(top_events(con, a, b, flt, top))
    return "".join(out)


def _sentence_key(text: str | None) -> str:
    return " ".join((text or "").split())


def _status_badge(status: str | None) -> str:
    status = status or "unknown"
    return f'<span class="st st-{_E(status)}">{_E(status)}</span>'


def _status_summary(statuses: list[str | None]) -> str:
    """'hypothetical', or '1 asserted, 1 hypothetical' when the mentions of an event differ."""
    counts = Counter(s or "unknown" for s in statuses)
    if len(counts) == 1:
        return _status_badge(next(iter(counts)))
    return ", ".join(f"{n} {_status_badge(s)}" for s, n in counts.most_common())


def _carried_event(anchor: str, rank: int, c: dict[str, Any], mentions: list[dict[str, Any]]) -> str:
    """Another listed event a quoted sentence carries, with the status of its mentions there."""
    name = f'<a href="#{_E(anchor)}-{rank}">event {rank}</a>'
    return (f"<li>also {name}: {_E(c['type'])} {_E(c['source'] or '?')} → {_E(c['target'] or '?')}, "
            f"{_status_summary([m['status'] for m in mentions])}</li>")


def top_events(con: duckdb.DuckDBPyConnection, a: str, b: str, flt: Filters, top: int) -> str:
    """The top events of the dyad; each evidence sentence is quoted once, under the first event that
    cites it, with every listed event it carries and each mention's own status."""
    sub = Filters(**{**flt.__dict__, "dyad": (a, b), "directed": False, "limit": None})
    sql, params = clusters_query(sub)
    clusters = records(con.sql(f"SELECT * FROM ({sql}) ORDER BY n_sources DESC, n_mentions DESC, "
                               f"abs(score) DESC, day LIMIT {int(top)}", params=params))
    if not clusters:
        return ""
    ids = [c["cluster_id"] for c in clusters]
    evidence: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for m in records(con.sql("SELECT e.cluster_id, e.sentence, e.status, e.doc_id, d.title, d.url, d.path "
                             "FROM events e JOIN documents d ON d.hash = e.doc_hash "
                             "WHERE list_contains(?, e.cluster_id) ORDER BY e.event_id", params=[ids])):
        evidence[m["cluster_id"]].append(m)
    anchor = f"ev-{a}-{b}"
    # which event (1-based rank) each sentence is quoted under: the first citing it, at most 3 per event
    home: dict[str, int] = {}
    carried: dict[str, dict[int, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for rank, c in enumerate(clusters, 1):
        quoted = 0
        for m in evidence[c["cluster_id"]]:
            key = _sentence_key(m["sentence"])
            carried[key][rank].append(m)
            if key not in home and quoted < 3:
                home[key] = rank
                quoted += 1
    items = []
    for rank, c in enumerate(clusters, 1):
        mentions = evidence[c["cluster_id"]]
        quotes: list[str] = []
        elsewhere: list[int] = []
        for key in dict.fromkeys(_sentence_key(m["sentence"]) for m in mentions):
            where = home.get(key)
            if where is None:
                continue
            if where != rank:
                elsewhere.append(where)
                continue
            m, own = carried[key][rank][0], carried[key][rank]
            others = "".join(_carried_event(anchor, r, clusters[r - 1], ms)
                             for r, ms in carried[key].items() if r != rank)
            also = f'<ul class="carries">{others}</ul>' if others else ""
            quotes.append(f'<blockquote class="sentence">{_E(m["sentence"] or "")} — '
                          f"{_link(m['url'], m['path'], m['title'] or m['doc_id'])} "
                          f"{_status_summary([x['status'] for x in own])}{also}</blockquote>")
        for where in dict.fromkeys(elsewhere):
            quotes.append(f'<p class="muted see">Evidence: the sentence quoted under '
                          f'<a href="#{_E(anchor)}-{where}">event {where}</a>.</p>')
        cls = "neg" if (c["score"] or 0) < 0 else "pos"
        items.append(f'<li class="ev" id="{_E(anchor)}-{rank}"><b>{_E(str(c["day"] or c["date"] or "undated"))}'
                     f'</b> <b class="{cls}">{_E(c["type"])}</b> '
                     f'{_E(c["source"] or "?")} → {_E(c["target"] or "?")} '
                     f'<span class="muted">score {c["score"]:+.1f}, {c["n_mentions"]} mention(s) in '
                     f'{c["n_sources"]} article(s),</span> '
                     f'{_status_summary([m["status"] for m in mentions] or [c["status"]])}{"".join(quotes)}</li>')
    return f"<h3>Top events</h3><ol>{''.join(items)}</ol>"


def where_section(con: duckdb.DuckDBPyConnection, dyads: Sequence[tuple[str, str]], flt: Filters,
                  top: int = 10) -> str:
    """The map of the placed events of DYADS and their top places; empty when none has a place."""
    conds, params = [], []
    for a, b in dyads:
        cond, ps = where(Filters(**{**flt.__dict__, "dyad": (a, b), "directed": False, "limit": None}))
        conds.append(f"({cond})")
        params += ps
    cond = " OR ".join(conds) or "FALSE"
    points = _run(con, map_points_query(cond, params))
    if not points:
        return ""
    places = _run(con, map_places_query(cond, params, top))
    head = "".join(f"<th{' class=num' if h == 'events' else ''}>{h}</th>"
                   for h in ("place", "country", "admin1", "events"))
    body = "".join(f"<tr><td>{_E(p['place'] or '')}</td><td>{_E(p['country'] or '')}</td>"
                   f"<td>{_E(p['admin1'] or '')}</td><td class=\"num\">{p['events']}</td></tr>" for p in places)
    return ('<h2 id="where">Where</h2><p class="muted">The events of these dyads whose text says where they '
            "happened, on a world outline (coasts and borders, no map tiles); colour: quad class, size: events "
            "at the point (each event cluster once).</p>"
            + charts.chart_div(charts.event_map(points), "chart-map", "chart map")
            + f'<h3>Top places</h3><table class="places"><tr>{head}</tr>{body}</table>')


def _run(con: duckdb.DuckDBPyConnection, query: tuple[str, list[object]]) -> list[dict[str, Any]]:
    sql, params = query
    return records(con.sql(sql, params=params or None))


def build_report(con: duckdb.DuckDBPyConnection, dyads: Sequence[tuple[str, str]], flt: Filters,
                 title: str = "detente") -> str:
    """The report as one HTML string."""
    stats = records(con.sql("SELECT (SELECT count(*) FROM documents) AS docs, "
                            "(SELECT count(*) FROM events) AS events, "
                            "(SELECT count(*) FROM event_clusters) AS clusters, "
                            "(SELECT min(day) FROM events) AS first, "
                            "(SELECT max(day) FROM events) AS last"))[0]
    span = f"{stats['first']} to {stats['last']}" if stats["first"] else "no dated events"
    sections = [dyad_section(con, a, b, flt) for a, b in dyads]
    edges = _run(con, network_query(flt))
    toc = " · ".join(f'<a href="#{_E(a)}-{_E(b)}">{_E(a)}–{_E(b)}</a>' for a, b in dyads)
    place = where_section(con, dyads, flt)
    if place:
        toc += ' · <a href="#where">where</a>'
    names = _E(", ".join(f"{a}–{b}" for a, b in dyads))
    head = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{_E(title)} report</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<style>{CSS}</style><script id="plotly-js">{charts.plotly_js()}</script></head><body>')
    intro = (f"<h1>Cooperation and conflict: {names}</h1><p class=\"muted\">{stats['docs']} articles, "
             f"{stats['events']} event mentions in {stats['clusters']} events, {span}. Store {_E(title)}, "
             f"generated {datetime.now():%Y-%m-%d %H:%M} by detente.</p><p>{toc}</p>")
    figure = charts.network(edges)
    drawing = (charts.chart_div(figure, "chart-network", "chart network") if figure else
               '<p class="muted">No events between two different countries in this selection.</p>')
    network = ("<h2>Actor network</h2><p class=\"muted\">Countries by event count; an edge per pair with "
               "events in either direction, wider for more events, colored by mean score (red conflict, "
               "blue cooperation).</p>" + drawing)
    return (head + intro + "".join(sections) + place + network
            + f'<script id="charts-init">{charts.CHART_INIT}</script></body></html>')


def write_report(con: duckdb.DuckDBPyConnection, dyads: Sequence[tuple[str, str]], path: Path, flt: Filters,
                 title: str = "detente") -> None:
    if not dyads:
        raise StoreError("give at least one dyad, like --dyad BLR:RUS")
    text = build_report(con, dyads, flt, title)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror}; check the path and permissions") from exc
