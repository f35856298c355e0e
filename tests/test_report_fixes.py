"""The report's fixes: one-month dyads are visible bars, months between events stay gaps, each evidence
sentence is quoted once with the events it carries, and every mention shows its own status. (That x labels
never overlap is checked on the drawn chart in tests/test_web_browser.py: plotly thins crowded labels.)"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.charts import intensity_timeline, quad_timeline
from detente.cli import app
from detente.store import Store
from test_report import figures
from test_store import corpus, doc, ev

ROOT = Path(__file__).resolve().parents[1]


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
    quads, intensity = figures(section(html, "CHN", "PHL"))
    for fig in (quads, intensity):
        assert all(t["x"] == ["2024-06"] for t in fig["data"]) and fig["layout"]["xaxis"]["type"] == "category"
    bars = {t["name"]: t["y"] for t in intensity["data"] if t["type"] == "bar"}
    assert bars == {"CHN->PHL": [-3.5], "PHL->CHN": [None]}  # the THREATEN sum is a real bar
    counts = {t["name"]: t["y"] for t in quads["data"] if t["type"] == "bar"}
    assert counts["verbal conflict"] == [1] and counts["material conflict"] == [None]


def _rows(cells: dict[str, float | None]) -> list[dict[str, object]]:
    return [{"period": p, "direction": "A->B", "events": 1, "verbal_coop": 0, "material_coop": 0,
             "verbal_conflict": 1, "material_conflict": 0, "score_sum": v, "score_mean": v}
            for p, v in cells.items() if v is not None]


def test_a_month_between_events_is_a_gap_not_a_line() -> None:
    rows = _rows({"2024-01": 1.0, "2024-02": 2.0, "2024-04": -3.0})
    fig = quad_timeline(rows, "A", "B")
    line = next(t for t in fig["data"] if t["name"] == "mean score A->B")
    assert line["x"] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert line["y"] == [1.0, 2.0, None, -3.0] and line["connectgaps"] is False
    bars = next(t for t in intensity_timeline(rows, "A", "B")["data"] if t["name"] == "A->B")
    assert bars["type"] == "bar" and bars["y"] == [1.0, 2.0, None, -3.0]


def test_many_months_in_a_report_are_one_category_axis(tmp_path: Path) -> None:
    months = [f"{2019 + i // 12}-{i % 12 + 1:02d}-15" for i in range(60)]
    results = [doc(f"m{i}", day, [ev("CONSULT", "BLR", "LTU", day)]) for i, day in enumerate(months)]
    html = report(tmp_path, results, [("BLR", "LTU")])
    for fig in figures(section(html, "BLR", "LTU")):
        axis = fig["layout"]["xaxis"]
        assert axis["categoryarray"] == [m[:7] for m in months] and axis["type"] == "category"
        assert "tickvals" not in axis and "dtick" not in axis  # plotly chooses (and thins) the tick labels


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
    page = re.sub(r'<script id="plotly-js">.*?</script>', "", html, flags=re.S)  # the library's own text aside
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://""", page) and "<link" not in page
    with Store("rep.duckdb", read_only=True) as s:
        if s.counts()["events"] == 0:
            pytest.xfail("the event coder finds no events in the examples yet")
    for a, b in (("LTU", "BLR"), ("CHN", "RUS"), ("ISR", "LBN")):
        part = section(html, a, b)
        quoted = sentences(part)
        assert len(quoted) == len(set(quoted)), (a, b, quoted)
    for fig in figures(section(html, "CHN", "RUS")):  # one month, October 2024
        assert all(t["x"] == ["2024-10"] for t in fig["data"])
        assert any(t["type"] == "bar" and any(v for v in t["y"]) for t in fig["data"]), "drawn as bars"
