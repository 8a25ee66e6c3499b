"""Derive a data folder's offline vector basemap (basemap/basemap.geojson) from Natural Earth.

Fine (1:10m) coastlines around every place in the folder's places.yaml, 1:50m land elsewhere and
1:50m borders, from the pinned npm package world-atlas: see lib/briefing/maps/derive.py.
Run it again after a world-atlas upgrade or when places move:
`.venv/bin/python scripts/derive_basemap.py [--data DIR] [--out FILE]`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from briefing.content import load_briefing
from briefing.maps.derive import basemap_json, derive, detail_boxes

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="data folder")
    parser.add_argument("--atlas", type=Path, default=None, help="world-atlas package folder")
    parser.add_argument("--out", type=Path, default=None, help="default: DATA/basemap/")
    args = parser.parse_args()
    briefing = load_briefing(args.data, basemap=False)  # the old one may be what is broken
    boxes = detail_boxes((p.lat, p.lon) for p in briefing.places)
    text = basemap_json(derive(boxes, args.atlas))
    out = args.out or args.data / "basemap" / "basemap.geojson"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({len(text.encode()) / 1000:.0f} KB, {len(boxes)} detail boxes)")


if __name__ == "__main__":
    main()
