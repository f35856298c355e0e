"""The event coder: frames from the parse, actors from the resolver, status and date per event.

Each frame the parse yields becomes events in named steps (:meth:`EventCoder._events`): its roles are
resolved, unnamed doers filled in, frames that report no act dropped, the act retyped where its actors
say what it is, the targets settled, then the confidence, status and date found. What a step needs of
the text around the frame (the window's text and dateline, the sentence, the event's source) it gets
as an argument; the document's memory (:class:`DocMemory`) is what the resolver learns as it reads.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..actors.kb import Entry
from ..actors.reasons import Basis, Reason, ReasonKind
from ..actors.resolve import ActorResolver, DocMemory, Resolution
from ..actors.words import FIRST_PERSON, NOT_FOCUS, NOTES
from ..boilerplate import dateline_end
from ..errors import DocumentTimeoutError
from ..ontology import KINDS, cameo_for, score_for
from ..records import Event
from ..spans import entity_span
from ..when import EventDate, find_dates, nearest_date
from .discourse import REACTIONS, Act, implicit_target, reacted_actor
from .find import find_frames
from .frames import (
    ABOUT_PREPS,
    CLAIM_VERBS,
    CONDUCT,
    CRAFT,
    DECREES,
    HARMS,
    HELD_CAPTIVES,
    HELD_PRISONERS,
    MISSIONS,
    TAKING_CAPTIVES,
    TAKING_PRISONERS,
    WEAPONS,
    WORDS,
    Frame,
    is_passive,
    noun_frame,
    prep_objects,
    subject_of,
)
from .lexicon import Lexicon, LexiconEntry
from .status import status_of

_UNDIRECTED = {"PROTEST", "MOBILIZE"}
_ACTS_KEPT = 50
# Support of an armed group that is material: backing it, not welcoming what it says.
_BACKING = {"support", "back", "sponsor", "finance", "fund", "bankroll", "champion", "backing", "sponsorship",
            "patronage", "prop"}
_AUTHORING = {"hand", "deliver", "issue", "send", "lodge", "file", "release", "submit", "publish", "sign", "write",
              "present", "transmit", "draft"}
_DEADLINES = {"by", "until", "till", "before"}
_OWN_MEETINGS = {"meeting", "session", "sitting"}
_REPRESSION = {"crackdown", "clampdown", "repression", "suppression", "persecution", "reprisal"}
_STATE_ORGANS = {"GOV", "COP", "MIL", "JUD", "SPY", "LEG"}  # sectors that act with a state's power
_STATE_POWER = {"arrest", "deport", "censor", "curfew", "martial-law"}  # COERCE modes only a state's organs do
_MISSILE_TEST = LexiconEntry("MOBILIZE", "weapons-test", confidence=0.7)
_MISSILES = {"missile", "rocket", "projectile"}
_WATERS = {"sea", "waters", "water", "ocean", "gulf", "strait", "bay"}
_MILITARY_STRIKE = LexiconEntry("ASSAULT", "aerial", confidence=0.7)
_DIPLOMATIC_PROTEST = LexiconEntry("ACCUSE", confidence=0.7)
_VERBAL_PURPOSES = {"ACCUSE", "REQUEST", "REJECT"}
_ANNOUNCED = {"SANCTION", "COERCE", "AID", "MOBILIZE"}  # acts a state announces as its own (not releases)
# A treasury or sanctions office that "targets" or "hits" someone imposes sanctions on them
_AIMING = {"target", "hit", "strike", "go"}
_FINANCIAL_BODIES = {"treasury", "ofac", "exchequer"}
_FINANCIAL_TARGETING = LexiconEntry("SANCTION", "economic", confidence=0.7)


def _financial_body(tok: Token) -> bool:
    return tok.lower_ in _FINANCIAL_BODIES or tok.lower_ == "finance" and tok.head.lemma_.lower() == "ministry"

_STRIKES = {"strike"}
_ARMED = {"MIL", "REB", "UAF"}
SPEECH_ACTS = {"ACCUSE", "THREATEN", "REQUEST", "REJECT", "SUPPORT", "AGREE"}
MAX_SENTENCE_TOKENS = 400

# the reasons of the actors the coder's own rules supply
_PROTEST_FOCUS = Reason(ReasonKind.PROTEST, basis=Basis.FOCUS)
_PROTEST_PLACE = Reason(ReasonKind.PROTEST, basis=Basis.PLACE)
_FIRED_FROM = Reason(ReasonKind.FIRED_FROM)
_IMPLICIT_SPEAKER = Reason(ReasonKind.IMPLICIT_SPEAKER)


@dataclass(frozen=True)
class _Window:
    """The text one call of :meth:`EventCoder.code` codes: a document, or one window of a long one."""

    published: str | None
    source_text: str  # the original text (dateline included), which evidence sentences quote
    dateline_end: int  # mentions before this offset are the dateline's, not actors
    today: EventDate | None  # the day the lead gives for the story, else the day of publication
    groups: itertools.count[int]  # numbers for the groups of events one act with several parties makes


@dataclass(frozen=True)
class _Sentence:
    """The sentence whose frames are coded, with what its events' rules need of the text around it."""

    span: Span
    window: _Window
    last_date: EventDate | None  # the day the sentence before gave, for one that continues it ("In particular")
    clause_targets: dict[int, list[Resolution]]  # the targets of the sentence's verbs coded so far, by anchor


@dataclass(frozen=True)
class _Roles:
    """Who does an act (sources) to whom (targets), as the steps of :meth:`EventCoder._events` settle it."""

    sources: list[Resolution]
    targets: list[Resolution]


