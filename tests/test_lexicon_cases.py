"""Lexicon coverage by construction: each case is a sentence written for this test with the type its
trigger must give (tests/data/lexicon_*.yaml). Cases the parser cannot reach carry an ``xfail`` reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).parent / "data"


def _cases() -> list[Any]:
    out = []
    for path in sorted(DATA.glob("lexicon_*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=False)] if case.get("xfail") else []
            out.append(pytest.param(case["sentence"], case["type"], marks=marks,
                                    id=f"{path.stem[8:]}:{case['type']}:{case.get('trigger', '')}"))
    return out


@pytest.mark.parametrize(("sentence", "etype"), _cases())
def test_trigger_gives_its_type(lenient, sentence: str, etype: str) -> None:  # type: ignore[no-untyped-def]
    found = [e.type for e in lenient.extract(sentence, published="2025-03-10").events]
    assert etype in found, found


def test_lexicon_size_per_type() -> None:
    """Every PLOVER type has a real vocabulary (trigger lemmas over verbs, nouns and phrases)."""
    from detente.events.lexicon import load_lexicon
    from detente.ontology import EVENT_TYPES

    lex = load_lexicon()
    counts = {t: 0 for t in EVENT_TYPES}
    for table in (lex.verbs, lex.nouns, lex.phrases):
        for entry in table.values():
            counts[entry.type] += 1
    assert min(counts.values()) >= 25, counts
