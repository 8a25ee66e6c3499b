"""The live book in a real JupyterLab: Run All, every output shown, then read it like a reader.

A private JupyterLab server (tests/live_lab.py) serves a copy of briefing.ipynb; headless
Chromium opens it with every non-local request blocked and recorded, waits for the kernel to be
Idle, runs all cells from the Run menu and waits for every prompt to show its count. Then it
switches the map to Beijing, searches the FAQ for a misspelt name, focuses the network on a
person, and checks that each of these changes what is on screen. Screenshots of the light and
dark themes go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
from live_lab import LabNotebook, LocalOnly, lab_server
from test_maps_streets_browser import TILES, png

from briefing import load_briefing

pytestmark = [pytest.mark.jupyterlab, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "briefing.ipynb"
ARTIFACTS = ROOT / "test-artifacts"
VIEWPORT = {"width": 1280, "height": 900}

# Inside the map iframe: where the visible place markers sit, relative to the map box.
VISIBLE_MARKERS = """(body) => {
  const map = body.querySelector('.briefing-maps__map');
  if (!map) return null;
  const box = map.getBoundingClientRect();
  return [...map.querySelectorAll('.briefing-maps__marker')]
    .map(m => m.getBoundingClientRect())
    .filter(r => r.width > 0 && r.right > box.left && r.left < box.right
                 && r.bottom > box.top && r.top < box.bottom)
    .map(r => [Math.round(r.left - box.left), Math.round(r.top - box.top)])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}"""

# In a plotly chart: how many drawn points and lines are dimmed (computed opacity below 1).
DIMMED = """(plot) => {
  const marks = [...plot.querySelectorAll('.scatterlayer .trace, .scatterlayer .point')];
  const dim = marks.filter(m => parseFloat(getComputedStyle(m).opacity) < 0.99);
  return {marks: marks.length, dimmed: dim.length};
}"""


@dataclass
class LiveBook:
    """The notebook after Run All, with what the browser tried to fetch and what broke."""

    lab: LabNotebook
    guard: LocalOnly
    code_cells: int
    page_errors: list[str] = field(default_factory=list)

    @property
    def page(self):
        return self.lab.page

    def output_with(self, inner):
        """The one cell output area that holds `inner` (a CSS selector or a Locator)."""
        if isinstance(inner, str):
            inner = self.page.locator(inner)
        outputs = self.lab.panel.locator(".jp-Cell-outputArea").filter(has=inner)
        assert outputs.count() == 1, f"{outputs.count()} outputs hold {inner}"
        return outputs


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def live_book(browser, tmp_path_factory):
    """briefing.ipynb (a copy) open in JupyterLab, after Run All and every output shown."""
    tmp = tmp_path_factory.mktemp("jupyterlab")
    root = tmp / "root"
    root.mkdir()
    shutil.copy(NOTEBOOK, root / NOTEBOOK.name)
    original = digest(NOTEBOOK)
    code_cells = sum(c.cell_type == "code" for c in nbformat.read(NOTEBOOK, as_version=4).cells)
    with lab_server(root, tmp / "state") as server:
        context = browser.new_context(viewport=VIEWPORT)
        guard = LocalOnly()
        guard.install(context)
        page = context.new_page()
        book = LiveBook(LabNotebook(page, server, NOTEBOOK.name), guard, code_cells)
        page.on("pageerror", lambda e: book.page_errors.append(f"{e}\n{e.stack}"))
        try:
            book.lab.open()
            book.lab.collapse_left_sidebar()
            book.lab.run_all()
            book.lab.wait_all_outputs(code_cells)
            yield book
        finally:
            context.close()
    assert digest(NOTEBOOK) == original, "the original notebook was modified"


def test_run_all_shows_every_output_without_errors(live_book):
    lab = live_book.lab
    prompts = lab.prompts()
    assert len(prompts) == live_book.code_cells
    assert all(re.fullmatch(r"\[\d+\]:", p) for p in prompts), prompts
    counts = [int(p[1:-2]) for p in prompts]
    assert counts == sorted(counts), f"cells ran out of order: {prompts}"
    assert lab.error_outputs() == []
    # Every code cell but the first (imports and page setup) shows something visible; the
    # Corrections cell shows nothing when the data has no corrections.
    cells = [c for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code"]
    quiet = {
        i
        for i, c in enumerate(cells)
        if "corrections_view" in c.source and not load_briefing().corrections
    }
    for index in sorted(set(range(1, live_book.code_cells)) - quiet):
        output = lab.output_area(index)
        assert output.locator(".jp-OutputArea-output").count() > 0, f"cell {index} shows nothing"
        box = output.bounding_box()
        assert box and box["height"] > 20, f"code cell {index} output is empty on screen"
    assert live_book.page_errors == []


def visible_markers(out) -> list[list[int]]:
    """Wait for the map iframe now in `out` to show place markers; return where they are."""
    frame = out.locator("iframe.briefing-maps-live").element_handle().content_frame()
    # Leaflet draws markers outside the view as empty paths: wait for one on screen, or for
    # the map to be broken for good (a zoom that is not a number: nothing will ever show).
    state = f"""() => {{
        const map = document.querySelector('.briefing-maps__map')?.briefingMap;
        const zoom = map ? map.getZoom() : 0;
        return {{zoom: Number.isFinite(zoom) ? zoom : String(zoom),
                 markers: ({VISIBLE_MARKERS})(document.body) || []}};
    }}"""
    frame.wait_for_function(
        f"""() => {{
            const s = ({state})();
            return s.markers.length > 0 || typeof s.zoom === 'string';
        }}""",
        timeout=30_000,
        polling=100,
    )
    result = frame.evaluate(state)
    assert isinstance(result["zoom"], (int, float)), f"the map is broken: zoom {result['zoom']}"
    return result["markers"]


def test_map_buttons_switch_the_visible_map(live_book):
    out = live_book.output_with("iframe.briefing-maps-live")
    out.scroll_into_view_if_needed()
    frame = out.frame_locator("iframe.briefing-maps-live")
    frame.locator(".briefing-maps__status", has_text="Showing: Overview").wait_for()
    before = visible_markers(out)

    beijing = out.get_by_role("button", name="Beijing", exact=True)
    # JupyterLab's sticky notebook toolbar can sit over a control scrolled to the top edge
    beijing.evaluate("e => e.scrollIntoView({block: 'center'})")
    beijing.click()
    frame.locator(".briefing-maps__status", has_text="Showing: Beijing").wait_for(timeout=30_000)
    after = visible_markers(out)
    assert after != before, "the Beijing button did not change the visible map"
    pressed = out.locator(".widget-toggle-button.mod-active")
    assert pressed.inner_text().strip() == "Beijing"
    ARTIFACTS.mkdir(exist_ok=True)
    out.screenshot(path=str(ARTIFACTS / "jupyterlab-map-beijing.png"))


def test_the_street_map_is_one_tap_away_in_a_city_view(live_book):
    """In the live map, a city view offers the street map: nothing is requested before the
    reader says so; with tile requests refused (no network) it says so and stays offline; with
    tiles served it draws them. Both by a test route, so the guard sees none of it."""
    out = live_book.output_with("iframe.briefing-maps-live")
    moscow = out.get_by_role("button", name="Moscow", exact=True)
    moscow.evaluate("e => e.scrollIntoView({block: 'center'})")
    moscow.click()
    frame = out.frame_locator("iframe.briefing-maps-live")
    frame.locator(".briefing-maps__status", has_text="Showing: Moscow").wait_for(timeout=30_000)
    frame.locator(".briefing-maps__ring-label", has_text="Garden Ring").wait_for()
    refused: list[str] = []
    served: list[str] = []
    tile = png()

    def no_network(route):
        refused.append(route.request.url)
        route.abort("internetdisconnected")

    def serve(route):
        served.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=tile)

    page = live_book.page
    page.route(TILES + "**", no_network)
    try:
        control = frame.locator("[data-streets]")
        control.get_by_role("button", name="Street map (online)").click()
        assert "openstreetmap.org" in control.locator("[data-streets-ask]").inner_text()
        page.wait_for_timeout(300)
        assert refused == []  # asked, not yet requested
        control.get_by_role("button", name="Show street map").click()
        frame.locator('[data-street-map="failed"]').wait_for(timeout=30_000)
        assert "No connection" in control.locator("[data-streets-message]").inner_text()
        assert refused
        page.unroute(TILES + "**", no_network)
        page.route(TILES + "**", serve)
        control.get_by_role("button", name="Street map (online)").click()  # asked once
        frame.locator('[data-street-map="on"]').wait_for(timeout=30_000)
        assert served
        ARTIFACTS.mkdir(exist_ok=True)
        out.screenshot(path=str(ARTIFACTS / "jupyterlab-map-street.png"))
        control.get_by_role("button", name="Offline map").click()
        frame.locator('[data-street-map="off"]').wait_for()
    finally:
        page.unroute(TILES + "**")
    assert live_book.page_errors == []


def test_faq_search_finds_a_misspelt_name(live_book):
    out = live_book.output_with(".briefing-faq-live-results")
    box = out.get_by_role("textbox", name="Search")
    box.evaluate("e => e.scrollIntoView({block: 'center'})")
    first = out.locator(".briefing-faq-item .briefing-faq-question").first
    before = first.inner_text()
    box.click()
    box.press_sequentially("Patrushef", delay=20)
    first_question = out.locator(".briefing-faq-item .briefing-faq-question").first
    first_question.filter(has_text="Patrushev").wait_for(timeout=30_000)
    assert "Patrushev" in first_question.inner_text()
    assert "Patrushev" not in before, "the unfiltered list already starts with Patrushev"
    assert first_question.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    out.screenshot(path=str(ARTIFACTS / "jupyterlab-faq-patrushef.png"))


def test_faq_answers_from_a_record_card_live(live_book):
    """Issue 22: the live widget shows a record's card as the page does: the venue named only
    in the records answers, with the record's numbered sources and a link to its place."""
    out = live_book.output_with(".briefing-faq-live-results")
    box = out.get_by_role("textbox", name="Search")
    box.evaluate("e => e.scrollIntoView({block: 'center'})")
    box.click()
    box.fill("")
    box.press_sequentially("reception house", delay=20)
    first = out.locator(".briefing-faq-item").first
    first.filter(has_text="From the records").wait_for(timeout=30_000)
    assert first.get_attribute("data-entry-id") == "place:mfa-reception-house"
    text = first.inner_text()
    assert "From the records · Place" in text and "Spiridonovka" in text
    assert first.locator("a.bk-cite").count() >= 1
    link = first.locator("a.briefing-faq-link")
    assert link.get_attribute("href") == "#bk-place-mfa-reception-house"
    ARTIFACTS.mkdir(exist_ok=True)
    out.screenshot(path=str(ARTIFACTS / "jupyterlab-faq-card.png"))


