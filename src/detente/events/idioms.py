"""Idioms that make an event whatever the lexicon says of their words: allegations ("said the vote
was rigged"), vowed responses ("vowed to hit back"), slurs ("called him a traitor") and declaring a
diplomat persona non grata. Each returns a Frame for a verb, or None."""

from __future__ import annotations

from spacy.tokens import Token

from ..word_classes import word_classes
from .frames import (
    CLAIM_VERBS,
    SUBJECT_DEPS,
    WRONGDOING,
    Frame,
    agent_objects,
    is_passive,
    objects,
    prep_objects,
    subject_of,
)
from .lexicon import Lexicon, LexiconEntry

WORDS = word_classes("detente.events")  # the classes, with what each is for: data/word_classes.yaml
_ALLEGATION = LexiconEntry("ACCUSE", confidence=0.6)


def allegation(verb: Token) -> Frame | None:
    """ "Observers said the vote had been rigged", "Kyiv said Moscow violated the truce": the
    speaker accuses whoever did the wrong (the clause's subject, or its agent)."""
    speech = verb.head
    if verb.lemma_.lower() not in WRONGDOING or verb.dep_ != "ccomp" or speech.lemma_.lower() not in CLAIM_VERBS:
        return None
    frame = Frame([speech, verb], _ALLEGATION, "verb", speech)
    frame.sources = subject_of(speech)
    frame.targets = agent_objects(verb) if is_passive(verb) else [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return frame


_RESOLVE = WORDS["resolve"]
_RETALIATION = WORDS["retaliation"]
_VOWED_THREAT = LexiconEntry("THREATEN", confidence=0.6)


def vowed_response(verb: Token) -> Frame | None:
    """ "vowed to hit back hard", "the navy stands ready to fight": a threat, even when the
    act itself names no one."""
    head = verb.head
    if verb.lemma_.lower() not in _RETALIATION or verb.dep_ != "xcomp" or head.lemma_.lower() not in _RESOLVE:
        return None
    anchor = head.head if head.pos_ == "ADJ" and head.dep_ == "acomp" else head
    frame = Frame([head, verb], _VOWED_THREAT, "verb", anchor)
    frame.sources = subject_of(anchor)
    frame.targets = objects(verb) + prep_objects(verb, ("against", "on", "at"))
    return frame


_MEASURES = WORDS["measures"]
_UNNAMED_MEASURES = WORDS["unnamed_measures"]
_MEASURES_AGAINST = LexiconEntry("SANCTION", confidence=0.6)


def measures_to_come(verb: Token) -> Frame | None:
    """ "We will take all necessary measures", "Hungary reserves the right to respond", "Treasury will hold
    Iran accountable": resolve to act, unnamed, is a threat; measures taken against someone sanction them;
    holding someone responsible blames them."""
    lemma = verb.lemma_.lower()
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if lemma == "reserve" and any(o.lemma_.lower() == "right" for o in objs):
        frame = Frame([verb, *objs[:1]], _VOWED_THREAT, "verb", verb)  # "reserves the right to respond"
        frame.sources = subject_of(verb)
        return frame
    if lemma == "hold":
        judged = [c for c in verb.children if c.dep_ in ("oprd", "acomp", "ccomp", "xcomp")
                  and c.lower_ in ("accountable", "responsible", "liable")]
        # ("hold Iran accountable" is often parsed as a small clause: Iran the subject of "accountable")
        objs += [c for j in judged for c in j.children if c.dep_ == "nsubj"]
        if judged and objs:
            # "will hold them responsible", "was to hold them accountable": a punishment to come, a threat;
            # "we hold Russia responsible": blame now
            to_come = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "to") for c in verb.children)
            entry = _VOWED_THREAT if to_come or judged[0].lower_ == "accountable" else _HELD_RESPONSIBLE
            frame = Frame([verb, judged[0]], entry, "verb", verb)
            frame.sources = subject_of(verb)
            frame.targets = objs[:1]
            return frame
        return None
    if lemma != "take" or verb.head.lemma_.lower() == "right":
        return None  # ("reserve the right to take measures" is one threat)
    for obj in (o for o in objs if o.lemma_.lower() in _MEASURES):
        against = prep_objects(obj, ("against", "on")) + prep_objects(verb, ("against", "on"))
        unnamed = any(c.lower_ in _UNNAMED_MEASURES for c in obj.children if c.dep_ in ("det", "amod", "predet"))
        if not against and not unnamed:
            continue
        frame = Frame([verb, obj], _MEASURES_AGAINST if against else _VOWED_THREAT, "verb", verb)
        frame.sources = subject_of(verb)
        frame.targets = against
        return frame
    return None


