"""The web app in a real browser (Debian's Chromium driven by Playwright): the pages a person uses, over a
store ingested from examples/ by the CLI and served by `detente serve`. Screenshots go to test-out/screenshots/.
Skipped when /usr/bin/chromium or Playwright is missing (`make test` installs Chromium)."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "test-out" / "screenshots"

if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

from test_web_concurrency import free_port, wait_for  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("browser")
    db = work / "demo.duckdb"
    ex = ROOT / "examples"
    subprocess.run([sys.executable, "-m", "detente.cli", "ingest", str(ex / "articles"), str(ex / "articles.jsonl"),
                    "--published-csv", str(ex / "published.csv"), "--db", str(db)], check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "detente.cli", "serve", "--db", str(db), "--port", str(port)],
                            stderr=subprocess.PIPE, text=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/api/events?limit=1", proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM))
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("requestfailed", lambda req: errors.append(f"failed: {req.url}"))
    outside: list[str] = []
    pg.on("request", lambda req: outside.append(req.url) if not req.url.startswith(("http://127.0.0.1",
                                                                                     "file://", "data:")) else None)
    yield pg
    context.close()
    assert not errors, errors
    assert not outside, f"requests off this machine: {outside}"


def shot(pg: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_overview_to_a_dyad_chart(server: str, page: Any) -> None:
    page.goto(server + "/")
    assert int(page.locator("#counts b").first.inner_text()) == 11  # documents
    assert page.locator("table.events tbody tr").count() >= 5  # latest events
    shot(page, "overview")
    link = page.locator("a.dyad-link").first
    name = link.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"/dyads/[A-Z]{3}/[A-Z]{3}$"))
    assert page.locator("h1").inner_text() == name
    page.wait_for_selector("#chart-quads.drawn svg.main-svg", timeout=20_000)
    assert page.locator("#chart-quads .barlayer .point").count() >= 1  # bars drawn
    assert page.locator("#chart-intensity.drawn svg.main-svg").count() >= 1
    assert page.locator("table.events tbody tr").count() >= 1
    shot(page, "dyad")


def test_events_filtered_by_url_then_the_sentence_in_its_document(server: str, page: Any) -> None:
    page.goto(server + "/events?dyad=BLR:LTU&type=ACCUSE")
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 1
    assert set(page.locator("table.events b.type").all_inner_texts()) == {"ACCUSE"}
    assert page.locator("input[name=dyad]").input_value() == "BLR:LTU"  # the form shows the URL's filters
    assert page.locator("select[name=type]").input_value() == "ACCUSE"
    shot(page, "events")
    page.select_option("select[name=status]", "asserted")  # the form puts the filters in the URL
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"status=asserted"))
    assert "dyad=BLR%3ALTU" in page.url and "type=ACCUSE" in page.url
    sentence = rows.first.locator("a.ev-link").inner_text()
    rows.first.locator("a.ev-link").click()
    page.wait_for_url(re.compile(r"/documents/\w+\?event=\d+#ev-\d+"))
    selected = page.locator("#text .hl-selected")
    assert selected.count() >= 1
    assert " ".join(selected.all_inner_texts()).split()[:4] == sentence.split()[:4]
    assert page.locator("#text mark.hl-trigger").count() >= 1
    assert page.locator("#text .hl-actor").count() >= 1
    assert page.locator("#text .hl-quote").count() >= 1
    assert selected.first.is_visible()
    shot(page, "document")


def test_actor_page(server: str, page: Any) -> None:
    page.goto(server + "/actors")
    page.fill("input[name=q]", "lithuan")
    page.click("form button")
    page.wait_for_url(re.compile(r"/actors\?q=lithuan"))
    page.locator("table tbody td a").first.click()
    page.wait_for_url(re.compile(r"/actors/"))
    assert page.locator("table.partners tbody tr").count() >= 1 and page.locator("table.events tbody tr").count()
    shot(page, "actor")


def test_code_a_text(server: str, page: Any) -> None:
    page.goto(server + "/extract")
    page.fill("#extract-text", "Lithuania expelled two Russian diplomats on Tuesday, the foreign ministry said.")
    page.fill("#extract-published", "2024-03-14")
    page.click("#extract-run")
    page.wait_for_selector("#extract-events tbody tr", timeout=60_000)
    assert "SANCTION" in page.locator("#extract-events").inner_text()
    assert page.locator("#extract-events mark.hl-trigger").count() >= 1
    shot(page, "extract")


def test_map_page_draws_the_outline_and_the_events(server: str, page: Any) -> None:
    """/map: the figure from /api/map drawn by plotly.js (world outline, one trace per quad class); a point's
    hover names its place, a click lists its events."""
    page.goto(server + "/")
    page.click("header a[href='/map']")
    page.wait_for_url(re.compile(r"/map$"))
    page.wait_for_selector("#event-map.drawn svg.main-svg", timeout=20_000)
    names = page.evaluate("document.getElementById('event-map').data.map(function (t) { return t.name; })")
    assert names[:3] == ["coast", "lakes", "borders"] and "material conflict" in names
    assert page.locator("#event-map .scatterlayer .trace path.js-line").count() >= 3  # the outline is drawn
    points = page.locator("#event-map .scatterlayer path.point")
    assert points.count() >= 5  # the examples name Vilnius, Beijing, Cairo, El Fasher, ...
    assert "have a place" in page.locator("#map-total").inner_text()
    assert page.locator("table.places tbody tr").count() >= 5
    shot(page, "map")
    box = points.first.bounding_box()
    assert box
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#event-map .hoverlayer .hovertext", timeout=5_000)
    assert re.search(r"\d+ events?", page.locator("#event-map .hoverlayer .hovertext").text_content() or "")
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"/events\?near=-?[\d.]+,-?[\d.]+&km=25$"), timeout=10_000)
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 1 and rows.first.locator("a.place").count() == 1
    assert page.locator("input[name=km]").input_value() == "25"
    page.goto(server + "/map?dyad=ISR:LBN")  # filters narrow the map
    page.wait_for_selector("#event-map.drawn svg.main-svg", timeout=20_000)
    assert 1 <= page.locator("#event-map .scatterlayer path.point").count() < points.count() + 1


def test_report_map_draws_offline(tmp_path: Path, page: Any) -> None:
    from detente.records import Location
    from detente.store import Store
    from test_store import doc, ev

    def at(event: Any, place: str, lat: float, lon: float) -> Any:
        event.location = Location(place=place, latitude=lat, longitude=lon, country="LBN", start=0, end=3)
        return event

    out = tmp_path / "report.html"
    with Store(tmp_path / "m.duckdb") as s:
        s.ingest([doc("k", "2024-05-02", [at(ev("ASSAULT", "ISR", "LBN", "2024-05-01"), "Tyre", 33.27, 35.20),
                                          at(ev("CONSULT", "ISR", "LBN", "2024-05-01"), "Naqoura", 33.12, 35.14)])])
        s.report([("ISR", "LBN")], out)
    page.goto(out.as_uri())
    page.wait_for_selector("#chart-map.drawn svg.main-svg", timeout=20_000)
    assert page.locator("#chart-map .scatterlayer path.point").count() == 2
    assert page.locator("#chart-map .scatterlayer .trace path.js-line").count() >= 3
    shot(page, "report-map")


def test_report_charts_draw_offline_with_labels_apart(tmp_path: Path, page: Any) -> None:
    """The report's plotly charts render from the inlined library; 60 months of x labels never overlap."""
    from detente.store import Store
    from test_store import doc, ev

    days = [f"{2019 + i // 12}-{i % 12 + 1:02d}-15" for i in range(60)]
    out = tmp_path / "report.html"
    with Store(tmp_path / "r.duckdb") as s:
        s.ingest([doc(f"m{i}", d, [ev("CONSULT", "BLR", "LTU", d)]) for i, d in enumerate(days)])
        s.report([("BLR", "LTU")], out)
    page.goto(out.as_uri())
    page.wait_for_selector(".chart.network.drawn svg.main-svg", timeout=20_000)
    for chart in ("#chart-quads-BLR-LTU", "#chart-intensity-BLR-LTU"):
        boxes = [page.locator(f"{chart} .xtick text").nth(i).bounding_box()
                 for i in range(page.locator(f"{chart} .xtick text").count())]
        boxes = sorted((b for b in boxes if b), key=lambda b: b["x"])
        assert len(boxes) >= 4  # plotly thins or turns crowded labels; either way they stay apart
        for left, right in zip(boxes, boxes[1:], strict=False):
            assert left["x"] + left["width"] <= right["x"] + 0.5, (chart, left, right)
    shot(page, "report")


def test_timings_are_reported(server: str, browser: Any) -> None:
    """Loads each page once and prints its time (for the notes; not a benchmark)."""
    pg = browser.new_page()
    times = {}
    for url in ("/", "/events", "/dyads/BLR/LTU", "/map", "/actors", "/extract"):
        t = time.perf_counter()
        pg.goto(server + url)
        if "dyads" in url or "map" in url:
            pg.wait_for_selector(".chart.drawn svg")
        times[url] = round(time.perf_counter() - t, 3)
    pg.close()
    print("page load seconds:", times, file=sys.stderr)
    assert all(v < 15 for v in times.values())
