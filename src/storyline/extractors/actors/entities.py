"""Named-entity mentions grouped into one entity per real-world referent.

spaCy's NER spans (after :mod:`.repair`) are grouped within the article by name
variants: "Trump" with "Donald Trump", "Zelensky" with "Zelenskyy", "U.S." with
"United States" and "NATO" with "North Atlantic Treaty Organization" (through
the KB). Country, actor code and roles are filled by :mod:`.attributes`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span

from ... import kb
from ...record import Entity
from ...resources import load_yaml
from ..text.doc_cache import span_text
from . import acronyms
from .attributes import Attributes, Nominal, article_country, entity_attributes, nominal_actors
from .coref import EntityView, follows_regnal_title, resolve
from .mentions import Mention
from .repair import dateline_spans, repair

#: NER labels that name things (numbers, dates and amounts are not entities).
NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
     "LANGUAGE"}
)
#: Labels that may share a referent although the model disagrees on the label.
_PLACE_OR_BODY = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP"})

_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=16384)
def strip_name(text: str) -> str:
    """Name without a leading article, possessive ending or edge punctuation."""
    text = _LEADING.sub("", text.strip())
    text = _TRAILING_POSSESSIVE.sub("", text)
    return text.strip(" \t\n,;:-–—\"“”‘’'()")


@lru_cache(maxsize=16384)
def name_key(text: str) -> str:
    """Comparison key of a name: casefolded words, punctuation removed ("U.S." -> "us")."""
    return _NON_WORD.sub(" ", strip_name(text).casefold().replace(".", "")).strip()


@lru_cache(maxsize=1)
def _variant_groups() -> dict[str, int]:
    groups = load_yaml("actors/name_variants.yaml")["groups"]
    return {name_key(name): i for i, group in enumerate(groups) for name in group}


@lru_cache(maxsize=4096)
def referent_key(text: str) -> str | None:
    """KB identity of a name, shared by all its variants ("U.S." and "America" -> "country:USA")."""
    # a country's name or its demonym ("Turkish", "Belgians"): the demonym used as an actor
    # stands for the country
    c = kb.country(text) or kb.country_by_demonym(text)
    if c is not None:
        return f"country:{c.iso3}"
    o = kb.igo(text)
    if o is not None:
        return f"igo:{o.acronym}"
    seat = kb.seat(text)
    if seat is not None:
        return f"seat:{seat.name}"
    # regions and seas the gazetteer names several ways ("Crimea", "the Crimean Peninsula")
    regions = [p for p in kb.places(text) if p.kind in ("region", "water")]
    if regions:
        return f"place:{regions[0].name}"
    return None


def spelling_variant(a: str, b: str) -> bool:
    """Transliteration variants of one surname: "Zelenskyy", "Zelensky", "Zelenskiy"."""
    a, b = a.casefold(), b.casefold()
    if a == b:
        return True
    if len(a) < 6 or len(b) < 6 or abs(len(a) - len(b)) > 2:
        return False
    stem = min(len(a), len(b)) - 1
    return a[:stem] == b[:stem]


#: how far into the text a dateline lies (tokens, characters)
_DATELINE_TOKENS = 8
_DATELINE_CHARS = 80


@dataclass
class _Cluster:
    mentions: list[Span] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)      # the mentions' texts, in step
    keys: set[str] = field(default_factory=set)
    groups: set[int] = field(default_factory=set)       # name-variant groups of the keys
    votes: Counter[str] = field(default_factory=Counter)
    refs: set[str] = field(default_factory=set)
    #: a mention follows a monarch's title ("King Hussein"): its name is a given name
    regnal: bool = False
    _label: str | None = None

    @classmethod
    def of(cls, spans: Iterable[Span]) -> _Cluster:
        cluster = cls()
        for span in spans:
            text = span_text(span)
            cluster.add(span, text, name_key(text), span.label_)
        return cluster

    def add(self, span: Span, text: str, key: str, label: str) -> None:
        self.mentions.append(span)
        self.texts.append(text)
        self.keys.add(key)
        group = _variant_groups().get(key)
        if group is not None:
            self.groups.add(group)
        self.votes[label] += 1
        self._label = None
        ref = referent_key(text)
        if ref is not None:
            self.refs.add(ref)

    def sort(self) -> None:
        """Mentions (and their texts) in text order."""
        order = sorted(range(len(self.mentions)), key=lambda n: self.mentions[n].start)
        self.mentions = [self.mentions[n] for n in order]
        self.texts = [self.texts[n] for n in order]

    def _datelined(self, label: str) -> bool:
        """Whether the first mention with ``label`` is the article's dateline."""
        first = min((m for m in self.mentions if m.label_ == label), key=lambda m: m.start)
        return first.start < _DATELINE_TOKENS and any(
            d.start == first.start for d in dateline_spans(first.doc, _DATELINE_CHARS))

    @property
    def label(self) -> str:
        if self._label is None:
            # a tie goes to the label of a name placed as the dateline ("TORRINGTON —"
            # before "Torrington businesses": the place the story was filed from)
            self._label = max(self.votes, key=lambda lab: (self.votes[lab], lab == "PERSON",
                                                           self._datelined(lab), lab))
            # a country named by its name and its demonym ("Turkey", "Turkish") is the country
            if self._label == "NORP" and self.votes["GPE"] and self._demonyms() != len(self.texts):
                self._label = "GPE"
        return self._label

    def _demonyms(self) -> int:
        return sum(1 for t in self.texts
                   if kb.country_by_demonym(t) is not None and kb.country(t) is None)

    @property
    def fullest(self) -> str:
        names = [strip_name(t) for t in self.texts]
        # the country's name before its demonym
        named = [n for n in names if not (kb.country_by_demonym(n) and kb.country(n) is None)]
        return max(named or names, key=lambda n: (len(n.split()), len(n), -names.index(n)))


