"""Alert queries: the filters of ``storyline events`` written as one line.

``type=ASSAULT country=UKR killed>=5`` — space-separated conditions, all of which
must hold; values with spaces are quoted (``actor="Vladimir Putin"``). Keys:
``actor``, ``country``, ``type``, ``status``, ``from``, ``to``, ``place``, ``q``,
``story``, ``article`` (``key=value``, as the options of ``storyline events``) and
``killed``, ``injured`` (``key>=N``: some source reports at least N).
"""

from __future__ import annotations

import json
import re
import shlex
from typing import Any

from ..errors import ErrorCode, StorylineError
from ..store.filters import Filters

#: Query keys and the :meth:`Filters.build` argument each sets.
KEYS = {"actor": "actor", "country": "country", "type": "type", "status": "status",
        "from": "date_from", "to": "date_to", "place": "place", "q": "q", "search": "q",
        "story": "story", "article": "article"}
#: Keys compared with ``>=``.
COUNTS = ("killed", "injured")
_CONDITION = re.compile(r"^([a-z_]+)\s*(>=|=)\s*(.*)$", re.IGNORECASE | re.DOTALL)


def _invalid(detail: str) -> StorylineError:
    return StorylineError(ErrorCode.E509, detail=detail)


def parse_query(query: str) -> dict[str, Any]:
    """The :meth:`Filters.build` arguments of an alert query (validated); E509 naming the
    condition that is wrong."""
    try:
        tokens = shlex.split(query)
    except ValueError as exc:
        raise _invalid(f"{query!r}: {exc}") from None
    if not tokens:
        raise _invalid("an alert needs at least one condition, e.g. type=ASSAULT country=UKR")
    args: dict[str, Any] = {}
    for token in tokens:
        m = _CONDITION.match(token)
        if not m:
            raise _invalid(f"{token!r} is not key=value or key>=N")
        key, op, value = m.group(1).lower(), m.group(2), m.group(3).strip()
        if key in COUNTS:
            if op != ">=":
                raise _invalid(f"{token!r}: {key} is compared with >= (e.g. {key}>=5)")
            name = key
        elif key in KEYS:
            if op != "=":
                raise _invalid(f"{token!r}: {key} takes = (e.g. {key}=…)")
            name = KEYS[key]
        else:
            known = ", ".join([*dict.fromkeys(KEYS), *COUNTS])
            raise _invalid(f"unknown key {key!r} in {token!r} (expected one of {known})")
        if not value:
            raise _invalid(f"{token!r} has no value")
        if name in args:
            raise _invalid(f"{key} is given twice")
        args[name] = value
    try:
        Filters.build(**args)
    except StorylineError as err:
        raise _invalid(f"{err.details.get('name')}: {err.details.get('detail')}") from None
    return args


def filters_of(args_json: str) -> Filters:
    """The :class:`Filters` of an alert as stored (its parsed query as JSON)."""
    return Filters.build(**json.loads(args_json))
