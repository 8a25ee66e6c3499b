"""A bare offline page around views' static twins, for tests and previews of one view."""

from __future__ import annotations

from . import assets
from .render import render


def standalone_page(*fragments: str, title: str = "Briefing") -> str:
    """One HTML page holding the given static twins and every offline asset they may need."""
    return render(
        "standalone.html.j2",
        title=title,
        fragments=fragments,
        scripts=page_scripts(),
        styles=page_styles(),
    )


def page_scripts() -> list[str]:
    """The page-level scripts, each inlined once: third-party first, then the views' own."""
    return [
        assets.inline_script(js)
        for js in (
            assets.plotly_js(),
            assets.leaflet_js(),
            *(assets.static_text(name) for name in sorted(_static("js"))),
        )
    ]


def page_styles() -> list[str]:
    return [
        assets.inline_style(css)
        for css in (
            assets.leaflet_css(),
            *(assets.static_text(name) for name in sorted(_static("css"))),
        )
    ]


def _static(ext: str) -> list[str]:
    return [p.name for p in assets.STATIC.glob(f"*.{ext}")]
