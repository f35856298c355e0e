"""Score coded output against a gold file of your own (docs/gold-format.md), without the project's
shared evaluation folder.

Gold formats:

* JSON Lines, one object per document: ``id``, optional ``text`` and ``published``, ``events`` and
  ``quotes`` (the output contract's shapes; an event may add ``confidence: debatable``, ``alt_types``,
  ``symmetric``, and actors ``alt_countries`` or ``implicit``);
* YAML keyed by document id, as ``examples/expected.yaml``: events with ``type``, ``source_country``,
  ``target_country``, ``trigger``, ``status``, ``date``; quotes with ``speaker`` and ``text_start``.

Matching is one-to-one inside a document. An event matches at ``type`` when it comes from the same
sentence (one contains the other, or their words overlap by 60%) - or, for YAML gold with no
sentence, when its trigger shares a word with the gold trigger - and has the same type; at ``dyad``
when the source and target countries also match; at ``full`` when status and date also match.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from .errors import EvaluationError

LEVELS = ("type", "dyad", "full")
_WORDS = re.compile(r"[a-z0-9]+")
_QUOTE_MARKS = str.maketrans({c: '"' for c in "“”„«»"} | {c: "'" for c in "‘’`"})


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    levels: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in (*LEVELS, "quote",
                                                                                     "quote_speaker")})
    documents: int = 0

    def lines(self, name: str) -> Iterator[str]:
        yield f"== {name} ({self.documents} documents)"
        for level, c in self.levels.items():
            yield (f"  {level:14s} P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f} "
                   f"(tp={c.tp} fp={c.fp} fn={c.fn})")


def load_gold(path: Path) -> dict[str, dict[str, Any]]:
    """Gold documents by id, from JSON Lines or from YAML keyed by id (``examples/expected.yaml``)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise EvaluationError(f"cannot read the gold file {path}: {exc.strerror}") from exc
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(raw) or {}
        except yaml.YAMLError as exc:
            raise EvaluationError(f"{path} is not valid YAML: {exc}") from exc
        if not isinstance(data, dict):
            raise EvaluationError(f"{path}: YAML gold is a mapping from document id to its events and quotes")
        return {str(k): _from_expected(v or {}) for k, v in data.items()}
    docs: dict[str, dict[str, Any]] = {}
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{path}:{n} is not JSON ({exc.msg}); one document per line") from exc
        if not isinstance(obj, dict) or "id" not in obj:
            raise EvaluationError(f"{path}:{n}: each line is a JSON object with an 'id' (see docs/gold-format.md)")
        docs[str(obj["id"])] = obj
    return docs


def _from_expected(spec: dict[str, Any]) -> dict[str, Any]:
    """A YAML gold entry in the shape of a JSON Lines gold document."""
    events = [{"type": e.get("type"), "trigger": e.get("trigger"), "status": e.get("status"), "date": e.get("date"),
               "source": {"country": e.get("source_country")}, "target": {"country": e.get("target_country")}}
              for e in spec.get("events") or []]
    quotes = [{"text": q.get("text_start") or q.get("text"), "speaker": q.get("speaker"), "prefix": True}
              for q in spec.get("quotes") or []]
    return {"events": events, "quotes": quotes}


