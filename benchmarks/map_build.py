"""How long the exported page takes to build its map view, for one or more exported pages.

    .venv/bin/python benchmarks/map_build.py ROUNDS PAGE.html [PAGE.html ...]

Offline headless Chromium at 1280 px. After the page has loaded, it runs leaflet's block and
the map's start script (static/start.js) and waits for two frames; pages alternate from round to
round. Prints medians: leaflet's eval, the map's script, to the next frame, and the forced
layouts counted by the browser meanwhile. Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from chromium import CHROMIUM, CHROMIUM_ARGS, offline

BUILD = """async () => {
  const view = document.querySelector('[data-briefing-view="maps"]');
  const t0 = performance.now();
  window.briefingStart.need('leaflet');
  const t1 = performance.now();
  window.briefingStart.start(view);
  const t2 = performance.now();
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return [t1 - t0, t2 - t1, performance.now() - t0];
}"""


def layout_count(cdp) -> float:
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "LayoutCount")


def main() -> None:
    from playwright.sync_api import sync_playwright

    rounds, pages = int(sys.argv[1]), [Path(p).resolve() for p in sys.argv[2:]]
    results: dict[Path, list[list[float]]] = {p: [] for p in pages}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for i in range(rounds):
            for path in pages if i % 2 == 0 else pages[::-1]:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                offline(context)
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Performance.enable")
                page.goto(path.as_uri(), wait_until="load")
                page.wait_for_timeout(300)

                before = layout_count(cdp)
                times = page.evaluate(BUILD)
                results[path].append([*times, layout_count(cdp) - before])
                context.close()
        browser.close()
    for path in pages:
        columns = zip(*results[path], strict=True)
        leaflet, script, total, count = (statistics.median(c) for c in columns)
        print(
            f"{path.name}: leaflet {leaflet:.1f} ms, map script {script:.1f} ms, "
            f"to the next frame {total:.1f} ms, forced layouts {count:.0f}"
        )


if __name__ == "__main__":
    main()
