"""Alerts fire once per matching merged event, again only when its toll or status changes,
across corpus rebuilds that change the event's cluster id; sinks: stdout, a file, a webhook."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from storyline.alerts import add_alert, check_alerts
from storyline.ingest import store_records
from storyline.store import Filters, open_db
from storyline.store.synthetic import E, V, article, sample_corpus
from storyline.watch import Fetcher
from tests.localsite import LocalSite

QUERY = "type=ASSAULT country=UKR killed>=5"


def _samples() -> dict[str, object]:
    return {r.id: r for r in sample_corpus()}


def _report(id: str, killed: int, status: str = "occurred"):
    """Another article reporting the Kyiv strike of April 24."""
    text = f"Russia attacked Kyiv on April 24, killing {killed} people, officials said."
    return article(text, id=id, published="2025-04-25", title=f"Report {id}",
                   entities=[E("Russia", "GPE", "RUS", "RUS"),
                             E("Kyiv", "GPE", "UKR", lat=50.45, lon=30.52, geonameid=703448)],
                   events=[V("ASSAULT", "attacked", ("Russia",), ("Kyiv",), date="2025-04-24",
                             location="Kyiv", killed=killed, status=status)])


def _lines(out: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_check_fires_once_then_on_toll_change_only() -> None:
    db = open_db(":memory:")
    samples = _samples()
    alert_id = add_alert(db, QUERY)
    store_records(db, [samples["kyiv-b"], samples["trade-a"]])  # 12 killed
    out = io.StringIO()
    first = check_alerts(db, out=out)
    (fired,) = _lines(out)
    assert fired == first.fired[0]
    assert fired["kind"] == "new" and fired["alert"]["id"] == alert_id
    assert (fired["event"]["type"], fired["event"]["killed_max"]) == ("ASSAULT", 12)
    assert fired["event"]["sources"][0]["article_id"] == "kyiv-b"
    assert not check_alerts(db, out=io.StringIO()).fired, "the same event fires once"
    # a report with a lower toll joins the event: the toll changed, it fires again
    store_records(db, [samples["kyiv-a"]])  # 9 killed
    out = io.StringIO()
    check_alerts(db, out=out)
    (changed,) = _lines(out)
    assert changed["kind"] == "changed"
    assert (changed["event"]["killed_min"], changed["event"]["killed_max"]) == (9, 12)
    assert changed["previous"][0]["killed_min"] == 12
    assert changed["event"]["id"] != fired["event"]["id"], "the cluster id moved"
    assert not check_alerts(db, out=io.StringIO()).fired
    firings = db.firings(alert_id)
    assert [f["kind"] for f in firings] == ["changed", "new"] and all(f["delivered"]
                                                                      for f in firings)


def test_check_new_cluster_id_same_toll_stays_quiet() -> None:
    db = open_db(":memory:")
    add_alert(db, QUERY)
    store_records(db, [_report("m-first", 7)])
    assert len(check_alerts(db, out=io.StringIO()).fired) == 1
    # an article whose id sorts first joins: the merged event's id changes, its toll does not
    store_records(db, [_report("a-second", 7)])
    assert not check_alerts(db, out=io.StringIO()).fired
    # most sources now say the attack is still going on: its status changed, it fires again
    store_records(db, [_report(f"b-{n}", 7, status="ongoing") for n in range(3)])
    (event,) = db.events(Filters.build(type="ASSAULT"), 10).items
    assert event["status"] == "ongoing"
    assert [f["kind"] for f in check_alerts(db, out=io.StringIO()).fired] == ["changed"]


def test_check_existing_matches_are_remembered_unless_asked() -> None:
    db = open_db(":memory:")
    store_records(db, sample_corpus())
    quiet = add_alert(db, QUERY)
    loud = add_alert(db, QUERY, fire_existing=True)
    report = check_alerts(db, out=io.StringIO())
    assert [f["alert"]["id"] for f in report.fired] == [loud]
    assert not db.firings(quiet)
    unrelated = add_alert(db, "type=PROTEST")
    store_records(db, [_report("later", 30)])
    assert not [f for f in check_alerts(db, out=io.StringIO()).fired
                if f["alert"]["id"] == unrelated]


def test_check_jsonl_file_sink(tmp_path: Path) -> None:
    db = open_db(":memory:")
    target = tmp_path / "alerts" / "ukraine.jsonl"
    add_alert(db, QUERY, str(target), name="Ukraine, 5+ killed")
    store_records(db, sample_corpus())
    check_alerts(db)
    store_records(db, [_report("zz-later", 40)])
    check_alerts(db)
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r["kind"] for r in rows] == ["new", "changed"]
    assert rows[0]["alert"]["name"] == "Ukraine, 5+ killed"
    assert rows[1]["event"]["killed_max"] == 40


def test_check_webhook_sink_and_failed_delivery_is_retried(site: LocalSite) -> None:
    db = open_db(":memory:")
    hook = site.add("/hook", "oops", status=500)
    alert_id = add_alert(db, QUERY, hook)
    store_records(db, sample_corpus())
    fetcher = Fetcher(host_delay=0.0, backoff=0.01, retries=1)
    failed = check_alerts(db, fetcher=fetcher)
    assert not failed.fired and [e.code.name for e in failed.failures] == ["E511"]
    assert "HTTP 500" in failed.failures[0].message and failed.failures[0].where == hook
    (logged,) = db.firings(alert_id)
    assert not logged["delivered"] and "E511" in logged["error"]
    site.add("/hook", "", status=204)
    delivered = check_alerts(db, fetcher=fetcher)
    assert len(delivered.fired) == 1 and not delivered.failures
    body = json.loads(site.hits("/hook", "POST")[-1].body)
    assert body["kind"] == "new" and body["event"]["type"] == "ASSAULT"
    assert not check_alerts(db, fetcher=fetcher).fired
    fetcher.close()


def test_check_unwritable_file_is_a_failure(tmp_path: Path) -> None:
    db = open_db(":memory:")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    add_alert(db, QUERY, str(blocker / "alerts.jsonl"))
    store_records(db, sample_corpus())
    report = check_alerts(db)
    assert [e.code.name for e in report.failures] == ["E511"]


@pytest.mark.parametrize(("query", "n"), [
    ("type=ASSAULT country=KEN", 0), ("killed>=13", 0), ("killed>=12", 1),
    ("country=KEN", 2), ("actor=russia", 2)])
def test_check_fires_for_what_matches_only(query: str, n: int) -> None:
    db = open_db(":memory:")
    add_alert(db, query)
    store_records(db, sample_corpus())
    assert len(check_alerts(db, out=io.StringIO()).fired) == n


def test_check_looks_only_at_events_reported_since_the_last_check() -> None:
    db = open_db(":memory:")
    store_records(db, sample_corpus())
    alert_id = add_alert(db, QUERY)
    assert db.alert(alert_id)["checked_run"] == db.last_run()
    # even an event the alert forgot is not looked at again while no article reports it
    db.con.execute("DELETE FROM alert_events")
    assert not check_alerts(db, out=io.StringIO()).fired
    store_records(db, [article("Talks went on in Geneva on May 2.", id="unrelated",
                               published="2025-05-02")])
    assert not check_alerts(db, out=io.StringIO()).fired
    assert db.alert(alert_id)["checked_run"] == db.last_run()
    # a new report of the strike brings it back into view (and, forgotten, it fires)
    store_records(db, [_report("zz-new", 9)])
    assert [f["kind"] for f in check_alerts(db, out=io.StringIO()).fired] == ["new"]
