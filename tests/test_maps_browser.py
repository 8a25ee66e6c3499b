"""The maps in headless Chromium with the network blocked: drawn, switchable, escaped."""

from __future__ import annotations

import pytest
from test_maps import PAYLOAD, hostile

from briefing.maps import map_view
from briefing.page import standalone_page

pytestmark = pytest.mark.browser

VISIBLE_MARKERS = """root => {
    const box = root.querySelector('.briefing-maps__map').getBoundingClientRect();
    return [...root.querySelectorAll('path.briefing-maps__marker')].filter(p => {
        const r = p.getBoundingClientRect();
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        return r.width > 0 && x > box.left && x < box.right && y > box.top && y < box.bottom;
    }).map(p => [...p.classList].find(c => c.startsWith('briefing-maps__place-')).slice(21));
}"""


def open_twin(html_page, briefing):
    state = html_page(standalone_page(map_view(briefing).static_html()))
    state.page.wait_for_selector("path.briefing-maps__marker", state="attached")
    return state


def test_twin_draws_basemap_and_markers_offline(html_page, briefing):
    state = open_twin(html_page, briefing)
    page = state.page
    assert page.locator("path.briefing-maps__marker").count() == len(briefing.places)
    assert page.locator(".leaflet-briefingBasemap-pane path").count() >= 2  # land, borders
    assert page.locator(".briefing-maps__stop").count() == 3
    assert page.locator(".leaflet-control-layers").count() == 1
    assert state.blocked == [] and state.page_errors == [] and state.console_errors == []


def test_buttons_switch_the_view(html_page, briefing):
    page = open_twin(html_page, briefing).page
    root = page.locator('[data-briefing-view="maps"]')
    overview = set(root.evaluate(VISIBLE_MARKERS))
    assert len(overview) == len(briefing.places)
    page.get_by_role("button", name="Moscow").click()
    moscow = set(root.evaluate(VISIBLE_MARKERS))
    assert "mfa-reception-house" in moscow and "moscow-kremlin" in moscow
    assert "constantine-palace-strelna" not in moscow and "valletta-malta" not in moscow
    assert page.get_by_role("button", name="Moscow").get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="Overview").get_attribute("aria-pressed") == "false"
    assert page.locator('[data-view-text="moscow"]').is_visible()
    assert not page.locator('[data-view-text="overview"]').is_visible()
    page.get_by_role("button", name="St Petersburg").click()
    assert set(root.evaluate(VISIBLE_MARKERS)) == {"constantine-palace-strelna"}
    page.get_by_role("button", name="Beijing").focus()
    page.keyboard.press("Enter")
    assert set(root.evaluate(VISIBLE_MARKERS)) == {
        "great-hall-of-the-people",
        "china-national-convention-center",
    }
    page.get_by_role("button", name="Malta").focus()
    page.keyboard.press("Space")
    assert set(root.evaluate(VISIBLE_MARKERS)) == {"valletta-malta"}
    assert page.locator(".briefing-maps__status").inner_text() == "Showing: Malta"


def test_popup_opens_with_escaped_text(html_page, briefing):
    state = open_twin(html_page, hostile(briefing))
    page = state.page
    page.get_by_role("button", name="Moscow").click()
    # the Reception House is a city point drawn under the Kremlin's dot: a click on its marker
    # (not at its screen position, where the Kremlin's dot is on top)
    page.locator("path.briefing-maps__place-mfa-reception-house").dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Reception House" in text and "<img src=x onerror=alert(1)>" in text
    assert "Wang Yi - Sergei Lavrov talks" in text and "18 Sep 2023" in text
    assert "confidence" in text
    assert popup.locator("img").count() == 0 and popup.locator("script").count() == 0
    assert all(
        h.startswith(("https://", "http://"))
        for h in popup.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    )
    assert page.locator(".briefing-maps img[src='x']").count() == 0
    assert state.page_errors == [] and PAYLOAD  # the payload ran nowhere


def test_live_iframe_page_renders_offline(html_page, briefing):
    state = html_page(map_view(briefing).frame_page("malta"))
    page = state.page
    page.wait_for_selector("path.briefing-maps__marker", state="attached")
    assert page.locator("path.briefing-maps__marker").count() == len(briefing.places)
    root = page.locator('[data-briefing-view="maps"]')
    assert root.get_attribute("data-current-view") == "malta"
    assert set(root.evaluate(VISIBLE_MARKERS)) == {"valletta-malta"}
    assert state.blocked == [] and state.page_errors == []


SHOWN_LABELS = """root => {
    const box = root.querySelector('.briefing-maps__map').getBoundingClientRect();
    return [...root.querySelectorAll('.briefing-maps__label')].map(l => {
        const r = l.getBoundingClientRect();
        return {text: l.innerText, left: r.left, right: r.right, top: r.top, bottom: r.bottom};
    }).filter(r => r.right > r.left && r.left < box.right && r.right > box.left
        && r.top < box.bottom && r.bottom > box.top);
}"""


def overlapping(boxes):
    return [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    ]


