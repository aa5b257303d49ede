"""The attribution-cue lexicon (``resources/en/quotes/cues.yaml``), typed and cached.

A cue is a word that reports speech or thought ("said", "accused … of",
"according to"); each cue verb lists the argument patterns that find its
content in the parse. See the YAML file for the pattern names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...resources import load_yaml
from ...resources import path as resource_path

#: Argument pattern names understood by :mod:`storyline.extractors.quotes.cues`.
PATTERNS = frozenset({"clause", "question", "infinitive", "object", "prep"})
PATTERN_PREFIXES = ("prep:", "object+prep:")


@dataclass(frozen=True)
class CueLexicon:
    """Cue words and their content patterns."""

    verbs: dict[str, tuple[str, ...]]
    #: lemma -> ((further words, patterns), ...) for particle verbs ("point out")
    particle_verbs: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]
    source_phrases: tuple[tuple[str, ...], ...]
    nouns: frozenset[str]
    #: noun lemma -> prepositions introducing what it reports ("criticism" -> "of")
    noun_preps: dict[str, tuple[str, ...]]
    channels: frozenset[str]
    #: word form -> patterns, for verbs mined from PolNeAR train (``mined_cues.tsv``)
    mined: dict[str, tuple[str, ...]]
    that_clause_not_cues: frozenset[str]
    colon_not_sources: frozenset[str]
    colon_max_tokens: int

    not_cues: frozenset[str]
    #: verbs whose object performs their infinitive complement ("forced X to admit")
    object_control: frozenset[str]
    #: passive verbs whose subject speaks the participle under them ("was quoted as saying")
    passive_reporters: frozenset[str]
    #: verbs whose object is the hearer ("he told reporters")
    addressee_verbs: frozenset[str]
    #: nouns of titled works: a quotation in apposition to one is a title
    work_nouns: frozenset[str]

    def form_patterns(self, form: str) -> tuple[str, ...]:
        """Patterns of a lowercase word form read as a verb ("praises", "blasts"), else ()."""
        for lemma in (form, form[:-1], form[:-2], form[:-3] + "y"):
            if lemma in self.verbs and lemma not in self.not_cues:
                return self.verbs[lemma]
        return self.mined.get(form, ())

    def verb_patterns(self, lemma: str, form: str) -> tuple[str, ...]:
        """Content patterns of a verb: listed by lemma, else mined by word form, else ()."""
        if lemma in self.not_cues:
            return ()
        return self.verbs.get(lemma) or self.mined.get(form, ())


def _check(patterns: list[str], where: str) -> tuple[str, ...]:
    for p in patterns:
        if p not in PATTERNS and not p.startswith(PATTERN_PREFIXES):
            raise ValueError(f"quotes/cues.yaml: unknown pattern {p!r} for {where!r}")
    return tuple(patterns)


def _mined(rules: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Word forms of ``mined_cues.tsv`` that are cues often enough, with the mined patterns."""
    patterns = _check(list(rules["patterns"]), "mined")
    min_cue, min_ratio = int(rules["min_cue"]), float(rules["min_ratio"])
    out = {}
    for row in load_tsv_rows("quotes/mined_cues.tsv"):
        word, cue, total = row[0], int(row[1]), int(row[2])
        if cue >= min_cue and cue >= min_ratio * total:
            out[word] = patterns
    return out


def load_tsv_rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a resource file, without comment lines."""
    with resource_path(name).open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if line.strip() and line[0] != "#"]


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
        noun_preps={k: tuple(v) for k, v in data["noun_preps"].items()},
        channels=frozenset(data["channels"]),
        mined=_mined(data["mined"]),
        that_clause_not_cues=frozenset(data["that_clause_not_cues"]),
        not_cues=frozenset(data["not_cues"]),
        object_control=frozenset(data["object_control"]),
        passive_reporters=frozenset(data["passive_reporters"]),
        addressee_verbs=frozenset(data["addressee_verbs"]),
        work_nouns=frozenset(data["work_nouns"]),
        colon_not_sources=frozenset(data["colon_not_sources"]),
        colon_max_tokens=int(data["colon_max_tokens"]),
    )
