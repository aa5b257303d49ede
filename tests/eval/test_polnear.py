"""The repo's PolNeAR scorer: brat parsing, the measures, agreement with ../shared/eval."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from storyline.eval.polnear import (
    Attribution,
    Counts,
    PolnearDoc,
    load_corpus,
    parse_ann,
    report,
    score_corpus,
    score_doc,
)
from storyline.record import ArticleRecord, Entity, Quote, TextSpan

TEXT = "Smith said the talks failed. “We lost,” Jones said. Rain fell."
ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 27\tthe talks failed\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    "T5\tContent 29 37\tWe lost,\n"
    "T6\tSource 39 44\tJones\n"
    "T7\tCue 45 49;49 50\tsaid\n"
    "E2\tAttribution:T4 Content:T5 Source:T6 Cue:T7 Content2:T3\n"
    "E3\tAttribution:T4\n"
)


def _quote(start: int, end: int, cue: tuple[int, int] | None, speaker_text: str | None,
           text: str = TEXT, speaker: str | None = None) -> Quote:
    return Quote(start=start, end=end, text=text[start:end], kind="indirect", speaker=speaker,
                 speaker_text=speaker_text,
                 cue=TextSpan(start=cue[0], end=cue[1], text=text[cue[0]:cue[1]]) if cue else None)


def _record(quotes: list[Quote], text: str = TEXT, entities: list[Entity] | None = None,
            rid: str = "a") -> ArticleRecord:
    return ArticleRecord(id=rid, source=rid, text=text, quotes=quotes, entities=entities or [])


def test_polnear_parse_ann_merges_content2_and_skips_empty_events() -> None:
    atts = parse_ann(ANN)
    assert atts == [
        Attribution(((11, 27),), ((6, 10),), ((0, 5),)),
        Attribution(((29, 37), (11, 27)), ((45, 49), (49, 50)), ((39, 44),)),
    ]


def test_polnear_perfect_and_empty_outputs() -> None:
    doc = PolnearDoc("a", TEXT, "x", (parse_ann(ANN)[0],))
    perfect = score_corpus([doc], {"a": _record([_quote(11, 27, (6, 10), "Smith")])})
    assert perfect.prf("exact") == (1.0, 1.0, 1.0)
    assert perfect.prf("source")[2] == perfect.prf("cue")[2] == 1.0
    empty = score_corpus([doc], {})
    assert empty.prf("overlap") == (None, 0.0, 0.0)
    assert report(empty).splitlines()[-1].startswith("polnear: contentF1(overlap)=0.000")


def test_polnear_overlap_pairs_are_one_to_one() -> None:
    doc = PolnearDoc("a", TEXT, "x", (parse_ann(ANN)[0],))
    counts = Counts()
    score_doc(doc, _record([_quote(11, 20, None, None), _quote(15, 27, None, None)]), counts)
    assert (counts.overlap, counts.output, counts.exact) == (1, 2, 0)


def test_polnear_partial_quote_nested_in_an_indirect_quote_is_left_out() -> None:
    doc = PolnearDoc("a", TEXT, "x", (parse_ann(ANN)[0],))
    nested = _quote(15, 21, None, None).model_copy(update={"kind": "partial"})
    alone = _quote(52, 61, None, None).model_copy(update={"kind": "partial"})
    counts = score_corpus([doc], {"a": _record([_quote(11, 27, (6, 10), "Smith"), nested, alone])})
    assert (counts.nested, counts.output, counts.overlap) == (1, 2, 1)


def test_polnear_source_falls_back_to_the_speakers_nearest_mention() -> None:
    doc = PolnearDoc("a", TEXT, "x", (parse_ann(ANN)[0],))
    ent = Entity(id="e1", name="Smith", type="PERSON", mentions=[(0, 5)])
    counts = score_corpus([doc], {"a": _record([_quote(11, 27, (6, 10), None, speaker="e1")],
                                                entities=[ent])})
    assert counts.source_overlap == 1


@pytest.mark.shared
def test_polnear_agrees_with_the_shared_scorer(shared_dir: Path) -> None:
    sys.path.insert(0, str(shared_dir))
    try:
        from eval import common, polnear  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(shared_dir))
    docs = load_corpus(shared_dir / "data" / "polnear" / "dev", limit=6)
    rng = random.Random(5)
    records = {}
    for d in docs:
        quotes = []
        for att in d.attributions:
            if rng.random() < 0.2:
                continue  # a miss
            s, e = min(a for a, _ in att.content), max(b for _, b in att.content)
            s = min(e, s + rng.choice([0, 0, 3]))
            cue = att.cue[0] if att.cue and rng.random() < 0.8 else None
            src = d.text[att.source[0][0]:att.source[0][1]] if att.source else None
            quotes.append(_quote(s, e, cue, src, text=d.text))
        quotes.append(_quote(0, 5, None, None, text=d.text))  # a false positive
        if quotes[0].end - quotes[0].start > 4:  # a partial quote nested in the first quote
            inner = _quote(quotes[0].start + 1, quotes[0].end - 1, None, None, text=d.text)
            quotes.append(inner.model_copy(update={"kind": "partial"}))
        records[d.id] = _record(quotes, text=d.text, rid=d.id)
    mine = score_corpus(docs, records)
    keys = "gold out exact jacc overlap g_cue o_cue g_src o_src cue_ov cue_ex src_ov nested"
    theirs = dict.fromkeys(keys.split(), 0)
    for d in polnear.load(str(shared_dir / "data" / "polnear" / "dev"), limit=6):
        art = common.convert(0, records[d["id"]].to_dict(), common.Problems())
        polnear.score_doc(d, art, theirs)
    assert (mine.gold, mine.output, mine.exact, mine.jaccard, mine.overlap) == (
        theirs["gold"], theirs["out"], theirs["exact"], theirs["jacc"], theirs["overlap"])
    assert (mine.cue_overlap, mine.cue_exact, mine.source_overlap, mine.out_source) == (
        theirs["cue_ov"], theirs["cue_ex"], theirs["src_ov"], theirs["o_src"])
    assert mine.nested == theirs["nested"] > 0
