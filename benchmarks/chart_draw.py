"""How long the exported page takes to draw its charts, against the page of another revision.

    .venv/bin/python benchmarks/chart_draw.py [--against REV] [--data DIR] [--rounds 7]
    .venv/bin/python benchmarks/chart_draw.py --page A.html [--page B.html] [--rounds 7]

Exports the book with this tree (and, with --against, with the tree of git revision REV, taken
with `git archive` into a temporary folder; both read the same --data folder) and, in headless
Chromium offline, times for each chart of each page:

- cold: the chart's own Plotly.newPlot as the page makes it (the view is started directly, not
  scrolled to; the time runs to newPlot's promise): the network is the first plotly draw in a
  fresh page, the timeline comes next;
- warm: newPlot of the same figure again into a new div of the same size (median and best
  of 5);
- focus (network only): choosing a person in "Focus on a person", until the next frame, and
  after each person back to everyone (median over the first five people);
- filter (network only): pressing each of the figure's button rows' buttons in turn (median);
- ready: measure 4 of run.py (a reader jumping to each view until all are drawn);
- at the end, the pages' network figures drawn in turn in one page (3 × rounds each): the same
  plotly.js and machine state for both, so this ratio is the steadiest on a busy machine.

Pages alternate round by round so machine noise hits both alike; the table gives medians and,
with two pages, their ratio (second / first). Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from briefing import assets

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from chromium import CHROMIUM, CHROMIUM_ARGS, offline  # noqa: E402
from run import time_to_ready  # noqa: E402

MEASURES = ("traces", "cold", "warm", "warm best", "focus", "filter")

# Wraps Plotly.newPlot as plotly.js defines window.Plotly: records each chart's first draw.
RECORD = """
(() => {
  let plotly;
  window.__draws = {};
  Object.defineProperty(window, 'Plotly', {configurable: true, get: () => plotly, set: (v) => {
    plotly = v;
    const newPlot = v.newPlot;
    v.newPlot = function (gd, data, layout, config) {
      const view = gd.closest && gd.closest('[data-chart-kind]');
      const kind = view ? view.getAttribute('data-chart-kind') : '';
      if (!kind || window.__draws[kind]) return newPlot.apply(this, arguments);
      const record = {traces: data.length, figure: JSON.stringify([data, layout, config])};
      window.__draws[kind] = record;
      const start = performance.now();
      const done = newPlot.apply(this, arguments);
      record.sync = performance.now() - start;
      done.then(() => { record.cold = performance.now() - start; });
      return done;
    };
  }});
})();
"""

# In the page, after the cold draw: warm draws, then the focus select and the button rows.
# One newPlot of a figure (JSON [data, layout, config]) in a new div of `graph`'s size, timed
# and removed: the warm draws and the draws in turn below share it.
TIME_DRAW = """
  async function timeDraw(graph, figure) {
    const [data, layout, config] = JSON.parse(figure);
    const div = document.createElement('div');
    div.style.width = graph.clientWidth + 'px';
    div.style.height = graph.clientHeight + 'px';
    graph.parentNode.appendChild(div);
    const start = performance.now();
    await Plotly.newPlot(div, data, layout, config);
    const time = performance.now() - start;
    Plotly.purge(div);
    div.remove();
    return time;
  }
