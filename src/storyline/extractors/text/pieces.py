"""Cutting a very long text into pieces the model parses one at a time.

spaCy's cost per character grows with the length of one Doc (its arrays outgrow
the caches: per 10,000 characters the md model's tok2vec, parser and NER took
2.4 times as long at 10^6 characters as at 10^5). A text longer than
``storyline.nlp.LONG_TEXT_CHARS`` is parsed in pieces, which are then joined into
one Doc for the extractors. The cuts fall where a piece boundary changes least: after
the last blank line of the piece (a paragraph break, where a sentence always ends),
else after its last line break, else after its last space; a piece with none of these
is cut at its size.
"""

from __future__ import annotations

_SEPARATORS = ("\n\n", "\n", " ")


def text_pieces(text: str, size: int) -> list[str]:
    """``text`` as consecutive pieces of at most ``size`` characters (plus the whitespace
    after a cut), which joined give ``text`` back."""
    size = max(int(size), 1)
    pieces: list[str] = []
    pos = 0
    while len(text) - pos > size:
        window = text[pos:pos + size]
        end = pos + size
        for sep in _SEPARATORS:
            k = window.rfind(sep)
            # the last separator of the strongest kind in the window: cut after it
            if k > 0:
                end = pos + k + len(sep)
                break
        while end < len(text) and text[end].isspace():
            end += 1
        pieces.append(text[pos:end])
        pos = end
    if pos < len(text) or not pieces:
        pieces.append(text[pos:])
    return pieces
