"""Place features: proximity to the article's other places."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline import kb
from storyline.extractors.places.features import PROXIMITY_KM, Context, proximity

_LAT = st.floats(-90, 90, allow_nan=False)
_LON = st.floats(-180, 180, allow_nan=False)


def _city(lat: float, lon: float) -> kb.GazPlace:
    return kb.GazPlace(1, "X", "city", "AAA", None, lat, lon, 1000)


@settings(max_examples=300, deadline=None)
@given(_LAT, _LON, st.lists(st.tuples(_LAT, _LON), max_size=20), st.floats(-3, 3))
def test_features_proximity_measures_only_the_latitude_band_as_if_all(
        lat: float, lon: float, points: list[tuple[float, float]], shift: float) -> None:
    # some points just inside or outside the band around the place
    points = [*points, (max(-90.0, min(90.0, lat + shift)), lon)]
    ctx = Context(Counter(), Counter(), tuple(sorted(points)))
    nearest = min(kb.distance_km(lat, lon, a, b) for a, b in points)
    assert proximity(_city(lat, lon), ctx) == max(0.0, 1.0 - nearest / PROXIMITY_KM)
