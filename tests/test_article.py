"""The reading views: what a reader sees in the HTML, hostile text shown as text, tooltips work."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

import pytest
from sample_book import HOSTILE, sample_briefing

from briefing.article import article_view, parse_body, title_block
from briefing.book_style import page_setup
from briefing.narrative import intro
from briefing.page import standalone_page
from briefing.people import people_view
from briefing.sources import corrections_view, source_number, sources_view, whats_next_view
from briefing.view import View

_VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}
VIEWS = (title_block, article_view, people_view, sources_view, whats_next_view, corrections_view)


class Parsed(HTMLParser):
    """Text a reader sees (outside <style>/<script>) and every tag with its attributes."""

    def __init__(self, html: str, hide_class: str | None = None):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self._hide_class = hide_class
        self._open: list[bool] = []  # for each open element: is its text hidden?
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag in _VOID:
            return
        hidden = tag in ("style", "script") or (
            self._hide_class is not None and self._hide_class in (attrs.get("class") or "").split()
        )
        self._open.append(hidden or (bool(self._open) and self._open[-1]))

    def handle_endtag(self, tag):
        if tag not in _VOID and self._open:
            self._open.pop()

    def handle_data(self, data):
        if not (self._open and self._open[-1]):
            self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.chunks).split())

    def count(self, tag: str, cls: str | None = None) -> int:
        return sum(
            1 for t, a in self.tags if t == tag and (cls is None or cls in (a.get("class") or ""))
        )


def test_parse_body_splits_paragraphs_and_faq():
    text = parse_body(sample_briefing().article.body)
    assert len(text.paragraphs) == 3
    assert text.paragraphs[0].startswith("China's Foreign Minister")
    assert "Moscow; Wang Yi" in text.paragraphs[0]  # a single line break is a space
    assert text.faq_heading == "FAQ"
    assert [qa.question for qa in text.faq] == [
        "What is the International Criminal Court (ICC)?",
        "What is the Belt and Road Forum?",
    ]
    assert text.faq[1].answers == ("A summit in Beijing.",)


@pytest.mark.parametrize("make", VIEWS)
def test_views_are_views_and_deterministic(make):
    view = make(sample_briefing())
    assert isinstance(view, View)
    html = view.static_html()
    assert html == make(sample_briefing()).static_html()
    assert view._repr_mimebundle_()["text/html"] == html


def test_title_block_shows_headline_date_note_and_key_points():
    page = Parsed(title_block(sample_briefing()).static_html())
    assert "Wang Yi visits Russia" in page.text
    assert "18 September 2023" in page.text
    assert "undated; the visit began 18 September 2023" in page.text
    assert page.count("li") == 2
    assert ("time", {"datetime": "2023-09-18"}) in page.tags


@pytest.mark.parametrize(
    ("origin", "said"),
    [
        (
            "Written for this book from its sources, never published. The headline is ours.",
            "Written for this book from its sources, never published.",
        ),
        (
            "Published by the U.S. Embassy on 3 Sep. 2023, reproduced verbatim. More.",
            "Published by the U.S. Embassy on 3 Sep. 2023, reproduced verbatim.",
        ),
    ],
)
def test_the_article_section_says_where_the_text_comes_from_as_the_data_says(origin, said):
    book = sample_briefing()
    book = dataclasses.replace(book, article=dataclasses.replace(book.article, origin=origin))
    text = Parsed(intro(book, "article").static_html()).text
    assert text.startswith(said + " Names, places and organisations are explained"), text
    assert "as published" not in text


def test_article_highlights_first_mentions_with_tooltips():
    html = article_view(sample_briefing()).static_html()
    page = Parsed(html)
    assert "Wang met Sergei Lavrov in Moscow" in Parsed(html, hide_class="bk-tip").text
    buttons = [a for _, a in page.tags if a.get("class") == "bk-term"]
    tips = {a["id"] for t, a in page.tags if a.get("role") == "tooltip"}
    assert buttons and all(b["aria-describedby"] in tips for b in buttons)
    assert all(b["tabindex"] == "0" for b in buttons)
    assert len(tips) == len(buttons)  # ids are unique on the page
    # paragraph 1: China, Wang Yi, Russia, Lavrov, Moscow, Putin (Wang Yi once)
    assert page.count("p") >= 3
    assert page.count("dt") >= 2 and page.count("dd") >= 2
    assert "Foreign Minister of China" in page.text  # tooltip text
    assert "The meeting venue was never made public." in page.text  # Malta's caveat
    assert "city point only" in page.text


def test_people_cards_show_role_country_sources_and_confidence():
    book = sample_briefing()
    page = Parsed(people_view(book).static_html())
    assert page.count("li", "bk-card") == len(book.people) + len(book.organisations)
    assert "Foreign Minister of Russia" in page.text
    assert "Russia" in page.text
    assert "medium" in page.text  # Sullivan's confidence
    hrefs = [a["href"] for t, a in page.tags if t == "a"]
    assert "#bk-source-tass" in hrefs


def test_sources_are_numbered_by_kind_then_file_order_with_what_cites_them():
    book = sample_briefing()
    # official (kremlin, icc) before wire (tass); within a kind, file order
    assert [source_number(book, s.id) for s in book.sources] == [3, 1, 2]
    page = Parsed(sources_view(book).static_html())
    items = [a for t, a in page.tags if t == "li"]
    assert [a["id"] for a in items] == ["bk-source-kremlin", "bk-source-icc", "bk-source-tass"]
    assert [a["value"] for a in items] == ["1", "2", "3"]
    headings = [
        a["id"] for t, a in page.tags if t == "h3" and "bk-source-kind" in a.get("class", "")
    ]
    assert headings == ["bk-sources-official", "bk-sources-wire"]
    assert "Official records (2)" in page.text and "News agencies (1)" in page.text
    assert "https://tass.com/world/1676173" in [a.get("href") for t, a in page.tags if t == "a"]
    assert "Cited by the article, 3 people" in page.text
    assert "ICC, undated. Accessed 30 November 2026." in page.text
    assert "TASS, 18 September 2023. Accessed 30 November 2026." in page.text
    for level in ("high", "medium", "low"):
        assert level in page.text
    assert "How sure we are" in page.text and "home page" in page.text
    with pytest.raises(KeyError):
        source_number(book, "nope")


def test_whats_next_lists_only_later_events_in_order():
    page = Parsed(whats_next_view(sample_briefing()).static_html())
    assert "Third Belt and Road Forum" in page.text
    assert "17–18 October 2023" in page.text
    assert "ICC arrest warrant" not in page.text  # before the visit
    assert "Talks in Malta" not in page.text


@pytest.mark.parametrize("make", VIEWS)
def test_hostile_text_in_every_field_shows_as_text(make):
    html = make(sample_briefing(HOSTILE)).static_html()
    page = Parsed(html)
    assert not [t for t, _ in page.tags if t in ("img", "script")]
    assert not [a for _, a in page.tags if any(k.startswith("on") for k in a)]
    assert "<img src=x onerror=alert(1)></script>" in page.text


def test_page_setup_holds_the_book_css_and_nothing_visible():
    html = page_setup().static_html()
    assert ".bk-tip" in html and "@media print" in html
    assert Parsed(html).text == ""


@pytest.mark.browser
def test_tooltips_show_on_hover_and_keyboard_focus(html_page, briefing):
    views = [make(briefing).static_html() for make in VIEWS]
    state = html_page(standalone_page(page_setup().static_html(), *views))
    page = state.page
    terms = page.locator(".bk-article .bk-term")
    assert terms.count() > 10
    first_tip = page.locator(".bk-article .bk-tip").first
    assert not first_tip.is_visible()

    # Keyboard: Tab from the top reaches the first term, and its tooltip shows.
    page.locator("body").focus()
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('bk-term')"):
            break
    focused = page.evaluate("document.activeElement.textContent")
    tip_id = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    tip = page.locator(f"#{tip_id}")
    assert tip.is_visible()
    entity = next(e for e in briefing.entities if focused in (e.name, *e.aliases))
    assert entity.name in tip.inner_text()

    # Hover: another term's tooltip shows, with that entity's own role.
    page.locator("body").focus()
    sullivan = page.locator(".bk-article .bk-gloss", has_text="Jake Sullivan").first
    sullivan.locator(".bk-term").hover()
    tip = sullivan.locator(".bk-tip")
    assert tip.is_visible()
    person = next(p for p in briefing.people if p.id == "jake-sullivan")
    assert person.name in tip.inner_text()
    box = tip.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 1280

    assert state.page_errors == [] and state.blocked == []
    page.screenshot(path="/tmp/article_hover.png")


@pytest.mark.browser
def test_print_shows_the_glossary_instead_of_tooltips(html_page, briefing):
    state = html_page(standalone_page(article_view(briefing).static_html()))
    page = state.page
    assert not page.locator(".bk-print-glossary").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".bk-print-glossary").is_visible()
    assert "Wang Yi" in page.locator(".bk-print-glossary").inner_text()
