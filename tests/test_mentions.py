"""find_mentions: aliases, longest match first, whole words, case, and what gets highlighted."""

from __future__ import annotations

import dataclasses
import re
import sys

from sample_book import sample_briefing

from briefing.article import article_view
from briefing.maps import map_view
from briefing.mentions import (
    _ASCII_TWINS,
    find_mentions,
    first_mentions,
    glossary,
    mention_finder,
    split_text,
)
from briefing.render import place_anchor


def found(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.key) for m in find_mentions(text, sample_briefing())]


def test_names_and_aliases_are_found_with_their_positions():
    text = "Wang met Lavrov."
    mentions = find_mentions(text, sample_briefing())
    assert [(m.text, m.key) for m in mentions] == [("Wang", "wang-yi"), ("Lavrov", "lavrov")]
    assert [text[m.start : m.end] for m in mentions] == ["Wang", "Lavrov"]


def test_longest_term_wins():
    assert found("Wang Yi spoke.") == [("Wang Yi", "wang-yi")]
    assert found("the International Criminal Court (ICC)") == [
        ("International Criminal Court", "icc"),
        ("ICC", "icc"),
    ]


def test_whole_words_only():
    assert found("Wangaratta, Moscowitz, Putinism and ICCs are not mentions.") == []
    assert found("Putin's trip") == [("Putin", "putin")]
    assert found("Putin’s trip") == [("Putin", "putin")]


def test_short_aliases_are_case_sensitive_long_names_are_not():
    assert found("the icc and wang") == []
    assert found("the ICC and Wang") == [("ICC", "icc"), ("Wang", "wang-yi")]
    assert found("INTERNATIONAL CRIMINAL COURT") == [("INTERNATIONAL CRIMINAL COURT", "icc")]


def test_a_plural_of_a_long_name_is_the_same_thing():
    assert found("the first two Belt and Road Forums") == [("Belt and Road Forums", "brf")]


def test_title_and_name_side_by_side_are_one_mention():
    assert found("Russian President Vladimir Putin") == [
        ("Russian President Vladimir Putin", "putin")
    ]
    assert found("the Russian President, Vladimir Putin") == [
        ("Russian President, Vladimir Putin", "putin")
    ]


def test_places_are_matched_by_city_and_countries_by_name():
    assert found("in Moscow and Malta") == [("Moscow", "city-moscow"), ("Malta", "city-malta")]
    assert found("Russia and China") == [("Russia", "russia"), ("China", "china")]


def test_city_entries_say_how_exact_their_places_are():
    entry = glossary(sample_briefing())["city-malta"]
    assert entry.kind == "place"
    assert entry.places == (("Valletta (venue not public)", "city point only"),)
    assert entry.notes == ("The meeting venue was never made public.",)
    assert entry.confidence.value == "medium"


def test_first_mention_per_paragraph_and_countries_once_per_article():
    book = sample_briefing()
    entries = glossary(book)
    seen: set[str] = set()
    first = first_mentions(find_mentions("Wang met Wang Yi in Russia.", book), entries, seen)
    assert [m.text for m in first] == ["Wang", "Russia"]
    second = first_mentions(find_mentions("Wang left Russia.", book), entries, seen)
    assert [m.text for m in second] == ["Wang"]


def test_split_text_keeps_every_character_in_order():
    text = "Before Wang Yi, after Putin."
    mentions = find_mentions(text, sample_briefing())
    parts = split_text(text, mentions)
    assert "".join(p if isinstance(p, str) else p.text for p in parts) == text
    assert parts[0] == "Before "


def _with_venue(**change):
    """The sample book whose MFA Reception House has a label and aliases (venues are glossed)."""
    book = sample_briefing()
    places = tuple(
        dataclasses.replace(p, **change) if p.id == "reception-house" else p for p in book.places
    )
    return dataclasses.replace(book, places=places)


def test_a_venue_is_glossed_by_its_name_label_and_aliases_and_linked_to_its_map_entry():
    book = _with_venue(label="Reception House", aliases=["the Osobnyak", "Spiridonovka 17"])
    text = (
        "Talks began at the MFA Reception House in Moscow. The Reception House is old; "
        "the Osobnyak and Spiridonovka 17 are the same building. The ICC building is far."
    )
    mentions = [(m.text, m.key) for m in find_mentions(text, book)]
    assert mentions == [
        ("MFA Reception House", "place-reception-house"),
        ("Moscow", "city-moscow"),
        ("Reception House", "place-reception-house"),
        ("the Osobnyak", "place-reception-house"),
        ("Spiridonovka 17", "place-reception-house"),
        ("ICC building", "place-icc-building"),
    ]
    entry = glossary(book)["place-reception-house"]
    assert entry.kind == "place" and entry.name == "MFA Reception House"
    assert entry.role == "Place in Moscow, Russia (exact location)"
    assert entry.map_anchor == place_anchor("reception-house")
    html = article_view(dataclasses.replace(book, article=_body(book, text))).static_html()
    assert f'href="#{place_anchor("reception-house")}">On the map<' in html
    assert f'id="{place_anchor("reception-house")}"' in map_view(book).static_html()


def _body(book, text):
    return dataclasses.replace(book.article, body=text)


def test_the_ascii_twins_are_every_character_re_takes_for_an_ascii_letter_ignoring_case():
    """A term is left out of the pattern when its letters are not in the texts (mentions.
    _may_occur); that holds only if the fold knows every character the regex engine matches
    to an ASCII letter or digit when ignoring case. Checked against re itself, code point by
    code point."""
    letters = re.compile(r"(?i)[a-z0-9]")
    twins = {chr(code) for code in range(128, sys.maxunicode + 1) if letters.fullmatch(chr(code))}
    assert twins == {chr(code) for code in _ASCII_TWINS}
    for twin in twins:
        ascii_letter = twin.translate(_ASCII_TWINS)
        assert re.fullmatch(f"(?i:{ascii_letter})", twin), (twin, ascii_letter)


def test_a_pattern_for_given_texts_finds_the_same_mentions_as_the_whole_glossary():
    book = sample_briefing()
    entries = glossary(book)
    texts = [
        "Wang Yi met Lavrov; Putin’s trip to MOSCOW and the International Criminal Court (ICC).",
        # characters re takes for ASCII letters: long s, dotted capital I, dotless i, Kelvin sign
        "Mo\u017fcow: WANG Y\u0130 met the \u212aremlin; later Wang Y\u0131 left",
        "Wangaratta and Moscowitz are not mentions; World Economic Forums is",
        "",
    ]
    everything = mention_finder(entries)
    for text in texts:
        assert mention_finder(entries, [text])(text) == everything(text), text
    together = mention_finder(entries, texts)
    assert all(together(text) == everything(text) for text in texts)
    assert together.pattern is not None
    assert together.pattern.groups < everything.pattern.groups  # terms no text holds are out
    assert mention_finder(entries, [""]).pattern is None
    assert [m.text for m in together(texts[1])] == ["Mo\u017fcow", "WANG Y\u0130", "Wang Y\u0131"]