def _person_tokens(text: str) -> list[str]:
    return name_key(text).split()


def _same_person(short: str, long: str) -> bool:
    """'Trump' names the same person as 'Donald Trump' (a word subset ending the same way);
    spelling variants of the surname count ('Zelensky', 'Volodymyr Zelenskyy')."""
    s, full = _person_tokens(short), _person_tokens(long)
    if not s or len(s) > len(full):
        return False
    # a shorter form: a subset of the full name's words, ending the same way ("Bill Clinton"
    # is not a short form of "Hillary Clinton")
    if len(s) < len(full) and set(s) <= set(full) and (s[-1] == full[-1] or len(s) == 1):
        return True
    return spelling_variant(s[-1], full[-1]) and all(w in full for w in s[:-1])


def _compatible(label_a: str, label_b: str) -> bool:
    return label_a == label_b or (label_a in _PLACE_OR_BODY and label_b in _PLACE_OR_BODY)


#: Clusters under one index value, by identity (insertion-ordered, no duplicates).
_Bucket = dict[int, "_Cluster"]


class _Index:
    """The clusters by what a new name may match them on (key, variant group, KB identity,
    the words of their names), so a name is compared with the clusters it may join instead
    of all of them: the answers of a scan in creation order, at a cost that does not grow
    with the number of clusters (a long article has thousands)."""

    def __init__(self) -> None:
        self.clusters: list[_Cluster] = []
        self.order: dict[int, int] = {}
        self.by_key: dict[str, _Bucket] = defaultdict(dict)
        self.by_group: dict[int, _Bucket] = defaultdict(dict)
        self.by_ref: dict[str, _Bucket] = defaultdict(dict)
        self.by_word: dict[str, _Bucket] = defaultdict(dict)
        self.by_last: dict[str, _Bucket] = defaultdict(dict)

    def first(self, found: Iterable[_Cluster]) -> _Cluster | None:
        return min(found, key=lambda c: self.order[id(c)], default=None)

    def add(self, cluster: _Cluster, text: str, key: str) -> None:
        if id(cluster) not in self.order:
            self.order[id(cluster)] = len(self.clusters)
            self.clusters.append(cluster)
        self.by_key[key][id(cluster)] = cluster
        group = _variant_groups().get(key)
        if group is not None:
            self.by_group[group][id(cluster)] = cluster
        ref = referent_key(text)
        if ref is not None:
            self.by_ref[ref][id(cluster)] = cluster
        words = _person_tokens(text)
        for word in words:
            self.by_word[word][id(cluster)] = cluster
        if words:
            # a spelling variant of a surname shares its first five letters (spelling_variant)
            self.by_last[words[-1][:5]][id(cluster)] = cluster

    def matching(self, key: str, group: int | None, ref: str | None) -> list[_Cluster]:
        """Clusters with this key, variant group or KB identity."""
        found = dict(self.by_key.get(key, {}))
        if group is not None:
            found.update(self.by_group.get(group, {}))
        if ref is not None:
            found.update(self.by_ref.get(ref, {}))
        return list(found.values())

    def persons(self, text: str) -> list[_Cluster]:
        """Clusters that may hold a longer form of the person name ``text``."""
        words = _person_tokens(text)
        if not words:
            return []
        found = {**self.by_word.get(words[-1], {}), **self.by_last.get(words[-1][:5], {})}
        return list(found.values())


