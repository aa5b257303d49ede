"""Event scales: PLOVER quad classes and scores, CAMEO Goldstein weights (data in
``resources/en/events/scales.yaml``)."""

from __future__ import annotations

from typing import Any

from ..resources import load_yaml

#: Quad class names, as in GDELT's QuadClass column.
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}


def _plover(event_type: str) -> dict[str, Any]:
    return dict(load_yaml("events/scales.yaml")["plover"].get(event_type, {}))


def quad_class(event_type: str, cameo: str | None = None) -> int | None:
    """Quad class (1-4) of a CAMEO code if known, else of the PLOVER type."""
    root = load_yaml("events/scales.yaml")["cameo_roots"].get((cameo or "")[:2])
    if root:
        return int(root["quad"])
    quad = _plover(event_type).get("quad")
    return int(quad) if quad is not None else None


def is_conflict(event_type: str) -> bool:
    """Verbal or material conflict (quad classes 3 and 4)."""
    return (quad_class(event_type) or 0) >= 3


def plover_score(event_type: str, mode: str | None = None) -> float | None:
    """PLOVER conflict-cooperation score (-10..10) of a type and mode."""
    entry = _plover(event_type)
    modes = entry.get("modes") or {}
    if mode and mode.lower() in modes:
        return float(modes[mode.lower()])
    score = entry.get("score")
    return float(score) if score is not None else None


def goldstein(event_type: str, cameo: str | None = None, mode: str | None = None) -> float | None:
    """A Goldstein-like score: the CAMEO root's Goldstein weight, else the PLOVER score."""
    root = load_yaml("events/scales.yaml")["cameo_roots"].get((cameo or "")[:2])
    if root:
        return float(root["goldstein"])
    return plover_score(event_type, mode)


def cameo_code(event_type: str, cameo: str | None) -> str | None:
    """The event's CAMEO code, else the most general code of its PLOVER type."""
    if cameo:
        return cameo
    default = _plover(event_type).get("cameo")
    return str(default) if default else None
