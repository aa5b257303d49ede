"""A bound on sentence length: where to cut a sentence the parser left too long.

Every extractor walks the dependency tree of a sentence; on a sentence of
thousands of tokens (a text without punctuation, "he said that he said that …",
a list of abbreviations the parser does not split at) some of those walks cost
the square of its length or more. :func:`capped_starts` gives the sentence starts
of a parsed Doc plus cuts inside each sentence longer than ``max_tokens``, so the
Doc can be parsed again with those starts preset (the parser keeps preset starts)
and no sentence is longer than ``max_tokens``. Sentences within the bound are
never touched.
"""

from __future__ import annotations

from spacy.tokens import Doc

#: Tokens after which a cut reads best: clause punctuation, then coordinators.
_CLAUSE_PUNCT = frozenset({",", ";", ":", "—", "–", "-", ")", "(", "\"", "”", "’"})
_COORDINATORS = frozenset({"and", "or", "but", "that", "which", "while"})


def overlong(doc: Doc, max_tokens: int) -> list[tuple[int, int]]:
    """(start, end) token indices of the sentences longer than ``max_tokens``."""
    return [(s.start, s.end) for s in doc.sents if len(s) > max_tokens]


def _cut_after(doc: Doc, start: int, end: int) -> int:
    """Where the piece from ``start`` ends (exclusive, at most ``end``): after the last
    clause punctuation, else the last coordinator, in the second half of the piece; else at
    ``end`` itself."""
    half = start + (end - start) // 2
    for wanted in (_CLAUSE_PUNCT, _COORDINATORS):
        for i in range(end - 1, half, -1):
            if doc[i].lower_ in wanted:
                return i + 1 if wanted is _CLAUSE_PUNCT else i
    return end


def capped_starts(doc: Doc, max_tokens: int) -> list[int]:
    """Token indices that must start a sentence so that none is longer than ``max_tokens``:
    every current sentence start, and cuts inside the sentences longer than that."""
    starts = [s.start for s in doc.sents]
    for start, end in overlong(doc, max_tokens):
        piece = start
        while end - piece > max_tokens:
            cut = _cut_after(doc, piece, piece + max_tokens)
            starts.append(cut)
            piece = cut
    return sorted(set(starts))
