"""The corpus store: ingest (idempotent, resumable), clusters, filters, dyads. Results are built by hand."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from detente.errors import StoreError
from detente.ontology import KINDS
from detente.records import Actor, ActorSummary, Document, Event, Quote, Result
from detente.store import Store, content_hash, load_published_csv

NAMES = {"BLR": "Belarus", "RUS": "Russia", "LTU": "Lithuania", "CHN": "China", "PHL": "Philippines",
         "USA": "United States", "IGO": "European Union", "ISR": "Israel", "LBN": "Lebanon", "SDN": "Sudan"}


def ev(type: str, src: str | None, tgt: str | None, date: str | None = None, status: str = "asserted",
       confidence: float = 0.8, sentence: str | None = None) -> Event:
    kind = KINDS[type]

    def actor(code: str | None) -> Actor | None:
        return Actor(name=NAMES[code], canonical=f"Government of {NAMES[code]}", country=code,
                     sector="GOV") if code else None

    return Event(type=type, quad=kind.quad, score=kind.score, cameo=kind.cameo, source=actor(src),  # type: ignore
                 target=actor(tgt), sentence=sentence or f"{src} {type.lower()}s {tgt} ({date}).", start=0,
                 end=20, trigger=type.lower(), date=date,
                 date_precision={10: "day", 7: "month", 4: "year"}.get(len(date or "")),  # type: ignore
                 status=status, confidence=confidence)  # type: ignore[arg-type]


def doc(id: str, published: str | None, events: list[Event], url: str | None = None) -> Result:
    return Result(id=id, published=published, title=f"Title {id}", url=url, events=events,
                  quotes=[Quote(text="We will respond.", speaker="A spokesman", start=0, end=16)],
                  actors=[ActorSummary(canonical="Government of Belarus", country="BLR", sector="GOV",
                                       mentions=["Minsk", "Belarus"])])


def corpus() -> list[Result]:
    """Three articles report one BLR→LTU detention; other events around it."""
    return [
        doc("a1", "2024-03-14", [ev("COERCE", "BLR", "LTU", "2024-03-11"),
                                 ev("ACCUSE", "LTU", "BLR", "2024-03-13"),
                                 ev("REQUEST", "LTU", "IGO", None)], url="https://example.org/a1"),
        doc("a2", "2024-03-15", [ev("COERCE", "BLR", "LTU", "2024-03-12"),
                                 ev("SANCTION", "IGO", "BLR", None, status="hypothetical", confidence=0.4)]),
        doc("a3", "2024-03-16", [ev("COERCE", "BLR", "LTU", "2024-03-13"),
                                 ev("CONSULT", "BLR", "RUS", "2024-04-02")]),
        doc("a4", "2024-06-19", [ev("THREATEN", "CHN", "PHL", "2024-06-18"),
                                 ev("SUPPORT", "USA", "PHL", "2024-06")]),
        Result(id="bad", error="the input is empty; nothing to code", error_code="E101"),
    ]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "t.duckdb") as s:
        s.ingest(corpus())
        yield s


def test_ingest_counts_and_tables(store: Store) -> None:
    assert store.counts() == {"documents": 5, "failed": 1, "events": 9, "clusters": 7, "quotes": 4,
                              "actors": 4}
    docs = store.sql("SELECT id, n_events, error_code FROM documents ORDER BY id", output="records")
    assert [(d["id"], d["n_events"], d["error_code"]) for d in docs] == [
        ("a1", 3, None), ("a2", 2, None), ("a3", 2, None), ("a4", 2, None), ("bad", 0, "E101")]
    row = store.events(type="ACCUSE", output="records")[0]
    assert (row["source_country"], row["target_canonical"], row["date"], row["url"]) == (
        "LTU", "Government of Belarus", "2024-03-13", "https://example.org/a1")
    actors = store.sql("SELECT mentions, n_mentions FROM actors LIMIT 1", output="records")[0]
    assert actors == {"mentions": ["Minsk", "Belarus"], "n_mentions": 2}


def test_reingest_adds_nothing(store: Store) -> None:
    before = store.counts()
    summary = store.ingest(corpus())
    assert (summary.added, summary.skipped, summary.failed, summary.events) == (0, 5, 0, 0)
    assert store.counts() == before


def test_content_hash_is_text_and_origin() -> None:
    """The same file is the same document whatever date it is given (issue 13)."""
    a = Document(id="x", text="Poland expelled two Russian diplomats.", published="2024-03-01", path="a.txt")
    assert content_hash(a) == content_hash(a.model_copy(update={"published": "2024-03-02"}))
    assert content_hash(a) == content_hash(a.model_copy(update={"published": None}))
    assert content_hash(a) != content_hash(a.model_copy(update={"path": "b.txt"}))
    assert content_hash(a) != content_hash(a.model_copy(update={"text": a.text + " Again."}))


def test_a_new_publication_date_updates_instead_of_doubling(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i, text in enumerate(("Poland expelled two Russian diplomats on Tuesday.",
                              "Chile recalled its ambassador from Peru on Monday.")):
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        first = store.ingest([folder], published="2024-03-14")
        again = store.ingest([folder])  # no date: the stored one stays
        moved = store.ingest([folder], published="2024-04-02")  # a new date: the same documents, re-coded
        rows = store.con.execute("SELECT count(*), min(published), max(published) FROM documents").fetchall()
        events = store.con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    assert (first.added, again.skipped, again.added, moved.updated, moved.added) == (2, 2, 0, 2, 0)
    assert "2 updated" in str(moved)
    assert rows[0][0] == 2 and str(rows[0][1]) == str(rows[0][2]) == "2024-04-02"
    assert events == first.events


def many(n: int = 30) -> list[Result]:
    days = [f"2024-01-{i % 28 + 1:02d}" for i in range(n)]
    return [doc(f"d{i:02d}", day, [ev("CONSULT", "BLR", "RUS", day), ev("ACCUSE", "RUS", "LTU", None)])
            for i, day in enumerate(days)]


def _check_complete(path: Path, n: int = 30) -> None:
    with Store(path) as s:
        counts = s.counts()
        assert counts["documents"] == n and counts["events"] == 2 * n
        dup = s.sql("SELECT count(*) - count(DISTINCT hash) AS d FROM documents", output="records")[0]["d"]
        assert dup == 0
        per_doc = s.sql("SELECT max(c) AS m FROM (SELECT count(*) AS c FROM events GROUP BY doc_hash, idx)",
                        output="records")
        assert per_doc[0]["m"] == 1
        orphans = s.sql("SELECT count(*) AS n FROM events WHERE cluster_id IS NULL", output="records")
        assert orphans[0]["n"] == 0


def test_resume_after_exception(tmp_path: Path) -> None:
    results = many()

    def broken() -> Iterable[Result]:
        for i, r in enumerate(results):
            if i == 17:
                raise RuntimeError("power cut")
            yield r

    path = tmp_path / "r.duckdb"
    with Store(path) as s, pytest.raises(RuntimeError):
        s.ingest(broken(), batch_size=5)
    with Store(path) as s:
        assert s.counts()["documents"] == 15  # three whole batches, the fourth lost
        summary = s.ingest(results, batch_size=5)
        assert (summary.added, summary.skipped) == (15, 15)
    _check_complete(path)


KILL_SCRIPT = """
import sys, time
from detente.records import Result
from detente.store import Store
results = [Result.model_validate_json(line) for line in open(sys.argv[2], encoding="utf-8")]
def slow():
    for r in results:
        time.sleep(0.05)
        yield r