_HELD_RESPONSIBLE = LexiconEntry("ACCUSE", confidence=0.7)
_LABELLING = WORDS["labelling"]
_DAMNING = WORDS["damning"]
_SLURS = WORDS["slurs"]


def _damning(tok: Token, lex: Lexicon) -> bool:
    """A judgement that condemns: "unjustified", "a violation", "political blackmail", "a hostile action"."""
    return tok.lower_ in _DAMNING or tok.lemma_.lower() in lex.evaluatives \
        and lex.evaluatives[tok.lemma_.lower()].type == "ACCUSE" \
        or tok.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in _DAMNING for c in tok.children)


def labelled(verb: Token, lex: Lexicon) -> Frame | None:
    """ "TV hosts called Pashinyan a traitor", "Kyiv branded the commander a war criminal": naming someone
    with a slur accuses them."""
    if verb.lemma_.lower() not in _LABELLING:
        return None
    parts = [c for c in verb.children if c.dep_ in ("dobj", "dative", "oprd", "nsubjpass", "attr")]
    slurs = [t for p in parts for t in [p, *(a for a in p.children if a.dep_ == "appos")]
             if t.lemma_.lower() in _SLURS]
    # "labelled the detainees as traitors", "branded them as terrorists": the slur after "as"
    slurs += [a for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for a in c.children
              if a.dep_ == "pobj" and a.lemma_.lower() in _SLURS]
    # "described the sanctions as unjustified", "called the raid illegal": a damning judgement of the thing
    # ("described the sanctions as unjustified": the parser may hang the as-phrase on the object)
    holders = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "nsubjpass"))]
    judged = [a for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "as" for a in c.children
              if a.dep_ in ("pobj", "amod", "acomp") and _damning(a, lex)] + [
                  c for c in verb.children if c.dep_ in ("oprd", "acomp", "ccomp") and _damning(c, lex)]
    if not slurs and judged:
        frame = Frame([verb, judged[0]], _ALLEGATION, "verb", verb)
        frame.sources = subject_of(verb) or prep_objects(verb, ("by",))  # "was described by Russia as ..."
        frame.targets = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        return frame
    if not slurs:
        return None
    frame = Frame([verb, slurs[0]], _ALLEGATION, "verb", verb)
    frame.sources = subject_of(verb) or prep_objects(slurs[0], ("by",))  # "was called an aggressor by X"
    frame.targets = [p for p in parts if p not in slurs]
    return frame


_UNWELCOME = LexiconEntry("SANCTION", mode="expel", confidence=0.7)


def persona_non_grata(verb: Token) -> Frame | None:
    """ "Ecuador declared Mexico's ambassador persona non grata": an expulsion, however it is parsed."""
    if verb.lemma_.lower() != "declare":
        return None
    words = [t for t in verb.subtree if t.lower_ in ("persona", "grata")]
    if len(words) < 2:
        return None
    frame = Frame([verb, *words], _UNWELCOME, "verb", verb)
    frame.sources = subject_of(verb)
    first = min(w.i for w in words)
    # the person is the last noun before "persona" (however parsed), else its owner ("Chile's consul")
    frame.targets = sorted((t for t in verb.subtree if t.pos_ in ("NOUN", "PROPN") and verb.i < t.i < first
                            and t not in frame.sources), key=lambda t: -t.i)
    return frame
