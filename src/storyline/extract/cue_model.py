"""A small trained model that decides which verbs are attribution cues.

The hand-written lexicon (``resources/en/quotes/cues.yaml``) knows how a cue
finds its content; which verbs *are* cues is learned. Every verb outside
quotation marks is a candidate: the lexicon's patterns (or the generic ones)
find a content and a source for it, and a logistic regression over sparse
parse features (the verb's lemma and form, the pattern that found the content,
the kind of subject, the verb's relation to its head, negation, modals, the
lexicon's opinion …) gives the probability that an annotator of attribution
would mark it. Candidates at or above the model's threshold are cues, when
what they report is speech content: a clause, a question, or a pattern the
lexicon lists for the verb ("told Putin to …", "criticized the plan"). A
nominal object or prepositional phrase of a verb the lexicon does not list
for it ("shares a border with", "signed a memorandum", "greeted the prime
minister") is usually an action, not speech: it needs the stricter
``strict_threshold``. Intentions and attempts (``not_cues`` in the lexicon:
"was seeking to broker a truce") are never candidates.

The weights are a JSON file (``resources/en/quotes/cue_model.json``, one
feature per line) written by ``scripts/train_cue_model.py`` from the PolNeAR
train split; nothing is downloaded and nothing but the standard library runs
at prediction time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from spacy.tokens import Token

from ..resources import path as resource_path
from .mentions import entity_of
from .quote_lexicon import CueLexicon

MODEL_RESOURCE = "quotes/cue_model.json"
#: Patterns tried for a verb the lexicon does not list.
GENERIC_PATTERNS = ("clause", "question", "infinitive", "object", "prep")
#: Patterns whose content is speech whatever the verb: a reported clause or question.
SPEECH_PATTERNS = frozenset({"clause", "question"})
#: The feature that marks a candidate whose content is speech (see :meth:`CueModel.accepts`).
SPEECH_CONTENT = "speech_content"
#: Patterns of a predicative adjective ("fond of …", "optimistic that …", "eager to …").
ADJECTIVE_PATTERNS = ("clause", "infinitive", "prep")
#: Pronouns that name people or groups of them.
_PERSONAL = frozenset({"he", "she", "they", "i", "we", "you", "who"})
#: Relations to the head worth a feature of the head's lemma ("declined to comment").
_HEADED = frozenset({"xcomp", "ccomp", "advcl", "conj", "pcomp", "acl", "relcl"})
_ENTITY_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: Most remembered pattern margins (:meth:`CueModel.pattern_margin`).
_MEMO_SIZE = 1 << 16
#: Slack for the rounding of a score bound summed in another order than the score.
_ROUNDING = 1e-9


@dataclass(frozen=True)
class ContentMaxima:
    """The most the content features (:func:`content_features`) can add to a score:
    ``base`` from the content's length, head and place, ``quoted`` from quotation marks
    around it, ``that`` from a that-complementizer."""

    base: float
    quoted: float
    that: float

    def bound(self, may_quote: bool, may_that: bool) -> float:
        """The most for a content that may (or cannot) be quoted or open with "that"."""
        return self.base + (self.quoted if may_quote else 0.0) + (self.that if may_that else 0.0)


@dataclass(frozen=True)
class CueModel:
    """Logistic-regression weights over string features, and the decision thresholds:
    ``threshold`` for a candidate with speech content, ``strict_threshold`` for one
    without (a nominal object of a verb the lexicon does not list for it)."""

    weights: dict[str, float]
    bias: float
    threshold: float
    strict_threshold: float

    def probability(self, features: Iterable[str]) -> float:
        """P(cue) of a candidate with these features (each counted once)."""
        return _sigmoid(self.bias + sum(self.weights.get(f, 0.0) for f in set(features)))

    def accepts(self, features: Sequence[str]) -> bool:
        """Whether the candidate is a cue: its probability reaches the threshold that
        applies to its content."""
        limit = self.threshold if SPEECH_CONTENT in features else self.strict_threshold
        return self.probability(features) >= limit

    @cached_property
    def content_maxima(self) -> ContentMaxima:
        """The most each part of the content features can add to a score."""
        w = self.weights
        length = max(w.get(f"length={k}", 0.0) for k in range(7))
        head = max([0.0, *(v for k, v in w.items() if k.startswith("content="))])
        return ContentMaxima(length + head + max(0.0, w.get("content_before", 0.0)),
                             max(0.0, w.get("quoted", 0.0)), max(0.0, w.get("that", 0.0)))

    def may_accept(self, known: Iterable[str], view: VerbView, patterns: tuple[str, ...],
                   listed: tuple[str, ...], content_max: float) -> bool:
        """Whether a candidate could be accepted before its content is known: it has the
        ``known`` features (:func:`verb_features`, which also give ``view``), those of
        the pattern among ``patterns`` that finds its content (:func:`pattern_features`;
        ``listed``: the patterns the lexicon gives the verb), and content features that
        add at most ``content_max``. Exact: False only when no content makes
        :meth:`accepts` true (the three families of features are disjoint)."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(known)) + content_max
        return z + self._pattern_margin(view, patterns, listed) + _ROUNDING >= 0.0

    @cached_property
    def _pattern_margin(self) -> Callable[[VerbView, tuple[str, ...], tuple[str, ...]], float]:
        """:meth:`pattern_margin`, memoized (its arguments repeat: "he said", "it is")."""
        return lru_cache(maxsize=_MEMO_SIZE)(self.pattern_margin)

    def pattern_margin(self, view: VerbView, patterns: tuple[str, ...],
                       listed: tuple[str, ...]) -> float:
        """The most the features of one of ``patterns`` add to a score, less the score
        (log-odds) that the threshold applying with that pattern requires."""
        best = -math.inf
        for pattern in patterns:
            feats = pattern_features(view, pattern, listed)
            limit = self.threshold if SPEECH_CONTENT in feats else self.strict_threshold
            best = max(best, sum(self.weights.get(f, 0.0) for f in feats) - _logit(limit))
        return best

    def to_json(self) -> str:
        """The model as JSON text with one weight per line, features sorted (diffable)."""
        lines = [json.dumps(k, ensure_ascii=False) + ": " + _num(w)
                 for k, w in sorted(self.weights.items())]
        body = ",\n".join("  " + x for x in lines)
        return (f'{{"bias": {_num(self.bias)}, "threshold": {_num(self.threshold)}, '
                f'"strict_threshold": {_num(self.strict_threshold)},\n'
                f'"weights": {{\n{body}\n}}}}\n')

    @classmethod
    def from_json(cls, text: str) -> CueModel:
        data = json.loads(text)
        threshold = float(data["threshold"])
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                   threshold, float(data.get("strict_threshold", threshold)))


