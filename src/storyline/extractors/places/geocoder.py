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
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from ... import kb
from ...record import Entity, Place
from ...resources import load_yaml
from ..actors.repair import without_hyphen_suffix

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_KIND_PRIOR = {
    "country": 9.0, "continent": 8.5, "region": 7.5, "water": 7.0, "seat": 8.0, "planet": 6.0,
    "admin1": 6.5, "admin2": 3.5, "city": 0.0, "town": 0.0,
}
_CAPITAL_BONUS = 1.0
_ALIAS_PENALTY = 2.5
_COUNTRY_CONTEXT = 3.5
_ADMIN1_CONTEXT = 3.0
_QUALIFIER = 8.0
_PASSES = 3
#: Nearby places support each other: up to this bonus, falling to 0 at this distance.
_PROXIMITY = 3.0
_PROXIMITY_KM = 250.0
_POINT_KINDS = frozenset({"city", "town", "admin2", "seat"})
#: Support between readings of different names (first pass): weight, cap, readings compared.
_SUPPORT = 3.0
_SUPPORT_CAP = 2.0
_SUPPORT_CANDIDATES = 12
#: Cities smaller than this need some support from the article's context.
_TINY_PLACE = 1000
#: Places a demonym that is not a country's may name.
_DEMONYM_KINDS = frozenset({"continent", "region", "admin1"})
#: Alternate-name matches for places smaller than this are ignored (too noisy).
_ALIAS_MIN_POPULATION = 15_000


@dataclass(frozen=True)
class _Context:
    countries: Counter[str]
    admin1: Counter[tuple[str, str]]
    points: tuple[tuple[float, float], ...] = ()


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


_DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                         "western", "central", "upper", "lower", "greater", "downtown", "northeast",
                         "northwest", "southeast", "southwest", "northeastern", "northwestern",
                         "southeastern", "southwestern", "mid", "inner", "outer", "metro", "rural"})
_GENERIC_SUFFIXES = frozenset({"city", "township", "twp", "twp.", "town", "village", "borough",
                               "area", "region", "metro", "harbour", "harbor", "valley", "proper"})
_ABBREVIATIONS = {"st.": "saint", "st": "saint", "mt.": "mount", "mt": "mount", "ft.": "fort",
                  "ft": "fort", "pt.": "point"}


def name_variants(text: str) -> list[str]:
    """Forms to look a name up under when the gazetteer lacks it as written: without a
    direction ("East Texas" -> "Texas") or a generic word ("Fargo City", "Town of Groton"),
    abbreviations spelled out ("Mt. Pleasant"), a county without the word "County"."""
    out = []
    bare = without_hyphen_suffix(text)
    if bare != text:
        out.append(bare)
    words = text.replace("’", "'").split()
    if len(words) > 1 and words[0].lower() in _DIRECTIONS:
        out.append(" ".join(words[1:]))
    if len(words) > 1 and words[-1].lower() in _GENERIC_SUFFIXES:
        out.append(" ".join(words[:-1]))
    if len(words) > 2 and words[0].lower() in ("town", "city", "village") and words[1] == "of":
        out.append(" ".join(words[2:]))
    if any(w.lower() in _ABBREVIATIONS for w in words):
        out.append(" ".join(_ABBREVIATIONS.get(w.lower(), w) for w in words))
    return out


_LIST_WORD = re.compile(r"\s*(,|&|and\b|or\b|[A-Z][\w.'’-]*|counties\b|parishes\b|Counties\b|"
                        r"Parishes\b)")
_LIST_MAX_WORDS = 12


def _county_list(text: str, end: int) -> bool:
    """The mention ending at ``end`` heads a list that ends in "counties"
    ("Douglas, Grant and Otter Tail counties")."""
    pos = end
    for _ in range(_LIST_MAX_WORDS):
        m = _LIST_WORD.match(text, pos)
        if m is None:
            return False
        if m.group(1).lower() in ("counties", "parishes"):
            return True
        pos = m.end()
    return False


def _country_entry(country: kb.Country) -> list[kb.GazPlace]:
    """The gazetteer's entry for a country under its own name (none or one)."""
    return [p for p in kb.places(country.name) if p.kind == "country" and not p.alias][:1]


def _bare_words(text: str) -> list[str]:
    words = text.lower().split()
    return words[1:] if words[:1] == ["the"] else words


def _country_region(text: str) -> list[kb.GazPlace] | None:
    """A direction and a country ("South Lebanon", "northern Syria") names a region of that
    country, not a town the gazetteer happens to hold under that name ("South Lebanon",
    Ohio); a region the gazetteer knows ("Northern Ireland") keeps its own entry."""
    words = text.split()
    if len(words) < 2 or words[0].lower() not in _DIRECTIONS or kb.country(text) is not None:
        return None
    country = kb.country(" ".join(words[1:]))
    if country is None or any(p.kind not in ("city", "town") for p in kb.places(text)):
        return None
    return _country_entry(country) or None


