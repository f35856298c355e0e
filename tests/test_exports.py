"""Exports (CSV, Parquet, PLOVER JSON Lines, GDELT-style TSV) read back and compared; the query CLI."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.errors import StoreError
from detente.exports import GDELT_COLUMNS
from detente.store import Store
from test_store import corpus

runner = CliRunner()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "x.duckdb") as s:
        s.ingest(corpus())
        yield s


def _ids(rows: list[dict[str, object]]) -> list[str]:
    return sorted(str(r["event_id"]) for r in rows)


def test_csv_and_parquet_round_trip(store: Store, tmp_path: Path) -> None:
    expected = store.events(output="records")
    assert store.export("csv", tmp_path / "e.csv") == 9
    with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert _ids(rows) == _ids(expected)
    by_id = {str(e["event_id"]): e for e in expected}
    for r in rows:
        e = by_id[r["event_id"]]
        assert (r["type"], r["source_country"], r["sentence"], float(r["score"])) == (
            e["type"], e["source_country"], e["sentence"], e["score"])
    assert store.export("parquet", tmp_path / "e.parquet", type="COERCE") == 3
    back = duckdb.sql(f"SELECT * FROM read_parquet('{tmp_path / 'e.parquet'}') ORDER BY event_id").fetchall()
    assert [row[0] for row in back] == sorted(e["event_id"] for e in expected if e["type"] == "COERCE")
    cols = duckdb.sql(f"SELECT * FROM read_parquet('{tmp_path / 'e.parquet'}')").columns
    assert cols == list(expected[0])


def test_plover_jsonl(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "p.jsonl"
    assert store.export("plover", out, dyad="BLR:LTU") == 4
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert sorted(x["event_type"] for x in lines) == ["ACCUSE", "COERCE", "COERCE", "COERCE"]
    accuse = next(x for x in lines if x["event_type"] == "ACCUSE")
    assert accuse["source"]["country"] == "LTU" and accuse["target"]["canonical"] == "Government of Belarus"
    assert (accuse["date"], accuse["story_date"], accuse["url"]) == ("2024-03-13", "2024-03-14",
                                                                     "https://example.org/a1")
    assert accuse["quad_class"] == 3 and accuse["intensity"] == -3.0 and accuse["text"].startswith("LTU")
    assert {"event_type", "mode", "source", "target", "date", "text", "status", "confidence"} <= set(accuse)


def test_gdelt_tsv(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "g.tsv"
    assert store.export("gdelt", out) == 7  # one row per event cluster
    lines = out.read_text("utf-8").splitlines()
    assert tuple(lines[0].split("\t")) == GDELT_COLUMNS
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines[1:]]
    assert sum(int(r["NumMentions"]) for r in rows) == 9
    coerce = next(r for r in rows if r["PLOVERType"] == "COERCE")
    assert (coerce["SQLDATE"], coerce["MonthYear"], coerce["Year"]) == ("20240311", "202403", "2024")
    actors = (coerce["Actor1CountryCode"], coerce["Actor2CountryCode"], coerce["Actor1Code"])
    assert actors == ("BLR", "LTU", "BLRGOV")
    assert (coerce["EventRootCode"], coerce["EventCode"], coerce["QuadClass"]) == ("17", "170", "4")
    assert (coerce["NumMentions"], coerce["NumSources"], coerce["GoldsteinScale"]) == ("3", "3", "-7")
    assert coerce["SOURCEURL"] == "https://example.org/a1" and coerce["DATEADDED"] == "20240314000000"
    ids = [r["GLOBALEVENTID"] for r in rows]
    assert len(set(ids)) == 7 and all(i.isdigit() for i in ids)


def test_export_errors(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="format"):
        store.export("xml", tmp_path / "a.xml")
    with pytest.raises(StoreError, match="does not exist"):
        store.export("csv", tmp_path / "nope" / "a.csv")


def test_cli_events_and_exports(store: Store, tmp_path: Path) -> None:
    db = str(store.path)
    store.close()
    res = runner.invoke(app, ["events", "--db", db, "--dyad", "BLR:LTU", "--type", "COERCE", "-f", "jsonl"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(rows) == 3 and {r["type"] for r in rows} == {"COERCE"}
    res = runner.invoke(app, ["events", "--db", db, "--since", "2024-06", "-f", "csv"])
    assert res.exit_code == 0 and len(list(csv.DictReader(res.stdout.splitlines()))) == 2
    res = runner.invoke(app, ["events", "--db", db, "--status", "hypothetical", "--min-confidence", "0.1"])
    assert res.exit_code == 0 and "SANCTION" in res.stdout
    res = runner.invoke(app, ["events", "--db", db, "-f", "parquet", "-o", str(tmp_path / "e.parquet")])
    assert res.exit_code == 0
    assert duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'e.parquet'}'").fetchall() == [(9,)]
    for fmt in ("csv", "parquet", "plover", "gdelt"):
        res = runner.invoke(app, ["export", "--db", db, "--to", fmt, "-o", str(tmp_path / f"x.{fmt}"),
                                  "--actor", "BLR"])
        assert res.exit_code == 0, res.output
        assert (tmp_path / f"x.{fmt}").stat().st_size > 0
    res = runner.invoke(app, ["dyad", "BLR", "LTU", "--db", db, "-f", "jsonl"])
    assert res.exit_code == 0 and [json.loads(x)["direction"] for x in res.stdout.splitlines()] == [
        "BLR->LTU", "LTU->BLR"]
    res = runner.invoke(app, ["dyad", "BLR", "LTU", "--db", db])
    assert res.exit_code == 0 and "BLR->LTU" in res.stdout
    res = runner.invoke(app, ["actors", "--top", "2", "--db", db])
    assert res.exit_code == 0 and "Government of Belarus" in res.stdout
    res = runner.invoke(app, ["events", "--db", db, "--type", "BOMB"])
    assert res.exit_code == 2 and "unknown event type" in res.output
    res = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 2 and "detente ingest" in res.output
