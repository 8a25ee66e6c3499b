"""A private JupyterLab server on 127.0.0.1 and a Playwright driver for one notebook in it.

Shared by tests/test_jupyterlab.py and benchmarks/live_jupyterlab.py. The server runs with the
project's .venv, an empty token, a root folder of its own and every Jupyter state folder
(config, data, runtime, settings, workspaces, IPython) in a temp dir, so the user's settings
never leak in and nothing the test does leaks out. News, update checks and the PyPI extension
manager are off, so the server itself calls nothing outside the machine; the browser side
blocks and records every request that is not local.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
LOCAL_PREFIXES = ("file:", "data:", "blob:", "about:", "http://127.0.0.1:", "ws://127.0.0.1:")
PROMPT_DONE = re.compile(r"^\[\d+\]:$")

# User settings written into the private settings dir: no news prompt, no update check.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def jupyter_executable() -> str:
    """The .venv's jupyter (the one next to the running Python as a fallback)."""
    for candidate in (VENV_BIN / "jupyter", Path(sys.executable).with_name("jupyter")):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("jupyter")
    if not found:
        raise RuntimeError("jupyter not found: run `make setup`")
    return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LabServer:
    """A running `jupyter lab` process serving `root` on 127.0.0.1:`port`."""

    root: Path
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def notebook_url(self, name: str) -> str:
        """The JupyterLab URL that opens `name` (relative to the root) and nothing else.

        `?reset` starts from an empty workspace: JupyterLab otherwise reopens every document
        an earlier page had open (the workspace lives on the server), starting a kernel for
        each, and Run All may then go to the wrong notebook.
        """
        return f"{self.url}/lab/tree/{name}?reset"

    def log_tail(self, lines: int = 40) -> str:
        """The last lines the server wrote, for failure messages."""
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 10) -> None:
        """Terminate the server (and its kernels), then kill it if it lingers."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=timeout)


def lab_env(state: Path) -> dict[str, str]:
    """Environment for the server: the .venv first on PATH, every Jupyter state dir private."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "BRIEFING_"))}
    dirs = {
        "JUPYTER_CONFIG_DIR": "config",
        "JUPYTER_DATA_DIR": "data",
        "JUPYTER_RUNTIME_DIR": "runtime",
        "JUPYTERLAB_SETTINGS_DIR": "settings",
        "JUPYTERLAB_WORKSPACES_DIR": "workspaces",
        "IPYTHONDIR": "ipython",
    }
    for var, name in dirs.items():
        (state / name).mkdir(parents=True, exist_ok=True)
        env[var] = str(state / name)
    env["PATH"] = os.pathsep.join([str(VENV_BIN), env.get("PATH", "")])
    env["PYTHONUNBUFFERED"] = "1"
    for rel, values in LAB_SETTINGS.items():
        path = state / "settings" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    return env


def start_lab(root: Path, state: Path, timeout: float = 60) -> LabServer:
    """Start JupyterLab on a free port serving `root`; wait until /api/status answers."""
    port = free_port()
    log = state / "jupyterlab.log"
    state.mkdir(parents=True, exist_ok=True)
    args = [
        jupyter_executable(),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        "--IdentityProvider.token=",
        "--PasswordIdentityProvider.hashed_password=",
        "--ServerApp.disable_check_xsrf=True",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--ServerApp.terminals_enabled=False",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")  # containers and CI often run as root
    with log.open("wb") as out:
        process = subprocess.Popen(
            args, cwd=root, env=lab_env(state), stdout=out, stderr=subprocess.STDOUT
        )
    server = LabServer(root=root, port=port, process=process, log=log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"jupyter lab exited with {process.returncode}:\n{server.log_tail()}"
            )
        try:
            with urllib.request.urlopen(f"{server.url}/api/status", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"jupyter lab did not answer within {timeout} s:\n{server.log_tail()}")


@contextmanager
def lab_server(root: Path, state: Path) -> Iterator[LabServer]:
    """A JupyterLab server for the duration of the block; always stopped afterwards."""
    server = start_lab(root, state)
    try:
        yield server
    finally:
        server.stop()


@dataclass
class LocalOnly:
    """Blocks and records every browser request that does not stay on this machine."""

    blocked: list[str] = field(default_factory=list)

    def install(self, context) -> None:
        """Route every HTTP(S) request and WebSocket of a Playwright browser context."""

        def route(route) -> None:
            url = route.request.url
            if url.startswith(LOCAL_PREFIXES):
                route.continue_()
            else:
                self.blocked.append(url)
                route.abort()

        def route_ws(ws) -> None:
            if ws.url.startswith(LOCAL_PREFIXES):
                ws.connect_to_server()
            else:
                self.blocked.append(ws.url)
                ws.close()

        context.route("**/*", route)
        context.route_web_socket(re.compile(r".*"), route_ws)


