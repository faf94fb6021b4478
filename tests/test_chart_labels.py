"""Point labels of the roofline and timeline charts never overlap each other, a point or the
legend (issue 22, item 17), checked on the drawn figure's geometry, with every seeded device."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from chipdb.store import tables as T
from chipdb.store.db import make_engine, session_scope

pytest.importorskip("matplotlib")


def _boxes(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig) if not isinstance(fig.canvas, FigureCanvasAgg) else fig.canvas
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    from matplotlib.text import Text

    labels = [Text.get_window_extent(t, renderer) for t in ax.texts]  # the words, not their leader lines
    points = []
    for line in ax.lines:  # roofline: one-point lines are the ridge markers
        if len(line.get_xdata()) == 1:
            points.append(ax.transData.transform((line.get_xdata()[0], line.get_ydata()[0])))
    for coll in ax.collections:  # timeline: scatter
        points += [ax.transData.transform(xy) for xy in coll.get_offsets()]
    legend = ax.get_legend().get_window_extent(renderer) if ax.get_legend() else None
    return labels, points, legend, fig.dpi / 72


def _overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _check(fig, n: int) -> None:
    from matplotlib.transforms import Bbox

    labels, points, legend, px_per_pt = _boxes(fig)
    assert len(labels) == n
    r = 2.5 * px_per_pt  # a marker's radius, a little under its drawn size
    dots = [Bbox.from_extents(x - r, y - r, x + r, y + r) for x, y in points]
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not _overlap(a, b), (a, b)
        for d in dots:
            assert not _overlap(a, d), (a, d)
        if legend is not None:
            assert not _overlap(a, legend)
    width, height = fig.get_size_inches() * fig.dpi
    for a in labels:  # every label on the figure
        assert a.x0 >= 0 and a.y0 >= 0 and a.x1 <= width + 1 and a.y1 <= height + 1, a


def _slugs(url: str) -> list[str]:
    engine = make_engine(url)
    with session_scope(engine) as conn:
        slugs = list(conn.scalars(select(T.devices.c.slug).where(T.devices.c.kind == "accelerator")
                                  .order_by(T.devices.c.slug)))
    engine.dispose()
    return slugs


def test_roofline_labels_of_many_devices_do_not_overlap(db_url):
    from chipdb.analysis.series import roofline
    from chipdb.domain.errors import ChipDBError
    from chipdb.output.charts.draw import draw
    from chipdb.output.charts.reports import roofline_report

    engine = make_engine(db_url)
    with session_scope(engine) as conn:
        usable = []
        for slug in _slugs(db_url):
            try:
                roofline(conn, [slug], "bf16")
            except ChipDBError:
                continue
            usable.append(slug)
        points = roofline(conn, usable, "bf16")
    engine.dispose()
    assert len(points) >= 12
    _check(draw(roofline_report(points, "bf16", "dense").chart), len(points))


def test_timeline_labels_of_every_accelerator_do_not_overlap(db_url):
    from chipdb.analysis.series import timeline
    from chipdb.output.charts.draw import draw
    from chipdb.output.charts.reports import timeline_report

    engine = make_engine(db_url)
    with session_scope(engine) as conn:
        t = timeline(conn, "compute", {"precision": "bf16", "sparsity": ""})
    engine.dispose()
    assert len(t.points) >= 12
    _check(draw(timeline_report(t, t.points[0].value.quals).chart), len(t.points))