def report(s):
    print(s.added, flush=True)
with Store(sys.argv[1]) as store:
    store.ingest(slow(), batch_size=5, progress=report)
"""


def test_resume_after_sigkill(tmp_path: Path) -> None:
    results = many()
    data = tmp_path / "results.jsonl"
    data.write_text("".join(r.model_dump_json() + "\n" for r in results), encoding="utf-8")
    path = tmp_path / "k.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(path), str(data)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    for line in proc.stdout:
        if int(line) >= 10 or time.monotonic() > deadline:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with Store(path) as s:
        stored = s.counts()["documents"]
        assert 10 <= stored < 30 and stored % 5 == 0
        assert s.counts()["events"] == 2 * stored
        summary = s.ingest(results, batch_size=5)
        assert (summary.added, summary.skipped) == (30 - stored, stored)
    _check_complete(path)


class FakePipeline:
    """Stands in for the NLP pipeline: one CONSULT event per document, dated by publication."""

    def __init__(self) -> None:
        self.seen: list[Document] = []

    def pipe(self, items: Iterable[Document | Result]) -> Iterator[Result]:
        for item in items:
            if isinstance(item, Result):
                yield item
                continue
            self.seen.append(item)
            yield Result(id=item.id, published=item.published, title=item.title, url=item.url,
                         events=[ev("CONSULT", "CHN", "RUS", item.published)])


def test_ingest_files_with_published_csv(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text("China and Russia held talks in Beijing on Tuesday about trade.", "utf-8")
    (folder / "two.txt").write_text("Russia hosted the Chinese foreign minister in Moscow.", "utf-8")
    (folder / "empty.txt").write_text("", "utf-8")
    (tmp_path / "x.jsonl").write_text(json.dumps({"id": "j1", "text": "China criticised Russia sharply.",
                                                  "published": "2024-05-05"}) + "\n", "utf-8")
    csv_path = tmp_path / "published.csv"
    csv_path.write_text("file,published\none.txt,2024-02-01\ntwo.txt,2024-02-03\n", "utf-8")
    dates = load_published_csv(csv_path)
    fake = FakePipeline()
    with Store(tmp_path / "f.duckdb") as s:
        summary = s.ingest([folder, tmp_path / "x.jsonl"], published_map=dates, published="2023-12-31",
                           pipeline=fake)
        assert (summary.added, summary.failed, summary.events) == (3, 1, 3)
        rows = s.sql("SELECT id, path, CAST(published AS VARCHAR) AS published, error_code FROM documents",
                     output="records")
        docs = {d["id"]: d for d in rows}
        assert docs["one"]["published"] == "2024-02-01" and docs["two"]["published"] == "2024-02-03"
        assert docs["j1"]["published"] == "2024-05-05" and docs["j1"]["path"].endswith("x.jsonl")
        assert docs["one"]["path"].endswith("one.txt") and docs["empty"]["error_code"] == "E101"
        # both CONSULT mentions fall within two days: one event cluster with two sources
        cluster = s.clusters(output="records", since="2024-02", until="2024-02")
        assert [(c["n_mentions"], c["n_sources"]) for c in cluster] == [(2, 2)]
        fake.seen.clear()
        again = s.ingest([folder, tmp_path / "x.jsonl"], published_map=dates, published="2023-12-31",
                         pipeline=fake)
        assert (again.added, again.skipped, again.failed, fake.seen) == (0, 4, 0, [])
        # the empty file gets text: its error row is replaced by the coded document
        (folder / "empty.txt").write_text("China and Russia signed a gas deal.", "utf-8")
        third = s.ingest([folder], published_map=dates, pipeline=fake)
        assert (third.added, third.skipped) == (1, 2)
        assert s.counts()["failed"] == 0 and s.counts()["documents"] == 4


def test_published_csv_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,date\na.txt,2024-01-01\n", "utf-8")
    with pytest.raises(StoreError, match="file"):
        load_published_csv(bad)
    bad.write_text("file,published\na.txt,March 3\n", "utf-8")
    with pytest.raises(StoreError, match="line 2"):
        load_published_csv(bad)


def test_clusters_join_mentions_across_documents(store: Store) -> None:
    clusters = {c["type"]: c for c in store.clusters(output="records")}
    coerce = clusters["COERCE"]
    assert (coerce["n_mentions"], coerce["n_sources"]) == (3, 3)
    assert sorted(coerce["doc_ids"]) == ["a1", "a2", "a3"] and len(coerce["sentences"]) == 3
    assert str(coerce["first_seen"]) == "2024-03-14" and coerce["date"] == "2024-03-11"
    assert coerce["urls"] == ["https://example.org/a1"]
    ids = store.sql("SELECT DISTINCT cluster_id FROM events WHERE type = 'COERCE'", output="records")
    assert [i["cluster_id"] for i in ids] == [coerce["cluster_id"]]


def test_clusters_rules(tmp_path: Path) -> None:
    with Store(tmp_path / "c.duckdb") as s:
        aid = ev("AID", "USA", "SDN", None)
        s.ingest([doc("x1", "2024-05-01", [ev("ASSAULT", "ISR", "LBN", "2024-04-29"), aid]),
                  doc("x2", "2024-05-03", [ev("ASSAULT", "ISR", "LBN", "2024-05-08"), aid]),
                  doc("x3", "2024-05-01", [ev("ASSAULT", "ISR", "LBN", "2024-05"), aid,
                                           ev("ASSAULT", "LBN", "ISR", "2024-04-29")])])
        sizes = sorted((c["type"], c["n_mentions"]) for c in s.clusters(output="records"))
        # 9 days apart, month precision, reversed roles: separate; undated: same publication date only
        assert sizes == [("AID", 1), ("AID", 2)] + [("ASSAULT", 1)] * 4
        s.ingest([doc("x4", "2024-05-09", [ev("ASSAULT", "ISR", "LBN", "2024-05-01")])])
        joined = [c["n_mentions"] for c in s.clusters(output="records", dyad="ISR:LBN", directed=True)
                  if c["date"] and len(c["date"]) == 10]
        assert sorted(joined) == [1, 2]  # 04-29 and 05-01 chain; 05-08 is 7 days later


def _types(rows: list[dict[str, object]]) -> list[object]:
    return sorted(r["type"] for r in rows)


def test_filters(store: Store) -> None:
    def q(**kw: object) -> list[object]:
        return _types(store.events(output="records", **kw))

    assert q(actor="LTU") == ["ACCUSE", "COERCE", "COERCE", "COERCE", "REQUEST"]
    assert q(actor="government of lithuania") == q(actor="ltu")
    assert q(dyad="BLR:LTU") == ["ACCUSE", "COERCE", "COERCE", "COERCE"]
    assert q(dyad=("LTU", "BLR"), directed=True) == ["ACCUSE"]
    assert q(type="COERCE") == ["COERCE"] * 3 and q(type=["SANCTION", "consult"]) == ["CONSULT", "SANCTION"]
    assert q(status="hypothetical") == ["SANCTION"]
    assert q(min_confidence=0.5) == sorted(t for t in q() if t != "SANCTION")
    # undated events fall back to the publication date: REQUEST (2024-03-14), SANCTION (2024-03-15)
    assert q(since="2024-03-14", until="2024-03-15") == ["REQUEST", "SANCTION"]
    assert q(since="2024-04") == ["CONSULT", "SUPPORT", "THREATEN"]
    assert q(until="2024-03") == ["ACCUSE", "COERCE", "COERCE", "COERCE", "REQUEST", "SANCTION"]
    assert q(since="2024-06", type="SUPPORT") == ["SUPPORT"]  # month-precision date 2024-06
    assert len(store.events(output="records", limit=2)) == 2
    bad_filters = ({"type": "BOMB"}, {"status": "rumour"}, {"since": "last week"}, {"dyad": "BLR"},
                   {"colour": 1})
    for bad in bad_filters:
        with pytest.raises(StoreError):
            store.events(**bad)


def test_dyad_timeline(store: Store) -> None:
    rows = store.dyad("BLR", "LTU", output="records")
    assert [(r["period"], r["direction"], r["events"]) for r in rows] == [
        ("2024-03", "BLR->LTU", 1), ("2024-03", "LTU->BLR", 1)]
    coerce = rows[0]
    assert (coerce["material_conflict"], coerce["score_sum"], coerce["score_mean"]) == (1, -7.0, -7.0)
    mentions = store.dyad("BLR", "LTU", mentions=True, output="records")
    assert mentions[0]["events"] == 3 and mentions[0]["score_sum"] == -21.0
    assert [r["period"] for r in store.dyad("BLR", "LTU", by="year", output="records")] == ["2024", "2024"]
    assert store.dyad("BLR", "LTU", by="week", output="records")[0]["period"] == "2024-W11"
    assert store.dyad("BLR", "LTU", output="records", status="hypothetical") == []
    with pytest.raises(StoreError, match="period"):
        store.dyad("BLR", "LTU", by="decade")


def test_top_actors(store: Store) -> None:
    rows = store.top_actors(3, output="records")
    assert rows[0]["country"] == "BLR" and rows[0]["events"] == 6
    assert rows[0]["as_source"] == 4 and rows[0]["as_target"] == 2
    assert len(rows) == 3


def test_frames_and_read_only(store: Store, tmp_path: Path) -> None:
    polars = pytest.importorskip("polars")
    frame = store.events()
    assert isinstance(frame, polars.DataFrame) and frame.height == 9
    store.close()
    with Store(store.path, read_only=True) as ro:
        assert len(ro.events(output="records")) == 9
        with pytest.raises(StoreError, match="read-only"):
            ro.ingest(corpus())
    with pytest.raises(StoreError, match="detente ingest"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "no" / "such.duckdb")


def test_env_default_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DETENTE_DB", str(tmp_path / "env.duckdb"))
    with Store() as s:
        assert s.path == tmp_path / "env.duckdb"
    monkeypatch.delenv("DETENTE_DB")
    monkeypatch.chdir(tmp_path)
    with Store() as s:
        assert s.path == Path("detente.duckdb")
