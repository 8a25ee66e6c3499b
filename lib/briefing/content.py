"""Load data/, validate every record and cross-check every reference.

Any fault becomes one DataError naming the file, the record and the field, so that every
entry point (the command line, the exporter, the notebook's first cell) can say what is wrong
without a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from .model import (
    Article,
    Briefing,
    Country,
    Event,
    FaqEntry,
    Organisation,
    Person,
    Place,
    RelatedTerms,
    Relation,
    Source,
)
from .schema import FieldError, build

DATA_ENV = "BRIEFING_DATA"
PACKAGE_DATA = Path(__file__).resolve().parents[2] / "data"
MAX_FILE_BYTES = 5_000_000

# file name -> record type, in the order they are read and reported
RECORD_FILES: dict[str, type] = {
    "sources.yaml": Source,
    "countries.yaml": Country,
    "people.yaml": Person,
    "organisations.yaml": Organisation,
    "places.yaml": Place,
    "events.yaml": Event,
    "relations.yaml": Relation,
    "faq.yaml": FaqEntry,
}
# optional files: file name -> record type; a missing file means no records
OPTIONAL_RECORD_FILES: dict[str, type] = {"search.yaml": RelatedTerms}
ARTICLE_FILE = "article.yaml"
ARTICLE_BODY = "article.txt"


class DataError(Exception):
    """Bad data: says which file, which record and which field."""

    def __init__(
        self, path: Path, message: str, record: str | None = None, field: str | None = None
    ):
        self.path, self.record, self.field, self.message = Path(path), record, field, message
        where = [str(self.path)]
        if record is not None:
            where.append(f"record {record}")
        if field is not None:
            where.append(f"field '{field}'")
        super().__init__(f"{', '.join(where)}: {message}")

    def _render_traceback_(self) -> list[str]:
        """IPython shows this instead of a traceback: the notebook says what is wrong, once."""
        return [f"DataError: {self}"]


def data_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the argument, else $BRIEFING_DATA, else the project's data/."""
    chosen = path or os.environ.get(DATA_ENV) or PACKAGE_DATA
    return Path(chosen)


def load_briefing(path: str | os.PathLike[str] | None = None) -> Briefing:
    """Read and check a whole data folder; raise DataError on the first fault."""
    folder = data_dir(path)
    if not folder.is_dir():
        raise DataError(folder, "data folder not found")
    article = _load_article(folder)
    loaded = {name: _load_records(folder / name, kind) for name, kind in RECORD_FILES.items()}
    for name, kind in OPTIONAL_RECORD_FILES.items():
        if (folder / name).exists():
            loaded[name] = _load_records(folder / name, kind)
    briefing = Briefing(
        article=article, **{name.removesuffix(".yaml"): records for name, records in loaded.items()}
    )
    _cross_check(folder, briefing)
    return briefing


# --- reading -------------------------------------------------------------------------------


# libyaml's parser (in PyYAML's wheels) reads the data about ten times faster than the pure
# Python one; the constructors, and so the checks below, are the same Python code either way.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeLoader):
    """A YAML loader that refuses a key given twice (PyYAML would keep the last silently) and
    reports a value it cannot build (`2023-02-30` unquoted, an integer of 5,000 digits) at its
    line and column instead of failing with a bare ValueError."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
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


def _load_records(path: Path, kind: type) -> tuple[Any, ...]:
    items = _read_yaml(path)
    if not isinstance(items, list):
        raise DataError(path, "expected a list of records")
    records = []
    for position, item in enumerate(items, start=1):
        label = _label(item, position)
        if not isinstance(item, dict):
            raise DataError(path, "expected a mapping of fields", record=label)
        records.append(_validate(kind, item, path, label))
    return tuple(records)


def _label(item: Any, position: int) -> str:
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return f"#{position} (id '{item['id'][:80]}')"
    return f"#{position}"


def _validate(kind: type, fields: dict, path: Path, record: str | None):
    try:
        return build(kind, fields)
    except FieldError as err:
        message = err.message + (f" (got {_preview(err.value)})" if err.has_value else "")
        raise DataError(path, message, record=record, field=err.field) from None


def _preview(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- cross-checks --------------------------------------------------------------------------


def _cross_check(folder: Path, b: Briefing) -> None:
    if not b.faq:
        raise DataError(folder / "faq.yaml", "the FAQ has no entries")
    for name in RECORD_FILES:
        _unique(folder / name, getattr(b, name.removesuffix(".yaml")))
    owner = {}
    for name in ("people.yaml", "organisations.yaml", "countries.yaml"):
        for position, entity in enumerate(getattr(b, name.removesuffix(".yaml")), start=1):
            if entity.id in owner:
                raise DataError(
                    folder / name,
                    f"id is already used in {owner[entity.id]}",
                    record=f"#{position} (id '{entity.id}')",
                    field="id",
                )
            owner[entity.id] = name

    sources = {s.id for s in b.sources}
    countries = {c.id for c in b.countries}
    entities = set(owner)
    places = {p.id for p in b.places}
    events = {e.id for e in b.events}

    check = _References(folder)
    check(ARTICLE_FILE, [b.article], {"sources": sources, "subject_event": events}, labelled=False)
    check("countries.yaml", b.countries, {"sources": sources})
    check("people.yaml", b.people, {"sources": sources, "country": countries})
    check("organisations.yaml", b.organisations, {"sources": sources, "country": countries})
    check("places.yaml", b.places, {"sources": sources, "country": countries})
    check("events.yaml", b.events, {"sources": sources, "place": places, "participants": entities})
    check(
        "relations.yaml",
        b.relations,
        {"sources": sources, "subject": entities, "object": entities, "event": events},
    )
    check("faq.yaml", b.faq, {"sources": sources, "entities": entities})


def _unique(path: Path, records: tuple[Any, ...]) -> None:
    first_seen: dict[str, int] = {}
    for position, record in enumerate(records, start=1):
        if record.id in first_seen:
            raise DataError(
                path,
                f"duplicate id (first used by record #{first_seen[record.id]})",
                record=f"#{position} (id '{record.id}')",
                field="id",
            )
        first_seen[record.id] = position


class _References:
    """Checks that each id a record names exists among the known ids of its kind."""

    def __init__(self, folder: Path):
        self.folder = folder

    def __call__(self, name: str, records, known: dict[str, set[str]], labelled: bool = True):
        for position, record in enumerate(records, start=1):
            for field, ids in known.items():
                value = getattr(record, field)
                values = value if isinstance(value, list) else [value]
                for index, ref in enumerate(values):
                    if ref is None or ref in ids:
                        continue
                    where = f"{field}[{index}]" if isinstance(value, list) else field
                    raise DataError(
                        self.folder / name,
                        f"'{ref}' does not name a known {_kind(field)}",
                        record=f"#{position} (id '{record.id}')" if labelled else None,
                        field=where,
                    )


def _kind(field: str) -> str:
    return {
        "sources": "source (sources.yaml)",
        "country": "country (countries.yaml)",
        "place": "place (places.yaml)",
        "event": "event (events.yaml)",
        "subject_event": "event (events.yaml)",
    }.get(field, "person, organisation or country")
