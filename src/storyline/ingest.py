"""Ingest: read inputs, extract what is new, store it batch by batch, rebuild the corpus.

Each batch is written in one transaction (records and the errors of its
items), so an interrupted ingest leaves whole batches only; rerunning it skips
the article ids already stored and goes on where it stopped.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import settings
from .errors import StorylineError
from .record import ArticleRecord
from .sources.base import ArticleInput, ReadResult
from .store.db import Database

if TYPE_CHECKING:
    from spacy.language import Language

    from .corpus.stories import StoryParams


@dataclass
class IngestReport:
    """What one ingest did."""

    run_id: int
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[StorylineError] = field(default_factory=list)
    stored_ids: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        """One line per failed item, naming it (and its article id when known)."""
        return [e.describe() for e in self.failures]

    @property
    def seen(self) -> int:
        return self.stored + self.skipped + self.failed


Progress = Callable[[IngestReport], None]


def _error_row(err: StorylineError) -> tuple[str, str, str, str | None]:
    return (err.where or "", err.code.name, err.message, err.article)


def ingest(db: Database, items: Iterable[ReadResult], *, inputs: Iterable[str] = (),
           model: str | None = None, nlp: Language | None = None,
           batch_size: int | None = None, replace: bool = False,
           progress: Progress | None = None, rebuild: bool = True) -> IngestReport:
    """Extract and store every article of ``items`` (from :func:`storyline.sources.read_inputs`).

    Articles whose id is already stored are skipped (re-extracted and replaced
    when ``replace``). Read and extraction errors are recorded per item and
    never stop the batch. The corpus tables are rebuilt at the end.
    """
    from .article import _chunks, extract_many
    from .nlp import load_pipeline

    model_name = settings.get("model", model)
    size = max(int(settings.get("batch_size", batch_size)), 1)
    report = IngestReport(db.start_run(list(inputs), model_name))
    pipeline = nlp
    seen: set[str] = set()
    status = "interrupted"
    try:
        for chunk in _chunks(items, size):
            errors = [i for i in chunk if isinstance(i, StorylineError)]
            articles = [i for i in chunk if isinstance(i, ArticleInput)]
            stored = set() if replace else db.existing_ids(a.article_id for a in articles)
            todo: list[ArticleInput] = []
            for a in articles:
                if a.article_id in stored or a.article_id in seen:
                    report.skipped += 1
                else:
                    seen.add(a.article_id)
                    todo.append(a)
            records: list[ArticleRecord] = []
            if todo:
                if pipeline is None:
                    pipeline = load_pipeline(model_name)
                for result in extract_many(todo, nlp=pipeline, batch_size=size):
                    if isinstance(result, StorylineError):
                        errors.append(result)
                    else:
                        records.append(result)
            db.write_records(records, report.run_id, replace=replace,
                             errors=[_error_row(e) for e in errors])
            report.stored += len(records)
            report.stored_ids.extend(r.id for r in records)
            report.failed += len(errors)
            report.failures.extend(errors)
            if progress is not None:
                progress(report)
        status = "done"
    finally:
        db.finish_run(report.run_id, status, report.stored, report.skipped, report.failed)
    if rebuild and (report.stored or db.corpus_stale()):
        rebuild_corpus(db)
    return report


def store_records(db: Database, records: Iterable[ArticleRecord], *, replace: bool = False,
                  rebuild: bool = True, source: str = "records") -> IngestReport:
    """Store article records that are already extracted (one batch, one transaction)."""
    batch = list(records)
    report = IngestReport(db.start_run([source], None))
    report.stored = db.write_records(batch, report.run_id, replace=replace)
    report.skipped = len(batch) - report.stored
    db.finish_run(report.run_id, "done", report.stored, report.skipped, 0)
    if rebuild and (report.stored or db.corpus_stale()):
        rebuild_corpus(db)
    return report


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: the rebuild holds millions of live objects
    and creates few cycles, so its repeated full collections found nothing and took
    half of the time spent reading the records (reference counting still frees)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def rebuild_corpus(db: Database, params: StoryParams | None = None,
                   timings: dict[str, float] | None = None) -> dict[str, int]:
    """Recompute resolved entities, stories and event clusters from every stored article.

    ``timings``, when given, receives the seconds spent in each stage (reading,
    resolution, stories, events, rows, writing), for benchmarks.
    """
    from .corpus.build import corpus_tables, timed

    with _gc_paused():
        with timed(timings, "reading"):
            version = db.articles_version()
            records = list(db.iter_records())
        tables = corpus_tables(records, params, timings)
        with timed(timings, "writing"):
            db.replace_corpus(tables, based_on=version)
    return {name: len(rows) for name, rows in tables.items()}
