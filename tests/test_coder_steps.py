"""The event coder's steps and the structured reasons of resolved actors (issue 12), on sentences written for
these tests with fixed parses: the tokens, heads and labels are given, so no parser model is needed."""

from __future__ import annotations

import itertools

import pytest
import spacy
from spacy.tokens import Doc

from detente.actors import ActorResolver, load_knowledge_base
from detente.actors.kb import Entry
from detente.actors.memory import DocMemory, Resolution
from detente.actors.reasons import Basis, Reason, ReasonKind, wrap
from detente.events.coder import (
    _confidence,
    _drop_misread_targets,
    _drop_summoned_envoys,
    _joint_act,
    _not_an_event,
    _retype,
)
from detente.events.context import Roles as _Roles
from detente.events.context import Sentence as _Sentence
from detente.events.context import Window as _Window
from detente.events.dating import event_date as _event_date
from detente.events.frames import Frame
from detente.events.lexicon import LexiconEntry
from detente.when import EventDate

_VOCAB = spacy.blank("en").vocab


def parse(rows: list[tuple[str, str, str, str, int, str]]) -> Doc:
    """ROWS: (word, lemma, pos, tag, head index, dep); the root points at itself."""
    words, lemmas, pos, tags, heads, deps = zip(*rows, strict=True)
    return Doc(_VOCAB, words=list(words), lemmas=list(lemmas), pos=list(pos), tags=list(tags),
               heads=list(heads), deps=list(deps))


def state(code: str, name: str, reason: Reason | None = None) -> Resolution:
    return Resolution(Entry(name, code, None, "country"), name, reason or Reason(ReasonKind.NAME))


KENYA, UGANDA = state("KEN", "Kenya"), state("UGA", "Uganda")


# -- reasons --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("reason", "text"), [
    (Reason(ReasonKind.NAME), "name"),
    (Reason(ReasonKind.ROLE, "police", Basis.FOCUS), "role:police+focus"),
    (Reason(ReasonKind.ROLE, "army", Basis.NO_COUNTRY), "role:army+no-country"),
    (Reason(ReasonKind.MARKED, basis=Basis.PLACE_FOCUS), "marked:place+focus"),
    (Reason(ReasonKind.MARKED, basis=Basis.OF_PHRASE), "marked:of-phrase"),
    (Reason(ReasonKind.REGIONAL_BODY, basis=Basis.POSSESSIVE), "regional-body:possessive"),
    (Reason(ReasonKind.PERSON, basis=Basis.FOCUS), "person+focus"),
    (Reason(ReasonKind.PROTEST, basis=Basis.FOCUS), "protest+focus"),
    (Reason(ReasonKind.IMPLICIT_AUTHORITIES, basis=Basis.PLACE), "implicit:authorities+place"),
    (Reason(ReasonKind.DESCRIPTION, basis=Basis.FOCUS), "description:focus"),
    (Reason(ReasonKind.DESCRIPTION, "Kenya"), "description:Kenya"),
    (Reason(ReasonKind.OFFICE, "president@2024-03-14", Basis.ADJECTIVE), "office:president@2024-03-14+adjective"),
    (Reason(ReasonKind.FUZZY, "wanjiru kamau"), "fuzzy:wanjiru kamau"),
    (Reason(ReasonKind.IMPLICIT_SALIENCE), "implicit:salience"),
    (Reason(ReasonKind.QUOTE_ORG), "quote-org"),
    (wrap(ReasonKind.LEARNED, wrap(ReasonKind.LEARNED, Reason(ReasonKind.NAME_PART))), "learned:learned:name-part"),
    (wrap(ReasonKind.LEARNED, wrap(ReasonKind.APPOSITION, Reason(ReasonKind.ROLE, "minister", Basis.ADJECTIVE))),
     "learned:apposition:role:minister+adjective"),
    (wrap(ReasonKind.OF, Reason(ReasonKind.NAME)), "of:name"),
])
def test_a_reason_reads_as_before(reason: Reason, text: str) -> None:
    assert str(reason) == text
    assert Resolution(KENYA.entry, "Kenya", reason).to_actor().reason == text


