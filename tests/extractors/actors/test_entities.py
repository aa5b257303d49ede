"""Grouping NER mentions into entities: hand-set entity spans (no model), then the real pipeline."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from storyline.extractors.actors.entities import (
    NAME_LABELS,
    entities_from_groups,
    group_mentions,
    mentions_from_groups,
    name_key,
    strip_name,
)

from .conftest import by_mention


def extract_entities(doc: Doc):
    """Entities and name mentions from the Doc's NER spans (grouping only; no parse needed)."""
    groups = group_mentions(e for e in doc.ents if e.label_ in NAME_LABELS)
    return entities_from_groups(groups), mentions_from_groups(groups)


@pytest.fixture(scope="module")
def tokenizer():
    return spacy.blank("en")


def _doc(tokenizer, text: str, ents: list[tuple[str, str]]) -> Doc:
    """A Doc whose entities are the given (surface, label) pairs, each at its next occurrence."""
    doc = tokenizer(text)
    spans, pos = [], 0
    for surface, label in ents:
        start = text.index(surface, pos)
        pos = start + len(surface)
        span = doc.char_span(start, pos, label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = [Span(doc, s.start, s.end, s.label_) for s in spans]
    return doc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the United States", "United States"),
        ("Ukraine’s", "Ukraine"),
        ("The Kyiv City Military Administration", "Kyiv City Military Administration"),
        ("“NATO”", "NATO"),
    ],
)
def test_entities_strip_name(text: str, expected: str) -> None:
    assert strip_name(text) == expected


def test_entities_name_key_ignores_dots_and_case() -> None:
    assert name_key("U.S.") == name_key("US") == "us"


def test_entities_person_short_form_joins_full_name(tokenizer) -> None:
    doc = _doc(tokenizer, "Donald Trump spoke. Later Trump left, and Putin stayed.",
               [("Donald Trump", "PERSON"), ("Trump", "PERSON"), ("Putin", "PERSON")])
    entities, mentions = extract_entities(doc)
    assert [(e.id, e.name, len(e.mentions)) for e in entities] == [
        ("e1", "Donald Trump", 2), ("e2", "Putin", 1)]
    assert {m.entity for m in mentions} == {"e1", "e2"}


def test_entities_country_variants_are_one_entity(tokenizer) -> None:
    doc = _doc(tokenizer, "U.S. officials said the United States would act. The US agreed.",
               [("U.S.", "GPE"), ("the United States", "GPE"), ("US", "GPE")])
    (entity,), _ = extract_entities(doc)
    assert entity.name == "United States" and len(entity.mentions) == 3


def test_entities_label_disagreement_same_name(tokenizer) -> None:
    doc = _doc(tokenizer, "Trump met aides. Later Trump flew home. Trump spoke.",
               [("Trump", "PERSON"), ("Trump", "GPE"), ("Trump", "PERSON")])
    (entity,), _ = extract_entities(doc)
    assert entity.type == "PERSON" and len(entity.mentions) == 3


def test_entities_ambiguous_surname_stays_apart(tokenizer) -> None:
    doc = _doc(tokenizer, "Hillary Clinton and Bill Clinton arrived. Clinton spoke first.",
               [("Hillary Clinton", "PERSON"), ("Bill Clinton", "PERSON"), ("Clinton", "PERSON")])
    entities, _ = extract_entities(doc)
    assert [e.name for e in entities] == ["Hillary Clinton", "Bill Clinton", "Clinton"]


def test_entities_numbers_and_dates_are_not_entities(tokenizer) -> None:
    doc = _doc(tokenizer, "On Monday 40 people met in Paris.",
               [("Monday", "DATE"), ("40", "CARDINAL"), ("Paris", "GPE")])
    entities, _ = extract_entities(doc)
    assert [e.name for e in entities] == ["Paris"]


def test_entities_possessive_mention_offsets(tokenizer) -> None:
    text = "Ukraine’s economy minister spoke."
    doc = _doc(tokenizer, text, [("Ukraine’s", "GPE")])
    (entity,), _ = extract_entities(doc)
    start, end = entity.mentions[0]
    assert text[start:end] == "Ukraine"


# ------------------------------------------------- grouping by the real pipeline

@pytest.mark.model
@pytest.mark.parametrize(("text", "first", "second"), [
    ("Ukrainian President Volodymyr Zelenskyy spoke. Later, Zelensky said the talks failed.",
     "Volodymyr Zelenskyy", "Zelensky"),
    ("The North Atlantic Treaty Organization met in Brussels. NATO said it would respond.",
     "The North Atlantic Treaty Organization", "NATO"),
    ("The United States agreed. Later, U.S. officials denied it.", "The United States", "U.S."),
])
def test_entities_name_variants_are_one_entity(nlp, text: str, first: str, second: str) -> None:
    assert by_mention(nlp, text, first).id == by_mention(nlp, text, second).id


@pytest.mark.model
def test_entities_different_people_with_one_surname_stay_apart(nlp) -> None:
    text = "Hillary Clinton met Bill Clinton in New York."
    assert by_mention(nlp, text, "Hillary Clinton").id != by_mention(nlp, text, "Bill Clinton").id


@pytest.mark.parametrize(("text", "ents", "label"), [
    # a tie between labels goes to the mention that introduces the name
    ("TORRINGTON — The mayor spoke. Torrington businesses agreed.",
     [("TORRINGTON", "GPE"), ("Torrington", "ORG")], "GPE"),
    ("Torrington Savings Bank lent more. The mayor of TORRINGTON agreed.",
     [("Torrington", "ORG"), ("TORRINGTON", "GPE")], "ORG"),
    # more votes win whatever the order
    ("Torrington grew. Torrington hired. Torrington businesses agreed.",
     [("Torrington", "ORG"), ("Torrington", "GPE"), ("Torrington", "GPE")], "GPE"),
])
def test_entities_label_tie_goes_to_the_first_mention(tokenizer, text: str,
                                                     ents: list[tuple[str, str]],
                                                     label: str) -> None:
    entities, _ = extract_entities(_doc(tokenizer, text, ents))
    assert [e.type for e in entities] == [label]


@pytest.mark.parametrize(("text", "regnal", "other"), [
    # a monarch's given name is no short form of another person's surname
    ("AMMAN, Jordan -- Omar Talal met envoys on Monday. Later, King Talal flew to Cairo.",
     "Talal", "Omar Talal"),
])
def test_entities_regnal_name_is_not_a_surname(nlp, text: str, regnal: str, other: str) -> None:
    names = {e.name for e in nlp(text)._.entities if e.type == "PERSON"}
    assert regnal in names and other in names
