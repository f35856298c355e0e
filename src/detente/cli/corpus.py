"""Commands over the corpus store: ingest, events, dyad, export, report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import MissingArgumentError
from .options import (
    DEFAULT_MIN_CONFIDENCE,
    ActorOpt,
    ActorsOpt,
    DbOpt,
    DirectedOpt,
    DyadFormat,
    DyadFormatOpt,
    DyadOpt,
    EventFormat,
    EventFormatOpt,
    ExportFormat,
    LexiconOpt,
    LimitOpt,
    MinConfFilterOpt,
    MinConfOpt,
    OutOpt,
    PathsArg,
    Period,
    ProcOpt,
    PublishedDayOpt,
    SinceOpt,
    StatusOpt,
    TimeoutOpt,
    TypeOpt,
    UntilOpt,
)
from .output import emit, prepare_output, progress
from .stores import open_store, resolve_actor, resolve_dyad

app = typer.Typer()


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    published: PublishedDayOpt = None,
    published_csv: Annotated[Path | None, typer.Option("--published-csv", metavar="FILE",
                                                       help="CSV with columns file,published")] = None,
    processes: ProcOpt = 1,
    actors: ActorsOpt = None,
    lexicon: LexiconOpt = None,
    min_confidence: MinConfOpt = DEFAULT_MIN_CONFIDENCE,
    batch: Annotated[int, typer.Option("--batch", metavar="N", help="documents per committed batch")] = 64,
    retry_errors: Annotated[bool, typer.Option("--retry-errors", help="re-code failed documents")] = False,
    timeout: TimeoutOpt = 120.0,
) -> None:
    """Code articles into the store (skipping those already stored); resumable after an interruption."""
    from ..store import IngestSummary, load_published_csv

    with open_store(db, read_only=False) as store:
        dates = load_published_csv(published_csv) if published_csv else None
        with progress("ingest") as (bar, task):
            def update(s: IngestSummary) -> None:
                bar.update(task, completed=s.seen, rate=f"{s.docs_per_s:.1f}", errors=s.failed)

            summary = store.ingest(paths, processes=processes, published=published, published_map=dates,
                                   actors=actors or [], lexicon=lexicon or [], min_confidence=min_confidence,
                                   batch_size=batch, retry_errors=retry_errors, stdin=sys.stdin.buffer,
                                   progress=update, timeout=timeout)
        counts = store.counts()
    typer.echo(f"{summary}; {store.path} holds {counts['documents']} documents ({counts['failed']} failed), "
               f"{counts['events']} event mentions in {counts['clusters']} events", err=True)
    if summary.failed:
        typer.echo("some documents failed; their errors: "
                   "`SELECT id, path, error FROM documents WHERE error IS NOT NULL`", err=True)
        raise typer.Exit(1)


def _filters(store: Any, actor: str | None = None, dyad: str | None = None, directed: bool = False,
             types: list[str] | None = None, since: str | None = None, until: str | None = None,
             status: list[str] | None = None, min_confidence: float | None = None) -> dict[str, Any]:
    """The store's filter keywords, with actor names read as the store writes them."""
    return {"actor": resolve_actor(store, actor, "--actor") if actor else None,
            "dyad": resolve_dyad(store, dyad) if dyad else None, "directed": directed,
            "types": types or None, "since": since, "until": until, "status": status or None,
            "min_confidence": min_confidence}


EVENT_TABLE = ["day", "type", "source_country", "source_canonical", "target_country", "target_canonical",
               "status", "confidence", "doc_id", "trigger"]


@app.command()
def events(db: DbOpt = None, actor: ActorOpt = None, dyad: DyadOpt = None, directed: DirectedOpt = False,
           type: TypeOpt = None, since: SinceOpt = None, until: UntilOpt = None, status: StatusOpt = None,
           min_confidence: MinConfFilterOpt = None, limit: LimitOpt = None,
           format: EventFormatOpt = EventFormat.table, output: OutOpt = None) -> None:
    """List stored event mentions, filtered (dates: the event date, else the publication date)."""
    if format == EventFormat.parquet and output is None:
        raise MissingArgumentError("--format parquet needs -o FILE (Parquet is not written to a terminal)")
    with open_store(db) as store:
        flt = _filters(store, actor, dyad, directed, type, since, until, status, min_confidence)
        if format in (EventFormat.parquet, EventFormat.csv) and output is not None:
            n = store.export(format.value, prepare_output(output), limit=limit, **flt)
            typer.echo(f"wrote {n} events to {output}", err=True)
            return
        rows = store.events(output="records", limit=limit, **flt)
    emit(rows, format.value, output, EVENT_TABLE)


DYAD_COLUMNS = ["period", "direction", "events", "verbal_coop", "material_coop", "verbal_conflict",
                "material_conflict", "score_sum", "score_mean"]


@app.command()
def dyad(a: Annotated[str, typer.Argument(help="first actor (country code, country or canonical name)")],
         b: Annotated[str, typer.Argument(help="second actor")],
         by: Annotated[Period, typer.Option(help="period")] = Period.month, db: DbOpt = None,
         since: SinceOpt = None, until: UntilOpt = None, status: StatusOpt = None,
         min_confidence: MinConfFilterOpt = None,
         mentions: Annotated[bool, typer.Option("--mentions", help="count mentions, not events")] = False,
         format: DyadFormatOpt = DyadFormat.table, output: OutOpt = None) -> None:
    """Both directions of a dyad per period: events per quad class, summed and mean intensity."""
    with open_store(db) as store:
        code_a, code_b = resolve_actor(store, a, "A"), resolve_actor(store, b, "B")
        rows = store.dyad(code_a, code_b, by.value, mentions=mentions, output="records", since=since,
                          until=until, status=status or None, min_confidence=min_confidence)
    if not rows and format == DyadFormat.table:
        typer.echo(f"no dated events between {a} and {b} in {store.path}", err=True)
        return
    emit(rows, format.value, output, DYAD_COLUMNS)


@app.command()
def export(to: Annotated[ExportFormat, typer.Option("--to", help="file format")],
           output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="file to write")],
           db: DbOpt = None, actor: ActorOpt = None, dyad: DyadOpt = None, directed: DirectedOpt = False,
           type: TypeOpt = None, since: SinceOpt = None, until: UntilOpt = None, status: StatusOpt = None,
           min_confidence: MinConfFilterOpt = None) -> None:
    """Export events: CSV or Parquet (mentions), PLOVER JSON Lines (mentions), GDELT-style TSV (events)."""
    with open_store(db) as store:
        flt = _filters(store, actor, dyad, directed, type, since, until, status, min_confidence)
        n = store.export(to.value, prepare_output(output), **flt)
    what = "events" if to == ExportFormat.gdelt else "event mentions"
    typer.echo(f"wrote {n} {what} to {output}", err=True)


@app.command()
def report(dyad: Annotated[list[str], typer.Option("--dyad", metavar="A:B",
                                                   help="A:B, e.g. BLR:RUS (repeatable)")],
           output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="HTML file")] = Path(
               "report.html"),
           db: DbOpt = None, since: SinceOpt = None, until: UntilOpt = None, status: StatusOpt = None,
           min_confidence: MinConfFilterOpt = None) -> None:
    """A self-contained HTML report: dyad timelines, top events with evidence, actor network."""
    with open_store(db) as store:
        pairs = [resolve_dyad(store, d) for d in dyad]
        store.report(pairs, prepare_output(output), since=since, until=until, status=status or None,
                     min_confidence=min_confidence)
    typer.echo(f"wrote {output}", err=True)
