"""Event clusters: merging article events, keeping sources, flagging disagreements."""

from __future__ import annotations

import pytest

from storyline.corpus import resolve_entities
from storyline.corpus.events import cluster_events, disagreements, source_events
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
