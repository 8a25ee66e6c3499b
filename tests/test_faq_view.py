"""FAQ lookup view: the static twin's HTML and the live widget, as a reader would meet them."""

from __future__ import annotations

import base64
import dataclasses
import html
import json
import re
import zlib

import pytest
from sample_book import make_record, sample_briefing, write_data_folder
from test_faq import HOSTILE, small_briefing

from briefing import DataError, load_briefing
from briefing.faq_view import ALL_ENTITIES, ALL_TOPICS, FaqLookup, faq_lookup, status_message
from briefing.model import FaqEntry
from briefing.render import place_anchor
from briefing.view import WIDGET_MIME


def _visible_text(fragment: str) -> str:
    without_data = re.sub(r"<script.*?</script>|<style.*?</style>", "", fragment, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", without_data))


def _json_blob(fragment: str) -> dict:
    blob = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', fragment, re.S)
    return json.loads(blob.group(1))


def _questions(fragment: str) -> list[str]:
    found = re.findall(r'<h3 class="briefing-faq-question"[^>]*>(.*?)</h3>', fragment, re.S)
    return [html.unescape(q) for q in found]


def _packed_cards(fragment: str) -> str:
    """The records' cards the page carries packed (base64 of raw DEFLATE), as HTML."""
    block = re.search(
        r'<script type="text/plain" class="briefing-faq-cards" data-encoding="deflate-base64" '
        r'data-length="(\d+)">([^<]*)</script>',
        fragment,
    )
    text = zlib.decompress(base64.b64decode(block.group(2)), -15)
    assert len(text) == int(block.group(1))
    return text.decode("utf-8")


def test_static_twin_renders_every_entry_and_the_controls():
    view = faq_lookup(small_briefing())
    page = view.static_html()
    # the FAQ's entries; every record's card travels packed, to show when a search finds it
    assert _questions(page) == [e.question for e in view.briefing.faq]
    cards = _packed_cards(page)
    assert _questions(cards) == [c.question for c in view.cards]
    item = r'<li class="briefing-faq-item" data-entry-id="([^"]*)" data-card hidden>'
    assert re.findall(item, cards) == [c.id for c in view.cards]
    text = _visible_text(page)
    assert "Showing all 5 answers." in text
    assert "Search the questions and answers" in text
    assert "A court in The Hague that tries individuals." in text
    assert "Confidence: high" in text
    assert page.count('class="briefing-faq-topic-button"') == 1 + 4  # All + topics
    assert page.count('aria-pressed="true"') == 1
    assert 'type="search"' in page and 'aria-live="polite"' in page
    assert 'data-briefing-view="faq"' in page
    assert '<a href="https://example.org/a"' in page
    options = re.findall(r"<option value=\"([^\"]*)\">([^<]*)</option>", page)
    assert options[0] == ("", ALL_ENTITIES)
    assert [name for _, name in options[1:]] == sorted(name for _, name in options[1:])


def test_static_twin_carries_the_same_index():
    view = FaqLookup(small_briefing())
    data = _json_blob(view.static_html())
    assert data["index"] == json.loads(json.dumps(view.index))
    assert data["messages"]["none"].startswith("No answer matches")


def test_two_renders_are_byte_identical():
    assert FaqLookup(small_briefing()).static_html() == FaqLookup(small_briefing()).static_html()


def test_hostile_text_stays_text():
    view = FaqLookup(small_briefing(HOSTILE))
    page = view.static_html()
    assert "<img" not in page
    assert page.count("</script>") == 2  # only the data tags' own ends (index, packed cards)
    cards = _packed_cards(page)
    assert "<img" not in cards and HOSTILE in _visible_text(cards)
    data_tag = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S)
    assert "<" not in data_tag.group(1) and "\u2028" not in data_tag.group(1)
    assert HOSTILE in _visible_text(page)
    assert HOSTILE in _json_blob(page)["entity_names"]["sergei-lavrov"]
    live = view.results_html("lavrov")
    assert "<img" not in live
    assert HOSTILE in _visible_text(live)


def test_status_messages():
    assert status_message(5, 5, "", "", "", "Wang") == "Showing all 5 answers."
    assert status_message(2, 5, "", "People", "", "Wang") == ("Showing 2 of 5 answers in “People”.")
    assert status_message(1, 5, " lavrov ", "", "", "Wang") == "1 answer matches “lavrov”."
    assert status_message(3, 5, "ICC", "", "Wang Yi", "Wang") == (
        "3 answers match “ICC” about Wang Yi, best first."
    )
    assert status_message(0, 5, "xyz", "", "", "Wang or Putin") == (
        "No answer matches “xyz”. Try a name such as Wang or Putin."
    )
    assert status_message(0, 5, "xyz", "ICC", "", "Wang") == (
        "No answer matches “xyz” in “ICC”. Try a name such as Wang, or clear the filters."
    )
    assert status_message(0, 5, "", "ICC", "Wang Yi", "Wang").startswith("No answer fits")


