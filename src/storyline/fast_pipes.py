"""Faster stand-ins for the two rule-based pipes of spaCy's English pipelines, same output.

On news text the ``attribute_ruler`` and the rule ``lemmatizer`` of the md
pipeline take about a fifth of its time, as much as all of storyline's own
components: the ruler runs its ~180 token patterns through spaCy's generic
Matcher, which tries every pattern at every token, and the lemmatizer checks
each candidate lemma against a Python *list* of up to 57,000 words.
:func:`speed_up` makes both fast without changing what they compute:

- the ruler's matcher becomes an :class:`IndexedMatcher`: the same patterns,
  indexed by a value each one requires (the word, the tag …), so a token is
  checked only against the patterns that can match it. It handles the pattern
  features English pipelines use (token attributes compared for equality,
  ``IN``, ``NOT_IN``, ``REGEX``; fixed length); a ruler with any other pattern
  keeps spaCy's Matcher. The ruler itself (sorting and applying matches) is
  unchanged.
- the lemmatizer's word index answers membership from a set, and lemmas are
  memoized per (word, part of speech, morphology), everything the ``rule`` and
  ``lookup`` modes read (spaCy's own cache skips base forms).

Only storyline's pipeline gets this (:func:`storyline.nlp.load_pipeline`);
:func:`storyline.nlp.load_model` returns the stock model. A test checks that
both annotate texts identically; ``bench/throughput.py`` times both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, cast

from spacy.attrs import IDS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

#: Token attributes a pattern may test here (``TEXT`` is read as ``ORTH``).
_ATTRIBUTES = ("ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "IS_SPACE")
#: Attributes a pattern is indexed by, most selective first.
_INDEX_BY = ("ORTH", "LOWER", "NORM", "TAG", "POS", "DEP")

#: One test on one token: (column in the attribute table, operator, operand).
_Test = tuple[int, str, Any]
#: One pattern: (match id, tests of each of its tokens).
_Pattern = tuple[int, tuple[tuple[_Test, ...], ...]]


class Unsupported(ValueError):
    """A pattern uses a Matcher feature :class:`IndexedMatcher` does not handle."""


class IndexedMatcher:
    """Drop-in for the ``spacy.matcher.Matcher`` of an attribute ruler (same matches).

    Other attributes (``get``, ``add`` …) are the wrapped Matcher's; adding or
    removing patterns rebuilds the index.
    """

    #: Distinct token rows remembered before the memo starts over.
    MEMO_SIZE = 100_000

    def __init__(self, matcher: Any, vocab: Any, keys: Iterable[str]):
        self.matcher = matcher
        self.vocab = vocab
        self.keys = list(keys)
        self._build()

    def _build(self) -> None:
        parsed: list[tuple[int, list[list[tuple[int, str, Any]]]]] = []
        for key in self.keys:
            callback, patterns = self.matcher.get(key)
            if callback is not None:
                raise Unsupported("on_match callback")
            match_id = self.vocab.strings.add(key)
            # the Matcher never returns an empty match
            parsed += [(match_id, [_token_tests(spec, self.vocab.strings) for spec in p])
                       for p in patterns if p]
        self.attrs: list[int | str] = sorted(
            {a for _, tokens in parsed for tests in tokens for a, _, _ in tests})
        column = {a: n for n, a in enumerate(self.attrs)}
        self.index: dict[tuple[int, int], list[_Pattern]] = {}
        self.unindexed: list[_Pattern] = []
        for match_id, tokens in parsed:
            pattern: _Pattern = (match_id, tuple(tuple((column[a], op, v) for a, op, v in tests)
                                                 for tests in tokens))
            slot = _index_slot(tokens[0])
            if slot is None:
                self.unindexed.append(pattern)
            else:
                self.index.setdefault((column[slot[0]], slot[1]), []).append(pattern)
        self.columns = sorted({c for c, _ in self.index})
        # token row -> (ids of the one-token patterns it matches,
        #               longer patterns whose first token it matches)
        self._memo: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[_Pattern, ...]]] = {}

    def _starting(self, row: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[_Pattern, ...]]:
        """The patterns a token with attribute values ``row`` can start (memoized: a
        token's tests read nothing but its row)."""
        found = self._memo.get(row)
        if found is None:
            candidates = list(self.unindexed)
            for c in self.columns:
                candidates += self.index.get((c, row[c]), ())
            strings = self.vocab.strings
            starting = [p for p in candidates if _passes(row, p[1][0], strings)]
            found = (tuple(m for m, tokens in starting if len(tokens) == 1),
                     tuple(p for p in starting if len(p[1]) > 1))
            if len(self._memo) >= self.MEMO_SIZE:
                self._memo.clear()
            self._memo[row] = found
        return found

    def __call__(self, doc: Doc, *, allow_missing: bool = False, as_spans: bool = False,
                 **kwargs: Any) -> list[tuple[int, int, int]]:
        if as_spans or kwargs or not isinstance(doc, Doc):
            return self.matcher(doc, allow_missing=allow_missing, as_spans=as_spans,
                                **kwargs)
        n = len(doc)
        if not n or not self.attrs:
            return []
        table = doc.to_array(self.attrs).reshape(n, len(self.attrs)).tolist()
        rows = cast(list[tuple[int, ...]], list(map(tuple, table)))
        strings = doc.vocab.strings
        found: dict[tuple[int, int, int], None] = {}
        for start, row in enumerate(rows):
            singles, longer = self._starting(row)
            for match_id in singles:
                found[(match_id, start, start + 1)] = None
            for match_id, tokens in longer:
                end = start + len(tokens)
                if end <= n and all(_passes(rows[start + k], tokens[k], strings)
                                    for k in range(1, len(tokens))):
                    found[(match_id, start, end)] = None
        return list(found)

    def add(self, key: str | int, *args: Any, **kwargs: Any) -> None:
        self.matcher.add(key, *args, **kwargs)
        name = key if isinstance(key, str) else self.vocab.strings[key]
        if name not in self.keys:
            self.keys.append(name)
        self._build()

    def remove(self, key: str | int) -> None:
        self.matcher.remove(key)
        name = key if isinstance(key, str) else self.vocab.strings[key]
        self.keys = [k for k in self.keys if k != name]
        self._build()

    def __len__(self) -> int:
        return len(self.matcher)

    def __contains__(self, key: object) -> bool:
        return key in self.matcher

    def __getattr__(self, name: str) -> Any:
        return getattr(self.matcher, name)


def _token_tests(spec: Mapping[str, Any], strings: Any) -> list[tuple[int, str, Any]]:
    """The tests of one token spec, as the Matcher reads it (attribute ids, string ids)."""
    tests: list[_Test] = []
    for name, value in spec.items():
        attr = name.upper()
        attr = "ORTH" if attr == "TEXT" else attr
        if attr not in _ATTRIBUTES:
            raise Unsupported(name)
        aid = IDS[attr]
        if isinstance(value, bool):
            tests.append((aid, "==", int(value)))
        elif isinstance(value, str):
            tests.append((aid, "==", strings.add(value)))
        elif isinstance(value, dict) and len(value) == 1:
            op, operand = next(iter(value.items()))
            if op in ("IN", "NOT_IN") and isinstance(operand, list) \
                    and all(isinstance(v, str) for v in operand):
                tests.append((aid, op, frozenset(get_string_id(v) for v in operand)))
            elif op == "REGEX" and isinstance(operand, str):
                tests.append((aid, op, re.compile(operand)))
            else:
                raise Unsupported(f"{name}: {op}")
        else:
            raise Unsupported(f"{name}: {value!r}")
    return tests


def _index_slot(tests: list[tuple[int, str, Any]]) -> tuple[int, int] | None:
    """(attribute, value) a pattern's first token must have, by :data:`_INDEX_BY` order."""
    for attr in _INDEX_BY:
        for aid, op, value in tests:
            if aid == IDS[attr] and op == "==":
                return aid, value
    return None


def _passes(row: Sequence[int], tests: tuple[_Test, ...], strings: Any) -> bool:
    for column, op, operand in tests:
        value = row[column]
        if op == "==":
            if value != operand:
                return False
        elif op == "IN":
            if value not in operand:
                return False
        elif op == "NOT_IN":
            if value in operand:
                return False
        elif not operand.search(strings[value]):
            return False
    return True


class _WordList(list[str]):
    """A list of words whose membership test is a set lookup (serializes as a list)."""

    def __init__(self, words: Iterable[str]):
        super().__init__(words)
        self._set = frozenset(self)

    def __contains__(self, word: object) -> bool:
        return word in self._set


def _memoized(lemmatize: Callable[[Token], list[str]]) -> Callable[[Token], list[str]]:
    memo: dict[tuple[int, int, int], list[str]] = {}

    def lemmas(token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
        found = memo.get(key)
        if found is None:
            found = memo[key] = lemmatize(token)
        return found

    return lemmas


def _speed_up_ruler(ruler: AttributeRuler) -> bool:
    if isinstance(ruler.matcher, IndexedMatcher):
        return True
    try:
        # a drop-in: the ruler only calls the matcher and its add/remove/len
        ruler.matcher = IndexedMatcher(  # type: ignore[assignment]
            ruler.matcher, ruler.vocab, (str(i) for i in range(len(ruler.attrs))))
    except Unsupported:
        return False
    return True


def _speed_up_lemmatizer(lemmatizer: Lemmatizer) -> bool:
    if type(lemmatizer) not in (Lemmatizer, EnglishLemmatizer) \
            or lemmatizer.mode not in ("rule", "lookup"):
        return False
    if "lemma_index" in lemmatizer.lookups:
        table = lemmatizer.lookups.get_table("lemma_index")
        for key in list(table.keys()):
            if isinstance(table[key], list) and not isinstance(table[key], _WordList):
                table[key] = _WordList(table[key])
    if not getattr(lemmatizer.lemmatize, "storyline_memoized", False):
        lemmatize = _memoized(lemmatizer.lemmatize)
        lemmatize.storyline_memoized = True  # type: ignore[attr-defined]
        lemmatizer.lemmatize = lemmatize  # type: ignore[assignment]
    return True


def speed_up(nlp: Language) -> list[str]:
    """Make the pipeline's attribute ruler and lemmatizer fast (in place); the names of
    the pipes sped up."""
    done = []
    for name, pipe in nlp.pipeline:
        ruler = isinstance(pipe, AttributeRuler) and _speed_up_ruler(pipe)
        if ruler or (isinstance(pipe, Lemmatizer) and _speed_up_lemmatizer(pipe)):
            done.append(name)
    return done
