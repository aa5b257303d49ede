"""Attribution cues in the dependency parse, with their source and content.

A :class:`CueMatch` is one act of reporting found in a sentence: the cue words
("said", "accused", "according to", "his claim"), the source phrase (the
cue's subject, a passive's agent, the object of "according to", the possessor
of a noun cue) and the content (the reported clause, object or
to-infinitive, as the cue's lexicon patterns allow). Pure functions over a
parsed spaCy Doc; nothing here knows about quotation marks except the mask of
quoted characters, inside which cues are not looked for (they belong to the
quoted speaker's words).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from spacy.attrs import IDX, LEMMA, LOWER, ORTH, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token

from ..text.doc_cache import doc_text
from .features import (
    ADJECTIVE_PATTERNS,
    GENERIC_PATTERNS,
    content_features,
    cue_features,
    pattern_features,
    subject_class,
    subject_features,
    subject_kind,
    verb_features,
)
from .lexicon import CueLexicon, cue_lexicon
from .model import CueModel
from .scope import ContentScope

_SUBJECTS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
#: Dependents that end a source phrase ("Sanders, who …, said").
_SOURCE_STOP = frozenset({"relcl", "acl", "advcl", "parataxis", "ccomp", "xcomp"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_WH = frozenset({"what", "who", "whom", "whose", "which", "why", "how", "when", "where",
                 "whether", "if"})
#: Relations by which a cue hangs off the clause it reports ("…, he said").
_INVERTED = frozenset({"parataxis", "ccomp", "advcl", "conj"})
_PROFORMS = frozenset({"so", "yes", "no"})
_DATELINE_DASHES = frozenset({"—", "--", "–"})
_EDGE_PUNCT = frozenset(",;:-–—…()[]")
_OPEN_QUOTES = frozenset("“‘«„\"'")
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
#: Punctuation that sets off a parenthetical cue ("The museum, Mr. Bush said, celebrated …").
_ASIDE = frozenset({",", "—", "–", "--"})
#: What a token of each part of speech may be to :func:`find_cues`: never a cue (function
#: words, numbers, punctuation, space), only the first word of a source phrase (adverbs,
#: interjections …), a verb cue (verbs, auxiliaries, adjectives), a noun cue, a name.
_NEVER, _PHRASE, _VERB, _NOUN, _NAME = range(5)
#: Per part-of-speech id of spaCy's arrays (the last entry for any other id), its kind.
_POS_KIND = np.full(max(POS_IDS.values()) + 2, _PHRASE, dtype=np.uint8)
_POS_KIND[[POS_IDS[p] for p in ("PUNCT", "DET", "ADP", "PRON", "SPACE", "NUM", "CCONJ",
                                "PART")]] = _NEVER
_POS_KIND[[POS_IDS[p] for p in ("VERB", "AUX", "ADJ")]] = _VERB
_POS_KIND[POS_IDS["NOUN"]] = _NOUN
_POS_KIND[POS_IDS["PROPN"]] = _NAME
#: Whether a character offset lies inside a quotation (marks included).
Quoted = Callable[[int], bool]


@dataclass(frozen=True)
class CueMatch:
    """One reporting act: cue, source and content (character offsets, end exclusive)."""

    cue: tuple[int, int]
    cue_token: int
    content: tuple[int, int]
    pattern: str
    source: tuple[int, int] | None = None
    source_token: int | None = None  # head token of the source phrase
    lifted: bool = False  # coordinated with a cue although parsed inside its content


# ---------------------------------------------------------------- spans


def _chars(first: Token, last: Token) -> tuple[int, int]:
    return first.idx, last.idx + len(last.text)


def _trimmed(tokens: Sequence[Token]) -> list[Token]:
    """Tokens without edge space, conjunctions and punctuation; quotation marks are
    kept (the quotation's own span is found from the marks, not from these tokens)."""
    toks = [t for t in tokens if not t.is_space]
    while toks and (toks[0].dep_ == "cc" or toks[0].text in _EDGE_PUNCT or toks[0].text in ".!?"):
        toks.pop(0)
    while toks and (toks[-1].dep_ == "cc" or toks[-1].text in _EDGE_PUNCT
                    or (toks[-1].text in ".!?" and len(toks) > 1)):
        toks.pop()
    return toks


def _span_of(tokens: Sequence[Token]) -> tuple[int, int] | None:
    toks = _trimmed(sorted(tokens, key=lambda t: t.i))
    if not toks:
        return None
    return _chars(toks[0], toks[-1])


def _subtree_except(head: Token, skip: set[int]) -> list[Token]:
    return [t for t in head.subtree if t.i not in skip]


def _subtree_ids(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


# ---------------------------------------------------------------- sources


def _np_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without relative clauses and other clausal tails."""
    right = head.i
    for c in head.rights:
        if c.dep_ in _SOURCE_STOP:
            break
        if c.dep_ not in ("punct", "case"):  # "Trump’s call": the name without "’s"
            right = max(right, c.right_edge.i)
    doc = head.doc
    toks = [doc[i] for i in range(head.left_edge.i, right + 1)]
    # "RENO, Nev. (AP) — Donald Trump says": the dateline is not part of the source, nor a
    # place before a comma ("In Cedar Rapids, Iowa, Rubio told")
    cut = max((k for k, t in enumerate(toks) if t.i < head.i
               and (t.text in _DATELINE_DASHES or (t.text == "," and t.head.i != head.i))),
              default=-1)
    return _trimmed(toks[cut + 1:])


def _subject(verb: Token) -> Token | None:
    """The verb's subject; of two subjects before it, the one right before the verb
    when a comma sets it off from the first ("These employees, Stumpf explained, were
    …" parsed with both as subjects of "explained")."""
    subj = None
    doc = verb.doc
    for c in verb.children:
        if c.dep_ not in _SUBJECTS:
            continue
        if subj is None or (c.i < verb.i and doc[c.left_edge.i - 1].text == "," and all(
                t.pos_ in ("ADV", "AUX", "PART") for t in doc[c.right_edge.i + 1:verb.i])):
            subj = c
        if c.i > verb.i:
            break
    return subj


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in _PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)


def _agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def lifted_from(verb: Token) -> Token | None:
    """The cue a subject-less verb is really coordinated with, when the parse hangs it
    inside that cue's reported clause ("said the row was bad and promised …"), else None."""
    head = verb.head
    if verb.dep_ != "conj" or head.dep_ != "ccomp" or _subject(verb) is not None:
        return None
    if any(c.dep_ in _SUBJECTS or c.dep_ in _PASSIVE_SUBJECTS for c in verb.children):
        return None
    outer = head.head
    return outer if outer.i != head.i and outer.pos_ in ("VERB", "AUX") else None


def _passive_reporter_subject(verb: Token) -> Token | None:
    """The subject of a passive verb of hearing or quoting that governs the participle
    ``verb`` (directly or through "as"), or None."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp", "oprd", "pcomp", "ccomp"):
        return None
    head = verb.head
    if verb.dep_ == "pcomp":
        if head.lower_ != "as" or head.head.i == head.i:
            return None
        head = head.head
    # the agent, if any, is who heard or quoted ("was quoted by the paper as saying")
    if head.lemma_.lower() not in cue_lexicon().passive_reporters or not _is_passive(head):
        return None
    return next((c for c in head.children if c.dep_ in _PASSIVE_SUBJECTS), None)


def _to_infinitive(verb: Token) -> bool:
    """The verb has the infinitive marker "to" ("to denounce")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _follows_its_content(verb: Token) -> bool:
    """The verb comes right after a quotation or comma, or after its reported clause."""
    if verb.tag_ == "VBG" or verb.dep_ in ("advcl", "conj", "xcomp", "acl", "relcl"):
        return False  # "…, adding that …": a participle or second verb takes the main subject
    prev = verb.doc[verb.i - 1] if verb.i else None
    if prev is not None and (prev.is_quote or prev.text == ","):
        return True
    return any(c.dep_ in ("ccomp", "parataxis") and c.i < verb.i for c in verb.children)


def _noun_before(verb: Token) -> Token | None:
    """The head of a noun phrase that ends right before ``verb`` (adverbs, auxiliaries and
    negation between them allowed), if nothing else claims it as an argument."""
    k = verb.i - 1
    while k >= 0 and verb.doc[k].pos_ in ("ADV", "AUX", "PART") and verb.doc[k].head.i == verb.i:
        k -= 1
    if k < 0:
        return None
    tok = verb.doc[k]
    if tok.pos_ not in ("NOUN", "PROPN", "PRON") or tok.dep_ in ("dobj", "attr"):
        return None
    while tok.dep_ in ("compound", "amod", "nmod", "poss", "nummod") and verb.i > tok.head.i > tok.i:
        tok = tok.head
    return tok


def _reporting_verb(verb: Token) -> Token | None:
    """The verb whose reported clause (ccomp, possibly nested) ``verb`` heads, or None."""
    tok = verb
    for _ in range(3):
        if tok.dep_ != "ccomp" or tok.head.pos_ not in ("VERB", "AUX") or tok.head.i > tok.i:
            break
        before = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i else None
        if before is not None and (before.is_punct or before.is_quote):
            break  # "“…,” Sanders said, suggesting …": the cue after its quotation
        tok = tok.head
    return tok if tok.i != verb.i else None


def source_head(verb: Token, depth: int = 0, quoted: Quoted | None = None) -> Token | None:
    """The head word of whoever performs the reporting verb, or None (``quoted``: whether
    a character offset lies inside a quotation)."""
    if _is_passive(verb):
        # "was first reported by MSNBC"; "it is feared …", "was asked …": no source
        return _agent(verb)
    subj = _subject(verb)
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"), None)
    if subj is not None and mark is not None and subj.i < mark.i:
        # "Hawaii, as one of the advisers pointed out, …": the subject after "as"
        subj = next((c for c in verb.children if c.dep_ in _SUBJECTS and c.i > mark.i), subj)
    if subj is not None and quoted is not None and quoted(subj.idx):
        # "“… Full panic mode,” said Leslie Wimes": a subject inside the quotation is the
        # quoted words, not the speaker
        subj = None
    if subj is not None:
        # "Sanders, who said …": the relative pronoun stands for the noun
        if subj.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return verb.head
        return subj
    if _follows_its_content(verb):
        # "“…?” asked the senator", "…, said Trump": the speaker comes after the verb
        after = next((c for c in verb.rights if c.dep_ in ("nsubj", "dobj", "attr", "npadvmod")
                      and c.pos_ in ("PROPN", "NOUN", "PRON")), None)
        if after is not None:
            return after
    if verb.tag_ in _FINITE and verb.dep_ in ("ROOT", "ccomp", "parataxis"):
        # "…, former president Bill Clinton said his wife …" parsed without a subject:
        # the noun phrase right before the verb
        before = _noun_before(verb)
        if before is not None:
            return before
    if depth >= 3 or verb.head.i == verb.i:
        return None
    head = verb.head
    # "a statement saying …", "officials speaking on condition …", "one saying …": the
    # modified noun
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return head
    # "was quoted as saying …", "can be heard yelling that …": the passive's subject
    speaker = _passive_reporter_subject(verb)
    if speaker is not None:
        return speaker
    # "said the row was regrettable and promised …", parsed with "promised" under the
    # reported clause: the subject of "said"
    outer = lifted_from(verb)
    if outer is not None:
        return source_head(outer, depth + 1, quoted)
    # "He says A and says B", parsed with the second "says" under A: the first "says"
    if verb.dep_ == "conj":
        for anc in head.ancestors:
            if anc.lemma_ == verb.lemma_:
                return source_head(anc, depth + 1, quoted)
    # "Analysts said factors have contributed …, citing …": a comma-led participle hung on
    # the reported clause belongs to the reporter (the clause's own verb may be deeper)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > 0 \
            and verb.doc[verb.left_edge.i - 1].text == ",":
        outer = _reporting_verb(head)
        if outer is not None:
            return source_head(outer, depth + 1, quoted)
    # "forced Stumpf to admit …", "prompted NATO to order …": the object of the verb
    # that governs the infinitive
    if verb.dep_ == "xcomp" and head.pos_ == "VERB" \
            and (head.lemma_.lower() in cue_lexicon().object_control or not _to_infinitive(verb)):
        obj = next((c for c in head.children if c.dep_ in ("dobj", "dative") and c.i < verb.i
                    and c.pos_ in ("PROPN", "NOUN", "PRON")), None)
        if obj is not None:
            return obj
    # "…, adding that …", "and promised …", "went on to criticize …", "are optimistic that":
    # the governing subject
    if verb.dep_ in ("conj", "xcomp", "advcl", "acomp") and head.pos_ in ("VERB", "AUX"):
        return source_head(head, depth + 1, quoted)
    # "are more likely to say …": through the adjective to its verb
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
        return source_head(head.head, depth + 1, quoted)
    # "began by saying …", "punctuated his list by saying …": the verb of the preposition
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return source_head(head.head, depth + 1, quoted)
    return None


# ---------------------------------------------------------------- content patterns


def _children(verb: Token, *deps: str) -> Iterator[Token]:
    return (c for c in verb.children if c.dep_ in deps)


def _clause(verb: Token) -> tuple[list[Token], Token] | None:
    clauses = list(_children(verb, "ccomp"))
    # of a clause before the verb and one after it, the one after ("It’s unlikely; her
    # team says she’ll continue", "Though he cut taxes, experts say the plan …")
    for c in sorted(clauses, key=lambda c: c.i < verb.i)[:1]:
        # leave out a verb coordinated with this one but parsed inside its clause ("says he
        # respects Clinton and calls her …")
        skip = {t.i for k in c.children if k.dep_ == "conj"
                and (outer := lifted_from(k)) is not None and outer.i == verb.i for t in k.subtree}
        return _subtree_except(c, skip), c
    # "told a TV interviewer that he is …", parsed as a relative clause of the object
    for obj in _children(verb, "dobj", "dative"):
        for c in obj.rights:
            if c.dep_ == "relcl" and c.left_edge.lower_ == "that" and any(
                    (s.dep_ in _SUBJECTS or s.dep_ in _PASSIVE_SUBJECTS) and s.lower_ != "that"
                    for s in c.children):
                return list(c.subtree), c
    # "He said: we will …" (parataxis after a colon)
    for c in verb.rights:
        if c.dep_ == "parataxis" and any(t.text == ":" for t in verb.doc[verb.i:c.left_edge.i]):
            return list(c.subtree), c
    return _inverted(verb)


def _inverted(verb: Token) -> tuple[list[Token], Token] | None:
    """"…, he said" / "…, said the minister": the cue hangs off the clause it reports."""
    head = verb.head
    if verb.dep_ not in _INVERTED or head.i == verb.i:
        return None
    if head.i > verb.i:
        return _parenthetical(verb)
    if verb.dep_ == "conj" and head.lemma_ == verb.lemma_:
        return None  # "said X and said Y": a second cue, not a report of the first
    left = verb.left_edge
    between = verb.doc[left.i - 1] if left.i > 0 else None
    if not (left.is_punct or (between is not None and (between.is_punct or between.is_quote))):
        return None
    if _subject(verb) is None and not any(c.dep_ == "nsubj" for c in verb.rights):
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return None  # "he and Brafman had said the same thing": the verb has its own content
    skip = _subtree_ids(verb)
    return _subtree_except(head, skip), head


def _parenthetical(verb: Token) -> tuple[list[Token], Token] | None:
    """"The museum, Mr. Bush said, celebrated …": a cue set off by commas inside the
    clause it reports; the content is that clause around it."""
    doc, head = verb.doc, verb.head
    words = [t.i for t in verb.subtree if not t.is_punct]
    left, right = words[0], words[-1]
    # "As one adviser pointed out, Hawaii …": an as-clause before the clause it reports
    as_clause = verb.dep_ == "advcl" and doc[left].lower_ == "as" and doc[left].head.i == verb.i
    if not (verb.dep_ == "parataxis" or as_clause) or right + 1 >= len(doc):
        return None
    if doc[right + 1].text not in _ASIDE or not (
            (left > 0 and doc[left - 1].text in _ASIDE) or (as_clause and doc[left].is_sent_start)):
        return None
    # "The plan, he told reporters, was …": the object of a verb of telling is the hearer
    hearer = verb.lemma_.lower() in cue_lexicon().addressee_verbs
    if _subject(verb) is None or any((c.dep_ == "dobj" and not hearer) or c.dep_ in ("ccomp", "xcomp")
                                     or (c.dep_ == "mark" and c.i != left) for c in verb.children):
        return None
    skip = _subtree_ids(verb)
    return _subtree_except(head, skip), head


def _question(verb: Token) -> tuple[list[Token], Token] | None:
    for c in _children(verb, "ccomp", "advcl", "dobj"):
        # "asked if …", "asked whether …"; "asked what/why/how …" only as a complement
        # ("said when …" is a time clause)
        if any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children) or (
                c.dep_ != "advcl" and c.left_edge.lower_ in _WH):
            return list(c.subtree), c
    return None


def _infinitive(verb: Token) -> tuple[list[Token], Token] | None:
    for c in _children(verb, "xcomp", "ccomp"):
        if c.tag_ == "VB" or _to_infinitive(c):
            return list(c.subtree), c
    return None


def _object(verb: Token) -> tuple[list[Token], Token] | None:
    for c in verb.rights:
        # "half said so", "75 percent said yes"
        if c.dep_ in ("advmod", "intj") and c.lower_ in _PROFORMS and c.i == verb.i + 1:
            return [c], c
    for c in _children(verb, "dobj"):
        if c.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" and verb.head.i < c.i:
            # "the money that he promised": the relative pronoun stands for the noun
            return _np_tokens(verb.head), verb.head
        last = c.right_edge
        # "described the talks as useful", "called it a disgrace"
        for d in verb.rights:
            if d.i > c.i and (d.dep_ == "oprd" or (d.dep_ == "prep" and d.lower_ == "as")):
                last = max(last, d.right_edge, key=lambda t: t.i)
        return list(verb.doc[c.left_edge.i:last.i + 1]), c
    for c in _children(verb, "oprd"):
        # "called Trump “unhinged”", parsed without an object: the small clause after the verb
        if c.i > verb.i + 1:
            return list(verb.doc[verb.i + 1:c.right_edge.i + 1]), c
    for c in _children(verb, "xcomp"):
        # "proposes doing away with …", "cited disparaging remarks …" (parsed as a clause):
        # a gerund object
        if c.i > verb.i and not _to_infinitive(c) \
                and (c.tag_ == "VBG" or any(t.tag_ == "VBG" for t in c.lefts)):
            return list(c.subtree), c
    if _is_passive(verb):
        # "One of the suspects is named as …", "The proposal was criticized": the subject
        for c in _children(verb, "nsubjpass"):
            return list(c.subtree), c
    return None


def _prep(verb: Token, word: str | None = None) -> tuple[list[Token], Token] | None:
    """Object of preposition ``word`` (any preposition when None) after the verb."""
    for c in verb.rights:
        if c.dep_ in ("prep", "prt", "dative") and (word is None or c.lower_ == word):
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    return list(p.subtree), p
    return None


def _object_prep(verb: Token, word: str) -> tuple[list[Token], Token] | None:
    obj = next(_children(verb, "dobj"), None)
    for c in verb.rights:
        if c.dep_ == "prep" and c.lower_ == word and obj is not None and obj.i < c.i:
            return list(verb.doc[obj.left_edge.i:c.right_edge.i + 1]), c
    return None


_FINDERS: dict[str, Callable[[Token], tuple[list[Token], Token] | None]] = {
    "clause": _clause,
    "question": _question,
    "infinitive": _infinitive,
    "object": _object,
    "prep": _prep,
}

#: Per finder (pattern kind), the relations of which the verb needs a dependent for it to
#: find anything; the clause finder also finds the clause a verb hangs off ("…, he said").
_NEEDS = {
    "clause": frozenset({"ccomp", "dobj", "dative", "parataxis"}),
    "question": frozenset({"ccomp", "advcl", "dobj"}),
    "infinitive": frozenset({"xcomp", "ccomp"}),
    "object": frozenset({"advmod", "intj", "dobj", "oprd", "xcomp", "nsubjpass"}),
    "prep": frozenset({"prep", "prt", "dative"}),
    "object+prep": frozenset({"dobj"}),
}


def _may_find(verb: Token, patterns: tuple[str, ...]) -> tuple[str, ...]:
    """The patterns whose finder could find a content for ``verb`` (a necessary condition:
    the verb has a dependent the finder starts from)."""
    deps = {c.dep_ for c in verb.children}
    hangs = verb.dep_ in _INVERTED and verb.head.i != verb.i
    return tuple([p for p, needs in _needs(patterns) if (hangs and p == "clause")
                  or not deps.isdisjoint(needs)])


@lru_cache(maxsize=1024)
def _needs(patterns: tuple[str, ...]) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each pattern with the relations its finder starts from (:data:`_NEEDS`)."""
    return tuple((p, _NEEDS[p.partition(":")[0]]) for p in patterns)


def _without_tails(tokens: list[Token]) -> list[Token]:
    """Content without a comma-led tail that is not part of what was said: a
    non-restrictive relative clause ("…, which an FBI investigation said was …") or a
    participle clause ("…, calling them “very boring tax returns”")."""
    if not tokens:
        return tokens
    toks = sorted(tokens, key=lambda t: t.i)
    last = toks[-1].i
    doc = toks[0].doc
    cut = last + 1
    for t in toks:
        if t.i == toks[0].i or t.right_edge.i != last:
            continue
        tail = t.dep_ == "relcl" or (t.dep_ in ("advcl", "acl") and t.tag_ == "VBG")
        start = t.left_edge.i
        if tail and start > toks[0].i and doc[start - 1].text == ",":
            cut = min(cut, start - 1)
    return [t for t in toks if t.i < cut]


def content_of(verb: Token, patterns: Sequence[str]) -> tuple[tuple[int, int], Token, str] | None:
    """The first content the patterns find for ``verb``: (char span, head token, pattern)."""
    for pattern in patterns:
        if pattern.startswith("object+prep:"):
            found = _object_prep(verb, pattern.partition(":")[2])
        elif pattern.startswith("prep:"):
            found = _prep(verb, pattern.partition(":")[2])
        else:
            found = _FINDERS[pattern](verb)
        if found is None:
            continue
        tokens, head = found
        span = _span_of(_without_tails(tokens))
        if span is not None:
            return span, head, pattern
    return None


# ---------------------------------------------------------------- cues


def _particle_patterns(verb: Token, lex: CueLexicon) -> tuple[tuple[Token, ...], tuple[str, ...]]:
    """Extra cue tokens and patterns of a listed particle verb ("pointed out"), if any."""
    entries = lex.particle_verbs.get(verb.lemma_.lower())
    if not entries:
        return (), ()
    kids = list(verb.children)
    for words, patterns in entries:
        used: list[Token] = []
        for w in words:
            hit = next((k for k in kids if k.lower_ == w and k.i > verb.i and k not in used), None)
            if hit is None:
                break
            used.append(hit)
        else:
            return tuple(used), patterns
    return (), ()


def _cue_span(tokens: Sequence[Token]) -> tuple[int, int]:
    """Characters of the cue: the verb plus particles right after it ("pointed out")."""
    toks = sorted(tokens, key=lambda t: t.i)
    last = toks[0]
    for t in toks[1:]:
        if t.i == last.i + 1:
            last = t
    return _chars(toks[0], last)


def _source_span(head: Token | None) -> tuple[tuple[int, int] | None, int | None]:
    if head is None:
        return None, None
    toks = _np_tokens(head)
    return (_chars(toks[0], toks[-1]) if toks else None), head.i


def source_token(verb: Token, quoted: Quoted | None = None) -> Token | None:
    """The head word of the phrase naming the source of ``verb``, or None."""
    head = source_head(verb, quoted=quoted)
    if head is not None and head.i < verb.i:
        # "NEW YORK, Dec. 22 (UPI) — Chelsea Clinton announced": a dateline parsed as the
        # subject; the source is the phrase between the dash and the verb
        between = doc_text(verb.doc)[head.idx:verb.idx]
        dash = next((t for t in verb.doc[head.i:verb.i] if t.text in _DATELINE_DASHES), None) \
            if any(d in between for d in _DATELINE_DASHES) else None
        if dash is not None and dash.i + 1 < verb.i:
            head = verb.doc[dash.i + 1:verb.i].root
    return head


def source_phrase(verb: Token, head: Token | None
                  ) -> tuple[tuple[int, int] | None, int | None]:
    """Character span of the source phrase of ``verb`` headed by ``head``
    (:func:`source_token`), and the head's index.

    "those who said …", "Barkley, who said …": the span runs from the noun phrase to
    the relative pronoun, so that it names the referent and the words of the clause.
    """
    span, head_i = _source_span(head)
    if head is not None and span is not None:
        # the relative clause of the source that holds the verb ("Cruz, who refused to
        # endorse …")
        clause = next((c for c in head.children if c.dep_ == "relcl"
                       and c.left_edge.i <= verb.i <= c.right_edge.i), None)
        rel = _subject(clause) if clause is not None else None
        if rel is not None and rel.lower_ in _RELATIVE and rel.idx >= span[1]:
            span = (span[0], rel.idx + len(rel.text))
    return span, head_i


def source_of(verb: Token, quoted: Quoted | None = None
              ) -> tuple[tuple[int, int] | None, int | None]:
    """Character span of the words naming the source of ``verb``, and their head token."""
    return source_phrase(verb, source_token(verb, quoted))


def verb_act(verb: Token, content: tuple[int, int], quoted: Quoted | None = None) -> CueMatch:
    """The reporting act of ``verb`` with a content found elsewhere (a quotation next to it)."""
    src, src_tok = source_of(verb, quoted)
    return CueMatch(_cue_span((verb,)), verb.i, content, "clause", src, src_tok)


def _that_clause(tok: Token, lex: CueLexicon) -> bool:
    """A verb or adjective governing a that-clause ("were optimistic that …")."""
    if tok.lemma_.lower() in lex.that_clause_not_cues:
        return False
    return any(c.dep_ == "ccomp" and _has_that(c) for c in tok.children)


def _has_that(clause: Token) -> bool:
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


class _Candidate(NamedTuple):
    """A word that may be a cue: its particles ("pointed out"), the patterns the lexicon
    lists for it, the patterns to try in order, and whether a model judges it."""

    particles: tuple[Token, ...]
    listed: tuple[str, ...]
    patterns: tuple[str, ...]
    judged: bool


def _candidate(tok: Token, lex: CueLexicon, judged: bool) -> _Candidate | None:
    """Whether and how ``tok`` is a candidate cue (see :func:`verb_candidate`)."""
    lemma = tok.lemma_.lower()
    if judged and lemma in lex.not_cues:
        return None  # intentions and attempts: "was seeking to broker a truce"
    extra, patterns = _particle_patterns(tok, lex)
    listed = (*patterns, *lex.verbs.get(lemma, ()))
    if tok.pos_ == "ADJ":
        if judged and tok.dep_ in ("acomp", "oprd"):
            # "were not fond of …", "is optimistic that …", "eager to …": the predicate
            patterns = ADJECTIVE_PATTERNS
        elif _that_clause(tok, lex):
            patterns, judged = ("clause",), False
    elif judged:
        # the lexicon's patterns first, then the generic ones ("asked for a photo")
        patterns = tuple(dict.fromkeys((*listed, *GENERIC_PATTERNS)))
    elif not patterns:
        patterns = lex.verb_patterns(lemma, tok.lower_)
        if not patterns and _that_clause(tok, lex):
            patterns = ("clause",)
    if not patterns:
        return None
    return _Candidate(extra, listed, patterns, judged)


def _content(tok: Token, cand: _Candidate, lex: CueLexicon
             ) -> tuple[tuple[int, int], Token, str] | None:
    """The content the candidate's patterns find: (char span, head token, pattern)."""
    found = content_of(tok, cand.patterns)
    if found is not None and found[2] == "prep" and found[1].lemma_.lower() in lex.channels:
        return None  # "said in a phone interview": where the words appeared, not what
    return found


def _act(tok: Token, cand: _Candidate, content: tuple[int, int], pattern: str,
         source: Token | None) -> CueMatch:
    src, src_tok = source_phrase(tok, source)
    return CueMatch(_cue_span((tok, *cand.particles)), tok.i, content, pattern, src, src_tok,
                    lifted=lifted_from(tok) is not None)


def verb_candidate(tok: Token, lex: CueLexicon, judged: bool, quoted: Quoted | None = None,
                   text: str | None = None) -> tuple[CueMatch, list[str]] | None:
    """The reporting act ``tok`` would be if it were a cue, and its model features.

    Unless ``judged`` (by a model), only verbs the lexicon lists (or mined, or
    governing a that-clause) are candidates; when judged, every verb and predicative
    adjective is, with the lexicon's patterns when it lists the verb and then the
    generic ones. Features are empty for a candidate no model judges (``judged``
    false; an adjective with a that-clause outside a predicate).
    """
    cand = _candidate(tok, lex, judged)
    return None if cand is None else _candidate_act(tok, cand, lex, quoted, text)


def _candidate_act(tok: Token, cand: _Candidate, lex: CueLexicon, quoted: Quoted | None,
                   text: str | None) -> tuple[CueMatch, list[str]] | None:
    """The act and the features of :func:`verb_candidate`."""
    found = _content(tok, cand, lex)
    if found is None:
        return None
    span, head, pattern = found
    source = source_token(tok, quoted)
    feats = cue_features(tok, pattern, span, head, None if source is None else source.i,
                         cand.particles, lex, cand.listed, text) if cand.judged else []
    return _act(tok, cand, span, pattern, source), feats


def _judged_cue(tok: Token, cand: _Candidate, lex: CueLexicon, model: CueModel,
                quoted: Quoted | None, text: str, scope: ContentScope | None) -> CueMatch | None:
    """The act of a candidate the model accepts, else None: the same as
    :func:`verb_candidate` and :meth:`CueModel.accepts`, in steps from the cheapest, each
    ending with a bound of the score (:meth:`CueModel.may_accept`): a candidate that
    cannot reach its threshold whatever its subject and content is rejected before its
    source is looked for, one that cannot whatever its content before its content is,
    and the source phrase is found only for an accepted one."""
    patterns = _may_find(tok, cand.patterns)
    if not patterns:
        return None  # no dependent any pattern starts from: no content
    feats, view = verb_features(tok, cand.particles, lex)
    score, most = model.score(feats), _content_max(tok, model, scope)
    if not model.may_accept(score, view, patterns, cand.listed, None, most):
        return None
    source = source_token(tok, quoted)
    subj = subject_class(source)
    subj_feats = subject_features(view, subj)
    score += model.score(subj_feats)
    if not model.may_accept(score, view, patterns, cand.listed, subject_kind(subj), most):
        return None
    found = _content(tok, cand, lex)
    if found is None:
        return None
    span, head, pattern = found
    feats += [*subj_feats, *pattern_features(view, pattern, cand.listed, subject_kind(subj)),
              *content_features(tok, span, head, text)]
    return _act(tok, cand, span, pattern, source) if model.accepts(feats) else None


def _content_max(tok: Token, model: CueModel, scope: ContentScope | None) -> float:
    """The most the content features of ``tok`` can add to its score: every finder's
    content lies in the subtree of the verb's head."""
    if scope is None:
        return model.content_maxima.bound(True, True)
    head = tok.head
    first, last = head.left_edge.i, head.right_edge.i
    return model.content_maxima.bound(scope.may_quote(first, last), scope.may_that(first, last))


def verb_cue(tok: Token, lex: CueLexicon, model: CueModel | None = None,
             quoted: Quoted | None = None, text: str | None = None,
             scope: ContentScope | None = None) -> CueMatch | None:
    """A cue verb with the content it reports: decided by ``model`` when given, else a
    verb the lexicon lists, mined, or governing a that-clause (``scope``: the Doc's
    :class:`.content_scope.ContentScope`, which only makes the model's path faster)."""
    cand = _candidate(tok, lex, model is not None)
    if cand is None:
        return None
    if cand.judged and model is not None:
        return _judged_cue(tok, cand, lex, model, quoted, tok.doc.text if text is None else text,
                           scope)
    found = _candidate_act(tok, cand, lex, quoted, text)
    return None if found is None else found[0]


def phrase_cue(tok: Token, lex: CueLexicon) -> CueMatch | None:
    """"according to X, …" / "…, according to X": the source is X, the content the clause."""
    doc = tok.doc
    for phrase in lex.source_phrases:
        end = tok.i + len(phrase)
        if end > len(doc) or any(doc[tok.i + k].lower_ != w for k, w in enumerate(phrase)):
            continue
        last = doc[end - 1]
        src_toks = _phrase_source(last)
        if not src_toks:
            continue
        src_ids = {t.i for t in src_toks}
        clause = tok.head
        # up through prepositions, and out of a misparsed source ("according to show
        # insiders" with "according" under "show")
        while (clause.dep_ in ("prep", "pobj", "conj") or clause.i in src_ids) \
                and clause.head.i != clause.i:
            clause = clause.head
        if clause.i == tok.i:
            # "According to X, the move reeks of …" parsed with "According" as the root:
            # the rest of the sentence after the comma that closes X
            comma = next((t.i for t in tok.sent if t.i > src_toks[-1].i and t.text == ","), None)
            rest = [t for t in tok.sent if comma is not None and t.i > comma]
        else:
            skip = _subtree_ids(tok) | src_ids | set(range(tok.i, end))
            rest = _subtree_except(clause, skip)
        content = _span_of(rest)
        if content is None:
            continue
        nouns = [t for t in src_toks if t.pos_ in ("NOUN", "PROPN", "PRON")]
        # "according to the official / the daily / the circular": a noun the tagger read as
        # an adjective still heads the phrase, as its dependency shows
        src_head = max(nouns, key=lambda t: t.i) if nouns else next(
            (t for t in src_toks if t.dep_ == "pobj"), src_toks[-1])
        return CueMatch(_chars(tok, last), tok.i, content, "phrase",
                        _chars(src_toks[0], src_toks[-1]), src_head.i)
    return None


def _phrase_source(last: Token) -> list[Token]:
    """The words of X in "according to X": the object's noun phrase; when the parse
    misreads the phrase ("according to show insiders" with "show" a verb), the words up
    to the next punctuation, if they hold a noun."""
    src = next((c for c in last.children if c.dep_ == "pobj"), None)
    if src is not None:
        # "According to X, the move reeks …" misparsed with the clause as X's apposition
        toks = _np_tokens(src)
        comma = next((k for k, t in enumerate(toks) if t.i > src.i and t.text == ","), len(toks))
        return toks[:comma]
    words: list[Token] = []
    for t in last.doc[last.i + 1:]:
        if t.is_punct or t.is_space or (words and t.is_sent_start):
            break
        words.append(t)
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in words):
        return []
    return _trimmed(words)


