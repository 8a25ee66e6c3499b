"""The folium map of the briefing: one offline leaflet map holding every place, group and view.

Every data string handed to folium is made Jinja-inert (script_json, jinja_inert): folium's
renderer compiles what it renders as a template again, so `{{ ... }}` in data would run.

Folium's own Popup and Tooltip put raw HTML inside JavaScript template literals (and need
jquery); here popups and tooltips are bound through small elements that pass escaped HTML as
safe JSON. The map loads no CDN asset: the page (or the live iframe) inlines leaflet once.
"""

from __future__ import annotations

import itertools
import re
import threading
from contextlib import contextmanager
from typing import Any

import branca.element
import folium
import jinja2
from branca.element import Element, MacroElement
from folium.template import Template
from markupsafe import escape

from ..dates import span_text
from ..model import Briefing, Place, Precision
from ..render import jinja_inert, render, script_json, stable_id
from ..sources import citation_meta
from .data import (
    AREA_RADIUS_M,
    PRECISION_LABELS,
    ZOOM_SNAP,
    Stop,
    arc_points,
    journey,
    lane_styles,
    map_views,
    mercator_angle,
    place_lanes,
    short_dates,
)
from .labels import LABEL_OFFSETS, label_directions, label_offsets, label_side

BASEMAP_PANE = "briefingBasemap"
AREA_PANE = "briefingAreas"  # under the markers, so an area never hides a marker from a click
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
LAND_STYLE = {"stroke": False, "fillColor": "#f3efe6", "fillOpacity": 1}
BORDER_STYLE = {"color": "#8f8a80", "weight": 0.8, "opacity": 0.9, "fill": False}
ROUTE_COLOUR = "#2b2b2b"
RING_STEP = 3  # px: each further thread's ring around a place's dot


class OfflineMap(folium.Map):
    """A folium Map that links no CDN script or stylesheet: the page provides leaflet."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (folium reads these class attributes)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


class BoundContent(MacroElement):
    """Binds escaped HTML to its parent layer as a popup or tooltip, passed as safe JSON."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.{{ this.method }}(
                {{ this.content_json }}, {{ this.options_json }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, method: str, **options: Any):
        super().__init__()
        self._name = "Bound"
        self.method = method
        self.content_json = script_json(str(html))
        self.options_json = script_json(options)


class DeferredLabel(BoundContent):
    """A place's permanent name label, handed to static/maps.js rather than bound now.

    Names show only from city zoom on (or while the pointer is on the marker), so maps.js binds
    each label the first time it is needed: a permanent leaflet tooltip is laid out as soon as
    it is bound (one forced reflow each), which the overview would pay for labels it hides.
    The place's id goes with it: static/maps_labels.js places the labels of a view's own
    places first and frames the view so they fit.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.briefingLabel = [
                {{ this.content_json }}, {{ this.options_json }}, {{ this.place_json }}];
        {% endmacro %}
        """
    )

    def __init__(self, text: str, place_id: str, **options: Any):
        super().__init__(str(escape(text)), "bindTooltip", permanent=True, **options)
        self.place_json = script_json(place_id)


def popup(html: str, **options: Any) -> BoundContent:
    """A popup from HTML already rendered by an autoescaping template."""
    return BoundContent(html, "bindPopup", **{"maxWidth": 320, "maxHeight": 300, **options})


def tooltip(text: str, **options: Any) -> BoundContent:
    """A tooltip showing plain text (escaped here, since leaflet sets it as HTML)."""
    return BoundContent(str(escape(text)), "bindTooltip", **options)


