"""The article's glossary: which people, organisations and places a text names, and where.

Pure functions over the model, so the matching rules (aliases, longest match first, whole
words, case) are unit-tested apart from any HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Briefing, Confidence, Country, Entity, Place, Precision
from .render import place_anchor

# Aliases this short (or written in capitals, like "UN") match only with the same case,
# so "Mark" never matches "mark" and "UN" never matches "un".
SHORT_ALIAS = 4

_RANK = {Confidence.high: 0, Confidence.medium: 1, Confidence.low: 2}


@dataclass(frozen=True)
class GlossaryEntry:
    """What a tooltip says about one thing the article names."""

    key: str  # entity id, "city-<slug>" for a city, or "place-<id>" for a place (a venue)
    kind: str  # "person", "organisation", "place" (a city or a venue) or "country"
    name: str
    role: str  # role at the time, organisation kind, "City in <country>", "Place in <city>..."
    summary: str
    confidence: Confidence
    sources: tuple[str, ...]
    terms: tuple[str, ...]  # the name and aliases the text may use
    places: tuple[tuple[str, str], ...] = ()  # (place name, precision) for a city
    notes: tuple[str, ...] = ()  # caveats shown as such (approximate places, unknown venues)
    map_anchor: str | None = None  # a venue's entry in the map's text version, linked to


@dataclass(frozen=True)
class Mention:
    """One place in a text where a glossary entry is named."""

    start: int
    end: int
    text: str
    key: str


_JOINER = re.compile(r"[ \t]*,?[ \t]*")

PRECISION_LABELS = {
    Precision.exact: "exact location",
    Precision.approximate: "approximate location",
    Precision.city: "city point only",
}


def glossary(briefing: Briefing) -> dict[str, GlossaryEntry]:
    """Glossary entries for people, organisations, cities, places and countries, by key.

    The order matters: when two entries share a term, the earlier one keeps it (a place named
    like its city is glossed as the city, which lists it).
    """
    entries: dict[str, GlossaryEntry] = {}
    for person in briefing.people:
        entries[person.id] = _entity_entry(person, "person", person.role)
    for org in briefing.organisations:
        entries[org.id] = _entity_entry(org, "organisation", org.kind)
    for entry in _cities(briefing):
        entries.setdefault(entry.key, entry)
    for place in briefing.places:
        entries.setdefault(f"place-{place.id}", _place_entry(briefing, place))
    for country in briefing.countries:
        entries[country.id] = _entity_entry(
            country, "country", "Country", _country_notes(briefing, country)
        )
    return entries


def _entity_entry(
    entity: Entity, kind: str, role: str, notes: tuple[str, ...] = ()
) -> GlossaryEntry:
    return GlossaryEntry(
        key=entity.id,
        kind=kind,
        name=entity.name,
        role=role,
        summary=entity.summary,
        confidence=entity.confidence,
        sources=tuple(entity.sources),
        terms=(entity.name, *entity.aliases),
        notes=notes,
    )


def _country_notes(briefing: Briefing, country: Country) -> tuple[str, ...]:
    """A country whose only place in the book is a city point carries that place's caveat."""
    places = [p for p in briefing.places if p.country == country.id]
    if len(places) == 1 and places[0].precision is Precision.city and places[0].note:
        return (places[0].note,)
    return ()


def _cities(briefing: Briefing) -> list[GlossaryEntry]:
    """One entry per city in places.yaml, listing the book's places there and how exactly."""
    by_city: dict[str, list[Place]] = {}
    for place in briefing.places:
        by_city.setdefault(place.city, []).append(place)
    countries = {c.id: c.name for c in briefing.countries}
    entries = []
    for city, places in by_city.items():
        country = countries.get(places[0].country, places[0].country)
        # One place: its note is the city's caveat. Several: the list of places says enough.
        notes = (places[0].note,) if len(places) == 1 and places[0].note else ()
        entries.append(
            GlossaryEntry(
                key="city-" + re.sub(r"[^a-z0-9]+", "-", city.lower()).strip("-"),
                kind="place",
                name=city,
                role=f"City in {country}",
                summary="",
                # The least sure of its places: a city's entry is no surer than its weakest point.
                confidence=max((p.confidence for p in places), key=_RANK.__getitem__),
                sources=tuple(dict.fromkeys(s for p in places for s in p.sources)),
                terms=(city,),
                places=tuple((p.name, PRECISION_LABELS[p.precision]) for p in places),
                notes=notes,
            )
        )
    return entries


def _place_entry(briefing: Briefing, place: Place) -> GlossaryEntry:
    """A venue: found by its name, its map label and its aliases; linked to its map entry."""
    country = next((c.name for c in briefing.countries if c.id == place.country), place.country)
    return GlossaryEntry(
        key=f"place-{place.id}",
        kind="place",
        name=place.name,
        role=f"Place in {place.city}, {country} ({PRECISION_LABELS[place.precision]})",
        summary="",
        confidence=place.confidence,
        sources=tuple(place.sources),
        terms=tuple(dict.fromkeys(t for t in (place.name, place.label, *place.aliases) if t)),
        notes=(place.note,) if place.note else (),
        map_anchor=place_anchor(place.id),
    )


