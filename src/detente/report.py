"""A self-contained HTML report from the store: dyad timelines, top events, actor network.

Everything is inline (CSS and SVG drawn here in Python): the file opens offline, loads nothing
from the network and can be mailed or archived as it is.
"""

from __future__ import annotations

import html
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from .analysis import Filters, clusters_query, dyad_query, network_query, records
from .errors import StoreError

COLORS = ("#1f6fb4", "#e07b00")
CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1040px;
color:#222;padding:0 16px}h1{font-size:24px;margin-bottom:4px}h2{margin-top:36px;border-bottom:1px solid #ddd;
padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}.muted{color:#666}
svg{display:block;margin:6px 0;max-width:100%;height:auto}
table{border-collapse:collapse;font-size:13px;width:100%}td,th{border-bottom:1px solid #eee;padding:4px 6px;
text-align:left;vertical-align:top}th{background:#f6f6f6}.num{text-align:right;white-space:nowrap}
.ev blockquote{margin:4px 0 4px 12px;color:#444;border-left:3px solid #ddd;padding-left:8px}
.neg{color:#b2182b}.pos{color:#2166ac}.legend span{display:inline-block;margin-right:14px}
.sw{display:inline-block;width:12px;height:3px;vertical-align:middle;margin-right:4px}
.st{font-size:12px;padding:0 4px;border-radius:3px;background:#eee}.st-asserted{background:#e6f0e6}
.st-hypothetical{background:#fff3cd;font-style:italic}.st-negated{background:#f8d7da}
.st-reported_claim{background:#e2e3f3}.carries{margin:2px 0;font-size:12px;color:#555}
"""
_E = html.escape


def score_color(score: float | None) -> str:
    """Red (conflict, -10) through grey (0) to blue (cooperation, +10)."""
    if score is None:
        return "#999999"
    t = max(-1.0, min(1.0, score / 10))
    t = math.copysign(abs(t) ** 0.5, t)  # make moderate scores visible
    grey, end = (187, 187, 187), ((33, 102, 172) if t > 0 else (178, 24, 43))
    r, g, b = (round(a + (e - a) * abs(t)) for a, e in zip(grey, end, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def _months(first: str, last: str) -> list[str]:
    y, m = map(int, first.split("-"))
    out: list[str] = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


LABEL_FONT = 10
CHAR_WIDTH = 0.62 * LABEL_FONT  # a generous average width of a digit or dash at LABEL_FONT


def label_width(label: str) -> float:
    """The width an x label takes on the axis, with a gap to its neighbours."""
    return len(label) * CHAR_WIDTH + 10


def axis_ticks(labels: list[str], step: float) -> list[int]:
    """The indexes of the x labels to draw, STEP pixels apart: every k-th, k chosen so that no two
    labels overlap; the last period is added only when it has room."""
    if not labels:
        return []
    if len(labels) == 1 or step <= 0:
        return [0]
    width = max(label_width(lab) for lab in labels)
    every = max(1, math.ceil(width / step))
    ticks = list(range(0, len(labels), every))
    last = len(labels) - 1
    if ticks[-1] != last and (last - ticks[-1]) * step >= width:
        ticks.append(last)
    return ticks


def line_chart(labels: list[str], series: dict[str, list[float | None]], title: str,
               tips: dict[str, list[str]], fixed: tuple[float, float] | None = None,
               width: int = 980, height: int = 200) -> str:
    """An SVG line chart: thinned x labels that never overlap, a zero line, a <title> tooltip per
    point; a period with no neighbour in its series (a one-month dyad) is a labelled bar, not a dot."""
    left, right, top, bottom = 48, 32, 22, 34
    values = [v for vals in series.values() for v in vals if v is not None]
    lo, hi = fixed or (min(values + [0.0]), max(values + [0.0]))
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    pw, ph = width - left - right, height - top - bottom
    step = pw / max(1, len(labels) - 1) if len(labels) > 1 else 0.0

    def x(i: int) -> float:
        return left + (i * step if len(labels) > 1 else pw / 2)

    def y(v: float) -> float:
        return top + (hi - v) / (hi - lo) * ph

    parts = [f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{_E(title)}"><text x="{left}" y="14" font-size="12" font-weight="600">'
             f"{_E(title)}</text>",
             f'<line x1="{left}" x2="{width - right}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#999" '
             'stroke-dasharray="3 3"/>']
    for v in sorted({lo, 0.0, hi}):
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" font-size="10" text-anchor="end">'
                     f"{v:.3g}</text>")
    for i in axis_ticks(labels, step):
        parts.append(f'<text class="xl" x="{x(i):.1f}" y="{height - 12}" font-size="{LABEL_FONT}" '
                     f'text-anchor="middle">{_E(labels[i])}</text>')
    bar = min(24.0, max(6.0, step * 0.35)) if step else 24.0
    for k, ((name, vals), color) in enumerate(zip(series.items(), COLORS, strict=False)):
        pts = [(x(i), y(v), i) for i, v in enumerate(vals) if v is not None]
        runs: list[list[tuple[float, float, int]]] = []
        for p in pts:  # a line through consecutive periods only; gaps stay gaps
            if runs and runs[-1][-1][2] == p[2] - 1:
                runs[-1].append(p)
            else:
                runs.append([p])
        for run in runs:
            if len(run) > 1:
                path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in run)
                parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{path}"/>')
                continue
            # a lone period (a one-month dyad, or a month between gaps): a bar from zero, with its value
            px, py, i = run[0]
            bx = px + (k - (len(series) - 1) / 2) * bar - bar / 2
            y0 = y(0)
            top_y, h = min(py, y0), max(2.0, abs(py - y0))
            value = vals[i] or 0.0
            parts.append(f'<rect class="bar" x="{bx:.1f}" y="{top_y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{color}" fill-opacity="0.75"><title>{_E(name)} {_E(labels[i])}: '
                         f"{_E(tips[name][i])}</title></rect>")
            ty = top_y - 4 if value >= 0 else top_y + h + 11
            parts.append(f'<text class="val" x="{bx + bar / 2:.1f}" y="{ty:.1f}" font-size="10" '
                         f'text-anchor="middle" fill="{color}">{value:+.3g}</text>')
        for px, py, i in pts:
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{color}"><title>{_E(name)} '
                         f"{_E(labels[i])}: {_E(tips[name][i])}</title></circle>")
    parts.append("</svg>")
    return "".join(parts)


def network_svg(edges: list[dict[str, Any]], size: int = 560, max_nodes: int = 24) -> str:
    """Countries on a circle; an edge per pair with events, width by count, color by mean score."""
    totals: dict[str, int] = defaultdict(int)
    for e in edges:
        totals[e["a"]] += e["events"]
        totals[e["b"]] += e["events"]
    nodes = sorted(totals, key=lambda n: (-totals[n], n))[:max_nodes]
    if not nodes:
        return '<p class="muted">No events between two different countries in this selection.</p>'
    c, radius = size / 2, size / 2 - 60
    angle = [2 * math.pi * i / len(nodes) - math.pi / 2 for i in range(len(nodes))]
    pos = {n: (c + radius * math.cos(angle[i]), c + radius * math.sin(angle[i])) for i, n in enumerate(nodes)}
    top = max(totals.values())
    parts = [f'<svg width="{size}" height="{size}" viewBox="0 0 {size} {size}" role="img" '
             'aria-label="actor network">']
    for e in sorted(edges, key=lambda e: e["events"]):
        if e["a"] in pos and e["b"] in pos:
            (x1, y1), (x2, y2) = pos[e["a"]], pos[e["b"]]
            w = 1 + 2 * math.log2(e["events"])
            parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                         f'stroke-width="{w:.1f}" '
                         f'stroke="{score_color(e["mean_score"])}" stroke-opacity="0.8"><title>{_E(e["a"])}–'
                         f'{_E(e["b"])}: {e["events"]} events, mean score {e["mean_score"]:+.2f}'
                         "</title></line>")
    for n, (px, py) in pos.items():
        r = 5 + 14 * math.sqrt(totals[n] / top)
        parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{r:.1f}" fill="#f4f4f4" stroke="#555">'
                     f"<title>{_E(n)}: {totals[n]} events</title></circle>"
                     f'<text x="{px:.1f}" y="{py + 4:.1f}" font-size="11" text-anchor="middle">'
                     f"{_E(n)}</text>")
    parts.append("</svg>")
    return "".join(parts)


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
    labels = _months(min(r["period"] for r in rows), max(r["period"] for r in rows))
    names = [f"{a}->{b}", f"{b}->{a}"]
    by = {(r["direction"], r["period"]): r for r in rows}
    sums: dict[str, list[float | None]] = {}
    means: dict[str, list[float | None]] = {}
    tips: dict[str, list[str]] = {}
    for n in names:
        cells = [by.get((n, p)) for p in labels]
        sums[n] = [r["score_sum"] if r else 0.0 for r in cells]
        means[n] = [r["score_mean"] if r else None for r in cells]
        tips[n] = [f"{r['events']} events, sum {r['score_sum']:+.1f}, mean {r['score_mean']:+.2f}" if r
                   else "no events" for r in cells]
    legend = "".join(f'<span><i class="sw" style="background:{c}"></i>{_E(n)}</span>'
                     for n, c in zip(names, COLORS, strict=True))
    out.append(f'<p class="legend">{legend} <span class="muted">each event cluster counts once; '
               "scores run from −10 (conflict) to +10 (cooperation)</span></p>")
    out.append(line_chart(labels, sums, "Summed intensity per month", tips))
    out.append(line_chart(labels, means, "Mean intensity per month", tips, fixed=(-10, 10)))
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
    names = _E(", ".join(f"{a}–{b}" for a, b in dyads))
    head = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{_E(title)} report</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<style>{CSS}</style></head><body>")
    intro = (f"<h1>Cooperation and conflict: {names}</h1><p class=\"muted\">{stats['docs']} articles, "
             f"{stats['events']} event mentions in {stats['clusters']} events, {span}. Store {_E(title)}, "
             f"generated {datetime.now():%Y-%m-%d %H:%M} by detente.</p><p>{toc}</p>")
    network = ("<h2>Actor network</h2><p class=\"muted\">Countries by event count; an edge per pair with "
               "events in either direction, wider for more events, colored by mean score (red conflict, "
               "blue cooperation).</p>" + network_svg(edges))
    return head + intro + "".join(sections) + network + "</body></html>"


def write_report(con: duckdb.DuckDBPyConnection, dyads: Sequence[tuple[str, str]], path: Path, flt: Filters,
                 title: str = "detente") -> None:
    if not dyads:
        raise StoreError("give at least one dyad, like --dyad BLR:RUS")
    text = build_report(con, dyads, flt, title)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror}; check the path and permissions") from exc
