"""The map's country outlines: regenerated from Natural Earth (geopandas 0.14.4's copy) they
equal the shipped file; they cover the world and keep their shapes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from storyline.api.basemap import country_outlines

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location(
        "build_borders", ROOT / "scripts" / "build_borders.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_borders = _script()


def test_basemap_regenerates_identically(tmp_path: Path) -> None:
    assert importlib.util.find_spec("geopandas"), "the test extras install geopandas 0.14.4"
    out = tmp_path / "countries.json"
    assert build_borders.main(["--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == build_borders.DEFAULT_OUT.read_text(encoding="utf-8")


def test_basemap_countries_cover_the_world() -> None:
    data = country_outlines()
    by_iso = {c["iso3"]: c for c in data["countries"]}
    assert len(data["countries"]) == 177 and {"UKR", "RUS", "KEN", "BRA", "FRA", "AUS"} <= set(by_iso)
    for c in data["countries"]:
        for ring in c["rings"]:
            assert len(ring) % 2 == 0 and len(ring) >= 8
            lons, lats = ring[0::2], ring[1::2]
            assert all(-180 <= x <= 180 for x in lons) and all(-90 <= y <= 90 for y in lats)
    # Ukraine's outline holds Kyiv (50.45 N, 30.52 E)
    lons, lats = by_iso["UKR"]["rings"][0][0::2], by_iso["UKR"]["rings"][0][1::2]
    assert min(lons) < 30.52 < max(lons) and min(lats) < 50.45 < max(lats)


def test_basemap_simplify_keeps_what_matters() -> None:
    square = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0)]
    assert build_borders.simplify(square, 0.1) == [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0),
                                                   (0.0, 2.0), (0.0, 0.0)]
    assert build_borders.simplify(square, 0.0) == square
