"""Dates as a reader writes them, in English whatever the machine's locale: 18–21 Sep 2023."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def day_text(day: dt.date | None, long: bool = False) -> str:
    """18 Sep 2023, or 18 September 2023 with `long`; "undated" for no date."""
    if day is None:
        return "undated"
    return f"{day.day} {_month(day, long)} {day.year}"


def span_text(start: dt.date, end: dt.date | None = None, long: bool = False) -> str:
    """One day, or a range that says the month and year once: 16–17 Sep 2023,
    30 Sep – 2 Oct 2023, 30 Dec 2023 – 2 Jan 2024."""
    if end is None or end == start:
        return day_text(start, long)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day_text(end, long)}"
    if start.year == end.year:
        return f"{start.day} {_month(start, long)} – {day_text(end, long)}"
    return f"{day_text(start, long)} – {day_text(end, long)}"


def when_text(start: dt.date, end: dt.date | None = None, time: str | None = None) -> str:
    """An event's dates with its time of day if known: 2 Sep 2023, 10:00; 1–4 Sep 2023, from
    10:00."""
    if time is None:
        return span_text(start, end)
    return f"{span_text(start, end)}, {'from ' if end and end != start else ''}{time}"


def _month(day: dt.date, long: bool) -> str:
    name = MONTHS[day.month - 1]
    return name if long else name[:3]
