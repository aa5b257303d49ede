"""Acronyms of organizations the article names in full ("AFP" for "Australian Federal Police").

An upper-case word is the acronym of a multi-word name when its letters are the initials
of the name's capitalized words ("of", "the", "and", "for" skipped, as acronyms skip
them); it stands for that name only when exactly one name in the article fits.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

#: Small words an acronym skips ("Federal Bureau of Investigation" -> FBI).
_SKIPPED = frozenset({"of", "the", "and", "for", "on", "in", "&"})
_MIN_LETTERS = 2
_MAX_LETTERS = 8
_LABELS = ("ORG", "FAC", "GPE", "NORP")


def initials(text: str) -> str:
    """Initials of a name's words, small words skipped: "Australian Federal Police" -> "AFP"."""
    words = [w for w in text.replace("-", " ").split() if w.lower() not in _SKIPPED]
    return "".join(w[0] for w in words if w[:1].isalpha()).upper()


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return letters.isalpha() and letters.isupper() and _MIN_LETTERS <= len(letters) <= _MAX_LETTERS


def expansion(doc: Doc, text: str) -> Span | None:
    """The one multi-word name in the article that ``text`` abbreviates, or None."""
    if not is_acronym(text):
        return None
    cache: dict[str, Span | None] = doc.user_data.setdefault("storyline_acronyms", {})
    if text in cache:
        return cache[text]
    letters = text.replace(".", "")
    found: dict[str, Span] = {}
    for ent in doc.ents:
        if ent.label_ in _LABELS and len(ent) > 1 and initials(ent.text.removeprefix("the ")) == letters:
            found.setdefault(ent.text, ent)
    out = next(iter(found.values())) if len(found) == 1 else None
    cache[text] = out
    return out
