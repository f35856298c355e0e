"""The same coding on a Ray cluster: inputs in, Parquet datasets out, readable as a store.

>>> from detente.scale import run
>>> summary = run(["news/", "feed.jsonl"], "coded/", actors_count=8)     # pip install 'detente[ray]'
>>> from detente.store import Store
>>> Store("coded/").events(dyad="BLR:RUS")                               # the Parquet, read in place

``run`` lists the input files (text, HTML, JSON Lines, Parquet; local paths or URIs that pyarrow's
file systems read, such as s3://), reads them in Ray tasks into documents identified by the store's
content hash, and codes them with ``map_batches`` over a pool of actors that each load one
``Pipeline``. Each batch is written by its actor as one part file in each of the Parquet datasets
``OUT/documents``, ``events``, ``quotes``, ``actors`` and ``errors``, with the columns of the
DuckDB store's tables (``documents`` also ``ingested_at``; ``errors`` holds the failed documents
again, with the same columns). The ``documents`` part is written last: it is the batch's commit.

Resumable: hashes already in ``OUT/documents`` are skipped when read, parts that a killed run left
without their ``documents`` part are deleted when the next run starts, and a batch retried by Ray
(an actor that died) rewrites the same part names, so nothing is stored twice. A document that
cannot be read or coded is a row with ``error`` and ``error_code``, never a failed job.

``connect(OUT)`` opens the datasets in DuckDB without copying them: views named like the store's
tables, event ids numbered in (document hash, position) order and event clusters computed when it
opens; ``Store(OUT)`` does this, so every query, export, report and ``detente serve`` work on them.
See docs/scale.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import duckdb

from . import analysis
from .errors import ScaleError, StoreError
from .ingest import KNOWN_SUFFIXES, MAX_CHARS
from .ontology import DEFAULT_MIN_CONFIDENCE
from .records import Document, Result
from .store import SCHEMA_VERSION, TABLES, columns, content_hash, rows

DATASETS = ("documents", "events", "quotes", "actors", "errors")  # folders under OUT; documents last
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
READ_CPUS = 0.0  # the read tasks: light next to coding; they must not wait for CPUs the actors hold
_ITEM_KEYS = ("hash", "id", "path", "title", "url", "published", "text", "error", "error_code")


@dataclass
class ScaleSummary:
    """What one ``run`` did: documents ``added`` (coded and written), ``skipped`` (already in OUT),
    ``failed`` (written with an error); times in seconds; ``actor_rss_mb``: the largest peak RSS of an actor."""

    added: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    quotes: int = 0
    batches: int = 0
    actors: int = 0
    seconds: float = 0.0
    startup_seconds: float = 0.0
    load_seconds: float = 0.0
    actor_rss_mb: float = 0.0

    @property
    def seen(self) -> int:
        return self.added + self.skipped + self.failed

    @property
    def docs_per_s(self) -> float:
        return (self.added + self.failed) / self.seconds if self.seconds > 0 else 0.0

    def __str__(self) -> str:
        return (f"{self.added} documents added, {self.skipped} already coded, {self.failed} failed, "
                f"{self.events} events in {self.seconds:.1f}s ({self.docs_per_s:.1f} docs/s; "
                f"{self.actors} actors, Ray start {self.startup_seconds:.1f}s)")


# -- output folders ------------------------------------------------------------------------------------
def _filesystem(out: str | os.PathLike[str]) -> tuple[Any, str]:
    """(pyarrow file system, path in it) of OUT: a local folder or a URI (s3://bucket/coded)."""
    from pyarrow import fs

    text = os.fspath(out)
    if "://" not in text:
        return fs.LocalFileSystem(), str(Path(text).resolve())
    try:
        return fs.FileSystem.from_uri(text)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds for a bad URI
        raise ScaleError(f"cannot open {text}: {exc}; give a local folder or a URI pyarrow reads "
                         "(s3://, gs://, hdfs://)") from exc


def _parts(filesystem: Any, root: str, name: str) -> dict[str, str]:
    """Part name -> path of the Parquet files in ROOT/NAME."""
    from pyarrow import fs

    infos = filesystem.get_file_info(fs.FileSelector(f"{root}/{name}", allow_not_found=True))
    return {PurePosixPath(i.path).name: i.path for i in infos if i.type == fs.FileType.File}


def prepare(out: str | os.PathLike[str]) -> set[str]:
    """Make OUT's folders, delete what a killed run left half written, and return the hashes stored."""
    filesystem, root = _filesystem(out)
    try:
        for name in DATASETS:
            filesystem.create_dir(f"{root}/{name}", recursive=True)
        committed = {n for n in _parts(filesystem, root, "documents") if n.endswith(".parquet")}
        for name in DATASETS:
            for part, path in _parts(filesystem, root, name).items():
                if not part.endswith(".parquet") or (name != "documents" and part not in committed):
                    filesystem.delete_file(path)  # a temporary file, or a part whose batch never committed
    except OSError as exc:
        raise ScaleError(f"cannot use the output folder {out}: {exc}; check the path and permissions") from exc
    if not committed:
        return set()
    import pyarrow.parquet as pq

    hashes: set[str] = set()
    for part in sorted(committed):
        table = pq.read_table(f"{root}/documents/{part}", columns=["hash"], filesystem=filesystem)
        hashes.update(table.column("hash").to_pylist())
    return hashes


def _schema(table: str) -> Any:
    import pyarrow as pa

    types = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
             "DATE": pa.date32(), "VARCHAR[]": pa.list_(pa.string()), "TIMESTAMP": pa.timestamp("us")}
    fields = [(name, types[kind]) for name, kind in columns(table)]
    if table == "documents":
        fields.append(("ingested_at", types["TIMESTAMP"]))
    return pa.schema(fields)


