"""What the maps show, as plain records: views and their bounds, the journey, marker styles.

Everything here is computed from the model (no folium, no HTML), so both the folium map and
the text alternatives read the same facts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, replace

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


# How static/maps_labels.js frames a view (see `sight`): the map is this high (less on a short phone
# screen), up to this many times as wide as high, keeps at most this much of its height and width
# for the controls and margins, snaps its zoom to quarters, may zoom out one more level and pan
# this far so every label fits, and never zooms in past MAX_ZOOM.
MAP_HEIGHTS = (320, 480)  # px
MAP_ASPECTS = (0.6, 0.8, 1, 1.5, 2, 2.5, 3, 3.5)  # width / height
FRAME_PAD = (60, 260)  # px kept clear, across and down, at most (credits wrap on a phone)
ZOOM_SNAP, LABEL_ZOOM_OUT, LABEL_PAN, MAX_ZOOM, MIN_ZOOM = 0.25, 1, 300, 17, 0


@dataclass(frozen=True)
class MapViewData:
    """One view of the map: its places (with their events), the bounds that frame them, and the
    other places the map draws around them (`nearby`: within `sight` of the bounds)."""

    key: str
    label: str
    places: tuple[Place, ...]
    bounds: Bounds
    nearby: tuple[Place, ...] = ()


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
    views = [_view_data(briefing, spec) for spec in briefing.settings.map_views]
    return [
        replace(
            view,
            nearby=tuple(
                p for p in inside(briefing.places, sight(view.bounds)) if p not in view.places
            ),
        )
        for view in views
    ]


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


def inside(places, box: Bounds) -> list[Place]:
    """The places within the box."""
    return [p for p in places if within((p.lat, p.lon), box)]


def within(point: tuple[float, float], box: Bounds) -> bool:
    """Whether the point lies in the box (a box may cross the antimeridian: west > east)."""
    (lat, lon), ((south, west), (north, east)) = point, box
    return south <= lat <= north and (
        west <= lon <= east if west <= east else (lon >= west or lon <= east)
    )


def sight(box: Bounds) -> Bounds:
    """Every point the map can show when static/maps_labels.js frames the box, on any map from a
    short phone's to one 3.5 times as wide as high: the box fitted with the most room kept for
    controls, at the zoom snapped down, one level further out and panned as far as labels may
    take it. The text version lists the places in it, so no place drawn is left out of it."""
    (south, west), (north, east) = box
    x0, x1 = _world_x(west), _world_x(east)
    y0, y1 = _world_y(north), _world_y(south)
    width, height = x1 - x0, y1 - y0
    half_x = half_y = 0.0
    for map_height in MAP_HEIGHTS:
        for aspect in MAP_ASPECTS:
            map_width = aspect * map_height
            scale = min(  # pixels per world unit (the world is 1 wide, 256 px at zoom 0)
                (map_width - FRAME_PAD[0]) / width if width else math.inf,
                (map_height - FRAME_PAD[1]) / height if height else math.inf,
                256 * 2.0**MAX_ZOOM,
            )
            zoom = math.floor(math.log2(scale / 256) / ZOOM_SNAP) * ZOOM_SNAP - LABEL_ZOOM_OUT
            pixels = 256 * 2.0 ** max(zoom, MIN_ZOOM)
            half_x = max(half_x, (map_width / 2 + LABEL_PAN) / pixels)
            half_y = max(half_y, (map_height / 2 + LABEL_PAN) / pixels)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if half_x >= 0.5:
        west_out, east_out = -180.0, 180.0
    else:
        west_out = (cx - half_x) * 360 - 180
        east_out = (cx + half_x) * 360 - 180
        west_out += 360 if west_out < -180 else 0
        east_out -= 360 if east_out > 180 else 0
    return (
        (round(_latitude(cy + half_y), 4), round(west_out, 4)),
        (round(_latitude(cy - half_y), 4), round(east_out, 4)),
    )


def journey(briefing: Briefing, traveller: str | None = None, window_days: int = 7) -> list[Stop]:
    """The traveller's stops around the article's subject event, in the order travelled.

    The traveller defaults to book.yaml's journey.person (no journey when it names none). A day
    with events in two cities is a travel day: it ends one stop and starts the next (the city
    the traveller was already in comes first). An umbrella event (one placed in one city whose
    dates span the traveller's days elsewhere, such as a whole trip) is left out, so each stop
    shows the days actually spent there (see `umbrella`).
    """
    subject = briefing.event(briefing.article.subject_event)
    if traveller is None and briefing.settings.journey is not None:
        traveller = briefing.settings.journey.person
    if traveller is None:
        return []
    window = dt.timedelta(days=window_days)
    trip = [
        e
        for e in sorted(briefing.events, key=lambda e: (e.start, e.last_day, e.order))
        if traveller in e.participants
        and subject.start - window <= e.start
        and e.last_day <= subject.last_day + window
    ]
    city = {e.id: briefing.place(e.place).city for e in trip}
    kept = [e for e in trip if not umbrella(e, trip, city)]
    cities: dict[str, set[str]] = {}
    for p in briefing.places:
        cities.setdefault(p.country, set()).add(p.city)
    stops: list[Stop] = []
    for event in travel_order(kept, city):
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


def umbrella(event: Event, trip: list[Event], city: dict[str, str]) -> bool:
    """True for an event that spans the traveller's days in other cities: one in another city
    lies strictly inside its dates, or others fill both its first and its last day. Sharing
    one edge day with another city is a travel day, not an umbrella (an overnight flight out,
    a stay that ends with the flight home). An event is left in when no shorter event of its
    own city falls within its dates, so a stay told as one event is never lost."""
    if event.start == event.last_day:
        return False
    covered = [
        o
        for o in trip
        if city[o.id] != city[event.id] and event.start <= o.start and o.last_day <= event.last_day
    ]
    spans = any(event.start < o.start and o.last_day < event.last_day for o in covered) or any(
        a is not b and a.start == event.start and b.last_day == event.last_day
        for a in covered
        for b in covered
    )
    length = event.last_day - event.start
    return spans and any(
        o is not event
        and city[o.id] == city[event.id]
        and event.start <= o.start <= event.last_day
        and o.last_day - o.start < length
        for o in trip
    )


def travel_order(events: list[Event], city: dict[str, str]) -> list[Event]:
    """The events by start day; on a day with events in several cities, the city the traveller
    is in first, then the others by when their events that day end (the city they stay in
    last comes last), each city's events together, in the order of their time of day (else
    title)."""
    out: list[Event] = []
    current: str | None = None
    for start in sorted({e.start for e in events}):
        today = [e for e in events if e.start == start]
        until: dict[str, dt.date] = {}
        for e in today:
            until[city[e.id]] = max(until.get(city[e.id], e.last_day), e.last_day)

        today.sort(
            key=lambda e, until=until, current=current: (
                city[e.id] != current,
                until[city[e.id]],
                city[e.id],
                e.last_day,
                e.order,  # within a city: by time of day if given, else title
            )
        )
        out.extend(today)
        current = city[today[-1].id]
    return out


def place_lanes(briefing: Briefing, place: Place) -> list[str]:
    """Every thread of the events at the place, the most frequent first (ties: the earliest);
    [NO_EVENT] if none. The marker is filled with the first and ringed with each other."""
    events = briefing.events_at(place.id)
    if not events:
        return [NO_EVENT]
    return [lane for lane, _ in Counter(e.thread for e in events).most_common()]


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


def _world_x(lon: float) -> float:
    """Web mercator x of a longitude, the world 0 to 1 from west to east."""
    return (lon + 180) / 360


def _world_y(lat: float) -> float:
    """Web mercator y of a latitude, the world 0 to 1 from north to south (clamped as leaflet's
    projection is, at 85.05 degrees)."""
    lat = max(min(lat, 85.0511287798), -85.0511287798)
    return 0.5 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / (2 * math.pi)


def _latitude(y: float) -> float:
    """The latitude at web mercator y (clamped to the world)."""
    y = max(min(y, 1.0), 0.0)
    return math.degrees(2 * math.atan(math.exp((0.5 - y) * 2 * math.pi)) - math.pi / 2)


def _mercator(point: tuple[float, float]) -> tuple[float, float]:
    lat, lon = point
    return lon, math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))
