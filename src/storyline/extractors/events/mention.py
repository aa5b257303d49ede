"""One event mention: a trigger in context, filled in step by step by the event extractors."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ...record import Count
from .lexicon import Sense
from .triggers import Trigger


@dataclass(eq=False)
class EventMention:
    """A trigger read as an event, with what the extractors found about it.

    ``content_of`` is set when the mention is the content of another event ("halt"
    in "told Putin to halt strikes") and so not coded on its own; ``merge_with``
    when it is another mention of the same event in its sentence ("drone attacks"
    in "pounded with missiles and drone attacks").
    """

    trigger: Trigger
    sent: int
    type: str | None
    cameo: str | None
    mode: str | None
    content_of: EventMention | None = None
    merge_with: EventMention | None = None
    contents: list[EventMention] = field(default_factory=list)
    converted: bool = False
    #: an act a verbal judgment presupposes ("condemned the raid"): coded, never dropped
    presupposed: bool = False
    carrier: Token | None = None      # the verb that carries a nominal trigger ("held talks")
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    status: str = "occurred"
    date: str | None = None
    date_source: str | None = None
    location: str | None = None
    attributed_to: str | None = None
    casualties: dict[str, Count] = field(default_factory=dict)

    @property
    def token(self) -> Token:
        return self.trigger.token

    @property
    def sense(self) -> Sense:
        return self.trigger.sense

    @property
    def nominal(self) -> bool:
        return self.trigger.nominal

    @property
    def clause(self) -> Token | None:
        """The verb whose clause the event is told in (the trigger itself for a verb)."""
        if not self.nominal:
            return self.token
        return self.carrier

    @property
    def coded(self) -> bool:
        """Whether the mention is coded as an event of its own."""
        return self.type is not None and self.content_of is None and self.merge_with is None

    def root(self) -> EventMention:
        """The mention this one merges into (itself if it merges into none)."""
        m = self
        while m.merge_with is not None:
            m = m.merge_with
        return m
