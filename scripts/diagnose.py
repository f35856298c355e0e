"""Developer aid: list type-level matches with wrong dyads, and false positives, for one eval set.

Usage: python scripts/diagnose.py GOLD PRED [--fp] [--fn] [--full] [--summary]
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

spec = importlib.util.spec_from_file_location("score", Path("../shared/eval/score.py"))
assert spec and spec.loader
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)

gold, pred = score.load(Path(sys.argv[1])), score.load(Path(sys.argv[2]))
if len(gold) == 1 and len(pred) == 1:
    pred = {next(iter(gold)): next(iter(pred.values()))}


def c(a):  # type: ignore[no-untyped-def]
    return a.get("country") if isinstance(a, dict) else None


def n(a):  # type: ignore[no-untyped-def]
    return (a.get("name") if isinstance(a, dict) else None) or "-"


for doc_id, g in gold.items():
    p = pred.get(doc_id, {})
    pe = p.get("events") or []
    for ge in g.get("events") or []:
        if ge.get("confidence") == "debatable" and "--all" not in sys.argv:
            continue
        typ = [x for x in pe if score.event_match(ge, x, "type")]
        dy = [x for x in pe if score.event_match(ge, x, "dyad")]
        if typ and not dy and not {"--fn", "--fp", "--full", "--summary"} & set(sys.argv):
            x = typ[0]
            print(f"[{doc_id}] {ge['type']} gold {n(ge.get('source'))}:{c(ge.get('source'))} -> "
                  f"{n(ge.get('target'))}:{c(ge.get('target'))} | pred {n(x.get('source'))}:{c(x.get('source'))}"
                  f" -> {n(x.get('target'))}:{c(x.get('target'))} trig={x.get('trigger')}")
            if "-v" in sys.argv:
                print("    ::", ge["sentence"][:300])
        if dy and "--full" in sys.argv and not any(score.event_match(ge, x, "full") for x in dy):
            x = dy[0]
            print(f"[{doc_id}] FULL {ge['type']} trig={x.get('trigger')!r} status {ge.get('status')}/{x.get('status')}"
                  f" date {ge.get('date')}/{x.get('date')} ({x.get('date_text')}) :: {ge['sentence'][:100]}")
        if not typ and "--fn" in sys.argv:
            print(f"[{doc_id}] MISS {ge['type']} trig={ge.get('trigger')!r} :: {ge['sentence'][:150]}")
    if "--fp" in sys.argv:
        for x in pe:
            if not any(score.event_match(ge, x, "type") for ge in g.get("events") or []):
                print(f"[{doc_id}] FP {x['type']} trig={x.get('trigger')!r} {n(x.get('source'))}:{c(x.get('source'))}"
                      f" -> {n(x.get('target'))}:{c(x.get('target'))} :: {x['sentence'][:120]}")

if "--summary" in sys.argv:
    # error classes over clear gold events (the closing notes' counts)
    counts: dict[str, int] = {}

    def bump(key: str) -> None:
        counts[key] = counts.get(key, 0) + 1

    for doc_id, g in gold.items():
        pe = pred.get(doc_id, {}).get("events") or []
        for ge in g.get("events") or []:
            if ge.get("confidence") == "debatable":
                continue
            bump("clear gold events")
            typ = [x for x in pe if score.event_match(ge, x, "type")]
            dy = [x for x in pe if score.event_match(ge, x, "dyad")]
            if not typ:
                bump("not found at the type level")
            elif not dy:
                bump("wrong dyad")
                x = typ[0]
                for role in ("source", "target"):
                    gc, pc = c(ge.get(role)), c(x.get(role))
                    if gc and not pc:
                        bump(f"  {role} missing")
                    elif pc and gc != pc:
                        bump(f"  {role} with another country")
            elif not any(score.event_match(ge, x, "full") for x in dy):
                x = dy[0]
                if ge.get("status") != x.get("status") and x.get("status") not in (ge.get("status_alt") or []):
                    bump("full-level miss: status")
                elif x.get("date"):
                    bump("full-level miss: another date")
                else:
                    bump("full-level miss: no date")
        for x in pe:
            if not any(score.event_match(ge, x, "type") for ge in g.get("events") or []):
                bump("false positives at the type level")
    for key, value in counts.items():
        print(f"{key}: {value}")
