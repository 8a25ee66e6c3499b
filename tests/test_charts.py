"""The relationship network and the timeline: figures built from the model, views in both lives."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
from dataclasses import replace

import pytest
from sample_book import sample_briefing

from briefing.charts.network import (
    DIM_EDGE,
    DIM_NODE,
    apply_restyles,
    focus_restyles,
    neighbours,
    network_figure,
    relationship_network,
)
from briefing.charts.network_layout import network_layout, network_nodes
from briefing.charts.style import (
    INK,
    PAPER,
    PERIODS,
    plot_text,
    relation_group,
    relation_periods,
    side_of,
    sides,
    tie_groups,
)
from briefing.charts.timeline import (
    NEXT_SYMBOL,
    STORY_SYMBOL,
    event_positions,
    lane_y,
    lanes,
    timeline,
    timeline_figure,
)
from briefing.charts.views import (
    NetworkView,
    events_table,
    figure_html,
    network_view,
    timeline_view,
)
from briefing.view import PLOTLY_MIME, WIDGET_MIME

HOSTILE = "<img src=x onerror=alert(1)></script>\u2028\"'"
BASIC_BUNDLE = {"scatter", "bar", "pie"}


def hostile_briefing(briefing):
    """The real book with the payload in every name, title and note the charts show."""

    def spoil(records, *fields):
        return tuple(
            replace(r, **{f: (getattr(r, f) or "") + HOSTILE for f in fields}) for r in records
        )

    return replace(
        briefing,
        **{
            "people": spoil(briefing.people, "name", "role"),
            "organisations": spoil(briefing.organisations, "name", "kind"),
            "countries": spoil(briefing.countries, "name"),
            "relations": spoil(briefing.relations, "type", "note"),
            "events": spoil(briefing.events, "title"),
            "places": spoil(briefing.places, "name", "city"),
            "sources": spoil(briefing.sources, "title", "publisher"),
        },
    )


def node_traces(fig):
    return [t for t in fig.data if t.customdata is not None]


def line_traces(fig):
    """Traces drawing ties as lines (several each: meta names them in the order drawn)."""
    return [t for t in fig.data if t.meta and "relations" in t.meta and t.mode == "lines"]


def midpoint_traces(fig):
    """Traces of the ties' hover dots, one point per tie (meta names them)."""
    return [t for t in fig.data if t.meta and "relations" in t.meta and t.mode == "markers"]


def curves(trace):
    """A line trace's curves: plotly breaks a line at each null."""
    out, points = [], []
    for x, y in zip(trace.x, trace.y, strict=True):
        if x is None:
            out.append(points)
            points = []
        else:
            points.append((x, y))
    return [*out, points] if points else out


def drawn_ties(fig, shown=None):
    """Each tie as drawn: (curve, colour, opacity) of the strongest line drawing it, for the
    traces `shown` (a visible list, as the filter buttons set it) or all."""
    out = {}
    for i, t in enumerate(fig.data):
        if t in line_traces(fig) and (shown is None or shown[i]):
            opacity = 1 if t.opacity is None else t.opacity
            for tie, curve in zip(t.meta["relations"], curves(t), strict=True):
                if tie not in out or opacity > out[tie][2]:
                    out[tie] = (curve, t.line.color, opacity)
    return out


def hover_dots(fig, shown=None):
    """Each tie's hover dot: (x, y, colour, opacity, hover text)."""
    out = {}
    for i, t in enumerate(fig.data):
        if t in midpoint_traces(fig) and (shown is None or shown[i]):
            opacity = t.marker.opacity or [1] * len(t.x)
            for k, tie in enumerate(t.meta["relations"]):
                assert tie not in out, f"{tie} has two hover dots"
                out[tie] = (t.x[k], t.y[k], t.marker.color, opacity[k], t.hovertext[k])
    return out


# --- the network ------------------------------------------------------------------------


