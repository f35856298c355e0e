"""Time per pipeline stage: how much each spaCy component, the coder and the geolocation stage cost.

Run with ``make bench`` (after the throughput benchmark) or ``.venv/bin/python -m benchmarks.stages``.
Settings: STAGES_DOCS articles of the generated corpus (default 300), BENCH_OUT output folder.

The geolocation stage must add no more than 5% to coding time: the run prints its share of the
time of the whole pipeline and writes ``BENCH_OUT/stages.json``. The gazetteer index is built
before timing (it is built once per machine, then read from the cache).
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from pathlib import Path

from detente.geo.gazetteer import gazetteer
from detente.nlp import load_pipeline
from detente.pipeline import Pipeline
from detente.records import Document

from .corpus import articles

LIMIT = 0.05


def main() -> None:
    n = int(os.environ.get("STAGES_DOCS", "300") or 300)
    out = Path(os.environ.get("BENCH_OUT", "bench-out"))
    gazetteer()  # built (or read) before the clock starts
    nlp = load_pipeline()
    prepare = Pipeline()._make_doc  # the dateline mask and guard, as detente.extract applies them
    docs = [Document(id=a.id, text=a.text, published=a.published) for a in articles(n, seed=7)]
    for d in docs[:5]:  # warm-up: lazy tables, caches
        doc = prepare(d)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
    seconds: dict[str, float] = defaultdict(float)
    placed = events = 0
    for d in docs:
        doc = prepare(d)
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            doc = proc(doc)
            seconds[name] += time.perf_counter() - start
        evs = doc._.detente_events or []
        events += len(evs)
        placed += sum(1 for e in evs if e.get("location"))
    total = sum(seconds.values())
    share = seconds.get("detente_locate", 0.0) / total if total else 0.0
    print(f"stages over {len(docs)} generated articles ({events} events, {placed} with a place):")
    for name, secs in seconds.items():
        print(f"  {name:20s} {secs:8.2f} s  {secs / total:6.1%}")
    verdict = "within" if share <= LIMIT else "OVER"
    print(f"geolocation adds {share:.1%} of coding time ({verdict} the {LIMIT:.0%} budget)")
    out.mkdir(parents=True, exist_ok=True)
    (out / "stages.json").write_text(json.dumps({
        "documents": len(docs), "events": events, "placed": placed, "seconds": dict(seconds),
        "geolocation_share": round(share, 4), "limit": LIMIT}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
