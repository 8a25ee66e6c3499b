"""Derive an offline vector basemap from Natural Earth shapes, with fine coastlines where a
book's places are.

Reads the pinned npm package world-atlas (Natural Earth, public domain, as TopoJSON) from
node_modules/, decodes its arcs in plain Python, and makes one compact GeoJSON
FeatureCollection:

- land at 50m, simplified, everywhere except the detail boxes;
- land at 10m inside the detail boxes: one box around each place of the data folder (boxes that
  overlap are merged), where the maps zoom in past what 50m shapes can show;
- country borders at 50m (arcs shared by two countries), simplified.

Land is drawn as fill only, so the seams where a box cuts the coarse layer do not show. The
collection records its boxes (`detail_boxes`, a GeoJSON foreign member), so a book can tell
whether a basemap has fine coastlines around all of its places.

`scripts/derive_basemap.py` writes a data folder's basemap/ with this; a book whose folder has
none gets one derived here on first use and cached under build/basemaps/ (cached_basemap).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..assets import ROOT, MissingAsset, node_modules

Point = tuple[float, float]
Ring = list[Point]
Box = tuple[float, float, float, float]  # (west, south, east, north) in degrees

COARSE_TOLERANCE = 0.09  # degrees, Douglas-Peucker on 50m shapes
BORDER_TOLERANCE = 0.05
MIN_ISLAND = 0.05  # square degrees: smaller coarse islands are dropped (not in the boxes)
DETAIL_TOLERANCE = 0.0005  # degrees, on 10m shapes inside the boxes
COARSE_DIGITS = 2
DETAIL_DIGITS = 4
WORLD = (-180.0, -90.0, 180.0, 90.0)


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


def unwrap_antimeridian(points: list[Point]) -> list[Point]:
    """A ring or line made continuous where it jumps from 180 to -180 (lon may pass 180)."""
    out, shift = [points[0]], 0.0
    for (x0, _), (x1, y1) in itertools.pairwise(points):
        if x1 - x0 > 180:
            shift -= 360
        elif x0 - x1 > 180:
            shift += 360
        out.append((x1 + shift, y1))
    return out


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
    rings = [unwrap_antimeridian(ring) for ring in polygon]
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


def ring_area(ring: Ring) -> float:
    """A closed ring's area in square degrees, whichever way it winds."""
    return abs(_area(ring))


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
            rings = [round_points(simplify_ring(r, tolerance), digits) for r in rings if r]
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
                line = round_points(simplify(part, tolerance), digits)
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


def round_points(points: list[Point], digits: int) -> list[list[float]]:
    """Points rounded to `digits` decimals, a point equal to the one before it dropped."""
    out: list[list[float]] = []
    for x, y in points:
        point = [round(x, digits), round(y, digits)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def feature(kind: str, detail: str, geometry: dict) -> dict:
    return {"type": "Feature", "properties": {"kind": kind, "detail": detail}, "geometry": geometry}


DERIVATION = "2"  # changes when the derivation does: part of the cache key
DETAIL_RADIUS = 0.5  # degrees of latitude around a place where the coastline is fine
CACHE = ROOT / "build" / "basemaps"


def atlas_dir() -> Path:
    return node_modules() / "world-atlas"


def detail_boxes(points: Iterable[tuple[float, float]]) -> list[Box]:
    """A box around each (lat, lon) point, about 110 km across, overlapping boxes merged."""
    boxes: list[Box] = []
    for lat, lon in points:
        dlon = min(DETAIL_RADIUS / max(math.cos(math.radians(lat)), 0.1), 180.0)
        box = (
            math.floor((lon - dlon) * 10) / 10,
            math.floor((lat - DETAIL_RADIUS) * 10) / 10,
            math.ceil((lon + dlon) * 10) / 10,
            math.ceil((lat + DETAIL_RADIUS) * 10) / 10,
        )
        box = (max(box[0], -180.0), max(box[1], -85.0), min(box[2], 180.0), min(box[3], 85.0))
        merged = True
        while merged:  # a merged box may now overlap one merged before it
            merged = False
            for other in boxes:
                if (
                    box[0] <= other[2]
                    and other[0] <= box[2]
                    and box[1] <= other[3]
                    and other[1] <= box[3]
                ):
                    boxes.remove(other)
                    box = (
                        min(box[0], other[0]),
                        min(box[1], other[1]),
                        max(box[2], other[2]),
                        max(box[3], other[3]),
                    )
                    merged = True
                    break
        boxes.append(box)
    return sorted(boxes)


def covers(basemap: dict, points: Iterable[tuple[float, float]]) -> bool:
    """True when every (lat, lon) point lies inside one of the basemap's detail boxes."""
    boxes = basemap.get("detail_boxes") or []
    return all(any(w <= lon <= e and s <= lat <= n for w, s, e, n in boxes) for lat, lon in points)


def derive(boxes: list[Box], atlas: Path | None = None) -> dict:
    """The basemap as a GeoJSON FeatureCollection with 10m land inside `boxes`."""
    atlas = atlas or atlas_dir()
    if not (atlas / "land-10m.json").is_file():
        raise MissingAsset(f"{atlas} is missing: run `npm ci` in {ROOT} (see README)")
    coarse = land_polygons(
        atlas / "land-50m.json", outside_boxes(boxes), COARSE_TOLERANCE, COARSE_DIGITS, MIN_ISLAND
    )
    fine = land_polygons(atlas / "land-10m.json", boxes, DETAIL_TOLERANCE, DETAIL_DIGITS)
    borders = border_lines(atlas / "countries-50m.json", BORDER_TOLERANCE, COARSE_DIGITS)
    return {
        "type": "FeatureCollection",
        "detail_boxes": [list(box) for box in boxes],
        "features": [
            # one path for all land, so the seams around the detail boxes do not show
            feature("land", "50m+10m", {"type": "MultiPolygon", "coordinates": coarse + fine}),
            feature("border", "50m", {"type": "MultiLineString", "coordinates": borders}),
        ],
    }


def basemap_json(data: dict) -> str:
    """The text a basemap file holds: compact JSON and a final newline."""
    return json.dumps(data, separators=(",", ":")) + "\n"


def cached_basemap(points: list[tuple[float, float]]) -> Path:
    """A basemap with fine coastlines around the points: derived once, then read from the cache.

    Raises MissingAsset when world-atlas is not installed.
    """
    boxes = detail_boxes(points)
    version = json.loads((atlas_dir() / "package.json").read_text("utf-8")).get("version", "")
    key = hashlib.sha256(json.dumps([DERIVATION, version, boxes]).encode()).hexdigest()[:16]
    path = CACHE / f"basemap-{key}.geojson"
    if not path.is_file():
        text = basemap_json(derive(boxes))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".basemap-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)  # two kernels deriving at once both write the same bytes
    return path
