"""The timeline: the story's events in its threads (one lane each), the article's week marked.

The threads, their labels and colours come from book.yaml (or are derived from the events'
`thread` ids). Trace order: one line trace per lane (multi-day events), one marker trace per
lane, then two legend-only traces explaining the marker symbols.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from ..dates import span_text
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
CROWDED_DAYS = 40  # events closer than this in one lane are staggered so none hides another
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
    out: dict[str, float] = {}
    for lane in lanes(briefing):
        busy_until: dict[int, dt.date] = {}
        for e in sorted((e for e in briefing.events if e.thread == lane.id), key=_order):
            level = next(
                (
                    lv
                    for lv in LEVELS
                    if lv not in busy_until or (e.start - busy_until[lv]).days > CROWDED_DAYS
                ),
                0,
            )
            busy_until[level] = e.last_day
            out[e.id] = lane_y(briefing, lane.id) + level * STAGGER
    return out


def _order(e: Event) -> tuple[dt.date, dt.date, str]:
    return e.start, e.last_day, e.id


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
                xs += [e.start.isoformat(), e.end.isoformat(), None]
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
                x=[e.start.isoformat() for e in events],
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
    for symbol, label in ((STORY_SYMBOL, "Up to the article"), (NEXT_SYMBOL, "What happened next")):
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
        plot_text(span_text(e.start, e.end))
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
    same_year = sum(e.start.year == subject.start.year for e in briefing.events)
    title = (
        title
        or briefing.settings.timeline_title
        or (
            f"{subject.title} came in a crowded {subject.start.year}: "
            f"{same_year} of the {len(briefing.events)} events here fall in that year"
        )
    )
    # the range runs a little past the last year, leaving room for "what happened next"
    full = [dt.date(first.year, 1, 1).isoformat(), dt.date(last.year + 1, 6, 30).isoformat()]
    week_start = subject.start - dt.timedelta(days=subject.start.weekday())
    week_end = max(week_start + dt.timedelta(days=7), subject.last_day + dt.timedelta(days=1))
    heading = chart_title(
        title,
        f"{span_text(first, None)} – {span_text(last, None)}. "
        "Shaded: the article's week; "
        "diamonds: what happened next. Hover a marker for place, people and sources.",
        height=HEIGHT,
    )
    return dict(
        template=chart_template(),
        title=heading,
        height=HEIGHT,
        margin={"l": 10, "r": 10, "t": 160 + title_room(heading), "b": 40},
        xaxis={"type": "date", "range": full, "showgrid": True, "gridcolor": GRID},
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
        shapes=[
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": week_start.isoformat(),
                "x1": week_end.isoformat(),
                "y0": 0,
                "y1": 1,
                "layer": "below",
                "fillcolor": "rgba(230,159,0,0.35)",
                "line": {"width": 1.5, "color": "#c26a00"},
                "name": "article-week",
            },
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": week_end.isoformat(),
                "x1": full[1],
                "y0": 0,
                "y1": 1,
                "layer": "below",
                "fillcolor": "rgba(0,0,0,0.035)",
                "line": {"width": 0},
                "name": "what-next",
            },
        ],
        annotations=[
            {
                "x": subject.start.isoformat(),
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "yanchor": "bottom",
                "xanchor": "right",
                "showarrow": False,
                "text": "The article's week: " + plot_text(span_text(subject.start, subject.end)),
                "font": {"size": 11, "color": "#8a4a00"},
            },
            {
                # at the plot's right edge, which every zoom preset keeps inside the shaded part,
                # a line above the article's week label (in the whole decade both sit far right)
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
            },
        ],
        updatemenus=[_zoom_menu(full, subject, briefing.settings.periods.around)],
        dragmode="zoom",
    )


def _zoom_menu(full: list[str], subject: Event, around: str) -> dict[str, Any]:
    """Kernel-free zoom buttons: the whole range, the event's year and after, its weeks."""
    year = subject.start.year

    def zoom(label: str, start: dt.date | str, end: dt.date | str) -> dict[str, Any]:
        x0, x1 = (d if isinstance(d, str) else d.isoformat() for d in (start, end))
        return {"label": label, "method": "relayout", "args": [{"xaxis.range": [x0, x1]}]}

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
            zoom(f"{full[0][:4]}–{int(full[1][:4]) - 1}", *full),
            zoom(f"{year} and after", dt.date(year, 1, 1), full[1]),
            zoom(
                around,
                subject.start - dt.timedelta(days=21),
                subject.last_day + dt.timedelta(days=35),
            ),
        ],
    }
