"""What a watched URL lists: the articles of an RSS/Atom feed or a sitemap, the
sitemaps of a sitemap index; and the feed lists a user keeps (plain text or OPML).

RSS/Atom is read by feedparser (item dates as :mod:`storyline.sources.feed` reads them);
sitemaps by lxml with entities, DTDs and network access turned off. A gzipped
sitemap (``.xml.gz``) is unpacked up to :data:`MAX_UNPACKED` bytes.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import feedparser
from lxml import etree

from ..errors import ErrorCode, StorylineError
from ..sources.base import decode_text, parse_date
from ..sources.feed import item_date, looks_like_feed
from .fetch import canonical_url, check_url

#: Largest sitemap after unpacking (the sitemap protocol allows 50 MB).
MAX_UNPACKED = 50 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    """An article a feed or sitemap lists."""

    url: str
    title: str | None = None
    published: date | None = None
    #: Where ``published`` came from: ``feed`` or ``sitemap``.
    published_source: str | None = None

    @property
    def key(self) -> str:
        """What the seen table remembers it by: its URL without fragment."""
        return canonical_url(self.url)


@dataclass(frozen=True)
class Listing:
    """A parsed feed (``feed``), sitemap (``sitemap``) or sitemap index (``sitemapindex``)."""

    kind: str
    entries: list[Entry] = field(default_factory=list)
    #: Sitemaps a sitemap index points to.
    sitemaps: list[str] = field(default_factory=list)
    #: Items that name no usable article URL (feed ``#n`` positions), with why.
    skipped: list[StorylineError] = field(default_factory=list)


def _unpack(data: bytes, url: str) -> bytes:
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            unpacked = fh.read(MAX_UNPACKED + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise StorylineError(ErrorCode.E504, url, detail=f"broken gzip data: {exc}") from None
    if len(unpacked) > MAX_UNPACKED:
        raise StorylineError(ErrorCode.E505, url, limit=MAX_UNPACKED)
    return unpacked


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(el: etree._Element, name: str) -> str | None:
    for child in el.iter():
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def _sitemap_date(el: etree._Element, where: str) -> date | None:
    for name in ("publication_date", "lastmod"):
        raw = _child_text(el, name)
        if raw:
            try:
                return parse_date(raw, where)
            except StorylineError:
                continue
    return None


_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                            huge_tree=False, remove_comments=True)


def _parse_sitemap(data: bytes, url: str) -> Listing:
    try:
        root = etree.fromstring(data, parser=_SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise StorylineError(ErrorCode.E504, url, detail=f"malformed XML: {exc}") from None
    kind = _local(root.tag)
    if kind == "sitemapindex":
        locs = [_child_text(s, "loc") for s in root if _local(s.tag) == "sitemap"]
        return Listing("sitemapindex", sitemaps=[urljoin(url, loc) for loc in locs if loc])
    if kind != "urlset":
        raise StorylineError(ErrorCode.E504, url,
                             detail=f"the document is <{kind}>, not RSS, Atom or a sitemap")
    entries = []
    skipped = []
    for n, el in enumerate((u for u in root if _local(u.tag) == "url"), start=1):
        loc = _child_text(el, "loc")
        if not loc:
            skipped.append(StorylineError(ErrorCode.E507, f"{url}#{n}", detail="no <loc>"))
            continue
        day = _sitemap_date(el, f"{url}#{n}")
        entries.append(Entry(urljoin(url, loc), _child_text(el, "title"), day,
                             "sitemap" if day else None))
    # the newest first, so a per-cycle limit takes the latest articles
    entries.sort(key=lambda e: e.published or date.min, reverse=True)
    return Listing("sitemap", entries=entries, skipped=skipped)


def _parse_feed(data: bytes, url: str) -> Listing:
    # relative links are resolved against the feed's own URL
    parsed = feedparser.parse(data, response_headers={"content-location": url})
    if parsed.get("bozo") and not parsed.entries:
        detail = str(parsed.get("bozo_exception") or "not a feed")
        raise StorylineError(ErrorCode.E504, url, detail=f"malformed feed: {detail}")
    entries = []
    skipped = []
    for n, item in enumerate(parsed.entries, start=1):
        link = item.get("link") or next(
            (x.get("href") for x in item.get("links") or [] if x.get("href")), None)
        where = f"{url}#{n}"
        if not link:
            skipped.append(StorylineError(ErrorCode.E507, where, detail="the item has no link"))
            continue
        try:
            # (feedparser takes a URI-like id such as urn:… for a link)
            link = check_url(urljoin(url, link))
        except StorylineError:
            skipped.append(StorylineError(ErrorCode.E507, where,
                                          detail=f"{link} is not an http(s) URL"))
            continue
        day = item_date(item)
        entries.append(Entry(link, item.get("title") or None, day, "feed" if day else None))
    return Listing("feed", entries=entries, skipped=skipped)


def parse_listing(data: bytes, url: str) -> Listing:
    """The articles (or sitemaps) listed by a feed, sitemap or sitemap index; E504 when
    ``data`` is none of these."""
    data = _unpack(data, url)
    head = data[:4096].decode("utf-8", "replace").lstrip("\ufeff \t\r\n").lower()
    if not head.startswith("<"):
        raise StorylineError(ErrorCode.E504, url, detail="the document is not XML")
    if looks_like_feed(head):
        return _parse_feed(data, url)
    return _parse_sitemap(data, url)


def _opml_urls(text: str, where: str) -> Iterator[str]:
    try:
        root = etree.fromstring(text.encode("utf-8"), parser=_SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise StorylineError(ErrorCode.E508, where, detail=f"malformed OPML: {exc}") from None
    for outline in root.iter("outline"):
        attrs = {k.lower(): v for k, v in outline.attrib.items()}
        if attrs.get("xmlurl"):
            yield attrs["xmlurl"].strip()


def read_feed_list(path: str | Path) -> list[str]:
    """Feed and sitemap URLs from a file: OPML (``<outline xmlUrl=…>``), or one URL a
    line (blank lines and ``#`` comments skipped). E508 when it cannot be read, E507
    naming ``file:line`` for a line that is not an http(s) URL."""
    where = str(path)
    try:
        text = decode_text(Path(path).read_bytes(), where)
    except OSError as exc:
        raise StorylineError(ErrorCode.E508, where, detail=exc.strerror or str(exc)) from None
    except StorylineError as err:
        raise StorylineError(ErrorCode.E508, where, detail=err.message) from None
    if text.lstrip("\ufeff \t\n").lower().startswith(("<?xml", "<opml")):
        urls = list(_opml_urls(text, where))
        for url in urls:
            check_url(url)
        return urls
    urls = []
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            urls.append(check_url(line))
        except StorylineError as err:
            raise err.located(f"{where}:{n}") from None
    return urls
