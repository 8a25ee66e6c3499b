"""The errors every layer raises about a data folder, at the bottom of the house.

A DataError names the file, the record and the field, so that every entry point (the command
line, the exporter, the notebook's first cell) can say what is wrong without a traceback.
"""

from __future__ import annotations

from pathlib import Path


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

    @property
    def lines(self) -> list[str]:
        """One line per fault (a DataErrors holds several)."""
        return [str(self)]

    def _render_traceback_(self) -> list[str]:
        """IPython shows this instead of a traceback: the notebook says what is wrong, once."""
        return [f"DataError: {line}" for line in self.lines]


class DataErrors(DataError):
    """Several faults found together (the provenance policy reports every breach): one line each."""

    def __init__(self, errors: list[DataError]):
        first = errors[0]
        super().__init__(first.path, first.message, first.record, first.field)
        self.errors = list(errors)
        self.args = ("\n".join(str(e) for e in self.errors),)

    def __str__(self) -> str:
        return self.args[0]

    @property
    def lines(self) -> list[str]:
        return [str(e) for e in self.errors]
