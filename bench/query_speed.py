"""Query speed over a large synthetic corpus (default 100,000 events).

    .venv/bin/python bench/query_speed.py [--events 100000] [--db PATH]

Builds (or reuses) a database of synthetic articles (5 events each, from
``storyline.store.synthetic.corpus``), then times the queries the CLI, the
API and the web page run, and prints the median of 5 runs of each in ms.
The goal: every query under 200 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from storyline.ingest import rebuild_corpus
from storyline.store import Filters, open_db
from storyline.store.synthetic import store_corpus


def _timed(fn: Callable[[], Any], runs: int = 5) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("build/bench-query.duckdb"))
    args = parser.parse_args()
    per_article = 5
    db = open_db(args.db)
    have = db.counts()["events"]
    if have < args.events:
        start = time.perf_counter()
        store_corpus(db, args.events // per_article, per_article)
        print(f"stored {db.counts()['events']} events in {time.perf_counter() - start:.0f} s")
    if db.corpus_stale():
        start = time.perf_counter()
        rebuild_corpus(db)
        print(f"built the corpus tables in {time.perf_counter() - start:.0f} s")
    counts = db.counts()
    print(f"{counts['events']} article events, {counts['event_clusters']} merged events, "
          f"{counts['articles']} articles")
    f = Filters.build(actor="russia", type="ASSAULT,COERCE", date_from="2021-01-01",
                      date_to="2022-12-31")
    queries: dict[str, Callable[[], Any]] = {
        "events (no filter, first page)": lambda: db.events(Filters(), 50, 0),
        "events (actor+type+dates)": lambda: db.events(f, 50, 0),
        "events (text search)": lambda: db.events(Filters.build(q="sanctioned the kenya"), 50, 0),
        "events (country, deep page)": lambda: db.events(Filters.build(country="KEN"), 50, 5000),
        "timeline (all, per month)": lambda: db.timeline(Filters(), "month"),
        "actor graph (all)": lambda: db.graph(Filters(), 100),
        "map places (all)": lambda: db.places(Filters(), 500),
        "facets (all)": lambda: db.facets(Filters()),
        "stories (country)": lambda: db.stories(Filters.build(country="UKR"), 50, 0),
    }
    worst = 0.0
    for name, fn in queries.items():
        ms = _timed(fn)
        worst = max(worst, ms)
        print(f"{ms:8.1f} ms  {name}")
    print(f"slowest query: {worst:.1f} ms ({'OK' if worst < 200 else 'over'} the 200 ms goal)")


if __name__ == "__main__":
    main()
