"""The FAQ lookup view: a live ipywidgets search and its static twin, both over `faq_index`.

The live form re-renders the matching entries from Python as the reader types; the twin renders
every entry once (escaped) and ships the same index as JSON, which static/faq.js searches to
show, hide and reorder the entries. Both say the same things in the same words (STATUS).
Both lists are compact: each entry is a <details> whose summary is its question; the best
answer is open and the rest closed, "Show all answers" opens every answer, and when nothing
answers the query the closest questions are offered closed, under "No answer matches".
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from . import assets
from .dates import day_text
from .faq import FaqSearch, faq_index, tokenize
from .faq.cards import Card, record_cards
from .model import Briefing, Place
from .render import place_anchor, render, stable_id
from .sources import KIND_LABELS, citations, source_numbers
from .view import View

VIEW_NAME = "faq"
ALL_TOPICS = "All"
ALL_ENTITIES = "Anyone or anything"
# What the results region says, live and in the twin (faq.js fills the same placeholders).
STATUS = {
    "all": "Showing all {total} answers.",
    "filtered": "Showing {count} of {total} answers{filters}.",
    "one": "1 answer matches “{query}”{filters}.",
    "many": "{count} answers match “{query}”{filters}, best first.",
    "suggest": "No answer matches “{query}”{filters}. The closest questions are below.",
    "suggestions_label": "Closest questions",
    "none": "No answer matches “{query}”{filters}. Try a name such as {example}.",
    "none_filtered": (
        "No answer matches “{query}”{filters}. Try a name such as {example}, or clear the filters."
    ),
    "empty_filtered": "No answer fits these filters{filters}. Choose “All” to see every answer.",
    "topic": " in “{topic}”",
    "entity": " about {entity}",
}


SHOW_ALL = "Show all answers"


def status_message(
    count: int,
    total: int,
    query: str,
    topic: str,
    entity_name: str,
    example: str,
    answered: bool = True,
) -> str:
    """The sentence above the results: how many answers show, for what, or what to try."""
    filters = (STATUS["topic"].replace("{topic}", topic) if topic else "") + (
        STATUS["entity"].replace("{entity}", entity_name) if entity_name else ""
    )
    query = query.strip()
    if not query or not tokenize(query):
        key = "all" if count == total else ("filtered" if count else "empty_filtered")
    elif count == 0:
        key = "none_filtered" if filters else "none"
    elif not answered:
        key = "suggest"
    else:
        key = "one" if count == 1 else "many"
    values = {"count": count, "total": total, "query": query, "filters": filters}
    values["example"] = example
    text = STATUS[key]
    for name in ("count", "total", "filters", "example", "query"):  # query last: it is free text
        text = text.replace("{" + name + "}", str(values[name]))
    return text


class FaqLookup(View):
    """Search the FAQ by words, topic and entity; live in JupyterLab, static in the export."""

    title = "Questions and answers"

    def __init__(self, briefing: Briefing):
        self.briefing = briefing
        self.cards = record_cards(briefing)
        self.index = faq_index(briefing, self.cards)
        self.engine = FaqSearch(self.index)
        self.entries = {entry.id: _entry_context(briefing, entry) for entry in briefing.faq}
        numbers = source_numbers(briefing)
        self.entries.update((c.id, _card_context(briefing, c, numbers)) for c in self.cards)
        self.total = len(briefing.faq)  # "all answers": the FAQ's own entries
        self.topics = _topics(briefing)
        self.entity_choices = _entity_choices(briefing)
        self.example = _example_name(briefing)
        self.placeholder = "e.g. " + ", ".join(briefing.settings.search_examples)  # book.yaml
        self.root_id = stable_id("faq", [entry.id for entry in briefing.faq])

    def results_html(
        self, query: str = "", topic: str = "", entity: str = "", show_all: bool = False
    ) -> str:
        """The live results region: status and the answers, best first (the best open, the
        rest closed unless show_all), or the closest questions when none answers."""
        hits = self.engine.search(query, topic, entity)
        return render(
            "faq_results.html.j2",
            css=assets.static_text("faq.css"),
            status=self.status(len(hits.shown), query, topic, entity, hits.answered),
            entries=[self.entries[i] for i in hits.shown],
            opened=_opened(len(hits.shown), hits.answered, show_all),
            suggesting=not hits.answered and bool(hits.shown),
            suggestions_label=STATUS["suggestions_label"],
        )

    def status(self, count: int, query: str, topic: str, entity: str, answered: bool = True) -> str:
        names = dict((entity_id, name) for name, entity_id in self.entity_choices)
        return status_message(
            count, self.total, query, topic, names.get(entity, ""), self.example, answered
        )

    def static_html(self) -> str:
        """Every entry rendered once, the controls, the index for static/faq.js, and the
        records' cards, packed: they show only when a search finds them (faq.js unpacks them)."""
        return self._html(searchable=True)

    def fallback_html(self) -> str:
        """Beside the live widget: the FAQ's entries as a list, without the index and the cards
        (the search needs the exported page's faq.js; the live widget has its own)."""
        return self._html(searchable=False)

    def _html(self, searchable: bool) -> str:
        cards = (
            render("faq_cards.html.j2", entries=[self.entries[c.id] for c in self.cards])
            if searchable
            else ""
        )
        return render(
            "faq.html.j2",
            root_id=self.root_id,
            view_name=VIEW_NAME,
            placeholder=self.placeholder,
            topics=self.topics,
            all_topics=ALL_TOPICS,
            all_entities=ALL_ENTITIES,
            entity_choices=self.entity_choices,
            entries=[self.entries[e.id] for e in self.briefing.faq],
            opened=_opened(self.total, True, False),
            cards_packed=assets.packed_text(cards) if searchable else "",
            cards_length=len(cards.encode("utf-8")),
            show_all=SHOW_ALL,
            status=self.status(self.total, "", "", ""),
            data={
                "index": self.index,
                "messages": STATUS,
                "example": self.example,
                "entity_names": {entity_id: name for name, entity_id in self.entity_choices},
            }
            if searchable
            else None,
        )

    def live(self) -> Any:
        """A search box, topic buttons, an entity menu and the results, updated as one types."""
        import ipywidgets as widgets

        query = widgets.Text(
            description="Search",
            placeholder=self.placeholder,
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="28rem", max_width="100%"),
        )
        topic = widgets.ToggleButtons(
            options=[ALL_TOPICS, *self.topics],
            description="Topic",
            style={"description_width": "initial", "button_width": "auto"},
        )
        entity = widgets.Dropdown(
            options=[(ALL_ENTITIES, ""), *self.entity_choices],
            description="About",
            style={"description_width": "initial"},
        )
        show_all = widgets.ToggleButton(
            value=False,
            description=SHOW_ALL,
            tooltip="Open every answer (otherwise only the best one is open)",
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        results = widgets.HTML(value=self.results_html())

        def update(_change: Any = None) -> None:
            chosen = "" if topic.value == ALL_TOPICS else topic.value
            results.value = self.results_html(query.value, chosen, entity.value, show_all.value)

        for control in (query, topic, entity, show_all):
            control.observe(update, names="value")
        box = widgets.VBox([query, topic, entity, show_all, results])
        box.add_class("briefing-faq-live")
        return box


def faq_lookup(briefing: Briefing) -> FaqLookup:
    """The FAQ lookup view for the notebook to display."""
    return FaqLookup(briefing)


def _opened(count: int, answered: bool, show_all: bool) -> list[bool]:
    """Which listed entries start open: the best answer, or all of them; no suggestion."""
    return [answered and (show_all or i == 0) for i in range(count)]


def _entry_context(briefing: Briefing, entry: Any) -> dict[str, Any]:
    sources = []
    for source_id in entry.sources:
        source = briefing.source(source_id)
        sources.append(
            {
                "title": source.title,
                "publisher": source.publisher,
                "kind": KIND_LABELS[source.kind][0],
                "date": day_text(source.published) if source.published else "",
                "url": source.url,
            }
        )
    return {
        "id": entry.id,
        "dom_id": stable_id("faq-entry", entry.id),
        "question": entry.question,
        "paragraphs": [p.strip() for p in entry.answer.split("\n\n") if p.strip()],
        "topic": entry.topic,
        "confidence": entry.confidence.value,
        "from_article": entry.from_article,
        "entities": [_concerns(briefing, record_id) for record_id in entry.entities],
        "sources": sources,
        "card": False,
    }


def _card_context(briefing: Briefing, card: Card, numbers: dict[str, int]) -> dict[str, Any]:
    """A record's answer card as the list shows it: like an entry, with the book's numbered
    citations for its sources and a link to the record's place in the page."""
    return {
        "id": card.id,
        "dom_id": "",  # nothing refers to a card's element
        "question": card.question,
        "paragraphs": [p for p in card.answer.split("\n\n") if p],
        "topic": card.topic,
        "confidence": card.confidence,
        "from_article": False,
        "entities": [],
        "sources": [],
        "citations": citations(briefing, card.sources, numbers),
        "card": True,
        "link": card.link,
        "link_label": card.link_label,
    }


def _topics(briefing: Briefing) -> list[str]:
    """Topics in the FAQ's own order, not counting the article's entries, which come first."""
    ordered = sorted(briefing.faq, key=lambda entry: entry.from_article)  # stable
    return list(dict.fromkeys(entry.topic for entry in ordered))


def _entity_choices(briefing: Briefing) -> list[tuple[str, str]]:
    """(name, id) of every person, organisation, country or place some FAQ entry concerns."""
    ids = dict.fromkeys(entity_id for entry in briefing.faq for entity_id in entry.entities)
    return sorted(((briefing.named(i).name, i) for i in ids), key=lambda c: (c[0].casefold(), c))


def _concerns(briefing: Briefing, record_id: str) -> dict[str, str | None]:
    """One name in an entry's "Concerns:" line; a place links to its entry in the map's text."""
    record = briefing.named(record_id)
    href = "#" + place_anchor(record_id) if isinstance(record, Place) else None
    return {"name": record.name, "href": href}


def _example_name(briefing: Briefing) -> str:
    """The two people the FAQ concerns most, by a one-word name, to suggest after no match."""
    people = {person.id: person for person in briefing.people}
    counts = Counter(i for entry in briefing.faq for i in entry.entities if i in people)
    names = []
    for person_id in sorted(counts, key=lambda i: (-counts[i], i)):
        person = people[person_id]
        words = [n for n in (*person.aliases, person.name) if n.isascii() and n.isalpha()]
        if words:
            names.append(min(words, key=lambda n: (len(n), n)))
    return " or ".join(names[:2]) or "a person in the story"
