"""scripts/timebank_articles.py and the hand gold in eval/articles/timebank/ and eval/articles/aquaint/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.eval.splits import is_validation_record

from .conftest import load_script

GOLD = Path(__file__).resolve().parents[1] / "eval" / "articles"
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"}
TIMEML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>X1</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="TIME" value="1998-03-08T06:26:00" temporalFunction="false" '
    'functionInDocument="CREATION_TIME">03/08/1998</TIMEX3></DCT>\n<TEXT>\n'
    'Police <EVENT eid="e1" class="OCCURRENCE">arrested</EVENT> two men &amp; a woman\n\n\n\n'
    '<TIMEX3 tid="t1" type="DATE" value="1998-03-07">Saturday</TIMEX3>.\n</TEXT>\n</TimeML>\n'
)


def test_timebank_articles_text_strips_tags_and_blank_runs() -> None:
    script = load_script("timebank_articles")
    assert script.article_text(TIMEML) == "Police arrested two men & a woman\n\nSaturday.\n"


def test_timebank_articles_creation_date() -> None:
    script = load_script("timebank_articles")
    assert script.creation_date(TIMEML) == "1998-03-08"
    assert script.creation_date("<TimeML><TEXT>x</TEXT></TimeML>") is None
    # AQUAINT writes the value after the function
    assert script.creation_date('<TIMEX3 tid="t0" type="DATE" functionInDocument="CREATION_TIME" '
                                'value="1999-03-13">1999-03-13</TIMEX3>') == "1999-03-13"


def _gold_files(corpus: str) -> list[Path]:
    return sorted((GOLD / corpus).glob("*.gold.json"))


def _check_gold(path: Path) -> None:
    doc_id = path.name.removesuffix(".gold.json")
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert gold["article"] == f"{doc_id}.txt"
    assert len(gold["published"]) == 10
    ids = [e["id"] for e in gold["events"]]
    assert len(ids) == len(set(ids))
    for event in gold["events"]:
        assert set(event["type"]) <= PLOVER_TYPES, event["id"]
        assert "source" in event and "target" in event and "date" in event, event["id"]


@pytest.mark.parametrize("path", _gold_files("timebank"), ids=lambda p: p.name)
def test_timebank_articles_gold_is_valid_tuning_gold(path: Path) -> None:
    # only documents of the tuning part: the validation part of TimeBank stays unread
    assert not is_validation_record(path.name.removesuffix(".gold.json"))
    _check_gold(path)


@pytest.mark.parametrize("path", _gold_files("aquaint"), ids=lambda p: p.name)
def test_timebank_articles_aquaint_gold_is_valid(path: Path) -> None:
    # AQUAINT's newswire: AP, New York Times, Xinhua
    assert path.name.startswith(("APW", "NYT", "XIE"))
    _check_gold(path)


@pytest.mark.parametrize("corpus", ["timebank", "aquaint"])
def test_timebank_articles_gold_folder_is_not_empty(corpus: str) -> None:
    assert len(_gold_files(corpus)) >= 10


def test_timebank_articles_batch_of_a_gold_file(tmp_path: Path) -> None:
    script = load_script("timebank_articles")
    tagged, untagged = tmp_path / "a.gold.json", tmp_path / "b.gold.json"
    tagged.write_text('{"batch": 4, "events": []}', encoding="utf-8")
    untagged.write_text('{"events": []}', encoding="utf-8")
    assert (script.batch_of(tagged), script.batch_of(untagged)) == (4, None)
