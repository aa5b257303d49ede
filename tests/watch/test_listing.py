"""Listings: the articles of RSS/Atom feeds and sitemaps, sitemap indexes, feed lists."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest

from storyline.errors import ErrorCode, StorylineError
from storyline.watch.listing import parse_listing, read_feed_list
from tests.localsite import rss, sitemap, sitemap_index

BASE = "http://news.example/feeds/world.xml"

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title><id>urn:x</id>
<updated>2025-06-02T10:00:00Z</updated>
<entry><title>Talks resume</title><id>urn:1</id><link rel="alternate" href="/2025/06/talks"/>
<published>2025-06-01T09:00:00Z</published><updated>2025-06-02T09:00:00Z</updated></entry>
<entry><title>No link here</title><id>urn:2</id><updated>2025-06-02T09:00:00Z</updated></entry>
</feed>"""


def test_listing_rss_items_with_dates_and_titles() -> None:
    data = rss([("Strikes hit Kharkiv", "http://news.example/a1", "Mon, 02 Jun 2025 08:00:00 GMT"),
                ("Talks", "/a2", None)]).encode()
    listing = parse_listing(data, BASE)
    assert listing.kind == "feed"
    assert [(e.url, e.title, e.published, e.published_source) for e in listing.entries] == [
        ("http://news.example/a1", "Strikes hit Kharkiv", date(2025, 6, 2), "feed"),
        ("http://news.example/a2", "Talks", None, None)]


def test_listing_atom_resolves_relative_links_and_skips_items_without_one() -> None:
    listing = parse_listing(ATOM.encode(), BASE)
    assert [(e.url, e.published) for e in listing.entries] == [
        ("http://news.example/2025/06/talks", date(2025, 6, 1))]
    assert [e.describe() for e in listing.skipped] == [
        f"{BASE}#2: invalid URL: urn:2 is not an http(s) URL [E507]"]


def test_listing_sitemap_newest_first() -> None:
    data = sitemap([("http://news.example/old", "2024-01-05"),
                    ("http://news.example/new", "2025-06-02T10:00:00+00:00"),
                    ("http://news.example/undated", None)]).encode()
    listing = parse_listing(data, "http://news.example/sitemap.xml")
    assert listing.kind == "sitemap"
    assert [(e.url, e.published, e.published_source) for e in listing.entries] == [
        ("http://news.example/new", date(2025, 6, 2), "sitemap"),
        ("http://news.example/old", date(2024, 1, 5), "sitemap"),
        ("http://news.example/undated", None, None)]


def test_listing_news_sitemap_publication_date_and_title() -> None:
    data = b"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://news.example/a</loc><lastmod>2025-06-03</lastmod><news:news>
<news:publication><news:name>Example</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2025-06-01T12:00:00Z</news:publication_date>
<news:title>Ceasefire talks</news:title></news:news></url></urlset>"""
    (entry,) = parse_listing(data, "http://news.example/news.xml").entries
    assert (entry.published, entry.title) == (date(2025, 6, 1), "Ceasefire talks")


def test_listing_sitemap_index_and_gzip() -> None:
    index = sitemap_index(["/sitemaps/1.xml.gz", "http://news.example/sitemaps/2.xml"]).encode()
    listing = parse_listing(gzip.compress(index), "http://news.example/sitemap.xml.gz")
    assert listing.kind == "sitemapindex" and listing.sitemaps == [
        "http://news.example/sitemaps/1.xml.gz", "http://news.example/sitemaps/2.xml"]


@pytest.mark.parametrize(("data", "words"), [
    (b"<html><body><p>A page</p></body></html>", "not RSS, Atom or a sitemap"),
    (b"<urlset><url><loc>http://x/</loc>", "malformed XML"),
    (b"just text", "not XML"),
    (b"\x1f\x8b\x08\x00garbage", "broken gzip"),
    (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
     b"<urlset><url><loc>&e;</loc></url></urlset>", ""),
])
def test_listing_refuses_what_is_not_a_listing(data: bytes, words: str) -> None:
    if not words:
        # external entities are never resolved: the <loc> stays empty, nothing is listed
        listing = parse_listing(data, "http://x/s.xml")
        assert not listing.entries and len(listing.skipped) == 1
        return
    with pytest.raises(StorylineError) as exc:
        parse_listing(data, "http://x/s.xml")
    assert exc.value.code is ErrorCode.E504 and words in exc.value.message
    assert exc.value.where == "http://x/s.xml"


def test_listing_malformed_feed() -> None:
    with pytest.raises(StorylineError) as exc:
        parse_listing(b"<rss><channel><title>x</broken>", BASE)
    assert exc.value.code is ErrorCode.E504 and "malformed feed" in exc.value.message


def test_listing_feed_list_text_and_opml(tmp_path: Path) -> None:
    text = tmp_path / "feeds.txt"
    text.write_text("# world news\nhttp://a.example/rss\n\n  https://b.example/sitemap.xml  \n")
    assert read_feed_list(text) == ["http://a.example/rss", "https://b.example/sitemap.xml"]
    opml = tmp_path / "feeds.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>'
                    '<outline text="World"><outline text="A" type="rss" xmlUrl="http://a.example/rss"/>'
                    '<outline text="B" type="rss" xmlurl="http://b.example/atom"/></outline>'
                    "</body></opml>")
    assert read_feed_list(opml) == ["http://a.example/rss", "http://b.example/atom"]


def test_listing_feed_list_errors_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "feeds.txt"
    bad.write_text("http://a.example/rss\nnot a url\n")
    with pytest.raises(StorylineError) as exc:
        read_feed_list(bad)
    assert exc.value.code is ErrorCode.E507 and exc.value.where == f"{bad}:2"
    with pytest.raises(StorylineError) as exc:
        read_feed_list(tmp_path / "missing.txt")
    assert exc.value.code is ErrorCode.E508
    broken = tmp_path / "broken.opml"
    broken.write_text("<opml><body><outline xmlUrl='http://a/'>")
    with pytest.raises(StorylineError) as exc:
        read_feed_list(broken)
    assert exc.value.code is ErrorCode.E508 and "malformed OPML" in exc.value.message
