"""The cross-checks of a data folder's records: ids unique, every id a record names exists,
corrections name records that exist; every fault collected, one line each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import DataError, DataErrors
from .files import ARTICLE_FILE, CORRECTIONS_FILE, RECORD_FILES, Numbered
from .model import Article


class Faults:
    """Every fault found while loading a folder, and what the cross-checks must not blame.

    A record that fails its own checks is left out of the book; its id is still "known" (in
    `broken`), so records naming it do not each add a second, misleading fault. A file that
    cannot be read at all (None in `broken`) makes every reference to its kind unchecked.
    """

    def __init__(self) -> None:
        self.errors: list[DataError] = []
        self.broken: dict[str, set[str] | None] = {}

    def add(self, error: DataError) -> None:
        self.errors += error.errors if isinstance(error, DataErrors) else [error]

    def file(self, name: str, read, *args):
        """`read(*args)`, or None (noted) when the whole file is at fault."""
        try:
            return read(*args)
        except DataError as err:
            self.add(err)
            self.broken[name] = None
            return None

    def broken_record(self, name: str, item: Any) -> None:
        ids = self.broken.setdefault(name, set())
        if ids is not None and isinstance(item, dict) and isinstance(item.get("id"), str):
            ids.add(item["id"])

    def known(self, name: str, ids: set[str]) -> set[str] | None:
        """The ids a reference to file `name` may use; None when the file could not be read."""
        broken = self.broken.get(name, set())
        return None if broken is None else ids | broken

    def raise_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise DataErrors(self.errors)


def cross_check(
    folder: Path, article: Article | None, loaded: dict[str, tuple[Numbered, ...]], found: Faults
) -> None:
    """Ids are unique, and every id a record names exists (each fault noted in `found`)."""
    if not loaded["faq.yaml"] and "faq.yaml" not in found.broken:  # (else its faults say why)
        found.add(DataError(folder / "faq.yaml", "the FAQ has no entries"))
    for name, pairs in loaded.items():
        _unique(folder / name, pairs, found)
    owner: dict[str, str] = {}
    # (places too: FAQ `entities` may name any of these four files, so an id means one thing)
    for name in ("people.yaml", "organisations.yaml", "countries.yaml", "places.yaml"):
        for position, entity in loaded[name]:
            if entity.id in owner and owner[entity.id] != name:
                found.add(
                    DataError(
                        folder / name,
                        f"id is already used in {owner[entity.id]}",
                        record=f"#{position} (id '{entity.id}')",
                        field="id",
                    )
                )
            owner.setdefault(entity.id, name)

    def known(*names: str) -> set[str] | None:
        ids: set[str] = set()
        for name in names:
            file_ids = found.known(name, {r.id for _, r in loaded[name]})
            if file_ids is None:
                return None
            ids |= file_ids
        return ids

    sources = known("sources.yaml")
    countries = known("countries.yaml")
    entities = known("people.yaml", "organisations.yaml", "countries.yaml")
    places = known("places.yaml")
    events = known("events.yaml")

    check = _References(folder, found)
    if article is not None:
        check(ARTICLE_FILE, [(None, article)], {"sources": sources, "subject_event": events})
    check("countries.yaml", loaded["countries.yaml"], {"sources": sources})
    check("people.yaml", loaded["people.yaml"], {"sources": sources, "country": countries})
    check(
        "organisations.yaml",
        loaded["organisations.yaml"],
        {"sources": sources, "country": countries},
    )
    check("places.yaml", loaded["places.yaml"], {"sources": sources, "country": countries})
    check(
        "events.yaml",
        loaded["events.yaml"],
        {"sources": sources, "place": places, "participants": entities},
    )
    check(
        "relations.yaml",
        loaded["relations.yaml"],
        {"sources": sources, "subject": entities, "object": entities, "event": events},
    )
    named = None if entities is None or places is None else entities | places
    check("faq.yaml", loaded["faq.yaml"], {"sources": sources, "entities": named})


def check_corrections(
    folder: Path,
    loaded: dict[str, tuple[Numbered, ...]],
    corrections: tuple[Numbered, ...],
    found: Faults,
) -> None:
    """Each correction names records that exist (FILE#ID) and sources that exist."""
    path = folder / CORRECTIONS_FILE
    _unique(path, corrections, found)
    ids = {name: found.known(name, {r.id for _, r in loaded[name]}) for name in RECORD_FILES}
    for position, correction in corrections:
        label = f"#{position} (id '{correction.id}')"
        for index, ref in enumerate(correction.records):
            name, _, record_id = ref.partition("#")
            if name == ARTICLE_FILE and not record_id:
                continue
            if name not in ids:
                files = ", ".join(RECORD_FILES)
                problem = f"'{name}' is not a record file ({files}, or {ARTICLE_FILE} alone)"
            elif ids[name] is not None and record_id not in ids[name]:
                problem = f"'{ref}' does not name a record: {name} has no id '{record_id}'"
            else:
                continue
            found.add(DataError(path, problem, record=label, field=f"records[{index}]"))
        sources = ids["sources.yaml"]
        for index, source_id in enumerate(correction.sources):
            if sources is not None and source_id not in sources:
                found.add(
                    DataError(
                        path,
                        f"'{source_id}' does not name a known {_kind('sources')}",
                        record=label,
                        field=f"sources[{index}]",
                    )
                )


def _unique(path: Path, records: tuple[Numbered, ...], found: Faults) -> None:
    first_seen: dict[str, int] = {}
    for position, record in records:
        if record.id in first_seen:
            found.add(
                DataError(
                    path,
                    f"duplicate id (first used by record #{first_seen[record.id]})",
                    record=f"#{position} (id '{record.id}')",
                    field="id",
                )
            )
        first_seen.setdefault(record.id, position)


class _References:
    """Checks that each id a record names exists among the known ids of its kind (None: the
    kind's file could not be read, so its ids are unknown and not checked)."""

    def __init__(self, folder: Path, found: Faults):
        self.folder, self.found = folder, found

    def __call__(self, name: str, records, known: dict[str, set[str] | None]) -> None:
        for position, record in records:
            for field, ids in known.items():
                if ids is None:
                    continue
                value = getattr(record, field)
                values = value if isinstance(value, list) else [value]
                for index, ref in enumerate(values):
                    if ref is None or ref in ids:
                        continue
                    where = f"{field}[{index}]" if isinstance(value, list) else field
                    self.found.add(
                        DataError(
                            self.folder / name,
                            f"'{ref}' does not name a known {_kind(field)}",
                            record=None if position is None else f"#{position} (id '{record.id}')",
                            field=where,
                        )
                    )


def _kind(field: str) -> str:
    return {
        "sources": "source (sources.yaml)",
        "country": "country (countries.yaml)",
        "place": "place (places.yaml)",
        "event": "event (events.yaml)",
        "subject_event": "event (events.yaml)",
        "entities": "person, organisation, country or place",
    }.get(field, "person, organisation or country")
