"""The maps from the model: markers where the data says, escaped popups, byte-identical output."""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import replace

import folium
import jinja2
import pytest
from markupsafe import escape

from briefing.maps import MapView, build_map, journey, map_view, map_views
from briefing.maps.basemap import basemap_geojson
from briefing.maps.data import bounds
from briefing.maps.folium_map import OSM_TILES
from briefing.maps.labels import LABEL_STEP, label_directions, label_offsets
from briefing.render import script_json

PAYLOAD = "<img src=x onerror=alert(1)></script>\u2028\"'${alert(2)}`\\u"
ASSET_URL = re.compile(r"""(?:src|href)\s*=\s*\\?["']?\s*(https?://[^"'\s>\\]+)""", re.I)
OSM_COPYRIGHT = "https://www.openstreetmap.org/copyright"
LEAFLET_HOME = "https://leafletjs.com"  # leaflet.js's own attribution link, inlined with it


def hostile(briefing):
    """The real data with a payload in every text the maps show."""
    return replace(
        briefing,
        **{
            "places": tuple(
                replace(
                    p,
                    **{
                        "name": p.name + PAYLOAD,
                        "label": (p.label or "") + PAYLOAD,
                        "note": (p.note or "") + PAYLOAD,
                    },
                )
                for p in briefing.places
            ),
            "events": tuple(
                replace(e, **{"title": e.title + PAYLOAD, "summary": e.summary + PAYLOAD})
                for e in briefing.events
            ),
            "sources": tuple(
                replace(s, **{"title": s.title + PAYLOAD, "publisher": PAYLOAD})
                for s in briefing.sources
            ),
        },
    )


def walk(element):
    yield element
    for child in element._children.values():
        yield from walk(child)


def test_one_marker_per_place_at_its_coordinates(briefing):
    fmap = build_map(briefing)
    dots = [e for e in walk(fmap) if isinstance(e, folium.CircleMarker)]
    markers = [m for m in dots if "briefing-maps__marker" in m.options["className"]]
    assert sorted(tuple(m.location) for m in markers) == sorted(
        (p.lat, p.lon) for p in briefing.places
    )
    areas = [e for e in walk(fmap) if isinstance(e, folium.Circle)]
    assert {tuple(a.location) for a in areas} == {
        (p.lat, p.lon) for p in briefing.places if p.precision.value == "city"
    }


def test_views_frame_their_places(briefing):
    views = {v.key: v for v in map_views(briefing)}
    assert list(views) == ["overview", "moscow", "st-petersburg", "beijing", "malta"]
    assert {p.id for p in views["moscow"].places} >= {"moscow-kremlin", "mfa-reception-house"}
    assert "constantine-palace-strelna" not in {p.id for p in views["moscow"].places}
    assert [p.id for p in views["st-petersburg"].places] == ["constantine-palace-strelna"]
    for view in views.values():
        (south, west), (north, east) = view.bounds
        assert all(south <= p.lat <= north and west <= p.lon <= east for p in view.places)


def test_bounds_widen_a_single_place():
    class P:
        lat, lon = 35.9, 14.5

    (south, west), (north, east) = bounds([P()], min_span=0.3)
    assert north - south == pytest.approx(0.3) and east - west > 0.3


def test_journey_is_derived_from_the_events_in_date_order(briefing):
    stops = journey(briefing)
    assert [(s.label, s.dates) for s in stops] == [
        ("Malta", "16–17 Sep 2023"),
        ("Moscow", "18–19 Sep 2023"),
        ("St Petersburg", "20 Sep 2023"),
    ]
    shuffled = replace(briefing, **{"events": tuple(reversed(briefing.events))})
    assert [s.label for s in journey(shuffled)] == [s.label for s in stops]


def test_renders_are_byte_identical(briefing):
    first, second = map_view(briefing), map_view(briefing)
    assert first.static_html() == second.static_html()
    assert first.live_html("malta") == second.live_html("malta")
    assert re.search(r"[0-9a-f]{32}", first.static_html()) is None  # no uuid left


