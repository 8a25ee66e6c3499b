"""Answer cards derived from the records: every person, organisation, country, place, event and
relation answers the questions a reader asks about it, in a short natural answer that carries
the record's sources and confidence and links to the record's place in the page.

Generic: the words come from the records' own fields (names, aliases, roles, kinds, cities,
dates, relation types, notes); nothing here knows a story. A card's id is "<kind>:<record id>"
(FAQ entries keep their own ids, which hold no colon).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..dates import MONTHS, day_text, span_text
from ..model import Briefing, Event, Organisation, Person, Place, Relation
from ..render import place_anchor

# kind -> the topic a card shows (the FAQ's topic buttons never list these)
CARD_TOPICS = {
    "person": "Person",
    "organisation": "Organisation",
    "country": "Country",
    "place": "Place",
    "event": "Event",
    "relation": "Tie",
}
PRECISION_TEXT = {
    "exact": "the building itself is mapped",
    "approximate": "mapped approximately",
    "city": "only the city is known",
}


@dataclass(frozen=True)
class Card:
    """One derived answer. `subjects` are the entities it is about (their names and aliases are
    its strongest words), `terms` further words a reader may use for it (roles, posts, dates,
    places), `intents` the kinds of question it answers, `defines` the entity it describes
    alone ("Who is X?"), `link` the record's anchor in the page."""

    id: str
    kind: str
    question: str
    answer: str
    entities: tuple[str, ...]
    subjects: tuple[str, ...]
    terms: str
    intents: str
    defines: str
    sources: tuple[str, ...]
    confidence: str
    link: str
    link_label: str
    weight: str = ""  # the card_share key (rules.json) when not its kind's
    before: str = ""  # an event's: the card of the event before it ("what came before X?")
    after: str = ""  # and of the event after it ("what came after X?")
    hub: str = ""  # a tie's: the card of what ties of its type gather (its event, else object)
    group: str = ""  # a tie's type and hub: ties alike ("which countries are members of X?")

    @property
    def topic(self) -> str:
        return CARD_TOPICS[self.kind]

    from_article = False


def record_cards(briefing: Briefing) -> list[Card]:
    """Every record's card, in a fixed order: people, organisations, countries, places,
    events (by date), relations."""
    cards = [_entity_card(briefing, e) for e in briefing.entities]
    cards += [_place_card(briefing, p) for p in briefing.places]
    events = sorted(briefing.events, key=lambda e: (e.start, e.id))
    cards += [_sequenced(_event_card(briefing, e, events), e, events) for e in events]
    cards += [_relation_card(briefing, r) for r in briefing.relations]
    return cards


def _sequenced(card: Card, event: Event, ordered: list[Event]) -> Card:
    """The card with the events just before and just after its event: in its thread the last
    one over before it starts and the first one starting after it ends, else the book's."""
    end = event.end or event.start
    later = [e for e in ordered if e.start > end]
    earlier = sorted((e for e in ordered if (e.end or e.start) < event.start),
                     key=lambda e: (e.end or e.start, e.start, e.id))  # fmt: skip
    after = [e for e in later if e.thread == event.thread] or later
    before = [e for e in earlier if e.thread == event.thread] or earlier
    return replace(
        card,
        before=f"event:{before[-1].id}" if before else "",
        after=f"event:{after[0].id}" if after else "",
    )


def date_words(day: dt.date | None, end: dt.date | None = None) -> str:
    """The ways a reader writes a date or a span: "18 September 2023 Sep 18" for each day
    named (the first and last), so "on 18 September" or "in September 2023" find it."""
    out = []
    for d in dict.fromkeys(x for x in (day, end) if x):
        month = MONTHS[d.month - 1]
        out.append(f"{d.day} {month} {d.year} {month[:3]} {d.isoformat()}")
    return " ".join(out)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _short(text: str) -> str:
    """A role's first clause: "Mayor of Springfield (since 2019), chair of ..." gives "Mayor of
    Springfield"."""
    for stop in (" (", ", ", "; ", ". "):
        text = text.split(stop)[0]
    return text.rstrip(".").strip()


def _name(briefing: Briefing, entity_id: str) -> str:
    return briefing.entity(entity_id).name


