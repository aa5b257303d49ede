"""Build ``resources/map/countries.json``: simplified country outlines for the web page's map.

Source: Natural Earth's 1:110m admin-0 countries (public domain), as shipped in the
geopandas 0.14.4 wheel (``geopandas/datasets/naturalearth_lowres``), read with pyshp
(no GDAL, and geopandas itself is never imported). Each ring is simplified with
Douglas-Peucker (tolerance :data:`TOLERANCE` degrees), rounded to :data:`DIGITS`
decimals and written as a flat ``[lon, lat, lon, lat, …]`` list; rings that simplify
to fewer than four points keep their original points. The map is drawn offline from
this file (``GET /api/basemap``).

    python scripts/build_borders.py [--source FILE.shp] [--out FILE]
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src" / "storyline" / "resources" / "map" / "countries.json"
#: Largest distance (degrees) a simplified outline strays from Natural Earth's.
TOLERANCE = 0.2
DIGITS = 1
Point = tuple[float, float]


def default_source() -> Path:
    """``naturalearth_lowres.shp`` inside the installed geopandas package (not imported)."""
    spec = importlib.util.find_spec("geopandas")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("geopandas 0.14.4 is not installed (pip install -e '.[test]')")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return folder / "datasets" / "naturalearth_lowres" / "naturalearth_lowres.shp"


def _distance(p: Point, a: Point, b: Point) -> float:
    """Distance of ``p`` from the segment ``a``–``b``."""
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return float(((x - x1) ** 2 + (y - y1) ** 2) ** 0.5)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return float(((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5)


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: the points of ``points`` needed to stay within ``tolerance``."""
    if len(points) < 3:
        return list(points)
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        far, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > far:
                far, index = d, i
        if index >= 0 and far > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [points[i] for i in sorted(keep)]


def _rings(shape: object) -> list[list[Point]]:
    points = [(float(x), float(y)) for x, y in shape.points]  # type: ignore[attr-defined]
    starts = [*shape.parts, len(points)]  # type: ignore[attr-defined]
    return [points[a:b] for a, b in itertools.pairwise(starts)]


def build(source: Path) -> dict[str, object]:
    """The countries of ``source`` (a Natural Earth admin-0 shapefile), outlines simplified."""
    import shapefile

    countries = []
    with shapefile.Reader(str(source)) as reader:
        names = [f[0] for f in reader.fields[1:]]
        for shape_record in reader.iterShapeRecords():
            attrs = dict(zip(names, shape_record.record, strict=True))
            rings = []
            for ring in _rings(shape_record.shape):
                simple = simplify(ring, TOLERANCE)
                chosen = simple if len(simple) >= 4 else ring
                rings.append([round(v, DIGITS) for p in chosen for v in p])
            iso3 = attrs["iso_a3"] if attrs["iso_a3"] not in ("-99", "") else None
            countries.append({"iso3": iso3, "name": attrs["name"], "rings": rings})
    countries.sort(key=lambda c: (c["name"], c["iso3"] or ""))
    return {"source": "Natural Earth 1:110m admin-0 countries (public domain), via geopandas "
                      f"0.14.4; simplified to {TOLERANCE} degrees by scripts/build_borders.py",
            "countries": countries}


def dump(data: dict[str, object]) -> str:
    """The file's text: one country a line, so a change shows as a readable diff."""
    head = json.dumps(data["source"])
    rows = ",\n".join(json.dumps(c, separators=(",", ":"))
                      for c in data["countries"])  # type: ignore[attr-defined]
    return f'{{"source": {head},\n"countries": [\n{rows}\n]}}\n'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    data = build(args.source or default_source())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(dump(data), encoding="utf-8")
    n = len(data["countries"])  # type: ignore[arg-type]
    print(f"wrote {args.out} ({n} countries, {args.out.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
