"""Loading and validating data/: real data passes; each breakage gets one clear message."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from briefing import DataError, load_briefing
from briefing.content import PACKAGE_DATA, _read_yaml
from briefing.model import Confidence, Precision

SEED_ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "seed" / "article.txt"


def test_real_data_loads_with_every_kind(briefing):
    assert len(briefing.faq) >= 20
    assert briefing.article.body.startswith("China’s Foreign Minister, Wang Yi")
    for kind in (
        "sources",
        "countries",
        "people",
        "organisations",
        "places",
        "events",
        "relations",
    ):
        assert getattr(briefing, kind), kind


def test_article_text_is_the_seed_verbatim(briefing):
    if not SEED_ARTICLE.exists():
        pytest.skip("shared/seed is not beside this checkout")
    assert briefing.article.body == SEED_ARTICLE.read_text("utf-8")


def test_coverage_of_the_story(briefing):
    """The brief's list: the visit's meetings, Malta, Vienna, ICC, forums, BRICS, aftermath."""
    starts = {e.start.isoformat() for e in briefing.events}
    for day in (
        "2023-09-18",
        "2023-09-19",
        "2023-09-20",
        "2023-09-16",
        "2023-05-10",
        "2023-03-17",
        "2023-03-20",
        "2017-05-14",
        "2019-04-25",
        "2023-10-18",
        "2023-11-15",
        "2024-05-12",
    ):
        assert day in starts, day
    org_ids = {o.id for o in briefing.organisations}
    assert "international-criminal-court" in org_ids
    assert {e.thread for e in briefing.events} == {
        "china-russia",
        "china-us",
        "icc",
        "belt-and-road",
    }
    assert sum(f.from_article for f in briefing.faq) == 2


def test_unknown_venue_is_stated_as_unknown(briefing):
    malta = [p for p in briefing.places if p.country == "malta"]
    assert malta and all(p.precision == Precision.city for p in malta)
    # said exactly as the sources allow: no source names it (not "never made public")
    notes = [" ".join((p.note or "").lower().split()) for p in malta]
    assert any("no source found names the venue" in n for n in notes)
    assert not any("made public" in n for n in notes)


def test_every_fact_has_sources_and_confidence(briefing):
    records = [
        *briefing.entities,
        *briefing.places,
        *briefing.events,
        *briefing.relations,
        *briefing.faq,
    ]
    for record in records:
        assert record.sources, record.id
        assert isinstance(record.confidence, Confidence)


def test_after_article_is_what_followed_the_visit(briefing):
    later = {e.id for e in briefing.events if briefing.after_article(e)}
    subject = briefing.event(briefing.article.subject_event)
    assert later and all(briefing.event(i).start > subject.last_day for i in later)


# --- broken data: each case is one mutation of a copy of the real data --------------------


def _first(records, **match):
    return next(i for i, r in enumerate(records) if all(r.get(k) == v for k, v in match.items()))


def _edit(name, change):
    def mutate(folder: Path):
        path = folder / name
        records = yaml.safe_load(path.read_text("utf-8"))
        change(records)
        path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), "utf-8")

    return mutate


def _write(name, content: bytes):
    def mutate(folder: Path):
        (folder / name).write_bytes(content)

    return mutate


def _pop(records, index, key):
    records[index].pop(key)


CASES = {
    # case: (mutation, file, record shown, field shown, words in the message)
    "impossible date as YAML reads it": (
        _write("events.yaml", b"- id: x\n  start: 2023-02-30\n"),
        "events.yaml",
        None,
        None,
        "(line 2, column 10): cannot read '2023-02-30': day is out of range",
    ),
    "integer too long to read": (
        _write("places.yaml", b"- id: x\n  lat: " + b"1" * 5000 + b"\n"),
        "places.yaml",
        None,
        None,
        "(line 2, column 8): cannot read '1111",
    ),
    "yaml syntax": (
        _write("people.yaml", b"- id: x\n  name: [unclosed\n"),
        "people.yaml",
        None,
        None,
        "syntax error (line",
    ),
    "not utf-8": (
        _write("faq.yaml", "- id: caf\u00e9\n".encode("latin-1")),
        "faq.yaml",
        None,
        None,
        "not UTF-8",
    ),
    "not a list": (
        _write("places.yaml", b"id: kremlin\n"),
        "places.yaml",
        None,
        None,
        "expected a list",
    ),
    "duplicate key": (
        _write("sources.yaml", b"- id: a\n  id: b\n"),
        "sources.yaml",
        None,
        None,
        "appears twice",
    ),
    "missing field": (
        _edit("people.yaml", lambda r: _pop(r, 0, "role")),
        "people.yaml",
        "#1",
        "role",
        "this field is required",
    ),
    "extra field": (
        _edit("events.yaml", lambda r: r[1].update(venue="x")),
        "events.yaml",
        "#2",
        "venue",
        "unknown field",
    ),
    "wrong type": (
        _edit("places.yaml", lambda r: r[0].update(lat="north")),
        "places.yaml",
        "#1",
        "lat",
        "valid number",
    ),
    "latitude out of range": (
        _edit("places.yaml", lambda r: r[0].update(lat=95.0)),
        "places.yaml",
        "#1",
        "lat",
        "less than or equal to 90",
    ),
    "longitude out of range": (
        _edit("places.yaml", lambda r: r[1].update(lon=-200)),
        "places.yaml",
        "#2",
        "lon",
        "greater than or equal to -180",
    ),
    "reversed dates": (
        _edit(
            "events.yaml",
            lambda r: r[0].update(start=r[0].get("end") or r[0]["start"], end="2001-01-01"),
        ),
        "events.yaml",
        "#1",
        None,
        "before start",
    ),
    "bad date": (
        _edit("events.yaml", lambda r: r[0].update(start="2023-02-30")),
        "events.yaml",
        "#1",
        "start",
        "date",
    ),
    "duplicate id": (
        _edit("faq.yaml", lambda r: r[1].update(id=r[0]["id"])),
        "faq.yaml",
        "#2",
        "id",
        "duplicate id",
    ),
    "dangling participant": (
        _edit("events.yaml", lambda r: r[0].update(participants=["nobody-at-all"])),
        "events.yaml",
        "#1",
        "participants[0]",
        "nobody-at-all",
    ),
    "dangling source": (
        _edit("faq.yaml", lambda r: r[2].update(sources=["no-such-source"])),
        "faq.yaml",
        "#3",
        "sources[0]",
        "no-such-source",
    ),
    "dangling place": (
        _edit("events.yaml", lambda r: r[2].update(place="atlantis")),
        "events.yaml",
        "#3",
        "place",
        "atlantis",
    ),
    "no sources": (
        _edit("relations.yaml", lambda r: r[0].update(sources=[])),
        "relations.yaml",
        "#1",
        "sources",
        "at least 1",
    ),
    "bad confidence": (
        _edit("people.yaml", lambda r: r[0].update(confidence="certain")),
        "people.yaml",
        "#1",
        "confidence",
        "high",
    ),
    "javascript url": (
        _edit("sources.yaml", lambda r: r[0].update(url="javascript:alert(1)")),
        "sources.yaml",
        "#1",
        "url",
        "http(s)",
    ),
    "empty faq": (_write("faq.yaml", b"[]\n"), "faq.yaml", None, None, "no entries"),
    "huge field": (
        _edit("faq.yaml", lambda r: r[0].update(answer="x" * 10_000_000)),
        "faq.yaml",
        None,
        None,
        "over the",
    ),
    "entity id clash": (
        _edit("countries.yaml", lambda r: r[0].update(id="wang-yi")),
        "countries.yaml",
        "#1",
        "id",
        "already used",
    ),
    "missing file": (
        lambda folder: (folder / "relations.yaml").unlink(),
        "relations.yaml",
        None,
        None,
        "file not found",
    ),
}


@pytest.fixture
def data_copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA, folder)
    return folder


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_data_names_file_record_and_field(case, data_copy):
    mutate, name, record, field, words = CASES[case]
    mutate(data_copy)
    with pytest.raises(DataError) as caught:
        load_briefing(data_copy)
    err, message = caught.value, str(caught.value)
    assert err.path.name == name and message.startswith(str(data_copy / name))
    assert words in message, message
    if record is not None:
        assert err.record is not None and err.record.startswith(record), message
        assert f"record {record}" in message
    if field is not None:
        assert err.field == field and f"field '{field}'" in message


def test_check_command_prints_counts():
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "data OK" in done.stdout
    assert "faq entries" in done.stdout and "events" in done.stdout


def test_check_command_refuses_bad_data_without_traceback(data_copy):
    _edit("people.yaml", lambda r: _pop(r, 0, "role"))(data_copy)
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "check", "--data", str(data_copy)],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "people.yaml" in done.stderr and "record #1" in done.stderr and "'role'" in done.stderr


def test_environment_variable_points_at_another_folder(data_copy, monkeypatch):
    _edit("faq.yaml", lambda r: r[0].update(question="Changed in the copy?"))(data_copy)
    monkeypatch.setenv("BRIEFING_DATA", str(data_copy))
    assert load_briefing().faq[0].question == "Changed in the copy?"


def _several(folder: Path) -> None:
    def people(r):
        r[0].update(confidence="certain")
        r[1].update(confidence="sure")

    def events(r):
        r[0].update(start="2023-02-30")
        r[1].update(end="2023-13-01")
        r[2].update(place="atlantis")

    def places(r):
        r[0].update(lat="north", lon=500)

    def sources(r):
        r[0].update(kind="blog")  # the records citing it must not each add a fault

    for name, change in (
        ("people.yaml", people),
        ("events.yaml", events),
        ("places.yaml", places),
        ("sources.yaml", sources),
    ):
        _edit(name, change)(folder)


SEVERAL = [
    ("sources.yaml", "#1", "kind"),
    ("people.yaml", "#1", "confidence"),
    ("people.yaml", "#2", "confidence"),
    ("places.yaml", "#1", "lat"),
    ("places.yaml", "#1", "lon"),
    ("events.yaml", "#1", "start"),
    ("events.yaml", "#2", "end"),
    ("events.yaml", "#3", "place"),
]


def test_every_schema_and_reference_fault_is_reported_in_one_run(data_copy):
    _several(data_copy)
    with pytest.raises(DataError) as caught:
        load_briefing(data_copy)
    lines = caught.value.lines
    assert len(lines) == len(SEVERAL), "\n".join(lines)
    for line, (name, record, field) in zip(lines, SEVERAL, strict=True):
        assert line.startswith(str(data_copy / name)), line
        assert f"record {record} " in line and f"field '{field}'" in line, line
    assert not any("does not name a known source" in line for line in lines)


def test_check_command_prints_each_fault_on_its_own_line(data_copy):
    _several(data_copy)
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "check", "--data", str(data_copy)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(SEVERAL), done.stderr
    assert "'certain'" in errors[1] and "'sure'" in errors[2]


def test_yaml_reads_as_pyyaml_itself_reads_it(tmp_path):
    """The loader's shortcut for text values (content._StrictLoader) changes nothing PyYAML's
    own safe loader reads: plain, quoted, tagged, anchored, multi-line and non-text values."""
    text = (
        "- id: a\n  name: &n Wang Yi\n  alias: *n\n  quoted: '123'\n  tagged: !!str 2023-01-01\n"
        "  date: 2023-01-01\n  number: 12\n  flag: yes\n  none: ~\n  block: |\n    two\n    lines\n"
        "  folded: >\n    one\n    line\n  list: [x, 'y', 3.5]\n  mapping: {k: v, w: z}\n"
        "- *n\n- 'Putin’s trip'\n"
    )
    path = tmp_path / "values.yaml"
    path.write_text(text, encoding="utf-8")
    read = _read_yaml(path)
    assert read == yaml.load(text, Loader=yaml.SafeLoader)
    assert read[0]["alias"] == "Wang Yi" and read[0]["tagged"] == "2023-01-01"
