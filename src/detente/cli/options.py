"""The options the commands share, each defined once, with their checks; and ``fail``.

A check that fails raises a coded ``UsageProblem`` (E150-E199); the app prints it as
``error: [E###] message`` on stderr and exits 2.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from ..errors import BadDateError, BadNumberError, BadStatusError, DetenteError
from ..ontology import DEFAULT_MIN_CONFIDENCE

STATUSES = ("asserted", "negated", "hypothetical", "reported_claim")
DATE_FORMS = "YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2024-03-14)"
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

__all__ = ["DEFAULT_MIN_CONFIDENCE", "STATUSES", "fail"]


def fail(exc: DetenteError) -> NoReturn:
    """Print a coded error on stderr and exit 2 (bad usage or configuration)."""
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(2)


# -- formats ------------------------------------------------------------------------------------------
class Format(StrEnum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    table = "table"


class EventFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    parquet = "parquet"


class DyadFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
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


# -- checks --------------------------------------------------------------------------------------------
def parse_date(value: str, option: str, *, day_only: bool = False) -> str:
    """VALUE if it is a real date in one of DATE_FORMS (only YYYY-MM-DD with DAY_ONLY), else a coded error."""
    m = _DATE.fullmatch(value)
    forms = "YYYY-MM-DD (e.g. 2024-03-14)" if day_only else DATE_FORMS
    try:
        if m is None or (day_only and m[3] is None):
            raise ValueError
        date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        raise BadDateError(f"{option} {value!r} is not a date; use {forms}") from None
    return value


def _published(value: str | None) -> str | None:
    return None if value is None else parse_date(value, "--published")


def _published_day(value: str | None) -> str | None:
    return None if value is None else parse_date(value, "--published", day_only=True)


def _since(value: str | None) -> str | None:
    return None if value is None else parse_date(value, "--since")


def _until(value: str | None) -> str | None:
    return None if value is None else parse_date(value, "--until")


def check_statuses(values: list[str] | None) -> list[str] | None:
    """Each status (repeatable, or comma-separated) must be one of STATUSES."""
    if not values:
        return None
    names = [p.strip() for v in values for p in v.split(",") if p.strip()]
    for name in names:
        if name not in STATUSES:
            raise BadStatusError(f"--status {name!r} is not a status; use one of {', '.join(STATUSES)} "
                                 "(repeat --status for several)")
    return names


def _at_least_one(option: str):  # type: ignore[no-untyped-def]
    def check(value: int | None) -> int | None:
        if value is not None and value < 1:
            raise BadNumberError(f"{option} must be 1 or more (got {value})")
        return value

    return check


def _confidence(value: float | None) -> float | None:
    if value is not None and not 0.0 <= value <= 1.0:
        raise BadNumberError(f"--min-confidence must be between 0 and 1 (got {value})")
    return value


# -- shared options --------------------------------------------------------------------------------
PathsArg = Annotated[list[str], typer.Argument(help="files, directories (recursive) or - for stdin",
                                               metavar="PATHS...")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="output format")]
EventFormatOpt = Annotated[EventFormat, typer.Option("--format", "-f", help="output format (parquet needs -o)")]
DyadFormatOpt = Annotated[DyadFormat, typer.Option("--format", "-f", help="output format")]
OutOpt = Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                             help="write here instead of stdout (missing folders are created)")]
PublishedOpt = Annotated[str | None, typer.Option(
    "--published", metavar="DATE", callback=_published,
    help="publication date for inputs that lack one: YYYY-MM-DD, YYYY-MM or YYYY")]
PublishedDayOpt = Annotated[str | None, typer.Option(
    "--published", metavar="DATE", callback=_published_day,
    help="publication date YYYY-MM-DD for inputs that lack one")]
ActorsOpt = Annotated[list[Path] | None, typer.Option("--actors", metavar="FILE",
                                                      help="extra actor YAML file (repeatable)")]
LexiconOpt = Annotated[list[Path] | None, typer.Option("--lexicon", metavar="FILE",
                                                       help="extra lexicon YAML file (repeatable)")]
MinConfOpt = Annotated[float, typer.Option("--min-confidence", metavar="X", callback=_confidence,
                                           help="drop events below this confidence (0-1)")]
MinConfFilterOpt = Annotated[float | None, typer.Option("--min-confidence", metavar="X", callback=_confidence,
                                                        help="events at or above this confidence (0-1)")]
ProcOpt = Annotated[int, typer.Option("--processes", "-n", metavar="N", callback=_at_least_one("--processes"),
                                      help="parallel processes")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", metavar="SECONDS", min=1,
                                           help="time budget per document; a longer one fails with E501")]
DbOpt = Annotated[Path | None, typer.Option("--db", envvar="DETENTE_DB", metavar="FILE",
                                            help="store file, or an output folder of `detente scale` "
                                                 "[default: $DETENTE_DB or detente.duckdb]")]
StatusOpt = Annotated[list[str] | None, typer.Option(
    "--status", metavar="STATUS", callback=check_statuses,
    help=f"keep only this status: {', '.join(STATUSES)} (repeatable)")]
ActorOpt = Annotated[str | None, typer.Option("--actor", metavar="ACTOR",
                                              help="events with this actor: country code, country or canonical name")]
DyadOpt = Annotated[str | None, typer.Option("--dyad", metavar="A:B",
                                             help="events between two actors, A:B (both directions)")]
DirectedOpt = Annotated[bool, typer.Option("--directed/--undirected",
                                           help="with --dyad: only A acting on B (or both directions)")]
TypeOpt = Annotated[list[str] | None, typer.Option("--type", metavar="TYPE",
                                                   help="event type, e.g. SANCTION (repeatable)")]
SinceOpt = Annotated[str | None, typer.Option("--since", metavar="DATE", callback=_since,
                                              help="from this date: YYYY, YYYY-MM or YYYY-MM-DD")]
UntilOpt = Annotated[str | None, typer.Option("--until", metavar="DATE", callback=_until,
                                              help="up to this date: YYYY, YYYY-MM or YYYY-MM-DD")]
LimitOpt = Annotated[int | None, typer.Option("--limit", metavar="N", callback=_at_least_one("--limit"),
                                              help="at most this many (1 or more)")]
TopOpt = Annotated[int | None, typer.Option("--top", metavar="N", callback=_at_least_one("--top"),
                                            help="the N most active actors in the store (1 or more)")]
CountryOpt = Annotated[str | None, typer.Option("--country", metavar="CODE",
                                                help="events with an actor of this country (ISO alpha-3, e.g. UKR)")]
NearOpt = Annotated[str | None, typer.Option("--near", metavar="PLACE",
                                             help="events placed within --km of this place: a name or LAT,LON")]
KmOpt = Annotated[float, typer.Option("--km", metavar="KM", min=0.001, help="radius for --near, in kilometres")]
Admin1Opt = Annotated[str | None, typer.Option("--admin1", metavar="NAME",
                                               help="events placed in this first-level division, e.g. 'Kharkiv'")]
PlacedOpt = Annotated[bool | None, typer.Option("--placed/--unplaced",
                                                help="only events with a place (or only those without one)")]

