"""Typed records of the briefing: what data/ holds, checked field by field.

Records are frozen dataclasses; schema.build makes one from a mapping read from YAML, checking
and converting every field (content.load_briefing does this for data/). Calling a record's
class directly checks only its own cross-field rules (__post_init__).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from enum import Enum
from functools import cached_property
from typing import Annotated, Any

from .schema import Check

# Caps keep a runaway field (a 10 MB paste) out of every page we build.
SHORT_TEXT = 300
LONG_TEXT = 20_000
ARTICLE_TEXT = 200_000

Id = Annotated[
    str,
    Check(
        max_length=80,
        pattern=r"[a-z0-9]+(?:-[a-z0-9]+)*",
        pattern_means="an id: lowercase letters and digits in words joined by hyphens",
    ),
]
Short = Annotated[str, Check(min_length=1, max_length=SHORT_TEXT)]
Long = Annotated[str, Check(min_length=1, max_length=LONG_TEXT)]


def _http_url(value: str) -> str:
    if not value.startswith(("https://", "http://")) or any(c.isspace() for c in value):
        raise ValueError("must be an http(s) URL with no spaces")
    return value


Url = Annotated[str, Check(max_length=2_000, after=_http_url)]
TimeOfDay = Annotated[
    str,
    Check(pattern=r"(?:[01]\d|2[0-3]):[0-5]\d", pattern_means="a time of day, HH:MM (24-hour)"),
]
Colour = Annotated[
    str, Check(pattern=r"#[0-9a-fA-F]{6}", pattern_means="a colour written #rrggbb, like #b2182b")
]
Sources = Annotated[list[Id], Check(min_length=1)]
record = dataclass(frozen=True, kw_only=True)


class Confidence(str, Enum):
    """How sure the sources make us: shown beside every fact."""

    high = "high"
    medium = "medium"
    low = "low"


class Precision(str, Enum):
    """How exactly a place's coordinates stand for where things happened."""

    exact = "exact"  # the building itself
    approximate = "approximate"  # near the building, or a settlement point
    city = "city"  # only the city is known


@record
class Sourced:
    """A fact: it names the sources behind it and how sure they are."""

    sources: Sources
    confidence: Confidence


class SourceKind(str, Enum):
    """What sort of publisher an item comes from: it decides what the item can support."""

    official = "official"  # government, court, party, ministry, parliament, presidency
    wire = "wire"  # news agency (TASS, Reuters, AP, AFP, Xinhua, RIA)
    news = "news"  # a named newspaper or broadcaster
    reference = "reference"  # encyclopedia or gazetteer (Wikidata, GeoNames, OpenStreetMap)
    other = "other"  # anything else (a think tank, the seed article); never high alone


@record
class Source:
    """One item that was read: its own address, who published it, when, and when we read it."""

    id: Id
    title: Short
    kind: SourceKind
    publisher: Short
    url: Url | None = None  # the item's own address; provenance.py refuses home pages, mirrors
    published: dt.date | None = None
    accessed: dt.date
    note: Long | None = None


# A record named across files: "events.yaml#summit-talks", or "article.yaml" itself.
RecordRef = Annotated[
    str,
    Check(
        max_length=120,
        pattern=r"[a-z]+\.yaml(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?",
        pattern_means="FILE#ID, such as events.yaml#some-event (or article.yaml alone)",
    ),
]


@record
class Correction:
    """What changed in the book, when and why: shown to readers in the Corrections section."""

    id: Id
    date: dt.date
    records: Annotated[list[RecordRef], Check(min_length=1)]
    was: Long
    now: Long
    why: Long
    sources: list[Id] = field(default_factory=list)


@record
class Article:
    headline: Short
    summary: Long
    dateline: Short
    date: dt.date
    date_note: Long | None = None
    subject_event: (
        Id  # the event the article is about; what starts after it is "what happened next"
    )
    origin: Long
    key_points: Annotated[list[Long], Check(min_length=1)]
    body: Annotated[str, Check(min_length=1, max_length=ARTICLE_TEXT)]
    sources: list[Id] = field(default_factory=list)


@record
class Entity(Sourced):
    """Anything a relation or FAQ entry can point at: a person, organisation or country."""

    id: Id
    name: Short
    aliases: list[Short] = field(default_factory=list)
    summary: Long


@record
class Country(Entity):
    pass


@record
class Person(Entity):
    role: Long
    country: Id


@record
class Organisation(Entity):
    kind: Short
    country: Id | None = None


@record
class Place(Sourced):
    id: Id
    name: Short
    label: Short | None = None  # a short name for map labels (the name can be long)
    aliases: list[Short] = field(default_factory=list)  # other names a text may use for it
    city: Short
    country: Id
    lat: Annotated[float, Check(ge=-90, le=90)]
    lon: Annotated[float, Check(ge=-180, le=180)]
    precision: Precision
    note: Long | None = None


