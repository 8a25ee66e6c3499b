"""The exported page as a reader gets it: opened from disk offline, clicked and typed into."""

from __future__ import annotations

import io

import pytest
from conftest import show_every_view

from briefing import assets

pytestmark = [pytest.mark.browser, pytest.mark.notebook]


@pytest.fixture
def book(exported, offline_page):
    offline_page.page.goto(exported.as_uri())
    assert show_every_view(offline_page.page) == 3  # the map, the network, the timeline
    offline_page.page.wait_for_selector(".js-plotly-plot .main-svg")
    offline_page.page.wait_for_selector("path.briefing-maps__marker", state="attached")
    return offline_page


def test_nothing_leaves_the_machine_and_nothing_breaks(book):
    book.page.wait_for_timeout(500)
    assert book.blocked == []
    assert book.console_errors == []
    assert book.page_errors == []


def test_every_map_and_chart_is_drawn(book, briefing):
    page = book.page
    assert page.locator(".leaflet-container").count() == 1
    assert page.locator("path.briefing-maps__marker").count() == len(briefing.places)
    assert page.locator(".leaflet-briefingBasemap-pane path").count() >= 2
    plots = page.locator(".js-plotly-plot")
    assert plots.count() == 2
    for i in range(plots.count()):
        assert plots.nth(i).locator(".main-svg").count() >= 1
        assert plots.nth(i).locator(".point, .scatterlayer path").count() > 5


def test_faq_search_answers_icc(book):
    page = book.page
    box = page.locator('[data-briefing-view="faq"] input[type="search"]')
    box.fill("ICC")
    first = page.locator('[data-briefing-view="faq"] .briefing-faq-entry:visible').first
    assert "International Criminal Court" in first.inner_text()
    box.fill("Patrushef")
    first = page.locator('[data-briefing-view="faq"] .briefing-faq-entry:visible').first
    assert "Patrushev" in first.locator("h3, h4, .briefing-faq-question").first.inner_text()


def test_map_switch_moves_the_map(book):
    page = book.page
    maps = page.locator('[data-briefing-view="maps"]')
    status = maps.locator(".briefing-maps__status")
    before = status.inner_text()
    maps.locator("button", has_text="Beijing").click()
    assert status.inner_text() == "Showing: Beijing" != before
    assert maps.locator("button", has_text="Beijing").get_attribute("aria-pressed") == "true"
    beijing = page.locator("path.briefing-maps__place-great-hall-of-the-people").bounding_box()
    box = maps.locator(".briefing-maps__map").bounding_box()
    assert box["x"] < beijing["x"] < box["x"] + box["width"]
    assert box["y"] < beijing["y"] < box["y"] + box["height"]


def test_chart_controls_work(book):
    page = book.page
    network = page.locator('[data-chart-kind="network"]')
    plot = network.locator(".js-plotly-plot")
    network.locator(".updatemenu-button", has_text="Meetings and visits").click()
    page.wait_for_function("el => el.layout.updatemenus[0].active === 1", arg=plot.element_handle())
    hidden = plot.evaluate("el => el._fullData.filter(t => t.visible !== true).length")
    assert hidden > 0
    select = network.locator("select[data-chart-focus]")
    person = select.locator("option").nth(1).get_attribute("value")
    select.select_option(person)
    page.wait_for_function(
        "el => el._fullData.some(t => Array.isArray(t.marker && t.marker.opacity))",
        arg=plot.element_handle(),
    )


def test_no_serious_accessibility_violation(book):
    page = book.page
    page.add_script_tag(content=assets.axe_js())
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
        " target: v.nodes[0].target.join(' ')}))"
    )
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_printed_pdf_holds_the_faq_and_the_text_versions(book, briefing):
    from pypdf import PdfReader

    page = book.page
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = " ".join(p.extract_text() for p in pdf.pages)
    text = " ".join(text.split())
    assert len(pdf.pages) > 5
    for entry in briefing.faq[:3] + briefing.faq[-2:]:
        assert " ".join(entry.answer.split())[:60] in text, entry.id
    assert "Constantine Palace" in text


def test_online_tiles_fall_back_quietly_to_the_offline_basemap(book):
    page = book.page
    control = page.locator(".leaflet-control-layers")
    control.hover()
    page.get_by_label("OpenStreetMap tiles (online)").check()
    page.wait_for_timeout(800)
    assert any("openstreetmap" in url for url in book.blocked), "tiles were not even asked for"
    basemap = page.locator(".leaflet-briefingBasemap-pane path")
    assert basemap.count() >= 2 and basemap.first.is_visible()
    assert page.locator("path.briefing-maps__marker").first.is_visible()
    assert book.page_errors == []


CARD_LINKS = """() => [...document.querySelectorAll('[data-briefing-view="faq"] [data-card] a')]
  .map((a) => a.getAttribute('href'))"""


def test_a_record_answers_in_the_readers_words_with_sources_and_a_link(book):
    """Issue 22: a venue named only in the records is answered by its card, which shows its
    sources and confidence like the FAQ and links to the record's place in the page; every
    card's links lead somewhere; axe stays clean with the cards open."""
    page = book.page
    root = page.locator('[data-briefing-view="faq"]')
    box = root.locator('input[type="search"]')
    box.fill("reception house")
    first = root.locator(".briefing-faq-item:visible").first
    assert first.get_attribute("data-entry-id") == "place:mfa-reception-house"
    assert first.locator("details").get_attribute("open") is not None
    text = first.inner_text()
    assert "From the records · Place" in text and "Confidence: medium" in text
    assert "Spiridonovka" in text
    assert first.locator("a.bk-cite").count() >= 1
    link = first.locator("a.briefing-faq-link")
    assert link.inner_text() == "See the place on the map"
    assert root.locator(".briefing-faq-status").inner_text().startswith("1 answer") or (
        "answers match" in root.locator(".briefing-faq-status").inner_text()
    )
    # every card's links (sources, the record) point at an element of the page
    hrefs = page.evaluate(CARD_LINKS)
    assert len(hrefs) > 200
    missing = [h for h in hrefs if page.locator(f"[id='{h[1:]}']").count() != 1]
    assert missing == []
    link.click()
    assert page.evaluate("location.hash") == "#bk-place-mfa-reception-house"
    # the cards shown and opened pass axe
    box.fill("Patrushev")
    root.get_by_role("button", name="Show all answers").click()
    page.add_script_tag(content=assets.axe_js())
    violations = page.evaluate(
        "async () => (await axe.run(document.querySelector('[data-briefing-view=\"faq\"]'),"
        " {resultTypes: ['violations']})).violations.map(v => v.id + ' ' + v.impact)"
    )
    assert [v for v in violations if v.endswith(("serious", "critical"))] == []
    assert book.page_errors == [] and book.console_errors == []
