"""A small synthetic book of a trip that starts and ends with a travel day, for the map tests.

A traveller flies out of Rome's airport on day 1, spends days 2-5 in a far city (events on
overlapping dates, the last of them on the day of the flight home) and lands at Rome's airport
again on day 5. Two of the far city's places lie 230 m apart, and one place holds events of two
threads. `trip_briefing()` builds it in memory; `write_trip_folder()` writes it as a data folder
(with book.yaml) for the command line and the browser.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import yaml
from sample_book import make_record, sample_briefing, write_data_folder

from briefing.model import Article, Book, Country, Event, FaqEntry, Person, Place

DAY = dt.date(2023, 8, 31)
TRAVELLER = "traveller"
# Two places 230 m apart on the same meridian (0.00207 degrees of latitude), east of the city's
# middle, so the labels the map used to give them both sat on the right, one on the other.
SQUARE = (47.9189, 106.9176)
PALACE = (47.92097, 106.9176)


def day(n: int) -> dt.date:
    """Day n of the trip (day 1 is the flight out)."""
    return DAY + dt.timedelta(days=n - 1)


def trip_briefing(
    overnight: bool = False, umbrella: bool = False, views: bool = True, payload: str = ""
):
    """The trip book. `overnight`: the flight out lasts into day 2 (it ends with the arrival);
    `umbrella`: an event placed in the far city spans the whole trip, days 1-5; `views=False`
    leaves map_views out, so the map derives an overview and one view per city."""
    base = sample_briefing(payload)

    def t(text: str) -> str:
        return text + payload

    src = {"sources": ["tass"], "confidence": "high"}
    countries = (
        make_record(Country, id="italy", name=t("Italy"), summary=t("A country."), **src),
        make_record(Country, id="farland", name=t("Farland"), summary=t("A country."), **src),
    )
    people = (
        make_record(
            Person,
            id=TRAVELLER,
            name="Tess Traveller",
            role=t("A visitor"),
            country="italy",
            summary=t("Made the trip."),
            **src,
        ),
        make_record(
            Person,
            id="host",
            name="Hal Host",
            role=t("President of Farland"),
            country="farland",
            summary=t("Received the visitor."),
            **src,
        ),
    )

    def place(id, name, city, country, lat, lon, label=None, precision="exact"):
        return make_record(
            Place,
            id=id,
            name=t(name),
            label=t(label) if label else None,
            city=city,
            country=country,
            lat=lat,
            lon=lon,
            precision=precision,
            **src,
        )

    places = (
        place("rome-airport", "Rome Fiumicino Airport", "Rome", "italy", 41.8003, 12.2389),
        place("vatican", "St Peter's Square", "Rome", "italy", 41.9022, 12.4572),
        place(
            "far-airport",
            "Far City International Airport",
            "Far City",
            "farland",
            47.6467,
            106.8199,
            label="Airport",
        ),
        place(
            "square",
            "Great Square of Far City",
            "Far City",
            "farland",
            *SQUARE,
            label="Great Square (state welcome)",
        ),
        place(
            "palace",
            "Government Palace of Far City",
            "Far City",
            "farland",
            *PALACE,
            label="Government Palace (talks)",
        ),
        place(
            "cathedral",
            "Cathedral of Far City",
            "Far City",
            "farland",
            47.9097,
            106.8938,
            label="Cathedral",
        ),
        place(
            "theatre",
            "Far City Opera Theatre",
            "Far City",
            "farland",
            47.9163,
            106.9235,
            label="Opera Theatre (meeting)",
        ),
        place(
            "arena",
            "Steppe Arena",
            "Far City",
            "farland",
            47.8743,
            106.8625,
            label="Steppe Arena (Mass)",
        ),
        place("mercy", "House of Mercy", "Far City", "farland", 47.9318, 106.8810),
    )

    def event(id, title, start, place, thread="visit", end=None, who=(TRAVELLER,)):
        return make_record(
            Event,
            id=id,
            title=t(title),
            start=start,
            end=end,
            place=place,
            participants=list(who),
            thread=thread,
            summary=t(title + "."),
            **src,
        )

    events = [
        event(
            "flight-out",
            "Flight out of Rome",
            day(1),
            "rome-airport",
            end=day(2) if overnight else None,
        ),
        event("arrival", "Welcome at the airport", day(2), "far-airport"),
        event("welcome", "State welcome on the square", day(3), "square", who=(TRAVELLER, "host")),
        event(
            "talks",
            "Talks at the Government Palace",
            day(3),
            "palace",
            thread="diplomacy",
            who=(TRAVELLER, "host"),
        ),
        event("cathedral-meeting", "Meeting at the cathedral", day(3), "cathedral"),
        event("theatre-meeting", "Meeting at the opera theatre", day(4), "theatre"),
        event("mass", "Mass at the Steppe Arena", day(4), "arena"),
        event("mercy-visit", "Opening of the House of Mercy", day(5), "mercy"),
        event("farewell", "Farewell at the airport", day(5), "far-airport"),
        event("flight-home", "Landing back in Rome", day(5), "rome-airport"),
        # a second thread at the square: its circle must show both colours
        event(
            "square-rally",
            "Rally on the square",
            day(4),
            "square",
            thread="diplomacy",
            who=("host",),
        ),
    ]
    if umbrella:
        events.append(event("trip", "The visit to Farland", day(1), "square", end=day(5)))
    article = dataclasses.replace(
        base.article,
        headline=t("A visit to Farland"),
        dateline=t("Far City"),
        date=day(4),
        date_note=None,
        subject_event="mass",
    )
    book = make_record(
        Book,
        journey={"person": TRAVELLER, "label": t("The visitor's trip")},
        threads=[
            {"id": "visit", "label": t("The visit"), "colour": "#6a51a3"},
            {"id": "diplomacy", "label": t("Diplomacy"), "colour": "#009e73"},
        ],
        map_views=[
            {"id": "overview", "name": t("Overview")},
            {"id": "far-city", "name": t("Far City"), "places": ["square", "palace"]},
            # the city centre's view names two places; four more lie between and around them
            {"id": "centre", "name": t("Centre"), "places": ["cathedral", "theatre"]},
            {"id": "rome", "name": t("Rome"), "places": ["rome-airport", "vatican"]},
        ]
        if views
        else None,
    )
    return dataclasses.replace(
        base,
        article=make_record_like(article),
        countries=countries,
        people=people,
        organisations=(),
        places=places,
        events=tuple(events),
        relations=(),
        faq=(
            make_record(
                FaqEntry,
                id="why-far",
                question=t("Why did the visitor go to Farland?"),
                answer=t("To meet its president and a small community."),
                topic=t("The visit"),
                entities=[TRAVELLER, "host"],
                from_article=False,
                **src,
            ),
        ),
        corrections=(),
        search=(),
        book=book,
    )


def make_record_like(article: Article) -> Article:
    """The article as a record read from a file would be (checked again after the changes)."""
    return make_record(
        Article,
        **{
            f.name: getattr(article, f.name)
            for f in dataclasses.fields(article)
            if getattr(article, f.name) is not None
        },
    )


def write_trip_folder(folder: Path, **options) -> Path:
    """The trip book as a data folder (records, article and book.yaml)."""
    book = trip_briefing(**options)
    write_data_folder(folder, book)
    settings = {
        "journey": dataclasses.asdict(book.book.journey),
        "threads": [dataclasses.asdict(t) for t in book.book.threads],
    }
    if book.book.map_views:
        settings["map_views"] = [
            {k: v for k, v in dataclasses.asdict(v).items() if v not in (None, [], 0.0)}
            for v in book.book.map_views
        ]
    (folder / "book.yaml").write_text(yaml.safe_dump(settings, sort_keys=False), "utf-8")
    return folder
