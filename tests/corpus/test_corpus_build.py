"""Story rows from story totals: the same whether articles are added at once or in parts."""

from __future__ import annotations

from storyline.corpus.build import StoryTotals, Who, story_article
from storyline.corpus.resolve import resolve_entities
from storyline.store.synthetic import corpus, sample_corpus


def _who(rids: set[str]) -> dict[str, Who]:
    return {rid: Who(rid, f"name of {rid}", None, None) for rid in rids}


def test_build_story_totals_merged_in_parts_equal_added_at_once() -> None:
    records = [*sample_corpus(), *corpus(9, 3, seed=2)]
    res = resolve_entities(records)
    whole = StoryTotals()
    whole.add((story_article(r) for r in records), res)
    parts = StoryTotals()
    for start in (0, 5, 10):
        part = StoryTotals()
        part.add((story_article(r) for r in records[start:start + 5]), res)
        parts.merge(part)
    who = _who(set(whole.actors))
    assert parts.row(who) == whole.row(who)
    assert whole.n_articles == 13 and whole.id == whole.row(who)["id"]


def test_build_story_totals_stored_give_the_same_row() -> None:
    records = sample_corpus()
    res = resolve_entities(records)
    totals = StoryTotals()
    totals.add((story_article(r) for r in records), res)
    who = _who(set(totals.actors))
    row = totals.row(who)
    assert StoryTotals.stored(row).row(who) == row
    assert row["search_text"].split("\n")[1:] == sorted(r.title.lower() for r in records)
    assert row["first_date"].isoformat() == "2025-03-03" and row["n_articles"] == 4


def test_build_story_totals_excerpt_stands_for_a_missing_title() -> None:
    untitled = [r.model_copy(update={"title": None}) for r in sample_corpus()]
    totals = StoryTotals()
    totals.add((story_article(r) for r in untitled), resolve_entities(untitled))
    row = totals.row(_who(set(totals.actors)))
    assert row["title"].startswith("Kenya and India signed")  # the first article by date
    assert row["search_text"].count("\n") == 0
