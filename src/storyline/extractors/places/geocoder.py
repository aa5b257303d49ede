"""Geocoding: every place the article names, with coordinates, country and GeoNames id.

Places are GPE/LOC/FAC entities found in the gazetteer (:func:`storyline.kb.places`:
GeoNames towns >= 500 inhabitants, countries, admin-1 and admin-2 regions,
regions, seas, rivers, seats of government and airports), NORP entities that are
demonyms ("Palestinians" -> Palestine), and organizations that are a territory ("EU") or
an airport ("… Airport").

Each reading of a name is scored by the trained place ranker (:mod:`.model`
over :mod:`.features`): what a reader knows without the article (a country, a
capital or a world city is that place; bigger namesakes first) against what the
article says (its countries and admin-1 regions, from names that are unambiguous
and from locale cues; nearness to its other places; readings of other names that
lie together; a qualifier: "Paris, Texas", "Alexandria, La."). Later passes
rescore every place with the context the earlier ones built. Other forms of the
same name ("Dublin City" beside "Dublin") are no evidence for each other, and a
bare name whose county the article names ("DeKalb" beside "DeKalb County") is that
county or its town of that name. Rules around the ranker: the capital of a country
the article names is that capital; "New York" may be the state, "Washington state"
is; "La." is a state's abbreviation; a name listed with states or countries is one;
forms of one name lie in one country; parks, lakes and venues the gazetteer lacks lie in
the town the text puts them in ("… in Alexandria", "Cairo's …"), else in the article's town;
a name the tagger cut short ("Sri" of "Sri Lankan") is read
with the words after it; "Florida State" is the state; "Central Anatolia" tagged as a group
is Anatolia.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Doc

from ... import kb
from ...record import Entity, Place
from ...resources import load_yaml
from ..actors.repair import without_hyphen_suffix
from .features import (
    ADMIN1_KINDS,
    POINT_KINDS,
    PROXIMITY_KM,
    VILLAGE,
    Context,
    NameStanding,
    features,
    has_context,
    is_capital,
    name_standing,
)
from .model import PlaceRanker, place_ranker

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_PASSES = 3
#: Support between readings of different names: cap, readings compared.
_SUPPORT_CAP = 2.0
_SUPPORT_CANDIDATES = 12
#: Places a demonym that is not a country's may name.
_DEMONYM_KINDS = frozenset({"continent", "region", "admin1"})
#: Alternate-name matches for places smaller than this are ignored (too noisy).
_ALIAS_MIN_POPULATION = 15_000


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
                               "area", "region", "metro", "harbour", "harbor", "valley", "proper",
                               "delta", "basin", "estuary"})
#: The words French, Spanish and Portuguese names of regions use for an English direction
#: ("West Kasai" is Kasai-Occidental, "Lower Congo" Bas-Congo).
_DIRECTION_WORDS = {"west": ("occidental",), "western": ("occidental",),
                    "east": ("oriental",), "eastern": ("oriental",),
                    "north": ("nord", "norte"), "northern": ("nord", "norte"),
                    "south": ("sud", "sur"), "southern": ("sud", "sur"),
                    "upper": ("haut", "haute", "alto"), "lower": ("bas", "basse", "bajo", "baixo")}
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


def translated_directions(text: str) -> list[str]:
    """A region's name with its English direction in the form French, Spanish or Portuguese
    names use ("West Kasai" -> "Kasai Occidental", "Occidental Kasai"; "Lower Congo" -> "Bas
    Congo"), which GeoNames often holds instead of the English name."""
    words = text.split()
    if len(words) < 2 or words[0].lower() not in _DIRECTION_WORDS:
        return []
    rest = " ".join(words[1:])
    return [f for w in _DIRECTION_WORDS[words[0].lower()] for f in (f"{rest} {w}", f"{w} {rest}")]


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


def _org_places(name: str) -> list[kb.GazPlace]:
    """The places an organization's name names: a territory the gazetteer holds ("European
    Union"; never a town: "EU", not Eu), or an airport named "… Airport" ("Macdonald-Cartier
    International Airport")."""
    found = kb.places(name)
    regions = [p for p in found if p.kind == "region"][:1]
    if regions or not _AIRPORT.search(name):
        return regions
    return [p for p in found if p.kind == "airport"]


_AIRPORT = re.compile(r"\bAirport\b", re.IGNORECASE)


def _state_of_name(text: str, capitals: bool = False) -> list[kb.GazPlace]:
    """The state a bare name also names when the gazetteer holds it as "X State" ("New York"):
    the state is one of the name's readings, beside its city; a national capital of that
    name ("Washington") is the capital unless the text says "state" (``capitals``)."""
    if text.split()[-1:] == ["State"] or (
            not capitals and any(is_capital(p) for p in kb.places(text))):
        return []
    return [p for p in kb.places(f"{text} State") if p.kind == "admin1" and not p.alias]


def _state_named_state(text: str) -> list[kb.GazPlace]:
    """ "X State" the gazetteer lacks as a name is the state X ("Florida State", as in a
    university's or a team's name), not another place whose alternate name it is."""
    words = text.split()
    if len(words) < 2 or words[-1] != "State" or any(not p.alias for p in kb.places(text)):
        return []
    return [p for p in kb.places(" ".join(words[:-1])) if p.kind == "admin1" and not p.alias]


_LITTLE = re.compile(r"\bLittle\s+$")


def _enclave(entity: Entity, text: str) -> bool:
    """Every mention follows "Little", which the tagger left out: a town's quarter named for
    a country or a people ("Little Portugal", "Little Italy", "Little Havana")."""
    return bool(entity.mentions) and all(_LITTLE.search(text, max(0, s - 8), s)
                                         for s, _ in entity.mentions)


def _cut_short(entity: Entity, text: str) -> list[kb.GazPlace]:
    """A name the tagger cut short: its mention and the capitalised word or two after it
    make a demonym ("Sri" + "Lankan") or a place's own name ("South St." + "Paul") while the
    mention alone is no place's own name."""
    if any(not p.alias for p in kb.places(entity.name)):
        return []
    for s, e in entity.mentions:
        following = _FOLLOWING.match(text, e)
        if following is None:
            continue
        words = following.group(0).split()
        for k in (1, 2)[:len(words)]:
            longer = text[s:e] + " " + " ".join(words[:k])
            c = kb.country_by_demonym(longer)
            if c is not None:
                return _country_entry(c)
            own = [p for p in kb.places(longer) if not p.alias]
            if own:
                return own
    return []


_FOLLOWING = re.compile(r" (?:[A-Z][\w.'’-]*)(?: [A-Z][\w.'’-]*)?")
_ABBREVIATION = re.compile(r"[A-Z][a-z]{0,4}\.")
_STATE_BEFORE = re.compile(r"\bstate of $", re.IGNORECASE)
_STATE_AFTER = re.compile(r"^ state\b")


def _said_state(entity: Entity, text: str) -> list[kb.GazPlace]:
    """The state a mention says it is: "Washington state", "the state of Washington"."""
    for s, e in entity.mentions:
        if _STATE_AFTER.match(text[e:e + 7]) or _STATE_BEFORE.search(text[max(0, s - 9):s]):
            states = [p for p in (*kb.places(text[s:e]), *_state_of_name(text[s:e], True))
                      if p.kind == "admin1" and not p.alias]
            if states:
                return states
    return []


def _is_demonym(name: str) -> bool:
    return kb.country_by_demonym(name) is not None or \
        any(p.kind in _DEMONYM_KINDS for p in kb.places(name))


def _leading_demonym(name: str) -> str:
    """The demonym a group actor's name starts with ("Palestinian officials" -> "Palestinian");
    the name itself when it is one or has none."""
    words = name.split()
    if len(words) < 2 or _is_demonym(name):
        return name
    return next((" ".join(words[:k]) for k in range(len(words) - 1, 0, -1)
                 if _is_demonym(" ".join(words[:k]))), name)


def candidates(entity: Entity, text: str) -> list[kb.GazPlace]:
    """Gazetteer entries any mention of ``entity`` could name."""
    if entity.type == "ORG":
        return _org_places(entity.name)
    if entity.type == "NORP":
        words = _bare_words(" ".join(entity.name.split()))
        # a demonym: its country, else a continent or region ("European", "Kurdish"); a group
        # actor by its adjective ("Palestinian officials", "Kurdish rebels")
        name = _leading_demonym(entity.name)
        c = kb.country_by_demonym(name)
        if c is not None:
            return _country_entry(c)
        # a direction and a region ("Central Anatolia") is that region, not a region
        # named like the direction ("Central", Botswana)
        if len(words) > 1 and words[0] in _DIRECTIONS and words[1] not in _DIRECTIONS:
            rest = _leading_demonym(" ".join(entity.name.split()[1:]))
            c = kb.country_by_demonym(rest)
            return _country_entry(c) if c is not None else [
                p for t in (rest, *name_variants(rest)) for p in kb.places(t)
                if p.kind in _DEMONYM_KINDS and not p.alias][:1]
        regions = [p for p in kb.places(name) if p.kind in _DEMONYM_KINDS][:1]
        if regions or entity.name.lower() in _DIRECTIONS:
            return regions
        # a town the model took for a group of people ("Zanzibar", "Masvingo")
        return [p for p in kb.places(entity.name) if p.kind == "city" and not p.alias
                and p.population >= _ALIAS_MIN_POPULATION]
    seen: set[tuple[object, ...]] = set()
    out: list[kb.GazPlace] = []
    texts = _texts(entity, text)
    for t in texts:
        # a demonym tagged GPE ("Sri Lankan") names its country
        c = kb.country_by_demonym(t)
        if c is not None and kb.country(t) is None:
            return _country_entry(c)
    if _enclave(entity, text):
        # "Little Portugal", "Little Italy": a town's quarter, not the country
        return [p for p in kb.places(f"Little {entity.name}") if not p.alias]
    said = _said_state(entity, text) or _state_named_state(texts[0]) or _cut_short(entity, text)
    if said:
        return said
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
    # the same name in the region's own language ("West Kasai" is Kasai-Occidental) before
    # the name without its direction ("Kasai", Japan)
    known = known or [f for t in texts for f in translated_directions(t)
                      if any(p.kind in ("admin1", "admin2", "region") for p in kb.places(f))]
    if known:
        texts = [known[0]]
    else:
        texts = [v for t in texts for v in name_variants(t)]
        # a bare county name ("Oconee", "Kanawha") when nothing else matches
        texts += [f"{t} County" for t in list(texts) + _texts(entity, text)]
    for t in texts:
        for p in (*kb.places(t), *_state_of_name(t)):
            if p.alias and p.kind == "city" and p.population < _ALIAS_MIN_POPULATION:
                continue
            k = (p.geonameid, p.name, p.kind, p.country, p.admin1, p.lat, p.lon)
            if k not in seen:
                seen.add(k)
                out.append(p)
    # a country's own name is not another place's alternate name ("Mexico", not Mexico City)
    if any(p.kind == "country" and not p.alias for p in out):
        out = [p for p in out if not p.alias]
    # a short form with a period is a state's abbreviation ("La.", "Pa."), not a city's
    if texts and _ABBREVIATION.fullmatch(texts[0]) and any(p.kind == "admin1" for p in out):
        out = [p for p in out if p.kind == "admin1"]
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


def _context(chosen: dict[str, kb.GazPlace], weights: dict[str, int], locale: Counter[str]
             ) -> Context:
    ctx = Context(Counter(locale), Counter(), tuple(sorted(
        (p.lat, p.lon) for p in chosen.values()
        if p.kind in POINT_KINDS and p.lat is not None and p.lon is not None)), locale)
    for eid, p in chosen.items():
        w = weights[eid]
        if p.country:
            ctx.countries[p.country] += w
        if p.country and p.admin1 and p.kind in ADMIN1_KINDS:
            ctx.admin1[(p.country, p.admin1)] += w
    return ctx


def _without(ctx: Context, removed: Sequence[tuple[kb.GazPlace | None, int]]) -> Context:
    """The context minus what some entities contributed to it: a place is no evidence for
    itself, nor are the other mentions of its name ("Dublin City" for "Dublin")."""
    present = [(p, w) for p, w in removed if p is not None]
    if not present:
        return ctx
    countries, admin1 = Counter(ctx.countries), Counter(ctx.admin1)
    points = list(ctx.points)
    for p, weight in present:
        if p.country:
            countries[p.country] -= weight
        if p.country and p.admin1 and p.kind in ADMIN1_KINDS:
            admin1[(p.country, p.admin1)] -= weight
        if (p.lat, p.lon) in points:
            points.remove((p.lat, p.lon))  # type: ignore[arg-type]
    return Context(+countries, +admin1, tuple(points), ctx.locale)


def _forms(entity: Entity, text: str) -> set[str]:
    """The forms of an entity's name, with the generic words dropped ("Dublin City",
    "City of Richmond" -> "dublin", "richmond"); a direction makes another place ("West
    Springfield")."""
    texts = _texts(entity, text)
    variants = [v for t in texts if t.split()[:1] and t.split()[0].lower() not in _DIRECTIONS
                for v in name_variants(t)]
    return {t.lower() for t in texts + variants}


def namesakes_of(entities: Sequence[Entity], text: str) -> dict[str, frozenset[str]]:
    """Entity id -> the other entities that are forms of the same name ("Dublin" and
    "Dublin City", "Richmond" and "City of Richmond"): they cannot tell each other which
    namesake they are."""
    forms = {e.id: _forms(e, text) for e in entities}
    return {eid: frozenset(oid for oid, o in forms.items() if oid != eid and o & mine)
            for eid, mine in forms.items()}


def _near(a: kb.GazPlace, b: kb.GazPlace) -> float:
    """How strongly two readings support each other: 1 for the same spot, falling to 0 at
    the proximity distance; a region supports the places inside it."""
    if a.country is None or a.country != b.country:
        return 0.0
    if a.kind == "admin1" or b.kind == "admin1":
        region, other = (a, b) if a.kind == "admin1" else (b, a)
        return 0.5 if other.kind != "admin1" and other.admin1 == region.admin1 else 0.0
    if a.kind not in POINT_KINDS or b.kind not in POINT_KINDS or a.lat is None \
            or b.lat is None or a.lon is None or b.lon is None:
        return 0.0
    return max(0.0, 1.0 - kb.distance_km(a.lat, a.lon, b.lat, b.lon) / PROXIMITY_KM)


_EMPTY = Context(Counter(), Counter())


def _support(cands: dict[str, list[kb.GazPlace]], standing: dict[str, NameStanding],
             ranker: PlaceRanker, namesakes: dict[str, frozenset[str]] | None = None
             ) -> dict[str, list[float]]:
    """Entity id -> per candidate, support from the other entities' likeliest readings:
    "Huntsville" and "Walker County" pick the pair that lies together (Texas, not Alabama)."""
    top: dict[str, list[kb.GazPlace]] = {}
    for eid, cs in cands.items():
        if cs:
            alone = [ranker.score(features(p, standing[eid], _EMPTY, (), 0.0)) for p in cs]
            order = sorted(range(len(cs)), key=lambda i: -alone[i])
            top[eid] = [cs[i] for i in order[:_SUPPORT_CANDIDATES]]
    # readings only support readings in their own country: index them by country
    in_country: dict[str, dict[str, list[kb.GazPlace]]] = {}
    for oid, others in top.items():
        for o in others:
            if o.country is not None:
                in_country.setdefault(o.country, {}).setdefault(oid, []).append(o)
    skip = namesakes or {}
    return {eid: [min(_SUPPORT_CAP, sum(
        (max(_near(c, o) for o in others)
         for oid, others in (in_country.get(c.country, {}) if c.country is not None else {}).items()
         if oid != eid and oid not in skip.get(eid, ())), 0.0))
        for c in cs] for eid, cs in cands.items()}


@dataclass(frozen=True)
class Reading:
    """The candidate readings of one place entity with their features in the last pass."""

    candidates: tuple[kb.GazPlace, ...]
    features: tuple[dict[str, float], ...]


def _best(reading: Reading, ranker: PlaceRanker) -> kb.GazPlace | None:
    feats = reading.features
    best = max(range(len(feats)), key=lambda i: ranker.score(feats[i]))
    # the capital of a country the article names is that capital unless a qualifier names
    # a namesake ("Paris" in a Kentucky story about France; not "Paris, Ky.")
    capitals = [i for i, f in enumerate(feats)
                if f.get("capital") and f.get("country_context", 0.0) > 0.0]
    if capitals and not any(f.get("qualifier") for f in feats):
        best = capitals[0]
    p, f = reading.candidates[best], feats[best]
    # a village the article gives no support for is more likely a misreading
    if p.kind in ("city", "town") and p.population < VILLAGE and not has_context(f):
        return None
    return p


def resolve(entities: Sequence[Entity], text: str, ranker: PlaceRanker | None = None
            ) -> tuple[dict[str, kb.GazPlace], dict[str, Reading]]:
    """The reading chosen for each place entity (by id), and every entity's readings with
    their features in the last pass (what the ranker is trained on).

    The first pass takes the obvious readings (country names, names with one reading) as
    the article's context; later passes take every resolved place as context for the
    others until no choice changes."""
    ranker = ranker or place_ranker()
    place_ents = [e for e in entities if e.type in PLACE_TYPES or e.type == "NORP"
                  or (e.type == "ORG" and _org_places(e.name))]
    cands = {e.id: candidates(e, text) for e in place_ents}
    standing = {eid: name_standing(cs) for eid, cs in cands.items()}
    weights = {e.id: len(e.mentions) for e in place_ents}
    locale = locale_cues(text) if place_ents else Counter()
    first = {e.id: p for e in place_ents if (p := _unambiguous(cands[e.id])) is not None}
    # regions that qualify another name ("Paris, Texas"), keyed by where their mention starts
    by_start: dict[int, kb.GazPlace] = {}
    for e in place_ents:
        p = first.get(e.id)
        if p is not None and p.kind in ("admin1", "country"):
            for s, _ in e.mentions:
                by_start[s] = p
    quals = {e.id: _qualifiers(e, text, by_start) for e in place_ents}
    namesakes = namesakes_of(place_ents, text)
    support = _support(cands, standing, ranker, namesakes)

    def reading(eid: str, ctx: Context) -> Reading:
        return Reading(tuple(cands[eid]), tuple(
            features(p, standing[eid], ctx, quals[eid], support[eid][i])
            for i, p in enumerate(cands[eid])))

    ctx = _context(first, weights, locale)
    chosen: dict[str, kb.GazPlace] = {}
    last: dict[str, Reading] = {}
    for e in place_ents:
        if cands[e.id]:
            last[e.id] = reading(e.id, _without(ctx, [(first.get(i), weights[i])
                                                     for i in (e.id, *namesakes[e.id])]))
            p = _best(last[e.id], ranker)
            if p is not None:
                chosen[e.id] = p
    for _ in range(_PASSES):
        ctx = _context(chosen, weights, locale)
        changed = False
        for eid in last:
            if eid in first:
                continue
            last[eid] = reading(eid, _without(ctx, [(chosen.get(i), weights[i])
                                                for i in (eid, *namesakes[eid])]))
            q = _best(last[eid], ranker)
            if q != chosen.get(eid):
                changed = True
                if q is None:
                    chosen.pop(eid, None)
                else:
                    chosen[eid] = q
        if not changed:
            break
    chosen.update(short_forms(place_ents, chosen, cands))
    chosen.update(listed_alike(place_ents, chosen, cands, text))
    chosen.update(one_country_per_name(place_ents, chosen, namesakes))
    return chosen, last


_LIST_GAP = re.compile(r",?\s*(?:(and|or)\s+)?")
#: Kinds of places a list is made of when its other items are all of that kind.
_LIST_KINDS = ("admin1", "country")


def _is_list(run: list[str], joined: bool) -> bool:
    """Three names or more, or two joined by "and"/"or", make a list."""
    return len(run) >= 3 or (len(run) == 2 and joined)


def place_lists(entities: Sequence[Entity], text: str) -> list[list[str]]:
    """Lists of place names joined by commas, "and" and "or" ("Utah, Washington and
    Wisconsin"): entity ids in order. Two names make a list only when joined by "and" or
    "or" ("Paris, Texas" is a name and its qualifier)."""
    spans = sorted((s, e, ent.id) for ent in entities for s, e in ent.mentions)
    lists: list[list[str]] = []
    run: list[str] = []
    joined = False
    for (_, e1, a), (s2, _, b) in pairwise(spans):
        gap = _LIST_GAP.fullmatch(text[e1:s2]) if s2 > e1 else None
        if gap is not None and gap.group(0).strip() and a != b:
            run = run or [a]
            run.append(b)
            joined = joined or gap.group(1) is not None
            continue
        if _is_list(run, joined):
            lists.append(run)
        run, joined = [], False
    if _is_list(run, joined):
        lists.append(run)
    return lists


def listed_alike(entities: Sequence[Entity], chosen: dict[str, kb.GazPlace],
                 cands: dict[str, list[kb.GazPlace]], text: str) -> dict[str, kb.GazPlace]:
    """A name listed with places of one kind is a place of that kind ("Utah, Washington and
    Wisconsin" are states; "Ontario and New Brunswick" provinces), in their country."""
    names = {e.id: e.name for e in entities}
    out: dict[str, kb.GazPlace] = {}
    for items in place_lists(entities, text):
        for eid in items:
            others = [chosen.get(o) for o in items if o != eid]
            if not others or any(o is None for o in others):
                continue
            kinds = {(o.kind, o.country) for o in others if o is not None}
            if len(kinds) != 1:
                continue
            ((kind, country),) = kinds
            p = chosen.get(eid)
            if kind not in _LIST_KINDS or (p is not None and p.kind == kind):
                continue
            readings = [*cands.get(eid, ()), *_state_of_name(names.get(eid, ""), True)]
            alike = [q for q in readings if q.kind == kind and not q.alias
                     and (kind == "country" or q.country == country)]
            if alike:
                out[eid] = alike[0]
    return out


def one_country_per_name(entities: Sequence[Entity], chosen: dict[str, kb.GazPlace],
                         namesakes: dict[str, frozenset[str]]) -> dict[str, kb.GazPlace]:
    """Forms of one name that were read in different countries ("Dublin" in Ohio, "Dublin
    City" in Ireland) are one place: the reading of the form mentioned most often."""
    mentions = {e.id: len(e.mentions) for e in entities}
    out: dict[str, kb.GazPlace] = {}
    for e in entities:
        p = chosen.get(e.id)
        if p is None:
            continue
        rivals = [o for o in namesakes.get(e.id, ()) if o in chosen
                  and chosen[o].country != p.country]
        if not rivals:
            continue
        lead = max((e.id, *rivals), key=lambda i: mentions.get(i, 0))
        if lead != e.id and mentions[lead] > mentions[e.id]:
            out[e.id] = chosen[lead]
    return out


_COUNTY_WORDS = re.compile(r"\s+(County|Parish|Co\.)$")


def short_forms(entities: Sequence[Entity], chosen: dict[str, kb.GazPlace],
                cands: dict[str, list[kb.GazPlace]]) -> dict[str, kb.GazPlace]:
    """A bare name whose county the article names and places ("DeKalb" after "DeKalb
    County", "Oconee" and "Oconee County") is that county, or a town of that name in it
    ("Madison" in Madison County); never a namesake elsewhere."""
    counties: dict[str, kb.GazPlace] = {}
    for e in entities:
        p = chosen.get(e.id)
        m = _COUNTY_WORDS.search(e.name)
        if p is not None and p.kind == "admin2" and m is not None:
            counties.setdefault(e.name[:m.start()].lower(), p)
    out: dict[str, kb.GazPlace] = {}
    for e in entities:
        county = counties.get(e.name.lower())
        if county is None or e.id not in cands:
            continue
        towns = [p for p in cands[e.id] if p.kind in ("city", "town")
                 and (p.country, p.admin1) == (county.country, county.admin1)
                 and _near(p, county) > 0.0]
        out[e.id] = max(towns, key=lambda p: p.population) if towns else county
    return out


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


#: Last words of names of streets, buildings and venues, which lie in a town.
_VENUE_HEADS = frozenset({
    "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive",
    "square", "plaza", "bridge", "theatre", "theater", "stadium", "arena", "hospital",
    "airport", "station", "church", "cathedral", "mosque", "temple", "synagogue", "museum",
    "hotel", "hall", "mall", "market", "prison", "jail", "palace", "tower", "building"})
#: Of those, the ones organizations are named by (an "X Hospital" may be tagged ORG).
_BUILDING_ORG_HEADS = frozenset({"hospital", "airport", "stadium", "cathedral", "church",
                                 "mosque", "prison", "hotel", "museum", "theatre", "theater"})


#: First or last words of names of parks, lakes, rivers and hills the gazetteer lacks.
_FEATURE_HEADS = frozenset({"park", "lake", "creek", "river", "pond", "reservoir", "mountain",
                            "mount", "mt", "forest", "beach", "trail", "canyon", "falls"})


#: Words that put the head first in a venue's name ("Stade de France", "Rue de Rivoli").
_HEAD_FIRST = frozenset({
    "stade", "estadio", "estádio", "stadio", "rue", "place", "piazza", "plaza", "calle",
    "avenida", "palais", "palacio", "palazzo", "gare", "parc", "musée", "museo", "teatro",
    "théâtre", "basilica", "basilique", "iglesia", "église", "mezquita"})
#: Prepositions after the head of a name ("Museum of Modern Art", "Stade de France").
_POSTMODIFIERS = frozenset({"of", "de", "du", "des", "del", "della", "di", "do", "da"})
#: Lower-case words after a name that make it a street, building or part of a town
#: ("Paris' Champs-Elysees boulevard", "Cairo's Abbasiya neighbourhood").
_VENUE_WORDS = frozenset({"street", "avenue", "boulevard", "road", "square", "bridge", "stadium",
                          "arena", "cathedral", "church", "mosque", "synagogue"})
_TOWN_PARTS = frozenset({"district", "neighbourhood", "neighborhood", "quarter", "suburb"})
_WORD_AFTER = re.compile(r"\s+([a-z]+)")
#: "… in Alexandria" after a venue; "Cairo's", "Paris' iconic" before it.
_IN_TOWN = re.compile(r"(?:\s+[a-z]+)?,?\s+in\s+")
_TOWN_OWNS = re.compile(r"(?:'s|'|’s|’)\s+(?:[a-z]+\s+)?$")


def _head(words: list[str]) -> str:
    """The head word of a venue's name: the word before a postmodifier ("Stade" in "Stade
    de France"), a head-first word, else the last word."""
    for i, w in enumerate(words[1:], 1):
        if w in _POSTMODIFIERS:
            return words[i - 1]
    return words[0] if words[0] in _HEAD_FIRST else words[-1]


def _word_after(entity: Entity, text: str) -> set[str]:
    return {m.group(1) for _, end in entity.mentions if (m := _WORD_AFTER.match(text, end))}


def _venue(entity: Entity, text: str = "") -> bool:
    words = entity.name.replace(".", "").lower().split()
    if entity.type in PLACE_TYPES | {"ORG"} and _word_after(entity, text) & _VENUE_WORDS:
        # a name followed by what it names: "the Champs-Elysees boulevard"
        return True
    if entity.type in PLACE_TYPES and _enclave(entity, text):
        return True
    if len(words) < 2:
        return False
    return (entity.type == "FAC" and _head(words) in _VENUE_HEADS | _HEAD_FIRST) \
        or (entity.type == "ORG" and words[-1] in _BUILDING_ORG_HEADS) \
        or (entity.type in PLACE_TYPES and (words[-1] in _FEATURE_HEADS
                                            or words[0] in _FEATURE_HEADS))


def _town_part(entity: Entity, text: str) -> bool:
    """A part of a town: "Haram district", "Abbasiya neighbourhood"."""
    words = entity.name.lower().split()
    return entity.type in PLACE_TYPES and (
        (len(words) > 1 and words[-1] in _TOWN_PARTS) or bool(_word_after(entity, text) & _TOWN_PARTS))


def _stated_town(entity: Entity, text: str, towns_at: dict[tuple[str, int], kb.GazPlace]
                 ) -> kb.GazPlace | None:
    """The town the text puts a venue in: "St. Mark's Church in Alexandria", "Cairo's
    Abbasiya neighbourhood"."""
    for start, end in entity.mentions:
        if (m := _IN_TOWN.match(text, end)) and (town := towns_at.get(("start", m.end()))):
            return town
        if (m := _TOWN_OWNS.search(text, max(0, start - 40), start)) and \
                (town := towns_at.get(("end", m.start()))):
            return town
    return None


def venues(entities: Sequence[Entity], chosen: dict[str, kb.GazPlace], text: str = ""
           ) -> dict[str, kb.GazPlace]:
    """Streets, buildings and venues the gazetteer does not hold ("Frenchmen Street", "Colony
    Theatre") lie in the town the text puts them in ("… in Alexandria", "Cairo's …"), else in
    the article's town: the town its places name most often. A part of a town the text puts
    in a town ("Giza's Haram district") lies there unless its reading is near that town."""
    mentions = {e.id: len(e.mentions) for e in entities}
    towns = Counter[str]()
    towns_at: dict[tuple[str, int], kb.GazPlace] = {}
    by_id = {e.id: e for e in entities}
    for eid, p in chosen.items():
        if p.kind in ("city", "town"):
            towns[eid] += mentions.get(eid, 1)
            for start, end in by_id[eid].mentions if eid in by_id else ():
                towns_at[("start", start)] = towns_at[("end", end)] = p
    if not towns:
        return {}
    town = chosen[towns.most_common(1)[0][0]]
    out: dict[str, kb.GazPlace] = {}
    for e in entities:
        if e.id in chosen:
            # a part of a town read far from the town the text puts it in
            if _town_part(e, text) and (stated := _stated_town(e, text, towns_at)) and \
                    not _near_to(chosen[e.id], stated):
                out[e.id] = stated
        elif (venue := _venue(e, text)) or _town_part(e, text):
            stated = _stated_town(e, text, towns_at)
            if stated is not None:
                out[e.id] = stated
            elif venue:
                out[e.id] = town
    return out


def _near_to(a: kb.GazPlace, b: kb.GazPlace) -> bool:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    return kb.distance_km(a.lat, a.lon, b.lat, b.lon) <= PROXIMITY_KM  # type: ignore[arg-type]


def extract_places(doc: Doc | None, entities: Sequence[Entity], text: str
                   ) -> tuple[list[Place], list[Entity]]:
    """Geocoded places of the article, and the entities with countries from their places."""
    chosen, _ = resolve(entities, text)
    chosen.update(venues(entities, chosen, text))
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
