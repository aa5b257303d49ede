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
    # no dateline and a person no table knows: no guess
    ("President Amara Lindqvist-Okafor said on Friday she would not sign the bill.", None, None),
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
    ("Ukrainian troops held the line.", "Ukrainian troops", "UKR", "UKRMIL"),
    ("NATO leaders met in Brussels.", "NATO", None, "IGOWSTNAT"),
    ("The Kremlin said talks would continue.", "Kremlin", "RUS", "RUSGOV"),
    ("The Kyiv City Military Administration said drones hit the city.",
     "The Kyiv City Military Administration", "UKR", "UKRGOV"),
    # a body the CAMEO dictionaries know wins over a place word in its name, and a
    # region's other name in title case is no place ("Federal" of Brazil's Federal District)
    ("The Federal Trade Commission sued Intel.", "The Federal Trade Commission", "USA", "USAGOV"),
    ("The Federal Communications Commission fined CBS.", "The Federal Communications Commission",
     None, None),
    ("The NSW Crime Commission raided a club.", "The NSW Crime Commission", "AUS", "AUS"),
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
    # a multiword demonym the tagger split ("Sri" GPE + "Lankan" NORP) still names its country
    ("The Sri Lankan government rejected the plan on Monday.", "Sri Lankan government", "ORG",
     "LKAGOV"),
])
def test_attributes_nominal_actors_become_entities(nlp, text: str, name: str, type_: str,
                                               actor: str) -> None:
    e = next(e for e in entities(nlp, text) if e.actor == actor)
    assert name.lower() in e.name.lower() and e.type == type_


@pytest.mark.parametrize(("text", "mention", "actor"), [
    # PETRARCH2's agents EXTREMIST [~RAD], KIDNAPPER [~CRM], GUNMAN [~UAF] named alone
    ("LIMA, Peru -- Extremists bombed a bridge on Monday.", "Extremists", "PERRAD"),
    ("LIMA, Peru -- On Monday, kidnappers seized a banker.", "kidnappers", "PERCRM"),
    ("LIMA, Peru -- On Monday, gunmen shot two guards.", "gunmen", "PERREB"),
])
def test_attributes_armed_and_criminal_agents_named_alone(nlp, text: str, mention: str,
                                                          actor: str) -> None:
    assert by_mention(nlp, text, mention).actor == actor


@pytest.mark.parametrize("text", [
    "The government said nothing.",              # no country: not an actor of its own
    "Ministers met the press on Tuesday.",
])
def test_attributes_nominal_without_country_is_not_an_entity(nlp, text: str) -> None:
    assert not [e for e in entities(nlp, text) if e.type in ("ORG", "NORP")]


def _dated(nlp, text: str, day: str):
    from datetime import date

    from storyline.nlp import make_doc

    return nlp(make_doc(nlp, text, date.fromisoformat(day)))._.entities


@pytest.mark.parametrize(("text", "day", "mention", "country", "actor"), [
    # a leader known by name: the article's date picks the entry
    ("Netanyahu said the talks had failed.", "2013-05-01", "Netanyahu", "ISR", "ISRGOV"),
    ("Netanyahu said the talks had failed.", "2022-01-10", "Netanyahu", "ISR", "ISROPP"),
    ("Erdogan met Putin in Sochi.", "2016-08-09", "Erdogan", "TUR", "TURGOV"),
    ("Erdogan met Putin in Sochi.", "2016-08-09", "Putin", "RUS", "RUSGOV"),
    ("Gloria Arroyo survived the vote.", "2005-12-15", "Gloria Arroyo", "PHL", "PHLGOV"),
    # before his first term an elite (CAMEO ELI), and before any dated entry nothing
    ("Netanyahu said the talks had failed.", "1990-01-01", "Netanyahu", "ISR", "ISRELI"),
    ("Netanyahu said the talks had failed.", "1960-01-01", "Netanyahu", None, None),
])
def test_attributes_office_holder_by_name_and_date(
        nlp, text: str, day: str, mention: str, country: str | None, actor: str | None) -> None:
    e = next(e for e in _dated(nlp, text, day) if any(text[a:b] == mention for a, b in e.mentions))
    assert (e.country, e.actor) == (country, actor)
    assert e.roles == []  # roles stay the article's own words


