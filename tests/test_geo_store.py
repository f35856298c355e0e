"""Places in the store: the place columns, --near / --admin1 / --placed filters, `detente places`, the
GDELT ActionGeo columns and PLOVER location fields, and the migration of older stores."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from detente import Document, Store
from detente.cli import app
from detente.errors import StoreError

runner = CliRunner()
ARTICLES = [
    Document(id="kharkiv", published="2024-03-05",
             text="Russian forces shelled villages near Kharkiv on Tuesday. Ukraine condemned the attack."),
    Document(id="minsk", published="2024-04-10",
             text="Thousands of people protested in Minsk's Independence Square on Sunday."),
    Document(id="no-place", published="2024-04-12", text="Lithuania expelled two Russian diplomats on Tuesday."),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("geo") / "places.duckdb"
    with Store(path) as store:
        store.ingest(ARTICLES)
    yield path


def test_store_keeps_the_place(db: Path) -> None:
    with Store(db, read_only=True) as store:
        rows = store.events(output="records", placed=True)
        assert {r["doc_id"] for r in rows} == {"kharkiv", "minsk"}
        kharkiv = next(r for r in rows if r["doc_id"] == "kharkiv")
        assert kharkiv["place"] == "Kharkiv" and kharkiv["place_country"] == "UKR"
        assert kharkiv["place_precision"] == "place" and abs(kharkiv["latitude"] - 49.99) < 0.1
        assert all(r["place"] is None for r in store.events(output="records", placed=False))


def test_near_filter_by_name_and_point(db: Path) -> None:
    with Store(db, read_only=True) as store:
        near = store.events(output="records", near="Kharkiv", km=50)
        assert {r["doc_id"] for r in near} == {"kharkiv"}
        assert store.events(output="records", near="49.99,36.23", km=5)
        assert not store.events(output="records", near="Lviv", km=100)
        with pytest.raises(StoreError, match="no place called"):
            store.events(output="records", near="Nowhereville Xyzzy")


def test_cli_near_country_and_places(db: Path) -> None:
    res = runner.invoke(app, ["events", "--db", str(db), "--country", "RUS", "--near", "Kharkiv", "--km", "50",
                              "-f", "jsonl"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert rows and all(r["place_country"] == "UKR" and r["source_country"] == "RUS" for r in rows)
    res = runner.invoke(app, ["places", "--db", str(db), "--by", "month", "-f", "jsonl"])
    assert res.exit_code == 0, res.output
    places = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert {(p["period"], p["country"]) for p in places} >= {("2024-03", "UKR"), ("2024-04", "BLR")}
    res = runner.invoke(app, ["places", "--db", str(db), "--level", "country", "--dyad", "UKR:RUS", "-f", "jsonl"])
    assert res.exit_code == 0, res.output
    assert all(json.loads(line)["country"] == "UKR" for line in res.stdout.splitlines() if line.strip())


def test_exports_carry_the_place(db: Path, tmp_path: Path) -> None:
    with Store(db, read_only=True) as store:
        store.export("gdelt", tmp_path / "events.tsv")
        store.export("plover", tmp_path / "events.jsonl")
    with (tmp_path / "events.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    placed = [r for r in rows if r["ActionGeo_Type"] != "0"]
    assert placed and any(r["ActionGeo_CountryCode"] == "UKR" and r["ActionGeo_FullName"].startswith("Kharkiv")
                          for r in placed)
    assert all(r["ActionGeo_Lat"] for r in placed)
    records = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(r["geolocation"] and r["latitude"] is not None for r in records)
    assert any(r["geolocation"] is None for r in records)


def _schema_3_store(path: Path) -> Path:
    """A store as schema 3 left it: one article, no place columns."""
    with Store(path) as store:
        store.ingest(ARTICLES[:1])
    con = duckdb.connect(str(path))
    for column in ("place", "latitude", "longitude", "place_precision"):
        con.execute(f"ALTER TABLE events DROP COLUMN {column}")
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.close()
    return path


def test_a_store_of_schema_3_gains_the_place_columns(tmp_path: Path) -> None:
    path = _schema_3_store(tmp_path / "old.duckdb")
    with Store(path) as store:  # opened for writing: migrated
        assert store.has_places
        store.ingest(ARTICLES[1:2])
        assert store.events(output="records", placed=True)


def test_a_store_of_schema_3_can_be_read_at_once(tmp_path: Path) -> None:
    path = _schema_3_store(tmp_path / "old-read.duckdb")
    with Store(path, read_only=True) as store:  # every query reads the place columns: upgraded on opening
        assert store.read_only and store.has_places
        assert store.events(output="records") and store.events(output="records", placed=False)
