"""``storyline eval polnear``: scores a folder, reads existing records, rejects bad folders."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import _register, app
from storyline.record import ArticleRecord, Quote, TextSpan

TEXT = "Smith said the talks failed."
ANN = ("T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 27\tthe talks failed\n"
       "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n")


def _corpus(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir(parents=True)
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a_x1.ann").write_text(ANN, encoding="utf-8")
    return tmp_path


def test_eval_polnear_scores_given_records(tmp_path: Path) -> None:
    _register()
    quote = Quote(start=11, end=27, text=TEXT[11:27], kind="indirect", speaker=None,
                  speaker_text="Smith", cue=TextSpan(start=6, end=10, text="said"))
    out = tmp_path / "out.jsonl"
    out.write_text(ArticleRecord(id="a", source="a", text=TEXT, quotes=[quote]).to_json() + "\n"
                   + "not json\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "polnear", str(_corpus(tmp_path / "c")),
                                      "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == (
        "polnear: contentF1(overlap)=1.000 contentF1(exact)=1.000 sourceF1(overlap)=1.000 "
        "cueF1=1.000")


def test_eval_polnear_rejects_a_folder_that_is_not_polnear(tmp_path: Path) -> None:
    _register()
    result = CliRunner().invoke(app, ["eval", "polnear", str(tmp_path)])
    assert result.exit_code == 2
