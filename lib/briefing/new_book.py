"""`python -m briefing new DIR`: a data folder to start a new book from, one example per file.

Every file holds one commented example record, so an author sees the format by example; the
folder passes `check` and exports as it is (a one-place, one-event book), and the author then
replaces the examples with the story. Only a new or empty folder is written to.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .assets import ROOT
from .content import _read_text
from .errors import DataError
from .files import ARTICLE_BODY, ARTICLE_FILE, BOOK_FILE, RECORD_FILES
from .model import Briefing, Source

EXAMPLE_ARTICLE = """\
Replace this text with the article the book is about, copied verbatim. Paragraphs are separated
by blank lines. Names written here that people.yaml, organisations.yaml, places.yaml or
countries.yaml know (by name or alias) are explained on hover in the book.

In this example, Alex Example, the Example Minister, met the Example Council in Geneva.

FAQ

What does a line "FAQ" do?

It starts the article's own questions and answers: a line ending in "?" is a question, the
paragraphs after it are its answer.
"""

ARTICLE_YAML = """\
# The article's metadata; its text is article.txt (verbatim).
headline: "EXAMPLE: Alex Example meets the Example Council"   # the book's headline
summary: >-
  One paragraph saying what the article reports. EXAMPLE: replace with the story's summary.
dateline: Geneva          # where the article was filed, as the article gives it
date: {today}          # the article's date (YYYY-MM-DD)
# date_note: Optional. Say when the date is not the publication date (an undated article).
subject_event: example-meeting   # events.yaml id of the event the article is about
origin: Where the text comes from (publisher, author), or that it is unknown.
key_points:               # one to five short points
  - "EXAMPLE: Alex Example met the Example Council."
sources: [example-source] # sources.yaml ids
"""

BOOK_YAML = """\
# book.yaml: the story's own wording and choices. EVERY field is optional: where a field is
# left out, the library derives a default from the data (README, "book.yaml"). Uncomment and
# edit what you want to set. Text is plain; a blank line starts a new paragraph.

title: "EXAMPLE briefing book"      # default: article.yaml headline
# standfirst: One paragraph under the title.

# sections:                       # each section's introduction, shown under its heading
#   article: ...
#   people: Roles as they stood at the time of the article.
#   map: ...
#   network: ...
#   timeline: ...
#   faq: ...
#   whats_next: ...
#   sources: ...

# journey:                        # default: no journey drawn
#   person: alex-example          # whose trip (a people.yaml id)
#   label: "Alex Example's journey"

# periods:                        # what the central event (subject_event) is called
#   before: Before the meeting
#   during: The meeting            # default: the subject event's title
#   after: After
#   around: Weeks around the meeting

# threads:                        # timeline lanes, top to bottom; default: one per event thread
#   - {id: talks, label: Talks, colour: "#6a51a3"}

# network:
#   title: The chart's headline
#   sides: [exampleland]          # countries.yaml ids; default: the network's biggest countries
#   tie_groups:                   # default: Meetings, Posts and membership
#     - {id: meetings, label: Meetings, types: [met, hosts], colour: "#cc79a7"}

# timeline_title: The timeline's headline

# search:
#   examples: [Alex Example, Council]   # default: the most-cited names

# map_views:                      # default: an overview, then one view per city
#   - {id: overview, name: Overview}
#   - {id: geneva, name: Geneva, places: [example-venue], min_span: 0.1}
#   - {id: lake, name: The lake, bounds: [[46.1, 6.0], [46.6, 6.9]]}
"""

COUNTRIES_YAML = """\
# Countries the story names. aliases = other names a reader may type.
- id: exampleland                 # lowercase words joined by hyphens; used by other files
  name: Exampleland
  aliases: [Example Republic]
  summary: EXAMPLE. One or two sentences that the sources below support.
  sources: [example-source]       # sources.yaml ids
  confidence: medium              # high | medium | low
"""

PEOPLE_YAML = """\
# People in the story.
- id: alex-example
  name: Alex Example
  aliases: [Minister Example]     # titles and spellings a reader may type
  role: Example Minister of Exampleland (at the time of the article).
  country: exampleland            # countries.yaml id
  summary: EXAMPLE. Who this person is, in the sources' words.
  sources: [example-source]
  confidence: medium
"""

ORGANISATIONS_YAML = """\
# Institutions, summits and initiatives. kind = a short label.
- id: example-council
  name: Example Council
  aliases: [the Council]
  kind: intergovernmental body
  country: exampleland            # optional: countries.yaml id
  summary: EXAMPLE. What the organisation is.
  sources: [example-source]
  confidence: medium
"""

PLACES_YAML = """\
# Places, in WGS84 degrees. precision: exact (the building) | approximate | city (only the city
# is known: drawn as an area, not a pin).
- id: example-venue
  name: Example venue, Geneva
  label: Example venue            # optional short name for map labels
  aliases: [the Example Hall]     # optional: other names the article may use for it
  city: Geneva                    # places are grouped by city (one map view per city)
  country: exampleland
  lat: 46.2044
  lon: 6.1432
  precision: city
  note: "Optional. EXAMPLE: the building was not named."
  sources: [example-source]
  confidence: medium
"""

EVENTS_YAML = """\
# Events, one per meeting. thread = the timeline lane it belongs to (any id; book.yaml can
# name and colour the threads).
- id: example-meeting
  title: Alex Example meets the Example Council
  start: {today}
  time: "10:00"                   # optional: the local time it began (orders same-day events)
  end: {today}                    # optional: the last day
  place: example-venue            # places.yaml id
  participants: [alex-example, example-council]
  thread: talks
  summary: EXAMPLE. What happened, in the sources' words.
  note: Optional.
  sources: [example-source]
  confidence: medium
