"""The corpus store: coded articles in one embedded DuckDB file, ready to query.

>>> from detente.store import Store
>>> with Store("corpus.duckdb") as store:
...     summary = store.ingest(["articles/"], published="2024-03-01")
...     frame = store.events(dyad=("BLR", "RUS"), since="2024-01")

Ingest is idempotent and resumable: each input is identified by a content hash (sha256 of its
text and its origin, the file path or record id); hashes already stored are skipped before
coding, a new publication date for a stored document re-codes it in place ("updated"), and
documents are committed in batches (a document, its events and the event clusters in one
transaction), so an interrupted ingest loses at most one uncommitted batch and a re-run
continues where it stopped.
The schema is documented in docs/store.md.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

import duckdb

from . import analysis
from .errors import StoreError
from .exports import Queries
from .locking import StoreLock, Timeout, is_lock_error
from .ontology import DEFAULT_MIN_CONFIDENCE
from .records import Document, Result

DEFAULT_DB = "detente.duckdb"
ENV_DB = "DETENTE_DB"
SCHEMA_VERSION = "4"  # 2: documents identified by text and origin, not by text and date; 3: documents.text;
# 4: the events' places (place ... place_basis)
READABLE_VERSIONS = ("2", "3", "4")  # a version-2 store is read as it is and migrated when opened for writing
LOCK_WAIT = 60.0  # seconds a Store waits for another process's lock on the file (see detente.locking)

# The event's place (Event.location), flat: NULL where the text gives none. Added in schema 4.
PLACE_COLUMNS = ("place VARCHAR, place_resolved VARCHAR, geonames_id BIGINT, place_country VARCHAR, admin1 VARCHAR, "
                 "latitude DOUBLE, longitude DOUBLE, place_precision VARCHAR, place_start INTEGER, "
                 "place_end INTEGER, place_basis VARCHAR")
_PLACE_KEYS = {"place": "place", "resolved": "place_resolved", "geonames_id": "geonames_id",
               "country": "place_country", "admin1": "admin1", "latitude": "latitude", "longitude": "longitude",
               "precision": "place_precision", "start": "place_start", "end": "place_end", "basis": "place_basis"}

# Per table: (columns before, columns written by ingest, columns after); see docs/store.md.
TABLES: dict[str, tuple[str, str, str]] = {
    "documents": ("", "hash VARCHAR PRIMARY KEY, id VARCHAR NOT NULL, path VARCHAR, title VARCHAR, "
                  "url VARCHAR, published DATE, n_events INTEGER NOT NULL, n_quotes INTEGER NOT NULL, "
                  "error VARCHAR, error_code VARCHAR, text VARCHAR", "ingested_at TIMESTAMP NOT NULL"),
    "events": ("event_id BIGINT PRIMARY KEY DEFAULT nextval('event_seq')",
               "doc_hash VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, "
               "type VARCHAR NOT NULL, mode VARCHAR, quad INTEGER, score DOUBLE, cameo VARCHAR, "
               "source_name VARCHAR, source_canonical VARCHAR, source_country VARCHAR, "
               "source_sector VARCHAR, target_name VARCHAR, target_canonical VARCHAR, "
               "target_country VARCHAR, target_sector VARCHAR, sentence VARCHAR, "
               'start INTEGER, "end" INTEGER, trigger VARCHAR, date VARCHAR, date_text VARCHAR, '
               'date_precision VARCHAR, status VARCHAR, confidence DOUBLE, "group" VARCHAR, quote INTEGER, '
               "published DATE, day DATE, " + PLACE_COLUMNS, "cluster_id BIGINT"),
    "quotes": ("", "doc_hash VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, text VARCHAR, "
               "speaker VARCHAR, speaker_canonical VARCHAR, speaker_country VARCHAR, speaker_sector VARCHAR, "
               'kind VARCHAR, cue VARCHAR, start INTEGER, "end" INTEGER', ""),
    "actors": ("", "doc_hash VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, canonical VARCHAR, country VARCHAR, "
               "sector VARCHAR, mentions VARCHAR[], n_mentions INTEGER", ""),
}
SCHEMA = ("CREATE SEQUENCE IF NOT EXISTS event_seq START 1; "
          "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR); "
          + " ".join(f"CREATE TABLE IF NOT EXISTS {name} ({', '.join(p for p in parts if p)});"
                     for name, parts in TABLES.items()))
_ACTOR_KEYS = ("name", "canonical", "country", "sector")


def columns(table: str) -> list[tuple[str, str]]:
    """(name, type) of the columns that ingest writes to TABLE, in order."""
    return [(c.split()[0].strip('"'), c.split()[1]) for c in TABLES[table][1].split(", ")]


Input = str | os.PathLike[str] | Document | Result


@dataclass
class IngestSummary:
    """What one ``Store.ingest`` call did. ``added`` coded and stored; ``failed`` stored with an error."""

    added: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    seconds: float = 0.0

    @property
    def seen(self) -> int:
        return self.added + self.updated + self.skipped + self.failed

    @property
    def docs_per_s(self) -> float:
        return (self.added + self.updated + self.failed) / self.seconds if self.seconds > 0 else 0.0

    def __str__(self) -> str:
        return (f"{self.added} documents added, {self.updated} updated, {self.skipped} already stored, "
                f"{self.failed} failed, "
                f"{self.events} events in {self.seconds:.1f}s ({self.docs_per_s:.1f} docs/s)")


def default_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The store file: PATH, else $DETENTE_DB, else ./detente.duckdb."""
    return Path(path if path is not None else os.environ.get(ENV_DB) or DEFAULT_DB)


