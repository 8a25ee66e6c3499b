"""The maps of the briefing: one offline map with named views (book.yaml), live and exported.

`map_view(briefing)` is what the notebook shows. Live, ipywidgets ToggleButtons switch the
view of a map drawn in an iframe that inlines leaflet; exported, real buttons and
static/maps.js switch the view of the same map with no kernel.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from .. import assets
from ..dates import span_text
from ..model import Briefing, Place
from ..render import place_anchor, render, script_json
from ..view import View
from .basemap import basemap_path, basemap_script
from .city import CityLayer, briefing_folder, city_layers, is_city_view, view_layers
from .data import (
    PRECISION_LABELS,
    MapViewData,
    journey,
    lane_styles,
    map_views,
    place_lanes,
    within,
)
from .folium_map import basemap_id, build_map, map_name, map_script, thread_swatches

__all__ = ["MapView", "build_map", "journey", "map_view", "map_views"]

LIVE_HEIGHT = (
    800  # the map (480 px), its status line, legend (rings, street map) and note, no scrollbar
)


class MapView(View):
    """The briefing's map with its named views (book.yaml map_views, or one per city)."""

    def __init__(self, briefing: Briefing):
        self.briefing = briefing
        self.views = map_views(briefing)
        self.title = "Maps: " + ", ".join(v.label for v in self.views)
        self._frames: dict[str, str] = {}
        # checked here, so a broken layer stops the map's cell with one line naming its file
        places_city = {p.id: p.city for p in briefing.places}
        layers = city_layers(briefing_folder(briefing))
        self.view_layers = view_layers(self.views, places_city, layers)

    def static_html(self) -> str:
        """The twin: buttons, the map, its legend and text versions (needs page-level leaflet)."""
        return self.fragment(self.views[0].key, buttons=True, text=True, lazy=True)

    def fallback_html(self) -> str:
        """Beside the live map: every view's text version, not the drawing data (which needs
        the exported page's leaflet): the live frame carries the map's data once."""
        return render(
            "maps_fallback.html.j2",
            initial=self.views[0].key,
            **self._text_context(self.views),
        )

    @cached_property
    def _map(self) -> tuple[str, str]:
        """The map's div id and script, built once: the twin and every live view share it."""
        fmap = build_map(self.briefing)
        return map_name(fmap), map_script(fmap)

    def fragment(
        self, initial: str, buttons: bool, text: bool, all_layers: bool = True, lazy: bool = False
    ) -> str:
        """The map section at one view; `all_layers=False` carries only that view's city layers
        (a live frame shows one view; switching views renders another frame). `lazy`: the map's
        script waits for static/start.js (the page's leaflet runs late)."""
        map_id, script = self._map
        stops = journey(self.briefing) if self.briefing.settings.journey else []
        return render(
            "maps.html.j2",
            map_id=map_id,
            script=script,
            basemap_id=basemap_id(self.briefing),
            basemap=basemap_script(basemap_path(self.briefing)),
            views=self.views,
            views_json=script_json(
                {
                    v.key: {
                        "label": v.label,
                        "bounds": v.bounds,
                        "places": [p.id for p in v.places],
                        # the journey's stop labels are the view's own when it holds them all
                        "stops": bool(stops) and all(within(s.point, v.bounds) for s in stops),
                        "layers": [layer.block_id for layer in self.view_layers[v.key]],
                        # no view has streets offline: a city view offers the online street map
                        "streets": is_city_view(v),
                    }
                    for v in self.views
                }
            ),
            city_layers=self.city_layers if all_layers else self.view_layers[initial],
            city_credits=list(
                dict.fromkeys(c for layer in self.city_layers for c in layer.credits)
            ),
            initial=initial,
            buttons=buttons,
            text=text,
            lazy=lazy,
            legend=legend(self.briefing),
            **self._text_context(self.views),
        )

    @property
    def city_layers(self) -> list[CityLayer]:
        """The city layers some view shows, each once, in view order."""
        return list(
            dict.fromkeys(layer for key in self.view_layers for layer in self.view_layers[key])
        )

    def frame_page(self, initial: str) -> str:
        """A whole offline page holding the map at one view: what the live iframe shows."""
        return render(
            "maps_frame.html.j2",
            title=self.title,
            fragment=self.fragment(initial, buttons=False, text=False, all_layers=False),
            styles=[
                assets.inline_style(assets.leaflet_css()),
                assets.inline_style(assets.static_text("maps.css")),
            ],
            scripts=[
                assets.inline_script(assets.leaflet_js()),
                assets.inline_script(assets.static_text("maps_city.js")),
                assets.inline_script(assets.static_text("maps_streets.js")),
                assets.inline_script(assets.static_text("maps.js")),
                assets.inline_script(assets.static_text("maps_labels.js")),
            ],
        )

    def live_html(self, initial: str) -> str:
        """The live form of one view: an iframe whose srcdoc is the offline frame page."""
        if initial not in self._frames:
            self._frames[initial] = render(
                "maps_live.html.j2",
                title=self.title,
                page=self.frame_page(initial),
                height=LIVE_HEIGHT,
            )
        return self._frames[initial]

    def text_html(self, key: str) -> str:
        """The text version of one view, for the live form (the twin holds all of them)."""
        views = [v for v in self.views if v.key == key]
        return render("maps_text.html.j2", views=views, initial=key, **self._text_context(views))

    def live(self) -> Any:
        import ipywidgets as widgets

        first = self.views[0].key
        toggle = widgets.ToggleButtons(
            options=[(v.label, v.key) for v in self.views],
            value=first,
            description="View:",
            tooltips=[f"Show {v.label}" for v in self.views],
        )
        frame = widgets.HTML(self.live_html(first))
        text = widgets.HTML(self.text_html(first))

        def switch(change: dict) -> None:
            frame.value = self.live_html(change["new"])
            text.value = self.text_html(change["new"])

        toggle.observe(switch, names="value")
        return widgets.VBox([toggle, frame, text], layout=widgets.Layout(width="100%"))

    def _text_context(self, views: list[MapViewData]) -> dict[str, Any]:
        text_views = [_text_view(self.briefing, v) for v in views]
        anchored: set[str] = set()  # each place's first entry is what the glosses link to
        for entry in (e for v in text_views for e in v["entries"]):
            if entry["place"].id not in anchored:
                anchored.add(entry["place"].id)
                entry["anchor"] = place_anchor(entry["place"].id)
        return {
            "text_views": text_views,
            "stops": journey(self.briefing),
            "overview": self.views[0].key,
            "journey_label": self.briefing.settings.journey.label
            if self.briefing.settings.journey
            else "",
        }


