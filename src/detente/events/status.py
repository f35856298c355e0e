"""Factual status of an event: asserted, negated, hypothetical or reported_claim."""

from __future__ import annotations

from spacy.tokens import Token

from .frames import CLAIM_VERBS, FACTIVE, IRREALIS, NEGATING

MODALS = {"would", "could", "might", "may", "should", "must", "can", "will", "shall", "'d", "'ll", "wo", "ca"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "once", "until", "lest"}
PURPOSE_MARKS = {"so", "in"}
NEGATORS = {"not", "n't", "never", "no", "neither", "nor"}
NEG_DETERMINERS = {"no", "neither"}
CLAIM_NOUNS = {"claim", "allegation", "accusation", "assertion", "charge", "suspicion", "rumour", "rumor"}
# Nouns of what one party says to another: refusing one leaves it said ("rejected the proposal").
_SPEECH_ACT_NOUNS = {"demand", "request", "call", "appeal", "proposal", "offer", "invitation", "ultimatum",
                     "accusation", "allegation", "claim", "charge", "plan", "plea", "overture", "bid"}
ACCUSING = {"accuse", "charge", "suspect", "blame", "indict", "fault"}


def _clause_chain(anchor: Token) -> list[Token]:
    """ANCHOR and the verbs that govern it, innermost first, up to the sentence root."""
    chain = [anchor]
    tok = anchor
    while tok.head != tok and len(chain) < 8:
        if tok.dep_ in ("xcomp", "ccomp", "advcl", "conj", "pcomp", "acl", "relcl", "dobj", "pobj", "prep",
                        "nsubj", "nsubjpass", "attr", "acomp", "compound", "amod", "oprd", "appos"):
            tok = tok.head
            chain.append(tok)
        else:
            break
    return chain


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in ("never",) for c in tok.children):
        return True
    if tok.dep_ == "conj" and any(c.lower_ == "nor" for c in tok.head.children) \
            and any(c.lower_ == "neither" for c in tok.head.children):
        return True  # "has neither confirmed nor denied the attack"
    if any(c.lower_ == "neither" and c.dep_ == "preconj" for c in tok.children):
        return True
    return any(c.dep_ == "det" and c.lower_ in NEG_DETERMINERS for c in tok.children)


def _modal(tok: Token) -> bool:
    return any(c.dep_ == "aux" and (c.lower_ in MODALS or c.tag_ == "MD") for c in tok.children) or any(
        c.dep_ == "aux" and c.lower_ == "going" for c in tok.children)