class BasemapLayer(MacroElement):
    """The offline Natural Earth basemap: land fill and borders in a pane under any tiles.

    The shapes themselves sit beside the map in a JSON block (basemap_id): kept out of the
    script folium renders, which branca would compile as a template again (250 KB of it).
    static/maps.js draws them (briefingMaps.basemap: one SVG path per style, projected once).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = window.briefingMaps.basemap(
                JSON.parse(document.getElementById({{ this.source_json }}).textContent), {
                pane: {{ this.pane_json }},
                attribution: "Natural Earth (public domain)",
                land: {{ this.land_json }},
                border: {{ this.border_json }}
            }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, source_id: str, pane: str = BASEMAP_PANE):
        super().__init__()
        self._name = "Basemap"
        self.source_json = script_json(source_id)
        self.pane_json = script_json(pane)
        self.land_json = script_json(LAND_STYLE)
        self.border_json = script_json(BORDER_STYLE)


class MapReady(MacroElement):
    """Hands the leaflet map to static/maps.js, which switches views with no kernel."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.getContainer().briefingMap =
                {{ this._parent.get_name() }};
            document.dispatchEvent(new CustomEvent("briefing-map-ready"));
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "MapReady"


class StreetMap(MacroElement):
    """Hands the OpenStreetMap tile layer (never shown unless a reader asks) and the offline
    base layer to static/maps.js, whose "Street map (online)" control switches between them."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.briefingStreets = {
                tiles: {{ this.tiles.get_name() }},
                offline: {{ this.offline.get_name() }}
            };
        {% endmacro %}
        """
    )

    def __init__(self, tiles: folium.TileLayer, offline: folium.FeatureGroup):
        super().__init__()
        self._name = "StreetMap"
        self.tiles = tiles
        self.offline = offline


def basemap_id(briefing: Briefing) -> str:
    """The id of the JSON block that holds the basemap's shapes next to the map."""
    return stable_id("basemap", [p.id for p in briefing.places])


def build_map(briefing: Briefing) -> folium.Map:
    """The whole map: basemap, optional online tiles, journey, one group per city, controls."""
    views = map_views(briefing)
    overview = views[0]
    (south, west), (north, east) = overview.bounds
    fmap = OfflineMap(
        location=[round((south + north) / 2, 4), round((west + east) / 2, 4)],
        zoom_start=2,
        tiles=None,
        min_zoom=1,
        max_zoom=17,
        world_copy_jump=False,
        control_scale=True,
        zoom_snap=ZOOM_SNAP,  # views are framed in quarter steps (static/maps_labels.js)
    )
    folium.map.CustomPane(BASEMAP_PANE, z_index=150, pointer_events=False).add_to(fmap)
    BasemapLayer(basemap_id(briefing)).add_to(fmap)
    folium.map.CustomPane(AREA_PANE, z_index=390, pointer_events=True).add_to(fmap)
    offline = folium.FeatureGroup(name="Offline basemap (Natural Earth)", overlay=False)
    offline.add_to(fmap)
    tiles = folium.TileLayer(
        OSM_TILES,
        name="OpenStreetMap tiles (online)",
        attr=OSM_ATTRIBUTION,
        overlay=False,
        show=False,
        max_zoom=19,
    )
    tiles.add_to(fmap)
    StreetMap(tiles, offline).add_to(fmap)

    stops = journey(briefing)
    if len(stops) > 1 and briefing.settings.journey is not None:
        add_journey(fmap, stops, briefing.settings.journey.label)
    groups: dict[str, folium.FeatureGroup] = {}
    directions = label_directions(briefing.places)
    offsets = label_offsets(briefing.places, directions)
    for place in sorted(briefing.places, key=lambda p: (p.city, p.id)):
        group = groups.get(place.city)
        if group is None:
            # Leaflet's layer control writes layer names as HTML: escape the city name
            name = jinja_inert(str(escape(place.city)))
            group = groups[place.city] = folium.FeatureGroup(name=name, overlay=True)
        add_place(group, briefing, place, directions[place.id], offsets[place.id])
    for city in sorted(groups):
        groups[city].add_to(fmap)
    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    MapReady().add_to(fmap)
    make_deterministic(fmap, stable_id("map", [p.id for p in briefing.places]))
    return fmap


