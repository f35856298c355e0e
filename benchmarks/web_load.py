"""A bounded load test of ``detente serve`` on localhost (``make bench-web``).

Builds a store of generated, already coded articles (at least 10,000 event mentions; no NLP needed),
starts ``detente serve`` on a free port, and sends a fixed number of API and page requests from
concurrent clients. Prints p50/p95/p99 latency, throughput and errors per endpoint, and writes
``BENCH_OUT/web_load.json``. Settings: WEB_DOCS (default 1200 articles x 10 events), WEB_REQUESTS
(3000), WEB_CLIENTS (8). Every loop is bounded: a fixed request count, a per-request timeout.
"""

from __future__ import annotations

import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from detente.records import Actor, Event, Result
from detente.store import Store

STATES = ["BLR", "RUS", "LTU", "POL", "UKR", "CHN", "PHL", "USA", "IRN", "ISR", "LBN", "KEN", "ETH", "MLI", "DZA"]
TYPES = ["ACCUSE", "CONSULT", "SANCTION", "ASSAULT", "REQUEST", "COERCE", "SUPPORT", "THREATEN"]
WORDS = ["border", "drone", "talks", "sanctions", "envoy", "ceasefire", "protest", "strike", "loan", "treaty"]


def corpus(n_docs: int, seed: int = 7) -> list[Result]:
    rnd = random.Random(seed)
    docs = []
    for i in range(n_docs):
        events = []
        for j in range(10):
            s, t = rnd.sample(STATES, 2)
            word = rnd.choice(WORDS)
            events.append(Event(
                type=rnd.choice(TYPES), quad=3, score=-3.0, cameo="11",  # type: ignore[arg-type]
                source=Actor(name=s, canonical=s, country=s), target=Actor(name=t, canonical=t, country=t),
                sentence=f"Article {i} sentence {j}: {s} and {t} over the {word}.", start=0, end=40,
                trigger=word, date=f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}", status="asserted",
                confidence=round(rnd.uniform(0.4, 0.95), 3)))
        docs.append(Result(id=f"doc{i:05d}", published="2024-12-31", events=events))
    return docs


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def requests_plan(n: int, seed: int = 11) -> list[str]:
    rnd = random.Random(seed)
    plan = []
    for _ in range(n):
        a, b = rnd.sample(STATES, 2)
        plan.append(rnd.choice([
            "/api/events?limit=50",
            f"/api/events?dyad={a}:{b}&limit=50",
            f"/api/events?actor={a}&type={rnd.choice(TYPES)}&limit=50",
            f"/api/events?q={rnd.choice(WORDS)}&limit=20",
            f"/api/events?since=2024-0{rnd.randint(1, 9)}&sort=confidence&limit=50",
            f"/api/dyads/{a}/{b}/series?by=month",
            "/api/actors?top=20",
            "/api/clusters?limit=20",
            f"/api/events/{rnd.randint(1, 10_000)}",
            "/",
            f"/events?dyad={a}:{b}",
            f"/dyads/{a}/{b}",
        ]))
    return plan


def main() -> None:
    n_docs = int(os.environ.get("WEB_DOCS", "1200"))
    n_requests = int(os.environ.get("WEB_REQUESTS", "3000"))
    clients = int(os.environ.get("WEB_CLIENTS", "8"))
    out = Path(os.environ.get("BENCH_OUT", "bench-out"))
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="detente-load-"))
    db = work / "load.duckdb"
    start = time.perf_counter()
    with Store(db) as store:
        store.ingest(corpus(n_docs), batch_size=200)
        counts = store.counts()
    built = time.perf_counter() - start
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", "from detente.cli import main; main()", "serve", "--db", str(db),
                               "--port", str(port)], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):  # bounded wait for the server to listen (20 s)
            try:
                if httpx.get(base + "/api/actors?top=1", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise SystemExit("the server did not start within 20 s")
        latencies: dict[str, list[float]] = defaultdict(list)
        errors: dict[str, int] = defaultdict(int)

        def one(client: httpx.Client, path: str) -> None:
            kind = re.sub(r"/\d+$", "/{id}", re.sub(r"/[A-Z]{3}(?=/|$)", "/{code}", path.split("?")[0]))
            t = time.perf_counter()
            try:
                ok = client.get(base + path, timeout=30).status_code < 400
            except httpx.HTTPError:
                ok = False
            latencies[kind].append(time.perf_counter() - t)
            if not ok:
                errors[kind] += 1

        plan = requests_plan(n_requests)
        chunks = [plan[i::clients] for i in range(clients)]
        t0 = time.perf_counter()

        def worker(paths: list[str]) -> None:
            with httpx.Client() as client:
                for path in paths:
                    one(client, path)

        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(worker, chunks))
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=10)
    every = sorted(x for v in latencies.values() for x in v)

    def pct(xs: list[float], p: float) -> float:
        return sorted(xs)[min(len(xs) - 1, int(p * len(xs)))] * 1000

    report = {"documents": counts["documents"], "events": counts["events"], "store_build_s": round(built, 1),
              "requests": len(every), "clients": clients, "wall_s": round(wall, 1),
              "requests_per_s": round(len(every) / wall, 1), "p50_ms": round(pct(every, 0.5), 1),
              "p95_ms": round(pct(every, 0.95), 1), "p99_ms": round(pct(every, 0.99), 1),
              "errors": sum(errors.values()),
              "by_endpoint": {k: {"n": len(v), "p50_ms": round(pct(v, 0.5), 1), "p95_ms": round(pct(v, 0.95), 1),
                                  "errors": errors.get(k, 0)} for k, v in sorted(latencies.items())}}
    (out / "web_load.json").write_text(json.dumps(report, indent=2))
    print(f"store: {report['documents']} documents, {report['events']} events (built in {built:.1f} s)")
    print(f"{report['requests']} requests from {clients} clients in {wall:.1f} s ({report['requests_per_s']} req/s): "
          f"p50 {report['p50_ms']} ms, p95 {report['p95_ms']} ms, p99 {report['p99_ms']} ms, "
          f"{report['errors']} errors")
    print("| endpoint | requests | p50 (ms) | p95 (ms) | errors |")
    print("|---|---|---|---|---|")
    for k, v in report["by_endpoint"].items():  # type: ignore[union-attr]
        print(f"| `{k}` | {v['n']} | {v['p50_ms']} | {v['p95_ms']} | {v['errors']} |")


if __name__ == "__main__":
    main()
