"""The temporal grammar: word classes and pattern rules loaded from data.

The grammar of one language lives in ``resources/<lang>/time/``:

- ``lexicon.yaml``: *word classes* (months, weekdays, units, number words …),
  each a table from surface form to value, or a token regex with a conversion;
- ``rules/*.yaml`` (listed in ``grammar.yaml``): *rules*, each a pattern over
  the text written with class macros plus the TIMEX3 type and a normalization
  *frame* (see :mod:`storyline.extractors.time.normalize`).

Pattern syntax (a regular expression with three conveniences):

- ``<name:class>`` captures one occurrence of a word class as ``name``;
  ``<class>`` matches it without capturing;
- a space matches any run of whitespace; ``~`` matches a hyphen or whitespace;
- the whole pattern must start and end on word boundaries.

Nothing in this module knows a word of any language: it compiles whatever the
data says. Matching is case-insensitive except for class entries listed as
``case_sensitive`` (``May``, ``March``), and a class may reject tokens by
part-of-speech tag (``reject_tags``), checked against the parsed Doc.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from typing import Any

from ... import resources
from .prefilter import Trigger, TriggerIndex, analyse, key_word, trigger_index

_SEP = re.compile(r"[\s\-–—]+")
_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})
_MACRO = re.compile(r"(?<!\?P)<(?:(\w+):)?(\w+)>")


def norm_key(text: str) -> str:
    """Lookup key of a surface form: lowercase, straight quotes, one space between words."""
    return _SEP.sub(" ", text.translate(_APOS).lower()).strip()


class GrammarError(ValueError):
    """The grammar data is malformed (raised when it is compiled, never per document)."""


@dataclass(frozen=True)
class NumberWords:
    """Spelled-out numbers of a language (``twenty-four``, ``two thousand``, ``a``)."""

    units: Mapping[str, Fraction]
    tens: Mapping[str, Fraction]
    scales: Mapping[str, Fraction]
    fractions: Mapping[str, Fraction]
    vague: frozenset[str]
    joiners: frozenset[str]
    articles: Mapping[str, Fraction] = field(default_factory=dict)

    def parse(self, text: str) -> Fraction | str | None:
        """The value of a number phrase: a Fraction, ``"X"`` for vague ones, or None."""
        key = norm_key(text).replace(",", "")
        if key in self.vague:
            return "X"
        words = key.split()
        total, current, seen, i = Fraction(0), Fraction(0), False, 0
        while i < len(words):
            phrase, value, kind = self._longest(words, i)
            if phrase == 0:
                word = words[i]
                if re.fullmatch(r"\d+(?:\.\d+)?", word):
                    value, kind, phrase = Fraction(word), "units", 1
                elif re.fullmatch(r"\d+/\d+", word) and not word.endswith("/0"):
                    num, den = word.split("/")
                    value, kind, phrase = Fraction(int(num), int(den)), "units", 1
                else:
                    return None
            i += phrase
            if kind == "joiners":
                continue
            assert value is not None
            if kind == "scales":
                current = (current or 1) * value
                if value >= 1000:
                    total, current = total + current, Fraction(0)
            elif kind == "fractions" and not seen:
                current = value
            else:
                current += value
            seen = True
        return total + current if seen else None

    def _longest(self, words: list[str], i: int) -> tuple[int, Fraction | None, str]:
        """The longest phrase of the tables starting at word ``i``: (length, value, table)."""
        for n in range(min(4, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + n])
            for kind in ("units", "tens", "scales", "fractions", "articles"):
                table: Mapping[str, Any] = getattr(self, kind)
                if phrase in table:
                    return n, Fraction(table[phrase]), kind
            if phrase in self.joiners:
                return n, None, "joiners"
        return 0, None, ""

    def alternation(self) -> str:
        words = [*self.units, *self.tens, *self.scales, *self.fractions]
        return "|".join(_entry_regex(w) for w in sorted(words, key=len, reverse=True))

    def regex(self) -> str:
        """A number phrase: vague words, an article (before a scale), digits or number words."""
        word = self.alternation()
        joiner = "|".join(_entry_regex(j) for j in sorted(self.joiners, key=len, reverse=True))
        digits = r"\d+(?:[.,]\d+)*(?:\s+\d+/\d+)?|\d+/\d+"
        scales = "|".join(_entry_regex(w) for w in sorted(self.scales, key=len, reverse=True))
        articles = "|".join(_entry_regex(w) for w in sorted(self.articles, key=len, reverse=True))
        alts = []
        if self.vague:
            vague = sorted(self.vague, key=len, reverse=True)
            alts.append("|".join(_entry_regex(v) for v in vague))
        alts.append(f"(?:(?:{digits}|{word})(?:[\\s\\-]+(?:(?:{joiner})\\s+)?(?:{word}))*)")
        if articles:
            tail = f"(?:[\\s\\-]+(?:{scales}))?" if scales else ""
            alts.append(f"(?:{articles}){tail}")
        return "|".join(f"(?:{a})" for a in alts)


@dataclass(frozen=True)
class WordClass:
    """One class of the lexicon: its regex and how a matched text maps to a value."""

    name: str
    regex: str
    values: Mapping[str, Any] = field(default_factory=dict)
    convert: str | None = None
    reject_tags: Mapping[str, frozenset[str]] = field(default_factory=dict)
    words_only: bool = False        # matches nothing but its listed words

    def value(self, text: str, numbers: NumberWords) -> Any:
        """The value of a text this class matched (None if it has none)."""
        key = norm_key(text)
        if key in self.values:
            return self.values[key]
        if self.convert == "int":
            m = re.search(r"\d+", text)
            return int(m.group()) if m else None
        if self.convert == "number":
            return numbers.parse(text)
        if self.convert == "text":
            return text
        return None


@dataclass(frozen=True)
class Rule:
    """A compiled pattern with its TIMEX3 type and normalization frame(s)."""

    id: str
    regex: re.Pattern[str]
    type: str | None                    # None: a negative rule (claims the span, emits nothing)
    frame: Mapping[str, Any]
    captures: Mapping[str, str]         # capture name -> word class name
    emit: tuple[Mapping[str, Any], ...]  # several timexes from one match (ranges)
    priority: int = 0
    before: re.Pattern[str] | None = None
    not_before: re.Pattern[str] | None = None
    after: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None
    guard_counted_noun: bool = False
    #: words one of which every match contains (None: may match anywhere), see time_prefilter
    triggers: frozenset[Trigger] | None = None


@dataclass(frozen=True)
class Grammar:
    """Everything the tagger needs for one language."""

    lang: str
    classes: Mapping[str, WordClass]
    numbers: NumberWords
    rules: tuple[Rule, ...]
    tables: Mapping[str, Any]
    extensions: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = ()
    triggers: TriggerIndex = field(default_factory=lambda: TriggerIndex({}, {}))

    def class_value(self, cls: str, text: str) -> Any:
        return self.classes[cls].value(text, self.numbers)


def _entry_regex(entry: str, case_sensitive: bool = False) -> str:
    parts = [re.escape(p) for p in _SEP.split(entry.translate(_APOS).strip()) if p]
    body = r"[\s\-]*".join(parts) if entry.strip().endswith(".") else r"[\s\-]+".join(parts)
    body = body.replace("'", "['’]")
    return f"(?-i:{body})" if case_sensitive else body


def _words_class(name: str, spec: Mapping[str, Any]) -> WordClass:
    raw = spec.get("values") or {}
    if not isinstance(raw, Mapping):
        raise GrammarError(f"class {name}: 'values' must be a mapping")
    sensitive = {norm_key(str(k)): str(k) for k in spec.get("case_sensitive") or ()}
    values = {norm_key(str(k)): v for k, v in raw.items()}
    entries = sorted(raw, key=lambda k: len(str(k)), reverse=True)
    alts = [_entry_regex(sensitive.get(norm_key(str(e)), str(e)), norm_key(str(e)) in sensitive)
            for e in entries]
    extra = spec.get("regex")
    if extra:
        alts.append(f"(?:{extra})")
    reject = {norm_key(k): frozenset(v) for k, v in (spec.get("reject_tags") or {}).items()}
    return WordClass(name, "|".join(alts), values, spec.get("convert"), reject,
                     words_only=bool(values) and not extra)


def _number_words(spec: Mapping[str, Any]) -> NumberWords:
    def table(key: str) -> dict[str, Fraction]:
        return {norm_key(k): Fraction(str(v)) for k, v in (spec.get(key) or {}).items()}

    return NumberWords(table("units"), table("tens"), table("scales"), table("fractions"),
                       frozenset(norm_key(v) for v in spec.get("vague") or ()),
                       frozenset(norm_key(v) for v in spec.get("joiners") or ()),
                       table("articles"))


def _classes(lexicon: Mapping[str, Any], numbers: NumberWords) -> dict[str, WordClass]:
    classes: dict[str, WordClass] = {}
    for name, spec in (lexicon.get("classes") or {}).items():
        if not isinstance(spec, Mapping):
            raise GrammarError(f"class {name}: expected a mapping")
        if spec.get("kind") == "number":
            classes[name] = WordClass(name, numbers.regex(), {}, "number")
        else:
            classes[name] = _words_class(name, spec)
    return classes


def _expand(pattern: str, classes: Mapping[str, WordClass], rule_id: str,
            placeholders: bool = False) -> tuple[str, dict[str, str]]:
    """The regex of a pattern and its captures (name -> class). ``placeholders``: for
    the prefilter analysis, every macro becomes a named group (``_k0`` … when not
    captured) around a one-character stand-in for the class's regex."""
    captures: dict[str, str] = {}
    counter = iter(range(10_000))

    def macro(m: re.Match[str]) -> str:
        cap, cls = m.group(1), m.group(2)
        if cls not in classes:
            raise GrammarError(f"rule {rule_id}: unknown class <{cls}>")
        body = r"\x00" if placeholders else classes[cls].regex
        if not cap and placeholders:
            cap = f"_k{next(counter)}"
        if cap:
            captures[cap] = cls
            return f"(?P<{cap}>{body})"
        return f"(?:{body})"

    # spaces and '~' are rewritten outside macros only: split on macros first
    out: list[str] = []
    pos = 0
    for m in _MACRO.finditer(pattern):
        out.append(_spacing(pattern[pos:m.start()]))
        out.append(macro(m))
        pos = m.end()
    out.append(_spacing(pattern[pos:]))
    return "".join(out), captures


