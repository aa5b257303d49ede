"""scripts/timebank_articles.py and the hand gold in eval/articles/timebank/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.eval.splits import is_validation_record

from .conftest import load_script

GOLD = Path(__file__).resolve().parents[1] / "eval" / "articles" / "timebank"
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


def _gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.gold.json"))


@pytest.mark.parametrize("path", _gold_files(), ids=lambda p: p.name)
def test_timebank_articles_gold_is_valid_tuning_gold(path: Path) -> None:
    doc_id = path.name.removesuffix(".gold.json")
    gold = json.loads(path.read_text(encoding="utf-8"))
    # only documents of the tuning part: the validation part of TimeBank stays unread
    assert not is_validation_record(doc_id)
    assert gold["article"] == f"{doc_id}.txt"
    assert len(gold["published"]) == 10
    ids = [e["id"] for e in gold["events"]]
    assert len(ids) == len(set(ids))
    for event in gold["events"]:
        assert set(event["type"]) <= PLOVER_TYPES, event["id"]
        assert "source" in event and "target" in event and "date" in event, event["id"]


def test_timebank_articles_gold_folder_is_not_empty() -> None:
    assert len(_gold_files()) >= 10
