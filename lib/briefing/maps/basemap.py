"""The offline vector basemap: Natural Earth shapes derived by scripts/derive_basemap.py."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from markupsafe import Markup

from ..assets import ROOT, MissingAsset
from ..content import own_basemap
from ..model import Briefing
from ..render import script_json_text

BASEMAP = ROOT / "data" / "basemap" / "basemap.geojson"


def basemap_path(briefing: Briefing) -> Path:
    """The basemap a book draws: its data folder's own basemap/ when it has one; else the
    default when that has fine coastlines around every place; else one derived for its places
    (maps.derive, cached; the default when world-atlas is not installed)."""
    own = own_basemap(briefing.folder)
    if own is not None:
        return own
    from .derive import cached_basemap, covers  # only here: a kernel need not compile it

    points = [(p.lat, p.lon) for p in briefing.places]
    if covers({"detail_boxes": default_boxes()}, points):
        return BASEMAP
    try:
        return cached_basemap(points)
    except (MissingAsset, OSError):
        return BASEMAP


@cache
def default_boxes() -> list[list[float]]:
    """Where the default basemap has fine coastlines."""
    return basemap_geojson(BASEMAP).get("detail_boxes", [])


@cache
def basemap_text(path: Path = BASEMAP) -> str:
    """The committed basemap's GeoJSON text (land and borders), read once per process."""
    if not path.is_file():
        raise MissingAsset(f"{path} is missing: run scripts/derive_basemap.py")
    return path.read_text("utf-8").strip()


def basemap_geojson(path: Path = BASEMAP) -> dict:
    """The basemap as parsed GeoJSON."""
    return json.loads(basemap_text(path))


@cache
def basemap_script(path: Path = BASEMAP) -> Markup:
    """The basemap for a <script type="application/json"> block, escaped once per process.

    It goes in as the text the script derived, not parsed and dumped again: it is a derived
    asset (a test re-derives it byte for byte) like leaflet.js, and parsing its 250 KB of
    coordinates would cost a kernel about 30 ms. The escaping is script_json's all the same.
    """
    return script_json_text(basemap_text(path))