def _logit(p: float) -> float:
    """The score at which the probability is ``p`` (infinite at 0 and 1)."""
    if p <= 0.0 or p >= 1.0:
        return math.inf if p >= 1.0 else -math.inf
    return math.log(p / (1.0 - p))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _num(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".") if x else "0"


@lru_cache(maxsize=1)
def cue_model() -> CueModel | None:
    """The shipped model, or None when the resource is missing (the lexicon then decides)."""
    p = resource_path(MODEL_RESOURCE)
    if not p.is_file():
        return None
    return CueModel.from_json(p.read_text(encoding="utf-8"))


def _subject_class(tok: Token | None) -> str:
    """What kind of phrase the source head is: a personal pronoun, a named entity type,
    a mention of a known entity, or the noun's lemma."""
    if tok is None:
        return "none"
    if tok.pos_ == "PRON":
        return "pron:" + ("person" if tok.lower_ in _PERSONAL else tok.lower_)
    if tok.ent_type_ in _ENTITY_TYPES:
        return "ent:" + tok.ent_type_
    if entity_of(tok.doc, tok) is not None:
        return "mention"
    return tok.pos_.lower() + ":" + tok.lemma_.lower()


@dataclass(frozen=True)
class VerbView:
    """What the pattern features of a candidate read besides the pattern: the verb's
    lemma and relation, the kind of its subject, whether the lexicon lists or mined it."""

    lemma: str
    dep: str
    subj_kind: str
    listed: bool
    mined: bool