def test_rules_test_the_kind_of_a_reason_not_its_text() -> None:
    assert Reason(ReasonKind.MARKED, basis=Basis.PLACE_FOCUS).marks_a_place
    assert not Reason(ReasonKind.MARKED, basis=Basis.ADJECTIVE).marks_a_place
    assert not Reason(ReasonKind.ROLE, "place", Basis.FOCUS).marks_a_place
    # the basis a reason ends with is that of the reason it builds on
    assert wrap(ReasonKind.POSSESSIVE, Reason(ReasonKind.ROLE, "army", Basis.OF_PHRASE)).last_basis is Basis.OF_PHRASE
    assert Reason(ReasonKind.DESCRIPTION, "Kenya").last_basis is None
    assert Reason(ReasonKind.QUOTE_SPEAKER).is_named and wrap(ReasonKind.LEARNED, Reason(ReasonKind.NAME)).is_named
    assert not Reason(ReasonKind.PRONOUN).is_named and not Reason(ReasonKind.PERSON, basis=Basis.FOCUS).is_named


def test_memory_keeps_the_antecedent_of_a_pronoun() -> None:
    memory = DocMemory()
    memory.note(KENYA, subject=True)
    memory.note(Resolution(UGANDA.entry, "it", Reason(ReasonKind.PRONOUN)), subject=True)
    assert memory.last_subject is KENYA and "Uganda" not in memory.mentions


# -- the avoided source is an argument ---------------------------------------------------------------
def test_a_possessive_in_a_target_points_past_the_avoided_source() -> None:
    # "Kenya recalled its envoy ."
    doc = parse([("Kenya", "Kenya", "PROPN", "NNP", 1, "nsubj"), ("recalled", "recall", "VERB", "VBD", 1, "ROOT"),
                 ("its", "its", "PRON", "PRP$", 3, "poss"), ("envoy", "envoy", "NOUN", "NN", 1, "dobj"),
                 (".", ".", "PUNCT", ".", 1, "punct")])
    resolver = ActorResolver(load_knowledge_base([]))
    memory = DocMemory(things=[UGANDA, KENYA], last_thing=KENYA)
    assert resolver.resolve_one(doc[2], memory).entry.country == "KEN"  # type: ignore[union-attr]
    other = resolver.resolve_one(doc[2], memory, avoid=KENYA.entry)
    assert other is not None and other.entry.country == "UGA" and other.reason.kind is ReasonKind.PRONOUN


# -- the steps of an event --------------------------------------------------------------------------
def _agreed() -> Doc:
    # "Kenya and Uganda agreed ."
    return parse([("Kenya", "Kenya", "PROPN", "NNP", 3, "nsubj"), ("and", "and", "CCONJ", "CC", 0, "cc"),
                  ("Uganda", "Uganda", "PROPN", "NNP", 0, "conj"), ("agreed", "agree", "VERB", "VBD", 3, "ROOT"),
                  (".", ".", "PUNCT", ".", 3, "punct")])


def test_a_pair_of_sources_acts_jointly() -> None:
    doc = _agreed()
    entry = LexiconEntry("AGREE", symmetric=True)
    frame = Frame([doc[3]], entry, "verb", doc[3], sources=[doc[0], doc[2]])
    roles = _joint_act(frame, entry, _Roles([KENYA, UGANDA], []))
    assert roles == _Roles([KENYA], [UGANDA])
    # a place is where the pair acts, not whom it acts on
    village = Resolution(UGANDA.entry, "", Reason(ReasonKind.MARKED, basis=Basis.PLACE_FOCUS))
    assert _drop_misread_targets(frame, entry, _Roles([KENYA, UGANDA], [village])).targets == []


