"""Quotation-mark pairing: styles, paragraphs, apostrophes, unbalanced marks."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.extractors.quotes.marks import quoted_spans


def _inner(text: str) -> list[str]:
    return [text[q.start:q.end] for q in quoted_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Yeah, I do,” Trump said.", ["Yeah, I do,"]),
        ('"Yeah, I do," Trump said.', ["Yeah, I do,"]),
        ("‘Yeah, I do,’ Trump said.", ["Yeah, I do,"]),
        ("«Oui», dit-il.", ["Oui"]),
        ("„Ja“, sagte er.", ["Ja"]),
        ("“We will not give up,” she said, “not now.”", ["We will not give up,", "not now."]),
        ("“He told me ‘no’ twice,” she said.", ["He told me ‘no’ twice,", "no"]),
        ("'Hi there,' he said.", ["Hi there,"]),
        # two apostrophes as a double mark (New York Times style), quotes of it inside
        ("''I think it's fine,'' he said.", ["I think it's fine,"]),
        ("He said ''yes'' and 'maybe' twice.", ["yes", "maybe"]),
    ],
)
def test_marks_styles(text: str, expected: list[str]) -> None:
    assert _inner(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "It’s Sanders’ plan for the ’90s, rock ’n’ roll and O’Malley’s.",
        "It's Sanders' plan for the '90s and O'Malley's.",
    ],
)
def test_marks_apostrophes_are_not_marks(text: str) -> None:
    assert quoted_spans(text) == []


def test_marks_doubled_apostrophes_continue_over_paragraphs() -> None:
    text = "''We will fight on.\n\n''Nobody will stop us,'' he said."
    (q,) = quoted_spans(text)
    assert text[q.start:q.end] == "We will fight on.\n\n''Nobody will stop us,"


def test_marks_paragraph_continuation() -> None:
    text = "“We will fight on.\n\n“Nobody will stop us,” he said."
    (q,) = quoted_spans(text)
    assert text[q.start:q.end] == "We will fight on.\n\n“Nobody will stop us,"
    assert q.paragraphs == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Never closed here.\n\nA new paragraph.", []),
        ("Closed” with no opening, then “a real one” here.", ["a real one"]),
        ("“First “second” third.", ["second"]),
        ("“”", []),
    ],
)
def test_marks_unbalanced_marks_are_skipped(text: str, expected: list[str]) -> None:
    assert _inner(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="“”‘’\"'«»„ ab.,\n", max_size=80))
def test_marks_random_marks_give_valid_pairs(text: str) -> None:
    spans = quoted_spans(text)
    for q in spans:
        assert 0 <= q.open < q.close < len(text)
        assert q.start <= q.end
    for fam in ("double", "single"):
        same = sorted((q.open, q.close) for q in spans if q.family == fam)
        assert all(a[1] < b[0] for a, b in pairwise(same))
