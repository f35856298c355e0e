"""Predicate frames from the dependency parse: which token triggers which event, and its roles.

A frame is a trigger (verb, event noun, or light verb + event noun) with the tokens that
head its source and target phrases. Actor resolution, status and date come later.

The word classes the rules test tokens against (``CLAIM_VERBS``, ``PATIENT_OF`` ...) are data, in
``data/word_classes.yaml``, with what each is for; here they are bound to the names the rules use.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from ..actors import words as actor_words
from ..word_classes import word_classes
from .lexicon import Lexicon, LexiconEntry

WORDS = word_classes("detente.events")

SUBJECT_DEPS = WORDS["subject_deps"]
_NOT_PARTICIPANTS = WORDS["not_participants"]
PASSIVE_SUBJECT_DEPS = WORDS["passive_subject_deps"]
_CIRCUMSTANCES = WORDS["circumstances"]
_JUDGING = WORDS["judging"]
_FORCES = WORDS["forces"]
_PLACE_TYPES = WORDS["place_types"]
# Where an act happened: a party there is a target only of an act done to a place (_PLACE_TYPES).
_PLACE_PREPS = ("in", "at", "across", "inside")
# Where deployed forces go: "deployed troops in Gambia", "sent warships to the strait".
_DEPLOY_PREPS = ("in", "to", "into", "near", "along", "on")
_USES = WORDS["uses"]
_TRANSFER = WORDS["transfer"]
OBJECT_DEPS = WORDS["object_deps"]
TARGET_PREPS = ("against", "on", "upon", "with", "to", "at", "toward", "towards", "into", "from", "for", "over",
                "in", "across", "of", "about", "inside")
NOUN_TARGET_PREPS = ("against", "on", "upon", "to", "with", "at", "toward", "towards", "into", "for", "of", "in",
                     "inside")
PATIENT_OF = WORDS["patient_of"]
OBJECT_CONTROL = WORDS["object_control"]
IRREALIS = WORDS["irrealis"]
NEGATING = WORDS["negating"]
CLAIM_VERBS = WORDS["claim_verbs"]
FACTIVE = WORDS["factive"]


@dataclass
class Frame:
    trigger: list[Token]
    entry: LexiconEntry
    kind: str  # verb, noun, light
    anchor: Token  # the token whose clause governs status, date and subject
    noun: Token | None = None
    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    fallback: list[Token] = field(default_factory=list)  # targets to try when the direct ones name no actor
    origins: list[Token] = field(default_factory=list)  # "fired from south Lebanon": where an unnamed attacker was

    @property
    def trigger_text(self) -> str:
        return " ".join(t.text for t in sorted(self.trigger, key=lambda t: t.i))


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def verb_entry(verb: Token, lex: Lexicon) -> tuple[LexiconEntry, list[Token]] | None:
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ in ("prep", "agent") and child.i > verb.i:  # "taken into custody", "hit by sanctions"
            for obj in (o for o in child.children if o.dep_ in ("pobj", "pcomp")):  # "noted with regret"
                entry = lex.verbs.get(f"{lemma} {child.lower_} {obj.lemma_.lower()}")
                if entry is not None:
                    return entry, [verb, child, obj]
    for child in verb.children:
        if child.dep_ in ("prt", "prep") and child.i > verb.i:
            if child.dep_ == "prep" and any(o.ent_type_ in _NOT_PARTICIPANTS for o in child.children):
                continue  # "gave an interview ... in 2017": a time phrase, not the particle of "give in"
            entry = lex.verbs.get(f"{lemma} {child.lower_}")
            if entry is not None:
                return entry, [verb, child]
    entry = lex.verbs.get(lemma)
    if entry is not None:
        return entry, [verb]
    return None


def noun_key(noun: Token, lex: Lexicon) -> tuple[str, list[Token]] | None:
    """The longest lexicon noun ending at NOUN (compounds first: "air strike", "joint exercise")."""
    lemma = noun.lemma_.lower()
    doc = noun.doc
    if noun.i >= 2 and doc[noun.i - 1].text == "-":  # "cease-fire", "sit-in", "hostage-taking"
        first = doc[noun.i - 2]
        for k in (f"{first.lower_}-{lemma}", f"{first.lower_}-{noun.lower_}"):
            if k in lex.nouns:
                return k, [first, doc[noun.i - 1], noun]
    if any(c.lower_ == "joint" for c in noun.lefts) and f"joint {lemma}" in lex.nouns:
        joint = next(c for c in noun.lefts if c.lower_ == "joint")  # "joint Indian-French air drills"
        return f"joint {lemma}", [joint, noun]
    lefts = [c for c in noun.lefts if c.dep_ in ("compound", "amod") and c.i == noun.i - 1]
    if lefts:
        first = lefts[0]
        for k in (f"{first.lower_} {lemma}", f"{first.lemma_.lower()} {lemma}", f"{first.lower_} {noun.lower_}"):
            if k in lex.nouns:
                return k, [first, noun]
    for k in (lemma, noun.lower_):
        if k in lex.nouns:
            return k, [noun]
    return None


def objects(verb: Token) -> list[Token]:
    found = []
    for child in (c for c in verb.children if c.dep_ in OBJECT_DEPS):
        if child.pos_ == "ADP":  # "provide support to Israel" parsed with "to" as the dative
            found += [o for o in child.children if o.dep_ == "pobj"]
        else:
            found.append(child)
    return found


def prep_objects(head: Token, preps: tuple[str, ...]) -> list[Token]:
    found = []
    if "from" in preps:  # "took its diplomats out of Rome": "out of" is "from"
        found += [o for c in head.children if c.dep_ == "prep" and c.lower_ == "out" for g in c.children
                  if g.dep_ == "prep" and g.lower_ == "of" for o in g.children if o.dep_ == "pobj"]
    for child in head.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found.append(obj)
                elif obj.dep_ == "pcomp":
                    found.extend(o for o in obj.children if o.dep_ == "pobj")
    found = [o for o in found if o.ent_type_ not in _NOT_PARTICIPANTS  # "on Wednesday", "for 15 days"
             and o.lemma_.lower() not in _CIRCUMSTANCES]
    found.sort(key=lambda t: preps.index(t.head.lower_) if t.head.lower_ in preps else 99)
    return found


def _pobjs(head: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of HEAD's prepositions in PREPS, whatever they name (times included)."""
    return [o for c in head.children if c.dep_ == "prep" and c.lower_ in preps for o in c.children if o.dep_ == "pobj"]


def parties(found: list[Token], entry: LexiconEntry) -> list[Token]:
    """FOUND without the places where an act happened, unless the act is done to a place
    ("signed an agreement in Pretoria" has no party in Pretoria; "shelled villages in Kharkiv" does)."""
    if entry.type in _PLACE_TYPES:
        return found
    return [t for t in found if t.head.lower_ not in _PLACE_PREPS]


def agent_objects(verb: Token) -> list[Token]:
    return [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]


