"""The package's public names: sorted, all importable, each documented (as httpx keeps its own)."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import briefing


def test_all_is_sorted_and_complete():
    assert briefing.__all__ == sorted(briefing.__all__)
    public = {"export_book"} | {
        n
        for n in vars(briefing)
        if not n.startswith("_") and not inspect.ismodule(getattr(briefing, n))
    }
    assert public == set(briefing.__all__)


def test_importing_the_library_leaves_the_exporter_unloaded():
    """The notebook's first cell imports briefing: the exporter's heavy imports wait."""
    import subprocess
    import sys

    code = "import sys, briefing; print('nbformat' in sys.modules, 'nbconvert' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.split() == ["False", "False"]


def test_every_public_name_is_documented():
    for name in briefing.__all__:
        assert inspect.getdoc(getattr(briefing, name)), name


def test_notebook_calls_only_public_names():
    nb = json.loads((Path(__file__).resolve().parents[1] / "briefing.ipynb").read_text("utf-8"))
    code = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    for name in re.findall(r"\bbb\.(\w+)", code):
        assert name in briefing.__all__, name
