"""Run the notebook headless with a fresh kernel, reporting progress cell by cell."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from .content import DATA_ENV, EXPORT_ENV, DataError, data_dir

Progress = Callable[[str], None]
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class NotebookError(RuntimeError):
    """A cell failed while the notebook ran; the message says which and why."""


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def execute_notebook(
    notebook: nbformat.NotebookNode,
    workdir: Path,
    data: Path | None = None,
    progress: Progress | None = None,
    timeout: int = 300,
    export: bool = True,
    widget_state: bool = False,
) -> nbformat.NotebookNode:
    """Execute every cell in a fresh kernel that reads `data` (or the default data folder).

    The kernel is told it runs for an export (content.EXPORT_ENV; `export=False` runs it as
    JupyterLab would, live forms and all) and gets the data folder as an absolute path: it runs
    in the notebook's folder, not the caller's. `widget_state` keeps the widgets' state in the
    notebook's metadata, as JupyterLab's "Save Widget State Automatically" does.
    """
    total = sum(cell.cell_type == "code" for cell in notebook.cells)
    done = 0

    def on_cell_executed(cell, cell_index, execute_reply):
        nonlocal done
        done += 1
        if progress:
            progress(f"  ran cell {done}/{total}")

    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
        on_cell_executed=on_cell_executed,
        store_widget_state=widget_state,
        # the kernel's own log (a warning about TCP on loopback at every start) is not for
        # readers of the export's progress; cell errors still arrive as cell errors
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    env = {EXPORT_ENV: "1" if export else ""}
    if data or os.environ.get(DATA_ENV):
        env[DATA_ENV] = str(data_dir(data))
    with _kernel_env(env):
        try:
            client.execute()
        except CellExecutionError as err:
            raise NotebookError(_explain(err, notebook)) from None
    return notebook


def _explain(err: CellExecutionError, notebook: nbformat.NotebookNode) -> str:
    """One line for the reader: the error the cell shows (its reply may name none, as when a
    view fails while it is displayed), a DataError's own message as it is."""
    shown = [
        output
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    name = shown[-1].get("ename") if shown else getattr(err, "ename", None)
    value = shown[-1].get("evalue") if shown else getattr(err, "evalue", None)
    if name == DataError.__name__:
        return _ANSI.sub("", value or "")
    if not name or name == "NoneType":  # a timeout or a dead kernel: nbclient's last line
        lines = [line for line in _ANSI.sub("", str(err)).splitlines() if line.strip()]
        return f"the notebook did not finish: {lines[-1] if lines else 'no detail'}"
    return f"a notebook cell failed: {name}: {_ANSI.sub('', value or '')}"


@contextmanager
def _kernel_env(values: dict[str, str]):
    """The kernel inherits our environment: set the data folder for it, then restore."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