def test_network_has_one_node_per_entity_in_relations(briefing):
    fig = relationship_network(briefing)
    in_relations = {i for r in briefing.relations for i in (r.subject, r.object)}
    shown = [n for t in node_traces(fig) for n in t.customdata]
    assert sorted(shown) == sorted(in_relations)
    labels = [label for t in node_traces(fig) for label in t.text]
    assert "Wang Yi" in labels and "Sergei Lavrov" in labels


def test_network_draws_each_relation_once_between_its_nodes_with_a_hover_dot(briefing):
    fig = relationship_network(briefing)
    ids = [r.id for r in briefing.relations]
    assert sorted(tie for t in line_traces(fig) for tie in t.meta["relations"]) == sorted(ids)
    ties, dots = drawn_ties(fig), hover_dots(fig)
    assert sorted(ties) == sorted(dots) == sorted(ids)
    at = {
        n: (x, y) for t in node_traces(fig) for n, x, y in zip(t.customdata, t.x, t.y, strict=True)
    }
    groups = tie_groups(briefing)
    for r in briefing.relations:
        curve, colour, opacity = ties[r.id]
        assert len(curve) == 11 and (curve[0], curve[-1]) == (at[r.subject], at[r.object])
        assert colour == groups[relation_group(briefing, r)][1] == dots[r.id][2]  # by kind
        assert dots[r.id][:2] == curve[5] and opacity == dots[r.id][3] == 1
    hover = dots["wang-met-lavrov"][4]
    assert "Wang Yi — met → Sergei Lavrov" in hover
    assert "18 Sep 2023" in hover and "Sources: " in hover
    # ties between the same two nodes bend apart
    sullivan = [ties[i][0] for i in ("wang-met-sullivan-vienna", "wang-met-sullivan-malta")]
    assert sullivan[0][5] != sullivan[1][5]


def test_network_draws_its_ties_in_a_few_traces_not_one_per_tie(briefing):
    """plotly.js lays out and styles trace by trace: ninety made the chart slow to draw."""
    fig = relationship_network(briefing)
    bundles = {
        (relation_group(briefing, r), frozenset(relation_periods(briefing, r)))
        for r in briefing.relations
    }
    assert len(midpoint_traces(fig)) == len(bundles) < len(briefing.relations) / 4
    assert len(line_traces(fig)) == 2 * len(bundles)  # the bundle, and its focused ties
    assert len(fig.data) < len(briefing.relations)


def test_nodes_are_coloured_by_side(briefing):
    fig = relationship_network(briefing)
    colour = {n: t.marker.color for t in node_traces(fig) for n in t.customdata}
    side = sides(briefing)
    assert list(side) == ["china", "russia", "united-states", "other"]  # data/book.yaml's order
    assert colour["wang-yi"] == colour["xi-jinping"] == side["china"][1]
    assert colour["sergei-lavrov"] == colour["russia"] == side["russia"][1]
    assert colour["jake-sullivan"] == side["united-states"][1]
    assert colour["international-criminal-court"] == side["other"][1]
    assert len({c for _, c in side.values()}) == len(side)
    assert side_of(briefing, briefing.entity("malta")) == "other"


def test_nodes_are_sized_by_degree_and_wang_yi_is_the_hub(briefing):
    fig = relationship_network(briefing)
    size = {
        n: s for t in node_traces(fig) for n, s in zip(t.customdata, t.marker.size, strict=True)
    }
    assert size["wang-yi"] == max(size.values())
    assert size["maria-zakharova"] < size["sergei-lavrov"]
    assert fig.layout.title.text.startswith("Wang Yi sits at the centre")


def test_layout_is_the_same_on_every_run_and_in_a_fresh_process(briefing):
    first = network_layout(briefing)
    assert first == network_layout(briefing)
    assert relationship_network(briefing).to_json() == relationship_network(briefing).to_json()
    code = (
        "import hashlib; from briefing import load_briefing as l;"
        " from briefing.charts.network_layout import network_layout as n;"
        " from briefing.charts.views import network_view as v; b = l();"
        " print(sorted(n(b).items()));"
        " print(hashlib.sha1(v(b).static_html().encode()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    twin = hashlib.sha1(network_view(briefing).static_html().encode()).hexdigest()
    assert out.stdout.split("\n")[:2] == [str(sorted(first.items())), twin]
    assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in first.values())


