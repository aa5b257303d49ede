"""Sentence boundaries that survive real news text.

spaCy's parser decides most boundaries; these rules add the ones it misses on
wire copy: line breaks after a finished sentence or after a headline, and blank
lines (paragraph breaks). A single line break inside a sentence (hard-wrapped
text, as in TimeBank) is not a boundary.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

_FINAL = frozenset(".!?:;\"”’'»)")
_HEADLINE_MAX_TOKENS = 14


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
    before the parser can pass these on.
    """
    line_words: list[str] = []
    for i, tok in enumerate(doc):
        breaks = tok.text.count("\n") + tok.whitespace_.count("\n")
        if not tok.is_space:
            line_words.append(tok.text)
        if not breaks or i + 1 >= len(doc):
            continue
        last = tok if not tok.is_space else _last_word(doc, i)
        nxt = _next_word(doc, i + 1)
        if nxt is None:
            continue
        # paragraph break: a blank line always ends the sentence
        paragraph = "\n\n" in (tok.text + tok.whitespace_).replace("\r", "").replace(" ", "")
        # finished sentence at the end of a line
        finished = last is not None and last.text[-1:] in _FINAL
        # headline or title line: no final punctuation, capitalized words, next line capitalized
        headline = (
            last is not None
            and nxt.text[:1].isupper()
            and _line_is_headline(line_words)
        )
        if paragraph or finished or headline:
            yield nxt.i
        line_words = []


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
