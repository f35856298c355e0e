"""Descriptions that stand for an actor named before: "both sides", "the South American country",
"its neighbour", "their rivals", "the measure", "the bloc", "people close to Ortega"."""

from __future__ import annotations

from spacy.tokens import Token

from .kb import Entry, KnowledgeBase, norm
from .memory import DocMemory, Resolution
from .reasons import Basis, Reason, ReasonKind, wrap
from .words import (
    AFFILIATION,
    COLLECTIVE_NOUNS,
    DOCUMENTS,
    DOMESTIC_GOV,
    DOMESTIC_RIVALS,
    NOT_FOCUS,
    NOTES,
    PART_NOUNS,
    PERSON_TITLES,
    REGIONS,
    RIVALS,
    SIDES,
    STATE_NOUNS,
)


class DescriptionRules:
    """Resolution rules for descriptive noun phrases; mixed into the ActorResolver."""

    kb: KnowledgeBase

    def _pronoun(self, head: Token, memory: DocMemory, *, avoid: Entry | None = None) -> Resolution | None:
        raise NotImplementedError

    def _resolve(self, head: Token, memory: DocMemory, *, avoid: Entry | None = None) -> Resolution | None:
        raise NotImplementedError

    def _pair(self, head: Token, memory: DocMemory) -> list[Resolution]:
        """ "both sides", "the two countries", "delegates from both sides": the last two states or parties
        the document named."""
        word = head.lemma_.lower()
        the_sides = word == "side" and head.tag_ == "NNS" and any(c.lower_ == "the" for c in head.lefts)
        # "Japarov and Rahmon met ... The leaders also signed a statement", "The two also discussed ...": the
        # two people just named
        the_two = head.lower_ == "two" and head.pos_ == "NUM" and head.dep_ in ("nsubj", "nsubjpass") \
            and any(c.lower_ == "the" for c in head.lefts)
        the_people = the_two or head.tag_ == "NNS" and [c.lower_ for c in head.lefts] == ["the"] \
            and word in PERSON_TITLES
        of_people = the_people or word in PERSON_TITLES | {"man", "woman"}
        if not the_two and (word not in SIDES or not (the_sides or the_people or any(
                c.lower_ in ("both", "two", "each") for c in head.lefts))):
            inner = _of_objects(head, ("of", "from"))
            return self._pair(inner[0], memory) if word in PART_NOUNS and inner else []
        pair: list[Resolution] = []
        first, last = memory.previous_person, memory.last_person
        # "The two presidents signed a statement", "the two men": the last two people named; "the sides"
        # after a meeting of two leaders: their states
        people = [] if first is None or last is None or first.entry.country == last.entry.country \
            else [Resolution(p.entry, head.text, Reason(ReasonKind.PAIR, p.entry.canonical), True, 0.8)
                  for p in (first, last)]
        if people and of_people:
            return people
        if the_people:  # ("the leaders" with no two people just named: "of the two countries", else none)
            inner = _of_objects(head, ("of",))
            return self._pair(inner[0], memory) if inner else []
        for res in reversed(memory.things):  # two states, or two parties of one state's conflict
            taken = {r.entry.country for r in pair} if res.entry.kind in ("country", "seat") else set()
            if res.entry.country and res.entry.country not in NOT_FOCUS | taken and \
                    res.entry.canonical not in {r.entry.canonical for r in pair}:
                pair.append(Resolution(res.entry, head.text, Reason(ReasonKind.PAIR, res.entry.canonical), False, 0.7))
            if len(pair) == 2:
                return pair[::-1]
        return people

    def role_of(self, code: str, role: str, sector: str, reason: Reason) -> Resolution:
        """A generic actor of a country: its protesters, its government."""
        info = self.kb.countries.get(code)
        cname = info.name if info else code
        canonical = f"Government of {cname}" if sector == "GOV" else f"{cname} ({role})"
        return Resolution(Entry(canonical, code, sector, "role"), role, reason, False, 0.7)

    def _hyphen_pair(self, head: Token) -> list[Resolution]:
        """ "joint Russian-Chinese exercises", "US-Japanese talks": both states."""
        parts = head.text.split("-")
        doc = head.doc
        if len(parts) == 1 and head.i >= 2 and doc[head.i - 1].text == "-" and doc[head.i - 1].whitespace_ == "":
            parts = [doc[head.i - 2].text, head.text]  # tokenised apart: "Russian", "-", "Chinese"
        if len(parts) != 2 or head.dep_ not in ("amod", "compound", "nmod"):
            return []
        codes = [self.kb.country_code(p) for p in parts]
        if not all(codes) or codes[0] == codes[1]:
            return []
        return [Resolution(self.kb.country_entry(str(c)), p, Reason(ReasonKind.HYPHEN_PAIR), False, 0.8)
                for c, p in zip(codes, parts, strict=True)]

    def _described_state(self, head: Token, memory: DocMemory, *, avoid: Entry | None = None) -> Resolution | None:
        """ "the South American country", "its neighbour", "their rivals", "the measure", "the protest":
        a state, party or body named before, other than AVOID, the one the event starts from."""
        word = head.lemma_.lower()
        dets = {c.lower_ for c in head.children if c.dep_ in ("det", "poss")}
        if word in NOTES and head.tag_ == "NN" and "the" in dets and not any(c.dep_ == "prep" for c in head.children):
            # "The protest condemned ...", "The statement urged ...": the note of the last actor who spoke
            author = memory.notes.get(word) or memory.last_subject or memory.last_thing
            return Resolution(author.entry, "", Reason(ReasonKind.NOTE_OF, author.entry.canonical), False, 0.6) \
                if author else None
        if word in DOCUMENTS and "the" in dets:  # "the measure called on Russia": the body that adopted it
            body = next((r for r in reversed(memory.things) if r.entry.country == "IGO" or r.entry.sector == "LEG"),
                        None)
            return Resolution(body.entry, "", Reason(ReasonKind.DOCUMENT_OF, body.entry.canonical), False, 0.6) \
                if body else None
        if word in RIVALS and dets & {"its", "their", "his", "her"}:
            return self._rival(head, memory, avoid)
        if word in STATE_NOUNS and head.pos_ == "NOUN" and head.tag_ == "NN" and dets & {"the", "its", "their"}:
            return self._state(head, word, memory, avoid)
        return None

    def _possessor(self, head: Token, memory: DocMemory) -> Resolution | None:
        """Whom the possessive pronoun of HEAD stands for ("its neighbour": its = the clause's own actor, the
        event's source included)."""
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        return self._pronoun(owner, memory) if owner is not None and owner.pos_ == "PRON" else None

    def _rival(self, head: Token, memory: DocMemory, avoid: Entry | None) -> Resolution | None:
        """ "the army ... citing violations by their paramilitary rivals": the other party named last (not
        AVOID, the event's source)."""
        mine = self._possessor(head, memory)
        skip = {mine.entry.canonical if mine else None, avoid.canonical if avoid else None}
        home = mine.entry.country if mine else None
        candidates = [r for r in reversed(memory.things) if r.entry.canonical not in skip
                      and r.entry.country not in NOT_FOCUS]
        # a rival party of one's own state first (civil wars), then any other actor
        other = next((r for r in candidates if r.entry.country == home and r.entry.kind not in ("country", "seat")),
                     None)
        domestic = any(c.lower_ in DOMESTIC_RIVALS for c in head.lefts)
        if other is None and domestic and home:  # "their paramilitary rivals", named later if at all
            return self.role_of(home, "rivals", "REB", Reason(ReasonKind.RIVAL_OF, "domestic"))
        other = other or (candidates[0] if candidates else None)
        return Resolution(other.entry, "", Reason(ReasonKind.RIVAL_OF, other.entry.canonical), False, 0.6) \
            if other else None

    def _state(self, head: Token, word: str, memory: DocMemory, avoid: Entry | None) -> Resolution | None:
        """ "the South American country", "its neighbour", "the nation's assets": a state other than that of
        AVOID, the event's source."""
        if any(c.dep_ == "prep" and any(o.pos_ == "PROPN" for o in c.children) for c in head.children):
            return None  # "the country of Moldova": the marker decides
        markers = [self.kb.adjective(f"{head.doc[c.i - 1].text} {c.text}") or self.kb.adjective(c.text)
                   for c in head.children if c.dep_ in ("amod", "compound") and c.i > 0]
        if any(m and m not in REGIONS for m in markers):
            return None  # "the Moldovan state": the adjective decides; "the South American country" does not
        skip = {avoid.country if avoid else None}
        plain = word in ("country", "nation", "state", "republic", "kingdom") and not markers \
            and not any(c.dep_ == "poss" for c in head.children)
        if plain and memory.focus and memory.focus not in skip:  # "the nation's assets": the story's country
            return Resolution(self.kb.country_entry(memory.focus), "", _DESCRIBED_FOCUS, False, 0.6)
        mine = self._possessor(head, memory)
        if any(c.dep_ == "poss" for c in head.children):
            skip.add(mine.entry.country if mine else None)
        for res in reversed(memory.things):
            if res.entry.kind in ("country", "seat") and res.entry.country not in skip \
                    and res.entry.country not in NOT_FOCUS:
                return Resolution(res.entry, "", Reason(ReasonKind.DESCRIPTION, res.entry.canonical), False, 0.6)
        return None

    def _affiliated(self, head: Token, memory: DocMemory, *, avoid: Entry | None = None) -> Resolution | None:
        """ "businessmen close to Maduro", "militias loyal to Tehran", "a group aligned with the government": the
        side they belong to."""
        for mod in head.rights:
            if mod.dep_ in ("amod", "acl") and (mod.lower_ in AFFILIATION or mod.lemma_.lower() in AFFILIATION):
                for obj in (o for p in mod.children if p.dep_ == "prep" and p.lower_ in ("to", "with")
                            for o in p.children if o.dep_ == "pobj"):
                    inner = self._resolve(obj, memory, avoid=avoid)
                    if inner is not None and inner.entry.country:
                        entry = Entry(f"{inner.entry.canonical} (affiliates)", inner.entry.country,
                                      inner.entry.sector, "role")
                        return Resolution(entry, "", wrap(ReasonKind.AFFILIATED, inner.reason), False, 0.6)
        return None

    def _definite_description(self, head: Token, memory: DocMemory) -> Resolution | None:
        """ "the assembly", "the council", "the bloc": an actor named earlier whose name holds the noun."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
            return None
        word = head.lemma_.lower()
        for entry, names in reversed(list(memory.mentions.values())):
            # "the jets" after "a Thai F-16 fighter jet": a described actor of a known state counts too
            described = entry.kind == "role" and entry.country is not None and word not in DOMESTIC_GOV \
                and entry.sector not in ("GOV", None)
            if (entry.kind in ("org", "person") or described) and (
                    word in norm(entry.canonical).split() or any(word in _lemmas(n) for n in names)):
                return Resolution(entry, "", Reason(ReasonKind.DEFINITE, entry.canonical), entry.kind == "person", 0.8)
        if word in COLLECTIVE_NOUNS:  # "the bloc" after "Ecowas": the last international body named
            for entry, _names in reversed(list(memory.mentions.values())):
                if entry.country == "IGO":
                    return Resolution(entry, "", Reason(ReasonKind.DEFINITE_IGO, entry.canonical), False, 0.7)
        return None


_DESCRIBED_FOCUS = Reason(ReasonKind.DESCRIPTION, basis=Basis.FOCUS)  # "the country": the story's


def _lemmas(name: str) -> set[str]:
    """The words of a mention with a plural -s dropped, so "the jets" finds "a fighter jet"."""
    words = norm(name).split()
    return set(words) | {w[:-1] for w in words if w.endswith("s") and len(w) > 3}


def _of_objects(head: Token, preps: tuple[str, ...]) -> list[Token]:
    """The objects of HEAD's prepositions in PREPS ("the leaders of the two countries")."""
    return [o for c in head.children if c.dep_ == "prep" and c.lower_ in preps for o in c.children if o.dep_ == "pobj"]
