#!/usr/bin/env python3
"""Cost of storyline's entities and places components against the bare spaCy parse.

Parses the articles with the model alone (storyline's components off), then runs the
entities and places extractors on the parsed Docs, after a warm-up that loads the
knowledge base. CPU time (process_time), so other jobs on the machine matter less.

Usage: python bench/entities_places.py [--limit N] [--corpus FILE.jsonl.gz]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from storyline.extractors.actors.entities import extract_entities
from storyline.extractors.places.geocoder import extract_places
from storyline.nlp import load_pipeline, make_doc

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "bench" / "news-silver.jsonl.gz"


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
    ours = [n for n in nlp.pipe_names if n.startswith("storyline_") and n != "storyline_sentences"]
    with nlp.select_pipes(disable=ours):
        t0 = time.process_time()
        docs = list(nlp.pipe(make_doc(nlp, t) for t in texts))
        parse = time.process_time() - t0
    # warm-up: the knowledge base and the gazetteer load on first use
    extract_places(docs[0], extract_entities(docs[0])[0], docs[0].text)
    t0 = time.process_time()
    for d in docs:
        entities, _ = extract_entities(d)
    t1 = time.process_time()
    for d in docs:
        entities, _ = extract_entities(d)
        extract_places(d, entities, d.text)
    t2 = time.process_time()
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} articles, {chars:,} characters (CPU seconds)")
    print(f"model parse (tagger, parser, NER): {parse:7.2f}")
    print(f"storyline_entities:                {t1 - t0:7.2f}  ({100 * (t1 - t0) / parse:.1f}% of the parse)")
    print(f"storyline_entities + places:       {t2 - t1:7.2f}  ({100 * (t2 - t1) / parse:.1f}% of the parse)")


if __name__ == "__main__":
    main()
