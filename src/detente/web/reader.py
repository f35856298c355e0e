"""The server's read access to the store: one shared read-only connection, given up for writers.

Every request gets a cursor on one read-only ``Store`` of the process. The store is closed (and
so the file released) when no request uses it and either another process waits to write (an
ingest committing a batch, see ``detente.locking``) or it has been idle for ``idle_close``
seconds; the next request opens it again, after that writer is done. A request that waits longer
than ``lock_wait`` for the file gets E608 (503); a query that runs past ``query_timeout`` is
interrupted and gets E607 (504).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb

from ..errors import BusyError, RequestTimeoutError, StoreError
from ..exports import Queries, to_frame
from ..locking import StoreLock
from ..store import Store


class View(Queries):
    """The query API of ``Store`` over one request's cursor."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, has_text: bool, timeout: float) -> None:
        self.con = con
        self.path = path
        self.has_text = has_text
        self.timeout = timeout

    def rows(self, sql: str, params: Sequence[object] | None = None) -> list[dict[str, Any]]:
        return list(self._frame(sql, list(params or []), "records"))

    def _frame(self, sql: str, params: list[object], output: str) -> Any:
        try:
            return to_frame(self.con.sql(sql, params=params or None), output)
        except duckdb.InterruptException as exc:
            raise RequestTimeoutError(f"the query ran longer than {self.timeout:g} s; narrow the filters "
                                      "(a dyad, a date range) or lower the limit") from exc
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {exc}") from exc


class Reader:
    def __init__(self, path: str | Path, lock_wait: float = 10.0, query_timeout: float = 10.0,
                 idle_close: float = 2.0) -> None:
        self.path = Path(path)
        self.lock_wait = lock_wait
        self.query_timeout = query_timeout
        self.idle_close = idle_close
        self._lock = StoreLock(self.path)
        self._cond = threading.Condition()
        self._store: Store | None = None
        self._active = 0
        self._draining = False
        self._last_used = time.monotonic()
        self._stop = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="detente-reader", daemon=True)
        self._watcher.start()
        self.opened = 0  # how often the store was opened (for tests and the docs)

    def check(self) -> None:
        """Open the store once: a missing or foreign file fails at start, not at the first request."""
        with self.session():
            pass

    @contextlib.contextmanager
    def session(self) -> Iterator[View]:
        deadline = time.monotonic() + self.lock_wait
        with self._cond:
            while True:
                if self._store is not None and not self._draining and self._lock.writer_waiting():
                    self._draining = True  # a writer waits: no new cursors until this store is closed
                    self._close_if_idle()
                if self._store is None:
                    self._open(deadline)
                    break
                if not self._draining:
                    break
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BusyError(f"the store {self.path.name} is being written; try again in a moment")
                self._cond.wait(min(left, 0.05))
            self._active += 1
            assert self._store is not None
            cursor = self._store.con.cursor()
            has_text = self._store.has_text
        timer = threading.Timer(self.query_timeout, cursor.interrupt)
        timer.daemon = True
        timer.start()
        try:
            yield View(cursor, self.path, has_text, self.query_timeout)
        finally:
            timer.cancel()
            cursor.close()
            with self._cond:
                self._active -= 1
                self._last_used = time.monotonic()
                self._close_if_idle()
                self._cond.notify_all()

    def _open(self, deadline: float) -> None:
        try:
            self._store = Store(self.path, read_only=True, lock_wait=max(0.0, deadline - time.monotonic()))
        except StoreError as exc:
            if "in use" in exc.message:
                raise BusyError(f"the store {self.path.name} is being written by another process; "
                                "try again in a moment") from exc
            raise
        self._draining = False
        self.opened += 1

    def _close_if_idle(self, force: bool = False) -> None:
        if self._store is not None and self._active == 0 and (force or self._draining):
            store, self._store = self._store, None
            store.close()
            self._draining = False
            self._cond.notify_all()

    def _watch(self) -> None:
        """Give the file up when idle and a writer waits, or after ``idle_close`` seconds unused."""
        while not self._stop.wait(0.05):
            with self._cond:
                if self._store is None or self._active:
                    continue
                idle = time.monotonic() - self._last_used > self.idle_close
                if idle or self._lock.writer_waiting():
                    self._close_if_idle(force=True)

    def close(self) -> None:
        self._stop.set()
        with self._cond:
            if self._store is not None and self._active == 0:
                self._close_if_idle(force=True)
