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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

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
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def accepts(self, features: Sequence[str]) -> bool:
        """Whether the candidate is a cue: its probability reaches the threshold that
        applies to its content."""
        limit = self.threshold if SPEECH_CONTENT in features else self.strict_threshold
        return self.probability(features) >= limit

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


def cue_features(tok: Token, pattern: str, content: tuple[int, int], content_head: Token | None,
                 source_token: int | None, particles: Sequence[Token],
                 lex: CueLexicon, listed: Sequence[str] = (), text: str | None = None
                 ) -> list[str]:
    """The features of one candidate verb with the content, pattern and source found for it
    (``listed``: the patterns the lexicon gives the verb; ``text``: ``doc.text`` if the
    caller has it, as spaCy rebuilds it on every access)."""
    lemma, form = tok.lemma_.lower(), tok.lower_
    kind = pattern.partition(":")[0]
    subj = _subject_class(tok.doc[source_token] if source_token is not None else None)
    subj_kind = subj.partition(":")[0]
    feats = ["lemma=" + lemma, "form=" + form, "pattern=" + pattern, "kind=" + kind,
             "lemma|kind=" + lemma + "|" + kind, "dep=" + tok.dep_, "lemma|dep=" + lemma + "|" + tok.dep_,
             "tag=" + tok.tag_, "kind|dep=" + kind + "|" + tok.dep_, "subj=" + subj,
             "lemma|subj=" + lemma + "|" + subj_kind, "kind|subj=" + kind + "|" + subj_kind]
    if lemma in lex.verbs:
        feats += ["listed", "listed|kind=" + kind]
    if form in lex.mined:
        feats += ["mined", "mined|kind=" + kind]
    if pattern in SPEECH_PATTERNS or pattern in listed:
        feats.append(SPEECH_CONTENT)
    if particles:
        feats.append("particle=" + lemma + "+" + "+".join(t.lower_ for t in particles))
    if tok.dep_ in _HEADED:
        head = tok.head.lemma_.lower()
        feats += ["head=" + head, "head|dep=" + head + "|" + tok.dep_]
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
    text = tok.doc.text if text is None else text
    words = len(text[content[0]:content[1]].split())
    feats.append(f"length={min(6, int(math.log2(words + 1)))}")
    if content_head is not None:
        feats.append("content=" + content_head.pos_)
        if any(m.dep_ == "mark" and m.lower_ == "that" for m in content_head.children):
            feats.append("that")
    if text[max(0, content[0] - 1):content[0] + 1].strip()[:1] in "“\"‘'":
        feats.append("quoted")
    if content[1] <= tok.idx:
        feats.append("content_before")
    return feats
