"""Live JupyterLab: seconds from clicking Run All to every output shown, book vs floor.

    .venv/bin/python benchmarks/live_jupyterlab.py [--rounds N]

One private JupyterLab server on 127.0.0.1 (tests/live_lab.py) serves a copy of
briefing.ipynb, a floor notebook that only imports ipywidgets, plotly and folium, and a second
floor that also shows one empty plotly figure: JupyterLab's plotly renderer loads the whole
plotly.js (4.8 MB) on the first chart a page shows, a cost any notebook with a chart pays.
Each round opens each notebook in a fresh headless Chromium context with a fresh kernel
(earlier sessions are shut down through the REST API), waits for Idle, then times from the Run
All click until every prompt shows its count, the kernel is Idle again, every plotly chart has
drawn and every map iframe shows its leaflet map. Rounds alternate book and floors so machine
noise hits all alike.
Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from live_lab import LabNotebook, LabServer, LocalOnly, lab_server  # noqa: E402

NOTEBOOK = ROOT / "briefing.ipynb"
PLOTS_DRAWN = """() => [...document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea .js-plotly-plot')]
  .every(p => p.querySelector('.main-svg'))"""


def floor_notebook() -> nbformat.NotebookNode:
    """The floor: a notebook that only imports the libraries the book displays with."""
    return new_notebook(
        cells=[new_code_cell("import ipywidgets\nimport plotly\nimport folium")],
        metadata={
            "kernelspec": {
                "name": "python3",
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
            }
        },
    )


def chart_floor_notebook() -> nbformat.NotebookNode:
    """The floor plus one empty plotly figure shown through the plotly mimetype."""
    notebook = floor_notebook()
    notebook.cells.append(new_code_cell("import plotly.graph_objects as go\n\ngo.Figure()"))
    return notebook


def shutdown_sessions(server: LabServer) -> None:
    """Delete every session (and its kernel) so the next open starts a fresh kernel."""
    with urllib.request.urlopen(f"{server.url}/api/sessions", timeout=10) as response:
        sessions = json.load(response)
    for session in sessions:
        request = urllib.request.Request(
            f"{server.url}/api/sessions/{session['id']}", method="DELETE"
        )
        urllib.request.urlopen(request, timeout=30).close()


def run_all_seconds(browser, server: LabServer, name: str, code_cells: int) -> tuple[float, list]:
    """Open `name` with a fresh kernel; seconds from the Run All click to every output shown."""
    shutdown_sessions(server)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    guard = LocalOnly()
    guard.install(context)
    try:
        lab = LabNotebook(context.new_page(), server, name)
        lab.open()
        lab.wait_idle()
        start = time.perf_counter()
        lab.run_all()
        lab.wait_all_outputs(code_cells)
        lab.page.wait_for_function(PLOTS_DRAWN, timeout=60_000, polling=50)
        for frame in lab.panel.locator(".jp-OutputArea iframe").all():
            frame.element_handle().content_frame().wait_for_selector(
                ".leaflet-container", timeout=60_000
            )
        return time.perf_counter() - start, guard.blocked
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    book_cells = sum(c.cell_type == "code" for c in nbformat.read(NOTEBOOK, as_version=4).cells)
    times: dict[str, list[float]] = {
        "briefing.ipynb": [],
        "floor.ipynb": [],
        "floor-with-chart.ipynb": [],
    }
    blocked: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "root"
        root.mkdir()
        shutil.copy(NOTEBOOK, root / "briefing.ipynb")
        nbformat.write(floor_notebook(), root / "floor.ipynb")
        nbformat.write(chart_floor_notebook(), root / "floor-with-chart.ipynb")
        cells = {"briefing.ipynb": book_cells, "floor.ipynb": 1, "floor-with-chart.ipynb": 2}
        with lab_server(root, Path(tmp) / "state") as server, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for round_ in range(1, args.rounds + 1):
                for name in times:
                    seconds, tried = run_all_seconds(browser, server, name, cells[name])
                    times[name].append(seconds)
                    blocked += tried
                    print(f"round {round_}: {name} {seconds:.2f} s", file=sys.stderr)
            browser.close()
    book, floor, chart = (statistics.median(times[n]) for n in times)
    print(
        "| Live JupyterLab, Run All to every output shown | briefing.ipynb | floor (imports) "
        "| floor + one plotly figure | Ratio to each floor |"
    )
    print("|---|---|---|---|---|")
    print(
        f"| median of {args.rounds} | {book:.2f} s | {floor:.2f} s | {chart:.2f} s "
        f"| {book / floor:.2f}× / {book / chart:.2f}× |"
    )
    print(
        "| all rounds | "
        + " | ".join(", ".join(f"{t:.2f}" for t in times[name]) for name in times)
        + " | |"
    )
    print(
        f"requests blocked (non-local): {len(blocked)}"
        + (f" {sorted(set(blocked))}" if blocked else "")
    )


if __name__ == "__main__":
    main()
