"""What every article must pass before extraction: a bounded length, and English text."""

from __future__ import annotations

from .. import settings
from ..errors import ErrorCode, StorylineError
from .base import ArticleInput
from .language import other_language


def check_article(item: ArticleInput) -> ArticleInput | StorylineError:
    """The article, or the error that keeps it from extraction: E115 (longer than the
    ``max_article_chars`` setting), E116 (clearly not English, unless the
    ``check_language`` setting is 0)."""
    limit = int(settings.get("max_article_chars"))
    if len(item.text) > limit:
        return StorylineError(ErrorCode.E115, item.location, article=item.article_id,
                              length=f"{len(item.text):,}", limit=f"{limit:,}")
    if int(settings.get("check_language")):
        found = other_language(item.text)
        if found is not None:
            return StorylineError(ErrorCode.E116, item.location, article=item.article_id,
                                  language=found[0], probability=f"{found[1]:.2f}")
    return item