def _when(relation: Relation) -> str:
    if relation.start and relation.event and not relation.end:  # a meeting: one day
        return f"on {day_text(relation.start)}"
    if relation.start and relation.end:
        return f"{day_text(relation.start)} – {day_text(relation.end)}"
    if relation.start:
        return f"from {day_text(relation.start)}"
    if relation.end:
        return f"until {day_text(relation.end)}"
    return ""


def _tie_text(briefing: Briefing, r: Relation) -> str:
    when = _when(r)
    return f"{_name(briefing, r.subject)} {r.type} {_name(briefing, r.object)}" + (
        f" ({when})" if when else ""
    )


def _post_words(briefing: Briefing, person: Person) -> set[str]:
    """The words of a person's post (its first clause) but its country's names, lower case."""
    country = briefing.entity(person.country)
    place = {w.lower() for n in (country.name, *country.aliases) for w in n.split()}
    return {w.lower() for w in _short(person.role).split() if len(w) > 3} - place


def _counterparts(briefing: Briefing, person: Person, ties) -> list[Person]:
    """The people of another country a person has a tie with and whose post shares a word of
    theirs (two foreign ministers who met), in the ties' order."""
    found: dict[str, Person] = {}
    words = _post_words(briefing, person)
    for r in ties:
        other = briefing.entity(r.object if r.subject == person.id else r.subject)
        if (
            isinstance(other, Person)
            and other.country != person.country
            and words & _post_words(briefing, other)
        ):
            found.setdefault(other.id, other)
    return list(found.values())


def _card_id(entity) -> str:
    """An entity's card id (as _entity_card names it)."""
    if isinstance(entity, Person):
        return f"person:{entity.id}"
    if isinstance(entity, Organisation):
        return f"organisation:{entity.id}"
    return f"country:{entity.id}"


def _entity_card(briefing: Briefing, entity) -> Card:
    ties = [r for r in briefing.relations if entity.id in (r.subject, r.object)]
    if isinstance(entity, Person):
        kind, question = "person", f"{entity.name}, {_short(entity.role)}"
        country = _name(briefing, entity.country)
        lead = f"{entity.name} ({country}): {_sentence(entity.role)}"
        # the country's other names (a demonym) and the counterparts: "X's <demonym> counterpart"
        terms = [entity.role, country, *briefing.entity(entity.country).aliases]
        terms += [f"counterpart of {p.name}" for p in _counterparts(briefing, entity, ties)]
        link, label = f"#bk-entity-{entity.id}", f"{entity.name}'s card"
        intents = "who"
    elif isinstance(entity, Organisation):
        kind, question = "organisation", f"{entity.name}, {_short(entity.kind)}"
        country = _name(briefing, entity.country) if entity.country else ""
        where = f", {country}" if country else ""
        lead = f"{entity.name}: {entity.kind}{where}."
        terms = [entity.kind, country]
        link, label = f"#bk-entity-{entity.id}", f"{entity.name}'s card"
        intents = "what who"
    else:
        kind, question = "country", f"{entity.name} in this book"
        lead = f"{entity.name} (country)."
        terms = []
        link, label = "#bk-ties", "the ties in the network"
        intents = "what"
    # standing ties (no event: posts, memberships) name the entity's roles ("secretary of X",
    # "heads"); a meeting's other party is only in the answer
    standing = [r for r in ties if not r.event]
    terms += [f"{r.type} {_name(briefing, r.object)}" for r in standing if r.subject == entity.id]
    terms += [r.type for r in standing if r.object == entity.id]
    paragraphs = [lead, _sentence(entity.summary)]
    if standing:  # meetings have their own cards (relations, events)
        posts = "; ".join(_tie_text(briefing, r) for r in standing)
        paragraphs.append(f"Posts and ties: {posts}.")
    others = {r.object if r.subject == entity.id else r.subject for r in ties}
    return Card(
        id=f"{kind}:{entity.id}",
        kind=kind,
        question=question,
        answer="\n\n".join(paragraphs),
        entities=(entity.id, *sorted(others - {entity.id})),
        subjects=(entity.id,),
        terms=" ".join(terms),
        intents=intents,
        defines=entity.id,
        sources=tuple(entity.sources),
        confidence=entity.confidence.value,
        link=link,
        link_label=label,
    )


