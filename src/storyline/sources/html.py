"""HTML pages: main text, title, URL and publication date.

The article body comes from trafilatura. The publication date comes first from
explicit metadata (``article:published_time``, JSON-LD ``datePublished``,
``<time datetime>`` …); only when the page has none does htmldate look at the
markup, never at free text, since a copyright footer ("© 2019") is not a
publication date. ``published_source`` says which one it was.
"""

from __future__ import annotations

import contextlib
import json
import logging
from datetime import date

from lxml import html as lxml_html

from ..errors import ErrorCode, StorylineError
from .base import ArticleInput, clean_text, parse_date

log = logging.getLogger(__name__)

#: Fewer words than this is navigation or boilerplate, not an article.
MIN_ARTICLE_WORDS = 5

#: <meta> attributes naming a publication date, most explicit first.
_META_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished",
    "publishdate", "publish-date", "pubdate", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "dcterms.created", "dc.date", "date",
)


def _meta_date(tree: lxml_html.HtmlElement) -> tuple[date, str] | None:
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if key in _META_DATE_KEYS and content and key not in found:
            found[key] = content
    for key in _META_DATE_KEYS:
        if key in found:
            try:
                return parse_date(found[key], "html"), f"html:meta[{key}]"
            except StorylineError:
                continue
    return None


def _jsonld_date(tree: lxml_html.HtmlElement) -> tuple[date, str] | None:
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        for obj in data if isinstance(data, list) else [data]:
            value = obj.get("datePublished") if isinstance(obj, dict) else None
            if value:
                try:
                    return parse_date(value, "html"), "html:json-ld[datePublished]"
                except StorylineError:
                    continue
    return None


def _time_element_date(tree: lxml_html.HtmlElement) -> tuple[date, str] | None:
    for el in tree.iter("time"):
        value = el.get("datetime")
        if value and (el.get("pubdate") is not None or el.get("itemprop") == "datePublished"):
            try:
                return parse_date(value, "html"), "html:time[pubdate]"
            except StorylineError:
                continue
    return None


def _canonical_url(tree: lxml_html.HtmlElement) -> str | None:
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            return str(link.get("href"))
    for meta in tree.iter("meta"):
        if (meta.get("property") or "").lower() == "og:url" and meta.get("content"):
            return str(meta.get("content"))
    return None


def publication_date(page: str) -> tuple[date, str] | None:
    """Publication date of a page and where it came from, or None."""
    try:
        tree = lxml_html.fromstring(page)
    except (ValueError, lxml_html.etree.LxmlError):
        return None
    for finder in (_meta_date, _jsonld_date, _time_element_date):
        found = finder(tree)
        if found:
            return found
    from htmldate import find_date

    try:
        value = find_date(tree, extensive_search=False, original_date=True)
    except Exception:
        log.debug("htmldate failed", exc_info=True)
        value = None
    if value:
        return parse_date(value, "html"), "htmldate"
    return None


def read_html(page: str, source: str, url: str | None = None) -> ArticleInput:
    """An article from an HTML page; E106 when the page has no article text, E119 when it
    cannot be parsed at all (nested too deeply for the parsers, say)."""
    import trafilatura  # imported when a page is read: a quarter second at start-up otherwise

    try:
        doc = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, LookupError, RecursionError, lxml_html.etree.LxmlError) as exc:
        raise StorylineError(ErrorCode.E119, source, detail=f"{type(exc).__name__}: {exc}"
                             ) from None
    text = clean_text((getattr(doc, "text", None) or "").strip()) if doc is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise StorylineError(ErrorCode.E106, source)
    canonical = None
    with contextlib.suppress(ValueError, lxml_html.etree.LxmlError):
        canonical = _canonical_url(lxml_html.fromstring(page))
    dated = publication_date(page)
    return ArticleInput(
        text=text,
        source=source,
        title=getattr(doc, "title", None) or None,
        url=url or canonical or getattr(doc, "url", None) or None,
        published=dated[0] if dated else None,
        published_source=dated[1] if dated else None,
    )
