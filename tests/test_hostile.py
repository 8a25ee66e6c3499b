"""Hostile text: every text field of data/ carries payloads; none runs, and the text still shows.

The book is exported from a copy of data/ in which every free-text field (names, aliases, roles,
summaries, notes, titles, questions, answers, topics, relation types, the article) has hostile
payloads appended, and source URLs carry quote-breaking characters. The page is opened offline in
Chromium: no payload may run, and the payload text must be visible as text.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import show_every_view

from briefing.content import (
    ARTICLE_BODY,
    ARTICLE_FILE,
    BOOK_FILE,
    CORRECTIONS_FILE,
    PACKAGE_DATA,
    RECORD_FILES,
)

ROOT = Path(__file__).resolve().parents[1]
# each payload that runs calls alert(): the test records every dialog the page opens
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "\"'><svg onload=alert(3)>",
    "\u2028\u2029",
    "javascript:alert(4)",
    # template syntax: folium's renderer compiles rendered scripts as Jinja templates again
    "</style></textarea>{{ range.__name__ ~ 7*7 }}{% if 1 %}IF{% endif %}${7*7}",
]
PAYLOAD = " " + " ".join(PAYLOADS)
# fields that hold ids, dates, enums, numbers or flags: the loader already constrains them
NOT_TEXT = {
    "id",
    "sources",
    "country",
    "place",
    "participants",
    "subject",
    "object",
    "event",
    "entities",
    "start",
    "end",
    "date",
    "published",
    "accessed",
    "records",
    "confidence",
    "precision",
    "thread",
    "lat",
    "lon",
    "url",
    "from_article",
    "subject_event",
}


def _poison(value):
    if isinstance(value, list):
        return [_poison(v) for v in value]
    # keep a little of the real text so records stay recognisable, and stay under field caps
    return value[:40] + PAYLOAD if isinstance(value, str) else value


def poison_data(folder: Path) -> int:
    """Append the payloads to every text field under `folder`; return how many fields."""
    fields = 0
    for name in [*RECORD_FILES, ARTICLE_FILE, CORRECTIONS_FILE]:
        path = folder / name
        if name == CORRECTIONS_FILE and not path.exists():
            continue
        loaded = yaml.safe_load(path.read_text("utf-8"))
        for record in loaded if isinstance(loaded, list) else [loaded] if loaded else []:
            for key, value in record.items():
                if key == "url" and value:
                    record[key] = value + "?q=\"'><script>alert(5)</script>"
                    fields += 1
                elif key == "kind" and name == "sources.yaml":
                    continue  # an enum there (an organisation's kind is free text)
                elif key not in NOT_TEXT and isinstance(value, (str, list)):
                    record[key] = _poison(value)
                    fields += 1
        path.write_text(yaml.safe_dump(loaded, allow_unicode=True, width=10_000), "utf-8")
    body = folder / ARTICLE_BODY
    body.write_text(body.read_text("utf-8") + "\n\n" + PAYLOAD.strip() + "\n", "utf-8")
    book = folder / BOOK_FILE
    if book.exists():  # the book's own wording: title, intros, labels, map view names...
        poisoned = _poison_book(yaml.safe_load(book.read_text("utf-8")))
        book.write_text(yaml.safe_dump(poisoned, allow_unicode=True, width=10_000), "utf-8")
        fields += 1
    return fields + 1


# book.yaml fields that hold ids, colours or numbers (relation `types` are poisoned like the
# relations' own `type`, so the tie groups still match them)
NOT_BOOK_TEXT = {"id", "person", "places", "sides", "colour", "bounds", "min_span"}


def _poison_book(value):
    if isinstance(value, dict):
        return {k: v if k in NOT_BOOK_TEXT else _poison_book(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison_book(v) for v in value]
    return _poison(value)


@pytest.fixture(scope="module")
def hostile_export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    data = folder / "data"
    shutil.copytree(PACKAGE_DATA, data)
    fields = poison_data(data)
    out = folder / "hostile.html"
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "export", "--data", str(data), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return out, fields


@pytest.mark.notebook
@pytest.mark.browser
def test_no_payload_runs_in_the_export_and_the_text_shows(hostile_export, offline_page):
    out, fields = hostile_export
    assert fields > 100
    page = offline_page.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(out.as_uri())
    show_every_view(page)
    page.wait_for_timeout(1500)
    # open every collapsed part and click every view control, so lazy content renders too
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    for button in page.locator("main button:visible").all()[:40]:
        # the street map's buttons ask for the network on purpose (tests/test_maps_streets_browser)
        if not button.evaluate("b => Boolean(b.closest('[data-streets]'))"):
            button.click()
    page.wait_for_timeout(500)
    assert dialogs == []
    assert offline_page.page_errors == []
    assert offline_page.console_errors == []
    assert offline_page.blocked == []
    text = page.inner_text("main")
    assert "<img src=x onerror=" in text
    assert "</script><script>" in text
    assert "{{ range.__name__ ~ 7*7 }}" in text
    assert "range49" not in out.read_text("utf-8"), "template syntax in the data was evaluated"