def test_hostile_text_is_escaped_everywhere(briefing):
    view = map_view(hostile(briefing))
    for html in (view.static_html(), view.frame_page("moscow"), view.text_html("malta")):
        assert "<img src=x" not in html
        for script in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S):
            assert "\u2028" not in script and "<img" not in script
    # the map's own script (on the book's page it waits, as text/plain, for static/start.js)
    script = re.search(
        r"<script(?: type=\"text/plain\" data-briefing-start[^>]*)?>(.*?)</script>",
        view.static_html(),
        re.S,
    ).group(1)
    assert "$(`" not in script  # not folium's jquery template-literal popups
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" not in script  # HTML-escaped before JSON
    assert "&lt;img src=x onerror=alert(1)&gt;" in script.replace("\\u0026", "&")


def test_no_asset_url_but_tiles_and_links(briefing):
    view = map_view(briefing)
    allowed = {s.url for s in briefing.sources if s.url} | {OSM_COPYRIGHT, LEAFLET_HOME}
    for html in (view.static_html(), view.frame_page("overview"), view.live_html("beijing")):
        plain = html.replace("&#34;", '"').replace("\\u0026", "&").replace("&amp;", "&")
        found = set(ASSET_URL.findall(plain))
        assert found <= allowed, found - allowed
        assert "<link" not in html
        assert not re.search(r"jsdelivr|cdnjs|unpkg|code\.jquery|bootstrapcdn", html)
    assert json.dumps(OSM_TILES) in view.static_html()


def test_text_alternative_per_view(briefing):
    html = map_view(briefing).static_html()
    texts = dict(re.findall(r'data-view-text="([\w-]+)"[^>]*>(.*?)</details>', html, re.S))
    assert list(texts) == ["overview", "moscow", "st-petersburg", "beijing", "malta"]
    assert "Vladimir Putin receives Wang Yi" in texts["st-petersburg"]
    assert "Vladimir Putin receives Wang Yi" not in texts["moscow"]
    assert "Wang Yi - Sergei Lavrov talks" in texts["moscow"]
    assert "No source found names the venue" in " ".join(texts["malta"].split())


def test_live_toggle_switches_the_iframe_view(briefing):
    view = map_view(briefing)
    box = view.live()
    toggle, frame, text = box.children
    assert [label for label, _ in toggle.options] == [
        "Overview",
        "Moscow",
        "St Petersburg",
        "Beijing",
        "Malta",
    ]
    assert "data-initial-view=&#34;overview&#34;" in frame.value
    toggle.value = "moscow"
    assert "data-initial-view=&#34;moscow&#34;" in frame.value
    assert "Text version of the map: Moscow" in text.value
    assert "jquery" not in frame.value.lower()
    bundle = view._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle and "text/html" in bundle


def test_basemap_is_small_and_has_land_and_borders():
    data = basemap_geojson()
    assert len(json.dumps(data, separators=(",", ":"))) < 300_000
    kinds = {f["properties"]["kind"] for f in data["features"]}
    assert kinds == {"land", "border"}


def test_twin_carries_the_committed_basemap_as_json(briefing):
    html = map_view(briefing).static_html()
    block = re.search(
        r'<script type="application/json" id="basemap-[0-9a-f]+">(.*?)</script>', html
    )
    assert json.loads(block.group(1)) == basemap_geojson()


def test_map_view_is_a_view(briefing):
    assert isinstance(map_view(briefing), MapView)


