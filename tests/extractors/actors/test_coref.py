"""Coreference: pronouns, definite descriptions and metonyms in ``doc._.mentions``."""

from __future__ import annotations

import pytest
import spacy

from storyline.extractors.actors import coref
from storyline.extractors.actors.mentions import Mention

pytestmark = pytest.mark.model


def _extra(nlp, text: str) -> tuple[object, list[tuple[str, str, str]]]:
    """The Doc and its non-name mentions as (mention text, kind, entity name)."""
    doc = nlp(text)
    names = {e.id: e.name for e in doc._.entities}
    out = [(m.span(doc).text, m.kind, names[m.entity]) for m in doc._.mentions
           if m.kind != "name"]
    return doc, out


@pytest.mark.parametrize(("text", "expected"), [
    ("“Yeah, I do,” Trump said as he greeted Norwegian Prime Minister Jonas Gahr Store.",
     ("he", "pronoun", "Trump")),
    ("Zelenskyy later said the row was regrettable and promised he would sign the deal.",
     ("he", "pronoun", "Zelenskyy")),
    ("The Kyiv City Military Administration said on its Telegram channel that drones hit.",
     ("its", "pronoun", "Kyiv City Military Administration")),
    ("Crimea was transferred to Ukraine in 1954. It was included in the state in 1991, "
     "and Russia annexed it later that year.", ("it", "pronoun", "Crimea")),
])
def test_coref_pronouns(nlp, text: str, expected: tuple[str, str, str]) -> None:
    _, extra = _extra(nlp, text)
    assert expected in extra, extra


@pytest.mark.parametrize("text", [
    # "it" refers to a thing that is not an entity: left unresolved
    "The minerals deal was due to be signed in March, but it did not go ahead.",
    # pleonastic "it"
    "Rescue work goes on in Kyiv, and it is feared the death toll could rise.",
])
def test_coref_pronouns_left_unresolved(nlp, text: str) -> None:
    _, extra = _extra(nlp, text)
    assert not [m for m in extra if m[1] == "pronoun" and m[0].lower() == "it"], extra


def test_coref_object_pronoun_is_not_its_own_subject(nlp) -> None:
    _, extra = _extra(nlp, "Crimea voted. Russia annexed it.")
    assert ("it", "pronoun", "Russia") not in extra


@pytest.mark.parametrize(("text", "expected"), [
    ("Russian missiles hit Kyiv on Thursday. Nine people were killed in the largest attack on "
     "the capital since July.", ("the capital", "description", "Kyiv")),
    ("Drones struck Kharkiv overnight, officials said. The city was without power.",
     ("The city", "description", "Kharkiv")),
    ("U.S. President Donald Trump spoke to reporters. The president said talks went well.",
     ("The president", "description", "Donald Trump")),
    # a bare "the government" is the story country's, not the foreign one named last
    ("NAIROBI, Kenya -- The Kenyan government said on Monday it had asked the Ugandan "
     "government to reopen the border. The government also closed the main road to Busia.",
     ("The government", "description", "Kenyan government")),
])
def test_coref_definite_descriptions(nlp, text: str, expected: tuple[str, str, str]) -> None:
    _, extra = _extra(nlp, text)
    assert expected in extra, extra


@pytest.mark.parametrize(("text", "expected"), [
    # "the monarch" is whoever was named with a regnal title, not the last person named
    ("Jordan's King Abdullah flew to Cairo on Monday to see President Sisi. The monarch will "
     "visit Paris next week.", ("The monarch", "description", "Abdullah")),
    ("Officials said Sultan Qaboos received the envoy from Prime Minister Ahmed. The sovereign "
     "later left for London.", ("The sovereign", "description", "Qaboos")),
])
def test_coref_monarch_is_the_person_with_a_regnal_title(nlp, text: str,
                                                       expected: tuple[str, str, str]) -> None:
    _, extra = _extra(nlp, text)
    assert expected in extra, extra


def test_coref_description_needs_a_fitting_antecedent(nlp) -> None:
    _, extra = _extra(nlp, "Nine people were killed in the largest attack on the capital.")
    assert not [m for m in extra if m[1] == "description"]