def test_relations_fall_in_periods_around_the_visit(briefing):
    relation = {r.id: r for r in briefing.relations}
    assert relation_periods(briefing, relation["wang-met-lavrov"]) == {"during"}
    assert relation_periods(briefing, relation["wang-met-sullivan-malta"]) == {"before"}
    assert relation_periods(briefing, relation["putin-met-xi-beijing"]) == {"after"}
    assert relation_periods(briefing, relation["china-member-brics"]) == {
        "before",
        "during",
        "after",
    }


def test_filter_buttons_show_one_kind_or_one_period_of_ties(briefing):
    fig = relationship_network(briefing)
    kinds, periods = fig.layout.updatemenus
    assert [b.label for b in periods.buttons][:2] == ["All periods", "Before the visit"]
    relation = {r.id: r for r in briefing.relations}
    for menu in (kinds, periods):
        for b in menu.buttons:
            shown = b.args[0]["visible"]
            assert len(shown) == len(fig.data)
            # a tie shows with its hover dot, or not at all; nodes and legends always show
            assert set(drawn_ties(fig, shown)) == set(hover_dots(fig, shown))
            assert all(v for t, v in zip(fig.data, shown, strict=True) if t.customdata is not None)
            assert all(v for t, v in zip(fig.data, shown, strict=True) if t.showlegend is not False)
    assert set(drawn_ties(fig, kinds.buttons[0].args[0]["visible"])) == set(relation)
    assert set(drawn_ties(fig, periods.buttons[0].args[0]["visible"])) == set(relation)
    meetings = next(b for b in kinds.buttons if b.label == "Meetings and visits")
    shown = {relation[i].type for i in drawn_ties(fig, meetings.args[0]["visible"])}
    assert shown == {"met", "invited", "hosts", "attended"}
    assert meetings.args[1] == {"updatemenus[1].active": 0}
    for period, button in zip(PERIODS, periods.buttons[1:], strict=True):
        shown = set(drawn_ties(fig, button.args[0]["visible"]))
        assert shown == {i for i, r in relation.items() if period in relation_periods(briefing, r)}
        assert button.args[1] == {"updatemenus[0].active": 0}
    visit = next(b for b in periods.buttons if b.label.startswith("The visit"))
    shown = set(drawn_ties(fig, visit.args[0]["visible"]))
    assert "wang-met-patrushev" in shown and "wang-met-sullivan-malta" not in shown


def test_focus_dims_everything_outside_a_neighbourhood(briefing):
    fig = relationship_network(briefing, focus="jake-sullivan")
    near = {"jake-sullivan", *neighbours(briefing)["jake-sullivan"]}
    for t in node_traces(fig):
        for n, opacity in zip(t.customdata, t.marker.opacity, strict=True):
            assert opacity == (1 if n in near else DIM_NODE), n
    ties, dots = drawn_ties(fig), hover_dots(fig)
    assert sorted(ties) == sorted(r.id for r in briefing.relations)
    for r in briefing.relations:
        strength = 1 if "jake-sullivan" in (r.subject, r.object) else DIM_EDGE
        assert ties[r.id][2] == dots[r.id][3] == strength, r.id
    plain = relationship_network(briefing)
    assert all(o == 1 for t in node_traces(plain) for o in t.marker.opacity)
    assert {opacity for _, _, opacity in drawn_ties(plain).values()} == {1}


def test_focus_restyles_undo_each_other(briefing):
    """The page applies them one after another: each focus leaves no trace of the last."""
    restyles = focus_restyles(briefing, network_figure(briefing))
    fig = network_figure(briefing)
    for person in [*restyles, ""]:
        apply_restyles(fig, restyles[person])
        assert fig == network_figure(briefing, focus=person or None), person


