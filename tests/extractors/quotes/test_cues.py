"""Reporting acts in the parse (quotes.cues): hand-built parses, no model."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from storyline.extractors.quotes.cues import phrase_cue
from storyline.extractors.quotes.lexicon import cue_lexicon


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def _parsed(vocab, rows: list[tuple[str, str, str, int]]) -> Doc:
    """A Doc from (word, POS, dependency, head index) rows."""
    words, pos, deps, heads = (list(col) for col in zip(*rows, strict=True))
    return Doc(vocab, words=words, pos=pos, deps=deps, heads=heads)


# "according to the circular": the tagger may read a noun that can also be an adjective
# ("circular", "official", "daily") as ADJ; the phrase's object is still its source.
@pytest.mark.parametrize(("rows", "source", "content"), [
    ([("According", "VERB", "prep", 7), ("to", "ADP", "prep", 0), ("the", "DET", "det", 3),
      ("circular", "ADJ", "pobj", 1), (",", "PUNCT", "punct", 7), ("prices", "NOUN", "nsubj", 7),
      ("may", "AUX", "aux", 7), ("rise", "VERB", "ROOT", 7), (".", "PUNCT", "punct", 7)],
     "the circular", "prices may rise"),
    ([("Fares", "NOUN", "nsubj", 2), ("will", "AUX", "aux", 2), ("fall", "VERB", "ROOT", 2),
      (",", "PUNCT", "punct", 2), ("according", "VERB", "prep", 2), ("to", "ADP", "prep", 4),
      ("the", "DET", "det", 7), ("official", "ADJ", "pobj", 5), (".", "PUNCT", "punct", 2)],
     "the official", "Fares will fall"),
])
def test_cues_according_to_a_noun_tagged_as_adjective(vocab, rows, source: str, content: str) -> None:
    doc = _parsed(vocab, rows)
    start = next(t for t in doc if t.lower_ == "according")
    match = phrase_cue(start, cue_lexicon())
    assert match is not None
    assert doc.text[slice(*match.source)] == source
    assert doc.text[slice(*match.content)] == content
    assert doc[match.source_token].text == source.split()[-1]
