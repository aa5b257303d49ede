"""The features the cue model (:mod:`.model`) reads about a candidate verb.

Four families, each computed by its own function, so that the extractor can
score a candidate in steps (:meth:`.cue_model.CueModel.may_accept`):

- :func:`verb_features`: the verb, its particles, head and dependents;
- :func:`subject_features`: the kind of phrase its subject is;
- :func:`pattern_features`: the pattern that found the content, alone and with
  the verb and its subject;
- :func:`content_features`: the content's length, head, complementizer,
  quotation marks and place.

No feature name belongs to two families (each family has its own prefixes).
:func:`cue_features` is all of them, what the model is trained on.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from spacy.tokens import Token

from ..actors.mentions import entity_of
from .lexicon import CueLexicon

#: Patterns tried for a verb the lexicon does not list.
GENERIC_PATTERNS = ("clause", "question", "infinitive", "object", "prep")
#: Patterns of a predicative adjective ("fond of …", "optimistic that …", "eager to …").
ADJECTIVE_PATTERNS = ("clause", "infinitive", "prep")
#: Patterns whose content is speech whatever the verb: a reported clause or question.
SPEECH_PATTERNS = frozenset({"clause", "question"})
#: The feature that marks a candidate whose content is speech (see :meth:`.CueModel.accepts`).
SPEECH_CONTENT = "speech_content"
#: Pronouns that name people or groups of them.
_PERSONAL = frozenset({"he", "she", "they", "i", "we", "you", "who"})
#: Relations to the head worth a feature of the head's lemma ("declined to comment").
_HEADED = frozenset({"xcomp", "ccomp", "advcl", "conj", "pcomp", "acl", "relcl"})
_ENTITY_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


class VerbView(NamedTuple):
    """What the pattern and subject features of a candidate read about the verb: its
    lemma and relation, whether the lexicon lists or mined it."""

    lemma: str
    dep: str
    listed: bool
    mined: bool


def subject_class(tok: Token | None) -> str:
    """What kind of phrase the source head is: a personal pronoun, a named entity type,
    a mention of a known entity, or the noun's lemma."""
    if tok is None:
        return "none"
    if tok.pos_ == "PRON":
        return "pron:" + ("person" if tok.lower_ in _PERSONAL else tok.lower_)
    if tok.ent_type_ in _ENTITY_TYPES:
        return "ent:" + tok.ent_type_
    if entity_of(tok.doc, tok) is not None:
        return "mention"
    return tok.pos_.lower() + ":" + tok.lemma_.lower()


def subject_kind(subj: str) -> str:
    """The kind of a :func:`subject_class` ("pron", "ent", "noun" …)."""
    return subj.partition(":")[0]


def verb_features(tok: Token, particles: Sequence[Token], lex: CueLexicon
                  ) -> tuple[list[str], VerbView]:
    """The features of the verb itself: lemma, form, relation, tag, the lexicon's
    opinion, particles, head, and its negation, modals, voice and prepositions."""
    lemma, form, dep = tok.lemma_.lower(), tok.lower_, tok.dep_
    view = VerbView(lemma, dep, lemma in lex.verbs, form in lex.mined)
    feats = ["lemma=" + lemma, "form=" + form, "dep=" + dep, "lemma|dep=" + lemma + "|" + dep,
             "tag=" + tok.tag_]
    if view.listed:
        feats.append("listed")
    if view.mined:
        feats.append("mined")
    if particles:
        feats.append("particle=" + lemma + "+" + "+".join(t.lower_ for t in particles))
    if dep in _HEADED:
        head = tok.head.lemma_.lower()
        feats += ["head=" + head, "head|dep=" + head + "|" + dep]
    for c in tok.children:
        if c.dep_ == "neg":
            feats.append("negated")
        elif c.dep_ == "aux" and c.tag_ == "MD":
            feats.append("modal=" + c.lower_)
        elif c.dep_ in ("auxpass", "nsubjpass"):
            feats.append("passive")
        elif c.dep_ in ("prep", "prt"):
            feats.append("lemma|prep=" + lemma + "|" + c.lower_)
        elif c.dep_ == "dative":
            feats.append("dative")
    return feats, view


def subject_features(view: VerbView, subj: str) -> list[str]:
    """The features of the subject (its :func:`subject_class`), alone and with the verb."""
    return ["subj=" + subj, "lemma|subj=" + view.lemma + "|" + subject_kind(subj)]


def pattern_features(view: VerbView, pattern: str, listed: Sequence[str],
                     subj_kind: str | None) -> list[str]:
    """The features of the pattern that found the content, alone, with the verb and with
    the kind of its subject (left out when ``subj_kind`` is None: not known yet);
    ``listed``: the patterns the lexicon gives the verb."""
    kind = pattern.partition(":")[0]
    feats = ["pattern=" + pattern, "kind=" + kind, "lemma|kind=" + view.lemma + "|" + kind,
             "kind|dep=" + kind + "|" + view.dep]
    if subj_kind is not None:
        feats.append("kind|subj=" + kind + "|" + subj_kind)
    if view.listed:
        feats.append("listed|kind=" + kind)
    if view.mined:
        feats.append("mined|kind=" + kind)
    if pattern in SPEECH_PATTERNS or pattern in listed:
        feats.append(SPEECH_CONTENT)
    return feats


def content_features(tok: Token, content: tuple[int, int], content_head: Token | None,
                     text: str) -> list[str]:
    """The features of the content (characters ``content`` of ``text``, headed by
    ``content_head``): its length and head, a that-complementizer, quotation marks
    around it, whether it comes before the verb."""
    words = len(text[content[0]:content[1]].split())
    feats = [f"length={min(6, int(math.log2(words + 1)))}"]
    if content_head is not None:
        feats.append("content=" + content_head.pos_)
        if any(m.dep_ == "mark" and m.lower_ == "that" for m in content_head.children):
            feats.append("that")
    if text[max(0, content[0] - 1):content[0] + 1].strip()[:1] in "“\"‘'":
        feats.append("quoted")
    if content[1] <= tok.idx:
        feats.append("content_before")
    return feats


def cue_features(tok: Token, pattern: str, content: tuple[int, int], content_head: Token | None,
                 source_token: int | None, particles: Sequence[Token],
                 lex: CueLexicon, listed: Sequence[str] = (), text: str | None = None
                 ) -> list[str]:
    """The features of one candidate verb with the content, pattern and source found for it
    (``listed``: the patterns the lexicon gives the verb; ``text``: ``doc.text`` if the
    caller has it, as spaCy rebuilds it on every access)."""
    feats, view = verb_features(tok, particles, lex)
    subj = subject_class(tok.doc[source_token] if source_token is not None else None)
    text = tok.doc.text if text is None else text
    return [*feats, *subject_features(view, subj),
            *pattern_features(view, pattern, listed, subject_kind(subj)),
            *content_features(tok, content, content_head, text)]
