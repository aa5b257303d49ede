"""Helpers for the actor tests: the entities of a text, and the one mentioned as given."""

from __future__ import annotations

from storyline.record import Entity


def entities(nlp, text: str) -> list[Entity]:
    return nlp(text)._.entities


def by_mention(nlp, text: str, mention: str) -> Entity:
    """The entity one of whose mentions is exactly ``mention``."""
    for e in entities(nlp, text):
        if any(text[a:b] == mention for a, b in e.mentions):
            return e
    raise AssertionError(f"no entity mentioned as {mention!r}: {entities(nlp, text)}")