def find_mentions(text: str, briefing: Briefing) -> list[Mention]:
    """Every mention of a glossary entry in `text`, left to right, longest term first."""
    return mention_finder(glossary(briefing), [text])(text)


@dataclass(frozen=True)
class MentionFinder:
    """Finds a glossary's mentions in text; built once per glossary (the pattern is big)."""

    pattern: re.Pattern[str] | None
    keys: dict[str, str]  # regex group -> glossary key

    def __call__(self, text: str) -> list[Mention]:
        if self.pattern is None:
            return []
        found: list[Mention] = []
        # The pattern is a lookahead, so it reports the longest term at every word start, even
        # inside an earlier match: "President Lula" and "Lula da Silva" then join into one mention.
        for match in self.pattern.finditer(text):
            group = match.lastgroup or ""
            start, end = match.span(group)
            key = self.keys[group]
            last = found[-1] if found else None
            if last and start < last.end:  # overlaps the previous mention
                if key == last.key and end > last.end:
                    found[-1] = Mention(last.start, end, text[last.start : end], key)
            elif last and key == last.key and _JOINER.fullmatch(text, last.end, start):
                # "French President Emmanuel Macron": title and name side by side are one mention.
                found[-1] = Mention(last.start, end, text[last.start : end], key)
            else:
                found.append(Mention(start, end, text[start:end], key))
        return found


def first_mentions(
    mentions: list[Mention], entries: dict[str, GlossaryEntry], seen: set[str]
) -> list[Mention]:
    """The mentions worth highlighting in one paragraph: each entry's first in the paragraph.

    Countries are highlighted once per article (their first key in `seen`, which the caller
    shares between paragraphs), so a country named in every paragraph does not light up every one.
    """
    here: set[str] = set()
    kept = []
    for mention in mentions:
        country = entries[mention.key].kind == "country"
        if mention.key in here or (country and mention.key in seen):
            continue
        here.add(mention.key)
        if country:
            seen.add(mention.key)
        kept.append(mention)
    return kept


def split_text(text: str, mentions: list[Mention]) -> list[str | Mention]:
    """The text cut into plain strings and mentions, in order, ready for a template."""
    parts: list[str | Mention] = []
    at = 0
    for mention in mentions:
        if mention.start > at:
            parts.append(text[at : mention.start])
        parts.append(mention)
        at = mention.end
    if at < len(text):
        parts.append(text[at:])
    return parts


def mention_finder(
    entries: dict[str, GlossaryEntry], texts: Iterable[str] | None = None
) -> MentionFinder:
    """One alternation of every term of the glossary, longest first, as a MentionFinder.

    Given the `texts` it will search, the pattern leaves out the terms that cannot match in
    any of them (`_may_occur`): the same mentions, from a pattern that compiles several times
    faster (every name and alias of a book is some 190 terms; an article names a fraction).
    """
    terms: dict[str, str] = {}  # term -> key; the first entry to claim a term keeps it
    for entry in entries.values():
        for term in entry.terms:
            term = term.strip()
            if term:
                terms.setdefault(term, entry.key)
    if texts is not None:
        folded = _folded(texts)
        terms = {term: key for term, key in terms.items() if _may_occur(term, folded)}
    if not terms:
        return MentionFinder(None, {})
    # Longest first, so "Lula da Silva" wins over "Lula" where both could match.
    ordered = sorted(terms, key=lambda t: (-len(t), t))
    keys = {}
    alternatives = []
    for number, term in enumerate(ordered):
        group = f"t{number}"
        keys[group] = terms[term]
        # Typographic and straight apostrophes are the same letter to a reader.
        body = re.sub("['’]", "['’]", re.escape(term))
        if not _case_sensitive(term):
            # A plural ("World Economic Forums") names the same thing; short terms stay exact.
            body = f"(?i:{body})s?"
        alternatives.append(f"(?P<{group}>{body})")
    pattern = re.compile(r"(?<!\w)(?=(?:" + "|".join(alternatives) + r")(?!\w))")
    return MentionFinder(pattern, keys)


# The characters outside ASCII that the regex engine, ignoring case, takes for an ASCII letter
# (Unicode's simple case mappings and re's own extra cases; tests/test_mentions.py checks every
# code point): read as those letters when looking for a term's letters in a text.
_ASCII_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_ASCII_RUN = re.compile(r"[A-Za-z0-9]+")


def _folded(texts: Iterable[str]) -> str:
    """The texts as one string, lower case, the ASCII twins read as their letters."""
    return "\n".join(texts).translate(_ASCII_TWINS).lower()


def _may_occur(term: str, folded: str) -> bool:
    """False only when the term cannot match in the texts: a match holds each run of ASCII
    letters and digits of the term (apostrophes and other letters aside) in some case, so
    each run, lower case, is in the folded texts. A term with no such run is always kept."""
    return all(run.lower() in folded for run in _ASCII_RUN.findall(term))


def _case_sensitive(term: str) -> bool:
    return len(term) <= SHORT_ALIAS or term.isupper()