def _noun_prep_cue(tok: Token, preps: tuple[str, ...]) -> CueMatch | None:
    """"Trump’s call for a ban", "his criticism of the plan": with a possessor only."""
    src = next((c for c in tok.children if c.dep_ == "poss"), None)
    found = next(((p, o) for p in tok.rights if p.dep_ == "prep" and p.lower_ in preps
                  for o in p.children if o.dep_ in ("pobj", "pcomp")), None)
    if src is None or found is None:
        return None
    verb = tok.head if tok.dep_ == "dobj" else tok.head.head if tok.dep_ == "pobj" else None
    if src.pos_ == "PRON" and verb is not None and verb.pos_ in ("VERB", "AUX"):
        # "He is doubling down on his support for …": the subject rather than "his"
        src = _subject(verb) or src
    content = _span_of(list(found[1].subtree))
    if content is None:
        return None
    src_span, src_tok = _source_span(src)
    return CueMatch(_chars(tok, tok), tok.i, content, "noun", src_span, src_tok)


def noun_cue(tok: Token, lex: CueLexicon) -> CueMatch | None:
    """"his claim that …", "warnings from the ministry that …": a noun with a that-clause;
    "his criticism of …": a noun with its preposition and a possessor."""
    clause = next((c for c in tok.rights if c.dep_ in ("acl", "ccomp", "appos") and _has_that(c)),
                  None)
    if clause is None:
        preps = lex.noun_preps.get(tok.lemma_.lower())
        return _noun_prep_cue(tok, preps) if preps else None
    content = _span_of(list(clause.subtree))
    if content is None:
        return None
    verb = tok.head.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and verb.pos_ in ("VERB", "AUX"):
        # "says in a statement that …": the clause hangs off the channel; the verb is the cue
        src_span, src_tok = source_of(verb)
        return CueMatch(_cue_span((verb,)), verb.i, content, "clause", src_span, src_tok)
    src = next((c for c in tok.children if c.dep_ == "poss"), None)
    if src is None:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                src = next((p for p in c.children if p.dep_ == "pobj"), None)
                break
    src_span, src_tok = _source_span(src)
    return CueMatch(_chars(tok, tok), tok.i, content, "noun", src_span, src_tok)