@pytest.mark.parametrize(("text", "mention", "role", "country", "actor"), [
    # possessive country before a bare name
    ("Turkey's Erdogan said on Monday the talks failed.", "Erdogan", None, "TUR", "TURGOV"),
    # possessive country, title, comma, name
    ("Israel's prime minister, Benjamin Netanyahu, said the talks failed.", "Benjamin Netanyahu",
     "prime minister", "ISR", "ISRGOV"),
    # name, comma, possessive country and title
    ("Benjamin Netanyahu, Israel's prime minister, said the talks failed.", "Benjamin Netanyahu",
     "prime minister", "ISR", "ISRGOV"),
    # an organization's title in apposition
    ("Kaja Kallas, EU foreign policy chief, said the talks failed.", "Kaja Kallas",
     "foreign policy chief", None, "IGOEUREEC"),
    # a title with a phrase after it, then the name, whatever the parse
    ("He summoned Venezuelan Ambassador to Ecuador, Oscar Navas, on Wednesday.", "Oscar Navas",
     "Ambassador", "VEN", "VENGOV"),
    ("North Korea's chief delegate to the talks, Kim Kye-Gwan, spoke first.", "Kim Kye-Gwan",
     "delegate", "PRK", "PRKGOV"),
    # a title and its field
    ("Malaysian Minister of Interior Azmi Khalid will visit.", "Azmi Khalid",
     "Minister of Interior", "MYS", "MYSGOV"),
    # a body between the country and the title
    ("Chinese foreign ministry spokesman Shen Guofang said so.", "Shen Guofang", "spokesman",
     "CHN", "CHNGOV"),
    # a body gives a generic title its sector, an organization its country
    ("NSW Police Commissioner Ken Moroney said so.", "Ken Moroney", "Police Commissioner", "AUS",
     "AUSCOP"),
])
def test_attributes_role_patterns(nlp, text: str, mention: str, role: str | None,
                                  country: str | None, actor: str) -> None:
    e = next(e for e in _dated(nlp, text, "2025-03-01")
             if any(text[a:b] == mention for a, b in e.mentions))
    if role is not None:
        assert any(role in r for r in e.roles), e.roles
    assert (e.country, e.actor) == (country, actor)


def test_attributes_role_held_for_a_person(nlp) -> None:
    text = ("President Rodrigo Duterte spoke on Monday. Duterte spokesman Harry Roque said the "
            "talks would resume.")
    e = next(e for e in _dated(nlp, text, "2018-03-01") if e.name == "Harry Roque")
    assert (e.country, e.actor) == ("PHL", "PHLGOV") and e.roles == ["spokesman"]


def test_attributes_office_without_country_takes_the_article_country(nlp) -> None:
    text = ("Philippine troops were put on alert in Manila. Philippine police said the army "
            "stayed loyal. \"We are ready,\" said police spokesman Leopoldo Bataoil.")
    e = by_mention(nlp, text, "Leopoldo Bataoil")
    assert (e.country, e.actor) == ("PHL", "PHLCOP")


@pytest.mark.parametrize(("text", "mention", "name", "type_", "actor"), [
    # a demonym standing for its country joins the country's entity
    ("Turkey protested. Turkish officials said the Turks would not back down.", "Turks",
     "Turkey", "GPE", "TUR"),
    # alone, the demonym is the country as an actor
    ("Belgian and Dutch police arrested four men.", "Belgian", "Belgian", "NORP", "BEL"),
    # a group noun names the country's military
    ("Israeli forces raided the camp on Monday.", "Israeli forces", "Israeli forces", "NORP",
     "ISRMIL"),
])
def test_attributes_demonyms_stand_for_their_country(nlp, text: str, mention: str, name: str,
                                                     type_: str, actor: str) -> None:
    e = by_mention(nlp, text, mention)
    assert (e.name, e.type, e.actor) == (name, type_, actor)


