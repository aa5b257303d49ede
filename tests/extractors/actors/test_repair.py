"""NER repair: the model's known errors fixed with the KB and the article itself."""

from __future__ import annotations

import pytest

from storyline.extractors.actors import repair
from storyline.extractors.places.geocoder import PLACE_TYPES

from .conftest import by_mention, entities

pytestmark = pytest.mark.model


def test_repair_headline_glued_to_a_name(nlp) -> None:
    text = ("Ukrainian President Volodymyr Zelenskyy spoke on Monday.\n"
            "Zelenskyy Points Finger at Moscow\nZelenskyy said the attacks continued.")
    names = [e.name for e in entities(nlp, text)]
    assert "Zelenskyy Points Finger" not in names
    z = by_mention(nlp, text, "Volodymyr Zelenskyy")
    assert sum(1 for a, b in z.mentions if text[a:b] == "Zelenskyy") == 2


def test_repair_headline_glued_to_a_known_organization(nlp) -> None:
    text = ("EU Adopts New Sanctions Package Against Iran Over Drone Supplies\n"
            "BRUSSELS — The European Union on Monday imposed sanctions on Iranian officials.")
    names = [e.name for e in entities(nlp, text)]
    assert not [n for n in names if "Adopts" in n]
    eu = by_mention(nlp, text, "EU")
    assert eu.name == "European Union" and eu.type == "ORG" and len(eu.mentions) == 2


def test_repair_person_span_loses_trailing_number_word(nlp) -> None:
    text = ("Croatian President Franjo Tudjman met the council on Monday. In 1995 Tudjman four "
            "times vetoed the opposition's choice of mayor.")
    names = {text[a:b] for e in entities(nlp, text) for a, b in e.mentions}
    assert "Tudjman four" not in names and "Tudjman" in names


def test_repair_missed_surname(nlp) -> None:
    text = ("Trump greeted Norwegian Prime Minister Jonas Gahr Store at the White House. "
            "Later, Trump is set to meet with Store to discuss tariffs.")
    e = by_mention(nlp, text, "Jonas Gahr Store")
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
    # a county's other full form is the county, not a town named like it
    ("Mayo County Council approved the plan on Monday.", "Mayo County", "GPE"),
])
def test_repair_places_inside_other_names(nlp, text: str, mention: str, type_: str) -> None:
    e = by_mention(nlp, text, mention)
    assert e.type == type_


@pytest.mark.parametrize(("text", "mention", "is_place"), [
    ("Jonathan Washington said he would run again. Washington denied it.", "Washington", False),
    ("Michael Jordan said he was happy. Jordan scored 30 points.", "Jordan", False),
    ("Officers in Mansfield said the road was closed.", "Mansfield", True),
])
def test_repair_person_or_place(nlp, text: str, mention: str, is_place: bool) -> None:
    e = by_mention(nlp, text, mention)
    assert (e.type in PLACE_TYPES) is is_place


@pytest.mark.model
@pytest.mark.parametrize(("text", "abbreviation"), [
    ("The fire in Fargo, N.D., spread overnight.", "N.D."),
    ("Officials in Bluefield, W. Va., agreed.", "W. Va."),
])
def test_repair_state_qualifier_after_a_town(nlp, text: str, abbreviation: str) -> None:
    doc = nlp(text)
    assert any(text[a:b] == abbreviation for e in doc._.entities for a, b in e.mentions
               if e.type == "GPE")


@pytest.mark.parametrize(("text", "mention", "name"), [
    # a family name standing first ("Kim" for "Kim Kye-Gwan") stays the person's
    ("North Korea's envoy Kim Kye-Gwan arrived. The speech by Kim was short.", "Kim",
     "Kim Kye-Gwan"),
    # an untagged given name before a tagged surname joins it
    ("On Thursday Turkish Interior Minister Meral Aksener accused Germany of bias.", "Meral Aksener",
     "Meral Aksener"),
])
def test_repair_person_name_parts(nlp, text: str, mention: str, name: str) -> None:
    e = next(e for e in nlp(text)._.entities if any(text[a:b] == mention for a, b in e.mentions))
    assert (e.name, e.type) == (name, "PERSON")


