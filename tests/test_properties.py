"""Property-based tests: whatever the data holds, the loader gives data or a DataError."""

from __future__ import annotations

import functools
import json
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import DataError, load_briefing
from briefing.content import PACKAGE_DATA, RECORD_FILES
from briefing.render import script_json, script_json_text

FILES = [*sorted(RECORD_FILES), "article.yaml", "article.txt", "corrections.yaml"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load_with(name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(PACKAGE_DATA, folder)
        (folder / name).write_bytes(content)
        try:
            load_briefing(folder)
        except DataError as err:
            assert name in str(err) or "article" in str(err)


@SETTINGS
@given(name=st.sampled_from(FILES), content=st.binary(max_size=300))
def test_any_bytes_in_any_file_load_or_give_a_data_error(name, content):
    _load_with(name, content)


yaml_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.dates().map(str),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


@SETTINGS
@given(
    name=st.sampled_from(sorted(RECORD_FILES)),
    key_index=st.integers(0, 20),
    new_key=st.text(min_size=1, max_size=12),
    value=yaml_values,
    position=st.integers(min_value=0, max_value=3),
)
def test_any_value_in_any_field_loads_or_gives_a_data_error(
    name, key_index, new_key, value, position
):
    records = yaml.safe_load((PACKAGE_DATA / name).read_text("utf-8"))
    keys = sorted(records[position])
    key = keys[key_index] if key_index < len(keys) else new_key
    records[position][key] = value
    _load_with(name, yaml.safe_dump(records, allow_unicode=True).encode("utf-8"))


# --- the FAQ search: any text in, no crash, answers only from the FAQ -------------------------


@functools.cache
def _faq_search():
    from briefing import FaqSearch

    book = load_briefing()
    search = FaqSearch.from_briefing(book)
    return search, frozenset(search.ids)  # the FAQ's entries and the records' cards


@settings(max_examples=300, deadline=None)
@given(query=st.text(max_size=60), topic=st.text(max_size=12), entity=st.text(max_size=12))
def test_any_query_gives_ranked_answers_from_the_faq(query, topic, entity):
    search, known = _faq_search()
    ids = search.ids_for(query, topic, entity)
    assert set(ids) <= known and len(ids) == len(set(ids))
    hits = search.search(query, topic, entity)
    # best first; only the first may have been moved up (the record the query names, or a
    # hand-written entry that answers before a card)
    scores = [hit.score for hit in hits][1:]
    assert scores == sorted(scores, reverse=True)


@settings(max_examples=100, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(
            [
                "icc",
                "putin",
                "wang",
                "malta",
                "belt",
                "road",
                "lavrov",
                "patrushev",
                "forum",
                "beijing",
                "x",
                "é",
                "的",
            ]
        ),
        max_size=5,
    )
)
def test_real_words_in_any_order_never_crash(words):
    search, known = _faq_search()
    assert set(search.ids_for(" ".join(words))) <= known


@given(
    value=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=12,
    )
)
def test_script_json_reads_back_the_same_and_cannot_end_its_script(value):
    """Whatever the data holds, the JSON a <script> block gets parses back to it and holds
    nothing that could close the tag, start markup, break a JS string or open Jinja syntax."""
    for text in (script_json(value), script_json_text(json.dumps(value, separators=(",", ":")))):
        assert json.loads(text) == value
        assert not set(text) & {"<", ">", "&", "'", "\u2028", "\u2029"}
        assert "{{" not in text and "{%" not in text and "{#" not in text
