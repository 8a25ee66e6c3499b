"""Two books, one library: the project's own story (data/) and the example in
examples/amazon-summit-2023 are exported by the same code, and neither page shows the other's
people, places, threads or wording. Each list below holds names only its own book uses; every
name must appear in its own page (so the test can fail both ways) and in no other."""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import nbformat
import pytest
from conftest import run_export, show_every_view

from briefing import load_briefing
from briefing.execute import execute_notebook
from briefing.page import page_libraries

ROOT = Path(__file__).resolve().parents[1]
# relative to the repository, as a reader passes them to `--data` (the export runs from ROOT)
FOLDERS = {"wang-yi": "data", "amazon": "examples/amazon-summit-2023"}
BOOKS = {book: ROOT / folder for book, folder in FOLDERS.items()}
EXAMPLE = BOOKS["amazon"]

# Names, places, cities, thread labels, period names and title words that belong to one book.
# Whole words, case-sensitive (country names are left out: the shared basemap may name them).
DISTINCTIVE = {
    "wang-yi": [
        "Wang Yi",
        "Lavrov",
        "Patrushev",
        "Zakharova",
        "Sullivan",
        "Moscow",
        "St Petersburg",
        "Strelna",
        "Malta",
        "Belt and Road",
        "China–Russia",
        "ICC warrants",
        "Before the visit",
        "Wang Yi's journey",
        "visit to Russia",
    ],
    "amazon": [
        "Lula",
        "Gustavo Petro",
        "Boluarte",
        "Marina Silva",
        "Helder Barbalho",
        "Belém",
        "Leticia",
        "Brasília",
        "Amazon Cooperation Treaty",
        "Belém Declaration",
        "COP30",
        "The road to Belém",
        "Before the summit",
        "Amazon Summit",
    ],
}


def _found(name: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def page_text(page: str) -> str:
    """Everything the page holds (HTML, data in scripts) except the inlined libraries, with
    HTML entities and JSON escapes undone so a name is found however it was written."""
    for library in page_libraries():
        assert library.payload in page, library.name
        page = page.replace(library.payload, "")
    page = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), page)
    return html.unescape(html.unescape(page)).replace("\\/", "/").replace("\\'", "'")


def _strings(module: Path) -> list[str]:
    """The string values in a Python module, less its docstrings (those are for developers)."""
    tree = ast.parse(module.read_text("utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def _library_text() -> str:
    """What the library and the notebook can show a reader: templates, scripts, styles, the
    notebook, and the strings of the Python modules (comments and docstrings are for developers)."""
    parts = [(ROOT / "briefing.ipynb").read_text("utf-8")]
    for path in sorted((ROOT / "lib").rglob("*")):
        if path.suffix in {".j2", ".js", ".css"}:
            parts.append(path.read_text("utf-8"))
        elif path.suffix == ".py":
            parts += _strings(path)
    return "\n".join(parts)


def test_the_lists_hold_each_book_own_names():
    """Guard the lists themselves: a name must come from its book's data, not from the library."""
    for book, folder in BOOKS.items():
        data = "\n".join(p.read_text("utf-8") for p in sorted(folder.glob("*.yaml")))
        data += (folder / "article.txt").read_text("utf-8")
        for name in DISTINCTIVE[book]:
            assert _found(name, data), f"{name!r} is not in {folder}"
    library = _library_text()
    for names in DISTINCTIVE.values():
        for name in names:
            assert not _found(name, library), f"the library or notebook names {name!r}"


def test_the_example_loads_with_every_kind_of_record():
    book = load_briefing(EXAMPLE)
    kinds = ("people", "organisations", "countries", "places", "events", "relations", "faq")
    for kind in (*kinds, "sources"):
        assert getattr(book, kind), f"the example has no {kind}"
    assert book.article.subject_event == "amazon-summit-belem"


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("two-books")
    written = {}
    for book, folder in FOLDERS.items():
        path = out / f"{book}.html"
        done = run_export("--data", folder, "--out", str(path))
        assert done.returncode == 0, done.stderr
        written[book] = path
    return written


@pytest.mark.notebook
@pytest.mark.parametrize("book", sorted(BOOKS))
def test_each_page_shows_its_own_names_and_none_of_the_other(pages, book):
    text = page_text(pages[book].read_text("utf-8"))
    missing = [name for name in DISTINCTIVE[book] if not _found(name, text)]
    assert not missing, f"{book}'s page lacks its own {missing}"
    for other in BOOKS.keys() - {book}:
        leaked = [name for name in DISTINCTIVE[other] if _found(name, text)]
        assert not leaked, f"{book}'s page shows {other}'s {leaked}"


@pytest.mark.notebook
def test_the_page_title_is_the_example_own(pages):
    page = pages["amazon"].read_text("utf-8")
    title = html.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1))
    assert title == "Briefing book: the Amazon Summit in Belém, August 2023"


@pytest.mark.notebook
def test_the_notebook_runs_on_the_example_without_error_or_warning():
    notebook = nbformat.read(ROOT / "briefing.ipynb", as_version=4)
    done = execute_notebook(notebook, ROOT, data=EXAMPLE)
    outputs = [o for c in done.cells if c.cell_type == "code" for o in c.outputs]
    assert outputs
    for output in outputs:
        assert output.output_type != "error", output
        assert not (output.output_type == "stream" and output.name == "stderr"), output.text
    shown = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "Belém" in html.unescape(shown)


@pytest.mark.browser
@pytest.mark.notebook
@pytest.mark.parametrize("width", [1280, 390])
def test_the_example_page_draws_offline(pages, browser, width, tmp_path):
    from live_lab import LocalOnly

    context = browser.new_context(viewport={"width": width, "height": 900})
    blocked: list[str] = []
    errors: list[str] = []
    LocalOnly(blocked=blocked).install(context)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(pages["amazon"].as_uri())
        assert show_every_view(page) >= 3  # each view is built as it nears the viewport
        assert page.locator(".leaflet-container path.briefing-maps__marker").count() >= 3
        assert page.locator(".js-plotly-plot").count() >= 2
        body = page.inner_text("body")
        for name in ("Lula", "Belém", "Leticia", "The road to Belém"):
            assert name in body, name
        for name in DISTINCTIVE["wang-yi"]:
            assert not _found(name, body), name
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(tmp_path / f"example-{width}.png"), full_page=False)
        assert (tmp_path / f"example-{width}.png").stat().st_size > 10_000
    finally:
        context.close()
    assert not errors, errors
    assert not blocked, blocked
