"""The corpus verbs from the command line: ingest, events, timeline, stories, entities,
quotes, articles, export, status, eval ecb."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from storyline.cli import _register, app
from storyline.ingest import store_records
from storyline.store import open_db
from storyline.store.synthetic import sample_corpus

runner = CliRunner(env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    _register()
    path = tmp_path_factory.mktemp("cli") / "cli.duckdb"
    with open_db(path) as db:
        store_records(db, sample_corpus())
    return str(path)


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_cli_events_json_with_filters(db_path: str) -> None:
    code, out = _run("events", "--db", db_path, "--actor", "russia", "--type", "ASSAULT",
                     "--format", "json")
    assert code == 0
    [event] = json.loads(out)
    assert event["n_sources"] == 2 and event["disputed"]


def test_cli_events_csv_and_table(db_path: str) -> None:
    code, out = _run("events", "--db", db_path, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 5 and "source_names" in rows[0]
    code, out = _run("events", "--db", db_path, "--country", "KEN")
    assert code == 0 and "Kenya" in out and "2 of 2" in out


def test_cli_per_article_events(db_path: str) -> None:
    code, out = _run("events", "--db", db_path, "--per-article", "--type", "ASSAULT",
                     "--format", "json")
    assert code == 0 and {e["article_id"] for e in json.loads(out)} == {"kyiv-a", "kyiv-b"}


def test_cli_bad_filter_is_one_line_and_status_2(db_path: str) -> None:
    code, out = _run("events", "--db", db_path, "--type", "BOMB")
    assert code == 2 and "invalid value for 'type'" in out and "Traceback" not in out


def test_cli_timeline_shows_disagreement(db_path: str) -> None:
    code, out = _run("timeline", "--db", db_path)
    assert code == 0 and "2025-04-24" in out and "sources disagree on killed" in out


@pytest.mark.parametrize(("verb", "args", "expect"), [
    ("stories", ["--country", "KEN"], "Kenya and India sign trade deal"),
    ("entities", ["--q", "trump"], "Donald Trump"),
    ("quotes", ["--speaker", "trump"], "STOP"),
    ("articles", ["--q", "drones"], "kyiv-b"),
    ("status", [], "event_clusters"),
])
def test_cli_other_verbs(db_path: str, verb: str, args: list[str], expect: str) -> None:
    code, out = _run(verb, "--db", db_path, *args)
    assert code == 0 and expect in out


def test_cli_export_gdelt_and_plover(db_path: str, tmp_path: Path) -> None:
    code, out = _run("export", str(tmp_path), "--db", db_path)
    assert code == 0
    gdelt = pq.read_table(tmp_path / "gdelt_events.parquet").to_pylist()
    strike = next(r for r in gdelt if r["PloverType"] == "ASSAULT")
    assert strike["Actor1Code"] == "RUS" and strike["EventRootCode"] == "19"
    assert strike["QuadClass"] == 4 and strike["GoldsteinScale"] == -10.0
    assert strike["NumSources"] == 2 and strike["ActionGeo_Lat"] == 50.45
    assert strike["SOURCEURL"] == "https://a.example/kyiv"
    plover = [json.loads(line) for line in (tmp_path / "plover.jsonl").read_text().splitlines()]
    planned = next(p for p in plover if p["storyline_type"] == "CONSULT")
    assert planned["event_type"] == "AGREE" and planned["status"] == "planned"
    assert (tmp_path / "events.parquet").exists() and (tmp_path / "stories.parquet").exists()
    code, _ = _run("export", str(tmp_path / "csv"), "--db", db_path, "--format", "csv",
                   "--table", "event_clusters")
    assert code == 0 and (tmp_path / "csv" / "event_clusters.csv").read_text().startswith("id,")
    code, out = _run("export", str(tmp_path), "--db", db_path, "--table", "nope")
    assert code == 2 and "nope" in out


def test_cli_ingest_reports_bad_inputs(tmp_path: Path) -> None:
    _register()
    code, out = _run("ingest", str(tmp_path / "missing.txt"), "--db",
                     str(tmp_path / "x.duckdb"), "--no-progress")
    assert code == 1 and "input not found" in out
    with open_db(tmp_path / "x.duckdb") as db:
        assert db.errors()[0]["code"] == "E101"


def test_cli_table_piped_keeps_every_column_readable(db_path: str) -> None:
    # a pipe reports a narrow 80-column console; the table must not squeeze columns to nothing
    result = CliRunner(env={"COLUMNS": "80"}).invoke(app, ["events", "--db", db_path])
    assert result.exit_code == 0
    assert "source_names" in result.output and "target_names" in result.output
