"""Casualty counts: number words and digits, qualifiers, vague plurals, toll nouns."""

from __future__ import annotations

import pytest

from storyline.extractors.events.casualties import combine, is_cumulative, number_value
from storyline.record import Count


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["nine"], 9),
        (["70"], 70),
        (["1,200"], 1200),
        (["five", "hundred"], 500),
        (["a", "dozen"], 12),
        (["twenty-five"], 25),
        (["two", "thousand", "three", "hundred"], 2300),
        (["several"], None),
        (["a"], None),
    ],
)
def test_casualties_number_value(words, value) -> None:
    assert number_value(words) == value


def test_casualties_combine_keeps_highest_floor() -> None:
    assert combine([Count(min=9), Count(min=12, max=12)]) == Count(min=12, max=12)
    assert combine([Count(min=30), Count(max=20)]) == Count(min=30, max=None)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "field", "count"),
    [
        ("At least nine people were killed in the attack on Kharkiv.", "killed", Count(min=9)),
        ("More than 70 were injured in the Russian attack on Odesa.", "injured", Count(min=71)),
        ("Up to 20 people were killed in the bombing of Mogadishu.", "killed", Count(max=20)),
        ("Dozens of people were injured in the Israeli strikes on Rafah.", "injured", Count(min=24)),
        ("The Russian bombing of Kherson killed 12 soldiers.", "killed", Count(min=12, max=12)),
        ("Nearly 100 people were wounded in the Sudanese attack on El Fasher.", "injured", Count(max=99)),
        ("Iranian police arrested hundreds of protesters in Tehran.", "arrested", Count(min=200)),
        ("Indian police detained about 40 activists in Delhi.", "arrested", Count(min=40, max=40)),
        ("Gunmen killed four villagers in Nigeria's Zamfara state.", "killed", Count(min=4, max=4)),
        # a small clause after "leaving": each adjective counts its own subject
        ("Sudanese rebels shelled El Fasher, leaving 40 people dead and 100 wounded.", "killed",
         Count(min=40, max=40)),
        ("Sudanese rebels shelled El Fasher, leaving 40 people dead and 100 wounded.", "injured",
         Count(min=100, max=100)),
        # "the N dead": the adjective names the people the number counts
        ("Police said the 40 dead included 12 children after rebels bombed a market in Goma.",
         "killed", Count(min=40, max=40)),
        # the count in apposition to the victims
        ("Rebels attacked a market in Goma, killing the victims, 12 civilians.", "killed",
         Count(min=12, max=12)),
        ("Two Congolese soldiers, a captain and a private, were killed when rebels attacked Goma.",
         "killed", Count(min=2, max=2)),
        # "killing N" with no noun, and a qualified one
        ("Rebels attacked a market in Goma on Monday, killing at least 12.", "killed", Count(min=12)),
        # "N were killed in the attack", the number alone as subject
        ("Twelve were killed in the rebel attack on Goma.", "killed", Count(min=12, max=12)),
        # the toll noun as the object of a verb that sets it
        ("The rebel attack on Goma brought the death toll to 35.", "killed", Count(min=35, max=35)),
        # the lives a verb of loss takes
        ("The rebel attack on Goma claimed 40 lives.", "killed", Count(min=40, max=40)),
        ("The rebel attack on Goma cost the lives of 40 civilians.", "killed", Count(min=40, max=40)),
    ],
)
def test_casualties_patterns(code_events, text, field, count) -> None:
    events = [e for e in code_events(text).events if e.casualties is not None]
    assert events, text
    assert getattr(events[0].casualties, field) == count


@pytest.mark.model
def test_casualties_death_toll_update_joins_the_attack(code_events) -> None:
    coded = code_events("Russian drones attacked Kharkiv on Monday. The death toll rose to 35.")
    cas = coded.of_type("ASSAULT")[0].casualties
    assert cas is not None and cas.killed == Count(min=35, max=35)


@pytest.mark.model
def test_casualties_none_without_a_number(code_events) -> None:
    coded = code_events("Israeli jets bombed Gaza.")
    assert coded.of_type("ASSAULT")[0].casualties is None


@pytest.mark.model
def test_casualties_attack_heads_the_casualty_verb_it_is_parsed_under(code_events) -> None:
    coded = code_events("Rebels attacked Goma on Monday; 40 were killed.", timexes=[("Monday", "2024-04-29")])
    event = coded.of_type("ASSAULT")[0]
    assert (event.trigger.text, event.date) == ("attacked", "2024-04-29")
    assert event.casualties is not None and event.casualties.killed == Count(min=40, max=40)


