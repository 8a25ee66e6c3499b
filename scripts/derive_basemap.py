"""Derive the offline vector basemap (data/basemap/basemap.geojson) from Natural Earth shapes.

Reads the pinned npm package world-atlas (Natural Earth, public domain, as TopoJSON) from
node_modules/, decodes its arcs here in plain Python, and writes one compact GeoJSON file:

- land at 50m, simplified, everywhere except the detail boxes below;
- land at 10m inside the detail boxes (Malta, St Petersburg and the Gulf of Finland, Moscow,
  Beijing, The Hague, the San Francisco peninsula), where the maps zoom in;
- country borders at 50m (arcs shared by two countries), simplified.

Land is drawn as fill only, so the seams where a box cuts the coarse layer do not show.
Run it again after a world-atlas upgrade: `.venv/bin/python scripts/derive_basemap.py`.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ATLAS = ROOT / "node_modules" / "world-atlas"
OUT = ROOT / "data" / "basemap" / "basemap.geojson"

# (name, west, south, east, north): where the maps zoom in past what 50m shapes can show.
DETAIL_BOXES = (
    ("malta", 13.9, 35.6, 14.9, 36.2),
    ("st-petersburg", 28.8, 59.4, 31.2, 60.4),
    ("moscow", 36.8, 55.3, 38.4, 56.2),
    ("beijing", 115.8, 39.5, 117.0, 40.4),
    ("the-hague", 3.9, 51.8, 4.8, 52.4),
    ("bay-area", -122.8, 37.2, -121.8, 38.0),
)
COARSE_TOLERANCE = 0.09  # degrees, Douglas-Peucker on 50m shapes
BORDER_TOLERANCE = 0.05
MIN_ISLAND = 0.05  # square degrees: smaller coarse islands are dropped (not in the boxes)
DETAIL_TOLERANCE = 0.0005  # degrees, on 10m shapes inside the boxes
COARSE_DIGITS = 2
DETAIL_DIGITS = 4
WORLD = (-180.0, -90.0, 180.0, 90.0)

Point = tuple[float, float]
Ring = list[Point]


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Absolute lon/lat points of every arc of a quantized, delta-encoded TopoJSON topology."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(indices: list[int], arcs: list[list[Point]]) -> Ring:
    """Join a ring's arcs (a negative index ~i is arc i reversed), dropping shared end points."""
    ring: Ring = []
    for index in indices:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def polygons(geometry: dict, arcs: list[list[Point]]) -> list[list[Ring]]:
    """The polygons (outer ring then holes) of a Polygon, MultiPolygon or collection."""
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        return [p for g in geometry["geometries"] for p in polygons(g, arcs)]
    if kind == "Polygon":
        return [[ring_points(r, arcs) for r in geometry["arcs"]]]
    if kind == "MultiPolygon":
        return [[ring_points(r, arcs) for r in poly] for poly in geometry["arcs"]]
    return []


