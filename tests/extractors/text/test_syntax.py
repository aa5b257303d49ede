"""Tests for storyline.extractors.text.syntax on small parsed texts."""

from __future__ import annotations

import pytest

from storyline.extractors.text.syntax import DocWords, lemma, subjectless_infinitive

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # an infinitive with "to" and no subject of its own
        ("The union called a strike to protest the new tax.", "protest", True),
        ("Norway made an offer to host the talks.", "host", True),
        # a finite verb has no "to"
        ("The union protested the new tax.", "protested", False),
        # "for X to do": the infinitive has its own subject
        ("The council voted for the mayor to resign.", "resign", False),
    ],
)
def test_syntax_subjectless_infinitive(nlp, text, word, expected) -> None:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    assert subjectless_infinitive(tok) is expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # the rule lemmatizer cuts "staged" to stag and "waged" to wag: put right
        ("The dockers staged a strike on Monday.", "staged", "stage"),
        ("The rebels are waging a war in the north.", "waging", "wage"),
        ("The rebels waged a long war.", "waged", "wage"),
        # fined, raped, lambasted, cordoned off, unbanned, readmitted
        ("The court fined the newspaper on Monday.", "fined", "fine"),
        ("Soldiers raped women in the village, the report said.", "raped", "rape"),
        ("The minister lambasted the opposition.", "lambasted", "lambaste"),
        ("Police cordoned off the square.", "cordoned", "cordon"),
        ("The government unbanned the party.", "unbanned", "unban"),
        ("The league readmitted the club.", "readmitted", "readmit"),
        # other words keep their lemma
        ("The dockers stage a strike every spring.", "stage", "stage"),
        ("The army besieged the town.", "besieged", "besiege"),
    ],
)
def test_syntax_lemma_puts_miscut_lemmas_right(nlp, text, word, expected) -> None:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    assert lemma(tok) == expected
    assert DocWords.of(doc).lemmas[tok.i] == expected
