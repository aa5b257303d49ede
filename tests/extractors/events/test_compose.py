"""Composition rules (``extractors/events/compose.py``) seen through the coded events."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "kept", "absent"),
    [
        # a threat's condition is part of the threat (PLOVER THREATEN)
        ("Serbian units threatened to shell Croatian positions if NATO forces launched an attack "
         "against Serbia.", "THREATEN", "ASSAULT"),
        ("Turkey issued an ultimatum to Syria warning of military action if the Syrian army does not "
         "withdraw from Idlib.", "THREATEN", "RETREAT"),
        # an offer's condition is its terms (CAMEO 03)
        ("Afghan rebel leaders said they would meet Diego Cordovez if he gave them a veto over any "
         "settlement.", "AGREE", "REJECT"),
    ],
)
def test_compose_condition_of_a_threat_or_offer_is_its_content(code_events, text, kept, absent) -> None:
    coded = code_events(text)
    assert kept in coded.types and absent not in coded.types, \
        [(e.type, e.trigger.text, e.status) for e in coded.events]


def test_compose_act_outside_a_condition_stays_an_event(code_events) -> None:
    # a told act next to a threat is no condition of it
    coded = code_events("Serbian units shelled Croatian positions and threatened to attack Zagreb.")
    assert {"ASSAULT", "THREATEN"} <= coded.types


def test_compose_infinitive_on_a_noun_is_its_content(code_events) -> None:
    # "an offer to host a summit": the summit is what the offer is for
    coded = code_events("Yasser Arafat rejected a US offer to host a summit with Israel in July.")
    assert "REJECT" in coded.types and "CONSULT" not in coded.types, \
        [(e.type, e.trigger.text) for e in coded.events]


@pytest.mark.parametrize(
    ("text", "rejected"),
    [
        # an act ruled out is refused (PLOVER REJECT, CAMEO 120): the speaker refuses
        ("Kenya said that reopening the border with Somalia is out of the question.", True),
        ("Brazil said talks with the rebels were currently out of question.", True),
        # a negated statement rules nothing out
        ("Kenya said that reopening the border with Somalia is not out of the question.", False),
    ],
)
def test_compose_act_ruled_out_is_reject(code_events, text, rejected) -> None:
    coded = code_events(text)
    assert ("REJECT" in coded.types) == rejected, [(e.type, e.trigger.text) for e in coded.events]


@pytest.mark.parametrize(("text", "kept", "absent"), [
    # a promise or threat kept: the act itself was done
    ("The rebels kept their promise to release the hostages.", "RETREAT", "AGREE"),
    ("The insurgents carried out their threat to attack the garrison on Monday.", "ASSAULT", "THREATEN"),
    # a threat made is still a threat
    ("The insurgents made a threat to attack the garrison.", "THREATEN", "ASSAULT"),
])
def test_compose_kept_promise_is_the_act(code_events, text, kept, absent) -> None:
    coded = code_events(text)
    assert coded.of_type(kept) and not coded.of_type(absent), [(e.type, e.trigger.text) for e in coded.events]