def _spacing(chunk: str) -> str:
    """Pattern spacing: ``" ?"`` optional whitespace, ``" "`` whitespace, ``~`` hyphen or space."""
    chunk = chunk.replace("~", r"(?:\s*[-–]\s*|\s+)")
    chunk = chunk.replace(" ?", r"\s*")
    return re.sub(r" +", r"\\s+", chunk)


def _opt_regex(value: Any) -> re.Pattern[str] | None:
    return re.compile(value, re.IGNORECASE) if value else None


def _rule(spec: Mapping[str, Any], classes: Mapping[str, WordClass],
          weight: Callable[[Trigger], int] | None = None,
          class_triggers: Mapping[str, frozenset[Trigger] | None] | None = None) -> Rule:
    rid = str(spec.get("id") or spec.get("pattern"))
    pattern = spec.get("pattern")
    if not isinstance(pattern, str) or not pattern.strip():
        raise GrammarError(f"rule {rid}: missing pattern")
    body, captures = _expand(pattern.strip(), classes, rid)
    try:
        regex = re.compile(rf"(?<![\w.])(?:{body})(?!\w)", re.IGNORECASE)
    except re.error as exc:
        raise GrammarError(f"rule {rid}: {exc}") from exc
    kind = spec.get("type")
    if kind not in {"DATE", "TIME", "DURATION", "SET", None, "NONE"}:
        raise GrammarError(f"rule {rid}: unknown type {kind!r}")
    triggers = None
    if weight is not None:
        if class_triggers is None:
            class_triggers = {n: _class_triggers(c, weight) for n, c in classes.items()}
        marked, groups = _expand(pattern.strip(), classes, rid, placeholders=True)
        triggers = analyse(marked, {g: class_triggers[c] for g, c in groups.items()}, weight)
    return Rule(
        id=rid, regex=regex, type=None if kind in (None, "NONE") else kind,
        frame=spec.get("value") or {}, captures=captures,
        emit=tuple(spec.get("emit") or ()), priority=int(spec.get("priority", 0)),
        before=_opt_regex(spec.get("before")), not_before=_opt_regex(spec.get("not_before")),
        after=_opt_regex(spec.get("after")), not_after=_opt_regex(spec.get("not_after")),
        guard_counted_noun=bool(spec.get("guard_counted_noun")), triggers=triggers,
    )


