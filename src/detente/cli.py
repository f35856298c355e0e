"""The ``detente`` command line. Results go to stdout (JSON Lines by default); progress and logs to stderr.

Exit status: 0 all documents coded, 1 some documents failed (each has a recorded error),
2 bad usage or configuration.
"""

from __future__ import annotations

import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .errors import DetenteError
from .ontology import DEFAULT_MIN_CONFIDENCE

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Political event data from news text: who did what to whom, when, and who said what.")
log = logging.getLogger("detente")


class Format(StrEnum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    table = "table"


PathsArg = Annotated[list[str], typer.Argument(help="files, directories (recursive) or - for stdin")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="output format")]
OutOpt = Annotated[Path | None, typer.Option("--output", "-o", help="write here instead of stdout")]
PublishedOpt = Annotated[str | None, typer.Option(help="publication date YYYY-MM-DD for inputs that lack one")]
ActorsOpt = Annotated[list[Path] | None, typer.Option("--actors", help="extra actor YAML file (repeatable)")]
LexiconOpt = Annotated[list[Path] | None, typer.Option("--lexicon", help="extra lexicon YAML file (repeatable)")]
MinConfOpt = Annotated[float, typer.Option("--min-confidence", help="drop events below this confidence")]
ProcOpt = Annotated[int, typer.Option("--processes", "-n", help="parallel processes")]


def _fail(exc: DetenteError) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(2)


def _progress(total_hint: int | None = None):  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]} docs/s, {task.fields[errors]} errors"), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=False, disable=not sys.stderr.isatty())


@app.command()
def extract(paths: PathsArg, format: FormatOpt = Format.jsonl, output: OutOpt = None,
            published: PublishedOpt = None, actors: ActorsOpt = None, lexicon: LexiconOpt = None,
            min_confidence: MinConfOpt = DEFAULT_MIN_CONFIDENCE, processes: ProcOpt = 1,
            status: Annotated[list[str] | None, typer.Option(help="keep only these statuses (repeatable)")] = None,
            ) -> None:
    """Code articles into PLOVER events, one JSON object per document."""
    import time

    from .ingest import check_published, read_documents
    from .output import Writer
    from .pipeline import Pipeline

    if published is not None and check_published(published) is None:
        typer.echo("error: --published must be YYYY-MM-DD", err=True)
        raise typer.Exit(2)
    try:
        coder = Pipeline(actors or [], lexicon or [], min_confidence, n_process=processes)
    except DetenteError as exc:
        _fail(exc)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    writer = Writer(out, format.value)
    failed = done = 0
    start = time.perf_counter()
    with _progress() as progress:
        task = progress.add_task("coding", total=None, rate="0.0", errors=0)
        for result in coder.pipe(read_documents(paths, published, stdin=sys.stdin.buffer)):
            if status:
                result.events = [e for e in result.events if e.status in status]
            writer.write(result)
            done += 1
            if result.error:
                failed += 1
                log.warning("%s: %s", result.id, result.error)
            rate = done / max(time.perf_counter() - start, 1e-9)
            progress.update(task, advance=1, rate=f"{rate:.1f}", errors=failed)
    writer.close()
    if output:
        out.close()
    if failed:
        typer.echo(f"{failed} of {done} documents failed; see their 'error' fields", err=True)
        raise typer.Exit(1)


@app.command()
def quotes(paths: PathsArg, format: FormatOpt = Format.jsonl, published: PublishedOpt = None,
           speaker: Annotated[str | None, typer.Option(help="only quotes whose speaker contains this")] = None,
           actors: ActorsOpt = None) -> None:
    """List quotations with their speakers."""
    import json

    from .ingest import read_documents
    from .pipeline import Pipeline

    coder = Pipeline(actors or [])
    rows = []
    for result in coder.pipe(read_documents(paths, published, stdin=sys.stdin.buffer)):
        for q in result.quotes:
            if speaker and speaker.lower() not in (q.speaker or "").lower():
                continue
            row = {"doc_id": result.id, **q.model_dump()}
            rows.append(row)
            if format in (Format.jsonl,):
                typer.echo(json.dumps(row, ensure_ascii=False))
    if format == Format.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif format in (Format.csv, Format.table):
        import csv

        w = csv.writer(sys.stdout, delimiter="," if format == Format.csv else "\t")
        w.writerow(["doc_id", "speaker", "kind", "cue", "start", "end", "text"])
        for r in rows:
            w.writerow([r["doc_id"], r["speaker"], r["kind"], r["cue"], r["start"], r["end"], r["text"]])


@app.command("actors")
def actors_cmd(text: Annotated[str | None, typer.Argument(help="a sentence, a file path, or - for stdin")] = None,
               published: PublishedOpt = None, actors: ActorsOpt = None,
               top: Annotated[int | None, typer.Option("--top", help="most active actors in the store")] = None,
               db: Annotated[Path | None, typer.Option(envvar="DETENTE_DB", help="store file")] = None) -> None:
    """Show each actor mention and how it was resolved (or, with --top, the store's most active actors)."""
    if top is not None:
        from .cli_store import top_actors

        top_actors(top, db)
        return
    if text is None:
        typer.echo("error: give a TEXT, a PATH or - (or --top N)", err=True)
        raise typer.Exit(2)
    from .explain import explain_actors

    if text == "-":
        body = sys.stdin.read()
    elif len(text) < 4096 and "\n" not in text and _is_file(text):
        body = Path(text).read_text(encoding="utf-8", errors="replace")
    else:
        body = text
    try:
        for line in explain_actors(body, published, actors or []):
            typer.echo(line)
    except DetenteError as exc:
        _fail(exc)


@app.command("eval")
def eval_cmd(shared: Annotated[Path, typer.Option(help="the shared evaluation folder")] = Path("../shared/eval"),
             gold: Annotated[Path | None, typer.Argument(help="a gold file (with PRED: score that pair)")] = None,
             pred: Annotated[Path | None, typer.Argument(help="a predictions file")] = None,
             out: Annotated[Path, typer.Option(help="where predictions are written")] = Path("eval-out"),
             ) -> None:
    """Score detente with the shared scorer: dev, dev-b, train, the reference article and peer (or GOLD PRED)."""
    from .evaluate import run_evaluation, score_pair

    try:
        if gold is not None and pred is not None:
            for line in score_pair(shared / "score.py", gold, pred):
                typer.echo(line)
            return
        for line in run_evaluation(shared, out):
            typer.echo(line)
    except DetenteError as exc:
        _fail(exc)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s", stream=sys.stderr)
    try:
        from . import cli_store  # noqa: F401 - registers the store commands
    except ImportError:
        pass
    app()


if __name__ == "__main__":
    main()


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except OSError:
        return False