def test_place_names_show_at_city_zoom_only(html_page, briefing):
    page = open_twin(html_page, briefing).page
    root = page.locator('[data-briefing-view="maps"]')
    assert root.evaluate(SHOWN_LABELS) == []  # the overview shows no names
    root.locator("button", has_text="Moscow").click()
    # from city zoom on every place has its name (bound when first needed: static/maps.js)
    assert root.locator(".briefing-maps__label").count() == len(briefing.places)
    shown = root.evaluate(SHOWN_LABELS)
    assert {b["text"] for b in shown} >= {
        "Kremlin",
        "MFA Reception House (district point)",
        "Foreign Ministry (Smolenskaya Sq.)",
        "Moscow (city)",
    }
    # Moscow's GeoNames city point lies inside the Kremlin (about 30 m from its point), so those
    # two labels touch; every other pair of Moscow labels must stay apart
    assert overlapping(shown) in ([], [("Moscow (city)", "Kremlin")])
    kremlin = next(b for b in shown if b["text"] == "Kremlin")
    ministry = next(b for b in shown if b["text"].startswith("Foreign Ministry"))
    assert ministry["right"] < kremlin["left"]  # west of the Kremlin, labelled to the left
    root.locator("button", has_text="Beijing").click()
    shown = root.evaluate(SHOWN_LABELS)
    assert {b["text"] for b in shown} == {"Great Hall of the People", "Convention Center (CNCC)"}
    root.locator("button", has_text="St Petersburg").click()
    assert root.locator(".briefing-maps__label", has_text="Constantine Palace").is_visible()
    root.locator("button", has_text="Malta").click()
    assert root.locator(".briefing-maps__label", has_text="Valletta (venue not named)").is_visible()
    assert root.locator(".leaflet-control-scale").is_visible()


def test_overview_names_a_place_on_hover(html_page, briefing):
    page = open_twin(html_page, briefing).page
    label = page.locator(".briefing-maps__label", has_text="Filoli")
    assert not label.is_visible()
    page.locator("path.briefing-maps__place-filoli-woodside").hover()
    assert label.is_visible()
    page.mouse.move(5, 5)
    assert not label.is_visible()
    page.locator("path.briefing-maps__place-filoli-woodside").hover()  # and again
    assert label.is_visible()
    assert page.locator(".briefing-maps__label", has_text="Kremlin").is_hidden()


def test_labels_show_hostile_text_as_text(html_page, briefing):
    state = open_twin(html_page, hostile(briefing))
    page = state.page
    page.get_by_role("button", name="Moscow").click()
    label = page.locator(".briefing-maps__label", has_text="Kremlin")
    assert label.is_visible()
    assert "<img src=x onerror=alert(1)>" in label.inner_text()
    assert page.locator(".briefing-maps__label img").count() == 0
    assert state.page_errors == []


@pytest.mark.parametrize("width", [700, 480])
def test_live_frame_fits_its_iframe(offline_page, tmp_path, briefing, width):
    """The live iframe has a fixed height: map, legend and note must fit in it, unscrolled."""
    from briefing.maps import LIVE_HEIGHT

    path = tmp_path / "frame.html"
    path.write_text(map_view(briefing).frame_page("moscow"), encoding="utf-8")
    page = offline_page.page
    page.set_viewport_size({"width": width, "height": LIVE_HEIGHT})
    page.goto(path.as_uri())
    page.wait_for_selector("path.briefing-maps__marker", state="attached")
    note = page.locator(".briefing-maps__legend-note")
    assert "Offline basemap" in note.inner_text()
    assert note.bounding_box()["y"] + note.bounding_box()["height"] <= LIVE_HEIGHT
    assert page.evaluate("document.documentElement.scrollHeight") <= LIVE_HEIGHT
    assert page.locator(".briefing-maps__label", has_text="Kremlin").is_visible()


LAND_AT = """([lat, lon, zoom]) => {
    const map = document.querySelector('.briefing-maps__map').briefingMap;
    if (zoom !== null) map.setView([lat, lon], zoom, {animate: false});
    const land = document.querySelector('.leaflet-briefingBasemap-pane path:not([fill="none"])');
    const p = map.latLngToLayerPoint([lat, lon]);
    return land.isPointInFill(new DOMPoint(p.x, p.y));
}"""


def test_basemap_fills_land_and_leaves_water_at_every_zoom(html_page, briefing):
    """The land path covers land and not sea: at the overview, zoomed in on a coast drawn from
    the coarse shapes (clipped to the view), and inside a detail box's fine coastline."""
    state = open_twin(html_page, briefing)
    page = state.page
    land = {"Vienna": (48.2, 16.37), "Beijing": (39.9, 116.4), "Kansas": (38.5, -98.0)}
    sea = {"Atlantic": (30.0, -40.0), "Ionian Sea": (36.0, 18.0), "Pacific": (0.0, -150.0)}
    for lat, lon in land.values():
        assert page.evaluate(LAND_AT, [lat, lon, None])
    for lat, lon in sea.values():
        assert not page.evaluate(LAND_AT, [lat, lon, None])
    assert page.evaluate(LAND_AT, [37.6, 22.2, 9])  # the Peloponnese, coarse shapes, zoom 9
    assert not page.evaluate(LAND_AT, [37.0, 21.0, 9])  # the sea west of it
    assert page.evaluate(LAND_AT, [35.89, 14.45, 13])  # Malta, fine coastline, zoom 13
    assert not page.evaluate(LAND_AT, [35.95, 14.6, 13])  # the sea north-east of Malta
    assert state.page_errors == [] and state.console_errors == []
