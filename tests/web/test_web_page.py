"""The web page in a real browser (Playwright driving Debian's Chromium)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.ingest import store_records
from storyline.store import open_db
from storyline.store.synthetic import E, V, article, sample_corpus
from tests.web.conftest import serving

HOSTILE = ("Rebels <script>window.__xss = 1</script> attacked the town "
           "<img src=x onerror=\"window.__xss = 2\"> of Goma on May 2.")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from storyline.api import create_app

    db = open_db(tmp_path_factory.mktemp("web") / "web.duckdb")
    hostile = article(HOSTILE, id="hostile", published="2025-05-02", title="<b>Goma</b> attack",
                      entities=[E("Rebels", "NORP"), E("Goma", "GPE", "COD", lat=-1.68, lon=29.23)],
                      events=[V("ASSAULT", "attacked", ("Rebels",), ("Goma",), date="2025-05-02",
                                location="Goma")])
    store_records(db, [*sample_corpus(), hostile])
    with serving(create_app(db)) as url:
        yield url


def test_web_timeline_filter_event_and_article(server: str, browser, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator(".event-row").count() == 6
    assert page.locator("#tl-chart rect").count() > 0
    page.fill("#f-actor", "Russia")
    page.select_option("#f-type", "ASSAULT")
    page.click("#f-apply")
    page.wait_for_function("document.querySelectorAll('.event-row').length === 1")
    page.click(".event-row")
    page.wait_for_selector("#event-detail .source-link")
    detail = page.inner_text("#event-detail")
    assert "Sources disagree on killed" in detail and "Ukrainian government" in detail
    assert page.locator("#event-detail .source-link").count() == 2
    page.click("#event-detail .source-link >> nth=0")
    page.wait_for_selector("#article-text mark.trigger.focus")
    assert page.inner_text("#article-text mark.trigger.focus") in {"launched", "attacked"}
    assert page.locator("#article-text mark.ent").count() >= 2
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)
    assert (tmp_path / "article.png").stat().st_size > 0
    page.close()


def test_web_graph_and_map_draw(server: str, browser) -> None:
    page = browser.new_page()
    page.goto(server + "/#/graph")
    page.wait_for_selector("#graph .node")
    assert page.locator("#graph line.edge-conf").count() >= 1
    assert page.locator("#graph line.edge-coop").count() >= 1
    page.goto(server + "/#/map")
    page.wait_for_selector("#map circle.place")
    assert page.locator("#map circle.place").count() == 3
    page.close()


def test_web_article_text_is_escaped(server: str, browser) -> None:
    page = browser.new_page()
    page.goto(server + "/#/article/hostile")
    page.wait_for_selector("#article-text mark.trigger")
    assert page.evaluate("window.__xss") is None
    assert page.locator("#article-text script, #article-text img").count() == 0
    assert "<script>window.__xss = 1</script>" in page.inner_text("#article-text")
    assert page.inner_text("#article-title") == "<b>Goma</b> attack"
    page.close()
