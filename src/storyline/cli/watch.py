"""``storyline watch``: poll feeds and sitemaps, ingest new articles, check the alerts."""

from __future__ import annotations

import sys
import threading
from typing import TYPE_CHECKING

import typer

from .. import settings
from ..errors import StorylineError
from . import app
from .common import fail, report, setting_option

if TYPE_CHECKING:
    from ..store import Database
    from ..watch import CycleReport, Watcher


def watch_sources(urls: list[str] | None, feeds: str | None) -> list[str]:
    """The URLs to watch: those given, then those of the feed list file."""
    from ..watch import read_feed_list

    sources = list(urls or [])
    if feeds:
        sources.extend(read_feed_list(feeds))
    return sources


def make_watcher(database: Database, sources: list[str], *, model: str | None,
                 batch_size: int | None, max_items: int | None) -> Watcher:
    from ..watch import Watcher

    def log(line: str) -> None:
        sys.stderr.write(f"storyline: watch: {line}\n")

    return Watcher(database, sources, model=model, batch_size=batch_size, max_items=max_items,
                   log=log)


def after_cycle(database: Database, result: CycleReport) -> int:
    """Report a cycle's errors and summary on stderr, check the alerts (firings to their
    sinks); returns the number of failures."""
    from .alert import check_and_report

    for err in result.failures:
        report(err)
    sys.stderr.write(f"storyline: watch: {result.summary()}\n")
    sys.stderr.flush()
    return result.failed + check_and_report(database)


FEEDS = typer.Option(None, "--feeds", metavar="FILE",
                     help="A file of feed/sitemap URLs: one a line (# comments), or OPML.")
EVERY = setting_option("watch_every", "--every")
MAX_ITEMS = setting_option("watch_max_items", "--max-items")


@app.command("watch")
def watch_command(
    urls: list[str] = typer.Argument(
        None, metavar="FEED_OR_SITEMAP ...",
        help="RSS/Atom feed, sitemap or sitemap index URLs (http:// or https://)."),
    feeds: str = FEEDS,
    every: str = EVERY,
    once: bool = typer.Option(False, "--once", help="One cycle, then exit (for cron and tests)."),
    max_items: int = MAX_ITEMS,
    db: str = setting_option("db", "--db"),
    model: str = setting_option("model", "--model"),
    batch_size: int = setting_option("batch_size", "--batch-size"),
) -> None:
    """Poll feeds and sitemaps, fetch and ingest the articles not seen before, check the
    alerts; every --every (default 15m) until Ctrl-C, or once with --once.

    What was seen is kept in the database, so a restart never fetches or stores an
    article twice. A bad feed or page is reported (stderr, `storyline watch-status`)
    and the others go on; the exit status of --once is 1 if anything failed.
    Alert firings with the stdout sink are written to standard output (JSON Lines).
    """
    from ..store import open_db
    from ..watch import parse_interval, watch_forever

    try:
        sources = watch_sources(urls, feeds)
        interval = parse_interval(settings.get("watch_every", every))
        database = open_db(db)
    except StorylineError as err:
        raise fail(err) from None
    if not sources:
        report("nothing to watch: give feed or sitemap URLs, or --feeds FILE")
        raise typer.Exit(code=2)
    failed = 0
    with database:
        watcher = make_watcher(database, sources, model=model, batch_size=batch_size,
                               max_items=max_items)

        def cycle_done(result: CycleReport) -> None:
            nonlocal failed
            failed += after_cycle(database, result)

        try:
            watch_forever(watcher, interval, after_cycle=cycle_done, cycles=1 if once else None,
                          on_error=None if once else report, stop=threading.Event())
        except StorylineError as err:
            raise fail(err) from None
        finally:
            watcher.fetcher.close()
    if once and failed:
        raise typer.Exit(code=1)


@app.command("watch-status")
def watch_status_command(
    db: str = setting_option("db", "--db"),
    limit: int = typer.Option(20, "--limit", help="Failed items to show."),
) -> None:
    """Watched feeds (last check, validators, errors) and the items that failed."""
    from rich.console import Console
    from rich.table import Table

    from .query import _open

    try:
        database = _open(db)
    except StorylineError as err:
        raise fail(err) from None
    console = Console()
    with database:
        t = Table(title="watched feeds and sitemaps")
        for col in ("url", "kind", "last_checked", "http_status", "n_entries", "n_failures",
                    "error"):
            t.add_column(col, overflow="fold")
        for f in database.watch_feeds():
            error = f"{f['message']} [{f['code']}]" if f["code"] else ""
            t.add_row(f["url"], f["kind"] or "", str(f["last_checked"] or ""),
                      str(f["http_status"] or ""), str(f["n_entries"] or 0),
                      str(f["n_failures"]), error)
        console.print(t)
        items = Table(title="items that failed (retry: tried again next cycle)")
        for col in ("url", "status", "attempts", "last_attempt", "error"):
            items.add_column(col, overflow="fold")
        for status in ("retry", "failed"):
            for it in database.watch_items(status, limit):
                items.add_row(it["url"], it["status"], str(it["attempts"]),
                              str(it["last_attempt"]), f"{it['message']} [{it['code']}]")
        console.print(items)
