"""The map of a trip that starts and ends with a travel day (issue 25), from a synthetic book:
every stop drawn and listed, text versions naming every place drawn, a ring for each further
thread of a place."""

from __future__ import annotations

import dataclasses
import re

import folium
import pytest
from sample_book import HOSTILE, make_record
from test_maps import walk
from trip_book import TRAVELLER, day, trip_briefing, write_trip_folder

from briefing import load_briefing
from briefing.maps import build_map, journey, map_view, map_views
from briefing.maps.data import bounds, inside, sight, within
from briefing.model import Event

THERE_AND_BACK = [
    ("Italy", "31 Aug 2023"),
    ("Farland", "1–4 Sep 2023"),
    ("Italy", "4 Sep 2023"),
]


@pytest.mark.parametrize("umbrella", [False, True])
@pytest.mark.parametrize("overnight", [False, True])
def test_a_trip_keeps_its_travel_days(overnight, umbrella):
    """Out on day 1 (or overnight into day 2), four days away, home on day 5: three stops, in
    the order travelled, with every event of the far city (the farewell on the day home too);
    an event spanning the whole trip is left out, not the days it spans."""
    stops = journey(trip_briefing(overnight=overnight, umbrella=umbrella))
    expected = list(THERE_AND_BACK)
    if overnight:
        expected[0] = ("Italy", "31 Aug – 1 Sep 2023")
    assert [(s.label, s.dates) for s in stops] == expected
    assert [e.id for e in stops[0].events] == ["flight-out"]
    assert {e.id for e in stops[1].events} == {
        "arrival",
        "welcome",
        "talks",
        "cathedral-meeting",
        "theatre-meeting",
        "mass",
        "mercy-visit",
        "farewell",
    }
    assert [e.id for e in stops[2].events] == ["flight-home"]


def test_a_stay_told_as_one_event_is_kept():
    """The far city's days given as one event (days 2-5, the last shared with the flight home)
    are the stay, not an umbrella: with the two flights it is still three stops."""
    book = trip_briefing()
    stay = make_record(
        Event,
        id="stay",
        title="The stay",
        start=day(2),
        end=day(5),
        place="square",
        participants=[TRAVELLER],
        thread="visit",
        summary="The whole stay.",
        sources=["tass"],
        confidence="high",
    )
    flights = [e for e in book.events if e.id in {"flight-out", "flight-home", "mass"}]
    mass = next(e for e in flights if e.id == "mass")
    flights[flights.index(mass)] = dataclasses.replace(mass, participants=["host"])
    book = dataclasses.replace(book, events=(*flights, stay))
    assert [(s.label, s.dates) for s in journey(book)] == THERE_AND_BACK


def test_an_umbrella_with_nothing_else_in_its_city_is_kept():
    """A trip told as one event in the far city (days 1-5) and the two flights: the event is
    the city's only one, so it stays (the city would otherwise be lost)."""
    book = trip_briefing(umbrella=True)
    kept = {"trip", "flight-out", "flight-home"}
    events = tuple(
        e if e.id in kept else dataclasses.replace(e, participants=["host"]) for e in book.events
    )
    stops = journey(dataclasses.replace(book, events=events))
    assert [s.label for s in stops] == ["Italy", "Farland", "Italy"]


def test_same_day_events_in_two_cities_go_in_the_order_travelled():
    """On day 5 the traveller is in the far city, then home: whatever the ids say."""
    book = trip_briefing()
    renamed = tuple(
        dataclasses.replace(e, id="a-home") if e.id == "flight-home" else e for e in book.events
    )
    stops = journey(dataclasses.replace(book, events=renamed))
    assert [s.label for s in stops] == ["Italy", "Farland", "Italy"]


def test_the_overview_draws_and_lists_every_stop():
    view = map_view(trip_briefing())
    _, script = view._map
    script = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), script)
    # one label for the city left and come back to, naming both visits; one for the far city
    assert script.count("briefing-maps__stop briefing-maps__stop--") == 2
    assert "<b>1</b> Italy · 31 Aug<br><b>3</b> Italy · 4 Sep" in script
    assert "<b>2</b> Farland · 1–4 Sep" in script
    assert script.count('"dashArray": "7 5"') == 2  # out and back
    html = " ".join(view.static_html().split())
    text = re.search(r'data-view-text="overview".*?</details>', html).group(0)
    assert "<li>Italy, 31 Aug 2023: Flight out of Rome</li>" in text
    assert "<li>Italy, 4 Sep 2023: Landing back in Rome</li>" in text
    assert "Farland, 1–4 Sep 2023:" in text
    assert "The visitor&#39;s trip" in html.split('class="briefing-maps__legend"')[1]