def content_hash(item: Document | Result, path: str | None = None) -> str:
    """sha256 of text + origin (file path and id): the same file is the same document whatever date it
    is given; for an already coded Result, of its JSON (or of its error and origin)."""
    h = hashlib.sha256()
    if isinstance(item, Document):
        h.update(item.text.encode("utf-8") + b"\0" + (path or item.path or "").encode() + b"\0" + item.id.encode())
    elif item.error is not None:
        h.update("\0".join(["error", path or "", item.id, item.error_code or "", item.error]).encode("utf-8"))
    else:
        h.update(b"result\0" + item.model_dump_json().encode("utf-8"))
    return h.hexdigest()


def load_published_csv(path: str | os.PathLike[str]) -> dict[str, str]:
    """Publication dates per file from a CSV with columns ``file,published`` (YYYY-MM-DD)."""
    from .ingest import check_published

    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise StoreError(f"cannot read the publication-date CSV {path}: {exc.strerror}; "
                         "check the path") from exc
    if rows and not {"file", "published"} <= set(rows[0]):
        raise StoreError(f"{path} needs the columns 'file' and 'published' (a header line: file,published)")
    dates: dict[str, str] = {}
    for n, row in enumerate(rows, 2):
        day = check_published(row.get("published"))
        if day is None:
            raise StoreError(f"{path}, line {n}: published {row.get('published')!r} is not a YYYY-MM-DD date")
        dates[(row.get("file") or "").strip()] = day
    return dates


def _published_for(path: Path, default: str | None, dates: Mapping[str, str] | None) -> str | None:
    if not dates:
        return default
    for key in (str(path), path.as_posix(), path.name, path.stem):
        if key in dates:
            return dates[key]
    return default


def _day(value: str | None) -> str | None:
    """The first day of a YYYY, YYYY-MM or YYYY-MM-DD date, or None."""
    if not value:
        return None
    text = value.strip()[:10]
    text = {4: text + "-01-01", 7: text + "-01"}.get(len(text), text)
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


