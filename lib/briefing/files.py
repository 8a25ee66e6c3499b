"""The files of a data folder: their names, and the record type each holds."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .model import (
    Country,
    Event,
    FaqEntry,
    Organisation,
    Person,
    Place,
    Relation,
    Source,
)

# file name -> record type, in the order they are read and reported
RECORD_FILES: dict[str, type] = {
    "sources.yaml": Source,
    "countries.yaml": Country,
    "people.yaml": Person,
    "organisations.yaml": Organisation,
    "places.yaml": Place,
    "events.yaml": Event,
    "relations.yaml": Relation,
    "faq.yaml": FaqEntry,
}
ARTICLE_FILE = "article.yaml"
ARTICLE_BODY = "article.txt"
BASEMAP_DIR = "basemap"  # optional: the folder's own offline basemap (else the default)
BASEMAP_FILE = "basemap.geojson"
GEOMETRY_TYPES = frozenset(
    {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}
)
CORRECTIONS_FILE = "corrections.yaml"  # optional: absent or empty means no corrections
SEARCH_FILE = "search.yaml"  # optional: related terms for the FAQ search (model.RelatedTerms)
BOOK_FILE = "book.yaml"  # optional: the story's own wording (model.Book, resolved in book.py)

# A record read from a file, with its position there (1-based): faults name "#position (id)".
Numbered = tuple[int, Any]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a file's parsed tree is built, checked
    and mostly dropped again (a basemap's or a city layer's JSON, a YAML file's nodes).

    Such a tree holds no reference cycles, so reference counting frees it the moment it is
    dropped; the collector would only scan it, again at each generation it is promoted to, and
    its many short-lived lists would count toward a full collection of every object the kernel
    holds (about 30 ms, where an import-only kernel runs none). Objects kept are collected as
    usual later; a cycle made meanwhile waits for the next collection.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
