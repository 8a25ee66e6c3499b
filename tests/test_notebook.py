"""The notebook itself: committed clean, short cells, runs headless with no error or warning."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from briefing.execute import execute_notebook
from briefing.view import LIVE_MIMES

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "briefing.ipynb"


def test_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source


def test_code_cells_are_short_calls_into_the_library():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            lines = [ln for ln in cell.source.splitlines() if ln.strip() and not ln.startswith("#")]
            assert 1 <= len(lines) <= 3, cell.source
            assert not re.search(r"\b(for|while|def|class)\b|<\w+", cell.source), cell.source


@pytest.fixture(scope="module")
def executed():
    """Run as in JupyterLab: live forms and twins."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    return execute_notebook(nb, ROOT, export=False)


def _outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


@pytest.mark.notebook
def test_runs_with_no_error_or_warning(executed):
    for output in _outputs(executed):
        assert output.output_type != "error", output
        assert not (output.output_type == "stream" and output.name == "stderr"), output.text


@pytest.mark.notebook
def test_every_view_has_a_live_form_and_a_static_twin(executed):
    code = [c for c in executed.cells if c.cell_type == "code"]
    for cell in code[1:]:
        # a section's intro (its words from book.yaml), then the view
        assert len(cell.outputs) == (2 if "bb.intro(" in cell.source else 1), cell.source
        data = cell.outputs[-1].data
        assert "text/html" in data, cell.source
    live = [c.source for c in code if any(m in c.outputs[-1].get("data", {}) for m in LIVE_MIMES)]
    for view in ("map_view", "network_view", "timeline_view", "faq_view"):
        assert any(view in source for source in live), view


@pytest.mark.notebook
def test_outputs_show_the_story(executed):
    html = "\n".join(
        o.data["text/html"] for o in _outputs(executed) if "text/html" in o.get("data", {})
    )
    for words in (
        "Wang Yi",
        "Patrushev",
        "Constantine Palace",
        "Belt and Road Forum",
        "International Criminal Court",
        "Filoli",
    ):
        assert words in html, words


def _masked(nb):
    text = json.dumps([o for o in _outputs(nb)], sort_keys=True)
    return re.sub(r'"model_id": "[0-9a-f]+"', '"model_id": "*"', text)


@pytest.mark.notebook
def test_restart_and_run_all_gives_the_same_outputs(executed):
    again = execute_notebook(nbformat.read(NOTEBOOK, as_version=4), ROOT, export=False)
    assert _masked(again) == _masked(executed)


@pytest.mark.notebook
def test_an_export_kernel_builds_only_the_twins(executed):
    """The export shows text/html only, so its kernel sends no widget; the map's data goes
    through a kernel once: in the twin when exporting, in the live frame when live (beside it,
    the text version a viewer without widgets can show)."""
    exported = execute_notebook(nbformat.read(NOTEBOOK, as_version=4), ROOT)
    for output in _outputs(exported):
        assert not set(output.get("data", {})) & set(LIVE_MIMES), output.get("data", {}).keys()

    def maps(nb, mark):
        found = [o.data for o in _outputs(nb) if mark in o.get("data", {}).get("text/html", "")]
        assert len(found) == 1
        return found[0]

    twin = maps(exported, 'data-briefing-view="maps"')["text/html"]
    live = maps(executed, 'data-briefing-view="maps-fallback"')
    assert twin.count('type="application/json"') >= 2  # the basemap and the city layers
    assert 'type="application/json"' not in live["text/html"]
    assert "Text version of the map" in live["text/html"]
    assert "Constantine Palace" in twin and "Constantine Palace" in live["text/html"]
    # the search's index and cards likewise travel once: in the twin, or in the live widget
    faq_twin = maps(exported, 'class="briefing-faq"')["text/html"]
    faq_live = maps(executed, 'class="briefing-faq"')
    assert "briefing-faq-data" in faq_twin and "briefing-faq-cards" in faq_twin
    assert "briefing-faq-data" not in faq_live["text/html"]
    assert faq_live["text/html"].count("briefing-faq-item") == faq_twin.count("briefing-faq-item")


@pytest.mark.notebook
def test_bad_data_stops_the_first_cell_with_one_clear_message(tmp_path, monkeypatch):
    import shutil

    import yaml

    from briefing.content import PACKAGE_DATA
    from briefing.execute import NotebookError

    data = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA, data)
    people = yaml.safe_load((data / "people.yaml").read_text("utf-8"))
    del people[1]["role"]
    (data / "people.yaml").write_text(yaml.safe_dump(people, allow_unicode=True), "utf-8")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.raises(NotebookError) as caught:
        execute_notebook(nb, ROOT, data=data)
    message = str(caught.value)
    assert "people.yaml" in message and "record #2" in message and "field 'role'" in message
    first = next(c for c in nb.cells if c.cell_type == "code")
    (error,) = [o for o in first.outputs if o.output_type == "error"]
    assert error.traceback == [f"DataError: {message}"], "the reader sees one line, no traceback"
