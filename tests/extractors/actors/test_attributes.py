"""Actors: roles, countries and CAMEO codes of entities; nominal actors."""

from __future__ import annotations

import pytest

from .conftest import by_mention, entities

pytestmark = pytest.mark.model


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
def test_attributes_person_roles_from_titles_and_appositions(
        nlp, text: str, mention: str, role: str, country: str, actor: str | None) -> None:
    e = by_mention(nlp, text, mention)
    assert any(role in r for r in e.roles), e.roles
    assert e.country == country
    if actor:
        assert e.actor == actor


def test_attributes_role_stated_once_holds_across_the_article(nlp) -> None:
    text = "U.S. President Donald Trump arrived. Later, Trump said he was pleased."
    e = by_mention(nlp, text, "Trump")
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
def test_attributes_office_without_country_takes_the_dateline_country(
        nlp, text: str, country: str | None, actor: str | None) -> None:
    e = next(e for e in entities(nlp, text) if e.type == "PERSON")
    assert (e.country, e.actor) == (country, actor)


def test_attributes_person_without_title_gets_no_country(nlp) -> None:
    e = by_mention(nlp, "On April 18, Rubio said the talks were over.", "Rubio")
    assert e.country is None and e.actor is None and e.roles == []


@pytest.mark.parametrize(("text", "mention", "country", "actor"), [
    ("Russia annexed the peninsula.", "Russia", "RUS", "RUS"),
    ("Ukrainian troops held the line.", "Ukrainian", "UKR", "UKR"),
    ("NATO leaders met in Brussels.", "NATO", None, "IGOWSTNAT"),
    ("The Kremlin said talks would continue.", "Kremlin", "RUS", "RUSGOV"),
    ("The Kyiv City Military Administration said drones hit the city.",
     "The Kyiv City Military Administration", "UKR", "UKRGOV"),
])
def test_attributes_country_and_code_of_names(nlp, text: str, mention: str, country: str | None,
                                          actor: str) -> None:
    e = by_mention(nlp, text, mention)
    assert (e.country, e.actor) == (country, actor)


@pytest.mark.parametrize(("text", "name", "type_", "actor"), [
    ("The Ukrainian government said nine people were killed.", "Ukrainian government", "ORG",
     "UKRGOV"),
    ("Russian forces shelled the town overnight.", "Russian forces", "NORP", "RUSMIL"),
    ("Separatists broke away from Kyiv in 2014.", "Separatists", "NORP", "SEP"),
    ("Police said the man was arrested.", "Police", "ORG", "COP"),
    ("The government of Ukraine rejected the plan.", "government of Ukraine", "ORG", "UKRGOV"),
])
def test_attributes_nominal_actors_become_entities(nlp, text: str, name: str, type_: str,
                                               actor: str) -> None:
    e = next(e for e in entities(nlp, text) if e.actor == actor)
    assert name.lower() in e.name.lower() and e.type == type_


@pytest.mark.parametrize("text", [
    "The government said nothing.",              # no country: not an actor of its own
    "Ministers met the press on Tuesday.",
])
def test_attributes_nominal_without_country_is_not_an_entity(nlp, text: str) -> None:
    assert not [e for e in entities(nlp, text) if e.type in ("ORG", "NORP")]
