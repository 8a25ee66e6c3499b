"""What the relationship and timeline charts share: sides, colours, theme and plot-safe text.

Chart functions live in network.py and timeline.py; each builds its figure as plain JSON
(`{"data": [...], "layout": {...}}`, what plotly.js and the plotly mimetype read) and never
displays it. Building plain dicts skips plotly.py's validation of every property, the slowest
part of a run-all; the tests validate every figure with plotly.graph_objects instead, and the
public `relationship_network` / `timeline` hand users a validated go.Figure. Only trace types
in plotly.js's basic bundle (scatter, bar, pie) are used, since the exported page inlines that
bundle.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections.abc import Iterable
from typing import Any

from ..book import OTHER_SIDE, OTHER_TIES
from ..dates import span_text
from ..model import Briefing, Entity, Event, Organisation, Person, Relation

# Relation types that happen on a day (a tie with only a start date lasted that day), as do
# the types of book.yaml's tie group "meetings"; any other tie with only a start holds from then.
MEETING_TYPES = frozenset({"met", "invited", "hosts", "attended"})
MEETINGS_GROUP = "meetings"


def one_day(briefing: Briefing, r: Relation) -> bool:
    """True for a tie that happens on a day (a meeting), not one that holds from then on."""
    return r.type in MEETING_TYPES or relation_group(briefing, r) == MEETINGS_GROUP


PAPER = "#fcfcfa"
INK = "#1f2328"
GRID = "#e4e4e0"
# The exported page in dark mode: each light colour the figures use, and what replaces it
# (static/charts.js swaps them both ways, so every value must be distinct). Print stays light.
DARK_COLOURS = {
    PAPER: "#1d1f23",
    INK: "#e4e4df",
    GRID: "#3a3d43",
    "#ffffff": "#1c1e22",  # marker outlines: the paper they sit on
    "rgba(31,35,40,0.25)": "rgba(228,228,223,0.25)",  # dimmed labels (network focus)
    "#f0f0ec": "#2b2e33",  # button fill
    "#c8c8c2": "#55585e",  # button border
    "#8a4a00": "#f0a75a",  # annotation text on the subject event's band
    "#6b6b6b": "#a3a3a3",  # neutral markers
    "rgba(0,0,0,0.035)": "rgba(255,255,255,0.05)",  # shaded periods
}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# Passed to plotly.js in both lives: no logo, no "Share chart" upload, nothing needing a network.
PLOT_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage", "sendChartToCloud"],
}


def sides(briefing: Briefing) -> dict[str, tuple[str, str]]:
    """The network's sides in legend order, id -> (label, colour); "other" last.

    Sides are countries (book.yaml network.sides, or those most of the network belongs to).
    """
    return {
        **{side: (label, colour) for side, label, colour in briefing.settings.sides},
        OTHER_SIDE[0]: OTHER_SIDE[1:],
    }


def side_of(briefing: Briefing, entity: Entity) -> str:
    """The side an entity stands on: its own country for a country, else the one it belongs to."""
    country = entity.country if isinstance(entity, Person | Organisation) else entity.id
    return country if country in sides(briefing) else OTHER_SIDE[0]


def tie_groups(briefing: Briefing) -> dict[str, tuple[str, str, frozenset[str]]]:
    """Relation types grouped for the legend and filter buttons, id -> (label, colour, types);
    types no group names go to "other", last."""
    groups = {
        g.id: (g.label, g.colour or OTHER_TIES.colour, frozenset(g.types))
        for g in briefing.settings.tie_groups
    }
    groups[OTHER_TIES.id] = (OTHER_TIES.label, OTHER_TIES.colour, frozenset())
    return groups


def relation_group(briefing: Briefing, relation: Relation) -> str:
    """The tie group a relation's type belongs to."""
    for group, (_, _, types) in tie_groups(briefing).items():
        if relation.type in types:
            return group
    return OTHER_TIES.id


def plot_text(text: str, width: int = 0) -> str:
    """Data text for plotly labels and hovers: HTML-escaped (plotly reads a few tags), wrapped."""
    lines = textwrap.wrap(text, width) if width else [text]
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def source_titles(briefing: Briefing, source_ids: Iterable[str]) -> list[str]:
    return [f"{s.publisher}: {s.title}" for s in map(briefing.source, source_ids)]


