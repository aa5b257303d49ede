"""The attribution-cue lexicon (``resources/en/quotes/cues.yaml``), typed and cached.

A cue is a word that reports speech or thought ("said", "accused … of",
"according to"); each cue verb lists the argument patterns that find its
content in the parse. See the YAML file for the pattern names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_yaml

#: Argument pattern names understood by :mod:`storyline.extract.quote_cues`.
PATTERNS = frozenset({"clause", "question", "infinitive", "object"})
PATTERN_PREFIXES = ("prep:", "object+prep:")


@dataclass(frozen=True)
class CueLexicon:
    """Cue words and their content patterns."""

    verbs: dict[str, tuple[str, ...]]
    #: lemma -> ((further words, patterns), ...) for particle verbs ("point out")
    particle_verbs: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]
    source_phrases: tuple[tuple[str, ...], ...]
    nouns: frozenset[str]
    channels: frozenset[str]

    def is_cue_lemma(self, lemma: str) -> bool:
        return lemma in self.verbs or lemma in self.particle_verbs


def _check(patterns: list[str], where: str) -> tuple[str, ...]:
    for p in patterns:
        if p not in PATTERNS and not p.startswith(PATTERN_PREFIXES):
            raise ValueError(f"quotes/cues.yaml: unknown pattern {p!r} for {where!r}")
    return tuple(patterns)


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """The English cue lexicon (parsed once)."""
    data = load_yaml("quotes/cues.yaml")
    particles: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for words, pats in data["particle_verbs"].items():
        lemma, *rest = words.split()
        particles.setdefault(lemma, []).append((tuple(rest), _check(pats, words)))
    return CueLexicon(
        verbs={lemma: _check(p, lemma) for lemma, p in data["verbs"].items()},
        particle_verbs={k: tuple(v) for k, v in particles.items()},
        source_phrases=tuple(tuple(p.split()) for p in data["source_phrases"]),
        nouns=frozenset(data["nouns"]),
        channels=frozenset(data["channels"]),
    )
