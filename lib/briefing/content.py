"""Load data/, validate every record and cross-check every reference.

Any fault becomes one DataError naming the file, the record and the field, so that every
entry point (the command line, the exporter, the notebook's first cell) can say what is wrong
without a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import yaml

from .book import resolve_book
from .crosscheck import Faults, check_corrections, cross_check
from .errors import DataError, DataErrors
from .files import (
    ARTICLE_BODY,
    ARTICLE_FILE,
    BASEMAP_DIR,
    BASEMAP_FILE,
    BOOK_FILE,
    CORRECTIONS_FILE,
    GEOMETRY_TYPES,
    RECORD_FILES,
    SEARCH_FILE,
    Numbered,
)
from .model import (
    Article,
    Book,
    Briefing,
    Correction,
    RelatedTerms,
)
from .provenance import violations
from .schema import FieldError, build

DATA_ENV = "BRIEFING_DATA"
# Set (to "1") in the kernel that `python -m briefing export` and the nbconvert exporter run.
EXPORT_ENV = "BRIEFING_EXPORT"
PACKAGE_DATA = Path(__file__).resolve().parents[2] / "data"
MAX_FILE_BYTES = 5_000_000


def data_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The data folder as an absolute path: the argument, else $BRIEFING_DATA, else data/.

    A relative folder means one relative to where the caller is: the working folder, except
    inside a notebook kernel, which runs in the notebook's folder; there it is the folder the
    user started Jupyter from ($PWD, which a shell sets and Jupyter passes to kernels as is).
    """
    if path:
        return Path.cwd() / Path(path)
    chosen = os.environ.get(DATA_ENV)
    if not chosen:
        return PACKAGE_DATA
    return _caller_dir() / Path(chosen)


def _caller_dir() -> Path:
    shell = os.environ.get("PWD")
    if _in_kernel() and shell and os.path.isabs(shell) and os.path.isdir(shell):
        return Path(shell)
    return Path.cwd()


def _in_kernel() -> bool:
    """True inside a Jupyter kernel (an IPython shell with a kernel), not merely a process that
    imported ipykernel, as a test run or an nbconvert export may have."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return getattr(shell, "kernel", None) is not None


def load_briefing(path: str | os.PathLike[str] | None = None, basemap: bool = True) -> Briefing:
    """Read and check a whole data folder; raise DataError listing every fault found.

    Every file is read and every record checked before anything is reported, so one run names
    each schema and cross-reference fault (a DataErrors, one line each). The provenance policy
    and book.yaml's settings are checked once the records are sound (they read them whole).
    `basemap=False` leaves the folder's basemap unchecked (for the script that re-derives it).
    """
    folder = data_dir(path)
    if not folder.is_dir():
        raise DataError(folder, "data folder not found")
    found = Faults()
    article = found.file(ARTICLE_FILE, _load_article, folder)
    loaded = {
        name: found.file(name, _load_records, folder / name, kind, found) or ()
        for name, kind in RECORD_FILES.items()
    }
    book = found.file(BOOK_FILE, _load_book, folder)
    corrections = found.file(
        CORRECTIONS_FILE, _load_records, folder / CORRECTIONS_FILE, Correction, found, True
    )
    search = found.file(SEARCH_FILE, _load_records, folder / SEARCH_FILE, RelatedTerms, found, True)
    cross_check(folder, article, loaded, found)
    check_corrections(folder, loaded, corrections or (), found)
    found.raise_any()
    briefing = Briefing(
        article=article,
        **{name.removesuffix(".yaml"): _records(pairs) for name, pairs in loaded.items()},
        book=book,
        folder=str(folder),
        corrections=_records(corrections),
        search=_records(search),
        resolver=resolve_book,
    )
    _check_provenance(folder, briefing)
    # book.yaml's faults, and defaults that cannot be made, here; later the views' settings
    resolve_book(briefing, strict=True)
    own = own_basemap(folder)
    # (the default basemap is the project's, tested as such; an export's kernel skips the
    # check: the exporter made it before starting the kernel, and it costs a kernel 12 ms)
    if own is not None and basemap and os.environ.get(EXPORT_ENV) != "1":
        check_basemap(own)
    return briefing


def _records(pairs: tuple[Numbered, ...] | None) -> tuple[Any, ...]:
    return tuple(record for _, record in pairs or ())


def own_basemap(folder: str | os.PathLike[str] | None) -> Path | None:
    """The data folder's own basemap/basemap.geojson, if it has a basemap/ folder."""
    if folder is None or not (Path(folder) / BASEMAP_DIR).exists():
        return None
    return Path(folder) / BASEMAP_DIR / BASEMAP_FILE