def test_live_widget_updates_as_the_reader_types():
    widgets = pytest.importorskip("ipywidgets")
    view = FaqLookup(small_briefing())
    box = view.live()
    query, topic, entity, show_all, results = box.children
    assert isinstance(show_all, widgets.ToggleButton) and not show_all.value
    assert isinstance(query, widgets.Text) and query.continuous_update
    assert isinstance(topic, widgets.ToggleButtons)
    assert list(topic.options) == [ALL_TOPICS, "Belt and Road", "ICC", "People", "The visit"]
    assert isinstance(entity, widgets.Dropdown)
    assert 'aria-live="polite"' in results.value
    assert len(_questions(results.value)) == 5

    query.value = "Lavorv"
    shown = _questions(results.value)
    assert shown[0] == "Who is Sergei Lavrov?"  # the FAQ's entry first, then his record's card
    assert shown[1].startswith("Sergei Lavrov, Minister")
    assert shown == [view.entries[i]["question"] for i in view.engine.search("Lavorv").shown]
    assert f"{len(shown)} answers match “Lavorv”" in _visible_text(results.value)
    assert results.value.count("<details") == len(shown) and results.value.count(" open>") == 1
    assert "From the records · Person" in _visible_text(results.value)
    assert 'href="#bk-entity-sergei-lavrov"' in results.value
    show_all.value = True
    assert results.value.count(" open>") == len(shown)
    show_all.value = False
    assert results.value.count(" open>") == 1

    topic.value = "People"
    assert _questions(results.value) == ["Who is Sergei Lavrov?"]

    query.value = "xyzzy"
    assert _questions(results.value) == []
    assert "No answer matches “xyzzy” in “People”." in _visible_text(results.value)
    assert "clear the filters" in _visible_text(results.value)

    query.value = ""
    topic.value = ALL_TOPICS
    entity.value = "wang-yi"
    assert _questions(results.value) == [
        "Who is Nikolai Patrushev?",
        "Why did Wang Yi go to Moscow?",
    ]


def test_live_results_match_the_engine_order():
    view = FaqLookup(small_briefing())
    for query in ["", "Wang", "Patrushef", "court", "belt road"]:
        expected = [view.entries[i]["question"] for i in view.engine.search(query).shown]
        assert _questions(view.results_html(query)) == expected


def test_display_bundle_has_widget_and_twin():
    pytest.importorskip("ipywidgets")
    view = FaqLookup(small_briefing())
    bundle = view._repr_mimebundle_()
    # the widget view JupyterLab renders: the same reference as ipywidgets' own bundle gives
    own = view._live._repr_mimebundle_()
    assert bundle[WIDGET_MIME] == own[WIDGET_MIME]
    assert bundle[WIDGET_MIME]["model_id"] == view._live.model_id
    assert bundle["text/plain"] == view.title
    assert 'data-briefing-view="faq"' in bundle["text/html"]


def test_real_faq_view(briefing):
    view = FaqLookup(briefing)
    page = view.static_html()
    assert _questions(page)[: len(briefing.faq)] == [e.question for e in briefing.faq]
    assert f"Showing all {len(briefing.faq)} answers." in _visible_text(page)
    assert "javascript:" not in page


def test_twin_is_byte_identical_across_processes():
    import os
    import subprocess
    import sys

    code = (
        "import hashlib; from test_faq import small_briefing; from briefing.faq_view import "
        "FaqLookup; print(hashlib.sha1(FaqLookup(small_briefing()).static_html().encode())"
        ".hexdigest())"
    )
    here = os.path.dirname(__file__)
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={
                **os.environ,
                "PYTHONHASHSEED": seed,
                # the tests folder, then the library this run imports (a worktree's own copy)
                "PYTHONPATH": os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")])),
            },
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_no_answer_offers_the_closest_questions_closed():
    assert status_message(3, 29, "kim", "", "", "Wang", answered=False) == (
        "No answer matches “kim”. The closest questions are below."
    )
    assert status_message(3, 29, "kim", "ICC", "", "Wang", answered=False) == (
        "No answer matches “kim” in “ICC”. The closest questions are below."
    )
    view = FaqLookup(small_briefing())
    query = "did lavrov meet kim jong un in pyongyang"
    hits = view.engine.search(query)
    assert not hits.answered and hits.suggestions
    html = view.results_html(query, show_all=True)
    assert _questions(html) == [view.entries[i]["question"] for i in hits.suggestions]
    assert " open>" not in html  # suggestions stay closed, even with Show all
    assert 'aria-label="Closest questions"' in html
    assert "No answer matches" in _visible_text(html)
    answered = view.results_html("who is lavrov")
    assert answered.count(" open>") == 1 and "Closest questions" not in answered


def test_an_entry_about_a_place_names_and_links_it_and_search_finds_it(tmp_path):
    """FAQ `entities` may name a place ("Where did they meet?"): check accepts it, the entry
    says it concerns the place and links its map entry, the menu offers it, search finds it."""
    book = sample_briefing()
    where = make_record(
        FaqEntry,
        id="where-did-wang-meet-sullivan",
        question="Where did Wang Yi meet Jake Sullivan?",
        answer="In Malta; the venue was never made public.",
        topic="Meetings",
        entities=["valletta", "wang-yi"],
        sources=["tass"],
        confidence="medium",
    )
    book = write_data_folder(tmp_path / "data", dataclasses.replace(book, faq=(*book.faq, where)))
    loaded = load_briefing(book)
    page = faq_lookup(loaded).static_html()
    place = loaded.place("valletta")
    link = f'<a href="#{place_anchor("valletta")}" class="briefing-faq-place">'
    assert link + html.escape(place.name, quote=False) + "</a>, Wang Yi</p>" in page
    assert f'<option value="valletta">{html.escape(place.name, quote=False)}</option>' in page
    engine = FaqLookup(loaded).engine
    assert engine.search("Valletta").shown[0] == "place:valletta"  # a bare name: its own card
    assert engine.search("where did they meet in valletta").shown[:1] == [where.id]


def test_an_unknown_faq_entity_is_named_as_any_of_four_kinds(tmp_path):
    book = sample_briefing()
    entry = dataclasses.replace(book.faq[0], entities=["atlantis"])
    folder = write_data_folder(tmp_path / "data", dataclasses.replace(book, faq=(entry,)))
    with pytest.raises(
        DataError, match="'atlantis' does not name a known person, organisation, country or place"
    ) as caught:
        load_briefing(folder)
    assert caught.value.field == "entities[0]"
