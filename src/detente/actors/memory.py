"""What a document has said so far: the resolved mentions a later pronoun or description points back to."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..records import Actor
from ..when import EventDate
from .kb import Entry
from .reasons import Reason, ReasonKind
from .words import NOT_FOCUS

_INSTITUTIONS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}


@dataclass
class Resolution:
    entry: Entry
    name: str
    reason: Reason
    is_person: bool = False
    confidence: float = 1.0

    def to_actor(self) -> Actor:
        return Actor(name=self.name, canonical=self.entry.canonical, country=self.entry.country,
                     sector=self.entry.sector, reason=str(self.reason))


@dataclass
class DocMemory:
    """What a document has said so far: learned names, the last actors (for pronouns), focus countries.

    A long document is coded in windows that share one memory. What a single event's rules need (the
    event's source, the targets of the sentence's verbs, the window's text and dateline) is passed to
    them as arguments, not kept here."""

    day: str | None = None
    learned: dict[str, Resolution] = field(default_factory=dict)
    last_person: Resolution | None = None
    last_group: Resolution | None = None
    last_thing: Resolution | None = None
    countries: Counter[str] = field(default_factory=Counter)
    mentions: dict[str, tuple[Entry, list[str]]] = field(default_factory=dict)

    last_subject: Resolution | None = None
    last_subject_person: Resolution | None = None
    previous_person: Resolution | None = None
    things: list[Resolution] = field(default_factory=list)  # states and bodies named so far, latest last
    speakers: list[tuple[int, int, Entry]] = field(default_factory=list)  # direct quotes and their speakers
    reports: list[tuple[int, int, Entry]] = field(default_factory=list)  # reported speech and its sources
    notes: dict[str, Resolution] = field(default_factory=dict)  # "handed him a protest": who wrote each kind
    last_plural: list[Resolution] = field(default_factory=list)  # the last compound subject ("X and Y")
    subjects_of: tuple[int, list[Resolution]] | None = None  # a verb's subjects so far ("Chad, Sudan and ...")
    # the last party named by a plural noun, and where ("the relatives ... They"): "they" is plural
    plural_party: tuple[int, Resolution] | None = None
    sentence_date: EventDate | None = None  # the last day-precise date of the current and of the previous sentence
    last_date: EventDate | None = None
    story_date: EventDate | None = None  # the day of the story the lead reports
    seen_text: bool = False  # a window with text has been coded: the next one has no dateline
    # the first state or body the document has as a subject: a statement's "we" outside quotes
    first_subject: Resolution | None = None

    def note(self, res: Resolution, subject: bool = False) -> None:
        if res.reason.kind is ReasonKind.PRONOUN:
            return  # keep the antecedent itself, so chains of pronouns stay anchored to it
        if res.is_person:
            if self.last_person is None or self.last_person.entry.canonical != res.entry.canonical:
                self.previous_person = self.last_person
            self.last_person = res
            if subject:
                self.last_subject_person = res
        elif res.entry.sector == "JRN":
            pass  # "..., Agence France-Presse reported. It said ...": news agencies relay, they are no antecedents
        elif res.entry.kind in ("country", "seat", "region", "collective", "org"):
            if subject and self.first_subject is None:
                self.first_subject = res
            self.last_thing = res
            if not self.things or self.things[-1].entry.canonical != res.entry.canonical:
                self.things = [*self.things[-15:], res]
            self.last_group = res
            if subject:
                self.last_subject = res
        else:
            self.last_group = res
            if res.entry.sector in _INSTITUTIONS and not res.name.lower().endswith("s"):
                self.last_thing = res  # "the Turkish army said one of its drones": a body is an "it"
                if subject and self.first_subject is None and res.entry.sector == "GOV":
                    self.first_subject = res
                if subject:
                    self.last_subject = res
            if res.entry.sector in ("GOV", "MIL", "REB", "OPP", "PTY") and (
                    not self.things or self.things[-1].entry.canonical != res.entry.canonical):
                self.things = [*self.things[-15:], res]  # "the Ethiopian government", "Tigrayan forces": parties
        if res.entry.country and res.entry.country not in ("IGO", "NGO", "MNC") and res.entry.sector != "JRN":
            self.countries[res.entry.country] += 1  # (a foreign news outlet does not move the story there)
        if res.reason.kind is not ReasonKind.PRONOUN:
            key = res.entry.canonical
            _, names = self.mentions.setdefault(key, (res.entry, []))
            if res.name not in names:
                names.append(res.name)


    sentence_countries: list[str] = field(default_factory=list)
    sentence_parties: list[str] = field(default_factory=list)  # the same with "the West"
    named: Counter[str] = field(default_factory=Counter)  # sentences naming each state so far
    acts: list[Any] = field(default_factory=list)  # the events coded so far (events.discourse.Act), oldest first
    sentence_places: list[str] = field(default_factory=list)  # countries of the places the sentence is set in

    @property
    def main_country(self) -> str | None:
        """The state the document has named most so far."""
        return next((c for c, _ in self.countries.most_common(3) if c not in NOT_FOCUS), None)

    @property
    def focus(self) -> str | None:
        """The country a bare role ("police", "protesters") most likely belongs to: the document's main
        country when the sentence names it too, else the sentence's first country, else the document's."""
        main = self.main_country
        if main and (main in self.sentence_countries or not self.sentence_countries):
            return main
        if self.sentence_countries:
            return self.sentence_countries[0]
        return main

    def reporter_at(self, idx: int) -> Entry | None:
        """The placed source of the reported speech ("according to X, ...", "X said ...") IDX lies in, if any."""
        return next((entry for start, end, entry in self.reports if start <= idx < end and entry.country), None)

    def speaker_at(self, idx: int) -> Entry | None:
        """The placed speaker of the direct quotation the character offset IDX lies in, if any."""
        return next((entry for start, end, entry in self.speakers if start <= idx < end and entry.country), None)

    @property
    def author(self) -> Resolution | None:
        """The voice of a statement that quotes no one: the state or body it opens with."""
        return self.first_subject if not self.speakers else None
