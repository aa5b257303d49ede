"""What the place ranker knows about one reading of a toponym.

A toponym ("Paris", "Georgia", "Mexico") has candidate readings in the
gazetteer. Each reading is described by named features a reader weighs:

- the reading's own standing, without the article: its kind (country, admin-1
  region, city …), population (log scale) and how it compares with the other
  readings of the same name (the biggest namesake; a country or state of that
  name), national capital, matched through an alternate name or not;
- the article: the share of its countries and admin-1 regions (from the other
  places it names and from locale cues) that the reading lies in, nearness to the
  article's other places, readings of other names that lie together with it, and
  a qualifier right after the name ("Paris, Texas").

:mod:`.model` weighs them; the weights are trained on geoparsing dev data
(``scripts/train_place_ranker.py``).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ... import kb

#: Kinds of gazetteer entries (each gets its own bias feature).
KINDS = ("country", "continent", "region", "water", "seat", "planet", "admin1", "admin2", "city",
         "town", "airport")
#: Kinds that are points on the map (proximity applies to them). Not airports: a flight's
#: airport says nothing about where the story's towns lie.
POINT_KINDS = frozenset({"city", "town", "admin2", "seat"})
#: Readings whose towns the article's admin-1 context counts.
ADMIN1_KINDS = frozenset({"city", "town", "admin2", "admin1"})
#: Nearby places support each other, falling to 0 at this distance.
PROXIMITY_KM = 250.0
#: degrees of latitude a little wider than PROXIMITY_KM: a point farther in latitude is
#: farther than that on the sphere (6371 km radius, as kb.distance_km)
_BAND_DEGREES = math.degrees(PROXIMITY_KM / 6371.0) + 0.01
#: Kinds whose populations compare with each other (others: "area").
_POPULATION_GROUP = {"city": "settlement", "town": "settlement", "admin1": "admin",
                     "admin2": "admin", "country": "country"}
#: A city this big is a world city.
WORLD_CITY = 1_000_000
#: Places smaller than this are villages.
VILLAGE = 1000


@dataclass(frozen=True)
class Context:
    """What the article says about where it is: countries and admin-1 regions (weighted by
    mentions), the points of its places (sorted, so by latitude), and countries its wording
    points to."""

    countries: Counter[str]
    admin1: Counter[tuple[str, str]]
    points: tuple[tuple[float, float], ...] = ()
    locale: Counter[str] = field(default_factory=Counter)


def log_population(p: kb.GazPlace) -> float:
    return math.log10(p.population + 1)


def is_capital(p: kb.GazPlace) -> bool:
    """A national capital."""
    if p.kind != "city":
        return False
    c = kb.country_by_code(p.country or "")
    return c is not None and c.capital is not None and c.capital.geonameid == p.geonameid


def proximity(p: kb.GazPlace, ctx: Context) -> float:
    """1 for a point on top of one of the article's other places, 0 at the proximity distance.

    Only the points in the band of latitudes within that distance are measured (no point
    outside it is nearer), so the cost does not grow with the article's number of places."""
    if p.kind not in POINT_KINDS or p.lat is None or p.lon is None or not ctx.points:
        return 0.0
    lo = bisect_left(ctx.points, (p.lat - _BAND_DEGREES,))
    hi = bisect_left(ctx.points, (p.lat + _BAND_DEGREES,))
    d = min((kb.distance_km(p.lat, p.lon, lat, lon) for lat, lon in ctx.points[lo:hi]),
            default=math.inf)
    return max(0.0, 1.0 - d / PROXIMITY_KM)


def qualified(p: kb.GazPlace, qualifiers: Sequence[kb.GazPlace]) -> bool:
    """A region named right after the toponym contains the reading ("Paris, Texas")."""
    return any((q.kind == "country" and p.country == q.country)
               or (q.kind == "admin1" and (p.country, p.admin1) == (q.country, q.admin1))
               for q in qualifiers)


@dataclass(frozen=True)
class NameStanding:
    """What the readings of one name are, taken together."""

    max_log_population: float
    has_country: bool
    has_admin1: bool
    count: int


def name_standing(cands: Sequence[kb.GazPlace]) -> NameStanding:
    main = [p for p in cands if not p.alias]
    return NameStanding(
        max((log_population(p) for p in cands), default=0.0),
        any(p.kind == "country" for p in main),
        any(p.kind == "admin1" for p in main),
        len(cands))


def features(p: kb.GazPlace, standing: NameStanding, ctx: Context,
             qualifiers: Sequence[kb.GazPlace], support: float) -> dict[str, float]:
    """Named features of reading ``p`` of a toponym (absent features are 0)."""
    out: dict[str, float] = {f"kind={p.kind}": 1.0}
    point = p.kind in POINT_KINDS
    pop = log_population(p)
    out[f"log_population|{_POPULATION_GROUP.get(p.kind, 'area')}"] = pop
    if not p.population:
        out["unpopulated"] = 1.0
    out["below_biggest"] = pop - standing.max_log_population
    if pop >= standing.max_log_population:
        out["biggest"] = 1.0
    if p.kind in ("city", "town"):
        if p.population >= WORLD_CITY:
            out["world_city"] = 1.0
        if p.population < VILLAGE:
            out["village"] = 1.0
    if is_capital(p):
        out["capital"] = 1.0
    if p.alias:
        out["alias"] = 1.0
    if standing.has_country and p.kind != "country":
        out["country_namesake"] = 1.0
    if standing.has_admin1 and p.kind != "admin1":
        out["admin1_namesake"] = 1.0
    out["log_readings"] = math.log10(standing.count)
    if ctx.countries:
        share = ctx.countries[p.country] / max(ctx.countries.values()) if p.country else 0.0
        out["country_context"] = share
        if point:
            out["country_context|point"] = share
        if share == 0.0 and p.country:
            out["foreign"] = 1.0
            if point:
                out["foreign|point"] = 1.0
    if p.country and p.admin1 and p.kind in ADMIN1_KINDS and ctx.admin1:
        n = ctx.admin1[(p.country, p.admin1)]
        if n:
            out["admin1_context"] = n / max(ctx.admin1.values())
    if p.country and ctx.locale[p.country]:
        out["locale"] = 1.0
    near = proximity(p, ctx)
    if near:
        out["proximity"] = near
    if qualified(p, qualifiers):
        out["qualifier"] = 1.0
    if support:
        out["support"] = support
    return out


#: Features that come from the article, not from the reading itself.
CONTEXT_FEATURES = frozenset({"country_context", "country_context|point", "admin1_context",
                              "locale", "proximity", "qualifier", "support"})


def has_context(f: dict[str, float]) -> bool:
    """The article gives the reading some support."""
    return any(f.get(k, 0.0) > 0.0 for k in CONTEXT_FEATURES)