def verb_features(tok: Token, source_token: int | None, particles: Sequence[Token],
                  lex: CueLexicon) -> tuple[list[str], VerbView]:
    """The features of a candidate that depend on neither its pattern nor its content: the
    verb, its subject (head token ``source_token``), particles, head and dependents."""
    lemma, form, dep = tok.lemma_.lower(), tok.lower_, tok.dep_
    subj = _subject_class(tok.doc[source_token] if source_token is not None else None)
    view = VerbView(lemma, dep, subj.partition(":")[0], lemma in lex.verbs, form in lex.mined)
    feats = ["lemma=" + lemma, "form=" + form, "dep=" + dep, "lemma|dep=" + lemma + "|" + dep,
             "tag=" + tok.tag_, "subj=" + subj, "lemma|subj=" + lemma + "|" + view.subj_kind]
    if view.listed:
        feats.append("listed")
    if view.mined:
        feats.append("mined")
    if particles:
        feats.append("particle=" + lemma + "+" + "+".join(t.lower_ for t in particles))
    if dep in _HEADED:
        head = tok.head.lemma_.lower()
        feats += ["head=" + head, "head|dep=" + head + "|" + dep]
    for c in tok.children:
        if c.dep_ == "neg":
            feats.append("negated")
        elif c.dep_ == "aux" and c.tag_ == "MD":
            feats.append("modal=" + c.lower_)
        elif c.dep_ in ("auxpass", "nsubjpass"):
            feats.append("passive")
        elif c.dep_ in ("prep", "prt"):
            feats.append("lemma|prep=" + lemma + "|" + c.lower_)
        elif c.dep_ == "dative":
            feats.append("dative")
    return feats, view


def pattern_features(view: VerbView, pattern: str, listed: Sequence[str] = ()) -> list[str]:
    """The features of the pattern that found the content, alone and with the verb
    (``listed``: the patterns the lexicon gives the verb)."""
    kind = pattern.partition(":")[0]
    feats = ["pattern=" + pattern, "kind=" + kind, "lemma|kind=" + view.lemma + "|" + kind,
             "kind|dep=" + kind + "|" + view.dep, "kind|subj=" + kind + "|" + view.subj_kind]
    if view.listed:
        feats.append("listed|kind=" + kind)
    if view.mined:
        feats.append("mined|kind=" + kind)
    if pattern in SPEECH_PATTERNS or pattern in listed:
        feats.append(SPEECH_CONTENT)
    return feats


def content_features(tok: Token, content: tuple[int, int], content_head: Token | None,
                     text: str) -> list[str]:
    """The features of the content (characters ``content`` of ``text``, headed by
    ``content_head``): its length and head, a that-complementizer, quotation marks
    around it, whether it comes before the verb."""
    words = len(text[content[0]:content[1]].split())
    feats = [f"length={min(6, int(math.log2(words + 1)))}"]
    if content_head is not None:
        feats.append("content=" + content_head.pos_)
        if any(m.dep_ == "mark" and m.lower_ == "that" for m in content_head.children):
            feats.append("that")
    if text[max(0, content[0] - 1):content[0] + 1].strip()[:1] in "“\"‘'":
        feats.append("quoted")
    if content[1] <= tok.idx:
        feats.append("content_before")
    return feats


def cue_features(tok: Token, pattern: str, content: tuple[int, int], content_head: Token | None,
                 source_token: int | None, particles: Sequence[Token],
                 lex: CueLexicon, listed: Sequence[str] = (), text: str | None = None
                 ) -> list[str]:
    """The features of one candidate verb with the content, pattern and source found for it
    (``listed``: the patterns the lexicon gives the verb; ``text``: ``doc.text`` if the
    caller has it, as spaCy rebuilds it on every access)."""
    feats, view = verb_features(tok, source_token, particles, lex)
    text = tok.doc.text if text is None else text
    return [*feats, *pattern_features(view, pattern, listed),
            *content_features(tok, content, content_head, text)]
