"""Any story, by data alone (issue 16): book.yaml, its defaults, paths, basemaps, `briefing new`.

A second, synthetic story (a summit in Nairobi and Addis Ababa, written below) is checked and
exported; its page must show its own title, threads and map views and none of this story's
names or wording.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
import yaml
from sample_book import sample_briefing, write_data_folder

from briefing import load_briefing
from briefing.book import resolve_book
from briefing.cli import main as cli
from briefing.content import DataError, data_dir
from briefing.maps.data import map_views
from briefing.model import Book
from briefing.new_book import new_book

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "briefing.ipynb"

# This story's words: none may reach another story's page, the library or the notebook.
STORY_WORDS = (
    "Wang",
    "Lavrov",
    "Patrushev",
    "Sullivan",
    "Putin",
    "Xi Jinping",
    "Malta",
    "Moscow",
    "Petersburg",
    "Strelna",
    "Beijing",
    "Belt and Road",
    "ICC",
    "China",
    "Russia",
    "Kremlin",
    "the visit",
)


# --- a second story, written as an author would -----------------------------------------------

SECOND = {
    "article.txt": """\
    Leaders of the Example Trade Union met in Nairobi this week. Amina Okoth chaired the talks at
    the Nairobi Convention Hall; Dawit Bekele attended and went on to Addis Ababa.
    """,
    "article.yaml": """\
    headline: Amina Okoth chairs the Nairobi trade summit
    summary: A synthetic test story about a summit in Nairobi.
    dateline: Nairobi
    date: 2022-03-14
    subject_event: nairobi-summit
    origin: Written for the library's tests.
    key_points: [Okoth chaired the summit., Bekele went on to Addis Ababa.]
    sources: [hall-notice]
    """,
    "sources.yaml": """\
    - id: hall-notice
      title: Summit notice
      kind: official
      publisher: Nairobi Convention Hall
      url: https://www.example.org/notices/2022/summit
      accessed: 2026-11-30
    """,
    "countries.yaml": """\
    - {id: kenya, name: Kenya, summary: A country., sources: [hall-notice], confidence: high}
    - {id: ethiopia, name: Ethiopia, summary: A country., sources: [hall-notice], confidence: high}
    """,
    "people.yaml": """\
    - id: amina-okoth
      name: Amina Okoth
      aliases: [Okoth]
      role: Chair of the Example Trade Union.
      country: kenya
      summary: Chaired the summit.
      sources: [hall-notice]
      confidence: high
    - id: dawit-bekele
      name: Dawit Bekele
      aliases: [Bekele]
      role: Trade envoy.
      country: ethiopia
      summary: Attended the summit.
      sources: [hall-notice]
      confidence: medium
    """,
    "organisations.yaml": """\
    - id: example-trade-union
      name: Example Trade Union
      kind: trade bloc
      country: kenya
      summary: A bloc.
      sources: [hall-notice]
      confidence: high
    """,
    "places.yaml": """\
    - id: convention-hall
      name: Nairobi Convention Hall
      city: Nairobi
      country: kenya
      lat: -1.2921
      lon: 36.8219
      precision: approximate
      sources: [hall-notice]
      confidence: high
    - id: addis-hall
      name: Addis Ababa Hall
      city: Addis Ababa
      country: ethiopia
      lat: 9.0108
      lon: 38.7613
      precision: city
      sources: [hall-notice]
      confidence: medium
    """,
    "events.yaml": """\
    - id: nairobi-summit
      title: Nairobi trade summit
      start: 2022-03-14
      end: 2022-03-15
      place: convention-hall
      participants: [amina-okoth, dawit-bekele, example-trade-union]
      thread: trade-talks
      summary: The summit.
      sources: [hall-notice]
      confidence: high
    - id: addis-follow-up
      title: Addis Ababa follow-up
      start: 2022-03-17
      place: addis-hall
      participants: [dawit-bekele]
      thread: customs-union
      summary: A follow-up meeting.
      sources: [hall-notice]
      confidence: medium
    """,
    "relations.yaml": """\
    - {id: okoth-heads, subject: amina-okoth, type: heads, object: example-trade-union,
       sources: [hall-notice], confidence: high}
    - {id: okoth-met-bekele, subject: amina-okoth, type: met, object: dawit-bekele,
       event: nairobi-summit, sources: [hall-notice], confidence: high}
    """,
    "faq.yaml": """\
    - id: who-chaired
      question: Who chaired the Nairobi summit?
      answer: Amina Okoth.
      topic: People
      entities: [amina-okoth]
      sources: [hall-notice]
      confidence: high
    """,
}


def write_second_story(folder: Path, **replace: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {**SECOND, **replace}.items():
        (folder / name).write_text(textwrap.dedent(text), "utf-8")
    return folder


@pytest.fixture
def second(tmp_path) -> Path:
    return write_second_story(tmp_path / "second")


# --- defaults derived from the data -----------------------------------------------------------


def test_a_silent_book_derives_every_default_from_the_data(second):
    b = load_briefing(second)
    s = b.settings
    assert s.title == "Amina Okoth chairs the Nairobi trade summit"  # the headline
    assert [(t.id, t.label) for t in s.threads] == [
        ("trade-talks", "Trade talks"),
        ("customs-union", "Customs union"),
    ]
    assert len({t.colour for t in s.threads}) == 2
    assert [(v.id, v.name) for v in s.map_views] == [
        ("overview", "Overview"),
        ("nairobi", "Nairobi"),  # the city with more events first
        ("addis-ababa", "Addis Ababa"),
    ]
    assert [v.key for v in map_views(b)] == ["overview", "nairobi", "addis-ababa"]
    assert [side for side, _, _ in s.sides] == ["kenya"]  # Ethiopia has one node, no side
    assert s.search_examples[0] == "Okoth"  # most cited, by its shortest name
    assert s.periods.during == "Nairobi trade summit" and s.periods.before == "Before"
    assert s.journey is None
    assert [g.id for g in s.tie_groups] == ["meetings", "posts"]


def test_sample_book_defaults_and_this_storys_book_yaml(briefing):
    silent = resolve_book(dataclasses.replace(briefing, book=Book()))
    assert {t.id for t in silent.threads} == {e.thread for e in briefing.events}
    cities = {p.city for p in briefing.places}
    assert {v.name for v in silent.map_views} == {"Overview", *cities}
    declared = briefing.settings
    assert [v.id for v in declared.map_views] == [
        "overview",
        "moscow",
        "st-petersburg",
        "beijing",
        "malta",
    ]
    assert declared.journey is not None and declared.journey.person == "wang-yi"
    assert declared.search_examples == ("Lavrov", "ICC", "Belt and Road")
    small = sample_briefing()
    assert small.settings.map_views[0].id == "overview"


def test_ties_of_the_meetings_group_happen_on_a_day(second):
    from briefing.charts.style import relation_periods, relation_when

    relations = SECOND["relations.yaml"].rstrip(" ") + textwrap.indent(
        textwrap.dedent("""\
        - {id: okoth-welcomed-bekele, subject: amina-okoth, type: welcomed, object: dawit-bekele,
           start: 2022-03-14, sources: [hall-notice], confidence: high}
        """),
        "    ",
    )
    write_second_story(second, **{"relations.yaml": relations})
    tie = {r.id: r for r in load_briefing(second).relations}["okoth-welcomed-bekele"]
    standing = load_briefing(second)
    assert relation_periods(standing, tie) == {"during", "after"}  # "other" ties hold on
    (second / "book.yaml").write_text(
        "network: {tie_groups: [{id: meetings, label: Meetings, types: [welcomed]}]}\n", "utf-8"
    )
    meeting = load_briefing(second)
    assert relation_periods(meeting, tie) == {"during"}
    assert relation_when(meeting, tie) == "14 Mar 2022"


# --- book.yaml faults name the file, the record and the field ---------------------------------


@pytest.mark.parametrize(
    ("book", "where", "message"),
    [
        ("colour: red\n", "book.yaml, field 'colour'", "unknown field"),
        (
            "threads: [{id: trade-talks, label: Trade, colour: red}]\n",
            "book.yaml, field 'threads[0].colour'",
            "a colour written #rrggbb",
        ),
        (
            "threads: [{id: trade-talks, label: Trade, colour: '#112233'}]\n",
            "events.yaml, record #2 (id 'addis-follow-up'), field 'thread'",
            "'customs-union' is not a thread declared in book.yaml",
        ),
        (
            "network: {tie_groups: [{id: meets, label: Meets, types: []}]}\n",
            "book.yaml, field 'network.tie_groups[0].types'",
            "needs at least 1 item",
        ),
        ("network: {sides: [atlantis]}\n", "book.yaml, field 'network.sides[0]'", "'atlantis'"),
        ("journey: {person: nobody, label: A trip}\n", "field 'journey.person'", "'nobody'"),
        (
            "map_views: [{id: x, name: X, places: [nowhere]}]\n",
            "book.yaml, field 'map_views[0].places[0]'",
            "'nowhere' is not a place",
        ),
        (
            "map_views: [{id: x, name: X, bounds: [[10, 5], [2, 6]]}]\n",
            "book.yaml, field 'map_views[0]'",
            "south < north",
        ),
        (
            "map_views: [{id: x, name: X}, {id: x, name: Y}]\n",
            "book.yaml, field 'map_views[1].id'",
            "used twice",
        ),
        ("- a list\n", "book.yaml", "expected a mapping of book fields"),
    ],
)
def test_book_yaml_faults_name_file_record_and_field(second, book, where, message):
    (second / "book.yaml").write_text(book, "utf-8")
    with pytest.raises(DataError) as caught:
        load_briefing(second)
    text = str(caught.value)
    assert where in text and message in text, text
    assert "\n" not in text


def test_every_book_yaml_setting_at_fault_is_reported_in_one_run(second):
    (second / "book.yaml").write_text(
        "network: {sides: [atlantis]}\njourney: {person: nobody, label: A trip}\n"
        "map_views: [{id: x, name: X, places: [nowhere]}]\n",
        "utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_briefing(second)
    lines = caught.value.lines
    assert len(lines) == 3, lines
    assert "field 'journey.person'" in lines[0] and "field 'network.sides[0]'" in lines[1]
    assert "field 'map_views[0].places[0]'" in lines[2]


def test_where_no_default_can_be_derived_the_error_says_what_to_add(second):
    # From files every default can be derived (an event needs a place, a place a country);
    # a Briefing put together in code may lack them.
    b = dataclasses.replace(load_briefing(second), places=())
    with pytest.raises(DataError) as caught:
        resolve_book(b, strict=True)
    assert str(caught.value) == (
        f"{second / 'book.yaml'}, field 'map_views': "
        "places.yaml has no places to derive map views from: add map_views with bounds"
    )
    assert resolve_book(b).map_views == ()  # not strict: the other views still show


# --- relative paths ------------------------------------------------------------------------------


def test_relative_data_is_the_callers_folder_in_check(second, monkeypatch, capsys):
    monkeypatch.chdir(second.parent)
    assert cli(["check", "--data", "second"]) == 0
    assert "Amina Okoth chairs" in capsys.readouterr().out
    monkeypatch.setenv("BRIEFING_DATA", "second")
    assert data_dir() == second.resolve()
    assert load_briefing().article.dateline == "Nairobi"


def test_a_kernel_resolves_a_relative_briefing_data_from_where_jupyter_started(second, monkeypatch):
    """A kernel runs in the notebook's folder; $PWD is the folder the user started from."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("BRIEFING_DATA", "second")
    monkeypatch.setenv("PWD", str(second.parent))
    import briefing.content

    assert data_dir() == ROOT / "second"  # outside a kernel: the working folder
    monkeypatch.setattr(briefing.content, "_in_kernel", lambda: True)
    assert data_dir() == second.parent / "second"


