"""Sharing one store file between an ingest, a server and notebooks: a writer-preferring lock.

DuckDB lets one process write a file *or* several processes read it, never both; a second
opener gets an error at once. detente processes coordinate before they open the file, with two
advisory ``flock`` files beside the store:

* ``<store>.gate``: readers hold it shared while their connection is open; a writer holds it
  exclusive while its connection is open (an ingest: only while it commits a batch).
* ``<store>.intent``: a writer holds it exclusive while it waits for the gate. New readers check
  it first and wait, so a stream of overlapping readers (a busy server) cannot starve a writer.

Waits are bounded (``deadline``); a process that dies releases its locks with it. Processes that
do not take part (the duckdb shell) still meet DuckDB's own lock, which ``Store`` retries.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: DuckDB's own lock and retries only
    fcntl = None  # type: ignore[assignment]

POLL = (0.005, 0.2)  # first and longest pause between tries, seconds


class Timeout(Exception):
    """The lock was not had before the deadline."""


def _open(path: Path) -> int | None:
    if fcntl is None:
        return None
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        try:  # a store on a read-only medium: a lock file that exists can still be locked
            return os.open(path, os.O_RDONLY)
        except OSError:
            return None  # no lock file can be had here: nothing to coordinate with


def _try(fd: int, op: int) -> bool:
    try:
        fcntl.flock(fd, op | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _wait(fd: int, op: int, deadline: float) -> None:
    pause = POLL[0]
    while not _try(fd, op):
        if time.monotonic() >= deadline:
            raise Timeout
        time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
        pause = min(POLL[1], pause * 2)


class StoreLock:
    """The two lock files of the store at PATH."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.gate = Path(f"{os.fspath(path)}.gate")
        self.intent = Path(f"{os.fspath(path)}.intent")

    @contextlib.contextmanager
    def shared(self, deadline: float) -> Iterator[None]:
        """Held by a reader while its connection is open; waits while a writer waits or writes."""
        intent, gate = _open(self.intent), _open(self.gate)
        try:
            if intent is not None and gate is not None:
                pause = POLL[0]
                while True:
                    _wait(intent, fcntl.LOCK_SH, deadline)  # no writer waiting...
                    got = _try(gate, fcntl.LOCK_SH)  # ...and none writing
                    fcntl.flock(intent, fcntl.LOCK_UN)
                    if got:
                        break
                    if time.monotonic() >= deadline:
                        raise Timeout
                    time.sleep(pause)
                    pause = min(POLL[1], pause * 2)
            yield
        finally:
            for fd in (gate, intent):
                if fd is not None:
                    os.close(fd)  # closing releases the lock

    @contextlib.contextmanager
    def exclusive(self, deadline: float) -> Iterator[None]:
        """Held by a writer while its connection is open: announces itself, then waits for the readers."""
        intent, gate = _open(self.intent), _open(self.gate)
        try:
            if intent is not None and gate is not None:
                _wait(intent, fcntl.LOCK_EX, deadline)
                _wait(gate, fcntl.LOCK_EX, deadline)
            yield
        finally:
            for fd in (gate, intent):
                if fd is not None:
                    os.close(fd)

    def writer_waiting(self) -> bool:
        """Whether a writer waits for (or holds) the store: readers should close their connections."""
        fd = _open(self.intent)
        if fd is None:
            return False
        try:
            return not _try(fd, fcntl.LOCK_SH)
        finally:
            os.close(fd)


def is_lock_error(exc: BaseException) -> bool:
    """A DuckDB error that says another process holds the file."""
    return "lock" in str(exc).lower()
