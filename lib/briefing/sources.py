"""The numbered source list, citations "[3]" for every view, and "what happened next"."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .dates import day_text, span_text
from .model import Briefing, Confidence, Event, Precision
from .render import render
from .view import View

CONFIDENCE_LEGEND = (
    (Confidence.high, "Stated by a primary or official source, or by several independent ones."),
    (Confidence.medium, "One secondary source, or sources that disagree on detail."),
    (Confidence.low, "Inferred or approximate (for example a settlement point for a building)."),
)

# What each kind of record is called when counting the facts that cite a source.
_FACT_KINDS = (
    ("people", "person", "people"),
    ("organisations", "organisation", "organisations"),
    ("countries", "country", "countries"),
    ("places", "place", "places"),
    ("events", "event", "events"),
    ("relations", "relation", "relations"),
    ("faq", "FAQ answer", "FAQ answers"),
)


@dataclass(frozen=True)
class Citation:
    """A numbered reference to one source, as every view prints it: "[3]"."""

    number: int
    source_id: str
    title: str
    anchor: str


def source_number(briefing: Briefing, source_id: str) -> int:
    """The source's number in the book: its 1-based position in sources.yaml."""
    for number, source in enumerate(briefing.sources, start=1):
        if source.id == source_id:
            return number
    raise KeyError(f"unknown source {source_id!r}")


def source_anchor(source_id: str) -> str:
    """The HTML id of a source's entry in the source list (ids are [a-z0-9-] by the model)."""
    return f"bk-source-{source_id}"


def citations(briefing: Briefing, source_ids: list[str] | tuple[str, ...]) -> list[Citation]:
    """Numbered citations for some source ids, in number order, each once."""
    numbers = {s.id: n for n, s in enumerate(briefing.sources, start=1)}
    cited = sorted(dict.fromkeys(numbers[i] for i in source_ids))
    return [
        Citation(n, s.id, s.title, source_anchor(s.id))
        for n in cited
        for s in (briefing.sources[n - 1],)
    ]


def citing_facts(briefing: Briefing) -> dict[str, list[str]]:
    """For each source id, what cites it, as phrases such as "3 events" (article first)."""
    counts: dict[str, Counter[str]] = {s.id: Counter() for s in briefing.sources}
    for source_id in briefing.article.sources:
        counts[source_id]["article"] += 1
    for field, _, _ in _FACT_KINDS:
        for record in getattr(briefing, field):
            for source_id in dict.fromkeys(record.sources):
                counts[source_id][field] += 1
    phrases = {}
    for source_id, counter in counts.items():
        phrases[source_id] = ["the article"] if counter["article"] else []
        for field, one, many in _FACT_KINDS:
            if counter[field]:
                noun = one if counter[field] == 1 else many
                phrases[source_id].append(f"{counter[field]} {noun}")
    return phrases


class SourcesView(View):
    """Every source, numbered as the other views cite it, with what cites it."""

    title = "Sources"

    def __init__(self, briefing: Briefing):
        self.briefing = briefing

    def static_html(self) -> str:
        phrases = citing_facts(self.briefing)
        rows = [
            {
                "number": number,
                "source": source,
                "anchor": source_anchor(source.id),
                "date": day_text(source.date, long=True) if source.date else None,
                "cited_by": phrases[source.id],
            }
            for number, source in enumerate(self.briefing.sources, start=1)
        ]
        return render("book_sources.html.j2", rows=rows, legend=CONFIDENCE_LEGEND)


class WhatsNextView(View):
    """What happened after the event the article is about, dated, placed and sourced."""

    title = "What happened next"

    def __init__(self, briefing: Briefing):
        self.briefing = briefing

    def static_html(self) -> str:
        b = self.briefing
        later = sorted((e for e in b.events if b.after_article(e)), key=lambda e: e.start)
        subject = b.event(b.article.subject_event)
        return render(
            "book_whats_next.html.j2",
            subject=subject,
            subject_when=span_text(subject.start, subject.end, long=True),
            items=[self._item(e) for e in later],
        )

    def _item(self, event: Event) -> dict:
        place = self.briefing.place(event.place)
        return {
            "event": event,
            "when": span_text(event.start, event.end, long=True),
            "iso": event.start.isoformat(),
            "place_label": place.name
            if place.city in place.name
            else f"{place.name}, {place.city}",
            "place_caveat": None if place.precision is Precision.exact else _caveat(place),
            "participants": [self.briefing.entity(p).name for p in event.participants],
            "citations": citations(self.briefing, event.sources),
        }


def _caveat(place) -> str:
    return {
        Precision.approximate: "approximate location",
        Precision.city: "city only",
    }[place.precision]


def sources_view(briefing: Briefing) -> SourcesView:
    """The numbered source list with the confidence legend."""
    return SourcesView(briefing)


def whats_next_view(briefing: Briefing) -> WhatsNextView:
    """The events after the article's subject event, in date order."""
    return WhatsNextView(briefing)
