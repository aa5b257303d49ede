"""The map's base layer, drawn from data installed with storyline (no tile server): country
outlines simplified from Natural Earth's 1:110m admin-0 countries
(``resources/map/countries.json``, written by ``scripts/build_borders.py``)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def country_outlines() -> dict[str, Any]:
    """``{"source": …, "countries": [{"iso3", "name", "rings": [[lon, lat, lon, lat, …], …]}]}``."""
    text = resources.files("storyline.resources").joinpath("map", "countries.json").read_text(
        encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
