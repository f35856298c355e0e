"""The public pipeline: text or Documents in, typed Results out."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from .errors import DetenteError, InputError
from .ingest import MAX_CHARS, check_published, check_text, from_text
from .nlp import MODEL, load_pipeline
from .records import Document, Result

log = logging.getLogger("detente")


class Pipeline:
    """A configured detente coder. Load once, then ``extract`` or ``pipe`` many documents.

    >>> coder = Pipeline()
    >>> result = coder.extract("Poland expelled two Russian diplomats.", published="2024-03-01")
    """

    def __init__(self, actors: Sequence[str | Path] = (), lexicon: Sequence[str | Path] = (),
                 min_confidence: float = 0.3, model: str = MODEL, batch_size: int = 16,
                 n_process: int = 1) -> None:
        self.nlp = load_pipeline(tuple(str(a) for a in actors), tuple(str(x) for x in lexicon),
                                 float(min_confidence), model)
        self.batch_size = batch_size
        self.n_process = n_process

    def extract(self, text: str, published: str | None = None, id: str = "doc",
                title: str | None = None, url: str | None = None) -> Result:
        """Code one article. Input errors come back as a Result with ``error`` set."""
        try:
            doc = from_text(id, text, check_published(published), title=title, url=url)
        except InputError as exc:
            return Result(id=id, published=published, error=exc.message, error_code=exc.code)
        return next(self.pipe([doc]))

    def pipe(self, documents: Iterable[Document | Result]) -> Iterator[Result]:
        """Code many documents in batches; error Results pass through in order."""
        pending: list[Document | Result] = []
        for item in documents:
            pending.append(item)
            if len(pending) >= self.batch_size * max(1, self.n_process) * 4:
                yield from self._run(pending)
                pending = []
        if pending:
            yield from self._run(pending)

    def _run(self, items: list[Document | Result]) -> Iterator[Result]:
        docs = [d for d in items if isinstance(d, Document)]
        results: dict[int, Result] = {}
        if docs:
            try:
                for (spacy_doc, idx) in self.nlp.pipe(self._as_tuples(docs), as_tuples=True,
                                                      batch_size=self.batch_size, n_process=self.n_process):
                    results[idx] = self._result(docs[idx], spacy_doc)
            except Exception as exc:  # noqa: BLE001 - one bad document must not sink the batch
                log.warning("batch failed (%s); coding its documents one by one", exc)
                for idx, d in enumerate(docs):
                    if idx not in results:
                        results[idx] = self._one(d)
        it = iter(range(len(docs)))
        for item in items:
            if isinstance(item, Result):
                yield item
            else:
                yield results[next(it)]

    def _as_tuples(self, docs: list[Document]) -> Iterator[tuple[object, int]]:
        for idx, d in enumerate(docs):
            spacy_doc = self.nlp.make_doc(d.text)
            spacy_doc._.published = d.published
            yield spacy_doc, idx

    def _one(self, d: Document) -> Result:
        try:
            spacy_doc = self.nlp.make_doc(d.text)
            spacy_doc._.published = d.published
            for _, proc in self.nlp.pipeline:
                spacy_doc = proc(spacy_doc)
            return self._result(d, spacy_doc)
        except Exception as exc:  # noqa: BLE001
            return Result(id=d.id, published=d.published, title=d.title, url=d.url,
                          error=f"coding failed: {type(exc).__name__}: {exc}", error_code="E500")

    def _result(self, d: Document, spacy_doc: object) -> Result:
        ext = spacy_doc._  # type: ignore[attr-defined]
        return Result(id=d.id, published=d.published, title=d.title, url=d.url,
                      events=ext.events or [], quotes=ext.quotes or [], actors=ext.actors or [])


_DEFAULT: Pipeline | None = None


def extract(text: str, published: str | None = None, *, id: str = "doc", actors: Sequence[str | Path] = (),
            lexicon: Sequence[str | Path] = (), min_confidence: float = 0.3) -> Result:
    """Code one article with the shipped knowledge base (the pipeline is loaded once and reused)."""
    global _DEFAULT
    if actors or lexicon or min_confidence != 0.3:
        return Pipeline(actors, lexicon, min_confidence).extract(text, published, id)
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT.extract(text, published, id)


def extract_many(documents: Iterable[Document | Result], **options: object) -> Iterator[Result]:
    """Code many Documents efficiently (batched spaCy, optional ``n_process``)."""
    yield from Pipeline(**options).pipe(documents)  # type: ignore[arg-type]


__all__ = ["DetenteError", "MAX_CHARS", "Pipeline", "check_text", "extract", "extract_many"]
