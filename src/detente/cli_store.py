"""Store commands of the ``detente`` CLI: ingest, events, dyad, export, report (and ``actors --top``).

Imported by ``detente.cli.main`` to register the commands on its typer app.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any, NoReturn

import typer

from .cli import app
from .errors import DetenteError
from .ontology import DEFAULT_MIN_CONFIDENCE
from .store import IngestSummary, Store, default_path

DbOpt = Annotated[Path | None, typer.Option("--db", envvar="DETENTE_DB",
                                            help="store file [default: $DETENTE_DB or detente.duckdb]")]
ActorOpt = Annotated[str | None, typer.Option(help="events with this actor (country code or canonical name)")]
DyadOpt = Annotated[str | None, typer.Option(help="events between two actors, A:B (both directions)")]
DirectedOpt = Annotated[bool, typer.Option("--directed", help="with --dyad: only A acting on B")]
TypeOpt = Annotated[list[str] | None, typer.Option("--type", help="event type, e.g. SANCTION (repeatable)")]
SinceOpt = Annotated[str | None, typer.Option(help="from this date: YYYY, YYYY-MM or YYYY-MM-DD")]
UntilOpt = Annotated[str | None, typer.Option(help="up to this date: YYYY, YYYY-MM or YYYY-MM-DD")]
StatusOpt = Annotated[list[str] | None, typer.Option("--status", help="asserted, negated, hypothetical, "
                                                     "reported_claim (repeatable)")]
MinConfOpt = Annotated[float | None, typer.Option("--min-confidence", help="events at or above this")]
OutOpt = Annotated[Path | None, typer.Option("--output", "-o", help="write here instead of stdout")]


class EventFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class DyadFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class Period(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    plover = "plover"
    gdelt = "gdelt"


def _fail(exc: DetenteError) -> NoReturn:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(2)


@contextmanager
def _store(db: Path | None, read_only: bool = True) -> Iterator[Store]:
    try:
        store = Store(db, read_only=read_only)
    except DetenteError as exc:
        _fail(exc)
    try:
        yield store
    except DetenteError as exc:
        _fail(exc)
    finally:
        store.close()


def _filters(actor: str | None = None, dyad: str | None = None, directed: bool = False,
             types: list[str] | None = None, since: str | None = None, until: str | None = None,
             status: list[str] | None = None, min_confidence: float | None = None) -> dict[str, Any]:
    return {"actor": actor, "dyad": dyad, "directed": directed, "types": types or None, "since": since,
            "until": until, "status": status or None, "min_confidence": min_confidence}


@contextmanager
def _out(output: Path | None) -> Iterator[IO[str]]:
    if output is None:
        yield sys.stdout
        return
    with output.open("w", encoding="utf-8", newline="") as fh:
        yield fh


def _write(rows: list[dict[str, Any]], fmt: str, output: Path | None, columns: list[str]) -> None:
    with _out(output) as out:
        if fmt == "jsonl":
            for r in rows:
                out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        elif fmt == "csv":
            w = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else columns, extrasaction="ignore")
            w.writeheader()
            w.writerows(rows)
        else:
            from rich.console import Console
            from rich.table import Table

            table = Table()
            for c in columns:
                table.add_column(c, overflow="fold")
            for r in rows:
                table.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in columns))
            Console(file=out, width=None if out.isatty() else 160).print(table)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="files, directories (recursive) or - for stdin")],
    db: DbOpt = None,
    published: Annotated[str | None, typer.Option(help="publication date YYYY-MM-DD if missing")] = None,
    published_csv: Annotated[Path | None, typer.Option("--published-csv",
                                                       help="CSV with columns file,published")] = None,
    processes: Annotated[int, typer.Option("--processes", "-n", help="parallel processes")] = 1,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="extra actor YAML (repeat)")] = None,
    lexicon: Annotated[list[Path] | None, typer.Option("--lexicon", help="extra lexicon (repeat)")] = None,
    min_confidence: Annotated[float, typer.Option("--min-confidence",
                                                  help="drop events below this")] = DEFAULT_MIN_CONFIDENCE,
    batch: Annotated[int, typer.Option("--batch", help="documents per committed batch")] = 64,
    retry_errors: Annotated[bool, typer.Option("--retry-errors", help="re-code failed documents")] = False,
) -> None:
    """Code articles into the store (skipping those already stored); resumable after an interruption."""
    from .ingest import check_published
    from .store import load_published_csv

    if published is not None and check_published(published) is None:
        typer.echo("error: --published must be YYYY-MM-DD", err=True)
        raise typer.Exit(2)
    with _store(db, read_only=False) as store:
        dates = load_published_csv(published_csv) if published_csv else None
        with _progress() as (progress, task):
            def update(s: IngestSummary) -> None:
                progress.update(task, completed=s.seen, rate=f"{s.docs_per_s:.1f}", errors=s.failed)

            summary = store.ingest(paths, processes=processes, published=published, published_map=dates,
                                   actors=actors or [], lexicon=lexicon or [], min_confidence=min_confidence,
                                   batch_size=batch, retry_errors=retry_errors, stdin=sys.stdin.buffer,
                                   progress=update)
        counts = store.counts()
    typer.echo(f"{summary}; {store.path} holds {counts['documents']} documents ({counts['failed']} failed), "
               f"{counts['events']} event mentions in {counts['clusters']} events", err=True)
    if summary.failed:
        typer.echo("some documents failed; their errors: "
                   "`SELECT id, path, error FROM documents WHERE error IS NOT NULL`", err=True)
        raise typer.Exit(1)


@contextmanager
def _progress() -> Iterator[tuple[Any, Any]]:
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("[bold]ingest[/bold] {task.completed} documents"),
                  TextColumn("{task.fields[rate]} docs/s, {task.fields[errors]} errors"), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty()) as progress:
        yield progress, progress.add_task("ingest", total=None, rate="0.0", errors=0)


EVENT_TABLE = ["day", "type", "source_country", "source_canonical", "target_country", "target_canonical",
               "status", "confidence", "doc_id", "trigger"]


@app.command()
def events(db: DbOpt = None, actor: ActorOpt = None, dyad: DyadOpt = None, directed: DirectedOpt = False,
           type: TypeOpt = None, since: SinceOpt = None, until: UntilOpt = None, status: StatusOpt = None,
           min_confidence: MinConfOpt = None,
           limit: Annotated[int | None, typer.Option(help="at most this many events")] = None,
           format: Annotated[EventFormat, typer.Option("--format", "-f")] = EventFormat.table,
           output: OutOpt = None) -> None:
    """List stored event mentions, filtered (dates: the event date, else the publication date)."""
    flt = _filters(actor, dyad, directed, type, since, until, status, min_confidence)
    with _store(db) as store:
        if format in (EventFormat.parquet, EventFormat.csv) and output is not None:
            n = store.export(format.value, output, limit=limit, **flt)
            typer.echo(f"wrote {n} events to {output}", err=True)
            return
        if format == EventFormat.parquet:
            typer.echo("error: --format parquet needs -o FILE", err=True)
            raise typer.Exit(2)
        rows = store.events(output="records", limit=limit, **flt)
    _write(rows, format.value, output, EVENT_TABLE)


@app.command()
def dyad(a: Annotated[str, typer.Argument(help="first actor (country code or canonical name)")],
         b: Annotated[str, typer.Argument(help="second actor")],
         by: Annotated[Period, typer.Option(help="period")] = Period.month, db: DbOpt = None,
         since: SinceOpt = None, until: UntilOpt = None, status: StatusOpt = None,
         min_confidence: MinConfOpt = None,
         mentions: Annotated[bool, typer.Option("--mentions", help="count mentions, not events")] = False,
         format: Annotated[DyadFormat, typer.Option("--format", "-f")] = DyadFormat.table,
         output: OutOpt = None) -> None:
    """Both directions of a dyad per period: events per quad class, summed and mean intensity."""
    with _store(db) as store:
        rows = store.dyad(a, b, by.value, mentions=mentions, output="records", since=since, until=until,
                          status=status or None, min_confidence=min_confidence)
    if not rows and format == DyadFormat.table:
        typer.echo(f"no dated events between {a} and {b} in {store.path}", err=True)
        return
    cols = ["period", "direction", "events", "verbal_coop", "material_coop", "verbal_conflict",
            "material_conflict", "score_sum", "score_mean"]
    _write(rows, format.value, output, cols)


@app.command()
def export(to: Annotated[ExportFormat, typer.Option("--to", help="file format")],
           output: Annotated[Path, typer.Option("--output", "-o", help="file to write")],
           db: DbOpt = None, actor: ActorOpt = None, dyad: DyadOpt = None, directed: DirectedOpt = False,
           type: TypeOpt = None, since: SinceOpt = None, until: UntilOpt = None, status: StatusOpt = None,
           min_confidence: MinConfOpt = None) -> None:
    """Export events: CSV or Parquet (mentions), PLOVER JSON Lines (mentions), GDELT-style TSV (events)."""
    with _store(db) as store:
        n = store.export(to.value, output, **_filters(actor, dyad, directed, type, since, until, status,
                                                      min_confidence))
    what = "events" if to == ExportFormat.gdelt else "event mentions"
    typer.echo(f"wrote {n} {what} to {output}", err=True)


@app.command()
def report(dyad: Annotated[list[str], typer.Option("--dyad", help="A:B, e.g. BLR:RUS (repeatable)")],
           output: Annotated[Path, typer.Option("--output", "-o", help="HTML file")] = Path("report.html"),
           db: DbOpt = None, since: SinceOpt = None, until: UntilOpt = None, status: StatusOpt = None,
           min_confidence: MinConfOpt = None) -> None:
    """A self-contained HTML report: dyad timelines, top events with evidence, actor network."""
    from .analysis import parse_dyad

    try:
        pairs = [parse_dyad(d) for d in dyad]
    except DetenteError as exc:
        _fail(exc)
    with _store(db) as store:
        store.report(pairs, output, since=since, until=until, status=status or None,
                     min_confidence=min_confidence)
    typer.echo(f"wrote {output}", err=True)


def top_actors(n: int, db: Path | None) -> None:
    """Print the N most active actors of the store by event count (``detente actors --top N``)."""
    with _store(db) as store:
        rows = store.top_actors(n, output="records")
    if not rows:
        typer.echo(f"no events in {default_path(db)}", err=True)
        return
    cols = ["actor", "country", "sector", "events", "as_source", "as_target", "mean_score"]
    _write(rows, "table", None, cols)
