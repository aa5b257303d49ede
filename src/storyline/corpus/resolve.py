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
from collections.abc import Iterable, Sequence
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


def _rid(key: str) -> str:
    return "r" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@dataclass
class Resolution:
    """The result: resolved entities and the link of every article entity to one."""

    entities: dict[str, ResolvedEntity]
    link: dict[EntityRef, str]

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
    countries_by_key: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for r in records:
        for e in r.entities:
            if e.country:
                countries_by_key[(kind_of(e.type), canonical_key(e.name))][e.country] += 1
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
    _resolve_short_names(records, short, groups, link)
    return Resolution(groups, link)


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


def _resolve_short_names(records: Sequence[ArticleRecord],
                         short: list[tuple[ArticleRecord, Entity]],
                         groups: dict[str, ResolvedEntity], link: dict[EntityRef, str]) -> None:
    """Attach one-word person names to the full name they abbreviate, using context."""
    by_last: dict[str, list[str]] = defaultdict(list)
    for rid, g in groups.items():
        if g.top(g.types) == "PERSON":
            words = name_key(g.name).split()
            if len(words) > 1:
                by_last[words[-1]].append(rid)
    context: dict[str, Counter[str]] = defaultdict(Counter)  # resolved id → co-occurring ids
    article_ids: dict[str, set[str]] = defaultdict(set)
    for (aid, _), rid in link.items():
        article_ids[aid].add(rid)
    for ids in article_ids.values():
        for rid in ids:
            context[rid].update(ids - {rid})
    for r, e in short:
        key = name_key(e.name)
        candidates = [c for c in by_last.get(key, [])
                      if not (e.country and groups[c].countries
                              and e.country not in groups[c].countries)]
        choice = _by_context(candidates, article_ids[r.id], context) if candidates else None
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
