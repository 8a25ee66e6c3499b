"""The article: its title block, and its body with a glossary tooltip on each name it mentions.

Both views are plain HTML whose tooltips are pure CSS (hover and keyboard focus), so their
static twin is also their live form: they work alike in JupyterLab, in the export and in print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import day_text
from .mentions import (
    GlossaryEntry,
    Mention,
    first_mentions,
    glossary,
    mention_finder,
    split_text,
)
from .model import Briefing
from .render import render, stable_id
from .sources import Citation, citations, source_numbers
from .view import View

# A line on its own that starts the article's question-and-answer section.
_FAQ_HEADING = re.compile(r"(?i)(faqs?|frequently asked questions|q\s*&\s*a)[:.]?")
_BLOCK_GAP = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class QA:
    """One question of the article's own FAQ section and the paragraphs that answer it."""

    question: str
    answers: tuple[str, ...]


@dataclass(frozen=True)
class ArticleText:
    """The article body cut into its running paragraphs and its FAQ section."""

    paragraphs: tuple[str, ...]
    faq_heading: str | None
    faq: tuple[QA, ...]


def parse_body(body: str) -> ArticleText:
    """Paragraphs are separated by blank lines; a line "FAQ" starts the questions and answers."""
    blocks = [" ".join(b.split()) for b in _BLOCK_GAP.split(body.strip()) if b.strip()]
    for index, block in enumerate(blocks):
        if _FAQ_HEADING.fullmatch(block):
            return ArticleText(tuple(blocks[:index]), block, _questions(blocks[index + 1 :]))
    return ArticleText(tuple(blocks), None, ())


def _questions(blocks: list[str]) -> tuple[QA, ...]:
    pairs: list[tuple[str, list[str]]] = []
    for block in blocks:
        if block.endswith("?") or not pairs:
            pairs.append((block, []))
        else:
            pairs[-1][1].append(block)
    return tuple(QA(q, tuple(a)) for q, a in pairs)


@dataclass(frozen=True)
class Term:
    """A highlighted mention as the template draws it: the words and their tooltip."""

    text: str
    entry: GlossaryEntry
    tip_id: str
    sources: tuple[Citation, ...]


class TitleBlock(View):
    """Headline, dateline, date with its caveat, summary, key points and where the text is from."""

    title = "Title block"

    def __init__(self, briefing: Briefing):
        self.briefing = briefing

    def static_html(self) -> str:
        article = self.briefing.article
        return render(
            "book_title.html.j2",
            article=article,
            date=day_text(article.date, long=True),
            citations=citations(self.briefing, article.sources),
        )


class ArticleView(View):
    """The article body with its FAQ, each person, organisation and place explained on focus."""

    title = "Article"

    def __init__(self, briefing: Briefing):
        self.briefing = briefing

    def static_html(self) -> str:
        text = parse_body(self.briefing.article.body)
        entries = glossary(self.briefing)
        blocks = [*text.paragraphs, *(b for qa in text.faq for b in (qa.question, *qa.answers))]
        find = mention_finder(entries, blocks)  # one pattern for every block of the article
        numbers = source_numbers(self.briefing)
        cited: dict[str, tuple[Citation, ...]] = {}  # each entry's citations, worked out once

        def cites(entry: GlossaryEntry) -> tuple[Citation, ...]:
            if entry.key not in cited:
                cited[entry.key] = tuple(citations(self.briefing, entry.sources, numbers))
            return cited[entry.key]

        seen: set[str] = set()  # countries already highlighted, shared by all blocks in order
        used: dict[str, GlossaryEntry] = {}

        def parts(block: str, where: str) -> list[str | Term]:
            found = first_mentions(find(block), entries, seen)
            out: list[str | Term] = []
            for part in split_text(block, found):
                if isinstance(part, Mention):
                    entry = entries[part.key]
                    used.setdefault(entry.key, entry)
                    tip = stable_id("bk-tip", entry.key, where)
                    out.append(Term(part.text, entry, tip, cites(entry)))
                else:
                    out.append(part)
            return out

        paragraphs = [parts(p, f"p{i}") for i, p in enumerate(text.paragraphs)]
        faq = [
            {
                "question": parts(qa.question, f"q{i}"),
                "answers": [parts(a, f"q{i}a{j}") for j, a in enumerate(qa.answers)],
            }
            for i, qa in enumerate(text.faq)
        ]
        return render(
            "book_article.html.j2",
            paragraphs=paragraphs,
            faq_heading=text.faq_heading,
            faq=faq,
            glossary=[
                (entry, cites(entry))
                for entry in sorted(used.values(), key=lambda e: (_KIND_ORDER[e.kind], e.name))
            ],
        )


_KIND_ORDER = {"person": 0, "organisation": 1, "place": 2, "country": 3}


def title_block(briefing: Briefing) -> TitleBlock:
    """The article's headline, dateline, date (with its note), summary and key points."""
    return TitleBlock(briefing)


def article_view(briefing: Briefing) -> ArticleView:
    """The article's text and FAQ with glossary tooltips (hover or keyboard focus, no script)."""
    return ArticleView(briefing)
