"""The page's packed libraries: raw DEFLATE + base64 that static/start.js unpacks."""

from __future__ import annotations

import base64
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.assets import pack
from briefing.page import PACKED, Library, page_libraries, unpack


@given(st.text())
def test_any_code_packs_and_unpacks_to_itself(code):
    library = Library("x", code, packed=True)
    assert unpack(library.payload) == code
    assert library.length == len(code.encode("utf-8"))
    assert library.encoding == PACKED


def test_packing_is_raw_deflate_without_a_header():
    data = b"Plotly " * 100
    packed = pack(data)
    assert zlib.decompress(packed, -15) == data
    with pytest.raises(zlib.error):
        zlib.decompress(packed)  # no zlib header: what tiny-inflate reads
    assert len(packed) < len(data) / 10


def test_a_packed_payload_is_plain_base64_and_cannot_close_its_tag():
    library = Library("x", "</script><script>alert(1)</script>" * 50, packed=True)
    assert base64.b64decode(library.payload, validate=True)
    assert "<" not in library.payload and ">" not in library.payload


def test_a_plain_library_is_escaped_not_packed():
    library = Library("x", "var a = '</script>';")
    assert library.payload == "var a = '<\\/script>';" and library.encoding == ""


def test_the_page_packs_the_big_libraries_and_carries_their_decoder_plain():
    libraries = {library.name: library for library in page_libraries()}
    assert {n for n, lib in libraries.items() if lib.packed} == {"plotly", "leaflet"}
    assert not libraries["inflate"].packed
    assert "window.briefingInflate" in libraries["inflate"].code
    for name in ("plotly", "leaflet"):
        # packed to under half the code's size, base64 included
        assert len(libraries[name].payload) < 0.5 * libraries[name].length, name
