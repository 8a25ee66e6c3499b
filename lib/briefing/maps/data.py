"""What the maps show, as plain records: views and their bounds, the journey, marker styles.

Everything here is computed from the model (no folium, no HTML), so both the folium map and
the text alternatives read the same facts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass

from ..dates import span_text
from ..model import Briefing, Event, MapViewSpec, Place, Precision

Bounds = tuple[tuple[float, float], tuple[float, float]]  # ((south, west), (north, east))

NO_EVENT = "none"  # the style of places where no event took place
NO_EVENT_STYLE = ("#5c5c5c", "Orientation only (no event)")
PRECISION_LABELS = {
    Precision.exact: "exact: the building itself",
    Precision.approximate: "approximate: near the building, or a settlement point",
    Precision.city: "city only, no building located",
}
AREA_RADIUS_M = 4000  # city-only places are drawn as an area this wide, not as a pin


@dataclass(frozen=True)
class MapViewData:
    """One view of the map: its places (with their events) and the bounds that frame them."""

    key: str
    label: str
    places: tuple[Place, ...]
    bounds: Bounds


@dataclass(frozen=True)
class Stop:
    """A stop on a journey: one city, the events there and the days spent."""

    city: str
    label: str  # the city, or the country when the data holds only this city in it
    places: tuple[Place, ...]
    events: tuple[Event, ...]
    first: dt.date
    last: dt.date

    @property
    def dates(self) -> str:
        return span_text(self.first, self.last)

    @property
    def point(self) -> tuple[float, float]:
        return (
            sum(p.lat for p in self.places) / len(self.places),
            sum(p.lon for p in self.places) / len(self.places),
        )


def lane_styles(briefing: Briefing) -> dict[str, tuple[str, str]]:
    """thread id -> (colour, legend label), in the book's thread order, then places of no event."""
    styles = {t.id: (t.colour, t.label) for t in briefing.settings.threads}
    styles[NO_EVENT] = NO_EVENT_STYLE
    return styles


def map_views(briefing: Briefing) -> list[MapViewData]:
    """The map's named views, in book.yaml's order (or an overview, then one per city)."""
    return [_view_data(briefing, spec) for spec in briefing.settings.map_views]


def _view_data(briefing: Briefing, spec: MapViewSpec) -> MapViewData:
    """A view's places and bounds: the places it lists, those inside its bounds, or all."""
    if spec.bounds:
        (south, west), (north, east) = spec.bounds
        places = tuple(
            p for p in briefing.places if south <= p.lat <= north and west <= p.lon <= east
        )
        frame: Bounds = ((south, west), (north, east))
        return MapViewData(spec.id, spec.name, places, frame)
    chosen = set(spec.places)
    places = tuple(p for p in briefing.places if not chosen or p.id in chosen)
    return MapViewData(spec.id, spec.name, places, bounds(places, spec.min_span))


def bounds(places: tuple[Place, ...] | list[Place], min_span: float = 0.0) -> Bounds:
    """The box around the places, widened to at least min_span degrees of latitude."""
    south, north = min(p.lat for p in places), max(p.lat for p in places)
    west, east = min(p.lon for p in places), max(p.lon for p in places)
    lat_pad = max(0.0, (min_span - (north - south)) / 2)
    # keep the box roughly square on the ground at this latitude
    lon_span = min_span / max(math.cos(math.radians((south + north) / 2)), 0.1)
    lon_pad = max(0.0, (lon_span - (east - west)) / 2)
    return (
        (round(south - lat_pad, 4), round(west - lon_pad, 4)),
        (round(north + lat_pad, 4), round(east + lon_pad, 4)),
    )


def journey(briefing: Briefing, traveller: str | None = None, window_days: int = 7) -> list[Stop]:
    """The traveller's stops around the article's subject event, in date order.

    The traveller defaults to book.yaml's journey.person (no journey when it names none). An
    umbrella event (one whose dates cover the traveller's events elsewhere, such as a whole
    trip) is left out so each stop shows the days actually spent there.
    """
    subject = briefing.event(briefing.article.subject_event)
    if traveller is None and briefing.settings.journey is not None:
        traveller = briefing.settings.journey.person
    if traveller is None:
        return []
    window = dt.timedelta(days=window_days)
    trip = [
        e
        for e in sorted(briefing.events, key=lambda e: (e.start, e.last_day, e.id))
        if traveller in e.participants
        and subject.start - window <= e.start
        and e.last_day <= subject.last_day + window
    ]
    city = {e.id: briefing.place(e.place).city for e in trip}
    meetings = [
        e
        for e in trip
        if not any(
            o is not e and city[o.id] != city[e.id] and e.start <= o.start <= e.last_day
            for o in trip
        )
    ]
    cities: dict[str, set[str]] = {}
    for p in briefing.places:
        cities.setdefault(p.country, set()).add(p.city)
    stops: list[Stop] = []
    for event in meetings:
        place = briefing.place(event.place)
        if stops and stops[-1].city == place.city:
            last = stops[-1]
            places = last.places if place in last.places else (*last.places, place)
            stops[-1] = Stop(
                last.city,
                last.label,
                places,
                (*last.events, event),
                last.first,
                max(last.last, event.last_day),
            )
        else:
            label = place.city
            if len(cities[place.country]) == 1:
                label = _entity_name(briefing, place.country) or place.city
            stops.append(Stop(place.city, label, (place,), (event,), event.start, event.last_day))
    return stops


def place_lane(briefing: Briefing, place: Place) -> str:
    """The thread most events at the place belong to (ties: the earliest); NO_EVENT if none."""
    events = briefing.events_at(place.id)
    if not events:
        return NO_EVENT
    return Counter(e.thread for e in events).most_common(1)[0][0]


def short_dates(first: dt.date, last: dt.date) -> str:
    """'16–17 Sep' for journey labels, where the year is plain from the context."""
    return span_text(first, last).rsplit(" ", 1)[0]


def mercator_angle(start: tuple[float, float], end: tuple[float, float]) -> float:
    """Screen angle in degrees (clockwise from east) of the segment, the same at any zoom."""
    x1, y1 = _mercator(start)
    x2, y2 = _mercator(end)
    return round(math.degrees(math.atan2(-(y2 - y1), x2 - x1)), 1)


def arc_points(
    start: tuple[float, float], end: tuple[float, float], bend: float = 0.18, steps: int = 24
) -> list[tuple[float, float]]:
    """A gentle curve from start to end (a quadratic Bezier bent to the left of travel)."""
    (la1, lo1), (la2, lo2) = start, end
    mid_lat, mid_lon = (la1 + la2) / 2, (lo1 + lo2) / 2
    ctrl = (mid_lat + (lo2 - lo1) * bend, mid_lon - (la2 - la1) * bend)
    points = []
    for i in range(steps + 1):
        t = i / steps
        lat = (1 - t) ** 2 * la1 + 2 * (1 - t) * t * ctrl[0] + t**2 * la2
        lon = (1 - t) ** 2 * lo1 + 2 * (1 - t) * t * ctrl[1] + t**2 * lo2
        points.append((round(lat, 4), round(lon, 4)))
    return points


def _entity_name(briefing: Briefing, entity_id: str) -> str | None:
    try:
        return briefing.entity(entity_id).name
    except KeyError:
        return None


def _mercator(point: tuple[float, float]) -> tuple[float, float]:
    lat, lon = point
    return lon, math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _norm(text: str) -> str:
    return " ".join(text.lower().replace(".", " ").split())
