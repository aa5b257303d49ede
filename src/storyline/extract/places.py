"""Geocoding: every place the article names, with coordinates, country and GeoNames id.

Places are GPE/LOC/FAC entities found in the gazetteer (:func:`storyline.kb.places`:
GeoNames cities >= 500 inhabitants, countries, admin-1 regions, US counties,
regions, seas and seats of government), and NORP entities that are demonyms
("Palestinians" -> Palestine).

Each candidate gets a score:
- prior: countries, continents and regions before admin-1 regions, counties and
  cities; a city's population (log scale), national capitals first; a match
  through an alternate name ("Kiev") counts a little less than the main name;
- context: the article's countries and admin-1 regions (from names that are
  unambiguous, or resolved in a first pass) -> London UK unless the article is
  about Ontario; Georgia the US state in an article about Atlanta;
- qualifiers: "Paris, Texas", "Alexandria, La.", "London, Ontario" -> the
  candidate inside the qualifying region or country wins.
A second pass rescores every place with the context the first pass built.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from .. import kb
from ..record import Entity, Place

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_KIND_PRIOR = {
    "country": 9.0, "continent": 8.5, "region": 7.5, "water": 7.0, "seat": 8.0, "planet": 6.0,
    "admin1": 6.5, "admin2": 3.5, "city": 0.0,
}
_CAPITAL_BONUS = 1.5
_ALIAS_PENALTY = 1.0
_COUNTRY_CONTEXT = 2.5
_ADMIN1_CONTEXT = 3.0
_QUALIFIER = 8.0
#: Places a demonym that is not a country's may name.
_DEMONYM_KINDS = frozenset({"continent", "region", "admin1"})
#: Alternate-name matches for places smaller than this are ignored (too noisy).
_ALIAS_MIN_POPULATION = 100_000


@dataclass(frozen=True)
class _Context:
    countries: Counter[str]
    admin1: Counter[tuple[str, str]]


def _texts(entity: Entity, text: str) -> list[str]:
    """Distinct surface forms of an entity's name mentions, fullest first."""
    out = []
    for s, e in entity.mentions:
        t = text[s:e]
        if t not in out:
            out.append(t)
    out.sort(key=len, reverse=True)
    if entity.name not in out:
        out.insert(0, entity.name)
    return out


def candidates(entity: Entity, text: str) -> list[kb.GazPlace]:
    """Gazetteer entries any mention of ``entity`` could name."""
    if entity.type == "NORP":
        # a demonym: its country, else a continent or region ("European", "Kurdish")
        c = kb.country_by_demonym(entity.name)
        if c is not None:
            return [p for p in kb.places(c.name) if p.kind == "country" and not p.alias][:1]
        return [p for p in kb.places(entity.name) if p.kind in _DEMONYM_KINDS][:1]
    seen: set[tuple[int | None, str, str]] = set()
    out = []
    for t in _texts(entity, text):
        for p in kb.places(t):
            if p.alias and p.kind == "city" and p.population < _ALIAS_MIN_POPULATION:
                continue
            k = (p.geonameid, p.name, p.kind)
            if k not in seen:
                seen.add(k)
                out.append(p)
    return out


def _prior(p: kb.GazPlace) -> float:
    score = _KIND_PRIOR.get(p.kind, 0.0)
    if p.kind == "city":
        score += math.log10(p.population + 1)
        c = kb.country_by_code(p.country or "")
        if c is not None and c.capital is not None and c.capital.geonameid == p.geonameid:
            score += _CAPITAL_BONUS
    if p.alias:
        score -= _ALIAS_PENALTY
    return score


