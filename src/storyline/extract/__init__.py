"""Pure extractors: typed functions over a spaCy Doc, no I/O.

One module per thing extracted (sentences, entities, mentions, time, actors,
places, quotes, events …). spaCy components in :mod:`storyline.nlp` wrap them.

The package itself is callable: ``storyline.extract(text, published=...)``
runs the whole pipeline on one text and returns an
:class:`~storyline.record.ArticleRecord` (see :func:`storyline.article.extract`).
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..record import ArticleRecord


class _CallableModule(types.ModuleType):
    """This package, callable as the library's ``extract`` function."""

    def __call__(self, *args: Any, **kwargs: Any) -> ArticleRecord:
        from ..article import extract

        return extract(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
