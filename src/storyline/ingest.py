"""Ingest: read inputs, extract what is new, store it batch by batch, rebuild the corpus.

Each batch is written in one transaction (records and the errors of its
items), so an interrupted ingest leaves whole batches only; rerunning it skips
the article ids already stored and goes on where it stopped.
"""

from __future__ import annotations

import gc
import time
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


#: Failures an :class:`IngestReport` keeps for the caller (all are counted and stored).
KEPT_FAILURES = 1000


@dataclass
class IngestReport:
    """What one ingest did. Memory stays flat: counts, not lists of what was stored."""

    run_id: int
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    seconds: float = 0.0
    #: the first :data:`KEPT_FAILURES` failed items (every one is in ``ingest_errors``)
    failures: list[StorylineError] = field(default_factory=list)
    #: the failed items of the batch written last (for progress callbacks)
    batch_failures: list[StorylineError] = field(default_factory=list)
    #: what the corpus tables got: "updated", "rebuilt" or "deferred"
    corpus: str = "deferred"

    @property
    def errors(self) -> list[str]:
        """One line per kept failed item, naming it (and its article id when known)."""
        return [e.describe() for e in self.failures]

    @property
    def seen(self) -> int:
        return self.stored + self.skipped + self.failed


Progress = Callable[[IngestReport], None]
#: Extraction of a stream of items into records and errors (the local one is ``extract_many``).
Extractor = Callable[[Iterable[ReadResult]], Iterable[ArticleRecord | StorylineError]]


def _error_row(err: StorylineError) -> tuple[str, str, str, str | None]:
    return (err.where or "", err.code.name, err.message, err.article)


class _Writer:
    """The one writer: records and errors come in input order and are stored a batch at a
    time, each batch in one transaction."""

    def __init__(self, db: Database, report: IngestReport, size: int, replace: bool,
                 in_flight: set[str], progress: Progress | None) -> None:
        self.db, self.report, self.size, self.replace = db, report, size, replace
        self.in_flight, self.progress = in_flight, progress
        self.records: list[ArticleRecord] = []
        self.errors: list[StorylineError] = []

    def add(self, result: ArticleRecord | StorylineError) -> None:
        if isinstance(result, StorylineError):
            self.errors.append(result)
        else:
            self.records.append(result)
        if len(self.records) + len(self.errors) >= self.size:
            self.flush()

    def flush(self) -> None:
        r = self.report
        written = self.db.write_records(self.records, r.run_id, replace=self.replace,
                                        errors=[_error_row(e) for e in self.errors])
        r.stored += written
        r.skipped += len(self.records) - written
        r.events += sum(len(x.events) for x in self.records)
        r.failed += len(self.errors)
        r.failures.extend(self.errors[:max(KEPT_FAILURES - len(r.failures), 0)])
        r.batch_failures = self.errors
        self.in_flight.difference_update(x.id for x in self.records)
        self.in_flight.difference_update(e.article for e in self.errors if e.article)
        self.records, self.errors = [], []
        if self.progress is not None:
            self.progress(r)


def _new_items(db: Database, items: Iterable[ReadResult], size: int, replace: bool,
               in_flight: set[str], report: IngestReport) -> Iterator[ReadResult]:
    """``items`` less the articles already stored (unless ``replace``) or already on their
    way to the writer; those are counted as skipped."""
    from .article import _chunks

    for chunk in _chunks(items, size):
        ids = [i.article_id for i in chunk if isinstance(i, ArticleInput)]
        stored = set() if replace else db.existing_ids(ids)
        for item in chunk:
            if isinstance(item, ArticleInput):
                if item.article_id in stored or item.article_id in in_flight:
                    report.skipped += 1
                    continue
                in_flight.add(item.article_id)
            yield item


def ingest(db: Database, items: Iterable[ReadResult], *, inputs: Iterable[str] = (),
           model: str | None = None, nlp: Language | None = None,
           batch_size: int | None = None, n_process: int | None = None,
           replace: bool = False, progress: Progress | None = None,
           rebuild: bool = True, full_rebuild: bool = False,
           extract: Extractor | None = None) -> IngestReport:
    """Extract and store every article of ``items`` (from :func:`storyline.sources.read_inputs`).

    Items are read as a stream; articles whose id is already stored are skipped
    before extraction (re-extracted and replaced when ``replace``). Extraction
    runs in ``n_process`` worker processes (default: every core; in this process
    when ``nlp`` is given), and this process alone writes, a batch per
    transaction, in input order. Read and extraction errors are recorded per item
    and never stop the run. ``progress`` is called after each batch is written.
    At the end the corpus tables are brought up to date for the new articles
    (:func:`update_corpus`), or recomputed from every article when
    ``full_rebuild`` (or when stored articles were replaced); ``rebuild=False``
    leaves that to a later ingest, :func:`update_corpus` or :func:`rebuild_corpus`.
    ``extract`` replaces the local extraction (e.g. :func:`storyline.cluster.extract_results`
    on a Dask cluster): it takes the items to extract and yields their records and errors.
    """
    from .article import extract_many

    started = time.perf_counter()
    model_name = settings.get("model", model)
    size = max(int(settings.get("batch_size", batch_size)), 1)
    report = IngestReport(db.start_run(list(inputs), model_name))
    in_flight: set[str] = set()
    writer = _Writer(db, report, size, replace, in_flight, progress)
    status = "interrupted"
    try:
        todo = _new_items(db, items, size, replace, in_flight, report)
        results = extract(todo) if extract is not None else extract_many(
            todo, nlp=nlp, model=model_name, batch_size=size, n_process=n_process)
        for result in results:
            writer.add(result)
        writer.flush()
        status = "done"
    finally:
        db.finish_run(report.run_id, status, report.stored, report.skipped, report.failed)
    if rebuild:
        report.corpus = refresh_corpus(db, full_rebuild)
    report.seconds = time.perf_counter() - started
    return report


def refresh_corpus(db: Database, full_rebuild: bool = False) -> str:
    """Bring the corpus tables up to date: "rebuilt" from every article (when asked, or when
    stored articles were replaced), "updated" for the articles they lack, or "current"."""
    if full_rebuild or db.corpus_stale():
        rebuild_corpus(db)
        return "rebuilt"
    if db.count_pending():
        update_corpus(db)
        return "updated"
    return "current"


def update_corpus(db: Database, params: StoryParams | None = None,
                  timings: dict[str, float] | None = None) -> int:
    """Add the stored articles that the corpus tables lack (new since the last update) to
    them, at a cost that grows with those articles, not the corpus; returns how many.
    ``timings``, when given, receives the seconds of each stage."""
    from .corpus.update import update_corpus as update

    with _gc_paused():
        return update(db, params, timings=timings)


def store_records(db: Database, records: Iterable[ArticleRecord], *, replace: bool = False,
                  rebuild: bool = True, source: str = "records") -> IngestReport:
    """Store article records that are already extracted (one batch, one transaction)."""
    batch = list(records)
    report = IngestReport(db.start_run([source], None))
    report.stored = db.write_records(batch, report.run_id, replace=replace)
    report.skipped = len(batch) - report.stored
    db.finish_run(report.run_id, "done", report.stored, report.skipped, 0)
    if rebuild:
        report.corpus = refresh_corpus(db)
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
            records = list(db.iter_records())
        tables = corpus_tables(records, params, timings)
        with timed(timings, "writing"):
            db.replace_corpus(tables)
    return {name: len(rows) for name, rows in tables.items()}
