"""Calendar values and the evaluation of normalization frames into TIMEX3 values.

A rule's ``value`` (its *frame*) says what an expression means; this module
computes the TIMEX3 value from it, given the anchors of the context (the
publication date, the narrative's reference times, the tense). Frame keys::

    ref: PRESENT_REF                 a literal special value
    literal: "XXXX-WXX-{w}"          a literal; {name} is replaced by a capture's value
    duration: {n, unit, frac}        P3D, PT2H30M, PXY …
    date: {year, month, day, week, quarter, half, season, decade, decade2,
           century, century_ord, weekday, year2, holiday}
                                     calendar fields; a missing year is taken
                                     from the anchor in the direction the tense implies
    direction: past|future|nearest|tense   (for missing years and bare weekdays)
    lean: past|future                (the direction when the tense says neither)
    strict: true                     "last March": strictly before/after the anchor
    anchor: dct|ref|recent_period|recent_span|partial
    shift: {unit, n}                 move by n units (n may be "-$n")
    gran: week|month|year|…          truncate the result
    pod / time / weekend             part of day, clock time, weekend of a week

Field values are literals or ``$capture`` references resolved beforehand by the
tagger. Nothing here is language-specific; holiday *definitions* are data.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

#: Granularities from coarse to fine.
GRANS = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "day",
         "pod", "time")
_RANK = {g: i for i, g in enumerate(GRANS)}
SEASONS = ("SP", "SU", "FA", "WI")
SPECIAL = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})

_DURATION_UNITS = {
    "S": ("T", "S"), "MIN": ("T", "M"), "H": ("T", "H"),
    "D": ("", "D"), "W": ("", "W"), "M": ("", "M"), "Q": ("", "Q"), "Y": ("", "Y"),
    "DE": ("", "DE"), "CE": ("", "CE"), "ML": ("", "ML"), "WE": ("", "WE"),
}
#: A fraction of a unit expressed in the next smaller unit (2 1/2 years = P2Y6M).
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60),
            "MIN": ("S", 60), "DE": ("Y", 10), "CE": ("Y", 100), "Q": ("M", 3)}
#: Multiples of a unit written as another (a decade is ten years in TIMEX3 durations).
_AS_YEARS = {"DE": 10, "CE": 100, "ML": 1000}



class FrameError(ValueError):
    """A frame cannot be evaluated (bad grammar data or impossible date): no timex."""


@dataclass(frozen=True)
class Point:
    """A (possibly partial) calendar value; ``year`` None means unknown (XXXX)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    week: int | None = None          # ISO week; ``year`` is then the ISO year
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    decade: int | None = None        # 199 = the 1990s
    century: int | None = None       # 19 = the 20th century (1900s)
    weekday: int | None = None       # 1 = Monday, kept only when unresolved
    pod: str | None = None
    hour: int | None = None
    minute: int | None = None
    weekend: bool = False

    @property
    def gran(self) -> str:
        if self.hour is not None:
            return "time"
        if self.pod is not None:
            return "pod"
        for name in ("day", "week", "month", "season", "quarter", "half"):
            if getattr(self, name) is not None:
                return name
        if self.weekday is not None:
            return "day"
        if self.year is not None:
            return "year"
        if self.decade is not None:
            return "decade"
        return "century"

    def as_date(self) -> date | None:
        if self.year is not None and self.month is not None and self.day is not None:
            return date(self.year, self.month, self.day)
        return None

    def value(self) -> str:
        """The TIMEX3 value string."""
        if self.century is not None and self.year is None and self.decade is None:
            return f"{self.century:02d}"
        if self.decade is not None and self.year is None:
            return f"{self.decade:03d}"
        y = "XXXX" if self.year is None else f"{self.year:04d}"
        if self.week is not None:
            return f"{y}-W{self.week:02d}" + ("-WE" if self.weekend else "")
        if self.weekday is not None and self.day is None:
            base = f"{y}-WXX-{self.weekday}"
            return base + self._time_suffix()
        if self.quarter is not None:
            return f"{y}-Q{self.quarter}"
        if self.half is not None:
            return f"{y}-H{self.half}"
        if self.season is not None:
            return f"{y}-{self.season}"
        if self.month is None:
            return y
        if self.day is None:
            return f"{y}-{self.month:02d}"
        return f"{y}-{self.month:02d}-{self.day:02d}" + self._time_suffix()

    def _time_suffix(self) -> str:
        if self.hour is not None:
            return f"T{self.hour:02d}:{self.minute or 0:02d}"
        if self.pod is not None:
            return f"T{self.pod}"
        return ""

    def truncate(self, gran: str) -> Point:
        """The same point at a coarser granularity (``week`` converts a day to its ISO week)."""
        if gran == "week":
            d = self.as_date()
            if d is None:
                return self
            iso = d.isocalendar()
            return Point(year=iso[0], week=iso[1], weekend=self.weekend)
        if gran == "year":
            return Point(year=self.year)
        if gran == "month":
            return Point(year=self.year, month=self.month)
        if gran == "quarter":
            q = self.quarter or (None if self.month is None else (self.month - 1) // 3 + 1)
            return Point(year=self.year, quarter=q)
        if gran == "half":
            h = self.half or (None if self.month is None else (self.month - 1) // 6 + 1)
            return Point(year=self.year, half=h)
        if gran == "decade":
            if self.year is None:
                return Point(decade=self.decade, century=self.century)
            return Point(decade=self.year // 10)
        if gran == "century":
            if self.year is None:
                return Point(century=self.century if self.century is not None else (
                    None if self.decade is None else self.decade // 10))
            return Point(century=self.year // 100)
        if gran == "day":
            return replace(self, pod=None, hour=None, minute=None)
        return self


def point_of(d: date) -> Point:
    return Point(year=d.year, month=d.month, day=d.day)


def season_of(d: date) -> tuple[int, str]:
    """The (year, season) a date falls in; December opens the winter of its year."""
    m = d.month
    if m in (3, 4, 5):
        return d.year, "SP"
    if m in (6, 7, 8):
        return d.year, "SU"
    if m in (9, 10, 11):
        return d.year, "FA"
    return (d.year, "WI") if m == 12 else (d.year - 1, "WI")


def add_months(d: date, n: int) -> date:
    total = d.year * 12 + d.month - 1 + n
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_date(spec: Mapping[str, Any], year: int) -> date:
    """The date of a holiday definition (data) in ``year``."""
    if "fixed" in spec:
        m, d = spec["fixed"]
        return date(year, m, d)
    if "easter" in spec:
        return easter(year) + timedelta(days=int(spec["easter"]))
    if "nth_weekday" in spec:
        n, wd, m = spec["nth_weekday"]
        if n > 0:
            first = date(year, m, 1)
            return first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
        last = date(year, m, calendar.monthrange(year, m)[1])
        return last - timedelta(days=(last.isoweekday() - wd) % 7 + 7 * (-n - 1))
    if "weekday_after" in spec:
        wd, m, d = spec["weekday_after"]
        start = date(year, m, d)
        return start + timedelta(days=(wd - start.isoweekday()) % 7)
    raise FrameError(f"unknown holiday definition {dict(spec)!r}")


def format_duration(n: Any, unit: str, frac: Any = None) -> str:
    """A TIMEX3 duration: ``P44D``, ``PT1H30M``, ``PXY``, ``P2Y6M``."""
    if unit not in _DURATION_UNITS:
        raise FrameError(f"unknown duration unit {unit!r}")
    if n == "X" or n is None:
        t, code = _DURATION_UNITS[unit]
        if unit in _AS_YEARS:
            return f"PX{code}"
        return f"P{t}X{code}"
    amount = Fraction(n) + (Fraction(frac) if frac else 0)
    if amount < 0:
        raise FrameError("negative duration")
    if unit in _AS_YEARS and amount.denominator == 1:
        amount, unit = amount * _AS_YEARS[unit], "Y"
    whole = int(amount)
    rest = amount - whole
    parts: list[tuple[str, int]] = [(unit, whole)] if whole or not rest else []
    if rest:
        smaller, factor = _SMALLER.get(unit, (None, 0))
        if smaller is None or (rest * factor).denominator != 1:
            raise FrameError("fraction without a smaller unit")
        parts.append((smaller, int(rest * factor)))
    date_part = "".join(f"{v}{_DURATION_UNITS[u][1]}" for u, v in parts
                        if not _DURATION_UNITS[u][0])
    time_part = "".join(f"{v}{_DURATION_UNITS[u][1]}" for u, v in parts if _DURATION_UNITS[u][0])
    return "P" + date_part + ("T" + time_part if time_part else "")


@dataclass(frozen=True)
class Anchors:
    """What a frame may be anchored to, computed by the tagger for one expression."""

    dct: date | None
    ref: Callable[[str], Point | None]     # latest narrative point at least this fine
    period: Point | None                   # latest reporting period nearby (quarter, half)
    partial: Point | None                  # anchor for dates with a missing year
    tense: str | None                      # past / future / present / None
    holidays: Mapping[str, Mapping[str, Any]]
    tense_direct: bool = False             # the tensed verb governs the expression directly
    span_period: Point | None = None       # latest reporting period, or year-to-date span


def _resolve_year(ordinal: Callable[[int], int], anchor: int, ay: int, direction: str,
                  strict: bool, near: int = 0) -> int:
    """Pick the year (ay-1 … ay+1) whose ordinal lies in ``direction`` from the anchor's.

    ``near``: a candidate at most this far from the anchor (in ordinal units) is
    taken whatever the direction (a tense is weaker evidence than proximity).
    """
    years = (ay - 1, ay, ay + 1)
    closest = min(years, key=lambda y: (abs(ordinal(y) - anchor), ordinal(y) > anchor))
    if near and abs(ordinal(closest) - anchor) <= near:
        return closest
    if direction == "past":
        ok = [y for y in years if (ordinal(y) < anchor if strict else ordinal(y) <= anchor)]
        return max(ok) if ok else ay - 1
    if direction == "future":
        ok = [y for y in years if (ordinal(y) > anchor if strict else ordinal(y) >= anchor)]
        return min(ok) if ok else ay + 1
    # nearest; on a tie the past wins (news reports more than it announces)
    return min(years, key=lambda y: (abs(ordinal(y) - anchor), ordinal(y) > anchor))


def _direction(frame: Mapping[str, Any], anchors: Anchors, values: Mapping[str, Any]) -> str:
    chosen = resolve_values(frame.get("direction_of"), values) or {}
    for name, value in chosen.items():
        if value is not None:
            return str(name)
    direction = str(frame.get("direction") or "tense")
    if direction == "tense":
        # no clear tense: the rule's leaning (news reports what happened), else the nearest
        lean = str(frame.get("lean") or "nearest")
        return {"past": "past", "future": "future"}.get(anchors.tense or "", lean)
    return direction


def _weekday_date(base: date, wd: int, direction: str, strict: bool) -> date:
    delta = (wd - base.isoweekday()) % 7
    past = base - timedelta(days=(7 - delta) % 7 or (7 if strict else 0))
    future = base + timedelta(days=delta or (7 if strict else 0))
    if direction == "past":
        return past
    if direction == "future":
        return future
    if delta == 0:
        return base
    return past if (base - past) <= (future - base) else future


def _int(v: Any, name: str) -> int | None:
    if v is None:
        return None
    try:
        return int(v)
    except (TypeError, ValueError) as exc:
        raise FrameError(f"{name}: not a number: {v!r}") from exc


def fine_enough(p: Point, need: str) -> bool:
    """Whether ``p`` is precise enough to anchor a shift that needs granularity ``need``."""
    if need == "day":
        return p.as_date() is not None
    if need == "week":
        return p.as_date() is not None or p.week is not None
    if need == "month":
        return p.month is not None
    if need in ("quarter", "half", "season"):
        return p.month is not None or getattr(p, need) is not None
    return p.year is not None


def _anchor_date(anchors: Anchors, mode: str, need: str = "day") -> Point | None:
    if mode == "ref":
        ref = anchors.ref(need)
        if ref is not None:
            return ref
    if mode == "recent_period" and anchors.period is not None:
        return anchors.period
    if mode == "partial" and anchors.partial is not None:
        return anchors.partial
    if anchors.dct is not None:
        return point_of(anchors.dct)
    # no publication date: the text's own narrative anchor, if it has one
    return anchors.ref(need)


def _resolve_fields(f: Mapping[str, Any], frame: Mapping[str, Any], anchors: Anchors,
                    values: Mapping[str, Any]) -> Point:
    """A Point from calendar fields, filling a missing year from the anchor."""
    strict = bool(frame.get("strict"))
    direction = _direction(frame, anchors, values)
    mode = str(frame.get("anchor") or "partial")
    need = "day" if f.get("weekday") is not None or f.get("deictic") is not None else "year"
    base = _anchor_date(anchors, mode, need)
    ay = base.year if base is not None else None
    year = _int(f.get("year"), "year")
    if f.get("century_words") is not None and f.get("year_words") is not None and year is None:
        year = int(f["century_words"]) * 100 + int(f["year_words"])
    if f.get("year_add") is not None and year is not None:
        year += int(f["year_add"])
    if isinstance(f.get("year2_of"), Mapping) and year is None:
        first, yy = f["year2_of"].get("first"), f["year2_of"].get("yy")
        if first is not None and yy is not None:
            year = (int(first) // 100) * 100 + int(yy)
            if year < int(first):
                year += 100
    if f.get("year_rel") is not None and year is None and ay is not None:
        year = ay + int(f["year_rel"])
    if f.get("deictic") is not None and base is not None and base.as_date() is not None:
        d = base.as_date()
        assert d is not None
        return point_of(d + timedelta(days=int(f["deictic"])))
    if f.get("year2") is not None and year is None:
        yy = int(f["year2"])
        ref_year = ay if ay is not None else 2000
        year = (ref_year // 100) * 100 + yy
        if year > ref_year + 10:
            year -= 100
    if f.get("century_ord") is not None:
        return Point(century=int(f["century_ord"]) - 1)
    if f.get("century") is not None:
        return Point(century=int(f["century"]))
    if f.get("decade") is not None:
        return Point(decade=int(f["decade"]))
    if f.get("decade_of") is not None:
        return Point(decade=int(f["decade_of"]) // 10)
    if f.get("decade2") is not None:
        d2 = int(f["decade2"])
        cy = ay if ay is not None else 1999
        dec = (cy // 100) * 10 + d2
        if dec * 10 > cy:
            dec -= 10
        return Point(decade=dec)
    if f.get("holiday") is not None:
        spec = anchors.holidays.get(str(f["holiday"]))
        if spec is None:
            raise FrameError(f"unknown holiday {f['holiday']!r}")
        if year is None and ay is not None and base is not None:
            anchor_day = base.as_date() or date(ay, base.month or 1, 1)
            year = _resolve_year(lambda y: holiday_date(spec, y).toordinal(),
                                 anchor_day.toordinal(), ay, direction, strict)
        if year is None:
            return Point()
        return point_of(holiday_date(spec, year))
    month, day = _int(f.get("month"), "month"), _int(f.get("day"), "day")
    quarter, half = _int(f.get("quarter"), "quarter"), _int(f.get("half"), "half")
    season = f.get("season")
    weekday = _int(f.get("weekday"), "weekday")
    week = _int(f.get("week"), "week")
    if month is not None and not 1 <= month <= 12:
        raise FrameError("month out of range")
    if day is not None and not 1 <= day <= 31:
        raise FrameError("day out of range")
    if quarter is not None and not 1 <= quarter <= 4:
        raise FrameError("quarter out of range")
    if half is not None and not 1 <= half <= 2:
        raise FrameError("half out of range")
    if weekday is not None and month is None and day is None:
        anchor = base.as_date() if base is not None else None
        if anchor is None:
            return Point(year=year, weekday=weekday)
        return point_of(_weekday_date(anchor, weekday, direction, strict))
    if year is None and base is not None and ay is not None:
        # proximity beats the tense ("declared a dividend payable Dec. 15"), unless the
        # tensed verb itself governs the date ("In January, the company hired …")
        by_tense = (not frame.get("direction") and not frame.get("direction_of") and not strict
                    and not (anchors.tense_direct and anchors.tense in ("past", "future")))
        year = _missing_year(base, ay, month, day, quarter, half, season, week, direction, strict,
                             by_tense)
    if month is not None and day is not None:
        longest = calendar.monthrange(year, month)[1] if year is not None else _LONGEST[month]
        if day > longest:
            raise FrameError("no such day")
    if week is not None and year is not None and week > date(year, 12, 28).isocalendar()[1]:
        raise FrameError("no such week")
    return Point(year=year, month=month, day=day, week=week, quarter=quarter, half=half,
                 season=None if season is None else str(season))


#: The longest each month can be (February in a leap year), for dates without a year.
_LONGEST = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
#: A date without its year this close to the anchor is taken as the closest one
#: whatever the tense says ("payable Dec. 15" in October is this December).
NEAR_DAYS = 92
NEAR_MONTHS = 3


def _missing_year(base: Point, ay: int, month: int | None, day: int | None, quarter: int | None,
                  half: int | None, season: Any, week: int | None, direction: str,
                  strict: bool, by_tense: bool) -> int | None:
    """The year of a date written without one, closest to ``base`` in ``direction``."""
    bdate = base.as_date()
    if base.month is None and bdate is None:
        # a year-only anchor ("in 2014 … in March"): the narrative's year itself
        return ay if (month or quarter or half or season or week) else None
    anchor_day = bdate or date(ay, base.month or 1, 1)
    if month is not None and day is not None:
        if month == 2 and day == 29:
            leap = [y for y in (ay - 1, ay, ay + 1) if calendar.isleap(y)]
            if not leap:
                raise FrameError("no leap year near the anchor")
            return leap[0]
        return _resolve_year(lambda y: date(y, month, day).toordinal(), anchor_day.toordinal(),
                             ay, direction, strict, NEAR_DAYS if by_tense else 0)
    if month is not None:
        return _resolve_year(lambda y: y * 12 + month, ay * 12 + anchor_day.month, ay,
                             direction, strict, NEAR_MONTHS if by_tense else 0)
    if quarter is not None:
        return _resolve_year(lambda y: y * 4 + quarter, ay * 4 + (anchor_day.month - 1) // 3 + 1,
                             ay, direction, strict)
    if half is not None:
        return _resolve_year(lambda y: y * 2 + half, ay * 2 + (anchor_day.month - 1) // 6 + 1,
                             ay, direction, strict)
    if season is not None:
        sy, ss = season_of(anchor_day)
        s_idx = SEASONS.index(str(season))
        return _resolve_year(lambda y: y * 4 + s_idx, sy * 4 + SEASONS.index(ss), sy,
                             direction, strict)
    if week is not None:
        return ay
    if day is not None:
        raise FrameError("a day without a month")
    return None


#: Parts of a year a point can be shifted by: name -> how many a year.
_PARTS = {"quarter": 4, "half": 2}


def shift_point(p: Point, unit: str, n: int) -> Point:
    """``p`` moved by ``n`` units (the point must be fine enough for the unit)."""
    if p.year is None:
        return p
    d = p.as_date()
    if unit in ("day", "week"):
        if d is None:
            if unit == "week" and p.week is not None:
                monday = date.fromisocalendar(p.year, p.week, 1) + timedelta(weeks=n)
                iso = monday.isocalendar()
                return Point(year=iso[0], week=iso[1], weekend=p.weekend)
            raise FrameError(f"cannot shift {p.value()} by {unit}")
        moved = d + timedelta(days=n * (7 if unit == "week" else 1))
        return replace(p, year=moved.year, month=moved.month, day=moved.day)
    if unit == "weekend":
        return shift_point(p, "week", n)
    if unit == "month":
        if p.month is None:
            raise FrameError(f"cannot shift {p.value()} by month")
        moved = add_months(date(p.year, p.month, p.day or 1), n)
        return replace(p, year=moved.year, month=moved.month,
                       day=None if p.day is None else moved.day)
    if unit in _PARTS:
        per_year = _PARTS[unit]
        part = getattr(p, unit) or (None if p.month is None else
                                    (p.month - 1) * per_year // 12 + 1)
        if part is None:
            raise FrameError(f"cannot shift {p.value()} by {unit}")
        y, k = divmod(p.year * per_year + part - 1 + n, per_year)
        return Point(year=y, quarter=k + 1) if unit == "quarter" else Point(year=y, half=k + 1)
    if unit == "season":
        if p.season is None:
            d = p.as_date() or date(p.year, p.month or 6, 1)
            y, s = season_of(d)
        else:
            y, s = p.year, p.season
        y, s0 = divmod(y * 4 + SEASONS.index(s) + n, 4)
        return Point(year=y, season=SEASONS[s0])
    if unit == "year":
        if p.month == 2 and p.day == 29 and not calendar.isleap(p.year + n):
            return replace(p, year=p.year + n, day=28)
        if p.week is not None:
            return replace(p, year=p.year + n)
        return replace(p, year=p.year + n)
    if unit == "decade":
        return Point(decade=p.year // 10 + n)
    if unit == "century":
        return Point(century=p.year // 100 + n)
    raise FrameError(f"unknown shift unit {unit!r}")


#: Granularity a shift by this unit produces by default.
SHIFT_GRAN = {"day": "day", "week": "week", "weekend": "week", "month": "month",
              "quarter": "quarter", "half": "half", "season": "season", "year": "year",
              "decade": "decade", "century": "century"}
#: The granularity a reference point needs for a shift by this unit.
_NEED = {"day": "day", "week": "week", "weekend": "week", "month": "month", "quarter": "quarter",
         "half": "half", "season": "season", "year": "year", "decade": "year", "century": "year"}


def _shift_n(raw: Any) -> int | str:
    if raw in ("X", "-X"):
        return "X"
    if isinstance(raw, Fraction):
        if raw.denominator != 1:
            raise FrameError("fractional shift")
        return int(raw)
    return int(raw)


@dataclass(frozen=True)
class Result:
    """A TIMEX3 value, with the calendar point it denotes (None for durations, sets, REFs)."""

    value: str
    point: Point | None = None
    explicit: bool = False        # the expression itself names its year


def resolve_values(frame_value: Any, values: Mapping[str, Any]) -> Any:
    """``frame_value`` with ``$name`` / ``-$name`` replaced by capture values; a list
    stands for its first non-null item."""
    v = frame_value
    if isinstance(v, str) and v.startswith("-$"):
        inner = values.get(v[2:])
        if inner is None:
            return None
        return "-X" if inner == "X" else -inner
    if isinstance(v, str) and v.startswith("$"):
        return values.get(v[1:])
    if isinstance(v, list):
        for item in v:
            got = resolve_values(item, values)
            if got is not None:
                return got
        return None
    if isinstance(v, Mapping):
        return {k: resolve_values(x, values) for k, x in v.items()}
    return v


_LITERAL_FIELD = re.compile(r"\{(\w+)(?::(\w+))?\}")


def _literal(text: str, values: Mapping[str, Any]) -> str:
    def sub(m: re.Match[str]) -> str:
        v = values.get(m.group(1))
        if v is None:
            return ""
        return format(v, m.group(2)) if m.group(2) else str(v)

    return _LITERAL_FIELD.sub(sub, text)


def evaluate(frame: Mapping[str, Any], values: Mapping[str, Any], anchors: Anchors) -> Result:
    """The TIMEX3 value of ``frame`` whose ``$name`` fields take ``values``.

    Raises :class:`FrameError` for an impossible date or a frame the data got
    wrong; the tagger then drops the expression.
    """
    if "ref" in frame:
        return Result(str(frame["ref"]))
    if "literal" in frame:
        return Result(_literal(str(frame["literal"]), values))
    if "duration" in frame:
        spec = resolve_values(frame["duration"], values)
        return Result(format_duration(spec.get("n", 1), str(spec.get("unit")), spec.get("frac")))

    fields = resolve_values(frame.get("date"), values) if "date" in frame else None
    shift = resolve_values(frame.get("shift"), values) if "shift" in frame else None
    mode = str(frame.get("anchor") or ("partial" if fields else "dct"))
    explicit = fields is not None and any(fields.get(k) is not None for k in _EXPLICIT)
    if fields:
        point = _resolve_fields(fields, frame, anchors, values)
    elif mode in ("recent_period", "recent_span"):
        # the reporting period the text is about: the one it just named (for
        # recent_span, a year-to-date span counts), else the publication year (or,
        # with a fallback, e.g. the last completed quarter)
        period = anchors.period if mode == "recent_period" else anchors.span_period
        found = period or _anchor_date(anchors, "dct", "day")
        if found is None:
            return Result(_unanchored(frame, shift))
        point = found
        if period is None:
            fb = frame.get("fallback")
            point = (shift_point(point, str(fb["unit"]), int(fb["n"])) if fb
                     else point.truncate("year"))
    else:
        need = _NEED.get(str(shift.get("unit"))) if shift else "day"
        found = _anchor_date(anchors, mode, need or "day")
        if found is None:
            return Result(_unanchored(frame, shift))
        point = found
    if shift:
        unit = str(shift.get("unit"))
        n = _shift_n(shift.get("n", 0))
        if n == "X":
            return Result("PAST_REF" if str(shift.get("n")).startswith("-") else "FUTURE_REF")
        if point.year is None:
            return Result(_unanchored(frame, shift))
        assert isinstance(n, int)
        point = shift_point(point, unit, n * int(shift.get("times") or 1))
        gran = str(frame.get("gran") or (point.gran if mode in ("recent_period", "recent_span") else
                                         SHIFT_GRAN.get(unit, unit)))
        point = point.truncate(gran)
    elif frame.get("gran"):
        point = point.truncate(str(frame["gran"]))
    set_year = resolve_values(frame.get("set_year"), values)
    if set_year is not None:
        point = replace(point, year=int(set_year))
    point = _decorate(point, frame, values)
    return Result(point.value(), point, explicit)


#: Fields that make a date explicit (it does not depend on any anchor).
_EXPLICIT = ("year", "century_words", "decade", "decade_of", "decade2", "century", "century_ord")


def _decorate(point: Point, frame: Mapping[str, Any], values: Mapping[str, Any]) -> Point:
    """Add the part of day, the clock time or the weekend a frame asks for."""
    if frame.get("weekend"):
        if point.week is None and point.as_date() is not None:
            point = point.truncate("week")
        point = replace(point, weekend=True)
    pod = resolve_values(frame.get("pod"), values)
    if pod:
        point = replace(point, pod=str(pod), hour=None, minute=None)
    clock = resolve_values(frame.get("time"), values)
    if clock and clock.get("hour") is not None:
        hour = _int(clock.get("hour"), "hour")
        minute = _int(clock.get("minute"), "minute") or 0
        ampm = clock.get("ampm") or ("am" if clock.get("ampm_am") else None) or (
            "pm" if clock.get("ampm_pm") else None)
        if hour is None or not 0 <= hour <= 24 or not 0 <= minute <= 59:
            raise FrameError("no such time")
        if ampm is not None and not 1 <= hour <= 12:
            raise FrameError("no such time")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        point = replace(point, hour=hour, minute=minute, pod=None)
    return point


def _unanchored(frame: Mapping[str, Any], shift: Mapping[str, Any] | None) -> str:
    """The underspecified value of a relative expression with nothing to anchor it."""
    unit = str(shift.get("unit")) if shift else "day"
    gran = str(frame.get("gran") or SHIFT_GRAN.get(unit, "day"))
    if frame.get("weekend"):
        return "XXXX-WXX-WE"
    return {
        "day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX",
        "half": "XXXX-HX", "season": "XXXX-XX", "year": "XXXX", "decade": "XXX", "century": "XX",
    }.get(gran, "XXXX-XX-XX")
