"""Every example book in examples/ passes `briefing check` as a reader runs it, and the Mongolia
example (a journey with travel days at both ends) maps the journey a reader expects."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing import load_briefing
from briefing.maps.data import journey

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if (p / "article.yaml").is_file())
MONGOLIA = ROOT / "examples" / "mongolia-papal-visit-2023"


def test_there_are_example_books():
    names = [p.name for p in EXAMPLES]
    assert "amazon-summit-2023" in names and "mongolia-papal-visit-2023" in names, names


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda p: p.name)
def test_each_example_passes_check(folder):
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "check", "--data", str(folder.relative_to(ROOT))],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("data OK: "), done.stdout
    assert "low 0" in done.stdout  # no claim in an example rests on a low-confidence guess


def test_mongolia_places_say_how_exact_they_are():
    """No venue coordinates could be read from a gazetteer: each venue is a city point, and
    says so, rather than a pin that looks exact."""
    book = load_briefing(MONGOLIA)
    venues = {"sukhbaatar-square", "state-palace", "cathedral-saints-peter-and-paul"}
    venues |= {"hun-theatre", "steppe-arena", "house-of-mercy"}
    for place in book.places:
        assert place.precision.value != "exact", place.id
        if place.id in venues:
            assert place.precision.value == "city" and "city point" in place.note, place.id


def test_mongolia_journey_runs_rome_ulaanbaatar_rome():
    stops = journey(load_briefing(MONGOLIA))
    assert [(s.city, s.dates) for s in stops] == [
        ("Rome", "31 Aug 2023"),
        ("Ulaanbaatar", "1–4 Sep 2023"),
        ("Rome", "4 Sep 2023"),
    ]


def test_mongolia_stop_lists_the_days_events_in_the_order_they_happened():
    stops = journey(load_briefing(MONGOLIA))
    ulaanbaatar = next(s for s in stops if s.city == "Ulaanbaatar")
    ids = [e.id for e in ulaanbaatar.events]
    assert ids.index("welcome-ceremony") < ids.index("state-palace-visit")
    assert ids.index("state-palace-visit") < ids.index("cathedral-meeting")
