"""``detente actors TEXT``: every actor mention with its resolution and the rule that made it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from .actors.resolve import DocMemory
from .pipeline import Pipeline


def explain_actors(text: str, published: str | None, actor_files: Sequence[str | Path] = ()) -> Iterator[str]:
    coder = Pipeline(actor_files)
    nlp = coder.nlp
    component = nlp.get_pipe("detente")
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "detente":
            doc = proc(doc)
    memory = DocMemory(day=published)
    resolver = component.resolver  # type: ignore[attr-defined]
    for sent in doc.sents:
        component.coder.learn_names(sent, memory)  # type: ignore[attr-defined]
        for tok in sent:
            if tok.pos_ not in ("PROPN", "NOUN", "PRON") or tok.dep_ in ("compound", "poss", "amod"):
                continue
            res = resolver.resolve_one(tok, memory)
            if res is None:
                continue
            e = res.entry
            yield (f"{res.name!r:40} -> {e.canonical} [{e.country or '?'}/{e.sector or '-'}] "
                   f"via {res.reason!s} (conf {res.confidence:.2f})")
