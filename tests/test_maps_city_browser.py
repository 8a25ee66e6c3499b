"""City layers in headless Chromium with the network blocked: drawn with their view only."""

from __future__ import annotations

import json

import pytest
from test_maps_city import COMMITTED, in_folder, valid_layer, write_layer

from briefing.maps import map_view
from briefing.maps.city import city_slug
from briefing.page import standalone_page

pytestmark = pytest.mark.browser

CITY_PATHS = ".leaflet-briefingCity-pane path"
CREDITS = ".leaflet-control-attribution"


def open_twin(html_page, briefing):
    state = html_page(standalone_page(map_view(briefing).static_html()))
    state.page.wait_for_selector("path.briefing-maps__marker", state="attached")
    return state


def fills(page):
    return page.locator(CITY_PATHS).evaluate_all("ps => ps.map(p => p.getAttribute('fill'))")


def features(slug):
    return json.loads((COMMITTED / f"{slug}.geojson").read_text("utf-8"))["features"]


def test_a_city_view_draws_its_coast_offline_and_only_with_its_view(html_page, briefing):
    state = open_twin(html_page, briefing)
    page = state.page
    root = page.locator('[data-briefing-view="maps"]')
    assert page.locator(CITY_PATHS).count() == 0  # the overview parses no city layer
    assert "GSHHG" not in page.locator(CREDITS).inner_text()

    root.get_by_role("button", name="Malta").click()
    kinds = [f["properties"]["kind"] for f in features("valletta")]
    water_at = kinds.index("water")  # water with Malta and Gozo cut out, then the roads on top
    assert kinds[0] == "land" and kinds[water_at + 1 :] == ["road", "major_road"]
    assert page.locator(CITY_PATHS).count() == len(kinds)
    assert fills(page)[0] == "#f3efe6" and fills(page)[water_at] == "#c6dbe7"
    assert fills(page)[water_at + 1 :] == ["none", "none"]  # roads are lines
    # the coast is drawn: the water path has many vertices, across the map
    land = page.locator(CITY_PATHS).nth(water_at)
    assert land.get_attribute("fill-rule") == "evenodd"
    assert land.get_attribute("d").count("L") > 200
    box = root.locator(".briefing-maps__map").bounding_box()
    drawn = land.bounding_box()
    assert drawn["width"] > box["width"] / 4 and drawn["height"] > box["height"] / 4
    credits = page.locator(CREDITS).inner_text()
    assert "GSHHG shorelines" in credits and "Natural Earth" in credits
    assert "\u00a9 OpenStreetMap contributors" in credits  # Malta's roads and parks
    assert root.locator(".leaflet-control-scale").is_visible()

    root.get_by_role("button", name="Beijing").click()  # Malta's layer goes, Beijing's comes
    assert page.locator(CITY_PATHS).count() == len(features("beijing"))
    assert fills(page) == ["#e6dfd1"] * len(features("beijing"))
    assert "GSHHG" not in page.locator(CREDITS).inner_text()

    root.get_by_role("button", name="Overview").click()
    assert page.locator(CITY_PATHS).count() == 0
    assert state.blocked == [] and state.page_errors == [] and state.console_errors == []


def test_the_city_layer_sits_under_the_points(html_page, briefing):
    page = open_twin(html_page, briefing).page
    page.get_by_role("button", name="Malta").click()
    under = page.evaluate(
        """() => {
        const z = name => Number(getComputedStyle(
            document.querySelector('.leaflet-' + name + '-pane')).zIndex);
        return [z('briefingBasemap'), z('briefingCity'), z('tile'), z('overlay')];
    }"""
    )
    basemap, city, tiles, overlay = under
    assert basemap < city < tiles < overlay
    marker = page.locator("path.briefing-maps__place-valletta-malta")
    assert marker.is_visible()


def test_a_live_frame_draws_its_own_layer(html_page, briefing):
    state = html_page(map_view(briefing).frame_page("st-petersburg"))
    page = state.page
    page.wait_for_selector(CITY_PATHS, state="attached")
    assert page.locator(CITY_PATHS).count() == len(features("st-petersburg"))
    assert state.blocked == [] and state.page_errors == []


def test_hostile_credits_show_as_text(html_page, briefing, tmp_path, monkeypatch):
    city = briefing.places[0].city
    layer = valid_layer(city)
    layer["sources"][0]["attribution"] = "<img src=x onerror=alert(1)>"
    write_layer(tmp_path, layer, name=city_slug(city) + ".geojson")
    state = open_twin(html_page, in_folder(briefing, tmp_path, monkeypatch))
    page = state.page
    page.locator('button[data-view="moscow"]').click()
    assert "<img src=x onerror=alert(1)>" in page.locator(CREDITS).inner_text()
    assert page.locator(f"{CREDITS} img").count() == 0
    assert state.page_errors == []