def load_predictions(path: Path) -> dict[str, dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluationError(f"{path}:{n} is not JSON ({exc.msg}); pass detente's JSON Lines output") from exc
            docs[str(obj.get("id"))] = obj
    return docs


def _norm(text: str | None) -> str:
    return " ".join((text or "").translate(_QUOTE_MARKS).lower().split())


def _same_text(a: str | None, b: str | None) -> bool:
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    wa, wb = set(_WORDS.findall(a)), set(_WORDS.findall(b))
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.6


def _country(actor: Any) -> str | None:
    return str(actor["country"]).upper() if isinstance(actor, dict) and actor.get("country") else None


def _accepts(actor: Any) -> set[str | None]:
    if not isinstance(actor, dict):
        return {None}
    ok: set[str | None] = {_country(actor)}
    ok |= {str(c).upper() for c in actor.get("alt_countries") or []}
    ok |= {_country(c) for c in actor.get("components") or []}
    if actor.get("implicit"):
        ok.add(None)
    return ok


def event_matches(gold: dict[str, Any], pred: dict[str, Any], level: str) -> bool:
    if gold.get("sentence"):
        if not _same_text(gold["sentence"], pred.get("sentence")):
            return False
    elif gold.get("trigger"):
        if not set(_WORDS.findall(_norm(gold["trigger"]))) & set(_WORDS.findall(_norm(pred.get("trigger")))):
            return False
    alt = gold.get("alt_types") or gold.get("alt_type") or []
    alt = [alt] if isinstance(alt, str) else alt
    if str(pred.get("type", "")).upper() not in {str(t).upper() for t in [gold.get("type"), *alt]}:
        return False
    if level == "type":
        return True
    src, tgt = _country(pred.get("source")), _country(pred.get("target"))
    gs, gt = _accepts(gold.get("source")), _accepts(gold.get("target"))
    if not (src in gs and tgt in gt or gold.get("symmetric") and src in gt and tgt in gs):
        return False
    if level == "dyad":
        return True
    if (pred.get("status") or "asserted") not in {gold.get("status") or "asserted", gold.get("status_alt")}:
        return False
    want, got = gold.get("date"), pred.get("date")
    return not want or bool(got) and (str(got).startswith(str(want)) or str(want).startswith(str(got)))


def quote_matches(gold: dict[str, Any], pred: dict[str, Any], speaker: bool) -> bool:
    if gold.get("prefix"):
        if not _norm(pred.get("text")).startswith(_norm(gold.get("text"))[:40]):
            return False
    elif not _same_text(gold.get("text"), pred.get("text")):
        return False
    if not speaker:
        return True
    gs, ps = _norm(gold.get("speaker")), _norm(pred.get("speaker"))
    return bool(gs and ps) and (gs in ps or ps in gs or gs.split()[-1] == ps.split()[-1])


def _match(gold: list[dict[str, Any]], pred: list[dict[str, Any]],
           same: Callable[[dict[str, Any], dict[str, Any]], bool]) -> Counts:
    """Greedy one-to-one matching; a debatable gold item absorbs a prediction without counting."""
    used: set[int] = set()
    counts = Counts()
    clear = [g for g in gold if g.get("confidence") != "debatable"]
    optional = [g for g in gold if g.get("confidence") == "debatable"]
    for g in clear:
        hit = next((i for i, p in enumerate(pred) if i not in used and same(g, p)), None)
        if hit is None:
            counts.fn += 1
        else:
            used.add(hit)
            counts.tp += 1
    for g in optional:
        hit = next((i for i, p in enumerate(pred) if i not in used and same(g, p)), None)
        if hit is not None:
            used.add(hit)
    counts.fp = len(pred) - len(used)
    return counts


def score(gold: dict[str, dict[str, Any]], pred: dict[str, dict[str, Any]]) -> Scores:
    """Scores of PRED against GOLD, summed over the gold documents (a missing prediction counts as empty)."""
    out = Scores(documents=len(gold))
    for doc_id, g in gold.items():
        p = pred.get(doc_id) or {}
        for level in LEVELS:
            c = _match(g.get("events") or [], p.get("events") or [], partial(_event_at, level))
            _add(out.levels[level], c)
        for key, with_speaker in (("quote", False), ("quote_speaker", True)):
            c = _match(g.get("quotes") or [], p.get("quotes") or [], partial(_quote_with, with_speaker))
            _add(out.levels[key], c)
    return out


def _event_at(level: str, gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return event_matches(gold, pred, level)


def _quote_with(speaker: bool, gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return quote_matches(gold, pred, speaker)


def _add(total: Counts, part: Counts) -> None:
    total.tp += part.tp
    total.fp += part.fp
    total.fn += part.fn
