"""Developer aid: score dev/seed/peer at several --min-confidence thresholds from one run."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, "src")
from detente.evaluate import dev_documents, load_scorer, peer_documents, seed_documents  # noqa: E402
from detente.pipeline import Pipeline  # noqa: E402

shared = Path("../shared/eval")
scorer = load_scorer(shared / "score.py")
coder = Pipeline(min_confidence=0.0)
sets = {"dev": (shared / "dev/gold.jsonl", dev_documents(shared / "dev")),
        "seed": (shared / "seed/gold.json", seed_documents(shared / "seed")),
        "peer": (shared / "peer/gold.jsonl", peer_documents(shared / "peer"))}
preds = {name: [json.loads(r.model_dump_json()) for r in coder.pipe(docs)] for name, (_, docs) in sets.items()}
for th in [float(x) for x in sys.argv[1:]] or [0.2, 0.3, 0.35, 0.4, 0.45, 0.5]:
    line = [f"min={th:.2f}"]
    for name, (gold, _) in sets.items():
        pred = {p["id"]: {**p, "events": [e for e in p["events"] if e["confidence"] >= th]} for p in preds[name]}
        s = scorer.score(scorer.load(gold), pred)
        line.append(f"{name}: type {s['type']['f1']:.3f} dyad {s['dyad']['f1']:.3f} (P {s['dyad']['precision']:.2f}"
                    f" R {s['dyad']['recall']:.2f}) full {s['full']['f1']:.3f}")
    print(" | ".join(line))
