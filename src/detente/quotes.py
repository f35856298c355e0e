"""Quotations: direct quotes in quote marks and indirect speech, attributed to a speaker.

* Text between quote marks -> ``direct``. The speaker is the subject of the speech cue that
  governs the quotation in the parse ('"...," he said', 'X said: "..."', "according to X", "in
  the words of X"), else of a speech tag next to it; an untagged stand-alone quotation continues
  the previous speaker. Short phrases count only under a cue ("called it a 'farce'"): otherwise
  they are scare quotes or quoted names.
* A speech verb's clause ("X said (that) ...") or the clause "according to X" attaches to ->
  ``indirect``, or ``mixed`` when it quotes a fragment verbatim.

Speakers are resolved in document order through the actor layer, so that "he" refers back to
the last person who acted; people and bodies missing from the knowledge base keep their name as
written. Cue words live in ``data/speech_verbs.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from importlib import resources

import yaml
from spacy.tokens import Doc, Span, Token

from .actors.kb import Entry, KnowledgeBase, norm
from .actors.reasons import Basis, Reason, ReasonKind
from .actors.resolve import ActorResolver, DocMemory, Resolution, phrase_tokens
from .records import Actor, Quote, QuoteKind
from .spans import entity_span, sentence_start

Speaker = tuple[str, Actor | None]
Cue = tuple[str, Token]  # the cue word and the head of the speaker phrase
_CUES: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in yaml.safe_load(
    resources.files("detente").joinpath("data/speech_verbs.yaml").read_text("utf-8")).items()}
_TEXT_VERBS = _CUES["document_verbs"]  # report a text's words: "the statement reads"
_VERBS = _CUES["verbs"] | _TEXT_VERBS  # report speech: their clause complement is an indirect quote
_LABELS = _VERBS | _CUES["fragment_verbs"]  # also quote a short phrase of their subject
_NOUNS, _DOCS = _CUES["nouns"], _CUES["documents"]  # "his assurances of ...", "the statement said"
_PEOPLE, _BODIES = _CUES["person_anaphors"], _CUES["organisation_anaphors"]  # "the author", "the group"
_SINGLE = ("‘", "'")
_CLOSERS = {"“": "”", "«": "»", "„": "“”", '"': '"', "‘": "’", "'": "'"}
_TAG = re.compile(rf",\s+(?:[\w’'.-]+\s+){{1,5}}(?:{'|'.join(sorted(_VERBS))})(?:s|ed|d)?\b[^\"“”]*$")
_ACRONYM = re.compile(r"((?:[A-Z][\w’'-]*\s+){1,6}[A-Z][\w’'-]*)\s+\(([A-Z]{2,6})\)")
_SHORT = 4  # quoted phrases of up to this many words need a governing cue to count
_FOLLOW_CHARS = 600  # how far back an untagged quotation looks for the speaker it continues
_PARTITIVES = {"some", "many", "most", "all", "one", "several", "few", "none", "each", "both", "number",
               "majority", "dozens", "hundreds", "thousands", "couple", "part"}
_MARKS = {"as", "when", "after", "before", "while", "because", "if", "since", "though", "although", "until"}
_SUBJ = ("nsubj", "nsubjpass")
_MINOR = {"of", "the", "for", "and", "in", "on", "to"}


@dataclass
class _Job:
    """A quotation found in the text, waiting for its speaker."""

    start: int
    end: int
    kind: QuoteKind
    cue: str | None = None
    speaker: Token | None = None
    standalone: bool = False  # a sentence of its own: may continue the previous speaker


def quote_marks(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text between paired quote marks; inner quotes stay inside outer ones.

    A double mark still open at the end of its paragraph closes there (news style for quotations
    that run on), or before a speech tag inside it (", the ministry added"). A single mark opens
    only after a space and closes only before a non-letter, so apostrophes stay apostrophes.
    """
    spans: list[tuple[int, int]] = []
    opened: tuple[str, int] | None = None
    for i, ch in enumerate(text + "\n"):
        if ch == "\n":
            if opened and opened[0] not in _SINGLE:
                tag = _TAG.search(text, opened[1], i)
                spans.append((opened[1], tag.start() if tag else i))
            opened = None
        elif opened is None:
            after_space = not i or text[i - 1].isspace() or text[i - 1] in "([—–-"
            if ch in "“«„\"" or ch in _SINGLE and after_space and text[i + 1:i + 2].isalpha():
                opened = (ch, i + 1)
        elif ch in _CLOSERS[opened[0]] or (opened[0] not in _SINGLE and ch in '”»"'):
            if opened[0] not in _SINGLE or not text[i + 1:i + 2].isalnum() and not text[i - 1].isspace():
                spans.append((opened[1], i))
                opened = None
        elif opened[0] in _SINGLE and i - opened[1] > 300:
            opened = None  # an apostrophe after all
    return [(s, e) for s, e in spans if text[s:e].strip()]


