"""Shared fixtures: the real data, and headless Chromium with every non-local request blocked."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS
from live_lab import LocalOnly

from briefing import load_briefing

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def briefing():
    return load_briefing()


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: `apt-get install chromium` (make test does)"
        )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class OfflinePage:
    """A browser page that may load only local files; it records what it tried and what broke."""

    page: object
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    state = OfflinePage(page)
    LocalOnly(blocked=state.blocked).install(context)  # every non-local request is refused
    page.on("console", lambda m: m.type == "error" and state.console_errors.append(m.text))
    page.on("pageerror", lambda e: state.page_errors.append(str(e)))
    yield state
    context.close()


@pytest.fixture
def html_page(offline_page, tmp_path):
    """Open a string of HTML as a local file in the offline browser; returns the OfflinePage."""

    def open_html(html: str, name: str = "page.html"):
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        offline_page.page.goto(path.as_uri())
        return offline_page

    return open_html


def run_export(*args: str) -> subprocess.CompletedProcess:
    """`python -m briefing export ARGS` as a reader would run it; progress goes to stderr."""
    return subprocess.run(
        [sys.executable, "-m", "briefing", "export", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


# The book builds each chart and map when it nears the viewport (static/start.js): scroll to
# each view as a reader would, then wait until every one has been built.
_SHOW_EVERY_VIEW = """async () => {
  const views = [...document.querySelectorAll('[data-briefing-view]')]
    .filter(v => v.querySelector('script[data-briefing-start]'));
  for (const view of views) {
    view.scrollIntoView();
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  }
  window.scrollTo(0, 0);
  return views.length;
}"""


def show_every_view(page) -> int:
    """Scroll to every view of the page so each is built; returns how many there are."""
    count = page.evaluate(_SHOW_EVERY_VIEW)
    page.wait_for_function(
        f"() => document.querySelectorAll('[data-briefing-built]').length >= {count}"
    )
    return count


@pytest.fixture(scope="session")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "briefing.html"
    done = run_export("--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "[1/4]" in done.stderr and "[4/4]" in done.stderr and "done:" in done.stderr
    return out


@pytest.fixture(scope="session")
def page_html(exported) -> str:
    return exported.read_text("utf-8")