def subject_event(briefing: Briefing) -> Event:
    """The event the article is about (its week is highlighted on every chart)."""
    return briefing.event(briefing.article.subject_event)


# plotly never wraps a title: these widths keep both lines inside a chart about 760 px wide
# (the exported page's column, and JupyterLab's output area beside an open sidebar).
TITLE_WIDTH, SUBTITLE_WIDTH = 78, 100
TITLE_TOP, TITLE_LINE = 10, 20  # px: the first line's distance from the top, each extra line


def title_room(title: dict[str, Any]) -> int:
    """Extra top margin (px) a chart_title needs for the lines it wraps onto."""
    return TITLE_LINE * (title["text"].count("<br>") + title["subtitle"]["text"].count("<br>"))


def chart_title(title: str, subtitle: str, height: int) -> dict[str, Any]:
    """A chart's title (the point it makes) and its subtitle (how to read it), escaped and
    wrapped. plotly anchors a title by its first line, so a wrapped one starts lower."""
    text = plot_text(title, TITLE_WIDTH)
    top = TITLE_TOP + TITLE_LINE * text.count("<br>")
    return {
        "text": text,
        "y": round(1 - top / height, 4),
        "yanchor": "top",
        "subtitle": {"text": plot_text(subtitle, SUBTITLE_WIDTH)},
    }


Trace = dict[str, Any]
Figure = dict[str, Any]  # {"data": [Trace, ...], "layout": {...}}: a figure as plotly.js reads it


def scatter(**props: Any) -> Trace:
    """A scatter trace as plain JSON."""
    return {"type": "scatter", **props}


def legend_entry(name: str, legend: str, **style: Any) -> Trace:
    """A trace with no points: a legend line for what the drawn traces encode (a key)."""
    return scatter(x=[None], y=[None], name=name, legend=legend, hoverinfo="skip", **style)


def chart_template() -> dict[str, Any]:
    """A small neutral template with explicit colours, readable in light and dark JupyterLab."""
    axis = {"gridcolor": GRID, "linecolor": GRID, "zerolinecolor": GRID, "automargin": True}
    return {
        "layout": {
            "font": {"family": FONT, "color": INK, "size": 13},
            "paper_bgcolor": PAPER,
            "plot_bgcolor": PAPER,
            "hovermode": "closest",
            "hoverlabel": {"align": "left", "font": {"family": FONT}},
            "xaxis": axis,
            "yaxis": axis,
            "title": {"x": 0.01, "xanchor": "left", "font": {"size": 17}},
            "legend": {"bgcolor": "rgba(0,0,0,0)"},
        }
    }


def as_go_figure(figure: Figure):
    """The figure as a validated plotly go.Figure, for people who want to change it in Python.

    plotly.graph_objects is imported here, not at the top: the notebook never needs it.
    """
    import plotly.graph_objects as go

    return go.Figure(figure)


PERIODS = ("before", "during", "after")  # around the subject event; names in book.yaml periods


def relation_span(briefing: Briefing, r: Relation) -> tuple[dt.date, dt.date]:
    """When a tie held: its event's days, else start..end with missing ends left open."""
    if r.event is not None:
        event = briefing.event(r.event)
        return event.start, event.last_day
    start = r.start or dt.date.min
    end = r.end or (r.start if r.start and one_day(briefing, r) else dt.date.max)
    return start, end


def relation_periods(briefing: Briefing, r: Relation) -> set[str]:
    """Which of before / during / after the subject event a tie overlaps (standing ties: all)."""
    subject = subject_event(briefing)
    start, end = relation_span(briefing, r)
    periods = set()
    if start < subject.start:
        periods.add("before")
    if start <= subject.last_day and end >= subject.start:
        periods.add("during")
    if end > subject.last_day:
        periods.add("after")
    return periods


def relation_when(briefing: Briefing, r: Relation) -> str:
    """A tie's dates as a reader would write them."""
    if r.event is not None:
        event = briefing.event(r.event)
        return span_text(event.start, event.end)
    if r.start and r.end:
        return span_text(r.start, r.end)
    if r.start:
        return (
            span_text(r.start, None)
            if one_day(briefing, r)
            else (f"since {span_text(r.start, None)}")
        )
    if r.end:
        return f"until {span_text(r.end, None)}"
    return "standing tie (undated)"