def unwrap(polygon: list[Ring]) -> list[list[Ring]]:
    """A polygon crossing the antimeridian as copies that leaflet's flat map can draw.

    TopoJSON rings jump from 180 to -180; drawn flat, that jump makes a band around the world.
    Rings are made continuous (lon may pass 180) and shifted copies cover the other side;
    clipping to the world box later keeps only the visible parts. Rings reaching the south
    pole (Antarctica) are dropped: Web Mercator cannot show them and no map here goes there.
    """
    if any(lat < -80 for ring in polygon for _, lat in ring):
        return []
    if not any(abs(b[0] - a[0]) > 180 for r in polygon for a, b in itertools.pairwise(r)):
        return [polygon]
    rings = []
    for ring in polygon:
        out = [ring[0]]
        shift = 0.0
        for (x0, _), (x1, y1) in itertools.pairwise(ring):
            if x1 - x0 > 180:
                shift -= 360
            elif x0 - x1 > 180:
                shift += 360
            out.append((x1 + shift, y1))
        rings.append(out)
    copies = [rings]
    for offset in (-360.0, 360.0):
        copies.append([[(x + offset, y) for x, y in ring] for ring in rings])
    return copies


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative (no recursion limit on long coastlines)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        worst, worst_at = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if norm:
                d = abs(dy * (px - x1) - dx * (py - y1)) / norm
            else:
                d = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            if d > worst:
                worst, worst_at = d, i
        if worst > tolerance:
            keep[worst_at] = True
            stack += [(first, worst_at), (worst_at, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_ring(ring: Ring, tolerance: float) -> Ring:
    # Split a closed ring in two halves so the end points are not its only anchors.
    half = len(ring) // 2
    out = simplify(ring[: half + 1], tolerance)[:-1] + simplify(ring[half:], tolerance)
    return out if len(out) >= 4 else []


def clip_ring(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """Sutherland-Hodgman: the part of a ring inside an axis-aligned box."""
    west, south, east, north = box
    edges = (
        (lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)),
    )
    out = ring[:-1] if ring and ring[0] == ring[-1] else list(ring)
    for inside, cross in edges:
        if not out:
            return []
        points, out = out, []
        prev = points[-1]
        for point in points:
            if inside(point):
                if not inside(prev):
                    out.append(cross(prev, point))
                out.append(point)
            elif inside(prev):
                out.append(cross(prev, point))
            prev = point
    return [*out, out[0]] if len(out) >= 3 else []


def _area(ring: Ring) -> float:
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in itertools.pairwise(ring)) / 2


def _at_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _at_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def outside_boxes(boxes: list[tuple[float, float, float, float]]) -> list[tuple]:
    """Rectangles tiling the world minus the given boxes (each box cut from what remains)."""
    pieces = [WORLD]
    for bw, bs, be, bn in boxes:
        rest = []
        for w, s, e, n in pieces:
            if be <= w or bw >= e or bn <= s or bs >= n:
                rest.append((w, s, e, n))
                continue
            rest += [
                r
                for r in (
                    (w, s, bw, n),
                    (be, s, e, n),
                    (max(w, bw), s, min(e, be), bs),
                    (max(w, bw), bn, min(e, be), n),
                )
                if r[2] > r[0] and r[3] > r[1]
            ]
        pieces = rest
    return pieces


def land_polygons(
    path: Path, regions: list[tuple], tolerance: float, digits: int, min_area: float = 0.0
) -> list:
    topology = json.loads(path.read_text("utf-8"))
    arcs = decode_arcs(topology)
    source = [u for p in polygons(topology["objects"]["land"], arcs) for u in unwrap(p)]
    result = []
    for region in regions:
        for polygon in source:
            rings = [clip_ring(r, region) for r in polygon]
            if not rings[0] or abs(_area(rings[0])) < min_area:
                continue
            rings = [_round(simplify_ring(r, tolerance), digits) for r in rings if r]
            rings = [r for r in rings if len(r) >= 4]
            if rings:
                result.append(rings)
    return result


def border_lines(path: Path, tolerance: float, digits: int) -> list:
    """Arcs used by two different countries: land borders, not coastlines."""
    topology = json.loads(path.read_text("utf-8"))
    arcs = decode_arcs(topology)
    users: Counter[int] = Counter()
    for geometry in topology["objects"]["countries"]["geometries"]:
        for index in set(_arc_indices(geometry.get("arcs", []))):
            users[index] += 1
    lines = []
    for index, count in sorted(users.items()):
        if count >= 2:
            for part in _split_at_antimeridian(arcs[index]):
                line = _round(simplify(part, tolerance), digits)
                if len(line) >= 2:
                    lines.append(line)
    return lines


def _split_at_antimeridian(points: list[Point]) -> list[list[Point]]:
    parts = [[points[0]]]
    for a, b in itertools.pairwise(points):
        if abs(b[0] - a[0]) > 180:
            parts.append([])
        parts[-1].append(b)
    return parts


def _arc_indices(nested) -> list[int]:
    if isinstance(nested, int):
        return [nested if nested >= 0 else ~nested]
    return [i for item in nested for i in _arc_indices(item)]


def _round(points: list[Point], digits: int) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        point = [round(x, digits), round(y, digits)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def feature(kind: str, detail: str, geometry: dict) -> dict:
    return {"type": "Feature", "properties": {"kind": kind, "detail": detail}, "geometry": geometry}


def derive(atlas: Path = ATLAS) -> dict:
    """The basemap as a GeoJSON FeatureCollection."""
    boxes = [box[1:] for box in DETAIL_BOXES]
    coarse = land_polygons(
        atlas / "land-50m.json", outside_boxes(boxes), COARSE_TOLERANCE, COARSE_DIGITS, MIN_ISLAND
    )
    fine = land_polygons(atlas / "land-10m.json", boxes, DETAIL_TOLERANCE, DETAIL_DIGITS)
    borders = border_lines(atlas / "countries-50m.json", BORDER_TOLERANCE, COARSE_DIGITS)
    return {
        "type": "FeatureCollection",
        "features": [
            # one path for all land, so the seams around the detail boxes do not show
            feature("land", "50m+10m", {"type": "MultiPolygon", "coordinates": coarse + fine}),
            feature("border", "50m", {"type": "MultiLineString", "coordinates": borders}),
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atlas", type=Path, default=ATLAS, help="world-atlas package folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = derive(args.atlas)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, separators=(",", ":")) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode()) / 1000:.0f} KB)")


if __name__ == "__main__":
    main()
