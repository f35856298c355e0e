"""Roles the text leaves implicit, filled from the document's discourse.

News copy often names only one party of an act ("New Delhi suspended the treaty", "Seoul lodged a
protest"); the other is clear from the story. A filled role carries its reason
(``implicit:salience``) and a lower confidence, so users can see and drop it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..actors.memory import DocMemory, Resolution
from ..actors.reasons import Reason, ReasonKind
from ..actors.resolve import ActorResolver
from ..actors.words import NOT_FOCUS
from .lexicon import Lexicon

# Acts aimed at another party: a missing target is the story's salient counterpart.
DIRECTED = frozenset({"ACCUSE", "REJECT", "THREATEN", "REQUEST", "SANCTION", "ASSAULT", "COERCE", "CONSULT", "AGREE",
                      "SUPPORT", "AID", "COOPERATE", "CONCEDE", "RETREAT"})
# Regions, firms and NGOs are no counterparts; "the West" is, when the sentence names it.
_NO_PARTY = frozenset({"IGO", "NGO", "MNC", "EUR", "AFR", "ASA", "MEA", "LAM", "NAM"})
IMPLICIT_CONFIDENCE = 0.6


def counterpart(source_country: str | None, memory: DocMemory) -> str | None:
    """The state an act by a state with no named target is most likely aimed at: another party named in
    the sentence, else the most salient other state of the document. Bodies (IGO, "the West") as
    sources get none: their acts are aimed at anyone."""
    if source_country is None or source_country in NOT_FOCUS:
        return None
    for code in memory.sentence_parties:
        if code != source_country and code not in _NO_PARTY:
            return code
    for code, _ in (memory.countries + memory.named).most_common():
        if code != source_country and code not in NOT_FOCUS:
            return code
    return None


def implicit_target(etype: str, source: Resolution, memory: DocMemory, resolver: ActorResolver) -> Resolution | None:
    """The government of the counterpart state, for a directed act with a source and no target."""
    if etype not in DIRECTED:
        return None
    code = counterpart(source.entry.country, memory)
    if code is None:
        return None
    res = resolver.role_of(code, "government", "GOV", Reason(ReasonKind.IMPLICIT_SALIENCE))
    return Resolution(res.entry, "", res.reason, False, IMPLICIT_CONFIDENCE)


# Verbal reactions to another party's act: their target is that act's doer.
REACTIONS = frozenset({"ACCUSE", "SUPPORT", "REJECT", "REQUEST", "THREATEN"})
# Nouns that point back at an act without naming its kind: "condemned the move".
ACT_NOUNS = frozenset({"move", "decision", "action", "act", "step", "measure", "incident", "attack", "behaviour",
                       "behavior", "conduct", "policy", "violence", "aggression", "provocation", "announcement",
                       "statement", "remark", "comment", "rhetoric", "claim", "accusation", "allegation",
                       "this", "that"})  # ("This is a violation of his rights": the act just told)
REACTION_CONFIDENCE = 0.7
_LOOKBACK = 12  # acts: a reaction refers to something the story has just told


@dataclass(frozen=True)
class Act:
    """An event coded earlier in the document, for reactions that point back to it."""

    type: str
    verb: str  # the anchor's lemma
    noun: str  # the event noun's lemma (the anchor's for verbs)
    source: Resolution
    target: Resolution | None = None  # the first target, for harms told after the act ("two were injured")
    mutual: bool = False  # a clash, talks: both sides act
    sentence: int = -1  # where the act was told (the start of its sentence)


def reacted_actor(heads: list[Token], source: Resolution, memory: DocMemory, lex: Lexicon) -> Resolution | None:
    """The doer of the earlier act that a reaction's object names: "condemned the crackdown" after a
    crackdown by Georgia's police is aimed at them (``implicit:reaction``)."""
    for head in heads:
        lemma = head.lemma_.lower()
        entry = lex.nouns.get(lemma)
        if entry is None and lemma not in ACT_NOUNS:
            continue
        for act in reversed(memory.acts[-_LOOKBACK:]):
            if act.source.entry.canonical == source.entry.canonical:
                continue  # one's own act is not what one reacts to
            if entry is not None and act.type != entry.type and act.noun != lemma:
                continue
            return Resolution(act.source.entry, "", Reason(ReasonKind.IMPLICIT_REACTION), act.source.is_person,
                              REACTION_CONFIDENCE)
    return None
