"""``detente actors TEXT``: every actor mention with its resolution and the rule that made it, then the roles
the coder filled from the discourse (a source or target the text leaves implicit)."""

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
    yield from _implicit_roles(coder, text, published)


# reasons of roles the text does not name in the event's own clause
_FILLED = ("implicit:", "author", "quote-speaker", "protest", "fired-from")


def _implicit_roles(coder: Pipeline, text: str, published: str | None) -> Iterator[str]:
    for ev in coder.extract(text, published=published).events:
        for role, actor in (("source", ev.source), ("target", ev.target)):
            if actor is not None and (actor.reason or "").startswith(_FILLED):
                label = f"{role} of {ev.type} {ev.trigger!r}"
                yield (f"{label:40} -> {actor.canonical} [{actor.country or '?'}/{actor.sector or '-'}] "
                       f"via {actor.reason} (event conf {ev.confidence:.2f})")
