"""book.yaml resolved: the story's own wording and choices, with defaults derived from the data.

A data folder's book.yaml (model.Book) may say nothing at all. `resolve_book` fills each silent
field from the rest of the data: the title from the headline, threads from the events, sides
from the countries most of the network belongs to, search examples from the most-cited
entities, period names from the article's subject event, and an overview plus one map view per
city. Where a choice names something that does not exist, or no default can be derived, it
raises a DataError naming the file and the field to fix or add.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path

from .errors import DataError, DataErrors
from .files import BOOK_FILE
from .model import (
    Book,
    BookSettings,
    Briefing,
    MapViewSpec,
    Organisation,
    Periods,
    Person,
    Thread,
    TieGroup,
)

# Colour-blind-safe palettes (Okabe-Ito and friends), readable on the charts' light paper.
THREAD_COLOURS = ("#6a51a3", "#009e73", "#c26a00", "#b2182b", "#0072b2", "#cc79a7", "#5c5c5c")
SIDE_COLOURS = ("#d55e00", "#0072b2", "#009e73", "#cc79a7", "#8c6d31", "#56b4e9")
TIE_COLOURS = ("#cc79a7", "#56b4e9", "#e69f00", "#009e73", "#0072b2", "#d55e00")
OTHER_SIDE = ("other", "International / other", "#7a7a7a")
OTHER_TIES = TieGroup(id="other", label="Other ties", types=["(any other type)"], colour="#999999")
MAX_SIDES = len(SIDE_COLOURS)
DEFAULT_SIDES = 4  # sides derived when book.yaml names none: the biggest countries, at most
SEARCH_EXAMPLES = 3

# Generic relation types every story can use; book.yaml's network.tie_groups replaces these.
DEFAULT_TIE_GROUPS = (
    ("meetings", "Meetings", ("met", "invited", "hosts", "attended")),
    (
        "posts",
        "Posts and membership",
        ("heads", "member of", "secretary of", "spokesperson of", "succeeded"),
    ),
)
CITY_SPAN = 0.12  # degrees of latitude a derived city view shows at least (about 13 km)


def with_settings(briefing: Briefing) -> Briefing:
    """The briefing with its book settings resolved from its data, as load_briefing returns it
    (for a Briefing built in code)."""
    return replace(briefing, resolver=resolve_book)


def resolve_book(briefing: Briefing, strict: bool = False) -> BookSettings:
    """Every book-level setting, from book.yaml where it speaks and from the data where not.

    A choice naming what does not exist is always a DataError. Where no default can be derived
    (no places to make map views of, no entity to give as a search example) `strict` makes it
    one too, as load_briefing wants; otherwise the setting is left empty, for a Briefing built
    in code to show one view (a test's FAQ with no places).
    """
    book = briefing.book
    folder = Path(briefing.folder) if briefing.folder else Path(".")
    where = _Where(folder, strict)
    # load_briefing checks the subject event exists; a Briefing built in code may leave it out
    subject = next((e for e in briefing.events if e.id == briefing.article.subject_event), None)
    periods = book.periods
    faults: list[DataError] = []

    def each(derive, *args, empty=()):  # every setting's fault is reported, not the first only
        try:
            return derive(*args)
        except DataError as err:
            faults.extend(err.errors if isinstance(err, DataErrors) else [err])
            return empty

    settings = BookSettings(
        title=book.title or briefing.article.headline,
        standfirst=book.standfirst,
        sections=book.sections,
        journey=each(_journey, briefing, where, empty=None),
        periods=Periods(
            before=periods.before or "Before",
            during=periods.during or (subject.title if subject else "The event"),
            after=periods.after or "After",
            around=periods.around or "Weeks around the event",
        ),
        threads=each(_threads, briefing, where),
        sides=each(_sides, briefing, where),
        tie_groups=each(_tie_groups, book, where),
        network_title=book.network.title,
        timeline_title=book.timeline_title,
        search_examples=each(_search_examples, briefing, where),
        map_views=each(_map_views, briefing, where),
    )
    if faults:
        raise faults[0] if len(faults) == 1 else DataErrors(faults)
    return settings


class _Where:
    """Makes the DataErrors of book-level settings, naming book.yaml (or the data file)."""

    def __init__(self, folder: Path, strict: bool):
        self.folder, self.strict = folder, strict

    def missing(self, field: str, message: str) -> tuple:
        """No default can be derived: an error when strict, else an empty setting."""
        if self.strict:
            raise self.book(field, message)
        return ()

    def book(self, field: str, message: str) -> DataError:
        return DataError(self.folder / BOOK_FILE, message, field=field)

    def data(self, name: str, record: str, field: str, message: str) -> DataError:
        return DataError(self.folder / name, message, record=record, field=field)


def _journey(briefing: Briefing, where: _Where):
    journey = briefing.book.journey
    if journey is not None and journey.person not in {p.id for p in briefing.people}:
        raise where.book("journey.person", f"'{journey.person}' is not a person in people.yaml")
    return journey


def _unique_ids(items, field: str, where: _Where) -> None:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id in seen:
            raise where.book(f"{field}[{index}].id", f"'{item.id}' is used twice")
        seen.add(item.id)


def _threads(briefing: Briefing, where: _Where) -> tuple[Thread, ...]:
    """The declared threads that have events (lane order), else one per thread the events use."""
    used = list(dict.fromkeys(e.thread for e in briefing.events))
    declared = briefing.book.threads
    if declared is None:
        return tuple(
            Thread(id=t, label=_words(t), colour=THREAD_COLOURS[i % len(THREAD_COLOURS)])
            for i, t in enumerate(used)
        )
    _unique_ids(declared, "threads", where)
    known = {t.id for t in declared}
    for position, event in enumerate(briefing.events, start=1):
        if event.thread not in known:
            raise where.data(
                "events.yaml",
                f"#{position} (id '{event.id}')",
                "thread",
                f"'{event.thread}' is not a thread declared in {BOOK_FILE} "
                f"(threads: {', '.join(sorted(known))})",
            )
    return tuple(t for t in declared if t.id in used)


def _sides(briefing: Briefing, where: _Where) -> tuple[tuple[str, str, str], ...]:
    """(country id, label, colour) of each side of the network, in legend order."""
    countries = {c.id: c for c in briefing.countries}
    declared = briefing.book.network.sides
    if declared is not None:
        if len(declared) > MAX_SIDES:
            raise where.book("network.sides", f"at most {MAX_SIDES} sides can be told apart")
        for index, side in enumerate(declared):
            if side not in countries:
                raise where.book(
                    f"network.sides[{index}]", f"'{side}' is not a country in countries.yaml"
                )
            if side in declared[:index]:
                raise where.book(f"network.sides[{index}]", f"'{side}' is named twice")
        chosen = list(declared)
    else:
        nodes = {i for r in briefing.relations for i in (r.subject, r.object)}
        count: Counter[str] = Counter()
        for node in nodes:
            entity = briefing.entity(node)
            country = entity.country if isinstance(entity, Person | Organisation) else entity.id
            if country is not None:
                count[country] += 1
        ranked = sorted(count, key=lambda c: (-count[c], c))
        chosen = [c for c in ranked if count[c] > 1][:DEFAULT_SIDES]
    return tuple((c, countries[c].name, SIDE_COLOURS[i]) for i, c in enumerate(chosen))


def _tie_groups(book: Book, where: _Where) -> tuple[TieGroup, ...]:
    declared = book.network.tie_groups
    if declared is None:
        groups = [
            TieGroup(id=i, label=name, types=list(kinds)) for i, name, kinds in DEFAULT_TIE_GROUPS
        ]
    else:
        groups = list(declared)
        _unique_ids(groups, "network.tie_groups", where)
        owner: dict[str, str] = {}
        for index, group in enumerate(groups):
            if group.id == OTHER_TIES.id:
                raise where.book(
                    f"network.tie_groups[{index}].id",
                    "'other' is reserved for the ties no group names",
                )
            for j, kind in enumerate(group.types):
                if kind in owner:
                    raise where.book(
                        f"network.tie_groups[{index}].types[{j}]",
                        f"'{kind}' is already in tie group '{owner[kind]}'",
                    )
                owner[kind] = group.id
    return tuple(
        TieGroup(
            id=g.id,
            label=g.label,
            types=list(g.types),
            colour=g.colour or TIE_COLOURS[i % len(TIE_COLOURS)],
        )
        for i, g in enumerate(groups)
    )


def _search_examples(briefing: Briefing, where: _Where) -> tuple[str, ...]:
    """The declared examples, else the shortest names of the most-cited entities."""
    declared = briefing.book.search.examples
    if declared is not None:
        return tuple(declared)
    cited: Counter[str] = Counter()
    for entry in briefing.faq:
        cited.update(entry.entities)
    for event in briefing.events:
        cited.update(event.participants)
    for relation in briefing.relations:
        cited.update((relation.subject, relation.object))
    order = {e.id: i for i, e in enumerate(briefing.entities)}
    ranked = sorted(order, key=lambda e: (-cited[e], order[e]))[:SEARCH_EXAMPLES]
    if not ranked:
        return where.missing(
            "search.examples",
            "no person, organisation or country to take examples from: add search: examples",
        )
    return tuple(_short_name(briefing, e) for e in ranked)


def _short_name(briefing: Briefing, entity_id: str) -> str:
    """The shortest of an entity's name and aliases that is still a word a reader would type."""
    entity = briefing.entity(entity_id)
    names = [n for n in (entity.name, *entity.aliases) if len(n) >= 3 and n.isascii()]
    return min(names, key=len) if names else entity.name


def _map_views(briefing: Briefing, where: _Where) -> tuple[MapViewSpec, ...]:
    places = {p.id for p in briefing.places}
    declared = briefing.book.map_views
    if declared is not None:
        _unique_ids(declared, "map_views", where)
        for index, view in enumerate(declared):
            for j, place in enumerate(view.places):
                if place not in places:
                    raise where.book(
                        f"map_views[{index}].places[{j}]",
                        f"'{place}' is not a place in places.yaml",
                    )
            if not view.places and not view.bounds and not places:
                raise where.book(
                    f"map_views[{index}]",
                    "places.yaml has no places to frame: give this view bounds",
                )
        return tuple(declared)
    if not briefing.places:
        return where.missing(
            "map_views",
            "places.yaml has no places to derive map views from: add map_views with bounds",
        )
    return (MapViewSpec(id="overview", name="Overview"), *_city_views(briefing))


def _city_views(briefing: Briefing) -> list[MapViewSpec]:
    """One view per city: the busiest first (most events), then by their first event."""
    by_city: dict[tuple[str, str], list[str]] = {}
    for place in briefing.places:
        by_city.setdefault((place.country, place.city), []).append(place.id)
    events: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], str] = {}
    for e in briefing.events:
        place = briefing.place(e.place)
        key = (place.country, place.city)
        events[key] += 1
        first[key] = min(first.get(key, "9999"), e.start.isoformat())
    cities = sorted(by_city, key=lambda k: (-events[k], first.get(k, "9999"), k[1], k[0]))
    views, ids = [], {"overview"}
    for country, city in cities:
        key = _slug(city) or "city"
        if key in ids:
            key = f"{key}-{_slug(country)}"
        base, n = key, 2
        while key in ids:
            key, n = f"{base}-{n}", n + 1
        ids.add(key)
        views.append(
            MapViewSpec(id=key, name=city, places=by_city[(country, city)], min_span=CITY_SPAN)
        )
    return views


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].strip("-")


def _words(thread_id: str) -> str:
    """A label for a thread book.yaml does not describe: its id in words ("trade-talks")."""
    return thread_id.replace("-", " ").capitalize()
