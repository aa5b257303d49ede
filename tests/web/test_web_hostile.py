"""A record whose title, entity names, quote, id and URL carry script, in every view of the
page in Chromium (under ``storyline serve``'s headers): nothing runs, no CSP violation.
(The browser fixture is in ``tests/web/conftest.py``; the other web security tests are in
``tests/hostile/test_web.py``.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from storyline.ingest import store_records
from storyline.store import open_db
from tests.hostile.served import serving
from tests.hostile.test_web import EVIL, NAME, _hostile_corpus


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("webhostile") / "web.duckdb"
    with open_db(path) as db:
        store_records(db, _hostile_corpus())  # type: ignore[arg-type]
    with serving(path) as (base, _):
        yield base


def test_web_hostile_record_in_every_view(server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.add_init_script("window.__csp = []; document.addEventListener("
                         "'securitypolicyviolation', e => window.__csp.push(e.violatedDirective))")
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready='1']")
    page.fill("#f-actor", "Evil")
    page.click("#f-apply")
    # (no wait_for_function: the page's CSP forbids the eval it uses)
    expect(page.locator(".event-row")).to_have_count(1)
    page.click(".event-row")
    page.wait_for_selector("#event-detail .source-link")
    assert NAME in page.inner_text("#event-detail")
    # the stored URL is javascript: — no link is made from it
    assert page.locator("#event-detail a[href^='javascript']").count() == 0
    page.click("#event-detail .source-link")
    page.wait_for_selector("#article-text mark.trigger")
    assert page.inner_text("#article-title") == f"<b>Goma</b>{EVIL}"
    assert "<script>window.__xss=3</script>" in page.inner_text("#article-text")
    for view in ("#/graph", "#/map", "#/stories"):
        page.goto(server + "/" + view)
        page.wait_for_timeout(300)
    page.goto(server + "/#/graph")
    page.wait_for_selector("#graph .node")
    assert NAME in (page.text_content("#graph") or "")
    for selector in ("script", "img", "svg svg"):
        assert page.locator(f"main {selector}").count() == 0, selector
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("window.__csp") == []
    page.close()
