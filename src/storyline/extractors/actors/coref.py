"""Within-article coreference beyond names: pronouns, definite descriptions, metonyms.

Names are grouped by :mod:`.entities`. This module links the other mentions to
those entities and returns them as :class:`~.mentions.Mention` objects:

- third-person pronouns ("he", "its", "they") in subject, object or possessive
  position -> the most salient compatible antecedent: same or previous two
  sentences, subjects before objects, main clauses before subordinate ones,
  nearer before farther. Non-entity noun phrases compete too: when "it" most
  likely refers to "the deal", it stays unresolved rather than being forced onto
  a name. A verb's subject is never the antecedent of its own object pronoun.
  Pleonastic "it" ("it is feared that …") is skipped.
- definite descriptions that name a known role or place: "the capital", "the
  city", "the country", "the president", "the government" -> the nearest
  preceding entity that fits (a capital city, a city, a country, a person with
  that role, a nominal actor with that head).
- metonyms: a capital or seat of government that is the subject of an active
  verb ("Moscow had continued its attacks", "the Kremlin said") stands for the
  government; its name mention gets kind ``metonym`` (the entity keeps its
  place identity and country code).

The interface is :func:`resolve`: a Doc plus the article's entities in, extra
mentions out, so a statistical coreference model can replace the rules.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ... import kb
from .attributes import story_country
from .mentions import Mention

_PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_THING_PRONOUNS = frozenset({"it", "its", "itself"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
_ALL_PRONOUNS = _PERSON_PRONOUNS | _THING_PRONOUNS | _PLURAL_PRONOUNS
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "dative", "iobj", "attr",
                       "agent", "appos", "conj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_SPEECH_OR_ACTION = frozenset({"VERB", "AUX"})
_MAX_SENTENCES_BACK = 2
#: ``doc.user_data`` key of the pronouns resolved to a noun phrase that names no entity
_NOUN_ANTECEDENTS = "storyline_pronoun_nouns"
#: how many tokens back a definite description looks for its referent: past the length
#: of any news article (the longest in the bench corpus is ~2,000 tokens), so it only
#: bounds the walk on book-length texts
DESCRIPTION_WINDOW = 10_000


@dataclass(frozen=True)
class EntityView:
    """What coreference needs to know about an entity."""

    id: str
    type: str
    name: str
    country: str | None
    roles: tuple[str, ...]
    spans: tuple[Span, ...]
    nominal_head: str | None = None   # head lemma of a nominal actor ("government")
    plural: bool = False


@dataclass(frozen=True)
class _Cand:
    entity: str | None   # None: a noun phrase that is not an entity
    head: Token
    type: str


def _salience(tok: Token) -> int:
    """Subjects outrank objects, main clauses outrank subordinate ones; a noun inside a
    subject ("the details of the agreement") ranks just below that subject."""
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.dep_ in _SUBJECT_DEPS:
        return _salience(tok.head.head) - 1
    score = 0
    if tok.dep_ in _SUBJECT_DEPS:
        score += 2
        if tok.head.dep_ == "ROOT":
            score += 1
    elif tok.dep_ in ("dobj", "attr"):
        score += 1
    return score


def _pleonastic(tok: Token) -> bool:
    """ "it is feared that …", "it is unclear whether …", "it takes time to …"."""
    head = tok.head
    if tok.lower_ != "it" or tok.dep_ not in _SUBJECT_DEPS:
        return False
    for h in (head, *[c for c in head.children if c.dep_ == "acomp"]):
        if any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > tok.i for c in h.children):
            return True
    return False


def _compatible(pron: str, cand: _Cand, plural: bool) -> bool:
    if pron in _PERSON_PRONOUNS:
        return cand.type == "PERSON"
    if pron in _THING_PRONOUNS:
        return cand.type not in ("PERSON",) and not plural
    return cand.type in ("ORG", "NORP") or plural


def resolve(doc: Doc, entities: Sequence[EntityView]) -> list[Mention]:
    """Pronoun, description and metonym mentions of ``entities`` in ``doc``."""
    by_token: dict[int, EntityView] = {}
    cands: list[_Cand] = []
    plural: dict[str, bool] = {}
    for e in entities:
        plural[e.id] = e.plural
        for s in e.spans:
            for i in range(s.start, s.end):
                by_token.setdefault(i, e)
            cands.append(_Cand(e.id, s.root, e.type))
    # one pass over the tokens: pronouns, nouns that may be descriptions, other nouns
    pronouns, nouns = [], []
    for tok in doc:
        if tok.dep_ not in _ARG_DEPS or tok.i in by_token:
            continue
        if tok.pos_ == "PRON" and tok.lower_ in _ALL_PRONOUNS:
            pronouns.append(tok)
        elif tok.pos_ == "NOUN":
            nouns.append(tok)
            cands.append(_Cand(None, tok, "THING" if tok.tag_ != "NNS" else "PLURAL"))
    cands.sort(key=lambda c: c.head.i)
    out: list[Mention] = []
    out += _metonyms(entities)
    out += _descriptions(nouns, entities)
    out += _pronouns(doc, pronouns, cands, plural)
    return out


def noun_antecedent(doc: Doc, pron: Token) -> Token | None:
    """The noun phrase (its head) that a pronoun resolved to when that phrase names no
    entity ("Thousands of supporters marched. They chanted …" → "supporters"), else None."""
    i = doc.user_data.get(_NOUN_ANTECEDENTS, {}).get(pron.i)
    return doc[i] if i is not None else None


def _pronouns(doc: Doc, pronouns: list[Token], cands: list[_Cand], plural: dict[str, bool]
              ) -> list[Mention]:
    """Pronouns resolved to entities (non-entity noun phrases compete as candidates)."""
    out: list[Mention] = []
    sent_of = [0] * len(doc)
    sent_start = []
    for n, s in enumerate(doc.sents):
        sent_start.append(s.start)
        for i in range(s.start, s.end):
            sent_of[i] = n
    resolved: list[_Cand] = []
    resolved_heads: list[int] = []  # in text order, as pronouns are: bisected, not scanned
    nouns: dict[int, int] = doc.user_data.setdefault(_NOUN_ANTECEDENTS, {})
    heads = [c.head.i for c in cands]
    for tok in pronouns:
        low = tok.lower_
        if _pleonastic(tok):
            continue
        here = sent_of[tok.i]
        window_start = sent_start[max(0, here - _MAX_SENTENCES_BACK)]
        lo, hi = bisect_left(heads, window_start), bisect_left(heads, tok.i)
        best: tuple[int, int, _Cand] | None = None
        recent = resolved[bisect_left(resolved_heads, window_start):]
        for c in [*cands[lo:hi], *recent]:
            back = here - sent_of[c.head.i]
            is_plural = plural.get(c.entity, False) if c.entity else c.type == "PLURAL"
            if c.entity is None:
                ok = (low in _THING_PRONOUNS and c.type == "THING") or \
                     (low in _PLURAL_PRONOUNS and c.type == "PLURAL")
            else:
                ok = _compatible(low, c, is_plural)
            if not ok or _bound_subject(tok, c.head):
                continue
            score = (_salience(c.head) - back, c.head.i)
            if best is None or score > best[:2]:
                best = (score[0], score[1], c)
        entity = best[2].entity if best is not None else None
        if best is not None and entity is None:
            # the pronoun refers to a noun phrase that names no entity ("the supporters …
            # they"): kept for the events, which may take that phrase as a group actor
            nouns[tok.i] = best[2].head.i
        if best is not None and entity is not None:
            out.append(Mention(tok.i, tok.i + 1, entity, "pronoun"))
            resolved.append(_Cand(entity, tok, best[2].type))
            resolved_heads.append(tok.i)
    return out


def _bound_subject(pron: Token, cand: Token) -> bool:
    """A verb's subject cannot be its own (non-possessive, non-reflexive) object pronoun."""
    if pron.dep_ in ("poss",) or pron.lower_.endswith("self") or pron.lower_.endswith("selves"):
        return False
    verb = pron.head if pron.dep_ != "pobj" else pron.head.head
    return cand.dep_ in _SUBJECT_DEPS and cand.head.i == verb.i


