"""The timeline: the story's events in its threads (one lane each), the article's week marked.

The threads, their labels and colours come from book.yaml (or are derived from the events'
`thread` ids). Everything else is derived from the events: the headline (book.yaml's
timeline_title aside), the first view's range, the zoom buttons worth having, and whether a
"what happened next" part exists at all. Trace order: one line trace per lane (multi-day
events), one marker trace per lane, then (only when some event came after the story) two
legend-only traces explaining the marker symbols.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from ..dates import span_text, when_text
from ..model import Briefing, Event, Thread
from .style import (
    GRID,
    INK,
    Figure,
    Trace,
    as_go_figure,
    chart_template,
    chart_title,
    legend_entry,
    plot_text,
    scatter,
    source_titles,
    subject_event,
    title_room,
)

HEIGHT = 520  # px: the figure's height in both lives

STORY_SYMBOL, NEXT_SYMBOL = "circle", "diamond"
# events closer than this share of the chart's range in one lane are staggered so none hides
# another (about 40 days on a decade; on a one-week book only events on the same day)
CROWDED_SHARE = 0.0095
PAD_SHARE = 0.04  # room left of the first event and right of the last, as a share of the span
WEEKS_BEFORE, WEEKS_AFTER = 21, 35  # days shown around the subject event by the weeks button
ZOOM_WORTH = 1.5  # a zoom button is offered only when the whole range is this much wider
# One line per tick label at every zoom: plotly's own second line (the year under a day's
# ticks) would sit on the legend. The year is in the subtitle and the article's week label.
TICK_FORMATS = [
    {"dtickrange": [None, 86_399_999], "value": "%-d %b %H:%M"},
    {"dtickrange": [86_400_000, "M1"], "value": "%-d %b"},
    {"dtickrange": ["M1", "M12"], "value": "%b %Y"},
    {"dtickrange": ["M12", None], "value": "%Y"},
]
STAGGER = 0.2
LEVELS = (0, 1, -1, 2, -2, 3, -3)


def lanes(briefing: Briefing) -> tuple[Thread, ...]:
    """The timeline's lanes, top to bottom: the threads that have events."""
    return briefing.settings.threads


def lane_y(briefing: Briefing, thread: str) -> int:
    """The lane's height on the chart: the first lane on top."""
    ids = [t.id for t in lanes(briefing)]
    return len(ids) - 1 - ids.index(thread)


def event_positions(briefing: Briefing) -> dict[str, float]:
    """Each event's height: its lane, nudged up or down when it crowds a neighbour."""
    start, end = full_range(briefing)
    crowded = int((end - start).days * CROWDED_SHARE)
    out: dict[str, float] = {}
    for lane in lanes(briefing):
        busy_until: dict[int, dt.date] = {}
        for e in sorted((e for e in briefing.events if e.thread == lane.id), key=_order):
            level = next(
                (
                    lv
                    for lv in LEVELS
                    if lv not in busy_until or (e.start - busy_until[lv]).days > crowded
                ),
                0,
            )
            busy_until[level] = e.last_day
            out[e.id] = lane_y(briefing, lane.id) + level * STAGGER
    return out


def _order(e: Event) -> tuple:
    return e.order


def full_range(briefing: Briefing) -> tuple[dt.date, dt.date]:
    """The first view: every event, with a little room either side (a day at least)."""
    first = min(e.start for e in briefing.events)
    last = max(e.last_day for e in briefing.events)
    pad = dt.timedelta(days=max(1, round((last - first).days * PAD_SHARE)))
    return first - pad, last + pad


def later_events(briefing: Briefing) -> list[Event]:
    """What happened after the story the article tells; the chart marks them only if any."""
    return [e for e in briefing.events if briefing.after_article(e)]


def default_title(briefing: Briefing) -> str:
    """A headline the events bear out: how many, over what time, around the subject event."""
    subject = subject_event(briefing)
    events = briefing.events
    first = min(e.start for e in events)
    last = max(e.last_day for e in events)
    days = (last - first).days + 1
    if days <= 62:
        return f"{subject.title}: {_count(len(events))} in {days} day{'s' if days > 1 else ''}"
    if first.year == last.year:
        return f"{subject.title} and the {_count(len(events))} of {first.year} around it"
    same_year = sum(e.start.year == subject.start.year for e in events)
    if same_year * 2 > len(events):
        return (
            f"{subject.title} came in a crowded {subject.start.year}: "
            f"{same_year} of the {len(events)} events here fall in that year"
        )
    return f"{subject.title} and the {_count(len(events))} around it, {first.year}–{last.year}"


