"""Where a cue's content may be quoted or have "that": the flags must hold wherever the
content features (``quoted``, ``that``) could."""

from __future__ import annotations

import numpy as np
import pytest
import spacy

from storyline.extractors.quotes.scope import ContentScope, _quoted_starts

#: Texts with quotation marks of every kind, apostrophes, odd white space and a lone
#: surrogate (which a JSON input can carry).
TEXTS = [
    "“We will win,” he said. ‘Never,’ she replied.",
    "He said \"yes\" and 'no' — Trump's plan.",
    " \u00a0“Spaced” \t\n\u3000'odd'  \u2028x",
    "Nothing quoted here at all.",
    "bad \ud800 surrogate “then a quote”",
    "“",
]


@pytest.mark.parametrize("text", TEXTS)
def test_scope_quoted_starts_match_the_feature(text: str) -> None:
    starts = list(range(len(text)))  # a content may start at any character
    expected = [text[max(0, k - 1):k + 1].strip()[:1] in "“\"‘'" for k in starts]
    assert _quoted_starts(text, np.array(starts, dtype=np.int64)).tolist() == expected


def test_scope_counts_within_a_stretch() -> None:
    nlp = spacy.blank("en")
    doc = nlp("He said that “we won” today")
    doc[2].dep_ = "mark"
    scope = ContentScope.of(doc, doc.text)
    assert scope.may_that(0, 6) and scope.may_that(2, 2) and not scope.may_that(3, 6)
    assert scope.may_quote(3, 3) and scope.may_quote(4, 4) and not scope.may_quote(0, 2)


def test_scope_of_an_empty_doc() -> None:
    doc = spacy.blank("en")("")
    assert ContentScope.of(doc, doc.text) == ContentScope([0], [0])
