"""The corpus database: schema, migrations, idempotent writes, round trip, queries."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

import duckdb
import pytest

from storyline.errors import ErrorCode, StorylineError
from storyline.ingest import rebuild_corpus, store_records
from storyline.store import Filters, open_db
from storyline.store.db import MIGRATIONS, Database, latest_version
from storyline.store.synthetic import sample_corpus


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    """The sample corpus, shared by the tests that only read."""
    database = open_db(tmp_path_factory.mktemp("store") / "corpus.duckdb")
    store_records(database, sample_corpus())
    return database


@pytest.fixture()
def fresh_db(tmp_path: Path) -> Database:
    """The sample corpus, for a test that writes."""
    database = open_db(tmp_path / "corpus.duckdb")
    store_records(database, sample_corpus())
    return database


def test_db_migrations_are_applied_in_order_once(tmp_path: Path) -> None:
    database = open_db(tmp_path / "x.duckdb")
    assert database.version() == latest_version() == max(MIGRATIONS)
    assert database.migrate() == []
    database.close()
    again = open_db(tmp_path / "x.duckdb")
    assert again.version() == latest_version()


def test_db_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    open_db(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_migrations VALUES (999, 'future', now())")
    con.close()
    with pytest.raises(StorylineError) as err:
        open_db(path)
    assert err.value.code is ErrorCode.E402


def test_db_path_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_DB", str(tmp_path / "env.duckdb"))
    with open_db() as database:
        assert database.path == str(tmp_path / "env.duckdb")


def test_db_records_round_trip(db: Database) -> None:
    originals = {r.id: r for r in sample_corpus()}
    stored = db.records(sorted(originals))
    assert {r.id: r for r in stored} == originals


def test_db_iter_records_reads_every_article_in_id_order(db: Database) -> None:
    originals = {r.id: r for r in sample_corpus()}
    stored = list(db.iter_records(batch=3))  # two batches
    assert [r.id for r in stored] == sorted(originals)
    assert {r.id: r for r in stored} == originals


def _schema(database: Database) -> list[tuple[object, ...]]:
    return database.con.execute(
        "SELECT table_name, sql FROM duckdb_tables() UNION ALL "
        "SELECT index_name, sql FROM duckdb_indexes() UNION ALL "
        "SELECT table_name, constraint_text FROM duckdb_constraints() ORDER BY ALL").fetchall()


def test_db_rebuild_keeps_the_schema_and_replaces_the_rows(fresh_db: Database) -> None:
    schema, counts = _schema(fresh_db), fresh_db.counts()
    rebuild_corpus(fresh_db)
    rebuild_corpus(fresh_db)
    assert _schema(fresh_db) == schema
    assert fresh_db.counts() == counts


@pytest.mark.parametrize("gc_enabled", [True, False])
def test_db_rebuild_reports_stage_times_and_restores_the_gc(fresh_db: Database,
                                                            gc_enabled: bool) -> None:
    timings: dict[str, float] = {}
    (gc.enable if gc_enabled else gc.disable)()
    try:
        counts = rebuild_corpus(fresh_db, timings=timings)
        assert gc.isenabled() is gc_enabled
    finally:
        gc.enable()
    assert set(timings) == {"reading", "resolution", "stories", "events", "rows", "writing"}
    assert counts["stories"] == fresh_db.counts()["stories"]


def test_db_dump_sorted_writes_every_row_sorted(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "stories.jsonl"
    n = db.dump_sorted("story_articles", path)
    lines = path.read_text("utf-8").splitlines()
    assert n == len(lines) == len(sample_corpus())
    assert lines == sorted(lines)
    with pytest.raises(StorylineError):
        db.dump_sorted("schema_migrations", path)


def test_db_writing_twice_adds_nothing(fresh_db: Database) -> None:
    before = fresh_db.counts()
    report = store_records(fresh_db, sample_corpus())
    assert report.stored == 0 and report.skipped == len(sample_corpus())
    after = fresh_db.counts()
    assert {k: v for k, v in after.items() if k != "ingest_runs"} == \
        {k: v for k, v in before.items() if k != "ingest_runs"}


def test_db_replace_rewrites_an_article(fresh_db: Database) -> None:
    before = fresh_db.counts()
    store_records(fresh_db, sample_corpus()[:1], replace=True)
    after = fresh_db.counts()
    assert after["articles"] == before["articles"] and after["mentions"] == before["mentions"]


def test_db_failed_batch_leaves_nothing(fresh_db: Database) -> None:
    before = fresh_db.counts()
    bad = sample_corpus()[0].model_copy(update={"id": "new-one"})
    with pytest.raises(ZeroDivisionError), fresh_db.transaction():
        fresh_db.write_records([bad], None)
        raise ZeroDivisionError
    assert fresh_db.counts() == before


def test_db_merges_reports_of_one_strike_and_flags_the_toll(db: Database) -> None:
    page = db.events(Filters.build(type="ASSAULT"))
    assert page.total == 1
    strike = db.event(page.items[0]["id"])
    assert strike["n_sources"] == 2 and strike["disputed"]
    toll = next(d for d in strike["disagreements"] if d["field"] == "killed")
    values = {v["value"]: v["reported_by"] for v in toll["values"]}
    assert set(values) == {"at least 9", "at least 12"}
    assert any("Ukrainian government" in who for who in values["at least 9"])
    assert {s["article_id"] for s in strike["sources"]} == {"kyiv-a", "kyiv-b"}
    assert (strike["killed_min"], strike["killed_max"]) == (9, 12)


@pytest.mark.parametrize(("filters", "expected"), [
    ({"actor": "russia"}, {"ASSAULT", "ACCUSE"}),
    ({"actor": "USAGOV"}, {"REQUEST"}),
    ({"country": "KEN"}, {"COOPERATE", "CONSULT"}),
    ({"type": "assault,request"}, {"ASSAULT", "REQUEST"}),
    ({"status": "planned"}, {"CONSULT"}),
    ({"date_from": "2025-04-01", "date_to": "2025-04-30"}, {"ASSAULT", "ACCUSE", "REQUEST"}),
    ({"date_from": "2025-06-10"}, {"CONSULT"}),
    ({"place": "nairobi"}, {"COOPERATE"}),
    ({"q": "condemned"}, {"ACCUSE"}),
    ({"q": "100%_"}, set()),
])
def test_db_event_filters(db: Database, filters: dict[str, str], expected: set[str]) -> None:
    assert {e["type"] for e in db.events(Filters.build(**filters)).items} == expected


@pytest.mark.parametrize(("filters", "name"), [
    ({"type": "BOMB"}, "type"), ({"status": "maybe"}, "status"),
    ({"country": "Ukraine"}, "country"), ({"date_from": "yesterday"}, "date_from"),
    ({"date_from": "2025-05-01", "date_to": "2025-04-01"}, "date_from"),
])
def test_db_bad_filters_name_the_parameter(filters: dict[str, str], name: str) -> None:
    with pytest.raises(StorylineError) as err:
        Filters.build(**filters)
    assert err.value.code is ErrorCode.E404 and repr(name) in err.value.message


def test_db_stories_group_the_kyiv_articles(db: Database) -> None:
    stories = db.stories(Filters()).items
    assert sorted(s["n_articles"] for s in stories) == [1, 3]
    kyiv = next(s for s in stories if s["n_articles"] == 3)
    assert db.story(kyiv["id"])["articles"][0]["id"] in {"kyiv-a", "kyiv-c"}
    assert db.events(Filters.build(story=kyiv["id"])).total == 3
    assert db.stories(Filters.build(country="KEN")).total == 1


def test_db_entities_are_resolved_across_articles(db: Database) -> None:
    russia = db.entities(Filters.build(q="russia")).items
    assert [r["n_articles"] for r in russia if r["name"] == "Russia"] == [2]
    kyiv = db.entities(Filters.build(q="kyiv"), entity_type="GPE").items[0]
    assert kyiv["n_articles"] == 3 and kyiv["country"] == "UKR"


def test_db_quotes_by_speaker(db: Database) -> None:
    quotes = db.quotes(Filters.build(actor="trump")).items
    assert [q["text"] for q in quotes] == ["Vladimir, STOP!"]
    assert quotes[0]["speaker_name"] == "Donald Trump"
    assert db.quotes(Filters.build(actor="putin")).total == 0


def test_db_article_has_spans_and_links(db: Database) -> None:
    art = db.article("kyiv-a")
    assert art["text"].startswith("Russia launched")
    assert all(e["resolved_id"] for e in art["entities"])
    assert all(v["cluster_id"] for v in art["events"])
    with pytest.raises(StorylineError) as err:
        db.article("nope")
    assert err.value.code is ErrorCode.E403


def test_db_aggregations(db: Database) -> None:
    bins = db.timeline(Filters(), "month")
    assert sum(b["n"] for b in bins) == 5 and {b["bucket"] for b in bins} == {
        date(2025, 3, 1), date(2025, 4, 1), date(2025, 6, 1)}
    edges = {(e["source_name"], e["target_name"]): e for e in db.graph(Filters())}
    assert edges[("Russia", "Kyiv")]["n_conflict"] == 1
    assert edges[("Kenya", "India")]["n_cooperation"] == 2
    places = {p["name"]: p["n"] for p in db.places(Filters())}
    assert places == {"Kyiv": 1, "Nairobi": 1}


def test_db_older_schema_is_migrated_and_marked_for_rebuild(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with open_db(path) as database:
        store_records(database, sample_corpus())
    con = duckdb.connect(str(path))
    con.execute("DELETE FROM schema_migrations WHERE version >= 3")
    con.execute("ALTER TABLE event_clusters DROP COLUMN source_ids")
    con.execute("ALTER TABLE event_clusters DROP COLUMN target_ids")
    con.execute("ALTER TABLE ingest_errors DROP COLUMN article_id")
    con.execute("ALTER TABLE resolved_entities DROP COLUMN counts")
    con.execute("ALTER TABLE resolved_entities DROP COLUMN last_name")
    con.execute("DROP TABLE entity_keys")
    con.execute("UPDATE meta SET value = '0' WHERE key = 'corpus_stale'")
    for table in ("watch_feeds", "watch_items", "alerts", "alert_firings", "alert_events"):
        con.execute(f"DROP TABLE {table}")
    con.execute("DROP SEQUENCE alert_ids")
    con.execute("DROP SEQUENCE alert_firing_ids")
    con.close()
    with open_db(path) as database:
        assert database.version() == latest_version() == 6 and database.corpus_stale()
        database.record_error(1, "x.jsonl:2", "E203", "boom", "a1")
        assert database.errors(1)[0]["article_id"] == "a1"
        rebuild_corpus(database)
        assert not database.corpus_stale() and database.graph(Filters())
