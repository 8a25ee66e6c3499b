"""The command line: `check` validates data/, `export` writes the offline HTML book."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .assets import MissingAsset
from .content import DataError, load_briefing
from .provenance import summary_text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the data folder and print a summary")
    check.add_argument("--data", help="data folder (default: $BRIEFING_DATA or data/)")
    export = commands.add_parser("export", help="run the notebook and write one offline HTML file")
    export.add_argument("--data", help="data folder (default: $BRIEFING_DATA or data/)")
    export.add_argument("--out", default=None, help="output file (default: build/briefing.html)")
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args.data)
        from .export import export_cli

        return export_cli(data=args.data, out=args.out)
    except (DataError, MissingAsset) as err:
        for line in getattr(err, "lines", [str(err)]):
            print(f"error: {line}", file=sys.stderr)
        return 2


def _check(data: str | None) -> int:
    briefing = load_briefing(data)
    counts = {
        "sources": len(briefing.sources),
        "countries": len(briefing.countries),
        "people": len(briefing.people),
        "organisations": len(briefing.organisations),
        "places": len(briefing.places),
        "events": len(briefing.events),
        "relations": len(briefing.relations),
        "faq entries": len(briefing.faq),
    }
    print(f"data OK: {briefing.article.headline}")
    for kind, count in counts.items():
        print(f"  {kind:<14}{count:>4}")
    print(summary_text(briefing))
    return 0
