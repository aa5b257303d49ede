"""Casualty counts: how many were killed, injured or arrested (data: ``casualties.yaml``).

"at least nine people were killed" → killed min 9; "more than 70 injured" →
injured min 71; "up to 20" → max 20; "dozens" → min 24; "killed 12" → 12 (min
and max); words and digits alike. Each count is tied to the word that reports it
(the verb "killed", the noun "death toll", the adjective "dead"); the event
extractor links it to its event, across sentences if need be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from ...record import Count
from ...resources import load_yaml
from ..text.syntax import (
    OBJECTS,
    SUBJECTS,
    DocWords,
    children,
    first_child,
    lemma,
    pobjs,
    prep_objects,
    with_conjuncts,
)

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_PEOPLE_SINGULAR = frozenset({"NN", "NNP"})
#: casualty verbs whose subject is the casualty ("40 people died", "perished")
_INTRANSITIVE = frozenset({"die", "perish"})


@dataclass(frozen=True)
class CasualtyCount:
    """A count of ``field`` (killed, injured, arrested) reported by token ``token``."""

    field: str
    count: Count
    token: int
    sent_start: int


@dataclass(frozen=True)
class _Words:
    verbs: dict[str, str]
    nouns: dict[str, str]
    adjectives: dict[str, str]
    needs_dead: frozenset[str]
    toll: dict[str, str]
    numbers: dict[str, int]
    multipliers: dict[str, int]
    vague: dict[str, int]
    qualifiers: tuple[tuple[str, str], ...]
    lives: frozenset[str]
    life_verbs: frozenset[str]
    happenings: frozenset[str]
    cumulative_adverbs: frozenset[str]
    cumulative_phrases: frozenset[str]

    @property
    def all_words(self) -> frozenset[str]:
        return frozenset(self.verbs) | frozenset(self.nouns) | frozenset(self.adjectives) | self.lives


@lru_cache(maxsize=1)
def _words() -> _Words:
    data: dict[str, Any] = load_yaml("events/casualties.yaml")
    by_pos: dict[str, dict[str, str]] = {"verbs": {}, "nouns": {}, "adjectives": {}}
    for fld, spec in data["fields"].items():
        for pos, words in spec.items():
            for w in words:
                by_pos[pos].setdefault(w, fld)
    quals = [(phrase, kind) for kind, phrases in data["qualifiers"].items() for phrase in phrases]
    quals.sort(key=lambda q: -len(q[0]))
    return _Words(by_pos["verbs"], by_pos["nouns"], by_pos["adjectives"],
                  frozenset(data["needs_dead"]), dict(data["toll_modifiers"]),
                  dict(data["numbers"]), dict(data["multipliers"]), dict(data["vague"]),
                  tuple(quals), frozenset(data["lives"]["nouns"]), frozenset(data["lives"]["verbs"]),
                  frozenset(data["happenings"]), frozenset(data["cumulative"]["adverbs"]),
                  frozenset(data["cumulative"]["phrases"]))


def number_value(words: list[str]) -> int | None:
    """Value of a number phrase ("nine", "1,200", "five hundred", "a dozen", "twenty-five")."""
    w = _words()
    total, cur, seen = 0, 0, False
    for word in (p for x in words for p in x.lower().split("-") if p):
        if _DIGITS.match(word):
            cur += int(word.replace(",", ""))
            seen = True
        elif word in w.numbers and (word not in {"a", "an"} or len(words) > 1):
            cur += w.numbers[word]
            seen = True
        elif word in w.multipliers:
            cur = max(cur, 1) * w.multipliers[word]
            seen = True
            if w.multipliers[word] >= 1000:
                total, cur = total + cur, 0
        else:
            return None
    return total + cur if seen else None


def _number_tokens(tok: Token) -> list[Token]:
    """The number phrase ending at ``tok`` ("five hundred", "a dozen")."""
    w = _words()
    out = [tok]
    i = tok.i - 1
    while i >= 0:
        t = tok.doc[i]
        low = t.lower_
        if t.like_num or low in w.numbers or low in w.multipliers or low == "-":
            out.insert(0, t)
            i -= 1
            continue
        break
    return [t for t in out if t.text != "-"]


def _qualified(tok: Token, value: int) -> Count:
    """The count ``value`` with the qualifier written before its number phrase."""
    first = _number_tokens(tok)[0]
    before = " ".join(t.lower_ for t in tok.doc[max(0, first.i - 4):first.i])
    kind = next((k for phrase, k in _words().qualifiers
                 if before == phrase or before.endswith(" " + phrase)), None)
    if kind == "at_least":
        return Count(min=value)
    if kind == "more_than":
        return Count(min=value + 1)
    if kind == "up_to":
        return Count(max=value)
    if kind == "less_than":
        return Count(max=max(value - 1, 0))
    return Count(min=value, max=value)


def np_count(np: Token) -> Count | None:
    """The count a noun phrase gives: "at least nine people", "more than 70",
    "dozens (of people)", "one U.S. soldier", "the deputy chief" (one)."""
    w = _words()
    for t in [np, *children(np, {"nummod", "quantmod"})]:
        if t.like_num or t.lower_ in w.numbers or t.lower_ in w.multipliers:
            value = number_value([x.text for x in _number_tokens(t)])
            if value is not None:
                return _qualified(t, value)
    if np.lower_ in w.vague:
        return Count(min=w.vague[np.lower_])
    for c in children(np, {"amod", "det"}):
        if c.lower_ in w.vague:
            return Count(min=w.vague[c.lower_])
    # a count in apposition: "the victims, 12 civilians", "the dead, nine soldiers and a driver"
    for a in children(np, {"appos"}):
        count = _coordinated_count(a)
        if count is not None:
            return count
    # a single named or described person: "killed the deputy chief", "killed a soldier"
    if np.tag_ in _PEOPLE_SINGULAR and (np.ent_type_ == "PERSON" or any(
            c.dep_ == "det" and c.lower_ in {"a", "an", "the"} for c in np.children)) and np.pos_ != "PRON":
        return Count(min=1, max=1)
    return None


def _coordinated_count(np: Token) -> Count | None:
    """The count of a noun phrase and its conjuncts, added up ("nine soldiers and a
    driver" → 10); None unless every conjunct is counted."""
    parts = with_conjuncts(np)
    counts = [np_count(p) for p in parts]
    if any(c is None or c.min is None for c in counts):
        return None
    low = sum(c.min or 0 for c in counts if c is not None)
    high = sum(c.max or 0 for c in counts if c is not None) \
        if all(c is not None and c.max is not None for c in counts) else None
    return Count(min=low, max=high)


def _verb_counts(tok: Token, fld: str) -> list[tuple[str, Count]]:
    """Counts around a casualty verb: its passive subject, object or intransitive subject."""
    w = _words()
    if lemma(tok) in w.needs_dead and not any(c.lower_ == "dead" for c in tok.children):
        return []
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children) or tok.tag_ == "VBN"
    if lemma(tok) in _INTRANSITIVE:
        slots = children(tok, {"nsubj"})
    elif passive:
        slots = children(tok, {"nsubjpass", "nsubj"})
        if not slots and tok.dep_ == "acl":
            slots = [tok.head]
    else:
        slots = children(tok, OBJECTS)
    out = []
    for s in slots:
        count = np_count(s)
        if count is not None:
            out.append((fld, count))
    return out


