"""TempEval-3 style TimeML scoring (storyline.eval.timeml)."""

from __future__ import annotations

import importlib
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.eval.timeml import (
    Counts,
    TimemlDoc,
    load_corpus,
    parse_timeml,
    relaxed_pairs,
    report,
    score_document,
    summary,
)
from storyline.record import Timex

TML = "\n".join([
    '<?xml version="1.0" ?>',
    "<TimeML>",
    "<DOCID>t1</DOCID>",
    '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-06" functionInDocument="CREATION_TIME">'
    "02/06/1998</TIMEX3></DCT>",
    "<TEXT>The economy added jobs "
    '<TIMEX3 tid="t1" type="DATE" value="1998-01">last month</TIMEX3>, the government said on '
    '<TIMEX3 tid="t2" type="DATE" value="1998-02-06">Friday</TIMEX3> &amp; '
    '<EVENT eid="e1">wages</EVENT> rose over '
    '<TIMEX3 tid="t3" type="DURATION" value="P3M">the past three months</TIMEX3>.'
    '<TIMEX3 tid="t4" type="DATE" value="PAST_REF"/></TEXT>',
    "</TimeML>",
])


def tx(start: int, end: int, text: str, kind: str = "DATE", value: str | None = None) -> Timex:
    return Timex(start=start, end=end, text=text, type=kind, value=value)  # type: ignore[arg-type]


def test_timeml_parse_text_dct_and_gold():
    doc = parse_timeml(TML, "t1")
    assert doc.published == date(1998, 2, 6)
    assert doc.text.startswith(
        "The economy added jobs last month, the government said on Friday & wages")
    assert [(g.text, g.type, g.value) for g in doc.timexes] == [
        ("last month", "DATE", "1998-01"),
        ("Friday", "DATE", "1998-02-06"),
        ("the past three months", "DURATION", "P3M"),
    ]  # the DCT and the empty TIMEX3 are left out
    for g in doc.timexes:
        assert doc.text[g.start:g.end] == g.text


def test_timeml_parse_without_text_element():
    with pytest.raises(ValueError):
        parse_timeml("<TimeML><DOCID>x</DOCID></TimeML>")


def test_timeml_score_strict_relaxed_value_type():
    doc = parse_timeml(TML, "t1")
    (a, b, c) = doc.timexes
    output = [
        tx(a.start, a.end, a.text, "DATE", "1998-01"),            # exact, right value
        # overlapping, wrong value
        tx(b.start, b.end + 2, doc.text[b.start:b.end + 2], "DATE", "1998-02-13"),
        # overlapping, wrong type
        tx(c.start + 4, c.end, doc.text[c.start + 4:c.end], "DATE", "p3m"),
        tx(0, 3, "The", "DATE", "1998"),                          # spurious
    ]
    result = score_document(doc, output)
    assert result.counts == Counts(gold=3, output=4, strict=1, relaxed=3, value=2, type=2)
    assert [g.text for g, _ in result.wrong_value] == ["Friday"]
    assert [o.text for o in result.spurious] == ["The"]
    assert result.missed == []
    p, r, f = result.counts.prf(result.counts.value)
    assert (p, r) == (2 / 4, 2 / 3)
    assert f == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_timeml_relaxed_pairs_one_to_one_exact_first():
    gold = [(0, 10), (12, 20)]
    output = [(5, 15), (0, 10), (12, 14)]
    assert sorted(relaxed_pairs(gold, output)) == [(0, 1), (1, 0)]


def test_timeml_relaxed_pairs_largest_overlap_wins():
    assert relaxed_pairs([(0, 10)], [(0, 2), (3, 10)]) == [(0, 1)]


def test_timeml_counts_f1_zero_without_output_and_undefined_without_anything():
    assert Counts(gold=5).prf(0) == (None, 0.0, 0.0)
    assert Counts().prf(0) == (None, None, None)
    assert summary(Counts()) == "timeml: strictF1=n/a relaxedF1=n/a valueF1=n/a typeF1=n/a"


def test_timeml_report_ends_with_summary_line():
    counts = Counts(gold=4, output=4, strict=3, relaxed=4, value=2, type=4)
    text = report("mini", counts, 1)
    assert text.splitlines()[-1] == (
        "timeml: strictF1=0.750 relaxedF1=1.000 valueF1=0.500 typeF1=1.000")
    assert "accuracy over relaxed matches 0.500" in text


def test_timeml_load_corpus_reports_bad_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.tml").write_text(TML, encoding="utf-8")
    (tmp_path / "bad.tml").write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    docs, problems = load_corpus(tmp_path)
    assert [d.id for d in docs] == ["sub/good"]
    assert len(problems) == 1 and "bad.tml" in problems[0]


def test_timeml_empty_document_scores_nothing():
    doc = TimemlDoc("empty", "No dates here.", None, ())
    result = score_document(doc, [])
    assert result.counts == Counts()


def _shared_scorer(shared_dir: Path):
    """The shared scorer's TimeML module (imported from ../shared, never copied)."""
    sys.path.insert(0, str(shared_dir))
    try:
        return importlib.import_module("eval.timeml")
    finally:
        sys.path.remove(str(shared_dir))


@pytest.mark.shared
def test_timeml_parses_like_the_shared_scorer(shared_dir):
    """Same text, date and gold spans as ../shared/eval on real TimeBank files."""
    shared = _shared_scorer(shared_dir)
    folder = shared_dir / "data" / "timebank" / "TimeBank"
    ours, _ = load_corpus(folder, limit=8)
    theirs, _ = shared.load(str(folder), 8)
    assert len(ours) == len(theirs) == 8
    for a, b in zip(ours, theirs, strict=True):
        assert a.id == b["id"] and a.text == b["text"]
        assert (a.published.isoformat() if a.published else None) == b["published"]
        assert [(g.start, g.end, g.value) for g in a.timexes] == [
            (g["start"], g["end"], g["value"]) for g in b["timexes"]]


@pytest.mark.model
def test_timeml_cli_scores_folders(tmp_path):
    from storyline.cli import _register, app

    _register()
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "doc.tml").write_text(TML, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "timeml", str(tmp_path / "a"), str(tmp_path / "b"),
                                      "--errors"])
    assert result.exit_code == 0, result.output
    tables = [line for line in result.output.splitlines() if line.startswith("timeml: ")]
    assert len(tables) == 3  # a, b, all folders
    assert "== all folders: 2 documents, 6 gold timexes" in result.output
    assert tables[0] == tables[2]
