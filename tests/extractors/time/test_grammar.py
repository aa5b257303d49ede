"""The temporal grammar data, its compiler, the speed prefilter and the calendar arithmetic."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from storyline.extractors.time.grammar import GrammarError, _rule, load_grammar
from storyline.extractors.time.normalize import (
    FrameError,
    Point,
    format_duration,
    holiday_date,
    shift_point,
)
from storyline.extractors.time.prefilter import DIGIT
from storyline.extractors.time.tagger import tag

D = date(2025, 4, 24)


def test_grammar_loads_with_unique_rule_ids():
    grammar = load_grammar()
    ids = [r.id for r in grammar.rules]
    assert len(ids) == len(set(ids)) > 100
    assert load_grammar() is load_grammar("en")


@pytest.mark.parametrize(("spec", "message"), [
    ({"id": "x", "pattern": "<nosuchclass>", "type": "DATE"}, "unknown class"),
    ({"id": "x", "pattern": "(unclosed", "type": "DATE"}, "missing"),
    ({"id": "x", "pattern": "now", "type": "MOMENT"}, "unknown type"),
    ({"id": "x", "type": "DATE"}, "missing pattern"),
])
def test_grammar_rejects_bad_rules(spec, message):
    with pytest.raises(GrammarError, match=message):
        _rule(spec, load_grammar().classes)


@pytest.mark.parametrize(("text", "value"), [
    ("twenty four", 24), ("twenty-four", 24), ("2 1/2", Fraction(5, 2)), ("a couple of", 2),
    ("a few", "X"), ("several", "X"), ("two thousand", 2000), ("a hundred", 100),
    ("one hundred and twenty", 120), ("1,000", 1000), ("nonsense", None),
])
def test_grammar_number_words(text, value):
    assert load_grammar().numbers.parse(text) == value


def _triggers(pattern: str):
    grammar = load_grammar()
    return _rule({"id": "t", "pattern": pattern, "type": "DATE"}, grammar.classes,
                 lambda t: 1000 if t[1] in {"the", "a"} else (50 if t == DIGIT else 1)).triggers


@pytest.mark.parametrize(("pattern", "expected"), [
    ("<n:number> ago", {("lit", "ago")}),
    ("(?:this|the current) <p:period>", {("cls", "period")}),
    ("the (?:following|next) day", {("lit", "day")}),
    ("(?:every|each) <w:weekday>", {("cls", "weekday")}),
    ("(?P<y>1[6-9]\\d\\d|20\\d\\d)", {DIGIT}),
    ("(?:recently)?", None),          # nothing is certain: the rule sees the whole text
    ("years?", {("lit", "year")}),    # a prefix: "years" contains it too
])
def test_grammar_prefilter_finds_what_every_match_contains(pattern, expected):
    got = _triggers(pattern)
    assert (set(got) if got is not None else None) == expected


_TEXTS = [
    "U.S. President Donald Trump has told Putin to halt strikes after attacks on April 24.",
    "On April 18, Rubio spoke. On the same day, Ukraine signed a memorandum this week.",
    "Separatists broke away in 2014, and Russia annexed it later that year, 44 days ago.",
    "Profit was $1.16 a share a year ago; third-quarter net fell in the nine months.",
    "The blast at 10:35 a.m. (0735 GMT) Friday killed 12; talks resume at noon Thursday.",
    "In the late 1980s and early '90s, every Thursday, daily, for decades, 2 1/2 years.",
    "The offer expires at 5 p.m. EST, Nov. 6, or the year-earlier quarter, fiscal 1989.",
    "Talks ran April 21-23, 2024; the 20th century; mid-2024; the first half of 1990.",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_grammar_prefilter_changes_nothing(text):
    assert tag(text, D, prefilter=True) == tag(text, D, prefilter=False)


def test_grammar_prefilter_changes_nothing_on_the_seed(seed_text):
    assert tag(seed_text, D, prefilter=True) == tag(seed_text, D, prefilter=False)


# --- calendar arithmetic -----------------------------------------------------------------

@pytest.mark.parametrize(("args", "value"), [
    ((44, "D"), "P44D"), ((3, "Y"), "P3Y"), ((Fraction(5, 2), "Y"), "P2Y6M"),
    ((1, "MIN", Fraction(1, 2)), "PT1M30S"), ((2, "DE"), "P20Y"), (("X", "Y"), "PXY"),
    (("X", "H"), "PTXH"), (("X", "DE"), "PXDE"), ((Fraction(11, 2), "H"), "PT5H30M"),
    ((2, "Q"), "P2Q"), ((1, "WE"), "P1WE"),
])
def test_grammar_normalize_durations(args, value):
    assert format_duration(*args) == value


@pytest.mark.parametrize(("spec", "year", "expected"), [
    ({"easter": 0}, 2025, date(2025, 4, 20)),
    ({"easter": 0}, 2024, date(2024, 3, 31)),
    ({"easter": -2}, 2025, date(2025, 4, 18)),
    ({"nth_weekday": [4, 4, 11]}, 2025, date(2025, 11, 27)),
    ({"nth_weekday": [-1, 1, 5]}, 2025, date(2025, 5, 26)),
    ({"weekday_after": [2, 11, 2]}, 2024, date(2024, 11, 5)),
    ({"fixed": [12, 25]}, 1999, date(1999, 12, 25)),
])
def test_grammar_normalize_holidays(spec, year, expected):
    assert holiday_date(spec, year) == expected


@pytest.mark.parametrize(("point", "gran", "value"), [
    (Point(2020, 12, 31), "week", "2020-W53"),
    (Point(2021, 1, 3), "week", "2020-W53"),
    (Point(2026, 12, 31), "week", "2026-W53"),
    (Point(2025, 4, 24), "quarter", "2025-Q2"),
    (Point(2025, 4, 24), "half", "2025-H1"),
    (Point(1995, 6, 1), "decade", "199"),
    (Point(1995, 6, 1), "century", "19"),
])
def test_grammar_normalize_truncate(point, gran, value):
    assert point.truncate(gran).value() == value


@pytest.mark.parametrize(("point", "unit", "n", "value"), [
    (Point(2024, 2, 29), "year", 1, "2025-02-28"),
    (Point(2024, 12, 31), "day", 1, "2025-01-01"),
    (Point(2025, 1, 31), "month", 1, "2025-02-28"),
    (Point(2025, quarter=1), "quarter", -1, "2024-Q4"),
    (Point(2024, week=52), "week", 1, "2025-W01"),
    (Point(2020, week=53), "week", 1, "2021-W01"),
])
def test_grammar_normalize_shift(point, unit, n, value):
    assert shift_point(point, unit, n).value() == value


def test_grammar_normalize_impossible_shift_raises():
    with pytest.raises(FrameError):
        shift_point(Point(2025), "day", 1)
