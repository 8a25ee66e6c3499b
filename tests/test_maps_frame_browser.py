"""Every view of every book, at a desk's and a phone's width, in headless Chromium offline: the
view's points and every label shown lie inside the map and clear of its controls, no two labels
overlap, and the view's text version names every place the map shows in it (issue 25)."""

from __future__ import annotations

from pathlib import Path

import pytest
from trip_book import trip_briefing

from briefing import load_briefing
from briefing.maps import map_view, map_views
from briefing.page import standalone_page

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
WIDTHS = (1280, 390)
SLACK = 0.5  # px of rounding in a box's edges

DRAWN = """root => {
    const map = root.querySelector('.briefing-maps__map');
    const rect = el => {
        const r = el.getBoundingClientRect();
        return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
    };
    const shown = el => {
        const style = getComputedStyle(el);
        return style.display !== 'none' && style.visibility !== 'hidden'
            && el.getBoundingClientRect().width > 0;
    };
    const edge = map.getBoundingClientRect();
    return {
        map: {left: edge.left + map.clientLeft, top: edge.top + map.clientTop,
              right: edge.left + map.clientLeft + map.clientWidth,
              bottom: edge.top + map.clientTop + map.clientHeight},
        controls: [...map.querySelectorAll('.leaflet-control')].filter(shown).map(c =>
            ({name: c.className, ...rect(c)})),
        // (leaflet draws a point off the map as the empty path "M0 0")
        markers: [...map.querySelectorAll('path.briefing-maps__marker')].filter(p =>
            p.getBoundingClientRect().width > 0).map(p => ({
            id: [...p.classList].find(c => c.startsWith('briefing-maps__place-')).slice(21),
            ...rect(p)})),
        labels: [...map.querySelectorAll('.briefing-maps__label, .briefing-maps__stop')]
            .filter(shown).map(l => ({text: l.innerText, ...rect(l)})),
        zoom: map.briefingMap.getZoom(),
    };
}"""


def books():
    return {
        "trip": trip_briefing(),
        "trip-derived": trip_briefing(views=False),
        "trip-umbrella": trip_briefing(overnight=True, umbrella=True),
        "data": load_briefing(ROOT / "data"),
        "amazon": load_briefing(ROOT / "examples" / "amazon-summit-2023"),
    }


BOOKS = books()


def meets(a, b) -> bool:
    return (
        a["left"] < b["right"] - SLACK
        and b["left"] < a["right"] - SLACK
        and a["top"] < b["bottom"] - SLACK
        and b["top"] < a["bottom"] - SLACK
    )


def within(box, area) -> bool:
    return (
        box["left"] >= area["left"] - SLACK
        and box["top"] >= area["top"] - SLACK
        and box["right"] <= area["right"] + SLACK
        and box["bottom"] <= area["bottom"] + SLACK
    )


def check_view(root, book, view, where: str) -> None:
    drawn = root.evaluate(DRAWN)
    area, controls = drawn["map"], drawn["controls"]
    names = {p.id: p.name for p in book.places}
    own = {p.id for p in view.places}
    for marker in drawn["markers"]:
        if marker["id"] in own:
            assert within(marker, area), f"{where}: {marker['id']} is off the map"
            under = [c["name"] for c in controls if meets(marker, c)]
            assert not under, f"{where}: {marker['id']} is under {under}"
    for label in drawn["labels"]:
        assert within(label, area), f"{where}: label {label['text']!r} runs off the map"
        under = [c["name"] for c in controls if meets(label, c)]
        assert not under, f"{where}: label {label['text']!r} is under {under}"
    labels = drawn["labels"]
    crossing = [
        (a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1 :] if meets(a, b)
    ]
    assert not crossing, f"{where}: labels overlap: {crossing}"
    if drawn["zoom"] >= 7:  # city zoom: every place of the view is named on the map
        texts = {label["text"] for label in labels}
        for place in view.places:
            assert (place.label or place.name) in texts, f"{where}: {place.id} has no label"
    text = root.page.locator(f'[data-view-text="{view.key}"]')
    text.evaluate("d => d.open = true")
    words = " ".join(text.inner_text().split())
    for marker in drawn["markers"]:
        x, y = (marker["left"] + marker["right"]) / 2, (marker["top"] + marker["bottom"]) / 2
        if area["left"] <= x <= area["right"] and area["top"] <= y <= area["bottom"]:
            name = " ".join(names[marker["id"]].split())
            assert name in words, f"{where}: {marker['id']} is drawn but not in the text version"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(BOOKS))
def test_every_view_is_framed_clear_of_controls_and_named_in_its_text(
    offline_page, tmp_path, name, width
):
    book = BOOKS[name]
    page = offline_page.page
    page.set_viewport_size({"width": width, "height": 900})
    path = tmp_path / "page.html"
    path.write_text(standalone_page(map_view(book).static_html()), "utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector("path.briefing-maps__marker", state="attached")
    root = page.locator('[data-briefing-view="maps"]')
    for view in map_views(book):
        root.locator(f'button[data-view="{view.key}"]').click()
        check_view(root, book, view, f"{name} {view.key} at {width} px")
    assert offline_page.page_errors == [] and offline_page.console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_live_frame_is_framed_the_same_way(offline_page, tmp_path, width):
    """The live map (an iframe's page, one view each) frames and labels as the page does."""
    book = BOOKS["trip"]
    page = offline_page.page
    page.set_viewport_size({"width": width, "height": 900})
    for view in map_views(book):
        path = tmp_path / f"{view.key}.html"
        html = map_view(book).frame_page(view.key)
        # the frame carries no text version (the notebook shows it beside the iframe)
        path.write_text(html.replace("</body>", map_view(book).text_html(view.key) + "</body>"))
        page.goto(path.as_uri())
        page.wait_for_selector("path.briefing-maps__marker", state="attached")
        root = page.locator('[data-briefing-view="maps"]')
        check_view(root, book, view, f"live {view.key} at {width} px")
    assert offline_page.page_errors == []


@pytest.mark.notebook
@pytest.mark.parametrize("width", WIDTHS)
def test_the_exported_book_frames_its_map_the_same_way(offline_page, exported, width):
    """The book `briefing export` writes (its map built when scrolled to) at both widths."""
    book = BOOKS["data"]
    page = offline_page.page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(exported.as_uri())
    root = page.locator('[data-briefing-view="maps"]')
    root.scroll_into_view_if_needed()
    page.wait_for_selector("path.briefing-maps__marker", state="attached")
    for view in map_views(book):
        root.locator(f'button[data-view="{view.key}"]').click()
        check_view(root, book, view, f"exported {view.key} at {width} px")
    assert offline_page.page_errors == []
