#!/usr/bin/env python3
"""Incremental corpus updates: their cost against a full rebuild, and their effect on stories.

    .venv/bin/python bench/incremental.py speed [--n 20000] [--new 100] [--runs 3]
    .venv/bin/python bench/incremental.py ecb --records FILE [--batches 1 4 8] [--shuffle]

``speed`` stores ``--n`` synthetic articles with their corpus tables (reusing
``build/bench-rebuild-<n>.duckdb`` from ``bench/rebuild_speed.py`` when there), then,
on a copy, stores ``--new`` more synthetic articles and times the incremental update
(``storyline.ingest.update_corpus``) and, on the same articles, a full rebuild
(``rebuild_corpus``); it prints both, their ratio, and the update's stages. Both
are timed in the same run, one after the other, ``--runs`` times (medians).

``ecb`` stores the ECB+ article records of ``--records`` (saved by ``storyline eval
ecb --save-records FILE``) in ``--batches`` batches, updating the corpus after each,
and prints the B³ of the stories against the ECB+ sub-topics (one batch into an empty
corpus equals a rebuild in chunks of 500).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from storyline.ingest import rebuild_corpus, update_corpus
from storyline.record import read_records
from storyline.store import open_db
from storyline.store.synthetic import corpus, store_corpus

ROOT = Path(__file__).resolve().parents[1]


def _base(n: int) -> Path:
    path = ROOT / "build" / f"bench-rebuild-{n}.duckdb"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open_db(path) as db:
        if not db.counts()["articles"]:
            store_corpus(db, n, 5)
        if db.corpus_stale() or db.count_pending():
            rebuild_corpus(db)
    return path


def speed(n: int, new: int, runs: int) -> None:
    base = _base(n)
    extra = list(corpus(n + new, 5))[n:]
    ratios, updates, rebuilds = [], [], []
    for k in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "copy.duckdb"
            shutil.copy(base, path)
            with open_db(path) as db:
                db.write_records(extra, None)
                timings: dict[str, float] = {}
                start = time.perf_counter()
                added = update_corpus(db, timings=timings)
                update = time.perf_counter() - start
                start = time.perf_counter()
                rebuild_corpus(db)
                rebuild = time.perf_counter() - start
        assert added == new
        updates.append(update)
        rebuilds.append(rebuild)
        ratios.append(update / rebuild)
        stages = "  ".join(f"{s} {v:.2f}" for s, v in timings.items())
        print(f"run {k + 1}: update of {new} into {n}: {update:.2f} s ({stages}); "
              f"full rebuild of {n + new}: {rebuild:.2f} s; ratio {update / rebuild:.3f}")
    print(f"median: update {statistics.median(updates):.2f} s, rebuild "
          f"{statistics.median(rebuilds):.2f} s, ratio {statistics.median(ratios):.3f}")


def ecb(records_path: Path, batches: list[int], shuffle: bool) -> None:
    from storyline.eval.ecb import read_corpus, score_stories

    docs = list(read_corpus(ROOT.parent / "shared" / "data" / "ecbplus"))
    records = [r for _, r in read_records(records_path.read_text("utf-8"))
               if not isinstance(r, str)]
    if shuffle:
        random.Random(1).shuffle(records)
    for k in batches:
        size = -(-len(records) // k)
        with tempfile.TemporaryDirectory() as tmp, open_db(Path(tmp) / "ecb.duckdb") as db:
            start = time.perf_counter()
            for i in range(0, len(records), size):
                db.write_records(records[i:i + size], None)
                update_corpus(db)
            seconds = time.perf_counter() - start
            stories: dict[str, list[str]] = {}
            for sid, aid in db.con.execute("SELECT story_id, article_id FROM story_articles"
                                           ).fetchall():
                stories.setdefault(sid, []).append(aid)
        s = score_stories(docs, list(stories.values()))
        print(f"{k} batch(es){' (shuffled)' if shuffle else ''}: {s.predicted_clusters} stories, "
              f"B³ P {s.score.precision:.4f} R {s.score.recall:.4f} F1 {s.score.f1:.4f} "
              f"({seconds:.1f} s)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="what", required=True)
    sp = sub.add_parser("speed")
    sp.add_argument("--n", type=int, default=20_000)
    sp.add_argument("--new", type=int, default=100)
    sp.add_argument("--runs", type=int, default=3)
    ep = sub.add_parser("ecb")
    ep.add_argument("--records", type=Path, required=True)
    ep.add_argument("--batches", type=int, nargs="+", default=[1, 4, 8])
    ep.add_argument("--shuffle", action="store_true")
    args = ap.parse_args()
    if args.what == "speed":
        speed(args.n, args.new, args.runs)
    else:
        ecb(args.records, args.batches, args.shuffle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
