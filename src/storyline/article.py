"""The library entry points: text in, :class:`ArticleRecord` out.

``extract`` handles one text; ``extract_many`` streams any number of articles
through spaCy in batches (optionally in several processes) and yields records
in input order, passing reader errors through so callers see every item. An
article that fails gives one error naming it (its place in the input and its
id); the others always come out.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date
from functools import partial
from itertools import chain, islice

from spacy.language import Language
from spacy.tokens import Doc

from . import settings
from .errors import ErrorCode, StorylineError
from .nlp import load_pipeline, make_doc, pipe, process
from .pool import ordered_map
from .record import ArticleRecord
from .sources.base import ArticleInput, parse_date
from .sources.checks import check_article
from .sources.language import load_detector

ExtractResult = ArticleRecord | StorylineError

log = logging.getLogger(__name__)


def _as_date(value: date | str | None, where: str) -> date | None:
    if value is None or value == "":
        return None
    return parse_date(value, where)


def _failed(item: ArticleInput | StorylineError, reason: str) -> StorylineError:
    """E203 naming the article (its place in the input and its id)."""
    if isinstance(item, StorylineError):
        return item
    return StorylineError(ErrorCode.E203, item.location, article=item.article_id, detail=reason)


def _record(item: ArticleInput, doc: Doc) -> ExtractResult:
    """The article record of a processed Doc; E203 if an extractor failed on it."""
    if doc._.errors:
        return _failed(item, "; ".join(doc._.errors))
    for warning in doc._.warnings or []:
        log.warning("%s (id %s): %s", item.location, item.article_id, warning)
    return ArticleRecord(
        id=item.article_id,
        source=item.source,
        title=item.title,
        url=item.url,
        published=item.published.isoformat() if item.published else None,
        published_source=item.published_source,
        text=item.text,
        entities=doc._.entities or [],
        timexes=doc._.timexes or [],
        places=doc._.places or [],
        quotes=doc._.quotes or [],
        events=doc._.events or [],
    )


def _pipeline(nlp: Language | None, model: str | None) -> Language:
    return nlp if nlp is not None else load_pipeline(settings.get("model", model))


def extract(
    text: str,
    published: date | str | None = None,
    *,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str = "<text>",
    model: str | None = None,
    nlp: Language | None = None,
) -> ArticleRecord:
    """Extract the article record of one text.

    ``published`` (a date or ``YYYY-MM-DD``) anchors relative dates such as
    "yesterday". Raises :class:`StorylineError` if the text cannot be processed.
    """
    item = ArticleInput(text=text, source=source, id=id, title=title, url=url,
                        published=_as_date(published, source),
                        published_source="argument" if published else None)
    result = next(extract_many([item], nlp=nlp, model=model, n_process=1))
    if isinstance(result, StorylineError):
        raise result
    return result


def _resolve(
    item: ArticleInput | str | StorylineError, published: date | None
) -> ArticleInput | StorylineError:
    if isinstance(item, str):
        item = ArticleInput(text=item, source="<text>")
    if isinstance(item, ArticleInput) and published is not None:
        # the caller's date wins over whatever the input carried
        item = item.with_published(published, "flag")
    return item


def _process(pipeline: Language, items: list[ArticleInput | StorylineError],
             batch_size: int) -> list[ExtractResult]:
    """Records for one chunk of items (errors pass through in place).

    If the batch fails as a whole (spaCy itself raising on one text), each article is
    run alone, so only the one that fails is reported.
    """
    items = [check_article(i) if isinstance(i, ArticleInput) else i for i in items]
    articles = [i for i in items if isinstance(i, ArticleInput)]
    try:
        docs = pipe(pipeline, (make_doc(pipeline, a.text, a.published) for a in articles),
                    batch_size)
        done = [_record(a, d) for a, d in zip(articles, docs, strict=True)]
    except Exception:
        done = [_alone(pipeline, a) for a in articles]
    records = iter(done)
    return [next(records) if isinstance(i, ArticleInput) else i for i in items]


def _alone(pipeline: Language, item: ArticleInput) -> ExtractResult:
    try:
        return _record(item, process(pipeline, make_doc(pipeline, item.text, item.published)))
    except Exception as exc:
        return _failed(item, f"{type(exc).__name__}: {exc}")


_worker_nlp: Language | None = None


def _init_worker(model: str) -> None:
    global _worker_nlp
    _worker_nlp = load_pipeline(model)


def _work(chunk: list[ArticleInput | StorylineError], batch_size: int) -> list[ExtractResult]:
    assert _worker_nlp is not None
    return _process(_worker_nlp, chunk, batch_size)


def _chunks(items: Iterable[ArticleInput | StorylineError], size: int
            ) -> Iterator[list[ArticleInput | StorylineError]]:
    chunk: list[ArticleInput | StorylineError] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_many(
    items: Iterable[ArticleInput | str | StorylineError],
    *,
    published: date | str | None = None,
    model: str | None = None,
    nlp: Language | None = None,
    batch_size: int | None = None,
    n_process: int | None = None,
) -> Iterator[ExtractResult]:
    """Stream article records for ``items``, in input order.

    Items are texts, :class:`ArticleInput` (from :mod:`storyline.sources`) or
    errors from a reader, which are passed through in place. ``published``, if
    given, overrides every input's own date. ``n_process`` worker processes
    extract (default: the ``n_process`` setting, every core); they are forked
    once per call after the pipeline is loaded, so the model is loaded once and
    shared. Input that fits in one batch, or a given ``nlp``, runs in this process.
    """
    override = _as_date(published, "--published")
    size = max(int(settings.get("batch_size", batch_size)), 1)
    procs = 1 if nlp is not None else settings.processes(n_process)
    chunks = _chunks((_resolve(item, override) for item in items), size)
    head = list(islice(chunks, 2)) if procs > 1 else []
    if procs == 1 or len(head) < 2:
        pipeline = _pipeline(nlp, model)
        for chunk in chain(head, chunks):
            yield from _process(pipeline, chunk, size)
        return
    model_name = settings.get("model", model)
    load_pipeline(model_name)  # fail fast (E201/E202); forked workers share the loaded model
    if int(settings.get("check_language")):
        load_detector()
    yield from ordered_map(partial(_work, batch_size=size), chain(head, chunks),
                           processes=procs, failed=_failed, initializer=_init_worker,
                           initargs=(model_name,))