def candidates(entity: Entity, text: str) -> list[kb.GazPlace]:
    """Gazetteer entries any mention of ``entity`` could name."""
    if entity.type == "NORP":
        # a demonym: its country, else a continent or region ("European", "Kurdish")
        c = kb.country_by_demonym(entity.name)
        if c is not None:
            return _country_entry(c)
        return [p for p in kb.places(entity.name) if p.kind in _DEMONYM_KINDS][:1]
    seen: set[tuple[object, ...]] = set()
    out: list[kb.GazPlace] = []
    texts = _texts(entity, text)
    for t in texts:
        # a demonym tagged GPE ("Sri Lankan") names its country
        c = kb.country_by_demonym(t)
        if c is not None and kb.country(t) is None:
            return _country_entry(c)
    # a bare direction ("the North", "South") is no place of its own
    texts = [t for t in texts if not all(w in _DIRECTIONS for w in _bare_words(t))]
    if not texts:
        return []
    # the fullest form the gazetteer knows decides ("Laurel County", not "Laurel")
    known = [t for t in texts if kb.places(t)]
    region = _country_region(known[0]) if known else None
    if region is not None:
        return region
    if entity.mentions and _county_list(text, entity.mentions[0][1]):
        counties = [p for t in texts for p in kb.places(f"{t} County") if p.kind == "admin2"]
        if counties:
            return counties
    if known:
        texts = [known[0]]
    else:
        texts = [v for t in texts for v in name_variants(t)]
        # a bare county name ("Oconee", "Kanawha") when nothing else matches
        texts += [f"{t} County" for t in list(texts) + _texts(entity, text)]
    for t in texts:
        for p in kb.places(t):
            if p.alias and p.kind == "city" and p.population < _ALIAS_MIN_POPULATION:
                continue
            k = (p.geonameid, p.name, p.kind, p.country, p.admin1, p.lat, p.lon)
            if k not in seen:
                seen.add(k)
                out.append(p)
    # a country's own name is not another place's alternate name ("Mexico", not Mexico City)
    if any(p.kind == "country" and not p.alias for p in out):
        out = [p for p in out if not p.alias]
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
    if p.country and p.admin1 and p.kind in ("city", "town", "admin2", "admin1") and ctx.admin1:
        n = ctx.admin1[(p.country, p.admin1)]
        if n:
            score += _ADMIN1_CONTEXT * n / max(ctx.admin1.values())
    if p.kind in _POINT_KINDS and p.lat is not None and p.lon is not None and ctx.points:
        d = min(kb.distance_km(p.lat, p.lon, lat, lon) for lat, lon in ctx.points)
        score += _PROXIMITY * max(0.0, 1.0 - d / _PROXIMITY_KM)
    for q in qualifiers:
        if (q.kind == "country" and p.country == q.country) or \
                (q.kind == "admin1" and (p.country, p.admin1) == (q.country, q.admin1)):
            score += _QUALIFIER
    return score


def _qualifiers(entity: Entity, text: str, spans_by_start: dict[int, kb.GazPlace]
                ) -> list[kb.GazPlace]:
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
    # a country, unless the name is also a state or province ("Georgia")
    if not any(p.kind == "admin1" for p in main):
        for p in main:
            if p.kind == "country":
                return p
    if len(main) == 1 and main[0].kind in ("admin1", "region", "seat", "continent", "water"):
        return main[0]
    if len(cands) == 1:
        return cands[0]
    return None


def _context(chosen: dict[str, kb.GazPlace], weights: dict[str, int], locale: Counter[str]
             ) -> _Context:
    ctx = _Context(Counter(locale), Counter(), tuple(
        (p.lat, p.lon) for p in chosen.values()
        if p.kind in _POINT_KINDS and p.lat is not None and p.lon is not None))
    for eid, p in chosen.items():
        w = weights[eid]
        if p.country:
            ctx.countries[p.country] += w
        if p.country and p.admin1 and p.kind in ("admin1", "admin2", "city", "town"):
            ctx.admin1[(p.country, p.admin1)] += w
    return ctx


def _without(ctx: _Context, p: kb.GazPlace | None, weight: int) -> _Context:
    """The context minus what one entity contributed to it (a place is no evidence for itself)."""
    if p is None:
        return ctx
    countries, admin1 = Counter(ctx.countries), Counter(ctx.admin1)
    if p.country:
        countries[p.country] -= weight
    if p.country and p.admin1:
        admin1[(p.country, p.admin1)] -= weight
    points = list(ctx.points)
    if (p.lat, p.lon) in points:
        points.remove((p.lat, p.lon))  # type: ignore[arg-type]
    return _Context(+countries, +admin1, tuple(points))


