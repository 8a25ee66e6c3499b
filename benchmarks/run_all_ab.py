"""Measure 1b (or 1, with --live) alone, for two checkouts: run-all of each one's
briefing.ipynb and the floor.

    .venv/bin/python benchmarks/run_all_ab.py [--live] ROUNDS BEFORE_DIR AFTER_DIR

Without --live each kernel runs as an export's does (twins only: measure 1b); with it, as
JupyterLab does (live forms, widget state kept: measure 1).

Each round runs the floor, then both checkouts (in turn first), each in a fresh kernel that
imports that checkout's lib/. Prints medians, ratios to the floor and per-cell medians. On a
busy machine only the ratios within one run mean anything. Not a test: nothing here asserts a
time.
"""

from __future__ import annotations

import itertools
import os
import statistics
import sys
import time

import nbformat
from nbclient import NotebookClient
from run import floor_notebook

LIVE = "--live" in sys.argv


def run(notebook: nbformat.NotebookNode, root: str) -> tuple[float, list[float]]:
    marks = [time.perf_counter()]
    os.environ["PYTHONPATH"] = os.path.join(root, "lib")
    os.environ["BRIEFING_EXPORT"] = "" if LIVE else "1"
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": root}},
        on_cell_executed=lambda **_: marks.append(time.perf_counter()),
        store_widget_state=LIVE,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    ).execute()
    marks.append(time.perf_counter())
    return marks[-1] - marks[0], [b - a for a, b in itertools.pairwise(marks)]


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--live"]
    rounds, roots = int(args[0]), args[1:]
    totals: dict[str, list[float]] = {"floor": [], **{r: [] for r in roots}}
    cells: dict[str, list[list[float]]] = {r: [] for r in roots}
    for i in range(rounds):
        totals["floor"].append(run(floor_notebook(), roots[0])[0])
        for root in roots if i % 2 == 0 else roots[::-1]:
            notebook = nbformat.read(os.path.join(root, "briefing.ipynb"), as_version=4)
            seconds, per_cell = run(notebook, root)
            totals[root].append(seconds)
            cells[root].append(per_cell)
    floor = statistics.median(totals["floor"])
    print(f"floor {floor:.3f} s")
    for root in roots:
        ours = statistics.median(totals[root])
        ratios = [a / b for a, b in zip(totals[root], totals["floor"], strict=True)]
        print(
            f"{root}: {ours:.3f} s, {ours / floor:.2f}x the floor "
            f"(median of per-round ratios {statistics.median(ratios):.2f}x)"
        )
        per_cell = zip(*cells[root], strict=True)
        print("  cells:", " ".join(f"{statistics.median(c):.3f}" for c in per_cell))


if __name__ == "__main__":
    main()
