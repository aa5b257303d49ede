"""RSS and Atom feeds: each item is an article (text from its content or summary)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import feedparser
from lxml import html as lxml_html

from ..errors import ErrorCode, StorylineError
from .base import ArticleInput, ReadResult


def looks_like_feed(head: str) -> bool:
    """True for an RSS/Atom/RDF document (sniffed from its first bytes)."""
    lowered = head[:2048].lower()
    return "<rss" in lowered or "<feed" in lowered or "<rdf:rdf" in lowered


def _html_to_text(fragment: str) -> str:
    if "<" not in fragment:
        return fragment.strip()
    try:
        tree = lxml_html.fromstring(f"<div>{fragment}</div>")
    except (ValueError, lxml_html.etree.ParserError):
        return fragment.strip()
    blocks = []
    for el in tree.iter("p", "h1", "h2", "h3", "li", "blockquote"):
        text = " ".join(el.text_content().split())
        if text:
            blocks.append(text)
    return "\n".join(blocks) if blocks else " ".join(tree.text_content().split())


def _item_text(entry: feedparser.FeedParserDict) -> str:
    for content in entry.get("content") or []:
        value = content.get("value")
        if value and value.strip():
            return _html_to_text(value)
    return _html_to_text(entry.get("summary") or entry.get("description") or "")


def item_date(entry: feedparser.FeedParserDict) -> date | None:
    """Publication day of a feed item (published, else updated, else created), or None."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                continue
    return None


def read_feed(data: bytes, source: str) -> Iterator[ReadResult]:
    """Articles of an RSS/Atom feed; items without text are errors naming ``source#n``."""
    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.entries:
        detail = str(parsed.get("bozo_exception") or "not a feed")
        yield StorylineError(ErrorCode.E109, source, detail=detail)
        return
    if not parsed.entries:
        yield StorylineError(ErrorCode.E109, source, detail="the feed has no items")
        return
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#{n}"
        text = _item_text(entry)
        if not text.strip():
            yield StorylineError(ErrorCode.E108, where)
            continue
        day = item_date(entry)
        title = entry.get("title")
        if title and not text.startswith(title):
            text = f"{title}\n{text}"
        yield ArticleInput(
            text=text,
            source=where,
            title=title or None,
            url=entry.get("link") or None,
            published=day,
            published_source="feed" if day else None,
        )
