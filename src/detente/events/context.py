"""What the event coder's steps share: the text being coded (a window of a document), the sentence, the
roles settled so far, and the small vocabularies several steps read.

The steps get these as arguments; only what the resolver learns as it reads is kept in the document's
memory (:class:`detente.actors.memory.DocMemory`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from spacy.tokens import Span

from ..actors.memory import Resolution
from ..actors.reasons import Reason, ReasonKind
from ..when import EventDate

STATE_ORGANS = {"GOV", "COP", "MIL", "JUD", "SPY", "LEG"}  # sectors that act with a state's power
STATE_POWER = {"arrest", "deport", "censor", "curfew", "martial-law"}  # COERCE modes only a state's organs do
SUMMONING = {"summon", "expel", "recall"}
WILL = {"can", "ca", "will", "wo", "would", "shall"}  # ("ca" and "wo" as the tokenizer splits "can't", "won't")
IMPLICIT_SPEAKER = Reason(ReasonKind.IMPLICIT_SPEAKER)


@dataclass(frozen=True)
class Window:
    """The text one call of :meth:`EventCoder.code` codes: a document, or one window of a long one."""

    published: str | None
    source_text: str  # the original text (dateline included), which evidence sentences quote
    dateline_end: int  # mentions before this offset are the dateline's, not actors
    today: EventDate | None  # the day the lead gives for the story, else the day of publication
    groups: itertools.count[int]  # numbers for the groups of events one act with several parties makes


@dataclass(frozen=True)
class Sentence:
    """The sentence whose frames are coded, with what its events' rules need of the text around it."""

    span: Span
    window: Window
    last_date: EventDate | None  # the day the sentence before gave, for one that continues it ("In particular")
    clause_targets: dict[int, list[Resolution]]  # the targets of the sentence's verbs coded so far, by anchor


@dataclass(frozen=True)
class Roles:
    """Who does an act (sources) to whom (targets), as the steps of :meth:`EventCoder._events` settle it."""

    sources: list[Resolution]
    targets: list[Resolution]


__all__ = ["IMPLICIT_SPEAKER", "STATE_ORGANS", "STATE_POWER", "SUMMONING", "WILL", "Roles", "Sentence", "Window"]