@pytest.mark.model
def test_casualties_lives_need_a_count(code_events) -> None:
    coded = code_events("The rebel attack on Goma claimed the lives of civilians.")
    assert all(e.casualties is None or e.casualties.killed is None for e in coded.events)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "host", "field", "count"),
    [
        # the toll of a relative clause is the toll of the happening it modifies
        ("Thousands of farmers held a rally in Lagos on Sunday in which at least four people were injured.",
         "PROTEST", "injured", Count(min=4)),
        # a definite noun of a violent happening refers back to the attack told before
        ("Government troops launched an offensive on the rebel town of Kasai. "
         "Witnesses said nine civilians were killed in the offensive.",
         "ASSAULT", "killed", Count(min=9, max=9)),
    ],
)
def test_casualties_toll_joins_the_happening_it_was_counted_in(code_events, text, host, field, count) -> None:
    coded = code_events(text)
    tolled = [e for e in coded.events if e.casualties is not None]
    assert len(tolled) == 1, [(e.type, e.trigger.text) for e in coded.events]
    assert tolled[0].type == host and getattr(tolled[0].casualties, field) == count
    # no second event of the toll alone
    assert not [e for e in coded.of_type("ASSAULT") if e is not tolled[0] and not e.source]


@pytest.mark.model
def test_casualties_arrests_during_a_protest_stay_an_act_of_their_own(code_events) -> None:
    coded = code_events("Police arrested 30 students during a demonstration in Dhaka on Monday.")
    arrest = coded.of_type("COERCE")
    assert arrest and arrest[0].casualties is not None
    assert arrest[0].casualties.arrested == Count(min=30, max=30)


@pytest.mark.model
@pytest.mark.parametrize(
    "total",
    [
        "In all, 15 people have been killed in the clashes.",
        "Fifteen people have been killed so far.",
        "Fifteen people have been killed since the unrest began in March.",
        "More than 300 people have been killed since the rebels took up arms in 1990.",
    ],
)
def test_casualties_running_total_is_no_one_events_toll(code_events, total) -> None:
    coded = code_events("Soldiers fired on protesters in Hebron on Tuesday, killing two. " + total)
    fired = coded.by_trigger("fired")
    assert fired.casualties is not None and fired.casualties.killed == Count(min=2, max=2)
    # nor an event of its own: a summary over many happenings (ACLED codes no event of it)
    assert "killed" not in [e.trigger.text for e in coded.events]


@pytest.mark.model
def test_casualties_running_total_with_its_actor_stays_their_attack(code_events) -> None:
    coded = code_events("Rebel gunmen from the Kivu Front have killed at least 80 people in Congo "
                        "since April.")
    killed = coded.by_trigger("killed")
    assert killed.source


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("More than 500 people died in the fighting in the north last year, the ministry said.",
         Count(min=501)),
        ("Some 40 civilians perished in the war between the two factions.", Count(min=40, max=40)),
    ],
)
def test_casualties_death_in_violence_is_an_attack_of_no_stated_actor(code_events, text, killed) -> None:
    coded = code_events(text)
    died = coded.of_type("ASSAULT")
    assert len(died) == 1 and not died[0].source
    assert died[0].casualties is not None and died[0].casualties.killed == killed


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The former minister died in hospital on Monday after a long illness.",
        "Two climbers died in an avalanche near the summit.",
    ],
)
def test_casualties_death_outside_violence_is_no_event(code_events, text) -> None:
    assert not code_events(text).events


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "cumulative"),
    [
        ("In all, five people have been killed.", True),
        ("Forty people were killed altogether.", True),
        ("Forty people have died so far.", True),
        ("Two people were killed in the attack.", False),
    ],
)
def test_casualties_is_cumulative(nlp, text, cumulative) -> None:
    doc = nlp(text)
    verb = next(t for t in doc if t.lemma_ in {"kill", "die"})
    assert is_cumulative(verb) is cumulative


@pytest.mark.model
def test_casualties_count_of_a_word_no_event_reads_goes_to_its_happening(code_events) -> None:
    # "died" is no event of its own: its toll is the demonstration's, not the nearest attack's
    coded = code_events("Thousands of farmers rallied in Lagos on Monday against the new tax. Police fired "
                        "tear gas. Five people died during the demonstration, witnesses said.")
    tolled = [e for e in coded.events if e.casualties is not None]
    assert [(e.type, e.casualties.killed) for e in tolled if e.casualties] == [
        ("PROTEST", Count(min=5, max=5))]
