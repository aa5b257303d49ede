"""Where in a Doc a cue's content could be quoted, or have a "that" complementizer.

The cue model (:mod:`.model`) scores a candidate verb with, among others,
two content features worth much: ``quoted`` (a quotation mark right before
or at the start of the content) and ``that`` (the content's head has a
"that" marker). Before looking for a verb's content, the extractor bounds
what the content can add to its score; these counts make the bound tight
where they can: every content finder of :mod:`.cues` returns tokens of
the subtree of the verb's head (the verb's own subtree, its head's, or a
stretch between their edges), so a content can be quoted only if some token
between the head's left and right edges can start a quoted content, and have
"that" only if a "that" marker lies there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, IDX, LOWER
from spacy.tokens import Doc

#: Characters of the ``quoted`` content feature (:func:`.cue_model.content_features`).
_QUOTE_CHARS = "“\"‘'"
#: Per character code up to U+3001: 1 for what ``str.strip`` removes (all of Unicode's
#: white space lies below), 2 for the quotation marks of the ``quoted`` feature, else 0
#: (the last entry stands for every code above).
_KIND = np.zeros(0x3002, dtype=np.uint8)
_KIND[[c for c in range(0x3001) if chr(c).isspace()]] = 1
_KIND[[ord(c) for c in _QUOTE_CHARS]] = 2


@dataclass(frozen=True)
class ContentScope:
    """Running counts over a Doc's tokens (entry k counts the first k tokens) of the
    tokens a quoted content could start at, and of "that" markers."""

    quote_starts: list[int]
    that_marks: list[int]

    @classmethod
    def of(cls, doc: Doc, text: str) -> ContentScope:
        """The counts of ``doc`` (``text``: ``doc.text``)."""
        arr = doc.to_array([IDX, DEP, LOWER])
        strings = doc.vocab.strings
        that = (arr[:, 1] == strings["mark"]) & (arr[:, 2] == strings["that"])
        quote = _quoted_starts(text, arr[:, 0].astype(np.int64))
        return cls(_running(quote), _running(that))

    def may_quote(self, first: int, last: int) -> bool:
        """Whether a content within tokens ``first``..``last`` may be quoted."""
        return self.quote_starts[last + 1] > self.quote_starts[first]

    def may_that(self, first: int, last: int) -> bool:
        """Whether a content head within tokens ``first``..``last`` may have "that"."""
        return self.that_marks[last + 1] > self.that_marks[first]


def _quoted_starts(text: str, starts: np.ndarray) -> np.ndarray:
    """Per token, whether a content starting at it has the ``quoted`` feature: the first
    character of ``text[start - 1:start + 1]`` that is not white space is a quotation
    mark, or both are white space."""
    if not len(starts):
        return np.zeros(0, dtype=bool)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    top = len(_KIND) - 1
    before = _KIND[np.minimum(codes[np.maximum(starts - 1, 0)], top)]
    at = _KIND[np.minimum(codes[np.minimum(starts, len(codes) - 1)], top)]
    return np.where(before == 1, at > 0, before == 2)


def _running(flags: np.ndarray) -> list[int]:
    """Running counts of ``flags``, from 0."""
    return [0, *np.cumsum(flags, dtype=np.int64).tolist()]
