"""Actors: roles, countries and CAMEO codes of entities; nominal actors; NER repair."""

from __future__ import annotations

import pytest

from storyline.extract import repair
from storyline.extract.places import PLACE_TYPES
from storyline.record import Entity

pytestmark = pytest.mark.model


def _entities(nlp, text: str) -> list[Entity]:
    return nlp(text)._.entities


def _by_mention(nlp, text: str, mention: str) -> Entity:
    for e in _entities(nlp, text):
        if any(text[a:b] == mention for a, b in e.mentions):
            return e
    raise AssertionError(f"no entity mentioned as {mention!r}: {_entities(nlp, text)}")


@pytest.mark.parametrize(("text", "mention", "role", "country", "actor"), [
    ("U.S. President Donald Trump spoke on Monday.", "Donald Trump", "President", "USA", "USAGOV"),
    ("Russian President Vladimir Putin met them.", "Vladimir Putin", "President", "RUS", "RUSGOV"),
    ("Ukrainian Prime Minister Denys Shmyhal was due to travel.", "Denys Shmyhal",
     "Prime Minister", "UKR", "UKRGOV"),
    ("He met U.S. Treasury Secretary Scott Bessent in Washington.", "Scott Bessent",
     "Treasury Secretary", "USA", "USAGOV"),
    ("On the same day, Ukraine's economy minister, Yulia Svyrydenko, signed a memorandum.",
     "Yulia Svyrydenko", "economy minister", "UKR", "UKRGOV"),
    ("It was transferred by the then-leader of the Soviet Union, Nikita Khrushchev.",
     "Nikita Khrushchev", "leader", "SUN", None),
    ("Sergei Lavrov, Russia's foreign minister, said so.", "Sergei Lavrov", "foreign minister",
     "RUS", "RUSGOV"),
])
def test_actors_person_roles_from_titles_and_appositions(
        nlp, text: str, mention: str, role: str, country: str, actor: str | None) -> None:
    e = _by_mention(nlp, text, mention)
    assert any(role in r for r in e.roles), e.roles
    assert e.country == country
    if actor:
        assert e.actor == actor


def test_actors_role_stated_once_holds_across_the_article(nlp) -> None:
    text = "U.S. President Donald Trump arrived. Later, Trump said he was pleased."
    e = _by_mention(nlp, text, "Trump")
    assert e.roles == ["President"] and e.actor == "USAGOV"
    assert sum(1 for a, b in e.mentions if text[a:b] == "Trump") == 1


@pytest.mark.parametrize(("text", "country", "actor"), [
    # an office named without its country belongs to the dateline's
    ("Protests Spread\nNAIROBI — President William Ruto said on Friday he would not sign the bill.",
     "KEN", "KENGOV"),
    # no dateline: no guess
    ("President William Ruto said on Friday he would not sign the bill.", None, None),
    # the article's own words win over the dateline
    ("Talks in Kenya\nNAIROBI — Ugandan President Yoweri Museveni said on Friday he would attend.",
     "UGA", "UGAGOV"),
])
def test_actors_office_without_country_takes_the_dateline_country(
        nlp, text: str, country: str | None, actor: str | None) -> None:
    e = next(e for e in _entities(nlp, text) if e.type == "PERSON")
    assert (e.country, e.actor) == (country, actor)


def test_actors_person_without_title_gets_no_country(nlp) -> None:
    e = _by_mention(nlp, "On April 18, Rubio said the talks were over.", "Rubio")
    assert e.country is None and e.actor is None and e.roles == []


@pytest.mark.parametrize(("text", "mention", "country", "actor"), [
    ("Russia annexed the peninsula.", "Russia", "RUS", "RUS"),
    ("Ukrainian troops held the line.", "Ukrainian", "UKR", "UKR"),
    ("NATO leaders met in Brussels.", "NATO", None, "IGOWSTNAT"),
    ("The Kremlin said talks would continue.", "Kremlin", "RUS", "RUSGOV"),
    ("The Kyiv City Military Administration said drones hit the city.",
     "The Kyiv City Military Administration", "UKR", "UKRGOV"),
])
def test_actors_country_and_code_of_names(nlp, text: str, mention: str, country: str | None,
                                          actor: str) -> None:
    e = _by_mention(nlp, text, mention)
    assert (e.country, e.actor) == (country, actor)


@pytest.mark.parametrize(("text", "name", "type_", "actor"), [
    ("The Ukrainian government said nine people were killed.", "Ukrainian government", "ORG",
     "UKRGOV"),
    ("Russian forces shelled the town overnight.", "Russian forces", "NORP", "RUSMIL"),
    ("Separatists broke away from Kyiv in 2014.", "Separatists", "NORP", "SEP"),
    ("Police said the man was arrested.", "Police", "ORG", "COP"),
    ("The government of Ukraine rejected the plan.", "government of Ukraine", "ORG", "UKRGOV"),
])
def test_actors_nominal_actors_become_entities(nlp, text: str, name: str, type_: str,
                                               actor: str) -> None:
    e = next(e for e in _entities(nlp, text) if e.actor == actor)
    assert name.lower() in e.name.lower() and e.type == type_