def add_place(
    group: folium.FeatureGroup,
    briefing: Briefing,
    place: Place,
    direction: str | None = "top",
    offset: tuple[int, int] | None = None,
) -> None:
    """A marker styled by lane and precision; city-only places also get an area, not a pin.

    `direction` places the permanent name label; None draws a hover label instead.
    """
    styles = lane_styles(briefing)
    lanes = place_lanes(briefing, place)
    colour = styles[lanes[0]][0]
    html = popup_html(briefing, place)
    if place.precision is Precision.city:
        area = folium.Circle(
            location=[place.lat, place.lon],
            radius=AREA_RADIUS_M,
            color=colour,
            weight=1.5,
            dash_array="5 4",
            fill=True,
            fill_color=colour,
            fill_opacity=0.07,
        )
        area.options["pane"] = AREA_PANE  # folium's path options drop `pane`
        area.add_child(popup(html))
        area.add_child(
            tooltip(f"{place.label or place.name} — {PRECISION_LABELS[place.precision]}")
        )
        area.add_to(group)
    radius = {Precision.exact: 7, Precision.approximate: 7, Precision.city: 6}[place.precision]
    for ring, lane in enumerate(lanes[1:], start=1):
        # a place of several threads: a ring in each further thread's colour, around the dot
        folium.CircleMarker(
            location=[place.lat, place.lon],
            radius=radius + 1 + RING_STEP * ring,
            color=styles[lane][0],
            weight=RING_STEP,
            opacity=1,
            fill=False,
            interactive=False,
            class_name=f"briefing-maps__ring briefing-maps__ring-{place.id}",
        ).add_to(group)
    marker = folium.CircleMarker(
        location=[place.lat, place.lon],
        radius=radius,
        color="#ffffff" if place.precision is Precision.exact else colour,
        weight=2,
        dash_array="3 2" if place.precision is Precision.city else None,
        fill=True,
        fill_color=colour,
        fill_opacity={Precision.exact: 0.95, Precision.approximate: 0.55, Precision.city: 0.2}[
            place.precision
        ],
        class_name=(
            f"briefing-maps__marker briefing-maps__marker--{place.precision.value} "
            f"briefing-maps__place-{place.id}"
        ),
    )
    marker.add_child(popup(html))
    if direction is None:
        marker.add_child(tooltip(place.name))
    else:  # a permanent name label, shown from city zoom on (static/maps.js)
        marker.add_child(
            DeferredLabel(
                place.label or place.name,
                place.id,
                direction=direction,
                # the label's pointer ends at the dot's edge (stacked when places coincide)
                offset=offset or LABEL_OFFSETS[direction],
                className="briefing-maps__label",
                interactive=False,
            )
        )
    marker.add_to(group)


def add_journey(fmap: folium.Map, stops: list[Stop], label: str) -> None:
    """Arcs from stop to stop with an arrow, and a numbered, dated label at every stop."""
    # Leaflet's layer control writes layer names as HTML: escape the label
    group = folium.FeatureGroup(name=jinja_inert(str(escape(label))), overlay=True)
    for here, there in itertools.pairwise(stops):
        points = arc_points(here.point, there.point)
        line = folium.PolyLine(points, color=ROUTE_COLOUR, weight=2.5, dash_array="7 5")
        text = (
            f"{here.label} ({short_dates(here.first, here.last)}) → "
            f"{there.label} ({short_dates(there.first, there.last)})"
        )
        line.add_child(tooltip(text, sticky=True))
        line.add_to(group)
        middle = len(points) // 2
        angle = mercator_angle(points[middle - 1], points[middle + 1])
        html = render("maps_arrow.html.j2", angle=angle, text=text)
        drawn_label(points[middle], html, "briefing-maps__arrow-icon", size=16).add_to(group)
    # a city visited twice (out and back) has one label naming both visits, not two on top
    at: dict[tuple[float, float], list[int]] = {}
    for index, stop in enumerate(stops):
        at.setdefault(stop.point, []).append(index)
    for point, indexes in at.items():
        html = render(
            "maps_stop.html.j2",
            visits=[(i + 1, short_dates(stops[i].first, stops[i].last)) for i in indexes],
            label=stops[indexes[0]].label,
            side=label_side(stops, indexes),
        )
        drawn_label(point, html, "briefing-maps__stop-icon").add_to(group)
    group.add_to(fmap)


