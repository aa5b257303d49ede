"""The page keeps up (in Chromium): a watch cycle ingests a new article from a local site and
the page shows the new event and the alert it fired without a reload; events new since
the last visit are marked; the timeline stays inside its chart; the map draws country
borders and labels that do not overlap; events without a source show no "?"; all of it
under a strict Content-Security-Policy."""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

from storyline.alerts import add_alert, check_alerts
from storyline.ingest import store_records
from storyline.store import Database, open_db
from storyline.store.synthetic import E, V, article, sample_corpus
from storyline.watch import Fetcher, Watcher
from tests.localsite import LocalSite, article_page, rss
from tests.watch.test_cycle import ARTICLES
from tests.web.conftest import serving

pytestmark = pytest.mark.model

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")

#: Places a few kilometres apart around Kyiv, whose labels would overlap if all were drawn.
NEAR_KYIV = [("Irpin", 50.52, 30.25), ("Bucha", 50.55, 30.22), ("Hostomel", 50.57, 30.27),
             ("Vyshhorod", 50.58, 30.49), ("Brovary", 50.51, 30.79), ("Boryspil", 50.35, 30.95)]


def _nearby(name: str, lat: float, lon: float, n: int) -> object:
    text = f"Drones struck {name} on April {n + 10}, killing {n + 1} people, officials said."
    return article(text, id=f"near-{name.lower()}", published=f"2025-04-{n + 10}",
                   title=f"Strike on {name}",
                   entities=[E(name, "GPE", "UKR", lat=lat, lon=lon)],
                   events=[V("ASSAULT", "struck", (), (name,), date=f"2025-04-{n + 10}",
                             location=name, killed=n + 1)])


