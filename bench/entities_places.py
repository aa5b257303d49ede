#!/usr/bin/env python3
"""Cost of storyline's entities and places components against the bare spaCy parse.

Runs the same articles through the model alone (storyline components disabled) and
through the model plus ``storyline_entities`` and ``storyline_places``, after a warm-up
that loads the knowledge base. Prints seconds and the overhead in percent.

Usage: python bench/entities_places.py [--limit N] [--corpus FILE.jsonl.gz]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from storyline.nlp import load_pipeline, make_doc

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "bench" / "news-silver.jsonl.gz"
OURS = ("storyline_entities", "storyline_places")


def _texts(path: Path, limit: int) -> list[str]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line)["text"])
            if len(out) >= limit:
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()
    texts = _texts(args.corpus, args.limit)
    nlp = load_pipeline()
    others = [n for n in nlp.pipe_names if n.startswith("storyline_") and n not in OURS
              and n != "storyline_sentences"]
    list(nlp.pipe(make_doc(nlp, t) for t in texts[:20]))   # warm-up: KB and gazetteer load
    with nlp.select_pipes(disable=[*OURS, *others]):
        t0 = time.perf_counter()
        for _ in nlp.pipe(make_doc(nlp, t) for t in texts):
            pass
        bare = time.perf_counter() - t0
    with nlp.select_pipes(disable=others):
        t0 = time.perf_counter()
        for _ in nlp.pipe(make_doc(nlp, t) for t in texts):
            pass
        ours = time.perf_counter() - t0
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} articles, {chars:,} characters")
    print(f"model alone:                 {bare:7.2f} s")
    print(f"model + entities + places:   {ours:7.2f} s  (+{100 * (ours - bare) / bare:.1f}%)")


if __name__ == "__main__":
    main()
