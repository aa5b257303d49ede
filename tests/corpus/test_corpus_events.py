"""Event clusters: merging article events, keeping sources, flagging disagreements."""

from __future__ import annotations

import random

import pytest

from storyline.corpus import resolve_entities
from storyline.corpus.events import (
    cluster_events,
    disagreements,
    most_common,
    same_event,
    source_events,
)
from storyline.record import ArticleRecord
from storyline.store.synthetic import E, V, article

_ENTS = [E("Russia", "GPE", "RUS"), E("Kyiv", "GPE", "UKR"), E("Lviv", "GPE", "UKR"),
         E("officials", "ORG", "UKR")]


def _report(aid: str, trigger: str, **event: object) -> object:
    text = f"Russia {trigger} Kyiv and Lviv, officials said."
    spec = {"source": ("Russia",), "target": ("Kyiv",), "date": "2025-04-24", **event}
    return article(text, id=aid, entities=_ENTS, events=[V("ASSAULT", trigger, **spec)])


def _clusters(records, story: str | None = "s1"):
    res = resolve_entities(records)
    return cluster_events(source_events(records, res, {r.id: story for r in records} if story
                                        else {}))


@pytest.mark.parametrize(("second", "merged"), [
    ({}, True),
    ({"date": "2025-04-25"}, True),          # a day apart: the same night's strike
    ({"date": "2025-04-28"}, False),         # days apart: another strike
    ({"date": "2025-04"}, True),             # the month contains the day
    ({"status": "planned"}, False),          # a threatened strike is not the strike
    ({"target": ("Lviv",)}, False),          # another target
    ({"date": None}, True),                  # undated, same story
])
def test_events_same_event_rules(second: dict[str, object], merged: bool) -> None:
    records = [_report("a", "struck"), _report("b", "hit", **second)]
    assert (len(_clusters(records)) == 1) is merged


def test_events_undated_only_merge_within_a_story() -> None:
    records = [_report("a", "struck", date=None), _report("b", "hit", date=None)]
    assert len(_clusters(records, story=None)) == 2


def test_events_disagreement_names_values_and_reporters() -> None:
    records = [_report("a", "struck", killed=9, attributed_to="officials"),
               _report("b", "hit", killed=12)]
    [cluster] = _clusters(records)
    [toll] = [d for d in disagreements(cluster.members) if d["field"] == "killed"]
    by_value = {v["value"]: v for v in toll["values"]}
    assert set(by_value) == {"at least 9", "at least 12"}
    assert by_value["at least 9"]["reported_by"][0].startswith("officials")
    assert by_value["at least 12"]["articles"] == ["b"]


def test_events_agreeing_sources_have_no_disagreement() -> None:
    records = [_report("a", "struck", killed=9), _report("b", "hit", killed=9)]
    [cluster] = _clusters(records)
    assert disagreements(cluster.members) == []


_PLACES = [E("Russia", "GPE", "RUS", lat=55.7, lon=37.6),
           E("Ukraine", "GPE", "UKR", lat=50.4, lon=30.5),
           E("Kyiv", "GPE", "UKR", lat=50.45, lon=30.52),
           E("Kenya", "GPE", "KEN", lat=-1.3, lon=36.8)]
_VERBS = [("ASSAULT", "struck"), ("CONSULT", "met"), ("ACCUSE", "accused")]


def _random_corpus(seed: int, n: int) -> tuple[list[ArticleRecord], dict[str, str]]:
    """Articles whose events vary in type, status, date precision, participants (none,
    either role) and place, spread over three stories (every article has one, as in
    :func:`storyline.corpus.corpus_tables`)."""
    rng = random.Random(seed)
    names = [e.name for e in _PLACES]
    text = " ".join(names) + " " + " ".join(v for _, v in _VERBS) + "."
    records, story_of = [], {}
    for k in range(n):
        events = []
        for _ in range(3):
            etype, verb = rng.choice(_VERBS)
            events.append(V(etype, verb, tuple(rng.sample(names, rng.choice((0, 1, 1, 2)))),
                            tuple(rng.sample(names, rng.choice((0, 1, 1)))),
                            date=rng.choice((None, "2025-04-24", "2025-04-25", "2025-04-27",
                                             "2025-04", "2025-W17", "2025")),
                            status=rng.choice(("occurred", "occurred", "ongoing", "planned",
                                               "negated")),
                            location=rng.choice((None, *names))))
        records.append(article(text, id=f"a{k:03d}", entities=_PLACES, events=events))
        story_of[f"a{k:03d}"] = rng.choice(("s1", "s2", "s3"))
    return records, story_of


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_events_clusters_equal_all_pairs_comparison(seed: int) -> None:
    """Candidate buckets only skip pairs that cannot be the same event: the clusters are
    the connected groups of every same-event pair."""
    records, story_of = _random_corpus(seed, 40)
    events = source_events(records, resolve_entities(records), story_of)
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(events)):
        for j in range(i + 1, len(events)):
            if same_event(events[i], events[j]):
                parent[find(j)] = find(i)
    expected: dict[int, set[tuple[str, str]]] = {}
    for i, ev in enumerate(events):
        expected.setdefault(find(i), set()).add(ev.key)
    got = {frozenset(m.key for m in c.members) for c in cluster_events(events)}
    assert got == {frozenset(g) for g in expected.values()}
    assert len(got) < len(events)  # some events did merge


@pytest.mark.parametrize(("values", "expected"), [
    (["a", "b", "b"], "b"),
    (["a", "b"], "a"),                 # a tie: the first seen
    ([None, None, "c"], "c"),          # None is no value
    ([], None),
])
def test_events_most_common(values: list[str | None], expected: str | None) -> None:
    assert most_common(values) == expected
