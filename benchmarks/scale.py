"""detente on Ray against Pipeline(n_process=2): the overhead ratio, memory per actor, start-up, resume.

Run ``make bench-scale`` (or ``.venv/bin/python -m benchmarks.scale``). Settings, all optional:

  BENCH_SCALE_DOCS   generated articles (default 300, about 600 words each)
  BENCH_SCALE_CPUS   CPUs of the local Ray instance and processes of the Pipeline (default 2)
  BENCH_SCALE_BATCH  documents per actor call (default 32)
  BENCH_OUT          output folder for scale.json (default bench-out)

Phases, on the same documents and machine: (1) ``Pipeline(n_process=N).pipe`` (model load timed
apart); (2) ``detente.scale.run`` on a local Ray instance with N CPUs (``ray.init`` timed apart, actor
start-up inside the run); (3) resumability: ``detente scale`` in a child process, killed with SIGKILL
once a few batches are written, then run again to the end: documents and events are counted
against the uninterrupted run of phase 2.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

from .corpus import write_jsonl


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _pipeline(src: Path, procs: int) -> dict[str, Any]:
    from detente.ingest import read_documents
    from detente.pipeline import Pipeline

    docs = list(read_documents([src]))
    start = time.perf_counter()
    coder = Pipeline(n_process=procs)
    load = time.perf_counter() - start
    start = time.perf_counter()
    events = sum(len(r.events) for r in coder.pipe(docs))
    seconds = time.perf_counter() - start
    return {"docs": len(docs), "events": events, "seconds": round(seconds, 2), "load_seconds": round(load, 2),
            "docs_per_s": round(len(docs) / seconds, 2)}


def _ray(src: Path, out: Path, cpus: int, batch: int) -> dict[str, Any]:
    import ray

    from detente.scale import run

    start = time.perf_counter()
    ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False)
    init = time.perf_counter() - start
    try:
        s = run([str(src)], out, batch_size=batch)
    finally:
        ray.shutdown()
    coding = s.seconds - s.load_seconds
    return {"docs": s.added + s.failed, "events": s.events, "seconds": round(s.seconds, 2),
            "ray_init_seconds": round(init, 2), "actor_load_seconds": round(s.load_seconds, 2),
            "actors": s.actors, "actor_peak_rss_mb": s.actor_rss_mb, "batches": s.batches,
            "docs_per_s": round(s.docs_per_s, 2),
            "docs_per_s_after_start": round((s.added + s.failed) / coding, 2) if coding > 0 else None}


def _counts(out: Path) -> dict[str, int]:
    docs = f"read_parquet('{out}/documents/*.parquet')"
    events = f"read_parquet('{out}/events/*.parquet')"
    row = duckdb.sql(f"SELECT (SELECT count(*) FROM {docs}), (SELECT count(DISTINCT hash) FROM {docs}), "
                     f"(SELECT count(*) FROM {events}), "
                     f"(SELECT count(DISTINCT (doc_hash, idx)) FROM {events} "
                     f"WHERE doc_hash IN (SELECT hash FROM {docs}))").fetchall()[0]
    return dict(zip(("documents", "distinct_documents", "event_rows", "distinct_events"), row, strict=True))


def _killed(src: Path, out: Path, cpus: int, batch: int, after_parts: int) -> dict[str, Any]:
    cli = [str(Path(sys.executable).parent / "detente"), "scale", str(src), "--out", str(out),
           "--num-cpus", str(cpus), "--batch-size", str(batch)]
    proc = subprocess.Popen(cli, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 600
    parts = out / "documents"
    while proc.poll() is None and time.monotonic() < deadline:
        if parts.is_dir() and len(list(parts.glob("*.parquet"))) >= after_parts:
            break
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and the local Ray instance it started
    proc.wait()
    time.sleep(2)
    at_kill = _counts(out)
    start = time.perf_counter()
    rerun = subprocess.run(cli, capture_output=True, text=True)
    return {"killed_after_parts": after_parts, "at_kill": at_kill, "rerun_exit": rerun.returncode,
            "rerun_seconds": round(time.perf_counter() - start, 2), "rerun_summary": rerun.stderr.strip()[-300:],
            "after_rerun": _counts(out)}


def main() -> None:
    n = _env_int("BENCH_SCALE_DOCS", 300)
    cpus = _env_int("BENCH_SCALE_CPUS", 2)
    batch = _env_int("BENCH_SCALE_BATCH", 32)
    out_dir = Path(os.environ.get("BENCH_OUT", "bench-out"))
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        src = work / "feed.jsonl"
        words = write_jsonl(src, n)
        print(f"bench-scale: {n} articles ({words / n:.0f} words each), {cpus} CPUs, batch {batch}", flush=True)
        pipe = _pipeline(src, cpus)
        print(f"  Pipeline(n_process={cpus}): {pipe['docs_per_s']} docs/s", flush=True)
        ray_run = _ray(src, work / "ray", cpus, batch)
        print(f"  Ray: {ray_run['docs_per_s']} docs/s", flush=True)
        whole = _counts(work / "ray")
        resume = _killed(src, work / "killed", cpus, batch, after_parts=max(1, n // batch // 3))
    ratio = round(ray_run["docs_per_s"] / pipe["docs_per_s"], 2)
    steady = (round(ray_run["docs_per_s_after_start"] / pipe["docs_per_s"], 2)
              if ray_run["docs_per_s_after_start"] else None)
    per_core = ray_run["docs_per_s_after_start"] / cpus if ray_run["docs_per_s_after_start"] else None
    results = {"docs": n, "words_per_doc": round(words / n), "cpus": cpus, "batch": batch, "pipeline": pipe,
               "ray": ray_run, "overhead_ratio": ratio, "overhead_ratio_after_start": steady,
               "per_core_docs_per_s": round(per_core, 2) if per_core else None, "uninterrupted": whole,
               "resume": resume,
               "resume_ok": resume["after_rerun"] == whole and resume["rerun_exit"] == 0}
    (out_dir / "scale.json").write_text(json.dumps(results, indent=2))
    after = resume["after_rerun"]
    rows = [(f"Pipeline(n_process={cpus}) docs/s", pipe["docs_per_s"]),
            ("Ray docs/s (whole run, with actor start)", ray_run["docs_per_s"]),
            ("Ray docs/s (after actors loaded)", ray_run["docs_per_s_after_start"]),
            ("overhead ratio (Ray / Pipeline)", ratio), ("overhead ratio after start", steady),
            ("ray.init seconds", ray_run["ray_init_seconds"]), ("actor load seconds", ray_run["actor_load_seconds"]),
            ("Pipeline load seconds", pipe["load_seconds"]), ("actors", ray_run["actors"]),
            ("peak RSS per actor (MB)", ray_run["actor_peak_rss_mb"]),
            ("events: Pipeline / Ray", f"{pipe['events']} / {ray_run['events']}"),
            ("killed run: documents at kill", resume["at_kill"]["documents"]),
            ("after rerun: documents (distinct) / uninterrupted",
             f"{after['documents']} ({after['distinct_documents']}) / {whole['documents']}"),
            ("after rerun: events (distinct) / uninterrupted",
             f"{after['event_rows']} ({after['distinct_events']}) / {whole['event_rows']}"),
            ("resume: none lost, none doubled", results["resume_ok"])]
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    print(f"wrote {out_dir / 'scale.json'}")


if __name__ == "__main__":
    main()