def test_an_unknown_person_summoned_is_no_national() -> None:
    # "Kenya summoned Odhiambo ."
    doc = parse([("Kenya", "Kenya", "PROPN", "NNP", 1, "nsubj"), ("summoned", "summon", "VERB", "VBD", 1, "ROOT"),
                 ("Odhiambo", "Odhiambo", "PROPN", "NNP", 1, "dobj"), (".", ".", "PUNCT", ".", 1, "punct")])
    frame = Frame([doc[1]], LexiconEntry("SANCTION"), "verb", doc[1], sources=[doc[0]], targets=[doc[2]])
    guessed = Resolution(Entry("Odhiambo", "KEN", None, "person"), "", Reason(ReasonKind.PERSON, basis=Basis.FOCUS))
    known = Resolution(Entry("Odhiambo", "KEN", "GOV", "person"), "", Reason(ReasonKind.NAME))
    assert _drop_summoned_envoys(frame, _Roles([KENYA], [guessed])).targets == []
    assert _drop_summoned_envoys(frame, _Roles([KENYA], [known])).targets == [known]


def test_a_missile_fired_at_no_one_is_a_test() -> None:
    # "Kenya fired a missile ."
    doc = parse([("Kenya", "Kenya", "PROPN", "NNP", 1, "nsubj"), ("fired", "fire", "VERB", "VBD", 1, "ROOT"),
                 ("a", "a", "DET", "DT", 3, "det"), ("missile", "missile", "NOUN", "NN", 1, "dobj"),
                 (".", ".", "PUNCT", ".", 1, "punct")])
    frame = Frame([doc[1], doc[3]], LexiconEntry("ASSAULT"), "light", doc[1], noun=doc[3], sources=[doc[0]])
    entry, roles = _retype(frame, _Roles([KENYA], []), [])
    assert (entry.type, entry.mode) == ("MOBILIZE", "weapons-test") and roles == _Roles([KENYA], [])
    assert not _not_an_event(frame, roles) and _not_an_event(frame, _Roles([], []))


def test_confidence_drops_for_a_missing_party_and_for_a_noun() -> None:
    doc = _agreed()
    entry = LexiconEntry("AGREE", confidence=0.8)
    verb = Frame([doc[3]], entry, "verb", doc[3])
    noun = Frame([doc[3]], entry, "noun", doc[3])
    assert _confidence(verb, entry, _Roles([KENYA], [UGANDA])) == 0.8
    assert _confidence(verb, entry, _Roles([KENYA], [])) == pytest.approx(0.8 * 0.75)
    assert _confidence(noun, entry, _Roles([], [UGANDA])) == pytest.approx(0.8 * 0.6 * 0.85)
    protest = LexiconEntry("PROTEST", confidence=0.8)
    assert _confidence(verb, protest, _Roles([KENYA], [])) == 0.8  # protests need no target


def test_the_date_of_an_event_comes_from_its_sentence_and_window() -> None:
    doc = _agreed()
    frame = Frame([doc[3]], LexiconEntry("AGREE"), "verb", doc[3])
    sunday = EventDate("2024-03-10", "day", "story date (Sunday)", -1)
    window = _Window("2024-03-14", doc.text, 0, sunday, itertools.count(1))
    # a verb in the simple past reports the news of the day: the story's day
    assert _event_date(frame, "asserted", _Sentence(doc[:], window, None, {})) == sunday
    assert _event_date(frame, "hypothetical", _Sentence(doc[:], window, None, {})) is None
    # "In particular, ..." continues the sentence before: its day
    cont = parse([("In", "in", "ADP", "IN", 4, "prep"), ("particular", "particular", "ADJ", "JJ", 0, "pobj"),
                  (",", ",", "PUNCT", ",", 4, "punct"), ("Kenya", "Kenya", "PROPN", "NNP", 4, "nsubj"),
                  ("agreed", "agree", "VERB", "VBD", 4, "ROOT"), (".", ".", "PUNCT", ".", 4, "punct")])
    before = EventDate("2024-03-12", "day", "Tuesday", 0)
    frame = Frame([cont[4]], LexiconEntry("AGREE"), "verb", cont[4])
    assert _event_date(frame, "hypothetical", _Sentence(cont[:], window, before, {})) == before
