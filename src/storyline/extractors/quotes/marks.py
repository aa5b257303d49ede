"""Quotation-mark pairing: which marks open and close a quoted stretch of text.

Works on the raw text, before any parse, and never raises. Handles

* every common style: “…” ‘…’ "…" '…' «…» »…« „…“ ‚…‘ ‹…›, nested quotes of
  the other family (“He said ‘no’.”);
* the news convention for quotes running over several paragraphs: a paragraph
  that ends with the quote still open continues it when the next paragraph
  opens with a mark of the same family;
* two apostrophes as a double mark (''…'', the New York Times style);
* apostrophes (it’s, Sanders’, ’90s, rock ’n’ roll), which are not marks;
* unbalanced marks: an opening mark that is never closed, or a closing mark
  with nothing open, is dropped; the pairs around it are kept.

:func:`quoted_spans` returns :class:`QuotedSpan` records with the offsets of
the marks and of the text inside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Quoted stretches longer than this (characters) are taken as a lost mark.
MAX_QUOTE_CHARS = 4000

_DOUBLE_OPEN = frozenset("“„«")
_DOUBLE_CLOSE = frozenset("”»")
_SINGLE_OPEN = frozenset("‘‚‹")
_SINGLE_CLOSE = frozenset("’›")
_STRAIGHT = frozenset("\"'")
_DOUBLE_MARKS = re.compile("[“„«”»\"]")
_SINGLE_MARKS = re.compile("[‘‚‹’›']")
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n")
#: Two apostrophes standing for a double mark: ''Yes,'' he said.
_DOUBLED = re.compile("''")
#: Apostrophe contractions after a right single mark: ’s ’t ’re ’ve ’ll ’d ’m.
_CONTRACTION_AFTER = re.compile(r"(?:s|t|re|ve|ll|d|m)\b", re.IGNORECASE)
#: Elisions before a word: ’90s, ’em, ’n’, ’tis.
_ELISION = re.compile(r"(?:\d\d|em|n|tis|twas|cause)\b", re.IGNORECASE)


@dataclass(frozen=True)
class QuotedSpan:
    """Text between a pair of quotation marks.

    ``open``/``close`` are the offsets of the marks; ``start``/``end`` delimit
    the quoted text (``start = open + 1``, ``end = close``). ``paragraphs`` is
    the number of paragraphs the quote runs over.
    """

    open: int
    close: int
    family: str  # "double" or "single"
    paragraphs: int = 1

    @property
    def start(self) -> int:
        return self.open + 1

    @property
    def end(self) -> int:
        return self.close


def _role(text: str, i: int) -> str | None:
    """'open', 'close', 'either' or None (not a quotation mark) for the character at i."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in _DOUBLE_OPEN:
        return "open"
    if ch in _DOUBLE_CLOSE:
        return "close"
    if ch in _SINGLE_OPEN:
        if ch == "‘" and prev.isalnum() and nxt.isalnum():
            return None  # a misplaced apostrophe inside a word
        return "open"
    if ch == "’" or ch == "'":
        return _right_single_role(text, i, prev, nxt)
    if ch == "›":
        return "close"
    if ch == '"':
        if prev.isspace() or prev in "([{—–-/" or i == 0:
            return "open"
        if nxt.isspace() or not nxt.isalnum():
            return "close"
        return "either"
    return None


def _right_single_role(text: str, i: int, prev: str, nxt: str) -> str | None:
    """’ and ' are mostly apostrophes; tell them from closing (or straight opening) marks."""
    if prev.isalnum() and nxt.isalnum():
        return None  # it’s, O’Malley
    if prev.isalpha() and _CONTRACTION_AFTER.match(text, i + 1):
        return None
    if _ELISION.match(text, i + 1) and not prev.isalnum():
        return None  # ’90s, ’em
    if prev.lower() == "s" and not nxt.isalnum() and text[i] == "’":
        # plural possessive (Sanders’ plan) or a closing mark after a word ending in s:
        # left to the pairing, which only accepts it when a single quote is open
        return "close"
    if text[i] == "'" and (prev.isspace() or prev in "([{—–-" or i == 0) and nxt.isalnum():
        return "open"
    if not prev.isspace() and (nxt.isspace() or not nxt.isalnum()):
        return "close"
    return None