def subject_of(verb: Token, depth: int = 0) -> list[Token]:
    """Heads of the subject phrase of VERB, following control, coordination and relative clauses."""
    if depth > 6:
        return []
    agents = agent_objects(verb)
    if agents:
        return agents
    if verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "pobj") and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        agents = prep_objects(verb, ("by",))  # "killed in shelling by government forces": a gerund as a noun
        if agents:
            return agents
    if _misparsed_main_verb(verb):
        return [verb.head]  # "The measure called on Russia ..." read as a noun phrase
    if misread := _misparsed_subject(verb):
        return misread
    if is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        # "was hit with a water cannon by the coast guard": the by-phrase hangs lower;
        # "died in Azerbaijani drone strikes": the doer modifies the event noun
        nested = [a for o in prep_objects(verb, ("with", "in")) for a in prep_objects(o, ("by",))]
        nested += [a for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during")
                   for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG" for a in prep_objects(g, ("by",))]
        # "were sentenced to four months of detention by a Baku court": the by-phrase hangs on the complement
        nested += [a for o in _pobjs(verb, ("to", "for", "on")) for a in  # ("four months" is a DATE: kept here)
                   prep_objects(o, ("by",)) + [g for x in _pobjs(o, ("of",)) for g in prep_objects(x, ("by",))]]
        nested += [m for o in prep_objects(verb, ("in", "during")) for m in o.lefts
                   if m.dep_ in ("amod", "compound", "poss") and m.pos_ in ("ADJ", "PROPN")]
        # "19 people were killed when police used tear gas": the force the when-clause names
        nested += [c for a in verb.children if a.dep_ == "advcl" and a.lemma_.lower() in _FORCE_USES
                   and any(m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as", "after") for m in a.children)
                   for c in a.children if c.dep_ == "nsubj"]
        if nested:
            return nested[:1]
    subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS] or [
        g for a in verb.children if a.dep_ == "aux" and a.i < verb.i for g in a.children if g.dep_ in SUBJECT_DEPS]
    if subj:  # (the second list: "Egypt and Qatar are mediating", parsed with the subject on "are")
        if subj[0].lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            return [verb.head]
        if subj[0].lower_ in ("who", "which", "that") and verb.dep_ == "ccomp" and verb.head.dep_ == "relcl":
            return [verb.head.head]  # "a firm that it says supplied Syria"
        # headlines: "Israel, Hamas agree to truce" - a name set off by a comma before the subject
        joint = [c for c in verb.children if c.dep_ == "npadvmod" and c.i < subj[0].i
                 and c.ent_type_ in ("GPE", "ORG", "NORP") and c.nbor(1).text == ","]
        return joint[:1] + subj
    if is_passive(verb):
        return []
    owners = [c for c in verb.children if c.dep_ == "poss"]
    if owners and verb.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass"):
        return owners  # "Moscow's insistent calls" tagged as a verb: a noun after all
    head = verb.head
    if verb.dep_ == "amod" and verb.tag_ in ("VBD", "VBN") and head.dep_ == "dobj" and head.head.dep_ == "ROOT" \
            and head.head.pos_ in ("NOUN", "PROPN") and head.head.i < verb.i:
        return [head.head]  # "Trump imposed tariffs on Brazil" parsed as a noun phrase: the "root" is the doer
    if verb.dep_ == "ccomp" and head.dep_ == "relcl" and head.lemma_.lower() in CLAIM_VERBS:
        return [head.head]  # "a firm (that) it says has shipped arms to Libya": the gap is the subject
    if depth == 0 and verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("for", "of") \
            and head.head.lemma_.lower() in _JUDGING:
        patients = objects(head.head) or [c for c in head.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if patients:  # "jailed a student for helping militants", "accuse Kigali of supporting"
            return patients[:1]
    if verb.dep_ == "relcl":
        return [head]
    if verb.dep_ == "xcomp" and is_passive(head):  # "was prepared to forgive", "were forced to withdraw"
        controllers = [c for c in head.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if controllers:
            return controllers
    if verb.dep_ in ("xcomp", "ccomp") and head.pos_ in ("VERB", "AUX", "ADJ"):
        if verb.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
            # "forced their way into the office to detain": "way" is no controller
            objs = [o for o in objects(head) if o.lemma_.lower() != "way"] or prep_objects(head, ("on", "upon"))
            if objs:
                return objs[:1]
        if head.pos_ == "ADJ":  # "was willing to destabilize"
            return subject_of(head.head, depth + 1) if head.dep_ in ("acomp",) else []
        return subject_of(head, depth + 1)
    if verb.dep_ in ("conj", "advcl", "xcomp", "pcomp", "dep") and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, depth + 1)
    if verb.dep_ == "pcomp" and head.head.pos_ in ("VERB", "AUX"):
        return subject_of(head.head, depth + 1)
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        by = prep_objects(head, ("by",))  # "the decision by Congo to expel ..."
        if by:
            return by[:1]
        poss = [c for c in head.children if c.dep_ == "poss"]  # "Russia's decision to ..."
        if poss:
            return poss
        source = prep_objects(head, ("from",))  # "a statement from the ministry criticizing ..."
        if source:
            return source[:1]
        if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
            # "took a decision to suspend Mali", "approved a resolution condemning ..."
            governing = subject_of(head.head, depth + 1)
            if governing:
                return governing
        return [head] if verb.tag_ == "VBG" else []
    return []


PARTITIVES = WORDS["partitives"]


def _through_partitive(noun: Token) -> Token:
    """ "a salvo of rockets": the counted noun, for verb + object phrases."""
    if noun.lemma_.lower() in PARTITIVES:
        inner = [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                 if o.dep_ == "pobj"]
        if inner:
            return inner[0]
    return noun
NOUN_SUFFIXES = ("ment", "tion", "sion", "ance", "ence")  # event nouns the tagger may read as adjectives


def _misparsed_clause(verb: Token) -> bool:
    """A finite verb the parser hung on its object as an adjective, with its subject still attached."""
    return verb.dep_ == "amod" and verb.tag_ in ("VBD", "VBN") and (
        any(c.dep_ == "nsubj" for c in verb.children) or bool(_misparsed_subject(verb)))


def _misparsed_subject(verb: Token) -> list[Token]:
    """ "Beijing prohibited firms ... from ...": a sentence read as one noun phrase, its first name hung on the
    verb as a modifier; that name is the subject."""
    if verb.dep_ != "amod" or verb.head.dep_ != "ROOT" or verb.head.pos_ != "NOUN":
        return []
    return [c for c in verb.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN" and c.i == verb.sent.start]


def _misparsed_main_verb(verb: Token) -> bool:
    """A sentence's only verb read as a participle of its subject: "The bloc imposed sanctions on X."."""
    head, root = verb.head, verb.sent.root
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or head.i > verb.i or root.pos_ not in ("NOUN", "PROPN") \
            or any(c.dep_ == "agent" for c in verb.children):
        return False
    # "Hundreds of displaced families protested outside ...": the root is a noun, the verb hangs on its of-phrase
    return head == root or (head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head == root)


WRONGDOING = WORDS["wrongdoing"]


def verb_frame(verb: Token, lex: Lexicon, consumed: set[int]) -> Frame | None:
    lemma = verb.lemma_.lower()
    objs = objects(verb)
    if _misparsed_clause(verb):
        objs = [verb.head]  # "the bloc deployed troops": a clause parsed as an adjective of its object
    passive = is_passive(verb)
    # "the ambassador was handed a protest note": a passive keeps its second object (the note)
    patients = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS] + [o for o in objs if o.dep_ == "dobj"] \
        if passive else objs
    if passive and verb.dep_ == "relcl" and all(t.lower_ in ("who", "which", "that") for t in patients):
        patients = [verb.head]  # 'prisoners (who are) to be freed'
    if passive and not patients and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        # "the drone entered Turkish airspace and was shot down": the subject both verbs share
        patients = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
    found = verb_entry(verb, lex)
    # "would hold the treaty in abeyance": a verb+prep+noun idiom beats the light verb ("hold treaty")
    idiom = found is not None and len(found[1]) == 3
    # verb + noun phrases and light verbs take the type of their object noun
    if lemma in lex.light_verbs or lemma in ("supply", "equip", "arm"):
        # "provide Minsk with a loan", "supplied Kyiv with missiles": the with-noun is the event
        for wobj in prep_objects(verb, ("with",)):
            hit = noun_key(wobj, lex)
            if hit is not None:
                consumed.add(wobj.i)
                frame = Frame([verb, wobj], lex.nouns[hit[0]], "light", verb, noun=wobj)
                frame.sources = subject_of(verb)
                frame.targets = [o for o in objs if o.i not in {s.i for s in frame.sources}]
                return frame
    patients = [_through_partitive(o) for o in patients]  # "a salvo of rockets was fired": the rockets
    for obj in [] if idiom else patients:
        hit = noun_key(obj, lex)
        # the longer noun key is the more specific: "launched a cyber-attack" is not "launch attack"
        compound = hit is not None and hit[0] != obj.lemma_.lower()
        phrase = lex.phrases.get(f"{lemma} {hit[0]}") if hit is not None and compound else None
        if phrase is None and not (compound and lemma in lex.light_verbs):
            phrase = lex.phrases.get(f"{lemma} {obj.lemma_.lower()}")
        undergone = phrase is None and hit is not None and lemma in _UNDERGOING \
            and lex.nouns[hit[0]].type in _UNDERGONE  # "faces accusations", "drew criticism from X"
        if phrase is not None or undergone or (
                hit and lemma in lex.light_verbs and (found is None or lemma in lex.light_verbs)):
            entry = phrase if phrase is not None else lex.nouns[hit[0]] if hit else None
            if entry is None:
                continue
            if undergone:
                consumed.add(obj.i)
                frame = Frame([verb, obj], entry, "light", verb, noun=obj)
                frame.sources = prep_objects(obj, ("from", "by")) + prep_objects(verb, ("from", "by")) \
                    + [c for c in obj.lefts if c.dep_ == "poss"]
                frame.targets = subject_of(verb)
                return frame
            if lemma not in _MEDIATING:  # ("brokered a deal between X and Y": the deal is X and Y's too)
                consumed.add(obj.i)
            trigger = [verb, obj]
            frame = Frame(trigger, entry, "light", verb, noun=obj)
            frame.sources = subject_of(verb)
            parties_named = noun_frame(obj, lex) if passive and not frame.sources \
                and obj.dep_ in PASSIVE_SUBJECT_DEPS else None
            if parties_named is not None:  # "talks between Sudan and Chad were held": the noun names its own parties
                # ("an agreement facilitated by the EU was reached": a mediator is no party)
                frame.sources = [t for t in parties_named.sources if not (t.head.dep_ == "agent"
                                                                and t.head.head.lemma_.lower() in _MEDIATING)]
                objs = [*parties_named.targets, *objs]
            if passive and not frame.sources and obj.lemma_.lower() in _MEMBERSHIP:
                frame.sources = prep_objects(obj, ("of", "in"))  # "Syria's membership of the League was suspended"
            # "gave Seoul loans"; "denied the monks access" (a plural noun before the object is the dative
            # the parser folded into it)
            recipients = [c for c in obj.lefts if c.dep_ in ("compound", "nmod") and c not in trigger
                          and (c.pos_ == "PROPN" or c.tag_ == "NNS" and obj.tag_ == "NN")]
            recipients += [c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON")]
            verb_targets = parties(prep_objects(verb, TARGET_PREPS), entry)  # not "signed ... in Pretoria"
            noun_targets = parties(prep_objects(obj, NOUN_TARGET_PREPS), entry)
            if entry.type == "ACCUSE":  # "citing breaches of the ceasefire by the militia": the accused
                noun_targets = prep_objects(obj, ("by",)) + ([] if passive else prep_objects(verb, ("by",))) \
                    + noun_targets
            targets = recipients + noun_targets + verb_targets + _picketed(verb, entry) + _picketed(obj, entry)
            if entry.mode == "third-party":  # "brokered a deal between Iran and Saudi Arabia": the parties
                targets += prep_objects(obj, ("between",))
            targets += [o for o in objs if o is not obj]
            if passive and obj.dep_ in ("pobj", "dobj"):  # "two officials were placed under house arrest",
                # "the envoy was handed a protest note": the passive subject is the patient
                targets = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS] + targets
            if entry.type == "MOBILIZE" and obj.lemma_.lower() in _FORCES:
                targets = prep_objects(obj, _DEPLOY_PREPS) + targets
            elif entry.type == "RETREAT" and obj.lemma_.lower() in _FORCES:
                # "withdraw its troops from Ukraine": the forces are the mover's own; the place left is the target
                left = prep_objects(verb, ("from",)) + prep_objects(obj, ("from",))
                targets = left + [t for t in targets if t is not obj and t not in left]
            elif lemma in _TRANSFER and prep_objects(verb, ("to",)):
                targets = prep_objects(verb, ("to",)) + targets  # "surrendered key assets to Russia"
            elif phrase is not None and obj.lemma_.lower() not in lex.nouns and not (
                    entry.mode == "recall" and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children)):
                # "summoned China's ambassador": the noun is the patient; "recalled its ambassador to X": X is
                targets.insert(0, obj)
            givers = prep_objects(verb, ("from",)) + prep_objects(obj, ("from",))
            if lemma in _RECEIVING and givers and entry.type != "CONSULT":
                # "Kyiv received weapons from Berlin", "won backing from the EU": the giver acts on the receiver
                targets = frame.sources + [t for t in targets if t not in givers]
                frame.sources = givers[:1]
            _set_origins(frame, verb)
            frame.targets = [t for t in targets if t.i not in {s.i for s in frame.sources} and t not in frame.origins]
            if entry.type in ("SANCTION", "COERCE", "ASSAULT"):  # "could cut gas supplies if Yerevan applies"
                frame.fallback += _condition_subjects(verb)
            return frame
    handed = _handed_over(verb, objs)
    if handed is not None:
        return handed
    if found is None:
        return None
    entry, trigger = found
    participle = verb.dep_ == "acl" and verb.tag_ == "VBN" and not patients and not _misparsed_main_verb(verb)
    if participle:
        patients = [verb.head]  # "the abuses committed by the junta": the noun is the object
        host = verb.head
        if host.lower_ in ("those", "ones") and host.dep_ == "pobj" and host.head.lower_ == "among":
            # "two banks were among those sanctioned": the clause's subject
            patients = [c for c in host.head.head.children if c.dep_ in SUBJECT_DEPS] or patients
    if any(o.lemma_.lower() in entry.not_objects for o in patients):
        return None
    said = any(c.dep_ == "ccomp" for c in verb.children)
    if entry.type == "PROTEST" and said and lemma in ("protest", "complain", "object"):
        entry = replace(entry, type="ACCUSE", mode=None)  # "protested that they were kept away": a complaint
    elif entry.self_directed and (objs or said) and lemma != "protest":
        # "demonstrated his loyalty", "demonstrates that ..." are no demonstrations ("protested the ruling" is:
        # a protest against it, or by a state a complaint about it, the coder's retyping)
        return None
    if entry.type == "ACCUSE" and any(o.pos_ == "NUM" for o in patients):
        return None  # "we will charge 50 (per cent) from them" is a price, not a charge
    if entry.requires_object and not patients and not parties(prep_objects(verb, TARGET_PREPS), entry):
        return None  # "is sheltering in a village" shelters no one
    if entry.type == "RETREAT" and lemma in _TRANSITIVE_COERCION and objs:
        entry = replace(entry, type="COERCE", mode="restrict")  # "disarm Hezbollah" is done to it
    if lemma == "block" and any(p.lemma_.lower() in CRAFT for p in patients):
        entry = replace(entry, type="COERCE", mode="restrict")  # blocking vessels is physical, not a veto
    if entry.mode == "expel" and patients and not any(_is_diplomat(p) for p in patients):
        entry = replace(entry, type="COERCE", mode="deport")  # expelling diplomats cuts ties; expelling people coerces
    if entry.type == "SUPPORT" and any(_is_armed_group(p) for p in patients):
        entry = replace(entry, type="AID", mode="military")  # backing a militia is material help
    frame = Frame(trigger, entry, "verb", verb)
    frame.sources = subject_of(verb)
    if entry.type == "CONSULT" and lemma in ("talk", "speak") and _pobjs(verb, ("about", "of")) \
            and not any(s.pos_ in ("PROPN", "NOUN") for s in frame.sources) and not prep_objects(verb, ("with", "to")):
        return None  # "too early to talk about peace between X and Y": a topic, not talks held
    if passive:
        frame.targets = patients
    else:
        frame.targets = list(objs) or (patients if participle else [])  # "10 soldiers killed in ..."
        gap_host = verb.head.head if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" else None
        if not objs and gap_host is not None and gap_host.dep_ == "relcl":
            frame.targets.append(gap_host.head)  # "the militia (that) they accuse Kampala of arming"
        if verb.dep_ == "relcl" and not objs and any(c.dep_ in SUBJECT_DEPS for c in verb.children) \
                and not any(c.lower_ in ("when", "where", "why", "how") for c in verb.children) \
                and not any(c.dep_ == "prep" and c.i > verb.i and not list(c.children) for c in verb.children):
            frame.targets.append(verb.head)  # "the tanker (that) the authorities detained": object gap
    prep_targets = parties(prep_objects(verb, TARGET_PREPS), entry)
    _set_origins(frame, verb)
    prep_targets = [t for t in prep_targets if t not in frame.origins]
    if lemma in _TRANSFER:  # "supplying oil, mostly to Syria": the recipient, not the goods
        recipients = prep_objects(verb, ("to",))
        frame.targets = recipients + [t for t in frame.targets if t not in recipients]
    if trigger[-1] is not verb:  # phrasal: "call on X", "talk with X"
        last = trigger[-1]
        prep_targets = [o for o in last.children if o.dep_ in ("pobj", "dobj")] + prep_targets
        if last.pos_ == "NOUN":  # "stayed in touch with both parties": the noun's own partner
            prep_targets = prep_objects(last, ("with", "to", "against", "on")) + prep_targets
    frame.targets += [t for t in prep_targets if t not in trigger] + _picketed(verb, entry)
    if entry.mode == "third-party":  # "mediating between Israel and Hamas": the parties mediated between
        frame.targets += prep_objects(verb, ("between",))
    for obj in objs:  # "imposed sanctions on X" style targets inside the object phrase
        frame.targets += prep_objects(obj, NOUN_TARGET_PREPS)
    if entry.type == "RETREAT":  # "withdrew its police from the north": what moves is the mover's own
        own = [o for o in objs if o.lemma_.lower() in _FORCES | _SECURITY_BODIES
               or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in o.children)]
        left = prep_objects(verb, ("from",)) + [p for o in own for p in prep_objects(o, ("from",))]
        frame.targets = left + [t for t in frame.targets if t not in own and t not in left]
    if entry.type == "MOBILIZE" and passive and not frame.sources:
        # "the army was put on the highest alert", "troops were deployed": the forces moved are the mover
        movers = [p for p in patients if p.lemma_.lower() in _FORCES | _SECURITY_BODIES]
        if movers:
            frame.sources = movers
            frame.targets = [t for t in frame.targets if t not in movers]
    if entry.type == "MOBILIZE":  # "deployed troops in Gambia": the troops are the mover's own, the place is the target
        own = [o for o in objs if o.lemma_.lower() in _FORCES]
        frame.targets = [t for t in frame.targets if t not in own] + \
            [p for o in own for p in prep_objects(o, _DEPLOY_PREPS)]
    if entry.type in ("REQUEST", "THREATEN", "ACCUSE", "REJECT"):
        # "warned that the army would push Hezbollah back", "demanded that Russia withdraw",
        # "refused to allow drivers to collect ...": the complement's object, else its subject
        clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
        clauses += [g for c in clauses for g in c.children if g.dep_ in ("ccomp", "xcomp")]
        for clause in clauses:
            subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
            if entry.type == "THREATEN":  # the threatened party is what the action is done to
                frame.fallback += objects(clause) + subjects
            else:
                frame.fallback += subjects + objects(clause)
        frame.fallback += _condition_subjects(verb)  # "... unless the junta reinstates"
    # control: "refused to allow a base", "urged X to withdraw": the complement's object is a target too
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            frame.targets += objects(child) + prep_objects(child, TARGET_PREPS)
    return frame