"""

RELATIONS_YAML = """\
# Typed, dated ties between people, organisations and countries (the network).
- id: alex-met-council
  subject: alex-example
  type: met                       # a verb phrase; book.yaml network.tie_groups groups types
  object: example-council
  start: {today}                  # optional dates
  event: example-meeting          # optional: the event it comes from
  note: Optional.
  sources: [example-source]
  confidence: medium
"""

FAQ_YAML = """\
# Questions and answers for the search box (at least one).
- id: who-is-alex-example
  question: Who is Alex Example?
  answer: EXAMPLE. The Example Minister of Exampleland.
  topic: People                   # the topic buttons group answers by this
  entities: [alex-example]        # people, organisations, countries or places it is about
  sources: [example-source]
  confidence: medium
  from_article: false             # true for the article's own FAQ entries
"""

# One line per Source field this version of the model knows, in this order.
SOURCE_LINES = {
    "id": "- id: example-source            # cited by every other file",
    "title": "  title: EXAMPLE title of the page that was read",
    "kind": "  kind: official                # official | wire | news | reference | other",
    "publisher": "  publisher: Example Ministry",
    "url": "  url: https://www.example.org/news/example-page   # the item's own address",
    "published": "  published: {today}          # its publication date, if it has one",
    "date": "  date: {today}               # its publication date, if it has one",
    "accessed": "  accessed: {today}           # when it was read",
    "note": '  note: "Optional. EXAMPLE: replace this source with a real one."',
}


def sources_yaml() -> str:
    known = {f.name for f in dataclasses.fields(Source)}
    lines = [line for name, line in SOURCE_LINES.items() if name in known]
    return (
        "# Sources: the items that were read. Every fact cites them by id.\n"
        + "\n".join(lines)
        + "\n"
    )


# A folder made inside this project's checkout is the author's book, not the project's: it
# carries its own .gitignore, so `git status` stays clean until the author decides otherwise.
GITIGNORE = """\
# This book was made inside the briefing project's checkout, so git ignores it (and its
# exports). Delete this file to commit the book here.
*
"""
# The template's marker in every example record, and the domains reserved for examples
# (RFC 2606): a folder still holding either is not yet the author's story.
EXAMPLE_WORD = re.compile(r"\bEXAMPLE\b")
EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net", "example")


def new_book(folder: Path, article: Path | None = None) -> list[Path]:
    """Write a new data folder; DataError if it is not empty or the article cannot be read."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise DataError(folder, "not an empty folder: `new` writes only into a new or empty one")
    body = _read_text(article) if article is not None else EXAMPLE_ARTICLE
    if not body.strip():
        raise DataError(article or folder, "the article is empty")
    today = dt.date.today().isoformat()
    files = {
        ARTICLE_BODY: body if body.endswith("\n") else body + "\n",
        ARTICLE_FILE: ARTICLE_YAML,
        BOOK_FILE: BOOK_YAML,
        **_record_templates(),
    }
    if _inside_project(folder):
        files[".gitignore"] = GITIGNORE
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text.replace("{today}", today) if name != ARTICLE_BODY else text, "utf-8")
        written.append(path)
    return written


def _inside_project(folder: Path) -> bool:
    """True for a folder inside this checkout (but not examples/, where books are committed)."""
    where = folder.resolve()
    return where.is_relative_to(ROOT) and not where.is_relative_to(ROOT / "examples")


def template_leftovers(briefing: Briefing) -> list[str]:
    """What of `new`'s template a data folder still holds, one line each (file, record, why):
    records with the template's ids or its EXAMPLE text, sources on an example domain."""
    ids = _template_ids()
    found = []
    article = briefing.article
    for name, record in ((ARTICLE_FILE, article), (BOOK_FILE, briefing.book)):
        if any(EXAMPLE_WORD.search(v) for v in _texts(record)):
            found.append(f"{name}: still has the template's EXAMPLE text")
    for name in RECORD_FILES:
        for position, record in enumerate(getattr(briefing, name.removesuffix(".yaml")), 1):
            where = f"{name}, record #{position} (id '{record.id}')"
            if record.id in ids.get(name, ()) or any(
                EXAMPLE_WORD.search(v) for v in _texts(record)
            ):
                found.append(f"{where}: still the template's EXAMPLE record")
            elif name == "sources.yaml" and record.url and _example_domain(record.url):
                found.append(
                    f"{where}: its url is on {_example_domain(record.url)}, not a real item"
                )
    return found


def _template_ids() -> dict[str, set[str]]:
    return {
        name: {r["id"] for r in yaml.safe_load(text.replace("{today}", "2000-01-01"))}
        for name, text in _record_templates().items()
    }


def _record_templates() -> dict[str, str]:
    """Each record file's template text, in RECORD_FILES order (`{today}` still to fill)."""
    return {
        "sources.yaml": sources_yaml(),
        "countries.yaml": COUNTRIES_YAML,
        "people.yaml": PEOPLE_YAML,
        "organisations.yaml": ORGANISATIONS_YAML,
        "places.yaml": PLACES_YAML,
        "events.yaml": EVENTS_YAML,
        "relations.yaml": RELATIONS_YAML,
        "faq.yaml": FAQ_YAML,
    }


def _texts(record: object) -> list[str]:
    values = [getattr(record, f.name) for f in dataclasses.fields(record)]
    flat = [w for v in values for w in (v if isinstance(v, list) else [v])]
    return [v for v in flat if isinstance(v, str)]


def _example_domain(url: str) -> str | None:
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    domain = next((d for d in EXAMPLE_DOMAINS if host == d or host.endswith("." + d)), None)
    return f"a .{domain} address" if domain and "." not in domain else domain