def status_of(anchor: Token, source_country: str | None, speaker_country: dict[int, str | None],
              question: bool = False) -> str:
    """Walk from the trigger's clause outwards; the first marker that applies decides."""
    chain = _clause_chain(anchor)
    if _negated(anchor):
        return "negated"
    if anchor.dep_ in ("pobj", "pcomp") and anchor.head.lower_ == "without":
        return "negated"  # "ended the talks without an agreement", "left without signing"
    if anchor.pos_ in ("NOUN", "PROPN") and anchor.head.pos_ in ("VERB", "AUX") and _negated(anchor.head) \
            and anchor.dep_ in ("dobj", "nsubjpass", "attr"):
        return "negated"
    if _modal(anchor):
        return "hypothetical"
    if anchor.dep_ == "pobj" and anchor.head.lower_ in ("during", "amid", "throughout", "at"):
        # "pledged to improve ties during a visit by Erdogan": the occasion is real unless it is to come
        return "hypothetical" if any(_modal(t) for t in chain) or question else "asserted"
    prev = anchor
    for tok in chain[1:]:
        lemma = tok.lemma_.lower()
        via = prev.dep_
        if via == "advcl" and any(c.dep_ == "mark" and (c.lower_ in CONDITIONAL_MARKS
                                                         or c.lower_ == "as" and tok.lower_ == "long")
                                  for c in prev.children):
            return "hypothetical"  # ("as long as 10 hostages are freed": a condition)
        if via == "advcl" and prev.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in prev.children) \
                and tok.tag_ != "VBD":
            return "hypothetical"  # purpose: "(in order) to force him"; "broke in to arrest him" reports the arrest
        if via == "prep" and prev.lower_ in ("on", "toward", "towards") and lemma in ("work", "move"):
            return "hypothetical"  # "the EU is working on sanctions": still to come
        if via == "prep" and prev.lower_ in ("after", "since", "following", "despite"):
            break  # "agreed to a truce after a week of clashes": what came before is no part of the promise
        if via == "xcomp" and lemma == "force" and any(o.lemma_.lower() == "way" for o in tok.children):
            prev = tok  # "forced their way in to arrest him": no compulsion, a manner of entering
            continue
        if via == "prep" and prev.lower_ in ("of", "for") and lemma in ACCUSING \
                and not any(t.dep_ == "conj" for t in chain[:chain.index(tok)]):
            # "accused Kigali of supporting the rebels": what the accusation says (not "accusing X of
            # plotting and threatening them", where the parser hangs the accuser's own act on the charge)
            return "reported_claim"
        if via in ("acl", "ccomp") and tok.pos_ == "NOUN" and lemma in CLAIM_NOUNS:
            return "reported_claim"  # "the rebels' claim that the army shelled the camp"
        if via == "dobj" and prev is anchor and anchor.lemma_.lower() in _SPEECH_ACT_NOUNS \
                and lemma in ("deny", "refuse", "decline", "reject", "dismiss", "rebuff", "ignore"):
            return "asserted"  # "refused Beijing's demand": the demand was made; the refusal is the other event
        if via in ("xcomp", "pcomp", "dobj", "ccomp") and lemma in ("deny", "refuse", "decline", "reject"):
            # "denied arming the rebels", "refused to allow"; "did not refuse to host" leaves it open
            return "hypothetical" if _negated(tok) else "negated"
        if via in ("xcomp", "ccomp", "acl", "acomp", "pcomp", "prep", "pobj", "dobj") and lemma in IRREALIS:
            if tok.pos_ == "NOUN" and _negated(tok):
                return "negated"  # "has no plans to invade", "no intention of attacking"
            if lemma in NEGATING and via in ("xcomp", "pcomp"):
                return "hypothetical" if _negated(tok) else "negated"  # "has not ruled out striking"
            return "hypothetical"
        if via == "ccomp" and lemma in CLAIM_VERBS and lemma not in FACTIVE:
            # a claim when a named party reports what another party did ("Kyiv said Russia shelled ...");
            # an unnamed statement or a party reporting its own act is narrated as fact
            spk = speaker_country.get(tok.i)
            if spk is not None and source_country is not None and spk != source_country:
                return "reported_claim"
            break
        if via in ("xcomp", "ccomp", "conj", "advcl") and _negated(tok) and via != "conj":
            return "negated"
        if via in ("xcomp", "ccomp") and _modal(tok):
            return "hypothetical"
        if via == "conj" and _modal(tok):
            return "hypothetical"
        if via == "prep" and prev.lower_ in ("in", "into") and chain[0].pos_ in ("NOUN", "PROPN") \
                and tok.pos_ in ("VERB", "AUX"):
            # "cannot engage in dialogue", "will take part in the talks": the noun follows its clause
            # (not "will not give in to his blackmail": that act is another's, and real)
            if _negated(tok):
                return "negated"
            if _modal(tok):
                return "hypothetical"
        if via in ("relcl", "acl", "dobj", "pobj", "nsubj", "nsubjpass", "attr", "compound", "amod", "appos"):
            if via in ("dobj", "pobj", "nsubj", "nsubjpass", "attr") and prev.pos_ in ("NOUN", "PROPN"):
                # nominal event inside a clause: its status follows that clause
                if _negated(tok):
                    return "negated"
                if _modal(tok):
                    return "hypothetical"
                prev = tok
                continue
            break
        prev = tok
    if question:
        return "hypothetical"
    return "asserted"