_OCCURRING = WORDS["occurring"]
_TRANSITIVE_COERCION = WORDS["transitive_coercion"]
_RECEIVING = WORDS["receiving"]
_PREPARING = WORDS["preparing"]
_FORCE_USES = WORDS["force_uses"]
WEAPONS = WORDS["weapons"]  # (the coder's implicit attacker)
_UNDERGOING = WORDS["undergoing"]
_UNDERGONE = {"ACCUSE", "SANCTION", "COERCE", "THREATEN", "REJECT", "PROTEST"}
_NOT_EVENT_HEADS = WORDS["not_event_heads"]
_INTERRUPTIONS = WORDS["interruptions"]
ABOUT_PREPS = WORDS["about_preps"]
CONDUCT = WORDS["conduct"]  # (the coder's reaction targets)
HARMS = WORDS["harms"]  # (the coder's implicit attacker)
HELD_CAPTIVES = WORDS["held_captives"]  # (the coder's implicit holder)
HELD_PRISONERS = WORDS["held_prisoners"]
TAKING_CAPTIVES = WORDS["taking_captives"]
TAKING_PRISONERS = WORDS["taking_prisoners"]
DECREES = WORDS["decrees"]  # (the coder's sanctions by decree)
_MOTIVES = WORDS["motives"]
_MEMBERSHIP = WORDS["membership"]
MISSIONS = WORDS["missions"]
CROSSINGS = WORDS["crossings"]  # (the coder's host state)
POTENTIAL = WORDS["potential"]  # (detente.events.find: acts that may never happen)
_MEDIATING = WORDS["mediating"]
_RESORTING = WORDS["resorting"]


