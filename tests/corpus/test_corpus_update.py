"""Incremental corpus updates against one full rebuild of the same articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest import rebuild_corpus, store_records, update_corpus
from storyline.store import Database, open_db
from storyline.store.synthetic import corpus, sample_corpus


def _partition(db: Database, table: str, key: str, member: str) -> dict[str, str]:
    """Member → the id of its group (story of an article, merged event of an article event)."""
    return {str(m): str(k) for k, m in db.con.execute(f"SELECT {key}, {member} FROM {table}")
            .fetchall()}


def _groups(part: dict[str, str]) -> set[frozenset[str]]:
    out: dict[str, set[str]] = {}
    for m, k in part.items():
        out.setdefault(k, set()).add(m)
    return {frozenset(v) for v in out.values()}


def _rows(db: Database, table: str) -> set[tuple[str, ...]]:
    return {tuple(map(str, r)) for r in db.con.execute(f"SELECT * FROM {table}").fetchall()}


@pytest.fixture(scope="module")
def batched_and_rebuilt(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, Database]:
    """300 synthetic articles stored in 4 batches (corpus updated after each) and at once."""
    folder: Path = tmp_path_factory.mktemp("update")
    records = list(corpus(300, 5, seed=11))
    batched, whole = open_db(folder / "batched.duckdb"), open_db(folder / "whole.duckdb")
    for start in range(0, 300, 75):
        report = store_records(batched, records[start:start + 75])
        assert report.corpus == "updated"
    store_records(whole, records, rebuild=False)
    rebuild_corpus(whole)
    return batched, whole


def test_update_merged_events_equal_a_rebuild(batched_and_rebuilt) -> None:
    batched, whole = batched_and_rebuilt
    member = "article_id || '/' || event_id"
    assert _groups(_partition(batched, "event_sources", "cluster_id", member)) == \
        _groups(_partition(whole, "event_sources", "cluster_id", member))
    for table in ("event_cluster_actors", "event_sources"):
        assert _rows(batched, table) == _rows(whole, table), table


def test_update_resolved_entities_equal_a_rebuild(batched_and_rebuilt) -> None:
    batched, whole = batched_and_rebuilt
    for table in ("resolved_entities", "entity_links", "entity_keys"):
        assert _rows(batched, table) == _rows(whole, table), table


def test_update_stories_are_whole_and_counted(batched_and_rebuilt) -> None:
    """Stored stories never merge or split in an update (docs/store.md lists why and what
    it costs on ECB+), so stories differ from a rebuild's; every article is still in
    exactly one, and the story rows agree with the tables."""
    batched, _ = batched_and_rebuilt
    inc = _partition(batched, "story_articles", "story_id", "article_id")
    assert len(inc) == 300 == batched.con.execute("SELECT count(*) FROM story_articles")\
        .fetchone()[0]
    bad = batched.con.execute("""
        SELECT count(*) FROM stories s WHERE n_articles <> (SELECT count(*) FROM story_articles a
        WHERE a.story_id = s.id) OR n_events <> (SELECT count(*) FROM event_clusters c
        WHERE c.story_id = s.id)""").fetchone()[0]
    assert bad == 0
    orphans = batched.con.execute("SELECT count(*) FROM event_clusters WHERE story_id NOT IN "
                                  "(SELECT id FROM stories)").fetchone()[0]
    assert orphans == 0


def test_update_into_an_empty_corpus_equals_a_rebuild(tmp_path: Path) -> None:
    records = list(corpus(120, 5, seed=3))
    with open_db(tmp_path / "a.duckdb") as a, open_db(tmp_path / "b.duckdb") as b:
        assert store_records(a, records).corpus == "updated"
        store_records(b, records, rebuild=False)
        rebuild_corpus(b)
        for table in ("resolved_entities", "entity_links", "entity_keys", "stories",
                      "story_articles", "event_clusters", "event_cluster_actors", "event_sources"):
            assert _rows(a, table) == _rows(b, table), table


def test_update_one_article_joins_its_story_and_event(tmp_path: Path) -> None:
    first, *rest = sample_corpus()
    with open_db(tmp_path / "c.duckdb") as db:
        store_records(db, rest)
        assert store_records(db, [first]).corpus == "updated"
        (n,) = db.con.execute("SELECT n_sources FROM event_clusters WHERE type = 'ASSAULT'")\
            .fetchone()
        story = db.con.execute("SELECT count(DISTINCT story_id) FROM story_articles "
                               "WHERE article_id IN ('kyiv-a', 'kyiv-b')").fetchone()[0]
        assert update_corpus(db) == 0
    assert n == 2 and story == 1
