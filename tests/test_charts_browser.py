"""The charts' exported twins in headless Chromium, offline: drawn, filterable, focusable, safe."""

from __future__ import annotations

import pytest
from test_charts import HOSTILE, hostile_briefing

from briefing.charts.network import DIM_EDGE, DIM_NODE, neighbours
from briefing.charts.style import relation_periods
from briefing.charts.views import network_view, timeline_view
from briefing.page import standalone_page

pytestmark = pytest.mark.browser

NETWORK = '[data-chart-kind="network"] .plotly-graph-div'
TIMELINE = '[data-chart-kind="timeline"] .plotly-graph-div'


def open_charts(html_page, briefing):
    page = html_page(
        standalone_page(network_view(briefing).static_html(), timeline_view(briefing).static_html())
    )
    for graph in (NETWORK, TIMELINE):
        page.page.wait_for_function(
            f"() => {{ const g = document.querySelector('{graph}');"
            " return g && g._fullLayout && g.querySelectorAll('.main-svg').length > 0; }"
        )
    return page


def drawn_ties(page) -> dict[str, float]:
    """The ties drawn in the SVG, each with its opacity (a focused tie is drawn at full strength
    over its dimmed self): a line trace's group holds one path per tie its meta names."""
    drawn = page.page.evaluate(
        f"""() => {{
          const out = {{}};
          for (const g of document.querySelectorAll('{NETWORK} .scatterlayer .trace')) {{
            const trace = g.__data__ && g.__data__[0] && g.__data__[0].trace;
            if (!trace || trace.mode !== 'lines' || !(trace.meta && trace.meta.relations)) continue;
            const curves = g.querySelectorAll('path.js-line').length;
            if (curves !== trace.meta.relations.length) return 'trace ' + trace.index + ': '
              + curves + ' curves for ' + trace.meta.relations.length + ' ties';
            const opacity = parseFloat(getComputedStyle(g).opacity);
            for (const id of trace.meta.relations) out[id] = Math.max(out[id] || 0, opacity);
          }}
          return out;
        }}"""
    )
    assert isinstance(drawn, dict), drawn
    return drawn


def test_both_charts_are_drawn_offline_with_every_point(html_page, briefing):
    page = open_charts(html_page, briefing)
    p = page.page
    for graph in (NETWORK, TIMELINE):
        assert p.locator(f"{graph} .main-svg").count() >= 2
    nodes = {i for r in briefing.relations for i in (r.subject, r.object)}
    assert p.locator(f"{NETWORK} .scatterlayer .trace .points .point").count() == (
        len(nodes) + len(briefing.relations)  # nodes and one hover dot per relation
    )
    assert p.locator(f"{TIMELINE} .scatterlayer .trace .points .point").count() == len(
        briefing.events
    )
    labels = p.locator(f"{NETWORK} .scatterlayer .textpoint").all_text_contents()
    assert "Wang Yi" in labels
    assert p.locator(f"{TIMELINE} .shapelayer path").count() >= 2  # article's week, what next
    assert p.get_by_text("The article's week: 18–21 Sep 2023").count() == 1
    assert sorted(drawn_ties(page)) == sorted(r.id for r in briefing.relations)
    buttons = p.evaluate(
        "() => [...document.querySelectorAll('.modebar-btn')].map(b => b.dataset.title)"
    )
    assert "Share chart..." not in buttons  # it would upload the chart to a cloud
    assert page.page_errors == [] and page.console_errors == [] and page.blocked == []


def test_the_inlined_bundle_has_every_trace_type_the_charts_use(html_page, briefing):
    page = open_charts(html_page, briefing)
    used = page.page.evaluate(
        "() => [...document.querySelectorAll('.plotly-graph-div')]"
        ".flatMap(g => g.data.map(t => t.type || 'scatter'))"
    )
    available = page.page.evaluate("() => Object.keys(Plotly.PlotSchema.get().traces)")
    assert set(used) <= set(available)
    assert not page.page.evaluate("() => Plotly.PlotSchema.get().traces.heatmap !== undefined")


def test_filter_buttons_switch_which_ties_are_drawn(html_page, briefing):
    page = open_charts(html_page, briefing)
    p = page.page
    meetings = {"met", "invited", "hosts", "attended"}
    p.locator(f"{NETWORK} .updatemenu-button", has_text="Meetings and visits").click()
    p.wait_for_function(f"() => document.querySelector('{NETWORK}').layout.updatemenus[0].active")
    relation = {r.id: r for r in briefing.relations}
    drawn = drawn_ties(page)
    assert sorted(drawn) == sorted(i for i, r in relation.items() if r.type in meetings)
    dots = p.locator(f"{NETWORK} .scatterlayer .trace .points .point").count()
    nodes = {i for r in briefing.relations for i in (r.subject, r.object)}
    assert dots == len(nodes) + len(drawn)  # a hover dot for each tie shown, no more

    p.locator(f"{NETWORK} .updatemenu-button", has_text="After").click()
    p.wait_for_function(f"() => document.querySelector('{NETWORK}').layout.updatemenus[1].active")
    after = drawn_ties(page)
    assert set(after) == {
        i for i, r in relation.items() if "after" in relation_periods(briefing, r)
    }
    assert 0 < len(after) < len(briefing.relations)
    # choosing a period resets the kind row to "All ties"
    assert (
        p.evaluate(f"() => document.querySelector('{NETWORK}').layout.updatemenus[0].active") == 0
    )

    p.locator(f"{NETWORK} .updatemenu-button", has_text="All ties").click()
    p.wait_for_function(f"() => !document.querySelector('{NETWORK}').layout.updatemenus[1].active")
    assert len(drawn_ties(page)) == len(briefing.relations)
    assert page.page_errors == []


