"""Writers for extraction results: JSON Lines, JSON, CSV (one row per event) and a terminal table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO

from .records import Result

FORMATS = ("jsonl", "json", "csv", "table")
CSV_FIELDS = ["doc_id", "published", "type", "mode", "quad", "score", "cameo", "source_name", "source_canonical",
              "source_country", "source_sector", "target_name", "target_canonical", "target_country",
              "target_sector", "trigger", "date", "status", "confidence", "start", "end", "sentence", "error"]


def result_json(result: Result) -> str:
    return result.model_dump_json(exclude_none=False)


def event_rows(result: Result) -> Iterable[dict[str, object]]:
    if result.error:
        yield {"doc_id": result.id, "published": result.published, "error": result.error}
        return
    for ev in result.events:
        row: dict[str, object] = {"doc_id": result.id, "published": result.published}
        row.update(ev.model_dump(exclude={"source", "target", "quote", "group", "date_text", "date_precision"}))
        for role, actor in (("source", ev.source), ("target", ev.target)):
            for key in ("name", "canonical", "country", "sector"):
                row[f"{role}_{key}"] = getattr(actor, key) if actor else None
        yield row


class Writer:
    """Streams results to OUT in one of FORMATS."""

    def __init__(self, out: IO[str], fmt: str = "jsonl") -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        self.out, self.fmt = out, fmt
        self._first = True
        self._csv: csv.DictWriter[str] | None = None
        self._table: list[Result] = []

    def write(self, result: Result) -> None:
        if self.fmt == "jsonl":
            self.out.write(result_json(result) + "\n")
        elif self.fmt == "json":
            self.out.write(("[\n" if self._first else ",\n") + result_json(result))
        elif self.fmt == "csv":
            if self._csv is None:
                self._csv = csv.DictWriter(self.out, fieldnames=CSV_FIELDS, extrasaction="ignore")
                self._csv.writeheader()
            for row in event_rows(result):
                self._csv.writerow(row)
        else:
            self._table.append(result)
        self._first = False
        self.out.flush()

    def close(self) -> None:
        if self.fmt == "json":
            self.out.write("[]\n" if self._first else "\n]\n")
        elif self.fmt == "table":
            self._print_table()
        self.out.flush()

    def _print_table(self) -> None:
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False)
        for col in ("doc", "type", "source", "target", "trigger", "date", "status", "conf"):
            table.add_column(col)
        for res in self._table:
            if res.error:
                table.add_row(res.id, "[red]error[/red]", res.error, "", "", "", "", "")
            for ev in res.events:
                table.add_row(res.id, ev.type, _actor(ev.source), _actor(ev.target), ev.trigger, ev.date or "",
                              ev.status, f"{ev.confidence:.2f}")
        Console(file=self.out, width=160).print(table)


def _actor(actor: object) -> str:
    if actor is None:
        return "-"
    return f"{getattr(actor, 'canonical', '')} [{getattr(actor, 'country', '') or '?'}]"


def dump_jsonl(results: Iterable[Result]) -> str:
    return "".join(result_json(r) + "\n" for r in results)


def to_plain(result: Result) -> dict[str, object]:
    return json.loads(result_json(result))  # type: ignore[no-any-return]
