"""Dependency-parse helpers for clause-level extractors (events, casualties).

Small, pure functions over spaCy tokens with the ClearNLP/OntoNotes labels the
English pipelines produce (nsubj, nsubjpass, dobj, dative, agent, xcomp, ccomp,
advcl, relcl, acl, conj, prep/pobj, prt, neg, aux, auxpass …).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
ACTIVE_SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "obj"})
COMPLEMENTS = frozenset({"xcomp", "ccomp"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom", "whose"})
WH_WORDS = frozenset({"what", "why", "how", "who", "when", "where", "which", "whether", "if"})
#: verbs whose object is the understood subject of their infinitive ("told Putin to halt")
OBJECT_CONTROL = frozenset({
    "tell", "ask", "order", "urge", "force", "persuade", "allow", "permit", "invite",
    "encourage", "instruct", "direct", "command", "call", "press", "compel", "enable",
    "authorize", "authorise", "advise", "warn", "require", "help", "get", "lead", "push",
})
#: modifiers that name who or what a noun belongs to ("Russian strikes", "U.S. sanctions")
NOUN_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})


#: lemmas the English rule lemmatizer cuts wrongly from a form of a verb the events
#: lexicon or PETRARCH2's dictionary reads, by form: it strips "-ed"/"-ing" and keeps the
#: shorter word its list knows ("staged" → stag, "fined" → fin, "raped" → rap), or strips
#: a doubled consonant's "-ed" to an unknown stem ("readmitted" → readmitte)
MISCUT_LEMMAS = {
    "stag": {"staged": "stage", "staging": "stage"},
    "wag": {"waged": "wage", "waging": "wage"},
    "fin": {"fined": "fine", "fining": "fine"},
    "rap": {"raped": "rape", "raping": "rape"},
    "lambast": {"lambasted": "lambaste", "lambasting": "lambaste"},
    "cordone": {"cordoned": "cordon"},
    "unbanne": {"unbanned": "unban"},
    "readmitte": {"readmitted": "readmit"},
    "readie": {"readied": "ready"},
    "extoll": {"extolled": "extol", "extolling": "extol"},
}


def _put_right(lem: str, form: str) -> str:
    """``lem``, or the lemma :data:`MISCUT_LEMMAS` gives the lower-cased ``form``."""
    fixes = MISCUT_LEMMAS.get(lem)
    return lem if fixes is None else fixes.get(form, lem)


def lemma(tok: Token) -> str:
    """Lower-cased lemma (a lemma of :data:`MISCUT_LEMMAS` put right)."""
    return _put_right(tok.lemma_.lower(), tok.lower_)


@dataclass(frozen=True)
class DocWords:
    """Lower-cased lemma and form of every token, read once per Doc (creating spaCy
    Token objects is what costs; extractors scan these lists and touch only hits)."""

    lemmas: list[str]
    lowers: list[str]

    @classmethod
    def of(cls, doc: Doc) -> DocWords:
        strings = doc.vocab.strings
        arr = doc.to_array([LEMMA, LOWER])
        lowers = [strings[int(h)] for h in arr[:, 1]]
        lemmas = [_put_right(strings[int(h)].lower(), form)
                  for h, form in zip(arr[:, 0], lowers, strict=True)]
        return cls(lemmas, lowers)

    def hits(self, start: int, end: int, words: frozenset[str] | set[str]) -> list[int]:
        """Indices in [start, end) whose lemma or form is one of ``words``."""
        lem, low = self.lemmas, self.lowers
        return [i for i in range(start, end) if lem[i] in words or low[i] in words]


def children(tok: Token, deps: frozenset[str] | set[str] | str) -> list[Token]:
    """Children of ``tok`` with one of the dependency labels ``deps``."""
    if isinstance(deps, str):
        return [c for c in tok.children if c.dep_ == deps]
    return [c for c in tok.children if c.dep_ in deps]


def first_child(tok: Token, deps: frozenset[str] | set[str] | str) -> Token | None:
    found = children(tok, deps)
    return found[0] if found else None


def is_passive(tok: Token) -> bool:
    """A passive clause ("was pounded", "has been put") or a passive participle
    ("proposal put forward by")."""
    if any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in tok.children):
        return True
    return tok.tag_ == "VBN" and tok.dep_ in {"acl", "amod"}


def with_conjuncts(tok: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Trump and Vance")."""
    return [tok, *tok.conjuncts] if tok.conjuncts else [tok]


def pobjs(prep: Token) -> list[Token]:
    """Objects of a preposition (a nested "from ... to" is not followed)."""
    return [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]


