"""Lighthouse on the exported book, as a phone and a desktop would load it from a web server.

    .venv/bin/python benchmarks/lighthouse.py [--page FILE] [--runs 3] [--no-gzip] [--json OUT]

Serves the page from 127.0.0.1 with a tiny http server (started and stopped here; it gzips the
page as any web server does, unless --no-gzip), runs the pinned Lighthouse (node_modules,
package.json) with Debian's chromium, mobile and desktop presets, and prints the median of
--runs runs: the four category scores and the core timings. Without --page it exports the book
first. Not a test: nothing here asserts a score (tests/test_layout_browser.py checks what does
not vary).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from chromium import CHROMIUM  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TIMINGS = {
    "FCP": "first-contentful-paint",
    "LCP": "largest-contentful-paint",
    "TBT": "total-blocking-time",
    "CLS": "cumulative-layout-shift",
    "SI": "speed-index",
}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-sync"


def handler(page: Path, compress: bool) -> type[http.server.BaseHTTPRequestHandler]:
    body = page.read_bytes()
    packed = gzip.compress(body, mtime=0)

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.split("?")[0] not in ("/", f"/{page.name}"):
                self.send_error(404)
                return
            zipped = compress and "gzip" in self.headers.get("Accept-Encoding", "")
            data = packed if zipped else body
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            if zipped:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass

    return Page


@contextlib.contextmanager
def served(page: Path, compress: bool):
    """The page at http://127.0.0.1:PORT/NAME for the duration of the block."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler(page, compress))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{page.name}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def lighthouse(url: str, preset: str, out: Path) -> dict:
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    for attempt in (1, 2):  # a loaded machine sometimes fails to start chromium in time
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        if done.returncode == 0:
            return json.loads(out.read_text("utf-8"))
        print(f"lighthouse failed ({preset}, attempt {attempt}): {done.stderr.strip()[-300:]}")
    sys.exit(f"lighthouse failed twice on {url} ({preset})")


def summary(report: dict) -> dict[str, float]:
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    timings = {k: report["audits"][a]["numericValue"] for k, a in TIMINGS.items()}
    return {**scores, **timings}


def failing(report: dict) -> list[str]:
    """Audits that cost points outside performance (what to fix for 100)."""
    out = []
    for category in ("accessibility", "best-practices", "seo"):
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                out.append(f"{category}: {ref['id']}")
    return out


def export(out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "briefing", "export", "--out", str(out)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return out


def fmt(key: str, value: float) -> str:
    if key == "CLS":
        return f"{value:.3f}"
    if key in TIMINGS:
        return f"{value / 1000:.2f} s" if key != "TBT" else f"{value:.0f} ms"
    return f"{value:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--page", type=Path, help="an exported page (default: export the book)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-gzip", action="store_true", help="serve the page uncompressed")
    parser.add_argument("--json", type=Path, help="also write the medians as JSON here")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `npm ci` in {ROOT}")
    medians: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        page = args.page or export(Path(tmp) / "briefing.html")
        size = page.stat().st_size
        with served(page, compress=not args.no_gzip) as url:
            for preset in ("mobile", "desktop"):
                runs, problems = [], set()
                for i in range(args.runs):
                    report = lighthouse(url, preset, Path(tmp) / f"{preset}-{i}.json")
                    runs.append(summary(report))
                    problems.update(failing(report))
                medians[preset] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                if problems:
                    print(f"{preset}: audits below full marks: {', '.join(sorted(problems))}")
    keys = [*CATEGORIES, *TIMINGS]
    print(
        f"Lighthouse {json.loads((LIGHTHOUSE.parents[1] / 'package.json').read_text())['version']}"
        f", median of {args.runs}, page {size / 1e6:.2f} MB served "
        f"{'uncompressed' if args.no_gzip else 'gzip-compressed'} from 127.0.0.1"
    )
    print("| preset | " + " | ".join(keys) + " |")
    print("|---" * (len(keys) + 1) + "|")
    for preset, values in medians.items():
        print(f"| {preset} | " + " | ".join(fmt(k, values[k]) for k in keys) + " |")
    if args.json:
        args.json.write_text(json.dumps(medians, indent=2), "utf-8")


if __name__ == "__main__":
    main()
