"""The offline vector basemap: Natural Earth shapes derived by scripts/derive_basemap.py."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from markupsafe import Markup

from .assets import ROOT, MissingAsset
from .content import own_basemap
from .model import Briefing
from .render import script_json_text

BASEMAP = ROOT / "data" / "basemap" / "basemap.geojson"


def basemap_path(briefing: Briefing) -> Path:
    """The data folder's own basemap/basemap.geojson when it has one, else the default."""
    return own_basemap(briefing.folder) or BASEMAP


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