class QuoteFinder:
    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver
        self.kb_acronyms = acronyms(resolver.kb)
        self._text = ""

    def find(self, doc: Doc, memory: DocMemory) -> list[Quote]:
        self._text = doc.text  # Doc.text rebuilds the string on every access
        marks = quote_marks(self._text)
        inside: dict[int, int] = {}  # token -> the quotation it lies in, quote marks included
        for n, (s, e) in enumerate(marks):
            for t in doc.char_span(max(0, s - 1), min(len(self._text), e + 1), alignment_mode="expand") or ():
                inside.setdefault(t.i, n)
        jobs = [job for n, (s, e) in enumerate(marks) if (job := self._direct(doc, s, e, n, inside))]
        jobs += self._indirect(doc, inside)
        speakers = _Speakers(self.resolver, memory, self.kb_acronyms).resolve(doc, jobs, inside)
        quotes: list[Quote] = []
        for job in sorted(jobs, key=lambda j: (j.start, -j.end)):
            found = speakers.get(job.speaker.i) if job.speaker is not None else None
            last = quotes[-1] if quotes else None
            if found is None and last is not None and job.start - last.end <= _FOLLOW_CHARS and (
                    job.standalone or job.speaker is not None and _is_anaphoric(job.speaker)):
                found = (last.speaker or "", last.speaker_actor)  # "the statement said", "we", untagged
            if found is not None and found[0]:
                quotes.append(Quote(text=self._text[job.start:job.end], speaker=found[0], kind=job.kind,
                                    speaker_actor=found[1], cue=job.cue, start=job.start, end=job.end))
        return quotes

    # -- direct quotations ---------------------------------------------------------------------
    def _direct(self, doc: Doc, start: int, end: int, n: int, inside: dict[int, int]) -> _Job | None:
        raw = self._text[start:end]
        start += len(raw) - len(raw.lstrip())
        end = start + len(raw.strip().rstrip(",").rstrip())
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        first = doc[span.start - 1] if span.start and span.start - 1 in inside else span[0]
        alone = first.is_sent_start or doc[first.i - 1].is_space or doc[first.i - 1].text in ".:"
        # a short whole sentence ("It is over.") is said by someone; a short phrase may be a scare quote
        sentence = alone and self._text[end - 1] in ".!?" and any(t.pos_ in ("VERB", "AUX") for t in span)
        short = len(re.findall(r"\w+", self._text[start:end])) <= _SHORT and not sentence
        if short and all(t.is_title or t.is_upper or not t.is_alpha for t in span):
            return None  # a quoted name ("Granite", "Pravda"), not words anyone said
        found = self._cue_above(span, inside, n) or self._cue_before(doc, span, short)
        if found is None and not short:
            found = self._nearby_tag(doc, span, inside)
        elif found is None:
            return None
        cue, speaker = found or (None, None)
        return _Job(start, end, "direct", cue, speaker, standalone=alone and not short)

    def _cue_above(self, span: Span, inside: dict[int, int], n: int) -> Cue | None:
        """The speech cue that governs the quotation in the parse (the nearest), with its speaker."""
        for t in span:  # '"The talks are over," he said' parsed with "said" under the quotation
            for c in (c for c in t.children if c.i not in inside and c.pos_ == "VERB"):
                if c.lemma_.lower() in _VERBS and (who := _cue_subject(c)) is not None:
                    return c.text, who
        best: tuple[int, Cue] | None = None
        for t in span:
            node, dep, steps = t.head, t.dep_, 0
            while inside.get(node.i) != n and steps < 10:
                # a quotation inside the subject of a cue is part of who speaks, not of what is said
                outside = node.i not in inside and dep not in (*_SUBJ, "poss", "agent")
                found = self._cue_at(node) if outside else None
                if found is not None:
                    best = (steps, found) if best is None or steps < best[0] else best
                    break
                if node.head.i == node.i:
                    break
                node, dep, steps = node.head, node.dep_, steps + 1
        return best[1] if best is not None else None

    def _cue_at(self, node: Token) -> Cue | None:
        if (source := _source_phrase(node)) is not None:
            return source
        speaker: Token | None = None
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in _LABELS:
            speaker = _cue_subject(node)
        elif node.pos_ == "NOUN" and node.lower_ in _NOUNS:
            governed = node.head.pos_ == "VERB" and node.dep_ in ("dobj", "pobj")
            speaker = _owner(node) or (_subject(node.head) if governed else None)
        return (node.text, speaker) if speaker is not None else None

    def _cue_before(self, doc: Doc, span: Span, short: bool) -> Cue | None:
        """A cue word just before the quotation when the parse missed the link: "his promise to
        'X'" (a cue noun and its owner), or "the authors state clearly that 'X'" (a speech word,
        whatever its tag, and the first name before it)."""
        i = span.start - 1
        while i >= 0 and span.start - i < 5 and (doc[i].is_punct or doc[i].is_space or doc[i].lower_ == "that"
                                                 or doc[i].pos_ in ("ADP", "PART", "DET", "ADV")):
            i -= 1
        if i < 0 or sentence_start(doc[i]) != sentence_start(span[0]):
            return None
        cue = doc[i]
        if cue.lower_ in _NOUNS and (owner := _owner(cue)) is not None:
            return cue.text, owner
        if short or cue.lemma_.lower() not in _VERBS or cue.pos_ == "VERB":
            return None
        names = [t for t in doc[sentence_start(cue):cue.i] if t.ent_type_ == "PERSON" or t.dep_ == "nsubj"]
        return (cue.text, names[0]) if names else None

    def _nearby_tag(self, doc: Doc, span: Span, inside: dict[int, int]) -> Cue | None:
        """A speech verb just after the quotation, or just before it ('X said: "..."')."""
        colon = self._text[:span.start_char].rstrip(' “"«\n').endswith(":")
        n = inside.get(span.start, -1)
        best: tuple[int, Cue] | None = None
        for rng in (range(span.end, min(len(doc), span.end + 8, doc[span.end - 1].sent.end)),
                    range(span.start - 1, max(-1, span.start - (25 if colon else 10)), -1)):
            for i in rng:
                t, dist = doc[i], abs(i - rng.start)
                if inside.get(t.i, n) != n or ("\n\n" in t.text and not colon):
                    break
                if t.lemma_.lower() in _VERBS and t.pos_ == "VERB" and (who := _cue_subject(t)):
                    best = (dist, (t.text, who)) if best is None or dist < best[0] else best
                    break
                if t.lower_ == "according" and (source := _pobj(t, "to")) is not None \
                        and source.lemma_.lower() not in _NOT_SOURCES:  # '"...," according to the document'
                    best = (dist, ("according to", source)) if best is None or dist < best[0] else best
                    break
        return best[1] if best else None

    # -- indirect speech -----------------------------------------------------------------------
    def _indirect(self, doc: Doc, inside: dict[int, int]) -> list[_Job]:
        jobs: list[_Job] = []
        for v in (t for t in doc if t.i not in inside):
            clauses: list[tuple[Token, list[Token]]] = []  # (root, tokens) of what was said
            speaker: Token | None = None
            cue = v.text
            if (saying := _quoted_as_saying(v)) is not None:
                # "X was quoted as saying (that) CLAUSE"; "CLAUSE, X was quoted as saying"
                speaker = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
                said = [c for c in saying.children if c.dep_ == "ccomp"]
                if said:
                    clauses = [(said[0], list(said[0].subtree))]
                elif v.dep_ in ("conj", "ccomp", "parataxis") and v.head.i < v.i:
                    clauses = [_main_clause_around(v)]
                cue = "quoted as saying"
            elif v.pos_ == "VERB" and v.lemma_.lower() in _VERBS and all(c.dep_ != "neg" for c in v.children):
                for c in (c for c in v.children if c.dep_ == "ccomp"):
                    # "warned the cabinet had ...": the parser took the clause's subject for an object
                    obj = next((d for d in v.children if d.dep_ == "dobj" and not _has_subject(c)
                                and d.right_edge.i + 1 == c.left_edge.i), None)
                    toks = [*obj.subtree, *c.subtree] if obj is not None else list(c.subtree)
                    if v.dep_ == "relcl":  # "a law which he claimed violates ...": the pronoun is the noun
                        toks = [t for t in toks if t.i > v.i]
                    clauses.append((c, toks))
                # "assured interlocutors that he has no plans": the that-clause hung on the addressee
                clauses += [(c, list(c.subtree)) for d in v.children if d.dep_ in ("dobj", "dative")
                            for c in d.children if c.dep_ in ("acl", "relcl", "ccomp")
                            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
                speaker = _cue_subject(v)
            elif _as_tag(v):
                # "As the minister pointed out, the border stays shut": the main clause is what was said
                clauses = [_main_clause_around(v)]
                speaker = _cue_subject(v)
            elif v.pos_ == "NOUN" and v.lower_ in _NOUNS:  # "reassurances that ..."
                clauses = [(c, list(c.subtree)) for c in v.children if c.dep_ in ("acl", "ccomp")
                           and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)]
                speaker = _owner(v) or (_subject(v.head) if v.dep_ == "dobj" else None)
            elif v.dep_ == "prep" and _is_source_prep(v) and (src := _source_phrase(v.head)) is not None:
                if v.head.pos_ in ("VERB", "AUX"):  # "according to X, ...": the clause on the other side
                    after = v.i > v.head.i
                    clauses = [(v.head, [t for t in v.head.subtree if (t.i < v.left_edge.i if after
                                                                       else t.i > v.right_edge.i)])]
                    cue, speaker = src
            for root, toks in clauses:
                if speaker is not None and (job := self._clause_job(root, toks, inside, cue, speaker, v)):
                    jobs.append(job)
        return jobs

    def _clause_job(self, root: Token, clause: list[Token], inside: dict[int, int], cue: str, speaker: Token,
                    verb: Token) -> _Job | None:
        toks = sorted(clause, key=lambda t: t.i)
        if root.lemma_.lower() in _VERBS and any(c.dep_ == "ccomp" for c in root.children):
            return None  # "X said Y, AFP reported": the inner report carries the content
        if any(c.dep_ == "mark" and c.lower_ in _MARKS for c in root.children):
            return None  # a mis-attached adverbial clause ("..., as he met ...")
        merged = any(t.dep_ == "dobj" and t.head == verb for t in toks)  # the subject taken for an object
        if verb.dep_ != "prep" and not _has_subject(root) and not merged:
            return None  # not a finite clause
        while toks and (toks[0].is_punct or toks[0].is_space or toks[0].dep_ == "mark"):  # "that"
            toks = toks[1:]
        while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].text not in ("?", "!"):
            toks = toks[:-1]
        if not toks or toks[0].i <= speaker.i <= toks[-1].i:
            return None  # the clause would swallow its own speaker: a bad parse
        words = [t for t in toks if t.is_alpha]
        quoted = [t for t in words if t.i in inside]
        if len(words) < 3 or len(quoted) * 3 >= len(words):
            return None  # too short, or largely verbatim (the direct quotation stands for it)
        kind: QuoteKind = "mixed" if quoted else "indirect"
        return _Job(toks[0].idx, toks[-1].idx + len(toks[-1].text), kind, cue, speaker)


