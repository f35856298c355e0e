"""Hostile-input measurements: time and peak memory against document length and bracket-run length.

Run ``.venv/bin/python -m benchmarks.robustness`` (``make bench-robustness``). Each case runs in its own
child process so its peak RSS is its own; the table it prints is the one in docs/robustness.md.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

_PARA = ("Lithuania expelled two Russian diplomats on Tuesday over espionage. Moscow condemned the move and "
         "threatened to respond. Polish police detained three Belarusian citizens near the border.\n\n")


def make(kind: str, n: int) -> str:
    if kind == "length":
        return (_PARA * (n // len(_PARA) + 1))[:n]
    if kind == "brackets":
        return "Lithuania expelled two Russian diplomats. " + "[" * n + "{" * n + " Poland summoned the ambassador."
    if kind == "one-sentence":
        sentence = "Lithuania expelled two Russian diplomats on Tuesday. "
        return (sentence * (n // len(sentence) + 1))[:n]
    raise ValueError(kind)


def child(kind: str, n: int) -> None:
    from detente import Pipeline

    coder = Pipeline()
    coder.extract("Warm-up sentence about Poland.", published="2024-03-14")
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    text = make(kind, n)
    start = time.perf_counter()
    result = coder.extract(text, published="2024-03-14")
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"kind": kind, "n": n, "chars": len(text), "seconds": round(took, 2),
                      "peak_rss_mb": round(peak / 1024), "model_rss_mb": round(base / 1024),
                      "events": len(result.events), "error": result.error_code}))


CASES = [("length", n) for n in (10_000, 50_000, 100_000, 250_000, 500_000, 990_000)] + [
    ("brackets", n) for n in (1_000, 4_000, 20_000, 200_000)] + [("one-sentence", 980_000)]


def main() -> None:
    print("| case | characters | time (s) | peak RSS (MB) | events | error |")
    print("|---|---|---|---|---|---|")
    for kind, n in CASES:
        out = subprocess.run([sys.executable, "-m", "benchmarks.robustness", "--child", kind, str(n)],
                             capture_output=True, text=True, timeout=900)
        if out.returncode != 0:
            print(f"| {kind} {n:,} | – | failed | – | – | {out.stderr.strip().splitlines()[-1:]} |")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        label = {"length": "repeated paragraphs", "brackets": f"{n:,} '[' then {n:,} '{{'",
                 "one-sentence": "one sentence repeated"}[kind]
        print(f"| {label} | {r['chars']:,} | {r['seconds']} | {r['peak_rss_mb']} | {r['events']:,} | "
              f"{r['error'] or '–'} |", flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]))
    else:
        main()