def test_repair_group_name_before_party_is_an_organization(nlp) -> None:
    text = "Cem Yilmaz, a member of parliament for the opposition Greens party, spoke."
    e = next(e for e in nlp(text)._.entities if e.name.startswith("Greens"))
    assert e.type == "ORG"


@pytest.mark.parametrize(("text", "place"), [
    # a dateline closed by a colon
    ("Graves desecrated near church . BEIRUT: Unknown assailants removed the doors of tombs.",
     "Beirut"),
    # an upper-case dateline tagged PERSON, and the name's other mention with it
    ("Two women died hours apart. HAMILTON — The two Hamilton women found dead were sisters.",
     "Hamilton"),
    # a dash glued to the first word of the story
    ("NAIROBI --At least four people drowned when a ferry sank on Sunday.", "Nairobi"),
    # the text opens with the dateline, without any punctuation after it
    ("CLEVELAND The city council voted on Monday to raise parking fees.", "Cleveland"),
])
def test_repair_dateline_forms(nlp, text: str, place: str) -> None:
    assert place in [p.name for p in nlp(text)._.places]


@pytest.mark.parametrize(("text", "name", "dateline"), [
    ("CLEVELAND The city council voted on Monday.", "CLEVELAND", True),
    # inside the text an upper-case word before a sentence is no dateline
    ("Fees rose. CLEVELAND The city council voted on Monday.", "CLEVELAND", False),
    # upper-case words before a lower-case word are a headline
    ("CLEVELAND votes on parking fees.", "CLEVELAND", False),
])
def test_repair_dateline_opening_the_text(text: str, name: str, dateline: bool) -> None:
    import spacy

    doc = spacy.blank("en")(text)
    assert (name in [s.text for s in repair.dateline_spans(doc)]) is dateline


def test_repair_first_word_of_a_demonym_left_out(nlp) -> None:
    text = "A prediction about Sri Lankan politics in 2009 was wrong."
    e = by_mention(nlp, text, "Sri Lankan")
    assert e.country == "LKA"


@pytest.mark.parametrize(("text", "name", "cue"), [
    # "a Chapin man": the name between "a"/"an" and a person noun is where they live
    ("A Chapin man died on Tuesday.", "Chapin", True),
    ("Police said an Alexandria woman was hurt.", "Alexandria", True),
    # a person's name before such a noun, without the article, is no place cue
    ("Chapin man of the match again.", "Chapin", False),
    ("A Chapin fan cheered.", "Chapin", False),
])
def test_repair_resident_noun_is_a_place_cue(text: str, name: str, cue: bool) -> None:
    import spacy

    from storyline.extractors.actors.repair import _place_cue

    doc = spacy.blank("en")(text)
    start = next(t.i for t in doc if t.text == name)
    assert _place_cue(doc, doc[start:start + 1]) is cue


@pytest.mark.parametrize(("text", "places", "name", "cue"), [
    # a name listed with places is a place
    ("Sales fell in Newark, Heath and Pataskala.", ["Newark", "Heath"], "Pataskala", True),
    ("Lindsay and Gainesville opened banks.", ["Gainesville"], "Lindsay", True),
    ("The bank opened in Gainesville and Lindsay.", ["Gainesville"], "Lindsay", True),
    # listed with people, or after a place without a joining word, it is not
    ("Smith and Lindsay signed it.", [], "Lindsay", False),
    ("Gainesville Lindsay signed it.", ["Gainesville"], "Lindsay", False),
])
def test_repair_listed_with_places_is_a_place_cue(text: str, places: list[str], name: str,
                                                  cue: bool) -> None:
    import spacy
    from spacy.tokens import Span

    from storyline.extractors.actors.repair import _place_cue

    doc = spacy.blank("en")(text)
    doc.ents = [Span(doc, t.i, t.i + 1, label="GPE") for t in doc if t.text in places]
    start = next(t.i for t in doc if t.text == name)
    assert _place_cue(doc, doc[start:start + 1]) is cue