def colon_cue(tok: Token, lex: CueLexicon, text: str) -> CueMatch | None:
    """"Graham: Trump’s ‘Hateful Rhetoric’ …": a short name at a line start, a colon, the words."""
    doc = tok.doc
    line_start = text.rfind("\n", 0, tok.idx) + 1
    if tok.idx - line_start > 80:
        return None
    head = doc.char_span(line_start, tok.idx, alignment_mode="expand")
    if head is None or not 0 < len(head) <= lex.colon_max_tokens:
        return None
    words = [t for t in head if not t.is_space]
    while words and words[0].is_quote:
        words.pop(0)  # '"PENCE: Well, …' in a quoted transcript
    # "EXCLUSIVE – Roger Stone: …": the name after a dash
    dash = max((k for k, t in enumerate(words) if t.text in _DATELINE_DASHES), default=-1)
    words = words[dash + 1:]
    if (not words or words[-1].pos_ not in ("PROPN", "NOUN", "PRON")
            or any(t.pos_ in ("VERB", "AUX") or (t.is_punct and t.text not in "-.")
                   for t in words)
            or words[0].lower_ in lex.colon_not_sources
            or head.text.strip().lower() in lex.colon_not_sources):
        return None
    line_end = text.find("\n", tok.idx)
    content = doc.char_span(tok.idx + 1, len(text) if line_end < 0 else line_end,
                            alignment_mode="expand")
    if content is None or sum(1 for t in content if t.is_alpha) < 2:
        return None
    words_said = list(content)
    if transcript_label(tok, text):
        while words_said and (words_said[-1].is_quote or words_said[-1].is_space):
            words_said.pop()  # the mark that closes the quoted transcript
    span = _span_of(words_said)
    if span is None:
        return None
    return CueMatch((tok.idx, tok.idx + 1), tok.i, span, "colon",
                    _chars(words[0], words[-1]), words[-1].i)


