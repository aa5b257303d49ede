"""`storyline watch`, `watch-status` and `alert` from the command line, against a local site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import _register, app
from tests.localsite import LocalSite, article_page, rss
from tests.watch.test_cycle import ARTICLES

runner = CliRunner(env={"COLUMNS": "200", "STORYLINE_HOST_DELAY": "0",
                        "STORYLINE_FETCH_RETRIES": "0", "STORYLINE_FETCH_TIMEOUT": "2"})


def _run(*args: str):
    _register()
    return runner.invoke(app, list(args))


@pytest.mark.model
def test_cli_watch_once_ingests_alerts_and_resumes(site: LocalSite, nlp, tmp_path: Path) -> None:
    db = str(tmp_path / "w.duckdb")
    title, day, paragraphs = ARTICLES["/world/kharkiv"]
    site.add("/kharkiv", article_page(title, paragraphs, day))
    site.add("/feed.xml", rss([(title, site.url("/kharkiv"), None),
                               ("Gone", site.url("/gone"), None)]),
             content_type="application/rss+xml")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test feeds\n{site.url('/feed.xml')}\n")

    added = _run("alert", "add", "type=ASSAULT country=UKR killed>=5", "--db", db)
    assert added.exit_code == 0 and "alert 1 saved" in added.stderr

    first = _run("watch", "--feeds", str(feeds), "--once", "--db", db)
    assert first.exit_code == 1, first.output  # the missing page
    assert f"storyline: error: {site.url('/gone')}: HTTP 404: Not Found [E502]" in first.stderr
    assert "1 article(s) stored" in first.stderr and "1 alert(s) fired" in first.stderr
    (firing,) = [json.loads(line) for line in first.stdout.splitlines()]
    assert firing["kind"] == "new" and firing["event"]["type"] == "ASSAULT"
    assert firing["event"]["killed_max"] == 5
    assert firing["event"]["sources"][0]["url"] == site.url("/kharkiv")

    again = _run("watch", site.url("/feed.xml"), "--once", "--db", db)
    assert again.exit_code == 0, again.output
    assert "0 new page(s) fetched" in again.stderr and not again.stdout.strip()
    assert len(site.hits("/kharkiv")) == 1

    listed = _run("alert", "list", "--format", "json", "--db", db)
    assert json.loads(listed.stdout)[0]["n_fired"] == 1
    status = _run("watch-status", "--db", db)
    assert status.exit_code == 0 and site.url("/gone") in status.stdout
    killed = _run("events", "--killed", "5", "--format", "json", "--db", db)
    assert [e["type"] for e in json.loads(killed.stdout)] == ["ASSAULT"]
    firings = _run("alert", "firings", "--db", db)
    assert firings.exit_code == 0 and "new" in firings.stdout
    removed = _run("alert", "remove", "1", "--db", db)
    assert removed.exit_code == 0 and _run("alert", "remove", "1", "--db", db).exit_code == 2


@pytest.mark.parametrize(("args", "words"), [
    (("watch", "--once"), "nothing to watch"),
    (("watch", "http://127.0.0.1:9/feed", "--every", "soon"), "E513"),
    (("watch", "--feeds", "missing-feeds.txt"), "E508"),
    (("alert", "add", "type=BOMB"), "E509"),
    (("alert", "add", "type=ASSAULT", "--to", "ftp://x/y"), "E510"),
    (("events", "--killed", "-1"), "E404"),
])
def test_cli_watch_and_alert_usage_errors(args: tuple[str, ...], words: str,
                                          tmp_path: Path) -> None:
    result = _run(*args, "--db", str(tmp_path / "x.duckdb"))
    assert result.exit_code == 2 and words in result.stderr


@pytest.mark.model
def test_cli_ingest_checks_the_alerts(nlp, tmp_path: Path) -> None:
    db = str(tmp_path / "i.duckdb")
    title, day, paragraphs = ARTICLES["/world/odesa"]
    article = tmp_path / "odesa.txt"
    article.write_text("\n".join([title, *paragraphs]), encoding="utf-8")
    target = tmp_path / "alerts.jsonl"
    assert _run("alert", "add", "killed>=8", "--to", str(target), "--db", db).exit_code == 0
    result = _run("ingest", str(article), "--published", day, "--db", db, "--no-progress")
    assert result.exit_code == 0, result.output
    (firing,) = [json.loads(line) for line in target.read_text().splitlines()]
    assert firing["event"]["killed_max"] == 8 and "1 alert(s) fired" in result.stderr
