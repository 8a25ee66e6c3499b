"""Export: run the notebook headless and write ONE self-contained HTML file that works offline.

Every output is shown in its static form (the `text/html` twin of each view), code is hidden,
and the page inlines each offline asset once. The same path serves `python -m briefing export`
and `jupyter nbconvert --to briefing` (the nbconvert exporter registered by this package).
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import mistune
import nbformat
from nbconvert.exporters import Exporter
from traitlets import default

from .assets import ROOT, MissingAsset
from .book_style import SETUP_MARK
from .content import DataError, data_dir, load_briefing
from .execute import NotebookError, Progress, execute_notebook, stderr_progress
from .maps.basemap import basemap_path
from .model import Briefing
from .narrative import NARRATIVE_MARK
from .page import page_description, page_libraries, page_scripts, page_styles
from .render import render

NOTEBOOK = ROOT / "briefing.ipynb"
DEFAULT_OUT = ROOT / "build" / "briefing.html"


class OutputPathError(Exception):
    """The page cannot be written where asked: said in one line, before any work is done."""


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


def export_book(
    notebook: Path = NOTEBOOK,
    out: Path = DEFAULT_OUT,
    data: Path | None = None,
    progress: Progress | None = None,
) -> Path:
    """Check the data, execute the notebook, render the page and write it atomically."""
    say = progress or (lambda _message: None)
    check_out_path(out)
    say(f"[1/4] checking data in {data_dir(data)}")
    briefing = load_briefing(data)
    # a book whose folder has no basemap/ may need one derived (seconds, once): do it here,
    # with progress shown, rather than silently in the kernel
    say(f"  offline basemap: {basemap_path(briefing)}")
    say(f"[2/4] running {notebook.name} in a fresh kernel")
    nb = nbformat.read(notebook, as_version=4)
    execute_notebook(nb, notebook.parent, data=data, progress=say)
    say("[3/4] building the page")
    page = render_book(nb, description=book_description(briefing))
    say(f"[4/4] writing {out}")
    write_atomic(out, page)
    say(f"done: {out} ({len(page.encode()) / 1e6:.2f} MB)")
    return out


def export_cli(data: str | None = None, out: str | None = None) -> int:
    """The `export` command: progress on stderr, a clear message and non-zero exit on failure."""
    try:
        export_book(
            out=Path(out) if out else DEFAULT_OUT,
            data=Path(data) if data else None,
            progress=stderr_progress,
        )
    except OutputPathError as err:
        stderr_progress(f"error: {err}")
        return 2
    except (DataError, NotebookError, MissingAsset) as err:
        for line in getattr(err, "lines", [str(err)]):
            stderr_progress(f"error: {line}")
        stderr_progress("nothing was written; the previous export, if any, is untouched")
        return 2
    return 0


def check_out_path(out: Path) -> None:
    """Refuse an output path the page could not be written to, before the notebook runs: a
    folder, a parent folder that cannot be made, or one this process may not write in."""
    if out.is_dir():
        raise OutputPathError(f"cannot write {out}: it is a folder; give a file name")
    existing = next(p for p in (out.parent, *out.parent.parents) if p.exists())
    if not existing.is_dir():
        raise OutputPathError(f"cannot write {out}: {existing} is a file, not a folder")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        why = err.strerror or str(err)
        raise OutputPathError(f"cannot write {out}: its folder cannot be made ({why})") from None
    try:  # the only sure test of writing there (permissions, read-only or virtual file systems)
        fd, probe = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".probe", dir=out.parent)
    except OSError as err:
        why = err.strerror or str(err)
        raise OutputPathError(
            f"cannot write {out}: no file can be made in {out.parent} ({why})"
        ) from None
    os.close(fd)
    os.unlink(probe)


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, so a failure leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a page is for sharing
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- rendering the executed notebook ---------------------------------------------------------


def book_description(briefing: Briefing) -> str:
    """The page's meta description, from the book's data: its standfirst, else the article's
    summary."""
    book = getattr(briefing, "book", None)
    return getattr(book, "standfirst", None) or briefing.article.summary


def render_book(nb: nbformat.NotebookNode, description: str = "") -> str:
    """The page: table of contents, Markdown narrative, every output's static twin, no code.

    Text comes first: styles in <head>, the libraries and scripts after the last view."""
    headings: list[Heading] = []
    blocks: list[str] = []
    slugs: dict[str, int] = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            block, found = markdown_html(cell.source, slugs)
            headings += found
            blocks.append(render("markdown.html.j2", html=block))
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                body = _narrative(output)
                if body is not None:  # the book's prose from its data: shown as the notebook's
                    headings += [Heading(1, _plain(t), "") for t in _H1.findall(body)]
                    blocks.append(render("markdown.html.j2", html=body))
                elif block := output_html(output):
                    headings += _view_headings(block)
                    blocks.append(block)
    title = next((h.text for h in headings if h.level == 1), "Briefing")
    description = description or _first_paragraph(blocks)
    return render(
        "book.html.j2",
        title=title,
        toc=[h for h in headings if h.level in (2, 3)],
        blocks=blocks,
        description=page_description(description),
        styles=page_styles(),
        libraries=page_libraries(),
        scripts=page_scripts(),
    )


_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
# a view that is a section of its own (Corrections: absent when empty) marks its heading
_VIEW_H2 = re.compile(r'<h2 id="([a-z0-9-]+)" data-briefing-toc[^>]*>(.*?)</h2>', re.DOTALL)


def _view_headings(block: str) -> list[Heading]:
    """The contents entries a view's own section headings add."""
    return [Heading(2, _plain(text), anchor) for anchor, text in _VIEW_H2.findall(block)]


