"""Provenance as a reader sees it in the exported page (Chromium, 1280 px, network blocked):
citations with kind and date, sources grouped by kind, "How sure we are", Corrections; hostile
text in the new fields (publisher, note, correction texts) shows as text and never runs."""

from __future__ import annotations

import re

import pytest
from conftest import run_export
from sample_book import HOSTILE, sample_briefing, write_data_folder

pytestmark = [pytest.mark.browser, pytest.mark.notebook]


@pytest.fixture(scope="module")
def hostile_sample_export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("provenance")
    data = write_data_folder(folder / "data", sample_briefing(HOSTILE))
    out = folder / "book.html"
    done = run_export("--data", str(data), "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out


def shown(locator):
    """Scroll a view to the reader and wait until it is laid out: views off screen are not
    (content-visibility), and their inner text is empty until then."""
    locator.scroll_into_view_if_needed()
    locator.page.wait_for_function("el => el.innerText.trim() !== ''", arg=locator.element_handle())
    return locator


@pytest.fixture
def page(hostile_sample_export, offline_page):
    dialogs = []
    offline_page.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    offline_page.page.goto(hostile_sample_export.as_uri())
    yield offline_page.page
    assert dialogs == [] and offline_page.page_errors == [] and offline_page.blocked == []


def test_citations_show_kind_and_date_and_lead_to_the_source(page):
    assert page.viewport_size["width"] == 1280
    cites = page.locator(".bk-next .bk-cite")
    assert cites.count() == 1  # the Belt and Road Forum, cited to the Kremlin's readout
    cite = cites.first
    shown(cite)
    assert cite.inner_text().strip() == "[1] Official · 20 Sep 2023"
    box = cite.bounding_box()
    assert box and box["width"] > 0 and box["x"] + box["width"] <= 1280
    assert cite.get_attribute("title").startswith("Kremlin")  # publisher: title, as text
    cite.click()
    assert page.evaluate("location.hash") == "#bk-source-kremlin"
    target = page.locator("#bk-source-kremlin")
    assert target.is_visible() and target.evaluate("e => e.matches(':target')")
    # every citation on the page (some in closed text alternatives) carries its kind and a date
    metas = page.locator(".bk-cite-meta").evaluate_all("es => es.map(e => e.textContent)")
    odd = [
        m
        for m in metas
        if not re.fullmatch(
            r" ?(Official|Wire|News|Reference|Other) · (accessed )?\d{1,2} \w{3} \d{4}", m
        )
    ]
    assert metas and not odd, odd
    # the page fits the window: citations wrap between items, never past the edge
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 1280


def test_sources_are_grouped_by_kind_after_how_sure_we_are(page):
    sources = page.locator(".bk-sources")
    shown(sources)
    assert "How sure we are" in sources.inner_text()
    headings = sources.locator(".bk-source-kind").all_inner_texts()
    assert headings == ["Official records (2)", "News agencies (1)"]
    numbers = sources.locator("li").evaluate_all("items => items.map(li => li.value)")
    assert numbers == [1, 2, 3]


def test_corrections_section_lists_what_changed_when_and_why(page):
    section = page.locator(".bk-corrections")
    shown(section)
    assert section.is_visible()
    text = section.inner_text()
    assert text.startswith("Corrections")
    assert "30 November 2026" in text
    assert "The talks took one day." + HOSTILE.split("\u2028")[0] in text
    assert "The talks took two days, 16 and 17 September." in text
    assert "The Kremlin's readout dates them to both days." in text
    assert "Event: Wang Yi – Jake Sullivan talks" in text and "FAQ: What is the ICC?" in text
    assert section.locator(".bk-cite").inner_text().strip() == "[1] Official · 20 Sep 2023"
    # the section is in the contents, which leads to it
    entry = page.locator(".bb-toc a[href='#bk-corrections']")
    assert entry.inner_text() == "Corrections"


def test_hostile_text_in_the_new_fields_shows_as_text(page):
    payload = "<img src=x onerror=alert(1)></script>"
    for selector in (".bk-corrections", ".bk-source-publisher", ".bk-source-note"):
        element = shown(page.locator(selector).first)
        assert payload in element.inner_text(), selector
    assert page.locator("main img[src='x']").count() == 0
    faq_sources = page.locator(".briefing-faq-source").first.text_content()  # a closed answer
    assert "Official · ICC" in faq_sources
