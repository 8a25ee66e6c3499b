"""What framing views clear of the controls and placing every label costs a view switch.

Opens the map's static twin in headless Chromium (every non-file request refused) and times
pressing each view's button, in the page (performance.now around the click, whose handler frames
the view and places its labels synchronously): once as the page is (static/maps_labels.js), once
with the baseline the page had before, a plain fitBounds with 24 px of padding and no label
placement, swapped in for it. Alternates the two, at 1280 and 390 px wide; prints the median
switch time of each and their ratio, per width. Run:
`.venv/bin/python benchmarks/map_frames.py [--rounds N] [--data DIR]`.
"""

from __future__ import annotations

import argparse
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

BASELINE = """() => {
    window.briefingMapLabels.frame = (map, container, view) => {
        map.fitBounds(view.bounds, {padding: [24, 24], animate: false});
        return null;
    };
    window.briefingMapLabels.layout = () => null;
    window.briefingMapLabels.apply = () => {};
}"""
SWITCH = """keys => keys.map(key => {
    const button = document.querySelector(`button[data-view="${key}"]`);
    const start = performance.now();
    button.click();
    return performance.now() - start;
})"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    view = map_view(load_briefing(args.data))
    keys = [v.key for v in view.views[1:]] + [view.views[0].key]
    times = {(w, name): [] for w in (1280, 390) for name in ("baseline", "placed")}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        path = Path(tmp) / "map.html"
        path.write_text(standalone_page(view.static_html()), encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(args.rounds):
            for width, name in times:
                context = offline(browser.new_context(viewport={"width": width, "height": 900}))
                page = context.new_page()
                page.goto(path.as_uri())
                page.wait_for_selector("path.briefing-maps__marker", state="attached")
                if name == "baseline":
                    page.evaluate(BASELINE)
                page.evaluate(SWITCH, keys)  # warm: labels bound, city layers parsed
                times[width, name].append(sum(page.evaluate(SWITCH, keys)))
                context.close()
        browser.close()
    print(f"view switches per round: {len(keys)} ({', '.join(keys)}); rounds: {args.rounds}")
    for width in (1280, 390):
        base = statistics.median(times[width, "baseline"])
        placed = statistics.median(times[width, "placed"])
        print(
            f"{width} px: baseline {base:.1f} ms, framed and placed {placed:.1f} ms "
            f"(all switches of a round, median); ratio {placed / base:.2f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