def _class_triggers(cls: WordClass, weight: Callable[[Trigger], int]) -> frozenset[Trigger] | None:
    """What any match of a class contains: one of its words, or a digit, or nothing sure."""
    if cls.words_only:
        return frozenset({("cls", cls.name)})
    return analyse(cls.regex, {}, weight)


def _trigger_index(classes: Mapping[str, WordClass], rules: Iterable[Rule]) -> TriggerIndex:
    literals = {t[1] for r in rules for t in r.triggers or () if t[0] == "lit"}
    used = {t[1] for r in rules for t in r.triggers or () if t[0] == "cls"}
    class_words: dict[str, set[str]] = {}
    for name in used:
        for entry in classes[name].values:
            word = key_word(entry)
            if word:
                class_words.setdefault(word, set()).add(name)
    return trigger_index(literals, class_words)


def _weights(classes: Mapping[str, WordClass], common: frozenset[str]) -> Callable[[Trigger], int]:
    """How common a trigger is (lower is rarer): common words weigh 1000, others 1."""
    def weight(trigger: Trigger) -> int:
        kind, name = trigger
        if kind == "digit":
            return 50    # numbers are frequent in news, but rarer than common words
        if kind == "lit":
            return 1000 if name in common or len(name) < 3 else 1
        words = {key_word(e) for e in classes[name].values}
        return sum(1000 if w in common else 1 for w in words if w)
    return weight


