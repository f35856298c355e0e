"""Hostile input guard: character runs that stall the tokenizer are blanked before parsing.

spaCy's tokenizer splits prefixes and suffixes off a whitespace-free chunk one at a time, so a
40,000-character run of brackets or a base64 blob costs time quadratic in its length. No such run
is prose: it is replaced by spaces of the same length, so every offset into the original text holds
(evidence sentences are cut from the original).
"""

from __future__ import annotations

import re

MAX_TOKEN_CHARS = 100  # longer whitespace-free runs are data (base64, minified code, bracket walls), not words
REPEAT_RUN = 12  # the same symbol this many times in a row ("[[[[[[...", "=====...") is decoration or noise

_LONG = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")
_REPEATS = re.compile(rf"([^\w\s])\1{{{REPEAT_RUN - 1},}}")


def neutralise(text: str) -> str:
    """TEXT with pathological runs blanked (same length); the text itself when there are none."""
    if not _LONG.search(text) and not _REPEATS.search(text):
        return text
    out = _LONG.sub(lambda m: " " * len(m.group()), text)
    return _REPEATS.sub(lambda m: " " * len(m.group()), out)


def prose(text: str) -> str:
    """The text a language check should read: without data runs (a base64 image is not a language)."""
    return _LONG.sub(" ", text)
