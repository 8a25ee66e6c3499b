"""Speed and size of the book, as ratios against baselines measured in the same run.

    .venv/bin/python benchmarks/run.py [--rounds N] [--skip-live]

Runs alternate (measure, baseline, measure, baseline, ...) so machine noise hits both alike;
the table gives medians and their ratio. Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from briefing import assets
from briefing.content import PACKAGE_DATA
from briefing.execute import execute_notebook
from briefing.page import page_libraries

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "briefing.ipynb"
PY = sys.executable
sys.path.insert(0, str(ROOT / "tests"))

from chromium import CHROMIUM, CHROMIUM_ARGS, offline  # noqa: E402


def floor_notebook() -> nbformat.NotebookNode:
    """The floor: a notebook that only imports the libraries the book displays with."""
    return new_notebook(
        cells=[new_code_cell("import ipywidgets\nimport plotly\nimport folium")],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def alternate(rounds: int, measure, baseline) -> tuple[float, float]:
    ours, base = [], []
    for _ in range(rounds):
        ours.append(timed(measure))
        base.append(timed(baseline))
    return statistics.median(ours), statistics.median(base)


def run_all(
    rounds: int, export: bool = False
) -> tuple[float, float, list[tuple[str, float]], int, tuple[float, float]]:
    """Medians of the book's run-all and the floor's, and of the book's time cell by cell, the
    executed notebook's size, and (ours, the floor's) medians of the run-all up to the last
    cell's end, without the kernel's stop (what a JupyterLab reader waits for; nbclient sees
    the stop in 0.1 s steps). `export=False` runs it as a reader's JupyterLab does (live
    forms, widget state kept as JupyterLab's "Save Widget State Automatically" keeps it);
    `export=True` as the exporter's kernel does (twins only)."""
    per_cell: list[list[float]] = []
    cells_done: dict[str, list[float]] = {"ours": [], "floor": []}
    stalled: dict[str, int] = {"ours": 0, "floor": 0}
    executed: list[nbformat.NotebookNode] = []

    def execute(notebook: nbformat.NotebookNode, who: str, **options) -> list[float]:
        marks = [time.perf_counter()]
        done = execute_notebook(
            notebook,
            ROOT,
            progress=lambda message: marks.append(time.perf_counter()),
            export=export,
            **options,
        )
        marks.append(time.perf_counter())  # the kernel stopped
        cells_done[who].append(marks[-2] - marks[0])
        # ipykernel's shutdown race: now and then the kernel's control thread waits seconds
        # for its IOPub thread (either notebook, about 1 stop in 20 here), while a stop
        # otherwise takes 0.2 s; counted so a median it moves can be seen for what it is
        stalled[who] += marks[-1] - marks[-2] > 1.0
        if who == "ours":
            executed[:] = [done]
        return marks

    def book() -> None:
        marks = execute(nbformat.read(NOTEBOOK, as_version=4), "ours", widget_state=not export)
        per_cell.append([b - a for a, b in itertools.pairwise(marks[:-1])])

    ours, base = alternate(rounds, book, lambda: execute(floor_notebook(), "floor"))
    # the book's last run, written out after the timing (the floor writes nothing out either)
    size = len(nbformat.writes(executed[0]).encode("utf-8")) if executed else 0
    code = [c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code"]
    cells = [
        (source.splitlines()[0] if i else "kernel start + " + source.splitlines()[0], seconds)
        for i, (source, *runs) in enumerate(zip(code, *per_cell, strict=True))
        for seconds in [statistics.median(runs)]
    ]
    without_stop = (statistics.median(cells_done["ours"]), statistics.median(cells_done["floor"]))
    if any(stalled.values()):
        print(
            f"kernel stops over 1 s ({'an export' if export else 'JupyterLab'}'s kernel, "
            f"of {rounds}): ours {stalled['ours']}, the floor {stalled['floor']}",
            file=sys.stderr,
        )
    return ours, base, cells, size, without_stop


def export_vs_nbconvert(rounds: int, out: Path) -> tuple[float, float]:
    def ours():
        subprocess.run(
            [PY, "-m", "briefing", "export", "--out", str(out)],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )

    def nbconvert():
        subprocess.run(
            [
                PY,
                "-m",
                "jupyter",
                "nbconvert",
                "--to",
                "html",
                "--execute",
                "--output-dir",
                str(out.parent),
                "--output",
                "plain",
                str(NOTEBOOK),
            ],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )

    return alternate(rounds, ours, nbconvert)


def page_floor(with_jquery: bool = False) -> tuple[int, int]:
    """Bytes the page must carry: plotly.js, leaflet (js + css) and the data it shows.

    The issue's floor also counts jquery; the book does not need it (its maps use no folium
    plugin that does), so the table gives the ratio both ways.
    """
    libraries = [assets.plotly_js(), assets.leaflet_js(), assets.leaflet_css()]
    if with_jquery:
        libraries.append(assets.jquery_js())
    js = sum(len(text.encode()) for text in libraries)
    data = sum(p.stat().st_size for p in PACKAGE_DATA.rglob("*") if p.is_file())
    return js, data


def time_to_ready(page_path: Path, rounds: int) -> tuple[list[float], list[float]]:
    """From navigation start to every map and chart drawn and the FAQ usable, offline; and to
    the first text painted.

    The book builds a view when it nears the viewport (static/start.js), so this is a reader
    who jumps to each view as soon as the page can scroll: each frame brings the next view that
    is not built yet into view.
    """
    from playwright.sync_api import sync_playwright

    # runs in the page from its first byte, frame by frame (a poll from outside the page can
    # miss frames while the page builds a view)
    jumper = """(() => {
      const ready = () => {
        const next = [...document.querySelectorAll('[data-briefing-view]')].find(v =>
          v.querySelector('script[data-briefing-start]') && !v.hasAttribute('data-briefing-built'));
        if (next) next.scrollIntoView();
        const plots = [...document.querySelectorAll('.js-plotly-plot')];
        const maps = [...document.querySelectorAll('.leaflet-container')];
        const faq = document.querySelector('[data-briefing-view="faq"] input');
        return !next && plots.length > 0 && plots.every(p => p.querySelector('.main-svg'))
          && maps.length > 0
          && maps.every(m => m.querySelector('.leaflet-overlay-pane path, .leaflet-marker-icon'))
          && !!faq && !faq.disabled;
      };
      const frame = () =>
        ready() ? (window.__ready = performance.now()) : requestAnimationFrame(frame);
      requestAnimationFrame(frame);
    })();"""
    times, painted = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(rounds):
            context = browser.new_context()
            context.add_init_script(jumper)
            offline(context)
            page = context.new_page()
            page.goto(page_path.as_uri(), wait_until="commit")
            done = page.wait_for_function("() => window.__ready", timeout=30_000)
            times.append(done.json_value() / 1000)
            fcp = "performance.getEntriesByName('first-contentful-paint')[0].startTime"
            painted.append(page.evaluate(fcp) / 1000)
            context.close()
        browser.close()
    return times, painted


def view_waits(page_path: Path, rounds: int) -> list[tuple[str, float]]:
    """For each view built on demand: a reader who has read for a moment scrolls to it; the
    time from the scroll to the view drawn (median of `rounds`, a fresh page each time). Timed
    inside the page, frame by frame: the page may go on to build the next view at once."""
    from playwright.sync_api import sync_playwright

    lazy = """[...document.querySelectorAll('[data-briefing-view]')]
      .filter(v => v.querySelector('script[data-briefing-start]'))"""
    names = f"""() => {lazy}
      .map(v => v.getAttribute('data-chart-kind') || v.getAttribute('data-briefing-view'))"""
    scroll_to = f"""(i) => new Promise(done => {{
      const view = {lazy}[i];
      const start = performance.now();
      const check = () => view.hasAttribute('data-briefing-built') &&
        view.querySelector('.main-svg, .leaflet-overlay-pane path, .leaflet-marker-icon')
        ? done(performance.now() - start) : requestAnimationFrame(check);
      view.scrollIntoView();
      requestAnimationFrame(check);
    }})"""
    waits: dict[str, list[float]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def fresh():
            context = browser.new_context()
            offline(context)
            page = context.new_page()
            page.goto(page_path.as_uri(), wait_until="load")
            return context, page

        context, page = fresh()
        kinds = page.evaluate(names)
        context.close()
        for _ in range(rounds):
            for i, kind in enumerate(kinds):
                context, page = fresh()
                page.wait_for_timeout(500)  # reading the first screen
                waits.setdefault(f"{i + 1}. {kind}", []).append(page.evaluate(scroll_to, i) / 1000)
                context.close()
        browser.close()
    return [(name, statistics.median(times)) for name, times in waits.items()]


def row(name: str, ours: float, base: float, unit: str, target: str) -> str:
    return f"| {name} | {ours:.2f} {unit} | {base:.2f} {unit} | {ours / base:.2f}× | {target} |"


def print_cells(cells: list[tuple[str, float]]) -> None:
    print("\nMeasure 1 cell by cell (median; the rest of the run-all is stopping the kernel):")
    print("| cell | s |\n|---|---|")
    print("\n".join(f"| `{source}` | {seconds:.3f} |" for source, seconds in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-live", action="store_true", help="skip the JupyterLab measure")
    parser.add_argument("--only-run-all", action="store_true", help="measures 1, 1a and 1b only")
    args = parser.parse_args()
    rows = ["| # | Measure | Ours | Baseline | Ratio | Target |", "|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "briefing.html"
        ours, base, cells, nb_size, (ours_c, base_c) = run_all(args.rounds)
        rows.append(
            "| 1 "
            + row("run-all (as in JupyterLab) vs imports-only floor", ours, base, "s", "≤ 1.3×")
        )
        rows.append(
            "| 1c " + row("the same, up to the last cell's end", ours_c, base_c, "s", "report")
        )
        rows.append(
            f"| 1a | the executed notebook, widget state kept | {nb_size / 1e6:.2f} MB | — | — "
            "| < 1.88 MB |"
        )
        ours_x, base_x, *_ = run_all(args.rounds, export=True)
        rows.append(
            "| 1b " + row("run-all in an export's kernel vs floor", ours_x, base_x, "s", "report")
        )
        if args.only_run_all:
            print("\n".join(rows))
            print_cells(cells)
            return
        ours, base = export_vs_nbconvert(args.rounds, out)
        rows.append("| 2 " + row("export vs nbconvert --execute", ours, base, "s", "≤ 1.0×"))
        size = out.stat().st_size
        js, data = page_floor()
        rows.append(
            "| 3 "
            + row("page size vs floor (JS + data)", size / 1e6, (js + data) / 1e6, "MB", "≤ 1.15×")
        )
        js_jq, _ = page_floor(with_jquery=True)
        rows.append(
            "| 3b "
            + row(
                "page size vs floor with jquery", size / 1e6, (js_jq + data) / 1e6, "MB", "≤ 1.15×"
            )
        )
        packed = sum(len(lib.payload) for lib in page_libraries() if lib.packed)
        rows.append(
            "| 3c "
            + row(
                "page size vs floor packed as the page packs it (base64 of DEFLATE) + data",
                size / 1e6,
                (packed + data) / 1e6,
                "MB",
                "report",
            )
        )
        ready, painted = time_to_ready(out, args.rounds + 2)
        rows.append(
            f"| 4 | offline page ready, jumping to each view (median of {len(ready)}) | "
            f"{statistics.median(ready):.2f} s | — | — | ≤ 1.0 s |"
        )
        rows.append(
            f"| 4b | offline page, first text painted (median of {len(painted)}) | "
            f"{statistics.median(painted):.2f} s | — | — | report |"
        )
        for name, wait in view_waits(out, args.rounds):
            rows.append(
                f"| 4c | scroll to view {name} → drawn, page loaded and read for 0.5 s "
                f"(median of {args.rounds}) | {wait:.2f} s | — | — | report |"
            )
    print(
        f"floor for 3: plotly.js basic + leaflet = {js / 1e6:.2f} MB, data/ = {data / 1e6:.2f} MB"
    )
    print("\n".join(rows))
    print_cells(cells)
    for script in ("faq_bench.py", "live_jupyterlab.py"):
        path = Path(__file__).with_name(script)
        if script == "live_jupyterlab.py" and args.skip_live:
            continue
        if path.exists():
            print(f"\n## {script}")
            subprocess.run([PY, str(path)], check=False, cwd=ROOT)


if __name__ == "__main__":
    main()