def transcript_label(tok: Token, text: str) -> bool:
    """The colon ``tok`` ends a capitalized speaker label that opens a quoted line of a
    transcript ('"PENCE: Well, …'): the quotation holds several speakers' words."""
    line_start = text.rfind("\n", 0, tok.idx) + 1
    label = text[line_start:tok.idx]
    name = label.lstrip("\"“'‘ ")
    return len(name) < len(label) and 1 < len(name) <= 30 and name.isupper() \
        and all(c.isalpha() or c in " .-" for c in name)


def _title_case(words: Iterable[Token]) -> bool:
    long = [t for t in words if t.is_alpha and len(t) > 3]
    return len(long) >= 2 and all(t.text[0].isupper() for t in long)


def headline_cue(tok: Token, lex: CueLexicon, text: str) -> CueMatch | None:
    """"Conservative Icon Morton Blackwell Endorses Ted Cruz": in a title-case line the
    parser reads the verb as a name; a cue verb form between two phrases is the cue."""
    if tok.ent_type_ or not tok.lower_.endswith(("s", "ed")) or not lex.form_patterns(tok.lower_):
        return None  # part of a name, not a headline verb form ("Post"), or not a cue
    line_start = text.rfind("\n", 0, tok.idx) + 1
    line_end = text.find("\n", tok.idx)
    line_end = len(text) if line_end < 0 else line_end
    line = tok.doc.char_span(line_start, line_end, alignment_mode="expand")
    if line is None or not _title_case(line):
        return None
    before = [t for t in line if t.i < tok.i and not t.is_space]
    after = [t for t in line if t.i > tok.i and not t.is_space]
    if not before or not any(t.is_alpha for t in after):
        return None
    content = _span_of(after)
    src = _span_of(before)
    if content is None or src is None:
        return None
    return CueMatch(_chars(tok, tok), tok.i, content, "headline", src, before[-1].i)


