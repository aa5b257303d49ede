"""storyline: news articles in, a dated, sourced, queryable record of political events out.

Library API::

    import storyline
    record = storyline.extract(text, published="2025-04-24")
    for record in storyline.extract_many(texts):
        ...

Records are :class:`storyline.record.ArticleRecord` models (pydantic v2); see
``SPEC.md`` for the format.

Layout (imports point one way, top to bottom):

- :mod:`storyline.sources`: readers (text, HTML, JSON, feeds, WARC) -> ``ArticleInput``;
- :mod:`storyline.nlp`: the spaCy pipeline, thin components over the extractors;
- :mod:`storyline.extractors`: pure extractors, one subpackage per capability
  (``text``, ``time``, ``actors``, ``places``, ``quotes``, ``events``);
- :mod:`storyline.record`: the article record; :mod:`storyline.article`: ``extract``;
- :mod:`storyline.store`: the DuckDB store (all SQL); :mod:`storyline.corpus`:
  across articles (entity resolution, stories, merged events);
  :mod:`storyline.ingest`: extract -> store -> corpus tables;
- :mod:`storyline.cli`, :mod:`storyline.api`, :mod:`storyline.web`: thin callers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["ArticleInput", "ArticleRecord", "StorylineError", "extract", "extract_many"]

if TYPE_CHECKING:
    from .article import extract, extract_many
    from .errors import StorylineError
    from .record import ArticleRecord
    from .sources import ArticleInput


def __getattr__(name: str) -> Any:
    # Imported on first use, so ``import storyline`` stays fast (spaCy loads lazily).
    if name == "extract":
        from .article import extract

        return extract
    if name == "extract_many":
        from .article import extract_many

        return extract_many
    if name == "ArticleRecord":
        from .record import ArticleRecord

        return ArticleRecord
    if name == "StorylineError":
        from .errors import StorylineError

        return StorylineError
    if name == "ArticleInput":
        from .sources import ArticleInput

        return ArticleInput
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")