def prep_objects(tok: Token, preps: frozenset[str] | set[str] | None = None) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs attached to ``tok`` (agent "by" and dative "to" included)."""
    for c in tok.children:
        if c.dep_ in {"prep", "agent", "dative"} and c.pos_ in {"ADP", "SCONJ", "ADV"}:
            word = c.lower_
            if preps is None or word in preps:
                for o in pobjs(c):
                    yield word, o


def clause_subject(tok: Token, _depth: int = 0) -> Token | None:
    """Head of the subject of ``tok``'s clause, following control, raising,
    coordination and relative clauses when the verb has no subject of its own."""
    own = first_child(tok, SUBJECTS)
    if own is not None:
        if own.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
            return tok.head
        return own
    if _depth > 6 or tok.head == tok:
        return None
    head, dep = tok.head, tok.dep_
    if dep == "advcl" and tok.tag_ == "VBG" and first_child(head, PASSIVE_SUBJECTS) is not None:
        # "a camp … was attacked by militiamen, killing 156": the attacker kills
        agent = next((o for p in head.children if p.dep_ == "agent" for o in p.children
                      if o.dep_ == "pobj"), None)
        return agent
    if dep == "xcomp" or (dep == "advcl" and _is_purpose(tok)):
        # object control: "told Putin to halt" → Putin halts
        if lemma(head) in OBJECT_CONTROL:
            obj = first_child(head, OBJECTS)
            if obj is not None:
                return obj
        if head.pos_ == "ADJ" and head.dep_ in {"acomp", "amod", "oprd"}:
            return clause_subject(head.head, _depth + 1)
        return clause_subject(head, _depth + 1)
    if dep == "conj" and head.pos_ in {"VERB", "AUX"}:
        return clause_subject(head, _depth + 1)
    if dep == "relcl":
        return head
    if dep in {"acl"} and tok.tag_ == "VBG":
        return head
    if dep == "acomp":
        return clause_subject(head, _depth + 1)
    if dep == "pcomp" and head.head != head:
        # "accused Zelenskyy of prolonging": the accused prolongs
        gov = head.head
        obj = first_child(gov, OBJECTS)
        if head.lower_ in {"of", "for"} and obj is not None:
            return obj
        return clause_subject(gov, _depth + 1)
    if dep == "advcl" and tok.tag_ == "VBG":
        return clause_subject(head, _depth + 1)
    return None


def subjectless_infinitive(tok: Token) -> bool:
    """A to-infinitive with no subject of its own ("a strike to protest …", "an offer to
    host …")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
        and not any(c.dep_ in SUBJECTS for c in tok.children)


def _is_purpose(tok: Token) -> bool:
    """An infinitive adverbial clause ("travel … to meet Bessent")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and not any(
        c.dep_ == "mark" for c in tok.children)


def marks(tok: Token) -> set[str]:
    """Subordinators of ``tok``'s clause ("if", "whether", "after") in lower case."""
    return {c.lower_ for c in tok.children if c.dep_ == "mark"}


def np_tokens(tok: Token) -> list[Token]:
    """The head of a noun phrase with its name-bearing modifiers (compounds, adjectives,
    possessives, appositions), not its clauses or prepositional phrases."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in {"compound", "amod", "poss", "nmod", "appos", "flat"}:
            out.extend(np_tokens(c))
    return out


def verb_chain(tok: Token) -> list[Token]:
    """Auxiliaries, negations and particles of a verb, in text order."""
    return sorted((c for c in tok.children if c.dep_ in {"aux", "auxpass", "neg", "prt"}),
                  key=lambda c: c.i)


def governor(tok: Token) -> Token | None:
    """The head of ``tok`` or None at the root."""
    return None if tok.head == tok else tok.head


def ancestors_until_clause(tok: Token) -> Iterator[Token]:
    """Heads of ``tok`` up to (and including) the first verb or the root."""
    cur = tok
    while cur.head != cur:
        cur = cur.head
        yield cur
        if cur.pos_ in {"VERB", "AUX"}:
            return


PERSONAL_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "him", "her", "them", "us",
                               "i", "me", "his", "its", "their", "our"})


def reported_speaker(pron: Token, speech_verbs: frozenset[str]) -> Token | None:
    """The speaker a subject pronoun of reported speech stands for: in "Syria says it
    is willing …" or "the rebels said they would …" the pronoun is the speaker.

    Only the subject of a clause that is the complement of a speech verb whose own
    subject is a noun phrase (not a pronoun) is resolved; anything else is left to
    coreference.
    """
    if pron.lower_ not in PERSONAL_PRONOUNS or pron.dep_ not in SUBJECTS:
        return None
    clause = pron.head
    # climb from the pronoun's clause to the complement clause of the speech verb
    for _ in range(4):
        if clause.dep_ in {"ccomp", "xcomp", "conj", "advcl"} and clause.head != clause:
            verb = clause.head
            if clause.dep_ == "ccomp" and lemma(verb) in speech_verbs:
                subj = first_child(verb, ACTIVE_SUBJECTS)
                if subj is not None and subj.pos_ != "PRON":
                    return subj
                return None
            clause = verb
        else:
            return None
    return None
