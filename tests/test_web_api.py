"""The JSON API of `detente serve` through FastAPI's test client: filters, pagination, documents with their
highlights, coding posted text, write protection, caps, and coded JSON errors (a clear 4xx, never a 500)."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from detente.store import SCHEMA_VERSION, Store  # noqa: E402
from detente.web import Config, create_app  # noqa: E402
from test_store import corpus, doc, ev  # noqa: E402

TEXT = "Lithuania expelled two Russian diplomats on Tuesday. \"We will respond,\" said Maria Zakharova."


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, coder: Any) -> Path:
    from detente.records import Document

    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    many = [doc(f"m{i:02d}", f"2024-02-{i % 28 + 1:02d}", [ev("CONSULT", "BLR", "RUS", f"2024-02-{i % 28 + 1:02d}",
                                                            confidence=0.5 + i / 100)]) for i in range(40)]
    with Store(path) as s:
        s.ingest(corpus() + many)
        s.ingest([Document(id="text1", text=TEXT, published="2024-03-14", title="Expulsions")], pipeline=coder)
    return path


@pytest.fixture(scope="module")
def client(db: Path, coder: Any) -> Iterator[TestClient]:
    with TestClient(create_app(db, pipeline=coder)) as c:
        yield c


def error(res: Any, status: int, code: str) -> str:
    assert res.status_code == status, res.text
    body = res.json()
    assert set(body) == {"code", "message"} and body["code"] == code, body
    return str(body["message"])


def test_events_filters_match_the_store(client: TestClient, db: Path) -> None:
    with Store(db, read_only=True) as s:
        expected = {
            "dyad=BLR:LTU": len(s.events(output="records", dyad="BLR:LTU")),
            "dyad=LTU:BLR&directed=true": len(s.events(output="records", dyad="LTU:BLR", directed=True)),
            "actor=Belarus": len(s.events(output="records", actor="BLR")),
            "type=COERCE&type=ACCUSE": len(s.events(output="records", type=["COERCE", "ACCUSE"])),
            "status=hypothetical": 1,
            "since=2024-03&until=2024-03": len(s.events(output="records", since="2024-03", until="2024-03")),
            "min_confidence=0.85": len(s.events(output="records", min_confidence=0.85)),
        }
    for query, n in expected.items():
        body = client.get(f"/api/events?{query}&limit=500").json()
        assert body["total"] == len(body["items"]) == n, query
    assert client.get("/api/events?country=PHL").json()["total"] == 2
    assert {e["quad"] for e in client.get("/api/events?quad=4&limit=500").json()["items"]} == {4}
    found = client.get("/api/events", params={"q": "russian DIPLOMATS"}).json()["items"]
    assert found and all("Russian diplomats" in e["evidence"]["sentence"] for e in found)
    first = client.get("/api/events?type=SANCTION&q=expelled").json()["items"][0]
    ev_ = first["evidence"]
    assert ev_["sentence"][ev_["trigger_start"]:ev_["trigger_end"]] == ev_["trigger"] == "expelled"
    assert first["source"]["country"] == "LTU" and first["document"]["doc_id"] == "text1"


def test_cursor_and_page_pagination(client: TestClient) -> None:
    total = client.get("/api/events?limit=1").json()["total"]
    for sort in ("-day", "day", "confidence", "-score", "id"):
        seen: list[int] = []
        cursor = None
        for _ in range(20):
            body = client.get("/api/events", params={"limit": 7, "sort": sort, "cursor": cursor}).json()
            seen += [e["id"] for e in body["items"]]
            cursor = body["next_cursor"]
            if cursor is None:
                break
        assert len(seen) == len(set(seen)) == total, sort
    pages = [client.get(f"/api/events?limit=10&page={p}&sort=id").json()["items"] for p in range(1, 7)]
    ids = [e["id"] for page in pages for e in page]
    assert ids == sorted(ids) and len(ids) == total
    days = [e["day"] for e in client.get("/api/events?limit=500").json()["items"] if e["day"]]
    assert days == sorted(days, reverse=True)  # latest first by default


@pytest.mark.parametrize(("query", "status", "code"), [
    ("type=BOMB", 400, "E157"), ("status=rumour", 400, "E151"), ("since=last%20week", 400, "E153"),
    ("until=2024-13", 400, "E153"), ("dyad=BLR", 400, "E601"), ("quad=7", 400, "E601"), ("quad=x", 400, "E601"),
    ("min_confidence=2", 400, "E601"), ("min_confidence=abc", 400, "E601"), ("limit=0", 400, "E601"),
    ("limit=abc", 400, "E601"), ("limit=100000", 400, "E601"), ("sort=colour", 400, "E601"),
    ("cursor=bm90IGEgY3Vyc29y", 400, "E601"), ("cursor=x&page=2", 400, "E601"), ("page=0", 400, "E601"),
    ("actor=Atlantis", 400, "E155"), ("country=Belarus", 400, "E601"), ("near=95,10", 400, "E601"),
    ("near=Qxzvbnmkl", 400, "E601"), ("near=Kharkiv&km=abc", 400, "E601"), ("near=Kharkiv&km=-5", 400, "E601"),
    ("placed=maybe", 400, "E601"),
])
def test_bad_filters_are_coded_4xx(client: TestClient, query: str, status: int, code: str) -> None:
    message = error(client.get(f"/api/events?{query}"), status, code)
    assert len(message) > 15  # says what to give instead


def test_event_document_and_highlights(client: TestClient) -> None:
    first = client.get("/api/events?q=expelled").json()["items"][0]
    one = client.get(f"/api/events/{first['id']}").json()
    assert one["id"] == first["id"] and "same_event" in one
    error(client.get("/api/events/999999"), 404, "E602")
    error(client.get("/api/events/abc"), 400, "E601")
    d = client.get(f"/api/documents/{first['document']['id']}").json()
    assert d["text"] == TEXT and d["doc_id"] == "text1" and d["events"] and d["quotes"]
    kinds = {s["kind"] for s in d["spans"]}
    assert {"sentence", "trigger", "quote", "actor"} <= kinds
    for span in d["spans"]:
        if span["kind"] == "trigger":
            assert TEXT[span["start"]:span["end"]].lower() in {e["evidence"]["trigger"].lower() for e in d["events"]}
    assert client.get("/api/documents/text1").json()["id"] == d["id"]  # by document id too
    without = client.get("/api/documents/a1").json()  # stored as a coded Result: no text, evidence only
    assert without["text"] is None and without["spans"] == [] and without["events"]
    error(client.get("/api/documents/nope"), 404, "E602")


def test_dyad_series(client: TestClient) -> None:
    body = client.get("/api/dyads/BLR/LTU/series").json()
    assert (body["a"], body["b"], body["by"]) == ("BLR", "LTU", "month")
    assert [(r["period"], r["direction"]) for r in body["rows"]] == [("2024-03", "BLR->LTU"), ("2024-03", "LTU->BLR")]
    assert client.get("/api/dyads/Belarus/Lithuania/series?by=week").json()["rows"][0]["period"] == "2024-W11"
    assert len(client.get("/api/dyads/BLR/RUS/series?by=day").json()["rows"]) == 2  # February's chain is one event
    assert len(client.get("/api/dyads/BLR/RUS/series?by=day&mentions=true").json()["rows"]) == 29  # 28 days + April
    mentions = client.get("/api/dyads/BLR/LTU/series?mentions=true").json()["rows"][0]
    assert mentions["events"] == 3
    error(client.get("/api/dyads/BLR/LTU/series?by=decade"), 400, "E601")
    error(client.get("/api/dyads/BLR/Atlantis/series"), 400, "E155")


def test_actors_quotes_clusters(client: TestClient) -> None:
    top = client.get("/api/actors?top=3").json()["items"]
    assert len(top) == 3 and top[0]["country"] == "BLR"
    found = client.get("/api/actors?q=philipp").json()["items"]
    assert [a["country"] for a in found] == ["PHL"]
    quotes = client.get("/api/quotes?q=respond").json()
    assert quotes["total"] >= 40 and all("respond" in q["text"].lower() for q in quotes["items"])
    by = client.get("/api/quotes?speaker=zakharova").json()["items"]
    assert by and by[0]["doc_id"] == "text1"
    clusters = client.get("/api/clusters?dyad=BLR:LTU&type=COERCE").json()
    assert clusters["total"] == 1 and clusters["items"][0]["n_sources"] == 3
    error(client.get("/api/clusters?type=BOMB"), 400, "E157")
    error(client.get("/api/quotes?limit=0"), 400, "E601")


def test_extract(client: TestClient) -> None:
    res = client.post("/api/extract", json={"text": "Lithuania expelled two Russian diplomats on Tuesday.",
                                            "published": "2024-03-14"})
    assert res.status_code == 200, res.text
    (result,) = res.json()["results"]
    assert result["events"][0]["type"] == "SANCTION" and result["events"][0]["date"] == "2024-03-12"
    batch = client.post("/api/extract", json={"documents": [{"text": "China criticised Japan."},
                                                            {"text": "", "id": "empty"}]}).json()["results"]
    assert len(batch) == 2 and batch[1]["error_code"] == "E101"
    error(client.post("/api/extract", json={"documents": [{"text": "x"}] * 21}), 413, "E604")
    error(client.post("/api/extract", json={}), 400, "E601")
    error(client.post("/api/extract", json={"text": 5}), 400, "E601")
    error(client.post("/api/extract", content=b"{not json", headers={"content-type": "application/json"}), 400,
          "E601")
    error(client.post("/api/extract", json={"text": "a " * 600_000}), 413, "E603")
    long = client.post("/api/extract", json={"text": "Peace talks resumed. " * 5000}).json()["results"][0]
    assert long["error_code"] == "E104" and "100,000" in long["error"]
    with Store(client.app.state.reader.path, read_only=True) as s:  # type: ignore[attr-defined]
        assert s.counts()["documents"] == 46  # nothing was stored


def test_writes_need_the_flag_and_the_token(db: Path, coder: Any, tmp_path: Path) -> None:
    post = {"documents": [{"text": "Poland expelled a Belarusian diplomat on Friday.", "published": "2024-05-10"}]}
    with TestClient(create_app(db, pipeline=coder)) as ro:
        error(ro.post("/api/documents", json=post), 403, "E606")
    with pytest.raises(Exception, match="DETENTE_TOKEN"):
        create_app(db, allow_writes=True, token="")
    copy = tmp_path / "w.duckdb"
    copy.write_bytes(db.read_bytes())
    with TestClient(create_app(copy, allow_writes=True, token="s3cret", pipeline=coder)) as rw:
        before = rw.get("/api/events?limit=1").json()["total"]
        error(rw.post("/api/documents", json=post), 401, "E605")
        error(rw.post("/api/documents", json=post, headers={"Authorization": "Bearer wrong"}), 401, "E605")
        auth = {"Authorization": "Bearer s3cret"}
        first = rw.post("/api/documents", json=post, headers=auth)
        assert first.status_code == 200, first.text
        assert first.json()["added"] == 1 and first.json()["events"] >= 1
        again = rw.post("/api/documents", json=post, headers=auth).json()
        assert (again["added"], again["skipped"]) == (0, 1)  # idempotent
        assert rw.get("/api/events?limit=1").json()["total"] == before + first.json()["events"]
        assert rw.get("/api/events?actor=POL").json()["total"] >= 1
        error(rw.post("/api/documents", json={"documents": [{"text": "x"}] * 21}, headers=auth), 413, "E604")


def test_body_and_time_caps(db: Path, coder: Any) -> None:
    with TestClient(create_app(db, pipeline=coder, config=Config(max_body=2000))) as c:
        error(c.post("/api/extract", json={"text": "Peace. " * 400}), 413, "E603")

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams in
            yield b'{"text": "'
            for _ in range(10):
                yield b"Peace. " * 100
            yield b'"}'

        error(c.post("/api/extract", content=chunks(), headers={"content-type": "application/json"}), 413, "E603")
    with TestClient(create_app(db, pipeline=coder, query_timeout=0.0001)) as slow:
        res = slow.get("/api/events?limit=500&q=a")
        assert res.status_code in (200, 504)  # a tiny budget interrupts the query or it was faster
        if res.status_code == 504:
            error(res, 504, "E607")


def test_pages(client: TestClient) -> None:
    for url in ("/", "/events", "/events?dyad=BLR:LTU&type=COERCE&quad=&min_confidence=", "/dyads/BLR/LTU",
                "/dyads/BLR/LTU?by=week", "/actors", "/actors?q=bel", "/actors/BLR", "/documents/text1", "/extract"):
        res = client.get(url)
        assert res.status_code == 200 and res.headers["content-type"].startswith("text/html"), url
        assert "https://" not in res.text.split("<main>")[0]  # nothing from the network in the head
    page = client.get("/events?dyad=BLR:LTU&type=COERCE").text
    assert page.count('class="q4"') == 3 and 'value="BLR:LTU"' in page
    dyad = client.get("/dyads/BLR/LTU").text
    assert 'src="/static/plotly.min.js"' in dyad and dyad.count("data-figure=") == 2
    doc_page = client.get("/documents/text1").text
    assert '<mark class="hl hl-sentence hl-trigger' in doc_page and "hl-actor" in doc_page and "hl-quote" in doc_page
    ev_id = client.get("/api/events?q=expelled").json()["items"][0]["id"]
    res = client.get(f"/events/{ev_id}", follow_redirects=False)
    assert res.status_code == 303 and res.headers["location"].endswith(f"?event={ev_id}#ev-{ev_id}")
    assert f'id="ev-{ev_id}"' in client.get(res.headers["location"]).text
    bad = client.get("/events?type=BOMB")
    assert bad.status_code == 400 and "E157" in bad.text and bad.headers["content-type"].startswith("text/html")
    js = client.get("/static/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000
    assert "Plotly.newPlot" in client.get("/static/app.js").text
    error(client.get("/static/evil.js"), 404, "E602")
    error(client.get("/api/nothing"), 404, "E602")


def test_openapi_documents_the_api(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/documents/{doc}", "/api/dyads/{a}/{b}/series",
                 "/api/actors", "/api/quotes", "/api/clusters", "/api/extract", "/api/documents"):
        assert path in paths, path
    names = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"dyad", "actor", "country", "type", "quad", "status", "min_confidence", "since", "until", "q", "sort",
            "limit", "cursor", "page", "near", "km", "admin1", "placed"} <= names
    assert "/api/map" in paths


def test_a_version_2_store_is_read_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "v2.duckdb"
    with Store(path) as s:
        s.ingest(corpus())
        s.con.execute("ALTER TABLE documents DROP COLUMN text")
        s.con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with Store(path, read_only=True) as ro:
        assert not ro.has_text and ro.counts()["events"] == 9
    with TestClient(create_app(path)) as c:
        assert c.get("/api/documents/a1").json()["text"] is None
        assert "not in the store" in c.get("/documents/a1").text
    with Store(path) as rw:
        assert rw.has_text
        version = rw.sql("SELECT value FROM meta WHERE key = 'schema_version'", output="records")
        assert version == [{"value": SCHEMA_VERSION}]


def test_cursor_is_opaque_but_checked(client: TestClient) -> None:
    body = client.get("/api/events?limit=2&sort=id").json()
    raw = base64.urlsafe_b64decode(body["next_cursor"] + "==")
    assert b"id" in raw
    error(client.get(f"/api/events?limit=2&sort=day&cursor={body['next_cursor']}"), 400, "E601")


# -- places: events that say where they happened, the near / admin1 / placed filters, the map ----------------
PLACED = {  # coded by the pipeline: the first three name a place, the last does not
    "p1": ("Russian artillery pounded Kharkiv again on Wednesday.", "2024-05-16"),
    "p2": ("Russian artillery hit Kharkiv with rockets on Friday.", "2024-05-25"),
    "p3": ("Lithuanian police detained two Belarusian smugglers in Vilnius on Friday.", "2024-05-11"),
    "p4": ("China criticised Japan over its defence budget.", "2024-05-15"),
}
KHARKIV = (49.98, 36.25)


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory, coder: Any) -> Iterator[TestClient]:
    from detente.records import Document

    path = tmp_path_factory.mktemp("places") / "places.duckdb"
    with Store(path) as s:
        s.ingest([Document(id=k, text=t, published=d, title=f"Report {k}") for k, (t, d) in PLACED.items()],
                 pipeline=coder)
    with TestClient(create_app(path, pipeline=coder)) as c:
        yield c


def near_kharkiv(lat: float | None, lon: float | None) -> bool:
    return lat is not None and lon is not None and abs(lat - KHARKIV[0]) < 0.1 and abs(lon - KHARKIV[1]) < 0.1


def test_events_carry_their_place(places: TestClient) -> None:
    placed = places.get("/api/events?placed=true&limit=500").json()
    unplaced = places.get("/api/events?placed=false&limit=500").json()
    everything = places.get("/api/events?limit=500").json()
    assert placed["total"] >= 3 and unplaced["total"] >= 1
    assert placed["total"] + unplaced["total"] == everything["total"]
    assert all(e["location"] is None for e in unplaced["items"])
    for e in placed["items"]:
        loc = e["location"]
        assert -90 <= loc["latitude"] <= 90 and -180 <= loc["longitude"] <= 180
        assert loc["precision"] in ("place", "admin1", "country") and loc["basis"] in ("clause", "dateline",
                                                                                       "coreference")
    kharkiv = [e for e in placed["items"] if e["location"]["place"] == "Kharkiv"]
    assert len(kharkiv) == 2 and all(e["type"] == "ASSAULT" and e["quad"] == 4 for e in kharkiv)
    loc = kharkiv[0]["location"]
    assert near_kharkiv(loc["latitude"], loc["longitude"]) and loc["country"] == "UKR" and loc["admin1"]
    assert "Kharkiv" in loc["resolved"] and loc["geonames_id"]
    vilnius = [e for e in placed["items"] if e["location"]["place"] == "Vilnius"]
    assert vilnius and vilnius[0]["location"]["country"] == "LTU"


def test_near_admin1_and_placed_filters(places: TestClient) -> None:
    by_name = places.get("/api/events?near=Kharkiv&km=30").json()
    assert by_name["total"] == 2 and by_name["filters"] == {"near": "Kharkiv", "km": 30.0}
    assert all(e["location"]["place"] == "Kharkiv" for e in by_name["items"])
    by_point = places.get("/api/events", params={"near": f"{KHARKIV[0]},{KHARKIV[1]}", "km": 25}).json()
    assert {e["id"] for e in by_point["items"]} == {e["id"] for e in by_name["items"]}
    assert places.get("/api/events?near=Kharkiv").json()["total"] == 2  # 50 km by default
    assert places.get("/api/events?near=Vilnius&km=20").json()["total"] >= 1
    assert places.get("/api/events?near=-33.87,151.21&km=100").json()["total"] == 0  # Sydney: nothing there
    assert places.get("/api/events?near=Vilnius&km=700").json()["total"] == 1  # Kharkiv is 900 km away
    admin1 = by_name["items"][0]["location"]["admin1"]
    assert places.get("/api/events", params={"admin1": admin1.upper()}).json()["total"] == 2
    combined = places.get("/api/events?near=Kharkiv&type=ASSAULT&placed=true&quad=4").json()
    assert combined["total"] == 2
    assert places.get("/api/events?near=Kharkiv&placed=false").json()["total"] == 0
    assert places.get("/api/clusters?near=Kharkiv").json()["total"] >= 1
    assert places.get("/api/events?near=&km=&admin1=&placed=").json()["total"] == 4  # empty form fields: no filter


def test_map_api(places: TestClient) -> None:
    body = places.get("/api/map").json()
    assert (body["total"], body["truncated"]) == (4, False) and body["placed"] == 3
    kharkiv = [p for p in body["points"] if near_kharkiv(p["latitude"], p["longitude"])]
    assert len(kharkiv) == 1 and kharkiv[0]["quad"] == 4 and kharkiv[0]["type"] == "ASSAULT"
    assert kharkiv[0]["mentions"] == 2 and kharkiv[0]["events"] == 2  # nine days apart: two events
    assert "Kharkiv" in kharkiv[0]["place_resolved"] and "Kharkiv" in kharkiv[0]["sentence"]
    assert body["places"][0]["events"] == 2 and "Kharkiv" in body["places"][0]["place"]
    figure = body["figure"]
    names = [t["name"] for t in figure["data"]]
    assert names[:3] == ["coast", "lakes", "borders"] and "material conflict" in names
    coast = figure["data"][0]
    assert len(coast["x"]) > 1000 and None in coast["x"] and coast["hoverinfo"] == "skip"
    conflict = figure["data"][names.index("material conflict")]
    assert any(near_kharkiv(*c) for c in conflict["customdata"])
    assert "Kharkiv" in " ".join(conflict["text"]) and conflict["marker"]["color"] == "#b2182b"
    xr, yr = figure["layout"]["xaxis"]["range"], figure["layout"]["yaxis"]["range"]
    assert xr[0] < 25.3 and 36.3 < xr[1] < 180 and yr[0] < 49.9 and 54.7 < yr[1] < 85  # Vilnius to Kharkiv
    assert figure["layout"]["yaxis"]["scaleanchor"] == "x"
    near = places.get("/api/map?near=Kharkiv&km=30&figure=false").json()
    assert "figure" not in near and near["total"] == 2
    assert all(near_kharkiv(p["latitude"], p["longitude"]) for p in near["points"])
    assert len(places.get("/api/map?limit=1&figure=false").json()["points"]) == 1
    assert places.get("/api/map?limit=1&figure=false").json()["truncated"] is True
    error(places.get("/api/map?limit=0"), 400, "E601")
    error(places.get("/api/map?near=Qxzvbnmkl"), 400, "E601")
    error(places.get("/api/map?type=BOMB"), 400, "E157")


def test_map_page_and_place_links(places: TestClient) -> None:
    page = places.get("/map")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = page.text
    assert 'href="/map"' in text and 'id="event-map"' in text and 'data-src="/api/map"' in text
    assert 'src="/static/plotly.min.js"' in text and "https://" not in text.split("<main>")[0]
    assert "4 event mentions; 3 of them have a place" in text and "Kharkiv" in text.split("Top places")[1]
    filtered = places.get("/map?near=Kharkiv&km=30&type=ASSAULT").text
    src = re.search(r'data-src="([^"]+)"', filtered)
    assert src and set(src[1].split("?")[1].split("&amp;")) == {"type=ASSAULT", "near=Kharkiv", "km=30.0"}
    assert 'data-events="/events?type=ASSAULT"' in filtered and 'value="Kharkiv"' in filtered
    assert 'name="placed"' not in filtered  # every point on a map has a place
    bad = places.get("/map?near=Qxzvbnmkl")
    assert bad.status_code == 400 and "E601" in bad.text
    events = places.get("/events?type=ASSAULT").text
    links = re.findall(r'<a class="place" href="(/events\?near=[-\d.]+,[-\d.]+&amp;km=25)"[^>]*>([^<]+)</a>', events)
    assert len(links) == 2 and all("Kharkiv" in name for _, name in links)
    listed = places.get(links[0][0].replace("&amp;", "&")).text
    assert listed.count('class="place"') == 2 and 'value="25"' in listed
    unplaced = places.get("/events?placed=false").text
    assert 'value="false" selected' in unplaced and 'class="place"' not in unplaced
    assert "placed=false" in places.get("/events?placed=false&limit=1").text  # the pager keeps the filter
