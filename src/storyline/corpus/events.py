"""Event clusters: the events many articles report, merged, with every source kept.

Two article events are the same real event when they have the same PLOVER
type, compatible statuses (a planned meeting is not the meeting that took
place), compatible dates (overlapping, day dates at most a day apart; an
undated event only within its own story), a shared participant in the same
role and no role where they name different participants (any role for
symmetric types such as CONSULT) and compatible places
(not in different countries). Clusters are the connected groups of such pairs.

Each cluster keeps every source event (article, trigger, who the article
attributes it to) and lists where sources disagree: casualty counts, dates,
status and place, with each value and who reports it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..record import ArticleRecord, Event, Place
from ..store.dates import interval
from .resolve import Resolution

#: Types whose source and target play the same part ("A met B" = "B met A").
SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
#: Statuses that may describe the same event; others are kept apart.
STATUS_GROUP = {"occurred": "real", "ongoing": "real", "planned": "future",
                 "postponed": "future", "cancelled": "future", "negated": "negated",
                 "hypothetical": "hypothetical"}
_PRECISION = {10: 4, 8: 3, 7: 2, 4: 1}  # value length → day, week, month, year


@dataclass
class SourceEvent:
    """One article's statement of an event, with what the corpus resolved around it."""

    record: ArticleRecord
    event: Event
    story: str | None
    sources: frozenset[str]
    targets: frozenset[str]
    place: Place | None
    place_id: str | None
    span: tuple[date | None, date | None]

    @property
    def key(self) -> tuple[str, str]:
        return (self.record.id, self.event.id)

    @property
    def precise(self) -> bool:
        return self.span[0] is not None and self.span[0] == self.span[1]


@dataclass
class EventCluster:
    id: str
    members: list[SourceEvent] = field(default_factory=list)


def _place_of(record: ArticleRecord, entity_id: str | None) -> Place | None:
    if entity_id is None:
        return None
    return next((p for p in record.places if p.entity == entity_id), None)


def source_events(records: Sequence[ArticleRecord], resolution: Resolution,
                  story_of: dict[str, str]) -> list[SourceEvent]:
    out = []
    for r in records:
        for v in r.events:
            out.append(SourceEvent(
                record=r, event=v, story=story_of.get(r.id),
                sources=frozenset(x for x in (resolution.of(r.id, e) for e in v.source) if x),
                targets=frozenset(x for x in (resolution.of(r.id, e) for e in v.target) if x),
                place=_place_of(r, v.location), place_id=resolution.of(r.id, v.location),
                span=interval(v.date)))
    return out


def _dates_compatible(a: SourceEvent, b: SourceEvent) -> bool:
    if a.span[0] is None or b.span[0] is None:
        return a.story is not None and a.story == b.story
    assert a.span[1] is not None and b.span[1] is not None
    if a.precise and b.precise:
        return abs((a.span[0] - b.span[0]).days) <= 1
    return a.span[0] <= b.span[1] and b.span[0] <= a.span[1]


def _actors_compatible(a: SourceEvent, b: SourceEvent) -> bool:
    if not (a.sources or a.targets) or not (b.sources or b.targets):
        # no resolved participants on one side: only the same place in the same story
        return (a.place_id is not None and a.place_id == b.place_id and a.story == b.story)
    if a.event.type in SYMMETRIC:
        return bool((a.sources | a.targets) & (b.sources | b.targets))
    # a shared participant, and no role where both name different participants
    same_sources = bool(a.sources & b.sources)
    same_targets = bool(a.targets & b.targets)
    sources_clash = bool(a.sources and b.sources and not same_sources)
    targets_clash = bool(a.targets and b.targets and not same_targets)
    return (same_sources or same_targets) and not (sources_clash or targets_clash)


def _places_compatible(a: SourceEvent, b: SourceEvent) -> bool:
    if a.place is None or b.place is None or a.place_id == b.place_id:
        return True
    return not (a.place.country and b.place.country and a.place.country != b.place.country)


def same_event(a: SourceEvent, b: SourceEvent) -> bool:
    """Whether two article events report the same real event."""
    return (a.event.type == b.event.type
            and STATUS_GROUP[a.event.status] == STATUS_GROUP[b.event.status]
            and _dates_compatible(a, b) and _actors_compatible(a, b)
            and _places_compatible(a, b))


def find_root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _candidate_pairs(events: Sequence[SourceEvent], members: list[int]) -> Iterator[tuple[int, int]]:
    """Pairs of one bucket whose dates can be compatible: dated events by a sweep over
    start dates (only overlapping intervals meet), undated ones with every other."""
    dated = sorted((i for i in members if events[i].span[0] is not None),
                   key=lambda i: events[i].span[0])  # type: ignore[arg-type,return-value]
    for x, i in enumerate(dated):
        end = events[i].span[1]
        assert end is not None
        for y in range(x + 1, len(dated)):  # no slice: copying the tail made the sweep quadratic
            j = dated[y]
            start = events[j].span[0]
            assert start is not None
            if (start - end).days > 1:
                break
            yield i, j
    undated = [i for i in members if events[i].span[0] is None]
    for x, i in enumerate(undated):
        for j in (*undated[x + 1:], *dated):
            yield i, j


def _bare(ev: SourceEvent) -> bool:
    """No resolved participant: such an event only matches within its story."""
    return not (ev.sources or ev.targets)


