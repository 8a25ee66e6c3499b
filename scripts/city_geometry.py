"""The city layers' geometry: lines clipped to a box and joined, polygon rings clipped and
simplified, coordinates rounded (used by scripts/derive_city_layers.py, on top of the basemap's
own helpers in briefing.maps.derive)."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))

from briefing.maps.derive import (
    clip_ring,
    ring_area,
    round_points,
    simplify_ring,
    unwrap_antimeridian,
)

DIGITS = 4  # about 10 m
MIN_AREA = 2e-7  # square degrees: smaller islands and lakes (about 2,000 m²) are dropped

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # west, south, east, north


def rounded(points: list[Point]) -> list[list[float]]:
    return round_points(points, DIGITS)


def continuous_copies(points: list[Point]) -> list[list[Point]]:
    """A ring or line that jumps across the antimeridian, made continuous, with copies shifted
    by 360 degrees either way (a box picks whichever it overlaps); others are returned as is."""
    if not any(abs(b[0] - a[0]) > 180 for a, b in itertools.pairwise(points)):
        return [points]
    out = unwrap_antimeridian(points)
    return [[(x + offset, y) for x, y in out] for offset in (-360.0, 0.0, 360.0)]


def clip_line(points: list[Point], box: Box) -> list[list[Point]]:
    """The parts of a line inside the box (Liang-Barsky on each segment)."""
    west, south, east, north = box
    parts: list[list[Point]] = []
    current: list[Point] = []
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        dx, dy = x1 - x0, y1 - y0
        t0, t1 = 0.0, 1.0
        inside = True
        for p, q in ((-dx, x0 - west), (dx, east - x0), (-dy, y0 - south), (dy, north - y0)):
            if p == 0:
                if q < 0:
                    inside = False
                    break
                continue
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                inside = False
                break
        if not inside:
            if current:
                parts.append(current)
                current = []
            continue
        start = (x0 + t0 * dx, y0 + t0 * dy)
        end = (x0 + t1 * dx, y0 + t1 * dy)
        if not current:
            current = [start]
        current.append(end)
        if t1 < 1.0:
            parts.append(current)
            current = []
    if current:
        parts.append(current)
    return [part for part in parts if len(part) >= 2]


def merge_lines(lines: list[list[Point]]) -> list[list[Point]]:
    """Lines joined where one ends where another starts (ways of one road), in input order."""
    starts: dict[Point, list[int]] = {}
    ends: dict[Point, list[int]] = {}
    for index, line in enumerate(lines):
        starts.setdefault(line[0], []).append(index)
        ends.setdefault(line[-1], []).append(index)
    used = [False] * len(lines)

    def take(candidates: list[int]) -> int | None:
        for index in candidates:
            if not used[index]:
                used[index] = True
                return index
        return None

    merged = []
    for index, line in enumerate(lines):
        if used[index]:
            continue
        used[index] = True
        chain = list(line)
        while (nxt := take(starts.get(chain[-1], []))) is not None:
            chain.extend(lines[nxt][1:])
        while (prev := take(ends.get(chain[0], []))) is not None:
            chain[:0] = lines[prev][:-1]
        merged.append(chain)
    return merged


def box_polygon(box: Box) -> list[list[list[float]]]:
    west, south, east, north = box
    return [rounded([(west, south), (east, south), (east, north), (west, north), (west, south)])]


def clip_polygon_rings(
    rings: list[list[Point]], box: Box, tolerance: float
) -> list[list[list[float]]]:
    """A polygon's rings clipped to the box and simplified; [] when nothing of it is inside."""
    out = []
    for ring in rings:
        clipped = clip_ring(ring, box)
        if len(clipped) < 4 or ring_area(clipped) < MIN_AREA:
            if not out:
                return []  # the outer ring is not in the box
            continue
        simple = rounded(simplify_ring(clipped, tolerance) or clipped)
        if len(simple) >= 4:
            out.append(simple)
        elif not out:
            return []
    return out
