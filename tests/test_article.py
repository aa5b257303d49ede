"""The library API: ``storyline.extract`` and ``extract_many``."""

from __future__ import annotations

from datetime import date

import pytest

import storyline
from storyline.errors import ErrorCode, StorylineError
from storyline.sources import ArticleInput

pytestmark = pytest.mark.model


def test_article_extract_returns_record(nlp) -> None:
    rec = storyline.extract("U.S. President Donald Trump met Vladimir Putin. Trump spoke.",
                            published="2025-04-24", nlp=nlp)
    assert rec.published == "2025-04-24" and rec.published_source == "argument"
    names = {e.name: e for e in rec.entities}
    assert "Donald Trump" in names and len(names["Donald Trump"].mentions) == 2
    for e in rec.entities:
        for start, end in e.mentions:
            assert rec.text[start:end] in e.name or e.name in rec.text[start:end] or e.type != "PERSON"


def test_article_extract_many_keeps_order_and_errors(nlp) -> None:
    err = StorylineError(ErrorCode.E102, "empty.txt")
    items = ["First text about Paris.", err,
             ArticleInput(text="Second about Rome.", source="s", published=date(2024, 1, 2))]
    out = list(storyline.extract_many(items, nlp=nlp, batch_size=1))
    assert [type(o).__name__ for o in out] == ["ArticleRecord", "StorylineError", "ArticleRecord"]
    assert out[1] is err and out[2].published == "2024-01-02"


def test_article_extract_many_published_override(nlp) -> None:
    items = [ArticleInput(text="A text.", source="s", published=date(2024, 1, 2))]
    (rec,) = storyline.extract_many(items, nlp=nlp, published="2025-04-24")
    assert rec.published == "2025-04-24" and rec.published_source == "flag"


def test_article_bad_published_argument(nlp) -> None:
    with pytest.raises(StorylineError) as info:
        storyline.extract("text", published="April 24", nlp=nlp)
    assert info.value.code is ErrorCode.E112


def test_article_seed_sentences_survive_glued_period_and_headline(nlp, seed_text: str) -> None:
    doc = nlp(seed_text)
    starts = {s.text.split()[0] + " " + s.text.split()[1] for s in doc.sents}
    assert "Later on" in starts          # "attacks.Later" has no space
    assert "Zelenskyy pointed" in starts  # after the headline line
    assert "Hours later," in starts