def _count(n: int) -> str:
    return f"{n} event{'s' if n != 1 else ''}"


def timeline(briefing: Briefing, title: str | None = None):
    """The timeline as a validated plotly go.Figure (see timeline_figure), to change in Python."""
    return as_go_figure(timeline_figure(briefing, title))


def timeline_figure(briefing: Briefing, title: str | None = None) -> Figure:
    """Events by date in story lanes, the article's week shaded and what came next marked."""
    y = event_positions(briefing)
    by_lane: dict[str, list[Event]] = defaultdict(list)
    for e in sorted(briefing.events, key=_order):
        by_lane[e.thread].append(e)
    traces: list[Trace] = []
    for lane in lanes(briefing):
        xs: list[str | None] = []
        ys: list[float | None] = []
        for e in by_lane[lane.id]:
            if e.end and e.end != e.start:
                xs += [e.start_at, e.end.isoformat(), None]
                ys += [y[e.id], y[e.id], None]
        traces.append(
            scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": lane.colour, "width": 7},
                opacity=0.45,
                hoverinfo="skip",
                showlegend=False,
                legendgroup=lane.id,
                name=lane.label,
            )
        )
    for lane in lanes(briefing):
        events = by_lane[lane.id]
        after = [briefing.after_article(e) for e in events]
        traces.append(
            scatter(
                x=[e.start_at for e in events],
                y=[y[e.id] for e in events],
                mode="markers",
                name=lane.label,
                legendgroup=lane.id,
                customdata=[e.id for e in events],
                marker={
                    "color": lane.colour,
                    "size": [13 if a else 11 for a in after],
                    "symbol": [NEXT_SYMBOL if a else STORY_SYMBOL for a in after],
                    "line": {"color": "#ffffff", "width": 1.2},
                },
                hovertext=[_event_hover(briefing, e) for e in events],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    key = ((STORY_SYMBOL, "Up to the article"), (NEXT_SYMBOL, "What happened next"))
    for symbol, label in key if later_events(briefing) else ():
        traces.append(
            legend_entry(
                label,
                "legend2",
                mode="markers",
                marker={"symbol": symbol, "color": "#6b6b6b", "size": 11},
            )
        )
    return {"data": traces, "layout": _layout(briefing, title)}


def _event_hover(briefing: Briefing, e: Event) -> str:
    place = briefing.place(e.place)
    who = ", ".join(briefing.entity(p).name for p in e.participants) or "—"
    lines = [
        f"<b>{plot_text(e.title, 60)}</b>",
        plot_text(when_text(e.start, e.end, e.time))
        + (" · <i>what happened next</i>" if briefing.after_article(e) else ""),
        "Where: " + plot_text(f"{place.name}, {place.city}", 60),
        "Who: " + plot_text(who, 60),
        "Sources: " + "; ".join(plot_text(s, 70) for s in source_titles(briefing, e.sources)),
        f"Confidence: {e.confidence.value}",
    ]
    return "<br>".join(lines)


def _layout(briefing: Briefing, title: str | None) -> dict[str, Any]:
    subject = subject_event(briefing)
    first = min(e.start for e in briefing.events)
    last = max(e.last_day for e in briefing.events)
    title = title or briefing.settings.timeline_title or default_title(briefing)
    start, end = full_range(briefing)
    full = [start.isoformat(), end.isoformat()]
    later = later_events(briefing)
    # the article's week, unless that is most of the chart: then only the event's own days
    days_shaded, week_start = "week", subject.start - dt.timedelta(days=subject.start.weekday())
    week_end = max(week_start + dt.timedelta(days=7), subject.last_day + dt.timedelta(days=1))
    if (week_end - week_start) * 2 > end - start:
        days_shaded, week_start = "days", subject.start
        week_end = subject.last_day + dt.timedelta(days=1)
    heading = chart_title(
        title,
        f"{span_text(first, None)} – {span_text(last, None)}. "
        f"Shaded: the article's {days_shaded}"
        + ("; diamonds: what happened next. " if later else ". ")
        + "Hover a marker for place, people and sources.",
        height=HEIGHT,
    )
    shapes = [_band("article-week", week_start, week_end, "rgba(230,159,0,0.35)", 1.5)]
    annotations = [
        {
            "x": subject.start.isoformat(),
            "y": 1,
            "xref": "x",
            "yref": "paper",
            "yanchor": "bottom",
            "xanchor": "right" if days_shaded == "week" else "left",
            "showarrow": False,
            "text": f"The article's {days_shaded}: "
            + plot_text(span_text(subject.start, subject.end)),
            "font": {"size": 11, "color": "#8a4a00"},
        }
    ]
    if later:  # only a book with events after the story has a "what happened next" part
        after = min(e.start for e in later)
        shapes.append(_band("what-next", min(week_end, after), end, "rgba(0,0,0,0.035)", 0))
        annotations.append(
            {
                # at the plot's right edge, which every zoom preset keeps inside the shaded
                # part, a line above the article's week label (they may both sit far right)
                "x": 1,
                "y": 1,
                "yshift": 15,
                "xref": "paper",
                "yref": "paper",
                "yanchor": "bottom",
                "xanchor": "right",
                "showarrow": False,
                "text": "What happened next",
                "font": {"size": 11, "color": INK},
            }
        )
    menu = _zoom_menu(
        (first.year, last.year), start, end, subject, briefing.settings.periods.around
    )
    return dict(
        template=chart_template(),
        title=heading,
        height=HEIGHT,
        margin={"l": 10, "r": 10, "t": (160 if menu else 120) + title_room(heading), "b": 40},
        xaxis={
            "type": "date",
            "range": full,
            "showgrid": True,
            "gridcolor": GRID,
            "tickformatstops": TICK_FORMATS,
        },
        yaxis={
            "tickvals": [lane_y(briefing, lane.id) for lane in lanes(briefing)],
            "ticktext": [plot_text(lane.label) for lane in lanes(briefing)],
            "range": [-0.7, len(lanes(briefing)) - 0.3],
            "showgrid": True,
            "zeroline": False,
            "fixedrange": True,
        },
        legend={"orientation": "h", "x": 0, "y": -0.08, "yanchor": "top", "title": {"text": ""}},
        # the symbol key on a row of its own, so a narrow chart never lays it over the lanes'
        legend2={"orientation": "h", "x": 0, "y": -0.17, "yanchor": "top"},
        shapes=shapes,
        annotations=annotations,
        updatemenus=[menu] if menu else [],
        dragmode="zoom",
    )


def _band(name: str, x0: dt.date, x1: dt.date, fill: str, line: float) -> dict[str, Any]:
    return {
        "type": "rect",
        "xref": "x",
        "yref": "paper",
        "x0": x0.isoformat(),
        "x1": x1.isoformat(),
        "y0": 0,
        "y1": 1,
        "layer": "below",
        "fillcolor": fill,
        "line": {"width": line, **({"color": "#c26a00"} if line else {})},
        "name": name,
    }


def zoom_buttons(
    years: tuple[int, int], start: dt.date, end: dt.date, subject: Event, around: str
) -> list[tuple[str, dt.date, dt.date]]:
    """The zoom presets worth offering, (label, from, to): the whole range, then the subject's
    year and after, then its weeks, each only when it shows much less than the one before.
    None at all when the whole range is already the closest view."""
    full = (end - start).days
    out = [(str(years[0]) if years[0] == years[1] else "–".join(map(str, years)), start, end)]
    year = dt.date(subject.start.year, 1, 1)
    if year > start and full > ZOOM_WORTH * (end - year).days:
        out.append((f"{subject.start.year} and after", year, end))
    weeks = (
        max(start, subject.start - dt.timedelta(days=WEEKS_BEFORE)),
        min(end, subject.last_day + dt.timedelta(days=WEEKS_AFTER)),
    )
    if (out[-1][2] - out[-1][1]).days > ZOOM_WORTH * (weeks[1] - weeks[0]).days:
        out.append((around, *weeks))
    return out if len(out) > 1 else []


def _zoom_menu(
    years: tuple[int, int], start: dt.date, end: dt.date, subject: Event, around: str
) -> dict[str, Any] | None:
    """Kernel-free zoom buttons (zoom_buttons), or None when no zoom is worth a button."""
    buttons = zoom_buttons(years, start, end, subject, around)
    if not buttons:
        return None
    return {
        "type": "buttons",
        "direction": "right",
        "showactive": True,
        "active": 0,
        "x": 0,
        "xanchor": "left",
        "y": 1.1,
        "yanchor": "bottom",
        "pad": {"r": 4},
        "bgcolor": "#f0f0ec",
        "bordercolor": "#c8c8c2",
        "font": {"size": 12},
        "buttons": [
            {
                "label": label,
                "method": "relayout",
                "args": [{"xaxis.range": [x0.isoformat(), x1.isoformat()]}],
            }
            for label, x0, x1 in buttons
        ],
    }
