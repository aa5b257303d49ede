"""scripts/event_corpus.py: the trainers' parse cache."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storyline.nlp import events_component

from .conftest import load_script


def test_cached_parse_codes_the_same_events_as_a_fresh_one(nlp, tmp_path: Path) -> None:
    # "them" resolves to "Students", a noun phrase naming no entity (kept in doc.user_data
    # by coreference), and through it to the group the article names with its country:
    # the target of the COERCE event
    script = load_script("event_corpus")
    texts = [script.Text("t1", "Iraqi students gathered in Baghdad. Students have lost their grants. "
                               "But the police have barred them from the square.", date(2020, 3, 5))]
    cache = tmp_path / "parses.pkl"
    fresh, = script.parse(texts, cache, nlp=nlp)
    cached, = script.parse(texts, cache, nlp=nlp)
    assert cached is not fresh
    for doc in (fresh, cached):
        events_component(doc)
    assert [(e.type, e.source, e.target) for e in fresh._.events] == [("COERCE", ["e3"], ["e1"])]
    assert cached._.events == fresh._.events
    assert cached._.entities == fresh._.entities
    assert cached._.mentions == fresh._.mentions
