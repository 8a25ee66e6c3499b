"""The relationship network: who is tied to whom in this story, how and when.

Ties are drawn in bundles: a bundle is every tie of one tie group (its colour and legend entry)
that falls in the same periods around the subject event, so a filter button shows or hides it
whole. A bundle is three traces: its ties as one line trace (a null between two ties breaks the
line), a focus line trace over it (the focused person's own ties at full strength over the
bundle's dimmed line; empty while nobody is focused) and its midpoint markers (the hover
targets, one point per tie). plotly.js supplies defaults, computes, draws and styles trace by
trace: one line and one marker trace per tie (91 traces for the book's 40 ties) made this the
page's slowest chart to draw; bundles make 35 (benchmarks/chart_draw.py).

Trace order (the focus restyles and the filter buttons index into it): the bundles' line traces,
their focus line traces, their midpoint traces, then one legend-only trace per tie group, one
legend-only trace per side, then one node trace per side.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ..dates import span_text
from ..model import Briefing, Country, Organisation, Person, Relation
from .network_layout import label_positions, network_layout, network_nodes
from .style import (
    INK,
    PERIODS,
    Figure,
    Trace,
    as_go_figure,
    chart_template,
    chart_title,
    legend_entry,
    plot_text,
    relation_group,
    relation_periods,
    relation_when,
    scatter,
    side_of,
    sides,
    source_titles,
    subject_event,
    tie_groups,
    title_room,
)

HEIGHT = 720  # px: the figure's height in both lives

SYMBOLS = {Person: "circle", Organisation: "diamond", Country: "square"}
_KIND_ORDER = {Person: 0, Organisation: 1, Country: 2}
DIM_EDGE, DIM_NODE = 0.12, 0.2
DIM_INK = "rgba(31,35,40,0.25)"

Restyle = dict[str, Any]  # {"update": {attr: [value per trace]}, "traces": [index, ...]}


def neighbours(briefing: Briefing) -> dict[str, set[str]]:
    linked: dict[str, set[str]] = {n: set() for n in network_nodes(briefing)}
    for r in briefing.relations:
        if r.subject != r.object:
            linked[r.subject].add(r.object)
            linked[r.object].add(r.subject)
    return linked


def degree_centrality(briefing: Briefing) -> dict[str, float]:
    """Share of the other nodes each node is directly tied to (networkx's definition)."""
    linked = neighbours(briefing)
    others = max(len(linked) - 1, 1)
    return {n: round(len(linked[n]) / others, 6) for n in linked}


def focus_people(briefing: Briefing) -> list[tuple[str, str]]:
    """(id, name) of the people in the network, by name: the choices of the focus control."""
    nodes = set(network_nodes(briefing))
    return sorted(((p.id, p.name) for p in briefing.people if p.id in nodes), key=lambda x: x[1])


def relationship_network(briefing: Briefing, focus: str | None = None, title: str | None = None):
    """The network as a validated plotly go.Figure (see network_figure), to change in Python."""
    return as_go_figure(network_figure(briefing, focus, title))


def network_figure(
    briefing: Briefing, focus: str | None = None, title: str | None = None
) -> Figure:
    """The network of typed, dated relations; `focus` dims all but one person's neighbourhood."""
    nodes = network_nodes(briefing)
    pos = network_layout(briefing)
    centrality = degree_centrality(briefing)
    linked = neighbours(briefing)
    relations = briefing.relations
    ties = tie_groups(briefing)
    bundles = _bundles(briefing)
    groups = list(dict.fromkeys(group for group, _, _ in bundles))  # those with ties, in order
    side_style = sides(briefing)
    paths = dict(zip((r.id for r in relations), _edge_paths(relations, pos), strict=True))
    traces: list[Trace] = []
    for group, _, ties_in in bundles:
        x, y = _joined([paths[r.id] for r in ties_in])
        traces.append(_bundle_lines(ties, group, x, y, [r.id for r in ties_in]))
    for group, _, _ in bundles:
        traces.append(_bundle_lines(ties, group, [], [], []))
    for group, _, ties_in in bundles:
        mids = [paths[r.id][len(paths[r.id]) // 2] for r in ties_in]
        traces.append(
            scatter(
                x=[m[0] for m in mids],
                y=[m[1] for m in mids],
                mode="markers",
                showlegend=False,
                marker={
                    "size": 8,
                    "color": ties[group][1],
                    "line": {"color": "#ffffff", "width": 1},
                },
                hovertext=[_relation_hover(briefing, r) for r in ties_in],
                hovertemplate="%{hovertext}<extra></extra>",
                legendgroup=group,
                meta={"relations": [r.id for r in ties_in]},
                name=ties[group][0],
            )
        )
    for group in groups:
        label, colour, _ = ties[group]
        traces.append(
            legend_entry(
                label,
                "legend2",
                mode="lines+markers",
                legendgroup=group,
                line={"color": colour, "width": 2},
                marker={"color": colour},
            )
        )
    by_side: dict[str, list[str]] = defaultdict(list)
    for n in sorted(nodes, key=lambda n: (_KIND_ORDER[type(briefing.entity(n))], n)):
        by_side[side_of(briefing, briefing.entity(n))].append(n)
    biggest = max(centrality.values(), default=1) or 1
    shown = [s for s in side_style if by_side[s]]
    for side in shown:  # legend entries of their own, so dimming a node never dims the legend
        traces.append(
            scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=side_style[side][0],
                legend="legend",
                legendgroup=side,
                marker={"color": side_style[side][1], "size": 11},
                hoverinfo="skip",
            )
        )
    labels = label_positions(briefing, pos, centrality)
    for side in shown:
        members = by_side[side]
        traces.append(
            scatter(
                x=[pos[n][0] for n in members],
                y=[pos[n][1] for n in members],
                mode="markers+text",
                name=side_style[side][0],
                legendgroup=side,
                showlegend=False,
                cliponaxis=False,
                text=[plot_text(briefing.entity(n).name, 18) for n in members],
                textposition=[labels[n] for n in members],
                textfont={"size": 11, "color": INK},
                customdata=members,
                marker={
                    "size": [12 + 26 * centrality[n] / biggest for n in members],
                    "color": side_style[side][1],
                    "opacity": 1,
                    "symbol": [SYMBOLS[type(briefing.entity(n))] for n in members],
                    "line": {"color": "#ffffff", "width": 1.2},
                },
                hovertext=[_node_hover(briefing, n, centrality, linked) for n in members],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    fig = {"data": traces, "layout": _layout(briefing, bundles, title)}
    apply_restyles(fig, focus_restyles(briefing, fig)[focus or ""])
    return fig


Bundle = tuple[str, tuple[str, ...], list[Relation]]  # (tie group, periods, its ties)


def _bundles(briefing: Briefing) -> list[Bundle]:
    """Ties that look alike and show and hide together: those of one tie group in the same
    periods, in legend order, then in the order of each bundle's first tie."""
    out: dict[tuple[str, tuple[str, ...]], list[Relation]] = {}
    for r in briefing.relations:
        periods = tuple(p for p in PERIODS if p in relation_periods(briefing, r))
        out.setdefault((relation_group(briefing, r), periods), []).append(r)
    order = {g: i for i, g in enumerate(tie_groups(briefing))}
    return [(g, p, ties) for (g, p), ties in sorted(out.items(), key=lambda b: order[b[0][0]])]


def _bundle_lines(ties, group: str, x: list, y: list, relation_ids: list[str]) -> Trace:
    """One line trace drawing a bundle's ties (meta names them, in order)."""
    label, colour, _ = ties[group]
    return scatter(
        x=x,
        y=y,
        mode="lines",
        line={"color": colour, "width": 1.6},
        hoverinfo="skip",
        showlegend=False,
        legendgroup=group,
        meta={"relations": relation_ids},
        name=label,
    )


def _joined(paths: list[list[tuple[float, float]]]) -> tuple[list, list]:
    """Curves as one line trace's x and y: a null between two curves breaks the line there."""
    x: list[float | None] = []
    y: list[float | None] = []
    for path in paths:
        if x:
            x.append(None)
            y.append(None)
        x += [p[0] for p in path]
        y += [p[1] for p in path]
    return x, y


def _split(x: list, y: list) -> list[list[tuple[float, float]]]:
    """The curves _joined joined."""
    paths: list[list[tuple[float, float]]] = [[]] if x else []
    for px, py in zip(x, y, strict=True):
        if px is None:
            paths.append([])
        else:
            paths[-1].append((px, py))
    return paths


def _edge_paths(relations, pos) -> list[list[tuple[float, float]]]:
    """Each tie as a curve; ties between the same two nodes bend apart so all can be seen."""
    pair = [tuple(sorted((r.subject, r.object))) for r in relations]
    count, seen = Counter(pair), Counter()
    paths = []
    for r, key in zip(relations, pair, strict=True):
        (x0, y0), (x1, y1) = pos[r.subject], pos[r.object]
        bend = (seen[key] - (count[key] - 1) / 2) * 0.14
        seen[key] += 1
        dx, dy = x1 - x0, y1 - y0
        # control point of a quadratic Bezier; its curve passes `bend` away at the middle
        cx, cy = (x0 + x1) / 2 - dy * bend * 2, (y0 + y1) / 2 + dx * bend * 2
        paths.append(
            [
                (
                    round((1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t * t * x1, 4),
                    round((1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t * t * y1, 4),
                )
                for t in (i / 10 for i in range(11))
            ]
        )
    return paths


def _relation_hover(briefing: Briefing, r: Relation) -> str:
    subject, obj = briefing.entity(r.subject).name, briefing.entity(r.object).name
    lines = [
        f"<b>{plot_text(subject)} — {plot_text(r.type)} → {plot_text(obj)}</b>",
        plot_text(relation_when(briefing, r)),
    ]
    if r.note:
        lines.append(plot_text(r.note, 60))
    lines.append(
        "Sources: " + "; ".join(plot_text(s, 70) for s in source_titles(briefing, r.sources))
    )
    lines.append(f"Confidence: {r.confidence.value}")
    return "<br>".join(lines)


def _node_hover(
    briefing: Briefing, node: str, centrality: dict[str, float], linked: dict[str, set[str]]
) -> str:
    entity = briefing.entity(node)
    detail = getattr(entity, "role", None) or getattr(entity, "kind", None) or "country"
    ties = sorted(briefing.entity(n).name for n in linked[node])
    return "<br>".join(
        [
            f"<b>{plot_text(entity.name)}</b>",
            plot_text(detail, 60),
            plot_text(sides(briefing)[side_of(briefing, entity)][0])
            + f" · degree centrality {centrality[node]:.2f}",
            "Tied to: " + plot_text(", ".join(ties), 60),
        ]
    )


def _layout(briefing: Briefing, bundles: list[Bundle], title: str | None) -> dict[str, Any]:
    centrality = degree_centrality(briefing)
    hub = max(focus_people(briefing), key=lambda p: centrality[p[0]])
    title = title or briefing.settings.network_title or f"{hub[1]} is tied to the most others"
    axis = {"visible": False, "range": [-1.12, 1.12]}
    heading = chart_title(
        title,
        f"{len(briefing.relations)} dated, sourced ties among "
        f"{len(network_nodes(briefing))} people, bodies and countries; "
        "node size shows how many others each is tied to. "
        "Hover a link's dot for details.",
        height=HEIGHT,
    )
    return dict(
        template=chart_template(),
        title=heading,
        height=HEIGHT,
        margin={"l": 10, "r": 190, "t": 190 + title_room(heading), "b": 10},
        xaxis=axis,
        yaxis={**axis, "range": [-1.1, 1.2]},
        legend={"title": {"text": "Side"}, "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"},
        legend2={
            "title": {"text": "Tie"},
            "x": 1.02,
            "xanchor": "left",
            "y": 0,
            "yanchor": "bottom",
        },
        updatemenus=_filter_menus(briefing, bundles),
        dragmode="pan",
    )


def _filter_menus(briefing: Briefing, bundles: list[Bundle]) -> list[dict[str, Any]]:
    """Kernel-free buttons: one row picks a kind of tie, one a period; each resets the other.

    A button shows or hides whole bundles (their lines, focus lines and midpoints)."""
    ties = tie_groups(briefing)
    groups = list(dict.fromkeys(group for group, _, _ in bundles))
    shown = {side_of(briefing, briefing.entity(n)) for n in network_nodes(briefing)}
    tail = [True] * (len(groups) + 2 * len(shown))  # legend entries and nodes stay

    def visible(keep) -> list[bool]:
        shown = [bool(keep(group, periods)) for group, periods, _ in bundles]
        return shown * 3 + tail

    def button(label: str, keep, other_menu: int) -> dict[str, Any]:
        return {
            "label": label,
            "method": "update",
            "args": [{"visible": visible(keep)}, {f"updatemenus[{other_menu}].active": 0}],
        }

    subject = subject_event(briefing)
    kinds = [button("All ties", lambda g, ps: True, 1)] + [
        button(ties[k][0], lambda g, ps, k=k: g == k, 1) for k in groups
    ]
    names = briefing.settings.periods
    labels = {
        "before": names.before,
        "during": f"{names.during} ({span_text(subject.start, subject.end)})",
        "after": names.after,
    }
    periods = [button("All periods", lambda g, ps: True, 0)] + [
        button(labels[p], lambda g, ps, p=p: p in ps, 0) for p in PERIODS
    ]
    common = {
        "type": "buttons",
        "direction": "right",
        "showactive": True,
        "x": 0,
        "xanchor": "left",
        "yanchor": "bottom",
        "pad": {"r": 4, "t": 2},
        "bgcolor": "#f0f0ec",
        "bordercolor": "#c8c8c2",
        "font": {"size": 12},
    }
    return [
        {**common, "buttons": kinds, "active": 0, "y": 1.1, "name": "kind"},
        {**common, "buttons": periods, "active": 0, "y": 1.02, "name": "period"},
    ]


def focus_restyles(briefing: Briefing, fig: Figure) -> dict[str, list[Restyle]]:
    """For each person (and "" for everyone), the Plotly.restyle calls that focus on them.

    Focused, every bundle's line is dimmed and its focus line draws the person's own ties over
    it; midpoints and nodes outside the person's neighbourhood are dimmed one by one."""
    data = fig["data"]
    tied = [i for i, t in enumerate(data) if "relations" in (t.get("meta") or {})]
    lines = [i for i in tied if data[i]["mode"] == "lines"]
    bundle_lines, focus_lines = lines[: len(lines) // 2], lines[len(lines) // 2 :]
    midpoints = [i for i in tied if data[i]["mode"] == "markers"]
    node_traces = [i for i, t in enumerate(data) if t.get("customdata") is not None]
    ends = {r.id: (r.subject, r.object) for r in briefing.relations}
    bundles = [
        list(zip(data[i]["meta"]["relations"], _split(data[i]["x"], data[i]["y"]), strict=True))
        for i in bundle_lines
    ]
    linked = neighbours(briefing)
    out: dict[str, list[Restyle]] = {}
    for person in ["", *(p for p, _ in focus_people(briefing))]:
        near = {person, *linked.get(person, ())} if person else None
        own = [
            [(rid, path) for rid, path in bundle if person and person in ends[rid]]
            for bundle in bundles
        ]
        focus = [_joined([path for _, path in ties]) for ties in own]
        nodes = [[near is None or n in near for n in data[i]["customdata"]] for i in node_traces]
        out[person] = [
            {
                "update": {"opacity": [DIM_EDGE if person else 1] * len(bundles)},
                "traces": bundle_lines,
            },
            {
                "update": {
                    "x": [x for x, _ in focus],
                    "y": [y for _, y in focus],
                    "meta": [{"relations": [rid for rid, _ in ties]} for ties in own],
                },
                "traces": focus_lines,
            },
            {
                "update": {
                    "marker.opacity": [
                        [1 if not person or person in ends[rid] else DIM_EDGE for rid in ids]
                        for ids in (data[i]["meta"]["relations"] for i in midpoints)
                    ]
                },
                "traces": midpoints,
            },
            {
                "update": {
                    "marker.opacity": [[1 if on else DIM_NODE for on in lit] for lit in nodes],
                    "textfont.color": [[INK if on else DIM_INK for on in lit] for lit in nodes],
                },
                "traces": node_traces,
            },
        ]
    return out


def apply_restyles(fig: Figure, calls: list[Restyle]) -> None:
    """Do in Python what Plotly.restyle does in the page, so both lives show the same focus.

    An attribute is a dotted path ("marker.opacity"); `values` holds one value per trace.
    """
    for call in calls:
        for attr, values in call["update"].items():
            *parents, leaf = attr.split(".")
            for trace, value in zip(call["traces"], values, strict=True):
                target = fig["data"][trace]
                for key in parents:
                    target = target.setdefault(key, {})
                target[leaf] = value
