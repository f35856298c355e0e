"""Typed records: what detente reads (Document) and what it writes (Result).

The JSON shape of ``Result`` is the output contract of DESIGN.md; extra fields are
allowed by the contract and kept small.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",
    "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
Status = Literal["asserted", "negated", "hypothetical", "reported_claim"]
QuoteKind = Literal["direct", "indirect", "mixed"]


class Document(BaseModel):
    """One input article."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="YYYY-MM-DD or null")
    path: str | None = None


class Actor(BaseModel):
    """A coded participant: surface name plus knowledge-base codes."""

    name: str | None = Field(description="the words in the sentence")
    canonical: str | None = None
    country: str | None = Field(default=None, description="ISO 3166 alpha-3, IGO, WST, NGO, MNC")
    sector: str | None = None
    reason: str | None = Field(default=None, description="which rule or entry resolved it")


Precision = Literal["place", "admin1", "country"]


class Location(BaseModel):
    """Where an event happened, when the text says so (never a default capital)."""

    place: str = Field(description="the place as the text writes it")
    resolved: str | None = Field(default=None, description="gazetteer name with what contains it")
    geonames_id: int | None = None
    country: str | None = Field(default=None, description="ISO 3166 alpha-3; null for open sea")
    admin1: str | None = Field(default=None, description="first-level division")
    latitude: float | None = None
    longitude: float | None = None
    precision: Precision = "place"
    start: int = Field(description="evidence span: offsets of the place name in the text")
    end: int
    basis: Literal["clause", "dateline", "coreference"] = Field(
        default="clause", description="named in the event's clause, the dateline, or an earlier sentence "
                                      "about the same act")


class Event(BaseModel):
    type: EventType
    mode: str | None = None
    quad: int
    score: float
    cameo: str
    source: Actor | None
    target: Actor | None
    sentence: str
    start: int
    end: int
    trigger: str
    date: str | None = None
    date_text: str | None = None
    date_precision: Literal["day", "month", "year"] | None = None
    status: Status = "asserted"
    confidence: float = 0.5
    group: str | None = None
    quote: int | None = Field(default=None, description="index of the quote the event lies in")
    location: Location | None = None


class Quote(BaseModel):
    text: str
    speaker: str | None = None
    speaker_actor: Actor | None = None
    kind: QuoteKind = "direct"
    cue: str | None = None
    start: int
    end: int


class ActorSummary(BaseModel):
    canonical: str
    country: str | None = None
    sector: str | None = None
    mentions: list[str] = Field(default_factory=list)


class Result(BaseModel):
    """Everything detente found in one document (or the error that stopped it)."""

    id: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    actors: list[ActorSummary] = Field(default_factory=list)
    error: str | None = None
    error_code: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None
