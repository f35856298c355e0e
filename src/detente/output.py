"""The one output writer: rows (or extraction results) as JSON Lines, JSON, CSV or a table.

``RowWriter`` streams flat rows (dicts); ``Writer`` streams extraction results: one JSON object
per document for jsonl/json, one row per event for csv/table. A table is drawn with rich when
the output is a terminal and as plain aligned columns otherwise (pipes, files).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

from .records import Result

FORMATS = ("jsonl", "json", "csv", "table")
CSV_FIELDS = ["doc_id", "published", "type", "mode", "quad", "score", "cameo", "source_name", "source_canonical",
              "source_country", "source_sector", "target_name", "target_canonical", "target_country",
              "target_sector", "trigger", "date", "status", "confidence", "start", "end", "sentence",
              "place", "place_resolved", "place_country", "admin1", "latitude", "longitude", "place_precision",
              "error"]
TABLE_FIELDS = ["doc", "type", "source", "target", "trigger", "date", "status", "conf", "place"]


def result_json(result: Result) -> str:
    return result.model_dump_json(exclude_none=False)


def event_rows(result: Result) -> Iterable[dict[str, object]]:
    if result.error:
        yield {"doc_id": result.id, "published": result.published, "error": result.error}
        return
    for ev in result.events:
        row: dict[str, object] = {"doc_id": result.id, "published": result.published}
        row.update(ev.model_dump(exclude={"source", "target", "quote", "group", "date_text", "date_precision",
                                          "location"}))
        loc = ev.location
        row.update({"place": loc.place if loc else None, "place_resolved": loc.resolved if loc else None,
                    "place_country": loc.country if loc else None, "admin1": loc.admin1 if loc else None,
                    "latitude": loc.latitude if loc else None, "longitude": loc.longitude if loc else None,
                    "place_precision": loc.precision if loc else None})
        for role, actor in (("source", ev.source), ("target", ev.target)):
            for key in ("name", "canonical", "country", "sector"):
                row[f"{role}_{key}"] = getattr(actor, key) if actor else None
        yield row


def table_rows(result: Result) -> Iterable[dict[str, object]]:
    """The short per-event rows of the table format."""
    if result.error:
        yield {"doc": result.id, "type": "error", "source": result.error}
    for ev in result.events:
        yield {"doc": result.id, "type": ev.type, "source": _actor(ev.source), "target": _actor(ev.target),
               "trigger": ev.trigger, "date": ev.date or "", "status": ev.status, "conf": f"{ev.confidence:.2f}",
               "place": (ev.location.resolved or ev.location.place) if ev.location else ""}


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _isatty(out: IO[str]) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


class RowWriter:
    """Streams flat rows to OUT in one of FORMATS.

    COLUMNS are the table's columns (and the CSV header when no row comes); CSV_COLUMNS, when
    given, fix the CSV header (else it is the first row's keys)."""

    def __init__(self, out: IO[str], fmt: str = "jsonl", columns: Sequence[str] | None = None,
                 csv_columns: Sequence[str] | None = None) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        self.out, self.fmt = out, fmt
        self.columns = list(columns) if columns else None
        self.csv_columns = list(csv_columns) if csv_columns else None
        self.count = 0
        self._csv: csv.DictWriter[str] | None = None
        self._table: list[Mapping[str, Any]] = []

    def write(self, row: Mapping[str, Any]) -> None:
        if self.fmt == "jsonl":
            self.out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        elif self.fmt == "json":
            self.write_json(json.dumps(row, ensure_ascii=False, default=str))
        elif self.fmt == "csv":
            self._csv_writer(list(row)).writerow(row)
        else:
            self._table.append(row)
        self.count += 1

    def write_json(self, text: str) -> None:
        """One element of the JSON array, already serialised."""
        self.out.write(("[\n" if self.count == 0 else ",\n") + text)

    def _csv_writer(self, keys: list[str]) -> csv.DictWriter[str]:
        if self._csv is None:
            fields = self.csv_columns or keys or self.columns or []
            self._csv = csv.DictWriter(self.out, fieldnames=fields, extrasaction="ignore")
            self._csv.writeheader()
        return self._csv

    def close(self) -> None:
        if self.fmt == "json":
            self.out.write("[]\n" if self.count == 0 else "\n]\n")
        elif self.fmt == "csv" and self._csv is None:
            self._csv_writer([])
        elif self.fmt == "table":
            self._print_table()
        self.out.flush()

    def _print_table(self) -> None:
        columns = self.columns or list(dict.fromkeys(k for r in self._table for k in r))
        cells = [[_cell(r.get(c)) for c in columns] for r in self._table]
        if _isatty(self.out):
            from rich.console import Console
            from rich.table import Table
            from rich.text import Text

            table = Table()
            for c in columns:
                table.add_column(c, overflow="fold")
            for row in cells:
                table.add_row(*(Text(v) for v in row))
            Console(file=self.out).print(table)
            return
        widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
        for row in [columns, ["-" * w for w in widths], *cells]:
            self.out.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")


def write_rows(rows: Iterable[Mapping[str, Any]], out: IO[str], fmt: str, columns: Sequence[str] | None = None
               ) -> int:
    """Write ROWS to OUT in FMT; returns how many were written."""
    writer = RowWriter(out, fmt, columns)
    for row in rows:
        writer.write(row)
    writer.close()
    return writer.count


class Writer:
    """Streams extraction results to OUT in one of FORMATS."""

    def __init__(self, out: IO[str], fmt: str = "jsonl") -> None:
        self.out, self.fmt = out, fmt
        columns = TABLE_FIELDS if fmt == "table" else None
        self._rows = RowWriter(out, fmt, columns, csv_columns=CSV_FIELDS)

    def write(self, result: Result) -> None:
        if self.fmt == "jsonl":
            self.out.write(result_json(result) + "\n")
        elif self.fmt == "json":
            self._rows.write_json(result_json(result))
            self._rows.count += 1
        else:
            for row in (event_rows(result) if self.fmt == "csv" else table_rows(result)):
                self._rows.write(row)
        self.out.flush()

    def close(self) -> None:
        if self.fmt != "jsonl":
            self._rows.close()
        self.out.flush()


def _actor(actor: object) -> str:
    if actor is None:
        return "-"
    return f"{getattr(actor, 'canonical', '')} [{getattr(actor, 'country', '') or '?'}]"


def dump_jsonl(results: Iterable[Result]) -> str:
    return "".join(result_json(r) + "\n" for r in results)


def to_plain(result: Result) -> dict[str, object]:
    return json.loads(result_json(result))  # type: ignore[no-any-return]