def test_coref_monarch_needs_a_person_with_a_regnal_title(nlp) -> None:
    _, extra = _extra(nlp, "President Sisi met Prime Minister Ahmed on Monday. The monarch "
                           "will visit Paris next week.")
    assert not [m for m in extra if m[1] == "description"]


@pytest.mark.parametrize(("text", "mention", "kind"), [
    ("Zelenskyy said that Moscow had continued its attacks.", "Moscow", "metonym"),
    ("The Kremlin said the talks would go on.", "Kremlin", "metonym"),
    ("Kyiv was pounded with missiles.", "Kyiv", "name"),          # a place acted upon
    ("Separatists broke away from Kyiv in 2014.", "Kyiv", "name"),
])
def test_coref_metonyms(nlp, text: str, mention: str, kind: str) -> None:
    doc = nlp(text)
    kinds = {m.span(doc).text: m.kind for m in doc._.mentions}
    assert kinds[mention] == kind


def test_coref_mentions_resolve_tokens_to_entities(nlp) -> None:
    from storyline.extractors.actors.mentions import entity_of

    doc = nlp("Donald Trump arrived late. He said the meeting went well.")
    he = next(t for t in doc if t.text == "He")
    trump = next(e for e in doc._.entities if e.name == "Donald Trump")
    assert entity_of(doc, he) == trump.id
    assert all(isinstance(m, Mention) for m in doc._.mentions)


def _views(doc, spans: dict[str, list[tuple[int, int]]]) -> list[coref.EntityView]:
    return [coref.EntityView(name, "GPE", name, None, (), tuple(doc[a:b] for a, b in where))
            for name, where in spans.items()]


@pytest.mark.parametrize(("before", "fits", "expected"), [
    (9, {"A", "B", "C"}, "C"),   # the latest mention before the token
    (6, {"A", "B", "C"}, "A"),   # A and B both last mentioned at token 4: the first listed
    (9, {"B"}, "B"),
    (9, {"D"}, None),            # D's first listed mention comes after token 9
    (2, {"A", "B", "C"}, None),  # nothing mentioned before
])
def test_coref_antecedents_latest_fitting_mention(before: int, fits: set[str],
                                                  expected: str | None) -> None:
    doc = spacy.blank("en")("w " * 12)
    views = _views(doc, {"A": [(2, 3), (4, 5)], "B": [(4, 5)], "C": [(7, 8)],
                         "D": [(10, 11), (3, 4)]})
    found = coref._Antecedents(views).latest(before, lambda e: e.name in fits)
    assert (found.name if found else None) == expected


def test_coref_antecedents_look_back_only_over_the_window(monkeypatch) -> None:
    doc = spacy.blank("en")("w " * 12)
    views = _views(doc, {"A": [(1, 2)], "B": [(8, 9)]})
    monkeypatch.setattr(coref, "DESCRIPTION_WINDOW", 5)
    index = coref._Antecedents(views)
    assert index.latest(10, lambda e: e.name == "A") is None
    assert index.latest(6, lambda e: e.name == "A").name == "A"



@pytest.mark.parametrize(("text", "pronoun", "noun"), [
    # a pronoun whose antecedent names no entity keeps that noun (events read it as a group)
    ("Hundreds of students gathered on Sunday. They called for new elections.", "They",
     "Hundreds"),
    ("The agreement was signed in March, but it did not go ahead.", "it", "agreement"),
])
def test_coref_noun_antecedent_of_unresolved_pronoun(nlp, text: str, pronoun: str,
                                                     noun: str) -> None:
    doc = nlp(text)
    pron = next(t for t in doc if t.text == pronoun)
    found = coref.noun_antecedent(doc, pron)
    assert found is not None and found.text == noun


def test_coref_noun_antecedent_none_for_an_entity(nlp) -> None:
    doc = nlp("Donald Trump arrived late. He said the meeting went well.")
    he = next(t for t in doc if t.text == "He")
    assert coref.noun_antecedent(doc, he) is None