@pytest.mark.parametrize(("text", "org", "place"), [
    # a town's own services name the town, however small it is
    ("The Cookville Volunteer Fire Department met.", "Cookville Volunteer Fire Department",
     "Cookville"),
    ("The Grapeland Police Department said so.", "Grapeland Police Department", "Grapeland"),
    # other institutions need a town of some size
    ("The Grapeland Baptist Choir sang.", "Grapeland Baptist Choir", None),
])
def test_repair_town_opening_its_services_name(text: str, org: str, place: str | None
                                               ) -> None:
    import spacy
    from spacy.tokens import Span

    from storyline.extractors.actors.repair import embedded_places

    doc = spacy.blank("en")(text)
    start = next(t.i for t in doc if t.text == org.split()[0])
    span = Span(doc, start, start + len(org.split()), label="ORG")
    added = [s.text for s in embedded_places(doc, [span]) if s.label_ == "GPE"]
    assert added == ([place] if place else [])


@pytest.mark.parametrize(("text", "name", "label"), [
    # a dateline shows a place however small the town is
    ("Sprawl grows. MAINEVILLE, Ohio (AP) — Townships act.", "MAINEVILLE", "GPE"),
    # elsewhere a village needs to be a sizeable place to be relabelled
    ("Sprawl grows. Maineville acts now.", "Maineville", "ORG"),
])
def test_repair_dateline_town_of_any_size(text: str, name: str, label: str) -> None:
    import spacy
    from spacy.tokens import Span

    from storyline.extractors.actors.repair import place_names

    doc = spacy.blank("en")(text)
    start = next(t.i for t in doc if t.text == name)
    (span,) = [s for s in place_names(doc, [Span(doc, start, start + 1, label="ORG")])]
    assert span.label_ == label


@pytest.mark.parametrize(("text", "name", "found"), [
    # a capital or a big city named alone is a place without any cue
    ("Flights to Port-au-Prince resumed on Tuesday.", "Port-au-Prince", True),
    ("Aid workers reached Dar es Salaam on Monday after the storm.", "Dar es Salaam", True),
    # inside a longer name it is no place of its own
    ("She read the Lagos Business Review every week.", "Lagos", False),
    # a smaller town needs a place cue, and a word before it that shows a place
    ("Dead birds were found near Esperance on Monday.", "Esperance", True),
    ("Dead birds were found by Esperance on Monday.", "Esperance", False),
    ("Shops stay open late at Christmas every year.", "Christmas", False),
    # a known leader's surname is the person, a country's name stays the country
    ("Reporters asked Bolton about the plan on Friday.", "Bolton", False),
    ("Troops crossed into Jordan on Monday.", "Jordan", True),
    # a town named by an ordinary English word needs a place cue ("Orange", "Mission")
    ("Shares of Orange rose after the merger news.", "Orange", False),
    ("Volunteers said the Mission served meals to thousands.", "Mission", False),
    ("Dead birds were found near Orange on Monday.", "Orange", True),
    # a name English mostly capitalizes needs none
    ("Flights to Boston resumed on Tuesday.", "Boston", True),
    # an administrative division named with its type, whatever the tagger takes it for
    ("Five people from the Artibonite region fell ill.", "Artibonite", True),
    ("Five people from the Artibonite clinic fell ill.", "Artibonite", False),
])
def test_repair_known_places(nlp, text: str, name: str, found: bool) -> None:
    doc = nlp(text)
    # the name left untagged, as the model leaves such names
    spans = [s for s in doc.ents if s.text != name]
    out = repair.known_places(doc, spans)
    assert (name in [s.text for s in out if s.label_ == "GPE"]) is found


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "label"), [
    # a PERSON tag on a leader's surname stays, even where a city has the name
    ("The letter reached Bush late on Friday.", "Bush", "PERSON"),
    # a PERSON tag on a capital that is no one's name is the capital
    ("The letter reached Port-au-Prince late on Friday.", "Port-au-Prince", "GPE"),
])
def test_repair_known_places_person_tags(nlp, text: str, name: str, label: str) -> None:
    from spacy.tokens import Span

    doc = nlp(text)
    start = next(t.i for t in doc if name.startswith(t.text))
    end = next(t.i for t in doc if name.endswith(t.text) and t.i >= start) + 1
    (span,) = [s for s in repair.known_places(doc, [Span(doc, start, end, label="PERSON")])
               if s.start == start]
    assert span.label_ == label