def _noun_count(tok: Token, fld: str | None) -> Count | None:
    """Count of a casualty noun: "nine dead", "12 deaths", "the death toll rose to 30"."""
    count = np_count(tok) if lemma(tok) != "toll" else None
    if count is not None and not (count.min == 1 and count.max == 1):
        return count
    if lemma(tok) == "toll":
        for _, o in prep_objects(tok, {"of", "at"}):
            c = np_count(o)
            if c is not None:
                return c
        head = tok.head
        # "the death toll rose to 30", and as an object: "brought the death toll to 35"
        if tok.dep_ in SUBJECTS | {"dobj"} and head.pos_ == "VERB":
            for _, o in prep_objects(head, {"to", "at"}):
                c = np_count(o)
                if c is not None:
                    return c
            attr = first_child(head, {"attr"})
            if attr is not None:
                return np_count(attr)
    return None


def _adjective_count(tok: Token) -> Count | None:
    """Count of a casualty adjective: "left five people dead" (the verb's object, or the
    adjective's own subject in "leaving 40 people dead and 100 wounded"), "the 40 dead"
    (the number the adjective modifies)."""
    if tok.dep_ in {"oprd", "acomp", "ccomp", "conj"}:
        for s in children(tok, {"nsubj"}):
            count = np_count(s)
            if count is not None:
                return count
        if tok.dep_ != "conj":
            return next((c for o in children(tok.head, OBJECTS) if (c := np_count(o))), None)
    if tok.dep_ == "amod" and tok.head.like_num:
        # "the 40 dead": the adjective names the people the number counts
        return np_count(tok.head)
    return None


