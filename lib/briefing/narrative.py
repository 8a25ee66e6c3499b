"""The book's narrative from its data: the title with its standfirst, and each section's intro.

The notebook is the same for every story: where it once had Markdown naming this story, it now
calls these (one line each), and the words come from book.yaml. Reading hints that fit any story
are the library's; the one meant only for the live notebook (run the cells) never reaches the
export, and the export's own never shows in the notebook.
"""

from __future__ import annotations

import re

from .model import SECTION_KEYS, Briefing
from .render import render
from .view import View, exporting

# Marks a narrative output: the exporter shows it as the notebook's own prose (not as a view).
NARRATIVE_MARK = 'data-briefing-narrative="'
_PARAGRAPH_GAP = re.compile(r"\n[ \t]*\n")

LIVE_HINT = (
    "Run all cells, then use the buttons, the search box and the pickers. Everything here also "
    "works in the exported page, with no kernel and no network."
)
EXPORT_HINT = (
    "Use the buttons, the search box and the pickers: everything in this page works with no "
    "network and nothing to install."
)
# A sentence ends at . ! or ? before a capital, unless the word it closes is an initial or
# a short abbreviation ("U.S.", "Dr.", "St."): the article's origin is cut at its first one.
_SENTENCE_END = re.compile(r"(?<![\s.][A-Z])(?<!\b[A-Z][a-z])[.!?](?=\s+[A-Z\"“‘'(])")
# How to read each section, in words that fit any story (shown after book.yaml's intro). Where
# the article's text comes from is never assumed: it is article.yaml's `origin` (see origin_line).
SECTION_HINTS = {
    "article": (
        "Names, places and organisations are explained on hover or keyboard focus; the notes "
        "come from the book's data, with their confidence."
    ),
    "map": (
        "Switch views with the buttons; the layer control turns groups on and off and offers "
        "online tiles when a network is there."
    ),
    "network": (
        "Every line is a dated relation from the data. The buttons inside the chart show one "
        "kind of link; the picker focuses on one person."
    ),
    "faq": (
        "Type a question or a name (typos are fine), or filter by topic and by person or "
        "organisation."
    ),
    "sources": "Every fact in this book cites one or more of these.",
}


def paragraphs(text: str | None) -> list[str]:
    """Plain text cut at blank lines, each paragraph's lines joined."""
    if not text:
        return []
    return [" ".join(block.split()) for block in _PARAGRAPH_GAP.split(text) if block.strip()]


class BookTitle(View):
    """The book's title (also the exported page's <title>), its standfirst and how to use it."""

    def __init__(self, briefing: Briefing):
        settings = briefing.settings
        self.title = settings.title
        self.standfirst = paragraphs(settings.standfirst)
        self.hint = EXPORT_HINT if exporting() else LIVE_HINT

    def static_html(self) -> str:
        return render(
            "book_heading.html.j2", title=self.title, standfirst=self.standfirst, hint=self.hint
        )


class SectionIntro(View):
    """A section's introduction: book.yaml's words for it, then the library's reading hint."""

    def __init__(self, briefing: Briefing, section: str):
        if section not in SECTION_KEYS:
            raise ValueError(f"no section {section!r}; sections: {', '.join(SECTION_KEYS)}")
        self.section = section
        self.title = f"Introduction: {section}"
        text = getattr(briefing.settings.sections, section)
        hint = SECTION_HINTS.get(section)
        if section == "article":
            hint = f"{origin_line(briefing.article.origin)} {hint}"
        self.paragraphs = paragraphs(text) + paragraphs(hint)

    def static_html(self) -> str:
        if not self.paragraphs:
            return ""
        return render("book_intro.html.j2", section=self.section, paragraphs=self.paragraphs)


def origin_line(origin: str) -> str:
    """The first sentence of article.yaml's `origin`: what the article section says the text is
    (published verbatim, written for the book, of unknown origin), in the data's own words."""
    text = " ".join(origin.split())
    end = _SENTENCE_END.search(text)
    return text[: end.end()] if end else text


def book_title(briefing: Briefing) -> BookTitle:
    """The notebook's first words: `book_title(book)`."""
    return BookTitle(briefing)


def intro(briefing: Briefing, section: str) -> SectionIntro:
    """A section's introduction, e.g. `intro(book, "map")` (see model.Sections for the keys)."""
    return SectionIntro(briefing, section)