_ARMS_TRANSFER = LexiconEntry("AID", "military", confidence=0.7)
_FUNDS_TRANSFER = LexiconEntry("AID", "economic", confidence=0.6)
_MATERIEL = WORDS["materiel"]
_FUNDS = WORDS["funds"]


def _handed_over(verb: Token, objs: list[Token]) -> Frame | None:
    """ "Iran has been providing drones to Russia", "will provide the financial resources": handing over arms
    or money is aid, whatever the lexicon says of the verb alone."""
    if verb.lemma_.lower() not in _TRANSFER or verb.lemma_.lower() in ("send", "return", "surrender", "cede"):
        return None
    goods = [o for o in objs if o.lemma_.lower() in WEAPONS | _MATERIEL]
    money = [o for o in objs if o.lemma_.lower() in _FUNDS]
    if not goods and not money:
        return None
    noun = (goods or money)[0]
    frame = Frame([verb, noun], _ARMS_TRANSFER if goods else _FUNDS_TRANSFER, "light", verb, noun=noun)
    frame.sources = subject_of(verb)
    # ("sold shells to Russia": the parser may mark "to" itself as the dative)
    datives = [g for c in verb.children if c.dep_ == "dative"
               for g in ([o for o in c.children if o.dep_ == "pobj"] if c.pos_ == "ADP" else [c])]
    frame.targets = prep_objects(verb, ("to",)) + datives + prep_objects(noun, ("to", "for"))
    return frame