@record
class Event(Sourced):
    id: Id
    title: Short
    start: dt.date
    time: TimeOfDay | None = None  # local time it began on its start day, where sources give it
    end: dt.date | None = None
    place: Id
    participants: list[Id] = field(default_factory=list)
    thread: Id  # the timeline lane: a thread declared in book.yaml, or any id (derived)
    summary: Long
    note: Long | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")

    @property
    def last_day(self) -> dt.date:
        return self.end or self.start

    @property
    def order(self) -> tuple[dt.date, bool, str, str, str]:
        """Date order: by start day, then time of day (events with one first), then title."""
        return self.start, self.time is None, self.time or "", self.title, self.id

    @property
    def start_at(self) -> str:
        """Where the event starts on a date axis: its day, at its time of day if known."""
        return f"{self.start.isoformat()} {self.time}" if self.time else self.start.isoformat()


@record
class Relation(Sourced):
    id: Id
    subject: Id
    type: Short
    object: Id
    start: dt.date | None = None
    end: dt.date | None = None
    event: Id | None = None
    note: Long | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")


@record
class FaqEntry(Sourced):
    id: Id
    question: Short
    answer: Long
    topic: Short
    entities: list[Id] = field(default_factory=list)  # people, organisations, countries, places
    from_article: bool = False


def _searchable_terms(terms: list[str]) -> list[str]:
    for term in terms:
        if not any(c.isalnum() for c in term):
            raise ValueError(f"term {term!r} has no letter or digit to search for")
    return terms


@record
class RelatedTerms:
    """search.yaml: words or phrases the FAQ search treats as related (one finds the others)."""

    terms: Annotated[list[Short], Check(min_length=2, after=_searchable_terms)]
    note: Long | None = None


# --- book.yaml: the book-level file (every field optional; defaults derived from the data) ---


@record
class Sections:
    """Each section's introduction, shown under its heading (plain text; a blank line starts
    a new paragraph). A section left out shows only the library's generic reading hint."""

    article: Long | None = None
    people: Long | None = None
    map: Long | None = None
    network: Long | None = None
    timeline: Long | None = None
    faq: Long | None = None
    whats_next: Long | None = None
    sources: Long | None = None


SECTION_KEYS = tuple(f.name for f in fields(Sections))


@record
class Journey:
    """Whose trip the map draws as numbered stops joined by arcs, and the legend's name for it."""

    person: Id  # a people.yaml id: their events in the weeks around the subject event
    label: Short  # e.g. "The minister's journey, May 2024": legend, layer control, text version


@record
class Periods:
    """What the story's central event (article.yaml subject_event) and the times around it are
    called on the network's period buttons and the timeline's zoom buttons."""

    before: Short | None = None  # default "Before"
    during: Short | None = None  # default: the subject event's title
    after: Short | None = None  # default "After"
    around: Short | None = None  # default "Weeks around the event" (timeline zoom)


@record
class Thread:
    """One timeline lane (and the colour of map markers whose events are mostly in it)."""

    id: Id  # what events.yaml `thread:` names
    label: Short
    colour: Colour


@record
class TieGroup:
    """A kind of tie in the network: its legend entry, filter button and line colour. The ties
    of a group with id `meetings` happen on a day: one with only a start date lasted that day."""

    id: Id
    label: Short
    types: Annotated[list[Short], Check(min_length=1)]  # relations.yaml `type:` values
    colour: Colour | None = None  # default: the next colour of a colour-blind-safe palette


@record
class NetworkSettings:
    """The relationship network's sides (node colours and where they gather) and tie groups."""

    sides: list[Id] | None = None  # countries.yaml ids, in legend order; default: the countries
    #   most people and organisations of the network belong to (up to four)
    tie_groups: list[TieGroup] | None = None  # default: meetings and posts (generic types)
    title: Short | None = None  # the chart's headline; default: who sits at its centre


@record
class SearchSettings:
    """The FAQ search box."""

    examples: Annotated[list[Short], Check(min_length=1)] | None = None  # the "e.g." hint;
    #   default: the short names of the three most-cited people, organisations or countries


Bounds = Annotated[
    list[Annotated[list[float], Check(min_length=2, max_length=2)]],
    Check(min_length=2, max_length=2),
]


@record
class MapViewSpec:
    """A named map view (a button): it frames the places listed, or the bounds given, or (with
    neither) every place."""

    id: Id
    name: Short
    places: list[Id] = field(default_factory=list)  # places.yaml ids
    bounds: Bounds | None = None  # [[south, west], [north, east]] in degrees
    min_span: Annotated[float, Check(ge=0, le=180)] = 0.0  # degrees of latitude shown at least

    def __post_init__(self) -> None:
        if self.places and self.bounds:
            raise ValueError("give places or bounds, not both")
        if self.bounds:
            (south, west), (north, east) = self.bounds
            if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
                raise ValueError(
                    "bounds must be [[south, west], [north, east]] with south < north, "
                    "west < east, latitudes within ±90 and longitudes within ±180"
                )


