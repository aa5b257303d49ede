"""The cue lexicon data: it loads, its patterns are known, the mined table is reproducible."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from storyline.extractors.quotes.lexicon import PATTERNS, cue_lexicon
from storyline.resources import path as resource_path

ROOT = Path(__file__).resolve().parents[3]


def test_lexicon_loads_with_known_patterns() -> None:
    lex = cue_lexicon()
    assert lex.verbs["say"][0] == "clause"
    assert ("according", "to") in lex.source_phrases
    assert "statement" in lex.channels
    for pats in [*lex.verbs.values(), *lex.mined.values()]:
        assert all(p in PATTERNS or p.startswith(("prep:", "object+prep:")) for p in pats)


@pytest.mark.parametrize(("lemma", "words"), [("point", ("out",)), ("make", ("it", "clear"))])
def test_lexicon_particle_verbs(lemma: str, words: tuple[str, ...]) -> None:
    assert words in [w for w, _ in cue_lexicon().particle_verbs[lemma]]


def test_lexicon_mined_table_keeps_cue_words_only() -> None:
    mined = cue_lexicon().mined
    assert "said" in mined and "told" in mined
    assert "the" not in mined and "of" not in mined


def test_lexicon_mined_table_regenerates(shared_dir: Path) -> None:
    spec = importlib.util.spec_from_file_location("mine", ROOT / "scripts" / "mine_polnear_cues.py")
    assert spec is not None and spec.loader is not None
    mine = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mine)
    fresh = mine.mine(shared_dir / "data" / "polnear" / "train")
    assert fresh == resource_path("quotes/mined_cues.tsv").read_text(encoding="utf-8")
