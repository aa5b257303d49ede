"""RSS and Atom feeds: each item is an article (text from its content or summary).

The feed is read as a stream (lxml ``iterparse``): each item is turned into an
article when its closing tag is read, then dropped, so a feed of any size takes
the memory of one item. The parser never loads external entities or DTDs and
recovers from the usual damage (undefined HTML entities, a feed cut short: the
items before the damage are kept).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, BinaryIO

from lxml import etree
from lxml import html as lxml_html

from ..errors import ErrorCode, StorylineError
from .base import ArticleInput, ReadResult, clean_text, parse_date

if TYPE_CHECKING:
    import feedparser

#: Root elements of RSS 2.0, RSS 1.0 (RDF) and Atom documents.
_ROOTS = frozenset({"rss", "feed", "RDF"})
#: Elements that hold one item.
_ITEMS = frozenset({"item", "entry"})
#: Where an item's text is, best first: full content, then the summary.
_CONTENT = ("encoded", "content", "description", "summary")
#: Where its publication date is, best first.
_DATES = ("published", "pubDate", "issued", "date", "updated", "modified", "created")


def looks_like_feed(head: str) -> bool:
    """True for an RSS/Atom/RDF document (sniffed from its first bytes)."""
    lowered = head[:2048].lower()
    return "<rss" in lowered or "<feed" in lowered or "<rdf:rdf" in lowered


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _html_to_text(fragment: str) -> str:
    if "<" not in fragment:
        return fragment.strip()
    try:
        tree = lxml_html.fromstring(f"<div>{fragment}</div>")
    except (ValueError, etree.ParserError):
        return fragment.strip()
    blocks = []
    for el in tree.iter("p", "h1", "h2", "h3", "li", "blockquote"):
        text = " ".join(el.text_content().split())
        if text:
            blocks.append(text)
    return "\n".join(blocks) if blocks else " ".join(tree.text_content().split())


def _markup(el: etree._Element) -> str:
    """The HTML an element holds: its text (escaped HTML in RSS, ``type="html"`` in Atom),
    or its child elements (Atom ``type="xhtml"``)."""
    if len(el):
        inner = "".join(etree.tostring(child, encoding="unicode") for child in el)
        return (el.text or "") + inner
    return el.text or ""


def _children(item: etree._Element) -> dict[str, etree._Element]:
    """The item's child elements by local name (the first of each)."""
    out: dict[str, etree._Element] = {}
    for child in item:
        out.setdefault(_local(child.tag), child)
    return out


def _item_text(fields: dict[str, etree._Element]) -> str:
    for name in _CONTENT:
        el = fields.get(name)
        if el is not None and _markup(el).strip():
            return clean_text(_html_to_text(_markup(el)))
    return ""


def _item_link(item: etree._Element, fields: dict[str, etree._Element]) -> str | None:
    for el in item:
        if _local(el.tag) == "link" and el.get("href") and el.get("rel", "alternate") == "alternate":
            return str(el.get("href")).strip()
    link = fields.get("link")
    text = (link.text or "").strip() if link is not None else ""
    return text or None


def _parse_day(value: str) -> date | None:
    value = value.strip()
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        return parse_date(value, "feed")
    except StorylineError:
        return None


def _item_date(fields: dict[str, etree._Element]) -> date | None:
    for name in _DATES:
        el = fields.get(name)
        day = _parse_day(el.text) if el is not None and el.text else None
        if day is not None:
            return day
    return None


def item_date(entry: feedparser.FeedParserDict) -> date | None:
    """Publication day of an item as feedparser parses it (published, else updated, else
    created), or None (for `storyline watch`, which lists feeds with feedparser)."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                continue
    return None


def _article(item: etree._Element, where: str) -> ReadResult:
    fields = _children(item)
    text = _item_text(fields)
    if not text.strip():
        return StorylineError(ErrorCode.E108, where)
    title_el = fields.get("title")
    title = clean_text(" ".join(_html_to_text(_markup(title_el)).split())) \
        if title_el is not None else ""
    if title and not text.startswith(title):
        text = f"{title}\n{text}"
    day = _item_date(fields)
    return ArticleInput(
        text=text,
        source=where,
        title=title or None,
        url=_item_link(item, fields),
        published=day,
        published_source="feed" if day else None,
    )


def read_feed(data: bytes | BinaryIO, source: str) -> Iterator[ReadResult]:
    """Articles of an RSS/Atom feed (bytes or a binary stream); items without text are
    errors naming ``source#n``; a feed damaged after some items keeps those items."""
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    events = etree.iterparse(stream, events=("start", "end"), recover=True, no_network=True,
                             resolve_entities=False, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    n = 0
    root: str | None = None
    try:
        for event, el in events:
            name = _local(el.tag)
            if root is None:
                root = name
                if root not in _ROOTS:
                    yield StorylineError(ErrorCode.E109, source,
                                         detail=f"not an RSS or Atom feed (root element <{root}>)")
                    return
            if event != "end" or name not in _ITEMS:
                continue
            n += 1
            yield _article(el, f"{source}#{n}")
            # the item is done: free it and the items before it
            el.clear()
            parent = el.getparent()
            while parent is not None and el.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        detail = str(exc).splitlines()[0] if str(exc) else "not XML"
        after = f" (after item {n})" if n else ""
        yield StorylineError(ErrorCode.E109, source, detail=f"{detail}{after}")
        return
    if root is None:
        yield StorylineError(ErrorCode.E109, source, detail="not XML")
    elif not n:
        yield StorylineError(ErrorCode.E109, source, detail="the feed has no items")