def load_grammar(lang: str = resources.DEFAULT_LANG) -> Grammar:
    """The compiled temporal grammar of ``lang`` (loaded once per process)."""
    return _load_grammar(lang)


@cache
def _load_grammar(lang: str) -> Grammar:
    manifest = resources.load_yaml("time/grammar.yaml", lang)
    lexicon = resources.load_yaml("time/lexicon.yaml", lang)
    numbers = _number_words(lexicon.get("numbers") or {})
    classes = _classes(lexicon, numbers)
    weight = _weights(classes, frozenset(norm_key(w) for w in manifest.get("common_words") or ()))
    class_triggers = {name: _class_triggers(cls, weight) for name, cls in classes.items()}
    rules: list[Rule] = []
    for name in manifest.get("rule_files") or ():
        for spec in resources.load_yaml(f"time/{name}", lang) or ():
            rules.append(_rule(spec, classes, weight, class_triggers))
    tables = {k: v for k, v in lexicon.items() if k not in {"classes", "numbers"}}
    extensions = tuple(_extension(spec) for spec in manifest.get("extensions") or ())
    return Grammar(lang, classes, numbers, tuple(rules), tables, extensions,
                   _trigger_index(classes, rules))


def _extension(spec: Mapping[str, Any]) -> tuple[re.Pattern[str], frozenset[str]]:
    """A modifier that joins the expression right after it: (regex ending at it, types)."""
    pattern = spec.get("pattern")
    if not isinstance(pattern, str) or not pattern:
        raise GrammarError(f"extension without a pattern: {dict(spec)!r}")
    try:
        regex = re.compile(rf"(?<![\w])(?:{_spacing(pattern)})\Z", re.IGNORECASE)
    except re.error as exc:
        raise GrammarError(f"extension {pattern!r}: {exc}") from exc
    return regex, frozenset(spec.get("types") or ("DATE",))
