"""Serving while ingesting: `detente serve` answers queries while another process ingests a few hundred
documents; no request fails and the counts only grow. A read-only Store opened meanwhile works too."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from detente.store import Store
from test_store import doc, ev

INGEST = """
import sys, time
from detente.records import Result
from detente.store import Store
results = [Result.model_validate_json(line) for line in open(sys.argv[2], encoding="utf-8")]
def slow():
    for r in results:
        time.sleep(0.01)
        yield r
with Store(sys.argv[1]) as store:
    print(store.ingest(slow(), batch_size=20), flush=True)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    try:
        with urllib.request.urlopen(url, timeout=30) as res:
            return res.status, json.loads(res.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the server stopped: {proc.stderr.read() if proc.stderr else ''}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"no answer from {url}")


def test_serving_while_ingesting(tmp_path: Path) -> None:
    db = tmp_path / "live.duckdb"
    with Store(db) as s:
        s.ingest([doc("seed", "2024-01-01", [ev("CONSULT", "BLR", "RUS", "2024-01-01")])])
    n = 300
    results = [doc(f"d{i:03d}", f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
                   [ev("CONSULT", "BLR", "RUS", f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}"),
                    ev("ACCUSE", "LTU", "BLR", None)]) for i in range(n)]
    data = tmp_path / "results.jsonl"
    data.write_text("".join(r.model_dump_json() + "\n" for r in results), encoding="utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "detente.cli", "serve", "--db", str(db), "--port", str(port)],
                              stderr=subprocess.PIPE, text=True)
    ingest = None
    try:
        wait_for(f"{base}/api/events?limit=1", server)
        ingest = subprocess.Popen([sys.executable, "-c", INGEST, str(db), str(data)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        totals: list[int] = []
        statuses: list[int] = []
        read_only_counts: list[int] = []
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            done = ingest.poll() is not None
            status, body = get(f"{base}/api/events?limit=5&dyad=BLR:RUS")
            statuses.append(status)
            if status == 200:
                totals.append(body["total"])
            status, _ = get(f"{base}/api/clusters?limit=5")
            statuses.append(status)
            if len(totals) % 10 == 5:  # a notebook's read-only Store between the server's requests
                with Store(db, read_only=True) as ro:
                    read_only_counts.append(ro.counts()["documents"])
            if done:
                break
        out, err = ingest.communicate(timeout=60)
        assert ingest.returncode == 0, err
        assert f"{n} documents added" in out
        assert set(statuses) == {200}, [s for s in statuses if s != 200]
        assert totals == sorted(totals), "counts only grow"
        assert totals[-1] == n + 1  # every BLR-RUS mention, the seed's included
        assert len(set(totals)) >= 3, f"the server saw the ingest progress: {sorted(set(totals))}"
        assert read_only_counts == sorted(read_only_counts)
    finally:
        for proc in (ingest, server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=10)
