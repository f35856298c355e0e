"""Word classes: the closed lists of words (and parser labels) that the rules test tokens against.

Each package with rules keeps its classes as data beside its code, in ``data/word_classes.yaml``:
one mapping of class name to a list of words (lower case; labels and codes as spaCy and detente
write them: ``DATE``, ``ASSAULT``, ``CVL``), each class with a comment saying what it is for. A
rule module reads its package's classes once, at import, and binds them to the names the rules use::

    WORDS = word_classes("detente.events")
    CLAIM_VERBS = WORDS["claim_verbs"]

The file is read once per process (cached); the classes are frozensets, so no rule can change
another's words.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .errors import KnowledgeBaseError

WORD_CLASSES_FILE = "word_classes.yaml"  # in a package's data folder; no lexicon or actor file


class WordClasses(Mapping[str, frozenset[str]]):
    """The word classes of one file, by name; a name the file lacks raises a KeyError naming the file."""

    def __init__(self, classes: dict[str, frozenset[str]], source: str) -> None:
        self._classes = classes
        self.source = source

    def __getitem__(self, name: str) -> frozenset[str]:
        try:
            return self._classes[name]
        except KeyError:
            raise KeyError(f"{self.source} has no word class {name!r}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._classes)

    def __len__(self) -> int:
        return len(self._classes)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a class named twice (plain YAML keeps the last silently)."""


def _unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise KnowledgeBaseError(f"word class {key!r} is defined twice (line {key_node.start_mark.line + 1})")
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def parse_word_classes(text: str, source: str) -> WordClasses:
    """The classes of a word-class file's TEXT; SOURCE names it in errors."""
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"{source} is not valid YAML: {exc}") from exc
    except KnowledgeBaseError as exc:
        raise KnowledgeBaseError(f"{source}: {exc.message}") from exc
    if not isinstance(data, dict):
        raise KnowledgeBaseError(f"{source}: word classes are a mapping of class name to a list of words")
    classes: dict[str, frozenset[str]] = {}
    for name, words in data.items():
        if not isinstance(words, list):
            raise KnowledgeBaseError(f"{source}: word class {name!r} must be a list of words")
        bad = [w for w in words if not isinstance(w, str)]
        if bad:  # YAML reads a bare no, on or null as a boolean or None: quote such words
            raise KnowledgeBaseError(f"{source}: word class {name!r} has non-words {bad!r}; quote them")
        classes[str(name)] = frozenset(words)
    return WordClasses(classes, source)


@cache
def word_classes(package: str) -> WordClasses:
    """The word classes shipped in PACKAGE's ``data/word_classes.yaml`` (read once)."""
    path = resources.files(package) / "data" / WORD_CLASSES_FILE
    return parse_word_classes(path.read_text(encoding="utf-8"), f"{package}/data/{WORD_CLASSES_FILE}")
