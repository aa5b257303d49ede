"""Sentence-start rules on small texts (tokenizer only, no model)."""

from __future__ import annotations

import pytest
import spacy

from storyline.extractors.text.sentences import sentence_starts


@pytest.fixture(scope="module")
def tokenizer():
    return spacy.blank("en")


def _starts(tokenizer, text: str) -> list[str]:
    doc = tokenizer(text)
    return [doc[i].text for i in sentence_starts(doc)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a finished sentence at the end of a line
        ("Talks ended on Monday.\nHours later, fighting resumed.", ["Hours"]),
        # a headline line without final punctuation
        ("Minister Points Finger at Moscow\nThe minister said the talks failed.", ["The"]),
        # a paragraph break ends whatever came before
        ("The vote was delayed\n\nwhile lawmakers argued.", ["while"]),
        # hard-wrapped text: a single line break inside a sentence is not a boundary
        ("The company said on Friday that it\nwould cut 300 jobs.", []),
        ("Officials in the northern city of\nKirkuk said the road was closed.", []),
        # closing quote at line end
        ("“We will not give up,” she said.\nThen she left.", ["Then"]),
    ],
)
def test_sentences_line_break_rules(tokenizer, text: str, expected: list[str]) -> None:
    assert _starts(tokenizer, text) == expected


def test_sentences_glued_period_is_split_by_tokenizer(tokenizer) -> None:
    doc = tokenizer("Moscow had continued its attacks.Later on April 24, Trump spoke.")
    assert [t.text for t in doc][4:7] == ["attacks", ".", "Later"]
