"""Frame functions on fixed parses (issue 12): the tokens, heads and labels are given here, so a change
of the parser model shows up as a parser change, not as these rules failing."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from detente.events.find import find_frames
from detente.events.frames import adjective_frame, noun_frame, subject_of, verb_frame
from detente.events.lexicon import Lexicon, load_lexicon


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


_VOCAB = spacy.blank("en").vocab  # English lexeme attributes (lower case, shape), no model


def parse(rows: list[tuple[str, str, str, str, int, str]]) -> Doc:
    """ROWS: (word, lemma, pos, tag, head index, dep); the root points at itself."""
    words, lemmas, pos, tags, heads, deps = zip(*rows, strict=True)
    return Doc(_VOCAB, words=list(words), lemmas=list(lemmas), pos=list(pos), tags=list(tags),
               heads=list(heads), deps=list(deps))


def test_transitive_verb(lex: Lexicon) -> None:
    doc = parse([("Kenya", "Kenya", "PROPN", "NNP", 1, "nsubj"), ("expelled", "expel", "VERB", "VBD", 1, "ROOT"),
                 ("two", "two", "NUM", "CD", 3, "nummod"), ("diplomats", "diplomat", "NOUN", "NNS", 1, "dobj"),
                 (".", ".", "PUNCT", ".", 1, "punct")])
    frame = verb_frame(doc[1], lex, set())
    assert frame is not None and frame.entry.type == "SANCTION"
    assert [t.text for t in frame.sources] == ["Kenya"] and [t.text for t in frame.targets] == ["diplomats"]


def test_passive_with_an_agent_on_the_complement(lex: Lexicon) -> None:
    # "Two reporters were sentenced to months of detention by a court ."
    doc = parse([("Two", "two", "NUM", "CD", 1, "nummod"), ("reporters", "reporter", "NOUN", "NNS", 3, "nsubjpass"),
                 ("were", "be", "AUX", "VBD", 3, "auxpass"), ("sentenced", "sentence", "VERB", "VBN", 3, "ROOT"),
                 ("to", "to", "ADP", "IN", 3, "prep"), ("months", "month", "NOUN", "NNS", 4, "pobj"),
                 ("of", "of", "ADP", "IN", 5, "prep"), ("detention", "detention", "NOUN", "NN", 6, "pobj"),
                 ("by", "by", "ADP", "IN", 7, "prep"), ("a", "a", "DET", "DT", 10, "det"),
                 ("court", "court", "NOUN", "NN", 8, "pobj"), (".", ".", "PUNCT", ".", 3, "punct")])
    assert [t.text for t in subject_of(doc[3])] == ["court"]


def test_event_noun_between_parties_on_its_verb(lex: Lexicon) -> None:
    # "Clashes erupted between Kyrgyz and Tajik guards ."
    doc = parse([("Clashes", "clash", "NOUN", "NNS", 1, "nsubj"), ("erupted", "erupt", "VERB", "VBD", 1, "ROOT"),
                 ("between", "between", "ADP", "IN", 1, "prep"), ("Kyrgyz", "Kyrgyz", "ADJ", "JJ", 6, "amod"),
                 ("and", "and", "CCONJ", "CC", 3, "cc"), ("Tajik", "Tajik", "ADJ", "JJ", 3, "conj"),
                 ("guards", "guard", "NOUN", "NNS", 2, "pobj"), (".", ".", "PUNCT", ".", 1, "punct")])
    frame = noun_frame(doc[0], lex)
    assert frame is not None and frame.entry.type == "ASSAULT"
    assert [t.text for t in frame.sources][:1] == ["guards"]


def test_predicate_adjective_of_reaction(lex: Lexicon) -> None:
    # "Seoul is concerned about the pact ."
    doc = parse([("Seoul", "Seoul", "PROPN", "NNP", 1, "nsubj"), ("is", "be", "AUX", "VBZ", 1, "ROOT"),
                 ("concerned", "concerned", "ADJ", "JJ", 1, "acomp"), ("about", "about", "ADP", "IN", 2, "prep"),
                 ("the", "the", "DET", "DT", 5, "det"), ("pact", "pact", "NOUN", "NN", 3, "pobj"),
                 (".", ".", "PUNCT", ".", 1, "punct")])
    frame = adjective_frame(doc[2], lex)
    assert frame is not None and frame.entry.type == "ACCUSE"
    assert [t.text for t in frame.sources] == ["Seoul"] and [t.text for t in frame.targets] == ["pact"]
    # "concerned citizens": a description, no frame
    doc2 = parse([("concerned", "concerned", "ADJ", "JJ", 1, "amod"),
                  ("citizens", "citizen", "NOUN", "NNS", 1, "ROOT")])
    assert adjective_frame(doc2[0], lex) is None


def test_withdrawal_from_a_bloc_is_a_sanction(lex: Lexicon) -> None:
    # "Mali withdrew from the bloc ."
    doc = parse([("Mali", "Mali", "PROPN", "NNP", 1, "nsubj"), ("withdrew", "withdraw", "VERB", "VBD", 1, "ROOT"),
                 ("from", "from", "ADP", "IN", 1, "prep"), ("the", "the", "DET", "DT", 4, "det"),
                 ("bloc", "bloc", "NOUN", "NN", 2, "pobj"), (".", ".", "PUNCT", ".", 1, "punct")])
    frames = find_frames(doc[:], lex)
    assert [f.entry.type for f in frames] == ["SANCTION"]