def check_basemap(path: Path) -> None:
    """A basemap is data like any other: readable UTF-8 GeoJSON with features, or a DataError.

    A truncated, mis-encoded or feature-less file would otherwise export as a broken map.
    """
    text = _read_text(path)
    try:
        data = json.loads(text)
    except ValueError as err:
        where = f" (line {err.lineno}, column {err.colno})" if hasattr(err, "lineno") else ""
        problem = getattr(err, "msg", str(err))
        raise DataError(path, f"not valid JSON{where}: {problem} (truncated?)") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise DataError(path, "not GeoJSON: expected a FeatureCollection", field="type")
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise DataError(path, "the basemap has no features (land and borders)", field="features")
    for position, feature in enumerate(features, start=1):
        record = f"feature #{position}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise DataError(path, "expected a GeoJSON Feature", record=record, field="type")
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
            raise DataError(
                path, "expected a GeoJSON geometry", record=record, field="geometry.type"
            )
        if not isinstance(geometry.get("coordinates"), list) or not geometry["coordinates"]:
            raise DataError(
                path, "the geometry has no coordinates", record=record, field="geometry.coordinates"
            )


# --- reading -------------------------------------------------------------------------------


# libyaml's parser (in PyYAML's wheels) reads the data about ten times faster than the pure
# Python one; the constructors, and so the checks below, are the same Python code either way.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_STR_TAG = "tag:yaml.org,2002:str"


class _StrictLoader(_SafeLoader):
    """A YAML loader that refuses a key given twice (PyYAML would keep the last silently) and
    reports a value it cannot build (`2023-02-30` unquoted, an integer of 5,000 digits) at its
    line and column instead of failing with a bare ValueError."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node.__class__ is yaml.ScalarNode and node.tag == _STR_TAG:
            # most of a data folder is text: a text scalar is its value, as SafeConstructor's
            # construct_yaml_str makes it, without the generic path's bookkeeping (about a
            # sixth of reading a folder)
            return node.value
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as err:
            value = node.value if isinstance(node.value, str) else node.tag
            problem = f"cannot read {value[:40]!r}: {err}"
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None


def _mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key '{key}' appears twice", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise DataError(path, "file not found")
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise DataError(path, f"file is {len(raw):,} bytes, over the {MAX_FILE_BYTES:,} limit")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(path, f"not UTF-8 text (byte {err.start}, line {line})") from None


def _read_yaml(path: Path) -> Any:
    text = _read_text(path)
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(err, "problem", None) or str(err)
        kind = (
            "YAML error"
            if isinstance(err, yaml.constructor.ConstructorError)
            else "YAML syntax error"
        )
        raise DataError(path, f"{kind}{where}: {problem}") from None


def _load_article(folder: Path) -> Article:
    path = folder / ARTICLE_FILE
    fields = _read_yaml(path)
    if not isinstance(fields, dict):
        raise DataError(path, "expected a mapping of article fields")
    if "body" in fields:
        raise DataError(path, f"the body lives in {ARTICLE_BODY}, not here", field="body")
    body = _read_text(folder / ARTICLE_BODY)
    return _validate(Article, {**fields, "body": body}, path, record=None)


def _load_book(folder: Path) -> Book:
    """book.yaml if the folder has one (every field optional), else the defaults."""
    path = folder / BOOK_FILE
    if not path.exists():
        return Book()
    fields = _read_yaml(path)
    if fields is None:  # an empty file, or only comments
        return Book()
    if not isinstance(fields, dict):
        raise DataError(path, "expected a mapping of book fields")
    return _validate(Book, fields, path, record=None)


def _load_records(
    path: Path, kind: type, found: Faults, optional: bool = False
) -> tuple[Numbered, ...]:
    """The file's sound records with their positions; each faulty record is noted in `found`."""
    if optional and not path.exists():
        return ()
    items = _read_yaml(path)
    if optional and items is None:  # an empty file
        return ()
    if not isinstance(items, list):
        raise DataError(path, "expected a list of records")
    records = []
    for position, item in enumerate(items, start=1):
        label = _label(item, position)
        try:
            if not isinstance(item, dict):
                raise DataError(path, "expected a mapping of fields", record=label)
            records.append((position, _validate(kind, item, path, label)))
        except DataError as err:
            found.add(err)
            found.broken_record(path.name, item)
    return tuple(records)


def _label(item: Any, position: int) -> str:
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return f"#{position} (id '{item['id'][:80]}')"
    return f"#{position}"


def _validate(kind: type, fields: dict, path: Path, record: str | None):
    """The record, or a DataError naming every field at fault (one line each)."""
    try:
        return build(kind, fields)
    except FieldError as err:
        errors = [
            DataError(path, e.message + _got(e), record=record, field=e.field) for e in err.all
        ]
        raise (errors[0] if len(errors) == 1 else DataErrors(errors)) from None


def _got(err: FieldError) -> str:
    return f" (got {_preview(err.value)})" if err.has_value else ""


def _preview(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- cross-checks --------------------------------------------------------------------------


class ProvenanceError(DataErrors):
    """The data breaks the provenance policy (provenance.py): every breach, one line each."""


def _check_provenance(folder: Path, b: Briefing) -> None:
    found = [DataError(folder / v.file, v.message, v.record, v.field) for v in violations(b)]
    if found:
        raise ProvenanceError(found)
