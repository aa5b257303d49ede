"""Cross-document entity resolution: one id per real-world referent across the corpus.

Within an article, the extractor already groups "Trump" with "Donald Trump".
Across articles, entities are joined by, in order of trust:

1. a knowledge-base code: the GeoNames id of a geocoded place;
2. the same normalized name (or a listed variant: "U.S." / "United States") of
   the same kind (person, organization, place, group), unless their countries
   differ (Georgia the country vs. Georgia the US state);
3. for a person named by a shorter form only ("Trump"), the one full name in
   the corpus it abbreviates; when several fit ("Johnson"), the one whose
   co-occurring entities overlap most with the article's (context), else none.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..extractors.actors.entities import name_key
from ..record import ArticleRecord, Entity
from ..resources import load_yaml

#: Entity types grouped into the kinds that may share a referent.
_KIND = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place",
         "NORP": "group"}

EntityRef = tuple[str, str]  # (article id, entity id)


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """Name key → the key of its group's first (canonical) name."""
    out: dict[str, str] = {}
    for group in load_yaml("actors/name_variants.yaml")["groups"]:
        canonical = name_key(group[0])
        for name in group:
            out[name_key(name)] = canonical
    return out


def kind_of(entity_type: str) -> str:
    return _KIND.get(entity_type, entity_type.lower())


def canonical_key(name: str) -> str:
    key = name_key(name)
    return _variants().get(key, key)


@dataclass
class ResolvedEntity:
    """One referent across the corpus and the article entities that name it."""

    id: str
    members: list[EntityRef] = field(default_factory=list)
    names: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    actors: Counter[str] = field(default_factory=Counter)
    n_mentions: int = 0

    def add(self, ref: EntityRef, e: Entity) -> None:
        self.members.append(ref)
        weight = max(len(e.mentions), 1)
        self.names[e.name] += weight
        self.types[e.type] += weight
        if e.country:
            self.countries[e.country] += weight
        if e.actor:
            self.actors[e.actor] += weight
        self.n_mentions += len(e.mentions)

    @property
    def name(self) -> str:
        """The most used of the fullest names."""
        return max(self.names, key=lambda n: (len(n.split()), self.names[n], n))

    def top(self, counts: Counter[str]) -> str | None:
        return max(counts, key=lambda k: (counts[k], k)) if counts else None

    @property
    def n_articles(self) -> int:
        return len({a for a, _ in self.members})

    @property
    def last_name(self) -> str | None:
        """The last word of a person's full name (what a one-word mention may abbreviate)."""
        if self.top(self.types) != "PERSON":
            return None
        words = name_key(self.name).split()
        return words[-1] if len(words) > 1 else None

    def counts(self) -> dict[str, dict[str, int]]:
        """The weighted names, types, countries and actor codes (stored with the row, so an
        update can add to them)."""
        return {"names": dict(self.names), "types": dict(self.types),
                "countries": dict(self.countries), "actors": dict(self.actors)}

    def merge_counts(self, counts: dict[str, dict[str, int]]) -> None:
        """Add stored counts (see :meth:`counts`) to this entity's."""
        for name in ("names", "types", "countries", "actors"):
            getattr(self, name).update(counts.get(name, {}))


def _rid(key: str) -> str:
    return "r" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


#: (kind, name key) → how many article entities of that key name each country.
KeyCountries = dict[tuple[str, str], Counter[str]]


@dataclass
class Resolution:
    """The result: resolved entities and the link of every article entity to one."""

    entities: dict[str, ResolvedEntity]
    link: dict[EntityRef, str]
    key_countries: KeyCountries = field(default_factory=dict)

    def of(self, article_id: str, entity_id: str | None) -> str | None:
        return self.link.get((article_id, entity_id)) if entity_id else None


def _geonames(record: ArticleRecord) -> dict[str, int]:
    return {p.entity: p.geonameid for p in record.places if p.entity and p.geonameid}


def _is_short_person(e: Entity) -> bool:
    return e.type == "PERSON" and len(name_key(e.name).split()) == 1


def resolve_entities(records: Iterable[ArticleRecord]) -> Resolution:
    """Resolve every entity of ``records`` across the corpus."""
    records = list(records)
    groups: dict[str, ResolvedEntity] = {}
    link: dict[EntityRef, str] = {}
    # per (kind, key): the countries seen, to keep same-named referents of different countries apart
    countries_by_key: KeyCountries = defaultdict(Counter)
    count_key_countries(records, countries_by_key)
    short = resolve_full_names(records, countries_by_key, groups, link)
    context, here = cooccurrence(link)
    resolve_short_names(short, groups, link, persons_by_last_name(groups), context, here)
    return Resolution(groups, link, dict(countries_by_key))