def _picketed(head: Token, entry: LexiconEntry) -> list[Token]:
    """ "protested outside the Norwegian embassy": the mission stands for its state."""
    if entry.type != "PROTEST":
        return []
    return [o for o in prep_objects(head, ("outside", "near", "at", "before")) if o.lemma_.lower() in MISSIONS]


def _condition_subjects(verb: Token) -> list[Token]:
    """Subjects of "if"/"unless" clauses below VERB: the party a conditional act is aimed at."""
    return [c for clause in verb.subtree if clause.dep_ == "advcl"
            and any(m.lower_ in ("unless", "if") for m in clause.children if m.dep_ == "mark")
            for c in clause.children if c.dep_ in SUBJECT_DEPS]


def _set_origins(frame: Frame, verb: Token) -> None:
    """ "shells were fired at the town from Syria": with no named attacker, where the fire came from."""
    if frame.entry.type == "ASSAULT" and not frame.sources:
        frame.origins = [t for t in prep_objects(verb, ("from",)) if t.ent_type_ in ("GPE", "LOC")]


CRAFT = WORDS["craft"]
_DIPLOMATS = WORDS["diplomats"]


def _is_diplomat(noun: Token) -> bool:
    """ "its ambassador", "the Kenyan envoy Jane Otieno", "two diplomats", "embassy staff"."""
    return any(t.lemma_.lower() in _DIPLOMATS for t in noun.subtree if t.i <= noun.i)


_ARMED_GROUPS = WORDS["armed_groups"]


def _is_armed_group(noun: Token) -> bool:
    """ "the militia", "M23 rebels", "armed groups"."""
    return noun.lemma_.lower() in _ARMED_GROUPS or any(
        c.lower_ == "armed" for c in noun.children if c.dep_ == "amod")


_OBSERVERS = WORDS["observers"]


def _own_event(verb: Token, noun: Token, lex: Lexicon) -> bool:
    """Whether a participle on an event noun is an event of its own ("talks brokered by the US"), not
    a verb of doing it ("the abuses committed by the junta")."""
    found = verb_entry(verb, lex)
    return found is not None and noun.lemma_.lower() not in found[0].not_objects


def _active_subjects(verb: Token) -> list[Token]:
    """VERB's active subjects before it, the nearest first ("the message that the U.S. believes Lebanon
    should align": Lebanon, not "that")."""
    return sorted((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), key=lambda c: -c.i)


def _clause_pair(noun: Token) -> list[Token]:
    """The pair of parties the clause around a party-less mutual act names as its subject ("X and Y agreed
    to a ceasefire after days of clashes"): both sides of the act, when the subject is a pair."""
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    subjects = _active_subjects(verb)
    if not subjects:
        return []
    pair = [subjects[0], *subjects[0].conjuncts]
    return pair if len(pair) == 2 and all(t.pos_ == "PROPN" for t in pair) else []


