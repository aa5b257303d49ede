"""Watching feeds: ``storyline watch`` polls RSS/Atom feeds and sitemaps, fetches the
articles it has not seen (politely: robots.txt, per-host delay, timeouts, retries,
conditional GET), ingests them, and remembers what it saw in the store.

- :mod:`storyline.watch.fetch`: the HTTP client (:class:`Fetcher`);
- :mod:`storyline.watch.listing`: feeds, sitemaps, sitemap indexes, feed lists (text, OPML);
- :mod:`storyline.watch.cycle`: one cycle (:class:`Watcher`), and :func:`watch_forever`.
"""

from __future__ import annotations

from .cycle import CycleReport, SourceReport, Watcher, watch_forever
from .fetch import Fetched, Fetcher, canonical_url
from .listing import Entry, Listing, parse_listing, read_feed_list
from .schedule import parse_interval

__all__ = [
    "CycleReport", "Entry", "Fetched", "Fetcher", "Listing", "SourceReport", "Watcher",
    "canonical_url", "parse_interval", "parse_listing", "read_feed_list", "watch_forever",
]
