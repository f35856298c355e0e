"""Data out of the store: data frames for notebooks; CSV, Parquet, PLOVER-style JSON Lines and a
GDELT-style event table for other tools; ``Queries``, the query API of ``detente.store.Store``.

CSV and Parquet hold one row per event mention (DuckDB ``COPY``; no pyarrow needed). The
PLOVER JSON Lines file holds one event mention per line. The GDELT-style file holds one row
per event cluster (one real-world event), with its mention and source counts.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from .analysis import (
    Filters,
    clusters_query,
    dyad_query,
    events_query,
    places_query,
    records,
    top_actors_query,
)
from .errors import StoreError
from .report import write_report

FORMATS = ("csv", "parquet", "plover", "gdelt")
OUTPUTS = ("auto", "polars", "pandas", "records")

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone", "DATEADDED", "SOURCEURL",
    "PLOVERType", "PLOVERStatus",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_Lat",
    "ActionGeo_Long", "ActionGeo_FeatureID",
)
# GDELT's ActionGeo_Type: 1 country, 3 US city, 4 world city, 2 US state, 5 world first-level division
_GEO_TYPE = {"country": 1, "admin1": 5, "place": 4}


def export(con: duckdb.DuckDBPyConnection, to: str, path: Path, flt: Filters) -> int:
    """Write the events matching FLT to PATH in format TO; returns the number of rows written."""
    if to not in FORMATS:
        raise StoreError(f"unknown export format {to!r}; use one of {', '.join(FORMATS)}")
    if not path.parent.exists():
        raise StoreError(f"the folder {path.parent} does not exist; create it or choose another -o")
    try:
        if to in ("csv", "parquet"):
            return copy_events(con, path, flt, to)
        with path.open("w", encoding="utf-8", newline="") as out:
            lines = plover_lines(con, flt) if to == "plover" else gdelt_lines(con, flt)
            n = -1 if to == "gdelt" else 0
            for line in lines:
                out.write(line + "\n")
                n += 1
            return n
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror}; check the path and permissions") from exc
    except duckdb.Error as exc:
        raise StoreError(f"export failed: {exc}") from exc


def copy_events(con: duckdb.DuckDBPyConnection, path: Path, flt: Filters, fmt: str) -> int:
    sql, params = events_query(flt)
    target = str(path).replace("'", "''")
    options = "FORMAT PARQUET" if fmt == "parquet" else "HEADER, DELIMITER ','"
    rows = con.execute(f"COPY ({sql}) TO '{target}' ({options})", params).fetchall()
    return int(rows[0][0]) if rows else 0


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> Iterator[dict[str, Any]]:
    cur = con.cursor()
    try:
        cur.execute(sql, params)
        cols = [d[0] for d in cur.description or []]
        while chunk := cur.fetchmany(2048):
            for row in chunk:
                yield dict(zip(cols, row, strict=True))
    finally:
        cur.close()


def _iso(value: object) -> str | None:
    return value.isoformat() if isinstance(value, date) else (str(value) if value is not None else None)


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One event mention in the PLOVER JSON field style (plus detente's own evidence fields)."""
    def actor(role: str) -> dict[str, Any] | None:
        values = {k: row[f"{role}_{k}"] for k in ("name", "canonical", "country", "sector")}
        return values if any(v is not None for v in values.values()) else None

    return {
        "id": str(row["event_id"]), "event_type": row["type"], "mode": row["mode"], "context": [],
        "quad_class": row["quad"], "intensity": row["score"], "cameo_root": row["cameo"],
        "date": row["date"] or _iso(row["published"]), "date_precision": row["date_precision"],
        "status": row["status"], "confidence": row["confidence"],
        "source": actor("source"), "target": actor("target"),
        "text": row["sentence"], "trigger": row["trigger"], "start": row["start"], "end": row["end"],
        "story_id": row["doc_id"], "story_date": _iso(row["published"]), "story_title": row["title"],
        "url": row["url"] or row["path"], "cluster_id": row["cluster_id"],
        **plover_location(row),
    }


def plover_location(row: dict[str, Any]) -> dict[str, Any]:
    """PLOVER's location fields (geolocated place, its GeoNames id and point) plus the evidence span."""
    if row.get("place_precision") is None:
        return {"geolocation": None, "country": None, "admin1": None, "latitude": None, "longitude": None,
                "geonameid": None, "location_precision": None}
    return {"geolocation": row["place_resolved"] or row["place"], "country": row["place_country"],
            "admin1": row["admin1"], "latitude": row["latitude"], "longitude": row["longitude"],
            "geonameid": row["geonames_id"], "location_precision": row["place_precision"],
            "location_text": row["place"], "location_basis": row["place_basis"]}


def plover_lines(con: duckdb.DuckDBPyConnection, flt: Filters) -> Iterator[str]:
    sql, params = events_query(flt)
    for row in _rows(con, sql, params):
        yield json.dumps(plover_record(row), ensure_ascii=False)


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def gdelt_row(c: dict[str, Any]) -> list[object]:
    """One event cluster as a GDELT 2.0-style event record."""
    day: date | None = c["day"]
    first: date | None = c["first_seen"] or day
    cameo = c["cameo"] or ""
    urls = c["urls"] or []

    def code(role: str) -> str:
        return (c[f"{role}_country"] or "") + (c[f"{role}_sector"] or "")

    return [
        c["cluster_id"],
        day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "", day.year if day else "",
        f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
        code("source"), c["source_canonical"], c["source_country"], c["source_sector"],
        code("target"), c["target_canonical"], c["target_country"], c["target_sector"],
        1, cameo + "0" if len(cameo) == 2 else cameo, cameo + "0" if len(cameo) == 2 else cameo, cameo[:2],
        c["quad"], round(float(c["score"]), 2) if c["score"] is not None else None,
        c["n_mentions"], c["n_sources"], c["n_sources"], None,
        first.strftime("%Y%m%d000000") if first else "", urls[0] if urls else "",
        c["type"], c["status"],
        *_action_geo(c),
    ]


