"""Place mentions in a parsed document, and which of them an event's clause puts the event in.

A mention is a named entity of place (GPE, LOC, FAC) or a proper noun the parser hangs on a
preposition of place ("near Bulak-Bashi"), widened over a following division word ("the Batken
region") and a qualifying ", Texas". An event is *in* a mention when the mention is the object of a
preposition of place that governs the trigger, the trigger's light verb, or (for acts on the ground)
the event's participants: "met in Sochi", "shelled villages near Kherson", "police in Minsk detained".
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from .gazetteer import ADMIN_WORDS

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# "in Sochi", "near Kherson", "off the coast of", "over Kyiv"
WHERE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within",
                         "off", "along", "over", "nearby", "beside"})
# Prepositions that give the place of acts aimed at a place: "strikes on Kyiv", "rockets at Israel",
# "troops into Mali", "a missile toward the Sea of Japan".
AIMED_PREPS = frozenset({"on", "against", "into", "toward", "towards", "at", "onto"})
# Acts that happen on the ground: their participants' places and the dateline locate them.
GROUND_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})
AIMED_TYPES = frozenset({"ASSAULT", "MOBILIZE", "COERCE"})
OBJECT_PLACE_TYPES = frozenset({"ASSAULT", "MOBILIZE"})  # "shelled Kherson", "invaded Ukraine"
ALL_PREPS = WHERE_PREPS | AIMED_PREPS | {"to", "from", "of"}
NAME_LABELS = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART"})
# Verbs and nouns of going somewhere: "a visit to Chisinau", "extradited to the United States"
MOTION_LEMMAS = frozenset({"visit", "trip", "travel", "arrive", "arrival", "journey", "tour", "fly", "deploy",
                           "deployment", "send", "dispatch", "extradite", "extradition", "deport", "deportation",
                           "transfer", "move", "march", "advance", "enter", "return", "sail"})
# "on Ukrainian territory", "in ten Belarusian cities": a national adjective on such a noun names a country
TERRITORY_NOUNS = frozenset({"territory", "soil", "airspace", "waters", "land", "city", "town", "village", "region",
                             "province", "border", "side", "border area", "settlement", "coast", "capital"})
PLACE_NOUNS = TERRITORY_NOUNS | {"village", "town", "city", "district", "township", "camp", "square", "area",
                                 "neighbourhood", "neighborhood", "suburb", "outskirts", "centre", "center", "port",
                                 "airport", "base", "settlement", "region", "province", "state", "county"}
# Verbs of sending away, whose "from" names where the act happened: "expelled the envoy from Lithuania"
REMOVAL_LEMMAS = frozenset({"expel", "deport", "evict", "withdraw", "evacuate", "pull", "remove", "oust", "ban",
                            "kick", "banish", "exile", "recall", "extract", "abduct", "kidnap", "capture", "seize"})
# Buildings and sites an act happens in, whose own place the text gives: "the embassy in Moscow"
SITE_NOUNS = frozenset({"embassy", "consulate", "mission", "headquarters", "office", "building", "square", "airport",
                        "port", "harbour", "harbor", "base", "camp", "prison", "jail", "court", "courthouse",
                        "parliament", "palace", "ministry", "hospital", "school", "university", "mosque", "church",
                        "market", "station", "border", "crossing", "checkpoint", "plant", "facility", "compound",
                        "residence", "hotel", "village", "town", "city", "district", "neighbourhood",
                        "neighborhood", "area", "region", "province", "street", "road", "highway", "bridge"})
# Nouns of acts a light verb takes ("held talks", "staged a protest", "carried out strikes")
EVENT_NOUNS = frozenset({"talk", "meeting", "summit", "negotiation", "consultation", "visit", "protest", "rally",
                         "demonstration", "march", "strike", "attack", "raid", "operation", "exercise", "drill",
                         "clash", "crackdown", "conference", "ceremony", "session", "round"})
# Gatherings whose place is where what happens at them happens: "on the sidelines of the summit in Russia"
GATHERINGS = frozenset({"summit", "meeting", "conference", "talk", "session", "ceremony", "sideline", "margin",
                        "forum", "assembly", "gathering"})
# Bodies that a state's name owns rather than contains: "Russia's mission" is not in Russia
OWNED_NOUNS = frozenset({"mission", "embassy", "consulate", "ministry", "office", "headquarters", "parliament",
                         "court", "government", "delegation", "forces", "army", "troops", "military"})
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj"})


@dataclass(frozen=True)
class Mention:
    text: str
    start: int  # character offsets in the document
    end: int
    root: Token
    division: bool  # a division word follows or ends it ("Batken region", "Kharkiv Oblast")
    qualifier: str | None  # "Texas" in "Paris, Texas"
    demonym: bool = False  # a national adjective standing for its country ("Ukrainian territory")
    label: str = ""  # the entity label; a town the model took for a person must be a large one
    town_only: bool = False  # names the town of a site ("a Baku court"): a country or region will not do


def _proper_run(tok: Token) -> Span:
    """The run of proper nouns around TOK ("Bulak - Bashi", "Puerto Jordan")."""
    doc = tok.doc
    lo = hi = tok.i
    def joins(t: Token) -> bool:
        return (t.pos_ == "PROPN" or t.text == "-") and t.sent == tok.sent

    while lo > 0 and joins(doc[lo - 1]):
        lo -= 1
    while hi + 1 < len(doc) and joins(doc[hi + 1]):
        hi += 1
    while doc[lo].text == "-":
        lo += 1
    while doc[hi].text == "-":
        hi -= 1
    return doc[lo:hi + 1]


def _widen(doc: Doc, span: Span) -> Mention:
    """Add a following division word and a ', Qualifier' to SPAN."""
    start, end = span.start, span.end
    if span[0].lower_ == "the":
        start += 1
    division = any(t.lower_ in ADMIN_WORDS for t in span[1:]) if len(span) > 1 else False
    if end < len(doc) and doc[end].lower_ in ADMIN_WORDS and doc[end].pos_ in ("NOUN", "PROPN"):
        end += 1
        division = True
    qualifier = None
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].ent_type_ == "GPE" and doc[end + 1].ent_iob_ == "B":
        q = doc[end + 1]
        q_end = q.i + 1
        while q_end < len(doc) and doc[q_end].ent_iob_ == "I":
            q_end += 1
        qualifier = doc[q.i:q_end].text
    words = doc[start:end] if start < end else span
    return Mention(words.text, words.start_char, words.end_char, span.root, division, qualifier)


def _under_place_prep(tok: Token) -> bool:
    """TOK is (or qualifies) the object of a preposition of place: "in Chisinau", "on Kharkiv's centre"."""
    for _ in range(3):
        if tok.dep_ == "pobj":
            return tok.head.lower_ in ALL_PREPS
        if tok.dep_ not in ("poss", "compound", "nmod", "appos"):
            return False
        tok = tok.head  # "Minsk's square", "the Kharkiv region", "the capital, Niamey"
    return False


def _object(tok: Token) -> bool:
    """TOK is a verb's direct object, or conjoined to one ("struck Kiev and Odessa")."""
    while tok.dep_ == "conj":
        tok = tok.head
    return tok.dep_ == "dobj"


