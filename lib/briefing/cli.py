"""The command line: `check` validates a data folder, `export` writes the offline HTML book,
`new` starts a data folder for another story, `cities` derives its city views' layers."""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from .assets import ROOT, MissingAsset
from .content import DataError, data_dir, load_briefing
from .maps.city import city_dir, city_layers, city_slug
from .new_book import new_book, template_leftovers
from .provenance import summary_text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the data folder and print a summary")
    check.add_argument("--data", help="data folder (default: $BRIEFING_DATA or data/)")
    export = commands.add_parser("export", help="run the notebook and write one offline HTML file")
    export.add_argument("--data", help="data folder (default: $BRIEFING_DATA or data/)")
    export.add_argument("--out", default=None, help="output file (default: build/briefing.html)")
    new = commands.add_parser(
        "new", help="start a data folder for a new book: one commented example per file"
    )
    new.add_argument("folder", help="the folder to create (it must be new or empty)")
    new.add_argument("--article", help="a UTF-8 text file: the article the book is about")
    cities = commands.add_parser(
        "cities",
        help="derive the city views' layers (DATA/cities/) from recorded open sources, "
        "downloading the sources the folder needs first",
    )
    cities.add_argument("--data", help="data folder (default: $BRIEFING_DATA or data/)")
    cities.add_argument("--sources", help=f"download cache (default: {CITY_SOURCES})")
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args.data)
        if args.command == "new":
            return _new(Path(args.folder), Path(args.article) if args.article else None)
        if args.command == "cities":
            return _cities(args.data, args.sources)
        from .export import export_cli  # nbconvert's imports (about a second): export only

        return export_cli(data=args.data, out=args.out)
    except (DataError, MissingAsset) as err:
        for line in getattr(err, "lines", [str(err)]):
            print(f"error: {line}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader stopped reading (`check | head`): say nothing more, and let Python's
        # final flush of stdout go nowhere instead of raising again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


CITY_SCRIPT = ROOT / "scripts" / "derive_city_layers.py"
CITY_SOURCES = ROOT / "build" / "city-sources"


def _cities(data: str | None, sources: str | None) -> int:
    """Run scripts/derive_city_layers.py --fetch for the folder (checked first): it downloads
    the open sources the folder's cities need, checks their sha256 and writes DATA/cities/."""
    folder = data_dir(data)
    load_briefing(folder)  # bad data is named here, before any download
    command = [sys.executable, str(CITY_SCRIPT), "--fetch", "--data", str(folder)]
    command += ["--sources", str(Path(sources) if sources else CITY_SOURCES)]
    return subprocess.run(command, check=False).returncode


def missing_city_layers(briefing) -> list[str]:
    """The cities of a briefing that have no derived layer in its data folder."""
    have = {path.stem for path in city_dir(briefing.folder).glob("*.geojson")}
    cities = dict.fromkeys(place.city for place in briefing.places)
    return [city for city in cities if city_slug(city) not in have]


def _new(folder: Path, article: Path | None) -> int:
    written = new_book(folder, article)
    print(f"wrote {len(written)} files in {folder}:")
    for path in written:
        print(f"  {path.name}")
    run = f"{_this_python()} -m briefing"
    where = shlex.quote(str(folder))
    out = shlex.quote(str(folder.parent / f"{folder.resolve().name}.html"))
    print(
        "next: replace the EXAMPLE records with your story, then\n"
        f"  {run} check --data {where}\n"
        f"  {run} cities --data {where}\n"
        f"  {run} export --data {where} --out {out}"
    )
    leftovers = template_leftovers(load_briefing(folder))
    if leftovers:  # (all of them, in a folder just made: `check` lists each)
        print(
            f"warning: {len(leftovers)} records are the template's EXAMPLE records; `check` "
            "names each until it is replaced",
            file=sys.stderr,
        )
    return 0


def _this_python() -> str:
    """The interpreter running this command, as the user can type it again: relative to the
    working folder when inside it (.venv/bin/python), else its full path: a bare `python` may
    be another one, without this package."""
    python = Path(sys.executable)
    if python.is_absolute() and python.is_relative_to(Path.cwd()):
        python = python.relative_to(Path.cwd())
    return shlex.quote(str(python))


def _warn(leftovers: list[str]) -> None:
    for line in leftovers:
        print(f"warning: {line}", file=sys.stderr)
    if leftovers:
        print(
            f"warning: {len(leftovers)} record(s) still hold the template's examples or "
            "example addresses: replace them with the story's own before sharing the book",
            file=sys.stderr,
        )


def _check(data: str | None) -> int:
    briefing = load_briefing(data)
    city_layers(briefing.folder)  # a broken city layer is a DataError naming its file
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
    _warn(template_leftovers(briefing))
    print(f"data OK: {briefing.article.headline}")
    for kind, count in counts.items():
        print(f"  {kind:<14}{count:>4}")
    print(summary_text(briefing))
    missing = missing_city_layers(briefing)
    if missing:
        print(
            f"note: no city layer for {', '.join(missing)}: their city views show only the "
            f"places; `python -m briefing cities{' --data ' + data if data else ''}` derives them"
        )
    return 0