def _plain(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", html_text)).strip()


def _narrative(output: nbformat.NotebookNode) -> str | None:
    """The HTML of a narrative output (narrative.py: title, section intros), else None."""
    body = _joined(output.get("data", {}).get("text/html", ""))
    return body if body.lstrip().startswith('<div class="bb-narrative" ' + NARRATIVE_MARK) else None


def _first_paragraph(blocks: list[str]) -> str:
    """The plain text of the page's first paragraph (the standfirst under the title)."""
    for block in blocks:
        found = re.search(r"<p>(.*?)</p>", block, flags=re.DOTALL)
        if found:
            return html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))
    return ""


class _HeadingRenderer(mistune.HTMLRenderer):
    """Markdown to HTML with stable heading anchors, collecting the headings for the contents."""

    def __init__(self, slugs: dict[str, int]):
        super().__init__(escape=False)
        self.slugs, self.headings = slugs, []

    def heading(self, text: str, level: int, **attrs) -> str:
        plain = html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
        slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "section"
        self.slugs[slug] = self.slugs.get(slug, 0) + 1
        if self.slugs[slug] > 1:
            slug = f"{slug}-{self.slugs[slug]}"
        self.headings.append(Heading(level, plain, slug))
        return f'<h{level} id="{slug}">{text}</h{level}>\n'


def markdown_html(source: str, slugs: dict[str, int]) -> tuple[str, list[Heading]]:
    renderer = _HeadingRenderer(slugs)
    to_html = mistune.create_markdown(renderer=renderer, plugins=["table", "strikethrough"])
    return to_html(source), renderer.headings


def output_html(output: nbformat.NotebookNode) -> str | None:
    """One output in its static form: the text/html twin, else an image or plain text."""
    kind = output.get("output_type")
    if kind == "stream":
        return render("output_text.html.j2", kind=output.get("name"), text=output.text)
    if kind == "error":
        text = "\n".join(output.get("traceback", [])) or f"{output.ename}: {output.evalue}"
        text = re.sub(r"\x1b\[[0-9;]*m", "", text)
        return render("output_text.html.j2", kind="error", text=text)
    data = output.get("data", {})
    if "text/html" in data:
        body = _joined(data["text/html"])
        if SETUP_MARK in body or not body.strip():  # an empty view (no corrections) shows nothing
            return None
        return render("output_html.html.j2", html=body)
    for image in ("image/png", "image/jpeg"):
        if image in data:
            return render("output_image.html.j2", mime=image, data=_joined(data[image]))
    if "text/plain" in data:
        return render("output_text.html.j2", kind="plain", text=_joined(data["text/plain"]))
    return None


def _joined(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


# --- nbconvert ------------------------------------------------------------------------------


class BriefingExporter(Exporter):
    """`jupyter nbconvert --to briefing`: the same offline page, also in JupyterLab's menu."""

    export_from_notebook = "Briefing book (offline HTML)"
    output_mimetype = "text/html"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".html"

    def from_notebook_node(self, nb, resources=None, **kw):
        nb_copy, resources = super().from_notebook_node(nb, resources, **kw)
        workdir = Path(resources.get("metadata", {}).get("path") or ROOT)
        data = data_dir()  # $BRIEFING_DATA, a relative one from where nbconvert was run
        briefing = load_briefing(data)
        execute_notebook(nb_copy, workdir, data=data, progress=stderr_progress)
        return render_book(nb_copy, description=book_description(briefing)), resources
