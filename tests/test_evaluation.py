"""Accuracy gates on the shared gold sets (skipped when ../shared/eval is not beside the checkout).

The thresholds sit a little under the measured figures (docs/evaluation.md) so that a real
regression fails the suite while `make eval` prints the exact numbers; the actor-accuracy gate is
the bar of the actor issue (85%).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.evaluate import dev_documents, load_scorer, seed_documents


@pytest.fixture(scope="module")
def scores(coder, shared_eval: Path) -> dict[str, dict]:  # type: ignore[no-untyped-def, type-arg]
    scorer = load_scorer(shared_eval / "score.py")
    out = {}
    sets = [(name, shared_eval / name / "gold.jsonl", dev_documents(shared_eval / name))
            for name in ("dev", "dev-b", "train") if (shared_eval / name / "gold.jsonl").is_file()]
    sets.append(("seed", shared_eval / "seed" / "gold.json", seed_documents(shared_eval / "seed")))
    for name, gold, docs in sets:
        pred = {r.id: r.model_dump() for r in coder.pipe(docs)}
        out[name] = scorer.score(scorer.load(gold), pred)
    return out


@pytest.mark.parametrize(("name", "level", "bar"), [
    ("dev", "type", 0.79), ("dev", "dyad", 0.69), ("dev", "full", 0.59), ("dev", "quote_speaker", 0.74),
    ("seed", "dyad", 0.76), ("seed", "full", 0.52), ("seed", "quote_speaker", 0.7),
    # the sets the rules were not written on (issue 12): gates a little under today's figures
    ("dev-b", "type", 0.79), ("dev-b", "dyad", 0.65), ("dev-b", "full", 0.50), ("dev-b", "quote_speaker", 0.69),
    ("train", "type", 0.67), ("train", "dyad", 0.47), ("train", "quote_speaker", 0.69),
])
def test_f1_gates(scores: dict[str, dict], name: str, level: str, bar: float) -> None:  # type: ignore[type-arg]
    assert scores[name][level]["f1"] >= bar, scores[name][level]


def test_dev_b_dyad_within_five_points_of_dev(scores: dict[str, dict]) -> None:  # type: ignore[type-arg]
    """Issue 12: rules that hold on news they were not written on; dev-b's dyad F1 stays close to dev's."""
    gap = scores["dev"]["dyad"]["f1"] - scores["dev-b"]["dyad"]["f1"]
    assert gap <= 0.05, (scores["dev"]["dyad"]["f1"], scores["dev-b"]["dyad"]["f1"])


@pytest.mark.parametrize("name", ["dev", "dev-b"])
def test_precision_first(scores: dict[str, dict], name: str) -> None:  # type: ignore[type-arg]
    levels = ("type", "dyad", "full") if name == "dev" else ("type", "dyad")
    for level in levels:
        assert scores[name][level]["precision"] >= scores[name][level]["recall"], level


def test_actor_accuracy_on_seed_and_dev(scores: dict[str, dict]) -> None:  # type: ignore[type-arg]
    """Of the gold events found at the type level, the share whose source and target countries are right."""
    typed = sum(scores[name]["type"]["tp"] for name in ("dev", "seed"))
    right = sum(scores[name]["dyad"]["tp"] for name in ("dev", "seed"))
    assert right / typed >= 0.87, (right, typed)


def test_seed_key_events(coder, shared_eval: Path) -> None:  # type: ignore[no-untyped-def]
    """The reference article: the KGB arrest of the Wagner men, Sochi support and the loan; no teasers."""
    result = next(iter(coder.pipe(seed_documents(shared_eval / "seed"))))
    def has(etype: str, src: str, tgt: str, date: str | None = None) -> bool:
        return any(e.type == etype and e.source and e.source.country == src and e.target
                   and e.target.country == tgt and (date is None or (e.date or "").startswith(date))
                   for e in result.events)
    assert has("COERCE", "BLR", "RUS", "2020-07-29")
    assert has("SUPPORT", "RUS", "BLR")
    assert any(e.type in ("AID", "AGREE") and "loan" in e.sentence and e.source and e.source.country == "RUS"
               for e in result.events)
    raw = (shared_eval / "seed" / "article.txt").read_text(encoding="utf-8")
    teasers_start = raw.index("The views and opinions expressed")
    assert all(e.start < teasers_start for e in result.events)
