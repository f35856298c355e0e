"""Coding posted text in the server: one NLP pipeline, loaded on first use, one document at a time."""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, Field

from ..errors import BatchTooLargeError, BusyError, RequestTimeoutError
from ..records import Document, Result


class TextIn(BaseModel):
    """One text to code: ``text`` and, optionally, its publication date (YYYY-MM-DD), id, title, url."""

    text: str
    published: str | None = Field(default=None, description="YYYY-MM-DD; relative dates resolve against it")
    id: str | None = None
    title: str | None = None
    url: str | None = None


class ExtractIn(BaseModel):
    """A single text (``text``) or a batch (``documents``)."""

    text: str | None = None
    published: str | None = None
    id: str | None = None
    title: str | None = None
    url: str | None = None
    documents: list[TextIn] | None = None

    def items(self, max_batch: int) -> list[TextIn]:
        from ..errors import BadParameterError

        if self.documents is not None and self.text is not None:
            raise BadParameterError("give text or documents, not both")
        if self.documents is None:
            if self.text is None:
                raise BadParameterError('give "text" (one document) or "documents" (a list of {"text": ...})')
            return [TextIn(text=self.text, published=self.published, id=self.id, title=self.title, url=self.url)]
        if len(self.documents) > max_batch:
            raise BatchTooLargeError(f"{len(self.documents)} documents in one request; send at most {max_batch} "
                                     "per request")
        return self.documents


class Coder:
    """The server's pipeline. ``timeout`` is each document's time budget (E501 past it)."""

    def __init__(self, pipeline: Any = None, timeout: float = 20.0, max_chars: int = 100_000) -> None:
        self._pipeline = pipeline
        self.timeout = timeout
        self.max_chars = max_chars
        self._lock = threading.Lock()

    def pipeline(self) -> Any:
        if self._pipeline is None:
            from ..pipeline import Pipeline

            self._pipeline = Pipeline(timeout=self.timeout)
        return self._pipeline

    @contextlib.contextmanager
    def busy(self, deadline: float) -> Iterator[None]:
        """The pipeline codes one request at a time; the others wait until DEADLINE, then get E608."""
        if not self._lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise BusyError("the coder is busy with other requests; try again in a moment")
        try:
            yield
        finally:
            self._lock.release()

    def code(self, items: list[TextIn], deadline: float) -> list[Result]:
        """Code ITEMS in order; what the request's deadline leaves uncoded comes back as E607 results."""
        with self.busy(deadline):
            pipeline = self.pipeline()
            out: list[Result] = []
            for n, item in enumerate(items, 1):
                doc_id = item.id or f"doc{n}"
                if len(item.text) > self.max_chars:
                    out.append(Result(id=doc_id, published=item.published, error_code="E104",
                                      error=f"the text has {len(item.text):,} characters; this server codes at most "
                                            f"{self.max_chars:,} per document: split it, or ingest it with the CLI"))
                    continue
                if time.monotonic() > deadline:
                    err = RequestTimeoutError("not coded: the request ran out of time; send fewer documents "
                                              "per request")
                    out.append(Result(id=doc_id, published=item.published, error=err.message, error_code=err.code))
                    continue
                out.append(pipeline.extract(item.text, item.published, id=doc_id, title=item.title, url=item.url))
            return out

    def documents(self, items: list[TextIn]) -> list[Document]:
        from ..ingest import check_published

        # without an id, the text names the document: posting it again is idempotent
        return [Document(id=item.id or "api-" + hashlib.sha1(item.text.encode()).hexdigest()[:12], text=item.text,
                         published=check_published(item.published), title=item.title, url=item.url)
                for item in items]
