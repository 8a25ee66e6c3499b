"""Typed records of the briefing: what data/ holds, checked field by field.

Records are frozen dataclasses; schema.build makes one from a mapping read from YAML, checking
and converting every field (content.load_briefing does this for data/). Calling a record's
class directly checks only its own cross-field rules (__post_init__).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
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


@record
class Source:
    id: Id
    title: Short
    publisher: Short
    date: dt.date | None = None
    url: Url | None = None
    note: Long | None = None


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
    city: Short
    country: Id
    lat: Annotated[float, Check(ge=-90, le=90)]
    lon: Annotated[float, Check(ge=-180, le=180)]
    precision: Precision
    note: Long | None = None


class Lane(str, Enum):
    """The story threads the timeline draws as lanes."""

    china_russia = "china-russia"
    china_us = "china-us"
    icc = "icc"
    belt_and_road = "belt-and-road"


@record
class Event(Sourced):
    id: Id
    title: Short
    start: dt.date
    end: dt.date | None = None
    place: Id
    participants: list[Id] = field(default_factory=list)
    lane: Lane
    summary: Long
    note: Long | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")

    @property
    def last_day(self) -> dt.date:
        return self.end or self.start


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
    entities: list[Id] = field(default_factory=list)
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

    @property
    def entities(self) -> tuple[Entity, ...]:
        return (*self.people, *self.organisations, *self.countries)

    def entity(self, entity_id: str) -> Entity:
        return self._by_id["entities"][entity_id]

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
        return sorted((e for e in self.events if e.place == place_id), key=lambda e: e.start)

    def after_article(self, event: Event) -> bool:
        """True for what happened after the story the article tells ("what happened next")."""
        return event.start > self.event(self.article.subject_event).last_day
