"""Dates as a reader writes them: one formatter for the whole book."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.dates import day_text, span_text

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "long", "expected"),
    [
        (D(2023, 9, 20), None, False, "20 Sep 2023"),
        (D(2023, 9, 20), D(2023, 9, 20), True, "20 September 2023"),
        (D(2023, 9, 16), D(2023, 9, 17), False, "16–17 Sep 2023"),
        (D(2023, 9, 30), D(2023, 10, 2), False, "30 Sep – 2 Oct 2023"),
        (D(2023, 12, 30), D(2024, 1, 2), True, "30 December 2023 – 2 January 2024"),
    ],
)
def test_spans(start, end, long, expected):
    assert span_text(start, end, long) == expected


def test_no_date_says_so():
    assert day_text(None) == "undated"
