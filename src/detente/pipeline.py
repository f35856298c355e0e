"""The public pipeline: text or Documents in, typed Results out."""

from __future__ import annotations

import itertools
import logging
import re
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from spacy.tokens import Doc

from .actors.memory import DocMemory
from .boilerplate import mask_dateline
from .errors import DetenteError, DocumentTimeoutError, InputError, PublishedDateError
from .guard import neutralise
from .ingest import MAX_CHARS, check_published, check_text, from_text
from .nlp import MODEL, load_pipeline
from .ontology import DEFAULT_MIN_CONFIDENCE
from .records import ActorSummary, Document, Event, Quote, Result

log = logging.getLogger("detente")
progress_log = logging.getLogger("detente.progress")

WINDOW_CHARS = 50_000  # longer documents are coded in windows of about this size, so memory stays flat
DEFAULT_TIMEOUT = 120.0  # seconds a document may take before it becomes an E501 error


class Pipeline:
    """A configured detente coder. Load once, then ``extract`` or ``pipe`` many documents.

    >>> coder = Pipeline()
    >>> result = coder.extract("Poland expelled two Russian diplomats.", published="2024-03-01")
    """

    def __init__(self, actors: Sequence[str | Path] = (), lexicon: Sequence[str | Path] = (),
                 min_confidence: float = DEFAULT_MIN_CONFIDENCE, model: str = MODEL, batch_size: int = 16,
                 n_process: int = 1, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self._config = (tuple(str(a) for a in actors), tuple(str(x) for x in lexicon), float(min_confidence),
                        model, batch_size, timeout)
        self.nlp = load_pipeline(*self._config[:4])
        self.batch_size = batch_size
        self.n_process = n_process
        self.timeout = timeout

    def extract(self, text: str, published: str | None = None, id: str = "doc",
                title: str | None = None, url: str | None = None) -> Result:
        """Code one article. Input errors come back as a Result with ``error`` set."""
        try:
            day = check_published(published)
            if published and day is None:
                raise PublishedDateError(f"published {published!r} is not a date; pass YYYY-MM-DD (e.g. 2024-03-14)")
            doc = from_text(id, text, day, title=title, url=url)
        except InputError as exc:
            return Result(id=id, published=published, error=exc.message, error_code=exc.code)
        return next(self.pipe([doc]))

    def pipe(self, documents: Iterable[Document | Result]) -> Iterator[Result]:
        """Code many documents, streaming: each Result is yielded as soon as its document is coded.

        Error Results from ingest pass through in order. If spaCy fails on a batch, the documents
        of that batch are coded one by one and the stream goes on.
        """
        if self.n_process > 1:
            yield from self._pipe_parallel(documents)
            return
        source = iter(documents)
        pending: deque[Document | Result] = deque()
        while True:
            try:
                for spacy_doc in self.nlp.pipe(self._feed(source, pending), batch_size=self.batch_size):
                    while pending and isinstance(pending[0], Result):
                        yield pending.popleft()  # type: ignore[misc]
                    doc = pending.popleft()
                    assert isinstance(doc, Document)
                    yield self._result(doc, spacy_doc)
                while pending:
                    item = pending.popleft()
                    yield item if isinstance(item, Result) else self._one(item)
                return
            except Exception as exc:  # noqa: BLE001 - one bad document must not sink the batch
                log.warning("a batch failed (%s: %s); coding its documents one by one", type(exc).__name__, exc)
                while pending:
                    item = pending.popleft()
                    yield item if isinstance(item, Result) else self._one(item)

    def _pipe_parallel(self, documents: Iterable[Document | Result]) -> Iterator[Result]:
        """``pipe`` over N_PROCESS worker processes, each running the serial pipeline on chunks.

        Not spaCy's ``nlp.pipe(n_process=...)``: when a component raised, or the consumer stopped
        early, spaCy joined workers that were blocked writing results nobody would read, and the
        run hung. Here a worker codes a chunk like the serial path (errors become E500 Results)
        and sends back small Results instead of whole Docs. At most two chunks per worker are in
        flight, so input is streamed; Results come back in input order.
        """
        source = iter(documents)
        chunks = iter(lambda: list(itertools.islice(source, self.batch_size)), [])
        window: deque[tuple[list[Document | Result], Future[list[Result]]]] = deque()
        pool = self._pool()
        finished = False
        try:
            for chunk in chunks:
                window.append((chunk, pool.submit(_code_chunk, chunk)))
                while len(window) >= 2 * self.n_process or (window and window[0][1].done()):
                    results, pool = self._collect(window, pool)
                    yield from results
            while window:
                results, pool = self._collect(window, pool)
                yield from results
            finished = True
        finally:
            if finished:
                pool.shutdown(wait=True)
            else:
                _stop(pool)

    def _pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.n_process, initializer=_init_worker, initargs=(self._config,))

    def _collect(self, window: deque[tuple[list[Document | Result], Future[list[Result]]]],
                 pool: ProcessPoolExecutor) -> tuple[list[Result], ProcessPoolExecutor]:
        """Results of the oldest chunk; if a worker died, its chunk fails and the rest are resubmitted."""
        chunk, future = window.popleft()
        try:
            return future.result(), pool
        except BrokenProcessPool:
            log.warning("a worker process died (out of memory?); its %d documents are marked failed", len(chunk))
            _stop(pool)
            pool = self._pool()
            for i, (pending, _) in enumerate(window):
                window[i] = (pending, pool.submit(_code_chunk, pending))
            return [item if isinstance(item, Result) else Result(
                id=item.id, published=item.published, title=item.title, url=item.url, error_code="E500",
                error="a worker process died while coding this batch (out of memory?); "
                      "rerun it with --processes 1 to find the document") for item in chunk], pool

    def _feed(self, source: Iterator[Document | Result], pending: deque[Document | Result]) -> Iterator[Doc]:
        for item in source:
            if isinstance(item, Document) and len(item.text) > WINDOW_CHARS:
                pending.append(self._one(item))  # coded apart, window by window, in its place in the stream
                continue
            pending.append(item)
            if isinstance(item, Document):
                yield self._make_doc(item)

    def _make_doc(self, item: Document, text: str | None = None, memory: DocMemory | None = None,
                  deadline: float | None = None) -> Doc:
        original = item.text if text is None else text
        masked = neutralise(mask_dateline(original) if memory is None else original)
        spacy_doc = self.nlp.make_doc(masked)
        spacy_doc._.published = item.published
        spacy_doc._.memory = memory
        spacy_doc._.deadline = deadline if deadline is not None else self._deadline()
        if masked != original:
            spacy_doc._.source_text = original  # evidence sentences keep the dateline and the raw text
        return spacy_doc

    def _deadline(self) -> float | None:
        return time.monotonic() + self.timeout if self.timeout else None

    def _one(self, d: Document) -> Result:
        try:
            if len(d.text) > WINDOW_CHARS:
                return self._windowed(d)
            spacy_doc = self._make_doc(d)
            for _, proc in self.nlp.pipeline:
                spacy_doc = proc(spacy_doc)
            return self._result(d, spacy_doc)
        except DetenteError as exc:
            return Result(id=d.id, published=d.published, title=d.title, url=d.url, error=exc.message,
                          error_code=exc.code)
        except Exception as exc:  # noqa: BLE001 - one bad document must not sink the batch
            return Result(id=d.id, published=d.published, title=d.title, url=d.url,
                          error=f"coding failed: {type(exc).__name__}: {exc}", error_code="E500")

    def _windowed(self, d: Document) -> Result:
        """A long document coded in paragraph windows that share one document memory, so memory stays
        flat whatever its length; events and quotes keep offsets into the whole text."""
        deadline = self._deadline()
        memory = DocMemory(day=d.published)
        events: list[Event] = []
        quotes: list[Quote] = []
        actors: list[ActorSummary] = []
        spans = list(windows(d.text))
        for n, (start, end) in enumerate(spans, 1):
            if deadline is not None and time.monotonic() > deadline:
                raise DocumentTimeoutError(
                    f"document {d.id!r} took longer than {self.timeout:.0f} s ({n - 1} of {len(spans)} windows "
                    "coded); split it into articles or raise the time budget (--timeout)")
            progress_log.info("%s: window %d of %d (%d characters)", d.id, n, len(spans), len(d.text))
            text = mask_dateline(d.text[start:end]) if n == 1 else d.text[start:end]
            spacy_doc = self._make_doc(d, text, memory, deadline)
            if n == 1 and text != d.text[start:end]:
                spacy_doc._.source_text = d.text[start:end]
            for _, proc in self.nlp.pipeline:
                spacy_doc = proc(spacy_doc)
            part = self._result(d, spacy_doc)
            events += [_shifted(e, start) for e in part.events]
            quotes += [q.model_copy(update={"start": q.start + start, "end": q.end + start}) for q in part.quotes]
            actors = part.actors  # the memory is shared: the last window's list holds every actor
        return Result(id=d.id, published=d.published, title=d.title, url=d.url, events=events, quotes=quotes,
                      actors=actors)

    def _result(self, d: Document, spacy_doc: Doc) -> Result:
        # the component stores plain dicts on doc._ so that docs can cross process boundaries
        ext = spacy_doc._
        return Result(id=d.id, published=d.published, title=d.title, url=d.url,
                      events=[Event.model_validate(e) for e in ext.detente_events or []],
                      quotes=[Quote.model_validate(q) for q in ext.detente_quotes or []],
                      actors=[ActorSummary.model_validate(a) for a in ext.detente_actors or []])


