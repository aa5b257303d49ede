"""The trained event type model: its file, its decision rule, the fallback it drives,
and a reproducible training script."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from storyline.extractors.events.features import DENSE_BLOCKS, VECTOR_WIDTH
from storyline.extractors.events.lexicon import PLOVER_TYPES
from storyline.extractors.events.model import MODEL_RESOURCE, NO_EVENT, TypeModel, type_model
from storyline.resources import path as resource_path

from ...conftest import load_script

#: feature families :func:`storyline.extractors.events.features.mention_features` writes
FAMILIES = {"rule", "sense", "lemma", "pos", "lemma|rule", "pos|rule", "status", "status|rule", "dep",
            "origin", "cameo", "mode", "converted", "content", "content|rule", "content_lemma", "obj",
            "prep", "prt", "xcomp", "mod", "carrier", "petrarch", "petrarch|rule", "pgroup", "src", "tgt",
            "source", "no_source", "target", "no_target"}


def _trainer():
    return load_script("train_event_model")


def test_model_file_round_trips() -> None:
    text = resource_path(MODEL_RESOURCE).read_text(encoding="utf-8")
    assert TypeModel.from_json(text).to_json() == text


def test_model_classes_and_features_are_the_extractors() -> None:
    model = type_model()
    assert set(model.classes) == set(PLOVER_TYPES) | {NO_EVENT}
    unknown = {k for k in model.sparse if re.split(r"=", k)[0] not in FAMILIES}
    assert not unknown
    assert model.blocks == _trainer().BLOCKS and set(model.blocks) <= set(DENSE_BLOCKS)
    assert model.dense.shape == (len(model.blocks) * VECTOR_WIDTH, len(model.classes))


def test_model_fallback_below_threshold_is_no_event() -> None:
    # two classes, equally likely: 0.5 reaches a threshold of 0.5, not one of 0.6
    model = TypeModel(("ACCUSE", NO_EVENT), {}, np.zeros((0, 2)), np.zeros(2), fallback_threshold=0.6)
    assert model.predict(["rule=ACCUSE"], np.zeros(0), fallback=True) == NO_EVENT
    assert model.predict(["rule=ACCUSE"], np.zeros(0)) == "ACCUSE"


def test_model_file_thresholds_are_the_trainers() -> None:
    train = _trainer()
    model = type_model()
    assert model.fallback_threshold == train.FALLBACK_THRESHOLD
    assert model.drop_threshold == train.DROP_THRESHOLD
    assert model.actorless_threshold == train.ACTORLESS_THRESHOLD
    assert 0.5 <= model.drop_threshold < 1.0


def _no_event_model(bias: float, drop: float) -> TypeModel:
    # "no event" is exp(bias) times as likely as ACCUSE
    return TypeModel(("ACCUSE", NO_EVENT), {}, np.zeros((0, 2)), np.array([0.0, bias]), drop_threshold=drop)


@pytest.mark.parametrize(("bias", "drop", "expected"), [
    (2.0, 0.65, NO_EVENT),   # P(no event) 0.88 reaches 0.65: dropped
    (0.0, 0.65, "REJECT"),   # 0.5 does not: the lexicon's reading stands, never retyped
    (2.0, 1.0, "REJECT"),    # a threshold of 1.0 never drops
])
def test_model_decide_drops_or_keeps_a_lexicon_reading(bias, drop, expected) -> None:
    model = _no_event_model(bias, drop)
    assert model.decide(["rule=REJECT"], np.zeros(0), "REJECT", fallback=False) == expected


@pytest.mark.parametrize(("actorless", "threshold", "expected"), [
    (False, 1.0, "ACCUSE"),  # a PETRARCH2 candidate with its actor: the fallback threshold (0.5)
    (True, 1.0, NO_EVENT),   # one whose clause names no actor, at 1.0: the no-actor gate
    (True, 0.7, "ACCUSE"),   # its most probable type (0.88) reaches 0.7: kept
    (True, 0.9, NO_EVENT),   # 0.88 does not reach 0.9
])
def test_model_decide_actorless_candidate_takes_its_own_threshold(actorless, threshold, expected) -> None:
    # ACCUSE is exp(2) times as likely as "no event": 0.88
    model = TypeModel(("ACCUSE", NO_EVENT), {}, np.zeros((0, 2)), np.array([2.0, 0.0]),
                      actorless_threshold=threshold)
    decided = model.decide(["rule=ACCUSE"], np.zeros(0), "ACCUSE", fallback=True, actorless=actorless)
    assert decided == expected


def test_model_actorless_threshold_round_trips() -> None:
    model = TypeModel(("ACCUSE", NO_EVENT), {}, np.zeros((0, 2)), np.zeros(2), actorless_threshold=0.7)
    assert TypeModel.from_json(model.to_json()).actorless_threshold == 0.7
    # a file without the key keeps the gate
    assert TypeModel.from_json('{"classes": ["ACCUSE", "NONE"], "bias": [0, 0], "sparse": {}, "dense": []}'
                               ).actorless_threshold == 1.0


def test_model_decide_fallback_takes_the_models_type() -> None:
    model = _no_event_model(-2.0, 0.65)
    assert model.decide(["rule=REJECT"], np.zeros(0), "REJECT", fallback=True) == "ACCUSE"


def test_model_fit_is_deterministic_and_learns() -> None:
    train = _trainer()
    rows = [["lemma=condemn"], ["lemma=bomb"], ["lemma=say"]] * 6
    allowed = [frozenset({"ACCUSE"}), frozenset({"ASSAULT"}), frozenset({NO_EVENT})] * 6
    vectors = np.zeros((len(rows), 0))
    first = train.fit(rows, vectors, allowed, l2=1e-3, min_count=1)
    assert first.to_json() == train.fit(rows, vectors, allowed, l2=1e-3, min_count=1).to_json()
    assert [first.predict([r[0]], np.zeros(0)) for r in rows[:3]] == ["ACCUSE", "ASSAULT", NO_EVENT]


def test_model_fit_allowed_set_takes_either_class() -> None:
    # a pre-2021 YIELD allows CONCEDE or RETREAT: the model may put its mass on either
    train = _trainer()
    rows = [["lemma=release"]] * 8 + [["lemma=withdraw"]] * 8
    allowed = [frozenset({"CONCEDE", "RETREAT"})] * 8 + [frozenset({"RETREAT"})] * 8
    model = train.fit(rows, np.zeros((16, 0)), allowed, l2=1e-3, min_count=1)
    assert model.predict(["lemma=release"], np.zeros(0)) in {"CONCEDE", "RETREAT"}
    assert model.predict(["lemma=withdraw"], np.zeros(0)) == "RETREAT"


def test_model_file_keeps_its_dense_blocks() -> None:
    model = TypeModel(("ACCUSE", NO_EVENT), {}, np.zeros((600, 2)), np.zeros(2),
                      blocks=("trigger", "subject"))
    assert TypeModel.from_json(model.to_json()).blocks == ("trigger", "subject")


@pytest.mark.parametrize("blocks", [("trigger", "object"), ("subject",), ("context", "trigger")])
def test_model_fit_examples_reads_the_chosen_blocks(blocks) -> None:
    # an example holds every block; the model is fitted on the chosen ones, in their order,
    # and learns from them: the subject block alone tells the classes apart here
    train = _trainer()
    width = len(DENSE_BLOCKS) * VECTOR_WIDTH
    exs = []
    for k, cls in enumerate(["ACCUSE", NO_EVENT] * 8 + [NO_EVENT] * 2):
        vec = np.zeros(width)
        start = DENSE_BLOCKS.index("subject") * VECTOR_WIDTH
        vec[start + (cls == NO_EVENT)] = 1.0
        exs.append(train.Example(("rule=ACCUSE",), vec, frozenset({cls}), f"r{k}"))
    model = train.fit_examples(exs, l2=1e-3, blocks=blocks)
    assert model.blocks == blocks and model.dense.shape == (len(blocks) * VECTOR_WIDTH, len(train.CLASSES))
    probe = exs[0].vector[train.block_columns(blocks)]
    learned = model.predict(["rule=ACCUSE"], probe) == "ACCUSE"
    assert learned == ("subject" in blocks)


def test_model_fit_dense_l2_shrinks_only_the_word_vector_weights() -> None:
    train = _trainer()
    rows = [["lemma=condemn"], ["lemma=say"]] * 6
    allowed = [frozenset({"ACCUSE"}), frozenset({NO_EVENT})] * 6
    vectors = np.array([[1.0, 0.0], [0.0, 1.0]] * 6)
    loose = train.fit(rows, vectors, allowed, l2=1e-3, min_count=1)
    tight = train.fit(rows, vectors, allowed, l2=1e-3, min_count=1, dense_l2=1.0)
    assert np.abs(tight.dense).sum() < np.abs(loose.dense).sum()
    assert tight.predict(["lemma=condemn"], np.array([1.0, 0.0])) == "ACCUSE"


def test_model_fit_examples_other_weight_zero_ignores_a_sentences_other_candidates() -> None:
    # weight 0: the "no event" label of a sentence's candidates that do not tell its
    # relation teaches nothing, so the reading seen only there is not learned as no event
    train = _trainer()
    width = len(DENSE_BLOCKS) * VECTOR_WIDTH
    exs = [train.Example(("lemma=meet",), np.zeros(width), frozenset({NO_EVENT}), f"r{k}", other=True)
           for k in range(6)]
    exs += [train.Example(("lemma=bomb",), np.zeros(width), frozenset({"ASSAULT"}), f"s{k}")
            for k in range(6)]
    vec = np.zeros(2 * VECTOR_WIDTH)
    assert train.fit_examples(exs, l2=1e-3).predict(["lemma=meet"], vec) == NO_EVENT
    assert train.fit_examples(exs, l2=1e-3, other_weight=0.0).predict(["lemma=meet"], vec) == "ASSAULT"


@pytest.mark.model
@pytest.mark.parametrize(("text", "ptype", "trigger"), [
    ("Uganda faulted Kenya over the border dispute.", "ACCUSE", "faulted"),
    ("Rwanda ridiculed Congo's claims about the massacre.", "ACCUSE", "ridiculed"),
])
def test_model_fallback_codes_verbs_the_lexicon_lacks(nlp, text, ptype, trigger) -> None:
    from storyline.extractors.events.coder import extract_events
    from storyline.nlp import make_doc

    doc = nlp(make_doc(nlp, text))
    assert not any(e.trigger.text == trigger for e in extract_events(doc, fallback=False))
    found = [e for e in extract_events(doc, fallback=True) if e.trigger.text == trigger]
    assert found and found[0].type == ptype


@pytest.mark.model
@pytest.mark.parametrize(("bias", "kept"), [(3.0, False), (-3.0, True)])
def test_model_drops_lexicon_readings_it_is_sure_are_no_event(nlp, bias, kept) -> None:
    from storyline.extractors.events.coder import extract_events
    from storyline.nlp import make_doc

    doc = nlp(make_doc(nlp, "Kenya rejected the Ugandan proposal."))
    model = TypeModel(("REJECT", NO_EVENT), {}, np.zeros((0, 2)), np.array([0.0, bias]), drop_threshold=0.65)
    types = [e.type for e in extract_events(doc, fallback=False, model=model)]
    assert types == (["REJECT"] if kept else [])


@pytest.mark.model
def test_model_fallback_verb_lends_no_target_to_the_event_it_is_content_of(nlp) -> None:
    # "contest" is PETRARCH2's, not the lexicon's: no event before the model decides,
    # so the promise takes no target from it
    from storyline.extractors.events.coder import code_mentions
    from storyline.nlp import make_doc

    doc = nlp(make_doc(nlp, "Kenya vowed to contest the claims of Tanzania."))
    vowed = next(m for m in code_mentions(doc, fallback=True).live if m.token.text == "vowed")
    assert vowed.contents and vowed.contents[0].sense.origin == "petrarch"
    assert vowed.target == []


@pytest.mark.model
def test_model_fallback_needs_a_stated_actor(nlp) -> None:
    from storyline.extractors.events.coder import extract_events
    from storyline.nlp import make_doc

    doc = nlp(make_doc(nlp, "The claims were disputed."))
    assert extract_events(doc, fallback=True) == []


@pytest.mark.model
def test_model_training_is_reproducible(nlp, training_shared: Path) -> None:
    # the shipped file is trained on every tuning example (scripts/train_event_model.py);
    # here a part of them, twice: the same data gives the same file
    train = _trainer()
    examples = train.training_examples(training_shared, nlp=nlp, log=lambda *_: None, limit=120)
    first = train.train(examples, log=lambda *_: None)
    assert first.sparse and first.to_json() == train.train(examples, log=lambda *_: None).to_json()


@pytest.mark.model
def test_model_shipped_file_is_what_the_script_writes(nlp, training_shared: Path) -> None:
    # the whole tuning part, trained again, gives the shipped weights (to their 4 decimals):
    # a rule change that moves the candidates needs a rerun of scripts/train_event_model.py
    train = _trainer()
    examples = train.training_examples(training_shared, nlp=nlp, log=lambda *_: None)
    fresh = train.train(examples, log=lambda *_: None)
    shipped = type_model()
    assert fresh.classes == shipped.classes
    assert set(fresh.sparse) == set(shipped.sparse)
    assert all(np.allclose(fresh.sparse[f], shipped.sparse[f], atol=2e-4) for f in fresh.sparse)
    assert np.allclose(fresh.dense, shipped.dense, atol=2e-4)
    assert np.allclose(fresh.bias, shipped.bias, atol=2e-4)
    assert fresh.fallback_threshold == shipped.fallback_threshold
    assert fresh.drop_threshold == shipped.drop_threshold
    assert fresh.actorless_threshold == shipped.actorless_threshold
    assert fresh.blocks == shipped.blocks