def group_mentions(spans: Iterable[Span]) -> list[list[Span]]:
    """Group entity mentions into referents, in order of first mention."""
    variants = _variant_groups()
    index = _Index()
    named = [(span, span_text(span)) for span in sorted(spans, key=lambda s: s.start)]
    # Longest names first, so short forms attach to the full name they abbreviate.
    for span, text in sorted(named, key=lambda st: (-len(_person_tokens(st[1])), st[0].start)):
        key = name_key(text)
        if not key:
            continue
        label = span.label_
        target = _find_cluster(index, label, text, key, variants.get(key), referent_key(text),
                               _regnal(span) and len(_person_tokens(text)) == 1)
        if target is None and label == "ORG":
            # an acronym joins the name it abbreviates ("AFP", "Australian Federal Police")
            full = acronyms.expansion(span.doc, text)
            if full is not None:
                target = index.first(index.matching(name_key(span_text(full)), None, None))
        if target is None:
            target = _Cluster()
        target.regnal = target.regnal or _regnal(span)
        target.add(span, text, key, label)
        index.add(target, text, key)
    clusters = index.clusters
    for c in clusters:
        c.sort()
    clusters.sort(key=lambda c: c.mentions[0].start)
    return [c.mentions for c in clusters]


def _regnal(span: Span) -> bool:
    """A person name right after a monarch's title ("King Hussein", "Prince Hassan")."""
    return span.label_ == "PERSON" and follows_regnal_title(span)


def _find_cluster(index: _Index, label: str, text: str, key: str,
                  group: int | None, ref: str | None, regnal: bool = False) -> _Cluster | None:
    """The cluster a name joins: ``group`` is its name-variant group, ``ref`` its KB identity.
    A monarch's one-word given name (``regnal``) joins only a name also told with a
    monarch's title: "King Hussein" is not "Saddam Hussein"."""
    if regnal:
        return index.first(c for c in index.matching(key, group, ref) + index.persons(text)
                           if c.regnal and c.label == label
                           and any(t == text or _same_person(text, t) for t in c.texts))
    # the same name, a listed variant ("U.S." / "United States") or, by the KB, the same
    # referent ("NATO" / "North Atlantic Treaty Organization"), with a compatible label
    found = index.first(c for c in index.matching(key, group, ref)
                        if _compatible(label, c.label))
    if found is not None:
        return found
    if label == "PERSON":
        # a shorter form of a person's name ("Trump" after "Donald Trump")
        persons = [c for c in index.persons(text) if c.label == "PERSON"
                   and any(_same_person(text, t) for t in c.texts)]
        if len(persons) == 1:
            return persons[0]
    # the same name under another label (the model tags "Trump" GPE once): one referent
    return index.first(index.by_key.get(key, {}).values())


def entities_from_groups(groups: Sequence[Sequence[Span]]) -> list[Entity]:
    """Entity records (ids e1, e2, ... in order of first mention) for mention groups."""
    out = []
    for n, mentions in enumerate(groups, start=1):
        cluster = _Cluster.of(mentions)
        out.append(Entity(
            id=f"e{n}",
            name=cluster.fullest,
            type=cluster.label,
            mentions=[_trimmed_offsets(m) for m in mentions],
        ))
    return out


def _trimmed_offsets(span: Span) -> tuple[int, int]:
    """Character offsets of a mention without a trailing possessive ("Ukraine’s" -> "Ukraine")."""
    start, end = span.start_char, span.end_char
    if len(span) > 1 and span[-1].text in {"'s", "’s", "'", "’"}:
        end = span[-2].idx + len(span[-2].text)
    return start, end