def _lives_count(tok: Token) -> Count | None:
    """Count of the lives a verb of loss takes: "claimed 40 lives", "cost the lives of
    40 people" (the dead)."""
    w = _words()
    if tok.dep_ != "dobj" or lemma(tok.head) not in w.life_verbs:
        return None
    if children(tok, {"nummod", "quantmod"}):
        return np_count(tok)
    return next((c for _, o in prep_objects(tok, {"of"}) if (c := np_count(o))), None)


#: prepositions that place a toll in a happening ("killed in the raid", "hurt during the clashes")
_TOLL_PREPS = frozenset({"in", "during"})
_REFERRING = frozenset({"the", "this", "that", "these", "those"})


def toll_hosts(tok: Token) -> list[Token]:
    """The nouns a casualty word's clause counts its toll in: the noun its relative
    clause modifies ("the demonstration in which two were injured", "a raid where six
    were killed") and the objects of in/during ("injured in the operation")."""
    out = [tok.head] if tok.dep_ == "relcl" else []
    out += [o for _, o in prep_objects(tok, _TOLL_PREPS)]
    return out


def refers_to_happening(noun: Token) -> bool:
    """A definite or possessive noun naming a violent happening ("the operation",
    "Tuesday's unrest"): it refers back to an event already told."""
    if lemma(noun) not in _words().happenings and noun.lower_ not in _words().happenings:
        return False
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _REFERRING) for c in noun.children)


def is_cumulative(tok: Token) -> bool:
    """Whether a casualty word's clause counts a running total ("In all, five
    Palestinians have been killed", "40 killed so far", "killed since March 18"): the
    clause's verb (the first conjunct's for "… and hundreds injured") and the nouns
    whose toll it gives carry the cue."""
    w = _words()
    first = tok
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    for t in {tok, first}:
        for c in t.children:
            low = c.lower_
            if c.dep_ == "advmod" and low in w.cumulative_adverbs:
                return True
            if c.dep_ == "advmod" and low == "far" and any(g.lower_ in {"so", "thus"} for g in c.children):
                return True
            # "… have been killed since the rebels launched their campaign"
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in w.cumulative_phrases
                                         for m in c.children):
                return True
            if c.dep_ == "prep" and (low in w.cumulative_phrases or any(
                    f"{low} {o.lower_}" in w.cumulative_phrases for o in pobjs(c))):
                return True
    return False


def find_casualties(doc: Doc, words: DocWords | None = None) -> list[CasualtyCount]:
    """Every casualty count reported in the Doc, in text order."""
    w = _words()
    words = words or DocWords.of(doc)
    out: list[CasualtyCount] = []
    for sent in doc.sents:
        for tok in (doc[i] for i in words.hits(sent.start, sent.end, w.all_words)):
            lem = lemma(tok)
            if tok.pos_ == "VERB" and lem in w.verbs:
                out.extend(CasualtyCount(f, c, tok.i, sent.start) for f, c in _verb_counts(tok, w.verbs[lem]))
            elif lem in w.lives and tok.pos_ == "NOUN":
                lives = _lives_count(tok)
                if lives is not None:
                    out.append(CasualtyCount("killed", lives, tok.i, sent.start))
            elif tok.pos_ in {"NOUN", "ADJ", "PROPN"}:
                fld: str | None = w.nouns.get(lem) or w.nouns.get(tok.lower_)
                if lem == "toll":
                    mods = {lemma(c) for c in tok.children if c.dep_ in {"compound", "amod"}}
                    fld = next((w.toll[m] for m in mods if m in w.toll), fld)
                count: Count | None = _noun_count(tok, fld) if fld else None
                if count is None and tok.lower_ in w.adjectives:
                    fld, count = w.adjectives[tok.lower_], _adjective_count(tok)
                if fld and count is not None:
                    out.append(CasualtyCount(fld, count, tok.i, sent.start))
    return out


def combine(counts: list[Count]) -> Count:
    """One count from several reports of the same toll: the highest floor, and a
    ceiling only when no report exceeds it."""
    mins = [c.min for c in counts if c.min is not None]
    maxs = [c.max for c in counts if c.max is not None]
    low = max(mins) if mins else None
    high = max(maxs) if maxs else None
    if high is not None and low is not None and high < low:
        high = None
    return Count(min=low, max=high)
