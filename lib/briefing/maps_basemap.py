"""The offline vector basemap: Natural Earth shapes derived by scripts/derive_basemap.py."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from .assets import ROOT, MissingAsset

BASEMAP = ROOT / "data" / "basemap" / "basemap.geojson"


@cache
def basemap_geojson(path: Path = BASEMAP) -> dict:
    """The committed basemap as GeoJSON (land and borders), read once per process."""
    if not path.is_file():
        raise MissingAsset(f"{path} is missing: run scripts/derive_basemap.py")
    return json.loads(path.read_text("utf-8"))
