"""Why the resolver (or the event coder) settled on an actor: a kind, what it names, how its country was found.

A :class:`Reason` is structured so that rules test its kind and basis rather than the text; ``str(reason)``
is the text the output shows (``Actor.reason``): ``role:police+focus``, ``marked:place+focus``,
``learned:apposition:role:minister+adjective``, ``implicit:salience``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ReasonKind(StrEnum):
    """The path that found an actor; the value is the text the reason starts with."""

    # named in the knowledge base
    NAME = "name"
    SUB_PHRASE = "sub-phrase"
    SURNAME = "surname"
    FUZZY = "fuzzy"  # detail: the knowledge-base name it is a spelling variant of
    ACRONYM = "acronym"
    POSSESSOR_BODY = "possessor-body"
    # named earlier in the document
    LEARNED = "learned"  # inner: how it was learned
    NAME_PART = "name-part"  # one word of a full name seen before ("Shehbaz" after "Shehbaz Sharif")
    APPOSITION = "apposition"  # inner: the descriptive phrase's reason
    PRONOUN = "pronoun"
    QUOTE_SPEAKER = "quote-speaker"
    AUTHOR = "author"  # "we" in a statement that quotes no one: the body it opens with
    PAIR = "pair"  # detail: the canonical name of one of "both sides"
    GROUP = "group"  # detail: the canonical name of one of "the three governments" (the last compound subject)
    NOTE_OF = "note-of"  # detail: canonical name
    DOCUMENT_OF = "document-of"  # detail: canonical name
    RIVAL_OF = "rival-of"  # detail: canonical name, or "domestic"
    DESCRIPTION = "description"  # detail: canonical name; or basis: focus
    DEFINITE = "definite"  # detail: canonical name
    DEFINITE_IGO = "definite-igo"  # detail: canonical name
    # a country marker or a role
    ADJECTIVE = "adjective"
    DEMONYM = "demonym"  # one of a people: "the Turk", "a Briton"
    COORDINATED_MARKER = "coordinated-marker"
    HYPHEN_PAIR = "hyphen-pair"
    PERSON = "person"  # an unknown named person; basis: focus
    MARKED = "marked"  # a non-actor noun that stands for a country; basis: the marker
    REGIONAL_BODY = "regional-body"  # basis: the marker
    BORDER_WITH = "border-with"  # inner: the neighbour's reason
    MEMBER_OF = "member-of"  # detail: the party's canonical name
    LIVING_IN = "living-in"  # detail: the people's own entry ("Serbs in northern Kosovo")
    OFFICE = "office"  # detail: office@day; basis: the marker
    ROLE = "role"  # detail: the role noun; basis: how its country was found
    BODY_OF = "body-of"  # inner
    OF = "of"  # inner
    POSSESSIVE = "possessive"  # inner
    AFFILIATED = "affiliated"  # inner
    # the event coder's rules
    IMPLICIT_SALIENCE = "implicit:salience"
    IMPLICIT_REACTION = "implicit:reaction"
    IMPLICIT_SPEAKER = "implicit:speaker"
    IMPLICIT_AUTHORITIES = "implicit:authorities"  # basis: place, target or focus
    IMPLICIT_ATTACKER = "implicit:attacker"  # a weapon that strikes: the story's last attacker fired it
    IMPLICIT_HOLDER = "implicit:holder"  # a release told in the passive: by whoever took those released
    PROTEST = "protest"  # basis: focus
    FIRED_FROM = "fired-from"
    # speakers of quotes
    QUOTE_ORG = "quote-org"
    QUOTE_GROUP = "quote-group"
    QUOTE_PERSON = "quote-person"
    QUOTE_NAME = "quote-name"
    LEADERS_OFFICE = "leader's office"  # "President X's office": the Office of the President of the state


class Basis(StrEnum):
    """How the country of a role, a marked thing or a guess was found."""

    ADJECTIVE = "adjective"
    COMPOUND = "compound"
    HYPHEN = "hyphen"
    POSSESSIVE = "possessive"
    OF_PHRASE = "of-phrase"
    AFFILIATED = "affiliated"
    FOCUS = "focus"  # the story's country
    PLACE = "place"  # the place the sentence is set in
    PLACE_FOCUS = "place+focus"  # a place noun ("a village") in the story's country
    HOME = "home"
    NO_COUNTRY = "no-country"


# kinds whose basis follows a colon ("marked:adjective"); the others take a plus ("person+focus", "role:x+focus")
_BASIS_AFTER_COLON = frozenset({ReasonKind.MARKED, ReasonKind.REGIONAL_BODY, ReasonKind.DESCRIPTION})
# a name the text gives as such (quotes name the speaker as resolved, not as described)
_NAMED = frozenset({ReasonKind.NAME, ReasonKind.NAME_PART, ReasonKind.SUB_PHRASE, ReasonKind.SURNAME, ReasonKind.FUZZY,
                    ReasonKind.LEARNED, ReasonKind.OFFICE, ReasonKind.APPOSITION, ReasonKind.QUOTE_SPEAKER,
                    ReasonKind.QUOTE_ORG, ReasonKind.QUOTE_GROUP, ReasonKind.QUOTE_PERSON, ReasonKind.QUOTE_NAME,
                    ReasonKind.LEADERS_OFFICE})


@dataclass(frozen=True)
class Reason:
    """KIND, with what it names (DETAIL), how a country was found (BASIS) or the reason it builds on (INNER)."""

    kind: ReasonKind
    detail: str = ""
    basis: Basis | None = None
    inner: Reason | None = None

    def __str__(self) -> str:
        text = self.kind.value
        if self.inner is not None:
            return f"{text}:{self.inner}"
        if self.detail:
            text = f"{text}:{self.detail}"
        if self.basis is not None:
            text += f"{':' if self.kind in _BASIS_AFTER_COLON and not self.detail else '+'}{self.basis.value}"
        return text

    @property
    def last_basis(self) -> Basis | None:
        """The basis the reason ends with: its own, or that of the reason it builds on."""
        return self.inner.last_basis if self.inner is not None else self.basis

    @property
    def marks_a_place(self) -> bool:
        """A place noun of the story's country ("bombed a village"): where something happens, not who does it."""
        return self.kind is ReasonKind.MARKED and self.basis is Basis.PLACE_FOCUS

    @property
    def is_named(self) -> bool:
        """The actor is named as such (a knowledge-base name, a learned name, an office holder, a quote's speaker)."""
        return self.kind in _NAMED


def wrap(kind: ReasonKind, inner: Reason) -> Reason:
    """A reason that builds on another: ``of:name``, ``learned:apposition:...``."""
    return Reason(kind, inner=inner)


__all__ = ["Basis", "Reason", "ReasonKind", "wrap"]
