"""Group actors: groups named by a common noun become entities when an event takes them."""

from __future__ import annotations

import pytest

from storyline.extractors.actors.groups import GROUP_PREFIX, group_id, is_group_id

from .conftest import entities

pytestmark = pytest.mark.model


def _events(nlp, text: str) -> list[tuple[str, list[str], list[str]]]:
    doc = nlp(text)
    names = {e.id: e.name for e in doc._.entities}
    return [(v.type, [names[i] for i in v.source], [names[i] for i in v.target])
            for v in doc._.events]


@pytest.mark.parametrize(("text", "name", "actor"), [
    ("The court sentenced Maria Lopez to five years in prison.", "court", "JUD"),
    ("The government accused Russia of meddling in the vote.", "government", "GOV"),
    ("Students protested against Shell on Monday.", "Students", "EDU"),
    ("Striking workers protested against Shell on Friday.", "Striking workers", "LAB"),
])
def test_groups_event_actor_becomes_group_entity(nlp, text: str, name: str, actor: str) -> None:
    e = next(e for e in entities(nlp, text) if e.type == "GROUP")
    assert e.name == name and e.actor == actor and e.country is None
    assert any(name in s + t for _, s, t in _events(nlp, text))


def test_groups_take_the_dateline_country(nlp) -> None:
    e = next(e for e in entities(nlp, "MANILA -- The court sentenced Maria Lopez to five years.")
             if e.type == "GROUP")
    assert (e.name, e.country, e.actor) == ("court", "PHL", "PHLJUD")


def test_groups_alone_do_not_keep_an_event(nlp) -> None:
    # an event whose only actors are group actors is kept or dropped as if they were unnamed
    assert _events(nlp, "Striking workers blocked the main road for hours.") == []


@pytest.mark.parametrize("text", [
    "The students live in a small town near the coast.",   # no event takes them
    "A student accused Russia of meddling in the vote.",   # one student is a person
])
def test_groups_group_no_event_takes_is_no_entity(nlp, text: str) -> None:
    assert not [e for e in entities(nlp, text) if "student" in e.name.lower()]


def test_groups_mentions_of_one_group_are_one_entity(nlp) -> None:
    text = ("The students gathered outside the ministry on Monday. "
            "The students protested against Shell on Tuesday.")
    groups = [e for e in entities(nlp, text) if e.type == "GROUP" and e.name.lower() == "students"]
    assert len(groups) == 1 and len(groups[0].mentions) == 2


def test_groups_are_no_targets(nlp) -> None:
    # an unnamed recipient stays open ("arrested 24 students"): groups are sources only
    assert ("COERCE", ["Kenyan police"], []) in _events(nlp, "Kenyan police arrested 24 students.")


def test_groups_entity_ids_follow_first_mention(nlp) -> None:
    doc = nlp("The court sentenced Maria Lopez to five years. Lopez appealed on Friday.")
    ids = [e.id for e in sorted(doc._.entities, key=lambda e: e.mentions[0][0])]
    assert ids == [f"e{n}" for n in range(1, len(ids) + 1)]
    assert all(i.startswith("e") for v in doc._.events for i in (*v.source, *v.target))


def test_groups_bare_noun_is_the_country_group_named_before(nlp) -> None:
    text = ("Israeli troops entered the village at dawn. "
            "Hours later the troops fired on a crowd of protesters.")
    assert ("ASSAULT", ["Israeli troops"]) in [(t, s) for t, s, _ in _events(nlp, text)]


@pytest.mark.parametrize(("name", "country", "at", "expected"), [
    ("students", None, None, f"{GROUP_PREFIX}::students"),
    ("Police", "ISR", None, f"{GROUP_PREFIX}ISR::police"),
    ("students", None, 12, f"{GROUP_PREFIX}:12:students"),
])
def test_groups_group_id(name: str, country: str | None, at: int | None, expected: str) -> None:
    assert group_id(name, country, at) == expected and is_group_id(expected)


@pytest.mark.parametrize(("text", "name", "actor"), [
    # PETRARCH2's two-word agents whose head names no kind of people alone
    ("Armed men attacked Shell's offices on Friday.", "Armed men", "REB"),
    ("A rebel group attacked Shell's offices on Friday.", "rebel group", "REB"),
    # a person head in the plural, hyphenated or not
    ("Asylum-seekers attacked Shell's offices on Friday.", "Asylum-seekers", "REF"),
    ("Slum dwellers attacked Shell's offices on Friday.", "Slum dwellers", "CVL"),
])
def test_groups_collective_head_is_named_by_its_modifier(nlp, text: str, name: str, actor: str) -> None:
    e = next(e for e in entities(nlp, text) if e.type == "GROUP")
    assert (e.name, e.actor) == (name, actor)
    assert any(name in s for _, s, _ in _events(nlp, text))


def test_groups_collective_head_alone_is_no_group(nlp) -> None:
    # "men" or "a group" alone names no kind of people
    assert not [e for e in entities(nlp, "Some men attacked Shell's offices on Friday.")
                if e.type == "GROUP"]
