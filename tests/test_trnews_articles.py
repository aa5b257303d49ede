"""scripts/trnews_articles.py and the hand gold in eval/articles/trnews/."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import load_script
from .test_timebank_articles import _check_gold as check_gold

GOLD = Path(__file__).resolve().parents[1] / "eval" / "articles" / "trnews"
TR_NEWS = (
    '<?xml version="1.0" encoding="utf-8"?>\n<articles>\n'
    '  <article docid="1000001">\n    <title>Two held</title>\n    <dltime>2016-12-19</dltime>\n'
    '    <text><![CDATA[Police arrested two men & a woman on Monday.\n'
    '            The court will hear the case.\n\n\n\n   Nobody was hurt.]]></text>\n'
    '    <toponyms count="0"></toponyms>\n  </article>\n'
    '  <article docid="1000002">\n    <title>Quiet</title>\n'
    '    <text><![CDATA[Nothing.]]></text>\n  </article>\n'
    '</articles>\n'
)


def test_trnews_articles_texts_by_docid() -> None:
    script = load_script("trnews_articles")
    assert script.articles(TR_NEWS) == {
        "1000001": ("Police arrested two men & a woman on Monday.\nThe court will hear the case.\n\n"
                    "Nobody was hurt.\n"),
        "1000002": "Nothing.\n",
    }


@pytest.mark.parametrize("path", sorted(GOLD.glob("*.gold.json")), ids=lambda p: p.name)
def test_trnews_articles_gold_is_valid(path: Path) -> None:
    # TR-News names an article by a number, its docid
    assert path.name.removesuffix(".gold.json").isdigit()
    check_gold(path)