@pytest.mark.parametrize("text", [
    "The government said nothing.",              # no country: not an actor of its own
    "Ministers met the press on Tuesday.",
])
def test_actors_nominal_without_country_is_not_an_entity(nlp, text: str) -> None:
    assert not [e for e in _entities(nlp, text) if e.type in ("ORG", "NORP")]


# ---------------------------------------------------------------- NER repair

def test_repair_headline_glued_to_a_name(nlp) -> None:
    text = ("Ukrainian President Volodymyr Zelenskyy spoke on Monday.\n"
            "Zelenskyy Points Finger at Moscow\nZelenskyy said the attacks continued.")
    names = [e.name for e in _entities(nlp, text)]
    assert "Zelenskyy Points Finger" not in names
    z = _by_mention(nlp, text, "Volodymyr Zelenskyy")
    assert sum(1 for a, b in z.mentions if text[a:b] == "Zelenskyy") == 2


def test_repair_headline_glued_to_a_known_organization(nlp) -> None:
    text = ("EU Adopts New Sanctions Package Against Iran Over Drone Supplies\n"
            "BRUSSELS — The European Union on Monday imposed sanctions on Iranian officials.")
    names = [e.name for e in _entities(nlp, text)]
    assert not [n for n in names if "Adopts" in n]
    eu = _by_mention(nlp, text, "EU")
    assert eu.name == "European Union" and eu.type == "ORG" and len(eu.mentions) == 2


def test_repair_person_span_loses_trailing_number_word(nlp) -> None:
    text = ("Croatian President Franjo Tudjman met the council on Monday. In 1995 Tudjman four "
            "times vetoed the opposition's choice of mayor.")
    names = {text[a:b] for e in _entities(nlp, text) for a, b in e.mentions}
    assert "Tudjman four" not in names and "Tudjman" in names


def test_repair_missed_surname(nlp) -> None:
    text = ("Trump greeted Norwegian Prime Minister Jonas Gahr Store at the White House. "
            "Later, Trump is set to meet with Store to discuss tariffs.")
    e = _by_mention(nlp, text, "Jonas Gahr Store")
    assert [text[a:b] for a, b in e.mentions].count("Store") == 1


def test_repair_rules_can_be_switched_off(nlp) -> None:
    doc = nlp("Trump greeted Prime Minister Jonas Gahr Store. Later, Trump is set to meet with "
              "Store to discuss the war.")
    spans = list(doc.ents)
    on = repair.repair(doc, spans)
    off = repair.repair(doc, spans, disabled=["missed_names"])
    assert "Store" in [s.text for s in on] and "Store" not in [s.text for s in off]


@pytest.mark.parametrize(("text", "mention", "type_"), [
    ("The U.S.-led campaign went on.", "U.S.-led", "GPE"),
    ("Officials at the Texas A&M University campus said so.", "Texas", "GPE"),
    ("The Turkish Embassy issued a statement.", "Turkish", "NORP"),
])
def test_repair_places_inside_other_names(nlp, text: str, mention: str, type_: str) -> None:
    e = _by_mention(nlp, text, mention)
    assert e.type == type_


@pytest.mark.parametrize(("text", "mention", "is_place"), [
    ("Jonathan Washington said he would run again. Washington denied it.", "Washington", False),
    ("Michael Jordan said he was happy. Jordan scored 30 points.", "Jordan", False),
    ("Officers in Mansfield said the road was closed.", "Mansfield", True),
])
def test_repair_person_or_place(nlp, text: str, mention: str, is_place: bool) -> None:
    e = _by_mention(nlp, text, mention)
    assert (e.type in PLACE_TYPES) is is_place


@pytest.mark.parametrize(("text", "first", "second"), [
    ("Ukrainian President Volodymyr Zelenskyy spoke. Later, Zelensky said the talks failed.",
     "Volodymyr Zelenskyy", "Zelensky"),
    ("The North Atlantic Treaty Organization met in Brussels. NATO said it would respond.",
     "The North Atlantic Treaty Organization", "NATO"),
    ("The United States agreed. Later, U.S. officials denied it.", "The United States", "U.S."),
])
def test_actors_name_variants_are_one_entity(nlp, text: str, first: str, second: str) -> None:
    assert _by_mention(nlp, text, first).id == _by_mention(nlp, text, second).id


def test_actors_different_people_with_one_surname_stay_apart(nlp) -> None:
    text = "Hillary Clinton met Bill Clinton in New York."
    assert _by_mention(nlp, text, "Hillary Clinton").id != _by_mention(nlp, text, "Bill Clinton").id
