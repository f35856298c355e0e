"""The report's fixes: one-month dyads are visible bars, x labels never overlap, each evidence sentence is
quoted once with the events it carries, and every mention shows its own status."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.report import axis_ticks, label_width, line_chart
from detente.store import Store
from test_store import corpus, doc, ev

ROOT = Path(__file__).resolve().parents[1]


class Svg(HTMLParser):
    """The x labels, bars and points of each <svg> in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: list[dict[str, list[dict[str, str]]]] = []
        self._label: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "svg":
            self.charts.append({"labels": [], "bars": [], "points": [], "values": []})
        elif self.charts and tag == "text" and a.get("class") in ("xl", "val"):
            self._label = a
        elif self.charts and tag == "rect" and a.get("class") == "bar":
            self.charts[-1]["bars"].append(a)
        elif self.charts and tag == "circle":
            self.charts[-1]["points"].append(a)

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            kind = "labels" if self._label.get("class") == "xl" else "values"
            self.charts[-1][kind].append({**self._label, "text": data})
            self._label = None


def charts(html: str) -> list[dict[str, list[dict[str, str]]]]:
    parser = Svg()
    parser.feed(html)
    return parser.charts


def section(html: str, a: str, b: str) -> str:
    start = html.index(f'id="{a}-{b}"')
    end = html.find("<h2", start)
    return html[start:end if end >= 0 else len(html)]


def sentences(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", m).strip()
            for m in re.findall(r'<blockquote class="sentence">(.*?) — ', html, re.S)]


def report(tmp_path: Path, results: list, dyads: list[tuple[str, str]]) -> str:  # type: ignore[type-arg]
    out = tmp_path / "r.html"
    with Store(tmp_path / "r.duckdb") as s:
        s.ingest(results)
        s.report(dyads, out)
    return out.read_text("utf-8")


def test_a_one_month_dyad_is_drawn_as_labelled_bars(tmp_path: Path) -> None:
    html = report(tmp_path, corpus(), [("CHN", "PHL")])  # CHN->PHL: June 2024 only
    dyad = charts(section(html, "CHN", "PHL"))
    assert len(dyad) == 2
    for chart in dyad:
        assert chart["labels"] and [lab["text"] for lab in chart["labels"]] == ["2024-06"]
        assert len(chart["bars"]) == len(chart["points"]) >= 1  # every lone point has its bar
        assert all(float(bar["height"]) >= 2 and float(bar["width"]) >= 6 for bar in chart["bars"])
        assert chart["values"], "each bar is labelled with its value"
    assert any(float(bar["height"]) > 20 for bar in dyad[0]["bars"])  # the THREATEN sum is a real bar


def test_a_lone_month_between_gaps_is_a_bar_and_runs_stay_lines() -> None:
    svg = line_chart(["2024-01", "2024-02", "2024-03", "2024-04"],
                     {"A->B": [1.0, 2.0, None, -3.0]}, "t", {"A->B": ["x"] * 4})
    assert svg.count("<polyline") == 1 and svg.count('class="bar"') == 1


@pytest.mark.parametrize("n", [1, 2, 5, 13, 14, 15, 24, 37, 60, 61, 120, 400])
def test_axis_labels_never_overlap(n: int) -> None:
    labels = [f"{2000 + i // 12:04d}-{i % 12 + 1:02d}" for i in range(n)]
    svg = line_chart(labels, {"A->B": [float(i % 7 - 3) for i in range(n)]}, "t", {"A->B": ["x"] * n})
    (chart,) = charts(svg)
    xs = [float(lab["x"]) for lab in chart["labels"]]
    assert xs and chart["labels"][0]["text"] == labels[0]
    for left, right in zip(xs, xs[1:], strict=False):
        assert right - left >= 7 * len(labels[0]), (n, left, right)  # 7 px a character at 10 px is ample
    assert len(xs) == len(axis_ticks(labels, (980 - 80) / max(1, n - 1)))
    assert label_width("2024-01") >= 7 * 7 - 10


def test_many_months_in_a_report_thin_the_labels(tmp_path: Path) -> None:
    months = [f"{2019 + i // 12}-{i % 12 + 1:02d}-15" for i in range(60)]
    results = [doc(f"m{i}", day, [ev("CONSULT", "BLR", "LTU", day)]) for i, day in enumerate(months)]
    html = report(tmp_path, results, [("BLR", "LTU")])
    for chart in charts(section(html, "BLR", "LTU")):
        xs = [float(lab["x"]) for lab in chart["labels"]]
        assert 4 <= len(xs) <= 16
        assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) >= 49


