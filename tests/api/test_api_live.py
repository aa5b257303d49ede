"""The API a page keeps up with: what changed (/api/updates), what is new per event,
alerts and their firings, the watched feeds."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient

from storyline.alerts import add_alert, check_alerts
from storyline.api import create_app
from storyline.ingest import store_records
from storyline.store import open_db
from storyline.store.synthetic import sample_corpus


def test_api_updates_and_new_events_per_run() -> None:
    db = open_db(":memory:")
    samples = sample_corpus()
    client = TestClient(create_app(db))
    empty = client.get("/api/updates").json()
    assert (empty["run"], empty["firing"], empty["events"]) == (0, 0, 0)
    store_records(db, samples[:1])
    first = client.get("/api/updates").json()
    assert first["run"] > 0 and first["events"] == 2 and first["in_stories"] == 1
    store_records(db, samples[1:])
    second = client.get("/api/updates").json()
    assert second["run"] > first["run"] and second["articles"] == 4
    assert second["sources"] > first["sources"] and second["in_stories"] == 4
    events = client.get("/api/events").json()["items"]
    runs = {e["type"]: (e["first_run"], e["last_run"]) for e in events}
    # the strike was first reported in the first run and again in the second
    assert runs["ASSAULT"] == (first["run"], second["run"])
    assert runs["COOPERATE"] == (second["run"], second["run"])


def test_api_alerts_firings_and_watch_state() -> None:
    db = open_db(":memory:")
    client = TestClient(create_app(db))
    alert_id = add_alert(db, "type=ASSAULT killed>=10", name="big strikes")
    store_records(db, sample_corpus())
    check_alerts(db, out=io.StringIO())
    (alert,) = client.get("/api/alerts").json()["alerts"]
    assert (alert["id"], alert["name"], alert["n_fired"]) == (alert_id, "big strikes", 1)
    (firing,) = client.get("/api/alerts/firings").json()["items"]
    assert firing["kind"] == "new" and firing["payload"]["event"]["killed_max"] == 12
    assert client.get("/api/updates").json()["firing"] == firing["id"]
    assert client.get("/api/alerts/firings", params={"after": firing["id"]}).json()["items"] == []
    assert client.get("/api/events", params={"killed": 10}).json()["total"] == 1
    assert client.get("/api/events", params={"killed": "x"}).status_code == 422
    db.save_watch_feed("http://news.example/rss", kind="feed", etag=None, last_modified=None,
                       http_status=200, ok=True, n_entries=3)
    db.save_watch_items([{"url": "http://news.example/gone", "feed": "http://news.example/rss",
                          "status": "failed", "code": "E502", "message": "HTTP 404: Not Found"}])
    state = client.get("/api/watch").json()
    assert state["feeds"][0]["url"] == "http://news.example/rss"
    assert state["failed"][0]["code"] == "E502"
