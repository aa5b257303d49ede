"""Plural definite descriptions of two named actors (``events.dyads``): "the two
countries", "both sides", "the two leaders" name the pair told before (real model)."""

from __future__ import annotations

import pytest

from storyline.extractors.events.dyads import dyad_kind
from storyline.extractors.events.lexicon import lexicon

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        ("The two countries agreed to talk.", "countries", "states"),
        ("Both governments agreed to talk.", "governments", "states"),
        ("The two leaders shook hands.", "leaders", "people"),
        ("Both sides agreed to talk.", "sides", "sides"),
        ("Both agreed to talk.", "Both", "sides"),
        # not exactly two, or not definite: no dyad
        ("Two countries agreed to talk.", "countries", None),
        ("The countries agreed to talk.", "countries", None),
        ("Three countries agreed to talk.", "countries", None),
        ("The two villages were shelled.", "villages", None),
    ],
)
def test_dyads_kind_of_description(nlp, text: str, word: str, kind: str | None) -> None:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    assert dyad_kind(tok, lexicon()) == kind


@pytest.mark.parametrize(
    ("text", "trigger", "source", "target"),
    [
        # a reciprocal act of the pair splits as a coordinated subject does: the first
        # named acts, the other receives (CAMEO's dyad)
        ("Ghana and Togo signed a trade deal on Monday. The two countries agreed to reopen "
         "their border.", "agreed", ["Ghana"], ["Togo"]),
        ("Russian President Vladimir Putin hosted Turkish President Recep Tayyip Erdogan in "
         "Sochi. The two leaders signed an agreement on trade.", "signed",
         ["Vladimir Putin"], ["Recep Tayyip Erdogan"]),
        # "both sides": any two actors, one per side (a person and their country are one)
        ("Chilean President Michelle Bachelet met Bolivian President Evo Morales on Monday. "
         "Both sides agreed to hold talks next month.", "agreed",
         ["Michelle Bachelet"], ["Evo Morales"]),
    ],
)
def test_dyads_reciprocal_act_of_a_pair_is_split(code_events, text: str, trigger: str,
                                                 source: list[str], target: list[str]) -> None:
    coded = code_events(text)
    event = coded.by_trigger(trigger)
    assert coded.names(event.source) == source
    assert coded.names(event.target)[:len(target)] == target


def test_dyads_one_sided_act_of_a_pair_has_both_as_source(code_events) -> None:
    coded = code_events("India accused Pakistan of shelling villages in Kashmir. Both countries "
                        "condemned the attack on the embassy in Kabul.")
    assert set(coded.names(coded.by_trigger("condemned").source)) == {"India", "Pakistan"}


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        # the pair acted on; the one who acts on it is not one of them
        ("Armenia and Azerbaijan exchanged fire on Sunday. Russia urged both sides to show "
         "restraint.", "urged", {"Armenia", "Azerbaijan"}),
        ("Israel and Hamas agreed to a truce on Sunday. Egypt called on the two sides to "
         "respect the ceasefire.", "called", {"Israel", "Hamas"}),
    ],
)
def test_dyads_pair_as_target(code_events, text: str, trigger: str, target: set[str]) -> None:
    coded = code_events(text)
    assert set(coded.names(coded.by_trigger(trigger).target)) == target


def test_dyads_place_is_no_side(code_events) -> None:
    # Finland is where they met, not one of the two countries
    coded = code_events("The United States and Russia held talks in Finland on Monday. The two "
                        "countries agreed to resume flights.")
    event = coded.by_trigger("agreed")
    assert "Finland" not in coded.names([*event.source, *event.target])
    assert set(coded.names([*event.source, *event.target])) == {"United States", "Russia"}