class Store(Queries):
    """A detente corpus in one DuckDB file. Use as a context manager or call ``close()``.

    ``path`` defaults to $DETENTE_DB, else ``detente.duckdb``. ``read_only`` lets several readers
    share a store (but not while an ingest writes to it). A folder written by ``detente scale``
    (``detente.scale``) opens read-only, its Parquet datasets read in place.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False,
                 lock_wait: float = LOCK_WAIT) -> None:
        self.path = default_path(path)
        self.read_only = read_only
        self.lock_wait = lock_wait
        self.parquet = self.path.is_dir()
        if self.parquet:  # the output folder of `detente scale`: its Parquet datasets, read in place
            from .scale import connect

            self.read_only = True
            self._lock = StoreLock(self.path)
            self._held = ExitStack()
            self.con = connect(self.path)
            self.has_text = self.has_places = True
            return
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}; create one with "
                             f"`detente ingest PATH... --db {self.path}`")
        if not read_only and not self.path.parent.exists():
            raise StoreError(f"the folder {self.path.parent} does not exist; "
                             "create it or choose another --db")
        self._lock = StoreLock(self.path)
        self._held = ExitStack()
        self.con = self._connect()
        if self.read_only and not self.has_places:
            self._upgrade()

    def _upgrade(self) -> None:
        """A store written before events had places (schema 2 or 3), opened for reading: every query reads
        the place columns, so the file is migrated once, for writing, then opened again for reading."""
        self._release()
        if not os.access(self.path, os.W_OK):
            raise StoreError(f"{self.path} was written by an older detente (its events have no place columns) "
                             "and cannot be upgraded because the file is read-only; open a writable copy once")
        self.read_only = False
        try:
            self.con = self._connect()  # _setup adds the columns and recomputes the clusters
            self._release()
        finally:
            self.read_only = True
        self.con = self._connect()

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """Open the file once the other processes let us (a writer waits for readers and they for it),
        retrying DuckDB's own lock (a process outside detente) until ``lock_wait`` has passed."""
        deadline = time.monotonic() + self.lock_wait
        held = ExitStack()
        try:
            held.enter_context(self._lock.shared(deadline) if self.read_only else self._lock.exclusive(deadline))
            pause = 0.01
            while True:
                try:
                    con = duckdb.connect(str(self.path), read_only=self.read_only)
                    break
                except duckdb.Error as exc:
                    if not is_lock_error(exc) or time.monotonic() >= deadline:
                        raise
                    time.sleep(pause)
                    pause = min(0.25, pause * 2)
        except (Timeout, duckdb.Error) as exc:
            held.close()
            if isinstance(exc, Timeout) or is_lock_error(exc):
                raise StoreError(f"the store {self.path} is in use by another process (an ingest, or a Store "
                                 f"open in a notebook) and stayed so for {self.lock_wait:.0f} s; wait for it to "
                                 "finish or close it, or query a copy of the file") from exc
            raise StoreError(f"cannot open the store {self.path}: it is damaged or not a DuckDB file ({exc}); "
                             "restore it from a backup or re-ingest into a new file") from exc
        self._held = held
        self.con = con
        try:
            self._setup()
        except BaseException:
            self._release()
            raise
        return con

    def _release(self) -> None:
        """Close the connection and let other processes have the file."""
        try:
            self.con.close()
        finally:
            self._held.close()

    def _setup(self) -> None:
        if not self.read_only and _first(self.con, "SELECT 1 FROM information_schema.tables WHERE table_name = "
                                                   "'documents' AND table_type = 'VIEW'"):
            raise StoreError(f"{self.path} holds views over the Parquet datasets of `detente scale` (see "
                             "docs/scale.md); open it read-only, or add documents with `detente scale`")
        if not self.read_only:
            self.con.execute(SCHEMA)
            self.con.execute("INSERT INTO meta VALUES ('schema_version', ?), ('clusters_dirty', '0') "
                             "ON CONFLICT DO NOTHING", [SCHEMA_VERSION])
        try:
            row = _first(self.con, "SELECT value FROM meta WHERE key = 'schema_version'")
        except duckdb.Error as exc:
            tables = {t for (t,) in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            if tables & set(TABLES):
                raise StoreError(f"{self.path} is a damaged detente store (its meta table is missing); "
                                 "re-ingest into a new file") from exc
            raise StoreError(f"{self.path} is a DuckDB file but not a detente store; "
                             "pass another --db or a new file name") from exc
        if row is None or row[0] not in READABLE_VERSIONS:
            raise StoreError(f"{self.path} has store schema version {row[0] if row else '?'}, this detente "
                             f"reads {' and '.join(READABLE_VERSIONS)}; re-ingest into a new file")
        if not self.read_only:
            if row[0] != SCHEMA_VERSION:  # -> 3: the documents' text; -> 4: the events' places (NULL before)
                self.con.execute("ALTER TABLE documents ADD COLUMN IF NOT EXISTS text VARCHAR")
                for column in PLACE_COLUMNS.split(", "):
                    self.con.execute(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {column}")
                analysis.compute_clusters(self.con)  # the clusters table gains its place columns
                self.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [SCHEMA_VERSION])
            analysis.create_clusters_table(self.con)
        self.has_text = bool(self.con.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = 'documents' AND column_name = 'text'"
        ).fetchall())
        self.has_places = bool(self.con.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'latitude'"
        ).fetchall())

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        self._release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest ----------------------------------------------------------------------------------
    def ingest(self, inputs: Input | Iterable[Input], *, processes: int = 1, published: str | None = None,
               published_map: Mapping[str, str] | None = None, actors: Sequence[str | Path] = (),
               lexicon: Sequence[str | Path] = (), min_confidence: float = DEFAULT_MIN_CONFIDENCE, batch_size: int = 64,
               retry_errors: bool = False, pipeline: Any = None, stdin: BinaryIO | None = None,
               progress: Callable[[IngestSummary], None] | None = None,
               timeout: float | None = 120.0) -> IngestSummary:
        """Code and store INPUTS: files, directories, '-' (STDIN), Documents or already coded Results.

        Inputs whose content hash is stored already are skipped before coding. Documents are
        committed every BATCH_SIZE documents; event clusters are recomputed at the end.
        ``published_map`` maps file names (or paths, or stems) to publication dates.

        The file is locked only while a batch is committed: between commits (while documents are
        coded) readers in other processes open it (``detente serve``, ``Store(read_only=True)``),
        and a commit waits for them, as they wait for it (see ``detente.locking``).
        """
        if self.parquet:
            raise StoreError(f"{self.path} holds the Parquet datasets of `detente scale`, read-only here; add "
                             f"documents with `detente scale PATH... --out {self.path}`")
        if self.read_only:
            raise StoreError("this store was opened read-only; open it with Store(path) to ingest")
        if batch_size < 1:
            raise StoreError("batch_size must be at least 1")
        start = time.perf_counter()
        summary = IngestSummary()
        if retry_errors:
            self.con.execute("DELETE FROM documents WHERE error IS NOT NULL")
        known = {h: (d.isoformat() if d else None)
                 for h, d in self.con.execute("SELECT hash, published FROM documents").fetchall()}
        pending: deque[tuple[str, str | None, str | None]] = deque()
        updates: set[str] = set()

        def fresh() -> Iterator[Document | Result]:
            for item, path in self._inputs(inputs, published, published_map, stdin):
                digest = content_hash(item, path)
                if digest in known:
                    newer = isinstance(item, Document) and item.published and item.published != known[digest]
                    if not newer:  # no date given keeps the stored one
                        summary.skipped += 1
                        if progress is not None:
                            progress(summary)
                        continue
                    updates.add(digest)  # a new publication date: the same document, re-coded in place
                known[digest] = item.published if isinstance(item, Document) else None
                pending.append((digest, path, item.text if isinstance(item, Document) else None))
                yield item

        def make_pipeline() -> Any:
            if pipeline is not None:
                return pipeline
            from .pipeline import Pipeline

            return Pipeline(actors, lexicon, min_confidence, n_process=max(1, processes), timeout=timeout)

        batch: list[tuple[str, str | None, str | None, Result]] = []
        self._release()  # coding holds no lock: readers come and go; each commit takes it back
        try:
            for result in _code(fresh(), make_pipeline):
                digest, path, text = pending.popleft()
                batch.append((digest, path, text, result))
                if len(batch) >= batch_size:
                    self._commit_locked(batch, summary, updates)
                    batch = []
                    summary.seconds = time.perf_counter() - start
                    if progress is not None:
                        progress(summary)
            if batch:
                self._commit_locked(batch, summary, updates)
        finally:
            self._connect()
        self.refresh_clusters(force=retry_errors)  # each batch already left the clusters consistent
        summary.seconds = time.perf_counter() - start
        if progress is not None:
            progress(summary)
        return summary

    def _inputs(self, inputs: Input | Iterable[Input], published: str | None,
                published_map: Mapping[str, str] | None,
                stdin: BinaryIO | None) -> Iterator[tuple[Document | Result, str | None]]:
        from .ingest import iter_paths, read_documents

        items: Iterable[Input]
        if isinstance(inputs, str | os.PathLike | Document | Result):
            items = [inputs]
        else:
            items = inputs
        for item in items:
            if isinstance(item, Document):
                yield item, item.path
            elif isinstance(item, Result):
                yield item, None
            else:
                for path in iter_paths([os.fspath(item)]):
                    if path == "-":
                        for doc in read_documents(["-"], published, stdin=stdin):
                            yield doc, "-"
                        continue
                    assert isinstance(path, Path)
                    day = _published_for(path, published, published_map)
                    for doc in read_documents([path], day):
                        yield doc, (doc.path if isinstance(doc, Document) and doc.path else str(path))

    def _commit_locked(self, batch: list[tuple[str, str | None, str | None, Result]], summary: IngestSummary,
                       updates: set[str] | None = None) -> None:
        """Commit BATCH with the file opened (and locked) for just this batch."""
        self._connect()
        try:
            self._commit(batch, summary, updates)
        finally:
            self._release()

    def _commit(self, batch: list[tuple[str, str | None, str | None, Result]], summary: IngestSummary,
                updates: set[str] | None = None) -> None:
        docs: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        quotes: list[dict[str, Any]] = []
        actors: list[dict[str, Any]] = []
        hashes = [digest for digest, *_ in batch if not (updates and digest in updates)]
        stored = {h for (h,) in self.con.execute(  # stored meanwhile by another ingest of the same inputs
            "SELECT hash FROM documents WHERE list_contains(?::VARCHAR[], hash)", [hashes]).fetchall()}
        summary.skipped += len(stored)
        for digest, path, text, result in batch:
            if digest in stored:
                continue
            docs.append(_document_row(digest, path, text, result))
            events.extend(_event_rows(digest, result))
            quotes.extend(_quote_rows(digest, result))
            actors.extend(_actor_rows(digest, result))
        ok_docs = [d for d in docs if d["error"] is None]
        replaced = [d["hash"] for d in docs if updates and d["hash"] in updates]
        self.con.begin()
        try:
            if replaced:  # a document given a new publication date: its old rows go, its new ones come
                for table, key in (("events", "doc_hash"), ("quotes", "doc_hash"), ("actors", "doc_hash"),
                                   ("documents", "hash")):
                    self.con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?::VARCHAR[]))", [replaced])
            if ok_docs:  # a document that now reads well replaces its earlier failure
                self.con.execute("DELETE FROM documents d USING (SELECT unnest(?::VARCHAR[]) AS id, "
                                 "unnest(?::VARCHAR[]) AS path) n WHERE d.error IS NOT NULL AND d.id = n.id "
                                 "AND d.path IS NOT DISTINCT FROM n.path",
                                 [[d["id"] for d in ok_docs], [d["path"] for d in ok_docs]])
            _insert(self.con, "documents", docs, extra={"ingested_at": "current_timestamp"})
            _insert(self.con, "events", events)
            _insert(self.con, "quotes", quotes)
            _insert(self.con, "actors", actors)
            analysis.compute_clusters(self.con)  # a killed ingest leaves clusters that match its documents
            self.con.execute("UPDATE meta SET value = '0' WHERE key = 'clusters_dirty'")
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        n_updated = len(replaced)
        summary.updated += n_updated
        summary.added += len(ok_docs) - len([d for d in ok_docs if d["hash"] in set(replaced)])
        summary.failed += len(docs) - len(ok_docs)
        summary.events += len(events)

    def refresh_clusters(self, force: bool = True) -> None:
        """Recompute event clusters (one real-world event, many mentions) over the whole corpus."""
        dirty = _first(self.con, "SELECT value FROM meta WHERE key = 'clusters_dirty'")
        if not force and (dirty is None or dirty[0] != "1"):
            return
        self.con.begin()
        try:
            analysis.compute_clusters(self.con)
            self.con.execute("UPDATE meta SET value = '0' WHERE key = 'clusters_dirty'")
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise


def _first(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[Any, ...] | None:
    """The first row of SQL (fetching all rows: DuckDB refuses new work while a result is unfinished)."""
    rows = con.execute(sql).fetchall()
    return rows[0] if rows else None


def _code(stream: Iterator[Document | Result], make_pipeline: Callable[[], Any]) -> Iterator[Result]:
    """Results in input order; the NLP pipeline is loaded only when a Document needs coding."""
    for item in stream:
        if isinstance(item, Document):
            yield from make_pipeline().pipe(itertools.chain([item], stream))
            return
        yield item


def _document_row(digest: str, path: str | None, text: str | None, result: Result) -> dict[str, Any]:
    """The ``documents`` row of RESULT (the columns ingest writes; see ``columns("documents")``)."""
    return {"hash": digest, "id": result.id, "path": path, "title": result.title, "url": result.url,
            "published": result.published, "n_events": len(result.events), "n_quotes": len(result.quotes),
            "error": result.error, "error_code": result.error_code, "text": text}


def _actor_rows(digest: str, result: Result) -> Iterator[dict[str, Any]]:
    for a in result.actors:
        yield {"doc_hash": digest, "doc_id": result.id, "canonical": a.canonical, "country": a.country,
               "sector": a.sector, "mentions": list(a.mentions), "n_mentions": len(a.mentions)}


def rows(table: str, digest: str, path: str | None, text: str | None, result: Result) -> list[dict[str, Any]]:
    """The rows ingest writes to TABLE (documents, events, quotes or actors) for one coded document."""
    if table == "documents":
        return [_document_row(digest, path, text, result)]
    return list({"events": _event_rows, "quotes": _quote_rows, "actors": _actor_rows}[table](digest, result))


def _event_rows(digest: str, result: Result) -> Iterator[dict[str, Any]]:
    for idx, ev in enumerate(result.events):
        row: dict[str, Any] = ev.model_dump(exclude={"source", "target", "location"})
        place = ev.location.model_dump() if ev.location is not None else {}
        row.update({column: place.get(key) for key, column in _PLACE_KEYS.items()})
        row.update(doc_hash=digest, doc_id=result.id, idx=idx, published=result.published,
                   day=_day(ev.date) or _day(result.published))
        for role, actor in (("source", ev.source), ("target", ev.target)):
            for key in _ACTOR_KEYS:
                row[f"{role}_{key}"] = getattr(actor, key) if actor is not None else None
        yield row


def _quote_rows(digest: str, result: Result) -> Iterator[dict[str, Any]]:
    for idx, q in enumerate(result.quotes):
        sa = q.speaker_actor
        yield {"doc_hash": digest, "doc_id": result.id, "idx": idx, "text": q.text, "speaker": q.speaker,
               "speaker_canonical": sa.canonical if sa else None,
               "speaker_country": sa.country if sa else None, "speaker_sector": sa.sector if sa else None,
               "kind": q.kind, "cue": q.cue, "start": q.start, "end": q.end}


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]],
            extra: Mapping[str, str] | None = None) -> None:
    """One INSERT for all ROWS: each column travels as one list parameter and is unnested."""
    if not rows:
        return
    cols = columns(table)
    names = [f'"{c}"' for c, _ in cols] + list(extra or {})
    values = ["unnest(?::VARCHAR[])::DATE" if t == "DATE" else f"unnest(?::{t}[])" for _, t in cols]
    values += list((extra or {}).values())
    params = [[r[c] for r in rows] for c, _ in cols]
    con.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(values)}", params)
