"""Every event frame of a sentence: verbs, event nouns and idioms."""

from __future__ import annotations

from spacy.tokens import Span

from .frames import (
    NOUN_SUFFIXES,
    POTENTIAL,
    Frame,
    adjective_frame,
    evaluation_frame,
    leaving,
    nominal_phrase_frame,
    noun_frame,
    obligation_frame,
    qualified_act_frame,
    verb_frame,
)
from .idioms import allegation, labelled, measures_to_come, persona_non_grata, vowed_response
from .lexicon import Lexicon


def find_frames(sent: Span, lex: Lexicon) -> list[Frame]:
    """The frames of SENT: verbs first (consuming the object nouns of phrases), then event nouns."""
    frames: list[Frame] = []
    consumed: set[int] = set()
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ == "aux":
            continue
        if tok.lower_ in lex.adjectives:
            reaction = adjective_frame(tok, lex)  # "Seoul is alarmed by the pact"
            if reaction is not None:
                frames.append(reaction)
                continue
        idiom = labelled(tok, lex) or persona_non_grata(tok)  # "called him a traitor" is no phone call
        frame = idiom or verb_frame(tok, lex, consumed) or vowed_response(tok) or measures_to_come(tok)
        if frame is not None:
            frames.append(frame)
        alleged = allegation(tok)
        if alleged is not None:
            frames.append(alleged)
        obliged = obligation_frame(tok)  # "Kyiv must withdraw," he said
        if obliged is not None:
            frames.append(obliged)
    for tok in sent:
        if (tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.lower_ in lex.evaluatives
                or tok.pos_ == "NOUN" and tok.dep_ in ("attr", "dobj", "pobj") and (
                    tok.lemma_.lower() in lex.evaluatives
                    or any(a.dep_ == "amod" and a.lower_ in lex.evaluatives for a in tok.children))):
            judgement = evaluation_frame(tok, lex)  # "such statements are unacceptable", he said
            if judgement is not None:
                frames.append(judgement)
                continue
            if tok.pos_ == "ADJ":
                continue  # (a noun that judges nothing here may still be an event: "a massacre in the village")
        if tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.lower_ in lex.adjectives:
            frame = adjective_frame(tok, lex)  # "were deeply concerned by the decision"
            if frame is not None:
                frames.append(frame)
            continue
        judged = qualified_act_frame(tok, lex) if tok.pos_ == "NOUN" else None
        if judged is not None:  # "a premeditated hostile act by Algeria", "continues its illegal war"
            frames.append(judged)
        if tok.i in consumed:
            continue
        # "the disengagement process": the tagger sometimes reads a modifying event noun as an adjective
        mistagged = tok.pos_ == "ADJ" and tok.dep_ == "amod" and tok.lower_.endswith(NOUN_SUFFIXES)
        if tok.pos_ not in ("NOUN", "PROPN") and not mistagged:
            continue
        phrase = nominal_phrase_frame(tok, lex) if tok.pos_ == "NOUN" else None  # "the recall of its envoys"
        if phrase is not None:
            frames.append(phrase)
            consumed.update(t.i for t in phrase.trigger)
            continue
        frame = noun_frame(tok, lex)
        if frame is not None:
            frames.append(frame)
    return [leaving(f) for f in frames if not _potential(f)]


def _potential(frame: Frame) -> bool:
    """ "a constitutional right to demonstrate", "requests to hold two demonstrations": an act a noun of
    possibility names in its infinitive is its content, not an event."""
    anchor = frame.anchor
    return frame.kind in ("verb", "light") and anchor.dep_ == "acl" and anchor.head.lemma_.lower() in POTENTIAL \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children)
