"""Errors: stable codes, one line each, and a pickle round trip for every code."""

from __future__ import annotations

import pickle
import string

import pytest

from storyline.errors import ErrorCode, StorylineError


def _details(code: ErrorCode) -> dict[str, object]:
    """A value for every field of the code's message template."""
    fields = [f for _, f, _, _ in string.Formatter().parse(code.value) if f]
    return {f: f"<{f}>" for f in fields}


@pytest.mark.parametrize("code", list(ErrorCode), ids=lambda c: c.name)
def test_errors_every_code_survives_a_pickle_round_trip(code: ErrorCode) -> None:
    err = StorylineError(code, "news.jsonl:12", article="XIN_1", **_details(code))
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is StorylineError
    assert (back.code, back.where, back.article, back.details, back.message) == (
        err.code, err.where, err.article, err.details, err.message)
    assert back.describe() == err.describe() == str(back)


def test_errors_unpicklable_details_travel_as_text() -> None:
    err = StorylineError(ErrorCode.E111, "x.txt", detail=OSError(5, "I/O error"))
    back = pickle.loads(pickle.dumps(err))
    assert back.message == err.message and back.details == {"detail": "[Errno 5] I/O error"}


@pytest.mark.parametrize(("where", "article", "line"), [
    ("news.jsonl:1187", "XIN_ENG_20051108.0073",
     "news.jsonl:1187 (id XIN_ENG_20051108.0073): extraction failed on this article: boom [E203]"),
    (None, "abc", "id abc: extraction failed on this article: boom [E203]"),
    ("a.txt", None, "a.txt: extraction failed on this article: boom [E203]"),
    (None, None, "extraction failed on this article: boom [E203]"),
])
def test_errors_describe_names_the_item_and_the_article(where: str | None, article: str | None,
                                                        line: str) -> None:
    assert StorylineError(ErrorCode.E203, where, article=article, detail="boom").describe() == line


def test_errors_located_keeps_the_article() -> None:
    err = StorylineError(ErrorCode.E203, "x", article="a1", detail="d").located("x.jsonl:3")
    assert (err.where, err.article) == ("x.jsonl:3", "a1")