def noun_frame(noun: Token, lex: Lexicon) -> Frame | None:
    hit = noun_key(noun, lex)
    if hit is None:
        return None
    key, trigger = hit
    entry = lex.nouns[key]
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in _NOT_EVENT_HEADS:
        return None  # "arms depots", "aid workers", "protest leaders": things and people, not acts
    if noun.lemma_.lower() in _MOTIVES and noun.dep_ == "pobj" and noun.head.lower_ in ("in", "as") \
            and noun.tag_ == "NN" and not any(c.dep_ in ("det", "amod", "poss") for c in noun.children):
        return None  # "struck targets in retaliation for ...": why the act was done, not a second act
        # (not "arrests in related protests": protests held)
    if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "of", "to") \
            and noun.head.head.lemma_.lower() in _INTERRUPTIONS:
        return None  # "a pause in the bombing", "an end to the shelling": the act stops, it is not done
    if noun.lower_ == "talk" and not any(c.dep_ == "det" and c.lower_ in ("a", "the") for c in noun.children):
        return None  # "there was talk of war", "talk of a deal": what is said about, not talks held
    if entry.type == "AGREE" and noun.dep_ == "pobj" and noun.head.lower_ in ABOUT_PREPS \
            and any(c.dep_ in ("det", "poss") and c.lower_ != "a" for c in noun.children):
        return None  # "Seoul's stance on the pact", "under the treaty": an existing compact spoken of
    if entry.type == "AGREE" and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) and any(
            c.dep_ == "compound" and c.pos_ == "PROPN" and "-" not in (c.nbor(-1).text, c.nbor(1).text)
            and (c.ent_type_ in ("GPE", "LOC", "FAC") or noun.pos_ == "PROPN") for c in noun.lefts):
        # "the Lausanne Treaty", "the Minsk agreements": a compact named by its place, spoken of (not "the
        # KSA-Iran agreement", whose names are its parties)
        return None
    phrase_head = noun.head if noun.dep_ == "compound" else noun  # "the ceasefire agreement"
    if entry.type == "AGREE" and phrase_head.dep_ in ("dobj", "nsubjpass") \
            and (phrase_head.head.lemma_.lower() in lex.verbs or phrase_head.head.lemma_.lower() in WRONGDOING) \
            and phrase_head.head.lemma_.lower() not in _MEDIATING:
        return None  # "suspended the truce", "violated the ceasefire": the deal is what the act is about
        # (a deal brokered between two parties is theirs: "China brokered a deal between Iran and Saudi Arabia")
    frame = Frame(trigger, entry, "noun", noun, noun=noun)
    retreat = entry.type in ("RETREAT", "MOBILIZE")  # "withdrawal of troops from X": X is the target
    of_objs = prep_objects(noun, ("of",))
    patient_of = noun.lemma_.lower() in PATIENT_OF
    owners = [c for c in noun.children if c.dep_ == "poss"]
    # "her detention by the border guards", "Navalny's arrest": the owner is the patient unless an
    # of-phrase names another ("Russia's invasion of Ukraine")
    owner_is_patient = patient_of and not of_objs and owners
    agents = ([] if owner_is_patient else owners) + prep_objects(noun, ("by",) if retreat else ("by", "from"))
    # "the abuses committed by the junta", "the war lost by Baku", "strikes launched by Israel"
    # (not when the participle is an event of its own: "talks brokered by the US" is the US brokering)
    agents += [a for c in noun.children if c.dep_ in ("acl", "relcl") and c.tag_ == "VBN"
               and not _own_event(c, noun, lex) and c.lemma_.lower() not in _MEDIATING  # ("dialogue facilitated
               for a in agent_objects(c)]  # by the EU": a mediator is no party)
    use_targets: list[Token] = []
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _USES:
        # "the navy's use of flares (against trawlers / in a standoff with trawlers)": the user
        # fires them at whoever the use is aimed at
        agents += [c for c in noun.head.head.children if c.dep_ == "poss"]
        use_targets = prep_objects(noun.head.head, ("against", "on", "at", "in"))
    # lower-case adjectives ("bloody", "indirect") name no actor; "Russian", "police", "U.S.-led" may
    # ("border clashes", "village raids": where, not who)
    modifiers = [c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod") and c not in trigger
                 and c.pos_ != "VERB" and (c.pos_ != "ADJ" or c.text[:1].isupper())
                 and not (c.pos_ == "NOUN" and c.lemma_.lower() in actor_words.PLACES)]
    for verbal in (c for c in noun.lefts if c.dep_ == "amod" and c.pos_ == "VERB"):
        agents += subject_of(verbal)  # "Trump imposed tariffs" misparsed: the verb's doer
    if owner_is_patient:
        of_objs = owners
    elif patient_of and not of_objs:  # "the arrest by the KGB of 33 men": the parser often hangs "of" on the agent
        of_objs = [o for a in agents for o in prep_objects(a, ("of",))]
    elif patient_of and not agents:  # "the downing of a drone by Algerian forces": "by" hung on the patient
        agents = [a for o in of_objs for a in prep_objects(o, ("by",))]
    of_parties = [] if patient_of or agents else of_objs
    if entry.type == "CONSULT" and entry.symmetric and not any(_names_a_party(o) for o in of_parties):
        of_parties = []  # "a meeting of senior officials": who met is the clause's pair, not "officials"
    frame.sources = agents + of_parties + modifiers
    between = prep_objects(noun, ("between", "among")) if entry.symmetric else []
    if entry.symmetric and not between and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _OCCURRING:
        between = prep_objects(noun.head, ("between", "among"))  # "clashes erupted between X and Y"
    frame.sources = between + frame.sources  # "talks between the US and Iran"
    if entry.symmetric and not between:  # (last: only when no phrase of the noun names a party)
        frame.sources += _clause_pair(noun)  # "Pakistan and Afghanistan agreed to a truce after a week of clashes"
    target_preps = tuple(p for p in NOUN_TARGET_PREPS if p != "of") + (("from",) if retreat else ())
    frame.targets = parties(prep_objects(noun, target_preps), entry)  # "the meeting in Sochi": where, not with whom
    frame.targets += _picketed(noun, entry) + use_targets
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in ("warrant", "notice", "order"):
        # "an arrest warrant for the prime minister", "issued arrest warrants for two men"
        warrant = noun.head
        frame.targets += prep_objects(warrant, ("for", "against")) + (
            prep_objects(warrant.head, ("for", "against")) if warrant.dep_ == "dobj" else [])
    if patient_of or agents:
        frame.targets += of_objs
    host = noun.head.head if noun.dep_ == "pobj" else None
    if entry.type in ("COERCE", "SANCTION") and not frame.targets and host is not None and is_passive(host):
        # "Khan was added to the ministry's wanted list", "was sentenced to life imprisonment": the patient
        frame.targets = [c for c in host.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    if between:  # "collusion between Tehran and Moscow against Kyiv": the pair act together
        frame.targets = [t for t in frame.targets if t.head.lower_ == "with"]
    if noun.dep_ in ("compound", "amod") and noun.head.pos_ == "NOUN" and not frame.sources:
        noun = noun.head  # "completed the disengagement process": the phrase's place in the clause
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in PARTITIVES \
            and not frame.sources:
        noun = noun.head.head  # "ended a new round of talks": the round stands where the talks would
    if entry.symmetric and not frame.sources and noun.dep_ in ("pobj", "dobj"):
        # "Lula flew to Rome for the talks with Meloni": joint events take the clause's subject
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        if verb.pos_ in ("VERB", "AUX"):
            frame.sources = subject_of(verb)
            if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "into") and verb.lemma_.lower() not in lex.verbs:
                frame.targets = objects(verb) + frame.targets  # "engaged smugglers in a gunfight in X"
            if noun.dep_ == "pobj" and noun.head.lower_ in ("at", "during", "in") and not frame.targets:
                frame.targets = objects(verb)  # "at the summit in Astana, Xi backed his host"
    elif not frame.sources and noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "VERB" \
            and noun.head.lower_ in ("in", "into", "with") and noun.head.head.lemma_.lower() not in lex.verbs:
        # "soldiers engaged Kenyan smugglers in a gunfight": the clause's subject and object
        verb = noun.head.head
        frame.sources = subject_of(verb)
        frame.targets = objects(verb) + frame.targets  # the one engaged, before where it happened
    elif not frame.sources and noun.dep_ == "pobj" and noun.head.lower_ in ("on", "toward", "towards") \
            and noun.head.head.lemma_.lower() in _PREPARING:
        frame.sources = subject_of(noun.head.head)  # "the EU is working on sanctions against Tbilisi"
    elif not frame.sources and noun.dep_ == "pobj" and noun.head.lower_ in ("for", "to", "with") \
            and noun.head.head.lemma_.lower() in _RESORTING:
        frame.sources = subject_of(noun.head.head)  # "the government opted for drone attacks"
    elif not frame.sources and (taker := _object_of_verb(noun)) is not None:
        # "the unions are preparing strikes": the doer of a plain verb does the noun's act;
        # not under event or speech verbs ("condemned the arrest", "reported the attack")
        verb = taker
        lemma = verb.lemma_.lower()
        if lemma not in lex.verbs and lemma not in CLAIM_VERBS and lemma not in _OBSERVERS:
            frame.sources = subject_of(verb)
        elif lemma in _OWN_REPORTS and entry.type in _FORCEFUL:
            # "police reported six arrests", "the army announced the capture of ...": a security body
            # reporting arrests, raids or strikes reports its own acts
            frame.sources = [s for s in subject_of(verb) if _security_body(s)]
    return frame