def _score(p: kb.GazPlace, ctx: _Context, qualifiers: Sequence[kb.GazPlace]) -> float:
    score = _prior(p)
    if p.country and ctx.countries:
        share = ctx.countries[p.country] / max(ctx.countries.values())
        score += _COUNTRY_CONTEXT * share
    if p.country and p.admin1 and p.kind in ("city", "admin2") and ctx.admin1:
        n = ctx.admin1[(p.country, p.admin1)]
        if n:
            score += _ADMIN1_CONTEXT * n / max(ctx.admin1.values())
    for q in qualifiers:
        if q.kind == "country" and p.country == q.country or \
                q.kind == "admin1" and (p.country, p.admin1) == (q.country, q.admin1):
            score += _QUALIFIER
    return score


def _qualifiers(doc: Doc | None, entity: Entity, text: str,
                spans_by_start: dict[int, kb.GazPlace]) -> list[kb.GazPlace]:
    """Regions named right after a mention: "Paris, Texas", "Alexandria, La."."""
    out = []
    for _, e in entity.mentions:
        rest = text[e:e + 40]
        if not rest.startswith(", "):
            continue
        q = spans_by_start.get(e + 2)
        if q is not None:
            out.append(q)
    return out


def _unambiguous(cands: list[kb.GazPlace]) -> kb.GazPlace | None:
    """The obvious reading: a country name, or the only candidate."""
    main = [p for p in cands if not p.alias]
    for p in main:
        if p.kind == "country":
            return p
    if len(main) == 1 and main[0].kind in ("admin1", "region", "seat", "continent", "water"):
        return main[0]
    if len(cands) == 1:
        return cands[0]
    return None


def _add_context(ctx: _Context, p: kb.GazPlace, weight: int) -> None:
    if p.country:
        ctx.countries[p.country] += weight
    if p.country and p.admin1 and p.kind in ("admin1", "admin2", "city"):
        ctx.admin1[(p.country, p.admin1)] += weight


def extract_places(doc: Doc | None, entities: Sequence[Entity], text: str
                   ) -> tuple[list[Place], list[Entity]]:
    """Geocoded places of the article, and the entities with countries from their places."""
    place_ents = [e for e in entities if e.type in PLACE_TYPES or e.type == "NORP"]
    cands = {e.id: candidates(e, text) for e in place_ents}
    # regions that qualify another name: keyed by the character where their mention starts
    first_pass: dict[str, kb.GazPlace] = {}
    ctx = _Context(Counter(), Counter())
    for e in place_ents:
        p = _unambiguous(cands[e.id])
        if p is not None:
            first_pass[e.id] = p
            _add_context(ctx, p, len(e.mentions))
    by_start: dict[int, kb.GazPlace] = {}
    for e in place_ents:
        p = first_pass.get(e.id)
        if p is not None and p.kind in ("admin1", "country"):
            for s, _ in e.mentions:
                by_start[s] = p
    chosen: dict[str, kb.GazPlace] = {}
    for e in place_ents:
        cs = cands[e.id]
        if not cs:
            continue
        quals = _qualifiers(doc, e, text, by_start)
        best = max(cs, key=lambda p: _score(p, ctx, quals))
        chosen[e.id] = best
    # second pass: the resolved places are context for each other
    ctx2 = _Context(Counter(), Counter())
    for e in place_ents:
        if e.id in chosen:
            _add_context(ctx2, chosen[e.id], len(e.mentions))
    places: list[Place] = []
    updated: list[Entity] = []
    for e in entities:
        p = chosen.get(e.id)
        if p is not None and e.id not in first_pass:
            quals = _qualifiers(doc, e, text, by_start)
            p = max(cands[e.id], key=lambda c: _score(c, ctx2, quals))
        if p is None:
            updated.append(e)
            continue
        places.append(Place(entity=e.id, name=p.name, country=p.country, lat=p.lat, lon=p.lon,
                            geonameid=p.geonameid))
        if e.type in PLACE_TYPES and p.country and p.country != e.country:
            actor = p.country if e.actor in (None, e.country) else e.actor
            e = e.model_copy(update={"country": p.country, "actor": actor})
        updated.append(e)
    return places, updated

