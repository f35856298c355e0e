"""The event coder: frames from the parse, actors from the resolver, status and date per event.

Each frame the parse yields becomes events in named steps (:meth:`EventCoder._events`): its roles are
resolved, unnamed doers filled in, frames that report no act dropped, the act retyped where its actors
say what it is, the targets settled, then the confidence, status and date found. What a step needs of
the text around the frame (the window's text and dateline, the sentence, the event's source) it gets
as an argument; the document's memory (:class:`DocMemory`) is what the resolver learns as it reads.
The unnamed-doer rules live in :mod:`.doers`, the dates in :mod:`.dating`, the shared context types in
:mod:`.context`.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..actors.kb import Entry
from ..actors.reasons import Basis, ReasonKind
from ..actors.resolve import ActorResolver, DocMemory, Resolution
from ..actors.words import FIRST_PERSON, NOT_FOCUS, NOTES
from ..boilerplate import dateline_end
from ..errors import DocumentTimeoutError
from ..ontology import KINDS, cameo_for, score_for
from ..records import Event
from ..spans import entity_span
from ..when import EventDate
from .context import STATE_POWER, SUMMONING, WILL, Roles, Sentence, Window
from .dating import advance_dates, event_date, news_of_the_day, sentence_dates, simple_present, story_date
from .discourse import REACTIONS, Act, implicit_target, reacted_actor
from .doers import UnnamedDoers, is_obligation
from .find import find_frames
from .frames import (
    ABOUT_PREPS,
    CLAIM_VERBS,
    CONDUCT,
    DECREES,
    WEAPONS,
    WORDS,
    Frame,
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
_OWN_MEETINGS = {"meeting", "session", "sitting"}
_MISSILE_TEST = LexiconEntry("MOBILIZE", "weapons-test", confidence=0.7)
_MISSILES = {"missile", "rocket", "projectile"}
_WATERS = {"sea", "waters", "water", "ocean", "gulf", "strait", "bay"}
_MILITARY_STRIKE = LexiconEntry("ASSAULT", "aerial", confidence=0.7)
_DIPLOMATIC_PROTEST = LexiconEntry("ACCUSE", confidence=0.7)
_VERBAL_PURPOSES = {"ACCUSE", "REQUEST", "REJECT"}
_AGREED_CONTENT = {"COOPERATE", "CONSULT", "AID", "SUPPORT"}  # what an agreement to act is about
_WHEN_PREPS = {"after", "before", "following", "during", "since", "amid"}
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


class EventCoder(UnnamedDoers):
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
    def _open_window(self, doc: Doc, sentences: list[Span], published: str | None, memory: DocMemory) -> Window:
        """The window's text and dateline; the story's countries and day, noted in memory."""
        source_text = doc._.source_text or doc.text
        first_window = not memory.seen_text  # a long document is coded in windows sharing one memory
        dateline = dateline_end(source_text) if first_window else 0
        memory.seen_text = bool(source_text)
        for code in self.resolver.countries_in(source_text[:dateline]):
            memory.countries[code] += 3  # "QUITO, Ecuador (AP) —": the story happens there
        for sent in sentences[:3]:  # the lead's day ("... on Sunday" in its second sentence) dates its first
            explicit = [d for d in sentence_dates(sent.text, published, False) if d.precision == "day"]
            memory.story_date = memory.story_date or story_date(explicit, published)
        today = memory.story_date or (EventDate(published, "day", "publication date", -1) if published else None)
        return Window(published, source_text, dateline, today, itertools.count(1))

    def _enter_sentence(self, sent: Span, window: Window, memory: DocMemory) -> Sentence:
        """Note what the sentence names (its dates, places, parties, people) before its events are coded."""
        last_date = advance_dates(sent, window.published, memory)
        memory.sentence_places = self.resolver.sentence_places(sent, window.dateline_end)
        # one scan of the sentence: its parties, "the West" included; bare roles take only states
        memory.sentence_parties = self.resolver.sentence_countries(sent, window.dateline_end, west=True)
        memory.sentence_countries = [c for c in memory.sentence_parties if c != "WST"]
        memory.named.update(memory.sentence_parties)
        self.learn_names(sent, memory)
        self._remember_subjects(sent, memory, window.dateline_end)  # "Putin confirmed his commitment": his = Putin
        return Sentence(sent, window, last_date, {})

    def _sentence_events(self, sentence: Sentence, memory: DocMemory) -> list[Event]:
        """The events of the sentence's frames, a refused act and a threatened one as what they are."""
        sent = sentence.span
        frames = find_frames(sent, self.lexicon)
        frame_events: list[Event] = []
        refusals = {f.anchor.i for f in frames if f.entry.type == "REJECT" and f.kind == "verb"}
        agreed = _agreed_content(frames)
        done: dict[int, set[tuple[str, str | None]]] = {}  # anchor -> (type, source) of its events
        for frame in frames:
            found = self._events(frame, sentence, memory)
            if frame.anchor.dep_ == "xcomp" and frame.anchor.head.i in refusals:
                # "refused to recognise the government": the refusal is the event; the act refused is its content
                found = [e for e in found if e.status != "negated"]
            if frame.anchor.i in agreed:
                # "agreed to resume flights", "agreed to closely monitor the situation": the agreement is the
                # event, the cooperation agreed on its content
                found = [e for e in found if e.type not in _AGREED_CONTENT]
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
    def _events(self, frame: Frame, sentence: Sentence, memory: DocMemory) -> list[Event]:
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
        when = event_date(frame, status, sentence, entry.type)
        return _event_records(frame, entry, roles, _confidence(frame, entry, roles), status, when, sentence)

    def _roles(self, frame: Frame, target_heads: list[Token], memory: DocMemory, dateline: int) -> Roles:
        """The actors the frame's source and target phrases name."""
        # a place is where something happens, not who does it ("closing borders", "the capital")
        sources = [s for s in self._actors(frame.sources, memory, dateline) if not s.reason.marks_a_place]
        avoid = sources[0].entry if len(sources) == 1 else None  # "Congo expelled its ambassador": not Congo's
        targets = self._actors(target_heads, memory, dateline, deep=True, avoid=avoid) \
            or self._actors(frame.fallback, memory, dateline, deep=True, avoid=avoid)
        return Roles(sources, targets)


    def _settle_targets(self, frame: Frame, entry: LexiconEntry, roles: Roles, target_heads: list[Token],
                        sentence: Sentence, memory: DocMemory) -> Roles:
        """Targets misread dropped, a joint act split, reactions aimed at the doers of what they react to,
        and a directed act with no target aimed at the story's salient counterpart."""
        roles = _drop_misread_targets(frame, entry, roles)
        roles = _joint_act(frame, entry, roles)
        roles = self._reaction_targets(frame, entry, roles, target_heads, sentence, memory)
        roles = _drop_summoned_envoys(frame, roles)
        return self._salient_target(entry, roles, memory)

    def _reaction_targets(self, frame: Frame, entry: LexiconEntry, roles: Roles, target_heads: list[Token],
                          sentence: Sentence, memory: DocMemory) -> Roles:
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
        if not targets and entry.type in ("ACCUSE", "REJECT"):
            # "Beijing lodged a protest after Japan's prime minister said ...": the after-clause tells the act
            targets = [r for r in self._actors(_after_clause_doers(frame.anchor), memory, sentence.window.dateline_end)
                       if r.entry.country not in (None, source.entry.country)][:1]
        return replace(roles, targets=targets)

    def _salient_target(self, entry: LexiconEntry, roles: Roles, memory: DocMemory) -> Roles:
        """A directed act by one source with no target, or none of a known country ("denied sheltering
        militants"): aimed at the story's salient counterpart (implicit:salience)."""
        sources, targets = roles.sources, roles.targets
        unplaced = bool(targets) and all(t.entry.country is None for t in targets)
        # "six arrests", "denied them access": a state's power used at home, on its own people unnamed
        by_authorities = bool(sources) and sources[0].reason.kind is ReasonKind.IMPLICIT_AUTHORITIES \
            or entry.type == "COERCE" and entry.mode in STATE_POWER | {"restrict"}
        private = bool(sources) and sources[0].entry.sector == "CVL"  # ("individuals seeking to aid hunger
        # strikers": people acting among their own, no foreign counterpart)
        if sources and (not targets or unplaced) and len(sources) == 1 and entry.type not in _UNDIRECTED \
                and not by_authorities and not private:  # "six arrests": the state's own people, unnamed
            filled = implicit_target(entry.type, sources[0], memory, self.resolver)
            return replace(roles, targets=[filled]) if filled else roles
        return roles

    def _remember_act(self, frame: Frame, entry: LexiconEntry, roles: Roles, sentence: Sentence,
                      memory: DocMemory) -> None:
        """A verb's targets for the verbs coordinated with it; the act for later reactions to it."""
        if roles.targets and frame.kind == "verb":
            sentence.clause_targets[frame.anchor.i] = roles.targets
        if roles.sources and frame.kind in ("noun", "light", "verb"):
            del memory.acts[:-_ACTS_KEPT]  # flat memory on long documents
            memory.acts.append(Act(entry.type, frame.anchor.lemma_.lower(), (frame.noun or frame.anchor).lemma_.lower(),
                                   roles.sources[0], roles.targets[0] if roles.targets else None, entry.symmetric,
                                   frame.anchor.sent.start))

    def _status(self, frame: Frame, roles: Roles, sent: Span, memory: DocMemory, dateline: int) -> str:
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


