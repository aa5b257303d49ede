"""The sentence-length bound: where overlong sentences are cut (tokenizer only, no model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from storyline.extractors.text.sentence_cap import capped_starts, overlong


def _doc(text: str, starts: tuple[int, ...] = (0,)) -> Doc:
    """A tokenized text whose sentences start exactly at ``starts`` (as a parse would say)."""
    doc = spacy.blank("en")(text)
    for t in doc:
        t.is_sent_start = t.i in starts
    return doc


@pytest.mark.parametrize(
    ("text", "max_tokens", "expected"),
    [
        # within the bound: nothing is cut
        ("Talks ended on Monday and fighting resumed", 10, [0]),
        # a cut after the last comma in the second half of the piece
        ("a b c d , e f g h i j", 6, [0, 5]),
        # no punctuation: before the last coordinator in the second half
        ("a b c d e f and g h i j k l", 8, [0, 6]),
        # neither: a hard cut at the bound
        ("a b c d e f g h i j", 4, [0, 4, 8]),
    ],
)
def test_sentence_cap_cuts(text: str, max_tokens: int, expected: list[int]) -> None:
    assert capped_starts(_doc(text), max_tokens) == expected


def test_sentence_cap_keeps_sentences_within_the_bound() -> None:
    doc = _doc("a b c . d e f g h i j k l m n o p q r s t", starts=(0, 4))
    assert overlong(doc, 8) == [(4, 21)]
    starts = capped_starts(doc, 8)
    assert starts[:2] == [0, 4]
    pieces = [b - a for a, b in zip(starts, [*starts[1:], len(doc)], strict=True)]
    assert max(pieces) <= 8


@pytest.mark.model
def test_sentence_cap_component_bounds_a_one_sentence_text(nlp_sm) -> None:
    text = "Trump said that " + "he said that " * 400 + "nothing."
    doc = nlp_sm(text)
    assert doc.text == text
    assert max(len(s) for s in doc.sents) <= 300
    assert doc._.warnings and "max_sentence_tokens" in doc._.warnings[0]
    assert not doc._.errors and doc._.entities is not None


@pytest.mark.model
def test_sentence_cap_component_leaves_normal_text_alone(nlp_sm) -> None:
    text = "Officials met in Oslo on Monday. They agreed to meet again, the ministry said."
    doc = nlp_sm(text)
    assert doc._.warnings is None
    assert [s.text for s in doc.sents] == ["Officials met in Oslo on Monday.",
                                           "They agreed to meet again, the ministry said."]