"""

AFTER = (
    """async (kind) => {"""
    + TIME_DRAW
    + """
  const record = window.__draws[kind];
  const view = document.querySelector(`[data-chart-kind="${kind}"]`);
  const graph = view.querySelector('.plotly-graph-div');
  const out = {warm: [], focus: [], filter: []};
  for (let k = 0; k < 5; k++) {
    out.warm.push(await timeDraw(graph, record.figure));
  }
  const select = view.querySelector('select[data-chart-focus]');
  if (select) {
    const people = [...select.options].map(o => o.value).filter(v => v).slice(0, 5);
    for (const person of [...people.flatMap(p => [p, ''])]) {
      select.value = person;
      const start = performance.now();
      select.dispatchEvent(new Event('change'));
      await new Promise(requestAnimationFrame);
      out.focus.push(performance.now() - start);
    }
  }
  for (const [m, menu] of (graph.layout.updatemenus || []).entries()) {
    for (const [b, button] of [...menu.buttons.entries(), [0, menu.buttons[0]]]) {
      const start = performance.now();
      await Plotly.update(graph, button.args[0], {[`updatemenus[${m}].active`]: b});
      out.filter.push(performance.now() - start);
    }
  }
  return out;
}"""
)


def export(tree: Path, data: Path, out: Path) -> Path:
    """The page `python -m briefing export` writes with the library of `tree`."""
    env = {
        **os.environ,
        "PYTHONPATH": str(tree / "lib"),
        assets.NODE_MODULES_ENV: str(assets.node_modules()),
    }
    subprocess.run(
        [sys.executable, "-m", "briefing", "export", "--data", str(data), "--out", str(out)],
        check=True,
        capture_output=True,
        cwd=tree,
        env=env,
    )
    return out


def checkout(rev: str, into: Path) -> Path:
    """The tree of git revision `rev`, without a work tree of its own."""
    archive = subprocess.run(
        ["git", "archive", rev], check=True, capture_output=True, cwd=ROOT
    ).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def draw_times(page_path: Path, kinds: list[str]) -> dict[str, dict[str, float]]:
    """One fresh page: each chart's cold draw, then its warm draws and interactions."""
    from playwright.sync_api import sync_playwright

    out: dict[str, dict[str, float]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(RECORD)
        offline(context)
        page = context.new_page()
        page.goto(page_path.as_uri(), wait_until="load")
        for kind in kinds:
            page.evaluate(
                "(kind) => briefingStart.start("
                "document.querySelector(`[data-chart-kind='${kind}']`))",
                kind,
            )
            page.wait_for_function(
                "(kind) => window.__draws[kind] && window.__draws[kind].cold !== undefined",
                arg=kind,
            )
            record = page.evaluate("(kind) => window.__draws[kind]", kind)
            after = page.evaluate(AFTER, kind)
            out[kind] = {
                "figure": record["figure"],
                "traces": record["traces"],
                "cold": record["cold"],
                "warm best": min(after["warm"]),
                **{key: statistics.median(v) for key, v in after.items() if v},
            }
        browser.close()
    return out


INTERLEAVED = (
    """async ([figures, draws]) => {"""
    + TIME_DRAW
    + """
  const graph = document.querySelector('[data-chart-kind="network"] .plotly-graph-div');
  const times = figures.map(() => []);
  for (let k = 0; k < draws; k++) {
    for (const [i, figure] of figures.entries()) {
      times[i].push(await timeDraw(graph, figure));
    }
  }
  return times;
}"""
)


def interleaved(page_path: Path, figures: list[str], draws: int) -> list[list[float]]:
    """The pages' network figures drawn in turn in one page (the last one's plotly.js): the
    same machine state for each, so the ratio is steadier than across pages."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        offline(page)
        page.goto(page_path.as_uri(), wait_until="load")
        page.evaluate(
            "() => briefingStart.start(document.querySelector('[data-chart-kind=network]'))"
        )
        page.wait_for_selector("[data-chart-kind=network] .main-svg")
        times = page.evaluate(INTERLEAVED, [figures, draws])
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--against", metavar="REV", help="git revision to compare with")
    parser.add_argument("--page", action="append", type=Path, help="an exported page (≤ 2)")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the story's folder")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--skip-ready", action="store_true", help="skip measure 4")
    args = parser.parse_args()
    kinds = ["network", "timeline"]
    with tempfile.TemporaryDirectory() as tmp:
        pages: list[tuple[str, Path]] = []
        if args.page:
            pages = [(f"{i + 1}: {p.name}", p.resolve()) for i, p in enumerate(args.page[:2])]
        else:
            if args.against:
                tree = checkout(args.against, Path(tmp) / "against")
                pages.append((args.against, export(tree, args.data.resolve(), tree / "b.html")))
            pages.append(("this tree", export(ROOT, args.data.resolve(), Path(tmp) / "a.html")))
        runs: dict[str, list[dict]] = {name: [] for name, _ in pages}
        ready: dict[str, list[float]] = {name: [] for name, _ in pages}
        for _ in range(args.rounds):
            for name, path in pages:
                runs[name].append(draw_times(path, kinds))
                if not args.skip_ready:
                    ready[name] += time_to_ready(path, 1)[0]
        figures = [runs[name][0]["network"]["figure"] for name, _ in pages]
        times = interleaved(pages[-1][1], figures, 3 * args.rounds)
    names = [name for name, _ in pages]
    two = len(names) == 2
    print(f"median of {args.rounds} alternating rounds ({args.data})\n")
    print("| chart | measure | " + " | ".join(names) + " |" + (" ratio |" if two else ""))
    print("|---|---|" + "---|" * len(names) + ("---|" if two else ""))

    def line(label: str, values: list[float], unit: str) -> None:
        cells = " | ".join(
            f"{v:.2f} s" if unit == "s" else f"{v:.0f} {unit}".strip() for v in values
        )
        ratio = f" {values[1] / values[0]:.2f}× |" if two else ""
        print(f"| {label} | {cells} |{ratio}")

    for kind in kinds:
        for key in MEASURES:
            if key in runs[names[0]][0][kind] and key != "figure":
                values = [statistics.median(r[kind][key] for r in runs[name]) for name in names]
                line(f"{kind} | {key}", values, "" if key == "traces" else "ms")
    if not args.skip_ready:
        line("page | ready (measure 4)", [statistics.median(ready[n]) for n in names], "s")
    for label, pick in (("median", statistics.median), ("best", min)):
        line(
            f"network | warm, drawn in turn in one page ({label} of {3 * args.rounds})",
            [pick(t) for t in times],
            "ms",
        )


if __name__ == "__main__":
    main()
