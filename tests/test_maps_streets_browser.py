"""City views in headless Chromium: Moscow's ring roads, labelled, and the street map one tap
away (tiles served by a test route, or refused as with no network)."""

from __future__ import annotations

import struct
import zlib

import pytest
from test_maps_city import in_folder, valid_layer, write_layer

from briefing import assets
from briefing.maps import map_view
from briefing.maps.city import city_slug
from briefing.page import standalone_page

pytestmark = pytest.mark.browser

TILES = "https://tile.openstreetmap.org/"
CITY_PATHS = ".leaflet-briefingCity-pane path"
TILE_IMAGES = ".leaflet-tile-pane img.leaflet-tile"
CREDITS = ".leaflet-control-attribution"


def png(width: int = 256, height: int = 256, rgb=(120, 180, 90)) -> bytes:
    """A plain PNG, written here (zlib and struct only): what the test route serves as a tile."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def twin(offline_page, tmp_path):
    """Open the map's twin offline, optionally with OSM tiles served by a test route."""

    def open_(briefing, tiles: list[str] | None = None, html: str | None = None):
        page = offline_page.page
        if tiles is not None:
            tile = png()

            def serve(route):
                tiles.append(route.request.url)
                route.fulfill(status=200, content_type="image/png", body=tile)

            # a page route is tried before the context's, which refuses all that is not local
            page.route(TILES + "**", serve)
        path = tmp_path / "page.html"
        path.write_text(html or standalone_page(map_view(briefing).static_html()), "utf-8")
        page.goto(path.as_uri())
        page.wait_for_selector("path.briefing-maps__marker", state="attached")
        return offline_page

    return open_


def tile_requests(state) -> list[str]:
    return [url for url in state.blocked if url.startswith(TILES)]


def test_moscow_shows_both_rings_labelled_and_credited(twin, briefing):
    state = twin(briefing)
    page = state.page
    root = page.locator('[data-briefing-view="maps"]')
    root.get_by_role("button", name="Moscow").click()
    map_box = root.locator(".briefing-maps__map").bounding_box()
    for name in ("Garden Ring", "Third Ring Road"):
        label = root.locator(".briefing-maps__ring-label", has_text=name)
        assert label.is_visible()
        box = label.bounding_box()  # inside the map, not cut by its edge
        assert (
            map_box["x"] <= box["x"] and box["x"] + box["width"] <= map_box["x"] + map_box["width"]
        )
        assert (
            map_box["y"] <= box["y"]
            and box["y"] + box["height"] <= map_box["y"] + map_box["height"]
        )
    strokes = page.locator(CITY_PATHS).evaluate_all("ps => ps.map(p => p.getAttribute('stroke'))")
    assert strokes.count("#c9893f") == 2  # one path per ring
    assert "\u00a9 OpenStreetMap contributors" in page.locator(CREDITS).inner_text()
    assert state.blocked == [] and state.page_errors == [] and state.console_errors == []


# shapes drawn in the city pane (SVG subpaths of two points or more) and their vertices
DRAWN = """() => { let shapes = 0, vertices = 0;
  document.querySelectorAll('.leaflet-briefingCity-pane path').forEach(path => {
    (path.getAttribute('d') || '').split('M').slice(1).forEach(part => {
      const n = (part.match(/L/g) || []).length + 1;
      if (n >= 2) { shapes += 1; vertices += n; } }); });
  return [shapes, vertices]; }"""


def test_moscow_view_draws_the_rings_in_its_frame(twin, briefing):
    """As drawn after pressing the view's button (leaflet clips to the frame and leaves out
    points within half a pixel): the built-up area and each ring's two carriageways."""
    page = twin(briefing).page
    page.locator('button[data-view="moscow"]').click()
    shapes, vertices = page.evaluate(DRAWN)
    assert shapes >= 5 and vertices >= 200, (shapes, vertices)
    page.locator('button[data-view="beijing"]').click()  # no ring there: one built-up shape
    assert page.evaluate(DRAWN)[0] == 1