def _main_clause_around(tag: Token) -> tuple[Token, list[Token]]:
    """The clause TAG hangs on, without the tag: what a trailing or "as X put it" tag reports."""
    main = tag.head
    return main, [t for t in main.subtree if not tag.left_edge.i <= t.i <= tag.right_edge.i]


def _quoted_as_saying(verb: Token) -> Token | None:
    """The "saying" of a passive "was quoted as saying", else None."""
    if verb.lemma_.lower() != "quote" or not any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    return next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                 if g.dep_ == "pcomp" and g.lemma_.lower() == "say"), None)


_AS_CUES = {"point", "put", "note", "say", "write", "observe", "argue", "explain", "stress", "remark",
            "acknowledge", "recall", "warn", "report", "tell", "suggest", "insist"}


def _as_tag(verb: Token) -> bool:
    """VERB heads an "as X points out / as X put it / as X told reporters" clause on a main clause, with
    no clause of its own to report (then the main clause is the words)."""
    return (verb.pos_ == "VERB" and verb.dep_ == "advcl" and verb.lemma_.lower() in _AS_CUES
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
            and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
            and (verb.lemma_.lower() != "point" or any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children))
            and (verb.lemma_.lower() != "put" or any(c.lower_ == "it" for c in verb.children))
            and verb.head.pos_ in ("VERB", "AUX"))


@dataclass
class _Speakers:
    """Resolves speaker phrases walking the document in order, so that pronouns see the actors
    that came before them. Subjects and people are noted as they come (unknown ones under their
    own name); quoted and reported words are skipped, since what someone says happened does not
    make its actors the topic."""

    resolver: ActorResolver
    memory: DocMemory
    kb_acronyms: dict[str, str]
    plural: Speaker | None = None  # the last group that acted, for "they"
    acronyms: dict[str, str] = field(default_factory=dict)  # defined in this text: "BNP" -> its full name
    people: list[tuple[Resolution, bool]] = field(default_factory=list)  # people named so far (as a subject?)

    def resolve(self, doc: Doc, jobs: list[_Job], inside: dict[int, int]) -> dict[int, Speaker]:
        self.acronyms = {m[2]: m[1] for m in _ACRONYM.finditer(doc.text)}
        wanted = {j.speaker.i for j in jobs if j.speaker is not None}
        reported = {t.i for j in jobs if j.kind != "direct"
                    for t in doc.char_span(j.start, j.end, alignment_mode="expand") or ()}
        out: dict[int, Speaker] = {}
        for t in doc:
            if t.i in wanted:
                if (found := self.speaker(t)) is not None:
                    out[t.i] = self._note_group(t, found)
            elif t.i in inside or t.i in reported:
                continue
            elif t.ent_type_ == "PERSON" and t.ent_iob_ == "B":
                root = entity_span(t).root  # type: ignore[union-attr]
                subject = any(a.dep_ in _SUBJ for a in [root, *root.ancestors][:3])
                if root.i not in wanted and (name := _person_name(root)) is not None:
                    self._person(name, root, None, note=subject)  # a person merely mentioned is not "he"
            elif t.dep_ == "ROOT" and t.is_title and t.pos_ not in ("PROPN", "NOUN"):
                if (res := self.resolver.resolve_one(t, self.memory)) is not None:
                    self.memory.note(res, subject=True)  # a subject the parser took for the verb
            elif (t.dep_ in _SUBJ or t.head.dep_ == "agent") and (
                    t.pos_ in ("PROPN", "NOUN") or t.lower_ in _PARTITIVES) and (found := self.speaker(t)):
                self._note_group(t, found)
        return out

    def _quiet(self, tok: Token) -> Resolution | None:
        """Resolve TOK without making it the actor that pronouns refer to."""
        saved = (self.memory.last_person, self.memory.last_group, self.memory.last_thing)
        res = self.resolver.resolve_one(tok, self.memory)
        self.memory.last_person, self.memory.last_group, self.memory.last_thing = saved
        return res

    def _note_group(self, head: Token, found: Speaker) -> Speaker:
        """Remember a plural subject ("the mediators", "X and Y") as the one "they" refers to."""
        heads = (head, *(a for a in head.children if a.dep_ == "appos"))
        others = [c for h in heads for c in h.conjuncts if c.i > h.i]
        if head.dep_ in _SUBJ and (head.tag_ in ("NNS", "NNPS") or others or head.lower_ in _PARTITIVES):
            names = [_entity_text(c) for c in others if c.ent_type_ == "PERSON"]
            self.plural = (" and ".join([found[0], *names]), found[1]) if names else found
        return found

    def speaker(self, head: Token) -> Speaker | None:
        """The name (and coded actor) of the speaker phrase headed by HEAD, noted in memory."""
        low, lemma, memory = head.lower_, head.lemma_.lower(), self.memory
        if low in _DOCS or lemma in _DOCS:  # "the ministry put out a statement saying"
            owner = _owner(head) or (_subject(head.head) if head.dep_ == "dobj" else None)
            return self.speaker(owner) if owner is not None else None
        if low in _PARTITIVES and (obj := _pobj(head, "of")) is not None:
            return self.speaker(obj)  # "some of the analysts"
        if head.pos_ == "PRON" or low in ("he", "she", "they", "it"):
            if low in ("they", "them") and self.plural is not None:
                return self.plural
            first_person = low in ("i", "we", "you", "me", "us")  # the quoted speaker, found by follow-up
            res = None if first_person else self.resolver.resolve_one(head, memory)
            return (self._name(res), res.to_actor()) if res is not None else None
        if _is_anaphoric(head):  # "the group said", "the author notes"
            prev = memory.last_person if lemma in _PEOPLE else memory.last_thing
            if prev is not None and (lemma in _PEOPLE or prev.entry.kind in ("org", "group")):
                memory.note(prev)
                return self._name(prev), prev.to_actor()
        if (described := self._described_person(head)) is not None:
            memory.note(described)
            return described.entry.canonical, described.to_actor()
        if (office := self._leaders_office(head)) is not None:
            return office
        name = _person_name(head)
        res = self.resolver.resolve_one(head, memory)
        if res is not None and res.reason.kind is ReasonKind.PERSON:
            res = None  # a guess about an unknown name: quotes name people as the text does
        if res is not None and res.reason.last_basis is Basis.FOCUS and head.dep_ == "compound" and (
                marked := next((code for c in head.head.lefts if c.dep_ == "amod" and c.i < head.i
                                and (code := self.resolver.kb.adjective(c.text))), None)):
            # "an Iraqi ministry statement": the adjective marks the author, not the story's country
            res = Resolution(replace(res.entry, country=marked), res.name, res.reason, res.is_person, res.confidence)
        if res is not None and res.entry.kind in ("seat", "country") and name is not None and len(name) == 1:
            memory.note(res)  # "Doha said": a capital the tagger took for a person speaks for its government
            return self._name(res), res.to_actor()
        return self._person(name, head, res, note=True) if name is not None else self._body(head, res)

    def _described_person(self, head: Token) -> Resolution | None:
        """"The Russian ambassador said", "the EU chief added": a definite description of one person's post
        points back to the last person named in the text whose country does not contradict it."""
        if not _is_post_description(head) or not self.people:
            return None
        post = self._quiet(head)
        country = post.entry.country if post is not None else None
        recent = self.people[-3:]
        for person, _ in [*reversed([p for p in recent if p[1]]), *reversed(recent)]:
            # the topic (a subject) first; a country guessed from the story's focus says nothing about the person
            known = person.entry.country if person.reason.last_basis is not Basis.FOCUS else None
            if country is None or known in (None, country):
                return person
        return None

    def _leaders_office(self, head: Token) -> Speaker | None:
        """"President Ferdinand Marcos' office", "the Israeli prime minister's office": the Office of the
        President of the Philippines, named by the title and the state (of the person, else of an adjective)."""
        if head.lemma_.lower() != "office":
            return None
        owner = next((c for c in head.lefts if c.dep_ in ("poss", "nmod") and c.pos_ in ("PROPN", "NOUN")), None)
        if owner is None:
            return None
        words = [t for t in owner.subtree if t.i < head.i]
        title = next((t for t in _LEADER_TITLES if t in " ".join(w.lower_ for w in words)), None)
        if title is None:
            return None
        person = self._quiet(owner)
        code = person.entry.country if person is not None else None
        if code is None:  # "Ferdinand Marcos" for the knowledge base's "Ferdinand Marcos Jr.": by family name
            holders = {e.country for e in self.resolver.kb.surnames.get(norm(owner.text), []) if e.country}
            code = holders.pop() if len(holders) == 1 else None
        code = code or next((c for w in words if (c := self.resolver.kb.adjective(w.text))), None)
        info = self.resolver.kb.countries.get(code or "")
        if info is None:
            return None
        name = f"Office of the {title.title()} of {info.name}"
        entry = Entry(name, code, "GOV", "org")
        reason = Reason(ReasonKind.LEADERS_OFFICE)
        self.memory.note(Resolution(entry, _phrase_text(head), reason, False), subject=head.dep_ in _SUBJ)
        return name, Actor(name=_phrase_text(head), canonical=name, country=code, sector="GOV", reason=str(reason))

    def _name(self, res: Resolution) -> str:
        """A readable name: "Belarusian analysts" rather than the key-like "Belarus (analysts)", and
        an organisation with the acronym it goes by ("International Monetary Fund (IMF)")."""
        canonical = res.entry.canonical
        m = re.fullmatch(r"(.+) \((.+)\)", canonical)
        info = self.resolver.kb.countries.get(res.entry.country or "")
        if m and info is not None and info.adjectives and m.group(1) == info.name:  # not "Agency (Lebanon)"
            return f"{info.adjectives[0]} {m.group(2)}"
        return f"{canonical} ({self.kb_acronyms[canonical]})" if canonical in self.kb_acronyms else canonical

    def _body(self, head: Token, res: Resolution | None) -> Speaker:
        """A speaker that is not a named person: a body, a group or an unnamed official."""
        if (res is None or not res.entry.country) and head.dep_ == "compound" and head.head.lower_ in _DOCS:
            # "according to an Iraqi ministry statement": the document's adjective places its author
            code = next((c for a in head.head.children if a.dep_ == "amod"
                         and (c := self.resolver.kb.adjective(a.text))), None)
            if code is not None:
                res = self.resolver.role_of(code, head.lemma_.lower(), "GOV",
                                            Reason(ReasonKind.ROLE, head.lemma_.lower(), Basis.ADJECTIVE))
        why = res.reason.kind if res is not None else None
        part = why is ReasonKind.SUB_PHRASE and (head.ent_type_ == "ORG" or head.pos_ == "NOUN")
        alias = why is ReasonKind.SURNAME and res is not None and norm(res.entry.canonical).split()[-1] != head.lower_
        if part or alias:  # "a Ruritanian source" is not Ruritania; a lone word matched someone else's alias
            res = None
        spokesman = why is ReasonKind.MEMBER_OF and head.lemma_.lower() in _PEOPLE  # "a State Department official"
        if res is not None and not spokesman and (res.reason.is_named or res.entry.kind == "org" and res.entry.source):
            # a knowledge-base body, also one a description names ("the Israeli army": Israel Defense Forces)
            return self._name(res), res.to_actor()
        name = described = _joined([t for t in phrase_tokens(head) if t.dep_ != "det"])
        kind = "org" if head.tag_ in ("NN", "NNP") else "group"
        if head.lemma_.lower() in _PEOPLE and head.tag_ == "NN":
            kind = "person"  # "a Ruritanian government official" is one person, named as described
            preps = [c for c in head.rights if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "from")]
            prep = preps[0] if preps else None
            body = self._quiet(obj) if (obj := _pobj(prep)) is not None else None
            if prep is not None and body is not None and body.entry.country:  # "a spokesman for the ministry"
                name = described = f"{described} {''.join(t.text_with_ws for t in prep.subtree).strip()}"
                res = res if res is not None and res.entry.country else body
        elif head.pos_ == "PROPN":
            name = described = self.acronyms.get(head.text) or _entity_text(head)
        info = self.resolver.kb.countries.get(res.entry.country or "") if res is not None else None
        if res is not None and kind == "org" and info is not None and res.entry.country not in _NO_STATE and (
                head.pos_ != "PROPN" or res.entry.sector in _STATE_BODIES and (
                    _names_its_state(head, self.resolver) or head.lower_ in _MINISTRIES
                    and any(self.resolver.kb.adjective(t.text) for t in head.lefts))):
            # "Algeria's Ministry of Foreign Affairs", "the trade ministry": one form for a state's body,
            # its own words then its state, "Ministry of Foreign Affairs of Algeria"
            owned = {t.i for c in head.children if c.dep_ == "poss" or c.dep_ in ("compound", "nmod")
                     and any(g.dep_ == "case" for g in c.children) for t in c.subtree}
            ent = entity_span(head) if head.pos_ == "PROPN" else None
            words = [t.text for t in (ent if ent is not None else phrase_tokens(head)) if t.dep_ != "det"
                     and t.i not in owned and not self.resolver.kb.adjective(t.text)
                     and t.ent_type_ not in ("GPE", "NORP")]
            while len(words) > 1 and words[-1].lower() in ("and", "of", "for", "&"):
                words.pop()  # a name cut at a coordination: "Ministry of Foreign Affairs and [...]"
            own = re.sub(r"\s*-\s*", "-", " ".join(words))  # "state-run" stays one word
            own = own if ent is not None else own.title()  # "the trade ministry"
            if own.lower() in _GOVERNMENT_WORDS:  # "the Malian side", "the Thai authorities"
                own = "Government"
            name = f"{own} of {info.name}"
        elif res is not None and kind == "group":
            name = self._name(res)
        entry = Entry(name, res.entry.country if res else None, res.entry.sector if res else None, kind)
        if res is not None or head.pos_ == "PROPN" or kind == "person":
            # remember it as an actor of its kind, so that "it", "he" and "the group" find it
            reason = res.reason if res else Reason(ReasonKind(f"quote-{kind}"))
            subject = head.dep_ in _SUBJ
            self.memory.note(Resolution(entry, described, reason, kind == "person"), subject=subject)
        return name, Actor(name=_phrase_text(head), canonical=name, country=entry.country,
                           sector=entry.sector, reason=str(res.reason) if res else None)

    def _person(self, name: list[Token], head: Token, res: Resolution | None, note: bool) -> Speaker:
        written = _entity_text(name[-1]) if name[-1].ent_type_ == "PERSON" else " ".join(t.text for t in name)
        key = norm(written)
        role = res if res is not None and res.entry.kind == "role" else None  # "the Ruritanian analyst X"
        if res is None or res.entry.kind != "person":
            known = self.memory.learned.get(key) or self.memory.learned.get(key.split()[-1])
            if known is None:
                known = self.resolver.resolve_one(name[-1], self.memory) if note else self._quiet(name[-1])
            res = known
        same = res is not None and (norm(res.entry.canonical).split()[-1:] == key.split()[-1:] or (
            res.reason.kind is ReasonKind.LEARNED and key in norm(res.entry.canonical).split()))
        if res is not None and res.entry.kind == "person" and same:
            person = res
        else:  # not in the knowledge base: the name as written, with what the phrase says of them
            role = role or (res if res is not None and res.entry.kind == "role" else None)
            appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
            for t in [appos, *appos.subtree] if role is None and appos is not None else []:
                found = self._quiet(t) if t.pos_ in ("NOUN", "PROPN") else None
                role = found if found is not None and found.entry.country else role
            country, sector = (role.entry.country, role.entry.sector) if role else (None, None)
            person = Resolution(Entry(written, country, sector, "person"), _phrase_text(head),
                                role.reason if role else Reason(ReasonKind.QUOTE_NAME), True)
            self.memory.learned.setdefault(key, person)
            self.memory.learned.setdefault(key.split()[-1], person)
            if len(written.split()) >= 2 and "-" in written.split()[-1]:
                # "Tai Tzu-ying", "Kim Hong-kyun": a hyphenated given name follows the family name
                self.memory.learned.setdefault(key.split()[0], person)
        if note:
            self.memory.note(person)
        if written[:1].isupper() and not any(self.resolver.kb.country_code(w) for w in written.split()):
            # a name, not a fragment the tagger took for one ("von der", "Moldovan"): what "the envoy" points to
            self.people = [*(p for p in self.people if p[0].entry.canonical != person.entry.canonical), (person, note)]
        return person.entry.canonical, person.to_actor()


_STATE_BODIES = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
_LEADER_TITLES = ("prime minister", "president", "chancellor", "king", "emir", "premier", "supreme leader")
_NO_STATE = {"IGO", "NGO", "MNC", "WST"}  # no "Government of IGO"
# A ministry is named by its state even when an adjective marks it ("the Japanese Foreign Ministry" is the
# Foreign Ministry of Japan), unlike bodies whose adjective is part of a proper name ("Philippine Coast Guard")
_MINISTRIES = {"ministry", "ministries"}
_GOVERNMENT_WORDS = {"side", "authorities", "authority", "government", "regime", "administration", "leadership",
                     "state", "cabinet"}


def _names_its_state(head: Token, resolver: ActorResolver) -> bool:
    """Whether a body's name carries its state as a possessive ("Mali's Ministry of Defence"); an adjective
    is part of a proper name ("the Philippine Coast Guard") and stays."""
    return any((c.dep_ == "poss" or c.dep_ in ("compound", "nmod") and any(g.dep_ == "case" for g in c.children))
               and (c.ent_type_ == "GPE" or resolver.kb.lookup(c.text) is not None)
               for c in head.lefts)  # ("Chad's Ministry" may be parsed as a compound with its "'s")


_RELAYING = {"quote", "cite"}  # verbs by which one party relays another's words


def _subject(verb: Token) -> Token | None:
    """Who performs VERB: its subject, the agent of a passive, or the subject it shares."""
    v = verb
    for _ in range(5):
        relayed = v.lemma_ in _RELAYING
        obj = next((c for c in v.children if c.dep_ in ("dobj", "nsubjpass")), None) if relayed else None
        named = next((c for c in obj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None) if obj else None
        obj = named or obj  # "quoted the district mayor, Jane Doe, as saying"
        if obj is not None and (obj.pos_ == "PROPN" or obj.lemma_.lower() in _PEOPLE):
            # "the agency cited Jane Doe as saying", "Jane Doe was quoted by the agency as saying": Doe speaks
            return obj
        # a bad parse may give two subjects ("figures, for example, Jane Doe, reject"): the named one
        subjects = sorted((c for c in v.children if c.dep_ == "nsubj"), key=lambda c: c.pos_ != "PROPN")
        if subjects:
            relative = subjects[0].tag_ in ("WP", "WDT") or subjects[0].lower_ == "that"
            return (v.head if v.dep_ == "relcl" else None) if relative else subjects[0]
        if (agent := next((c for c in v.children if c.dep_ == "agent"), None)) is not None:
            return _pobj(agent)
        if v.dep_ in ("xcomp", "advcl", "conj") and v.head.i != v.i:
            v = v.head
        elif v.dep_ in ("acl", "relcl") and (v.head.pos_ == "PROPN" or v.head.lower_ in _NOUNS | _DOCS):
            return v.head  # "a statement saying ...", "Jane Doe, speaking to reporters, ..."
        else:
            break
    return None


def _cue_subject(verb: Token) -> Token | None:
    """The speaker of a speech verb; a verb that only a text performs ("the statement reads") needs a text."""
    who = _subject(verb)
    if verb.lemma_.lower() in _TEXT_VERBS and (who is None or who.lemma_.lower() not in _DOCS):
        return None
    return who


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in (*_SUBJ, "expl", "csubj") for c in verb.children)


def _pobj(prep: Token | None, word: str | None = None) -> Token | None:
    """The object of PREP, or of PREP's child preposition WORD ("some of X" -> X)."""
    if prep is not None and word is not None:
        prep = next((c for c in prep.children if c.dep_ == "prep" and c.lower_ == word), None)
    return next((o for o in prep.children if o.dep_ == "pobj"), None) if prep is not None else None


_AUTHORS = {"ministry", "government", "office", "spokesman", "spokesperson", "spokeswoman", "embassy", "army",
            "military", "police", "presidency", "department", "agency", "court", "parliament", "cabinet", "party"}


def _owner(noun: Token) -> Token | None:
    """The author of a statement-like noun: "his assurances", "a statement by/from X"."""
    if (poss := next((c for c in noun.children if c.dep_ == "poss"), None)) is not None:
        return poss
    if noun.lower_ in _DOCS and (author := next((c for c in noun.children if c.dep_ == "compound" and c.i == noun.i - 1
                                                and (c.pos_ == "PROPN" or c.lower_ in _AUTHORS)), None)) is not None:
        return author  # "a Treasury Department statement", "an Iraqi ministry statement"
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")]  # in text order
    for obj in (_pobj(prep) for prep in preps):  # the nearest: "a statement of the spokesman from the ministry"
        if obj is not None and (obj.pos_ in ("PROPN", "PRON") or obj.ent_type_ or obj.lower_ in _AUTHORS):
            return obj
    return None