@pytest.mark.notebook
def test_notebook_kernel_reads_a_relative_briefing_data(second, monkeypatch):
    """The notebook run as Jupyter runs it: kernel in the notebook's folder, $PWD elsewhere."""
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells = nb.cells[:2]  # load the data and show the title
    monkeypatch.setenv("BRIEFING_DATA", "second")
    monkeypatch.setenv("PWD", str(second.parent))
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(ROOT)}}).execute()
    html = nb.cells[1].outputs[0].data["text/html"]
    assert "Amina Okoth chairs the Nairobi trade summit" in html


# --- basemaps are data ---------------------------------------------------------------------------

VALID_BASEMAP = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"kind": "land"},
            "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
        }
    ],
}
BROKEN_BASEMAPS = {
    "truncated": (json.dumps(VALID_BASEMAP)[:-20].encode(), "not valid JSON (line 1"),
    "not-utf8": (b'{"type": "FeatureCollection", "features": ["\xff\xfe"]}', "not UTF-8"),
    "not-geojson": (b'{"land": [1, 2, 3]}', "field 'type': not GeoJSON"),
    "no-features": (b'{"type": "FeatureCollection", "features": []}', "field 'features'"),
    "bad-feature": (
        json.dumps({**VALID_BASEMAP, "features": [{"type": "Feature", "geometry": None}]}).encode(),
        "record feature #1, field 'geometry.type'",
    ),
}


