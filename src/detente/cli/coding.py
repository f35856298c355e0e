"""Commands that code text: extract, quotes, actors, eval."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from ..errors import MissingArgumentError
from .options import (
    DEFAULT_MIN_CONFIDENCE,
    ActorsOpt,
    DbOpt,
    Format,
    FormatOpt,
    LexiconOpt,
    MinConfOpt,
    OutOpt,
    PathsArg,
    ProcOpt,
    PublishedOpt,
    StatusOpt,
    TimeoutOpt,
    TopOpt,
)
from .output import RowWriter, Writer, emit, open_output, progress
from .stores import TOP_COLUMNS, open_store, top_actors

app = typer.Typer()
log = logging.getLogger("detente")
DEFAULT_TIMEOUT = 120.0  # detente.pipeline.DEFAULT_TIMEOUT, without importing spaCy for --help


@app.command()
def extract(paths: PathsArg, format: FormatOpt = Format.jsonl, output: OutOpt = None,
            published: PublishedOpt = None, actors: ActorsOpt = None, lexicon: LexiconOpt = None,
            min_confidence: MinConfOpt = DEFAULT_MIN_CONFIDENCE, processes: ProcOpt = 1,
            status: StatusOpt = None, timeout: TimeoutOpt = DEFAULT_TIMEOUT) -> None:
    """Code articles into PLOVER events, one JSON object per document."""
    from ..ingest import read_documents
    from ..pipeline import Pipeline

    coder = Pipeline(actors or [], lexicon or [], min_confidence, n_process=processes, timeout=timeout)
    failed = done = 0
    start = time.perf_counter()
    with open_output(output) as out, progress("coding") as (bar, task):
        writer = Writer(out, format.value)
        for result in coder.pipe(read_documents(paths, published, stdin=sys.stdin.buffer)):
            if status:
                result.events = [e for e in result.events if e.status in status]
            writer.write(result)
            done += 1
            if result.error:
                failed += 1
                log.warning("%s: %s", result.id, result.error)
            rate = done / max(time.perf_counter() - start, 1e-9)
            bar.update(task, completed=done, rate=f"{rate:.1f}", errors=failed)
        writer.close()
    if failed:
        typer.echo(f"{failed} of {done} documents failed; see their 'error' fields", err=True)
        raise typer.Exit(1)


QUOTE_COLUMNS = ["doc_id", "speaker", "kind", "cue", "start", "end", "text"]


@app.command()
def quotes(paths: PathsArg, format: FormatOpt = Format.jsonl, output: OutOpt = None,
           published: PublishedOpt = None,
           speaker: Annotated[str | None, typer.Option(metavar="NAME",
                                                       help="only quotes whose speaker contains this")] = None,
           actors: ActorsOpt = None) -> None:
    """List quotations with their speakers."""
    from ..ingest import read_documents
    from ..pipeline import Pipeline

    coder = Pipeline(actors or [])
    with open_output(output) as out:
        writer = RowWriter(out, format.value, QUOTE_COLUMNS, csv_columns=QUOTE_COLUMNS)
        for result in coder.pipe(read_documents(paths, published, stdin=sys.stdin.buffer)):
            for q in result.quotes:
                if speaker and speaker.lower() not in (q.speaker or "").lower():
                    continue
                writer.write({"doc_id": result.id, **q.model_dump()})
            out.flush()
        writer.close()


@app.command("actors")
def actors_cmd(text: Annotated[str | None, typer.Argument(help="a sentence, a file path, or - for stdin")] = None,
               published: PublishedOpt = None, actors: ActorsOpt = None,
               top: TopOpt = None, db: DbOpt = None) -> None:
    """Show each actor mention and how it was resolved (or, with --top N, the store's most active actors)."""
    if top is not None:
        with open_store(db) as store:
            rows = top_actors(store, top)
            where = store.path
        if not rows:
            typer.echo(f"no events in {where}", err=True)
            return
        emit(rows, "table", None, TOP_COLUMNS)
        return
    if text is None:
        raise MissingArgumentError("give a TEXT, a file PATH or - for stdin (or --top N for the store's actors)")
    from ..explain import explain_actors

    if text == "-":
        body = sys.stdin.read()
    elif len(text) < 4096 and "\n" not in text and _is_file(text):
        body = Path(text).read_text(encoding="utf-8", errors="replace")
    else:
        body = text
    for line in explain_actors(body, published, actors or []):
        typer.echo(line)


@app.command("eval")
def eval_cmd(gold: Annotated[Path | None, typer.Argument(help="a gold file: JSON Lines or YAML (docs/gold-format.md)")]
             = None,
             pred: Annotated[Path | None, typer.Argument(help="predictions to score (default: code the gold's "
                                                               "documents now)")] = None,
             texts: Annotated[list[Path] | None, typer.Option("--texts", metavar="PATH",
                                                              help="files or folders with the gold's documents, "
                                                                   "named by id (repeatable)")] = None,
             published_csv: Annotated[Path | None, typer.Option("--published-csv", metavar="FILE",
                                                                help="CSV with columns file,published")] = None,
             shared: Annotated[Path, typer.Option(help="the project's shared evaluation folder (without GOLD)")]
             = Path("../shared/eval"),
             out: Annotated[Path, typer.Option(help="where predictions are written")] = Path("eval-out"),
             locations: Annotated[Path | None, typer.Option(
                 help="gold event places for sets without them inline, as DIR/SET.jsonl "
                      "[default: eval/locations when present]")] = None,
             ) -> None:
    """Score detente against a gold file of your own (GOLD [PRED]), or on the project's shared sets."""
    from ..evaluate import evaluate_gold, run_evaluation

    if gold is not None:
        from ..store import load_published_csv

        dates = load_published_csv(published_csv) if published_csv else None
        for line in evaluate_gold(gold, out, texts or [], dates, pred):
            typer.echo(line)
        return
    for line in run_evaluation(shared, out, locations=locations):
        typer.echo(line)


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except OSError:
        return False
