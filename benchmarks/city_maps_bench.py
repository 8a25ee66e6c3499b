"""What the city layers cost the page: bytes, first paint, and drawing a city view.

Builds the map's static twin twice from the same data, with its city layers' JSON blocks and
with them stripped (the page as it was before city layers), and opens both alternately in
headless Chromium with every non-file request refused. Prints bytes added, the median first
contentful paint of each, and the median time from pressing a city view's button to its layer
being drawn. Run: `.venv/bin/python benchmarks/city_maps_bench.py [--rounds N] [--data DIR]`.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))
sys.path.insert(0, str(ROOT / "tests"))

from chromium import CHROMIUM, CHROMIUM_ARGS, offline  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from briefing import load_briefing  # noqa: E402
from briefing.maps import map_view  # noqa: E402
from briefing.page import standalone_page  # noqa: E402

BLOCK = re.compile(
    r'<script type="application/json" id="city-layer-[^"]*"[^>]*>.*?</script>\n?', re.S
)
PAINTED = "() => performance.getEntriesByName('first-contentful-paint').length > 0"
FCP = "() => performance.getEntriesByName('first-contentful-paint')[0].startTime"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    view = map_view(load_briefing(args.data))
    with_layers = standalone_page(view.static_html())
    without = BLOCK.sub("", with_layers)
    cities = [v.key for v in view.views if view.view_layers[v.key]]
    sizes = {"with": len(with_layers.encode()), "without": len(without.encode())}
    paint: dict[str, list[float]] = {"with": [], "without": []}
    draw: dict[str, list[float]] = {key: [] for key in cities}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        paths = {}
        for name, html in (("with", with_layers), ("without", without)):
            paths[name] = Path(tmp) / f"{name}.html"
            paths[name].write_text(html, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(args.rounds):
            for name, path in paths.items():
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                offline(context)
                page = context.new_page()
                page.goto(path.as_uri())
                page.wait_for_selector("path.briefing-maps__marker", state="attached")
                page.wait_for_function(PAINTED)
                paint[name].append(page.evaluate(FCP))
                if name == "with":
                    for key in cities:
                        took = page.evaluate(
                            """key => {
                                const t0 = performance.now();
                                document.querySelector('button[data-view="' + key + '"]').click();
                                return performance.now() - t0;
                            }""",
                            key,
                        )
                        draw[key].append(took)
                context.close()
        browser.close()
    added = sizes["with"] - sizes["without"]
    print(f"| page | bytes | first contentful paint (median of {args.rounds}) |")
    print("|---|---|---|")
    for name in ("without", "with"):
        print(f"| {name} city layers | {sizes[name]:,} | {statistics.median(paint[name]):.0f} ms |")
    print(f"\ncity layers add {added:,} bytes ({added / 1000:.1f} KB; budget 400 KB)")
    print("\n| view | press to drawn (median, includes parsing its layer the first time) |")
    print("|---|---|")
    for key, times in draw.items():
        print(f"| {key} | {statistics.median(times):.1f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