class _StrictCSP:
    """ASGI middleware: every answer carries :data:`CSP` (no inline scripts or styles)."""

    def __init__(self, app: object) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        async def with_csp(message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append(
                    (b"content-security-policy", CSP.encode()))
            await send(message)

        await self.app(scope, receive, with_csp)  # type: ignore[operator]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Database]]:
    from storyline.api import create_app

    db = open_db(tmp_path_factory.mktemp("live") / "live.duckdb")
    store_records(db, [*sample_corpus(), *(_nearby(name, lat, lon, n)
                                           for n, (name, lat, lon) in enumerate(NEAR_KYIV))])
    add_alert(db, "type=ASSAULT country=UKR killed>=5", name="Ukraine: 5 or more killed")
    with serving(_StrictCSP(create_app(db))) as url:
        yield url, db


@contextmanager
def _page(browser, url: str) -> Iterator[object]:
    """A page at ``url``, ready; on leaving, no script error, CSP refusal or failed request."""
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']")
    yield page
    assert not errors, errors
    page.close()


def test_web_live_watch_cycle_shows_new_event_and_alert(live, browser, site: LocalSite, nlp,
                                                         tmp_path: Path) -> None:
    url, db = live
    with _page(browser, url + "/?poll=0.5") as page:
        before = page.locator(".event-row").count()
        assert page.locator(".event-row.fresh").count() == 0 and page.is_hidden("#alert-count")
        run_before = db.updates()["run"]

        title, day, paragraphs = ARTICLES["/world/kharkiv"]
        site.add("/world/kharkiv", article_page(title, paragraphs, day))
        site.add("/feed.xml", rss([(title, site.url("/world/kharkiv"), None)]),
                 content_type="application/rss+xml")
        fetcher = Fetcher(host_delay=0.0, retries=0, timeout=5.0)
        report = Watcher(db, [site.url("/feed.xml")], fetcher=fetcher, nlp=nlp).cycle()
        assert report.stored == 1, [e.describe() for e in report.failures]
        fired = check_alerts(db, out=io.StringIO()).fired
        assert [f["kind"] for f in fired] == ["new"]

        # no reload: the page polls, redraws and marks the new event
        page.wait_for_selector(".event-row.fresh", timeout=15000)
        fresh = page.locator(".event-row.fresh").all_inner_texts()
        assert any("Kharkiv" in row for row in fresh) and all("new" in row for row in fresh)
        expect(page.locator(".event-row")).to_have_count(before + len(fresh))
        expect(page.locator("#live")).to_contain_text(re.compile(r"new event|alert fired"))
        page.wait_for_selector("#alert-count:not([hidden])")
        assert page.inner_text("#alert-count") == "1"
        page.screenshot(path=str(tmp_path / "timeline.png"))

        page.click("nav a[data-view='alerts']")
        page.wait_for_selector("#firing-list li.firing")
        firing = page.inner_text("#firing-list li.firing")
        assert "Ukraine: 5 or more killed" in firing and "ASSAULT" in firing
        assert "5 killed" in firing and "new event" in firing
        assert site.url("/feed.xml") in page.inner_text("#feed-list")
        assert page.is_hidden("#alert-count"), "seen once the Alerts view is open"
        page.screenshot(path=str(tmp_path / "alerts.png"))

        # a later visit marks what is new since the one before
        page.goto(url + "/")
        page.wait_for_selector("body[data-ready='1']")
        assert page.locator(".event-row.fresh").count() == 0
        page.evaluate(f"localStorage.setItem('storyline.lastRun', '{run_before}')")
        page.reload()
        page.wait_for_selector("body[data-ready='1']")
        assert page.locator(".event-row.fresh").all_inner_texts() == fresh


def test_web_live_timeline_bars_stay_inside_the_chart(live, browser) -> None:
    url, _ = live
    with _page(browser, url + "/") as page:
        for bucket_filter in ("", "2025-04-01"):
            if bucket_filter:
                page.fill("#f-from", bucket_filter)
                page.click("#f-apply")
                page.wait_for_timeout(300)
            box = page.evaluate("""() => {
                const svg = document.getElementById('tl-chart');
                const [, , w] = svg.getAttribute('viewBox').split(' ').map(Number);
                const right = Math.max(...[...svg.querySelectorAll('rect.bar-coop, rect.bar-conf')]
                    .map(r => Number(r.getAttribute('x')) + Number(r.getAttribute('width'))));
                return {w, right, n: svg.querySelectorAll('rect.bar-conf').length};
            }""")
            assert box["n"] > 0 and box["right"] <= box["w"] - 22 + 0.01, box


def test_web_live_map_borders_and_labels_do_not_overlap(live, browser, tmp_path: Path) -> None:
    url, _ = live
    with _page(browser, url + "/#/map") as page:
        page.wait_for_selector("#map circle.place")
        assert page.locator("#map path.country").count() == 177
        assert page.locator("#map path.country.active").count() >= 2  # Ukraine, Kenya
        boxes = page.evaluate("""() => [...document.querySelectorAll('#map text.place-label')]
            .map(t => { const r = t.getBoundingClientRect();
                        return {name: t.textContent, x: r.x, y: r.y, w: r.width, h: r.height}; })""")
        assert len(boxes) >= 3
        for a, b in itertools.combinations(boxes, 2):
            apart = (a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"]
                     or a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"])
            assert apart, (a, b)
        page.screenshot(path=str(tmp_path / "map.png"))
        page.click("#map-extent")
        expect(page.locator("#map")).to_have_attribute("viewBox", "0 0 720 360")


def test_web_live_events_without_a_source_show_no_question_mark(live, browser) -> None:
    url, _ = live
    with _page(browser, url + "/#/article/near-irpin") as page:
        page.wait_for_selector("#article-events li")
        assert page.inner_text("#article-events li").startswith("ASSAULT")
        assert "?" not in page.inner_text("#article-events")
        assert "ASSAULT→Irpin" in page.inner_text("#article-events").replace(" ", "")
        page.goto(url + "/")
        page.wait_for_selector("body[data-ready='1']")
        rows = page.locator(".event-row").all_inner_texts()
        irpin = next(r for r in rows if "Irpin" in r)
        assert "?" not in irpin and "ASSAULT→Irpin" in irpin.replace(" ", "")