def test_committed_basemap_is_what_the_script_derives(tmp_path):
    """data/basemap is derived: re-deriving it from the pinned npm package gives the same bytes."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    out = tmp_path / "basemap.geojson"
    done = subprocess.run(
        [sys.executable, str(root / "scripts" / "derive_basemap.py"), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == (root / "data" / "basemap" / "basemap.geojson").read_bytes()


def test_template_syntax_in_data_is_shown_not_run():
    """folium's renderer compiles rendered scripts as Jinja templates: data must stay inert."""
    from sample_book import sample_briefing

    book = sample_briefing(" {{ range.__name__ ~ 7*7 }} {% if 1 %}IF-TAG{% endif %} {# c #}")
    view = map_view(book)
    _, script = view._map
    assert "range49" not in script
    assert "IF-TAG" in script and "{% if 1 %}" not in script
    assert "range49" not in view.live_html(view.views[0].key)


@pytest.mark.parametrize("kind", ["real", "hostile", "jinja"])
def test_map_script_is_byte_for_byte_what_folium_renders(briefing, kind):
    """map_script skips branca's compiling of rendered pieces as templates only where that
    changes nothing: the same map rendered the plain folium way gives the same bytes."""
    from sample_book import sample_briefing

    from briefing.maps.folium_map import LiteralTemplate, map_script, template_for

    book = {
        "real": briefing,
        "hostile": hostile(briefing),
        "jinja": sample_briefing(" {{ 7*7 }} {% if 1 %}IF{% endif %} {# c #}\r\n"),
    }[kind]
    fast = map_script(build_map(book))
    figure = build_map(book).get_root()
    figure.render()
    assert fast == figure.script.render()
    for text in ["", "a\n", "a\r\nb\rc\n\n", " x {y} ", "{{ 1 }}", "{% if 1 %}1{% endif %}", "{#"]:
        made = template_for(text)
        assert made.render() == jinja2.Template(text).render()
        assert isinstance(made, LiteralTemplate) == all(o not in text for o in ("{{", "{%", "{#"))


def test_every_place_has_a_short_label_placed_by_longitude(briefing):
    _, script = map_view(briefing)._map
    assert script.count('"className":"briefing-maps__label"') == len(briefing.places)
    for place in briefing.places:
        assert script_json(str(escape(place.label))) in script
    directions = label_directions(briefing.places)
    # Moscow's four places lie within 4 km: the western two point left, the eastern two right
    # (the Reception House is shown at its district's point: its own coordinates are unverified)
    assert directions["smolenskaya-square"] == "left"
    assert directions["mfa-reception-house"] == "left"
    assert directions["moscow"] == "right"
    assert directions["moscow-kremlin"] == "right"
    assert directions["valletta-malta"] == "right"  # a city's only place
    assert directions == label_directions(reversed(briefing.places))


def test_legend_is_neutral_and_each_place_says_its_own_reason(briefing):
    html = " ".join(map_view(briefing).static_html().split())
    legend = re.search(r'<div class="briefing-maps__legend".*?</div>', html).group(0)
    assert "city only (dashed area): no building located" in legend
    assert "not made public" not in legend and "venue" not in legend
    _, script = map_view(briefing)._map
    assert "Valletta (venue not named)" in script  # Malta's own label
    assert "No source found names the venue" in script  # its popup note
    assert "Moscow (city)" in script


def test_labels_of_coinciding_places_are_stacked(briefing):
    """Places at (nearly) the same point get their labels one under another, not on top."""
    directions = label_directions(briefing.places)
    offsets = label_offsets(briefing.places, directions)
    by_point: dict = {}
    for place in briefing.places:
        key = (place.city, directions[place.id], round(place.lat, 2), round(place.lon, 2))
        by_point.setdefault(key, []).append(offsets[place.id])
    stacked = [o for o in by_point.values() if len(o) > 1]
    assert stacked  # this book has such places
    for group in stacked:
        dys = sorted(dy for _, dy in group)
        assert all(b - a >= LABEL_STEP for a, b in itertools.pairwise(dys))
    lonely = [o for o in by_point.values() if len(o) == 1]
    assert all(o[0][1] == 0 for o in lonely)
    assert offsets == label_offsets(reversed(briefing.places), directions)