def mentions_from_groups(groups: Sequence[Sequence[Span]]) -> list[Mention]:
    """Token-level name mentions of the entities built by :func:`entities_from_groups`."""
    return [Mention(m.start, m.end, f"e{n}", "name")
            for n, mentions in enumerate(groups, start=1) for m in mentions]


def _held_for(attrs: Attributes, before: Sequence[Entity], doc: Doc) -> Attributes:
    """Roles held for another person take that person's country ("Arroyo spokesman Ignacio
    Bunye" -> PHL, PHLGOV); else the article's."""
    key = name_key(attrs.of_person or "")
    boss = next((e for e in before if e.type == "PERSON" and e.country
                 and (key in name_key(e.name).split() or key == name_key(e.name))), None)
    country = boss.country if boss is not None else article_country(doc)
    sector = next((kb.title_sector(w) for r in attrs.roles for w in reversed(r.lower().split())
                   if kb.title_sector(w)), None)
    return Attributes(country, kb.actor_code(country, sector) if country else None, attrs.roles)


def _conjoined(span: Span) -> bool:
    return any(t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children) for t in span)


def extract_entities(doc: Doc, disabled_repairs: Iterable[str] = ()
                     ) -> tuple[list[Entity], list[Mention]]:
    """One entity per referent and every mention of it.

    Named entities (NER spans after :func:`.repair.repair`, grouped by name
    variants) and nominal actors (:func:`.actors.nominal_actors`) get ids e1, e2, …
    in order of first mention, with country, actor code and roles
    (:mod:`.attributes`). The mentions are the name mentions plus the pronoun,
    description and metonym mentions found by :func:`.coref.resolve`; only name
    mentions (and the nominal actors' own noun phrases) go into
    ``Entity.mentions``.
    """
    spans = repair(doc, (e for e in doc.ents if e.label_ in NAME_LABELS), disabled_repairs)
    covered = {i for s in spans for i in range(s.start, s.end)}
    nominals = nominal_actors(doc, covered)
    # a national or ethnic adjective inside a group of people's phrase ("Israeli" in "Israeli
    # soldiers") is part of that actor, not an actor of its own; conjoined ones ("Belgian and
    # Dutch police") and those of institutions ("the Spanish government", ORG) stay the
    # countries' own mentions
    inside = {i for n in nominals if n.type == "NORP" for m in n.spans
              for i in range(m.start, m.end)}
    spans = [s for s in spans if s.label_ != "NORP" or _conjoined(s)
             or not inside.issuperset(range(s.start, s.end))]
    groups = group_mentions(spans)
    items: list[tuple[int, list[Span] | Nominal]] = [(g[0].start, list(g)) for g in groups]
    items += [(n.spans[0].start, n) for n in nominals]
    items.sort(key=lambda item: item[0])
    entities: list[Entity] = []
    views: list[EntityView] = []
    mentions: list[Mention] = []
    for n, (_, item) in enumerate(items, start=1):
        eid = f"e{n}"
        if isinstance(item, Nominal):
            entities.append(Entity(
                id=eid, name=item.name, type=item.type, country=item.country, actor=item.actor,
                mentions=[(s.start_char, s.end_char) for s in item.spans]))
            views.append(EntityView(eid, item.type, item.name, item.country, (), tuple(item.spans),
                                    nominal_head=item.lemma, plural=item.plural))
            mentions += [Mention(s.start, s.end, eid, "description") for s in item.spans]
            continue
        cluster = _Cluster.of(item)
        label, fullest = cluster.label, cluster.fullest
        attrs = entity_attributes(doc, item, label)
        if attrs.of_person is not None:
            attrs = _held_for(attrs, entities, doc)
        entities.append(Entity(
            id=eid, name=fullest, type=label, country=attrs.country,
            actor=attrs.actor, roles=list(attrs.roles),
            mentions=[_trimmed_offsets(m) for m in item]))
        views.append(EntityView(eid, label, fullest, attrs.country, attrs.roles, tuple(item)))
        mentions += [Mention(m.start, m.end, eid, "name") for m in item]
    extra = resolve(doc, views)
    metonyms = {(m.start, m.end) for m in extra if m.kind == "metonym"}
    mentions = [Mention(m.start, m.end, m.entity, "metonym") if (m.start, m.end) in metonyms
                else m for m in mentions]
    mentions += [m for m in extra if m.kind != "metonym"]
    mentions.sort(key=lambda m: (m.start, m.end))
    return entities, mentions