@pytest.mark.parametrize(("text", "name", "country", "actor"), [
    # an agent noun of the PETRARCH2 agents dictionary with a demonym: the country's civilians
    ("Palestinian villagers blocked the road.", "Palestinian villagers", "PSE", "PSECVL"),
    # an ethnic or religious adjective that names no country: one actor, no country
    ("Kurdish rebels attacked the convoy.", "Kurdish rebels", None, "REB"),
    ("Jewish settlers marched past the gate.", "Jewish settlers", None, "CVL"),
])
def test_attributes_group_adjective_and_noun_are_one_actor(
        nlp, text: str, name: str, country: str | None, actor: str) -> None:
    e = by_mention(nlp, text, name)
    assert (e.name, e.type, e.country, e.actor) == (name, "NORP", country, actor)
    assert not [x for x in entities(nlp, text) if x.name == name.split()[0]]


def test_attributes_institution_keeps_its_demonym_mention(nlp) -> None:
    text = "The Spanish government refused to negotiate."
    assert by_mention(nlp, text, "Spanish government").actor == "ESPGOV"
    assert by_mention(nlp, text, "Spanish").country == "ESP"


def test_attributes_agent_noun_alone_is_no_actor(nlp) -> None:
    # (an event taking them makes them a group actor: tests/extractors/actors/test_groups.py)
    assert not [e for e in entities(nlp, "The settlers live past the gate.")]


def test_attributes_region_word_is_no_actor(nlp) -> None:
    e = by_mention(nlp, "The Mideast peace process stalled again.", "Mideast")
    assert e.actor is None and e.country is None


@pytest.mark.parametrize(("text", "mention", "country", "actor"), [
    # a party's country: the only one with a party of that name
    ("The Likud party won the most seats on Tuesday.", "Likud", "ISR", "ISRPTY"),
    # a name several countries' parties share: the one the article names
    ("Austria's chancellor spoke in Vienna. The Freedom Party said it would join talks with "
     "Austrian conservatives.", "Freedom Party", "AUT", "AUTPTY"),
    ("Labour Party leaders met in Wellington to discuss New Zealand's budget.", "Labour Party",
     "NZL", "NZLPTY"),
    # no country of its parties named: no guess
    ("The Labour Party said it would vote against the bill.", "Labour Party", None, None),
])
def test_attributes_party_country(nlp, text: str, mention: str, country: str | None,
                                  actor: str | None) -> None:
    e = next(e for e in entities(nlp, text) if any(mention in text[a:b] for a, b in e.mentions))
    assert (e.type, e.country, e.actor) == ("ORG", country, actor)


@pytest.mark.parametrize(("text", "mention", "role", "country", "actor"), [
    # a role held in a party is held in its country; a deputy sits in parliament (CAMEO LEG)
    ("Turkey protested again. Ankara said so. Turkish papers agreed. Hans Vogel, a deputy of the "
     "Free Democratic Party, criticised Germany's stance.", "Hans Vogel", "deputy", "DEU",
     "DEULEG"),
    # a title completed by its "of" phrase
    ("Sweden joined. Lena Berg, a member of parliament for the Moderate Party, said so.",
     "Lena Berg", "member of parliament", "SWE", "SWELEG"),
])
def test_attributes_role_in_a_party(nlp, text: str, mention: str, role: str, country: str,
                                    actor: str) -> None:
    e = by_mention(nlp, text, mention)
    assert role in e.roles and (e.country, e.actor) == (country, actor)


def test_attributes_bare_surname_of_office_holder(nlp) -> None:
    # no first name, so no full-name entry: the one office holder of that surname among the
    # countries the article names, on its date
    text = ("China warned Washington about Taiwan on Monday. A spokesman referred to remarks "
            "made by President Jiang last week.")
    e = next(e for e in _dated(nlp, text, "1997-04-01") if e.name == "Jiang")
    assert (e.country, e.actor) == ("CHN", "CHNGOV")


