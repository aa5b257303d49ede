"""Plural definite descriptions of two named actors: a dyad.

A journalist who has named two actors refers to them together as "the two countries",
"both sides", "the two leaders", "both governments", or just "both" and "the two". Such a
phrase names exactly the two actors of its kind last named before it (in its sentence or
the two before, as pronouns reach): "Canada and Costa Rica have agreed …, the leaders of the
two countries announced" → Canada, Costa Rica. The PLOVER manual's compound actors
("Compound and Reciprocal Actors") list both; a reciprocal act of a dyad is split in its
two directions as a coordinated subject is (``args.split_reciprocal``).

The noun says which actors it takes (``lists.yaml``): states (country, nation, government
→ countries and governments), people (leaders, presidents, ministers → persons), sides
(side, party, camp → any actor). Two mentions of one side — a person and their own
country ("Raul Castro, Cuba's defence minister"), a country and its government — count
once. A place where something happened ("met in Geneva") is no side.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Token

from ... import kb
from ...record import Entity
from ..actors.mentions import mention_index
from ..text.syntax import children, clause_subject, lemma
from .lexicon import Lexicon

#: the dependency labels of a phrase that is an event's argument
_ARGUMENT = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "appos", "conj", "poss"})
#: prepositions whose object is where something happened, not a side
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout"})
#: sentences before the phrase its two actors may be named in (as for pronouns)
_SENTENCES_BACK = 2
_ACTORS = frozenset({"PERSON", "ORG", "NORP", "GPE", "GROUP"})


def dyad_kind(tok: Token, lex: Lexicon) -> str | None:
    """"states", "people" or "sides" when ``tok`` heads a definite description of exactly
    two actors ("the two countries", "both sides", "both", "the two"), else None."""
    low = tok.lower_
    if low in {"both", "two"} and tok.dep_ in _ARGUMENT and not children(tok, {"prep"}):
        # "both" or "the two" standing alone as the phrase ("Both agreed", "the two met")
        if low == "both" or any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return "sides"
        return None
    if tok.pos_ != "NOUN" or tok.tag_ != "NNS":
        return None
    both = any(c.lower_ == "both" and c.dep_ in {"det", "predet", "amod", "nummod"}
               for c in tok.children)
    two = any(c.lower_ == "two" and c.dep_ == "nummod" for c in tok.children) and any(
        c.dep_ in {"det", "poss"} and c.lower_ in {"the", "their", "these", "those"}
        for c in tok.children)
    if not (both or two):
        return None
    noun = lemma(tok)
    for kind in ("states", "people", "sides"):
        if noun in lex.words(f"dyad_{kind}"):
            return kind
    return None


def _fits(e: Entity, kind: str) -> bool:
    if kind == "people":
        return e.type == "PERSON"
    if kind == "states":
        country = kb.country(e.name) if e.type == "GPE" else None
        named_country = country is not None and country.iso3 == e.country
        government = e.type in {"ORG", "GROUP"} and (e.actor or "").endswith("GOV")
        return named_country or government
    return e.type in _ACTORS


def one_side(a: Entity, b: Entity) -> bool:
    """A person and their own country, or a country and its government, are one side."""
    x, y = a.actor or a.country, b.actor or b.country
    if x is None or y is None:
        return False
    return y.startswith(x) or x.startswith(y)


def _governing_subject(tok: Token) -> Token | None:
    """The subject of the verb whose object (or prepositional object) the phrase is."""
    verb = tok.head if tok.dep_ in {"dobj", "dative"} else None
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        verb = tok.head.head
    if verb is None or verb.pos_ not in {"VERB", "AUX"}:
        return None
    return clause_subject(verb)


def dyad_members(tok: Token, kind: str, entities: Mapping[str, Entity],
                 skip: frozenset[int] = frozenset()) -> list[str]:
    """The two actors of ``kind`` last named before the phrase headed by ``tok``, in the
    order they were named; empty when fewer than two are found. ``skip``: tokens that
    name no actor (the dateline)."""
    doc: Doc = tok.doc
    index = doc._.mention_index
    if index is None:
        index = doc._.mention_index = mention_index(doc._.mentions or [])
    start = min(t.i for t in tok.subtree)
    sent = tok.sent
    for _ in range(_SENTENCES_BACK):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    # the one who acts on the pair is not one of them ("Russia urged both sides …")
    actor = _governing_subject(tok)
    found: list[Entity] = []
    for i in range(start - 1, sent.start - 1, -1):
        m = index.get(i)
        if m is None or i in skip or (actor is not None and m.start <= actor.i < m.end):
            continue
        e = entities.get(m.entity)
        head = doc[m.start:m.end].root
        if e is None or not _fits(e, kind) or any(e.id == f.id for f in found):
            continue
        if head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE:
            continue
        if any(one_side(e, f) for f in found):
            continue
        found.append(e)
        if len(found) == 2:
            return [found[1].id, found[0].id]
    return []