# ---------------------------------------------------------------- descriptions

def _is_city(e: EntityView) -> bool:
    if e.type != "GPE" or kb.country(e.name) is not None:
        return False
    entries = [p for p in kb.places(e.name) if not p.alias]
    return (bool(entries) and entries[0].kind == "city") or kb.capital_country(e.name) is not None


def follows_regnal_title(span: Span) -> bool:
    """A name right after a monarch's title ("King Hussein", "Prince Hassan")."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in kb.regnal_titles()


def _regnal_named(e: EntityView) -> bool:
    """A person named with a regnal title ("King Hussein", "the Sultan, Qaboos")."""
    titles = kb.regnal_titles()
    if any(w in titles for r in e.roles for w in r.casefold().split()):
        return True
    return any(s[0].lower_ in titles or follows_regnal_title(s) for s in e.spans)


class _Antecedents:
    """The entities' name mentions in text order, walked back from a description."""

    def __init__(self, entities: Sequence[EntityView]) -> None:
        self.entities = entities
        at = sorted((s.start, k) for k, e in enumerate(entities) for s in e.spans)
        self.starts = [start for start, _ in at]
        self.owners = [k for _, k in at]

    def latest(self, before: int, fits: Callable[[EntityView], bool]) -> EntityView | None:
        """The fitting entity (first mentioned before token ``before``) whose latest mention
        before it is the latest, within DESCRIPTION_WINDOW tokens; ties go to the first
        entity."""
        seen: set[int] = set()
        i = bisect_left(self.starts, before) - 1
        while i >= 0 and self.starts[i] >= before - DESCRIPTION_WINDOW:
            j = i
            while j > 0 and self.starts[j - 1] == self.starts[i]:
                j -= 1
            for k in self.owners[j:i + 1]:
                e = self.entities[k]
                if k not in seen and e.spans[0].start < before and fits(e):
                    return e
                seen.add(k)
            i = j - 1
        return None


