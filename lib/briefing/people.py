"""Cards for the people and organisations of the story: who they were at the time, and how sure."""

from __future__ import annotations

from .model import Briefing, Entity, Organisation, Person
from .render import render
from .sources import citations
from .view import View

# Scripts other than Latin in aliases (王毅) are kept: a reader may search for them elsewhere.
MAX_ALIASES = 6


class PeopleView(View):
    """Cards: name, role at the time, country, short bio, numbered sources, confidence."""

    title = "People and organisations"

    def __init__(self, briefing: Briefing):
        self.briefing = briefing

    def static_html(self) -> str:
        groups = [
            {"title": "People", "cards": [self._card(p) for p in self.briefing.people]},
            {
                "title": "Organisations",
                "cards": [self._card(o) for o in self.briefing.organisations],
            },
        ]
        return render("book_people.html.j2", groups=[g for g in groups if g["cards"]])

    def _card(self, entity: Entity) -> dict:
        if isinstance(entity, Person):
            role, country = entity.role, entity.country
        elif isinstance(entity, Organisation):
            role, country = entity.kind[:1].upper() + entity.kind[1:], entity.country
        else:
            role, country = "Country", None
        return {
            "anchor": f"bk-entity-{entity.id}",
            "name": entity.name,
            "role": role,
            "country": self.briefing.entity(country).name if country else None,
            "summary": entity.summary,
            "aliases": entity.aliases[:MAX_ALIASES],
            "confidence": entity.confidence,
            "citations": citations(self.briefing, entity.sources),
        }


def people_view(briefing: Briefing) -> PeopleView:
    """Cards for every person, then every organisation, in data order."""
    return PeopleView(briefing)
