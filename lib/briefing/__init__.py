"""The briefing book's helper library: content model, views and exporter.

The notebook calls these one line at a time; each view returns an object that displays itself
live in JupyterLab and as a static twin in the exported page.
"""

from .article import article_view, title_block
from .book_style import page_setup
from .charts import network_view, relationship_network, timeline, timeline_view
from .content import DataError, load_briefing
from .faq import FaqSearch, faq_index
from .faq_view import faq_lookup
from .maps import map_view
from .model import Briefing
from .narrative import book_title, intro
from .people import people_view
from .sources import corrections_view, sources_view, whats_next_view

faq_view = faq_lookup


def __getattr__(name: str):
    # The exporter pulls in nbformat, nbclient and nbconvert (about a second of imports): the
    # notebook never needs them, so they load only when export_book is asked for.
    if name == "export_book":
        from .export import export_book

        return export_book
    raise AttributeError(f"module 'briefing' has no attribute {name!r}")


__all__ = [
    "Briefing",
    "DataError",
    "FaqSearch",
    "article_view",
    "book_title",
    "corrections_view",
    "export_book",
    "faq_index",
    "faq_lookup",
    "faq_view",
    "intro",
    "load_briefing",
    "map_view",
    "network_view",
    "page_setup",
    "people_view",
    "relationship_network",
    "sources_view",
    "timeline",
    "timeline_view",
    "title_block",
    "whats_next_view",
]