def _may_report(doc: Doc, lex: CueLexicon, first_words: Iterable[str], text: str) -> list[int]:
    """Indices of the tokens :func:`find_cues` must look at (one of its matchers may find
    an act there): verbs and adjectives, nouns the lexicon lists, nouns and names with a
    capital (in a headline), colons, and the first words of source phrases."""
    arr = doc.to_array([POS, ORTH, LOWER, LEMMA, IDX])
    kind = _POS_KIND[np.minimum(arr[:, 0], len(_POS_KIND) - 1)]
    strings = doc.vocab.strings
    keep = (kind == _VERB) | (arr[:, 1] == strings[":"])
    for word in first_words:
        keep |= (kind != _NEVER) & (arr[:, 2] == strings[word])
    nouns = kind == _NOUN
    keep |= (nouns | (kind == _NAME)) & _capital(text, arr[:, 4])
    for lemma in set(arr[nouns, 3].tolist()):
        word = strings[lemma].lower()
        if word in lex.nouns or word in lex.noun_preps:
            keep |= nouns & (arr[:, 3] == lemma)
    return np.flatnonzero(keep).tolist()


def _capital(text: str, starts: np.ndarray) -> np.ndarray:
    """Per token start, whether its first character may be a capital letter (A–Z, or a
    character beyond ASCII)."""
    if not len(starts):
        return np.zeros(0, dtype=bool)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)[
        starts.astype(np.int64)]
    return ((codes >= ord("A")) & (codes <= ord("Z"))) | (codes > 127)