def _place_card(briefing: Briefing, place: Place) -> Card:
    country = _name(briefing, place.country)
    events = briefing.events_at(place.id)
    paragraphs = [
        f"{place.name} is in {place.city}, {country} ({PRECISION_TEXT[place.precision.value]})."
    ]
    if place.note:
        paragraphs.append(_sentence(place.note))
    if events:
        paragraphs.append(
            "What happened here: "
            + "; ".join(f"{e.title} ({span_text(e.start, e.end)})" for e in events)
        )
    people = sorted({p for e in events for p in e.participants})
    return Card(
        id=f"place:{place.id}",
        kind="place",
        question=f"Where is {place.name}?",
        answer="\n\n".join(paragraphs),
        entities=tuple(people),
        subjects=(),
        terms=" ".join([place.name, place.label or "", place.city, country]),
        intents="where what",
        defines=f"place:{place.id}",
        sources=tuple(place.sources),
        confidence=place.confidence.value,
        link=f"#{place_anchor(place.id)}",
        link_label="the place on the map",
    )


def _event_card(briefing: Briefing, event: Event, ordered: list[Event]) -> Card:
    place = briefing.place(event.place)
    country = _name(briefing, place.country)
    people = {p.id for p in briefing.people}
    names = [_name(briefing, p) for p in event.participants]
    when = span_text(event.start, event.end, long=True)
    paragraphs = [f"{when}, at {place.name} ({place.city}, {country})."]
    if names:
        paragraphs[0] += " Taking part: " + ", ".join(names) + "."
    paragraphs.append(_sentence(event.summary))
    if event.note:
        paragraphs.append(_sentence(event.note))
    later = [e for e in ordered if e.thread == event.thread and e.start > event.start]
    if later:
        nxt = later[0]
        paragraphs.append(f"What came next: {nxt.title} ({span_text(nxt.start, nxt.end)}).")
    return Card(
        id=f"event:{event.id}",
        kind="event",
        question=f"{event.title}, {span_text(event.start, event.end)}",
        answer="\n\n".join(paragraphs),
        entities=tuple(event.participants),
        subjects=tuple(p for p in event.participants if p in people),
        terms=" ".join(
            [event.title, date_words(event.start, event.end), place.name, place.city, country]
        ),
        intents="when where who what",
        defines=f"event:{event.id}",  # its title names it alone (index "exact_names")
        sources=tuple(event.sources),
        confidence=event.confidence.value,
        link=f"#bk-event-{event.id}",
        link_label="the event in the timeline's table",
    )


def _relation_card(briefing: Briefing, r: Relation) -> Card:
    subject, obj = _name(briefing, r.subject), _name(briefing, r.object)
    sentence = f"{subject} {r.type} {obj}"
    when = _when(r)
    text = sentence + (f", {when}" if when else "") + "."
    paragraphs = [text]
    event = briefing.event(r.event) if r.event else None
    if event:
        place = briefing.place(event.place)
        paragraphs[0] += f" See {event.title} ({span_text(event.start, event.end)}, {place.city})."
    if r.note:
        paragraphs.append(_sentence(r.note))
    terms = [r.type, date_words(r.start, r.end)]
    hub = f"event:{event.id}" if event else _card_id(briefing.entity(r.object))
    if event:
        terms += [event.title, briefing.place(event.place).city]
    return Card(
        id=f"relation:{r.id}",
        kind="relation",
        question=sentence[:1].upper() + sentence[1:] + (f", {when}" if when else ""),
        answer="\n\n".join(paragraphs),
        entities=(r.subject, r.object),
        subjects=(r.subject, r.object),
        terms=" ".join(terms),
        intents="who when",
        defines="",
        sources=tuple(r.sources),
        confidence=r.confidence.value,
        link=f"#bk-relation-{r.id}",
        link_label="the tie in the network's table",
        weight="meeting" if event else "relation",  # a meeting's event has a card of its own
        hub=hub,
        group=f"{r.type} {hub}",
    )
