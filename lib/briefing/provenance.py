"""The provenance policy: which sources can support which claims, checked for every data folder.

A source is the item that was read, at its own address. The rules (the README states them for
authors, the book's "How sure we are" note for readers):

1. Every source has a kind, a publisher and the date it was read (the model requires them).
2. Every source has a url, except the article's own source: kind `other`, cited by
   article.yaml, with no url. No other source may lack one.
3. A url is the item's own address: never a site's home page or portal (path empty, "/", only
   language and index segments such as "/en/", "/en.html" or "/index.html", a language or
   main page under the site's own name or a wiki folder such as "/content/site/en.html" or
   "/wiki/Main_Page", a short path ending in a language such as "/content/person/en.html",
   or a wiki portal), and never on a known mirror or content farm (MIRROR_DOMAINS). A source
   whose note says it was read somewhere other than its url ("read as quoted by ...", "not
   found at its own address") is refused: cite what was read.
4. `accessed` is not before `published`.
5. A claim of high confidence needs, among its sources' items (rule 3 met):
   one of kind official or wire; or two of kind news, official or wire from different
   publishers on different web sites; or, for people, organisations, countries, places and
   relations not tied to an event only, one reference work (roles, dates of office,
   membership, coordinates). Kind `other` never counts. Reference works never count for
   events, relations tied to an event, or FAQ answers.
6. An event never rests on reference works alone, whatever its confidence.

Every violation is reported (not just the first), each naming file, record and field.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from .model import Briefing, Confidence, Relation, Source, SourceKind

# Wikipedia mirrors, upload sites and content farms: they copy or paraphrase an item without
# being it, so a claim cited to them cannot be checked against what its publisher said.
MIRROR_DOMAINS = (
    # Wikipedia mirrors and re-skins
    "wikimili.com",
    "wiki7.org",
    "wikiwand.com",
    "wikizero.com",
    "wiki2.org",
    "wikibrief.org",
    "infogalactic.com",
    "alchetron.com",
    "everybodywiki.com",
    "justapedia.org",
    "pwojczyn.com",
    "en-academic.com",
    "enacademic.com",
    "academic.ru",
    "thefreedictionary.com",
    "dbpedia.org",
    # user uploads of other people's documents
    "scribd.com",
    "coursehero.com",
    "studocu.com",
    # content farms and answer sites
    "scienceanswers.live",
    "hotbot.com",
    "tourtravelworld.com",
    "calendar-australia.com",
    "pindula.co.zw",
    "answers.com",
    "ask.com",
    "reference.com",
    "ehow.com",
)

_MIRRORS = frozenset(MIRROR_DOMAINS)

# A source note that admits the item was read elsewhere than its url: a quotation, a copy, an
# aggregator's translation or "not found at its own address". The url then names an item nobody
# read, so the source is refused; the page that was read is to be cited instead.
READ_ELSEWHERE = re.compile(
    r"\bread\s+(?:only\s+)?(?:as\s+(?:quoted|cited|reported|reproduced)"
    r"|(?:via|through|in|from|on)\s+(?:an?\s+|the\s+|another\s+|other\s+)?"
    r"(?:cop(?:y|ies)|mirror|quotation|aggregator|archive|page\s+citing|re-?publication))"
    r"|\bnot\s+(?:found|read|reached)\s+at\s+(?:its|this|the\s+given)\s+(?:own\s+)?address",
    re.IGNORECASE,
)

# Kinds whose items support a high-confidence claim on their own / as two independent outlets.
STRONG_KINDS = (SourceKind.official, SourceKind.wire)
OUTLET_KINDS = (SourceKind.official, SourceKind.wire, SourceKind.news)
# Files whose records a reference work may support at high confidence (relations: when not
# tied to an event). Events and FAQ answers are about what happened: never on reference alone.
REFERENCE_MAY_SUPPORT = ("countries.yaml", "people.yaml", "organisations.yaml", "places.yaml")

# The record files whose records carry sources and a confidence, in report order.
CLAIM_FILES = (
    "countries.yaml",
    "people.yaml",
    "organisations.yaml",
    "places.yaml",
    "events.yaml",
    "relations.yaml",
    "faq.yaml",
)

# a language tag: two letters, then a region (two letters or three digits) or a common script
_LANGUAGE = re.compile(
    r"[a-z]{2}(?:[-_](?:[a-z]{2}|[0-9]{3}|hans|hant|latn|cyrl|arab))?"
    r"|eng|rus|chn|zho|fra|fre|deu|ger|spa|ara|ita|jpn|kor|por"
)
_INDEX = re.compile(r"index|default|home|homepage|main|main_page|mainpage|start|welcome|portal")
# a page's file extension: "/en.html" is the language's front page as much as "/en/" is
_EXTENSION = re.compile(r"\.(?:html?|shtml|php|aspx?|jsp|cfm)$")
# folders that hold a site's pages without naming an item ("/content/", "/wiki/")
_CONTAINERS = frozenset(
    {"content", "contents", "wiki", "w", "site", "sites", "web", "www", "pages"}
)
_PORTAL = re.compile(r"portal:.*")  # a wiki portal ("/wiki/Portal:Current_events")
_PORTAL_DEPTH = 3  # "/content/francesco/en.html": a person's or section's page, not an item
_LANGUAGE_PARAMS = {"lang", "language", "hl", "locale"}
_PAGE_PARAMS = {"title", "page"}  # "index.php?title=Main_Page"
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu"}


@dataclass(frozen=True)
class Violation:
    """One breach of the policy: the file, the record (None for the article), the field."""

    file: str
    record: str | None
    field: str
    message: str


def is_home_page(url: str) -> bool:
    """True for a site's front page or a portal, not an item: no path, "/", only language and
    index segments ("/en/", "/en.html", "/index.html"), a language or main page inside the
    site's own name or a wiki folder ("/content/vatican/en.html", "/wiki/Main_Page"), a short
    path ending in a language ("/content/francesco/en.html"), or a wiki portal; with no query
    naming an item."""
    parts = urlsplit(url)
    segments = [_EXTENSION.sub("", s) for s in parts.path.lower().split("/") if s]
    host = set((parts.hostname or "").lower().split("."))
    if not _front_query(parts.query):
        return False
    if not segments:
        return True
    *folders, last = segments
    if _PORTAL.fullmatch(last):
        return True
    if not (_LANGUAGE.fullmatch(last) or _INDEX.fullmatch(last)):
        return False
    if _LANGUAGE.fullmatch(last) and len(segments) <= _PORTAL_DEPTH:
        return True
    return all(
        _LANGUAGE.fullmatch(f) or _INDEX.fullmatch(f) or f in _CONTAINERS or f in host
        for f in folders
    )


def _front_query(query: str) -> bool:
    """True when a query names no item: only language, tracking, or a main-page title."""
    for key, value in parse_qsl(query, keep_blank_values=True):
        key = key.lower()
        if key in _PAGE_PARAMS and _INDEX.fullmatch(value.lower()):
            continue
        if key not in _LANGUAGE_PARAMS and not key.startswith("utm_"):
            return False
    return True


def mirror_domain(url: str) -> str | None:
    """The deny-listed domain a url is on (a mirror or content farm), else None."""
    labels = (urlsplit(url).hostname or "").lower().rstrip(".").split(".")
    # the host and each domain above it: a.b.example.com, b.example.com, example.com, com
    return next(
        (d for d in (".".join(labels[i:]) for i in range(len(labels))) if d in _MIRRORS), None
    )


def site(url: str) -> str:
    """The web site an address is on, for telling outlets apart: news.example.co.uk ->
    example.co.uk, en.example.org -> example.org."""
    labels = (urlsplit(url).hostname or "").lower().rstrip(".").split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def read_elsewhere(note: str | None) -> str | None:
    """The words of a source note saying the item was read somewhere other than its url."""
    found = READ_ELSEWHERE.search(" ".join((note or "").split()))
    return found.group(0) if found else None


def is_item_address(source: Source) -> bool:
    """True when the source has a url that can be checked: not a home page, not a mirror, and
    not an address its own note says the item was not read at."""
    return (
        bool(source.url)
        and not is_home_page(source.url)
        and not mirror_domain(source.url)
        and not read_elsewhere(source.note)
    )


def violations(briefing: Briefing) -> list[Violation]:
    """Every breach of the policy in a briefing, sources first, then claims file by file."""
    found, items = _source_violations(briefing)
    for name in CLAIM_FILES:
        for position, record in enumerate(_records(briefing, name), start=1):
            label = f"#{position} (id '{record.id}')"
            sources = [briefing.source(i) for i in dict.fromkeys(record.sources)]
            high = record.confidence is Confidence.high
            if high and not supports_high(name, record, sources, items):
                found.append(Violation(name, label, "confidence", _high_message(name, record)))
            if name == "events.yaml" and all(s.kind is SourceKind.reference for s in sources):
                found.append(
                    Violation(
                        name,
                        label,
                        "sources",
                        "an event may not rest on reference works alone: cite the official, "
                        "wire or news item that reports it",
                    )
                )
    return found


def supports_high(
    file: str, record: object, sources: list[Source], item_ids: set[str] | None = None
) -> bool:
    """Rule 5: whether these sources can carry a high-confidence claim in this file.
    `item_ids`: the ids of the sources at an item address, when already worked out."""
    if item_ids is None:
        item_ids = {s.id for s in sources if is_item_address(s)}
    items = [s for s in sources if s.id in item_ids]
    if any(s.kind in STRONG_KINDS for s in items):
        return True
    outlets = [s for s in items if s.kind in OUTLET_KINDS]
    publishers = {_publisher(s) for s in outlets}
    sites = {site(s.url) for s in outlets if s.url}
    if len(publishers) >= 2 and len(sites) >= 2:
        return True
    return reference_may_support(file, record) and any(
        s.kind is SourceKind.reference for s in items
    )


def reference_may_support(file: str, record: object) -> bool:
    """Reference works may carry high confidence for standing facts (roles, membership,
    coordinates), never for what happened (events, relations tied to one, FAQ answers)."""
    if file == "relations.yaml":
        return isinstance(record, Relation) and record.event is None
    return file in REFERENCE_MAY_SUPPORT


def _source_violations(briefing: Briefing) -> tuple[list[Violation], set[str]]:
    """Rules 1-4 for each source; also the ids of the sources at an item address (each
    address parsed once here)."""
    article_sources = set(briefing.article.sources)
    found, items = [], set()
    for position, source in enumerate(briefing.sources, start=1):
        label = f"#{position} (id '{source.id}')"

        def add(field: str, message: str, label: str = label) -> None:
            found.append(Violation("sources.yaml", label, field, message))

        if source.url is None:
            if source.kind is not SourceKind.other:
                add("url", f"is required for a source of kind {source.kind.value}")
            elif source.id not in article_sources:
                add(
                    "url",
                    "is required: only the article's own source (kind other, cited in "
                    "article.yaml) may have no address; a research note is never a source",
                )
        elif domain := mirror_domain(source.url):
            add("url", f"is on {domain}, a mirror or content farm: cite the original item")
        elif is_home_page(source.url):
            add("url", "is a site's home page, not the item's own address")
        elif words := read_elsewhere(source.note):
            add(
                "note",
                f'says the item was not read at its url ("{words}"): cite the page that was '
                "read, at its own address",
            )
        else:
            items.add(source.id)
        if source.published and source.published > source.accessed:
            add("accessed", f"{source.accessed} is before the item was published")
    return found, items


def _high_message(file: str, record: object) -> str:
    reference = ", or a reference work" if reference_may_support(file, record) else ""
    return (
        "is high but its sources cannot carry it: high needs an official or wire item, or "
        f"news/official/wire items from two different publishers{reference} (home pages, "
        "mirrors and kind other never count)"
    )


def _publisher(source: Source) -> str:
    return " ".join(source.publisher.casefold().removeprefix("the ").split())


def _records(briefing: Briefing, file: str) -> tuple:
    return getattr(briefing, file.removesuffix(".yaml"))


# --- the summary `briefing check` prints ------------------------------------------------------


def summary_text(briefing: Briefing, width: int = 100) -> str:
    """Claims by confidence, sources by kind, and the claims that rest on a single source."""
    claims = [(name, r) for name in CLAIM_FILES for r in _records(briefing, name)]
    by_confidence = Counter(r.confidence for _, r in claims)
    by_kind = Counter(s.kind for s in briefing.sources)
    single = [(name, r) for name, r in claims if len(set(r.sources)) == 1]
    single_by_confidence = Counter(r.confidence for _, r in single)
    lines = [
        "provenance:",
        "  claims by confidence  " + "  ".join(f"{c.value} {by_confidence[c]}" for c in Confidence),
        "  sources by kind       " + "  ".join(f"{k.value} {by_kind[k]}" for k in SourceKind),
        f"  single-source claims  {len(single)} of {len(claims)} ("
        + ", ".join(f"{c.value} {single_by_confidence[c]}" for c in Confidence)
        + ")",
    ]
    for name in CLAIM_FILES:
        ids = [
            f"{r.id} ({briefing.source(r.sources[0]).kind.value})" for n, r in single if n == name
        ]
        if ids:
            lines += textwrap.wrap(
                ", ".join(ids),
                width=width,
                initial_indent=f"    {name}: ",
                subsequent_indent="      ",
                break_on_hyphens=False,
            )
    lines.append(f"  corrections           {len(briefing.corrections)}")
    return "\n".join(lines)