def drawn_label(point, html: str, class_name: str, size: int = 0) -> folium.Marker:
    """HTML drawn on the map at a point (an arrow, a stop's label): not clickable, not focusable."""
    icon = folium.DivIcon(
        html=jinja_inert(html),
        icon_size=(size, size),
        icon_anchor=(size // 2, size // 2),
        class_name=class_name,
    )
    return folium.Marker(point, icon=icon, interactive=False, keyboard=False)


def popup_html(briefing: Briefing, place: Place) -> str:
    """The popup of a place: what happened there and when, how sure, and the sources."""
    events = briefing.events_at(place.id)
    source_ids = list(dict.fromkeys([*place.sources, *(s for e in events for s in e.sources)]))
    return render(
        "maps_popup.html.j2",
        place=place,
        threads=thread_swatches(briefing, place),
        events=[(e, span_text(e.start, e.end)) for e in events],
        precision=PRECISION_LABELS[place.precision],
        # each source with its kind and date, as every citation in the book shows it
        sources=[(source, citation_meta(source)) for source in map(briefing.source, source_ids)],
    )


def thread_swatches(briefing: Briefing, place: Place) -> list[dict[str, str]]:
    """The threads of a place of several threads (fill first, then each ring), else none."""
    lanes = place_lanes(briefing, place)
    if len(lanes) < 2:
        return []
    styles = lane_styles(briefing)
    return [{"colour": styles[lane][0], "label": styles[lane][1]} for lane in lanes]


def make_deterministic(root: Element, prefix: str) -> None:
    """Replace folium's random element ids with a prefix and a counter, in tree order."""
    prefix = prefix.replace("-", "_")
    counter = 0

    def walk(element: Element) -> None:
        nonlocal counter
        counter += 1
        element._id = f"{prefix}_{counter}"
        children = list(element._children.values())
        for child in children:
            walk(child)
        element._children = type(element._children)((c.get_name(), c) for c in children)

    walk(root)


def map_script(fmap: folium.Map) -> str:
    """The map's JavaScript alone (no page, no asset links), for a page that has leaflet.

    Rendered by folium as always, except that branca's habit of compiling every rendered
    piece as a Jinja template again (about 110 compiles, 55 ms of a fresh kernel) is skipped
    for pieces with no Jinja syntax in them, whose template would render as the text itself
    (see literal_templates; a test compares the two renders byte for byte).
    """
    figure = fmap.get_root()
    with literal_templates():
        figure.render()
        return figure.script.render()


_NEWLINE = re.compile(r"(\r\n|\r|\n)")  # jinja2.lexer.newline_re
_JINJA_STARTS = ("{{", "{%", "{#")  # the default block, variable and comment openers
_TEMPLATE_LOCK = threading.Lock()


class LiteralTemplate:
    """What jinja2.Template(source) renders when the source holds no Jinja syntax: the text,
    with newlines normalised and one trailing newline dropped, as Jinja's lexer does."""

    __slots__ = ("text",)

    def __init__(self, source: str):
        lines = _NEWLINE.split(source)[::2]
        if lines[-1] == "":
            del lines[-1]
        self.text = "\n".join(lines)

    def render(self, *args: Any, **kwargs: Any) -> str:
        return self.text


def template_for(source: str) -> jinja2.Template | LiteralTemplate:
    """branca's Template(source), made without compiling when it would render as the text."""
    if any(start in source for start in _JINJA_STARTS):
        return jinja2.Template(source)
    return LiteralTemplate(source)


@contextmanager
def literal_templates():
    """While folium renders: branca.element.Element(text) builds its template with
    template_for instead of compiling the text (an Element's template is the only use branca
    makes of the name at render time; the swap is undone at the end, and is harmless to
    anything else that renders meanwhile, since the output is the same)."""
    with _TEMPLATE_LOCK:
        saved = branca.element.Template
        branca.element.Template = template_for
        try:
            yield
        finally:
            branca.element.Template = saved


def map_name(fmap: folium.Map) -> str:
    """The id of the map's div, which its script looks up."""
    return fmap.get_name()
