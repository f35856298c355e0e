"""Where the commands write: the output file (checked), the one row writer, progress on stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..errors import OutputPathError
from ..output import RowWriter, Writer, write_rows

__all__ = ["RowWriter", "Writer", "emit", "open_output", "prepare_output", "progress"]


def prepare_output(path: Path, option: str = "--output") -> Path:
    """PATH, ready to be written: a coded error if it is a directory; its missing folders created."""
    if path.is_dir():
        raise OutputPathError(f"{option} {str(path)!r} is a directory; give a file name, "
                              f"e.g. {str(path / 'out.jsonl')!r}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputPathError(f"{option} {str(path)!r}: cannot create the folder {str(path.parent)!r} "
                              f"({exc.strerror or exc}); choose another path") from None
    return path


@contextmanager
def open_output(path: Path | None, option: str = "--output") -> Iterator[IO[str]]:
    """Stdout, or PATH opened for writing (see ``prepare_output``)."""
    if path is None:
        yield sys.stdout
        return
    prepare_output(path, option)
    try:
        fh = path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise OutputPathError(f"{option} {str(path)!r} cannot be written ({exc.strerror or exc}); "
                              "choose another path") from None
    with fh:
        yield fh


def emit(rows: Iterable[Mapping[str, Any]], fmt: str, output: Path | None = None,
         columns: Sequence[str] | None = None) -> int:
    """Write ROWS in FMT to OUTPUT (or stdout); COLUMNS are the table's columns. Returns the row count."""
    with open_output(output) as out:
        return write_rows(rows, out, fmt, columns)


@contextmanager
def progress(description: str) -> Iterator[tuple[Any, Any]]:
    """A live document counter on stderr (only when stderr is a terminal): yields (progress, task);
    update it with ``progress.update(task, completed=..., rate="1.0", errors=0)``."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}[/bold] {task.completed} documents"),
                  TextColumn("{task.fields[rate]} docs/s, {task.fields[errors]} errors"), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty()) as bar:
        yield bar, bar.add_task(description, total=None, rate="0.0", errors=0)
