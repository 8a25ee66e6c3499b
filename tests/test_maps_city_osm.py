"""City layers from OpenStreetMap: the PBF reader, line clipping and joining, roads and parks,
and the credit the map shows for them."""

from __future__ import annotations

import importlib.util
import re
import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing.maps import map_view

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import osm_pbf  # noqa: E402


def load_script():
    spec = importlib.util.spec_from_file_location(
        "derive_city_layers", ROOT / "scripts" / "derive_city_layers.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


derive = load_script()


# --- a tiny PBF, written here by hand (protobuf wire format) --------------------------------


def varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def zz(value: int) -> int:
    return (value << 1) ^ (value >> 63)


def field(number: int, value: int | bytes) -> bytes:
    if isinstance(value, int):
        return varint(number << 3) + varint(value)
    return varint(number << 3 | 2) + varint(len(value)) + value


def packed(values: list[int]) -> bytes:
    return b"".join(varint(v) for v in values)


def delta_zz(values: list[int]) -> bytes:
    out, last = [], 0
    for value in values:
        out.append(zz(value - last))
        last = value
    return packed(out)


def blob(kind: str, content: bytes, compress: bool) -> bytes:
    body = (
        field(2, len(content)) + field(3, zlib.compress(content)) if compress else field(1, content)
    )
    header = field(1, kind.encode()) + field(3, len(body))
    return struct.pack(">I", len(header)) + header + body


def tiny_pbf(path: Path) -> Path:
    """Four nodes (dense) and two ways: a primary road and a park, 100-nanodegree units."""
    bbox = field(1, zz(10_000_000_000)) + field(2, zz(11_000_000_000))
    bbox += field(3, zz(21_000_000_000)) + field(4, zz(20_000_000_000))
    header = field(1, bbox)
    strings = [b"", b"highway", b"primary", b"leisure", b"park", b"name", b"Main"]
    table = b"".join(field(1, s) for s in strings)
    ids = [1, 2, 3, 4]
    lats = [200_100_000, 200_100_000, 200_200_000, 200_200_000]  # x100 nanodegrees
    lons = [100_100_000, 100_200_000, 100_200_000, 100_100_000]
    dense = field(1, delta_zz(ids)) + field(8, delta_zz(lats)) + field(9, delta_zz(lons))
    road = field(1, 10) + field(2, packed([1, 5])) + field(3, packed([2, 6]))
    road += field(8, delta_zz([1, 2, 3]))
    park = field(1, 11) + field(2, packed([3])) + field(3, packed([4]))
    park += field(8, delta_zz([1, 2, 3, 4, 1]))
    group_nodes = field(2, dense)
    group_ways = field(3, road) + field(3, park)
    block = field(1, table) + field(2, group_nodes) + field(2, group_ways)
    path.write_bytes(blob("OSMHeader", header, False) + blob("OSMData", block, True))
    return path


def test_the_pbf_reader_reads_the_header_box_nodes_and_wanted_ways(tmp_path):
    path = tiny_pbf(tmp_path / "tiny.osm.pbf")
    assert osm_pbf.header_bbox(path) == pytest.approx((10.0, 20.0, 11.0, 21.0))
    extract = osm_pbf.Extract(path, lambda tags: "highway" in tags)
    assert [(way_id, tags) for way_id, tags, _ in extract.ways] == [
        (10, {"highway": "primary", "name": "Main"})
    ]
    points = [v for point in extract.line(extract.ways[0][2]) for v in point]
    assert points == pytest.approx([10.01, 20.01, 10.02, 20.01, 10.02, 20.02])
    everything = osm_pbf.Extract(path, lambda tags: True)
    assert [w[0] for w in everything.ways] == [10, 11]


def test_the_malta_extract_s_recorded_bounds_are_its_header_box():
    path = derive.SOURCES_DIR / derive.OSM_MALTA
    if not path.is_file():
        pytest.skip(f"{path} is not there (see scripts/derive_city_layers.py)")
    recorded = derive.SOURCES["osm-malta"]["bounds"]
    assert osm_pbf.header_bbox(path) == pytest.approx(recorded, abs=1e-4)


# --- lines ---------------------------------------------------------------------------------


def test_a_line_is_cut_into_the_parts_inside_the_box():
    box = (0.0, 0.0, 1.0, 1.0)
    line = [(-1.0, 0.5), (0.5, 0.5), (0.5, 2.0), (0.7, 2.0), (0.7, 0.5)]
    parts = derive.clip_line(line, box)
    assert parts == [
        [(0.0, 0.5), (0.5, 0.5), (0.5, 1.0)],
        [(0.7, 1.0), (0.7, 0.5)],
    ]
    assert derive.clip_line([(2.0, 2.0), (3.0, 3.0)], box) == []


def test_ways_of_one_road_are_joined_end_to_start():
    a, b, c = [(0, 0), (1, 0)], [(1, 0), (2, 0)], [(5, 5), (0, 0)]
    assert derive.merge_lines([a, b, c]) == [[(5, 5), (0, 0), (1, 0), (2, 0)]]
    apart = [[(0, 0), (1, 0)], [(3, 0), (4, 0)]]
    assert derive.merge_lines(apart) == apart


def test_main_roads_and_large_parks_are_drawn_from_an_extract(tmp_path):
    extract = osm_pbf.Extract(tiny_pbf(tmp_path / "tiny.osm.pbf"), derive.is_osm_way)
    box = (10.0, 20.0, 11.0, 21.0)
    parks, roads = derive.osm_features(extract, box, "osm-malta")
    assert [f["properties"] for f in roads] == [{"kind": "road", "source": "osm-malta"}]
    assert roads[0]["geometry"]["coordinates"] == [[[10.01, 20.01], [10.02, 20.01], [10.02, 20.02]]]
    assert [f["properties"]["kind"] for f in parks] == ["park"]  # 1e-4 square degrees: large
    layer = derive.city_layer("Testville", box, [], [], (parks, roads))
    assert [f["properties"]["kind"] for f in layer["features"]] == ["park", "road"]
    assert [s["id"] for s in layer["sources"]] == ["osm-malta"]
    assert layer["sources"][0]["attribution"] == "\u00a9 OpenStreetMap contributors"


def test_a_city_uses_an_extract_only_when_its_places_are_inside_it():
    @dataclass
    class Place:
        lat: float
        lon: float

    assert derive.osm_extract_for([Place(35.8989, 14.5146)]) == "osm-malta"
    assert derive.osm_extract_for([Place(35.8989, 14.5146), Place(55.75, 37.62)]) is None
    assert derive.osm_extract_for([Place(55.7517, 37.6178)]) is None


# --- the page ------------------------------------------------------------------------------


def test_the_map_credits_openstreetmap_where_a_view_draws_its_data(briefing):
    html = map_view(briefing).static_html()
    blocks = dict(re.findall(r'data-city-layer="([a-z0-9-]+)" data-attribution="([^"]*)"', html))
    osm = {"valletta", "moscow"}  # Malta's roads and parks, Moscow's ring roads
    assert all("OpenStreetMap contributors" in blocks[slug] for slug in osm)
    assert all("OpenStreetMap" not in credit for slug, credit in blocks.items() if slug not in osm)
