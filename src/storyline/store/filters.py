"""Query filters shared by the CLI, the HTTP API and the web page (validated, no SQL)."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, get_args

from ..errors import ErrorCode, StorylineError
from ..record import EventStatus, PloverType

PLOVER_TYPES: tuple[str, ...] = get_args(PloverType)
STATUSES: tuple[str, ...] = get_args(EventStatus)
_COUNTRY = re.compile(r"^[A-Za-z]{3}$")

#: Largest page a query returns.
MAX_LIMIT = 1000


def _invalid(name: str, detail: str) -> StorylineError:
    return StorylineError(ErrorCode.E404, name=name, detail=detail)


def _choices(name: str, raw: str | None, allowed: tuple[str, ...], upper: bool) -> tuple[str, ...]:
    if not raw:
        return ()
    values = tuple(v.strip().upper() if upper else v.strip().lower()
                   for v in raw.split(",") if v.strip())
    bad = [v for v in values if v not in allowed]
    if bad:
        raise _invalid(name, f"{', '.join(bad)} (expected one of {', '.join(allowed)})")
    return values


def _date(name: str, raw: date | str | None) -> date | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise _invalid(name, f"{raw!r} is not a date (expected YYYY-MM-DD)") from None


def _count(name: str, raw: int | str | None) -> int | None:
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise _invalid(name, f"{raw!r} is not a whole number") from None
    if value < 0:
        raise _invalid(name, f"{value} (expected >= 0)")
    return value


@dataclass(frozen=True)
class Filters:
    """What to select. Every field is optional; set fields are combined with AND.

    ``actor`` matches an actor's name (substring, case-insensitive), its CAMEO
    actor code (prefix) or its resolved id; ``country`` an ISO3 code of an
    actor or the place; ``type``/``status`` take comma-separated lists; ``q``
    searches the text (sentence, trigger, names); dates are inclusive;
    ``killed``/``injured`` keep merged events for which some source reports at
    least that many.
    """

    actor: str | None = None
    country: str | None = None
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    place: str | None = None
    q: str | None = None
    story: str | None = None
    article: str | None = None
    killed: int | None = None
    injured: int | None = None

    @classmethod
    def build(cls, *, actor: str | None = None, country: str | None = None,
              type: str | None = None, status: str | None = None,
              date_from: date | str | None = None, date_to: date | str | None = None,
              place: str | None = None, q: str | None = None, story: str | None = None,
              article: str | None = None, killed: int | str | None = None,
              injured: int | str | None = None) -> Filters:
        """Validated filters from user input; raises E404 naming the bad parameter."""
        if country and not _COUNTRY.match(country.strip()):
            raise _invalid("country",
                           f"{country!r} (expected an ISO 3166-1 alpha-3 code, e.g. UKR)")
        start, end = _date("date_from", date_from), _date("date_to", date_to)
        if start and end and start > end:
            raise _invalid("date_from", f"{start} is after date_to {end}")
        return cls(
            actor=(actor or "").strip() or None,
            country=country.strip().upper() if country else None,
            types=_choices("type", type, PLOVER_TYPES, upper=True),
            statuses=_choices("status", status, STATUSES, upper=False),
            date_from=start, date_to=end,
            place=(place or "").strip() or None,
            q=(q or "").strip() or None,
            story=(story or "").strip() or None,
            article=(article or "").strip() or None,
            killed=_count("killed", killed), injured=_count("injured", injured),
        )

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if v or (f.name in ("killed", "injured") and v is not None):
                out[f.name] = list(v) if isinstance(v, tuple) else (
                    v.isoformat() if isinstance(v, date) else v)
        return out


def page(limit: int | None, offset: int | None) -> tuple[int, int]:
    """Validated (limit, offset)."""
    lim = 50 if limit is None else limit
    off = 0 if offset is None else offset
    if not 1 <= lim <= MAX_LIMIT:
        raise _invalid("limit", f"{lim} (expected 1..{MAX_LIMIT})")
    if off < 0:
        raise _invalid("offset", f"{off} (expected >= 0)")
    return lim, off
