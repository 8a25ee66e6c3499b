"""The exported page's assembly: styles in <head>, text first, libraries and scripts last.

The chart and map libraries (plotly.js, leaflet) travel in the page as non-executing
`<script type="text/plain" data-briefing-lib=...>` blocks at the end of <body>: the text paints
before any of them is parsed, and static/start.js runs one only when a view that needs it comes
near the viewport (every view is built before printing). A bare page (standalone_page, for tests
and previews of one view) builds its views at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import assets
from .render import render

# static/start.js must run after the views' own scripts have defined what it calls
_LAST = "start.js"


@dataclass(frozen=True)
class Library:
    """A third-party script carried inert in the page: `name` is what views ask for."""

    name: str
    code: str


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


def page_libraries() -> list[Library]:
    """plotly.js and leaflet, each inlined once, run on demand by static/start.js."""
    return [
        Library("plotly", assets.inline_script(assets.plotly_js())),
        Library("leaflet", assets.inline_script(_without_source_map(assets.leaflet_js()))),
    ]


def page_scripts() -> list[str]:
    """The views' own scripts (static/*.js), each inlined once, start.js last."""
    names = sorted(_static("js"), key=lambda name: (name == _LAST, name))
    return [assets.inline_script(assets.static_text(name)) for name in names]


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