def test_each_sentence_is_listed_once_with_its_events(tmp_path: Path) -> None:
    shared = "Lithuania accused Belarus of holding trucks and closed the border."
    results = [
        doc("s1", "2024-03-14", [ev("ACCUSE", "LTU", "BLR", "2024-03-13", sentence=shared),
                                 ev("COERCE", "LTU", "BLR", "2024-03-13", sentence=shared)]),
        doc("s2", "2024-03-15", [ev("ACCUSE", "LTU", "BLR", "2024-03-13", sentence=shared)]),  # a wire copy
        doc("s3", "2024-03-16", [ev("CONSULT", "BLR", "LTU", "2024-03-16")]),
    ]
    html = section(report(tmp_path, results, [("LTU", "BLR")]), "LTU", "BLR")
    quoted = sentences(html)
    assert len(quoted) == len(set(quoted)), quoted
    assert quoted.count(shared) == 1
    block = re.search(r'<blockquote class="sentence">' + re.escape(shared) + r".*?</blockquote>", html, re.S)
    assert block is not None
    assert "COERCE" in block.group(0) and 'href="#ev-LTU-BLR-' in block.group(0)  # the other event it carries
    assert "Evidence: the sentence quoted under" in html  # the COERCE event points back to it


def test_each_mention_shows_its_own_status(tmp_path: Path) -> None:
    said = "Israel would seize Lebanese boats if the attacks continued."
    done = "Israel seized Lebanese boats on Monday."
    results = [
        doc("h1", "2024-05-21", [ev("COERCE", "ISR", "LBN", "2024-05-20", status="asserted", sentence=done)]),
        doc("h2", "2024-05-21", [ev("COERCE", "ISR", "LBN", "2024-05-20", status="hypothetical", sentence=said)]),
        doc("h3", "2024-05-22", [ev("COERCE", "ISR", "LBN", "2024-05-20", status="hypothetical",
                                    sentence=said + " ")]),  # the same sentence in another article
        doc("h4", "2024-06-02", [ev("THREATEN", "LBN", "ISR", "2024-06-01", status="hypothetical")]),
    ]
    html = section(report(tmp_path, results, [("ISR", "LBN")]), "ISR", "LBN")
    blocks = dict(re.findall(r'<blockquote class="sentence">(.*?) — (.*?)</blockquote>', html, re.S))
    assert 'class="st st-hypothetical"' in blocks[said] and "st-asserted" not in blocks[said]
    assert 'class="st st-asserted"' in blocks[done] and "st-hypothetical" not in blocks[done]
    items = re.findall(r'<li class="ev" id="ev-ISR-LBN-\d+">(.*?)<blockquote', html, re.S)
    coerce = next(i for i in items if "COERCE" in i)
    assert "st-hypothetical" in coerce and "st-asserted" in coerce  # the event's mentions disagree: both shown
    threaten = next(i for i in items if "THREATEN" in i)
    assert "st-hypothetical" in threaten and "asserted" not in threaten


@pytest.mark.skipif(not (ROOT / "examples" / "articles").is_dir(), reason="examples/ not present")
def test_sample_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    res = runner.invoke(app, ["ingest", "examples/articles", "examples/articles.jsonl", "--published-csv",
                              "examples/published.csv", "--db", "rep.duckdb"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["report", "--db", "rep.duckdb", "--dyad", "LTU:BLR", "--dyad", "CHN:RUS",
                              "--dyad", "ISR:LBN", "-o", "report.html"])
    assert res.exit_code == 0, res.output
    html = (tmp_path / "report.html").read_text("utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://""", html) and "<link" not in html
    with Store("rep.duckdb", read_only=True) as s:
        if s.counts()["events"] == 0:
            pytest.xfail("the event coder finds no events in the examples yet")
    for a, b in (("LTU", "BLR"), ("CHN", "RUS"), ("ISR", "LBN")):
        part = section(html, a, b)
        quoted = sentences(part)
        assert len(quoted) == len(set(quoted)), (a, b, quoted)
        for chart in charts(part):
            xs = [float(lab["x"]) for lab in chart["labels"]]
            assert all(y - x >= 49 for x, y in zip(xs, xs[1:], strict=False))
    for chart in charts(section(html, "CHN", "RUS")):  # one month, October 2024
        assert chart["bars"], "a one-month dyad is drawn as bars"