def _action_geo(c: dict[str, Any]) -> list[object]:
    precision = c.get("place_precision")
    if precision is None:
        return [0, "", "", "", "", "", ""]
    kind = _GEO_TYPE.get(precision, 4)
    if c.get("place_country") == "USA" and kind in (4, 5):
        kind = 3 if kind == 4 else 2
    return [kind, c["place"] or "", c["place_country"] or "", c["admin1"] or "",
            round(c["latitude"], 4) if c["latitude"] is not None else "",
            round(c["longitude"], 4) if c["longitude"] is not None else "", c["geonames_id"] or ""]


def gdelt_lines(con: duckdb.DuckDBPyConnection, flt: Filters) -> Iterator[str]:
    sql, params = clusters_query(flt)
    yield "\t".join(GDELT_COLUMNS)
    for row in _rows(con, sql, params):
        yield "\t".join(_cell(v) for v in gdelt_row(row))


def to_frame(rel: duckdb.DuckDBPyRelation, output: str = "auto") -> Any:
    """A polars DataFrame ("polars"), pandas DataFrame ("pandas") or list of dicts ("records");
    "auto" picks the first one installed."""
    if output not in OUTPUTS:
        raise StoreError(f"unknown output {output!r}; use auto, polars, pandas or records")
    if output in ("auto", "polars"):
        try:
            import polars  # noqa: F401

            return rel.pl()
        except Exception as exc:  # noqa: BLE001 - polars (or pyarrow under it) missing: try the next
            if output == "polars":
                raise StoreError(f"polars output needs `pip install polars pyarrow` ({exc})") from exc
    if output in ("auto", "pandas"):
        try:
            import pandas  # noqa: F401

            return rel.df()
        except Exception as exc:  # noqa: BLE001
            if output == "pandas":
                raise StoreError(f"pandas output needs `pip install pandas` ({exc})") from exc
    return records(rel)


# -- the query API of Store ---------------------------------------------------------------------------
class Queries:
    """The query methods of ``detente.store.Store`` (which opens ``con`` on its file at ``path``)."""

    con: duckdb.DuckDBPyConnection
    path: Path

    def events(self, *, output: str = "auto", **filters: Any) -> Any:
        """Event mentions matching FILTERS (see ``Filters``) as a polars or pandas DataFrame.

        ``output``: "auto" (polars if installed, else pandas, else a list of dicts), "polars",
        "pandas" or "records".
        """
        return self._frame(*events_query(Filters.of(**filters)), output)

    def clusters(self, *, output: str = "auto", **filters: Any) -> Any:
        """Event clusters (real-world events) with at least one mention matching FILTERS."""
        return self._frame(*clusters_query(Filters.of(**filters)), output)

    def dyad(self, a: str, b: str, by: str = "month", *, mentions: bool = False, output: str = "auto",
             **filters: Any) -> Any:
        """Per period and direction (A->B, B->A): events per quad class, summed and mean score."""
        return self._frame(*dyad_query(a, b, by, Filters.of(**filters), mentions=mentions), output)

    def places(self, by: str = "month", *, level: str = "admin1", output: str = "auto", **filters: Any) -> Any:
        """Events per period and place (``level`` "admin1" or "country"), each event cluster once:
        counts per quad class, mean intensity and the mean point. Filters as for ``events``
        (``near="Kharkiv", km=50``, ``dyad="UKR:RUS"``)."""
        if level not in ("admin1", "country"):
            raise StoreError(f"unknown place level {level!r}; use admin1 or country")
        sql, params = places_query(by, Filters.of(**filters), level)
        return self._frame(sql, params, output)

    def top_actors(self, n: int = 20, *, output: str = "auto", **filters: Any) -> Any:
        """The N most active actors (as source or target) by event count."""
        return self._frame(*top_actors_query(n, Filters.of(**filters)), output)

    def counts(self) -> dict[str, int]:
        """Rows per table: documents, failed (documents), events, clusters, quotes, actors."""
        rows = self.con.execute(
            "SELECT (SELECT count(*) FROM documents), "
            "(SELECT count(*) FROM documents WHERE error IS NOT NULL), "
            "(SELECT count(*) FROM events), (SELECT count(*) FROM event_clusters), "
            "(SELECT count(*) FROM quotes), (SELECT count(*) FROM actors)").fetchall()
        names = ("documents", "failed", "events", "clusters", "quotes", "actors")
        return dict(zip(names, rows[0], strict=True))

    def export(self, to: str, path: str | os.PathLike[str], **filters: Any) -> int:
        """Write events matching FILTERS to PATH as csv, parquet, plover (JSON Lines) or gdelt (TSV);
        returns the number of rows written."""
        return export(self.con, to, Path(path), Filters.of(**filters))

    def report(self, dyads: Sequence[tuple[str, str]], path: str | os.PathLike[str], **filters: Any) -> None:
        """Write a self-contained HTML report for DYADS (pairs like ("BLR", "RUS")) to PATH."""
        write_report(self.con, dyads, Path(path), Filters.of(**filters), title=self.path.name)

    def sql(self, query: str, params: Sequence[object] = (), output: str = "auto") -> Any:
        """Run any SQL over the store's tables (see docs/store.md)."""
        return self._frame(query, list(params), output)

    def _frame(self, sql: str, params: list[object], output: str) -> Any:
        try:
            return to_frame(self.con.sql(sql, params=params or None), output)
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {exc}") from exc
