"""The record validator: each kind of field, each fault named with its field's path."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated

import pytest

from briefing.schema import Check, FieldError, build


class Colour(str, Enum):
    red = "red"
    blue = "blue"


@dataclass(frozen=True, kw_only=True)
class Thing:
    id: Annotated[str, Check(max_length=8, pattern=r"[a-z]+", pattern_means="lowercase")]
    size: Annotated[float, Check(ge=0, le=10)]
    colour: Colour
    when: dt.date | None = None
    tags: Annotated[list[Annotated[str, Check(min_length=1)]], Check(min_length=1)] = field(
        default_factory=lambda: ["t"]
    )
    ok: bool = False

    def __post_init__(self) -> None:
        if self.ok and self.size == 0:
            raise ValueError("an ok thing has a size")


GOOD = {"id": "abc", "size": 3, "colour": "red"}


def test_a_good_record_is_built_and_converted():
    thing = build(Thing, {**GOOD, "when": "2023-09-18", "tags": ["a", "b"], "ok": True})
    assert thing.colour is Colour.red and thing.size == 3.0 and isinstance(thing.size, float)
    assert thing.when == dt.date(2023, 9, 18) and thing.tags == ["a", "b"]
    assert build(Thing, {**GOOD, "when": dt.date(2024, 1, 2)}).when == dt.date(2024, 1, 2)
    assert build(Thing, GOOD).tags == ["t"] and build(Thing, GOOD).when is None


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        ({"id": None}, "id", "must be text"),
        ({"id": "ABC"}, "id", "must be lowercase"),
        ({"id": "abcdefghij"}, "id", "over the 8 limit"),
        ({"size": "3"}, "size", "valid number"),
        ({"size": True}, "size", "valid number"),
        ({"size": float("nan")}, "size", "finite"),
        ({"size": 10**400}, "size", "finite"),
        ({"size": 11}, "size", "less than or equal to 10"),
        ({"size": -1}, "size", "greater than or equal to 0"),
        ({"colour": "green"}, "colour", "one of: red, blue"),
        ({"colour": ["red"]}, "colour", "one of"),
        ({"when": "2023-02-30"}, "when", "real date"),
        ({"when": "18/09/2023"}, "when", "YYYY-MM-DD"),
        ({"when": dt.datetime(2023, 9, 18, 10)}, "when", "without a time"),
        ({"tags": "a"}, "tags", "must be a list"),
        ({"tags": []}, "tags", "at least 1 item, has 0"),
        ({"tags": ["a", ""]}, "tags[1]", "must not be empty"),
        ({"tags": ["a", 3]}, "tags[1]", "must be text"),
        ({"ok": "yes"}, "ok", "true or false"),
        ({"colour": None}, "colour", "one of"),
        ({"extra": 1}, "extra", "unknown field"),
        ({1: 1}, "1", "unknown field"),
        ({"ok": True, "size": 0}, None, "an ok thing has a size"),
    ],
)
def test_each_fault_names_its_field(change, path, words):
    with pytest.raises(FieldError) as caught:
        build(Thing, {**GOOD, **change})
    assert caught.value.field == path and words in caught.value.message


def test_a_missing_field_is_named_and_has_no_value():
    with pytest.raises(FieldError) as caught:
        build(Thing, {"id": "abc", "size": 1})
    assert caught.value.field == "colour" and not caught.value.has_value


def test_an_unsupported_annotation_is_a_programming_error():
    @dataclass(frozen=True)
    class Odd:
        count: int

    with pytest.raises(TypeError, match="unsupported field type"):
        build(Odd, {"count": 1})


def test_every_fault_of_a_record_is_named_not_only_the_first():
    with pytest.raises(FieldError) as caught:
        build(Thing, {"id": "ABC", "size": 11, "when": "soon", "tags": ["", 3], "extra": 1})
    faults = [(e.field, e.message) for e in caught.value.all]
    assert [f for f, _ in faults] == ["id", "size", "colour", "when", "tags[0]", "tags[1]", "extra"]
    assert "required" in faults[2][1] and "must be text" in faults[5][1]
