"""The trained argument chooser: its file, its features, its decision rule, and a
reproducible training script."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from storyline.extractors.events.chooser import (
    MODEL_RESOURCE,
    ROLES,
    ArgChooser,
    arg_chooser,
    choose_arguments,
    pair_features,
    sentence_candidates,
)
from storyline.resources import path as resource_path

from ...conftest import load_script


def _trainer():
    return load_script("train_arg_chooser")


def _chooser(fill_target: float = 0.5, keep: float = 0.0, replace: float = 2.0,
             optional: float | None = None, **weights: float) -> ArgChooser:
    # ``optional``: the threshold of a type that need not have a target (the same as
    # ``fill_target`` unless given)
    return ArgChooser({"source": {}, "target": dict(weights)}, {"source": 0.0, "target": -2.0},
                      {"source": 2.0, "target": fill_target}, keep, replace,
                      optional_target=fill_target if optional is None else optional)


def test_chooser_file_round_trips() -> None:
    text = resource_path(MODEL_RESOURCE).read_text(encoding="utf-8")
    assert ArgChooser.from_json(text).to_json() == text


def test_chooser_file_thresholds_are_the_trainers() -> None:
    train = _trainer()
    model = arg_chooser()
    assert model.fill == train.FILL
    assert model.optional_target == train.OPTIONAL_TARGET
    assert (model.keep, model.replace) == (train.KEEP, train.REPLACE)
    assert all(model.weights[r] for r in ROLES)


@pytest.mark.parametrize(("sides", "probs", "expected"), [
    # an empty target takes the best entity that reaches the fill threshold
    ({"source": ["e1"], "target": []}, {"e2": 0.6, "e3": 0.55}, ["e2"]),
    # below it, the side stays empty
    ({"source": ["e1"], "target": []}, {"e2": 0.3}, []),
    # the source is never taken as the target too
    ({"source": ["e1"], "target": []}, {"e1": 0.9}, []),
    # a side the rules filled stays (replacing is off)
    ({"source": ["e1"], "target": ["e3"]}, {"e2": 0.99, "e3": 0.01}, ["e3"]),
])
def test_chooser_choose_fills_only_an_empty_side(sides, probs, expected) -> None:
    chooser = _chooser(0.5)
    out = chooser.choose(sides, {"source": {}, "target": probs})
    assert out["target"] == expected
    assert out["source"] == sides["source"]


@pytest.mark.parametrize(("requires", "optional", "expected"), [
    # a type that requires a recipient (PLOVER COOPERATE, AID, SANCTION) fills at ``fill``
    (True, 2.0, ["e2"]),
    # any other type only at ``optional_target``: never, above 1
    (False, 2.0, []),
    (False, 0.5, ["e2"]),
    (False, 0.7, []),
])
def test_chooser_choose_fills_an_optional_target_at_its_own_threshold(requires, optional, expected) -> None:
    chooser = _chooser(0.5, optional=optional)
    sides: dict[str, list[str]] = {"source": ["e1"], "target": []}
    out = chooser.choose(sides, {"source": {}, "target": {"e2": 0.6}}, requires_target=requires)
    assert out["target"] == expected


@pytest.mark.parametrize(("requires", "expected"), [
    # every PLOVER event has an actor: an empty source is filled whatever the type
    (True, ["e2"]),
    (False, ["e2"]),
])
def test_chooser_choose_fills_an_empty_source_of_any_type(requires, expected) -> None:
    chooser = replace(_chooser(2.0, optional=2.0), fill={"source": 0.5, "target": 2.0})
    sides: dict[str, list[str]] = {"source": [], "target": ["e1"]}
    probs = {"source": {"e1": 0.9, "e2": 0.6}, "target": {}}
    out = chooser.choose(sides, probs, requires_target=requires)
    # the target is never taken as the source too
    assert out == {"source": expected, "target": ["e1"]}


@pytest.mark.parametrize(("sides", "requires", "expected"), [
    # an empty source can be filled
    ({"source": [], "target": ["e1"]}, False, True),
    # an empty target of a type that requires one can be filled
    ({"source": ["e1"], "target": []}, True, True),
    # an optional target past no threshold, with a source: nothing to decide
    ({"source": ["e1"], "target": []}, False, False),
    ({"source": ["e1"], "target": ["e2"]}, True, False),
])
def test_chooser_may_change_only_an_open_side(sides, requires, expected) -> None:
    chooser = replace(_chooser(0.4, optional=2.0), fill={"source": 0.5, "target": 0.4})
    assert chooser.may_change(sides, requires) is expected


def test_chooser_requires_a_target_of_the_manuals_dyadic_types() -> None:
    from storyline.extractors.events.lexicon import lexicon

    assert lexicon().words("requires_recipient") == {"cooperate", "aid", "sanction"}


@pytest.mark.parametrize(("probs", "expected"), [
    ({"e2": 0.95, "e3": 0.05}, ["e2"]),   # every rule choice weak, another strong: replaced
    ({"e2": 0.95, "e3": 0.3}, ["e3"]),    # the rule's choice is not weak enough
    ({"e2": 0.7, "e3": 0.05}, ["e3"]),    # the other is not strong enough
])
def test_chooser_choose_replaces_a_weak_rule_choice(probs, expected) -> None:
    chooser = _chooser(2.0, keep=0.1, replace=0.9)
    sides = {"source": ["e1"], "target": ["e3"]}
    assert chooser.choose(sides, {"source": {}, "target": probs})["target"] == expected


def test_chooser_probability_is_logistic() -> None:
    chooser = _chooser(**{"path=vdobj": 2.0})
    assert chooser.probability("target", ["path=vdobj"]) == pytest.approx(0.5)
    assert chooser.probability("target", ["path=long"]) == pytest.approx(1 / (1 + 2.718281828 ** 2), rel=1e-6)


def test_chooser_inactive_thresholds_never_act() -> None:
    assert not ArgChooser({"source": {}, "target": {}}, {"source": 0.0, "target": 0.0},
                          {"source": 2.0, "target": 2.0}).active
    assert _chooser(0.5).active


def _coded(nlp, text: str):
    from storyline.extractors.events.args import ArgResolver
    from storyline.extractors.events.coder import coded_clusters
    from storyline.nlp import make_doc

    doc = nlp(make_doc(nlp, text))
    coding, clusters, _ = coded_clusters(doc)
    return doc, coding, clusters, ArgResolver(doc, coding.lex, groups=True)


@pytest.mark.model
def test_chooser_features_read_the_path_and_the_rules_choice(nlp) -> None:
    doc, coding, clusters, resolver = _coded(nlp, "Kenya accused Uganda of aggression.")
    c = next(c for c in clusters if c.head.token.text == "accused")
    cands = sentence_candidates(c.head, resolver, coding.sents[c.head.sent])
    names = {e.id: e.name for e in doc._.entities}
    feats = {names[x.entity]: pair_features(c.head, x, cands, resolver, c.sources(), c.targets())
             for x in cands}
    assert {"path=vnsubj", "rule=source", "side=before", "nearest_before"} <= set(feats["Kenya"])
    assert {"path=vdobj", "rule=target", "side=after", "nearest_after"} <= set(feats["Uganda"])
    assert "etype=COUNTRY" in feats["Uganda"]


@pytest.mark.model
def test_chooser_candidates_leave_out_the_dateline(nlp) -> None:
    doc, coding, clusters, resolver = _coded(nlp, "NAIROBI, Kenya -- Uganda accused Rwanda of aggression.")
    c = next(c for c in clusters if c.head.token.text == "accused")
    names = {e.id: e.name for e in doc._.entities}
    found = {names[x.entity] for x in sentence_candidates(c.head, resolver, coding.sents[c.head.sent])}
    assert {"Uganda", "Rwanda"} <= found
    assert not found & {"Nairobi", "NAIROBI"}


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "weights", "expected"), [
    # an entity in the event's own phrase fills its empty target
    ("Kenya attended the summit in Tanzania.", "summit", {"last_down=pobj": 5.0}, ["Tanzania"]),
    # a nationality that only qualifies a thing is no actor ("Russian aggression")
    ("Zambia attended the summit on Russian aggression.", "summit", {"last_down=amod": 5.0}, []),
    # the reporting clause is not the event's phrase ("…, Uganda said")
    ("Kenya held a summit, Uganda said.", "summit", {"last_down=nsubj": 5.0, "up=1": 5.0}, []),
])
def test_chooser_fills_an_empty_target_in_the_events_phrase(nlp, text, trigger, weights, expected) -> None:
    doc, coding, clusters, resolver = _coded(nlp, text)
    choose_arguments(clusters, resolver, coding.sents, _chooser(0.5, **weights))
    c = next(c for c in clusters if c.head.token.text == trigger)
    names = {e.id: e.name for e in doc._.entities}
    assert [names[i] for i in c.targets()] == expected


@pytest.mark.model
@pytest.mark.parametrize(("optional", "expected"), [
    # a meeting (PLOVER CONSULT) need not have a recipient: left open by default
    (2.0, []),
    (0.5, ["Tanzania"]),
])
def test_chooser_fills_an_optional_target_only_when_asked(nlp, optional, expected) -> None:
    doc, coding, clusters, resolver = _coded(nlp, "Kenya attended the summit in Tanzania.")
    chooser = _chooser(0.5, optional=optional, **{"last_down=pobj": 5.0})
    choose_arguments(clusters, resolver, coding.sents, chooser)
    c = next(c for c in clusters if c.head.token.text == "summit")
    names = {e.id: e.name for e in doc._.entities}
    assert [names[i] for i in c.targets()] == expected


@pytest.mark.model
def test_chooser_apposition_of_the_target_is_never_its_source(nlp) -> None:
    from storyline.extractors.events.chooser import eligible_roles

    doc, coding, clusters, resolver = _coded(
        nlp, "Amina Yusuf, a Kenyan activist, was tortured in a secret prison in Somalia.")
    c = next(c for c in clusters if c.head.token.text == "tortured")
    names = {e.id: e.name for e in doc._.entities}
    roles = {names[x.entity]: eligible_roles(c.head, x, resolver, _chooser())
             for x in sentence_candidates(c.head, resolver, coding.sents[c.head.sent])}
    assert [names[i] for i in c.head.target] == ["Amina Yusuf"]
    assert "source" not in next(r for n, r in roles.items() if "activist" in n or n == "Kenyan")


def test_chooser_is_on_by_default_with_an_opt_out(monkeypatch) -> None:
    from storyline import settings

    monkeypatch.delenv("STORYLINE_EVENT_ARG_CHOOSER", raising=False)
    assert settings.get("event_arg_chooser") is True
    monkeypatch.setenv("STORYLINE_EVENT_ARG_CHOOSER", "0")
    assert settings.get("event_arg_chooser") is False


@pytest.mark.model
def test_chooser_shipped_leaves_an_optional_target_open(nlp) -> None:
    from storyline.extractors.events.coder import extract_events
    from storyline.nlp import make_doc

    doc = nlp(make_doc(nlp, "Kenya attended the summit in Tanzania."))
    names = {e.id: e.name for e in doc._.entities}
    assert [names[i] for e in doc._.events for i in e.target] == []
    assert [names[i] for e in extract_events(doc, chooser=arg_chooser()) for i in e.target] == []


@pytest.mark.model
def test_chooser_shipped_file_is_what_the_script_writes(nlp, training_shared: Path) -> None:
    # the whole tuning part, coded by the rules and trained again, gives the shipped
    # weights (to their 4 decimals): a rule change needs a rerun of
    # scripts/train_arg_chooser.py
    train = _trainer()
    corpus = train.tuning_corpus(training_shared, nlp=nlp, timebank=train.TIMEBANK_WEIGHT > 0)
    examples = [e for _, d, g in corpus for e in train.text_examples(d, g)]
    fresh, shipped = train.fit(examples), arg_chooser()
    assert fresh.to_json() == shipped.to_json() or all(
        set(fresh.weights[r]) == set(shipped.weights[r])
        and all(abs(fresh.weights[r][f] - shipped.weights[r][f]) <= 2e-4 for f in fresh.weights[r])
        for r in ROLES)
    assert (fresh.fill, fresh.keep, fresh.replace, fresh.optional_target) == \
        (shipped.fill, shipped.keep, shipped.replace, shipped.optional_target)
