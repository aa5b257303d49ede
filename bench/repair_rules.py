#!/usr/bin/env python3
"""Measure every NER repair rule: the seed and the geoparsing dev corpora, with each rule off.

For the baseline (all rules on) and for each rule switched off, prints the seed's entity
scores (shared scorer, ``gold``) and acc@161km / place recall on TR-News and LGL. A rule
earns its place when switching it off does not help anywhere.

Usage: python bench/repair_rules.py [--lgl-limit N] [--rules a,b]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from storyline.article import extract_many
from storyline.eval.geo import load, score
from storyline.extractors.actors import repair
from storyline.nlp import load_pipeline
from storyline.sources.base import ArticleInput, parse_date

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _seed(nlp) -> str:
    text = (SHARED / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    rec = next(extract_many([ArticleInput(text=text, source="seed", published=parse_date(
        "2025-04-24", "seed"))], nlp=nlp))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        fh.write(rec.to_json() + "\n")  # type: ignore[union-attr]
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "gold", "--gold",
                          str(SHARED / "examples" / "seed-article.gold.json"), "--output", fh.name],
                         capture_output=True, text=True, check=False).stdout
    last = out.strip().splitlines()[-1]
    keep = re.findall(r"(entitiesR|entitiesP|attributes|placesR)=(\S+)", last)
    return " ".join(f"{k}={v}" for k, v in keep)


def _geo(nlp, corpus: str, limit: int | None) -> str:
    docs, _ = load(SHARED / "data" / "geoparsing" / corpus, limit)
    items = [ArticleInput(text=d.text, source=d.id, id=d.id,
                          published=parse_date(d.published, d.id) if d.published else None)
             for d in docs]
    recs = [r if not isinstance(r, Exception) else None for r in extract_many(items, nlp=nlp)]
    s = score(docs, recs)  # type: ignore[arg-type]
    return f"acc161={s.acc161:.3f} recall={s.recall:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lgl-limit", type=int, default=200)
    parser.add_argument("--rules", default="", help="comma-separated rules (default: all)")
    args = parser.parse_args()
    nlp = load_pipeline()
    rules = [r for r in args.rules.split(",") if r] or list(repair.RULES)
    for rule in [None, *rules]:
        with repair.disabled([rule] if rule else []):
            row = [f"{'(all on)' if rule is None else 'without ' + rule:28}", _seed(nlp),
                   "TR-News " + _geo(nlp, "TR-News.xml", None),
                   f"LGL[:{args.lgl_limit}] " + _geo(nlp, "lgl.xml", args.lgl_limit)]
        print(" | ".join(row), flush=True)


if __name__ == "__main__":
    main()