_OWN_REPORTS = WORDS["own_reports"]
_SECURITY_BODIES = WORDS["security_bodies"]
_QUANTITIES = WORDS["quantities"]
_FORCEFUL = WORDS["forceful"]


def _names_a_party(tok: Token) -> bool:
    """ "of Iran and Saudi Arabia", "of Iranian officials": the phrase names a party, not just a kind of people."""
    return any(t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "NORP", "ORG") for t in tok.subtree)


def _object_of_verb(noun: Token) -> Token | None:
    """The verb NOUN is the direct object of, also through a number ("reported dozens of arrests")."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _QUANTITIES:
        noun = noun.head.head
    return noun.head if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" else None


def _security_body(tok: Token) -> bool:
    """TOK names a police, military or security body or its spokesperson ("police", "a police spokesman",
    "Police spokesperson Jane Doe")."""
    words = [tok, *(c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod"))]
    if tok.pos_ == "PROPN":
        words += [c for c in tok.lefts if c.dep_ == "compound" for c in c.subtree]
    return any(w.lemma_.lower() in _SECURITY_BODIES or w.lower_ in _SECURITY_BODIES for w in words)


_COMPACTS = WORDS["compacts"]
_LEAVING = LexiconEntry("SANCTION", confidence=0.7)


def leaving(frame: Frame) -> Frame:
    """A RETREAT from a compact or an organisation, or of diplomats, cuts relations: SANCTION."""
    if frame.entry.type != "RETREAT":
        return frame
    head = frame.noun if frame.kind == "noun" and frame.noun is not None else frame.anchor
    left = prep_objects(head, ("from",))
    if frame.noun is not None and frame.kind == "light":
        left += prep_objects(frame.noun, ("from",))
    compact = any(o.lemma_.lower() in _COMPACTS or o.ent_type_ == "ORG" for o in left)
    envoys = frame.kind == "verb" and any(_is_diplomat(o) for o in objects(frame.anchor))
    return replace(frame, entry=_LEAVING) if compact or envoys else frame


_REACTION_PREPS = ("by", "about", "over", "at", "with", "for", "of", "toward", "towards", "to", "against")


def adjective_frame(adj: Token, lex: Lexicon) -> Frame | None:
    """ "Seoul is deeply concerned by the pact", "Kenya was grateful for the aid": an experiencer's reaction."""
    entry = lex.adjectives.get(adj.lower_)
    if entry is None or adj.dep_ == "amod":
        return None  # "concerned citizens": a description, not a reaction
    if adj.pos_ == "VERB" and is_passive(adj):  # "Seoul is alarmed by the pact", parsed as a passive verb
        frame = Frame([adj], entry, "verb", adj)
        frame.sources = [c for c in adj.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    elif adj.dep_ == "acomp" and adj.head.pos_ in ("VERB", "AUX"):
        frame = Frame([adj], entry, "verb", adj.head)
        frame.sources = subject_of(adj.head)
    else:
        return None
    verb = frame.anchor
    frame.targets = prep_objects(adj, _REACTION_PREPS)
    if verb is not adj:
        frame.targets += prep_objects(verb, _REACTION_PREPS)
    frame.targets = [t for t in frame.targets if t not in frame.sources]
    # "were so worried that they sent envoys": a feeling with nothing it is about is no reaction
    return frame if frame.targets else None


_OBLIGATION = LexiconEntry("REQUEST", confidence=0.55)
_HINDSIGHT = LexiconEntry("ACCUSE", confidence=0.5)
_DEONTIC = WORDS["deontic"]
_BELIEF = WORDS["belief"]
_ASSERTING = WORDS["asserting"]


def obligation_frame(verb: Token) -> Frame | None:
    """ "Institutions must respect the will of voters," the envoy said; "Washington believes Lebanon should
    disarm the militia": a speaker saying another party must or should act asks it to (REQUEST); "the
    Council should have acted" blames it for not acting (ACCUSE). The speaker is the subject of the speech
    verb, else the quotation's (the coder's rule)."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() == "be":
        return None  # ("Essequibo should be under its control": a claim about a state of things, no act asked)
    modal = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in _DEONTIC), None)
    subjects = _active_subjects(verb)  # (a passive, "should be resolved", names no one obliged)
    if modal is None or not subjects or subjects[0].lower_ in ("i", "we", "you", "it", "this", "that", "there",
                                                                "one", "everyone", "everybody"):
        return None  # "we must speak loudly": an exhortation of oneself, no request to another
    hindsight = any(c.dep_ == "aux" and c.lower_ == "have" for c in verb.children)
    speech = verb.head if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in CLAIM_VERBS | _BELIEF | _ASSERTING \
        else None
    frame = Frame([modal], _HINDSIGHT if hindsight else _OBLIGATION, "verb", speech if speech is not None else modal)
    frame.sources = subject_of(speech) if speech is not None else []
    frame.targets = subjects[:1]
    return frame


def evaluation_frame(adj: Token, lex: Lexicon) -> Frame | None:
    """ "Russia's actions are unacceptable," the minister said: the speaker judges the subject's doer."""
    # (also a noun of judgement, "the launch is a clear violation of the resolutions", "the attacks constitute
    # war crimes", or a noun a judgement qualifies: "this is Russia's latest unhelpful step")
    entry = lex.evaluatives.get(adj.lower_ if adj.pos_ == "ADJ" else adj.lemma_.lower())
    if entry is None and adj.pos_ == "NOUN" and (qualifier := _condemning_qualifier(adj, lex)) is not None:
        entry = lex.evaluatives[qualifier.lower_]
    copula = adj.head.head if adj.dep_ == "pobj" and adj.head.lower_ == "to" else adj.head
    link = copula.lemma_.lower()
    linked = adj.dep_ in ("acomp", "attr") and link in ("be", "remain") \
        or link in _COPULAS and (adj.dep_ == "dobj" or adj.dep_ == "pobj" and link == "amount")
    if entry is None or not linked:
        return None
    judged = [c for c in copula.children if c.dep_ in SUBJECT_DEPS] or subject_of(copula)  # ("is and has been")
    if not judged or judged[0].lower_ == "it" and not list(judged[0].children):
        return None  # "it is unacceptable to ...": an impersonal judgement names no one here
    frame = Frame([adj], entry, "verb", copula)
    clause = copula
    while clause.dep_ == "conj" and clause.head != clause:
        clause = clause.head
    speech = clause.head if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in CLAIM_VERBS | _ASSERTING \
        else None
    frame.sources = subject_of(speech) if speech is not None else []
    owners = [c for c in adj.children if c.dep_ == "poss"]
    if entry.type == "SUPPORT":  # "Australia remains Solomon Islands' partner of choice": the owner esteems it
        frame.sources = frame.sources or owners
        frame.targets = judged
        return frame
    # "this is Russia's latest step": the owner of the act judged; "this is a violation": the act just told
    frame.targets = owners + judged + prep_objects(adj, ("for", "to"))
    return frame


_COPULAS = WORDS["copulas"]


def qualified_act_frame(noun: Token, lex: Lexicon) -> Frame | None:
    """ "downed as part of a premeditated hostile act by Algeria", "Russia continues its illegal war": an act
    a damning word qualifies is an accusation of its doer, by whoever tells it (the speaker of the clause,
    else the quotation's or the statement's, the coder's rule)."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or noun.dep_ in ("attr", "acomp") \
            or lemma not in CONDUCT | _ATTACKS and lemma not in lex.nouns:
        return None
    reaction = lex.verbs.get(noun.head.lemma_.lower()) if noun.dep_ == "dobj" else None
    if reaction is not None and reaction.type in ("ACCUSE", "REJECT") \
            or noun.dep_ == "pobj" and noun.head.lower_ in ("as", "for", "over") \
            or noun.dep_ == "dobj" and noun.head.lemma_.lower() in _INTERRUPTIONS | {"cease", "halt"}:
        return None  # "condemned the unprovoked attack", "described it as a hostile act", "sanctioned Iran for
        # its irresponsible acts", "called on Moscow to end its unjustified expulsions": the other act says it
    judgement = _condemning_qualifier(noun, lex)
    if judgement is None:
        return None
    doers = [c for c in noun.children if c.dep_ == "poss"] + prep_objects(noun, ("by",))
    if any(d.pos_ == "PRON" for d in doers) and noun.dep_ == "dobj":
        doers = subject_of(noun.head) or doers  # "Russia continues its illegal war": its = the subject
    if not doers and lemma in CONDUCT:
        doers = prep_objects(noun, ("of",))
    if not doers:
        return None  # ("an illegal war" with no doer named: no one accused here)
    frame = Frame([judgement, noun], lex.evaluatives[judgement.lower_], "verb", noun)
    speech = next((a for a in noun.ancestors if a.lemma_.lower() in CLAIM_VERBS | _ASSERTING), None)
    frame.sources = subject_of(speech) if speech is not None else []
    frame.targets = doers
    return frame


_ATTACKS = WORDS["attacks"]


def _condemning_qualifier(noun: Token, lex: Lexicon) -> Token | None:
    """The adjective on NOUN that condemns what it names: "hostile" in "a hostile act"."""
    return next((a for a in noun.children if a.dep_ == "amod" and a.lower_ in lex.evaluatives
                 and lex.evaluatives[a.lower_].type == "ACCUSE"), None)


# Nominalised verb + object phrases: "the recall of its ambassadors" reads as "recall ambassador".
NOMINALS = {"recall": "recall", "closure": "close", "closing": "close", "suspension": "suspend", "expulsion": "expel",
            "withdrawal": "withdraw", "cancellation": "cancel", "termination": "terminate", "revocation": "revoke",
            "lifting": "lift", "easing": "ease", "seizure": "seize", "freezing": "freeze", "downing": "down",
            "dispatch": "dispatch", "sending": "send", "release": "release", "delivery": "deliver", "supply": "supply",
            "sale": "sell", "transfer": "transfer", "shipment": "ship", "severing": "sever", "downgrading": "downgrade",
            "resumption": "resume", "reopening": "reopen", "restoration": "restore", "tightening": "tighten",
            "blocking": "block", "shutdown": "shut", "shutting": "shut"}


def nominal_phrase_frame(noun: Token, lex: Lexicon) -> Frame | None:
    """ "the recall of its ambassadors from Algeria", "the closure of the border with Pakistan": the
    verb + object phrase of the lexicon, said as a noun; the owner or by-phrase is the doer."""
    verb = NOMINALS.get(noun.lemma_.lower())
    if verb is None:
        return None
    for obj in prep_objects(noun, ("of",)):
        hit = noun_key(obj, lex)
        entry = lex.phrases.get(f"{verb} {obj.lemma_.lower()}") or (
            lex.phrases.get(f"{verb} {hit[0]}") if hit is not None else None)
        if entry is None:
            continue
        if entry.type in ("RETREAT", "MOBILIZE"):
            return None  # "the withdrawal of Russian forces": the forces move; the event noun reads it so
        frame = Frame([noun, obj], entry, "noun", noun, noun=noun)
        owners = [c for c in noun.children if c.dep_ == "poss"]
        frame.sources = owners + prep_objects(noun, ("by",)) + prep_objects(obj, ("by",))
        if not frame.sources and noun.dep_ in ("dobj", "pobj") and noun.head.pos_ in ("VERB", "AUX"):
            frame.sources = subject_of(noun.head)  # "Algeria confirmed the recall of its envoys"
        elif not frame.sources and noun.dep_ == "pobj" and noun.head.head.pos_ in ("VERB", "AUX"):
            frame.sources = subject_of(noun.head.head)
        own = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children)
        preps = tuple(p for p in NOUN_TARGET_PREPS if p != "of") + ("from",)
        frame.targets = prep_objects(noun, preps) + prep_objects(obj, ("from", "to", "in", "with"))
        if not own and entry.type in ("SANCTION", "COERCE", "ASSAULT", "CONCEDE"):
            frame.targets.append(obj)  # "the expulsion of Russian diplomats": they are the patient
        frame.targets = [t for t in frame.targets if t not in frame.sources]
        return frame
    return None
