"""Event status from the clause: planned, postponed, cancelled, negated, ongoing, hypothetical."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "trigger", "status"),
    [
        ("Biden is set to meet Zelensky in Washington.", "meet", "planned"),
        ("Indian Prime Minister Modi was due to travel to Moscow to meet Putin.", "travel", "planned"),
        ("A scheduled summit between Japan and China was indefinitely postponed.", "summit", "postponed"),
        ("The planned visit by Macron to Algeria was cancelled.", "visit", "cancelled"),
        ("The talks between Israel and Hamas did not go ahead.", "talks", "cancelled"),
        ("Kenya did not sign the agreement with Somalia.", "sign", "negated"),
        ("Protests against the Serbian government are ongoing.", "Protests", "ongoing"),
        ("Russia continued its attacks on Kharkiv.", "attacks", "ongoing"),
        ("Fighting between the Sudanese army and the RSF continued in Khartoum.", "Fighting", "ongoing"),
        ("If Iran attacks Israel, the war could spread.", "attacks", "hypothetical"),
        ("Greece could expel the Libyan ambassador.", "expel", "hypothetical"),
        ("Egypt hosted the Sudanese delegation in Cairo.", "hosted", "occurred"),
        # a finite conjunct has its own tense: the negation of the first verb stays there
        ("Ruto said Kenya would not sign the deal with Somalia and called for talks with Ethiopia.",
         "called", "occurred"),
        ("Kenya did not sign the agreement with Somalia and did not meet Ethiopia.", "meet", "negated"),
        # an event noun that is the goal of a hypothetical clause has not happened
        ("A new cabinet in Nairobi would pave the way for negotiations between Kenya and Somalia.",
         "negotiations", "hypothetical"),
    ],
)
def test_status_cues(code_events, text, trigger, status) -> None:
    assert code_events(text).by_trigger(trigger).status == status


def test_status_pronoun_cancels_planned_event(code_events) -> None:
    coded = code_events("Kenya's agreement was originally due to be signed in March, "
                        "but it did not go ahead.")
    assert coded.by_trigger("signed").status == "cancelled"


def test_status_refusal_is_reject_and_occurred(code_events) -> None:
    coded = code_events("Pakistan refused to send troops to Yemen.")
    event = coded.of_type("REJECT")[0]
    assert event.status == "occurred"


def test_status_date_after_publication_is_planned(code_events) -> None:
    coded = code_events("Macron meets Scholz in Berlin on May 20.", published="2024-05-01",
                        timexes=[("May 20", "2024-05-20")])
    event = coded.of_type("CONSULT")[0]
    assert (event.status, event.date) == ("planned", "2024-05-20")


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        # the progressive aspect, passive or present perfect, is going on
        ("Aid convoys are being organized by the Red Cross.", "organized", "ongoing"),
        ("Rebel units have been shelling the northern suburbs.", "shelling", "ongoing"),
        # a past perfect progressive is over by the time told
        ("Rebel units had been shelling the suburbs before the truce.", "shelling", "occurred"),
        # the conditional perfect did not happen; a would-clause with its own condition
        # is no future in the past
        ("The minister said the bomb would have killed hundreds.", "killed", "hypothetical"),
        ("He said the envoy would travel to Kabul if the talks resumed.", "travel", "hypothetical"),
        ("He said the envoy would travel to Kabul.", "travel", "planned"),
        # would under a verb of knowing or judging is a modal, not a future in reported speech
        ("Investors realized the bank would sell the unit.", "sell", "hypothetical"),
        ("The minister was confident the army would find the hostages.", "find", "hypothetical"),
        ("The minister promised the army would find the hostages.", "find", "planned"),
        # an action kept from happening
        ("Police barred the marchers from reaching the embassy.", "reaching", "negated"),
        ("The army withdrew without firing a shot.", "firing", "negated"),
        # a time clause in the present under a planned clause is planned
        ("Troops will stay in the town until the crisis ends.", "ends", "planned"),
        ("Troops stayed in the town until the crisis ended.", "ended", "occurred"),
        # "from" after a verb that does not prevent is no negation
        ("Troops returned from patrolling the border.", "patrolling", "occurred"),
        # the progressive infinitive is going on
        ("Conditions in the camps appear to be worsening.", "worsening", "ongoing"),
        ("The convoy was said to be carrying fuel.", "carrying", "ongoing"),
        # a participle coordinated under a progressive shares its aspect
        ("Villagers are leaving their homes and walking to the border.", "walking", "ongoing"),
        # a finite conjunct does not
        ("Rebels are looting the shops and burned them.", "burned", "occurred"),
        # a past time clause is a told fact, not in the mood of the clause it modifies
        ("The town could have used a wall when the raiders attacked it.", "attacked", "occurred"),
        ("The town could use a wall when the raiders attack it.", "attack", "hypothetical"),
    ],
)
def test_status_clause_cues(nlp, text, word, status) -> None:
    from storyline.extractors.events.lexicon import lexicon
    from storyline.extractors.events.status import clause_cues, strongest

    tok = next(t for t in nlp(text) if t.text == word)
    assert strongest(clause_cues(tok, lexicon())) == status
