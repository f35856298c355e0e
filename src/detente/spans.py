"""Cheap token-level helpers: spaCy's ``Token.sent`` and ``Doc.ents`` rebuild spans over the whole
document on every call, which dominates run time when called per token."""

from __future__ import annotations

from spacy.tokens import Span, Token


def entity_span(tok: Token) -> Span | None:
    """The named entity TOK belongs to, found from the IOB tags around it."""
    if not tok.ent_iob_ or tok.ent_iob_ == "O":
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def sentence_start(tok: Token) -> int:
    """Index of the first token of TOK's sentence."""
    doc = tok.doc
    i = tok.i
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
    return i