@pytest.mark.parametrize(("text", "name", "label", "found"), [
    # "St." split off a dateline's name joins it again
    ("ST. PAUL, Minn. (AP) — The council met on Monday.", "PAUL", "ORG", "ST. PAUL"),
    ("The race starts in Mt. Vernon on Sunday.", "Vernon", "GPE", "Mt. Vernon"),
    # a saint's name stays the person's
    ("Pilgrims prayed to St. Francis on Sunday.", "Francis", "PERSON", "Francis"),
])
def test_repair_name_prefixes(text: str, name: str, label: str, found: str) -> None:
    import spacy
    from spacy.tokens import Span

    doc = spacy.blank("en")(text)
    start = next(t.i for t in doc if t.text == name)
    (span,) = repair.name_prefixes(doc, [Span(doc, start, start + 1, label=label)])
    assert span.text == found


@pytest.mark.parametrize(("text", "person", "places"), [
    # the state or home town in a lawmaker's party affiliation
    ("Rep. Ann Lowe, D-N.D., voted no.", "Lowe", ["N.D."]),
    ("Sen. Jo Park (R-Ocilla) voted no.", "Park", ["Ocilla"]),
    ("Byrd and Rockefeller, both D-W. Va., voted no.", "Rockefeller", ["W. Va."]),
    ("said Rep. Ann Lowe, D-N.D. “We lost.”", "Lowe", ["N.D."]),
    # no person's name before it, or no place after the hyphen: no affiliation
    ("The film opened in Normandy, D-Ocilla, last year.", "film", []),
    ("Rep. Ann Lowe, D-Zzyzxq, voted no.", "Lowe", []),
])
def test_repair_party_affiliation_place(text: str, person: str, places: list[str]) -> None:
    import spacy
    from spacy.tokens import Span

    from storyline.extractors.actors.repair import party_affiliations

    doc = spacy.blank("en")(text)
    # the model's PERSON span of the lawmaker (here the word before the comma, if a name)
    i = next(t.i for t in doc if t.text == person)
    spans = [Span(doc, i, i + 1, label="PERSON")] if person[0].isupper() else []
    assert [s.text for s in party_affiliations(doc, spans) if s.label_ == "GPE"] == places


def test_repair_party_affiliation_replaces_the_model_span() -> None:
    import spacy
    from spacy.tokens import Span

    from storyline.extractors.actors.repair import party_affiliations

    doc = spacy.blank("en")("Rep. Jim Smith, R-Ocilla, said so.")
    start = next(t.i for t in doc if t.text == "R")
    person = Span(doc, start - 3, start - 1, label="PERSON")
    spans = party_affiliations(doc, [person, Span(doc, start, start + 3, label="ORG")])
    assert [(s.text, s.label_) for s in spans] == [("Jim Smith", "PERSON"), ("Ocilla", "GPE")]


@pytest.mark.parametrize(("text", "name", "added"), [
    # a river and a landform: the landform word is no place of its own ("Delta", Nigeria)
    ("Birds died in the Danube Delta area.", "Danube Delta", []),
    # a place-typed name the gazetteer lacks still embeds a town it names
    ("Birds died in the Bucharest Lowlands area.", "Bucharest Lowlands", ["Bucharest"]),
])
def test_repair_embedded_landform_of_a_river(text: str, name: str, added: list[str]) -> None:
    import spacy
    from spacy.tokens import Span

    from storyline.extractors.actors.repair import embedded_places

    doc = spacy.blank("en")(text)
    start = next(t.i for t in doc if t.text == name.split()[0])
    span = Span(doc, start, start + len(name.split()), label="LOC")
    assert [s.text for s in embedded_places(doc, [span]) if s != span] == added


@pytest.mark.parametrize(("text", "word"), [
    # an armed group CAMEO's dictionaries know by its whole name holds no town of its own
    ("The Khmer Rouge shelled the camp on Monday.", "Rouge"),
])
def test_repair_known_organization_embeds_no_place(nlp, text: str, word: str) -> None:
    start = text.index(word)
    assert not [e for e in entities(nlp, text)
                if (start, start + len(word)) in [tuple(m) for m in e.mentions]]


@pytest.mark.parametrize(("text", "word"), [
    # a government body CAMEO's dictionaries know still names its own country
    ("The US State Department criticised the vote on Friday.", "US"),
])
def test_repair_known_organization_keeps_its_own_country(nlp, text: str, word: str) -> None:
    start = text.index(word)
    assert [e for e in entities(nlp, text)
            if (start, start + len(word)) in [tuple(m) for m in e.mentions]]
