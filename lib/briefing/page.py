"""The exported page's assembly: styles in <head>, text first, libraries and scripts last.

The chart and map libraries (plotly.js, leaflet) travel in the page as non-executing
`<script type="text/plain" data-briefing-lib=...>` blocks at the end of <body>: the text paints
before any of them is parsed, and static/start.js runs one only when a view that needs it comes
near the viewport (every view is built before printing). A bare page (standalone_page, for tests
and previews of one view) builds its views at once.

The big libraries are packed: raw DEFLATE, then base64 (`data-encoding="deflate-base64"`,
`data-length` = the code's UTF-8 bytes). The page is ~40% smaller on disk and in a mail, and the
browser's parser reaches the end of it sooner; start.js unpacks a library synchronously (with the
small `inflate` library, itself plain) just before running it, so print can still build every
view at once.
"""

from __future__ import annotations

import base64
import re
import zlib
from dataclasses import dataclass
from functools import cache, cached_property

from . import assets
from .render import render

# static/start.js must run after the views' own scripts have defined what it calls
_LAST = "start.js"


PACKED = "deflate-base64"
# a library block as book_scripts.html.j2 writes it: name, then (packed only) the code's length,
# then what sits between the tags
LIBRARY_BLOCK = re.compile(
    r'<script type="text/plain" data-briefing-lib="(\w+)"'
    rf'(?: data-encoding="{PACKED}" data-length="(\d+)")?>(.*?)</script>',
    re.S,
)


@dataclass(frozen=True)
class Library:
    """A third-party script carried inert in the page: `name` is what views ask for; a packed
    one travels as `payload` (raw DEFLATE of its UTF-8 code, base64) and is unpacked by
    static/start.js before it runs."""

    name: str
    code: str
    packed: bool = False

    @cached_property
    def payload(self) -> str:
        """What sits between the block's tags: the packed code, or the code made inlinable."""
        if not self.packed:
            return assets.inline_script(self.code)
        return assets.packed_text(self.code)

    @property
    def encoding(self) -> str:
        return PACKED if self.packed else ""

    @property
    def length(self) -> int:
        return len(self.code.encode("utf-8"))


def unpack(payload: str) -> str:
    """A packed block's text back to its code (for tests and checks)."""
    return zlib.decompress(base64.b64decode(payload), -15).decode("utf-8")


def standalone_page(*fragments: str, title: str = "Briefing") -> str:
    """One HTML page holding the given static twins and every offline asset they may need."""
    return render(
        "standalone.html.j2",
        title=title,
        fragments=fragments,
        libraries=page_libraries(),
        scripts=page_scripts(),
        styles=page_styles(),
    )


@cache
def page_libraries() -> tuple[Library, ...]:
    """plotly.js and leaflet, each inlined once and packed, run on demand by static/start.js;
    and the decoder that unpacks them."""
    return (
        Library("plotly", assets.plotly_js(), packed=True),
        Library("leaflet", _without_source_map(assets.leaflet_js()), packed=True),
        Library("inflate", assets.inflate_js()),
    )


def page_scripts() -> list[str]:
    """The FAQ search's stemmer, then the views' own scripts (static/*.js), each inlined once,
    start.js last."""
    names = sorted(_static("js"), key=lambda name: (name == _LAST, name))
    own = [assets.inline_script(assets.static_text(name)) for name in names]
    return [assets.inline_script(assets.stemmer_js()), *own]  # the FAQ search's stemmer first


def page_styles() -> list[str]:
    return [
        assets.inline_style(css)
        for css in (
            assets.leaflet_css(),
            *(assets.static_text(name) for name in sorted(_static("css"))),
        )
    ]


def page_description(text: str, limit: int = 300) -> str:
    """A meta description from the book's own words: whitespace folded, cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _without_source_map(js: str) -> str:
    """Drop a `//# sourceMappingURL=` comment: the map file does not travel with the page."""
    return re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", js)


def _static(ext: str) -> list[str]:
    return [p.name for p in assets.STATIC.glob(f"*.{ext}")]
