"""The provenance policy on synthetic data folders: each rule refused in one line, every breach
listed, exit code 2, nothing written; what passes; the summary `check` prints; corrections."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import run_export
from sample_book import sample_briefing, write_data_folder

from briefing.cli import main
from briefing.content import DataError, ProvenanceError, load_briefing
from briefing.export import output_html
from briefing.provenance import is_home_page, mirror_domain, read_elsewhere, site

# every violation line: FILE, record #N (id 'ID'), field 'FIELD': message
LINE = re.compile(
    r"error: (?P<file>\S+\.yaml), record #\d+ \(id '(?P<id>[a-z0-9-]+)'\), "
    r"field '(?P<field>[a-z_\[\]0-9]+)': \S.*"
)


@pytest.fixture
def data(tmp_path) -> Path:
    """A data folder that passes every rule (tests/sample_book.py), ready to be broken."""
    return write_data_folder(tmp_path / "data", sample_briefing())


def edit(folder: Path, name: str, change) -> None:
    path = folder / name
    records = yaml.safe_load(path.read_text("utf-8"))
    change(records)
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), "utf-8")


def by_id(records: list[dict], record_id: str) -> dict:
    return next(r for r in records if r["id"] == record_id)


def add_source(folder: Path, **fields) -> None:
    edit(folder, "sources.yaml", lambda rs: rs.append({"accessed": "2026-11-30", **fields}))


def cite(folder: Path, name: str, record_id: str, sources: list[str], confidence="high"):
    def change(records):
        by_id(records, record_id).update(sources=sources, confidence=confidence)

    edit(folder, name, change)


def check(folder: Path, capsys) -> tuple[int, list[str], str]:
    """`briefing check --data folder`: exit code, the error lines, stdout. (Warnings, such as
    those for the reserved .example addresses these tests use, are not errors.)"""
    code = main(["check", "--data", str(folder)])
    out, err = capsys.readouterr()
    return code, [line for line in err.splitlines() if not line.startswith("warning: ")], out


def violations(lines: list[str]) -> set[tuple[str, str, str]]:
    found = set()
    for line in lines:
        match = LINE.fullmatch(line)
        assert match, f"not one 'FILE, record, field: message' line: {line!r}"
        found.add((Path(match["file"]).name, match["id"], match["field"]))
    return found


# --- the sample passes, and what check prints ------------------------------------------------


def test_sample_folder_passes_and_check_prints_the_provenance_summary(data, capsys):
    code, errors, out = check(data, capsys)
    assert (code, errors) == (0, [])
    book = sample_briefing()
    claims = [
        *book.countries,
        *book.people,
        *book.organisations,
        *book.places,
        *book.events,
        *book.relations,
        *book.faq,
    ]
    high = sum(c.confidence.value == "high" for c in claims)
    single = [c for c in claims if len(set(c.sources)) == 1]
    assert "provenance:" in out
    assert f"claims by confidence  high {high}  medium 2  low 1" in out
    assert "sources by kind       official 2  wire 1  news 0  reference 0  other 0" in out
    assert f"single-source claims  {len(single)} of {len(claims)} (" in out
    assert "events.yaml: sullivan-talks (wire), visit (wire)" in out
    assert "people.yaml: lavrov (wire), sullivan (wire)" in out  # wang-yi and putin have two
    assert "corrections           1" in out


# --- each rule: check fails with one line naming file, record and field ----------------------


def test_home_page_only_source_on_a_high_confidence_record(data, capsys, tmp_path):
    add_source(
        data,
        id="front",
        title="Front page",
        kind="news",
        publisher="Daily",
        url="https://www.daily.example/",
    )
    cite(data, "events.yaml", "brf-3", ["front"])
    code, errors, _ = check(data, capsys)
    assert code == 2
    assert violations(errors) == {
        ("sources.yaml", "front", "url"),
        ("events.yaml", "brf-3", "confidence"),
    }
    assert any("home page" in e for e in errors)
    # export refuses before starting a kernel and leaves the previous page alone
    out = tmp_path / "book.html"
    out.write_text("previous export", "utf-8")
    done = run_export("--data", str(data), "--out", str(out))
    assert done.returncode == 2
    assert "[2/4]" not in done.stderr and "Traceback" not in done.stderr
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("error: ")]
    assert violations(lines) == violations(errors)
    assert out.read_text("utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".book")] == []


@pytest.mark.parametrize(
    "url",
    [
        "https://www.daily.example",
        "https://daily.example/en/",
        "https://daily.example/index.html",
        "https://daily.example/en/index.php?lang=en",
        "https://daily.example/en.html",
        "https://www.daily.example/content/daily/en.html",
        "https://daily.example/wiki/Main_Page",
    ],
)
def test_home_page_addresses_are_refused_even_on_medium_records(data, capsys, url):
    add_source(data, id="front", title="Front page", kind="news", publisher="Daily", url=url)
    cite(data, "events.yaml", "brf-3", ["front", "kremlin"], confidence="medium")
    code, errors, _ = check(data, capsys)
    assert code == 2 and violations(errors) == {("sources.yaml", "front", "url")}


@pytest.mark.parametrize(
    "url",
    [
        "https://www.vaticannews.va/en.html",
        "https://www.vatican.va/content/vatican/en.html",
        "https://en.wikipedia.org/wiki/Main_Page",
    ],
)
def test_a_high_person_on_a_language_home_page_or_portal_fails(data, capsys, url):
    add_source(data, id="front", title="Front", kind="official", publisher="Holy See", url=url)
    cite(data, "people.yaml", "lavrov", ["front"])
    code, errors, _ = check(data, capsys)
    assert code == 2
    assert violations(errors) == {
        ("sources.yaml", "front", "url"),
        ("people.yaml", "lavrov", "confidence"),
    }


def test_source_without_kind(data, capsys):
    edit(data, "sources.yaml", lambda rs: rs[0].pop("kind"))
    code, errors, _ = check(data, capsys)
    assert code == 2 and len(errors) == 1
    assert violations(errors) == {("sources.yaml", "tass", "kind")}
    assert "this field is required" in errors[0]


@pytest.mark.parametrize("field", ["publisher", "accessed"])
def test_source_without_publisher_or_accessed(data, capsys, field):
    edit(data, "sources.yaml", lambda rs: rs[1].pop(field))
    code, errors, _ = check(data, capsys)
    assert code == 2 and violations(errors) == {("sources.yaml", "kremlin", field)}


def test_unknown_kind_lists_the_kinds(data, capsys):
    edit(data, "sources.yaml", lambda rs: rs[0].update(kind="blog"))
    code, errors, _ = check(data, capsys)
    assert code == 2 and "official, wire, news, reference, other" in errors[0]


def test_old_date_field_is_refused_by_name(data, capsys):
    edit(data, "sources.yaml", lambda rs: rs[0].update(date=rs[0].pop("published")))
    code, errors, _ = check(data, capsys)
    assert code == 2 and violations(errors) == {("sources.yaml", "tass", "date")}


def test_mirror_domain(data, capsys):
    edit(data, "sources.yaml", lambda rs: rs[0].update(url="https://wikimili.com/en/Wang_Yi"))
    code, errors, _ = check(data, capsys)
    assert code == 2
    assert ("sources.yaml", "tass", "url") in violations(errors)
    assert any("wikimili.com, a mirror or content farm" in e for e in errors)
    # a wire item on a mirror no longer carries the high-confidence records that cite only it
    assert ("events.yaml", "visit", "confidence") in violations(errors)


@pytest.mark.parametrize(
    "note",
    [
        "Read as quoted by a page citing this address.",
        "Read as quoted in full by TASS and other copies.",
        "The readout was read via an aggregator's copy.",
        "The statement itself was not found at its own address.",
    ],
)
def test_source_read_elsewhere_than_its_url_is_refused(data, capsys, note):
    edit(data, "sources.yaml", lambda rs: rs[0].update(note=note))
    code, errors, _ = check(data, capsys)
    assert code == 2
    assert ("sources.yaml", "tass", "note") in violations(errors)
    refusal = "was not read at its url"
    assert any(refusal in e and "cite the page that was read" in e for e in errors)
    # the address names an item nobody read, so it carries nothing: a record citing only it falls
    assert ("events.yaml", "visit", "confidence") in violations(errors)


@pytest.mark.parametrize(
    "note",
    [
        "Quotes the White House statement word for word.",
        "A translation of the ministry's readout; the ministry's own page was not found.",
        "Descriptive title. Read at the publisher's own page on 30 Nov.",
    ],
)
def test_notes_that_only_describe_the_item_pass(note):
    assert read_elsewhere(note) is None


def test_reference_only_event_is_refused_at_any_confidence(data, capsys):
    add_source(
        data,
        id="wiki",
        title="Third Belt and Road Forum",
        kind="reference",
        publisher="Wikipedia",
        url="https://en.wikipedia.org/wiki/Belt_and_Road_Forum",
    )
    cite(data, "events.yaml", "brf-3", ["wiki"], confidence="low")
    code, errors, _ = check(data, capsys)
    assert code == 2 and violations(errors) == {("events.yaml", "brf-3", "sources")}
    cite(data, "events.yaml", "brf-3", ["wiki"], confidence="high")
    code, errors, _ = check(data, capsys)
    assert violations(errors) == {
        ("events.yaml", "brf-3", "sources"),
        ("events.yaml", "brf-3", "confidence"),
    }


def test_reference_may_carry_high_for_places_but_not_faq_or_event_ties(data, capsys):
    add_source(
        data,
        id="wikidata",
        title="Reception House (Q1)",
        kind="reference",
        publisher="Wikidata",
        url="https://www.wikidata.org/wiki/Q4390000",
    )
    cite(data, "places.yaml", "reception-house", ["wikidata"])
    cite(data, "countries.yaml", "russia", ["wikidata"])
    assert check(data, capsys)[:2] == (0, [])
    cite(data, "faq.yaml", "what-is-icc", ["wikidata"])
    cite(data, "relations.yaml", "wang-met-lavrov", ["wikidata"])  # tied to the visit
    code, errors, _ = check(data, capsys)
    assert code == 2 and violations(errors) == {
        ("faq.yaml", "what-is-icc", "confidence"),
        ("relations.yaml", "wang-met-lavrov", "confidence"),
    }


def test_two_independent_news_outlets_carry_high(data, capsys):
    add_source(
        data,
        id="paper-a",
        title="Talks in Malta",
        kind="news",
        publisher="The Paper",
        url="https://paper.example/2023/09/17/talks",
    )
    add_source(
        data,
        id="paper-b",
        title="Malta talks",
        kind="news",
        publisher="Broadcaster",
        url="https://news.broadcaster.example.co.uk/world-123",
    )
    cite(data, "events.yaml", "sullivan-talks", ["paper-a", "paper-b"])
    assert check(data, capsys)[:2] == (0, [])


@pytest.mark.parametrize(
    "second",
    [
        # the same publisher twice (its name differing only in case and a leading "The")
        {"publisher": "paper", "url": "https://paper.example/2023/09/18/more"},
        # two names on one web site
        {"publisher": "Paper Weekend", "url": "https://weekend.paper.example/more"},
        # a second outlet whose address is a home page
        {"publisher": "Broadcaster", "url": "https://broadcaster.example/"},
        # kind other never counts
        {"publisher": "Think tank", "url": "https://tank.example/report", "kind": "other"},
    ],
)
def test_one_outlet_alone_does_not_carry_high(data, capsys, second):
    add_source(
        data,
        id="paper-a",
        title="Talks in Malta",
        kind="news",
        publisher="The Paper",
        url="https://paper.example/2023/09/17/talks",
    )
    add_source(data, id="paper-b", title="More", **{"kind": "news", **second})
    cite(data, "events.yaml", "sullivan-talks", ["paper-a", "paper-b"])
    code, errors, _ = check(data, capsys)
    assert code == 2
    assert ("events.yaml", "sullivan-talks", "confidence") in violations(errors)


def test_only_the_articles_own_source_may_lack_an_address(data, capsys):
    add_source(data, id="seed", title="The article", kind="other", publisher="Unknown")
    edit(data, "article.yaml", lambda a: a.update(sources=["seed", "tass"]))
    cite(data, "faq.yaml", "what-is-icc", ["seed", "icc"])
    assert check(data, capsys)[:2] == (0, [])
    cite(data, "faq.yaml", "what-is-icc", ["seed"])  # other, no address: never high
    add_source(data, id="notes", title="Our research notes", kind="other", publisher="Us")
    add_source(data, id="agency", title="A report", kind="wire", publisher="Agency")
    code, errors, _ = check(data, capsys)
    assert code == 2 and violations(errors) == {
        ("sources.yaml", "notes", "url"),
        ("sources.yaml", "agency", "url"),
        ("faq.yaml", "what-is-icc", "confidence"),
    }


def test_accessed_before_published(data, capsys):
    edit(data, "sources.yaml", lambda rs: rs[0].update(accessed="2020-01-01"))
    code, errors, _ = check(data, capsys)
    assert code == 2 and violations(errors) == {("sources.yaml", "tass", "accessed")}


def test_every_breach_is_listed_one_line_each(data, capsys):
    edit(data, "sources.yaml", lambda rs: rs[0].update(url="https://tass.com/"))
    edit(data, "sources.yaml", lambda rs: rs[2].update(url="https://www.scribd.com/doc/1"))
    code, errors, out = check(data, capsys)
    assert code == 2 and out == ""
    found = violations(errors)
    assert len(found) == len(errors) > 10
    assert {("sources.yaml", "tass", "url"), ("sources.yaml", "icc", "url")} <= found
    with pytest.raises(ProvenanceError) as caught:
        load_briefing(data)
    assert isinstance(caught.value, DataError)
    assert len(caught.value.lines) == len(errors)
    assert caught.value._render_traceback_() == [
        f"DataError: {line}" for line in caught.value.lines
    ]


# --- addresses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, home",
    [
        ("https://www.whitehouse.gov/", True),
        ("https://timesofmalta.com", True),
        ("http://english.www.gov.cn/", True),
        ("https://example.org/en/", True),
        ("https://example.org/zh-cn/index.html", True),
        ("https://example.org/zh-hans/", True),
        ("https://example.org/es-419/", True),
        ("https://example.edu.co/index.php/home/la-sede", False),  # a page, not a language
        ("https://example.org/eng/default.aspx", True),
        ("https://example.org/?lang=en&utm_source=x", True),
        ("https://example.org/#top", True),
        # language front pages written as a file, and portals (issue 25)
        ("https://www.vaticannews.va/en.html", True),
        ("https://www.vatican.va/content/vatican/en.html", True),
        ("https://www.vatican.va/content/francesco/en.html", True),
        ("https://en.wikipedia.org/wiki/Main_Page", True),
        ("https://en.wikipedia.org/w/index.php?title=Main_Page", True),
        ("https://en.wikipedia.org/wiki/Portal:Current_events", True),
        ("https://example.org/de/index.htm", True),
        ("https://en.wikipedia.org/wiki/Content", False),
        ("https://en.wikipedia.org/w/index.php?title=Ulaanbaatar", False),
        ("https://www.vaticannews.va/en/pope/news/2023-09/pope-francis-mongolia.html", False),
        (
            "https://www.vatican.va/content/francesco/en/speeches/2023/september/documents/"
            "20230902-autorita-mongolia.html",
            False,
        ),
        ("https://example.org/news/2023/09/18/visit/index.html", False),
        ("https://tass.com/world/1676173", False),
        ("https://example.org/?p=1234", False),
        ("https://example.org/news", False),
        ("https://example.org/faq", False),
        ("https://www.wikidata.org/wiki/Q148", False),
        ("https://en.kremlin.ru/events/president/news/72306", False),
    ],
)
def test_home_page_detection(url, home):
    assert is_home_page(url) is home


def test_mirror_detection_matches_the_domain_and_its_subdomains_only():
    assert mirror_domain("https://wikimili.com/en/Wang_Yi") == "wikimili.com"
    assert mirror_domain("https://it.wiki7.org/wiki/X") == "wiki7.org"
    assert mirror_domain("https://WWW.SCRIBD.COM/document/1") == "scribd.com"
    assert mirror_domain("https://notwikimili.com/x") is None
    assert mirror_domain("https://en.wikipedia.org/wiki/X") is None


def test_site_tells_outlets_apart_by_registered_domain():
    assert site("https://news.bbc.co.uk/a") == site("https://www.bbc.co.uk/b") == "bbc.co.uk"
    assert site("https://en.kremlin.ru/a") == "kremlin.ru"
    assert site("https://english.news.cn/a") != site("https://en.people.cn/b")


# --- corrections.yaml ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change, field, words",
    [
        ({"records": ["events.yaml#no-such-event"]}, "records[0]", "has no id 'no-such-event'"),
        ({"records": ["notes.yaml#x"]}, "records[0]", "not a record file"),
        ({"records": ["events"]}, "records[0]", "FILE#ID"),
        ({"records": []}, "records", "at least 1 item"),
        ({"sources": ["tass", "nope"]}, "sources[1]", "'nope' does not name a known source"),
        ({"why": None}, "why", None),
    ],
)
def test_corrections_name_records_and_sources_that_exist(data, capsys, change, field, words):
    def apply(records):
        records[0].update(change)
        if change.get("why", "") is None:
            records[0].pop("why")

    edit(data, "corrections.yaml", apply)
    code, errors, _ = check(data, capsys)
    assert code == 2 and len(errors) == 1
    assert violations(errors) == {("corrections.yaml", "talks-date", field)}
    assert words is None or words in errors[0]


def test_corrections_may_name_the_article_itself(data):
    edit(data, "corrections.yaml", lambda rs: rs[0].update(records=["article.yaml"]))
    assert load_briefing(data).corrections[0].records == ["article.yaml"]


@pytest.mark.parametrize("content", [None, "", "# nothing corrected yet\n", "[]\n"])
def test_corrections_file_absent_or_empty_means_no_section(data, content):
    path = data / "corrections.yaml"
    if content is None:
        path.unlink()
    else:
        path.write_text(content, "utf-8")
    from briefing import corrections_view

    book = load_briefing(data)
    assert book.corrections == ()
    view = corrections_view(book)
    assert view.static_html() == ""
    bundle = view._repr_mimebundle_()
    assert output_html({"output_type": "display_data", "data": bundle}) is None


def test_corrections_heading_goes_into_the_contents_only_when_there_are_corrections():
    from briefing import corrections_view
    from briefing.export import _view_headings

    html = corrections_view(sample_briefing()).static_html()
    assert [(h.level, h.text, h.anchor) for h in _view_headings(html)] == [
        (2, "Corrections", "bk-corrections")
    ]
    assert (
        _view_headings(corrections_view(sample_briefing(with_corrections=False)).static_html())
        == []
    )


def test_map_popups_show_each_sources_kind_and_date():
    from briefing.maps.folium_map import popup_html

    book = sample_briefing()
    html = popup_html(book, book.places[0])  # the Reception House: the visit, cited to TASS
    assert "(TASS · Wire · 18 Sep 2023)" in html
    icc = popup_html(book, book.places[2])
    assert "(ICC · Official · accessed 30 Nov 2026)" in icc
