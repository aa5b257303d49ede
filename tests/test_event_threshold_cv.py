"""scripts/event_threshold_cv.py: macro scores and the leave-one-article-out choice."""

from __future__ import annotations

import pytest

from .conftest import load_script


def test_event_threshold_cv_macro_skips_na() -> None:
    script = load_script("event_threshold_cv")
    # an article with no required gold event has no recall (n/a), as gold-dir averages
    assert script.macro([(1.0, 0.5), (None, 1.0)]) == (1.0, 0.75)


@pytest.mark.parametrize(("held", "expected"), [
    (None, "better"),   # on every article the better setting wins
    (0, "shipped"),     # without the one article it wins on, a tie: the shipped setting
])
def test_event_threshold_cv_choose_leaves_the_article_out(held, expected) -> None:
    script = load_script("event_threshold_cv")
    better = (0.7, 0.5, 0.5)
    table = {script.SHIPPED: [(0.0, 0.5), (0.5, 0.5)], better: [(1.0, 0.5), (0.5, 0.5)]}
    names = {script.SHIPPED: "shipped", better: "better"}
    assert names[script.choose(table, held)] == expected


def test_event_threshold_cv_choose_keeps_to_the_allowed_settings() -> None:
    script = load_script("event_threshold_cv")
    better = (0.7, 0.5, 0.5)
    table = {script.SHIPPED: [(0.0, 0.5)], better: [(1.0, 0.5)]}
    assert script.choose(table, None, among=[script.SHIPPED]) == script.SHIPPED