def _agreed_content(frames: list[Frame]) -> set[int]:
    """The tokens of what a sentence's agreements agree to do ("agreed to restart reciprocal visits"), not
    what came before or around them ("agreed ... after a tense meeting"). Agreeing with another only: "promised
    to provide a loan" still tells the aid to come."""
    agreements = [f.anchor for f in frames if f.entry.type == "AGREE" and f.kind == "verb"
                  and f.anchor.lemma_.lower() == "agree"]
    agreed = {t.i for a in agreements for c in a.children if c.dep_ == "xcomp" for t in c.subtree}
    around = {t.i for a in agreements for c in a.subtree if c.dep_ == "prep" and c.lower_ in _WHEN_PREPS
              for t in c.subtree}
    return agreed - around


def _after_clause_doers(anchor: Token) -> list[Token]:
    """The subjects of an "after"/"following" clause on ANCHOR, or on the verb whose object ANCHOR is."""
    hosts = [anchor] + ([anchor.head] if anchor.dep_ in ("dobj", "pobj") and anchor.head.pos_ == "VERB" else [])
    clauses = [s for h in hosts for c in h.children if c.dep_ == "advcl"
               and any(m.dep_ == "mark" and m.lower_ in ("after", "following") for m in c.children)
               for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
    # ("after Japanese PM Takaichi said ...", parsed as a preposition; "after the Chinese raid": its doer)
    named = [o for h in hosts for c in h.children if c.dep_ == "prep" and c.lower_ in ("after", "following")
             for o in c.children if o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME")]
    return clauses + named


def _check_deadline(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise DocumentTimeoutError("the document took longer than its time budget while its events were "
                                   "coded; split it into articles or raise the budget (--timeout)")


def _not_an_event(frame: Frame, roles: Roles) -> bool:
    """A frame with no actor at all, a private trip or a body's own meeting reports no act between parties."""
    sources, targets, entry = roles.sources, roles.targets, frame.entry
    if not sources and not targets:
        return True  # an event with no actor at all is not data an analyst can use
    if not targets and is_obligation(frame):
        return True  # "the dispute should be settled by the court": an obligation of no one named
    if entry.type == "CONSULT" and entry.mode == "visit" and frame.anchor.lemma_.lower() in _TRAVEL \
            and sources and all(s.entry.sector in _PRIVATE for s in sources):
        return True  # "told its nationals not to travel to X": a private trip is no state visit
    # "the bank kept rates unchanged after a meeting": a body's own meeting consults no one
    return entry.type == "CONSULT" and frame.noun is not None and frame.noun.lemma_.lower() in _OWN_MEETINGS \
        and not targets and len(sources) == 1 and sources[0].entry.country != "IGO"


def _retype(frame: Frame, roles: Roles, target_heads: list[Token]) -> tuple[LexiconEntry, Roles]:
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
        if any(a in WILL for a in auxes) and any(c.dep_ == "neg" for c in tok.children):
            return _REFUSED_TALKS, "asserted"
    return entry, status


def _threat_made(frame: Frame, entry: LexiconEntry, status: str) -> str:
    """ "We will take all necessary measures": the act is to come, the threat is made now (asserted)."""
    anchor = frame.anchor
    if entry.type == "THREATEN" and status == "hypothetical" \
            and any(c.dep_ == "aux" and c.lower_ in WILL for c in anchor.children) \
            and not any(c.dep_ == "mark" for c in anchor.children) and anchor.dep_ not in ("advcl", "xcomp"):
        return "asserted"
    return status


def _reciprocal(frame: Frame) -> bool:
    """ "accused each other", "blamed one another"."""
    return any(t.lower_ in ("other", "another") and any(c.lower_ in ("each", "one") for c in t.lefts)
               for t in frame.targets)


def _drop_misread_targets(frame: Frame, entry: LexiconEntry, roles: Roles) -> Roles:
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


def _joint_act(frame: Frame, entry: LexiconEntry, roles: Roles) -> Roles:
    """ "Islamabad and Ankara agreed ...": a joint act between the named parties, the first the source."""
    sources, targets = roles.sources, roles.targets
    by_agent = any(s.dep_ == "pobj" and s.head.dep_ == "agent" for s in frame.sources)
    unplaced = all(t.entry.country is None for t in targets)  # ("agreed not to resort to force": no party)
    if (entry.symmetric or _reciprocal(frame) or KINDS[entry.type].quad in (1, 2)) and len(sources) > 1 \
            and unplaced and not by_agent and entry.mode != "third-party":
        return Roles(sources[:1], sources[1:])
    return roles


def _drop_summoned_envoys(frame: Frame, roles: Roles) -> Roles:
    """ "summoned Oleg Petrov": an unknown person a ministry summons is another state's envoy, not one of
    the ministry's own country (the story's)."""
    sources, targets = roles.sources, roles.targets
    if sources and targets and frame.anchor.lemma_.lower() in SUMMONING and all(
            t.reason.kind is ReasonKind.PERSON and t.entry.country == sources[0].entry.country for t in targets):
        return replace(roles, targets=[])
    return roles


def _confidence(frame: Frame, entry: LexiconEntry, roles: Roles) -> float:
    """The lexicon's confidence, lowered for a missing source or target and for an event noun."""
    confidence = entry.confidence
    if not roles.sources:
        confidence *= 0.6
    if not roles.targets and entry.type not in _UNDIRECTED:  # protests and deployments need no target
        confidence *= 0.75
    if frame.kind == "noun":
        confidence *= 0.85
    return confidence


def _event_records(frame: Frame, entry: LexiconEntry, roles: Roles, confidence: float, status: str,
                   when: EventDate | None, sentence: Sentence) -> list[Event]:
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
    if today is not None and speech is not verb and (news_of_the_day(speech) or simple_present(speech)):
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