def test_attributes_spokesman_speaks_for_the_subject_institution(nlp) -> None:
    text = ("The Chinese Foreign Ministry has lodged a protest with Malaysia over the arrests, "
            "said spokesman Liu Wenhai. Malaysian officials in Kuala Lumpur declined to "
            "comment on Malaysia's position.")
    e = by_mention(nlp, text, "Liu Wenhai")
    assert (e.country, e.actor) == ("CHN", "CHNGOV")


def test_attributes_acronym_of_an_organization(nlp) -> None:
    text = ("The Australian Federal Police arrested two men in Sydney. AFP Deputy Commissioner "
            "Mark Dwyer said the men would appear in court.")
    e = by_mention(nlp, text, "Mark Dwyer")
    assert (e.country, e.actor) == ("AUS", "AUSCOP")
    police = by_mention(nlp, text, "AFP")
    assert police.name == "Australian Federal Police"


@pytest.mark.parametrize(("text", "mention", "actor"), [
    # a generic agent named alone takes the country of the story (CAMEO/Phoenix agents
    # are coded with the actor of their context): the dateline's …
    ("NAIROBI, Kenya -- Police fired tear gas at a crowd of traders on Monday.", "Police", "KENCOP"),
    # … or the country the article is clearly about
    ("Kenya said on Monday that the vote in Kenya went well. Kenyan officials in Nairobi "
     "praised turnout. Rebels attacked a convoy near the border.", "Rebels", "KENREB"),
    # a name qualifying the agent says whose it is, not the story's country
    ("NAIROBI, Kenya -- The UN police left the camp on Monday.", "police", "COP"),
    # refugees are from elsewhere by definition
    ("NAIROBI, Kenya -- Police fired tear gas. Refugees crossed the river.", "Refugees", "REF"),
])
def test_attributes_generic_agent_takes_the_story_country(nlp, text: str, mention: str,
                                                         actor: str) -> None:
    assert by_mention(nlp, text, mention).actor == actor


def test_attributes_generic_agent_without_a_story_country_has_none(nlp) -> None:
    # two countries named as often: no country the story is clearly about
    e = by_mention(nlp, "Police in Chad and Niger arrested smugglers.", "Police")
    assert e.actor == "COP" and e.country is None


@pytest.mark.parametrize(("text", "name", "country", "actor"), [
    # a body's own group is named with the body, apart from the story country's police
    ("NAIROBI, Kenya -- The UN police used tear gas on Monday. Police later arrested two men.",
     "UN police", None, "COP"),
    ("NAIROBI, Kenya -- The UN police used tear gas on Monday. Police later arrested two men.",
     "Police", "KEN", "KENCOP"),
    # the body's whole name, not its last word
    ("PHNOM PENH, Cambodia -- Khmer Rouge guerrillas shelled a village on Monday.",
     "Khmer Rouge guerrillas", None, "REB"),
])
def test_attributes_group_qualified_by_a_body_is_named_with_it(nlp, text: str, name: str,
                                                               country: str | None,
                                                               actor: str) -> None:
    e = next(e for e in entities(nlp, text) if e.name == name)
    assert (e.country, e.actor) == (country, actor)


@pytest.mark.parametrize(("name", "country"), [
    ("Bavaria", "DEU"), ("Aceh", "IDN"), ("Ontario", "CAN"),
    # a region name several countries give their own regions names none of them
    ("Northern", None), ("Central", None), ("Punjab", None),
])
def test_attributes_region_name_country(name: str, country: str | None) -> None:
    from storyline.extractors.actors.attributes import _place_country

    assert _place_country(name) == country


def test_attributes_armed_group_the_kb_knows_counts_for_its_country(nlp) -> None:
    from storyline.extractors.actors.attributes import article_countries

    doc = nlp("The LTTE said on Monday that it would attend the talks. Norwegian envoys met "
              "rebel leaders in the north. The LTTE later accused the army of shelling its "
              "positions, and Norwegian officials urged calm. The LTTE denied the report.")
    assert article_countries(doc)["LKA"] == 3 and article_countries(doc)["NOR"] == 2
