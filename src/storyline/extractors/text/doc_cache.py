"""Values of a parsed Doc that several extractors read, computed once per Doc.

spaCy rebuilds ``Doc.text`` from the tokens on every access, and every pass
over ``doc`` creates one Python ``Token`` object per token; with five
extractors reading the same Doc, that is a good share of their cost. The
functions here compute such values once per Doc and keep them while the Doc
lives (in a weak-keyed table, so nothing is added to the Doc itself and
serializing it is unaffected).

Call them on a Doc whose annotation is complete (after the model's pipes):
the text never changes, but tags, lemmas and the parse are read only once.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span

_CACHE: WeakKeyDictionary[Doc, dict[str, Any]] = WeakKeyDictionary()


def cached(doc: Doc) -> dict[str, Any]:
    """The cache of ``doc`` (an empty dict the first time)."""
    slot = _CACHE.get(doc)
    if slot is None:
        slot = _CACHE[doc] = {}
    return slot


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc."""
    slot = cached(doc)
    text = slot.get("text")
    if text is None:
        text = slot["text"] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text``, cut from the Doc's text (spaCy joins the span's tokens on every access)."""
    if not len(span):
        return ""
    return doc_text(span.doc)[span.start_char:span.end_char]
