"""Resolve a noun phrase of a parsed sentence to a knowledge-base actor, in context and by date.

Paths, tried in order (the ``reason`` of each result, a :class:`Reason`, names the one that matched):
pronoun (document memory) -> named entry (exact, longest sub-phrase, surname, fuzzy) ->
learned name (earlier apposition in the document) -> role noun with a country marker
(adjective, possessive, compound, "of"/"in" phrase) -> office holder by date ->
document focus country for bare roles ("protesters", "the police").
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz, process
from spacy.tokens import Span, Token

from ..spans import entity_span
from .describe import DescriptionRules
from .kb import Entry, KnowledgeBase, norm
from .memory import DocMemory, Resolution
from .reasons import Basis, Reason, ReasonKind, wrap
from .words import (
    BODY_HEADS,
    COLLECTIVE_NOUNS,
    DOMESTIC_GOV,
    DOMESTIC_SECTORS,
    ENTITY_LABELS,
    FIRST_PERSON,
    HYPHEN_MARKERS,
    LEADERS_CIRCLE,
    MANNER_NOUNS,
    MODIFIER_DEPS,
    NAME_PARTICLES,
    NOT_ACTORS,
    NOT_FOCUS,
    ORG_HEADS,
    PART_NOUNS,
    PERSON_PRONOUNS,
    PERSON_TITLES,
    PLACES,
    PLURAL_PRONOUNS,
    REGIONS,
    SIDES,
    SIGNED_COMPACTS,
    THING_PRONOUNS,
    UNITS,
    VEHICLES,
)


def phrase_tokens(head: Token) -> list[Token]:
    """The head with its left modifiers (determiners, adjectives, compounds, possessives)."""
    toks = [head]
    for child in head.lefts:
        if child.dep_ in MODIFIER_DEPS:
            toks.extend(child.subtree)
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "case") or (child.dep_ == "appos" and child.ent_type_ == head.ent_type_
                                                         and child.ent_type_ == "ORG" and child.i == head.i + 1):
            toks.extend(child.subtree)
    return sorted(set(toks), key=lambda t: t.i)


_ARMED_FORCES = frozenset({"army", "military", "armed forces", "defence forces", "defense forces"})
# the name of a state's whole armed forces, as against one arm or command ("Israeli Air Force")
_WHOLE_FORCES = re.compile(r"Armed Forces|Defen[cs]e Forces?|People's Liberation Army|Tatmadaw|Korean People's Army")


_CONNECTORS = frozenset({"of", "for", "and", "the", "on", "in"})


def _title_run(head: Token) -> Span | None:
    """The run of capitalised words (with "of", "for", "and" between them) that HEAD stands in, if longer
    than one word: "Reporters Without Borders", "Committee to Protect Journalists"."""
    if not head.is_title:
        return None
    doc, sent = head.doc, head.sent

    def part(i: int) -> bool:
        return sent.start <= i < sent.end and (doc[i].is_title or doc[i].lower_ in _CONNECTORS
                                               and i + 1 < sent.end and doc[i + 1].is_title)
    lo = hi = head.i
    while part(lo - 1):
        lo -= 1
    while part(hi + 1):
        hi += 1
    while lo < hi and doc[lo].lower_ in _CONNECTORS:
        lo += 1
    return doc[lo:hi + 1] if hi > lo else None


class ActorResolver(DescriptionRules):
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._person_names = {norm(p.canonical): p for p in kb.people}
        self._forces: dict[str, list[Entry]] = {}  # a state's military bodies in the knowledge base
        for entry in {e.canonical: e for e in kb.names.values() if e.kind == "org" and e.sector == "MIL"}.values():
            if entry.country:
                self._forces.setdefault(entry.country, []).append(entry)
        # fuzzy matching only among names whose surname starts alike: small candidate lists, fast
        self._by_prefix: dict[str, list[str]] = {}
        for key in self._person_names:
            self._by_prefix.setdefault(key.split()[-1][:3], []).append(key)
        self._fuzzy_cache: dict[str, str | None] = {}

    # -- public --------------------------------------------------------------------------------
    def resolve(self, head: Token, memory: DocMemory, *, with_conjuncts: bool = True,
                avoid: Entry | None = None) -> list[Resolution]:
        """The actors a noun phrase headed by HEAD stands for (several for "X and Y"). AVOID: the source
        of the event whose target the phrase is, which a possessive pronoun in it does not point to."""
        if head.lower_ in ("they", "them", "their") and memory.last_plural:
            # "Modi and Xi met ..., where they discussed ...": the last compound subject
            return [Resolution(r.entry, head.text, _PRONOUN, r.is_person, 0.7) for r in memory.last_plural]
        pair = self._pair(head, memory) or self._counted_group(head, memory) or self._hyphen_pair(head)
        if pair:
            return pair
        first = self.resolve_one(head, memory, avoid=avoid)
        found = [first] if first else []
        # "four individuals, including the party leader X": the named one over the people counted
        generic = first is not None and first.reason.kind is ReasonKind.ROLE and first.entry.sector == "CVL"
        if with_conjuncts and (first is None or generic or first.reason.kind is ReasonKind.OF
                               or first.reason.last_basis is Basis.OF_PHRASE):
            # "several Gulf states, including Qatar and Oman"; "the heads of Chile and Peru"
            preps = ("including",) if first is None or generic else ("of",)
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in preps):
                for obj in (o for o in prep.children if o.dep_ == "pobj"):
                    inner = self.resolve(obj, memory, avoid=avoid)
                    if len(inner) > 1 or first is None or generic and inner:
                        return inner
        if with_conjuncts:
            ent = entity_span(head) if head.ent_type_ else None
            # "Emmanuel Macron and Olaf Scholz" parsed with "Emmanuel" as the head: conjuncts of the whole name
            members = [c for t in (ent if ent is not None else [head]) for c in t.conjuncts if c.i > head.i
                       and (ent is None or c.i >= ent.end)]
            for appos in (c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"):
                members += [appos, *(c for c in appos.conjuncts if c.i > appos.i)]  # "The US, Russia, and France"
            for conj in sorted(set(members), key=lambda t: t.i):
                if conj.pos_ in ("PROPN", "NOUN", "PRON"):
                    res = self.resolve_one(conj, memory, avoid=avoid)
                    if res and (conj.dep_ != "appos" or res.entry.kind in ("country", "seat")) and \
                            res.entry.canonical not in {r.entry.canonical for r in found}:
                        found.append(res)
        if with_conjuncts and first is not None and len(found) == 1:
            for more in self._coordinated_markers(head, first):
                found.append(more)
                memory.note(more)  # "Thai and Cambodian troops": both are parties "both sides" may mean
        if head.dep_ in ("nsubj", "nsubjpass") and found and head.pos_ != "PRON":
            # "Chad, Sudan and Libya issued": the parser may give the verb several subjects; they are one group
            verb = head.head.i
            earlier = memory.subjects_of[1] if memory.subjects_of is not None and memory.subjects_of[0] == verb else []
            group = earlier + [r for r in found if r.entry.canonical not in {e.entry.canonical for e in earlier}]
            memory.subjects_of = (verb, group)
            memory.last_plural = group if len(group) > 1 else []
        return found

    def _coordinated_markers(self, head: Token, first: Resolution) -> list[Resolution]:
        """ "US and British activists", "French and German ministers": one actor of each marked state."""
        if head.pos_ not in ("NOUN", "PROPN") or first.entry.kind not in ("role", "country", "seat"):
            return []
        more: list[Resolution] = []
        for marker in (c for c in head.lefts if c.dep_ in ("amod", "nmod", "compound")):
            if not any(marker.i < c.i < head.i for c in marker.conjuncts):
                continue
            # "Kyrgyz and Tajik border guards": each marker of the coordination, the first included
            for conj in (c for c in (marker, *marker.conjuncts) if c.i < head.i):
                code = self.kb.country_code(conj.text)
                if code is None or code in {first.entry.country, *(r.entry.country for r in more)}:
                    continue
                entry = self.kb.country_entry(code)
                if first.entry.kind != "country":
                    state = entry.canonical
                    canonical = f"Government of {state}" if first.entry.sector == "GOV" else f"{state} ({head.lemma_})"
                    entry = Entry(canonical, code, first.entry.sector, "role")
                mention = f"{conj.text} {head.text}"
                more.append(Resolution(entry, mention, Reason(ReasonKind.COORDINATED_MARKER), first.is_person,
                                       first.confidence))
        return more

    def resolve_one(self, head: Token, memory: DocMemory, *, avoid: Entry | None = None) -> Resolution | None:
        res = self._resolve(head, memory, avoid=avoid)
        if res is not None and res.entry.kind == "person":
            office = res.entry.office_on(memory.day)
            if office is not None and office.country and office.country != res.entry.country:
                # Kaja Kallas in 2023 speaks for Estonia, in 2025 for the EU
                res = Resolution(replace(res.entry, country=office.country), res.name, res.reason, res.is_person,
                                 res.confidence)
        if res is not None:
            memory.note(res, subject=head.dep_ in ("nsubj", "nsubjpass") and res.reason.kind is not ReasonKind.MARKED)
            if head.tag_ in ("NNS", "NNPS") and res.reason.kind is not ReasonKind.MARKED \
                    and res.entry.kind not in ("country", "seat"):
                memory.plural_party = (head.i, res)
            if res.is_person and res.reason.kind in _NAME_PATHS and res.entry.kind == "person":
                # "Shehbaz" after "Shehbaz Sharif", "Cho" after "Cho Tae-yul"
                _learn_parts(norm(res.entry.canonical), Resolution(res.entry, "", _NAME_PART, True, 0.9), memory)
        return res

    # -- paths ---------------------------------------------------------------------------------
    def _resolve(self, head: Token, memory: DocMemory, *, avoid: Entry | None = None) -> Resolution | None:
        low = head.lower_
        if head.dep_ == "pobj" and head.head.lower_ == "in" and head.lemma_.lower() in MANNER_NOUNS \
                and not any(c.dep_ in ("det", "poss") for c in head.children):
            return None  # "recalled its envoy in protest", "in response": how, not who
        if head.pos_ == "NUM":  # "one of its helicopters", "two of the soldiers": the group counted from
            group = [o for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                     if o.dep_ == "pobj"]
            if group:
                return self._resolve(group[0], memory, avoid=avoid)
        if head.ent_type_ in NOT_ACTORS and not (head.pos_ == "NOUN" and head.ent_type_ == "CARDINAL"):
            # "met with President Bashar Assad Tuesday": the parser may hang the name on the date
            names = [c for c in head.lefts if c.dep_ == "compound" and c.ent_type_ not in NOT_ACTORS]
            return self._resolve(names[-1], memory, avoid=avoid) if names else None
        if head.pos_ == "ADJ" or (head.ent_type_ == "NORP" and head.dep_ in ("amod", "compound")):
            prev = head.doc[head.i - 1] if head.i > 0 else None
            code = (self.kb.adjective(f"{prev.text} {head.text}") if prev is not None else None) \
                or self.kb.adjective(head.text)  # "Israeli attacks", "North Korean missiles"
            if code is None:
                return None
            return Resolution(self.kb.country_entry(code), head.text, Reason(ReasonKind.ADJECTIVE), False, 0.8)
        if head.pos_ == "PRON" or low in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS:
            return self._pronoun(head, memory, avoid=avoid)
        toks = phrase_tokens(head)
        text = _text(toks)
        one_of = self._one_of_people(head)
        if one_of is not None:
            one_of.name = text
            return one_of
        res = self._named(head, toks, memory)
        if res is None:
            res = self._described_state(head, memory, avoid=avoid)
        if res is None:
            res = self._role(head, toks, memory, avoid=avoid)
            if res is not None and head.pos_ == "PROPN" and res.reason.kind is ReasonKind.ROLE:
                res = self._titled_person(head, toks, res, memory)
        if res is None and head.lemma_.lower() in PART_NOUNS | COLLECTIVE_NOUNS | {"regime", "authority",
                                                                                     "administration"}:
            res = self._of_phrase(head, memory, avoid=avoid)
        if res is None:
            res = self._marked_thing(head, toks, memory, avoid=avoid)
        if res is None:
            res = self._affiliated(head, memory, avoid=avoid)
        if res is None and head.ent_type_ == "PERSON" and memory.focus:
            # an unknown named person in a news story is most often a national of the story's country
            name = _text(_person_tokens(toks)) or head.text
            res = Resolution(Entry(name, memory.focus, None, "person"), "", _PERSON_FOCUS, True, 0.5)
            key = norm(name)
            if len(key.split()) > 1:  # later "Kertesz" is the same "Gabor Kertesz"
                memory.learned.setdefault(key, res)
                _learn_parts(key, res, memory)
        if res is None:
            return None
        if res.entry.kind == "people":
            res = self._living_in(head, res, memory)
        res.name = text
        return res

    def _counted_group(self, head: Token, memory: DocMemory) -> list[Resolution]:
        """ "Mali, Burkina Faso and Niger issued a statement. The three governments condemned ...": a counted
        plural of states is the last compound subject of that many parties."""
        count = next((_COUNTS.get(c.lower_) for c in head.lefts if c.dep_ == "nummod"), None)
        if count is None or head.lemma_.lower() not in SIDES or len(memory.last_plural) != count:
            return []
        return [Resolution(r.entry, _text(phrase_tokens(head)), Reason(ReasonKind.GROUP, r.entry.canonical), False, 0.7)
                for r in memory.last_plural]

    def _titled_person(self, head: Token, toks: list[Token], res: Resolution, memory: DocMemory) -> Resolution:
        """ "US envoy Morgan Ortagus": the title places the person; later "Ortagus" is the same person."""
        run = [t for t in toks if t.i <= head.i]
        start = len(run)
        while start > 0 and run[start - 1].pos_ == "PROPN":
            start -= 1
        if start == 0 or run[start - 1].lemma_.lower() not in PERSON_TITLES or start == len(run):
            return res
        name = _text(run[start:])
        key = norm(name)
        person = Resolution(Entry(name, res.entry.country, res.entry.sector, "person"), "", res.reason, True,
                            res.confidence)
        if key not in self.kb.names:
            memory.learned.setdefault(key, person)
            _learn_parts(key, person, memory)
        return person

    def _one_of_people(self, head: Token) -> Resolution | None:
        """ "the Turk", "a Briton", "the Frenchman": one person of a people, named by what they are."""
        if head.tag_ not in ("NN", "NNP") or not head.text[:1].isupper() \
                or not any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in head.children) \
                or any(c.dep_ in ("compound", "amod") for c in head.lefts):
            return None
        code = self.kb.demonym(head.text)
        if code is None:
            return None
        entry = Entry(f"{self.kb.country_entry(code).canonical} (person)", code, None, "person")
        return Resolution(entry, head.text, Reason(ReasonKind.DEMONYM), True, 0.7)

    def _living_in(self, head: Token, res: Resolution, memory: DocMemory) -> Resolution:
        """"Serbs in northern Kosovo", "ethnic Russians in Latvia": a people where they live are that
        state's people (the ethnic group is in the name)."""
        for obj in (o for c in head.children if c.dep_ == "prep" and c.lower_ == "in" for o in c.children
                    if o.dep_ == "pobj"):
            place = self._resolve(obj, memory)
            code = place.entry.country if place is not None and place.entry.kind in ("country", "region", "seat",
                                                                                   "place") else None
            if code and code != res.entry.country and code not in NOT_FOCUS:
                info = self.kb.countries.get(code)
                entry = Entry(f"{info.name if info else code} ({res.entry.canonical})", code, "CVL", "people")
                return Resolution(entry, res.name, Reason(ReasonKind.LIVING_IN, res.entry.canonical), False,
                                  res.confidence * 0.9)
        return res


    def _marked_thing(self, head: Token, toks: list[Token], memory: DocMemory, *,
                      avoid: Entry | None = None) -> Resolution | None:
        """A non-actor noun with a country marker stands for that country: "Ukrainian territory",
        "the Chinese vessels", "a Russian military base"."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        if head.lemma_.lower() in ORG_HEADS:  # "the M23 group", "the Wagner network": the body named
            for mod in (c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"):
                entry = self.kb.lookup(head.doc[mod.left_edge.i:mod.i + 1].text)
                if entry is not None and entry.kind == "org":
                    return self._from_entry(entry, "", Reason(ReasonKind.SUB_PHRASE))
        if head.lemma_.lower() in ("border", "frontier", "boundary"):
            for obj in (o for c in head.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children
                        if o.dep_ == "pobj"):
                inner = self._resolve(obj, memory, avoid=avoid)  # "its border with Belarus": the neighbour
                if inner is not None:
                    return Resolution(inner.entry, "", wrap(ReasonKind.BORDER_WITH, inner.reason), inner.is_person,
                                      0.7)
        code, how = self._country_marker(head, toks, memory, avoid=avoid)
        if how is Basis.COMPOUND and head.lemma_.lower() in SIGNED_COMPACTS \
                and not any(self.kb.names_a_state(t.text) for t in toks if t.i != head.i):
            return None  # "the Minsk agreements" were signed in Minsk, not by Belarus
        confidence = 0.7
        if code in REGIONS and head.lemma_.lower() in COLLECTIVE_NOUNS:
            # "West Africa's regional bloc": a body of the region's states
            entry = Entry(f"{self.kb.country_entry(code).canonical} ({head.lemma_.lower()})", "IGO", "GOV", "org")
            return Resolution(entry, "", Reason(ReasonKind.REGIONAL_BODY, basis=how), False, 0.6)
        if how is Basis.POSSESSIVE and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children) \
                and head.lemma_.lower() not in VEHICLES | UNITS:  # "its helicopters" are its own
            code = None  # "his excesses", "his loyalty": a person's abstractions are not their country
        if code is None and head.lemma_.lower() in PLACES and memory.focus:
            code, how, confidence = memory.focus, Basis.PLACE_FOCUS, 0.5  # "bombed a village": where the story is
        if code is None:
            return None
        entry = self.kb.country_entry(code)
        return Resolution(entry, "", Reason(ReasonKind.MARKED, basis=how), False, confidence)

    def _pronoun(self, head: Token, memory: DocMemory, *, avoid: Entry | None = None) -> Resolution | None:
        """The antecedent of HEAD; AVOID: the event's source, which a possessive pronoun in its target does
        not point to (without it a possessive may point at the source: "its neighbour")."""
        low = head.lower_
        prev: Resolution | None = None
        if low in FIRST_PERSON:
            # "I express my gratitude ...": inside a direct quote, its speaker
            speaker = memory.speaker_at(head.idx)
            if speaker is not None:
                return Resolution(speaker, head.text, Reason(ReasonKind.QUOTE_SPEAKER),
                                  speaker.kind in ("person", "role"), 0.8)
            if low in ("we", "us", "our") and memory.author is not None:
                # "The U.S. government expresses its concern ... We stand with ...": a statement that quotes
                # no one speaks in its author's voice, the body it opens with
                return Resolution(memory.author.entry, head.text, Reason(ReasonKind.AUTHOR), False, 0.6)
            return None
        if low in PERSON_PRONOUNS:
            # "Wong praised Tran in a speech in which she also urged ...": subjects continue subjects
            prev = (memory.last_subject_person if head.dep_ in ("nsubj", "nsubjpass") else None) or memory.last_person
            if head.dep_ in ("dobj", "pobj", "dative") and prev is not None and memory.previous_person is not None:
                # "Trump met him": an object pronoun is not the clause's own subject
                subject = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
                if subject is not None and prev.name and subject.text in prev.name:
                    prev = memory.previous_person
        elif low in PLURAL_PRONOUNS and head.dep_ != "poss" and (local := self._plural_before(head, memory)):
            prev = local  # "his detention by the coup leaders ... would hold them responsible"
        elif low in PLURAL_PRONOUNS:
            near = memory.plural_party
            # "... the journalists' relatives, who are on hunger strike. They are protesting": a plural
            # party named in the last sentence or so beats a body re-read since
            prev = near[1] if near is not None and 0 < head.i - near[0] <= _PLURAL_REACH \
                else memory.last_group or memory.last_thing
        elif low in THING_PRONOUNS:
            # "It demanded ...": a subject pronoun most often continues the previous subject
            prev = (memory.last_subject if head.dep_ in ("nsubj", "nsubjpass") else None) or memory.last_thing
        if prev is not None and head.dep_ == "poss" and avoid is not None \
                and (low not in PLURAL_PRONOUNS or head.head.dep_ in ("dobj", "nsubjpass", "dative")) \
                and prev.entry.canonical == avoid.canonical:  # ("they protest the detention of their relatives")
            # "Congo decided to expel its ambassador": not Congo's own envoy but the other party's
            country = prev.entry.country
            prev = next((r for r in reversed(memory.things) if r.entry.country != country), None)
        if prev is None:
            return None
        return Resolution(prev.entry, head.text, _PRONOUN, prev.is_person, min(prev.confidence, 0.9) * 0.85)

    def _plural_before(self, head: Token, memory: DocMemory) -> Resolution | None:
        """The nearest plural party named earlier in HEAD's own sentence, not its clause's subject."""
        own_subjects = {c.i for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")}
        for tok in reversed(head.doc[head.sent.start:head.i]):
            if tok.tag_ != "NNS" or tok.i in own_subjects or tok.dep_ in ("compound", "poss"):
                continue
            res = self._resolve(tok, memory)
            if res is not None and res.entry.country and res.reason.kind is not ReasonKind.MARKED:
                return res
        return None

    def _named(self, head: Token, toks: list[Token], memory: DocMemory) -> Resolution | None:
        # 0. an acronym in apposition names the body exactly: "the ... Force in Lebanon (UNIFIL)"
        for appos in (c for c in head.children if c.dep_ == "appos" and c.text.isupper() and len(c.text) > 1):
            entry = self.kb.lookup(appos.text)
            if entry is not None and entry.kind == "org":
                return self._from_entry(entry, appos.text, Reason(ReasonKind.ACRONYM))
        # 0b. a capitalised name the entity tagger missed or cut: "Reporters Without Borders said"
        run = _title_run(head)
        if run is not None:
            entry = self.kb.lookup(run.text)
            if entry is not None and entry.kind == "org":
                return self._from_entry(entry, run.text, Reason(ReasonKind.NAME))
        # 1. the named entity the head belongs to
        spans: list[Span | list[Token]] = []
        if head.ent_type_ in ENTITY_LABELS:
            ent = entity_span(head)
            if ent is not None and any(t.text in (",", ";") for t in ent):
                # "Mali, Burkina Faso" tagged as one entity: a list of names, the head names its own part
                cuts = [t.i for t in ent if t.text in (",", ";")]
                start = max([c + 1 for c in cuts if c < head.i], default=ent.start)
                end = min([c for c in cuts if c > head.i], default=ent.end)
                ent = head.doc[start:end]
            if ent is not None:
                spans.append(ent)
                whole = self.kb.lookup(ent.text)  # "the People's Republic of China": a possessive inside a name
                if whole is not None and any(t.dep_ == "case" and t.i < ent.end - 1 for t in ent):
                    return self._from_entry(whole, ent.text, Reason(ReasonKind.NAME))
                for cut in (t for t in ent if t.dep_ == "case" and t.i > ent.start):
                    # "the African Union's Peace and Security Council": the possessor body
                    entry = self.kb.lookup(head.doc[ent.start:cut.i].text)
                    if entry is not None and entry.kind == "org":
                        return self._from_entry(entry, head.doc[ent.start:cut.i].text,
                                                Reason(ReasonKind.POSSESSOR_BODY))
                after = head.doc[ent.end] if ent.end < len(head.doc) else None
                if after is not None and after.lower_ in ("in", "of", "for") \
                        and ent.start <= after.head.i < ent.end:
                    # "the United Nations Mission in South Sudan": a name the entity tagger cut short
                    longer = head.doc[ent.start:max(t.i for t in after.subtree) + 1]
                    entry = self.kb.lookup(longer.text)
                    if entry is not None:
                        return self._from_entry(entry, longer.text, Reason(ReasonKind.NAME))
        spans.append(toks)
        for span in spans:
            words = [t for t in span if t.dep_ not in ("det", "case", "poss") or t.i == head.i]
            for start in range(max(0, len(words) - 8), len(words)):  # names are short: skip long prefixes
                cand = _text(words[start:])
                if not cand or not any(t.text[:1].isupper() for t in words[start:]):
                    continue  # names are capitalised: "forced labour" is not the Labour Party
                key = norm(cand)
                if key in memory.learned:
                    known = memory.learned[key]
                    return Resolution(known.entry, cand, wrap(ReasonKind.LEARNED, known.reason), known.is_person)
                entry = self.kb.names.get(key)
                if entry is not None and start > 0 and head.ent_type_ == "PERSON" and entry.kind != "person":
                    continue  # "Amanullah Aman" is a man, not Israel's intelligence service "Aman"
                if entry is not None:
                    path = ReasonKind.NAME if start == 0 else ReasonKind.SUB_PHRASE
                    return self._from_entry(entry, cand, Reason(path))
        # 2. people: surname or a fuzzy spelling variant
        if head.ent_type_ == "PERSON" or head.pos_ == "PROPN" or (head.pos_ == "NOUN" and head.text.istitle()):
            ent_text = _text(_person_tokens(toks)) or head.text
            key = norm(ent_text)
            last = key.split()[-1] if key else ""
            if key in memory.learned:
                known = memory.learned[key]
                return Resolution(known.entry, ent_text, known.reason, known.is_person)
            if last in memory.learned:
                known = memory.learned[last]
                return Resolution(known.entry, ent_text, known.reason, known.is_person)
            bucket = self.kb.surnames.get(last, [])
            if head.ent_type_ != "PERSON":
                bucket = [p for p in bucket if p.office_on(memory.day)]
            if bucket and (len(key.split()) == 1 or any(norm(p.canonical) == key for p in bucket)):
                person = self._by_date(bucket, memory.day)
                return Resolution(person, ent_text, Reason(ReasonKind.SURNAME), True, 0.9)
            if head.ent_type_ == "PERSON" and len(key.split()) >= 2:
                match = self._fuzzy(key, last)
                if match is not None:
                    return Resolution(self._person_names[match], ent_text, Reason(ReasonKind.FUZZY, match), True,
                                      0.8)
        return None

    def _fuzzy(self, key: str, last: str) -> str | None:
        """The knowledge-base person whose name is a spelling variant of KEY (Aleksandr/Alexander)."""
        if key not in self._fuzzy_cache:
            choices = self._by_prefix.get(last[:3], [])
            best = process.extractOne(key, choices, scorer=fuzz.WRatio, score_cutoff=90) if choices else None
            found = best[0] if best is not None and best[0].split()[-1][:4] == last[:4] else None
            if len(self._fuzzy_cache) > 50_000:
                self._fuzzy_cache.clear()
            self._fuzzy_cache[key] = found
        return self._fuzzy_cache[key]

    def _from_entry(self, entry: Entry, text: str, reason: Reason) -> Resolution:
        return Resolution(entry, text, reason, entry.kind == "person")

    def _by_date(self, people: list[Entry], day: str | None) -> Entry:
        for person in people:
            if person.office_on(day):
                return person
        return people[0]

    def _leader_named(self, tok: Token, day: str | None) -> str | None:
        """The country of the knowledge-base leader whose family name TOK is (the one in office on DAY
        when several bear it), else None."""
        people = self.kb.surnames.get(norm(tok.text), [])
        countries = {p.country for p in people if p.country}
        if len(countries) > 1:
            countries = {p.country for p in people if p.country and p.office_on(day)}
        return countries.pop() if len(countries) == 1 else None

    def _owner_body(self, head: Token, memory: DocMemory) -> tuple[str | None, Basis | None] | None:
        """"the Taiwan Affairs Office of the State Council", "the Kosovo Office of the Serbian government": a
        body's of-phrase names whose it is; the place before it names only its brief."""
        if head.lemma_.lower() not in BODY_HEADS or not any(c.dep_ == "compound" for c in head.lefts):
            return None
        for obj in (o for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                    if o.dep_ == "pobj"):
            # the innermost owner first: "of the Communist Party of China" is China's whatever "the party" was
            for owner in (*(g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                            for g in c.children if g.dep_ == "pobj"), obj):
                res = self._resolve(owner, memory)
                if res is not None and res.entry.country and res.reason.kind is not ReasonKind.DEFINITE \
                        and res.reason.last_basis not in (Basis.FOCUS, Basis.PLACE_FOCUS):
                    return res.entry.country, Basis.OF_PHRASE
        return None

    def _country_marker(self, head: Token, toks: list[Token], memory: DocMemory, *,
                        avoid: Entry | None = None) -> tuple[str | None, Basis | None]:
        """A country named inside the phrase: adjective, compound, possessive or of/in/from-phrase."""
        for a, b in zip(toks, toks[1:], strict=False):  # "North Korean", "South Sudanese"
            if _likeness(a) or _likeness(b) or not b.text.isalpha() or b.i == head.i:
                continue
            named = self.kb.lookup(f"{a.text} {b.text}")  # "European Union sanctions": the union, not Europe
            if named is not None and named.country == "IGO":
                return named.country, Basis.COMPOUND
            code = self.kb.adjective(f"{a.text} {b.text}")
            if code:
                return code, Basis.ADJECTIVE
        for t in toks:
            if t.i == head.i or _likeness(t) or _base_of(t):
                continue
            code = self.kb.adjective(t.text)
            if code:
                return code, Basis.ADJECTIVE
            prefix, _, suffix = t.text.rpartition("-")
            if prefix and suffix.lower() in HYPHEN_MARKERS:  # "U.S.-led", "Saudi-backed"
                code = self.kb.country_code(prefix)
                if code:
                    return code, Basis.HYPHEN
        for t in head.children:
            if t.dep_ in ("poss", "compound", "nmod") and t.i < head.i:
                res = self._resolve(t, memory, avoid=avoid) if t.dep_ == "poss" else None
                if res is None:  # "a Kremlin spokesman", "a White House official"
                    entry = self.kb.lookup(t.text) or (self.kb.lookup(head.doc[t.left_edge.i:t.i + 1].text)
                                                       if t.left_edge.i < t.i else None)
                    if entry is not None and entry.country:
                        return entry.country, Basis.COMPOUND
                    leader = self._leader_named(t, memory.day) if t.pos_ == "PROPN" \
                        and head.lemma_.lower() in LEADERS_CIRCLE else None
                    if leader is not None:  # "the Ortega regime", "the Maduro government"
                        return leader, Basis.COMPOUND
                    continue
                if res.entry.country:
                    return res.entry.country, Basis.POSSESSIVE
        for t in toks:  # "Rwanda's government spokesperson Yolande Makolo": the owner of the title
            if t.dep_ == "poss" and t.head.i != head.i and t.head.dep_ == "compound" and t.pos_ == "PROPN":
                res = self._resolve(t, memory, avoid=avoid)
                if res is not None and res.entry.country:
                    return res.entry.country, Basis.POSSESSIVE
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "in", "from"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        # "exiles from oil-rich Venezuela": the phrase, else its head name
                        # ("cities in eastern Congo": a place is in the place named; "ministers in
                        # Brussels" are not Belgian)
                        entry = self.kb.lookup(_text(phrase_tokens(obj))) or (
                            self.kb.lookup(obj.text) if obj.pos_ == "PROPN" and (
                                child.lower_ != "in" or head.lemma_.lower() in PLACES) else None)
                        if entry is not None and entry.country:
                            return entry.country, Basis.OF_PHRASE
        return None, None

    def _role(self, head: Token, toks: list[Token], memory: DocMemory, *,
              avoid: Entry | None = None) -> Resolution | None:
        words = [t for t in toks if t.dep_ not in ("det", "poss", "case", "nummod") or t.i == head.i]
        role_key = self._role_key(words, head)
        if role_key is None and (head.pos_ == "PROPN" or head.lemma_.lower() in VEHICLES):
            # "the private military company Wagner", "deputy minister Maciej Wasik": the title names the role
            for i in range(len(words) - 1, -1, -1):
                if words[i].pos_ in ("NOUN", "ADJ", "PROPN") and words[i].i < head.i:
                    role_key = self._role_key(words[: i + 1], words[i])
                    if role_key:
                        break
        if role_key is None:
            if head.lemma_.lower() in COLLECTIVE_NOUNS:
                return self._definite_description(head, memory)
            return None
        mods = [c for c in head.lefts if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN"]
        # "a State Department spokesperson", "White House officials": a body named in several words
        names = [head.doc[m.left_edge.i:m.i + 1].text for m in mods if m.left_edge.i < m.i] + [m.text for m in mods]
        for name in names:
            party = self.kb.lookup(name)
            if party is not None and party.kind == "org":  # "senior BNP leaders": the party's, not the state's
                return Resolution(party, "", Reason(ReasonKind.MEMBER_OF, party.canonical), False, 0.85)
        for owner in (c for c in head.lefts if c.dep_ == "poss" and c.pos_ == "PRON"):
            body = self._resolve(owner, memory, avoid=avoid)  # "Ennahda said two of its officials ...": the party's
            if body is not None and body.entry.kind == "org" and body.entry.country not in (None, "IGO"):
                return Resolution(body.entry, "", Reason(ReasonKind.MEMBER_OF, body.entry.canonical), False, 0.8)
        code, how = self._owner_body(head, memory) or self._country_marker(head, toks, memory, avoid=avoid)
        office = self.kb.role_offices.get(role_key)
        sector = self.kb.role_sectors.get(role_key, "GOV" if office else None)
        if office and code and head.tag_ in ("NN", "NNP") and head.lower_ not in ("presidency",):
            holder = self.kb.office_holder(code, office, memory.day)
            if holder is not None:
                return Resolution(holder, "", Reason(ReasonKind.OFFICE, f"{office}@{memory.day or 'today'}", how),
                                  True, 0.9)
        confidence = 0.9
        if code is None:
            allegiance = self._affiliated(head, memory, avoid=avoid)  # "people close to Ortega"
            if allegiance is not None:
                code, how, confidence = allegiance.entry.country, Basis.AFFILIATED, 0.7
        if code is None:
            earlier = self._definite_description(head, memory)
            if earlier is not None:
                return earlier
            if not _domestic(head, sector, role_key):
                if role_key in _ATTACKERS and (memory.sentence_places or memory.focus):
                    # "killed by unidentified gunmen": armed men of the place where they act
                    if memory.sentence_places:
                        return self._national(memory.sentence_places[0], role_key, sector, Basis.PLACE)
                    return self._national(str(memory.focus), role_key, sector, Basis.FOCUS)
                if sector in ("MIL", "COP") and memory.sentence_places:
                    # "soldiers patrolled the streets of Kathmandu": a state's forces where the sentence is set
                    return self._national(memory.sentence_places[0], role_key, sector, Basis.PLACE)
                return self._unplaced(role_key, sector) if sector in _ACTING_SECTORS else None
            code = memory.focus
            how = Basis.FOCUS
            confidence = 0.6
            last = memory.last_subject
            if head.dep_ in ("nsubj", "nsubjpass") and head.tag_ == "NN" \
                    and role_key in ("government", "administration") and last is not None \
                    and last.entry.sector == "GOV" and last.entry.country not in (None, *NOT_FOCUS):
                # "The US government announced visa curbs. The government also announced a travel ban.": the
                # government that was just the subject
                code, how = last.entry.country, Basis.HOME
            if sector == "CVL" and memory.sentence_places:  # "protesters stormed the French embassy in Niamey"
                code, how = memory.sentence_places[0], Basis.PLACE

            if code is None:
                return self._unplaced(role_key, sector)
        # (only the army itself: "a military source" is a person in it)
        forces = self._national_forces(code, role_key) if role_key in _ARMED_FORCES and head.tag_ in ("NN", "NNS") \
            and head.lemma_.lower() in _ARMED_FORCES | {"force"} else None
        if forces is not None:  # "the Israeli army", "Sudan's military": the state's armed forces by their name
            return Resolution(forces, "", Reason(ReasonKind.ROLE, role_key, how), False, confidence)
        info = self.kb.countries.get(code)
        cname = info.name if info else code
        canonical = f"{cname} ({role_key})" if sector not in ("GOV",) else f"Government of {cname}"
        is_person = head.tag_ in ("NN", "NNP") and bool(office)
        entry = Entry(canonical, code, sector, "role")
        return Resolution(entry, "", Reason(ReasonKind.ROLE, role_key, how), is_person, confidence)


    def _national(self, code: str, role: str, sector: str | None, how: Basis) -> Resolution:
        """Unnamed people of a role placed by where they act, not by a marker ("gunmen", "soldiers")."""
        entry = Entry(f"{self.kb.country_entry(code).canonical} ({role})", code, sector, "role")
        return Resolution(entry, "", Reason(ReasonKind.ROLE, role, how), False, 0.5)

    def _national_forces(self, code: str, role: str) -> Entry | None:
        """The knowledge base's name for a state's armed forces ("Israel Defense Forces", "Royal Thai Army"):
        for "army" its army, else its armed forces; for "military" and "armed forces" its armed forces."""
        bodies = self._forces.get(code, [])
        whole = [e for e in bodies if _WHOLE_FORCES.search(e.canonical)]
        army = [e for e in bodies if re.search(r"\bArmy\b", e.canonical)]
        found = (army or whole) if role == "army" else whole
        return found[0] if len(found) == 1 else None

    def _unplaced(self, role: str, sector: str | None) -> Resolution | None:
        """ "The army detained 200 people" in a story that names no country: the actor as it is, no country."""
        if sector is None:
            return None
        return Resolution(Entry(role, None, sector, "role"), "", Reason(ReasonKind.ROLE, role, Basis.NO_COUNTRY),
                          False, 0.5)

    def countries_in(self, text: str) -> list[str]:
        """Country codes of the place names in a dateline ("QUITO, Ecuador (AP) —")."""
        found: list[str] = []
        for part in re.split(r"[,\u2014\u2013:-]+", text.split("(")[0]):  # "(AP)", "(PTI)" name the agency
            entry = self.kb.lookup(part) if part.strip() else None
            if entry is not None and entry.kind in ("country", "seat") and entry.country \
                    and entry.country not in NOT_FOCUS:
                found.append(entry.country)
        return found

    def sentence_countries(self, sent: Span, skip_before: int = 0, *, west: bool = False) -> list[str]:
        """The countries named in SENT (names, adjectives, seats), in order, for bare roles like "police"
        (with WEST, "the West" too: a party, though no home for a bare role)."""
        found: list[str] = []
        for tok in sent:
            if tok.idx < skip_before or tok.ent_type_ == "ORG" or _likeness(tok) or _base_of(tok) \
                    or tok.dep_ == "compound" and tok.head.lemma_.lower() in SIGNED_COMPACTS \
                    and not self.kb.names_a_state(tok.text):
                continue  # "the Organization of American States", "a Russian-style law", "a UK-based group",
                # "the Lausanne Treaty" name no country of the story
            if tok.ent_type_ in ("GPE", "NORP") or tok.pos_ == "PROPN":
                code = self.kb.adjective(tok.text)
                prev = tok.nbor(-1) if tok.i > sent.start else None
                two = self.kb.adjective(f"{prev.text} {tok.text}") if prev is not None and code else None
                if two is not None and two != code:  # "North Korean" is not South Korea's
                    code = two
                if code is None:
                    entry = self.kb.lookup(tok.text)
                    # people count too: "Obama ... Iran": a bare "congress" is Obama's
                    code = entry.country if entry is not None and (entry.kind in ("country", "seat", "person")
                                                                   or west and entry.country == "WST") else None
                if code and (code not in NOT_FOCUS or west and code == "WST") and code not in found:
                    found.append(code)
        return found

    def sentence_places(self, sent: Span, skip_before: int = 0) -> list[str]:
        """Countries of the places where SENT says things happen ("in Niamey", "at the border in Kharkiv"):
        unnamed crowds there are that place's people."""
        found: list[str] = []
        for tok in sent:
            prep = tok.head
            named_place = prep.lower_ == "of" and prep.head.lemma_.lower() in PLACES
            # "in the city of Klaipeda", "patrolled the streets of Kathmandu": a place whatever the tagger says
            if tok.idx < skip_before or tok.dep_ != "pobj" or tok.ent_type_ not in ("GPE", "LOC") and not named_place \
                    or prep.lower_ not in ("in", "at", "across", "near") and not named_place:
                continue
            entry = self.kb.lookup(_text(phrase_tokens(tok))) or self.kb.lookup(tok.text)
            if entry is not None and entry.kind in ("country", "seat") and entry.country \
                    and entry.country not in NOT_FOCUS and entry.country not in found:
                found.append(entry.country)
        return found

    def _role_key(self, words: list[Token], head: Token) -> str | None:
        for start in range(len(words)):
            key = norm(" ".join(t.lemma_ if t.i == head.i else t.text for t in words[start:]))
            plain = norm(_text(words[start:]))
            for k in (plain, key):
                if k in self.kb.role_sectors or k in self.kb.role_offices:
                    return k
        return None

    def _of_phrase(self, head: Token, memory: DocMemory, *, avoid: Entry | None = None) -> Resolution | None:
        if head.lemma_.lower() in COLLECTIVE_NOUNS and head.lemma_.lower() not in PART_NOUNS:
            # "the Permanent Council of the OAS" is the OAS; "West Africa's bloc" is no region but a body
            for obj in [o for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                        if o.dep_ == "pobj"] + [c for c in head.lefts if c.dep_ == "poss"]:
                inner = self._resolve(obj, memory, avoid=avoid)
                if inner is not None and inner.entry.country == "IGO":
                    return Resolution(inner.entry, "", wrap(ReasonKind.BODY_OF, inner.reason), False,
                                      inner.confidence * 0.9)
            return None
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "in"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        inner = self._resolve(obj, memory, avoid=avoid)
                        if inner is not None:
                            return Resolution(inner.entry, "", wrap(ReasonKind.OF, inner.reason), False,
                                              inner.confidence * 0.9)
        for child in head.lefts:
            if child.dep_ == "poss":
                inner = self._resolve(child, memory, avoid=avoid)
                if inner is not None:
                    gov = self.kb.government(inner.entry.country) if inner.entry.country and len(
                        inner.entry.country) == 3 and inner.entry.kind in ("person", "country") else inner.entry
                    return Resolution(gov, "", wrap(ReasonKind.POSSESSIVE, inner.reason), False, inner.confidence * 0.9)
        return None

    def learn(self, name_head: Token, role_head: Token, memory: DocMemory) -> Resolution | None:
        """Resolve the unknown person NAME_HEAD through its descriptive phrase ROLE_HEAD and remember it."""
        res = self._resolve(role_head, memory)
        home = memory.main_country
        if (res is None or not res.entry.country) and home and role_head.dep_ == "compound" \
                and self.kb.role_sectors.get(self._role_key([role_head], role_head) or "") in _OFFICIALS:
            # "First vice foreign minister Kim Hong-kyun": a titled official no marker places serves the
            # story's state
            res = Resolution(Entry(role_head.lemma_, home, "GOV", "role"), "", _PERSON_FOCUS, False, 0.5)
        if res is None or not res.entry.country:
            return None
        toks = _person_tokens(phrase_tokens(name_head)) or [name_head]
        name = _text(toks)
        person = Entry(name, res.entry.country, res.entry.sector, "person")
        learned = Resolution(person, name, wrap(ReasonKind.APPOSITION, res.reason), True, res.confidence * 0.9)
        key = norm(name)
        memory.learned[key] = learned
        _learn_parts(key, learned, memory)
        memory.note(learned)  # "... activist Levon Aronyan. Armenia condemned his detention": his = Aronyan
        return learned


def _learn_parts(key: str, res: Resolution, memory: DocMemory) -> None:
    """Each word of a full name points back to its person for the rest of the document, the family name
    first: "Kertesz" after "Gabor Kertesz", and "Kim" after "Kim Hong-kyun" (family name first), which
    a well-known Kim of the knowledge base must not take over."""
    parts = key.split()
    for part in [parts[-1], *parts[:-1]]:
        if len(part) > 1 and part not in NAME_PARTICLES:
            memory.learned.setdefault(part, res)


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_PLURAL_REACH = 40  # tokens: about a sentence back
_OFFICIALS = {"GOV", "MIL", "COP", "JUD", "LEG"}  # sectors whose titled people serve a state
_PRONOUN = Reason(ReasonKind.PRONOUN)
_PERSON_FOCUS = Reason(ReasonKind.PERSON, basis=Basis.FOCUS)  # an unknown name: a person of the story's country
_NAME_PART = wrap(ReasonKind.LEARNED, Reason(ReasonKind.NAME_PART))
# names that teach the document the parts of a person's full name
_NAME_PATHS = {ReasonKind.NAME, ReasonKind.SUB_PHRASE, ReasonKind.SURNAME}
# Unnamed armed men: of the place where they strike ("killed by gunmen in Maputo"); a named militia is not.
_ATTACKERS = {"gunmen", "gunman", "assailants", "assailant", "attackers", "attacker", "armed men"}
# Sectors whose bare members act on their own (soldiers, police, gunmen, courts), with or without a country.
_ACTING_SECTORS = {"MIL", "COP", "REB", "UAF", "JUD", "SPY"}


def _domestic(head: Token, sector: str | None, role: str = "") -> bool:
    """Bare role nouns that, unqualified, mean the country the article is about ("the police")."""
    if sector in DOMESTIC_SECTORS or role in DOMESTIC_GOV:
        return True
    if any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in DOMESTIC_GOV | {"state", "federal", "national",
                                                                                    "coup"}
           for c in head.lefts):
        return True  # "government forces", "regime troops", "coup leaders": the home state's
    plural = head.tag_ in ("NNS", "NNPS") or head.lower_.endswith("ies")
    definite = plural or any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    return definite and head.lemma_.lower() in DOMESTIC_GOV


def _base_of(tok: Token) -> bool:
    """ "a UK-based monitor", "the London-based group": where a body sits, not a party to the story."""
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ == "based" \
        or tok.lower_.endswith("-based")


def _likeness(tok: Token) -> bool:
    """ "a Russian-style law", "Soviet-type planning": a likeness, not the country's own."""
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ in ("style", "type", "like")


def _person_tokens(toks: list[Token]) -> list[Token]:
    """The tokens of the personal name in TOKS, hyphens inside it included ("Tai Tzu-ying")."""
    named = [t for t in toks if t.ent_type_ == "PERSON"]
    if not named:
        return []
    return [t for t in named[0].doc[named[0].i:named[-1].i + 1] if t.ent_type_ == "PERSON" or t.text in "-‐"]


def _text(toks: list[Token] | Span) -> str:
    out = ""
    for t in toks:
        out += t.text_with_ws
    return out.strip().rstrip(",")


__all__ = ["ActorResolver", "DocMemory", "Resolution", "phrase_tokens"]
