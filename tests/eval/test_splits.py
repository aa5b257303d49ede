"""The fixed tuning / validation split of the event development data."""

from __future__ import annotations

from storyline.eval.splits import is_validation_record, validation_articles


def test_splits_validation_records_are_a_fixed_third() -> None:
    ids = [f"PLV-train-{k}-{k + 1}" for k in range(2000)]
    share = sum(map(is_validation_record, ids)) / len(ids)
    assert 0.26 < share < 0.34
    assert [is_validation_record(i) for i in ids[:50]] == [is_validation_record(i) for i in ids[:50]]


def test_splits_validation_articles_are_the_even_positions() -> None:
    names = ["d", "b", "a", "c", "e"]
    assert validation_articles(names) == ["a", "c", "e"]