def test_focus_restyles_cover_every_person_and_reset(briefing):
    restyles = focus_restyles(briefing, network_figure(briefing))
    people = {p.id for p in briefing.people} & set(network_nodes(briefing))
    assert set(restyles) == {"", *people}
    for calls in restyles.values():
        for call in calls:
            for values in call["update"].values():
                assert len(values) == len(call["traces"])


# --- the timeline -----------------------------------------------------------------------


def event_traces(fig):
    return [t for t in fig.data if t.customdata is not None]


def test_timeline_shows_every_event_once_in_its_lane(briefing):
    fig = timeline(briefing)
    shown = [(e, y) for t in event_traces(fig) for e, y in zip(t.customdata, t.y, strict=True)]
    assert sorted(e for e, _ in shown) == sorted(e.id for e in briefing.events)
    for event_id, y in shown:
        assert abs(y - lane_y(briefing, briefing.event(event_id).thread)) < 0.5
    assert list(fig.layout.yaxis.ticktext) == [t.label for t in lanes(briefing)]
    assert list(fig.layout.yaxis.ticktext) == [
        "China–Russia",
        "China–US",
        "ICC warrants",
        "Belt and Road",
    ]  # data/book.yaml's threads, top to bottom
    dates = sorted(x for t in event_traces(fig) for x in t.x)
    assert dates[0].startswith("2013") and dates[-1].startswith("2024")


def test_timeline_marks_the_articles_week_and_what_happened_next(briefing):
    fig = timeline(briefing)
    week = next(s for s in fig.layout.shapes if s.name == "article-week")
    visit = briefing.event(briefing.article.subject_event)
    assert week.x0 <= visit.start.isoformat() and week.x1 > visit.last_day.isoformat()
    for t in event_traces(fig):
        for event_id, symbol in zip(t.customdata, t.marker.symbol, strict=True):
            after = briefing.after_article(briefing.event(event_id))
            assert symbol == (NEXT_SYMBOL if after else STORY_SYMBOL)
    texts = [a.text for a in fig.layout.annotations]
    assert any("What happened next" in t for t in texts)
    assert any("article's week" in t for t in texts)
    hover = [h for t in event_traces(fig) for h in t.hovertext]
    assert any("Where: " in h and "Who: " in h and "Sources: " in h for h in hover)


def test_charts_use_only_trace_types_in_the_basic_bundle(briefing):
    for fig in (relationship_network(briefing), timeline(briefing)):
        assert {t.type for t in fig.data} <= BASIC_BUNDLE
        theme = fig.layout.template.layout  # explicit colours: readable in light and dark themes
        assert theme.paper_bgcolor == theme.plot_bgcolor == PAPER and theme.font.color == INK


# --- views, both lives ------------------------------------------------------------------


@pytest.mark.parametrize("make", [network_view, timeline_view])
def test_views_render_byte_identical_twice(briefing, make):
    assert make(briefing).static_html() == make(briefing).static_html()
    assert make(briefing)._repr_mimebundle_()["text/html"] == make(briefing).fallback_html()


def test_timeline_view_bundle_has_plotly_mimetype_and_the_twin(briefing):
    bundle = timeline_view(briefing)._repr_mimebundle_()
    plotly = bundle[PLOTLY_MIME]
    assert {"data", "layout", "config"} <= set(plotly)
    json.dumps(plotly)  # plain JSON
    html = timeline_view(briefing).static_html()
    assert "briefingCharts.draw" in html and "<details" in html  # drawn by static/start.js
    assert html.count("<tr") == len(briefing.events) + 1
    assert "https://cdn" not in html and "<script src" not in html
    # beside the live figure, the table alone: the figure travels once, in the plotly mimetype
    beside = bundle["text/html"]
    assert "briefingCharts.draw" not in beside and '"layout"' not in beside
    assert beside.count("<tr") == len(briefing.events) + 1


