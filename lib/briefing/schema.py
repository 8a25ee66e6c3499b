"""Records checked field by field: frozen dataclasses and the small validator that builds them.

A record type is a frozen dataclass whose annotations say what each field holds:
`str`, `float`, `bool`, `datetime.date`, a `str` Enum, `list[...]`, `X | None`, and
`Annotated[..., Check(...)]` for lengths, patterns, ranges and extra checks, and another
record type (a mapping inside the mapping). `build(kind, data)`
turns one mapping read from YAML into a record or raises FieldError naming the field (a dotted
path with [i] for list items) and what is wrong with it; a record with several faults raises
FieldErrors, which lists every one (`.all`), so an author sees them all in one run.

This replaced pydantic, which did the same job here but cost every fresh kernel about 60 ms to
import and to build its schemas: a third of the book's own time in a run-all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import types
import typing
from collections.abc import Callable
from enum import Enum
from functools import cache
from typing import Annotated, Any, TypeVar

R = TypeVar("R")
Checker = Callable[[Any, str], Any]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclasses.dataclass(frozen=True)
class Check:
    """Constraints on a value, used as `Annotated[str, Check(max_length=300)]`."""

    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    pattern_means: str = ""  # what a value matching `pattern` is, for the error message
    ge: float | None = None
    le: float | None = None
    after: Callable[[Any], Any] | None = None  # raises ValueError with a message, or returns


class FieldError(ValueError):
    """One field's value is wrong: `field` is its path (None for the record as a whole)."""

    def __init__(self, field: str | None, message: str, value: Any = dataclasses.MISSING):
        super().__init__(message)
        self.field, self.message, self.value = field, message, value

    @property
    def has_value(self) -> bool:
        return self.value is not dataclasses.MISSING

    @property
    def all(self) -> list[FieldError]:
        """Every fault this error stands for: itself (FieldErrors holds several)."""
        return [self]


class FieldErrors(FieldError):
    """Several faults in one record (or one list, or one nested record): each in `all`."""

    def __init__(self, errors: list[FieldError]):
        first = errors[0]
        super().__init__(first.field, first.message, first.value)
        self.errors = list(errors)

    @property
    def all(self) -> list[FieldError]:
        return list(self.errors)


def _raise_all(errors: list[FieldError]) -> None:
    if errors:
        raise errors[0] if len(errors) == 1 else FieldErrors(errors)


def build(kind: type[R], data: dict[Any, Any]) -> R:
    """The record `kind` made from `data`, every field checked; FieldError naming every fault."""
    fields = _fields(kind)
    values = {}
    errors: list[FieldError] = []
    for name, (check, required) in fields.items():
        if name in data:
            try:
                values[name] = check(data[name], name)
            except FieldError as err:
                errors += err.all
        elif required:
            errors.append(FieldError(name, "this field is required"))
    for key in data:
        if key not in fields:
            errors.append(FieldError(str(key), "unknown field (not part of the format)"))
    _raise_all(errors)
    try:
        return kind(**values)
    except ValueError as err:  # the record's own checks (__post_init__), across its fields
        raise FieldError(None, str(err)) from None


@cache
def _fields(kind: type) -> dict[str, tuple[Checker, bool]]:
    """Each field's checker and whether it must be given, worked out once per record type."""
    hints = typing.get_type_hints(kind, include_extras=True)
    out = {}
    for f in dataclasses.fields(kind):
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        out[f.name] = (_checker(hints[f.name]), required)
    return out


def _checker(hint: Any) -> Checker:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Annotated:
        base = _checker(args[0])
        checks = [a for a in args[1:] if isinstance(a, Check)]
        return lambda value, path: _constrained(base(value, path), path, checks)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"unsupported union {hint!r}")
        inner = _checker(options[0])
        return lambda value, path: None if value is None else inner(value, path)
    if origin is list:
        item = _checker(args[0])
        return lambda value, path: _list(value, path, item)
    if hint is str:
        return _text
    if hint is float:
        return _number
    if hint is bool:
        return _boolean
    if hint is dt.date:
        return _date
    if isinstance(hint, type) and issubclass(hint, Enum):
        return lambda value, path: _member(hint, value, path)
    if dataclasses.is_dataclass(hint):
        return lambda value, path: _nested(hint, value, path)
    raise TypeError(f"unsupported field type {hint!r}")


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise FieldError(path, "must be text", value)
    return value


def _number(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FieldError(path, "must be a valid number", value)
    try:
        number = float(value)  # an int past float's range raises OverflowError
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise FieldError(path, "must be a finite number", value)
    return number


def _boolean(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise FieldError(path, "must be true or false", value)
    return value


def _date(value: Any, path: str) -> dt.date:
    if isinstance(value, dt.datetime):
        raise FieldError(path, "must be a date (YYYY-MM-DD) without a time", value)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as err:
            raise FieldError(path, f"must be a real date: {err}", value) from None
    raise FieldError(path, "must be a date (YYYY-MM-DD)", value)


def _member(kind: type[Enum], value: Any, path: str) -> Enum:
    for member in kind:
        if isinstance(value, str) and value == member.value:
            return member
    names = ", ".join(str(m.value) for m in kind)
    raise FieldError(path, f"must be one of: {names}", value)


def _nested(kind: type[R], value: Any, path: str) -> R:
    """A record inside a record (book.yaml's sections, threads...): faults name the full path."""
    if not isinstance(value, dict):
        raise FieldError(path, "must be a mapping of fields", value)
    try:
        return build(kind, value)
    except FieldError as err:
        _raise_all(
            [
                FieldError(f"{path}.{e.field}" if e.field else path, e.message, e.value)
                for e in err.all
            ]
        )
        raise  # not reached: err.all is never empty


def _list(value: Any, path: str, item: Checker) -> list[Any]:
    if not isinstance(value, list):
        raise FieldError(path, "must be a list", value)
    out, errors = [], []
    for i, v in enumerate(value):
        try:
            out.append(item(v, f"{path}[{i}]"))
        except FieldError as err:
            errors += err.all
    _raise_all(errors)
    return out


def _constrained(value: Any, path: str, checks: list[Check]) -> Any:
    if value is None:
        return None
    for c in checks:
        size = len(value) if isinstance(value, str | list) else None
        unit = "characters" if isinstance(value, str) else "items"
        if c.min_length is not None and size is not None and size < c.min_length:
            if isinstance(value, str) and c.min_length == 1:
                raise FieldError(path, "must not be empty")
            wanted = f"{c.min_length} {unit if c.min_length != 1 else unit.removesuffix('s')}"
            raise FieldError(path, f"needs at least {wanted}, has {size}")
        if c.max_length is not None and size is not None and size > c.max_length:
            raise FieldError(path, f"is {size:,} {unit}, over the {c.max_length:,} limit")
        if c.pattern is not None and not re.fullmatch(c.pattern, value):
            raise FieldError(path, f"must be {c.pattern_means or 'like ' + c.pattern}", value)
        if c.ge is not None and value < c.ge:
            raise FieldError(path, f"must be greater than or equal to {c.ge:g}", value)
        if c.le is not None and value > c.le:
            raise FieldError(path, f"must be less than or equal to {c.le:g}", value)
        if c.after is not None:
            try:
                value = c.after(value)
            except ValueError as err:
                raise FieldError(path, str(err), value) from None
    return value
