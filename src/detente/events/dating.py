"""When an event happened: the date of the trigger's own clause, else of the sentence a continuing one
points back to, else, for news told in the present or of the day, the story's day or the publication date."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from spacy.tokens import Span, Token

from ..actors.memory import DocMemory
from ..when import EventDate, find_dates, nearest_date
from .context import Sentence
from .frames import Frame

_DEADLINES = {"by", "until", "till", "before"}
_CONTINUATIONS = ("in particular", "in turn", "there,", "then,", "at the meeting", "during the meeting",
                  "during the visit", "at the summit", "at the talks", "the same day", "later that day")


def advance_dates(sent: Span, published: str | None, memory: DocMemory) -> EventDate | None:
    """Move the document's day on to SENT's last explicit day (a sentence that continues the one before
    keeps its day); the day of the sentence before, which is returned, dates a continuing sentence's acts."""
    explicit = [d for d in sentence_dates(sent.text, published, False) if d.precision == "day"]
    memory.last_date, memory.sentence_date = memory.sentence_date, (explicit[-1] if explicit else None)
    if memory.sentence_date is None and _continues(sent):
        memory.sentence_date = memory.last_date  # a chain of "In particular ... In turn ..."
    return memory.last_date


def event_date(frame: Frame, status: str, sentence: Sentence, etype: str = "") -> EventDate | None:
    """The date of the trigger's own clause; else the day of the sentence a continuing one points back to;
    else, for news told in the present or of the day, the day of publication or the story's day."""
    sent, published = sentence.span, sentence.window.published
    trig_start = min(t.idx for t in frame.trigger)
    dates = _attached_dates(_dates_for(sent, published, status == "hypothetical"), sent, frame.anchor)
    when = nearest_date(dates, trig_start - sent.start_char)
    if when is None and sentence.last_date is not None and _continues(sent):
        when = sentence.last_date  # "In particular, Putin confirmed ...": same occasion as the last sentence
    if when is None and published and status == "asserted" and simple_present(frame.anchor):
        when = EventDate(published, "day", "publication date (present tense)", -1)
    if when is None and published and status in ("asserted", "reported_claim") \
            and (news_of_the_day(frame.anchor) or etype == "THREATEN"):
        # the day the lead reports ("... on Wednesday"), else the day of publication (a threat of what
        # "would" come is made the day it is reported)
        when = sentence.window.today
    return when


def _continues(sent: Span) -> bool:
    """A sentence that opens by pointing back to the occasion of the one before."""
    return sent.text.lstrip().lower().startswith(_CONTINUATIONS)


@lru_cache(maxsize=512)
def sentence_dates(text: str, published: str | None, future: bool) -> tuple[EventDate, ...]:
    """The date expressions of a sentence, found once for all the events in it."""
    return tuple(find_dates(text, published, future=future))


def _dates_for(sent: Span, published: str | None, hypothetical: bool) -> list[EventDate]:
    """The sentence's dates, a bare weekday read forward for a hypothetical event unless the clause the
    date belongs to is in the past ("announced Monday it would ease ...")."""
    past = sentence_dates(sent.text, published, False)
    if not hypothetical:
        return list(past)
    future = {d.start: d for d in sentence_dates(sent.text, published, True)}
    out = []
    for d in past:
        span = sent.char_span(d.start, d.start + len(d.text), alignment_mode="expand")
        verb = _governing_verb(span.root) if span is not None else None
        out.append(d if verb is not None and verb.tag_ == "VBD" else future.get(d.start, d))
    return out


def story_date(explicit: list[EventDate], published: str | None) -> EventDate | None:
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


def simple_present(anchor: Token) -> bool:
    """Headlines and statements in the simple present happen on the day of publication ("Israel, Hamas
    agree to truce", "Qatar appreciates the efforts")."""
    verb = _governing_verb(anchor)
    return verb is not None and verb.tag_ in ("VBZ", "VBP") and verb.lemma_ != "be" and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)


def news_of_the_day(anchor: Token) -> bool:
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


__all__ = ["advance_dates", "event_date", "news_of_the_day", "sentence_dates", "simple_present", "story_date"]
