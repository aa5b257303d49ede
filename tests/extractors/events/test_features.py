"""Tests for what the event type model reads (``extractors/events/features.py``)."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.extractors.events.features import DENSE_BLOCKS, VECTOR_WIDTH, mention_vector
from storyline.extractors.text.syntax import lemma


def _mention(nlp, text: str, trigger: str):
    from storyline.extractors.events.coder import code_mentions
    from storyline.nlp import make_doc

    doc = nlp(make_doc(nlp, text))
    return next(m for m in code_mentions(doc, fallback=True).live if m.token.text == trigger)


def _block(vector: np.ndarray, name: str) -> np.ndarray:
    k = DENSE_BLOCKS.index(name)
    return vector[k * VECTOR_WIDTH:(k + 1) * VECTOR_WIDTH]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "subject"), [
    ("Kenya condemned the attack on the embassy.", "condemned", "Kenya"),
    # a coordinated verb reads the first verb's subject
    ("The rebels met the envoy and condemned the raid.", "condemned", "rebels"),
])
def test_features_vector_subject_block_is_the_clause_subject(nlp, text, trigger, subject) -> None:
    m = _mention(nlp, text, trigger)
    vec = mention_vector(m, DENSE_BLOCKS)
    assert vec.shape == (len(DENSE_BLOCKS) * VECTOR_WIDTH,)
    word = lemma(next(t for t in m.token.doc if t.text == subject))
    expected = np.asarray(m.token.vocab.get_vector(word), dtype=np.float64)
    assert np.allclose(_block(vec, "subject"), expected / np.linalg.norm(expected))


@pytest.mark.model
def test_features_vector_blocks_are_unit_or_empty(nlp) -> None:
    # a main clause hangs on nothing: its governor block is empty; the others have unit length
    m = _mention(nlp, "Troops shelled the town near the border.", "shelled")
    vec = mention_vector(m, DENSE_BLOCKS)
    norms = {b: float(np.linalg.norm(_block(vec, b))) for b in DENSE_BLOCKS}
    assert norms.pop("governor") == 0.0
    assert all(n == pytest.approx(1.0) for n in norms.values())


@pytest.mark.model
def test_features_vector_default_blocks_are_the_shipped_models(nlp) -> None:
    from storyline.extractors.events.model import type_model

    m = _mention(nlp, "Kenya condemned the attack on the embassy.", "condemned")
    assert np.array_equal(mention_vector(m), mention_vector(m, type_model().blocks))
    assert np.array_equal(mention_vector(m, ("trigger", "object")), mention_vector(m, DENSE_BLOCKS)[:600])


@pytest.mark.model
def test_features_vector_unknown_block_is_an_error(nlp) -> None:
    # a model file naming a block the features do not build fails loudly, not as another block
    m = _mention(nlp, "Kenya condemned the attack on the embassy.", "condemned")
    with pytest.raises(ValueError, match="unknown word-vector block 'verb'"):
        mention_vector(m, ("trigger", "verb"))
