"""The rules' word classes are data (``data/word_classes.yaml``): loading, checks, no leak into lexicon or KB."""

from __future__ import annotations

import pytest

from detente.actors import words
from detente.errors import KnowledgeBaseError
from detente.events import frames, idioms
from detente.word_classes import parse_word_classes, word_classes


@pytest.mark.parametrize("module,package", [(frames, "detente.events"), (idioms, "detente.events"),
                                            (words, "detente.actors")])
def test_module_names_are_the_shipped_classes(module, package):
    classes = word_classes(package)
    for name, value in vars(module).items():
        if isinstance(value, frozenset):  # CLAIM_VERBS is claim_verbs, _SLURS is slurs
            assert value is classes[name.lstrip("_").lower()], name


def test_every_class_is_bound_and_holds_words():
    for package, modules in (("detente.events", (frames, idioms)), ("detente.actors", (words,))):
        classes = word_classes(package)
        names = {n.lstrip("_").lower() for m in modules for n, v in vars(m).items() if isinstance(v, frozenset)}
        assert names == set(classes), package
        for name, members in classes.items():
            assert members and all(isinstance(w, str) and w == w.strip() for w in members), name
    assert "say" in frames.CLAIM_VERBS and "he" in words.PERSON_PRONOUNS and "traitor" in idioms._SLURS


def test_loaded_once():
    assert word_classes("detente.events") is word_classes("detente.events")
    assert frames.WORDS is idioms.WORDS


def test_missing_class_names_the_file():
    with pytest.raises(KeyError, match="word_classes.yaml has no word class 'nope'"):
        word_classes("detente.actors")["nope"]


@pytest.mark.parametrize("text,message", [
    ("a: [x]\na: [y]\n", "defined twice"),
    ("a: [x, no]\n", "non-words"),
    ("a: x\n", "must be a list"),
    ("- a\n", "a mapping"),
    ("a: [x\n", "not valid YAML"),
])
def test_bad_files_are_refused(text, message):
    with pytest.raises(KnowledgeBaseError, match=message):
        parse_word_classes(text, "test.yaml")


def test_quoted_words_stay_words():
    assert parse_word_classes('a: ["no", "on", x]\n', "test.yaml")["a"] == {"no", "on", "x"}


def test_word_classes_are_no_lexicon_or_actor_file():
    from detente.actors.kb import _shipped_files
    from detente.events.lexicon import load_lexicon

    assert "word_classes.yaml" not in [name for name, _ in _shipped_files()]
    lexicon = load_lexicon()
    assert "claim_verbs" not in lexicon.verbs and "patient_of" not in lexicon.nouns