@record
class Book:
    """book.yaml: the story's own wording and choices. Every field is optional."""

    title: Short | None = None  # the book's title (page <title>, H1); default: the headline
    standfirst: Long | None = None  # one paragraph under the title; default: none
    sections: Sections = field(default_factory=lambda: Sections())
    journey: Journey | None = None  # default: no journey drawn
    periods: Periods = field(default_factory=lambda: Periods())
    threads: list[Thread] | None = None  # timeline lanes, top to bottom; default: from events
    network: NetworkSettings = field(default_factory=lambda: NetworkSettings())
    timeline_title: Short | None = None  # the timeline's headline; default: from the events
    search: SearchSettings = field(default_factory=lambda: SearchSettings())
    map_views: Annotated[list[MapViewSpec], Check(min_length=1)] | None = None  # buttons in
    #   order; default: an overview, then one view per city that has a place


@record
class BookSettings:
    """book.yaml resolved: every field concrete, defaults derived (see book.resolve_book)."""

    title: str
    standfirst: str | None
    sections: Sections
    journey: Journey | None
    periods: Periods  # all four names set
    threads: tuple[Thread, ...]  # only threads that have events, in lane order
    sides: tuple[tuple[str, str], ...]  # (country id, label), in legend order
    tie_groups: tuple[TieGroup, ...]  # colours set
    network_title: str | None
    timeline_title: str | None
    search_examples: tuple[str, ...]
    map_views: tuple[MapViewSpec, ...]


@record
class Briefing:
    """The whole book's content, cross-checked: every id it names exists.

    Made by content.load_briefing from records it has checked (it is not read from one file).
    """

    article: Article
    sources: tuple[Source, ...]
    countries: tuple[Country, ...]
    people: tuple[Person, ...]
    organisations: tuple[Organisation, ...]
    places: tuple[Place, ...]
    events: tuple[Event, ...]
    relations: tuple[Relation, ...]
    faq: tuple[FaqEntry, ...]
    search: tuple[RelatedTerms, ...] = ()  # search.yaml, optional
    corrections: tuple[Correction, ...] = ()
    book: Book = field(default_factory=lambda: Book())
    folder: str | None = None  # the data folder read (for its basemap/ and error messages)
    # what makes `settings` (book.resolve_book), given by whoever builds the briefing:
    # content.load_briefing, or book.with_settings for a Briefing built in code. A function, not
    # its result, so that dataclasses.replace gets settings of its own data.
    resolver: Callable[[Briefing], BookSettings] | None = field(
        default=None, repr=False, compare=False
    )

    @cached_property
    def settings(self) -> BookSettings:
        """book.yaml with every silent field filled by a default derived from the data."""
        if self.resolver is None:
            raise TypeError("a Briefing built in code needs book.with_settings(briefing)")
        return self.resolver(self)

    @property
    def entities(self) -> tuple[Entity, ...]:
        return (*self.people, *self.organisations, *self.countries)

    def entity(self, entity_id: str) -> Entity:
        return self._by_id["entities"][entity_id]

    @property
    def faq_subjects(self) -> tuple[Entity | Place, ...]:
        """What the FAQ search knows by name: every person, organisation and country, and the
        places FAQ entries name (their words then count as an entity's in the ranking)."""
        named = {i for entry in self.faq for i in entry.entities}
        return (*self.entities, *(p for p in self.places if p.id in named))

    def named(self, record_id: str) -> Entity | Place:
        """A person, organisation, country or place by id (FAQ `entities` may name any)."""
        by_id = self._by_id
        return by_id["entities"].get(record_id) or by_id["places"][record_id]

    def place(self, place_id: str) -> Place:
        return self._by_id["places"][place_id]

    def source(self, source_id: str) -> Source:
        return self._by_id["sources"][source_id]

    def event(self, event_id: str) -> Event:
        return self._by_id["events"][event_id]

    @cached_property
    def _by_id(self) -> dict[str, dict[str, Any]]:
        """Records by id, built on first look-up (the views look up about 1,500 times). A
        frozen record never changes; dataclasses.replace makes a new one, with its own index."""
        return {
            name: {r.id: r for r in getattr(self, name)}
            for name in ("entities", "places", "sources", "events")
        }

    def events_at(self, place_id: str) -> list[Event]:
        return sorted((e for e in self.events if e.place == place_id), key=lambda e: e.order)

    def after_article(self, event: Event) -> bool:
        """True for what happened after the story the article tells ("what happened next")."""
        return event.start > self.event(self.article.subject_event).last_day
