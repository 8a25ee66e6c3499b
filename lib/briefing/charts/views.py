"""Charts in both lives: the plotly mimetype live, an inlined-plotly div plus a table exported.

Figures are plain JSON (charts.Figure). The twin's figure is a div and a Plotly.newPlot call
(templates/chart_figure.html.j2; plotly.js is inlined once by the page) with an id derived from
the figure, so two renders are byte-identical. The network adds a focus control: an ipywidgets
Dropdown live, a <select> driving Plotly.restyle (static/charts.js) exported; both apply the
same precomputed restyles (network.focus_restyles).
"""

from __future__ import annotations

import json
from functools import cached_property
from typing import Any

from ..dates import when_text
from ..model import Briefing
from ..render import render, stable_id
from ..sources import citations
from ..view import PLOTLY_MIME, View
from .network import apply_restyles, focus_people, focus_restyles, network_figure
from .style import DARK_COLOURS, PLOT_CONFIG, Figure, relation_group, relation_when
from .timeline import timeline_figure


def figure_json(fig: Figure) -> dict[str, Any]:
    """The figure as the plotly mimetype carries it, config included.

    Live, the figure is not responsive: inside JupyterLab's output area (and an Output widget)
    its container has no height of its own, so a resize or theme change would shrink it to nothing.
    """
    return {**fig, "config": {**PLOT_CONFIG, "responsive": False}}


def figure_html(fig: Figure) -> str:
    """The figure's div and Plotly.newPlot call, without plotly.js, with a content-derived id."""
    return render(
        "chart_figure.html.j2",
        div_id=stable_id("chart", fig),
        height=fig["layout"].get("height", 450),
        figure=fig,
        config=PLOT_CONFIG,
        dark={light.lower(): dark for light, dark in DARK_COLOURS.items()},
    )


def figure_bundle(fig: Figure, title: str) -> dict[str, Any]:
    """A live display bundle for one figure: the plotly mimetype, which JupyterLab draws (a
    text/html copy of the figure would need the exported page's plotly.js)."""
    return {PLOTLY_MIME: figure_json(fig), "text/plain": title}


class FigureView(View):
    """A chart: live, the plotly mimetype; exported, the figure plus a table of its data."""

    kind = "chart"

    def __init__(self, figure: Figure, table_html: str, table_summary: str, title: str = ""):
        self.figure = figure
        self.table_html = table_html
        self.table_summary = table_summary
        self.title = title

    def focus(self) -> dict[str, Any] | None:
        return None

    def static_html(self) -> str:
        focus = self.focus()
        return render(
            "chart.html.j2",
            kind=self.kind,
            title=self.title,
            figure_html=figure_html(self.figure),
            table_html=self.table_html,
            table_summary=self.table_summary,
            focus=focus,
            select_id=stable_id("chart-focus", self.kind, self.figure),
        )

    def live(self) -> Any:
        return {PLOTLY_MIME: figure_json(self.figure)}

    def fallback_html(self) -> str:
        """Beside the live chart: its table, not the figure's copy (which needs the exported
        page's plotly.js): the plotly mimetype carries the figure once."""
        return render(
            "chart.html.j2",
            kind=self.kind,
            title=self.title,
            figure_html="",
            table_html=self.table_html,
            table_summary=self.table_summary,
            focus=None,
            select_id="",
        )


class NetworkView(FigureView):
    """The relationship network with a "Focus on a person" control in both lives."""

    kind = "network"

    def __init__(self, briefing: Briefing):
        self.briefing = briefing
        super().__init__(
            network_figure(briefing),
            relations_table(briefing),
            f"The {len(briefing.relations)} ties as a table",
            title="Relationship network",
        )

    def focus(self) -> dict[str, Any]:
        return {"options": focus_people(self.briefing), "restyles": self._restyles}

    @cached_property
    def _restyles(self) -> dict[str, Any]:
        return focus_restyles(self.briefing, self.figure)

    def live(self) -> Any:
        import ipywidgets as widgets

        choose = widgets.Dropdown(
            options=[("Everyone", ""), *((name, pid) for pid, name in focus_people(self.briefing))],
            value="",
            description="Focus on a person",
            style={"description_width": "initial"},
        )
        output = widgets.Output()

        def show(change: dict[str, Any] | None = None) -> None:
            # the same restyle calls the exported page applies in JavaScript, on a copy (a JSON
            # round trip copies plain JSON fastest): the twin keeps its own figure
            fig = json.loads(json.dumps(self.figure))
            apply_restyles(fig, self._restyles[choose.value])
            output.outputs = (
                {
                    "output_type": "display_data",
                    "data": figure_bundle(fig, self.title),
                    "metadata": {},
                },
            )

        choose.observe(show, names="value")
        show()
        return widgets.VBox([choose, output])


class TimelineView(FigureView):
    kind = "timeline"

    def __init__(self, briefing: Briefing):
        super().__init__(
            timeline_figure(briefing),
            events_table(briefing),
            f"The {len(briefing.events)} events as a table",
            title="Timeline",
        )


def relations_table(briefing: Briefing) -> str:
    """The network's text alternative: every tie, its dates, note and sources."""
    rows = [
        {
            "id": r.id,
            "subject": briefing.entity(r.subject).name,
            "type": r.type,
            "object": briefing.entity(r.object).name,
            "when": relation_when(briefing, r),
            "note": r.note or "",
            "citations": citations(briefing, r.sources),
            "confidence": r.confidence.value,
            "group": relation_group(briefing, r),
        }
        for r in briefing.relations
    ]
    return render("chart_relations.html.j2", rows=rows, caption="Ties in the network")


def events_table(briefing: Briefing) -> str:
    """The timeline's text alternative: every event by date, marking what came after the story."""
    label = {t.id: t.label for t in briefing.settings.threads}
    rows = [
        {
            "id": e.id,
            "when": when_text(e.start, e.end, e.time),
            "lane": label[e.thread],
            "title": e.title,
            "place": f"{briefing.place(e.place).name}, {briefing.place(e.place).city}",
            "participants": [briefing.entity(p).name for p in e.participants],
            "citations": citations(briefing, e.sources),
            "confidence": e.confidence.value,
            "after": briefing.after_article(e),
        }
        for e in sorted(briefing.events, key=lambda e: e.order)
    ]
    return render("chart_events.html.j2", rows=rows, caption="Events on the timeline")


def network_view(briefing: Briefing) -> NetworkView:
    """The relationship network as a View, with its focus control and table."""
    return NetworkView(briefing)


def timeline_view(briefing: Briefing) -> TimelineView:
    """The timeline as a View, with its table."""
    return TimelineView(briefing)
