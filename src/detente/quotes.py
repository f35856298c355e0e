"""Quotations: direct quotes in quote marks and indirect speech, attributed to a speaker."""

from __future__ import annotations

from spacy.tokens import Doc

from .actors.resolve import ActorResolver, DocMemory
from .records import Quote


class QuoteFinder:
    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver

    def find(self, doc: Doc, memory: DocMemory) -> list[Quote]:
        return []
