"""The numbered source list grouped by kind, citations "[3] Wire · 18 Sep 2023" for every
view, the corrections, and "what happened next"."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .dates import day_text, span_text
from .model import Briefing, Confidence, Event, Precision, Source, SourceKind
from .render import render
from .view import View

# The policy in readers' words (provenance.py enforces it; book_provenance.html.j2 explains it).
CONFIDENCE_LEGEND = (
    (
        Confidence.high,
        "An official record or a news agency's report, or two news outlets that are "
        "independent of each other. For people, places and offices held, a reference work "
        "such as an encyclopedia or gazetteer may also do.",
    ),
    (Confidence.medium, "One news outlet or other source, or sources that disagree on detail."),
    (Confidence.low, "Inferred or approximate (for example a settlement point for a building)."),
)

# Kinds in the order the source list groups them: label in citations, heading in the list.
KIND_LABELS = {
    SourceKind.official: ("Official", "Official records"),
    SourceKind.wire: ("Wire", "News agencies"),
    SourceKind.news: ("News", "Newspapers and broadcasters"),
    SourceKind.reference: ("Reference", "Reference works"),
    SourceKind.other: ("Other", "Other sources"),
}

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
    """A numbered reference to one source, as every view prints it: "[3] Wire · 18 Sep 2023"."""

    number: int
    source_id: str
    title: str
    anchor: str
    kind: str  # "Wire"
    date: str  # "18 Sep 2023", or "accessed 30 Nov 2026" for an undated item
    publisher: str

    @property
    def meta(self) -> str:
        return f"{self.kind} · {self.date}"


def ordered_sources(briefing: Briefing) -> list[Source]:
    """Sources in book order: grouped by kind (KIND_LABELS), file order within a kind."""
    rank = {kind: i for i, kind in enumerate(KIND_LABELS)}
    return sorted(briefing.sources, key=lambda s: rank[s.kind])  # sorted() is stable


def source_numbers(briefing: Briefing) -> dict[str, int]:
    """Each source's number in the book: its position in the source list, grouped by kind."""
    return {s.id: n for n, s in enumerate(ordered_sources(briefing), start=1)}


def source_number(briefing: Briefing, source_id: str) -> int:
    """The source's number in the book (see source_numbers)."""
    try:
        return source_numbers(briefing)[source_id]
    except KeyError:
        raise KeyError(f"unknown source {source_id!r}") from None


def citation_meta(source: Source) -> str:
    """What a citation says about its source: its kind and date, "Wire · 18 Sep 2023"."""
    return f"{KIND_LABELS[source.kind][0]} · {citation_date(source)}"


def citation_date(source: Source) -> str:
    """The date a citation shows: when the item was published, else when we read it."""
    if source.published:
        return day_text(source.published)
    return f"accessed {day_text(source.accessed)}"


def source_anchor(source_id: str) -> str:
    """The HTML id of a source's entry in the source list (ids are [a-z0-9-] by the model)."""
    return f"bk-source-{source_id}"


def citations(
    briefing: Briefing,
    source_ids: list[str] | tuple[str, ...],
    numbers: dict[str, int] | None = None,
) -> list[Citation]:
    """Numbered citations for some source ids, in number order, each once. A view citing
    many records may pass `numbers` (source_numbers) to work them out once."""
    numbers = numbers if numbers is not None else source_numbers(briefing)
    cited = sorted(dict.fromkeys(source_ids), key=numbers.__getitem__)
    return [citation(briefing.source(i), numbers[i]) for i in cited]


def citation(source: Source, number: int) -> Citation:
    return Citation(
        number=number,
        source_id=source.id,
        title=source.title,
        anchor=source_anchor(source.id),
        kind=KIND_LABELS[source.kind][0],
        date=citation_date(source),
        publisher=source.publisher,
    )


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
    """Every source grouped by kind, numbered as the other views cite it, with what cites it,
    after the "How sure we are" note."""

    title = "Sources"

    def __init__(self, briefing: Briefing):
        self.briefing = briefing

    def static_html(self) -> str:
        phrases = citing_facts(self.briefing)
        groups = []
        for number, source in enumerate(ordered_sources(self.briefing), start=1):
            if not groups or groups[-1]["kind"] is not source.kind:
                heading = KIND_LABELS[source.kind][1]
                groups.append({"kind": source.kind, "heading": heading, "rows": []})
            groups[-1]["rows"].append(
                {
                    "number": number,
                    "source": source,
                    "anchor": source_anchor(source.id),
                    "published": day_text(source.published, long=True)
                    if source.published
                    else None,
                    "accessed": day_text(source.accessed, long=True),
                    "cited_by": phrases[source.id],
                }
            )
        return render("book_sources.html.j2", groups=groups, legend=CONFIDENCE_LEGEND)


class CorrectionsView(View):
    """What changed in the book, when and why (corrections.yaml); nothing when there is none."""

    title = "Corrections"

    def __init__(self, briefing: Briefing):
        self.briefing = briefing

    def static_html(self) -> str:
        b = self.briefing
        if not b.corrections:
            return ""
        numbers = source_numbers(b)
        items = [
            {
                "correction": c,
                "iso": c.date.isoformat(),
                "when": day_text(c.date, long=True),
                "records": [record_label(b, ref) for ref in c.records],
                "citations": citations(b, c.sources, numbers),
            }
            for c in sorted(b.corrections, key=lambda c: c.date, reverse=True)
        ]
        return render("book_corrections.html.j2", items=items)


def record_label(briefing: Briefing, ref: str) -> str:
    """What a reader calls the record a FILE#ID names: "FAQ: Who chaired the summit?"."""
    name, _, record_id = ref.partition("#")
    if not record_id:
        return "The article's summary and key points"
    kind, field = _RECORD_LABELS[name]
    record = next(r for r in getattr(briefing, name.removesuffix(".yaml")) if r.id == record_id)
    if name == "relations.yaml":
        subject, obj = briefing.entity(record.subject), briefing.entity(record.object)
        return f"{kind}: {subject.name} – {record.type} – {obj.name}"
    return f"{kind}: {getattr(record, field)}"


# file -> (what a reader calls its records, the field that names one)
_RECORD_LABELS = {
    "sources.yaml": ("Source", "title"),
    "countries.yaml": ("Country", "name"),
    "people.yaml": ("Person", "name"),
    "organisations.yaml": ("Organisation", "name"),
    "places.yaml": ("Place", "name"),
    "events.yaml": ("Event", "title"),
    "relations.yaml": ("Connection", "type"),
    "faq.yaml": ("FAQ", "question"),
}


class WhatsNextView(View):
    """What happened after the event the article is about, dated, placed and sourced."""

    title = "What happened next"

    def __init__(self, briefing: Briefing):
        self.briefing = briefing

    def static_html(self) -> str:
        b = self.briefing
        later = sorted((e for e in b.events if b.after_article(e)), key=lambda e: e.order)
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
    """The numbered source list, grouped by kind, with the "How sure we are" note."""
    return SourcesView(briefing)


def corrections_view(briefing: Briefing) -> CorrectionsView:
    """The Corrections section: what changed, when and why; empty when there are none."""
    return CorrectionsView(briefing)


def whats_next_view(briefing: Briefing) -> WhatsNextView:
    """The events after the article's subject event, in date order."""
    return WhatsNextView(briefing)