def _family(ch: str) -> str:
    return "double" if ch in _DOUBLE_OPEN | _DOUBLE_CLOSE | {'"'} else "single"


def _paragraph_ends(text: str) -> list[int]:
    return [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]


def _next_paragraph_opens(text: str, para_end: int, family: str) -> bool:
    """The paragraph after ``para_end`` starts with an opening mark of ``family``."""
    j = para_end
    while j < len(text) and text[j].isspace():
        j += 1
    if text.startswith("''", j):
        return family == "double"
    return j < len(text) and _family(text[j]) == family and _role(text, j) in ("open", "either")


def _doubled_marks(text: str) -> list[tuple[int, str]]:
    """''…'' marks as (offset, role): an opening pair is placed on its second apostrophe
    and a closing pair on its first, so that the quoted text lies between the offsets."""
    out = []
    for m in _DOUBLED.finditer(text):
        prev = text[m.start() - 1] if m.start() else " "
        nxt = text[m.end()] if m.end() < len(text) else " "
        if (prev.isspace() or prev in "([{—–-/") and not nxt.isspace():
            out.append((m.start() + 1, "open"))
        elif not prev.isspace():
            out.append((m.start(), "close"))
    return out


def _in_doubled(text: str, i: int) -> bool:
    return text.startswith("''", i) or (i > 0 and text.startswith("''", i - 1))


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Every well-formed quoted stretch of ``text``, in order of the opening mark."""
    out: list[QuotedSpan] = []
    for family in ("double", "single"):
        out.extend(_pair_family(text, family))
    return sorted(out, key=lambda q: (q.open, -q.close))


def _pair_family(text: str, family: str) -> list[QuotedSpan]:
    chars = _DOUBLE_MARKS if family == "double" else _SINGLE_MARKS
    marks = [(m.start(), role) for m in chars.finditer(text)
             if (role := _role(text, m.start())) is not None
             and not (text[m.start()] == "'" and _in_doubled(text, m.start()))]
    if family == "double" and "''" in text:
        marks = sorted(marks + _doubled_marks(text))
    ends = _paragraph_ends(text)
    pairs: list[QuotedSpan] = []
    open_at: int | None = None
    paragraphs = 1
    para = 0  # index into ends of the paragraph holding the current mark
    for i, role in marks:
        while ends[para] < i:
            # a paragraph ends: an open quote continues only into a paragraph that reopens it
            if open_at is not None:
                if _next_paragraph_opens(text, ends[para], family):
                    paragraphs += 1
                else:
                    open_at = None  # unbalanced: dropped
            para += 1
        if open_at is not None and i - open_at > MAX_QUOTE_CHARS:
            open_at = None  # a lost mark: too long to be one quote
        if open_at is not None and paragraphs > 1 and _is_paragraph_reopen(text, i, ends, para):
            continue  # the mark that reopens a continued quote
        if open_at is not None and text[open_at] in "„‚" and text[i] in "“‘":
            role = "close"  # „…“ (German style)
        if open_at is None:
            if role in ("open", "either"):
                open_at, paragraphs = i, 1
            continue
        if role in ("close", "either"):
            if i > open_at + 1:
                pairs.append(QuotedSpan(open_at, i, family, paragraphs))
            open_at = None
        elif role == "open":
            open_at, paragraphs = i, 1  # the earlier mark was never closed
    return pairs


def _is_paragraph_reopen(text: str, i: int, ends: list[int], para: int) -> bool:
    """Mark i is the first non-space character of its paragraph (para > 0)."""
    if para == 0:
        return False
    j = ends[para - 1]
    while j < len(text) and text[j].isspace():
        j += 1
    return j == i or (text.startswith("''", j) and i == j + 1)
