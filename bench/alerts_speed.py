"""Cost of checking alerts after a small ingest, on a large corpus.

    .venv/bin/python bench/alerts_speed.py [--n 20000] [--new 10] [--runs 5]

Stores ``--n`` synthetic articles (5 events each, ``storyline.store.synthetic``),
builds the corpus tables and saves three alerts (a narrow one, one per country, one
matching every ASSAULT). Then, ``--runs`` times: stores ``--new`` more synthetic
articles (as a watch cycle would) and times ``check_alerts`` as it runs (looking
only at the merged events that the new articles report), then times the same check
made to look at every matching event of the corpus (after it, nothing is left to
fire, so it measures only what looking costs). Prints medians (ms).
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from storyline.alerts import add_alert, check_alerts
from storyline.ingest import rebuild_corpus, store_records
from storyline.store import open_db
from storyline.store.synthetic import corpus, store_corpus

ALERTS = ("type=ASSAULT country=UKR killed>=45", "country=KEN", "type=ASSAULT")


def _check(db, ids: list[int], whole: bool) -> tuple[float, int]:
    if whole:
        for alert_id in ids:
            db.set_alert_checked(alert_id, None)
    start = time.perf_counter()
    fired = len(check_alerts(db, out=io.StringIO()).fired)
    return 1000 * (time.perf_counter() - start), fired


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--new", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "alerts.duckdb")
        start = time.perf_counter()
        store_corpus(db, args.n, 5)
        rebuild_corpus(db)
        print(f"{args.n} articles, {db.counts()['event_clusters']} merged events "
              f"in {time.perf_counter() - start:.0f} s")
        ids = [add_alert(db, query, "stdout") for query in ALERTS]
        # new articles: the synthetic generator, seeded differently, ids after the corpus
        extra = [r.model_copy(update={"id": f"new{r.id}"})
                 for r in corpus(args.new * args.runs, 5, seed=99)]
        scoped, whole, fired = [], [], 0
        for run in range(args.runs):
            store_records(db, extra[run * args.new:(run + 1) * args.new])
            ms, n = _check(db, ids, whole=False)
            scoped.append(ms)
            fired += n
            ms, n = _check(db, ids, whole=True)
            assert n == 0, "a whole check after a scoped one finds nothing more to fire"
            whole.append(ms)
        print(f"check after {args.new} new articles, {len(ALERTS)} alerts: median "
              f"{statistics.median(scoped):.1f} ms ({fired / args.runs:.1f} firings per check)")
        print(f"the same check looking at every matching event: median "
              f"{statistics.median(whole):.1f} ms (nothing fires)")


if __name__ == "__main__":
    main()
