"""Evaluation against the shared gold sets with the project's scorer (``shared/eval/score.py``).

The scorer and the data are read at run time from the shared folder; nothing of them is
copied into detente.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from .errors import EvaluationError
from .output import result_json
from .pipeline import Pipeline
from .records import Document, Result

SEED_PUBLISHED = "2021-10-15"
# Sets that share the dev layout (texts/ID.txt + gold.jsonl); scored side by side so that a rule
# fitted to one set shows up as a drop on another.
DEV_SETS = ("dev", "dev-b", "train")
LEVELS = ("type", "dyad", "full", "quote", "quote_speaker")


def load_scorer(path: Path) -> ModuleType:
    if not path.is_file():
        raise EvaluationError(f"scorer not found at {path}; pass --shared pointing at shared/eval")
    spec = importlib.util.spec_from_file_location("detente_shared_score", path)
    if spec is None or spec.loader is None:
        raise EvaluationError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold_lines(path: Path) -> Iterator[dict[str, Any]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def dev_documents(dev: Path) -> list[Document]:
    return [Document(id=str(g["id"]), text=(dev / "texts" / f"{g['id']}.txt").read_text(encoding="utf-8"),
                     published=g.get("publication_date")) for g in _gold_lines(dev / "gold.jsonl")]


def peer_documents(peer: Path) -> list[Document]:
    return [Document(id=str(g["id"]), text=g["text"], published=g.get("publication_date"))
            for g in _gold_lines(peer / "gold.jsonl")]


def seed_documents(seed: Path) -> list[Document]:
    from .boilerplate import strip_text_boilerplate

    text = (seed / "article.txt").read_text(encoding="utf-8")
    return [Document(id="seed", text=strip_text_boilerplate(text), published=SEED_PUBLISHED)]


def predict(coder: Pipeline, docs: Sequence[Document | Result], out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for result in coder.pipe(docs):
            fh.write(result_json(result) + "\n")
    return out


def actor_accuracy(scores: dict[str, dict[str, float]]) -> float:
    """Share of gold events found at the type level whose source and target countries are also right."""
    t = scores["type"]["tp"]
    return scores["dyad"]["tp"] / t if t else 0.0


def format_scores(name: str, scores: dict[str, dict[str, float]]) -> Iterator[str]:
    yield f"== {name} ({scores.get('documents')} documents)"
    for level in LEVELS:
        r = scores[level]
        yield (f"  {level:14s} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
               f"(tp={r['tp']} fp={r['fp']} fn={r['fn']})")
    yield f"  actor accuracy (dyad tp / type tp) = {actor_accuracy(scores):.3f}"


LOCATIONS = Path("eval/locations")  # gold places for sets whose gold has none inline (dev, seed)


def location_lines(name: str, gold_path: Path, pred_path: Path, side_dir: Path | None) -> Iterator[str]:
    """Location accuracy on set NAME, when its gold has places (inline, or in SIDE_DIR/NAME.jsonl)."""
    from .geo.score import load_side_file, score_locations

    if gold_path.suffix == ".json":
        gold = {"seed": json.loads(gold_path.read_text(encoding="utf-8"))}
    else:
        gold = {str(g["id"]): g for g in _gold_lines(gold_path)}
    side_file = side_dir / f"{name}.jsonl" if side_dir is not None else None
    side = load_side_file(side_file) if side_file is not None and side_file.is_file() else None
    inline = any("location" in e for g in gold.values() for e in g.get("events") or [])
    if side is None and not inline:
        return
    pred = {str(p["id"]): p for p in _gold_lines(pred_path)}
    yield from score_locations(gold, pred, side).lines(name)


def run_evaluation(shared: Path, out: Path, coder: Pipeline | None = None,
                   locations: Path | None = None) -> Iterator[str]:
    if not (shared / "score.py").is_file():
        raise EvaluationError(f"no shared evaluation folder at {shared}; score a gold file of your own with "
                              "`detente eval GOLD` (format: docs/gold-format.md), or pass --shared DIR")
    scorer = load_scorer(shared / "score.py")
    coder = coder or Pipeline()
    sets = [(name, shared / name / "gold.jsonl", dev_documents(shared / name))
            for name in DEV_SETS if (shared / name / "gold.jsonl").is_file()]
    sets.append(("seed", shared / "seed" / "gold.json", seed_documents(shared / "seed")))
    if (shared / "peer" / "gold.jsonl").is_file():
        sets.append(("peer", shared / "peer" / "gold.jsonl", peer_documents(shared / "peer")))
    typed = right = 0
    for name, gold, docs in sets:
        pred = predict(coder, docs, out / f"{name}.jsonl")
        scores = scorer.score(scorer.load(gold), scorer.load(pred))
        yield from format_scores(name, scores)
        yield from location_lines(name, gold, pred, locations if locations is not None else (
            LOCATIONS if LOCATIONS.is_dir() else None))
        if name in ("dev", "seed"):
            typed, right = typed + scores["type"]["tp"], right + scores["dyad"]["tp"]
    if typed:
        yield f"== seed + dev actor accuracy (dyad tp / type tp) = {right / typed:.3f} ({right}/{typed})"


def score_pair(scorer_path: Path, gold: Path, pred: Path) -> Iterator[str]:
    scorer = load_scorer(scorer_path)
    yield from format_scores(str(pred), scorer.score(scorer.load(gold), scorer.load(pred)))


def gold_documents(gold_path: Path, texts: Sequence[Path] = (), published: Mapping[str, str] | None = None,
                   ) -> list[Document | Result]:
    """The documents a gold file annotates: its own ``text`` fields, else files named by id in TEXTS (or in
    ``texts/`` beside the gold file), dated by the gold's ``published`` or PUBLISHED (file -> date)."""
    from .ingest import check_published, read_documents
    from .scoring import load_gold

    gold = load_gold(gold_path)
    if all(isinstance(g.get("text"), str) for g in gold.values()):
        return [Document(id=k, text=g["text"], published=check_published(g.get("published") or
                                                                         g.get("publication_date")))
                for k, g in gold.items()]
    folders = list(texts) or [gold_path.parent / "texts"]
    found: dict[str, Document | Result] = {}
    for folder in folders:
        for path in ([folder] if folder.is_file() else sorted(folder.rglob("*"))):
            if not path.is_file():
                continue
            day = (published or {}).get(path.name) or (published or {}).get(path.stem)
            for item in read_documents([path], day):
                found.setdefault(item.id, item)
    missing = [k for k in gold if k not in found]
    if missing:
        raise EvaluationError(f"no text for {len(missing)} gold document(s) ({', '.join(missing[:5])}); give each "
                              "a 'text' field or pass --texts with files named by document id")
    out = []
    for k, g in gold.items():
        item = found[k]
        day = check_published(g.get("published") or g.get("publication_date"))
        out.append(item.model_copy(update={"published": day}) if day and isinstance(item, Document) else item)
    return out


def evaluate_gold(gold_path: Path, out: Path, texts: Sequence[Path] = (), published: Mapping[str, str] | None = None,
                  pred_path: Path | None = None, coder: Pipeline | None = None) -> Iterator[str]:
    """Score detente (or the predictions in PRED_PATH) against a gold file of your own with detente's scorer."""
    from .scoring import load_gold, load_predictions, score

    gold = load_gold(gold_path)
    if pred_path is None:
        pred_path = predict(coder or Pipeline(), gold_documents(gold_path, texts, published),
                            out / f"{gold_path.stem}.jsonl")
    yield from score(gold, load_predictions(pred_path)).lines(f"{gold_path} ({pred_path})")
