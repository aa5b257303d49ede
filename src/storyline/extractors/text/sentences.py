"""Sentence boundaries that survive real news text.

spaCy's parser decides most boundaries; these rules add the ones it misses on
wire copy: line breaks after a finished sentence or after a headline, and blank
lines (paragraph breaks). A single line break inside a sentence (hard-wrapped
text, as in TimeBank) is not a boundary.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from .doc_cache import doc_text

_FINAL = frozenset(".!?:;\"”’'»)")
_HEADLINE_MAX_TOKENS = 14
_NEWLINE = re.compile("\n")


def _line_is_headline(words: list[str]) -> bool:
    """A short line whose content words are capitalized ('Zelenskyy Points Finger at Moscow')."""
    alpha = [w for w in words if w[:1].isalpha()]
    if not alpha or len(words) > _HEADLINE_MAX_TOKENS:
        return False
    long_words = [w for w in alpha if len(w) > 3]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


def sentence_starts(doc: Doc) -> Iterator[int]:
    """Indices of tokens that must start a sentence.

    The parser keeps boundaries set before it runs, so a component placed
    before the parser can pass these on. Only the tokens holding a line break
    are looked at (found in the text, not by walking every token).
    """
    n = len(doc)
    if not n:
        return
    offsets = doc.to_array(IDX).tolist()
    breaking = sorted({bisect_right(offsets, m.start()) - 1
                       for m in _NEWLINE.finditer(doc_text(doc))})
    line_start = 0      # first token of the current line
    for i in breaking:
        if i + 1 >= n:
            continue
        tok = doc[i]
        last = tok if not tok.is_space else _last_word(doc, i)
        nxt = _next_word(doc, i + 1)
        if nxt is None:
            continue
        # paragraph break: a blank line always ends the sentence
        paragraph = "\n\n" in (tok.text + tok.whitespace_).replace("\r", "").replace(" ", "")
        # finished sentence at the end of a line
        finished = last is not None and last.text[-1:] in _FINAL
        # headline or title line: no final punctuation, capitalized words, next line capitalized
        if paragraph or finished or (
                last is not None and nxt.text[:1].isupper()
                and _line_is_headline(_words(doc, line_start, i + 1))):
            yield nxt.i
        line_start = i + 1


def _words(doc: Doc, start: int, end: int) -> list[str]:
    """The texts of the non-space tokens start..end (exclusive)."""
    return [t.text for t in doc[start:end] if not t.is_space]


def _last_word(doc: Doc, i: int) -> Token | None:
    for j in range(i, -1, -1):
        if not doc[j].is_space:
            return doc[j]
    return None


def _next_word(doc: Doc, i: int) -> Token | None:
    for j in range(i, len(doc)):
        if not doc[j].is_space:
            return doc[j]
    return None
