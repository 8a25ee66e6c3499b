"""Hostile text in the live forms: what the widgets show in JupyterLab runs nothing either.

JupyterLab writes an HTML widget's value with innerHTML and runs the scripts of a text/html
output, so every HTML string the live forms produce (after every control is moved once) is put
into a page and watched for dialogs, with the same poisoned data as the export test.
"""

from __future__ import annotations

import shutil

import ipywidgets as widgets
import pytest
from test_hostile import poison_data

import briefing as bb
from briefing.content import PACKAGE_DATA

pytestmark = pytest.mark.browser
# the views whose live form is a widget (the timeline's is the plotly mimetype: SVG text)
LIVE_VIEWS = ("map_view", "network_view", "faq_view")


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile-live") / "data"
    shutil.copytree(PACKAGE_DATA, data)
    poison_data(data)
    return bb.load_briefing(data)


def _html_in(widget) -> list[str]:
    """Every HTML string a widget tree shows: HTML values and Output widgets' text/html."""
    found = []
    if isinstance(widget, widgets.HTML | widgets.HTMLMath):
        found.append(widget.value)
    if isinstance(widget, widgets.Output):
        found += [o.get("data", {}).get("text/html", "") for o in widget.outputs]
    for child in getattr(widget, "children", ()):
        found += _html_in(child)
    return found


def _controls(widget):
    if isinstance(widget, widgets.ToggleButtons | widgets.Dropdown):
        yield widget
    for child in getattr(widget, "children", ()):
        yield from _controls(child)


def _exercise(widget) -> list[str]:
    """Move every control through each of its options, collecting what is shown each time."""
    shown = _html_in(widget)
    for control in _controls(widget):
        for value in (
            [v for _, v in control.options]
            if isinstance(control.options[0], tuple)
            else control.options
        ):
            control.value = value
            shown += _html_in(widget)
    for box in (w for w in _walk(widget) if isinstance(w, widgets.Text)):
        for query in ("<img src=x onerror=alert(9)>", "Putin", ""):
            box.value = query
            shown += _html_in(widget)
    return shown


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


@pytest.mark.parametrize("name", LIVE_VIEWS)
def test_live_forms_show_hostile_text_as_text(name, hostile_book, offline_page):
    view = getattr(bb, name)(hostile_book)
    live = view.live()
    shown = _exercise(live)
    assert shown, "the live form shows no HTML"
    page = offline_page.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_content("".join(f"<section>{html}</section>" for html in shown))
    page.wait_for_timeout(800)
    assert dialogs == []
    if name == "faq_view":  # its answers are HTML: the payload must read as text there
        assert "<img src=x onerror=" in page.inner_text("body")