def _near(a: kb.GazPlace, b: kb.GazPlace) -> float:
    """How strongly two readings support each other: 1 for the same spot, falling to 0 at
    the proximity distance; a region supports the places inside it."""
    if a.country is None or a.country != b.country:
        return 0.0
    if a.kind == "admin1" or b.kind == "admin1":
        region, other = (a, b) if a.kind == "admin1" else (b, a)
        return 0.5 if other.kind != "admin1" and other.admin1 == region.admin1 else 0.0
    if a.kind not in _POINT_KINDS or b.kind not in _POINT_KINDS or a.lat is None \
            or b.lat is None or a.lon is None or b.lon is None:
        return 0.0
    return max(0.0, 1.0 - kb.distance_km(a.lat, a.lon, b.lat, b.lon) / _PROXIMITY_KM)


def _support(cands: dict[str, list[kb.GazPlace]]) -> dict[tuple[str, int], float]:
    """(entity id, candidate index) -> support from the other entities' best-fitting readings:
    "Huntsville" and "Walker County" pick the pair that lies together (Texas, not Alabama)."""
    top = {eid: sorted(cs, key=_prior, reverse=True)[:_SUPPORT_CANDIDATES]
           for eid, cs in cands.items() if cs}
    out: dict[tuple[str, int], float] = {}
    for eid, cs in cands.items():
        for i, c in enumerate(cs):
            out[(eid, i)] = min(_SUPPORT_CAP, sum(
                max((_near(c, o) for o in others), default=0.0)
                for oid, others in top.items() if oid != eid and others))
    return out


def _resolve(cands: list[kb.GazPlace], ctx: _Context, quals: list[kb.GazPlace],
             support: list[float] | None = None) -> kb.GazPlace | None:
    bonus = support or [0.0] * len(cands)
    best = max(range(len(cands)), key=lambda i: _score(cands[i], ctx, quals) + _SUPPORT * bonus[i])
    return _tiny_check(cands[best], ctx, quals)


def _tiny_check(best: kb.GazPlace, ctx: _Context, quals: list[kb.GazPlace]
                ) -> kb.GazPlace | None:
    # a tiny place the article gives no support for is more likely a misreading
    if best.kind in ("city", "town") and best.population < _TINY_PLACE \
            and _score(best, ctx, quals) \
            <= _prior(best):
        return None
    return best


@lru_cache(maxsize=1)
def _locale_patterns() -> tuple[int, tuple[tuple[str, re.Pattern[str]], ...]]:
    data = load_yaml("places/locale_cues.yaml")
    return int(data["max_weight"]), tuple(
        (iso3, re.compile(p)) for iso3, pats in data["cues"].items() for p in pats)


def locale_cues(text: str) -> Counter[str]:
    """Countries the article's wording points to ("Laurel County", "Ky.", "RCMP")."""
    cap, patterns = _locale_patterns()
    out: Counter[str] = Counter()
    for iso3, pat in patterns:
        if out[iso3] < cap:
            out[iso3] = min(cap, out[iso3] + len(pat.findall(text)))
    return +out


def extract_places(doc: Doc | None, entities: Sequence[Entity], text: str
                   ) -> tuple[list[Place], list[Entity]]:
    """Geocoded places of the article, and the entities with countries from their places."""
    place_ents = [e for e in entities if e.type in PLACE_TYPES or e.type == "NORP"]
    cands = {e.id: candidates(e, text) for e in place_ents}
    weights = {e.id: len(e.mentions) for e in place_ents}
    locale = locale_cues(text) if place_ents else Counter()
    # first pass: the obvious readings are the context
    first = {e.id: p for e in place_ents if (p := _unambiguous(cands[e.id])) is not None}
    ctx = _context(first, weights, locale)
    # regions that qualify another name ("Paris, Texas"), keyed by where their mention starts
    by_start: dict[int, kb.GazPlace] = {}
    for e in place_ents:
        p = first.get(e.id)
        if p is not None and p.kind in ("admin1", "country"):
            for s, _ in e.mentions:
                by_start[s] = p
    quals = {e.id: _qualifiers(e, text, by_start) for e in place_ents}
    support = _support(cands)
    chosen: dict[str, kb.GazPlace] = {}
    for e in place_ents:
        if cands[e.id]:
            sup = [support[(e.id, i)] for i in range(len(cands[e.id]))]
            p = _resolve(cands[e.id], _without(ctx, first.get(e.id), weights[e.id]), quals[e.id],
                         sup)
            if p is not None:
                chosen[e.id] = p
    # later passes: every resolved place is context for the others
    for _ in range(_PASSES):
        ctx2 = _context(chosen, weights, locale)
        changed = False
        for eid, p in list(chosen.items()):
            if eid in first:
                continue
            q = _resolve(cands[eid], _without(ctx2, p, weights[eid]), quals[eid])
            if q is not None and q != p:
                chosen[eid] = q
                changed = True
        if not changed:
            break
    places: list[Place] = []
    updated: list[Entity] = []
    for e in entities:
        p = chosen.get(e.id)
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
