"""City detail for the map's city views: water, coast, built-up area and, where an open source
has them, parks, main roads and named ring roads around a city's places.

A data folder may hold derived layers in cities/<slug>.geojson, one per city (a city is
the places sharing a `city` field); scripts/derive_city_layers.py writes them from recorded open
sources. Each file is checked here like any other input: a layer that is not UTF-8, not JSON,
or not the GeoJSON the script writes is a DataError naming the file.

The page carries each layer a view needs as an inert JSON block; static/maps.js parses and
draws it only when that view is shown, so the overview's first paint does not pay for it.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..content import DataError, data_dir
from ..render import script_json_text

CITY_DIR = Path("cities")
LAYER_SUFFIX = ".geojson"
ALLOWED_OTHER = {"README.md"}  # documentation beside the layers; every other file must be a layer
MAX_LAYER_BYTES = 400_000
# what a layer may draw; static/maps.js styles each kind (quietly, under the book's points)
KINDS = ("water", "land", "urban", "lake", "river", "park", "road", "major_road", "ring_road")
NAMED_KINDS = {"ring_road"}  # lines the map labels with their name (shown as text)
GEOMETRIES = {"Polygon", "MultiPolygon", "LineString", "MultiLineString"}
CITY_VIEW_MAX_SPAN = 3.0  # degrees of latitude: a view wider than this is not a city view


@dataclass(frozen=True)
class CityLayer:
    """One derived city layer: which city, its file, its checked text and its attribution."""

    slug: str
    city: str
    path: Path
    text: str  # what the page carries: the shapes, without the sources' records
    credits: tuple[str, ...]  # one attribution per source, shown on the map with the layer

    @cached_property
    def block_id(self) -> str:
        """The id of the layer's JSON block in the page: derived from its content."""
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:10]
        return f"city-layer-{self.slug}-{digest}"

    @property
    def attribution(self) -> str:
        """The credits, one per line (the block's data-attribution; maps.js splits them)."""
        return "\n".join(self.credits)

    @property
    def script(self) -> Markup:
        """The layer's text for a <script type="application/json"> block, escaped for HTML."""
        return _script_text(self.text)


def city_slug(city: str) -> str:
    """A file-name-safe slug for a city name ("Rio de Janeiro" -> "rio-de-janeiro").

    Names with no ASCII letters or digits get a slug from a hash of the name, so every city
    has a stable, distinct file name.
    """
    ascii_name = unicodedata.normalize("NFKD", city).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "city-" + hashlib.sha256(city.encode("utf-8")).hexdigest()[:10]


def city_dir(folder: str | Path | None) -> Path:
    """Where a data folder keeps its city layers."""
    return data_dir(folder) / CITY_DIR


def briefing_folder(briefing: Any) -> Path:
    """The data folder a briefing was read from (the default data folder if it does not say)."""
    return data_dir(briefing.folder)


def city_layers(folder: str | Path | None) -> dict[str, CityLayer]:
    """Every city layer of a data folder, checked, by slug (empty when it has none)."""
    directory = city_dir(folder)
    if not directory.is_dir():
        return {}
    layers: dict[str, CityLayer] = {}
    for path in sorted(directory.iterdir()):
        if path.name in ALLOWED_OTHER:
            continue
        if path.suffix != LAYER_SUFFIX or not path.is_file():
            raise DataError(
                path, f"unexpected file: city layers are <city>{LAYER_SUFFIX} files only"
            )
        stat = path.stat()
        layer = _read_layer(str(path), stat.st_mtime_ns, stat.st_size)
        layers[layer.slug] = layer
    return layers


def is_city_view(view: Any) -> bool:
    """A view framing one city or so: it may draw city layers and offers the street map."""
    (south, _), (north, _) = view.bounds
    return north - south <= CITY_VIEW_MAX_SPAN


def view_layers(
    views: list[Any], places_city: dict[str, str], layers: dict[str, CityLayer]
) -> dict[str, list[CityLayer]]:
    """The city layers each view shows: those of its places' cities, for city-sized views."""
    out: dict[str, list[CityLayer]] = {}
    for view in views:
        chosen: list[CityLayer] = []
        if is_city_view(view):
            for place in view.places:
                layer = layers.get(city_slug(places_city[place.id]))
                if layer is not None and layer not in chosen:
                    chosen.append(layer)
        out[view.key] = chosen
    return out