@pytest.mark.parametrize("kind", BROKEN_BASEMAPS)
def test_a_broken_basemap_is_refused_and_the_previous_export_stays(second, tmp_path, kind):
    raw, message = BROKEN_BASEMAPS[kind]
    (second / "basemap").mkdir()
    path = second / "basemap" / "basemap.geojson"
    path.write_bytes(raw)
    out = tmp_path / "book.html"
    out.write_text("the previous export", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "export", "--data", str(second), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert f"error: {path}" in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert out.read_text("utf-8") == "the previous export"
    assert cli(["check", "--data", str(second)]) == 2


def test_a_folder_with_its_own_basemap_draws_it(second):
    from briefing.maps.basemap import basemap_path

    (second / "basemap").mkdir()
    (second / "basemap" / "basemap.geojson").write_text(json.dumps(VALID_BASEMAP), "utf-8")
    assert basemap_path(load_briefing(second)) == second / "basemap" / "basemap.geojson"


def test_the_default_basemap_has_fine_coastlines_around_every_place_of_this_story(briefing):
    from briefing.maps.basemap import BASEMAP, basemap_geojson
    from briefing.maps.derive import covers

    points = [(p.lat, p.lon) for p in briefing.places]
    assert covers(basemap_geojson(BASEMAP), points)
    assert not covers(basemap_geojson(BASEMAP), [(-1.2921, 36.8219)])  # Nairobi


def test_a_folder_without_a_basemap_gets_one_with_fine_coastlines_around_its_places(second):
    from briefing.maps.basemap import BASEMAP, basemap_geojson, basemap_path
    from briefing.maps.derive import covers

    b = load_briefing(second)
    path = basemap_path(b)  # derived once from world-atlas, then cached in build/basemaps/
    assert path != BASEMAP and path.parent.name == "basemaps"
    derived = basemap_geojson(path)
    assert covers(derived, [(p.lat, p.lon) for p in b.places])
    assert [f["properties"]["kind"] for f in derived["features"]] == ["land", "border"]
    assert basemap_path(b) == path  # the same file the next time (the kernel finds it)


def test_detail_boxes_surround_each_place_and_merge_when_they_overlap():
    from briefing.maps.derive import detail_boxes

    boxes = detail_boxes([(55.75, 37.6), (55.7, 37.5), (-1.29, 36.82)])
    assert len(boxes) == 2
    for lat, lon in [(55.75, 37.6), (55.7, 37.5), (-1.29, 36.82)]:
        assert any(w < lon < e and s < lat < n for w, s, e, n in boxes)


# --- briefing new ------------------------------------------------------------------------------


def test_new_writes_a_folder_that_passes_check_with_one_example_per_file(tmp_path, capsys):
    folder = tmp_path / "my-book"
    assert cli(["new", str(folder)]) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert "book.yaml" in names and "article.txt" in names and "faq.yaml" in names
    for name in names:
        if name.endswith(".yaml") and name not in ("article.yaml", "book.yaml"):
            records = yaml.safe_load((folder / name).read_text("utf-8"))
            assert len(records) == 1, name  # one example record
            assert (folder / name).read_text("utf-8").startswith("#"), name  # commented
    assert cli(["check", "--data", str(folder)]) == 0


def test_new_takes_the_article_and_refuses_a_non_empty_folder(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text("A new story's text.\n\nIts second paragraph.\n", "utf-8")
    folder = tmp_path / "book"
    assert cli(["new", str(folder), "--article", str(article)]) == 0
    assert (folder / "article.txt").read_text("utf-8") == article.read_text("utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    capsys.readouterr()
    assert cli(["new", str(folder)]) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe not text")
    assert cli(["new", str(tmp_path / "other"), "--article", str(tmp_path / "bad.txt")]) == 2


def test_new_prints_next_steps_that_run_and_warns_of_its_examples(tmp_path):
    """The printed commands work as printed (the interpreter that ran `new`, not a bare
    `python` that may lack the package), and the EXAMPLE records are a warning, not a fault."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "lib")}
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "new", "my book"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    steps = done.stdout.split("next:", 1)[1].splitlines()[1:]
    assert [shlex.split(s)[2:4] for s in steps] == [
        ["briefing", "check"],
        ["briefing", "cities"],
        ["briefing", "export"],
    ]
    assert "EXAMPLE records" in done.stderr and done.stderr.startswith("warning: ")
    check = subprocess.run(
        shlex.split(steps[0]), capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert check.returncode == 0 and "data OK" in check.stdout, check.stderr
    warnings = check.stderr.splitlines()
    assert "warning: people.yaml, record #1 (id 'alex-example'): still the template's " in (
        "\n".join(warnings)
    )
    assert all(w.startswith("warning: ") for w in warnings)


def test_check_warns_of_sources_on_example_domains(tmp_path, capsys):
    book = sample_briefing()
    sources = (dataclasses.replace(book.sources[0], url="https://www.example.org/news/1"),)
    folder = write_data_folder(
        tmp_path / "data", dataclasses.replace(book, sources=sources + book.sources[1:])
    )
    assert cli(["check", "--data", str(folder)]) == 0
    err = capsys.readouterr().err
    assert "warning: sources.yaml, record #1 (id 'tass'): its url is on example.org" in err
    assert cli(["check"]) == 0 and "warning" not in capsys.readouterr().err  # data/ is real


def test_check_piped_into_a_reader_that_stops_ends_quietly():
    with subprocess.Popen(
        [sys.executable, "-m", "briefing", "check"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT / "lib"), "PYTHONUNBUFFERED": "1"},
    ) as proc:
        proc.stdout.close()  # `check | head -0`: gone before check (busy reading) prints
        err = proc.stderr.read().decode()
        proc.wait()
    assert "Traceback" not in err and "BrokenPipeError" not in err, err


def test_exports_and_books_made_inside_the_checkout_are_ignored_by_git(tmp_path):
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse"], capture_output=True).returncode:
        pytest.skip("not a git checkout")
    folder = ROOT / f"newbook-gitignore-test-{os.getpid()}"
    try:
        new_book(folder)
        for path in (folder / "people.yaml", ROOT / "my-book.html"):
            ignored = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", str(path)])
            assert ignored.returncode == 0, path
    finally:
        for path in sorted(folder.glob("*"), reverse=True):
            path.unlink()
        folder.rmdir()
    outside = tmp_path / "book"
    new_book(outside)
    assert not (outside / ".gitignore").exists()  # a book outside the checkout is the author's


# --- nothing of this story in the library or the notebook ---------------------------------------


def test_library_and_notebook_name_no_story():
    files = [NOTEBOOK, *(ROOT / "lib" / "briefing").rglob("*")]
    words = re.compile("|".join(re.escape(w) for w in STORY_WORDS), re.IGNORECASE)
    for path in files:
        if path.suffix in (".py", ".j2", ".js", ".css", ".ipynb"):
            found = words.findall(path.read_text("utf-8"))
            assert not found, (path, found)


# --- the second story exported ----------------------------------------------------------------


@pytest.fixture(scope="module")
def second_export(tmp_path_factory):
    """The second story exported with a relative --data, from the folder that holds it."""
    base = tmp_path_factory.mktemp("books")
    write_second_story(base / "second")
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "export", "--data", "second", "--out", "out.html"],
        capture_output=True,
        text=True,
        cwd=base,
        env={**os.environ, "PYTHONPATH": str(ROOT / "lib")},
    )
    assert result.returncode == 0, result.stderr
    return (base / "out.html").read_text("utf-8")


@pytest.mark.notebook
def test_another_storys_page_shows_its_own_book_and_none_of_this_one(second_export):
    page = second_export
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert title == "Amina Okoth chairs the Nairobi trade summit"
    for word in STORY_WORDS:
        # plotly.js and leaflet (packed: base64 spells anything) and the book's own scripts
        # are in the page: look only outside them
        text = re.sub(
            r"<script(?: type=\"text/plain\" data-briefing-lib=[^>]*)?>(?!\s*\{).*?</script>",
            "",
            page,
            flags=re.DOTALL,
        )
        assert word not in text, word
    assert 'data-view="nairobi"' in page and 'data-view="addis-ababa"' in page
    assert "Trade talks" in page and "Customs union" in page  # its own threads
    assert 'placeholder="e.g. Okoth' in page
    assert "Run all cells" not in page  # live-only words stay in the notebook


@pytest.mark.notebook
def test_new_book_exports(tmp_path):
    folder = tmp_path / "fresh"
    new_book(folder)
    out = tmp_path / "fresh.html"
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "export", "--data", str(folder), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "<title>EXAMPLE briefing book</title>" in out.read_text("utf-8")


@pytest.mark.notebook
@pytest.mark.browser
def test_another_storys_map_switches_between_its_own_cities_offline(
    second_export, offline_page, tmp_path
):
    from test_maps_browser import VISIBLE_MARKERS

    path = tmp_path / "second.html"
    path.write_text(second_export, "utf-8")
    page = offline_page.page
    page.goto(path.as_uri())
    page.wait_for_selector("path.briefing-maps__marker", state="attached")
    root = page.locator('[data-briefing-view="maps"]')
    assert set(root.evaluate(VISIBLE_MARKERS)) == {"convention-hall", "addis-hall"}
    page.get_by_role("button", name="Addis Ababa").click()
    assert set(root.evaluate(VISIBLE_MARKERS)) == {"addis-hall"}
    page.get_by_role("button", name="Nairobi").click()
    assert set(root.evaluate(VISIBLE_MARKERS)) == {"convention-hall"}
    assert page.locator(".leaflet-briefingBasemap-pane path").count() >= 2  # derived basemap
    assert offline_page.blocked == [] and offline_page.page_errors == []


@pytest.mark.notebook
def test_nbconvert_exporter_reads_a_relative_briefing_data(second, monkeypatch):
    """`BRIEFING_DATA=second jupyter nbconvert --to briefing` run from the folder holding it."""
    from briefing.export import BriefingExporter

    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells = nb.cells[:2]  # load the data and show the title
    monkeypatch.chdir(second.parent)
    monkeypatch.setenv("BRIEFING_DATA", "second")
    page, _ = BriefingExporter().from_notebook_node(nb, {"metadata": {"path": str(ROOT)}})
    assert "<title>Amina Okoth chairs the Nairobi trade summit</title>" in page