def _is_source_prep(prep: Token) -> bool:
    if prep.lower_ == "according":
        return any(c.lower_ == "to" for c in prep.children)
    return prep.lower_ == "in" and any(o.lower_ == "words" and o.dep_ == "pobj" for o in prep.children)


def _source_phrase(node: Token) -> Cue | None:
    """'according to X' or 'in the words of X' attached to NODE -> (cue, X)."""
    for prep in (c for c in node.children if c.dep_ == "prep" and _is_source_prep(c)):
        if prep.lower_ == "in":
            target = _pobj(_pobj(prep), "of")
            return ("in the words of", target) if target is not None else None
        target = _pobj(prep, "to")
        if target is not None and target.lower_ not in ("which", "whom", "what") \
                and target.lemma_.lower() not in _NOT_SOURCES:
            return "according to", target
    return None


# "according to law", "according to the plan": a norm or a schedule that nobody speaks
_NOT_SOURCES = {"law", "constitution", "rule", "regulation", "plan", "schedule", "procedure", "protocol", "custom",
                "tradition", "principle", "standard", "norm", "timetable", "script", "design", "order"}


def _is_anaphoric(head: Token) -> bool:
    """'the group', 'the author', 'the statement', a pronoun: pointing back to an earlier actor."""
    if head.pos_ == "PRON":
        return True
    lemma = head.lemma_.lower()
    if head.tag_ not in ("NN", "NNP") or not head.is_lower or lemma not in _PEOPLE | _BODIES | _DOCS:
        return False
    return all(c.dep_ == "punct" or (c.dep_ == "det" and c.lower_ == "the") for c in head.children)


_ANONYMOUS = {"source", "witness", "expert", "analyst", "researcher", "scholar", "official", "officer"}


def _is_post_description(head: Token) -> bool:
    """'the Russian ambassador', 'the EU chief', 'the bloc's envoy to Georgia', 'the 64-year-old': one person's
    post or age named definitely, without a name of its own (unlike 'a senior official', 'the ambassador, Jane Doe')."""
    age = head.lower_ == "old" and any(c.lemma_ == "year" for c in head.children)
    if not age and (head.tag_ != "NN" or not head.is_lower or head.lemma_.lower() not in _PEOPLE - _ANONYMOUS):
        return False
    definite = False
    for c in head.children:
        if age and c.lemma_ == "year" or c.dep_ == "nummod" and c.head.lemma_ == "year":
            continue
        if c.dep_ == "det":
            definite = c.lower_ == "the"
        elif c.dep_ == "poss":
            definite = c.pos_ == "PROPN" and c.ent_type_ != "PERSON"
        elif c.dep_ in ("amod", "compound"):
            if c.ent_type_ == "PERSON" or c.like_num:
                return False
        elif c.dep_ == "prep":
            if c.lower_ != "to":
                return False
        elif c.dep_ != "punct":
            return False
    return definite


def _person_name(head: Token) -> list[Token] | None:
    """The person a speaker phrase names: the head itself or a name in apposition to a role."""
    cands = [head, *(c for c in head.children if c.dep_ == "appos")]
    cands += [t for t in head.subtree if t.ent_iob_ == "B" and t.i > head.i and t.nbor(-1).text == ","]
    for c in (c for c in cands if c.ent_type_ == "PERSON"):
        return [t for t in phrase_tokens(c) if t.ent_type_ == "PERSON"] or [c]
    return None


def _entity_text(tok: Token) -> str:
    ent = entity_span(tok)
    toks = list(ent) if ent is not None else [tok]
    while toks and (toks[0].lower_ == "the" or toks[-1].tag_ == "POS"):
        toks = toks[1:] if toks[0].lower_ == "the" else toks[:-1]
    return "".join(t.text_with_ws for t in toks).strip() or tok.text


def _phrase_text(head: Token) -> str:
    return _joined(phrase_tokens(head))


def _joined(toks: list[Token]) -> str:
    """The words of TOKS as written; a gap where the list skips a token ("Marcos' office" without the
    apostrophe the parser hung elsewhere) becomes a space, not a run-together word."""
    out = ""
    for t, nxt in zip(toks, [*toks[1:], None], strict=True):
        out += t.text_with_ws if nxt is None or nxt.i == t.i + 1 or t.whitespace_ else t.text + " "
    return out.strip()


def acronyms(kb: KnowledgeBase) -> dict[str, str]:
    """Canonical organisation name -> the acronym among its aliases ("IMF"), for display."""
    out: dict[str, str] = {}
    for key, entry in kb.names.items():
        words = norm(entry.canonical).split()
        initials = {"".join(w[0] for w in words), "".join(w[0] for w in words if w not in _MINOR)}
        if entry.kind == "org" and len(words) > 2 and key in initials:
            out[entry.canonical] = key.upper()
    return out
