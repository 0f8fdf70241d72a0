"""The neighbourhood of a concept drawn as inline SVG, by our own code (no library, no script).

In: the centre concept and its relations (``Edge``: source key, target key, relation label), plus
each concept's display label and URL. Out: ``neighbourhood_svg`` → ``Markup`` of one ``<svg>``:
the centre in the middle, its neighbours on an ellipse around it (at most ``MAX_NEIGHBOURS``; the
rest counted in a note), one arrow per neighbour and direction whose label lists the relations,
each neighbour a link to its own page. All text is escaped; colours come from the stylesheet
(``.diagram-*`` classes), so the SVG carries no style of its own.
Must not: query the graph or know about Flask.

Sizes are in SVG user units inside a ``viewBox``; the element scales to its container
(``width="100%"``). A small neighbourhood (up to ``COMPACT_UPTO`` neighbours) gets a tighter frame, so
on a 360 px phone its text is drawn at about two thirds of its size rather than under half.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

NODE_HEIGHT = 30
MAX_NEIGHBOURS = 12
MAX_LABEL = 16  # characters of a node label before it is cut with "…"


@dataclass(frozen=True)
class Frame:
    width: int
    height: int
    radius_x: int
    radius_y: int


WIDE = Frame(720, 440, 255, 160)
COMPACT = Frame(480, 340, 165, 125)
COMPACT_UPTO = 6


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    url: str


@dataclass(frozen=True)
class Edge:
    source: str  # node key
    target: str  # node key
    label: str  # the relation, e.g. "manages"


@dataclass(frozen=True)
class Placed:
    node: Node
    x: float
    y: float

    @property
    def half_width(self) -> float:
        return box_width(short(self.node.label)) / 2


def neighbourhood_svg(centre: Node, neighbours: Sequence[Node], edges: Sequence[Edge]) -> Markup:
    """The SVG for ``centre``, the ``neighbours`` to draw (in order) and the edges among them."""
    shown = list(neighbours)[:MAX_NEIGHBOURS]
    frame = COMPACT if len(shown) <= COMPACT_UPTO else WIDE
    placed = {centre.key: Placed(centre, frame.width / 2, frame.height / 2)}
    placed.update({node.key: Placed(node, *position(frame, i, len(shown))) for i, node in enumerate(shown)})
    grouped = group_edges(edges, placed)
    parts = [
        f'<svg class="diagram" role="img" aria-labelledby="diagram-title" viewBox="0 0 {frame.width} {frame.height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="diagram-title">{escape(centre.label)} and {len(neighbours)} related '
        f'concept{"" if len(neighbours) == 1 else "s"}</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path class="diagram-arrowhead" d="M0,0 L10,5 L0,10 z"/></marker></defs>',
        *(draw_edge(placed[s], placed[t], labels, (t, s) in grouped) for (s, t), labels in grouped.items()),
        *(draw_node(p, p.node.key == centre.key) for p in placed.values()),
    ]
    hidden = len(neighbours) - len(shown)
    if hidden > 0:
        parts.append(f'<text class="diagram-more" x="{frame.width - 10}" y="{frame.height - 10}" '
                     f'text-anchor="end">+{hidden} more</text>')
    parts.append("</svg>")
    return Markup("\n".join(parts))


def position(frame: Frame, i: int, count: int) -> tuple[float, float]:
    """Neighbour ``i`` of ``count`` on the frame's ellipse, clockwise from the top."""
    angle = -math.pi / 2 + 2 * math.pi * i / max(count, 1)
    x = frame.width / 2 + frame.radius_x * math.cos(angle)
    y = frame.height / 2 + frame.radius_y * math.sin(angle)
    return round(x, 1), round(y, 1)


def group_edges(edges: Sequence[Edge], placed: dict[str, Placed]) -> dict[tuple[str, str], list[str]]:
    """Relation labels per (source, target) pair, both ends drawn, labels in first-seen order."""
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    for edge in edges:
        if edge.source in placed and edge.target in placed and edge.source != edge.target:
            labels = grouped[(edge.source, edge.target)]
            if edge.label not in labels:
                labels.append(edge.label)
    return grouped


def draw_edge(source: Placed, target: Placed, labels: list[str], two_way: bool) -> str:
    """A line from box edge to box edge with an arrowhead; a pair linked both ways gets two parallel lines."""
    shift = 6 if two_way else 0
    nx, ny = normal(source.x, source.y, target.x, target.y)
    start = Placed(source.node, source.x + shift * nx, source.y + shift * ny)
    end = Placed(target.node, target.x + shift * nx, target.y + shift * ny)
    (x1, y1), (x2, y2) = clip(start, end), clip(end, start)
    # The label sits on its line (the stylesheet gives it a halo); two-way labels move apart.
    mx, my = (x1 + x2) / 2 + 1.5 * shift * nx, (y1 + y2) / 2 + 1.5 * shift * ny + 4
    # Two-way labels grow away from the other line: leftwards on the left side, rightwards on the right.
    anchor = "middle" if not two_way or abs(nx) < 0.3 else ("start" if nx > 0 else "end")
    text = escape(", ".join(labels))
    return (f'<g class="diagram-edge"><line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'marker-end="url(#arrow)"/><text x="{mx:.1f}" y="{my:.1f}" text-anchor="{anchor}">{text}</text></g>')


def draw_node(p: Placed, is_centre: bool) -> str:
    label = short(p.node.label)
    w = box_width(label)
    box = (f'<rect x="{p.x - w / 2:.1f}" y="{p.y - NODE_HEIGHT / 2:.1f}" width="{w:.1f}" height="{NODE_HEIGHT}" '
           f'rx="6"/><text x="{p.x:.1f}" y="{p.y + 5:.1f}" text-anchor="middle">{escape(label)}</text>')
    if is_centre:
        return f'<g class="diagram-node diagram-centre">{box}</g>'
    title = f"<title>{escape(p.node.label)}</title>"
    return f'<a class="diagram-node" href="{escape(p.node.url)}">{title}{box}</a>'


def clip(a: Placed, b: Placed) -> tuple[float, float]:
    """Where the segment from a's centre towards b's centre leaves a's box."""
    dx, dy = b.x - a.x, b.y - a.y
    if dx == 0 and dy == 0:
        return a.x, a.y
    scale = min(a.half_width / abs(dx) if dx else math.inf, (NODE_HEIGHT / 2) / abs(dy) if dy else math.inf)
    return a.x + dx * min(scale, 1.0), a.y + dy * min(scale, 1.0)


def normal(x1: float, y1: float, x2: float, y2: float) -> tuple[float, float]:
    """The unit normal to the left of the direction of travel (0, 0 for a point)."""
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    return -(y2 - y1) / length, (x2 - x1) / length


def short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def box_width(label: str) -> float:
    """A box wide enough for ``label``: CJK and other wide characters take about twice a Latin one."""
    units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in label)
    return max(56.0, units * 8.2 + 20)