def count_key_countries(records: Iterable[ArticleRecord], into: KeyCountries) -> None:
    """Add the countries the entities of ``records`` give each (kind, name key)."""
    for r in records:
        for e in r.entities:
            if e.country:
                into[(kind_of(e.type), canonical_key(e.name))][e.country] += 1


def resolve_full_names(records: Iterable[ArticleRecord], countries_by_key: KeyCountries,
                       groups: dict[str, ResolvedEntity], link: dict[EntityRef, str]
                       ) -> list[tuple[ArticleRecord, Entity]]:
    """Link every entity of ``records`` but one-word person names (returned, for
    :func:`_resolve_short_names`) by GeoNames id or kind, name key and country."""
    short: list[tuple[ArticleRecord, Entity]] = []
    for r in records:
        geo = _geonames(r)
        for e in r.entities:
            key = canonical_key(e.name)
            if not key:
                continue
            if _is_short_person(e):
                short.append((r, e))
                continue
            kind = kind_of(e.type)
            if kind == "place" and e.id in geo:
                gkey = f"geo:{geo[e.id]}"
            else:
                country = e.country or _only(countries_by_key[(kind, key)])
                gkey = f"{kind}:{key}:{country or ''}"
            _add(groups, link, gkey, r.id, e)
    return short


def _only(counts: Counter[str]) -> str | None:
    """The country of a key when the corpus knows exactly one for it (else unknown)."""
    return next(iter(counts)) if len(counts) == 1 else None


def _add(groups: dict[str, ResolvedEntity], link: dict[EntityRef, str], gkey: str,
         article_id: str, e: Entity) -> None:
    rid = _rid(gkey)
    group = groups.get(rid)
    if group is None:
        group = groups[rid] = ResolvedEntity(rid)
    group.add((article_id, e.id), e)
    link[(article_id, e.id)] = rid


def persons_by_last_name(groups: dict[str, ResolvedEntity]) -> dict[str, list[str]]:
    """Resolved people with a full name, by the key of its last word."""
    by_last: dict[str, list[str]] = defaultdict(list)
    for rid, g in groups.items():
        last = g.last_name
        if last:
            by_last[last].append(rid)
    return by_last


def cooccurrence(link: dict[EntityRef, str]
                 ) -> tuple[dict[str, Counter[str]], dict[str, set[str]]]:
    """Per resolved id, the ids it shares an article with (and how often); per article, its ids."""
    context: dict[str, Counter[str]] = defaultdict(Counter)  # resolved id → co-occurring ids
    article_ids: dict[str, set[str]] = defaultdict(set)
    for (aid, _), rid in link.items():
        article_ids[aid].add(rid)
    for ids in article_ids.values():
        for rid in ids:
            context[rid].update(ids - {rid})
    return context, article_ids


def resolve_short_names(short: list[tuple[ArticleRecord, Entity]],
                        groups: dict[str, ResolvedEntity], link: dict[EntityRef, str],
                        by_last: dict[str, list[str]], context: dict[str, Counter[str]],
                        here: dict[str, set[str]]) -> None:
    """Attach one-word person names to the full name they abbreviate, using context
    (``by_last``, ``context`` and ``here`` as :func:`persons_by_last_name` and
    :func:`cooccurrence` give them; every candidate must be in ``groups``)."""
    for r, e in short:
        key = name_key(e.name)
        candidates = [c for c in by_last.get(key, [])
                      if not (e.country and groups[c].countries
                              and e.country not in groups[c].countries)]
        choice = _by_context(candidates, here[r.id], context) if candidates else None
        if choice is None:
            _add(groups, link, f"person:{key}:{e.country or ''}", r.id, e)
        else:
            groups[choice].add((r.id, e.id), e)
            link[(r.id, e.id)] = choice


def _by_context(candidates: list[str], here: set[str], context: dict[str, Counter[str]]
                ) -> str | None:
    """The candidate whose usual company overlaps most with the article's entities."""
    if len(candidates) == 1:
        return candidates[0]
    scores = {c: sum(1 for x in here if context[c][x]) for c in candidates}
    best = max(scores.values())
    winners = [c for c, s in scores.items() if s == best]
    return winners[0] if best > 0 and len(winners) == 1 else None
