"""Where the network's nodes and labels go: a seeded spring layout and greedy label placement.

Both are deterministic: the same data gives the same picture on every run.
"""

from __future__ import annotations

import math
import random
import textwrap
from collections import Counter

import numpy as np

from ..model import Briefing
from .style import side_of

LAYOUT_SEED = 2023
LAYOUT_ITERATIONS = 300
OTHER_ANCHOR = (0.0, -1.0)  # nodes of no side gather below the sides


def side_anchors(side_ids: list[str]) -> dict[str, tuple[float, float]]:
    """Where each side's nodes gather: the first two at the left and right ends of an arc over
    the middle, any others spread along it between them (three sides make a triangle)."""
    if len(side_ids) < 2:
        return {side: (0.0, 0.6) for side in side_ids}
    ends = [side_ids[0], *side_ids[2:], side_ids[1]]
    out = {}
    for i, side in enumerate(ends):
        angle = math.pi * (1 - i / (len(ends) - 1))  # from the left end round to the right
        out[side] = (round(1.6 * math.cos(angle), 4), round(0.1 + 0.9 * math.sin(angle), 4))
    return out


def network_nodes(briefing: Briefing) -> list[str]:
    """Ids of the entities that appear in relations, sorted."""
    return sorted({i for r in briefing.relations for i in (r.subject, r.object)})


def network_layout(
    briefing: Briefing, seed: int = LAYOUT_SEED, iterations: int = LAYOUT_ITERATIONS
) -> dict[str, tuple[float, float]]:
    """A seeded spring layout pulled towards side anchors: the same picture on every run.

    Every node moves at once from the positions at the start of each step, so the forces are
    computed as arrays (numpy) rather than pair by pair.
    """
    nodes = network_nodes(briefing)
    rng = random.Random(seed)  # noqa: S311 - a layout, not a secret
    anchors = {**side_anchors([s for s, _, _ in briefing.settings.sides]), "other": OTHER_ANCHOR}
    anchor = np.array([anchors[side_of(briefing, briefing.entity(n))] for n in nodes], float)
    jitter = [[rng.uniform(-0.4, 0.4), rng.uniform(-0.4, 0.4)] for _ in nodes]
    pos = anchor + np.array(jitter, float)
    index = {n: i for i, n in enumerate(nodes)}
    weights = Counter(tuple(sorted((r.subject, r.object))) for r in briefing.relations)
    pairs = [(index[a], index[b], w) for (a, b), w in weights.items() if a != b]
    left = np.array([a for a, _, _ in pairs], int)
    right = np.array([b for _, b, _ in pairs], int)
    strength = np.array([(1 + math.log(w)) * 0.5 for _, _, w in pairs], float)
    ideal, step = 0.42, 0.12
    for _ in range(iterations):
        move = 0.3 * (anchor - pos)
        delta = pos[:, None, :] - pos[None, :, :]  # delta[a, b] = pos[a] - pos[b]
        dist = np.maximum(np.hypot(delta[..., 0], delta[..., 1]), 0.01)
        push = ideal * ideal / dist / dist
        np.fill_diagonal(push, 0.0)
        move += (delta * push[..., None]).sum(axis=1)
        d = pos[left] - pos[right]
        pull = (np.hypot(d[:, 0], d[:, 1]) / ideal * strength)[:, None] * d
        np.subtract.at(move, left, pull)
        np.add.at(move, right, pull)
        length = np.hypot(move[:, 0], move[:, 1])
        scale = np.where(length > step, step / np.maximum(length, 1e-12), 1.0)
        pos = pos + move * scale[:, None]
        step *= 0.985
    return _normalised({n: [float(x), float(y)] for n, (x, y) in zip(nodes, pos, strict=True)})


def _normalised(pos: dict[str, list[float]]) -> dict[str, tuple[float, float]]:
    """Stretch the layout to fill [-1, 1] on both axes (the chart is wider than tall)."""
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]

    def fit(v: float, lo: float, hi: float) -> float:
        return round((2 * v - lo - hi) / max(hi - lo, 1e-9), 4)

    return {n: (fit(x, min(xs), max(xs)), fit(y, min(ys), max(ys))) for n, (x, y) in pos.items()}


# A label's box in axis units for each text position, per character and per line, measured
# from the figure's size (about 1.9 axis units over ~900 by ~500 px at 11 px type).
_CHAR_W, _LINE_H, _GAP = 0.0145, 0.05, 0.045
_PLACES = ("top center", "bottom center", "middle right", "middle left")


def label_positions(
    briefing: Briefing, pos: dict[str, tuple[float, float]], centrality: dict[str, float]
) -> dict[str, str]:
    """Greedy label placement: the most central nodes first, each where it overlaps least."""
    boxes: list[tuple[float, float, float, float]] = [
        (x - _GAP / 2, y - _GAP / 2, x + _GAP / 2, y + _GAP / 2) for x, y in pos.values()
    ]
    chosen: dict[str, str] = {}
    for node in sorted(pos, key=lambda n: (-centrality.get(n, 0), n)):
        lines = textwrap.wrap(briefing.entity(node).name, 18) or [""]
        w, h = max(map(len, lines)) * _CHAR_W, len(lines) * _LINE_H
        x, y = pos[node]
        options = {
            "top center": (x - w / 2, y + _GAP, x + w / 2, y + _GAP + h),
            "bottom center": (x - w / 2, y - _GAP - h, x + w / 2, y - _GAP),
            "middle right": (x + _GAP, y - h / 2, x + _GAP + w, y + h / 2),
            "middle left": (x - _GAP - w, y - h / 2, x - _GAP, y + h / 2),
        }
        place = min(_PLACES, key=lambda p: (_cost(options[p], boxes), _PLACES.index(p)))
        chosen[node] = place
        boxes.append(options[place])
    return chosen


def _cost(box, boxes) -> float:
    """Overlap with what is placed, and a heavy price for leaving the plot (labels get cut)."""
    outside = max(0.0, -1.15 - box[0]) + max(0.0, box[2] - 1.2)
    return sum(_overlap(box, b) for b in boxes) + outside


def _overlap(a, b) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0