class EventCoder:
    def __init__(self, lexicon: Lexicon, resolver: ActorResolver) -> None:
        self.lexicon = lexicon
        self.resolver = resolver

    def code(self, doc: Doc, published: str | None, memory: DocMemory | None = None) -> list[Event]:
        memory = memory or DocMemory(day=published)
        sentences = list(doc.sents)
        window = self._open_window(doc, sentences, published, memory)
        events: list[Event] = []
        for sent in sentences:
            _check_deadline(doc._.deadline)
            sentence = self._enter_sentence(sent, window, memory)
            if len(sent) > MAX_SENTENCE_TOKENS:
                continue  # run-on text (tables, lists): the parse is not to be trusted
            events.extend(self._sentence_events(sentence, memory))
            self._remember_subjects(sent, memory, window.dateline_end)
        return events

    # -- windows and sentences -----------------------------------------------------------------
    def _open_window(self, doc: Doc, sentences: list[Span], published: str | None, memory: DocMemory) -> _Window:
        """The window's text and dateline; the story's countries and day, noted in memory."""
        source_text = doc._.source_text or doc.text
        first_window = not memory.seen_text  # a long document is coded in windows sharing one memory
        dateline = dateline_end(source_text) if first_window else 0
        memory.seen_text = bool(source_text)
        for code in self.resolver.countries_in(source_text[:dateline]):
            memory.countries[code] += 3  # "QUITO, Ecuador (AP) —": the story happens there
        for sent in sentences[:3]:  # the lead's day ("... on Sunday" in its second sentence) dates its first
            explicit = [d for d in _sentence_dates(sent.text, published, False) if d.precision == "day"]
            memory.story_date = memory.story_date or _story_date(explicit, published)
        today = memory.story_date or (EventDate(published, "day", "publication date", -1) if published else None)
        return _Window(published, source_text, dateline, today, itertools.count(1))

    def _enter_sentence(self, sent: Span, window: _Window, memory: DocMemory) -> _Sentence:
        """Note what the sentence names (its dates, places, parties, people) before its events are coded."""
        last_date = _advance_dates(sent, window.published, memory)
        memory.sentence_places = self.resolver.sentence_places(sent, window.dateline_end)
        # one scan of the sentence: its parties, "the West" included; bare roles take only states
        memory.sentence_parties = self.resolver.sentence_countries(sent, window.dateline_end, west=True)
        memory.sentence_countries = [c for c in memory.sentence_parties if c != "WST"]
        memory.named.update(memory.sentence_parties)
        self.learn_names(sent, memory)
        self._remember_subjects(sent, memory, window.dateline_end)  # "Putin confirmed his commitment": his = Putin
        return _Sentence(sent, window, last_date, {})

    def _sentence_events(self, sentence: _Sentence, memory: DocMemory) -> list[Event]:
        """The events of the sentence's frames, a refused act and a threatened one as what they are."""
        sent = sentence.span
        frames = find_frames(sent, self.lexicon)
        frame_events: list[Event] = []
        refusals = {f.anchor.i for f in frames if f.entry.type == "REJECT" and f.kind == "verb"}
        done: dict[int, set[tuple[str, str | None]]] = {}  # anchor -> (type, source) of its events
        for frame in frames:
            found = self._events(frame, sentence, memory)
            if frame.anchor.dep_ == "xcomp" and frame.anchor.head.i in refusals:
                # "refused to recognise the government": the refusal is the event; the act refused is its content
                found = [e for e in found if e.status != "negated"]
            if frame.anchor.dep_ in ("advcl", "xcomp") and frame.kind == "verb":
                # "summoned the ambassador to protest the raid": the purpose restates the act, one event
                # (verbal acts only: "broke in to arrest him" and "met to discuss" report two acts)
                outer = done.get(frame.anchor.head.i, set())
                found = [e for e in found if e.type not in _VERBAL_PURPOSES or _type_and_source(e) not in outer]
            done.setdefault(frame.anchor.i, set()).update(_type_and_source(e) for e in found)
            quoted = any(start <= frame.anchor.idx < end for start, end, _ in memory.speakers)
            # "said it would hit back if attacked": the threat is the event; the act is only its content
            frame_events.extend(_threats(frame, found, sent, quoted, sentence.window.today) or found)
        return _dedupe(frame_events)

    # -- names and pronouns --------------------------------------------------------------------
    def learn_names(self, sent: Span, memory: DocMemory) -> None:
        """Unknown people described by an apposition or a title: "A deputy minister, Maciej Wasik"."""
        # entity starts from the IOB tags: Span.ents rebuilds the document's entities on every call
        for start in (t for t in sent if t.ent_iob_ == "B" and t.ent_type_ == "PERSON"):
            ent = entity_span(start)
            if ent is None:
                continue
            root = ent.root
            if self.resolver.resolve_one(root, DocMemory(day=memory.day)) is not None:
                continue
            partners = [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                partners.append(root.head)
            for partner in partners:
                if self.resolver.learn(root, partner, memory):
                    break
            else:
                titles = [t for t in root.lefts if t.dep_ == "compound" and t.ent_type_ != "PERSON"]
                if titles:
                    self.resolver.learn(root, titles[-1], memory)

    def _remember_subjects(self, sent: Span, memory: DocMemory, dateline: int) -> None:
        for tok in sent:
            if tok.lemma_.lower() in NOTES and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _AUTHORING:
                authors = self._actors(subject_of(tok.head), memory, dateline)  # "Manila handed him a protest"
                if authors:
                    memory.notes[tok.lemma_.lower()] = authors[0]
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
                self.resolver.resolve(tok, memory)
            elif tok.dep_ == "ROOT" and (tok.pos_ == "PROPN" or tok.i == sent.start and tok.text.istitle()):
                # a broken parse: "Sadc, as the grouping is called, agreed ..." (even tagged as a verb)
                res = self.resolver.resolve_one(tok, memory)
                if res is not None and (tok.pos_ == "PROPN" or res.reason.kind is ReasonKind.NAME):
                    memory.note(res, subject=True)

    # -- actors of a phrase --------------------------------------------------------------------
    def _actors(self, heads: list[Token], memory: DocMemory, dateline: int, *, deep: bool = False,
                avoid: Entry | None = None) -> list[Resolution]:
        """The actors of the first head phrase that names one; an actor of no known country ("the army")
        only when no phrase names a placed one. Heads in the dateline (before DATELINE) name none; AVOID
        is the event's source, which a possessive pronoun in a target does not point to."""
        found = self._placed_actors(heads, memory, dateline, deep=deep, avoid=avoid)
        if found and all(r.entry.country is None for r in found):
            placed = self._placed_actors(heads, memory, dateline, deep=deep, placed=True, avoid=avoid)
            return placed or found
        return found

    def _placed_actors(self, heads: list[Token], memory: DocMemory, dateline: int, *, deep: bool = False,
                       placed: bool = False, avoid: Entry | None = None) -> list[Resolution]:
        # "“We call on X ...,” the spokesperson said": a first-person pronoun inside a direct quote is
        # the quote's speaker as the quote finder resolved it, not the tag's bare noun
        heads = [h if _quoted_first_person(h, memory) else _speaker_for_pronoun(h) for h in heads if h.idx >= dateline]
        for head in heads:
            found = self._resolve_as(placed, head, memory, avoid)
            if found and deep and found[0].reason.marks_a_place:
                # "raids on depots owned by the Houthis": the owner named inside beats a guess
                found = self._nested(head, memory, avoid) or found
            elif found and deep and found[0].reason.kind is ReasonKind.MARKED \
                    and found[0].reason.basis is Basis.OF_PHRASE:
                # "accept the union of Serbia with the EU": the partner, not the joining party
                partners = prep_objects(head, ("with",))
                found = (self._resolve_as(placed, partners[0], memory, avoid) if partners else []) or found
            if found and not found[0].reason.is_named and found[0].entry.kind == "role":
                # "the ruling party, Fidesz,": a name in apposition that places the role otherwise beats it
                named = [r for a in head.children if a.dep_ == "appos" and a.pos_ == "PROPN"
                         for r in self._resolve_as(placed, a, memory, avoid)[:1]
                         if r.entry.country and r.reason.is_named]
                found = named if named and named[0].entry.country != found[0].entry.country else found
            if found:
                # "Serbia, Kosovo agree": subjects set side by side are one compound actor
                for other in heads:
                    if other.i > head.i and other.head == head.head and other.dep_ in _JOINT_DEPS \
                            and head.dep_ in _JOINT_DEPS and other.pos_ == "PROPN":
                        found += [r for r in self._resolve_as(placed, other, memory, avoid)
                                  if r.entry.canonical not in {f.entry.canonical for f in found}]
                return found
            for appos in (c for c in head.children if c.dep_ == "appos"):  # "the top challenger, X,"
                found = self._resolve_as(placed, appos, memory, avoid)
                if found:
                    return found
        for head in heads:  # "a ring of firms, brokers and tankers (that) shipped": the ring
            climb = head
            while climb.dep_ == "conj" and climb.head != climb:
                climb = climb.head
            if climb.dep_ == "pobj" and climb.head.lower_ == "of" and climb.head.head.pos_ == "NOUN":
                found = self._resolve_as(placed, climb.head.head, memory, avoid)
                if found and found[0].reason.kind is not ReasonKind.MARKED:  # ("the regime's siege of a church"
                    return found  # is no party: a thing the owner's country is marked on)
        if deep:  # "its border with Belarus", "positions belonging to Hezbollah": look one phrase down
            for head in heads:
                found = self._nested(head, memory, avoid)
                if found:
                    return found
        return []

    def _doers(self, heads: list[Token], source: Resolution, reaction: str, memory: DocMemory,
               dateline: int) -> list[Resolution]:
        """The named doers of an event noun that a reaction takes as its object ("condemned X's attack on
        Y", "the downing of the drone by Z"): the reaction is aimed at them."""
        for head in heads:
            if head.pos_ != "NOUN":
                continue
            nested = noun_frame(head, self.lexicon)
            if nested is not None and (nested.entry.type not in ("AGREE", "CONSULT", "SUPPORT")
                                       or reaction not in ("SUPPORT", "REQUEST")):
                named = nested.sources
            elif head.lemma_.lower() in CONDUCT:
                # "condemned Algeria's actions", "the aggression of Thailand against Cambodia": the doer
                named = [c for c in head.lefts if c.dep_ == "poss"] + prep_objects(head, ("by", "of", "from"))
            else:
                continue
            doers = [r for r in self._actors(named, memory, dateline) if r.entry.country
                     and r.entry.canonical != source.entry.canonical and not r.reason.marks_a_place]
            if doers:
                return doers
        return []

    def _resolve_as(self, placed: bool, head: Token, memory: DocMemory, avoid: Entry | None) -> list[Resolution]:
        found = self.resolver.resolve(head, memory, avoid=avoid)
        return [r for r in found if r.entry.country is not None] if placed else found

    def _nested(self, head: Token, memory: DocMemory, avoid: Entry | None) -> list[Resolution]:
        """The actor named one phrase below HEAD: "positions belonging to Hezbollah", "the status of
        relations with Russia"."""
        inner = [o for c in head.children if c.dep_ in ("prep", "acl")
                 for o in ([c] if c.dep_ == "acl" else []) + list(c.children)]
        nested = [o for o in inner if o.dep_ == "pobj"] + [
            o for a in inner if a.dep_ == "acl" for p in a.children if p.dep_ == "prep"
            for o in p.children if o.dep_ == "pobj"]
        unplaced: list[Resolution] = []  # "the use of heavy artillery by the RSF": the RSF, not "artillery"
        for obj in nested:
            found = self.resolver.resolve(obj, memory, avoid=avoid)
            if found and any(r.entry.country for r in found):
                return found
            unplaced = unplaced or found
        frontier = nested  # further down: "the status of relations with Russia", "controls on materials
        for _ in range(2):  # for chips destined for South Korea"
            frontier = [o for t in frontier for c in t.children if c.dep_ in ("prep", "acl")
                        for o in ([g for p in c.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
                                  if c.dep_ == "acl" else [g for g in c.children if g.dep_ == "pobj"])]
            for deeper in frontier:
                found = self.resolver.resolve(deeper, memory, avoid=avoid)
                if found and any(r.entry.country for r in found):
                    return found
                unplaced = unplaced or found
        return unplaced

    # -- events: the steps -----------------------------------------------------------------------
    def _events(self, frame: Frame, sentence: _Sentence, memory: DocMemory) -> list[Event]:
        """The events of one frame, one per pair of source and target (the order of the steps matters:
        resolving actors teaches the document's memory)."""
        dateline = sentence.window.dateline_end
        target_heads = [t for t in frame.targets if t.i not in {s.i for s in frame.sources}]
        roles = self._roles(frame, target_heads, memory, dateline)
        roles = self._unnamed_doers(frame, roles, memory, dateline)
        if _not_an_event(frame, roles):
            return []
        entry, roles = _retype(frame, roles, target_heads)
        roles = self._settle_targets(frame, entry, roles, target_heads, sentence, memory)
        self._remember_act(frame, entry, roles, sentence, memory)
        status = self._status(frame, roles, sentence.span, memory, dateline)
        entry, status = _refusal(frame, entry, status)
        status = _threat_made(frame, entry, status)
        when = _event_date(frame, status, sentence, entry.type)
        return _event_records(frame, entry, roles, _confidence(frame, entry, roles), status, when, sentence)

    def _roles(self, frame: Frame, target_heads: list[Token], memory: DocMemory, dateline: int) -> _Roles:
        """The actors the frame's source and target phrases name."""
        # a place is where something happens, not who does it ("closing borders", "the capital")
        sources = [s for s in self._actors(frame.sources, memory, dateline) if not s.reason.marks_a_place]
        avoid = sources[0].entry if len(sources) == 1 else None  # "Congo expelled its ambassador": not Congo's
        targets = self._actors(target_heads, memory, dateline, deep=True, avoid=avoid) \
            or self._actors(frame.fallback, memory, dateline, deep=True, avoid=avoid)
        return _Roles(sources, targets)

    def _unnamed_doers(self, frame: Frame, roles: _Roles, memory: DocMemory, dateline: int) -> _Roles:
        """A source the text leaves unnamed, where the kind of act says who it is (the first rule that applies)."""
        if not roles.sources:
            roles = self._protesters(frame, roles, memory)
        if not roles.sources:
            roles = self._fired_from(frame, roles, memory, dateline)
        if not roles.sources:
            roles = self._reporting_state(frame, roles, memory, dateline)
        if not roles.sources:
            roles = self._announced_act(frame, roles, memory, dateline)
        if not roles.sources:
            roles = self._received_protest(frame, roles, memory, dateline)
        if not roles.sources:
            roles = self._host_state(frame, roles, memory)
        if not roles.sources:
            roles = self._harm_doer(frame, roles, memory)
        if not roles.sources:
            roles = self._holder(frame, roles, memory)
        if not roles.sources:
            roles = self._authorities(frame, roles, memory)
        if not roles.sources:
            roles = self._judge(frame, roles, memory)
        if not roles.sources or all(r.entry.country is None for r in roles.sources):
            roles = self._weapon_user(frame, roles, memory)
        return roles

    def _weapon_user(self, frame: Frame, roles: _Roles, memory: DocMemory) -> _Roles:
        """ "Russian forces shelled the region. A drone hit an apartment block.": a weapon that strikes with no
        owner named is the story's last attacker's (implicit:attacker)."""
        if frame.entry.type != "ASSAULT" or not any(s.lemma_.lower() in WEAPONS for s in frame.sources):
            return roles
        attacker = next((a.source for a in reversed(memory.acts[-4:]) if a.type == "ASSAULT"
                         and a.source.entry.country not in (None, *NOT_FOCUS)), None)
        if attacker is None:
            return roles
        targets = {t.entry.country for t in roles.targets if not t.reason.marks_a_place}  # (not a guessed place)
        if attacker.entry.country in targets:
            return roles  # the last attacker's own side is hit: someone else fired
        return replace(roles, sources=[Resolution(attacker.entry, attacker.name, Reason(ReasonKind.IMPLICIT_ATTACKER),
                                                  False, 0.6)])

    def _announced_act(self, frame: Frame, roles: _Roles, memory: DocMemory, dateline: int) -> _Roles:
        """ "Other punitive measures will be taken against them, the spokesperson said": a state announcing
        an act to come, told in the passive with no doer, announces its own act (implicit:speaker)."""
        anchor = frame.anchor
        if frame.entry.type not in _ANNOUNCED or not is_passive(anchor) \
                or not any(c.dep_ == "aux" and c.lower_ in _WILL for c in anchor.children):
            return roles
        speaker = next((c for c in self._speaker_countries(anchor, memory, dateline).values() if c), None)
        if speaker is None or speaker in NOT_FOCUS:
            return roles
        government = self.resolver.role_of(speaker, "government", "GOV", _IMPLICIT_SPEAKER).entry
        return replace(roles, sources=[Resolution(government, "", _IMPLICIT_SPEAKER, False, 0.6)])

    def _received_protest(self, frame: Frame, roles: _Roles, memory: DocMemory, dateline: int) -> _Roles:
        """ "According to the Iraqi ministry, the Turkish ambassador was handed a protest note": a protest or
        summons received, told in the passive with no doer, is by the state that reports it (implicit:speaker)."""
        anchor = frame.anchor
        noun = frame.noun.lemma_.lower() if frame.noun is not None else ""
        diplomatic = anchor.lemma_.lower() in _SUMMONING or noun in NOTES
        if frame.entry.type != "ACCUSE" or not diplomatic or not is_passive(anchor) \
                or not roles.targets or any(t.entry.country is None for t in roles.targets):
            return roles
        spots = [anchor.idx] + ([frame.noun.idx] if frame.noun is not None else [])  # (a note quoted in part)
        reporter = next((r for i in spots for r in (memory.speaker_at(i), memory.reporter_at(i)) if r), None)
        code = reporter.country if reporter is not None else next(
            (c for c in self._speaker_countries(anchor, memory, dateline).values() if c), None)
        if code is None or code in NOT_FOCUS or any(t.entry.country == code for t in roles.targets):
            return roles
        government = self.resolver.role_of(code, "government", "GOV", _IMPLICIT_SPEAKER).entry
        return replace(roles, sources=[Resolution(government, "", _IMPLICIT_SPEAKER, False, 0.6)])

    def _host_state(self, frame: Frame, roles: _Roles, memory: DocMemory) -> _Roles:
        """ "The Russian consulate in Klaipeda will also be closed": a foreign mission closed in the passive is
        closed by the state it is in, the sentence's place, else the story's last sanctioning state
        (implicit:authorities)."""
        anchor = frame.anchor
        if frame.entry.type != "SANCTION" or not is_passive(anchor) \
                or not any(p.lemma_.lower() in MISSIONS for p in _passive_patients(anchor)):
            return roles
        owners = {t.entry.country for t in roles.targets}
        host = memory.sentence_places[0] if memory.sentence_places else next(
            (a.source.entry.country for a in reversed(memory.acts[-4:]) if a.type == "SANCTION"), None)
        if host is None or host in NOT_FOCUS or host in owners:
            return roles
        why = Reason(ReasonKind.IMPLICIT_AUTHORITIES, basis=Basis.PLACE if memory.sentence_places else Basis.HOME)
        return replace(roles, sources=[self.resolver.role_of(host, "government", "GOV", why)])

    def _holder(self, frame: Frame, roles: _Roles, memory: DocMemory) -> _Roles:
        """ "Hamas captured 240 hostages ... 50 hostages will be freed": a release told in the passive is by
        whoever the story said took those released, and aimed at their side (implicit:holder)."""
        anchor = frame.anchor
        if frame.entry.type != "CONCEDE" or frame.kind != "verb" or not is_passive(anchor):
            return roles
        held = {p.lemma_.lower() for p in _passive_patients(anchor)}
        taking = TAKING_CAPTIVES if held & HELD_CAPTIVES else TAKING_PRISONERS if held & HELD_PRISONERS else None
        if taking is None:
            return roles
        act = next((a for a in reversed(memory.acts[-12:]) if a.target is not None and a.verb in taking
                    and a.type in ("ASSAULT", "COERCE") and a.source.entry.country not in (None, *NOT_FOCUS)), None)
        if act is None or act.target is None:
            return roles
        why = Reason(ReasonKind.IMPLICIT_HOLDER)
        holder = act.source.entry.country  # (no one holds their own people: such a target was misread)
        guessed = all(t.entry.country in (None, holder) or t.reason.last_basis is Basis.FOCUS for t in roles.targets)
        named = roles.targets[0].name if roles.targets else ""  # ("50 hostages": the people of the side taken)
        targets = [Resolution(act.target.entry, named, why, False, 0.6)] if guessed else roles.targets
        return _Roles([Resolution(act.source.entry, act.source.name, why, False, 0.6)], targets)

    def _harm_doer(self, frame: Frame, roles: _Roles, memory: DocMemory) -> _Roles:
        """ "Russian drones struck Odesa. Two people were injured.": a harm told in the passive with no doer
        follows the story's last attack; its attacker did it, to the side attacked (implicit:attacker). In a
        clash, the side harmed was hit by the other side."""
        anchor = frame.anchor
        if frame.entry.type != "ASSAULT" or frame.kind != "verb" or not is_passive(anchor) \
                or anchor.lemma_.lower() not in HARMS or prep_objects(anchor, ("by",)):
            return roles
        last = next((a for a in reversed(memory.acts[-4:]) if a.type == "ASSAULT"), None)
        if last is None or last.source.entry.country in (None, *NOT_FOCUS) or last.sentence == anchor.sent.start:
            return roles  # ("dropped the bombs, confirming five civilians were killed": the drop is the event)
        attacker, attacked = last.source, last.target
        guessed = [t for t in roles.targets if t.entry.country is None or t.reason.last_basis is Basis.FOCUS]
        hit = {t.entry.country for t in roles.targets if t not in guessed}
        if attacker.entry.country in hit:  # "One Tajik guard was killed" after Tajik-Kyrgyz clashes
            if attacked is None or attacked.entry.country in (None, *NOT_FOCUS, attacker.entry.country):
                return roles
            attacker, attacked = attacked, attacker
        elif last.mutual and not hit:
            return roles  # after a clash, the harmed side unnamed: either side may have done it
        why = Reason(ReasonKind.IMPLICIT_ATTACKER)
        targets = roles.targets
        if attacked is not None and attacked.entry.country not in (None, *NOT_FOCUS, attacker.entry.country) \
                and len(guessed) == len(targets):
            targets = [self.resolver.role_of(str(attacked.entry.country), "civilians", "CVL", why)]
        return _Roles([Resolution(attacker.entry, attacker.name, why, False, 0.6)], targets)

    def _judge(self, frame: Frame, roles: _Roles, memory: DocMemory) -> _Roles:
        """ "“Such statements are unacceptable. ...,” he said", or a statement's own "The siege of the
        church is unacceptable": a judgement no clause attributes is its quote's speaker's, else, in a
        statement that quotes no one, its author's."""
        word = frame.trigger[0]
        judged = frame.anchor.lemma_.lower() == "be" and word.dep_ in ("acomp", "attr") and (
            word.lower_ if word.pos_ == "ADJ" else word.lemma_.lower()) in self.lexicon.evaluatives
        if not judged and not _obligation(frame):
            return roles
        speaker = memory.speaker_at(frame.anchor.idx)
        if speaker is not None:
            return replace(roles, sources=[Resolution(speaker, speaker.canonical, Reason(ReasonKind.QUOTE_SPEAKER),
                                                      False, 0.7)])
        author = memory.author
        if judged and author is not None:
            return replace(roles, sources=[Resolution(author.entry, author.name, Reason(ReasonKind.AUTHOR), False,
                                                      0.6)])
        return roles

    def _protesters(self, frame: Frame, roles: _Roles, memory: DocMemory) -> _Roles:
        """ "Protests have rattled Belarus": unnamed protesters are people of the story's country, and
        unless the text says otherwise they protest against their own government."""
        if frame.entry.type != "PROTEST" or not memory.focus \
                or frame.noun is not None and self._not_a_protest(frame.noun):
            return roles
        # "a hunger strike in Masaya": the people of the place it happens in, else of the story's state
        focus, why = (memory.sentence_places[0], _PROTEST_PLACE) if memory.sentence_places else (memory.focus,
                                                                                               _PROTEST_FOCUS)
        return _Roles([self.resolver.role_of(focus, "protesters", "CVL", why)],
                      roles.targets or [self.resolver.role_of(focus, "government", "GOV", why)])

    def _fired_from(self, frame: Frame, roles: _Roles, memory: DocMemory, dateline: int) -> _Roles:
        """Fired from a place: unidentified forces of that place's state."""
        if not frame.origins:
            return roles
        return replace(roles, sources=[self.resolver.role_of(str(r.entry.country), "forces", "UAF", _FIRED_FROM)
                                       for r in self._actors(frame.origins, memory, dateline)[:1] if r.entry.country])

    def _reporting_state(self, frame: Frame, roles: _Roles, memory: DocMemory, dateline: int) -> _Roles:
        """ "Algeria said the Malian drone was shot down": a state reporting a force used on another state's
        people or craft, with no doer named, reports its own act (implicit:speaker)."""
        anchor = frame.anchor
        # "the drone had violated Kenyan airspace and was shot down": a craft no one owns, downed by the reporter
        downed_craft = all(t.entry.country is None for t in roles.targets) \
            and any(p.lemma_.lower() in CRAFT for p in _passive_patients(anchor))
        if not ((roles.targets or downed_craft) and frame.kind == "verb" and is_passive(anchor)
                and frame.entry.type in ("ASSAULT", "COERCE")):
            return roles
        reporter = next((c for c in self._speaker_countries(anchor, memory, dateline).values() if c), None)
        if reporter and reporter not in NOT_FOCUS and (downed_craft or all(t.entry.country not in (None, reporter)
                                                                           for t in roles.targets)):
            government = self.resolver.role_of(reporter, "government", "GOV", _IMPLICIT_SPEAKER).entry
            return replace(roles, sources=[Resolution(government, "", _IMPLICIT_SPEAKER, False, 0.6)])
        return roles

    def _authorities(self, frame: Frame, roles: _Roles, memory: DocMemory) -> _Roles:
        """ "Police confirmed six arrests", "he was detained at the airport", "a harsh crackdown on the
        marchers": an act of state power with no doer named is by the authorities of the state where it
        happens: the sentence's place, else the target's state, else the story's (implicit:authorities)."""
        repression = frame.noun is not None and frame.noun.lemma_.lower() in _REPRESSION
        if not repression and not (frame.entry.type == "COERCE" and frame.entry.mode in _STATE_POWER):
            return roles
        home, basis = (memory.sentence_places[0], Basis.PLACE) if memory.sentence_places else (None, None)
        if home is None:  # "Nepalese police raided the camp. Two Bhutanese were taken into custody."
            home, basis = next(((a.source.entry.country, Basis.HOME) for a in reversed(memory.acts[-3:])
                                if a.type == "COERCE" and a.source.entry.country not in (None, *NOT_FOCUS)
                                and a.source.reason.kind is not ReasonKind.IMPLICIT_AUTHORITIES
                                and a.source.entry.sector in _STATE_ORGANS), (None, None))
        if home is None:
            home, basis = next(((t.entry.country, Basis.HOME) for t in roles.targets
                                if t.entry.country and t.entry.country not in NOT_FOCUS), (None, None))
        if home is None:
            home, basis = memory.focus, Basis.FOCUS
        if home is None or home in NOT_FOCUS:
            return roles
        why = Reason(ReasonKind.IMPLICIT_AUTHORITIES, basis=basis)
        authorities = self.resolver.role_of(home, "authorities", "GOV", why)
        return _Roles([authorities],
                      roles.targets or ([self.resolver.role_of(home, "civilians", "CVL", why)] if repression else []))

    def _settle_targets(self, frame: Frame, entry: LexiconEntry, roles: _Roles, target_heads: list[Token],
                        sentence: _Sentence, memory: DocMemory) -> _Roles:
        """Targets misread dropped, a joint act split, reactions aimed at the doers of what they react to,
        and a directed act with no target aimed at the story's salient counterpart."""
        roles = _drop_misread_targets(frame, entry, roles)
        roles = _joint_act(frame, entry, roles)
        roles = self._reaction_targets(frame, entry, roles, target_heads, sentence, memory)
        roles = _drop_summoned_envoys(frame, roles)
        return self._salient_target(entry, roles, memory)

    def _reaction_targets(self, frame: Frame, entry: LexiconEntry, roles: _Roles, target_heads: list[Token],
                          sentence: _Sentence, memory: DocMemory) -> _Roles:
        """A verbal reaction is aimed at the doer of the act it reacts to."""
        if not roles.sources or entry.type not in REACTIONS:
            return roles
        source, targets = roles.sources[0], roles.targets
        shared = sentence.clause_targets.get(frame.anchor.head.i) if frame.anchor.dep_ == "conj" else None
        if not targets and shared and frame.kind == "verb":
            targets = shared  # "condemned the crackdown and urged restraint": the same party is urged
        if frame.kind in ("verb", "light"):
            # "condemned the downing of a drone by Algerian forces": the doer of the act, not its patient
            # (only when the act is the first object: "called on Iran to end its strikes" names its addressee)
            acts = target_heads[:1]
            if frame.kind == "light" and frame.noun is not None:  # "voiced concern about China's support"
                acts = prep_objects(frame.noun, tuple(ABOUT_PREPS)) + acts
            doers = self._doers(acts, source, entry.type, memory, sentence.window.dateline_end)
            targets = doers or targets
        if not targets:
            # "The EU condemned the crackdown": the act reacted to names the target, its doer
            reacted = reacted_actor(target_heads, source, memory, self.lexicon)
            targets = [reacted] if reacted else []
        return replace(roles, targets=targets)

    def _salient_target(self, entry: LexiconEntry, roles: _Roles, memory: DocMemory) -> _Roles:
        """A directed act by one source with no target, or none of a known country ("denied sheltering
        militants"): aimed at the story's salient counterpart (implicit:salience)."""
        sources, targets = roles.sources, roles.targets
        unplaced = bool(targets) and all(t.entry.country is None for t in targets)
        # "six arrests", "denied them access": a state's power used at home, on its own people unnamed
        by_authorities = bool(sources) and sources[0].reason.kind is ReasonKind.IMPLICIT_AUTHORITIES \
            or entry.type == "COERCE" and entry.mode in _STATE_POWER | {"restrict"}
        if sources and (not targets or unplaced) and len(sources) == 1 and entry.type not in _UNDIRECTED \
                and not by_authorities:  # "six arrests": the state's own people, unnamed
            filled = implicit_target(entry.type, sources[0], memory, self.resolver)
            return replace(roles, targets=[filled]) if filled else roles
        return roles

    def _remember_act(self, frame: Frame, entry: LexiconEntry, roles: _Roles, sentence: _Sentence,
                      memory: DocMemory) -> None:
        """A verb's targets for the verbs coordinated with it; the act for later reactions to it."""
        if roles.targets and frame.kind == "verb":
            sentence.clause_targets[frame.anchor.i] = roles.targets
        if roles.sources and frame.kind in ("noun", "light", "verb"):
            del memory.acts[:-_ACTS_KEPT]  # flat memory on long documents
            memory.acts.append(Act(entry.type, frame.anchor.lemma_.lower(), (frame.noun or frame.anchor).lemma_.lower(),
                                   roles.sources[0], roles.targets[0] if roles.targets else None, entry.symmetric,
                                   frame.anchor.sent.start))

    def _status(self, frame: Frame, roles: _Roles, sent: Span, memory: DocMemory, dateline: int) -> str:
        """Asserted, negated, hypothetical, a reported claim or a question."""
        speaker = self._speaker_countries(frame.anchor, memory, dateline)
        src_country = roles.sources[0].entry.country if roles.sources else None
        return status_of(frame.anchor, src_country, speaker, question=sent.text.rstrip().endswith("?"))

    def _not_a_protest(self, noun: Token) -> bool:
        """ "Putin's fear of protests", "banned any demonstrations", "The protest (note) condemned ...":
        a protest noun that reports no protest actually held."""
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ == "of":
            return head.head.lemma_.lower() not in _PROTEST_SPELLS
        if any(c.lower_ in ("any", "no") for c in noun.children):
            return True
        verb = head.lemma_.lower()
        if noun.dep_ in ("dobj", "nsubjpass") and verb in self.lexicon.verbs:
            return True  # the protest is what another act is done to
        return noun.dep_ == "nsubj" and noun.tag_ == "NN" and (verb in self.lexicon.verbs or verb in CLAIM_VERBS)

    def _speaker_countries(self, anchor: Token, memory: DocMemory, dateline: int) -> dict[int, str | None]:
        """Country of the speaker of each claim verb that governs ANCHOR (for reported_claim)."""
        out: dict[int, str | None] = {}
        tok = anchor
        for _ in range(8):
            if tok.head == tok:
                break
            tok = tok.head
            if tok.lemma_.lower() in CLAIM_VERBS:
                res = self._actors(subject_of(tok), memory, dateline)
                # news agencies and reporters relay events; they do not claim them
                out[tok.i] = res[0].entry.country if res and res[0].entry.sector != "JRN" else None
        return out


# -- events: the steps that need no resolver ---------------------------------------------------
def _passive_patients(verb: Token) -> list[Token]:
    """The passive subject of VERB, or of the verb it is coordinated with ("entered the airspace and was shot
    down")."""
    own = [c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")]
    if own or verb.dep_ != "conj":
        return own
    return [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]


def _check_deadline(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise DocumentTimeoutError("the document took longer than its time budget while its events were "
                                   "coded; split it into articles or raise the budget (--timeout)")


def _advance_dates(sent: Span, published: str | None, memory: DocMemory) -> EventDate | None:
    """Move the document's day on to SENT's last explicit day (a sentence that continues the one before
    keeps its day); the day of the sentence before, which is returned, dates a continuing sentence's acts."""
    explicit = [d for d in _sentence_dates(sent.text, published, False) if d.precision == "day"]
    memory.last_date, memory.sentence_date = memory.sentence_date, (explicit[-1] if explicit else None)
    if memory.sentence_date is None and _continues(sent):
        memory.sentence_date = memory.last_date  # a chain of "In particular ... In turn ..."
    return memory.last_date


def _not_an_event(frame: Frame, roles: _Roles) -> bool:
    """A frame with no actor at all, a private trip or a body's own meeting reports no act between parties."""
    sources, targets, entry = roles.sources, roles.targets, frame.entry
    if not sources and not targets:
        return True  # an event with no actor at all is not data an analyst can use
    if not targets and _obligation(frame):
        return True  # "the dispute should be settled by the court": an obligation of no one named
    if entry.type == "CONSULT" and entry.mode == "visit" and frame.anchor.lemma_.lower() in _TRAVEL \
            and sources and all(s.entry.sector in _PRIVATE for s in sources):
        return True  # "told its nationals not to travel to X": a private trip is no state visit
    # "the bank kept rates unchanged after a meeting": a body's own meeting consults no one
    return entry.type == "CONSULT" and frame.noun is not None and frame.noun.lemma_.lower() in _OWN_MEETINGS \
        and not targets and len(sources) == 1 and sources[0].entry.country != "IGO"


def _retype(frame: Frame, roles: _Roles, target_heads: list[Token]) -> tuple[LexiconEntry, _Roles]:
    """The lexicon's entry for the frame, or the act its actors show it to be."""
    entry, targets = frame.entry, roles.targets
    aimed = [t for t in target_heads if t not in frame.trigger]
    at_sea = bool(aimed) and all(t.lemma_.lower() in _WATERS for t in aimed)
    if entry.type == "ASSAULT" and (not targets or at_sea) and frame.noun is not None \
            and frame.noun.lemma_ in _MISSILES:
        # a missile fired at no one, or into the sea, is a weapons test or a show of force
        entry, targets = _MISSILE_TEST, []
    armed = any(s.lemma_.lower() in WEAPONS and s.dep_ in ("nsubj", "pobj") for s in frame.sources) or any(
        o.lemma_.lower() in WEAPONS for o in prep_objects(frame.anchor, ("with",)))
    if entry.type == "ASSAULT" and entry.confidence < 0.7 and frame.kind == "verb" and armed:
        # "a drone hit the building", "hit the square with a missile": a weapon's "hit" is no metaphor
        entry = replace(entry, confidence=0.7)
    protester = roles.sources[0] if roles.sources else None
    if entry.type == "PROTEST" and frame.noun is not None and _military_strike(frame.noun, roles.sources):
        entry = _MILITARY_STRIKE  # "an Israeli strike on the village", "a second RSF strike": not a walkout
    elif entry.type == "PROTEST" and protester is not None and _a_state(protester) \
            and (frame.noun or frame.anchor).lemma_.lower() == "protest" \
            and protester.reason.kind not in (ReasonKind.MARKED, ReasonKind.PRONOUN):
        # "China protested the decision", "Beijing's sharp protest": a complaint (a walkout stays a protest)
        entry = _DIPLOMATIC_PROTEST
    if entry.type == "ASSAULT" and frame.anchor.lemma_.lower() in _AIMING and any(
            _financial_body(t) for s in frame.sources for t in s.subtree):
        entry = _FINANCIAL_TARGETING  # "the Treasury targeted two firms", "OFAC hit the network": sanctions
    if entry.type == "SUPPORT" and targets and all(t.entry.sector == "REB" for t in targets) \
            and (frame.noun or frame.anchor).lemma_.lower() in _BACKING:
        entry = replace(entry, type="AID", mode="military")  # "supporting M23": an armed group is armed
    if entry.type == "PROTEST" and entry.mode == "riot" and targets and prep_objects(frame.anchor, ("at",)):
        entry = replace(entry, type="ASSAULT")  # "hurled rocks at riot police": a riot's act aimed at someone
    if entry.type == "COERCE" and entry.mode == "restrict" and frame.anchor.lemma_.lower() in DECREES \
            and protester is not None and _a_state(protester) \
            and targets and all(t.entry.country not in (None, protester.entry.country) for t in targets):
        # "Beijing barred Taiwanese legislators from the mainland": a state's ban on another's people sanctions
        entry = replace(entry, type="SANCTION")
    return entry, replace(roles, targets=targets)


_REFUSED_TALKS = LexiconEntry("REJECT", "negotiation", confidence=0.6)
_STANDING_BY = LexiconEntry("SUPPORT", confidence=0.6)
_DESERTING = {"abandon", "desert", "forsake", "betray"}
_WILL = {"can", "ca", "will", "wo", "would", "shall"}  # ("ca" and "wo" as the tokenizer splits "can't", "won't")


def _refusal(frame: Frame, entry: LexiconEntry, status: str) -> tuple[LexiconEntry, str]:
    """ "Kosovo cannot engage in dialogue with X", "Serbia will not hold talks": refusing to talk rejects
    talks (PLOVER REJECT), an act the text asserts, not a meeting that did not take place."""
    if entry.type == "RETREAT" and status == "negated" and frame.anchor.lemma_.lower() in _DESERTING:
        return _STANDING_BY, "asserted"  # "Algeria will not abandon Palestine": a pledge of support
    if entry.type != "CONSULT" or status != "negated":
        return entry, status
    verb = frame.anchor if frame.anchor.pos_ in ("VERB", "AUX") else frame.anchor.head
    for tok in (verb, verb.head):
        auxes = [c.lower_ for c in tok.children if c.dep_ == "aux"]
        if any(a in _WILL for a in auxes) and any(c.dep_ == "neg" for c in tok.children):
            return _REFUSED_TALKS, "asserted"
    return entry, status


def _threat_made(frame: Frame, entry: LexiconEntry, status: str) -> str:
    """ "We will take all necessary measures": the act is to come, the threat is made now (asserted)."""
    anchor = frame.anchor
    if entry.type == "THREATEN" and status == "hypothetical" \
            and any(c.dep_ == "aux" and c.lower_ in _WILL for c in anchor.children) \
            and not any(c.dep_ == "mark" for c in anchor.children) and anchor.dep_ not in ("advcl", "xcomp"):
        return "asserted"
    return status


def _reciprocal(frame: Frame) -> bool:
    """ "accused each other", "blamed one another"."""
    return any(t.lower_ in ("other", "another") and any(c.lower_ in ("each", "one") for c in t.lefts)
               for t in frame.targets)


def _drop_misread_targets(frame: Frame, entry: LexiconEntry, roles: _Roles) -> _Roles:
    """Targets that cannot be the act's: the source itself, or where a pair of sources acts."""
    sources, targets = roles.sources, roles.targets
    if sources and targets and entry.type in _STATE_ON_STATE and all(
            t.entry.country == sources[0].entry.country and _a_state(t) for t in targets) and _a_state(sources[0]):
        targets = []  # a state does not accuse or sanction itself: the target was misread (salience refills)
    if sources and targets and entry.self_directed is False:
        targets = [t for t in targets if t.entry.canonical not in {s.entry.canonical for s in sources}] or []
    if len(sources) > 1 and (_reciprocal(frame) or entry.symmetric and targets
                             and all(t.reason.marks_a_place for t in targets)):
        targets = []  # "A and B clashed on the border": the border is where, the pair is who
    return replace(roles, targets=targets)


def _joint_act(frame: Frame, entry: LexiconEntry, roles: _Roles) -> _Roles:
    """ "Islamabad and Ankara agreed ...": a joint act between the named parties, the first the source."""
    sources, targets = roles.sources, roles.targets
    by_agent = any(s.dep_ == "pobj" and s.head.dep_ == "agent" for s in frame.sources)
    unplaced = all(t.entry.country is None for t in targets)  # ("agreed not to resort to force": no party)
    if (entry.symmetric or _reciprocal(frame) or KINDS[entry.type].quad in (1, 2)) and len(sources) > 1 \
            and unplaced and not by_agent and entry.mode != "third-party":
        return _Roles(sources[:1], sources[1:])
    return roles


def _drop_summoned_envoys(frame: Frame, roles: _Roles) -> _Roles:
    """ "summoned Oleg Petrov": an unknown person a ministry summons is another state's envoy, not one of
    the ministry's own country (the story's)."""
    sources, targets = roles.sources, roles.targets
    if sources and targets and frame.anchor.lemma_.lower() in _SUMMONING and all(
            t.reason.kind is ReasonKind.PERSON and t.entry.country == sources[0].entry.country for t in targets):
        return replace(roles, targets=[])
    return roles


def _confidence(frame: Frame, entry: LexiconEntry, roles: _Roles) -> float:
    """The lexicon's confidence, lowered for a missing source or target and for an event noun."""
    confidence = entry.confidence
    if not roles.sources:
        confidence *= 0.6
    if not roles.targets and entry.type not in _UNDIRECTED:  # protests and deployments need no target
        confidence *= 0.75
    if frame.kind == "noun":
        confidence *= 0.85
    return confidence


def _event_date(frame: Frame, status: str, sentence: _Sentence, etype: str = "") -> EventDate | None:
    """The date of the trigger's own clause; else the day of the sentence a continuing one points back to;
    else, for news told in the present or of the day, the day of publication or the story's day."""
    sent, published = sentence.span, sentence.window.published
    trig_start = min(t.idx for t in frame.trigger)
    dates = _attached_dates(_dates_for(sent, published, status == "hypothetical"), sent, frame.anchor)
    when = nearest_date(dates, trig_start - sent.start_char)
    if when is None and sentence.last_date is not None and _continues(sent):
        when = sentence.last_date  # "In particular, Putin confirmed ...": same occasion as the last sentence
    if when is None and published and status == "asserted" and _simple_present(frame.anchor):
        when = EventDate(published, "day", "publication date (present tense)", -1)
    if when is None and published and status in ("asserted", "reported_claim") \
            and (_news_of_the_day(frame.anchor) or etype == "THREATEN"):
        # the day the lead reports ("... on Wednesday"), else the day of publication (a threat of what
        # "would" come is made the day it is reported)
        when = sentence.window.today
    return when


def _event_records(frame: Frame, entry: LexiconEntry, roles: _Roles, confidence: float, status: str,
                   when: EventDate | None, sentence: _Sentence) -> list[Event]:
    """One event per pair of source and target, grouped when the act has several."""
    sources, targets, sent, window = roles.sources, roles.targets, sentence.span, sentence.window
    kind = KINDS[entry.type]
    gid = f"g{next(window.groups)}" if len(sources) > 1 or len(targets) > 1 else None
    out = []
    no_actor: list[Resolution | None] = [None]
    for src, tgt in itertools.product(sources or no_actor, targets or no_actor):
        # actor certainty tempers the lexicon's confidence without compounding it away
        conf = confidence * ((src.confidence if src else 1.0) * (tgt.confidence if tgt else 1.0)) ** 0.5
        out.append(Event(
            type=entry.type, mode=entry.mode,  # type: ignore[arg-type]
            quad=kind.quad, score=score_for(entry.type, entry.mode),
            cameo=cameo_for(entry.type, entry.mode),
            source=src.to_actor() if src else None, target=tgt.to_actor() if tgt else None,
            sentence=window.source_text[sent.start_char:sent.end_char].strip() or sent.text,
            start=sent.start_char,
            end=sent.end_char,
            trigger=frame.trigger_text, date=when.value if when else None,
            date_text=when.text if when else None, date_precision=when.precision if when else None,  # type: ignore[arg-type]
            status=status, confidence=round(conf, 3), group=gid,  # type: ignore[arg-type]
        ))
    return out

_SUMMONING = {"summon", "expel", "recall"}
_PRIVATE = {"CVL", "BUS", "JRN", "EDU"}
_TRAVEL = {"travel", "visit", "trip", "fly", "go", "head", "arrive", "tour"}
_STATE_ON_STATE = {"ACCUSE", "THREATEN", "SANCTION", "REJECT", "REQUEST"}


def _a_state(res: Resolution) -> bool:
    """A state as a whole or its government (not its opposition, courts, police or people)."""
    return res.entry.country not in (None, *NOT_FOCUS) and (
        res.entry.kind in ("country", "seat") or res.entry.sector == "GOV" and res.entry.kind != "person")


def _military_strike(noun: Token, sources: list[Resolution]) -> bool:
    """ "an Israeli strike on the village", "a second RSF strike": a strike by a state or an armed group, or
    one aimed on a place, is an attack; a strike by dockworkers is a walkout."""
    if noun.lemma_.lower() not in _STRIKES:
        return False
    armed = any(s.entry.sector in _ARMED or s.entry.kind in ("country", "seat") and s.reason.kind is ReasonKind.NAME
                for s in sources)
    aimed = prep_objects(noun, ("on",)) + [o for o in prep_objects(noun, ("against",)) if o.pos_ == "PROPN"]
    return armed or any(m.ent_type_ == "NORP" for m in noun.lefts) or bool(aimed)


_JOINT_DEPS = {"nsubj", "npadvmod"}
_PROTEST_SPELLS = {"wave", "series", "day", "week", "month", "year", "night", "weekend", "thousand", "hundred", "dozen"}
_SUBJECT_PRONOUNS = {"he", "she", "it", "they", "we", "i"}


def _quoted_first_person(head: Token, memory: DocMemory) -> bool:
    return head.lower_ in FIRST_PERSON and memory.speaker_at(head.idx) is not None


def _obligation(frame: Frame) -> bool:
    """A frame of events.frames.obligation_frame: its trigger is the modal ("“Kyiv must withdraw,” she said")."""
    return frame.trigger[0].dep_ == "aux" and frame.trigger[0].tag_ == "MD"


def _speaker_for_pronoun(head: Token) -> Token:
    """ "Lula said that he will impose tariffs": a subject pronoun in a reported clause is the speaker."""
    if head.lower_ not in _SUBJECT_PRONOUNS or head.dep_ not in ("nsubj", "nsubjpass"):
        return head
    clause = head.head
    if clause.dep_ == "relcl" and clause.head.lemma_.lower() in ("statement", "communique", "announcement") \
            and clause.head.head.dep_ == "prep":
        clause = clause.head.head  # "noted in a communique (that) it would": the communique's verb
    if clause.dep_ in ("ccomp", "prep") and clause.head.lemma_.lower() in CLAIM_VERBS | {"vow", "pledge", "warn",
                                                                                      "promise"}:
        speakers = [c for c in clause.head.children if c.dep_ == "nsubj" and c.lower_ not in _SUBJECT_PRONOUNS]
        if speakers:
            return speakers[0]
    return head


_CONTINUATIONS = ("in particular", "in turn", "there,", "then,", "at the meeting", "during the meeting",
                  "during the visit", "at the summit", "at the talks", "the same day", "later that day")


def _continues(sent: Span) -> bool:
    """A sentence that opens by pointing back to the occasion of the one before."""
    return sent.text.lstrip().lower().startswith(_CONTINUATIONS)


@lru_cache(maxsize=512)
def _sentence_dates(text: str, published: str | None, future: bool) -> tuple[EventDate, ...]:
    """The date expressions of a sentence, found once for all the events in it."""
    return tuple(find_dates(text, published, future=future))


def _dates_for(sent: Span, published: str | None, hypothetical: bool) -> list[EventDate]:
    """The sentence's dates, a bare weekday read forward for a hypothetical event unless the clause the
    date belongs to is in the past ("announced Monday it would ease ...")."""
    past = _sentence_dates(sent.text, published, False)
    if not hypothetical:
        return list(past)
    future = {d.start: d for d in _sentence_dates(sent.text, published, True)}
    out = []
    for d in past:
        span = sent.char_span(d.start, d.start + len(d.text), alignment_mode="expand")
        verb = _governing_verb(span.root) if span is not None else None
        out.append(d if verb is not None and verb.tag_ == "VBD" else future.get(d.start, d))
    return out


def _story_date(explicit: list[EventDate], published: str | None) -> EventDate | None:
    """The day a news report's lead gives for its story: within the week before publication."""
    if not published:
        return None
    for d in explicit:
        if d.value <= published and (date.fromisoformat(published) - date.fromisoformat(d.value)).days <= 7:
            return EventDate(d.value, "day", f"story date ({d.text})", -1)
    return None


def _governing_verb(tok: Token) -> Token | None:
    """The verb whose clause TOK belongs to (TOK itself for a verb)."""
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "aux":
            return tok
        if tok.head == tok:
            return None
        tok = tok.head
    return None


def _simple_present(anchor: Token) -> bool:
    """Headlines and statements in the simple present happen on the day of publication ("Israel, Hamas
    agree to truce", "Qatar appreciates the efforts")."""
    verb = _governing_verb(anchor)
    return verb is not None and verb.tag_ in ("VBZ", "VBP") and verb.lemma_ != "be" and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)


def _news_of_the_day(anchor: Token) -> bool:
    """A clause in the simple past, present perfect or present progressive reports the day's news
    (pluperfect, modal and future clauses do not)."""
    verb = _governing_verb(anchor)
    for _ in range(5):
        # non-finite verbs ("criticizing", "to demand") take their tense from the clause they hang on
        nonfinite = verb is not None and verb.tag_ in ("VBG", "VB", "VBN") and not any(
            c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in verb.children)  # "broke in to arrest him"
        if verb is not None and (verb.dep_ in ("conj", "xcomp") or nonfinite) and verb.head != verb:
            verb = _governing_verb(verb.head)
    if verb is None:
        return False
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"had", "'d", "will", "would", "could", "might", "may", "should", "shall", "must", "can"}:
        return False
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ == "VBN":
        return bool(aux & {"has", "have", "'s", "'ve", "was", "were"})
    return verb.tag_ == "VBG" and bool(aux & {"is", "are", "'s", "'re"})


def _deadline(span: Span) -> bool:
    """ "by March 2031", "until Friday", "ahead of the June polls", "prior to May"."""
    i = span.start - 1
    doc = span.doc
    while i >= 0 and doc[i].dep_ == "det":
        i -= 1
    if i < 0:
        return False
    if doc[i].lower_ in _DEADLINES:
        return True
    return i > 0 and (doc[i - 1].lower_, doc[i].lower_) in (("ahead", "of"), ("prior", "to"), ("in", "time"))


def _attached_dates(dates: Sequence[EventDate], sent: Span, anchor: Token) -> list[EventDate]:
    """Dates whose expression belongs to the trigger's own clause, not to another verb's."""
    own = _governing_verb(anchor)
    keep = []
    for d in dates:
        span = sent.char_span(d.start, d.start + len(d.text), alignment_mode="expand")  # offsets in SENT
        if span is None:
            continue
        if _deadline(span):
            continue  # "demanding elections by January 2024": a deadline, not when the act happened
        verb = _governing_verb(span.root)
        if verb is None or own is None or verb == own or verb in own.ancestors or own in verb.ancestors \
                and verb.dep_ in ("conj",):
            keep.append(d)
        elif verb.dep_ in ("ccomp", "conj", "advcl", "relcl", "acl", "xcomp") and own not in verb.subtree:
            continue  # the date belongs to another clause
        else:
            keep.append(d)
    return keep


_THREAT_TYPES = {"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "REJECT", "PROTEST"}
_CONDITIONS = {"if", "unless"}
# plans and wishes ("plans to expel") leave the act itself hypothetical; only a vow or a warning threatens
_VOWS = WORDS["resolve"]  # one list with the idioms' words of resolve


def _threats(frame: Frame, events: list[Event], sent: Span, quoted: bool = False,
             today: EventDate | None = None) -> list[Event]:
    """A conflictual act announced for the future on a condition ("will impose tariffs if ..."), vowed
    ("vowed to retaliate") or announced in the actor's own quoted words ("our forces will neutralize
    ...") is also a THREATEN event by its actor, asserted now."""
    if not events or events[0].type not in _THREAT_TYPES or events[0].status != "hypothetical":
        return []
    anchor = frame.anchor
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else anchor.head
    conditional = any(c.dep_ == "advcl" and any(m.lower_ in _CONDITIONS for m in c.children if m.dep_ == "mark")
                      for c in verb.children) or "in the event" in sent.text.lower()
    vowed = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _VOWS
    modal = any(c.lower_ in ("will", "would", "'ll", "shall") for c in verb.children if c.dep_ == "aux")
    if not (vowed or (modal and (conditional or quoted))):
        return []
    kind = KINDS["THREATEN"]
    update: dict[str, object] = {"type": "THREATEN", "mode": None, "quad": kind.quad, "score": kind.score,
                                 "cameo": kind.cameo, "status": "asserted"}
    dated = dict(update)
    speech = verb.head
    if today is not None and speech is not verb and (_news_of_the_day(speech) or _simple_present(speech)):
        # the threat is made when its speaker says it ("said Sunday it will retaliate")
        dated.update(date=today.value, date_text=today.text, date_precision=today.precision)
    return [ev.model_copy(update=dated if ev.date is None else update) for ev in events]


def _type_and_source(ev: Event) -> tuple[str, str | None]:
    return ev.type, ev.source.canonical if ev.source else None


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (type, trigger, source, target) in a sentence."""
    seen: set[tuple[str, str, str | None, str | None]] = set()
    pairs: set[tuple[str, frozenset[str | None]]] = set()  # "telephoned X and both leaders discussed ...": one talk
    out = []
    for ev in events:
        key = (ev.type, ev.trigger, ev.source.canonical if ev.source else None,
               ev.target.canonical if ev.target else None)
        pair = (ev.type, frozenset({ev.source.canonical, ev.target.canonical})) \
            if ev.type == "CONSULT" and ev.mode != "third-party" and ev.source and ev.target \
            and ev.status == "asserted" else None  # (a mediator's part is its own event)
        if key not in seen and pair not in pairs:
            seen.add(key)
            if pair is not None:
                pairs.add(pair)
            out.append(ev)
    return out


__all__ = ["EventCoder"]
