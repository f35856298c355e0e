"""Roles the text leaves implicit, filled from the document's discourse.

News copy often names only one party of an act ("New Delhi suspended the treaty", "Seoul lodged a
protest"); the other is clear from the story. A filled role carries its reason
(``implicit:salience``) and a lower confidence, so users can see and drop it.
"""

from __future__ import annotations

from ..actors.memory import DocMemory, Resolution
from ..actors.resolve import ActorResolver
from ..actors.words import NOT_FOCUS

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
    res = resolver.role_of(code, "government", "GOV", "implicit:salience")
    return Resolution(res.entry, "", res.reason, False, IMPLICIT_CONFIDENCE)
