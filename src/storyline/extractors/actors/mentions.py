"""Mentions: which tokens refer to which entity.

Entities (``doc._.entities``) carry character offsets for the record; the
extractors that come after them (quotes, events) need the token-level view:
which entity a token refers to, whether by name, pronoun, description
("the capital") or metonymy ("Moscow said"). ``doc._.mentions`` holds it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span, Token

MentionKind = Literal["name", "pronoun", "description", "metonym"]


@dataclass(frozen=True)
class Mention:
    """Tokens ``start``..``end`` (exclusive) of the Doc refer to entity ``entity``."""

    start: int
    end: int
    entity: str
    kind: MentionKind = "name"

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


def mention_index(mentions: Iterable[Mention]) -> dict[int, Mention]:
    """Token index → the mention covering it (names win over pronouns and descriptions)."""
    index: dict[int, Mention] = {}
    for m in sorted(mentions, key=lambda m: m.kind != "name", reverse=True):
        for i in range(m.start, m.end):
            index[i] = m
    return index


def entity_of(doc: Doc, token: Token) -> str | None:
    """Id of the entity ``token`` refers to, or None."""
    index = doc._.mention_index
    if index is None:
        index = mention_index(doc._.mentions or [])
        doc._.mention_index = index
    m = index.get(token.i)
    return m.entity if m else None
