"""Placing point labels so that none overlaps another label, a point or the legend.

Each label tries positions on rings around its point, nearest first, in display space (the
figure is laid out, so a text's size is known); a label set away from its point gets a leader
line. A label with no free place inside the axes goes to a column right of the axes (the figure
is widened for it, the axes keep their size), joined to its point by a leader line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

RINGS_PT = (5, 12, 20, 30, 42, 56, 72)  # distances from the point, in points
ANGLES = (30, 330, 150, 210, 90, 270, 0, 180, 60, 300, 120, 240)  # degrees, tried in this order
GAP_PX = 2.0  # the least space between two boxes


@dataclass
class PointLabel:
    x: float  # data coordinates
    y: float
    text: str
    colour: str = "#222222"


def _renderer(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()


def _free(box, taken) -> bool:
    return not any(box.x0 < t.x1 + GAP_PX and t.x0 < box.x1 + GAP_PX and box.y0 < t.y1 + GAP_PX
                   and t.y0 < box.y1 + GAP_PX for t in taken)


def place_labels(fig, ax, labels: list[PointLabel], marker_pt: float = 6.0, fontsize: float = 6.5) -> None:
    """Annotate each point of ``labels`` on ``ax`` (limits, legend and titles already set)."""
    from matplotlib.transforms import Bbox

    renderer = _renderer(fig)
    px_per_pt = fig.dpi / 72
    area = ax.get_window_extent(renderer)
    centres = [tuple(ax.transData.transform((lb.x, lb.y))) for lb in labels]
    r = marker_pt / 2 * px_per_pt
    taken = [Bbox.from_extents(cx - r, cy - r, cx + r, cy + r) for cx, cy in centres]
    legend = ax.get_legend()
    if legend is not None:
        taken.append(legend.get_window_extent(renderer))
    left_over = []
    order = sorted(range(len(labels)), key=lambda i: (-centres[i][1], centres[i][0]))
    for i in order:
        lb, (cx, cy) = labels[i], centres[i]
        probe = ax.annotate(lb.text, (lb.x, lb.y), fontsize=fontsize)
        w, h = probe.get_window_extent(renderer).size
        probe.remove()
        box = _spot(cx, cy, w, h, area, taken, px_per_pt)
        if box is None:
            left_over.append((i, w, h))
            continue
        taken.append(box)
        far = math.hypot(box.x0 + w / 2 - cx, box.y0 + h / 2 - cy) > RINGS_PT[1] * px_per_pt + max(w, h) / 2
        ax.annotate(lb.text, (lb.x, lb.y), textcoords="offset points",
                    xytext=((box.x0 - cx) / px_per_pt, (box.y0 - cy) / px_per_pt), fontsize=fontsize,
                    color=lb.colour, ha="left", va="bottom", annotation_clip=False,
                    arrowprops=_leader(lb.colour) if far else None)
    if left_over:
        _column(fig, ax, labels, centres, left_over, fontsize)


def _spot(cx, cy, w, h, area, taken, px_per_pt):
    from matplotlib.transforms import Bbox

    for ring in RINGS_PT:
        d = ring * px_per_pt
        for angle in ANGLES:
            c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            x0 = cx + d * c - (w if c < -0.3 else w / 2 if abs(c) <= 0.3 else 0)
            y0 = cy + d * s - (h if s < -0.3 else h / 2 if abs(s) <= 0.3 else 0)
            box = Bbox.from_bounds(x0, y0, w, h)
            if area.x0 <= box.x0 and box.x1 <= area.x1 and area.y0 <= box.y0 and box.y1 <= area.y1 \
                    and _free(box, taken):
                return box
    return None


def _leader(colour: str) -> dict:
    return {"arrowstyle": "-", "color": colour, "linewidth": 0.5, "shrinkA": 0, "shrinkB": 3}


def _column(fig, ax, labels, centres, left_over, fontsize: float) -> None:
    """The labels with no room inside the axes, stacked in columns right of them, each with a
    leader line; the figure grows to the right for them, the axes keep their size and place."""
    dpi = fig.dpi
    w_in, h_in = fig.get_figwidth(), fig.get_figheight()
    pos = ax.get_position()
    left_in, right_in = pos.x0 * w_in, (1 - pos.x1) * w_in
    renderer = _renderer(fig)
    area = ax.get_window_extent(renderer)
    step = max(h for _, _, h in left_over) + 3
    per_column = max(1, int(area.height // step))
    columns = math.ceil(len(left_over) / per_column)
    column_px = max(w for _, w, _ in left_over) + 14
    extra_in = columns * column_px / dpi
    fig.set_size_inches(w_in + extra_in, h_in)
    fig.subplots_adjust(left=left_in / (w_in + extra_in), right=1 - (right_in + extra_in) / (w_in + extra_in))
    area = ax.get_window_extent(_renderer(fig))
    ordered = sorted(left_over, key=lambda item: -centres[item[0]][1])
    for k, (i, _w, _h) in enumerate(ordered):
        lb = labels[i]
        column, row = divmod(k, per_column)
        ax.annotate(lb.text, (lb.x, lb.y), xycoords="data",
                    xytext=(area.x1 + 10 + column * column_px, area.y1 - (row + 1) * step),
                    textcoords="figure pixels", fontsize=fontsize, color=lb.colour, ha="left", va="bottom",
                    annotation_clip=False, arrowprops=_leader(lb.colour))
