"""How long stopping the kernel takes at the end of a run-all, the floor's and the book's.

    .venv/bin/python benchmarks/kernel_stop.py [ROUNDS]

Runs the import-only floor and briefing.ipynb (live forms, as measure 1 runs it) in turn, each
in a fresh kernel, and stops each kernel as nbclient does (interrupt, shutdown request, then
`is_alive` polled every 100 ms by jupyter_client) while a side task polls the kernel process
every 2 ms. Prints, for both, the stop as nbclient sees it and when the process really ended.

The stop is part of measures 1 and 1b; because of the 100 ms polling it comes in steps (0.2 s
or 0.3 s here), so a kernel that exits a few milliseconds later can cost a whole step.
Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from run import floor_notebook

ROOT = Path(__file__).resolve().parents[1]


async def _run(notebook: nbformat.NotebookNode) -> tuple[float, float]:
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(ROOT)}},
        store_widget_state=True,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    ended: list[float] = []
    async with client.async_setup_kernel():
        for index, cell in enumerate(notebook.cells):
            await client.async_execute_cell(cell, index)
        process = client.km.provisioner.process
        start = time.perf_counter()

        async def watch() -> None:
            while process.poll() is None:
                await asyncio.sleep(0.002)
            ended.append(time.perf_counter() - start)

        watcher = asyncio.ensure_future(watch())
    stopped = time.perf_counter() - start  # leaving the block stops the kernel as nbclient does
    await watcher
    return stopped, ended[0]


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    os.environ["PYTHONPATH"] = str(ROOT / "lib")
    os.environ["BRIEFING_EXPORT"] = ""  # live forms, as measure 1 runs the book
    runs: dict[str, list[tuple[float, float]]] = {"floor": [], "book": []}
    for i in range(rounds):
        for which in ("floor", "book") if i % 2 == 0 else ("book", "floor"):
            notebook = (
                floor_notebook()
                if which == "floor"
                else nbformat.read(ROOT / "briefing.ipynb", as_version=4)
            )
            runs[which].append(asyncio.run(_run(notebook)))
    for which, times in runs.items():
        stops = [round(stop * 1000) for stop, _ in times]
        exits = [round(end * 1000) for _, end in times]
        print(
            f"{which}: stop as nbclient sees it {statistics.median(stops)} ms {stops}; "
            f"process ended {statistics.median(exits)} ms {exits}"
        )


if __name__ == "__main__":
    main()
