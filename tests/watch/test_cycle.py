"""Watch cycles against a local site: every new article stored exactly once across restarts,
failures recorded with URL and reason, conditional GET, retries in later cycles."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.store import Filters, open_db
from storyline.watch import Fetcher, Watcher
from tests.localsite import LocalSite, article_page, rss, sitemap, sitemap_index

pytestmark = pytest.mark.model

#: Short news articles written for these tests (fictional reporting).
ARTICLES = {
    "/world/kharkiv": ("Shelling in Kharkiv", "2025-06-02", [
        "Russian forces shelled the Ukrainian city of Kharkiv on Monday, killing five "
        "civilians and wounding 12 others, the regional governor said.",
        "The strikes hit a residential district in the north of the city overnight, "
        "officials said."]),
    "/world/nairobi": ("Leaders meet in Nairobi", "2025-06-03", [
        "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on "
        "Tuesday to discuss security along their shared border.",
        "The two leaders agreed to set up a joint commission, Ruto's office said."]),
    "/world/lagos": ("Arrests in Lagos", "2025-06-04", [
        "Police in Lagos arrested 30 protesters on Wednesday after a march against fuel prices "
        "turned violent, a police spokesman said.",
        "Witnesses said officers fired tear gas at the crowd."]),
    "/world/odesa": ("Drones strike Odesa", "2025-06-05", [
        "Russian drones struck the port city of Odesa on Thursday, killing eight people, "
        "Ukrainian officials said.",
        "The attack damaged grain warehouses and several apartment blocks."]),
}


def publish(site: LocalSite, path: str) -> tuple[str, str, str | None]:
    """Serve one of :data:`ARTICLES`; returns its feed item."""
    title, day, paragraphs = ARTICLES[path]
    site.add(path, article_page(title, paragraphs, day))
    return title, site.url(path), None


def fetcher() -> Fetcher:
    return Fetcher(host_delay=0.0, backoff=0.01, retries=1, timeout=1.0)


def watcher(db, sources: list[str], nlp, **kw) -> Watcher:
    return Watcher(db, sources, fetcher=fetcher(), nlp=nlp, **kw)


def test_cycle_every_new_article_once_across_restarts(site: LocalSite, nlp, tmp_path: Path) -> None:
    path = tmp_path / "watch.duckdb"
    items = [publish(site, "/world/kharkiv"), publish(site, "/world/nairobi")]
    site.add("/feed.xml", rss(items), content_type="application/rss+xml", etag='"v1"')
    with open_db(path) as db:
        first = watcher(db, [site.url("/feed.xml")], nlp).cycle()
        assert (first.fetched, first.stored, first.failed) == (2, 2, 0)
        assert db.counts()["articles"] == 2 and db.counts()["event_clusters"] >= 2
    # unchanged feed, restarted watcher: a conditional GET, nothing fetched
    with open_db(path) as db:
        again = watcher(db, [site.url("/feed.xml")], nlp).cycle()
        assert again.sources[0].status == "not modified" and again.fetched == 0
    assert site.hits("/feed.xml")[-1].headers["if-none-match"] == '"v1"'
    # one more article in the feed: only that one is fetched and stored
    items.append(publish(site, "/world/lagos"))
    site.add("/feed.xml", rss(items), content_type="application/rss+xml", etag='"v2"')
    with open_db(path) as db:
        third = watcher(db, [site.url("/feed.xml")], nlp).cycle()
        assert (third.fetched, third.stored) == (1, 1)
        assert db.counts()["articles"] == 3
        stored = {r["url"]: r for r in db.watch_items("stored")}
        assert set(stored) == {site.url(p) for p in ("/world/kharkiv", "/world/nairobi",
                                                       "/world/lagos")}
        titles = {a["title"] for a in db.articles(Filters(),
                                                   10).items}
        assert titles == {"Shelling in Kharkiv", "Leaders meet in Nairobi", "Arrests in Lagos"}
    for p in ("/world/kharkiv", "/world/nairobi", "/world/lagos"):
        assert len(site.hits(p)) == 1, f"{p} fetched more than once"


def test_cycle_failures_are_recorded_and_do_not_stop_the_others(site: LocalSite, nlp) -> None:
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    items = [
        publish(site, "/world/kharkiv"),
        ("Gone", site.url("/world/gone"), None),  # 404
        ("Private", site.url("/private/memo"), None),  # robots.txt
        ("Slow", site.url("/world/slow"), None),  # times out
        ("Image", site.url("/world/photo.jpg"), None),  # not HTML
        ("Empty", site.url("/world/empty"), None),  # no article text
        ("Moved", site.url("/world/moved"), None),  # redirect to a real article
    ]
    site.add("/private/memo", article_page("Memo", ["Secret."]))
    site.add("/world/slow", article_page("Slow", ["Late."]), delay=2.5)
    site.add("/world/photo.jpg", b"\xff\xd8\xff\xe0", content_type="image/jpeg")
    site.add("/world/empty", "<html><body><nav>Home</nav></body></html>")
    site.add("/world/moved", status=301, headers={"Location": "/world/odesa"})
    publish(site, "/world/odesa")
    site.add("/feed.xml", rss(items), content_type="application/rss+xml")
    site.add("/broken.xml", "<rss><channel><title>x</broken>", content_type="application/rss+xml")
    site.add("/page.html", article_page("Not a feed", ["A page."]))
    db = open_db(":memory:")
    sources = [site.url("/feed.xml"), site.url("/broken.xml"), site.url("/missing.xml"),
               site.url("/page.html"), "ftp://example.org/feed"]
    report = watcher(db, sources, nlp).cycle()
    assert report.stored == 2  # kharkiv, and odesa through the redirect
    codes = {e.where: e.code.name for e in report.failures}
    assert codes == {
        site.url("/world/gone"): "E502", site.url("/private/memo"): "E503",
        site.url("/world/slow"): "E501", site.url("/world/photo.jpg"): "E506",
        site.url("/world/empty"): "E106", site.url("/broken.xml"): "E504",
        site.url("/missing.xml"): "E502", site.url("/page.html"): "E504",
        "ftp://example.org/feed": "E507"}
    items_state = {r["url"]: (r["status"], r["code"]) for r in db.watch_items(limit=50)}
    assert items_state[site.url("/world/slow")] == ("retry", "E501")
    assert items_state[site.url("/world/gone")] == ("failed", "E502")
    assert items_state[site.url("/world/moved")] == ("stored", None)
    feeds = {f["url"]: f for f in db.watch_feeds()}
    assert feeds[site.url("/broken.xml")]["code"] == "E504"
    assert feeds[site.url("/missing.xml")]["http_status"] == 404
    assert feeds[site.url("/feed.xml")]["n_failures"] == 0
    # every failed page is also in the ingest run's errors, named by its URL
    logged = {e["item"] for e in db.errors(limit=50)}
    assert {site.url("/world/gone"), site.url("/private/memo"), site.url("/world/empty")} <= logged
    stored = db.articles(Filters(), 10).items
    assert site.url("/world/odesa") in {a["url"] for a in stored}


def test_cycle_transient_failures_are_tried_again(site: LocalSite, nlp) -> None:
    items = [publish(site, "/world/kharkiv")]
    site.routes["/world/kharkiv"].fail_times = 2  # 503 twice: more than one cycle's retries
    site.add("/feed.xml", rss(items), content_type="application/rss+xml", etag='"v1"')
    db = open_db(":memory:")
    w = watcher(db, [site.url("/feed.xml")], nlp)
    first = w.cycle()
    assert first.stored == 0 and [e.code.name for e in first.failures] == ["E502"]
    assert db.watch_items("retry")[0]["attempts"] == 1
    second = w.cycle()  # the feed answers 304; the item is retried from the seen table
    assert second.sources[0].status == "not modified"
    assert second.stored == 1 and db.watch_items("stored")[0]["attempts"] == 2
    assert w.cycle().fetched == 0


def test_cycle_gives_up_after_max_attempts(site: LocalSite, nlp) -> None:
    site.add("/world/down", "busy", status=503)
    site.add("/feed.xml", rss([("Down", site.url("/world/down"), None)]),
             content_type="application/rss+xml")
    db = open_db(":memory:")
    w = watcher(db, [site.url("/feed.xml")], nlp, max_attempts=2)
    w.cycle()
    w.cycle()
    assert db.watch_items("failed")[0]["attempts"] == 2
    before = len(site.hits("/world/down"))
    w.cycle()
    assert len(site.hits("/world/down")) == before


def test_cycle_max_items_defers_the_rest_and_rereads_the_feed(site: LocalSite, nlp) -> None:
    items = [publish(site, p) for p in ("/world/kharkiv", "/world/nairobi", "/world/lagos")]
    site.add("/feed.xml", rss(items), content_type="application/rss+xml", etag='"v1"')
    db = open_db(":memory:")
    w = watcher(db, [site.url("/feed.xml")], nlp, max_items=2)
    assert w.cycle().stored == 2
    assert db.watch_feed(site.url("/feed.xml"))["etag"] is None  # not read to the end
    second = w.cycle()
    assert second.sources[0].status == "ok" and second.stored == 1
    assert db.watch_feed(site.url("/feed.xml"))["etag"] == '"v1"'
    assert w.cycle().sources[0].status == "not modified"


def test_cycle_sitemap_index_and_same_text_under_two_urls(site: LocalSite, nlp) -> None:
    publish(site, "/world/kharkiv")
    publish(site, "/world/nairobi")
    title, day, paragraphs = ARTICLES["/world/kharkiv"]
    site.add("/amp/kharkiv", article_page(title, paragraphs, day))
    site.add("/sitemaps/a.xml", sitemap([(site.url("/world/kharkiv"), "2025-06-02"),
                                         (site.url("/world/nairobi"), "2025-06-03")]))
    site.add("/sitemaps/b.xml", sitemap([(site.url("/amp/kharkiv"), "2025-06-02"),
                                         (site.url("/world/nairobi#comments"), None)]))
    site.add("/sitemap.xml", sitemap_index(["/sitemaps/a.xml", "/sitemaps/b.xml"]))
    db = open_db(":memory:")
    report = watcher(db, [site.url("/sitemap.xml")], nlp).cycle()
    assert [s.kind for s in report.sources] == ["sitemapindex", "sitemap", "sitemap"]
    assert (report.fetched, report.stored, report.duplicates) == (3, 2, 1)
    assert db.counts()["articles"] == 2
    assert {r["status"] for r in db.watch_items(limit=10)} == {"stored", "duplicate"}
    # the index does not change, one of its sitemaps does: the new article is found
    site.routes["/sitemap.xml"].etag = '"same"'
    site.routes["/sitemaps/a.xml"].etag = '"a1"'
    w = watcher(db, [site.url("/sitemap.xml")], nlp)
    assert w.cycle().fetched == 0
    publish(site, "/world/lagos")
    site.add("/sitemaps/a.xml", sitemap([(site.url("/world/lagos"), "2025-06-04"),
                                         (site.url("/world/kharkiv"), "2025-06-02")]), etag='"a2"')
    later = w.cycle()
    assert later.stored == 1 and site.hits("/sitemap.xml")[-1].headers.get("if-none-match") is None
    assert site.hits("/sitemaps/b.xml")[-1].headers.get("if-none-match") is None  # b has no ETag
