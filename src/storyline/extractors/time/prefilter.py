"""Where each rule of the temporal grammar can match: a prefilter for speed.

Running every rule's regex over a whole article costs more than the parse.
Instead, each rule's compiled pattern is analysed once (with Python's own
regex parser) for the *triggers* every match must contain: a literal word
("ago") or a word of a class ("April" for ``<month>``). Per article, the text
is split into words once; a rule then runs only in windows around the
occurrences of its triggers, and not at all when none occurs. A rule whose
matches need no word (``1954``, ``12/25/2024``) runs over the whole text.

The analysis is conservative: when it cannot prove a trigger, the rule runs
everywhere. Results are the same as a full scan (a test checks this).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

try:  # the regex parser of the standard library (private, but stable since 3.11)
    from re import _constants as _C  # type: ignore[attr-defined]
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python implementations: no prefilter
    _sre = None
    _C = None

#: A trigger: ("lit", word prefix), ("cls", word class name) or ("digit", "").
Trigger = tuple[str, str]
DIGIT: Trigger = ("digit", "")
DIGIT_SET = frozenset({DIGIT})

_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s")
_REPEATS = tuple(x for x in (getattr(_C, "MAX_REPEAT", None), getattr(_C, "MIN_REPEAT", None),
                             getattr(_C, "POSSESSIVE_REPEAT", None)) if x is not None)
#: Characters of text kept before and after a trigger occurrence.
MARGIN_BEFORE = 70
MARGIN_AFTER = 70


def analyse(source: str, group_triggers: Mapping[str, frozenset[Trigger] | None],
            weight: Callable[[Trigger], int]) -> frozenset[Trigger] | None:
    """The cheapest set of triggers one of which every match of ``source`` contains.

    ``source`` is a pattern whose class macros are named groups (around stand-ins);
    ``group_triggers`` gives what each class's matches contain; ``weight`` rates how
    common a trigger is. None: no trigger is certain (the rule must see the whole text).
    """
    if _sre is None:
        return None
    try:
        parsed = _sre.parse(source)
    except Exception:  # unparsable here means no prefilter, never an error
        return None
    names = {index: name for name, index in parsed.state.groupdict.items()}
    return _Analysis(names, group_triggers, weight).sequence(list(parsed), True)[0]


class _Analysis:
    """Walks a parsed regex, tracking whether the position is at the start of a word."""

    def __init__(self, names: Mapping[int, str],
                 group_triggers: Mapping[str, frozenset[Trigger] | None],
                 weight: Callable[[Trigger], int]):
        self.names = names
        self.group_triggers = group_triggers
        self.weight = weight

    def best(self, options: list[frozenset[Trigger]]) -> frozenset[Trigger] | None:
        return min(options, key=lambda o: sum(self.weight(t) for t in o)) if options else None

    def sequence(self, items: list[tuple[Any, Any]], at_start: bool
                 ) -> tuple[frozenset[Trigger] | None, bool]:
        """(triggers, whether the sequence ends at a word start) of a concatenation."""
        options: list[frozenset[Trigger]] = []
        word: list[str] = []
        run_ok = False          # the pending literal run begins a word

        def flush() -> None:
            if len(word) >= 2 and run_ok:
                options.append(frozenset({("lit", "".join(word))}))
            word.clear()

        for op, av in items:
            if op is _C.LITERAL and chr(av).isalpha():
                if not word:
                    run_ok = at_start
                word.append(chr(av).lower())
                at_start = False
                continue
            if op is _C.BRANCH and word:
                # the parser factors a common prefix out of alternatives (this|the ->
                # th(is|e)): the words are the prefix plus each branch's leading letters
                whole = {"".join(word) + _leading_letters(b) for b in av[1]}
                if run_ok and all(len(w) >= 2 for w in whole):
                    options.append(frozenset(("lit", w) for w in whole))
                word.clear()
            else:
                flush()
            found, at_start = self.item(op, av, at_start)
            if found:
                options.append(found)
        flush()
        return self.best(options), at_start

    def item(self, op: Any, av: Any, at_start: bool) -> tuple[frozenset[Trigger] | None, bool]:
        """(triggers, word-start state after) of one element other than a letter."""
        if op is _C.LITERAL:
            digit = chr(av).isdigit()
            return (DIGIT_SET if digit else None), not digit   # a space or hyphen ends a word
        if op is _C.IN:
            return (DIGIT_SET if _only_digits(av) else None), not _class_has_letters(av)
        if op is _C.CATEGORY:
            return (DIGIT_SET if av is _C.CATEGORY_DIGIT else None), av is _C.CATEGORY_SPACE
        if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
            return None, at_start
        if op is _C.SUBPATTERN:
            group, _, _, sub = av
            name = self.names.get(group) if group else None
            if name is not None and name in self.group_triggers:
                # a class: a word of it counts only where a word starts; a digit anywhere
                found = self.group_triggers[name]
                if found and not at_start and any(t[0] != "digit" for t in found):
                    found = None
                return found, True
            return self.sequence(list(sub), at_start)
        if op is _C.BRANCH:
            results = [self.sequence(list(b), at_start) for b in av[1]]
            union: frozenset[Trigger] | None = frozenset()
            for branch, _ in results:
                # every alternative must bring a trigger, else nothing is certain
                union = None if branch is None or union is None else union | branch
            return (union or None), all(end for _, end in results)
        if op in _REPEATS:
            low, _, sub = av
            inner, end = self.sequence(list(sub), at_start)
            return (inner if low >= 1 else None), (end if low >= 1 else at_start and end)
        return None, False


def _only_digits(items: Iterable[tuple[Any, Any]]) -> bool:
    """Whether a character class [...] matches digits only."""
    for op, av in items:
        if op is _C.LITERAL and chr(av).isdigit():
            continue
        if op is _C.RANGE and all(chr(c).isdigit() for c in (av[0], av[1])):
            continue
        if op is _C.CATEGORY and av is _C.CATEGORY_DIGIT:
            continue
        return False
    return True


def _class_has_letters(items: Iterable[tuple[Any, Any]]) -> bool:
    """Whether a character class [...] can match a letter (then it may extend a word)."""
    for op, av in items:
        if op is _C.LITERAL and chr(av).isalpha():
            return True
        if op is _C.RANGE and any(chr(c).isalpha()
                                  for c in range(av[0], min(av[1], av[0] + 200) + 1)):
            return True
        if op is _C.CATEGORY and av in (_C.CATEGORY_WORD, _C.CATEGORY_NOT_DIGIT,
                                        _C.CATEGORY_NOT_SPACE):
            return True
        if op is _C.NEGATE:
            return True
    return False


def _leading_letters(items: Iterable[tuple[Any, Any]]) -> str:
    letters = []
    for op, av in items:
        if op is not _C.LITERAL or not chr(av).isalpha():
            break
        letters.append(chr(av).lower())
    return "".join(letters)


@dataclass(frozen=True)
class TriggerIndex:
    """Grammar-wide lookup tables: which text words fire which triggers."""

    class_words: Mapping[str, frozenset[str]]    # first word of a class entry -> classes
    heads: Mapping[str, tuple[str, ...]]         # literal triggers by their first two letters


def trigger_index(literals: Iterable[str],
                  class_words: Mapping[str, Iterable[str]]) -> TriggerIndex:
    """The lookup tables for literal word triggers and class-word triggers."""
    heads: dict[str, list[str]] = {}
    for lit in sorted(set(literals)):
        heads.setdefault(lit[:2], []).append(lit)
    return TriggerIndex({w: frozenset(c) for w, c in class_words.items()},
                        {k: tuple(v) for k, v in heads.items()})


def key_word(entry: str) -> str | None:
    """The word of a class entry looked for in texts: its longest (likely rarest) word."""
    words = _WORD.findall(entry.lower())
    return max(words, key=len) if words else None


class TextTriggers:
    """The trigger occurrences of one text (built once per article)."""

    def __init__(self, text: str, index: TriggerIndex):
        self.text = text
        self.positions: dict[Trigger, list[int]] = {}
        self._windows: dict[frozenset[Trigger], list[tuple[int, int]]] = {}
        class_words, heads = index.class_words, index.heads
        positions = self.positions
        digits: list[int] = []
        for m in _WORD.finditer(text.lower()):
            w = m.group()
            if w[0].isdigit() or w[-1].isdigit():
                digits.append(m.start())
            for lit in heads.get(w[:2], ()):
                if w.startswith(lit):
                    positions.setdefault(("lit", lit), []).append(m.start())
            for cls in class_words.get(w, ()):
                positions.setdefault(("cls", cls), []).append(m.start())
        positions[DIGIT] = digits

    def windows(self, triggers: frozenset[Trigger] | None) -> list[tuple[int, int]]:
        """Spans of text a rule with these triggers must be run on ([] = nowhere)."""
        if triggers is None:
            return [(0, len(self.text))]
        cached = self._windows.get(triggers)
        if cached is None:
            cached = self._windows[triggers] = self._spans(triggers)
        return cached

    def _spans(self, triggers: frozenset[Trigger]) -> list[tuple[int, int]]:
        n = len(self.text)
        starts = sorted({p for t in triggers for p in self.positions.get(t, ())})
        spans: list[tuple[int, int]] = []
        for p in starts:
            lo = max(0, p - MARGIN_BEFORE)
            m = _SPACE.search(self.text, min(n, p + MARGIN_AFTER))
            hi = m.start() if m else n
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
            else:
                spans.append((lo, hi))
        return spans