class LabNotebook:
    """A notebook open in JupyterLab in a Playwright page, driven the way a reader would."""

    def __init__(self, page, server: LabServer, name: str) -> None:
        self.page = page
        self.server = server
        self.name = name
        self.panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")

    def open(self, timeout: float = 60_000) -> None:
        """Navigate to the notebook and wait until its cells are there."""
        self.page.goto(self.server.notebook_url(self.name), wait_until="domcontentloaded")
        self.panel.locator(".jp-Cell").first.wait_for(state="attached", timeout=timeout)

    def collapse_left_sidebar(self) -> None:
        """Give the notebook the whole width: close the file browser if it is open."""
        current = self.page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
        if current.count():
            current.first.click()
            self.page.locator("#jp-left-stack").wait_for(state="hidden")

    def wait_idle(self, timeout: float = 60_000) -> None:
        """Wait until the kernel shows Idle in the status bar and in the notebook toolbar."""
        self.page.locator("#jp-main-statusbar").get_by_text(re.compile(r"\bIdle\b")).wait_for(
            timeout=timeout
        )
        self.panel.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for(
            timeout=timeout
        )

    def prompts(self) -> list[str]:
        """The input prompt of every code cell, e.g. '[ ]:', '[*]:', '[3]:'."""
        texts = self.panel.locator(".jp-CodeCell .jp-InputArea-prompt").all_text_contents()
        return [re.sub(r"\s+", "", t) for t in texts]

    def click_run_all(self) -> None:
        """Run > Run All Cells, from the main menu."""
        self.page.locator("#jp-MainMenu").get_by_role("menuitem", name="Run", exact=True).click()
        menu = self.page.locator(".lm-Menu").last
        menu.locator(".lm-Menu-item", has_text=re.compile(r"^Run All Cells")).first.click()

    def run_all(self, attempts: int = 5, timeout: float = 5_000) -> None:
        """Run All, retried until a prompt shows the run started (a click before Idle is lost)."""
        self.wait_idle()
        for _ in range(attempts):
            self.click_run_all()
            try:
                self.page.wait_for_function(
                    """(sel) => [...document.querySelectorAll(sel)]
                        .some(p => p.textContent.replace(/\\s/g, '') !== '[]:')""",
                    arg=".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt",
                    timeout=timeout,
                    polling=100,
                )
                return
            except Exception:  # Playwright TimeoutError: click again
                self.page.keyboard.press("Escape")
                self.wait_idle()
        raise AssertionError(f"Run All did not start after {attempts} clicks: {self.prompts()}")

    def wait_all_outputs(self, code_cells: int, timeout: float = 120_000) -> None:
        """Wait until `code_cells` prompts all show an execution count and the kernel is Idle."""
        self.page.wait_for_function(
            """([sel, n]) => {
                const prompts = [...document.querySelectorAll(sel)];
                return prompts.length === n
                  && prompts.every(p => /^\\[\\d+\\]:$/.test(p.textContent.replace(/\\s/g, '')));
            }""",
            arg=[
                ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt",
                code_cells,
            ],
            timeout=timeout,
            polling=100,
        )
        self.wait_idle(timeout=timeout)

    def output_area(self, index: int):
        """The output area of the index-th code cell (0-based)."""
        return self.panel.locator(".jp-CodeCell").nth(index).locator(".jp-Cell-outputArea")

    def error_outputs(self) -> list[str]:
        """Text of every output that shows an error: stderr streams and tracebacks."""
        errors = self.panel.locator(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"],'
            " .jp-OutputArea-output .ansi-red-fg, .jp-RenderedText[data-mime-type="
            '"application/vnd.jupyter.stderr"]'
        ).all_text_contents()
        texts = self.panel.locator(".jp-OutputArea-output").all_text_contents()
        tracebacks = [t for t in texts if "Traceback (most recent call last)" in t]
        return errors + tracebacks

    def set_theme(self, name: str) -> None:
        """Settings > Theme > `name`, then wait until the body carries the theme."""
        self.page.locator("#jp-MainMenu").get_by_role("menuitem", name="Settings").click()
        self.page.locator(".lm-Menu .lm-Menu-item", has_text=re.compile(r"^Theme")).first.hover()
        self.page.locator(".lm-Menu .lm-Menu-item", has_text=name).first.click()
        light = "false" if "Dark" in name else "true"
        self.page.wait_for_function(
            f"() => document.body.dataset.jpThemeLight === '{light}'", timeout=30_000
        )

    def screenshot_book(self, folder: Path, name: str) -> list[Path]:
        """`name`.png: the window at the top of the notebook; `name`-cell<i>.png: the window
        scrolled to each code cell's output, as a reader would see it there.

        The window keeps its size: resizing it re-lays out the outputs, so a long notebook
        goes into one picture per output rather than one tall picture.
        """
        folder.mkdir(parents=True, exist_ok=True)
        scroller = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"
        self.page.evaluate(
            "(sel) => { const s = document.querySelector(sel); if (s) s.scrollTop = 0; }",
            scroller,
        )
        self.settle()
        top = folder / f"{name}.png"
        self.page.screenshot(path=str(top))
        shots = [top]
        for index in range(self.panel.locator(".jp-CodeCell").count()):
            output = self.output_area(index)
            box = output.bounding_box()
            if box and box["height"] > 4:
                output.evaluate("(el) => el.scrollIntoView({block: 'start'})")
                self.settle()
                path = folder / f"{name}-cell{index + 1:02d}.png"
                self.page.screenshot(path=str(path))
                shots.append(path)
        return shots

    def settle(self) -> None:
        """Wait two animation frames, so what was just scrolled in is laid out and painted."""
        self.page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )

    def output_heights(self) -> list[float]:
        """The height on screen of every code cell's output area, in pixels."""
        return self.panel.locator(".jp-CodeCell .jp-Cell-outputArea").evaluate_all(
            "(els) => els.map(e => e.getBoundingClientRect().height)"
        )
