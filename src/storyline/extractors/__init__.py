"""Pure extractors: typed functions over a spaCy ``Doc``, no I/O.

One subpackage per capability, each with its data under ``resources/en/<capability>/``:

- :mod:`.text`: sentence starts, dependency-parse helpers, the per-Doc text cache;
- :mod:`.time`: TIMEX3 tagging and normalization (``extract_timexes``);
- :mod:`.actors`: entities, mentions, coreference, roles and actor codes (``extract_entities``);
- :mod:`.places`: geocoding (``extract_places``);
- :mod:`.quotes`: direct, partial and indirect quotes (``extract_quotes``);
- :mod:`.events`: PLOVER/CAMEO events with status, date, place and toll (``extract_events``).

The spaCy components in :mod:`storyline.nlp` wrap the entry points; the library
function ``storyline.extract(text, …)`` (:func:`storyline.article.extract`) runs
them all on one text.
"""