def test_the_street_map_asks_first_then_draws_tiles(twin, briefing):
    tiles: list[str] = []
    state = twin(briefing, tiles)
    page = state.page
    root = page.locator('[data-briefing-view="maps"]')
    control = root.locator("[data-streets]")
    assert control.is_hidden()  # the overview offers no street map
    root.get_by_role("button", name="Moscow").click()
    toggle = control.get_by_role("button", name="Street map (online)")
    assert toggle.is_visible()
    toggle.click()
    ask = control.locator("[data-streets-ask]")
    assert ask.is_visible() and "sends requests there" in ask.inner_text()
    assert "openstreetmap.org" in ask.inner_text()
    assert toggle.get_attribute("aria-expanded") == "true"
    page.wait_for_timeout(200)
    assert tiles == []  # nothing requested before the reader says so
    city_paths = page.locator(CITY_PATHS).count()

    control.get_by_role("button", name="Show street map").click()
    page.wait_for_selector('[data-street-map="on"]')
    # the offer's buttons are gone: the keyboard's focus is back on the control's own button
    assert page.evaluate("document.activeElement.hasAttribute('data-streets-toggle')")
    page.wait_for_function(
        f"""() => [...document.querySelectorAll('{TILE_IMAGES}')]
            .some(img => img.complete && img.naturalWidth === 256)"""
    )
    assert tiles and all(url.startswith(TILES) and url.endswith(".png") for url in tiles)
    assert page.locator(TILE_IMAGES).first.is_visible()
    assert "OpenStreetMap" in page.locator(CREDITS).inner_text()
    assert control.locator("[data-streets-message]").is_hidden()
    # the layers menu agrees: its street map entry is the one chosen
    checked = page.locator(".leaflet-control-layers-base input:checked + span")
    assert "OpenStreetMap tiles" in checked.inner_text()

    control.get_by_role("button", name="Offline map").click()  # and back
    assert page.locator('[data-street-map="off"]').count() == 1
    assert page.locator(TILE_IMAGES).count() == 0
    assert page.locator(CITY_PATHS).count() == city_paths

    # asked once: the next tap loads at once; leaving the city views goes back offline
    control.get_by_role("button", name="Street map (online)").click()
    page.wait_for_selector('[data-street-map="on"]')
    root.get_by_role("button", name="Overview").click()
    assert control.is_hidden() and page.locator(TILE_IMAGES).count() == 0
    assert state.page_errors == [] and state.blocked == []


def test_with_no_network_the_view_says_so_and_stays_offline(twin, briefing):
    state = twin(briefing)  # every tile request is refused, as with no network
    page = state.page
    root = page.locator('[data-briefing-view="maps"]')
    root.get_by_role("button", name="Beijing").click()
    city_paths = page.locator(CITY_PATHS).count()
    control = root.locator("[data-streets]")
    control.get_by_role("button", name="Street map (online)").click()
    assert tile_requests(state) == []
    control.get_by_role("button", name="Show street map").click()
    page.wait_for_selector('[data-street-map="failed"]')
    message = control.locator("[data-streets-message]")
    assert message.is_visible() and "No connection to openstreetmap.org" in message.inner_text()
    assert tile_requests(state)  # it did try, after the tap
    assert page.locator(TILE_IMAGES).count() == 0  # the failed tiles are gone
    assert page.locator(CITY_PATHS).count() == city_paths  # the offline view is intact
    checked = page.locator(".leaflet-control-layers-base input:checked + span")
    assert "Offline basemap" in checked.inner_text()
    assert control.get_by_role("button", name="Street map (online)").is_visible()
    assert page.locator("path.briefing-maps__place-great-hall-of-the-people").is_visible()
    assert state.page_errors == []


def test_a_browser_that_knows_it_is_offline_sends_nothing(twin, briefing):
    state = twin(briefing)
    page = state.page
    page.context.set_offline(True)
    page.locator('button[data-view="moscow"]').click()
    control = page.locator("[data-streets]")
    control.get_by_role("button", name="Street map (online)").click()
    control.get_by_role("button", name="Show street map").click()
    assert page.locator('[data-street-map="failed"]').count() == 1
    assert "No connection" in control.locator("[data-streets-message]").inner_text()
    page.wait_for_timeout(300)
    assert tile_requests(state) == []
    page.context.set_offline(False)


def test_the_live_frame_offers_the_street_map_too(twin, briefing):
    tiles: list[str] = []
    page = twin(briefing, tiles, html=map_view(briefing).frame_page("moscow")).page
    control = page.locator("[data-streets]")
    assert page.locator(".briefing-maps__ring-label", has_text="Garden Ring").is_visible()
    control.get_by_role("button", name="Street map (online)").click()
    assert tiles == []
    control.get_by_role("button", name="Show street map").click()
    page.wait_for_selector('[data-street-map="on"]')
    assert tiles


def test_a_hostile_ring_name_shows_as_text(twin, briefing, tmp_path, monkeypatch):
    city = next(p.city for p in briefing.places if p.id == "moscow-kremlin")
    layer = valid_layer(city)
    layer["features"].append(
        {
            "type": "Feature",
            "properties": {
                "kind": "ring_road",
                "source": "x",
                "name": "<img src=x onerror=alert(1)>",
            },
            "geometry": {"type": "LineString", "coordinates": [[37.55, 55.75], [37.65, 55.76]]},
        }
    )
    write_layer(tmp_path, layer, name=city_slug(city) + ".geojson")
    state = twin(in_folder(briefing, tmp_path, monkeypatch))
    page = state.page
    page.locator('button[data-view="moscow"]').click()
    label = page.locator(".briefing-maps__ring-label")
    assert label.inner_text() == "<img src=x onerror=alert(1)>"
    assert page.locator(".leaflet-briefingCity-pane img").count() == 0
    assert state.page_errors == []


def test_the_city_view_with_the_street_map_offer_open_has_no_serious_axe_violation(twin, briefing):
    page = twin(briefing).page
    page.locator('button[data-view="moscow"]').click()
    page.locator("[data-streets-toggle]").click()
    page.add_script_tag(content=assets.axe_js())
    violations = page.evaluate(
        """async () => (await axe.run(document.querySelector('[data-briefing-view="maps"]'),
            {resultTypes: ['violations']})).violations
            .map(v => ({id: v.id, impact: v.impact, target: v.nodes[0].target.join(' ')}))"""
    )
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []
