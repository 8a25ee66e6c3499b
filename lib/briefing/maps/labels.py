"""Where the map's labels start: each place name's side and offset, each journey stop's corner.

These are the first choices only: static/maps_labels.js places every label shown in the page,
trying these first, then other sides, clear of the other labels, the map's edge and controls.
"""

from __future__ import annotations

from ..model import Place
from .data import Stop

LABEL_OFFSETS = {"left": (-8, 0), "right": (8, 0), "top": (0, -8), "bottom": (0, 8)}


def label_directions(places) -> dict[str, str]:
    """Where each place's name sits, from the longitude order within its city.

    West of the city's middle longitude the label goes left, east of it right, so neighbouring
    labels point away from each other (a city may have four places within 2 km); a city's only place
    is labelled on its right.
    """
    out: dict[str, str] = {}
    by_city: dict[str, list[Place]] = {}
    for place in places:
        by_city.setdefault(place.city, []).append(place)
    for group in by_city.values():
        west, east = min(p.lon for p in group), max(p.lon for p in group)
        middle = (west + east) / 2
        for place in sorted(group, key=lambda p: (p.lon, p.id)):
            out[place.id] = "left" if len(group) > 1 and place.lon < middle else "right"
    return out


LABEL_STEP = 20  # px between stacked labels (a label is about 18 px high)
STACK_START = 4  # px: the first of stacked labels sits just below the dot's middle
NEAR_LAT, NEAR_LON = 0.002, 0.02  # degrees: labels this close on the same side would overlap


def label_offsets(places, directions: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Each label's offset: labels of places that (nearly) coincide, on the same side of
    them, are stacked one under the other instead of printed over each other."""
    out: dict[str, tuple[int, int]] = {}
    by_side: dict[tuple[str, str], list[Place]] = {}
    for place in places:
        by_side.setdefault((place.city, directions[place.id]), []).append(place)
    for (_, side), group in by_side.items():
        dx, dy = LABEL_OFFSETS[side]
        clusters: list[list[Place]] = []
        for place in sorted(group, key=lambda p: (-p.lat, p.lon, p.id)):
            last = clusters[-1][-1] if clusters else None
            if (
                last is not None
                and last.lat - place.lat < NEAR_LAT
                and abs(last.lon - place.lon) < NEAR_LON
            ):
                clusters[-1].append(place)
            else:
                clusters.append([place])
        for cluster in clusters:
            # downwards from the dot, so a journey stop's label above it stays clear
            start = STACK_START if len(cluster) > 1 else 0
            for i, place in enumerate(cluster):
                out[place.id] = (dx, dy + start + i * LABEL_STEP)
    return out


def label_side(stops: list[Stop], indexes: list[int]) -> str:
    """Put a stop's label away from its neighbours ("ne", "nw", "se", "sw"); `indexes` are
    the stops at this point (a city left and come back to is one label)."""
    here = stops[indexes[0]].point
    near = [
        s.point
        for i, s in enumerate(stops)
        if i not in indexes and any(abs(i - j) == 1 for j in indexes)
    ]
    dlat = sum(p[0] - here[0] for p in near)
    dlon = sum(p[1] - here[1] for p in near)
    return ("s" if dlat > 0 else "n") + ("w" if dlon > 0 else "e")
