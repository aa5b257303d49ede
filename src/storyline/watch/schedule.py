"""Intervals as people write them: ``90s``, ``15m``, ``2h``, ``1d`` (a bare number is seconds)."""

from __future__ import annotations

import re

from ..errors import ErrorCode, StorylineError

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(value: str | float) -> float:
    """Seconds in ``value``; E513 when it is not a positive number with an optional unit."""
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        m = _INTERVAL.match(value)
        if not m:
            raise StorylineError(ErrorCode.E513, value=value)
        seconds = float(m.group(1)) * _UNIT[m.group(2).lower()]
    if seconds <= 0:
        raise StorylineError(ErrorCode.E513, value=str(value))
    return seconds
