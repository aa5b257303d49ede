"""Helpers for the event tests: run the pipeline, optionally with hand-built inputs
from the other extractors (time expressions, quotes), and read the events."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from spacy.tokens import Doc

from storyline.extractors.events.coder import extract_events
from storyline.nlp import make_doc
from storyline.record import Event, Quote, Timex


@pytest.fixture(scope="session")
def training_shared(shared_dir: Path) -> Path:
    """``../shared`` with the TimeBank corpus the trainers read (the project's TimeBank
    article gold has no texts); skips the test when absent."""
    if not (shared_dir / "data" / "timebank" / "TimeBank").is_dir():
        pytest.skip("../shared/data/timebank is not present")
    return shared_dir


@dataclass
class Coded:
    """The events of one text, with entity names for readable assertions."""

    doc: Doc
    events: list[Event]

    def names(self, ids: Sequence[str]) -> list[str]:
        by_id = {e.id: e.name for e in self.doc._.entities or []}
        return [by_id[i] for i in ids]

    def of_type(self, ptype: str) -> list[Event]:
        return [e for e in self.events if e.type == ptype]

    def by_trigger(self, word: str) -> Event:
        found = [e for e in self.events if e.trigger.text == word]
        assert found, f"no event triggered by {word!r}: {[(e.type, e.trigger.text) for e in self.events]}"
        return found[0]

    @property
    def types(self) -> set[str]:
        return {e.type for e in self.events}


CodeEvents = Callable[..., Coded]


def _timex(text: str, surface: str, value: str) -> Timex:
    start = text.index(surface)
    return Timex(start=start, end=start + len(surface), text=surface, type="DATE", value=value)


@pytest.fixture(scope="session")
def code_events(nlp) -> CodeEvents:
    """``code_events(text, published="2024-05-01", timexes=[(surface, value)],
    quotes=[(content, speaker_name)])`` → :class:`Coded`."""

    def run(text: str, published: str | None = "2024-05-01",
            timexes: Sequence[tuple[str, str]] = (),
            quotes: Sequence[tuple[str, str]] = ()) -> Coded:
        doc = nlp(make_doc(nlp, text, date.fromisoformat(published) if published else None))
        if timexes:
            doc._.timexes = [_timex(text, s, v) for s, v in timexes]
        if quotes:
            ids = {e.name: e.id for e in doc._.entities}
            doc._.quotes = [Quote(start=text.index(c), end=text.index(c) + len(c), text=c,
                                  kind="indirect", speaker=ids[s]) for c, s in quotes]
        return Coded(doc, extract_events(doc) if (timexes or quotes) else list(doc._.events or []))

    return run
