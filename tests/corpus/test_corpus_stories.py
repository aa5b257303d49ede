"""Story clustering of articles."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.corpus import StoryParams, cluster_articles, resolve_entities
from storyline.corpus.stories import article_terms, average_linkage
from storyline.store.synthetic import E, article


@pytest.mark.parametrize(("sim", "threshold", "expected"), [
    ([[1, .9, .1], [.9, 1, .2], [.1, .2, 1]], .5, [0, 0, 1]),
    ([[1, .9, .1], [.9, 1, .2], [.1, .2, 1]], .95, [0, 1, 2]),
    ([[1, .9, .1], [.9, 1, .2], [.1, .2, 1]], .1, [0, 0, 0]),
    # average linkage: c joins {a, b} only if its mean similarity is high enough
    ([[1, .9, .6], [.9, 1, .2], [.6, .2, 1]], .5, [0, 0, 1]),
])
def test_stories_average_linkage(sim: list[list[float]], threshold: float,
                                 expected: list[int]) -> None:
    assert average_linkage(np.array(sim), threshold) == expected


_CHILE = ["A magnitude 8.8 earthquake struck Chile in February 2010, and a tsunami hit "
          "coastal towns near Concepcion. Chilean rescuers searched the rubble.",
          "Chile counted its dead after the 2010 quake and tsunami. President Michelle "
          "Bachelet said Concepcion suffered most.",
          "Looting spread in Concepcion days after the earthquake as Chile sent troops. "
          "Bachelet declared a state of catastrophe in 2010."]
_NEPAL = ["A 7.8 magnitude earthquake hit Nepal in April 2015, flattening temples in "
          "Kathmandu. Rescuers dug through the rubble.",
          "An avalanche triggered by the Nepal quake killed climbers on Everest in 2015. "
          "Kathmandu airport was crowded with aid flights.",
          "Nepal appealed for helicopters as villages near Kathmandu remained cut off after "
          "the 2015 earthquake."]


def test_stories_separate_similar_events_by_place_and_time() -> None:
    records = [article(t, id=f"chile-{i}", entities=[E("Chile", "GPE", "CHL")])
               for i, t in enumerate(_CHILE)]
    records += [article(t, id=f"nepal-{i}", entities=[E("Nepal", "GPE", "NPL")])
                for i, t in enumerate(_NEPAL)]
    stories = cluster_articles(records, resolve_entities(records))
    assert sorted(sorted(s) for s in stories) == [
        [f"chile-{i}" for i in range(3)], [f"nepal-{i}" for i in range(3)]]


def test_stories_unrelated_articles_stay_apart() -> None:
    records = [
        article("The central bank raised interest rates to fight inflation.", id="a"),
        article("The football club won the championship final on penalties.", id="b"),
    ]
    assert len(cluster_articles(records, resolve_entities(records), StoryParams())) == 2


@pytest.mark.model
def test_stories_word_ranks_resource_is_up_to_date() -> None:
    from storyline.corpus.wordranks import FILE, generate
    from storyline.resources import path

    assert path(FILE).read_text(encoding="utf-8").split("\n")[:-1] == generate()


@pytest.mark.parametrize(("common", "rare"), [("the", "earthquake"), ("said", "tsunami")])
def test_stories_rarity_orders_words(common: str, rare: str) -> None:
    from storyline.corpus.wordranks import rarity

    assert rarity(common) < rarity(rare) < rarity("zzyzxqq")


def test_stories_group_actors_are_no_story_terms() -> None:
    # "police" in two unrelated towns is no shared actor; a named one is
    records = [article(t, id=f"a{i}", entities=[E("police", "GROUP", "USA", "USACOP"), E(name, "GPE")])
               for i, (t, name) in enumerate([("In Tulsa police arrested a man.", "Tulsa"),
                                                ("In Dayton police arrested a man.", "Dayton")])]
    terms = [article_terms(r, resolve_entities(records)) for r in records]
    assert all(list(t["actors"]) == [] for t in terms)
    assert all(len(t["places"]) == 1 for t in terms)
