"""The geolocation stage: the place of each coded event, resolved offline.

Runs after the ``detente`` component (``nlp.add_pipe("detente_locate")``) and adds ``location`` to
each event record. An event gets a place when

1. its clause names one ("met in Sochi", "shelled villages near Kherson"), or else, for acts on the
   ground (attacks, arrests, protests, deployments),
2. an earlier sentence placed an act of the same kind between the same parties (the same real-world
   event told again: "The strike killed three"), or
3. the dateline names a place in a country the act involves.

Otherwise it has none: a missing place is better than a made-up one, so no capital is assumed.
Names are resolved against :mod:`detente.geo.gazetteer`, preferring places in the countries the
sentence and the document are about, then populous ones ("Paris" in a story about Texas).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..actors.kb import load_knowledge_base, norm
from ..boilerplate import dateline_end
from .gazetteer import Gazetteer, Place, admin_core, gazetteer
from .mentions import GROUND_TYPES, NAME_LABELS, Mention, clause_places, place_mentions

_KIND_PRIOR = {"country": 6.0, "region": 5.0, "sea": 5.0, "island": 5.0, "site": 5.0, "city": 3.0, "admin1": 2.5}
_PRECISION = {"country": "country", "admin1": "admin1"}  # every other kind is a place
_RANK = {"country": 3, "region": 2, "admin1": 2, "sea": 1, "island": 1, "site": 0, "city": 0}  # coarse to fine
_DATELINE_PLACE = re.compile(r"\s*([A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)?)(?:,\s*([A-Z][A-Za-z.' ]+?))?\s*[,(—–:-]")
_LARGE_TOWN = 50_000
_LEAD_SENTENCES = 3
_VERBAL = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
_COREFERENCE_SENTENCES = 6  # an earlier mention of the same act is looked for this far back
# acts on the ground share the place of another in the same sentence (the next sentence too: dev +0.02 of
# events placed, but 4% of placeless events given a place)
_SCENE_SENTENCES = 0
_DIRECTION = re.compile(r"^(?:(?:north|south)?(?:east|west)?(?:ern)?|north(?:ern)?|south(?:ern)?|central|upper|lower|"
                        r"occupied|far)[ -]+", re.IGNORECASE)


class Resolver:
    """Chooses among a name's homonyms with the document's countries."""

    def __init__(self, gaz: Gazetteer, doc_countries: Counter[str]) -> None:
        self.gaz = gaz
        self.doc_countries = doc_countries

    def resolve(self, text: str, division: bool = False, qualifier: str | None = None,
                near: Iterable[str] = ()) -> Place | None:
        candidates = list(self.gaz.candidates(text))
        if not candidates and _DIRECTION.match(text):  # "Eastern Ladakh", "northern Shan state"
            text = _DIRECTION.sub("", text)
            candidates = list(self.gaz.candidates(text))
        if division or not candidates:
            core = admin_core(text.lower())
            if core != text.lower():
                candidates += [p for p in self.gaz.candidates(core) if p.kind in ("admin1", "region")]
        narrowed: list[Place] = []
        if qualifier:
            within = [q for q in self.gaz.candidates(qualifier) if q.kind in ("country", "admin1")]
            narrowed = [p for p in candidates if any(_contains(q, p) for q in within)]
            candidates = narrowed or candidates
        if not candidates:
            return None
        near_set = set(near)
        key = norm(text)
        best = max(candidates, key=lambda p: self._score(p, division, near_set, key))
        involved = near_set | set(self.doc_countries)
        if best.kind == "city" and best.population < _LARGE_TOWN * 2 and involved and best.country not in involved \
                and not narrowed:
            return None  # a small town of a country the story is not about: a homonym ("Friendship, Maine")
        return best

    def _score(self, p: Place, division: bool, near: set[str], key: str) -> float:
        score = _KIND_PRIOR.get(p.kind, 3.0)
        own = norm(p.name) == key
        if own:
            score += 1.5  # its own name, not another place's old or local name ("Islamabad", not Anantnag)
        if p.geonames_id is None and p.kind not in ("country", "admin1"):
            score += 1.5  # a region, sea or site written for the gazetteer by hand outranks a town homonym
        if division:
            score += 2.0 if p.kind in ("admin1", "region") else -2.0
        if p.country in near and own:
            score += 3.0
        if p.country and self.doc_countries.get(p.country):
            score += 2.0
        elif p.country is None:
            score += 3.0  # open sea and places several states claim belong to every story ("the Pacific")
        if p.kind == "city":
            score += math.log10(p.population + 10) / 2
        elif p.kind == "admin1":
            score += math.log10(p.population + 10) / 4
        return score


def _contains(outer: Place, inner: Place) -> bool:
    if outer.kind == "country":
        return inner.country == outer.country
    return inner.country == outer.country and inner.admin1 == outer.admin1


def _location(place: Place, text: str, start: int, end: int, basis: str) -> dict[str, Any]:
    return {"place": text, "resolved": place.resolved, "geonames_id": place.geonames_id, "country": place.country,
            "admin1": place.admin1 if place.kind != "country" else None,
            "latitude": round(place.latitude, 4), "longitude": round(place.longitude, 4),
            "precision": _PRECISION.get(place.kind, "place"), "start": start, "end": end, "basis": basis}


def _trigger_tokens(doc: Doc, event: dict[str, Any]) -> tuple[Token, ...]:
    """The tokens of the event's trigger words in its sentence, head first ("intensified crackdown"
    stands for "intensified their crackdown")."""
    span = doc.char_span(event["start"], event["end"], alignment_mode="expand")
    if span is None:
        return ()
    words = event["trigger"].lower().split()
    found: list[Token] = []
    for tok in span:
        if words and tok.lower_ == words[0]:
            found.append(tok)
            words.pop(0)
        elif found and words and tok.i - found[-1].i > 4:
            found, words = [], event["trigger"].lower().split()  # a false start: look again further on
            if tok.lower_ == words[0]:
                found.append(tok)
                words.pop(0)
    if not found:
        return ()
    inside = set(found)
    heads = [t for t in found if t.head not in inside or t.head == t]
    return tuple([heads[0], *[t for t in found if t != heads[0]]]) if heads else tuple(found)


def _parties(event: dict[str, Any]) -> set[str]:
    return {a["country"] for a in (event.get("source"), event.get("target")) if a and a.get("country")}


# Coercion on the ground (arrests, raids) as against by decree or in court (bans, sentences, charges)
_PHYSICAL_COERCION = frozenset({"arrest", "arrested", "detain", "detained", "raid", "raided", "seize", "seized",
                                "disperse", "dispersed", "crackdown", "storm", "stormed", "abduct", "abducted",
                                "kidnap", "kidnapped", "capture", "captured", "evict", "evicted", "demolish",
                                "demolished", "beat", "gas", "round", "rounded", "arrests", "detentions", "raids",
                                "custody", "detention"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})


def on_the_ground(event: dict[str, Any]) -> bool:
    """Attacks, protests, deployments and physical coercion: acts a dateline or an earlier sentence places."""
    if event["type"] == "COERCE":
        return bool(_PHYSICAL_COERCION & set(event["trigger"].lower().split()))
    return event["type"] in GROUND_TYPES


def _told_again(ev: dict[str, Any], other: dict[str, Any]) -> bool:
    """EV names OTHER's act again: the same trigger word, or a definite noun ("the strike")."""
    words = ev["trigger"].lower().split()
    if set(words) & set(other["trigger"].lower().split()):
        return True
    sentence = ev["sentence"].lower()
    at = sentence.find(words[-1]) if words else -1
    before = sentence[:at].split()[-2:] if at > 0 else []
    return bool(_DEFINITE & set(before))