def map_view(briefing: Briefing) -> MapView:
    """The notebook's one-line entry point: `map_view(briefing)`."""
    return MapView(briefing)


def legend(briefing: Briefing) -> dict[str, Any]:
    """The threads present on the map, in the book's order, and the journey line if drawn."""
    lanes = [place_lanes(briefing, p) for p in briefing.places]
    used = {lane for some in lanes for lane in some}
    trip = briefing.settings.journey
    return {
        "rings": any(len(some) > 1 for some in lanes),
        "lanes": [
            {"colour": colour, "label": label}
            for lane, (colour, label) in lane_styles(briefing).items()
            if lane in used
        ],
        "journey": trip.label if trip and len(journey(briefing)) > 1 else None,
    }


def _text_view(briefing: Briefing, view: MapViewData) -> dict[str, Any]:
    """A view's text version: its own places, then the others the map draws around them."""

    def entry(place: Place) -> dict[str, Any]:
        return {
            "place": place,
            "precision": PRECISION_LABELS[place.precision],
            "threads": [t["label"] for t in thread_swatches(briefing, place)],
            "events": [(e, span_text(e.start, e.end)) for e in briefing.events_at(place.id)],
            "anchor": None,  # set on each place's first own entry (MapView._text_context)
        }

    return {
        "key": view.key,
        "label": view.label,
        "entries": [entry(p) for p in view.places],
        "nearby": [entry(p) for p in view.nearby],
    }