def _table(name: str, records: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    schema = _schema(name)
    dates = [f.name for f in schema if f.type == pa.date32()]
    for row in records:
        for key in dates:
            row[key] = date.fromisoformat(row[key]) if row.get(key) else None
    return pa.Table.from_pylist(records, schema=schema)


def _write(filesystem: Any, root: str, name: str, part: str, table: Any) -> None:
    """Write TABLE as ROOT/NAME/PART.parquet; on a local disk through a temporary file and a rename."""
    import pyarrow.parquet as pq

    path = f"{root}/{name}/{part}.parquet"
    if type(filesystem).__name__ != "LocalFileSystem":
        pq.write_table(table, path, filesystem=filesystem)  # an object store writes an object whole
        return
    tmp = f"{root}/{name}/.{part}.tmp"
    pq.write_table(table, tmp)
    os.replace(tmp, path)


# -- inputs ----------------------------------------------------------------------------------------------
def list_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The files to read, in order and each once: files as given, folders recursively and sorted (the
    suffixes ``detente ingest`` reads, and Parquet), URIs listed with pyarrow's file systems."""
    from pyarrow import fs

    wanted = KNOWN_SUFFIXES | PARQUET_SUFFIXES
    found: dict[str, None] = {}
    for item in inputs:
        text = os.fspath(item)
        if text == "-":
            raise ScaleError("detente scale does not read standard input; give files, folders or URIs")
        if "://" in text:
            filesystem, inner = _filesystem(text)
            info = filesystem.get_file_info(inner)
            if info.type == fs.FileType.Directory:
                infos = filesystem.get_file_info(fs.FileSelector(inner, recursive=True))
                scheme = text.split("://", 1)[0]
                for i in sorted(infos, key=lambda i: i.path):
                    pure = PurePosixPath(i.path)
                    if i.type == fs.FileType.File and pure.suffix.lower() in wanted and not pure.name.startswith("."):
                        found[f"{scheme}://{i.path}"] = None
            else:
                found[text] = None  # a missing one becomes an error row when it is read
            continue
        folder = Path(text)
        if folder.is_dir():
            for child in sorted(folder.rglob("*")):
                if child.is_file() and child.suffix.lower() in wanted and not child.name.startswith("."):
                    found[str(child)] = None
        else:
            found[text] = None
    return list(found)


def read_items(path: str, published: str | None = None,
               max_chars: int = MAX_CHARS) -> Iterator[tuple[Document | Result, str]]:
    """(document or error Result, origin for the content hash) of one input file, read as ``detente
    ingest`` reads it; a Parquet file's rows are records like JSON Lines ones (id, text, published,
    title, url)."""
    from .ingest import read_bytes, read_documents, read_jsonl

    suffix = PurePosixPath(path.split("://", 1)[-1]).suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        problems: list[str] = []
        stem = PurePosixPath(path).stem
        for doc in read_jsonl(_parquet_lines(path, problems), stem, published, max_chars):
            yield doc, path
        for problem in problems:  # the file (or its rest) could not be read: one error row for it
            yield Result(id=stem, error=f"cannot read the Parquet file {path}: {problem}; check that it is "
                         "Parquet with a text column", error_code="E100"), path
        return
    elif "://" in path:
        try:
            filesystem, inner = _filesystem(path)
            with filesystem.open_input_stream(inner) as fh:
                raw = fh.read()
        except (OSError, ScaleError) as exc:
            stem = PurePosixPath(path).stem
            yield Result(id=stem, error=f"cannot read {path}: {exc}; check the path", error_code="E100"), path
            return
        docs = read_bytes(path, raw, published, max_chars)
    else:
        docs = read_documents([path], published, max_chars=max_chars)
    for doc in docs:
        yield doc, (doc.path if isinstance(doc, Document) and doc.path else path)


def _parquet_lines(path: str, problems: list[str]) -> Iterator[str]:
    """The rows of a Parquet file as JSON lines, so that they are read exactly as JSON Lines records."""
    import pyarrow.parquet as pq

    try:
        if "://" in path:
            filesystem, inner = _filesystem(path)
            source = pq.ParquetFile(filesystem.open_input_file(inner))
        else:
            source = pq.ParquetFile(path)
        for batch in source.iter_batches(batch_size=1024):
            for row in batch.to_pylist():
                yield json.dumps(row, default=str)
    except (OSError, ValueError) as exc:  # not Parquet, or unreadable
        problems.append(str(exc))


_KNOWN: dict[str, set[str]] = {}


def _known(ref: list[Any]) -> set[str]:
    """The stored hashes, fetched once per worker process from the object store."""
    import ray

    key = ref[0].hex()
    if key not in _KNOWN:
        _KNOWN.clear()
        _KNOWN[key] = ray.get(ref[0])
    return _KNOWN[key]


def _read_chunks(row: dict[str, Any], published: str | None, known: list[Any], chunk: int) -> list[dict[str, Any]]:
    """Ray task: one input file -> rows of CHUNK documents each (JSON: the documents of one actor call;
    those already stored go along as ``skip``, only to be counted)."""
    stored = _known(known)
    out: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    for doc, origin in read_items(str(row["path"]), published):
        digest = content_hash(doc, origin)
        item: dict[str, Any] = dict.fromkeys(_ITEM_KEYS)
        item.update(hash=digest, id=doc.id, path=origin, title=doc.title, url=doc.url, published=doc.published,
                    skip=digest in stored)
        if item["skip"]:
            pass
        elif isinstance(doc, Document):
            item["text"] = doc.text
        else:
            item.update(error=doc.error, error_code=doc.error_code)
        items.append(item)
        if len(items) == chunk:
            out.append({"items": json.dumps(items)})
            items = []
    if items:
        out.append({"items": json.dumps(items)})
    return out


# -- coding ----------------------------------------------------------------------------------------------
class Coder:
    """A Ray actor: loads one Pipeline, then codes batches of items and writes one part per dataset."""

    def __init__(self, out: str, options: dict[str, Any]) -> None:
        from .pipeline import Pipeline

        start = time.perf_counter()
        self.pipeline = Pipeline(**options)
        self.load_seconds = time.perf_counter() - start
        self.filesystem, self.root = _filesystem(out)

    def __call__(self, batch: Any) -> dict[str, list[Any]]:
        items = [it for chunk in batch.column("items").to_pylist() for it in json.loads(chunk)]
        todo = [it for it in items if not it["skip"]]
        summary = self.code(todo)
        summary["skipped"] = [len(items) - len(todo)]
        summary["load_seconds"] = [self.load_seconds]
        summary["rss_mb"] = [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]
        summary["pid"] = [os.getpid()]
        return summary

    def code(self, items: list[dict[str, Any]]) -> dict[str, list[Any]]:
        if not items:
            return {"part": [""], "added": [0], "failed": [0], "events": [0], "quotes": [0]}
        inputs: list[Document | Result] = [
            Result(id=it["id"], published=it["published"], title=it["title"], url=it["url"], error=it["error"],
                   error_code=it["error_code"]) if it["text"] is None else
            Document(id=it["id"], text=it["text"], title=it["title"], url=it["url"], published=it["published"],
                     path=it["path"])
            for it in items]
        tables: dict[str, list[dict[str, Any]]] = {name: [] for name in DATASETS}
        now = datetime.now()
        for it, result in zip(items, self.pipeline.pipe(inputs), strict=True):
            for name in TABLES:
                tables[name] += rows(name, it["hash"], it["path"], it["text"], result)
            tables["documents"][-1]["ingested_at"] = now
            if result.error is not None:
                tables["errors"].append(dict(tables["documents"][-1]))
        # the same batch (a retry after an actor died) gets the same name, so it overwrites, never doubles
        part = "part-" + hashlib.sha256("\n".join(it["hash"] for it in items).encode()).hexdigest()[:32]
        for name in DATASETS:  # documents last: its part commits the batch
            if tables[name] or name == "documents":
                _write(self.filesystem, self.root, name, part, _table(_dataset(name), tables[name]))
        failed = len(tables["errors"])
        return {"part": [part], "added": [len(items) - failed], "failed": [failed],
                "events": [len(tables["events"])], "quotes": [len(tables["quotes"])]}


def _dataset(name: str) -> str:
    """The store table whose columns the dataset NAME has."""
    return "documents" if name == "errors" else name


# -- the driver ------------------------------------------------------------------------------------------
def init_ray(address: str | None = None, num_cpus: int | None = None) -> bool:
    """Connect to Ray (ADDRESS, else $RAY_ADDRESS, else a new local instance with NUM_CPUS, default all);
    returns whether this call started it (and so should shut it down)."""
    try:
        import ray
    except ImportError as exc:
        raise ScaleError("the Ray engine needs Ray: pip install 'detente[ray]'") from exc
    if ray.is_initialized():
        return False
    options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
    if address:
        options["address"] = address
    elif num_cpus is not None and not os.environ.get("RAY_ADDRESS"):
        options["num_cpus"] = num_cpus
    try:
        ray.init(**options)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise ScaleError(f"cannot start or reach Ray ({'address ' + address if address else 'local'}): {exc}; "
                         "check --address (a head node's host:port, or auto) or start one with `ray start --head`"
                         ) from exc
    return True


def run(inputs: Sequence[str | os.PathLike[str]], out: str | os.PathLike[str], *, address: str | None = None,
        num_cpus: int | None = None, actors_count: int | None = None, cpus_per_actor: float = 1.0,
        batch_size: int = 64, published: str | None = None, actors: Sequence[str | Path] = (),
        lexicon: Sequence[str | Path] = (), min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        timeout: float | None = 120.0, progress: Callable[[ScaleSummary], None] | None = None) -> ScaleSummary:
    """Code INPUTS on Ray into the Parquet datasets under OUT; skips documents OUT holds already.

    ``address``: a Ray cluster (``auto``, ``host:6379``, ``ray://host:10001``); without one (and no
    $RAY_ADDRESS) a local Ray instance with ``num_cpus`` CPUs (default: all) is started and stopped
    again. ``actors_count`` actors (default: the cluster's CPUs / ``cpus_per_actor``) each code
    ``batch_size`` documents at a time, writing one part file per batch.
    """
    if batch_size < 1 or cpus_per_actor <= 0 or (actors_count is not None and actors_count < 1) or (
            num_cpus is not None and num_cpus < 1):
        raise ScaleError("batch size, actors count and CPUs must be positive")
    start = time.perf_counter()
    known = prepare(out)
    files = list_inputs(inputs)
    if not files:
        raise ScaleError(f"no input files found in {', '.join(os.fspath(i) for i in inputs) or 'nothing'}; give text, "
                         "HTML, JSON Lines or Parquet files, or folders of them")
    started = init_ray(address, num_cpus)
    import ray

    summary = ScaleSummary()
    try:
        summary.startup_seconds = time.perf_counter() - start
        cpus = float(ray.cluster_resources().get("CPU", 1.0))
        summary.actors = actors_count or max(1, int(cpus // cpus_per_actor))
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        # every chunk of documents its own block: a block goes to one actor, so one big JSON Lines
        # file must still feed all of them (no repartition: it would wait for CPUs the actors hold)
        context.target_max_block_size = 1
        options = {"actors": [str(a) for a in actors], "lexicon": [str(x) for x in lexicon],
                   "min_confidence": min_confidence, "timeout": timeout}
        ds: Any = ray.data.from_items([{"path": f} for f in files],
                                 override_num_blocks=max(1, min(len(files), 4 * summary.actors)))
        ds = ds.flat_map(_read_chunks, fn_kwargs={"published": published, "known": [ray.put(known)],
                                                  "chunk": batch_size}, num_cpus=READ_CPUS)
        ds = ds.map_batches(Coder, fn_constructor_kwargs={"out": os.fspath(out), "options": options},
                            batch_size=1, batch_format="pyarrow",
                            compute=ray.data.ActorPoolStrategy(size=summary.actors), num_cpus=cpus_per_actor)
        pids: set[int] = set()
        for row in ds.iter_rows():
            summary.added += int(row["added"])
            summary.failed += int(row["failed"])
            summary.skipped += int(row["skipped"])
            summary.events += int(row["events"])
            summary.quotes += int(row["quotes"])
            summary.batches += int(bool(row["part"]))
            summary.actor_rss_mb = max(summary.actor_rss_mb, round(float(row["rss_mb"]), 1))
            if int(row["pid"]) not in pids:
                pids.add(int(row["pid"]))
                summary.load_seconds = max(summary.load_seconds, float(row["load_seconds"]))
            summary.seconds = time.perf_counter() - start
            if progress is not None:
                progress(summary)
    except ScaleError:
        raise
    except Exception as exc:  # noqa: BLE001 - Ray wraps what failed in its own exceptions
        raise ScaleError(f"the Ray run failed: {type(exc).__name__}: {exc}; the batches written so far are "
                         "kept: run the same command again to go on") from exc
    finally:
        if started:
            ray.shutdown()
    summary.seconds = time.perf_counter() - start
    return summary


# -- reading the output ----------------------------------------------------------------------------------
def is_dataset(path: str | os.PathLike[str]) -> bool:
    """Whether PATH is a folder written by ``run`` (it has a ``documents`` dataset)."""
    return Path(path).is_dir() and (Path(path) / "documents").is_dir()


def connect(out: str | os.PathLike[str], database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """DuckDB over the Parquet datasets in OUT, read in place: views ``documents``, ``events``, ``quotes``
    and ``actors`` with the store's columns, ``event_clusters`` computed, and ``meta``.

    Event ids number the mentions in (document hash, position) order and cluster ids are computed as
    the store computes them, each time it opens (a small table of keys, not a copy of the data).
    Parts of an unfinished batch (no ``documents`` part) are left out. DATABASE may be a .duckdb file
    to keep the views, keys and clusters in (it then refers to OUT by its absolute path).
    """
    root = Path(out).resolve()
    if not is_dataset(root):
        raise StoreError(f"{out} is not an output folder of `detente scale` (no documents/ in it)")
    try:
        con = duckdb.connect(database)
    except duckdb.Error as exc:
        raise StoreError(f"cannot open {database}: {exc}") from exc
    try:
        for name in ("documents", "events", "quotes", "actors"):
            con.execute(f"CREATE OR REPLACE VIEW _{name}_parquet AS {_scan(root, name)}")
        con.execute("CREATE OR REPLACE VIEW documents AS SELECT * FROM _documents_parquet")
        keep = "WHERE doc_hash IN (SELECT hash FROM documents)"
        for name in ("quotes", "actors"):
            con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM _{name}_parquet {keep}")
        con.execute(f"CREATE OR REPLACE TABLE _event_keys AS SELECT doc_hash, idx, row_number() OVER "
                    f"(ORDER BY doc_hash, idx)::BIGINT AS event_id FROM _events_parquet {keep}")
        con.execute("CREATE OR REPLACE TEMP VIEW _events_numbered AS SELECT k.event_id, e.* FROM _events_parquet e "
                    "JOIN _event_keys k ON k.doc_hash = e.doc_hash AND k.idx = e.idx")
        con.execute(analysis.cluster_map_sql("_events_numbered"))
        con.execute("CREATE OR REPLACE TABLE _event_ids AS SELECT k.doc_hash, k.idx, k.event_id, m.cluster_id "
                    "FROM _event_keys k JOIN _cluster_map m ON m.event_id = k.event_id")
        con.execute("DROP TABLE _cluster_map")
        con.execute("DROP TABLE _event_keys")
        cols = ", ".join(f'e."{c}"' for c, _ in columns("events"))
        con.execute(f"CREATE OR REPLACE VIEW events AS SELECT k.event_id, {cols}, k.cluster_id FROM _events_parquet e "
                    "JOIN _event_ids k ON k.doc_hash = e.doc_hash AND k.idx = e.idx")
        analysis.create_clusters_table(con, replace=True)
        con.execute(analysis._CLUSTER_ROWS)
        con.execute("CREATE OR REPLACE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        con.execute("INSERT INTO meta VALUES ('schema_version', ?), ('clusters_dirty', '0'), ('parquet', ?)",
                    [SCHEMA_VERSION, str(root)])
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"cannot read the Parquet datasets in {out}: {exc}; a folder written by an older "
                         "detente or damaged: code the inputs into a new --out") from exc
    return con


def _scan(root: Path, name: str) -> str:
    """SELECT over ROOT/NAME/*.parquet, or an empty relation with the table's columns when there is none."""
    types = [(c, t) for c, t in columns(name)] + ([("ingested_at", "TIMESTAMP")] if name == "documents" else [])
    if any((root / name).glob("*.parquet")):
        glob = str(root / name / "*.parquet").replace("'", "''")
        return f"SELECT * FROM read_parquet('{glob}')"
    return "SELECT " + ", ".join(f'NULL::{t} AS "{c}"' for c, t in types) + " WHERE false"


__all__ = ["DATASETS", "Coder", "ScaleSummary", "connect", "init_ray", "is_dataset", "list_inputs", "prepare",
           "read_items", "run"]
