"""``detente scale``: code articles on a Ray cluster into Parquet datasets (see docs/scale.md)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from ..errors import BadNumberError
from .options import (
    DEFAULT_MIN_CONFIDENCE,
    ActorsOpt,
    LexiconOpt,
    MinConfOpt,
    PublishedDayOpt,
    TimeoutOpt,
)
from .output import progress

app = typer.Typer()


@app.command()
def scale(
    paths: Annotated[list[str], typer.Argument(
        help="files or folders (recursive): text, HTML, JSON Lines, Parquet; local paths or URIs (s3://...)",
        metavar="PATHS...")],
    out: Annotated[str, typer.Option("--out", metavar="DIR",
                                     help="output folder of Parquet datasets (a local path or a URI)")],
    address: Annotated[str | None, typer.Option(
        "--address", metavar="ADDR", envvar="RAY_ADDRESS",
        help="Ray cluster: auto, HOST:6379 or ray://HOST:10001 [default: a local Ray instance]")] = None,
    num_cpus: Annotated[int | None, typer.Option(
        "--num-cpus", metavar="N", help="CPUs of the local Ray instance [default: all]")] = None,
    actors_count: Annotated[int | None, typer.Option(
        "--actors-count", metavar="N", help="coding actors [default: the cluster's CPUs / --cpus-per-actor]")] = None,
    cpus_per_actor: Annotated[float, typer.Option("--cpus-per-actor", metavar="N",
                                                  help="CPUs each actor reserves")] = 1.0,
    batch_size: Annotated[int, typer.Option("--batch-size", metavar="N",
                                            help="documents per actor call and per Parquet part")] = 64,
    published: PublishedDayOpt = None,
    actors: ActorsOpt = None,
    lexicon: LexiconOpt = None,
    min_confidence: MinConfOpt = DEFAULT_MIN_CONFIDENCE,
    timeout: TimeoutOpt = 120.0,
) -> None:
    """Code articles on Ray (a cluster, or all local CPUs) into Parquet datasets; resumable, skips coded ones.

    Query the result in place: detente events --db DIR (every store command takes the folder).
    """
    from ..scale import ScaleSummary, run

    for option, value in (("--num-cpus", num_cpus), ("--actors-count", actors_count), ("--batch-size", batch_size)):
        if value is not None and value < 1:
            raise BadNumberError(f"{option} must be 1 or more (got {value})")
    if cpus_per_actor <= 0:
        raise BadNumberError(f"--cpus-per-actor must be above 0 (got {cpus_per_actor})")
    for name in ("ray", "ray.data"):  # Ray's own progress lines would bury ours
        logging.getLogger(name).setLevel(logging.WARNING)
    with progress("scale") as (bar, task):
        def update(s: ScaleSummary) -> None:
            bar.update(task, completed=s.seen, rate=f"{s.docs_per_s:.1f}", errors=s.failed)

        summary = run(paths, out, address=address, num_cpus=num_cpus, actors_count=actors_count,
                      cpus_per_actor=cpus_per_actor, batch_size=batch_size, published=published,
                      actors=actors or [], lexicon=lexicon or [], min_confidence=min_confidence, timeout=timeout,
                      progress=update)
    where = out if "://" in out else str(Path(out))
    typer.echo(f"{summary}; query it with `detente events --db {where}`", err=True)
    if summary.failed:
        typer.echo(f"some documents failed; their errors: the Parquet dataset {where}/errors", err=True)
        raise typer.Exit(1)
