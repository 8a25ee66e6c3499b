"""The exported page with its libraries packed (as exported) against its unpacked twin.

    .venv/bin/python benchmarks/packed.py [--rounds 7] [--page FILE]

The twin is the same page with each packed library block replaced by its code as plain inert
text (static/start.js runs either). Pages alternate in headless Chromium, offline; printed:
file size, gzip size, DOMContentLoaded, first text painted, and the wait from a scroll to each
view drawn (benchmarks/run.py's measure 4c). Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from chromium import CHROMIUM, CHROMIUM_ARGS, offline  # noqa: E402
from run import view_waits  # noqa: E402

from briefing.assets import inline_script  # noqa: E402
from briefing.page import LIBRARY_BLOCK, unpack  # noqa: E402


def unpacked_twin(page: str) -> str:
    return LIBRARY_BLOCK.sub(
        lambda m: (
            m[0]
            if m[2] is None
            else f'<script type="text/plain" data-briefing-lib="{m[1]}">'
            f"{inline_script(unpack(m[3]))}</script>"
        ),
        page,
    )


def load_times(pages: list[Path], rounds: int) -> dict[Path, list[tuple[float, float]]]:
    from playwright.sync_api import sync_playwright

    times: dict[Path, list[tuple[float, float]]] = {p: [] for p in pages}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(rounds):
            for path in pages:
                context = offline(browser.new_context())
                page = context.new_page()
                page.goto(path.as_uri(), wait_until="load")
                times[path].append(
                    page.evaluate(
                        """() => [performance.getEntriesByType('navigation')[0]
                                    .domContentLoadedEventStart,
                                  performance.getEntriesByName('first-contentful-paint')[0]
                                    .startTime]"""
                    )
                )
                context.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--page", type=Path, help="an exported page (default: export the book)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        packed = Path(tmp) / "packed.html"
        if args.page:
            packed.write_bytes(args.page.read_bytes())
        else:
            subprocess.run(
                [sys.executable, "-m", "briefing", "export", "--out", str(packed)],
                check=True,
                capture_output=True,
                cwd=ROOT,
            )
        plain = Path(tmp) / "unpacked.html"
        plain.write_text(unpacked_twin(packed.read_text("utf-8")), "utf-8")
        loads = load_times([plain, packed], args.rounds)
        waits = {p: dict(view_waits(p, args.rounds)) for p in (plain, packed)}
        print(f"median of {args.rounds}, pages alternating")
        print(
            "| page | bytes | gzip | DOMContentLoaded | first text | "
            + " | ".join(f"scroll to {name} → drawn" for name in waits[packed])
            + " |"
        )
        print("|---" * (5 + len(waits[packed])) + "|")
        for path in (plain, packed):
            data = path.read_bytes()
            dcl = statistics.median(t[0] for t in loads[path])
            fcp = statistics.median(t[1] for t in loads[path])
            cells = " | ".join(f"{w * 1000:.0f} ms" for w in waits[path].values())
            print(
                f"| {path.stem} | {len(data):,} | {len(gzip.compress(data)):,} | "
                f"{dcl:.0f} ms | {fcp:.0f} ms | {cells} |"
            )


if __name__ == "__main__":
    main()
