"""The article's glossary: which people, organisations and places a text names, and where.

Pure functions over the model, so the matching rules (aliases, longest match first, whole
words, case) are unit-tested apart from any HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Briefing, Confidence, Place, Precision

# Aliases this short (or written in capitals, like "ICC") match only with the same case,
# so "Wang" never matches "wang" and "ICC" never matches "icc".
SHORT_ALIAS = 4

_RANK = {Confidence.high: 0, Confidence.medium: 1, Confidence.low: 2}


@dataclass(frozen=True)
class GlossaryEntry:
    """What a tooltip says about one thing the article names."""

    key: str  # entity id, or "city-<slug>" for a city made from places.yaml
    kind: str  # "person", "organisation" or "place"
    name: str
    role: str  # role at the time, organisation kind, or "City in <country>"
    summary: str
    confidence: Confidence
    sources: tuple[str, ...]
    terms: tuple[str, ...]  # the name and aliases the text may use
    notes: tuple[str, ...] = ()  # caveats shown as such (approximate places, unknown venues)


@dataclass(frozen=True)
class Mention:
    """One place in a text where a glossary entry is named."""

    start: int
    end: int
    text: str
    key: str


def glossary(briefing: Briefing) -> dict[str, GlossaryEntry]:
    """Glossary entries for the people, organisations and cities of the briefing, by key."""
    entries: dict[str, GlossaryEntry] = {}
    for person in briefing.people:
        entries[person.id] = GlossaryEntry(
            key=person.id,
            kind="person",
            name=person.name,
            role=person.role,
            summary=person.summary,
            confidence=person.confidence,
            sources=tuple(person.sources),
            terms=(person.name, *person.aliases),
        )
    for org in briefing.organisations:
        entries[org.id] = GlossaryEntry(
            key=org.id,
            kind="organisation",
            name=org.name,
            role=org.kind,
            summary=org.summary,
            confidence=org.confidence,
            sources=tuple(org.sources),
            terms=(org.name, *org.aliases),
        )
    for entry in _cities(briefing):
        entries.setdefault(entry.key, entry)
    return entries


def _cities(briefing: Briefing) -> list[GlossaryEntry]:
    """One entry per city in places.yaml, listing the book's places there and their caveats."""
    by_city: dict[str, list] = {}
    for place in briefing.places:
        by_city.setdefault(place.city, []).append(place)
    countries = {c.id: c.name for c in briefing.countries}
    entries = []
    for city, places in by_city.items():
        country = countries.get(places[0].country, places[0].country)
        notes = [
            _place_note(p) for p in places if p.precision is not Precision.exact or p.note
        ]
        sources = dict.fromkeys(s for p in places for s in p.sources)
        entries.append(
            GlossaryEntry(
                key="city-" + re.sub(r"[^a-z0-9]+", "-", city.lower()).strip("-"),
                kind="place",
                name=city,
                role=f"City in {country}" if city != country else "Place",
                summary="Places in this book: " + "; ".join(p.name for p in places) + ".",
                confidence=max((p.confidence for p in places), key=_RANK.__getitem__),
                sources=tuple(sources),
                terms=(city,),
                notes=tuple(notes),
            )
        )
    return entries


def _place_note(place: Place) -> str:
    where = f"{place.name}: location {place.precision.value}"
    return f"{where}. {place.note}" if place.note else f"{where}."


def find_mentions(text: str, briefing: Briefing) -> list[Mention]:
    """Every mention of a glossary entry in `text`, left to right, longest term first."""
    return mentions_in(text, glossary(briefing))


def mentions_in(text: str, entries: dict[str, GlossaryEntry]) -> list[Mention]:
    """Like `find_mentions`, with the glossary already built (one build per article)."""
    pattern, keys = _matcher(entries)
    if pattern is None:
        return []
    return [
        Mention(m.start(), m.end(), m.group(), keys[m.lastgroup or ""])
        for m in pattern.finditer(text)
    ]


def first_mentions(mentions: list[Mention]) -> list[Mention]:
    """Only the first mention of each entry (the rest of a paragraph stays plain text)."""
    seen: set[str] = set()
    kept = []
    for mention in mentions:
        if mention.key not in seen:
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


def _matcher(
    entries: dict[str, GlossaryEntry],
) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    terms: dict[str, str] = {}  # term -> key; the first entry to claim a term keeps it
    for entry in entries.values():
        for term in entry.terms:
            term = term.strip()
            if term:
                terms.setdefault(term, entry.key)
    if not terms:
        return None, {}
    # Longest first, so "Xi Jinping" wins over "Xi" where both could match.
    ordered = sorted(terms, key=lambda t: (-len(t), t))
    keys = {}
    alternatives = []
    for number, term in enumerate(ordered):
        group = f"t{number}"
        keys[group] = terms[term]
        body = re.escape(term)
        if not _case_sensitive(term):
            body = f"(?i:{body})"
        alternatives.append(f"(?P<{group}>{body})")
    # re caches compiled patterns, so the same briefing does not recompile per paragraph.
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
    return pattern, keys


def _case_sensitive(term: str) -> bool:
    return len(term) <= SHORT_ALIAS or term.isupper()
