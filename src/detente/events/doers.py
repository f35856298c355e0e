"""Doers the text leaves unnamed, where the kind of act says who it is: protesters of the place, the
state that reports a downing or a summons, the authorities of an arrest, the last attacker of a harm, the
holder of those released, the speaker of a judgement (each marks its reason, with a lower confidence).

:class:`UnnamedDoers` is a part of :class:`detente.events.coder.EventCoder`; each rule is one method.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..actors.kb import Entry
from ..actors.memory import DocMemory, Resolution
from ..actors.reasons import Basis, Reason, ReasonKind
from ..actors.resolve import ActorResolver
from ..actors.words import NOT_FOCUS, NOTES
from .context import IMPLICIT_SPEAKER, STATE_ORGANS, STATE_POWER, SUMMONING, WILL, Roles
from .frames import (
    CRAFT,
    CROSSINGS,
    HARMS,
    HELD_CAPTIVES,
    HELD_PRISONERS,
    MISSIONS,
    TAKING_CAPTIVES,
    TAKING_PRISONERS,
    WEAPONS,
    Frame,
    is_passive,
    prep_objects,
)
from .lexicon import Lexicon

_REPRESSION = {"crackdown", "clampdown", "repression", "suppression", "persecution", "reprisal"}
_ANNOUNCED = {"SANCTION", "COERCE", "AID", "MOBILIZE"}  # acts a state announces as its own (not releases)
# the reasons of the actors the coder's own rules supply
_PROTEST_FOCUS = Reason(ReasonKind.PROTEST, basis=Basis.FOCUS)
_PROTEST_PLACE = Reason(ReasonKind.PROTEST, basis=Basis.PLACE)
_FIRED_FROM = Reason(ReasonKind.FIRED_FROM)


class UnnamedDoers:
    """The rules that fill a source the text leaves unnamed (the first rule that applies)."""

    resolver: ActorResolver
    lexicon: Lexicon

    def _actors(self, heads: list[Token], memory: DocMemory, dateline: int, *, deep: bool = False,
                avoid: Entry | None = None) -> list[Resolution]:
        raise NotImplementedError

    def _speaker_countries(self, anchor: Token, memory: DocMemory, dateline: int) -> dict[int, str | None]:
        raise NotImplementedError

    def _not_a_protest(self, noun: Token) -> bool:
        raise NotImplementedError

    def _unnamed_doers(self, frame: Frame, roles: Roles, memory: DocMemory, dateline: int) -> Roles:
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

    def _weapon_user(self, frame: Frame, roles: Roles, memory: DocMemory) -> Roles:
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

    def _announced_act(self, frame: Frame, roles: Roles, memory: DocMemory, dateline: int) -> Roles:
        """ "Other punitive measures will be taken against them, the spokesperson said": a state announcing
        an act to come, told in the passive with no doer, announces its own act (implicit:speaker)."""
        anchor = frame.anchor
        if frame.entry.type not in _ANNOUNCED or not is_passive(anchor) \
                or not any(c.dep_ == "aux" and c.lower_ in WILL for c in anchor.children):
            return roles
        speaker = self._reporting_country(anchor, memory, dateline)
        if speaker is None or speaker in NOT_FOCUS:
            return roles
        return replace(roles, sources=[self._speaking_state(speaker)])

    def _received_protest(self, frame: Frame, roles: Roles, memory: DocMemory, dateline: int) -> Roles:
        """ "According to the Iraqi ministry, the Turkish ambassador was handed a protest note": a protest or
        summons received, told in the passive with no doer, is by the state that reports it (implicit:speaker)."""
        anchor = frame.anchor
        noun = frame.noun.lemma_.lower() if frame.noun is not None else ""
        diplomatic = anchor.lemma_.lower() in SUMMONING or noun in NOTES or frame.noun is not None \
            and frame.noun.lower_ == "summons"
        if frame.entry.type != "ACCUSE" or not diplomatic or not is_passive(anchor):
            return roles
        # "was summoned to Iraq's foreign ministry", "was handed a summons to ...": the ministry summoned
        places = prep_objects(anchor, ("to",)) + (prep_objects(frame.noun, ("to",)) if frame.noun is not None else [])
        summoner = next((r for r in self._actors(places, memory, dateline) if r.entry.country not in (None, *NOT_FOCUS)
                         and r.entry.sector == "GOV"), None)
        if summoner is not None:
            targets = [t for t in roles.targets if t.entry.canonical != summoner.entry.canonical]
            if all(t.entry.country != summoner.entry.country for t in targets):
                return Roles([summoner], targets)
        if not roles.targets or any(t.entry.country is None for t in roles.targets):
            return roles
        spots = [anchor.idx] + ([frame.noun.idx] if frame.noun is not None else [])  # (a note quoted in part)
        reporter = next((r for i in spots for r in (memory.speaker_at(i), memory.reporter_at(i)) if r), None)
        code = reporter.country if reporter is not None else self._reporting_country(anchor, memory, dateline)
        if code is None or code in NOT_FOCUS or any(t.entry.country == code for t in roles.targets):
            return roles
        return replace(roles, sources=[self._speaking_state(code)])

    def _host_state(self, frame: Frame, roles: Roles, memory: DocMemory) -> Roles:
        """ "The Russian consulate in Klaipeda will also be closed": a foreign mission closed in the passive is
        closed by the state it is in, the sentence's place, else the story's last sanctioning state; "the
        check post at Wagah has been closed": a crossing, by the last sanctioning state (implicit:authorities)."""
        anchor = frame.anchor
        closed = {p.lemma_.lower() for p in passive_patients(anchor)}
        if frame.entry.type != "SANCTION" or not is_passive(anchor) or not closed & (MISSIONS | CROSSINGS):
            return roles
        owners = {t.entry.country for t in roles.targets}
        last = next((a for a in reversed(memory.acts[-4:]) if a.type == "SANCTION"), None)
        # a mission is closed by the state it is in; a crossing, shared by two, by the state that sanctions
        host = memory.sentence_places[0] if memory.sentence_places and closed & MISSIONS else \
            last.source.entry.country if last is not None else None
        if host is None or host in NOT_FOCUS or host in owners:
            return roles
        why = Reason(ReasonKind.IMPLICIT_AUTHORITIES, basis=Basis.PLACE if memory.sentence_places else Basis.HOME)
        targets = roles.targets or ([last.target] if last is not None and last.target is not None
                                    and last.target.entry.country != host else [])  # (the state sanctioned)
        return Roles([self.resolver.role_of(host, "government", "GOV", why)], targets)

    def _holder(self, frame: Frame, roles: Roles, memory: DocMemory) -> Roles:
        """ "Hamas captured 240 hostages ... 50 hostages will be freed": a release told in the passive is by
        whoever the story said took those released, and aimed at their side (implicit:holder)."""
        anchor = frame.anchor
        if frame.entry.type != "CONCEDE" or frame.kind != "verb" or not is_passive(anchor):
            return roles
        held = {p.lemma_.lower() for p in passive_patients(anchor)}
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
        return Roles([Resolution(act.source.entry, act.source.name, why, False, 0.6)], targets)

    def _harm_doer(self, frame: Frame, roles: Roles, memory: DocMemory) -> Roles:
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
        return Roles([Resolution(attacker.entry, attacker.name, why, False, 0.6)], targets)

    def _judge(self, frame: Frame, roles: Roles, memory: DocMemory) -> Roles:
        """ "“Such statements are unacceptable. ...,” he said", or a statement's own "The siege of the
        church is unacceptable": a judgement no clause attributes is its quote's speaker's, else, in a
        statement that quotes no one, its author's."""
        word = frame.trigger[0]
        judged = frame.anchor.lemma_.lower() == "be" and word.dep_ in ("acomp", "attr") and (
            word.lower_ if word.pos_ == "ADJ" else word.lemma_.lower()) in self.lexicon.evaluatives \
            or word.dep_ == "amod" and word.lower_ in self.lexicon.evaluatives  # "its illegal war"
        if not judged and not is_obligation(frame):
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

    def _protesters(self, frame: Frame, roles: Roles, memory: DocMemory) -> Roles:
        """ "Protests have rattled Belarus": unnamed protesters are people of the story's country, and
        unless the text says otherwise they protest against their own government."""
        if frame.entry.type != "PROTEST" or not memory.focus \
                or frame.noun is not None and self._not_a_protest(frame.noun):
            return roles
        # "a hunger strike in Masaya": the people of the place it happens in, else of the story's state
        focus, why = (memory.sentence_places[0], _PROTEST_PLACE) if memory.sentence_places else (memory.focus,
                                                                                               _PROTEST_FOCUS)
        return Roles([self.resolver.role_of(focus, "protesters", "CVL", why)],
                      roles.targets or [self.resolver.role_of(focus, "government", "GOV", why)])

    def _fired_from(self, frame: Frame, roles: Roles, memory: DocMemory, dateline: int) -> Roles:
        """Fired from a place: unidentified forces of that place's state."""
        if not frame.origins:
            return roles
        return replace(roles, sources=[self.resolver.role_of(str(r.entry.country), "forces", "UAF", _FIRED_FROM)
                                       for r in self._actors(frame.origins, memory, dateline)[:1] if r.entry.country])

    def _reporting_state(self, frame: Frame, roles: Roles, memory: DocMemory, dateline: int) -> Roles:
        """ "Algeria said the Malian drone was shot down": a state reporting a force used on another state's
        people or craft, with no doer named, reports its own act (implicit:speaker)."""
        anchor = frame.anchor
        # "the drone had violated Kenyan airspace and was shot down": a craft no one owns, downed by the reporter
        downed_craft = all(t.entry.country is None for t in roles.targets) \
            and any(p.lemma_.lower() in CRAFT for p in passive_patients(anchor))
        if not ((roles.targets or downed_craft) and frame.kind == "verb" and is_passive(anchor)
                and frame.entry.type in ("ASSAULT", "COERCE")):
            return roles
        reporter = self._reporting_country(anchor, memory, dateline)
        if reporter and reporter not in NOT_FOCUS and (downed_craft or all(t.entry.country not in (None, reporter)
                                                                           for t in roles.targets)):
            return replace(roles, sources=[self._speaking_state(reporter)])
        return roles

    def _reporting_country(self, anchor: Token, memory: DocMemory, dateline: int) -> str | None:
        """The country of the first speaker whose claim verb governs ANCHOR."""
        return next((c for c in self._speaker_countries(anchor, memory, dateline).values() if c), None)

    def _speaking_state(self, code: str) -> Resolution:
        """The government of the state that reports or announces an act as its own (implicit:speaker)."""
        government = self.resolver.role_of(code, "government", "GOV", IMPLICIT_SPEAKER).entry
        return Resolution(government, "", IMPLICIT_SPEAKER, False, 0.6)

    def _authorities(self, frame: Frame, roles: Roles, memory: DocMemory) -> Roles:
        """ "Police confirmed six arrests", "he was detained at the airport", "a harsh crackdown on the
        marchers": an act of state power with no doer named is by the authorities of the state where it
        happens: the sentence's place, else the target's state, else the story's (implicit:authorities)."""
        repression = frame.noun is not None and frame.noun.lemma_.lower() in _REPRESSION
        if not repression and not (frame.entry.type == "COERCE" and frame.entry.mode in STATE_POWER):
            return roles
        home, basis = (memory.sentence_places[0], Basis.PLACE) if memory.sentence_places else (None, None)
        if home is None:  # "Nepalese police raided the camp. Two Bhutanese were taken into custody."
            home, basis = next(((a.source.entry.country, Basis.HOME) for a in reversed(memory.acts[-3:])
                                if a.type == "COERCE" and a.source.entry.country not in (None, *NOT_FOCUS)
                                and a.source.reason.kind is not ReasonKind.IMPLICIT_AUTHORITIES
                                and a.source.entry.sector in STATE_ORGANS), (None, None))
        if home is None:
            home, basis = next(((t.entry.country, Basis.HOME) for t in roles.targets
                                if t.entry.country and t.entry.country not in NOT_FOCUS), (None, None))
        if home is None:
            home, basis = memory.focus, Basis.FOCUS
        if home is None or home in NOT_FOCUS:
            return roles
        why = Reason(ReasonKind.IMPLICIT_AUTHORITIES, basis=basis)
        authorities = self.resolver.role_of(home, "authorities", "GOV", why)
        return Roles([authorities],
                      roles.targets or ([self.resolver.role_of(home, "civilians", "CVL", why)] if repression else []))


# -- events: the steps that need no resolver ---------------------------------------------------
def passive_patients(verb: Token) -> list[Token]:
    """The passive subject of VERB, or of the verb it is coordinated with ("entered the airspace and was shot
    down")."""
    own = [c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")]
    if own or verb.dep_ != "conj":
        return own
    return [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]


def is_obligation(frame: Frame) -> bool:
    """A frame of events.frames.obligation_frame: its trigger is the modal ("“Kyiv must withdraw,” she said")."""
    return frame.trigger[0].dep_ == "aux" and frame.trigger[0].tag_ == "MD"


__all__ = ["UnnamedDoers", "is_obligation", "passive_patients"]
