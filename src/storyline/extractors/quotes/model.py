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

The features are in :mod:`.features`. Scoring every verb is costly: its
content, source and features must be found first. :meth:`CueModel.may_accept`
bounds the score of a candidate from what is known so far (the verb alone;
then its subject), taking for each feature family still unknown the most it
can add (:meth:`CueModel.pattern_margin`, :class:`ContentMaxima`); a
candidate whose bound stays under its threshold is rejected before the
costlier steps. The bound is exact: it never rejects a candidate
:meth:`CueModel.accepts`.

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
from itertools import repeat

from ...resources import path as resource_path
from .features import SPEECH_CONTENT, VerbView, pattern_features, subject_kind

MODEL_RESOURCE = "quotes/cue_model.json"
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
        return _sigmoid(self.bias + self.score(features))

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

    def score(self, features: Iterable[str]) -> float:
        """The sum of the weights of ``features`` (each counted once), without the bias."""
        return sum(map(self.weights.get, set(features), repeat(0.0)))

    def may_accept(self, score: float, view: VerbView, patterns: tuple[str, ...],
                   listed: tuple[str, ...], subj_kind: str | None, content_max: float) -> bool:
        """Whether a candidate could be accepted, its content not known yet: ``score`` is
        the :meth:`score` of its :func:`.verb_features` (which give ``view``) and, when
        ``subj_kind`` is known, of its :func:`.subject_features`; one of ``patterns``
        will find its content (``listed``: the patterns the lexicon gives the verb), and
        its content features add at most ``content_max``. Exact: False only when no
        subject, pattern and content make :meth:`accepts` true (no feature belongs to
        two families, so the families' scores add up)."""
        margin = self._pattern_margin(view, patterns, listed, subj_kind)
        return self.bias + score + content_max + margin + _ROUNDING >= 0.0

    @cached_property
    def _pattern_margin(self) -> Callable[[VerbView, tuple[str, ...], tuple[str, ...],
                                           str | None], float]:
        """:meth:`pattern_margin`, memoized (its arguments repeat: "he said", "it is")."""
        return lru_cache(maxsize=_MEMO_SIZE)(self.pattern_margin)

    def pattern_margin(self, view: VerbView, patterns: tuple[str, ...], listed: tuple[str, ...],
                       subj_kind: str | None) -> float:
        """The most the pattern features of one of ``patterns`` (and the subject features,
        when ``subj_kind`` is None: not known) add to a score, less the score (log-odds)
        that the threshold applying with that pattern requires."""
        best = -math.inf
        for pattern in patterns:
            feats = pattern_features(view, pattern, listed, subj_kind)
            limit = self.threshold if SPEECH_CONTENT in feats else self.strict_threshold
            margin = sum(self.weights.get(f, 0.0) for f in feats) - _logit(limit)
            if subj_kind is None:
                margin += self._subject_bound_memo(view.lemma, pattern.partition(":")[0])
            best = max(best, margin)
        return best

    @cached_property
    def _subject_weights(self) -> tuple[dict[str, float], dict[str, dict[str, float]],
                                        dict[str, dict[str, float]]]:
        """The weights of the subject features, by kind of subject: the most a ``subj=``
        feature of each kind adds (at least 0: a subject the model has no weight for),
        and the ``lemma|subj=`` and ``kind|subj=`` weights by verb lemma and by pattern
        kind. Every kind of subject some weight names is a key of the first."""
        most: dict[str, float] = {}
        pairs: dict[str, dict[str, dict[str, float]]] = {"lemma|subj": {}, "kind|subj": {}}
        for name, w in self.weights.items():
            family, _, value = name.partition("=")
            if family == "subj":
                kind = subject_kind(value)
                most[kind] = max(most.get(kind, 0.0), w)
            elif family in pairs:
                first, _, kind = value.rpartition("|")
                pairs[family].setdefault(first, {})[kind] = w
                most.setdefault(kind, 0.0)
        return most, pairs["lemma|subj"], pairs["kind|subj"]

    @cached_property
    def _subject_bound_memo(self) -> Callable[[str, str], float]:
        """:meth:`_subject_bound`, memoized (a few hundred verb lemmas and pattern kinds)."""
        return lru_cache(maxsize=_MEMO_SIZE)(self._subject_bound)

    def _subject_bound(self, lemma: str, kind: str) -> float:
        """The most the subject features (``subj``, ``lemma|subj``, ``kind|subj``) of a
        candidate with this verb lemma and pattern kind add: over the kinds of subject
        some weight names, and 0 for any other."""
        most, by_lemma, by_kind = self._subject_weights
        with_lemma, with_kind = by_lemma.get(lemma, {}), by_kind.get(kind, {})
        return max([0.0, *(w + with_lemma.get(k, 0.0) + with_kind.get(k, 0.0)
                           for k, w in most.items())])

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

