"""Export: the command, its failure modes, determinism, and the page it writes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import run_export

from briefing import assets
from briefing.content import PACKAGE_DATA
from briefing.export import export_book
from briefing.page import LIBRARY_BLOCK, page_libraries, unpack

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.notebook


def test_page_is_self_contained(page_html):
    # the inlined libraries name CDNs in options the book never uses; the browser tests prove
    # nothing is fetched, so look for asset URLs in everything else the page holds
    for library in page_libraries():
        page_html = page_html.replace(library.payload, "")
    assert not re.search(r"<(script|img|iframe)[^>]+src=[\"']?(https?:)?//", page_html, re.I)
    assert not re.search(r"<link[^>]+href=[\"']?(https?:)?//", page_html, re.I)
    assert not re.search(r"@import|url\([\"']?(https?:)?//", page_html, re.I)
    for cdn in ("cdn.", "unpkg.com", "cdnjs", "require.js", "mathjax"):
        assert cdn not in page_html.lower(), cdn


def test_page_hides_code_and_has_contents(page_html):
    assert "bb.load_briefing" not in page_html and "import briefing" not in page_html
    assert 'aria-label="Contents"' in page_html
    for heading in ("The article", "Where it happened", "Ask the briefing", "Sources"):
        assert re.search(rf'<a href="#[a-z0-9-]+">{heading}</a>', page_html), heading


def test_every_asset_is_inlined_once(page_html):
    libraries = {m[1]: m for m in LIBRARY_BLOCK.finditer(page_html)}
    assert sorted(libraries) == ["inflate", "leaflet", "plotly"]
    assert len(LIBRARY_BLOCK.findall(page_html)) == 3
    # packed (raw DEFLATE, base64) in the page; unpacked, exactly the pinned files
    plotly, leaflet = (unpack(libraries[name][3]) for name in ("plotly", "leaflet"))
    assert plotly == assets.plotly_js() and "plotly.js (basic - minified)" in plotly
    assert leaflet.startswith(assets.leaflet_js()[:200]) and "Leaflet 1.9.4" in leaflet
    for name, code in (("plotly", plotly), ("leaflet", leaflet)):
        assert int(libraries[name][2]) == len(code.encode("utf-8")), name
    assert "Leaflet 1.9.4" not in page_html and "plotly.js (basic" not in page_html
    assert page_html.count("tiny-inflate 1.0.3") == 1 and "MIT License" in libraries["inflate"][3]
    for css in assets.STATIC.glob("*.css"):
        first_line = css.read_text("utf-8").splitlines()[0]
        assert page_html.count(first_line) == 1, css.name


def test_two_exports_are_byte_identical(exported, tmp_path):
    again = tmp_path / "again.html"
    export_book(out=again)
    assert again.read_bytes() == exported.read_bytes()


def test_nbconvert_exporter_gives_the_same_page(exported, tmp_path):
    shutil.copy(ROOT / "briefing.ipynb", tmp_path / "briefing.ipynb")
    done = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "briefing", "briefing.ipynb"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "briefing.html").read_bytes() == exported.read_bytes()


def test_bad_data_fails_before_the_kernel_and_keeps_the_old_file(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA, data)
    places = yaml.safe_load((data / "places.yaml").read_text("utf-8"))
    places[2]["lat"] = 123.0
    (data / "places.yaml").write_text(yaml.safe_dump(places, allow_unicode=True), "utf-8")
    out = tmp_path / "book.html"
    out.write_text("previous export", "utf-8")
    done = run_export("--data", str(data), "--out", str(out))
    assert done.returncode != 0
    assert "places.yaml" in done.stderr and "record #3" in done.stderr and "'lat'" in done.stderr
    assert "Traceback" not in done.stderr
    assert "[2/4]" not in done.stderr, "a kernel was started for bad data"
    assert out.read_text("utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".book")] == []


def _unwritable(tmp_path: Path) -> list[tuple[str, str]]:
    """Output paths the page cannot go to, and what the refusal says of each."""
    (tmp_path / "a-file.txt").write_text("x", "utf-8")
    cases = [
        ("/proc/nope/out.html", "its folder cannot be made"),
        (str(tmp_path), "it is a folder"),
        (str(tmp_path / "a-file.txt" / "out.html"), "a-file.txt is a file, not a folder"),
    ]
    if os.geteuid() != 0:  # root may write anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        cases.append((str(locked / "out.html"), "no file can be made in"))
    return cases


def test_an_output_path_that_cannot_be_written_is_refused_before_the_kernel(tmp_path):
    for out, why in _unwritable(tmp_path):
        done = run_export("--out", out)
        assert done.returncode == 2, out
        [line] = done.stderr.splitlines()  # one line, naming the path and why; no progress
        assert line.startswith(f"error: cannot write {out}: ") and why in line, line


def test_export_reads_the_data_folder_it_is_given(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA, data)
    faq = yaml.safe_load((data / "faq.yaml").read_text("utf-8"))
    faq[3]["question"] = "Is this question from the other data folder?"
    (data / "faq.yaml").write_text(yaml.safe_dump(faq, allow_unicode=True), "utf-8")
    out = tmp_path / "other.html"
    done = run_export("--data", str(data), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Is this question from the other data folder?" in out.read_text("utf-8")


def test_missing_offline_assets_say_how_to_install_them(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_NODE_MODULES", str(tmp_path / "no-node-modules"))
    out = tmp_path / "book.html"
    out.write_text("previous export", "utf-8")
    done = run_export("--out", str(out))
    assert done.returncode != 0
    assert "is missing: run `npm ci`" in done.stderr and "Traceback" not in done.stderr
    assert out.read_text("utf-8") == "previous export"
