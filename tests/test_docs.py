"""The README stays a page for its readers: short, and every local link it makes leads somewhere."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def local_links(path: Path) -> list[str]:
    return [t for t in LINK.findall(path.read_text("utf-8")) if "://" not in t]


def test_readme_is_short() -> None:
    size = (ROOT / "README.md").stat().st_size
    assert size < 16_000, f"README.md is {size} bytes: move history and method notes to docs/"


def test_readme_and_docs_links_resolve() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    assert len(pages) > 3
    broken = [
        f"{page.relative_to(ROOT)} -> {target}"
        for page in pages
        for target in local_links(page)
        if not (page.parent / target).exists()
    ]
    assert not broken, broken


def test_the_link_finder_finds_links(tmp_path: Path) -> None:
    page = tmp_path / "x.md"
    page.write_text("[a](docs/a.md#part) ![b](b.png) [c](https://example.org/c)", "utf-8")
    assert local_links(page) == ["docs/a.md", "b.png"]
