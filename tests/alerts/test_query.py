"""Alert queries: the filters of `storyline events`, written as one line."""

from __future__ import annotations

import pytest

from storyline.alerts import parse_query, parse_sink
from storyline.errors import ErrorCode, StorylineError


@pytest.mark.parametrize(("query", "args"), [
    ("type=ASSAULT country=UKR killed>=5",
     {"type": "ASSAULT", "country": "UKR", "killed": "5"}),
    ('actor="Vladimir Putin" status=occurred,ongoing', {"actor": "Vladimir Putin",
                                                        "status": "occurred,ongoing"}),
    ("from=2025-01-01 to=2025-12-31 place=Kyiv q=drone injured>=10",
     {"date_from": "2025-01-01", "date_to": "2025-12-31", "place": "Kyiv", "q": "drone",
      "injured": "10"}),
    ("TYPE=coerce Country=ken", {"type": "coerce", "country": "ken"}),
])
def test_query_parses_the_conditions(query: str, args: dict[str, str]) -> None:
    assert parse_query(query) == args


@pytest.mark.parametrize(("query", "words"), [
    ("", "at least one condition"),
    ("type=BOMB", "type: BOMB"),
    ("country=Ukraine", "country"),
    ("killed=5", "compared with >="),
    ("type>=ASSAULT", "takes ="),
    ("killed>=many", "killed"),
    ("colour=red", "unknown key 'colour'"),
    ("ASSAULT", "not key=value"),
    ("type=", "has no value"),
    ("type=ASSAULT type=PROTEST", "given twice"),
    ('actor="unclosed', "No closing quotation"),
    ("from=2025-05-01 to=2025-01-01", "after"),
])
def test_query_errors_say_what_is_wrong(query: str, words: str) -> None:
    with pytest.raises(StorylineError) as exc:
        parse_query(query)
    assert exc.value.code is ErrorCode.E509 and words in exc.value.message


def test_query_sinks(tmp_path) -> None:
    assert parse_sink(None) == parse_sink("-") == "stdout"
    assert parse_sink("https://hooks.example/x") == "webhook:https://hooks.example/x"
    assert parse_sink(str(tmp_path / "a.jsonl")) == f"jsonl:{tmp_path / 'a.jsonl'}"
    for bad in ("ftp://x/y", str(tmp_path), "http://"):
        with pytest.raises(StorylineError) as exc:
            parse_sink(bad)
        assert exc.value.code is ErrorCode.E510
