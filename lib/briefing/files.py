"""The files of a data folder: their names, and the record type each holds."""

from __future__ import annotations

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