@cache
def _script_text(text: str) -> Markup:
    return script_json_text(text)


@cache
def _read_layer(path_text: str, mtime_ns: int, size: int) -> CityLayer:
    """Read and check one layer (cached by path, modification time and size)."""
    path = Path(path_text)
    if size > MAX_LAYER_BYTES:
        raise DataError(path, f"file is {size:,} bytes, over the {MAX_LAYER_BYTES:,} limit")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DataError(path, f"not UTF-8 text (byte {err.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise DataError(
            path, f"not JSON (line {err.lineno}, column {err.colno}): {err.msg}"
        ) from None
    return _check_layer(path, data)


def _check_layer(path: Path, data: Any) -> CityLayer:
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise DataError(path, "not a GeoJSON FeatureCollection")
    city = data.get("city")
    if not isinstance(city, str) or not city.strip():
        raise DataError(path, "must name its city", field="city")
    if path.name != city_slug(city) + LAYER_SUFFIX:
        raise DataError(
            path, f"the file of city {city!r} must be named {city_slug(city)}{LAYER_SUFFIX}"
        )
    sources = data.get("sources")
    if not isinstance(sources, list) or not sources:
        raise DataError(path, "must list its sources", field="sources")
    credits = []
    for index, source in enumerate(sources):
        if not isinstance(source, dict):
            raise DataError(path, "must be an object", record=f"sources[{index}]")
        for key in ("name", "licence", "attribution", "sha256"):
            if not isinstance(source.get(key), str) or not source[key].strip():
                raise DataError(path, "must be text", record=f"sources[{index}]", field=key)
        credits.append(source["attribution"].strip())
    features = data.get("features")
    if not isinstance(features, list):
        raise DataError(path, "must be a list", field="features")
    for index, feature in enumerate(features):
        _check_feature(path, f"features[{index}]", feature)
    # the page needs the shapes only: the sources' identities and checksums stay in the file
    shapes = {"type": "FeatureCollection", "features": features}
    return CityLayer(
        slug=city_slug(city),
        city=city,
        path=path,
        text=json.dumps(shapes, separators=(",", ":"), ensure_ascii=False),
        credits=tuple(dict.fromkeys(credits)),
    )


def _check_feature(path: Path, where: str, feature: Any) -> None:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise DataError(path, "not a GeoJSON Feature", record=where)
    properties = feature.get("properties")
    if not isinstance(properties, dict) or properties.get("kind") not in KINDS:
        raise DataError(path, f"must be one of {', '.join(KINDS)}", record=where, field="kind")
    name = properties.get("name")
    if properties["kind"] in NAMED_KINDS and (not isinstance(name, str) or not name.strip()):
        raise DataError(path, "a named line must have a name", record=where, field="name")
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRIES:
        raise DataError(
            path, f"must be one of {', '.join(sorted(GEOMETRIES))}", record=where, field="geometry"
        )
    depth = {"LineString": 2, "MultiLineString": 3, "Polygon": 3, "MultiPolygon": 4}
    if not _positions(geometry.get("coordinates"), depth[geometry["type"]]):
        raise DataError(
            path,
            "coordinates must be [longitude, latitude] pairs of finite numbers in range",
            record=where,
            field="geometry",
        )


def _positions(value: Any, depth: int) -> bool:
    """True when value nests `depth` lists deep down to valid [lon, lat] positions."""
    if not isinstance(value, list):
        return False
    if depth > 2:
        return all(_positions(item, depth - 1) for item in value)
    # the innermost lists in one loop: a layer holds thousands of positions
    for position in value if depth == 2 else [value]:
        if not isinstance(position, list) or len(position) != 2:
            return False
        lon, lat = position
        if not (
            isinstance(lon, (int, float))
            and isinstance(lat, (int, float))
            and not isinstance(lon, bool)
            and not isinstance(lat, bool)
            # NaN compares false and infinities are out of range: both fail here
            and -540 <= lon <= 540
            and -90 <= lat <= 90
        ):
            return False
    return True
