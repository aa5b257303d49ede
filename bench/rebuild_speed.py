"""Speed of the corpus rebuild (resolved entities, stories, merged events) per stage.

    .venv/bin/python bench/rebuild_speed.py [--n 20000] [--runs 3] [--db PATH]
                                            [--records FILE] [--dump DIR] [--profile FILE]

Builds (or reuses) a database of ``--n`` synthetic articles (5 events each, from
``storyline.store.synthetic.corpus``), or of the article records of ``--records``
(JSON Lines, e.g. saved by ``storyline eval ecb --save-records``), then runs
``rebuild_corpus`` ``--runs`` times and prints the seconds of each stage
(reading the records, resolution, stories, events, building the rows, writing
the tables), the total wall-clock time and the process CPU time (steadier on
a shared machine), and their medians over the runs.

``--dump DIR`` writes every corpus table after the last run as JSON Lines,
rows sorted, so two versions of the code can be compared with ``diff -r``.
``--profile FILE`` profiles one more rebuild with cProfile, saves the stats to
FILE and prints the 30 most expensive functions (cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
from pathlib import Path

from storyline.ingest import rebuild_corpus
from storyline.record import read_records
from storyline.store import Database, open_db
from storyline.store.db import CORPUS_TABLES
from storyline.store.synthetic import store_corpus

STAGES = ("reading", "resolution", "stories", "events", "rows", "writing")


def _fill(db: Database, n: int, records: Path | None) -> None:
    """Store the synthetic corpus (or the records of ``records``) unless already stored."""
    if db.counts()["articles"]:
        return
    start = time.perf_counter()
    if records is not None:
        batch = [r for _, r in read_records(records.read_text("utf-8")) if not isinstance(r, str)]
        db.write_records(batch, None)
    else:
        store_corpus(db, n, 5)
    print(f"stored {db.counts()['articles']} articles in {time.perf_counter() - start:.0f} s")


def _dump(db: Database, out: Path) -> None:
    """Every corpus table as JSON Lines with its rows sorted."""
    out.mkdir(parents=True, exist_ok=True)
    for table in CORPUS_TABLES:
        db.dump_sorted(table, out / f"{table}.jsonl")
    print(f"wrote {len(CORPUS_TABLES)} sorted tables to {out}")


def _profile(db: Database, out: Path) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(rebuild_corpus, db)
    profiler.dump_stats(str(out))
    pstats.Stats(str(out)).sort_stats("cumulative").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="synthetic articles")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", type=Path, help="default: build/bench-rebuild-<n>.duckdb")
    parser.add_argument("--records", type=Path, help="article records (JSON Lines) to store")
    parser.add_argument("--dump", type=Path, help="write the sorted corpus tables here")
    parser.add_argument("--profile", type=Path, help="save cProfile stats of one more rebuild")
    args = parser.parse_args()
    db_path = args.db or Path(f"build/bench-rebuild-{args.n}.duckdb")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db = open_db(db_path)
    _fill(db, args.n, args.records)
    runs: list[dict[str, float]] = []
    counts: dict[str, int] = {}
    for k in range(args.runs):
        timings: dict[str, float] = {}
        start, cpu = time.perf_counter(), time.process_time()
        counts = rebuild_corpus(db, timings=timings)
        timings["total"] = time.perf_counter() - start
        timings["cpu"] = time.process_time() - cpu
        runs.append(timings)
        print(f"run {k + 1}: " + "  ".join(f"{s} {timings.get(s, 0.0):.2f}"
                                           for s in (*STAGES, "total", "cpu")))
    print(f"{db.counts()['articles']} articles → " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    print(f"median of {args.runs} run(s), seconds:")
    for stage in (*STAGES, "total", "cpu"):
        values = [r.get(stage, 0.0) for r in runs]
        print(f"{statistics.median(values) if values else 0.0:9.2f}  {stage}")
    if args.dump is not None:
        _dump(db, args.dump)
    if args.profile is not None:
        _profile(db, args.profile)


if __name__ == "__main__":
    main()