class Locator:
    """Adds ``location`` to the event records a Doc carries."""

    def __init__(self) -> None:
        self.gaz = gazetteer()
        self.kb = load_knowledge_base()

    def __call__(self, doc: Doc) -> Doc:
        events: list[dict[str, Any]] = doc._.detente_events or []
        if not events:
            return doc
        doc_countries: Counter[str] = Counter()
        for ev in events:
            doc_countries.update(_parties(ev))
        for actor in doc._.detente_actors or []:
            if actor.get("country"):
                doc_countries[actor["country"]] += 1
        resolver = Resolver(self.gaz, doc_countries)
        mentions = place_mentions(doc)
        dateline = self._dateline(doc, resolver)
        qualifiers = {m.qualifier for m in mentions if m.qualifier}
        resolved: dict[Mention, Place | None] = {}
        sentence_countries: dict[int, set[str]] = {}

        def place_of(m: Mention, ev: dict[str, Any]) -> Place | None:
            if m not in resolved and m.demonym:  # "Ukrainian territory": the country
                code = self.kb.adjective(m.text)
                resolved[m] = self.gaz.country(code) if code else None
            elif m not in resolved and self.kb.adjective(m.text):
                resolved[m] = None  # a national adjective is no town ("Thai" is not an old name of Alor Setar)
            if m not in resolved and m.text in ("capital", "here"):
                resolved[m] = self._deictic(m.text, dateline, ev)
            if m not in resolved:
                near = sentence_countries.get(m.root.sent.start, set())
                place = resolver.resolve(m.text, m.division, m.qualifier, near)
                if place is not None and m.label in NAME_LABELS and place.kind == "city" \
                        and place.population < _LARGE_TOWN:
                    place = None  # a name the model took for a person or a body is a town only if a large one
                resolved[m] = place
            return resolved[m]

        for m in mentions:  # countries the sentence names steer its other names ("Tripoli, in Libya")
            hits = [p for p in self.gaz.candidates(m.text) if p.kind == "country"]
            if hits:
                sentence_countries.setdefault(m.root.sent.start, set()).add(hits[0].country or "")
        located: list[tuple[int, dict[str, Any], dict[str, Any]]] = []  # (sentence index, event, location)
        sent_index = {s.start_char: i for i, s in enumerate(doc.sents)}
        for ev in events:
            ev["location"] = None
            words = _trigger_tokens(doc, ev)
            if not words:
                continue
            trigger = words[0]
            here = sent_index.get(trigger.sent.start_char, 0)
            chosen: tuple[Place, Mention] | None = None
            for m in clause_places(mentions, trigger, ev["type"], words[1:]):
                if m.text in qualifiers and any(o.qualifier == m.text and o.end < m.start for o in mentions):
                    continue  # "Texas" in "Paris, Texas"
                place = place_of(m, ev)
                if place is not None and m.town_only and place.kind not in ("city", "site"):
                    continue
                if place is not None and place.kind == "country" and ev["type"] in _VERBAL and ev.get("target") \
                        and ev["target"].get("country") == place.country:
                    continue  # "criticised gangsters in the United States": the addressee, not the venue
                if place is None:
                    continue
                if chosen is None:
                    chosen = (place, m)
                elif _RANK[place.kind] < _RANK[chosen[0].kind] and _contains(chosen[0], place):
                    chosen = (place, m)  # "in the Canadian province of British Columbia": the finer place
            if chosen is not None:
                place, m = chosen
                ev["location"] = _location(place, m.text, m.start, m.end, "clause")
            if ev["location"] is None:
                ev["location"] = self._earlier(located, ev, here)
            if ev["location"] is None and on_the_ground(ev):
                ev["location"] = self._from_dateline(dateline, ev, here)
            if ev["location"] is not None and ev["location"]["basis"] == "clause":
                located.append((here, ev, ev["location"]))
                self._place_actors(ev)
        return doc

    def _place_actors(self, ev: dict[str, Any]) -> None:
        """The people and places an act on the ground strikes belong where it strikes: a target the coder
        gave only the story's main country ("shelled villages" in a story about Russia) takes the country
        of the place the clause names ("... near Kharkiv"); so do protesters."""
        code = ev["location"]["country"]
        info = self.kb.countries.get(code or "")
        if info is None or ev["type"] not in GROUND_TYPES:
            return
        for role in ("target", "source") if ev["type"] == "PROTEST" else ("target",):
            actor = ev.get(role)
            reason = (actor or {}).get("reason") or ""
            if not actor or not reason.endswith("focus") or actor.get("country") == code \
                    or actor.get("sector") not in (None, "CVL"):
                continue
            kind = reason.split(":", 1)[1].split("+", 1)[0] if reason.startswith("role:") else None
            canonical = f"{info.name} ({kind})" if kind else self.kb.country_entry(code or "").canonical
            actor.update(country=code, canonical=canonical, reason=f"{reason}+place")

    @staticmethod
    def _earlier(located: list[tuple[int, dict[str, Any], dict[str, Any]]], ev: dict[str, Any],
                 here: int) -> dict[str, Any] | None:
        """The place of an earlier act of the same kind between the same parties, close by."""
        parties = _parties(ev)
        ground = on_the_ground(ev)
        for sent, other, loc in reversed(located):
            if here - sent > _COREFERENCE_SENTENCES:
                break
            if other["type"] != ev["type"] or not _told_again(ev, other):
                continue
            # an act on the ground by or on the same party; any other act only between the same parties
            # (what is said at a meeting is not placed at it: only the meeting itself is told again)
            if ground and (not parties or parties & _parties(other)) or (
                    ev["type"] == "CONSULT" and parties and parties == _parties(other)):
                return {**loc, "basis": "coreference"}
        for sent, other, loc in reversed(located):
            # the same scene: acts on the ground told in one sentence, by or on the same party
            # ("police fired tear gas and detained protesters in Nairobi")
            if here - sent > _SCENE_SENTENCES:
                break
            if ground and on_the_ground(other) and parties and parties & _parties(other):
                return {**loc, "basis": "coreference"}
        return None

    def _dateline(self, doc: Doc, resolver: Resolver) -> dict[str, Any] | None:
        text = doc._.source_text or doc.text
        end = dateline_end(text)
        if not end:
            return None
        match = _DATELINE_PLACE.match(text[:end + 1])
        if not match:
            return None
        place = resolver.resolve(match.group(1), qualifier=match.group(2))
        return _location(place, match.group(1), match.start(1), match.end(1), "dateline") if place else None

    def _deictic(self, word: str, dateline: dict[str, Any] | None, ev: dict[str, Any]) -> Place | None:
        """"here": the dateline's place; "the capital": the capital of the dateline's country, else of the
        country that acts."""
        if word == "here":
            if dateline is None:
                return None
            hits = [p for p in self.gaz.candidates(dateline["place"]) if p.country == dateline["country"]]
            return hits[0] if hits else None
        country = dateline["country"] if dateline else (ev.get("source") or {}).get("country")
        info = self.kb.countries.get(country or "")
        if info is None or not info.capital:
            return None
        hits = sorted((p for p in self.gaz.candidates(info.capital) if p.country == country and p.kind == "city"),
                      key=lambda p: -p.population)
        return hits[0] if hits else None

    @staticmethod
    def _from_dateline(dateline: dict[str, Any] | None, ev: dict[str, Any], here: int) -> dict[str, Any] | None:
        """The dateline's place, when it lies in a country the act involves (a story filed from Kyiv
        about arrests in Minsk is not placed in Kyiv)."""
        if dateline is None:
            return None
        parties = _parties(ev)
        if dateline["country"] in parties:
            return dict(dateline)
        # an attack on no state or force, told from the place it hit ("KHARKIV - Missiles killed four people")
        target = ev.get("target") or {}
        # (in the lead, the news the dateline files; not words quoted later about a war elsewhere)
        untargeted = ev["type"] == "ASSAULT" and (not target.get("country") or target.get("sector") in (None, "CVL")) \
            and here < _LEAD_SENTENCES and ev.get("quote") is None
        return dict(dateline) if untargeted else None


@Language.factory("detente_locate")
def make_locator(nlp: Language, name: str) -> Locator:
    return Locator()