def find_cues(doc: Doc, lex: CueLexicon, quoted: Quoted,
              text: str | None = None, model: CueModel | None = None) -> list[CueMatch]:
    """Every reporting act in ``doc`` outside quoted text, in text order.

    ``text`` is ``doc.text`` if the caller has it already (it is rebuilt on each access);
    ``model`` decides which verbs are cues (:mod:`.model`), else the lexicon does.
    """
    text = doc.text if text is None else text
    first_words = {p[0] for p in lex.source_phrases}
    scope = ContentScope.of(doc, text) if model is not None else None
    found = []
    for i in _may_report(doc, lex, first_words, text):
        tok = doc[i]
        pos = tok.pos_
        match: CueMatch | None = None
        if quoted(tok.idx) and not (tok.text == ":" and transcript_label(tok, text)):
            continue
        if tok.lower_ in first_words:
            # "according" (to X) is a source phrase, not a verb of its own
            match = phrase_cue(tok, lex)
        elif pos in ("VERB", "AUX", "ADJ"):
            match = verb_cue(tok, lex, model, quoted, text, scope)
        elif pos == "NOUN" and (tok.lemma_.lower() in lex.nouns
                                or tok.lemma_.lower() in lex.noun_preps):
            match = noun_cue(tok, lex)
        if match is None and pos in ("PROPN", "NOUN") and tok.text[:1].isupper():
            match = headline_cue(tok, lex, text)
        elif tok.text == ":":
            match = colon_cue(tok, lex, text)
        if match is not None:
            found.append(match)
    return sorted(outermost(found), key=lambda c: c.cue)


def outermost(acts: Sequence[CueMatch]) -> list[CueMatch]:
    """Acts whose cue is not inside another act's content.

    "Half said they want change": the article attributes what "half" said;
    "they want" is part of that content, not a second attribution of its own.
    """
    by_start = sorted(acts, key=lambda a: a.content[0])
    starts = [a.content[0] for a in by_start]
    out = []
    for act in acts:
        if act.lifted:
            out.append(act)
            continue
        k = bisect.bisect_right(starts, act.cue[0])
        inside = any(o is not act and o.content[0] <= act.cue[0] and act.cue[1] <= o.content[1]
                     for o in by_start[max(0, k - 50):k])
        if not inside:
            out.append(act)
    return out
