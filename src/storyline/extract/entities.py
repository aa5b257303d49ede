"""Named-entity mentions grouped into one entity per real-world referent.

First version: spaCy's NER spans, grouped within the article by name variants
("Trump" with "Donald Trump", "U.S." with "United States"). Country, actor code
and roles are filled by the actors extractor.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..record import Entity
from ..resources import load_yaml
from .mentions import Mention

#: NER labels that name things (numbers, dates and amounts are not entities).
NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
     "LANGUAGE"}
)
#: Labels that may share a referent although the model disagrees on the label.
_PLACE_OR_BODY = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP"})

_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_NON_WORD = re.compile(r"[^\w]+")


def strip_name(text: str) -> str:
    """Name without a leading article, possessive ending or edge punctuation."""
    text = _LEADING.sub("", text.strip())
    text = _TRAILING_POSSESSIVE.sub("", text)
    return text.strip(" \t\n,;:-–—\"“”‘’'()")


def name_key(text: str) -> str:
    """Comparison key of a name: casefolded words, punctuation removed ("U.S." -> "us")."""
    return _NON_WORD.sub(" ", strip_name(text).casefold().replace(".", "")).strip()


@lru_cache(maxsize=1)
def _variant_groups() -> dict[str, int]:
    groups = load_yaml("name_variants.yaml")["groups"]
    return {name_key(name): i for i, group in enumerate(groups) for name in group}


@dataclass
class _Cluster:
    mentions: list[Span] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    votes: Counter[str] = field(default_factory=Counter)

    def add(self, span: Span, key: str) -> None:
        self.mentions.append(span)
        self.keys.add(key)
        self.votes[span.label_] += 1

    @property
    def label(self) -> str:
        return max(self.votes, key=lambda lab: (self.votes[lab], lab == "PERSON", lab))

    @property
    def fullest(self) -> str:
        names = [strip_name(m.text) for m in self.mentions]
        return max(names, key=lambda n: (len(n.split()), len(n), -names.index(n)))


def _person_tokens(text: str) -> list[str]:
    return name_key(text).split()


def _same_person(short: str, long: str) -> bool:
    """'Trump' names the same person as 'Donald Trump' (a word subset ending the same way)."""
    s, full = _person_tokens(short), _person_tokens(long)
    if not s or len(s) >= len(full) or not set(s) <= set(full):
        return False
    return s[-1] == full[-1] or len(s) == 1


def _compatible(label_a: str, label_b: str) -> bool:
    return label_a == label_b or (label_a in _PLACE_OR_BODY and label_b in _PLACE_OR_BODY)


def group_mentions(spans: Iterable[Span]) -> list[list[Span]]:
    """Group entity mentions into referents, in order of first mention."""
    variants = _variant_groups()
    clusters: list[_Cluster] = []
    ordered = sorted(spans, key=lambda s: s.start)
    # Longest names first, so short forms attach to the full name they abbreviate.
    for span in sorted(ordered, key=lambda s: (-len(_person_tokens(s.text)), s.start)):
        key = name_key(span.text)
        if not key:
            continue
        target = _find_cluster(clusters, span, key, variants)
        if target is None:
            target = _Cluster()
            clusters.append(target)
        target.add(span, key)
    for c in clusters:
        c.mentions.sort(key=lambda s: s.start)
    clusters.sort(key=lambda c: c.mentions[0].start)
    return [c.mentions for c in clusters]


def _find_cluster(
    clusters: Sequence[_Cluster], span: Span, key: str, variants: dict[str, int]
) -> _Cluster | None:
    group = variants.get(key)
    # the same name, or a listed variant ("U.S." / "United States"), with a compatible label
    for c in clusters:
        if _compatible(span.label_, c.label) and _names_match(key, group, c.keys, variants):
            return c
    if span.label_ == "PERSON":
        # a shorter form of a person's name ("Trump" after "Donald Trump")
        persons = [c for c in clusters if c.label == "PERSON"
                   and any(_same_person(span.text, m.text) for m in c.mentions)]
        if len(persons) == 1:
            return persons[0]
    # the same name under another label (the model tags "Trump" GPE once): one referent
    for c in clusters:
        if key in c.keys:
            return c
    return None


def _names_match(key: str, group: int | None, keys: set[str], variants: dict[str, int]) -> bool:
    return key in keys or (group is not None and any(variants.get(k) == group for k in keys))


def entities_from_groups(groups: Sequence[Sequence[Span]]) -> list[Entity]:
    """Entity records (ids e1, e2, ... in order of first mention) for mention groups."""
    out = []
    for n, mentions in enumerate(groups, start=1):
        cluster = _Cluster()
        for m in mentions:
            cluster.add(m, name_key(m.text))
        out.append(Entity(
            id=f"e{n}",
            name=cluster.fullest,
            type=cluster.label,
            mentions=[_trimmed_offsets(m) for m in mentions],
        ))
    return out


def _trimmed_offsets(span: Span) -> tuple[int, int]:
    """Character offsets of a mention without a trailing possessive ("Ukraine’s" -> "Ukraine")."""
    start, end = span.start_char, span.end_char
    if len(span) > 1 and span[-1].text in {"'s", "’s", "'", "’"}:
        end = span[-2].idx + len(span[-2].text)
    return start, end


def mentions_from_groups(groups: Sequence[Sequence[Span]]) -> list[Mention]:
    """Token-level name mentions of the entities built by :func:`entities_from_groups`."""
    return [Mention(m.start, m.end, f"e{n}", "name")
            for n, mentions in enumerate(groups, start=1) for m in mentions]


def extract_entities(doc: Doc) -> tuple[list[Entity], list[Mention]]:
    """One entity per referent, from the Doc's named-entity spans, and their mentions."""
    groups = group_mentions(e for e in doc.ents if e.label_ in NAME_LABELS)
    return entities_from_groups(groups), mentions_from_groups(groups)