def _shifted(event: Event, offset: int) -> Event:
    """EVENT with its offsets moved by OFFSET (a window's start in the whole text)."""
    update: dict[str, object] = {"start": event.start + offset, "end": event.end + offset}
    if event.location is not None:
        update["location"] = event.location.model_copy(
            update={"start": event.location.start + offset, "end": event.location.end + offset})
    return event.model_copy(update=update)


_WORKER: Pipeline | None = None


def _init_worker(config: tuple[tuple[str, ...], tuple[str, ...], float, str, int, float | None]) -> None:
    """Worker start: a serial Pipeline (under fork the parent's loaded model is reused, not reloaded)."""
    global _WORKER
    actors, lexicon, min_confidence, model, batch_size, timeout = config
    _WORKER = Pipeline(actors, lexicon, min_confidence, model, batch_size, timeout=timeout)


def _code_chunk(items: list[Document | Result]) -> list[Result]:
    assert _WORKER is not None, "worker not initialised"
    return list(_WORKER.pipe(items))


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut POOL down without waiting for chunks still being coded (the consumer stopped early)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())  # shutdown() forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        proc.terminate()
    for proc in procs:
        proc.join(timeout=5)


_PARAGRAPH = re.compile(r"\n[^\S\n]*\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s")


def windows(text: str, size: int = WINDOW_CHARS) -> Iterator[tuple[int, int]]:
    """(start, end) spans of TEXT of at most about SIZE characters, cut at a paragraph break, else at a
    sentence end, else at whitespace, else anywhere."""
    start = 0
    while len(text) - start > size:
        cut = None
        for pattern in (_PARAGRAPH, _SENTENCE_END, re.compile(r"\s")):
            found = [m.end() for m in pattern.finditer(text, start + size // 2, start + size)]
            if found:
                cut = found[-1]
                break
        cut = cut or start + size
        yield start, cut
        start = cut
    yield start, len(text)


_DEFAULT: Pipeline | None = None


def extract(text: str, published: str | None = None, *, id: str = "doc", actors: Sequence[str | Path] = (),
            lexicon: Sequence[str | Path] = (), min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Result:
    """Code one article with the shipped knowledge base (the pipeline is loaded once and reused)."""
    global _DEFAULT
    if actors or lexicon or min_confidence != DEFAULT_MIN_CONFIDENCE:
        return Pipeline(actors, lexicon, min_confidence).extract(text, published, id)
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT.extract(text, published, id)


def extract_many(documents: Iterable[Document | Result], **options: object) -> Iterator[Result]:
    """Code many Documents efficiently (batched spaCy, optional ``n_process``)."""
    yield from Pipeline(**options).pipe(documents)  # type: ignore[arg-type]


__all__ = ["DetenteError", "MAX_CHARS", "Pipeline", "check_text", "extract", "extract_many"]
