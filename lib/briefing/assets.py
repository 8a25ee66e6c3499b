"""Find the offline assets (plotly.js, leaflet, jquery, our css/js) and make them inlinable.

Third-party files come from pinned registry packages installed at set-up (`npm ci` puts them
in node_modules/; plotly.js falls back to the copy inside the plotly wheel). Nothing here
reaches the network.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import os
import re
import zlib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STATIC = Path(__file__).resolve().parent / "static"
NODE_MODULES_ENV = "BRIEFING_NODE_MODULES"


class MissingAsset(RuntimeError):
    """An offline asset is not installed: set-up (`npm ci`) has not run."""


def node_modules() -> Path:
    return Path(os.environ.get(NODE_MODULES_ENV) or ROOT / "node_modules")


def _npm_file(relative: str) -> Path:
    path = node_modules() / relative
    if not path.is_file():
        raise MissingAsset(f"{path} is missing: run `npm ci` in {ROOT} (see README)")
    return path


@cache
def plotly_js() -> str:
    """plotly.js for the page: the pinned basic bundle (scatter, bar, pie) when installed."""
    try:
        return _npm_file("plotly.js-basic-dist-min/plotly-basic.min.js").read_text("utf-8")
    except MissingAsset:
        from plotly.offline import get_plotlyjs

        return get_plotlyjs()


@cache
def leaflet_js() -> str:
    return _npm_file("leaflet/dist/leaflet.js").read_text("utf-8")


@cache
def leaflet_css() -> str:
    """leaflet.css with its relative image URLs made data URIs, so it works inlined."""
    css = _npm_file("leaflet/dist/leaflet.css").read_text("utf-8")
    images = _npm_file("leaflet/dist/leaflet.css").parent / "images"
    return re.sub(
        r"url\((images/[\w.-]+)\)",
        lambda m: f"url({data_uri(images.parent / m.group(1))})",
        css,
    )


@cache
def jquery_js() -> str:
    return _npm_file("jquery/dist/jquery.min.js").read_text("utf-8")


@cache
def inflate_js() -> str:
    """tiny-inflate (MIT): a small synchronous DEFLATE decoder that unpacks the page's packed
    libraries (static/start.js). Wrapped to define `window.briefingInflate(source, dest)`, with
    its licence notice kept beside it."""
    package = _npm_file("tiny-inflate/index.js").parent
    version = json.loads((package / "package.json").read_text("utf-8"))["version"]
    notice = (package / "LICENSE").read_text("utf-8").strip().replace("*/", "* /")
    code = (package / "index.js").read_text("utf-8")
    return (
        f"/*! tiny-inflate {version} (npm)\n{notice}\n*/\n"
        "(function () {\nvar module = { exports: {} };\n"
        f"{code}\nwindow.briefingInflate = module.exports;\n}})();\n"
    )


@cache
def stemmer_js() -> str:
    """wink-porter2-stemmer (MIT): Porter2, the algorithm of Snowball English that the FAQ
    search's Python side runs (PyStemmer), so the page stems a query as Python does.
    Wrapped to define `window.briefingStem(word)`; its licence notice is in its source."""
    package = _npm_file("wink-porter2-stemmer/package.json").parent
    version = json.loads((package / "package.json").read_text("utf-8"))["version"]
    code = (package / "src" / "wink-porter2-stemmer.js").read_text("utf-8")
    return (
        f"/*! wink-porter2-stemmer {version} (npm), MIT licence: see the notice below */\n"
        "(function () {\nvar module = { exports: {} };\n"
        f"{code}\nwindow.briefingStem = module.exports;\n}})();\n"
    )


@cache
def axe_js() -> str:
    return _npm_file("axe-core/axe.min.js").read_text("utf-8")


@cache
def static_text(name: str) -> str:
    """One of the library's own css/js files from static/."""
    return (STATIC / name).read_text("utf-8")


# The types of the files the page inlines (leaflet's images). mimetypes.guess_type would
# read the system's mime.types on first use: 80 ms of a fresh kernel for three PNGs.
KNOWN_TYPES = {
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".gif": "image/gif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".woff2": "font/woff2",
}


def data_uri(path: Path) -> str:
    kind = KNOWN_TYPES.get(path.suffix.lower())
    if kind is None:
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def pack(data: bytes) -> bytes:
    """Raw DEFLATE (no zlib header), level 9: what tiny-inflate decodes (static/start.js)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def packed_text(text: str) -> str:
    """Text packed for an inert block: base64 of the raw DEFLATE of its UTF-8 bytes."""
    return base64.b64encode(pack(text.encode("utf-8"))).decode("ascii")


def inline_script(js: str) -> str:
    """JavaScript source made safe to sit between <script> tags."""
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)


def inline_style(css: str) -> str:
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