def test_network_twin_has_focus_select_table_and_figure(briefing):
    html = network_view(briefing).static_html()
    assert 'data-briefing-view="chart"' in html and "data-chart-focus" in html
    people = focus_restyles(briefing, network_figure(briefing))  # "" is "Everyone"
    assert html.count("<option") == len(people)
    assert html.count("<tr") == len(briefing.relations) + 1
    assert ">Wang Yi</option>" in html


def test_network_live_form_is_a_dropdown_that_refocuses_the_figure(briefing):
    view = NetworkView(briefing)
    assert WIDGET_MIME in view._repr_mimebundle_()
    box = view.live()
    choose, output = box.children
    assert choose.description == "Focus on a person"

    def opacities():
        data = output.outputs[0]["data"][PLOTLY_MIME]["data"]
        return [o for t in data if "customdata" in t for o in t["marker"]["opacity"]]

    assert set(opacities()) == {1}
    choose.value = "sergei-lavrov"
    assert DIM_NODE in opacities() and 1 in opacities()
    assert set(output.outputs[0]["data"]) == {PLOTLY_MIME, "text/plain"}  # the figure once


# --- hostile text -----------------------------------------------------------------------


def test_plot_text_escapes_markup():
    assert plot_text("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"


def test_hostile_text_stays_text_in_figures_and_twins(briefing):
    bad = hostile_briefing(briefing)
    for view in (network_view(bad), timeline_view(bad)):
        html = view.static_html()
        assert "<img" not in html
        assert "</script><" not in html.replace("</script>\n", "").replace("</script></", "")
        # scripts: the figure's and (network) the focus data; none opened by the data
        assert html.count("<script") == html.count("</script>")
        assert html.count("<script") == (2 if view.kind == "network" else 1)
        scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S)
        assert all("\u2028" not in s and "<" not in s for s in scripts)
        assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the table shows it as text
    fig = relationship_network(bad)
    label = next(t for t in node_traces(fig)).text[0].replace("<br>", " ")
    assert "&lt;img src=x onerror=alert(1)&gt;&lt; /script&gt;" in label
    assert "<img" not in figure_html(timeline_figure(bad))


# --- plain JSON figures, validated here ---------------------------------------------------


def all_figures(briefing):
    """Every figure the views show: the timeline, the network and each focus of it."""
    view = NetworkView(briefing)
    yield timeline_figure(briefing)
    yield network_figure(briefing)
    for person in view.focus()["restyles"]:
        yield network_figure(briefing, focus=person)


@pytest.mark.parametrize("spoilt", [False, True], ids=["real", "hostile"])
def test_plain_figures_are_exactly_what_plotly_validates_them_to(briefing, spoilt):
    """The views build figures as plain JSON and skip plotly.py's validation (it was the
    slowest part of a run-all), so here plotly validates each one: an unknown property or a
    bad value raises, and a value plotly would coerce shows as a difference."""
    import plotly.graph_objects as go

    book = hostile_briefing(briefing) if spoilt else briefing
    for fig in all_figures(book):
        plain = json.loads(json.dumps(fig))  # plain JSON: no numpy, no dates, no tuples lost
        assert json.loads(go.Figure(fig).to_json()) == plain


def test_a_misspelt_property_is_caught_by_the_validation(briefing):
    import plotly.graph_objects as go

    fig = timeline_figure(briefing)
    fig["data"][0]["makrer"] = {"size": 3}
    with pytest.raises(ValueError, match="makrer"):
        go.Figure(fig)


def test_long_titles_wrap_start_lower_and_get_room_above_the_plot():
    """plotly never wraps a title: ours wrap, a wrapped title starts lower, the margin grows."""
    from briefing.charts.style import SUBTITLE_WIDTH, TITLE_WIDTH, chart_title, title_room

    short = chart_title("Short", "One line.", height=500)
    long = chart_title("word " * 30, "more words " * 20, height=500)
    assert "<br>" not in short["text"] and title_room(short) == 0
    assert long["y"] < short["y"] and title_room(long) > 0
    for line in long["text"].split("<br>"):
        assert len(line) <= TITLE_WIDTH
    for line in long["subtitle"]["text"].split("<br>"):
        assert len(line) <= SUBTITLE_WIDTH
    assert chart_title("<b>x</b>", "<i>y</i>", 500)["subtitle"]["text"] == "&lt;i&gt;y&lt;/i&gt;"