def test_focus_select_dims_everyone_outside_the_neighbourhood(html_page, briefing):
    page = open_charts(html_page, briefing)
    p = page.page
    p.select_option("select[data-chart-focus]", "jake-sullivan")
    opacity = p.evaluate(
        f"""() => {{
          const out = {{}};
          for (const t of document.querySelector('{NETWORK}').data) {{
            if (!t.customdata) continue;
            t.customdata.forEach((id, i) => {{ out[id] = t.marker.opacity[i]; }});
          }}
          return out;
        }}"""
    )
    near = {"jake-sullivan", *neighbours(briefing)["jake-sullivan"]}
    assert {n for n, o in opacity.items() if o == 1} == near
    assert {o for n, o in opacity.items() if n not in near} == {DIM_NODE}
    touching = {r.id: "jake-sullivan" in (r.subject, r.object) for r in briefing.relations}
    assert drawn_ties(page) == {i: 1 if t else DIM_EDGE for i, t in touching.items()}
    # the drawn SVG follows: a dimmed node's point is faded, as is a dimmed tie's hover dot
    faded = p.locator(f"{NETWORK} .scatterlayer .point[style*='opacity: {DIM_NODE}']").count()
    assert faded == len(opacity) - len(near)
    faded = p.locator(f"{NETWORK} .scatterlayer .point[style*='opacity: {DIM_EDGE}']").count()
    assert faded == sum(not t for t in touching.values())

    # a filter keeps the focus: only the period's ties show, still dimmed the same
    p.locator(f"{NETWORK} .updatemenu-button", has_text="Before").click()
    p.wait_for_function(f"() => document.querySelector('{NETWORK}').layout.updatemenus[1].active")
    before = {r.id for r in briefing.relations if "before" in relation_periods(briefing, r)}
    assert drawn_ties(page) == {i: 1 if touching[i] else DIM_EDGE for i in before}

    p.select_option("select[data-chart-focus]", "")
    p.wait_for_function(
        f"""() => document.querySelector('{NETWORK}').data
            .filter(t => t.customdata).every(t => t.marker.opacity.every(o => o === 1))"""
    )
    assert drawn_ties(page) == {i: 1 for i in before}
    assert page.page_errors == []


def test_timeline_zoom_buttons_change_the_visible_range(html_page, briefing):
    page = open_charts(html_page, briefing)
    p = page.page
    p.locator(f"{TIMELINE} .updatemenu-button", has_text="Weeks around the visit").click()
    p.wait_for_function(
        f"() => document.querySelector('{TIMELINE}').layout.xaxis.range[0].startsWith('2023-08')"
    )
    # only the events of those weeks are inside the axis now
    inside = p.evaluate(
        f"""() => {{
          const g = document.querySelector('{TIMELINE}');
          const [a, b] = g.layout.xaxis.range.map(d => new Date(d));
          return g.data.filter(t => t.customdata).flatMap(t => t.x)
            .filter(x => new Date(x) >= a && new Date(x) <= b).length;
        }}"""
    )
    assert 0 < inside < len(briefing.events)
    assert page.page_errors == []


def test_hostile_text_shows_as_text_and_runs_nothing(html_page, briefing):
    bad = hostile_briefing(briefing)
    dialogs = []
    html = standalone_page(network_view(bad).static_html(), timeline_view(bad).static_html())
    page = html_page(html)
    page.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.page.wait_for_function(
        f"() => document.querySelector('{NETWORK}') &&"
        f" document.querySelector('{NETWORK}').querySelectorAll('.textpoint').length > 0"
    )
    p = page.page
    assert p.locator("img").count() == 0
    labels = " ".join(p.locator(f"{NETWORK} .textpoint").all_text_contents())
    assert "<img src=x" in labels  # shown as text in the SVG
    title = p.locator(f"{TIMELINE} .gtitle").text_content()
    assert title and "<img src=x onerror=alert(1)></script>" in title
    p.select_option("select[data-chart-focus]", "wang-yi")
    options = p.locator("select[data-chart-focus] option").all_text_contents()
    assert f"Wang Yi{HOSTILE}" in options
    table = p.locator('[data-chart-kind="network"] details table').text_content()
    assert "<img src=x onerror=alert(1)></script>" in table
    assert dialogs == [] and page.page_errors == [] and page.blocked == []
