"""The ``detente`` command line. Results go to stdout (JSON Lines by default); progress and logs to stderr.

Exit status: 0 all documents coded, 1 some documents failed (each has a recorded error),
2 bad usage or configuration: ``error: [E###] message`` on stderr.

Layout (imports go one way, down this list): ``__init__`` (the app) -> the command modules
``coding`` (extract, quotes, actors, eval), ``corpus`` (ingest, events, dyad, export, report) and
``serve`` (the web app), ``scale`` (coding on Ray)
-> ``stores`` (opening the store, actor names), ``output`` (the writer, progress) and
``options`` (the shared options and their checks).
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from ..errors import DetenteError, UsageProblem
from . import coding, corpus, scale, serve
from .options import fail

try:  # typer >= 0.22 carries its own copy of click: its exceptions are the ones raised
    from typer import _click as click
except ImportError:  # pragma: no cover - older typer uses click itself
    import click  # type: ignore[no-redef]


class CodedGroup(TyperGroup):
    """Prints every usage error, click's own included, as ``error: [E###] ...`` and exits 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.exceptions.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx is not None else ctx.command_path
            message = exc.format_message().rstrip(".")
            fail(UsageProblem(f"{message}; see '{where} --help'"))
        except DetenteError as exc:
            fail(exc)


app = typer.Typer(cls=CodedGroup, add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Political event data from news text: who did what to whom, when, and who said what.")
app.add_typer(coding.app)
app.add_typer(corpus.app)
app.add_typer(serve.app)
app.add_typer(scale.app)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s", stream=sys.stderr)
    logging.getLogger("detente.progress").setLevel(logging.INFO)  # long documents report their windows
    app()


__all__ = ["app", "main"]
