"""The Ray engine (detente.scale): the same events as Pipeline.pipe, resumable, queryable in place."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from detente.ingest import read_bytes, read_documents
from detente.scale import DATASETS, list_inputs, read_items
from detente.store import Store, content_hash, rows

ray = pytest.importorskip("ray")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.corpus import article  # noqa: E402

N_FEED = 300  # generated articles in the JSON Lines file (short ones: the test codes them twice)


@pytest.fixture(scope="module")
def local_ray():  # type: ignore[no-untyped-def]
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    if started:
        ray.shutdown()


def _write_corpus(folder: Path, n: int, start: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "feed.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            art = article(i, seed=7, words=120)
            fh.write(json.dumps({"id": art.id, "title": art.title, "published": art.published,
                                 "text": art.text}) + "\n")
        fh.write("this line is not JSON\n")  # an error row, never a failed job
    pages = folder / "pages"
    pages.mkdir(exist_ok=True)
    for i in range(3):
        (pages / f"page{i}.txt").write_text(article(1000 + i, seed=7, words=120).text, encoding="utf-8")
    (pages / "empty.txt").write_text("   \n", encoding="utf-8")
    return folder


def _parquet(out: Path, name: str) -> list[dict[str, Any]]:
    glob = str(out / name / "*.parquet")
    if not list((out / name).glob("*.parquet")):
        return []
    rel = duckdb.sql(f"SELECT * FROM read_parquet('{glob}')")
    return [_plain(dict(zip(rel.columns, row, strict=True))) for row in rel.fetchall()]


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    row.pop("ingested_at", None)
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}


def _key(row: dict[str, Any]) -> tuple[str, int]:
    return row.get("doc_hash") or row.get("hash") or "", row.get("idx") or 0


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory, local_ray: None) -> dict[str, Any]:
    from detente.scale import run

    src = _write_corpus(tmp_path_factory.mktemp("scale-src"), N_FEED)
    out = tmp_path_factory.mktemp("scale-out") / "coded"
    first = run([str(src)], out, batch_size=32)
    tables = {name: _parquet(out, name) for name in DATASETS}
    second = run([str(src)], out, batch_size=32)
    return {"src": src, "out": out, "first": first, "second": second, "tables": tables}


def test_ray_run_codes_the_same_events_as_pipe(coded: dict[str, Any], coder: Any) -> None:
    items = [pair for path in list_inputs([str(coded["src"])]) for pair in read_items(path)]
    results = list(coder.pipe([doc for doc, _ in items]))
    expected: dict[str, list[dict[str, Any]]] = {name: [] for name in ("documents", "events", "quotes", "actors")}
    for (doc, origin), result in zip(items, results, strict=True):
        text = getattr(doc, "text", None)
        for name in expected:
            expected[name] += [_plain(r) for r in rows(name, content_hash(doc, origin), origin, text, result)]
    tables = coded["tables"]
    assert len(expected["documents"]) == N_FEED + 1 + 4
    assert len(expected["events"]) > N_FEED  # the generated articles are full of events
    for name, want in expected.items():
        assert sorted(tables[name], key=_key) == sorted(want, key=_key), name
    failed = [r for r in expected["documents"] if r["error"] is not None]
    assert len(failed) == 2  # the bad JSON line and the empty page
    assert sorted(tables["errors"], key=_key) == sorted(failed, key=_key)
    assert coded["first"].added == N_FEED + 3 and coded["first"].failed == 2
    assert coded["first"].events == len(expected["events"])


def test_rerun_skips_everything_and_writes_nothing(coded: dict[str, Any]) -> None:
    second = coded["second"]
    assert (second.added, second.failed, second.events, second.batches) == (0, 0, 0, 0)
    assert second.skipped == coded["first"].seen
    for name in DATASETS:
        assert len(_parquet(coded["out"], name)) == len(coded["tables"][name]), name


def test_the_parquet_output_opens_as_a_store(coded: dict[str, Any]) -> None:
    tables = coded["tables"]
    with Store(coded["out"]) as store:
        counts = store.counts()
        assert counts["documents"] == len(tables["documents"])
        assert counts["failed"] == 2
        assert counts["events"] == len(tables["events"])
        assert counts["quotes"] == len(tables["quotes"]) and counts["actors"] == len(tables["actors"])
        assert 0 < counts["clusters"] <= counts["events"]
        events = store.events(output="records", actor="RUS")
        assert events and all(e["event_id"] and e["cluster_id"] for e in events)
        assert len({e["event_id"] for e in store.events(output="records")}) == counts["events"]
        timeline = store.dyad("BLR", "RUS", by="year", output="records")
        assert timeline and timeline[0]["events"] > 0
        with pytest.raises(Exception, match="detente scale"):
            store.ingest([str(coded["src"])])
    runner = CliRunner()
    from detente.cli import app

    listed = runner.invoke(app, ["events", "--db", str(coded["out"]), "--actor", "RUS", "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    assert len(listed.stdout.splitlines()) == len(events)
    gdelt = coded["out"].parent / "events.tsv"
    exported = runner.invoke(app, ["export", "--db", str(coded["out"]), "--to", "gdelt", "-o", str(gdelt)])
    assert exported.exit_code == 0, exported.output
    assert len(gdelt.read_text().splitlines()) == counts["clusters"] + 1


def test_the_web_app_and_a_duckdb_file_of_views_read_the_parquet(coded: dict[str, Any], tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from detente.scale import connect
    from detente.web import create_app

    with TestClient(create_app(coded["out"])) as client:
        page = client.get("/api/events", params={"actor": "RUS", "limit": 5})
        assert page.status_code == 200, page.text
        assert page.json()
    views = tmp_path / "views.duckdb"
    connect(coded["out"], str(views)).close()
    with Store(views, read_only=True) as store:
        assert store.counts()["events"] == len(coded["tables"]["events"])
    with pytest.raises(Exception, match="detente scale"):
        Store(views)


def test_an_interrupted_run_is_resumed_without_duplicates(tmp_path: Path, local_ray: None) -> None:
    """A run killed midway (one batch's commit, its documents part, never written; the other datasets'
    parts and a temporary file left behind), then the whole input: nothing lost, nothing doubled."""
    from detente.scale import run

    src = _write_corpus(tmp_path / "src", 40)
    out = tmp_path / "out"
    prefix = tmp_path / "prefix"
    prefix.mkdir()
    lines = (src / "feed.jsonl").read_text().splitlines(keepends=True)
    (src / "feed.jsonl").write_text("".join(lines[:15]))  # the first part of the feed, as a killed run saw it
    first = run([str(src)], out, batch_size=8)
    assert first.added + first.failed == 15 + 4
    (src / "feed.jsonl").write_text("".join(lines))
    parts = sorted((out / "documents").glob("*.parquet"))
    lost = parts[0]
    n_lost = len(_parquet_file(lost))
    lost.unlink()  # killed before this batch committed: its events, quotes and actors parts are orphans
    (out / "events" / ".part-x.tmp").write_bytes(b"half written")
    with Store(out) as store:  # readers never see the orphan parts
        assert store.counts()["documents"] == 19 - n_lost
        assert store.sql("SELECT count(*) - count(DISTINCT (doc_hash, idx)) AS d FROM events",
                         output="records")[0]["d"] == 0
    second = run([str(src)], out, batch_size=8)
    assert second.skipped == 19 - n_lost
    assert second.added + second.failed == 40 + 1 - 15 + n_lost
    assert not (out / "events" / ".part-x.tmp").exists()
    docs = _parquet(out, "documents")
    events = _parquet(out, "events")
    assert len(docs) == len({d["hash"] for d in docs}) == 40 + 1 + 4
    assert len(events) == len({(e["doc_hash"], e["idx"]) for e in events})
    assert {e["doc_hash"] for e in events} <= {d["hash"] for d in docs}
    whole = run([str(src)], tmp_path / "whole", batch_size=8)  # the same input in one go
    assert len(_parquet(tmp_path / "whole", "events")) == len(events) == whole.events


def _parquet_file(path: Path) -> list[Any]:
    return duckdb.sql(f"SELECT hash FROM read_parquet('{path}')").fetchall()


def test_cli_scale(tmp_path: Path, local_ray: None) -> None:
    from detente.cli import app

    src = tmp_path / "src"
    src.mkdir()
    for i in range(4):
        (src / f"a{i}.txt").write_text(article(i, seed=3, words=80).text, encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(app, ["scale", str(src), "--out", str(tmp_path / "out"), "--batch-size", "2",
                              "--actors-count", "1", "--published", "2024-03-01"])
    assert res.exit_code == 0, res.output
    assert "4 documents added" in res.stderr
    with Store(tmp_path / "out") as store:
        assert store.counts()["documents"] == 4
    bad = runner.invoke(app, ["scale", str(src), "--out", str(tmp_path / "out"), "--batch-size", "0"])
    assert bad.exit_code == 2 and "E152" in bad.stderr
    missing = runner.invoke(app, ["scale", str(tmp_path / "nothing-here"), "--out", str(tmp_path / "o2")])
    assert missing.exit_code == 1  # a missing input is an error row, the run itself goes on


def test_read_bytes_reads_as_read_file(tmp_path: Path) -> None:
    """The reader for object-store URIs gives what the local reader gives (text, HTML, JSON Lines)."""
    (tmp_path / "a.txt").write_text(article(1, words=80).text, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><p>{article(2, words=80).text}</p></body></html>")
    (tmp_path / "c.jsonl").write_text('{"id": "x", "text": "Poland expelled two Russian diplomats."}\nnope\n')
    for path in sorted(tmp_path.iterdir()):
        local = list(read_documents([path]))
        remote = list(read_bytes(str(path), path.read_bytes()))
        assert local == remote, path.name


def test_parquet_inputs_are_read_like_json_lines(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"id": ["a", "b"], "text": ["Poland expelled two Russian diplomats.", None],
                             "published": [date(2024, 3, 1), None]}), tmp_path / "feed.parquet")
    items = list(read_items(str(tmp_path / "feed.parquet")))
    assert items[0][0].published == "2024-03-01" and items[0][1] == str(tmp_path / "feed.parquet")
    assert items[1][0].error_code == "E106"
    (tmp_path / "broken.parquet").write_text("not parquet")
    assert [r.error_code for r, _ in read_items(str(tmp_path / "broken.parquet"))] == ["E100"]
