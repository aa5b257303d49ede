"""The web surface: security headers, host and origin checks, body limits, CORS off, SQL
parameters only, and a page that shows hostile stored text as text (in a real browser)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from storyline.api import create_app
from storyline.api.security import PAGE_CSP
from storyline.cli.serve import bind_warning
from storyline.ingest import store_records
from storyline.store import open_db
from storyline.store.synthetic import E, Q, V, article, sample_corpus

EVIL = "<img src=x onerror=\"window.__xss=1\">"
NAME = "<svg onload=window.__xss=2>Gen. Evil</svg>"
HOSTILE = (f"{NAME} attacked the town of {EVIL}Goma on May 2. "
           f"\"<script>window.__xss=3</script> we won\", {NAME} said. "
           "He met ‏رام الله‎ officials 🔥🔥 and \u202etroppa\u202c.")


def _hostile_corpus() -> list[object]:
    bad = article(
        HOSTILE, id="hostile\"><script>window.__xss=4</script>", published="2025-05-02",
        title=f"<b>Goma</b>{EVIL}", url="javascript:window.__xss=5",
        entities=[E(NAME, "PERSON", "COD", "COD"), E(f"{EVIL}Goma", "GPE", "COD", lat=-1.68,
                                                      lon=29.23)],
        events=[V("ASSAULT", "attacked", (NAME,), (f"{EVIL}Goma",), date="2025-05-02",
                  location=f"{EVIL}Goma", killed=3, attributed_to=NAME)],
        quotes=[Q("<script>window.__xss=3</script> we won", NAME)])
    return [*sample_corpus(), bad]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("webhostile") / "web.duckdb"
    with open_db(path) as db:
        store_records(db, _hostile_corpus())  # type: ignore[arg-type]
    return path


@pytest.fixture(scope="module")
def client(db_path: Path) -> TestClient:
    return TestClient(create_app(db_path, read_only=False), base_url="http://127.0.0.1:8765")


def test_web_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/", "/static/app.js", "/api/events", "/api/articles/nope", "/openapi.json"):
        res = client.get(path)
        assert res.headers["content-security-policy"] == PAGE_CSP, path
        assert res.headers["x-content-type-options"] == "nosniff"
        assert res.headers["x-frame-options"] == "DENY"
        assert res.headers["referrer-policy"] == "no-referrer"
        assert "access-control-allow-origin" not in res.headers
    assert "'unsafe-inline'" not in PAGE_CSP and "script-src 'self'" in PAGE_CSP
    docs = client.get("/docs")
    assert docs.status_code == 200 and "'sha256-" in docs.headers["content-security-policy"]
    assert "'unsafe-inline'" not in docs.headers["content-security-policy"]


class _Inline(HTMLParser):
    """Inline scripts, event handler attributes and style attributes of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {k for k, _ in attrs}
        if tag == "script" and "src" not in names:
            self.found.append("inline <script>")
        self.found += [f"{tag} {k}" for k in names if k.startswith("on") or k == "style"]


def test_web_page_has_no_inline_script_or_style() -> None:
    web = Path(__file__).resolve().parents[2] / "src" / "storyline" / "web"
    parser = _Inline()
    parser.feed((web / "index.html").read_text(encoding="utf-8"))
    assert parser.found == []
    script = (web / "app.js").read_text(encoding="utf-8")
    assert "innerHTML" not in script and "style:" not in script and "eval(" not in script


def test_web_unknown_host_is_refused(client: TestClient) -> None:
    # DNS rebinding: a page on evil.example re-pointed at 127.0.0.1
    res = client.get("/api/events", headers={"host": "evil.example:8765"})
    assert res.status_code == 421
    assert client.get("/api/events", headers={"host": "localhost:8765"}).status_code == 200


def test_web_cross_origin_writes_are_refused(client: TestClient) -> None:
    res = client.post("/api/rebuild", headers={"origin": "http://evil.example"})
    assert res.status_code == 403 and "evil.example" in res.json()["detail"]
    res = client.post("/api/articles", headers={"origin": "http://evil.example"},
                      json={"text": "Officials met in Oslo."})
    assert res.status_code == 403
    assert client.post("/api/rebuild", headers={"origin": "http://127.0.0.1:8765"}
                       ).status_code == 200


def test_web_body_limit(db_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("STORYLINE_MAX_POST_BYTES", "2000")
    small = TestClient(create_app(db_path), base_url="http://localhost")
    res = small.post("/api/articles", json={"text": "word " * 1000})
    assert res.status_code == 413 and "max_post_bytes" in res.json()["detail"]
    res = small.post("/api/articles", content=b"x" * 5000,
                     headers={"content-type": "application/json", "transfer-encoding": "chunked"})
    assert res.status_code == 413


def test_web_cors_is_off_unless_set(db_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("STORYLINE_CORS_ORIGINS", "https://dash.example.org")
    app = TestClient(create_app(db_path, read_only=True), base_url="http://localhost")
    ok = app.get("/api/events", headers={"origin": "https://dash.example.org"})
    assert ok.headers["access-control-allow-origin"] == "https://dash.example.org"
    other = app.get("/api/events", headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


_LISTS = ("/api/events", "/api/stories", "/api/entities", "/api/quotes", "/api/articles",
          "/api/article-events", "/api/graph", "/api/places", "/api/facets", "/api/timeline")
_FILTERS = ("actor", "q", "place", "story", "article", "country")


def _answers(client: TestClient, value: str) -> dict[tuple[str, str], object]:
    out: dict[tuple[str, str], object] = {}
    for path in _LISTS:
        for name in _FILTERS:
            res = client.get(path, params={name: value})
            assert res.status_code in (200, 422), (path, name, res.text)
            body = res.json()
            out[path, name] = (res.status_code, body.get("total", body) if
                               res.status_code == 200 else None)
    return out


@pytest.mark.parametrize("value", ["' OR 1=1 --", "%", "_%_", "\\", "'; DROP TABLE articles; --",
                                   "\x00", "ñ' UNION SELECT * FROM articles --", "*" * 5000])
def test_web_filters_are_parameters_not_sql(client: TestClient, value: str) -> None:
    # SQL in a filter answers exactly as a plain word that matches nothing does
    assert _answers(client, value) == _answers(client, "zzqqxxnothing")
    assert client.get("/api/health").json()["counts"]["articles"] == 5
    assert client.get(f"/api/articles/{quote(value[:100], safe='')}").status_code in (404, 422)


def test_web_bind_warning_for_other_addresses() -> None:
    assert bind_warning("127.0.0.1") is None and bind_warning("localhost") is None
    assert bind_warning("::1") is None
    for host in ("0.0.0.0", "192.168.1.5", "::"):
        warning = bind_warning(host)
        assert warning and host in warning and "anyone" in warning