def _description_target(head: Token, antecedents: _Antecedents,
                        focus: str | None = None) -> EntityView | None:
    """The entity a definite description names, among those mentioned before it;
    ``focus``: the country the story is filed from or about."""
    low = head.lemma_.lower()

    def latest(pred: Callable[[EntityView], bool]) -> EntityView | None:
        return antecedents.latest(head.i, pred)

    country = None
    for child in head.lefts:
        if child.dep_ in ("amod", "compound"):
            c = kb.country_by_demonym(child.text) or kb.country(child.text)
            country = c.iso3 if c else country
    if low == "capital":
        return latest(lambda e: (c := kb.capital_country(e.name)) is not None
                      and e.type == "GPE" and (country is None or c.iso3 == country))
    if low == "city":
        return latest(lambda e: _is_city(e) and (country is None or e.country == country))
    if low == "country":
        return latest(lambda e: e.type == "GPE" and kb.country(e.name) is not None)
    if low in kb.monarch_nouns():
        # "King Hussein … The monarch will meet Bush": the person named with a regnal title
        return latest(lambda e: e.type == "PERSON" and _regnal_named(e))
    if kb.title_sector(low) is not None:
        return latest(lambda e: e.type == "PERSON" and any(
            low in r.casefold().split() for r in e.roles))
    group = kb.group(low)
    if group is not None:
        if country is None and focus is not None:
            # a bare "the government", "the army" in news is the one of the country the
            # story is about, however recently a foreign one was named ("asked the
            # Norwegian government …; the government was committed to …")
            home = latest(lambda e: e.nominal_head == group.lemma and e.country == focus)
            if home is not None:
                return home
        return latest(lambda e: e.nominal_head == group.lemma
                      and (country is None or e.country == country))
    return None


def _descriptions(nouns: list[Token], entities: Sequence[EntityView]) -> list[Mention]:
    out: list[Mention] = []
    if not nouns:
        return out
    antecedents = _Antecedents(entities)
    doc = nouns[0].doc
    focus = story_country(doc)
    for tok in nouns:
        low = tok.lemma_.lower()
        if low not in ("capital", "city", "country") and kb.title_sector(low) is None \
                and kb.group(low) is None and low not in kb.monarch_nouns():
            continue
        det = [c for c in tok.lefts if c.dep_ == "det"]
        if not det or det[0].lower_ != "the":
            continue
        # "the capital of Ukraine" names its own referent: leave it to the names
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights):
            continue
        target = _description_target(tok, antecedents, focus)
        if target is not None:
            out.append(Mention(det[0].i, tok.i + 1, target.id, "description"))
    return out


# ---------------------------------------------------------------- metonyms

def _metonyms(entities: Sequence[EntityView]) -> list[Mention]:
    out = []
    for e in entities:
        if e.type not in ("GPE", "FAC", "ORG"):
            continue
        if kb.capital_country(e.name) is None and kb.seat(e.name) is None:
            continue
        for s in e.spans:
            root = s.root
            if root.dep_ == "nsubj" and root.head.pos_ in _SPEECH_OR_ACTION:
                out.append(Mention(s.start, s.end, e.id, "metonym"))
    return out
