"""The exported book on a phone, a tablet and a desktop: what does not vary from run to run.

Text first (no library runs before a view nears the viewport, every view is built before
printing), no sideways scroll at phone widths, one h1 and ordered headings, tap targets of at
least 24 px, a meta description from the book's data, the contents as a menu, glossary notes
by tap, dark mode with print light. Timings and Lighthouse scores are in benchmarks/.
"""

from __future__ import annotations

import itertools
import re

import pytest
from conftest import show_every_view
from live_lab import LocalOnly

from briefing.charts.style import DARK_COLOURS, PAPER
from briefing.export import book_description
from briefing.page import page_description

pytestmark = [pytest.mark.browser, pytest.mark.notebook]

PHONES = (360, 390, 414)


@pytest.fixture
def open_book(browser, exported):
    """Open the exported book offline at a width (a phone is touch and mobile)."""
    contexts = []

    def open_at(width: int, scheme: str = "light", height: int = 800):
        phone = width < 800
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=scheme,
            is_mobile=phone,
            has_touch=phone,
        )
        contexts.append(context)
        blocked: list[str] = []
        LocalOnly(blocked=blocked).install(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(exported.as_uri())
        page.blocked, page.errors = blocked, errors
        return page

    yield open_at
    for context in contexts:
        context.close()


LIBRARIES_RAN = "() => [typeof window.Plotly, typeof window.L, typeof window.briefingInflate]"
BUILT = "() => [...document.querySelectorAll('[data-briefing-built]')].length"


def test_text_comes_first_and_each_view_is_built_near_the_viewport(open_book):
    page = open_book(390)
    assert page.locator("h1").is_visible()
    assert page.evaluate(LIBRARIES_RAN) == ["undefined", "undefined", "undefined"]
    assert page.locator(".js-plotly-plot, .leaflet-container").count() == 0
    # the libraries sit after the text, inert
    order = page.evaluate(
        """() => [...document.body.querySelectorAll('main, script[data-briefing-lib]')]
             .map(e => e.tagName + ':' + (e.getAttribute('type') || ''))"""
    )
    assert order == ["MAIN:", *["SCRIPT:text/plain"] * 3]
    page.locator('[data-chart-kind="network"]').scroll_into_view_if_needed()
    page.wait_for_selector('[data-chart-kind="network"] .main-svg')
    assert page.evaluate(LIBRARIES_RAN)[0] == "object"  # unpacked and run
    assert page.errors == [] and page.blocked == []


def test_printing_builds_every_view_and_prints_light(open_book):
    page = open_book(1280, scheme="dark")
    assert page.evaluate(BUILT) == 0
    page.locator('[data-chart-kind="network"]').scroll_into_view_if_needed()
    page.wait_for_selector('[data-chart-kind="network"] .main-svg')
    network = '[data-chart-kind="network"] .plotly-graph-div'
    paper = f"() => document.querySelector('{network}')._fullLayout.paper_bgcolor"
    assert page.evaluate(paper) == DARK_COLOURS[PAPER]
    page.emulate_media(media="print")
    page.wait_for_function(f"() => {BUILT}() === 3")
    page.wait_for_function(f"() => ({paper})() === {PAPER!r}")
    assert page.locator(".leaflet-container path.briefing-maps__marker").count() > 0
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(255, 255, 255)"
    assert page.errors == []


@pytest.mark.parametrize("width", PHONES)
def test_no_sideways_scroll_on_a_phone(open_book, width):
    page = open_book(width)
    show_every_view(page)
    page.evaluate("document.querySelectorAll('main details').forEach(d => d.open = true)")
    page.wait_for_timeout(200)
    sizes = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert sizes == [width, width]
    # every chart and the map fit the column
    for box in page.locator(".js-plotly-plot, .leaflet-container").all():
        rect = box.bounding_box()
        assert rect["x"] >= 0 and rect["x"] + rect["width"] <= width
    assert page.errors == []


def test_one_h1_and_heading_levels_in_order(open_book):
    page = open_book(1280)
    show_every_view(page)
    levels = page.evaluate(
        "() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]"
        ".map(h => Number(h.tagName[1]))"
    )
    assert levels[0] == 1 and levels.count(1) == 1
    skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert skips == []


# Targets that WCAG 2.5.8 exempts: links inside a sentence (citations, source titles, the
# map's attribution line), whose size the line of text sets.
INLINE = (
    "el => { if (getComputedStyle(el).display !== 'inline') return false;"
    " let p = el.parentElement;"
    " while (p && getComputedStyle(p).display === 'inline') p = p.parentElement;"
    " return !!p && p.textContent.trim().length > el.textContent.trim().length + 2; }"
)


@pytest.mark.parametrize("width", [390, 1280])
def test_tap_targets_are_at_least_24_px(open_book, width):
    page = open_book(width)
    show_every_view(page)
    page.evaluate("document.querySelector('.bb-toc-menu').open = true")
    small = page.evaluate(
        f"""() => {{
          const inline = {INLINE};
          const targets = document.querySelectorAll(
            'a[href], button, select, input, summary, [tabindex="0"], .leaflet-control a');
          return [...targets].filter(el => {{
            const r = el.getBoundingClientRect();
            if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') return false;
            return (r.width < 24 || r.height < 24) && !inline(el);
          }}).map(el => [el.tagName, el.className.baseVal ?? el.className,
                        el.textContent.trim().slice(0, 30),
                        Math.round(el.getBoundingClientRect().width),
                        Math.round(el.getBoundingClientRect().height)]);
        }}"""
    )
    assert small == [], len(small)


def test_meta_description_comes_from_the_book(page_html, briefing):
    found = re.findall(r'<meta name="description" content="([^"]*)">', page_html)
    assert len(found) == 1
    expected = page_description(book_description(briefing))
    assert found[0] and found[0] == expected.replace("'", "&#39;").replace('"', "&#34;")


def test_contents_are_a_menu_on_a_phone(open_book):
    page = open_book(390)
    menu = page.locator(".bb-toc-menu")
    assert menu.get_attribute("open") is None
    summary = menu.locator("summary")
    box = summary.bounding_box()
    assert box["height"] >= 24 and box["y"] < 60  # a bar at the top, not a screenful of links
    summary.tap()
    assert menu.get_attribute("open") is not None
    link = menu.locator("a").nth(3)
    target = link.get_attribute("href")
    link.tap()
    assert menu.get_attribute("open") is None
    assert page.evaluate("() => location.hash") == target
    heading = page.locator(target).bounding_box()
    assert 0 <= heading["y"] < 300  # scrolled to, below the bar
    summary.tap()
    page.keyboard.press("Escape")
    assert menu.get_attribute("open") is None
    wide = open_book(1280)
    assert wide.locator(".bb-toc-menu").get_attribute("open") is not None


def test_glossary_notes_open_on_tap_and_close_on_tap_elsewhere_or_escape(open_book):
    page = open_book(390)
    term = page.locator(".bk-article .bk-term").first
    tip = page.locator(f"#{term.get_attribute('aria-describedby')}")
    assert not tip.is_visible()
    term.tap()
    assert tip.is_visible()
    page.locator("h1").tap()
    assert not tip.is_visible()
    term.tap()
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert not tip.is_visible()


def test_chart_controls_wrap_on_a_phone(open_book):
    page = open_book(360)
    network = page.locator('[data-chart-kind="network"]')
    network.scroll_into_view_if_needed()
    page.wait_for_selector('[data-chart-kind="network"] .main-svg')
    buttons = network.locator(".briefing-chart__menu-button")
    assert buttons.count() >= 6
    for button in buttons.all():
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["height"] >= 24
    graph = network.locator(".plotly-graph-div")
    shown = "el => el._fullData.filter(t => t.mode === 'lines' && t.visible === true).length"
    before = graph.evaluate(shown)
    meetings = network.locator(".briefing-chart__menu-button", has_text="Meetings and visits")
    meetings.tap()
    page.wait_for_function(f"el => ({shown})(el) < {before}", arg=graph.element_handle())
    assert meetings.get_attribute("aria-pressed") == "true"
    # the title moved out of the figure, where it wraps
    assert network.locator(".briefing-chart__caption-title").is_visible()


def test_dark_mode_covers_page_charts_and_map(open_book):
    page = open_book(1280, scheme="dark")
    show_every_view(page)
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(251, 250, 247)"
    rgb = [int(v) for v in re.findall(r"\d+", background)[:3]]
    assert sum(rgb) < 3 * 60
    for graph in page.locator(".plotly-graph-div").all():
        assert graph.evaluate("el => el._fullLayout.paper_bgcolor") == DARK_COLOURS[PAPER]
    land = page.evaluate(
        "() => getComputedStyle(document.querySelector("
        "'.leaflet-briefingBasemap-pane path:not([fill=\"none\"])')).fill"
    )
    assert sum(int(v) for v in re.findall(r"\d+", land)[:3]) < 3 * 80
    assert page.errors == []


def test_dark_colour_swaps_are_one_to_one():
    """static/charts.js swaps them back for print: no two light colours share a dark one."""
    lowered = {k.lower() for k in DARK_COLOURS}
    values = {v.lower() for v in DARK_COLOURS.values()}
    assert len(lowered) == len(values) == len(DARK_COLOURS)
    assert not lowered & values


def test_a_pdf_of_the_untouched_page_holds_the_charts(open_book, briefing):
    """Printed straight after opening, with no scrolling: every view is built for the paper."""
    import html
    import io

    from pypdf import PdfReader

    from briefing.charts.network import network_figure

    page = open_book(1280)
    assert page.evaluate(BUILT) == 0
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    title = html.unescape(network_figure(briefing)["layout"]["title"]["text"].split("<br>")[0])
    assert page.evaluate(BUILT) == 3
    assert " ".join(title.split()[:3]) in text  # drawn by plotly, so the chart is on paper
