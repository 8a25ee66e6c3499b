"""The notebook's first cell: the book's own CSS, so the HTML views look right live too."""

from __future__ import annotations

from . import assets
from .render import render
from .view import View

# The exporter drops the output that carries this mark: its page inlines the same CSS in <head>.
SETUP_MARK = 'data-briefing-view="page-setup"'


class PageSetup(View):
    """A <style> holding every static/*.css file (the exporter inlines the same files)."""

    title = "Briefing book styles"

    def static_html(self) -> str:
        names = sorted(p.name for p in assets.STATIC.glob("*.css"))
        styles = [assets.inline_style(assets.static_text(name)) for name in names]
        return render("book_page_setup.html.j2", styles=styles)


def page_setup() -> PageSetup:
    """The view for the notebook's first cell: the book's styles, nothing visible."""
    return PageSetup()
