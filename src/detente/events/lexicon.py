"""The event lexicon: verbs, nouns, verb+noun phrases and light verbs, from ``data/lexicon.yaml``.

Users add or override entries with ``--lexicon FILE`` in the same format.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import KnowledgeBaseError
from ..ontology import EVENT_TYPES, MODES
from ..word_classes import WORD_CLASSES_FILE

DEFAULT_CONFIDENCE = 0.8


@dataclass(frozen=True)
class LexiconEntry:
    type: str
    mode: str | None = None
    symmetric: bool = False
    confidence: float = DEFAULT_CONFIDENCE
    not_objects: frozenset[str] = frozenset()
    requires_object: bool = False
    self_directed: bool = False


@dataclass
class Lexicon:
    verbs: dict[str, LexiconEntry] = field(default_factory=dict)
    nouns: dict[str, LexiconEntry] = field(default_factory=dict)
    phrases: dict[str, LexiconEntry] = field(default_factory=dict)
    adjectives: dict[str, LexiconEntry] = field(default_factory=dict)  # "was deeply concerned by X"
    evaluatives: dict[str, LexiconEntry] = field(default_factory=dict)  # "X's actions are unacceptable"
    light_verbs: set[str] = field(default_factory=set)

    def add(self, data: dict[str, Any], source: str) -> None:
        if not isinstance(data, dict):
            raise KnowledgeBaseError(
                f"{source}: a lexicon is a mapping with verbs/nouns/phrases/adjectives/light_verbs")
        for section in ("verbs", "nouns", "phrases", "adjectives", "evaluatives"):
            table: dict[str, LexiconEntry] = getattr(self, section)
            for key, raw in (data.get(section) or {}).items():
                table[" ".join(str(key).lower().split())] = _entry(raw, f"{source}: {section}.{key}")
        for verb in data.get("light_verbs") or []:
            self.light_verbs.add(str(verb).lower())

    def max_noun_words(self) -> int:
        return max((len(k.split()) for k in self.nouns), default=1)


def _entry(raw: Any, where: str) -> LexiconEntry:
    if isinstance(raw, str):
        raw = {"type": raw}
    if not isinstance(raw, dict) or "type" not in raw:
        raise KnowledgeBaseError(f"{where}: an entry needs a 'type', e.g. {{type: ACCUSE}}")
    etype = str(raw["type"]).upper()
    if etype not in EVENT_TYPES:
        raise KnowledgeBaseError(f"{where}: unknown type {etype!r}; use one of {', '.join(EVENT_TYPES)}")
    mode = raw.get("mode")
    if mode is not None and mode not in MODES.get(etype, frozenset()):
        raise KnowledgeBaseError(f"{where}: mode {mode!r} is not a mode of {etype}")
    conf = float(raw.get("confidence", DEFAULT_CONFIDENCE))
    if not 0 <= conf <= 1:
        raise KnowledgeBaseError(f"{where}: confidence must lie in 0..1")
    return LexiconEntry(etype, mode, bool(raw.get("symmetric", False)), conf,
                        frozenset(str(x).lower() for x in raw.get("not_objects") or []),
                        bool(raw.get("requires_object", False)), bool(raw.get("self", False)))


@lru_cache(maxsize=1)
def _shipped() -> Lexicon:
    lex = Lexicon()
    data = resources.files("detente.events") / "data"
    for item in sorted(data.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yaml") and item.name != WORD_CLASSES_FILE:  # the rules' word classes: no lexicon
            lex.add(yaml.safe_load(item.read_text(encoding="utf-8")) or {}, item.name)
    return lex


def load_lexicon(extra: Iterable[str | Path] = ()) -> Lexicon:
    extra = list(extra)
    if not extra:
        return _shipped()
    import copy

    lex = copy.deepcopy(_shipped())
    for path in extra:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise KnowledgeBaseError(f"{path} is not valid YAML: {exc}") from exc
        lex.add(data or {}, str(path))
    return lex