def place_mentions(doc: Doc) -> list[Mention]:
    """Every place mention in DOC, in text order. The small English model often tags a town as an
    organisation ("in Chisinau" as ORG): any name a preposition of place governs is a candidate, and
    the gazetteer decides."""
    found: dict[int, Mention] = {}
    for ent in doc.ents:
        root = ent.root
        if root.pos_ == "ADJ":  # "Ukrainian" tagged as a place: a country only on "Ukrainian territory"
            if len(ent) == 1 and root.dep_ == "amod" and root.head.lemma_.lower() in TERRITORY_NOUNS \
                    and _under_place_prep(root.head):
                found[ent.start] = Mention(ent.text, ent.start_char, ent.end_char, root, False, None, True)
            continue
        if ent.label_ in PLACE_LABELS or ent.label_ in NAME_LABELS and (
                _under_place_prep(root) or _object(root) and root.pos_ == "PROPN"
                or root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in TOWN_SITES):
            found[ent.start] = replace(_widen(doc, ent), label=ent.label_)
    for tok in doc:
        if tok.lower_ in ("capital", "here") and (tok.lower_ == "here" or _under_place_prep(tok)) \
                and (tok.lower_ == "here" or any(c.lower_ == "the" for c in tok.children)) \
                and not any(c.dep_ == "appos" or c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            # "rallied in the capital", "a protest here": resolved against the story's country and dateline
            found.setdefault(tok.i, Mention(tok.lower_, tok.idx, tok.idx + len(tok.text), tok, False, None))
        if (tok.pos_ == "PROPN" and tok.dep_ == "appos" and not tok.ent_type_ and tok.head.lemma_.lower() in PLACE_NOUNS
                and _under_place_prep(tok.head)):
            run = _proper_run(tok)  # "in the capital, Niamey"
            found.setdefault(run.start, _widen(doc, run))
        if (tok.ent_type_ == "NORP" and tok.dep_ == "amod" and tok.head.lemma_.lower() in TERRITORY_NOUNS
                and _under_place_prep(tok.head)):
            found.setdefault(tok.i, Mention(tok.text, tok.idx, tok.idx + len(tok.text), tok, False, None, True))
        if tok.pos_ == "PROPN" and not tok.ent_type_ and tok.text[:1].isupper() and _under_place_prep(tok):
            run = _proper_run(tok)
            if run.start not in found and not any(t.ent_type_ for t in run):
                found[run.start] = _widen(doc, run)
    return [found[k] for k in sorted(found)]


def _governor(mention: Mention) -> tuple[Token, str] | None:
    """(the word a preposition of place hangs MENTION on, the preposition), or None."""
    tok = mention.root
    if tok.lower_ == "here" and tok.dep_ == "advmod":
        return tok.head, "in"
    # "Minsk's Independence Square", "the Kharkiv region": climb to the noun the preposition takes
    for _ in range(3):
        if (tok.dep_ in ("poss", "compound", "nmod", "amod", "appos") and tok.head.pos_ in ("NOUN", "PROPN")
                and tok.head.lemma_.lower() not in OWNED_NOUNS):
            tok = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NOUN", "PROPN") \
                and tok.head.head.dep_ == "pobj":
            tok = tok.head.head  # "off the coast of Yemen", "on the outskirts of Kyiv"
        else:
            break
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        return tok.head.head, tok.head.lower_
    return None


def _within_clause(word: Token, trigger: Token) -> bool:
    """WORD is TRIGGER or hangs under it without crossing into another clause."""
    tok = word
    for _ in range(12):
        if tok == trigger:
            return True
        if tok.dep_ in _CLAUSE_DEPS and tok.pos_ in ("VERB", "AUX"):
            return False
        if tok.head == tok:
            return False
        tok = tok.head
    return False


# Sites a town's name qualifies: "a Baku court", "the Kabul airport", "the Aden port"
TOWN_SITES = frozenset({"court", "tribunal", "airport", "prison", "jail", "port", "harbour", "harbor", "base",
                        "camp", "hospital", "university", "market", "station", "stadium", "square"})


def _site_of(m: Mention, anchors: set[Token]) -> bool:
    """M names the town of a site that takes part in the act: "sentenced by a Baku court"."""
    site = m.root
    if site.dep_ not in ("compound", "nmod") or site.head.lemma_.lower() not in TOWN_SITES:
        return False
    site = site.head
    if site.head in anchors and site.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return True
    return site.dep_ == "pobj" and site.head.dep_ in ("prep", "agent") and site.head.head in anchors


def _hop(word: Token, anchors: set[Token]) -> Token:
    """From a site or event noun a preposition hangs on, up to the word that takes it:
    "diplomats from [the embassy] in Moscow", "met on the sidelines of [the summit] in Russia"."""
    for _ in range(3):
        if word in anchors or word.dep_ != "pobj" or word.head.dep_ not in ("prep", "agent"):
            break
        if word.lemma_.lower() not in SITE_NOUNS | GATHERINGS or word.head.lower_ not in ("in", "at", "on", "of",
                                                                                            "during", "inside"):
            break
        word = word.head.head
    return word


def clause_places(mentions: list[Mention], trigger: Token, event_type: str,
                  trigger_words: tuple[Token, ...] = ()) -> list[Mention]:
    """The mentions that place the act of TRIGGER, nearest first."""
    anchors = {trigger, *trigger_words}
    anchors.update(t for t in trigger.children if t.dep_ == "compound")
    if trigger.dep_ in ("dobj", "attr", "pobj", "nsubj", "nsubjpass") and trigger.head.pos_ in ("VERB", "AUX", "ADP"):
        anchors.add(trigger.head if trigger.head.pos_ != "ADP" else trigger.head.head)  # "launched an attack in Y"
    if trigger.pos_ in ("VERB", "AUX"):  # "held talks in Baghdad": the event noun the verb takes
        anchors.update(t for t in trigger.children if t.dep_ == "dobj" and t.pos_ == "NOUN" and not t.ent_type_
                       and t.lemma_ in EVENT_NOUNS)
    if trigger.dep_ in ("compound", "amod") and trigger.head.pos_ == "NOUN":  # "the disengagement process in X"
        head = trigger.head
        anchors.add(head)
        if head.dep_ in ("dobj", "nsubj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
            anchors.add(head.head)
    if trigger.dep_ in ("acl", "relcl") and trigger.head.lemma_.lower() in GATHERINGS:
        talks = trigger.head  # "talks mediated by the AU began in Pretoria"
        anchors.add(talks)
        if talks.dep_ in ("nsubj", "nsubjpass", "dobj") and talks.head.pos_ in ("VERB", "AUX"):
            anchors.add(talks.head)
    for noun in [a for a in anchors if a.pos_ == "NOUN"]:  # "an exercise, which will take place in X"
        anchors.update(c for c in noun.children if c.dep_ in ("relcl", "acl") and c.lemma_ in ("take", "hold", "stage"))
    removal = trigger.lemma_.lower() in REMOVAL_LEMMAS
    sent = trigger.sent
    out: list[Mention] = []
    for m in mentions:
        if not (sent.start_char <= m.start < sent.end_char):
            continue
        target = m.root
        while (target.dep_ in ("compound", "amod", "poss") and target.head.lemma_.lower() in PLACE_NOUNS
               and not m.demonym or target.dep_ == "conj"):
            target = target.head  # "bombed nearby Pang Law village", "struck Kiev and Odessa"
        if event_type in OBJECT_PLACE_TYPES and target.dep_ == "dobj" and target.head in anchors:
            out.append(m)  # "shelled Kherson", "bombed nearby Pang Law village"
            continue
        if _site_of(m, anchors):
            out.append(replace(m, town_only=True))  # "sentenced by a Baku court", "a Minsk court jailed"
            continue
        gov = _governor(m)
        if gov is None:
            continue
        word, prep = gov
        if prep == "to" and word.lemma_.lower() in MOTION_LEMMAS:
            pass
        elif prep == "from" and (event_type == "RETREAT" or removal):
            pass  # "withdrew troops from Mali", "expelled the ambassador from Lithuania"
        elif prep not in WHERE_PREPS and not (event_type in AIMED_TYPES and prep in AIMED_PREPS):
            continue
        word = _hop(word, anchors)
        if removal and word.dep_ == "dobj" and word.head in anchors:
            word = word.head
        if word in anchors:
            out.append(m)
        elif (event_type in GROUND_TYPES or event_type == "RETREAT") and any(_within_clause(word, a) for a in anchors):
            out.append(m)  # "police in Minsk detained", "shelled villages near Kherson"
    out.sort(key=lambda m: abs(m.root.i - trigger.i))
    return out