def test_a_written_trip_folder_reads_back_with_its_journey(tmp_path):
    book = load_briefing(write_trip_folder(tmp_path / "trip"))
    assert [(s.label, s.dates) for s in journey(book)] == THERE_AND_BACK
    assert [v.key for v in map_views(book)] == ["overview", "far-city", "centre", "rome"]


def test_a_text_version_names_every_place_drawn_around_its_view():
    book = trip_briefing()
    views = {v.key: v for v in map_views(book)}
    assert {p.id for p in views["centre"].places} == {"cathedral", "theatre"}
    assert {p.id for p in views["centre"].nearby} >= {"square", "palace", "mercy"}
    assert not views["rome"].nearby and not views["overview"].nearby
    html = " ".join(map_view(book).static_html().split())
    text = re.search(r'data-view-text="centre".*?</details>', html).group(0)
    for name in ("Cathedral of Far City", "Far City Opera Theatre", "Great Square of Far City"):
        assert f"<strong>{name}</strong>" in text
    assert "Government Palace of Far City" in text and "House of Mercy" in text
    assert "Rome Fiumicino Airport" not in text
    assert text.index("Far City Opera Theatre") < text.index("Also on the map around")


@pytest.mark.parametrize(
    "box",
    [
        ((47.9189, 106.9176), (47.921, 106.9176)),  # two places 230 m apart, one above the other
        ((47.9189, 106.9176), (47.9189, 106.9176)),  # one place
        ((35.75, 14.33), (36.05, 14.7)),
        ((-26.2, -122.3), (59.9, 116.4)),
        ((-60.0, 170.0), (-40.0, 179.9)),
    ],
)
def test_sight_holds_the_box_and_more(box):
    seen = sight(box)
    (south, west), (north, east) = box
    for point in [(south, west), (north, east), ((south + north) / 2, (west + east) / 2)]:
        assert within(point, seen)
    (south_seen, _), (north_seen, _) = seen
    assert south_seen < south and north_seen > north  # room above and below, always


def test_sight_is_small_for_a_city_and_whole_for_the_world():
    (south, west), (north, east) = sight(((47.9189, 106.9176), (47.921, 106.9176)))
    assert north - south < 0.1 and east - west < 0.3  # a few km, not the country
    assert sight(((-26.2, -122.3), (59.9, 116.4)))[0][1] == -180.0


def test_inside_reads_a_box_across_the_antimeridian():
    class P:
        def __init__(self, lon):
            self.lat, self.lon = 0.0, lon

    places = [P(179.5), P(-179.5), P(0.0)]
    assert [p.lon for p in inside(places, ((-1, 179), (1, -179)))] == [179.5, -179.5]
    assert bounds(places)[0][1] == -179.5  # (the bounds of places never cross it)


def test_a_place_of_two_threads_has_a_ring_in_the_second_colour():
    book = trip_briefing()
    fmap = build_map(book)
    dots = [e for e in walk(fmap) if isinstance(e, folium.CircleMarker)]
    rings = [d for d in dots if "briefing-maps__ring" in d.options["className"]]
    assert [(tuple(r.location), r.options["color"]) for r in rings] == [
        ((47.9189, 106.9176), "#009e73")  # the square: the visit's fill, diplomacy's ring
    ]
    square = next(d for d in dots if "briefing-maps__place-square" in d.options["className"])
    assert square.options["fillColor"] == "#6a51a3"
    html = " ".join(map_view(book).static_html().split())
    assert "a ring for each further thread of a place's events" in html
    assert "Events in 2 threads: The visit, Diplomacy." in html
    _, script = map_view(book)._map
    assert "Events in 2 threads (dot, then rings outwards)" in script


def test_one_thread_books_say_nothing_of_rings():
    book = trip_briefing()
    single = dataclasses.replace(
        book, events=tuple(dataclasses.replace(e, thread="visit") for e in book.events)
    )
    html = map_view(single).static_html()
    assert "a ring for each further thread" not in html and "briefing-maps__ring" not in html


def test_hostile_text_in_the_trip_book_is_escaped():
    """Thread labels (now in popups and text versions), stop labels naming two visits and the
    text of places drawn around a view: all escaped."""
    view = map_view(trip_briefing(payload=HOSTILE))
    for html in (view.static_html(), view.frame_page("centre"), view.text_html("centre")):
        assert "<img src=x" not in html
        for script in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S):
            assert "<img" not in script and "\u2028" not in script
    assert "&lt;img src=x onerror=alert(1)&gt;" in view.text_html("centre")