def bucket_keys(ev: SourceEvent) -> set[tuple[str, ...]]:
    """The buckets an event is compared within. Two events can only be the same event
    (:func:`same_event`) when they share one: same type and status group, and a
    participant in the same role (any role for symmetric types), or — when either
    has no resolved participant — the same story."""
    kind: tuple[str, str] = (ev.event.type, STATUS_GROUP[ev.event.status])
    keys: set[tuple[str, ...]]
    if ev.event.type in SYMMETRIC:
        keys = {(*kind, "actor", x) for x in ev.sources | ev.targets}
    else:
        keys = {(*kind, "source", x) for x in ev.sources}
        keys |= {(*kind, "target", x) for x in ev.targets}
    if ev.story:
        keys.add((*kind, "story", ev.story))
    return keys


def bucket_pairs(events: Sequence[SourceEvent], key: tuple[str, ...], members: list[int]
                  ) -> Iterator[tuple[int, int]]:
    """The candidate pairs of one bucket; a story bucket only pairs events where one side
    has no participant (the others meet in their participants' buckets)."""
    if key[2] != "story":
        yield from _candidate_pairs(events, members)
    elif any(_bare(events[i]) for i in members):
        yield from ((i, j) for i, j in _candidate_pairs(events, members)
                    if _bare(events[i]) or _bare(events[j]))


def cluster_events(events: Sequence[SourceEvent]) -> list[EventCluster]:
    """Merge article events into event clusters (connected components of same-event pairs).

    Candidates are only compared within a type and status group, when they share
    a participant in the same role or (without participants) a story, and when
    their dates can overlap, so the work grows with the number of reports of
    each actor's events at one time, not with the corpus.
    """
    parent = list(range(len(events)))
    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, ev in enumerate(events):
        for key in bucket_keys(ev):
            buckets[key].append(i)
    for key, members in buckets.items():
        for i, j in bucket_pairs(events, key, members):
            if find_root(parent, i) != find_root(parent, j) and same_event(events[i], events[j]):
                parent[find_root(parent, j)] = find_root(parent, i)
    groups: dict[int, list[SourceEvent]] = defaultdict(list)
    for i, ev in enumerate(events):
        groups[find_root(parent, i)].append(ev)
    return sorted((make_cluster(group) for group in groups.values()), key=lambda c: c.id)


def make_cluster(group: Sequence[SourceEvent]) -> EventCluster:
    """The merged event of ``group``: its id comes from its first source (article id, event id)."""
    first = min(m.key for m in group)
    cid = "v" + hashlib.sha1("/".join(first).encode("utf-8")).hexdigest()[:12]
    return EventCluster(cid, sorted(group, key=lambda m: m.key))


def _count_text(lo: int | None, hi: int | None) -> str | None:
    if lo is None and hi is None:
        return None
    if hi is None:
        return f"at least {lo}"
    if lo is None:
        return f"up to {hi}"
    return str(lo) if lo == hi else f"{lo}-{hi}"


def reporter(m: SourceEvent, names: dict[str, str] | None = None) -> str:
    """Who reports this event: the entity the article attributes it to, else the article.

    ``names``: the article's entity names by id, when the caller has them already.
    """
    if names is None:
        names = {e.id: e.name for e in m.record.entities}
    article = m.record.title or m.record.url or m.record.source
    who = names.get(m.event.attributed_to or "")
    return f"{who} (in {article})" if who else article


def disagreements(members: Sequence[SourceEvent]) -> list[dict[str, Any]]:
    """Where the sources of one event disagree: each differing value and who reports it."""
    if len(members) < 2:
        return []  # one source cannot disagree with itself
    fields: dict[str, dict[str, list[SourceEvent]]] = defaultdict(lambda: defaultdict(list))
    for m in members:
        c = m.event.casualties
        for kind in ("killed", "injured", "arrested"):
            n = getattr(c, kind) if c is not None else None
            value = _count_text(n.min, n.max) if n is not None else None
            if value is not None:
                fields[kind][value].append(m)
        if m.precise and m.event.date:
            fields["date"][m.event.date[:10]].append(m)
        fields["status"][m.event.status].append(m)
        if m.place is not None:
            fields["place"][m.place.name].append(m)
    out = []
    for name, values in fields.items():
        if len(values) < 2:
            continue
        out.append({"field": name, "values": [
            {"value": value, "reported_by": sorted({reporter(m) for m in ms}),
             "articles": sorted({m.record.id for m in ms})}
            for value, ms in sorted(values.items(), key=lambda kv: (-len(kv[1]), kv[0]))]})
    return out


def most_common(values: Iterable[Any]) -> Any:
    """The most frequent value that is not None (the first seen among equals), else None."""
    counts: dict[Any, int] = {}
    for v in values:
        if v is not None:
            counts[v] = counts.get(v, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def merged_date(members: Sequence[SourceEvent]) -> str | None:
    """The most precise date the most sources give."""
    counts: dict[str, int] = {}
    for m in members:
        if m.span[0] is not None and m.event.date:
            counts[m.event.date] = counts.get(m.event.date, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda d: (_PRECISION.get(len(d), 0), counts[d], d))


def casualty_range(members: Sequence[SourceEvent], kind: str) -> tuple[int | None, int | None]:
    """The lowest lower bound and the highest figure any source gives."""
    lows: list[int] = []
    highs: list[int] = []
    for m in members:
        c = m.event.casualties
        n = getattr(c, kind) if c is not None else None
        if n is None:
            continue
        if n.min is not None:
            lows.append(n.min)
        highs.extend(x for x in (n.max, n.min) if x is not None)
    return (min(lows) if lows else None, max(highs) if highs else None)


def majority(members: Sequence[SourceEvent], attr: str) -> Any:
    return most_common([getattr(m.event, attr) for m in members])


def merged_place(members: Sequence[SourceEvent]) -> Place | None:
    places = [m.place for m in members if m.place is not None]
    if not places:
        return None
    name = most_common([p.name for p in places])
    return next(p for p in places if p.name == name)