def test_network_focus_dims_everyone_else(live_book):
    out = live_book.output_with(live_book.page.get_by_label("Focus on a person"))
    choose = out.get_by_label("Focus on a person")
    choose.evaluate("e => e.scrollIntoView({block: 'center'})")
    plot = out.locator(".js-plotly-plot")
    plot.locator(".main-svg").first.wait_for()
    before = plot.evaluate(DIMMED)
    assert before["marks"] > 0 and before["dimmed"] == 0, before
    options = choose.locator("option").all_text_contents()
    person = next(o for o in options if o.strip() and o != "Everyone")
    choose.select_option(label=person)
    # The kernel answers with a new chart: look for it afresh inside the output each time.
    live_book.page.wait_for_function(
        f"""(out) => {{
            const plot = out.querySelector('.js-plotly-plot');
            return !!plot && ({DIMMED})(plot).dimmed > 0;
        }}""",
        arg=out.element_handle(),
        timeout=30_000,
        polling=100,
    )
    after = plot.evaluate(DIMMED)
    assert 0 < after["dimmed"] < after["marks"], after
    ARTIFACTS.mkdir(exist_ok=True)
    out.screenshot(path=str(ARTIFACTS / "jupyterlab-network-focus.png"))


def test_screenshots_in_light_and_dark_theme(live_book):
    """Pictures for a person to look at; switching to the dark theme must not hide any output."""
    lab = live_book.lab
    assert len(lab.screenshot_book(ARTIFACTS, "jupyterlab")) > 1
    light = lab.output_heights()
    lab.set_theme("JupyterLab Dark")
    try:
        assert len(lab.screenshot_book(ARTIFACTS, "jupyterlab-dark")) > 1
        assert lab.error_outputs() == []
        dark = lab.output_heights()
        shrunk = [
            f"cell {i + 1}: {before:.0f} px -> {after:.0f} px"
            for i, (before, after) in enumerate(zip(light, dark, strict=True))
            if after < 0.8 * before
        ]
        assert shrunk == [], f"outputs collapsed when the theme changed: {shrunk}"
    finally:
        lab.set_theme("JupyterLab Light")


def test_no_request_left_the_machine(live_book):
    assert live_book.guard.blocked == []
    assert live_book.page_errors == []
