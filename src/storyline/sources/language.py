"""Is an article English? Extraction rules and models are English; other languages give garbage.

The guess comes from py3langid (a character n-gram model of 97 languages, shipped in its
PyPI package, loaded once, offline) over a sample of the text. Only a clear verdict
counts: a text is refused when English is at most :data:`MAX_ENGLISH` likely and one
other language at least :data:`MIN_OTHER` (dialects share the rest: Arabic and
Moroccan Arabic, say); short or letter-poor texts (numbers, emoji, a headline) and
texts no language fits (a list of abbreviations) are never refused.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: Largest probability of English for a text to count as not English.
MAX_ENGLISH = 0.01
#: Smallest probability of the most likely other language.
MIN_OTHER = 0.5
#: Fewer letters than this: too little to judge.
MIN_LETTERS = 80
#: Characters looked at: the start of the text and a stretch from its middle.
SAMPLE_CHARS = 600


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def load_detector() -> None:
    """Load the language model now (before worker processes fork, so they share it)."""
    _identifier()


def _sample(text: str) -> str:
    if len(text) <= 2 * SAMPLE_CHARS:
        return text
    middle = len(text) // 2
    return text[:SAMPLE_CHARS] + "\n" + text[middle:middle + SAMPLE_CHARS]


def other_language(text: str) -> tuple[str, float] | None:
    """(language code, probability) when ``text`` is clearly not English, else None."""
    sample = _sample(text)
    if sum(1 for c in sample if c.isalpha()) < MIN_LETTERS:
        return None
    ranked = _identifier().rank(sample)
    english = next((p for lang, p in ranked if lang == "en"), 0.0)
    best, p = ranked[0]
    if english > MAX_ENGLISH or p < MIN_OTHER:
        return None
    return str(best), float(p)
