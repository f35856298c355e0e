"""Commands over the corpus store: ingest, events, dyad, export, report."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import MissingArgumentError
from .options import (
    DEFAULT_MIN_CONFIDENCE,
    ActorOpt,
    ActorsOpt,
    Admin1Opt,
    CountryOpt,
    DbOpt,
    DirectedOpt,
    DyadFormat,
    DyadFormatOpt,
    DyadOpt,
    EventFormat,
    EventFormatOpt,
    ExportFormat,
    KmOpt,
    LexiconOpt,
    LimitOpt,
    MinConfFilterOpt,
    MinConfOpt,
    NearOpt,
    OutOpt,
    PathsArg,
    Period,
    PlacedOpt,
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
               "status", "confidence", "place_resolved", "doc_id", "trigger"]


def _place_filters(country: str | None, near: str | None, km: float, admin1: str | None,
                   placed: bool | None) -> dict[str, Any]:
    return {"country": country, "near": near, "km": km, "admin1": admin1, "placed": placed}


@app.command()
def events(db: DbOpt = None, actor: ActorOpt = None, dyad: DyadOpt = None, directed: DirectedOpt = False,
           type: TypeOpt = None, since: SinceOpt = None, until: UntilOpt = None, status: StatusOpt = None,
           min_confidence: MinConfFilterOpt = None, country: CountryOpt = None, near: NearOpt = None,
           km: KmOpt = 50.0, admin1: Admin1Opt = None, placed: PlacedOpt = None, limit: LimitOpt = None,
           format: EventFormatOpt = EventFormat.table, output: OutOpt = None) -> None:
    """List stored event mentions, filtered (dates: the event date, else the publication date;
    places: where the text says the event happened, e.g. --near Kharkiv --km 50)."""
    if format == EventFormat.parquet and output is None:
        raise MissingArgumentError("--format parquet needs -o FILE (Parquet is not written to a terminal)")
    with open_store(db) as store:
        flt = _filters(store, actor, dyad, directed, type, since, until, status, min_confidence)
        flt.update(_place_filters(country, near, km, admin1, placed))
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


PLACE_COLUMNS = ["period", "country", "admin1", "events", "verbal_coop", "material_coop", "verbal_conflict",
                 "material_conflict", "score_mean", "latitude", "longitude"]


class PlaceLevel(StrEnum):
    admin1 = "admin1"
    country = "country"


@app.command()
def places(by: Annotated[Period, typer.Option(help="period")] = Period.month,
           level: Annotated[PlaceLevel, typer.Option(help="count by first-level division or by country")] = (
               PlaceLevel.admin1),
           db: DbOpt = None, actor: ActorOpt = None, dyad: DyadOpt = None, directed: DirectedOpt = False,
           type: TypeOpt = None, since: SinceOpt = None, until: UntilOpt = None, status: StatusOpt = None,
           min_confidence: MinConfFilterOpt = None, country: CountryOpt = None, near: NearOpt = None,
           km: KmOpt = 50.0, format: DyadFormatOpt = DyadFormat.table, output: OutOpt = None) -> None:
    """Events per period and place (first-level division or country), e.g. --dyad UKR:RUS --by month.
    Each event counts once however many articles report it; events with no place are left out."""
    with open_store(db) as store:
        flt = _filters(store, actor, dyad, directed, type, since, until, status, min_confidence)
        flt.update(_place_filters(country, near, km, None, None))
        rows = store.places(by.value, level=level.value, output="records", **flt)
    if not rows and format == DyadFormat.table:
        typer.echo(f"no dated events with a place in {store.path}", err=True)
        return
    emit(rows, format.value, output, PLACE_COLUMNS)


@app.command()
def export(to: Annotated[ExportFormat, typer.Option("--to", help="file format")],
           output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="file to write")],
           db: DbOpt = None, actor: ActorOpt = None, dyad: DyadOpt = None, directed: DirectedOpt = False,
           type: TypeOpt = None, since: SinceOpt = None, until: UntilOpt = None, status: StatusOpt = None,
           min_confidence: MinConfFilterOpt = None, country: CountryOpt = None, near: NearOpt = None,
           km: KmOpt = 50.0, admin1: Admin1Opt = None, placed: PlacedOpt = None) -> None:
    """Export events: CSV or Parquet (mentions), PLOVER JSON Lines (mentions), GDELT-style TSV (events,
    with ActionGeo columns)."""
    with open_store(db) as store:
        flt = _filters(store, actor, dyad, directed, type, since, until, status, min_confidence)
        flt.update(_place_filters(country, near, km, admin1, placed))
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
