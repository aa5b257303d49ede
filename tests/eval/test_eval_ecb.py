"""The ECB+ reader and the B³ scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.eval.ecb import b3, detokenize, read_corpus, read_document, score_stories


@pytest.mark.parametrize(("gold", "pred", "p", "r"), [
    ({"a": 1, "b": 1, "c": 2}, {"a": 1, "b": 1, "c": 2}, 1.0, 1.0),
    ({"a": 1, "b": 1, "c": 2}, {"a": 1, "b": 1, "c": 1}, (2 / 3 * 2 + 1 / 3) / 3, 1.0),
    ({"a": 1, "b": 1, "c": 2}, {"a": 1, "b": 2, "c": 3}, 1.0, (0.5 + 0.5 + 1) / 3),
    ({"a": 1, "b": 1}, {}, 1.0, 0.5),
])
def test_ecb_b3(gold: dict[str, int], pred: dict[str, int], p: float, r: float) -> None:
    score = b3(gold, pred)
    assert score.precision == pytest.approx(p) and score.recall == pytest.approx(r)
    assert score.f1 == pytest.approx(2 * p * r / (p + r))


@pytest.mark.parametrize(("tokens", "text"), [
    (["Hello", ",", "world", "."], "Hello, world."),
    (["the", "actress", "'s", "rep"], "the actress's rep"),
    (["``", "We", "did", "it", "''"], "“We did it”"),
    (["(", "AP", ")"], "(AP)"),
])
def test_ecb_detokenize(tokens: list[str], text: str) -> None:
    assert detokenize(tokens) == text


def _doc(path: Path, sentences: list[list[str]]) -> Path:
    toks = []
    n = 1
    for s, words in enumerate(sentences):
        for w in words:
            toks.append(f'<token t_id="{n}" sentence="{s}" number="{n}">{w}</token>')
            n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<Document doc_name="{path.name}">\n' + "\n".join(toks) + "\n</Document>",
                    encoding="utf-8")
    return path


def test_ecb_read_document_takes_the_url_line_out(tmp_path: Path) -> None:
    doc = read_document(_doc(tmp_path / "3" / "3_2ecbplus.xml", [
        ["http", ":", "/", "/", "news", ".", "example", "/", "a"], ["Quake", "hits", "."]]))
    assert doc.article.url == "http://news.example/a"
    assert doc.article.text == "Quake hits." and doc.subtopic == "3ecbplus" and doc.topic == "3"


def test_ecb_read_corpus_and_score(tmp_path: Path) -> None:
    for name in ("1_1ecb.xml", "1_2ecb.xml", "1_1ecbplus.xml", "2_1ecb.xml"):
        _doc(tmp_path / name.split("_")[0] / name, [["Text", "of", name, "."]])
    docs = list(read_corpus(tmp_path))
    assert [d.subtopic for d in docs] == ["1ecb", "1ecbplus", "1ecb", "2ecb"]
    assert len(list(read_corpus(tmp_path, limit=1))) == 3
    ids = [d.article.article_id for d in docs]
    perfect = score_stories(docs, [[ids[0], ids[2]], [ids[1]], [ids[3]]])
    assert perfect.score.f1 == 1.0 and perfect.gold_clusters == 3
    lumped = score_stories(docs, [ids])
    assert lumped.score.recall == 1.0 and lumped.score.precision < 1.0


@pytest.mark.model
@pytest.mark.shared
def test_ecb_dev_topics_cluster_well(shared_dir: Path, nlp_sm) -> None:
    from storyline.article import extract_many
    from storyline.corpus import cluster_articles, resolve_entities

    docs = list(read_corpus(shared_dir / "data" / "ecbplus", limit=4))
    records = [r for r in extract_many([d.article for d in docs], nlp=nlp_sm)
               if not isinstance(r, Exception)]
    assert len(records) == len(docs)
    result = score_stories(docs, cluster_articles(records, resolve_entities(records)))
    assert result.score.f1 >= 0.85
