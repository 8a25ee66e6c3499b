"""Screenshots of each map view, offline: docs/map-<view>.png from headless Chromium.

Builds the map's static twin from a data folder, opens it from disk with every non-file
request refused, presses each view's button and captures the map with its legend.
Run: `.venv/bin/python scripts/screenshot_city_views.py [--data DIR] [--out docs]`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))
sys.path.insert(0, str(ROOT / "tests"))

from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from briefing import load_briefing  # noqa: E402
from briefing.maps import map_view  # noqa: E402
from briefing.page import standalone_page  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--views", nargs="*", help="view ids (default: every view but the first)")
    parser.add_argument(
        "--detail",
        action="append",
        default=[],
        metavar="VIEW@LAT,LON,ZOOM",
        help="also a close-up of a view: docs/map-VIEW-detail.png centred on LAT,LON at ZOOM",
    )
    args = parser.parse_args()
    view = map_view(load_briefing(args.data))
    keys = args.views or [v.key for v in view.views[1:]]
    blocked: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        page_path = Path(tmp) / "map.html"
        page_path.write_text(standalone_page(view.static_html()), encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1000, "height": 800})

        def refuse(route):
            if not route.request.url.startswith("file:"):
                blocked.append(route.request.url)
                return route.abort()
            return route.continue_()

        context.route("**/*", refuse)
        page = context.new_page()
        page.goto(page_path.as_uri())
        page.wait_for_selector("path.briefing-maps__marker", state="attached")
        root = page.locator('[data-briefing-view="maps"]')
        for key in keys:
            root.locator(f'button[data-view="{key}"]').click()
            page.wait_for_timeout(300)
            out = args.out / f"map-{key}.png"
            root.locator(".briefing-maps__map").screenshot(path=str(out))
            print(f"wrote {out}")
        for detail in args.detail:
            key, where = detail.split("@")
            lat, lon, zoom = (float(v) for v in where.split(","))
            root.locator(f'button[data-view="{key}"]').click()
            page.evaluate(
                """([lat, lon, zoom]) => document.querySelector('.briefing-maps__map')
                    .briefingMap.setView([lat, lon], zoom, {animate: false})""",
                [lat, lon, zoom],
            )
            page.wait_for_timeout(300)
            out = args.out / f"map-{key}-detail.png"
            root.locator(".briefing-maps__map").screenshot(path=str(out))
            print(f"wrote {out}")
        browser.close()
    if blocked:
        print(f"requests refused (the page must work offline): {blocked}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