# --- the timeline's defaults come from the data, whatever the story --------------------------


def one_week_book(times: dict[str, str] | None = None):
    """The sample book with every event between 31 Aug and 4 Sep 2023 and none after the
    article's event; two events share 2 Sep (optionally with times of day)."""
    book = sample_briefing(with_corrections=False)
    days = {
        "sullivan-talks": (dt.date(2023, 8, 31), None),
        "visit": (dt.date(2023, 9, 1), dt.date(2023, 9, 4)),
        "brf-3": (dt.date(2023, 9, 2), None),
        "warrant": (dt.date(2023, 9, 2), None),
    }
    times = times or {}
    events = tuple(
        replace(e, start=days[e.id][0], end=days[e.id][1], time=times.get(e.id), thread="visit")
        for e in book.events
    )
    return replace(book, events=events)


def test_a_one_week_book_gets_a_one_week_timeline():
    book = one_week_book()
    fig = timeline_figure(book)
    layout = fig["layout"]
    title = layout["title"]["text"].replace("<br>", " ")
    assert title == "Wang Yi visits Russia: 4 events in 5 days"  # no "crowded year"
    sub = layout["title"]["subtitle"]["text"].replace("<br>", " ")
    assert "diamonds" not in sub and "what happened next" not in sub.lower()
    assert [s["name"] for s in layout["shapes"]] == ["article-week"]  # no "what next" band
    assert not any("What happened next" in a["text"] for a in layout["annotations"])
    assert [t.get("name") for t in fig["data"] if t.get("legend") == "legend2"] == []
    x0, x1 = (dt.date.fromisoformat(d) for d in layout["xaxis"]["range"])
    assert dt.date(2023, 8, 29) <= x0 < dt.date(2023, 8, 31)
    assert dt.date(2023, 9, 4) < x1 <= dt.date(2023, 9, 6)
    assert layout["updatemenus"] == []  # the whole week is already the closest view
    # tick labels on one line at every zoom: no year under the days, over the legend
    assert all("\n" not in stop["value"] for stop in layout["xaxis"]["tickformatstops"])
    # same-day events in one lane are not drawn on top of each other
    y = event_positions(book)
    assert y["brf-3"] != y["warrant"]


def test_same_day_events_are_ordered_by_time_of_day_then_title():
    untimed = one_week_book()
    markers = next(t for t in timeline_figure(untimed)["data"] if t.get("customdata"))
    assert markers["customdata"] == ["sullivan-talks", "visit", "warrant", "brf-3"]  # by title
    timed = one_week_book({"brf-3": "09:30", "warrant": "16:00"})
    markers = next(t for t in timeline_figure(timed)["data"] if t.get("customdata"))
    assert markers["customdata"] == ["sullivan-talks", "visit", "brf-3", "warrant"]
    assert markers["x"][2:] == ["2023-09-02 09:30", "2023-09-02 16:00"]
    table = events_table(timed)
    assert table.index("2 Sep 2023, 09:30") < table.index("2 Sep 2023, 16:00")
    assert [e.id for e in sorted(timed.events, key=lambda e: e.order)][2:] == ["brf-3", "warrant"]


def test_the_real_story_keeps_its_decade_its_buttons_and_what_happened_next(briefing):
    layout = timeline_figure(briefing)["layout"]
    assert "came in a crowded 2023" in layout["title"]["text"].replace("<br>", " ")
    labels = [b["label"] for b in layout["updatemenus"][0]["buttons"]]
    assert labels == ["2013–2024", "2023 and after", briefing.settings.periods.around]
    assert [s["name"] for s in layout["shapes"]] == ["article-week", "what-next"]
