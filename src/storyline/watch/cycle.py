"""One watch cycle: check every feed and sitemap, fetch the articles not seen before,
ingest them, and remember what happened to each.

The seen table (``watch_items``) is keyed by article URL. An item is fetched once;
after a network failure, HTTP 429 or 5xx it is tried again in later cycles (up to
``max_attempts`` times); any other failure (404, robots.txt, no article text …)
is final. Every failure is recorded with its URL and reason, in the seen table and
in the ingest run's errors. A feed's ``ETag``/``Last-Modified`` is stored only after
every new item it listed was handled, so a run that stops half way re-reads the
feed next time; an article stored before a crash is recognised by its id and not
stored twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .. import settings
from ..errors import ErrorCode, StorylineError
from ..ingest import IngestReport, ingest
from ..sources.base import ArticleInput, decode_text
from ..sources.html import read_html
from ..store.db import Database
from .fetch import Fetched, Fetcher, canonical_url, check_url, is_transient
from .listing import Entry, Listing, parse_listing

if TYPE_CHECKING:
    from spacy.language import Language

#: Tries of an item that keeps failing for a reason worth another try.
MAX_ATTEMPTS = 3
#: Sitemaps of one sitemap index read per cycle.
MAX_CHILD_SITEMAPS = 50
_FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                "text/xml;q=0.9, */*;q=0.5")
_PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", ""})


@dataclass
class SourceReport:
    """What one feed or sitemap gave in a cycle."""

    url: str
    kind: str | None = None
    #: ``ok``, ``not modified`` or ``failed``.
    status: str = "ok"
    entries: int = 0
    new: int = 0
    error: StorylineError | None = None


@dataclass
class CycleReport:
    """What one cycle did: sources checked, articles fetched, stored, failed."""

    sources: list[SourceReport] = field(default_factory=list)
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    failures: list[StorylineError] = field(default_factory=list)
    ingest: IngestReport | None = None

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        sources = len(self.sources)
        down = sum(1 for s in self.sources if s.status == "failed")
        return (f"{sources} source(s) checked ({down} failed), {self.fetched} new page(s) "
                f"fetched, {self.stored} article(s) stored, {self.duplicates} already stored, "
                f"{self.failed} error(s)")


@dataclass
class _Pending:
    """An item to fetch this cycle: its entry and the source that listed it."""

    entry: Entry
    feed: str
    #: Earlier tries (items that failed for a reason worth another try).
    attempts: int = 0


def _decode_page(fetched: Fetched, url: str) -> str:
    if fetched.charset:
        try:
            return fetched.body.decode(fetched.charset).replace("\r\n", "\n")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(fetched.body, url)


class Watcher:
    """Watches feeds and sitemaps for one database; :meth:`cycle` runs one pass.

    ``nlp`` (a loaded pipeline) or ``model`` (a name) extracts the articles; the
    fetcher (made from the settings when not given) is kept across cycles, so
    robots.txt and per-host delays carry over.
    """

    def __init__(self, db: Database, sources: Sequence[str], *, fetcher: Fetcher | None = None,
                 nlp: Language | None = None, model: str | None = None,
                 batch_size: int | None = None, max_items: int | None = None,
                 max_attempts: int = MAX_ATTEMPTS, log: Callable[[str], None] | None = None
                 ) -> None:
        self.db = db
        self.sources = list(dict.fromkeys(sources))
        self.fetcher = fetcher or Fetcher()
        self.nlp = nlp
        self.model = model
        self.batch_size = batch_size
        self.max_items = max(1, int(settings.get("watch_max_items", max_items)))
        self.max_attempts = max_attempts
        self.log = log or (lambda _line: None)

    # -- sources ----------------------------------------------------------------------

    def _read_source(self, url: str, report: CycleReport, depth: int = 0
                     ) -> list[tuple[str, Listing, Fetched]]:
        """The listings of a feed or sitemap (a sitemap index: of its sitemaps), each with
        the answer whose validators are saved once its items are handled."""
        state = self.db.watch_feed(url) or {}
        # a sitemap index is read in full each time: its sitemaps change while it does not
        if state.get("kind") == "sitemapindex":
            state = {}
        src = SourceReport(url)
        report.sources.append(src)
        try:
            check_url(url)
            fetched = self.fetcher.get(url, etag=state.get("etag"),
                                       last_modified=state.get("last_modified"),
                                       accept=_FEED_ACCEPT)
            if fetched.not_modified:
                src.status, src.kind = "not modified", state.get("kind")
                self.db.save_watch_feed(url, kind=None, etag=fetched.etag or state.get("etag"),
                                        last_modified=fetched.last_modified
                                        or state.get("last_modified"),
                                        http_status=304, ok=True)
                return []
            listing = parse_listing(fetched.body, url)
        except StorylineError as err:
            err = err if err.where else err.located(url)
            src.status, src.error = "failed", err
            report.failures.append(err)
            status = err.details.get("status")
            self.db.save_watch_feed(url, kind=None, etag=None, last_modified=None,
                                    http_status=status if isinstance(status, int) else None,
                                    ok=False, code=err.code.name, message=err.message)
            self.log(f"{url}: {err.message} [{err.code.name}]")
            return []
        src.kind, src.entries = listing.kind, len(listing.entries)
        out = [(url, listing, fetched)]
        if listing.kind == "sitemapindex" and depth == 0:
            # the index is only saved as read once its sitemaps were
            for child in listing.sitemaps[:MAX_CHILD_SITEMAPS]:
                out.extend(self._read_source(child, report, depth + 1))
        return out

    # -- pages ------------------------------------------------------------------------

    def _fetch_article(self, item: _Pending) -> ArticleInput:
        """The article of a listed page, as trafilatura reads it; its listing gives the
        date and title when the page has none."""
        entry = item.entry
        fetched = self.fetcher.get(entry.url, accept=_PAGE_ACCEPT)
        if fetched.content_type not in _HTML_TYPES:
            raise StorylineError(ErrorCode.E506, entry.url, content_type=fetched.content_type)
        page = _decode_page(fetched, entry.url)
        article = read_html(page, entry.url, url=fetched.url)
        if article.published is None and entry.published is not None:
            article = article.with_published(entry.published, entry.published_source or "feed")
        if article.title is None and entry.title:
            article = replace(article, title=entry.title)
        return article

    # -- one cycle --------------------------------------------------------------------

    def _new_items(self, listings: list[tuple[str, Listing, Fetched]]
                   ) -> tuple[list[_Pending], set[str]]:
        """Items not seen before (up to ``max_items`` per source), and the sources some
        of whose new items must wait for a later cycle."""
        keys = [e.key for _, listing, _ in listings for e in listing.entries]
        seen = self.db.watch_items_state(keys)
        todo: list[_Pending] = []
        taken: set[str] = set()
        deferred: set[str] = set()
        for source, listing, _ in listings:
            n = 0
            for entry in listing.entries:
                if entry.key in seen or entry.key in taken:
                    continue
                if n >= self.max_items:
                    deferred.add(source)
                    break
                taken.add(entry.key)
                todo.append(_Pending(entry, source))
                n += 1
        for row in self.db.watch_items("retry", limit=self.max_items * max(len(listings), 1)):
            if row["attempts"] < self.max_attempts and row["url"] not in taken:
                taken.add(row["url"])
                todo.append(_Pending(Entry(row["url"], row["title"]), row["feed"],
                                     row["attempts"]))
        return todo, deferred

    def cycle(self) -> CycleReport:
        """Check every source once, fetch and ingest the new articles; never raises for
        a bad feed or page (each is a failure in the report)."""
        report = CycleReport()
        listings: list[tuple[str, Listing, Fetched]] = []
        for url in self.sources:
            listings.extend(self._read_source(url, report))
        todo, deferred = self._new_items(listings)
        by_source = {s.url: s for s in report.sources}
        articles: list[ArticleInput] = []
        outcome: dict[str, dict[str, object]] = {}
        # items of a listing that name no article URL are recorded with the fetch failures
        errors: list[StorylineError] = [e for _, listing, _ in listings for e in listing.skipped]
        for item in todo:
            src = by_source.get(item.feed)
            if src is not None:
                src.new += 1
            key = item.entry.key
            row: dict[str, object] = {"url": key, "feed": item.feed, "title": item.entry.title}
            try:
                article = self._fetch_article(item)
            except StorylineError as err:
                err = err if err.where else err.located(item.entry.url)
                retry = is_transient(err) and item.attempts + 1 < self.max_attempts
                row.update(status="retry" if retry else "failed", code=err.code.name,
                           message=err.message)
                errors.append(err)
                self.log(f"{item.entry.url}: {err.message} [{err.code.name}]"
                         + (" (will try again)" if retry else ""))
            else:
                report.fetched += 1
                row.update(status="fetched", article_id=article.article_id,
                           title=article.title or item.entry.title)
                articles.append(article)
            outcome[key] = row
        report.failures.extend(errors)
        if articles or errors:
            before = self.db.existing_ids(a.article_id for a in articles)
            report.ingest = ingest(self.db, [*errors, *articles], inputs=self.sources,
                                   nlp=self._pipeline(), model=self.model,
                                   batch_size=self.batch_size)
            self._settle(report, outcome, articles, before)
        for source, listing, fetched in listings:
            # validators only when every new item of the listing was handled this cycle
            complete = source not in deferred
            self.db.save_watch_feed(
                source, kind=listing.kind, etag=fetched.etag if complete else None,
                last_modified=fetched.last_modified if complete else None,
                http_status=fetched.status, ok=True, n_entries=len(listing.entries)
                + len(listing.sitemaps))
        return report

    def _pipeline(self) -> Language:
        """The pipeline, loaded once and kept across cycles: a cycle brings a handful of
        articles, which one process extracts sooner than a pool that loads the model."""
        if self.nlp is None:
            from ..nlp import load_pipeline

            self.nlp = load_pipeline(settings.get("model", self.model))
        return self.nlp

    def _settle(self, report: CycleReport, outcome: dict[str, dict[str, object]],
                articles: list[ArticleInput], before: set[str]) -> None:
        """Turn what ingest did into the items' final status and save them: stored, already
        stored (``duplicate``: stored before, or the same text under another URL) or
        failed (extraction)."""
        assert report.ingest is not None
        after = self.db.existing_ids(a.article_id for a in articles)
        failed = {e.article: e for e in report.ingest.failures if e.article}
        claimed: set[str] = set()
        for article in articles:
            article_id, row = article.article_id, outcome[canonical_url(article.source)]
            if article_id in after and article_id not in before and article_id not in claimed:
                claimed.add(article_id)
                row["status"] = "stored"
                report.stored += 1
            elif article_id in after:
                row["status"] = "duplicate"
                report.duplicates += 1
            else:
                err = failed.get(article_id) or StorylineError(
                    ErrorCode.E203, article.source, article=article_id,
                    detail="not stored (see storyline status)")
                row.update(status="failed", code=err.code.name, message=err.message)
                report.failures.append(err)
        self.db.save_watch_items(list(outcome.values()))


def watch_forever(watcher: Watcher, every: float, *, stop: threading.Event | None = None,
                  after_cycle: Callable[[CycleReport], object] | None = None,
                  on_error: Callable[[StorylineError], None] | None = None,
                  cycles: int | None = None) -> None:
    """Run cycles every ``every`` seconds until ``stop`` is set (or ``cycles`` ran).

    A StorylineError that stops a whole cycle (the model cannot be loaded, the
    database refuses a write) goes to ``on_error`` and the next cycle still runs;
    without ``on_error`` it is raised.
    """
    stop = stop or threading.Event()
    done = 0
    while not stop.is_set():
        try:
            report = watcher.cycle()
            if after_cycle is not None:
                after_cycle(report)
        except StorylineError as err:
            if on_error is None:
                raise
            on_error(err)
        done += 1
        if cycles is not None and done >= cycles:
            return
        stop.wait(every)
