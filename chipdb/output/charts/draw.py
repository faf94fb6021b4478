"""Drawing a report's ``Chart`` with matplotlib (Agg), as PNG or SVG: the ``png`` and ``svg``
renderers. The only module that imports matplotlib, and only when a chart is drawn.

Output is deterministic: fixed sizes, DejaVu Sans (shipped with matplotlib) plus an installed
Noto CJK font for Chinese, text drawn as paths (the words are kept as comments in the SVG), no
date in the SVG metadata and a fixed id salt. Where no CJK font is installed a label that needs
one is replaced by its fallback (a claim's key), so no "missing glyph" warnings are printed."""

from __future__ import annotations

import io
import math
import textwrap
import warnings
from functools import lru_cache
from typing import Any

from chipdb.domain.claimspec import Verdict
from chipdb.output.charts.place import PointLabel, place_labels
from chipdb.output.charts.spec import BARS, INTERVALS, ROOFLINE, TIMELINE, Chart, Label
from chipdb.output.charts.style import PALETTE, VERDICT_COLOURS, plain, si

CJK_FONTS = ("Noto Sans CJK TC", "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK KR", "Noto Sans CJK HK")
BASE_FONT = "DejaVu Sans"
DPI = 100
SVG_SALT = "chipdb"


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The name of an installed font with Chinese glyphs (Debian: fonts-noto-cjk), or None."""
    _import_matplotlib()
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed),
                next((name for name in sorted(installed) if "CJK" in name and "Mono" not in name), None))


def _rc() -> dict[str, Any]:
    cjk = cjk_font()  # any text with Chinese (a vendor's name in a legend) falls back to it
    return {"font.family": [BASE_FONT, cjk] if cjk else [BASE_FONT], "font.size": 9, "svg.fonttype": "path", "svg.hashsalt": SVG_SALT,
            "figure.dpi": DPI, "savefig.dpi": DPI, "axes.titlesize": 11, "axes.labelsize": 9,
            "legend.fontsize": 8, "xtick.labelsize": 8, "ytick.labelsize": 8, "axes.unicode_minus": False,
            "text.parse_math": False}  # names are data: a "$" is a dollar sign, never TeX


def _plain_log_axis(axis, low: float, high: float, label=si) -> None:
    """Log-axis ticks at 1, 2, 5 x 10^n labelled as plain numbers (matplotlib's default labels are
    mathtext, slow to lay out, and its minor labels crowd)."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter, NullLocator

    ticks = []
    for n in range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 1):
        ticks += [m * 10.0 ** n for m in (1, 2, 5)]
    ticks = [t for t in ticks if low <= t <= high]
    if len(ticks) > 9:
        ticks = [t for t in ticks if f"{t:e}".startswith("1")]
    axis.set_major_locator(FixedLocator(ticks))
    axis.set_major_formatter(FuncFormatter(label))
    axis.set_minor_locator(NullLocator())
    axis.set_minor_formatter(NullFormatter())


def label_text(label: Label) -> str:
    if label.needs_cjk() and cjk_font() is None:
        return label.fallback or label.text.encode("ascii", "replace").decode()
    return label.text


def _set_labels(axis, labels: list[Label], **kwargs) -> None:
    """Tick labels; those with Chinese get the CJK font as a fallback (only those: a fallback font
    makes every text slower to lay out)."""
    axis.set_ticks(range(len(labels)), [label_text(label) for label in labels], **kwargs)
    if cjk_font():
        for text, label in zip(axis.get_ticklabels(), labels):
            if label.needs_cjk():
                text.set_fontfamily([BASE_FONT, cjk_font()])


def _import_matplotlib():
    """matplotlib, with ``Figure`` imported. On import, matplotlib writes a property list into the
    docstring of every artist class's ``set`` method, about a quarter of its import time; a
    one-shot command never shows those docstrings, so that text is left empty (only when this
    module is first to import matplotlib's artists; nothing else changes)."""
    import sys

    import matplotlib

    if "matplotlib.lines" not in sys.modules:
        from matplotlib import artist

        if callable(getattr(artist, "kwdoc", None)):
            artist.kwdoc = lambda _artist: ""
    import matplotlib.figure  # noqa: F401

    return matplotlib


def draw(chart: Chart):
    """A matplotlib ``Figure`` of ``chart`` (not attached to pyplot: nothing global changes)."""
    matplotlib = _import_matplotlib()
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_rc()), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from")  # labels are measured while placed
        fig = Figure()
        _DRAW[chart.kind](fig, chart)
        _footnote(fig, chart)
    return fig


def _save(chart: Chart, fmt: str) -> bytes:
    fig = draw(chart)
    matplotlib = _import_matplotlib()
    buf = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": "chipdb"}
    with matplotlib.rc_context(_rc()), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from")
        fig.savefig(buf, format=fmt, metadata=metadata)
    return buf.getvalue()


def svg_text(chart: Chart) -> str:
    """The chart as an ``<svg>`` element, for inlining in a page (no XML prolog)."""
    text = _save(chart, "svg").decode("utf-8")
    return text[text.index("<svg"):]


def render_png(report, stream) -> None:
    stream.write(_save(report.chart, "png"))


def render_svg(report, stream) -> None:
    stream.write(_save(report.chart, "svg").decode("utf-8"))


# -- layout helpers ------------------------------------------------------------------------------

def _footnote(fig, chart: Chart) -> None:
    if not chart.footnote:
        return
    width_chars = int(fig.get_figwidth() * 17)
    text = textwrap.fill(chart.footnote, width_chars)
    fig.text(0.01, 0.01, text, fontsize=6.5, color="#444444", va="bottom", ha="left")


def _margins(fig, chart: Chart, left: float = 0.9, bottom: float = 0.55, top: float = 0.45, right: float = 0.25):
    """Margins in inches (so they stay put whatever the figure's size); room for the footnote."""
    lines = textwrap.fill(chart.footnote, int(fig.get_figwidth() * 17)).count("\n") + 1 if chart.footnote else 0
    bottom += lines * 0.11
    w, h = fig.get_figwidth(), fig.get_figheight()
    fig.subplots_adjust(left=left / w, right=1 - right / w, bottom=bottom / h, top=1 - top / h)


def _colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


# -- the four kinds ------------------------------------------------------------------------------

def _bars(fig, chart: Chart) -> None:
    groups, n = len(chart.labels), len(chart.series)
    fig.set_size_inches(min(14.0, max(7.0, 1.6 + groups * (n * 0.75 + 0.4))), 5.0)
    _margins(fig, chart, bottom=0.85)
    ax = fig.add_subplot()
    width = 0.8 / max(n, 1)
    top = 0.0
    for j, series in enumerate(chart.series):
        offset = (j - (n - 1) / 2) * width
        xs = [p.x + offset for p in series.points]
        ys = [p.y or 0.0 for p in series.points]
        ax.bar(xs, ys, width * 0.92, label=series.name, color=_colour(j))
        for x, p in zip(xs, series.points):
            ax.text(x, (p.y or 0.0), p.text, ha="center", va="bottom", fontsize=6.5)
        top = max(top, *ys) if ys else top
    if chart.reference is not None:
        ax.axhline(chart.reference, color="#333333", linewidth=0.8, linestyle="--")
    ax.set_ylim(0, max(top, 1.0) * 1.25)
    _set_labels(ax.xaxis, chart.labels)
    ax.set_xlim(-0.6, groups - 0.4)
    _titles(ax, chart)
    ax.legend(loc="upper left", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)


def _roofline(fig, chart: Chart) -> None:
    import numpy as np

    fig.set_size_inches(8.0, 5.0)
    _margins(fig, chart)
    ax = fig.add_subplot()
    points = [(s, p) for s in chart.series for p in s.points]
    ridges = [p.x for _, p in points]
    lo = 10 ** math.floor(math.log10(min(ridges) / 30))
    hi = 10 ** math.ceil(math.log10(max(ridges) * 30))
    xs = np.geomspace(lo, hi, 240)
    for j, (series, p) in enumerate(points):
        colour = _colour(j)
        bandwidth = p.y / p.x
        ax.plot(xs, np.minimum(p.y, bandwidth * xs), color=colour, linewidth=1.6, label=series.name)
        ax.plot([p.x], [p.y], marker="o", color=colour, markersize=6)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(lo, hi)
    ymax = max(p.y for _, p in points)
    ymin = min(p.y / p.x * lo for _, p in points)
    ax.set_ylim(ymin, ymax * 4)
    _plain_log_axis(ax.xaxis, lo, hi)
    _plain_log_axis(ax.yaxis, ymin, ymax * 4)
    ax.grid(True, which="major", linewidth=0.4, color="#dddddd")
    _titles(ax, chart)
    ax.legend(loc="lower right", frameon=False)
    place_labels(fig, ax, [PointLabel(p.x, p.y, p.text, _colour(j)) for j, (_, p) in enumerate(points)])


def _intervals(fig, chart: Chart) -> None:
    from matplotlib.lines import Line2D

    points = [p for s in chart.series for p in s.points]
    rows = len(points)
    fig.set_size_inches(10.0, 1.3 + 0.42 * rows + (0.3 if chart.footnote else 0))
    _margins(fig, chart, left=2.9, bottom=0.6, top=0.4)
    ax = fig.add_subplot()
    finite = [v for p in points for v in (p.low, p.high, p.y, *(p.spread or ())) if v and math.isfinite(v) and v > 0]
    finite = finite or [1.0]
    lo, hi = min(finite + [1.0]) / 1.5, max(finite + [1.0]) * 2.5  # room for the labels right of the dots
    # one artist per kind of mark, not per claim: drawing time is per artist
    bars = [(p.x, p.low if p.low > 0 else lo, p.high if math.isfinite(p.high) else hi)
            for p in points if p.low is not None and p.high is not None]
    if bars:
        ax.barh([b[0] for b in bars], [b[2] - b[1] for b in bars], left=[b[1] for b in bars], height=0.5,
                color="#bbbbbb", edgecolor="#888888", linewidth=0.5)
    spreads = [p for p in points if p.spread is not None]
    if spreads:
        ys = [p.x for p in spreads]
        ax.hlines(ys, [p.spread[0] for p in spreads], [p.spread[1] for p in spreads], color="#333333", linewidth=1.0)
        ax.plot([v for p in spreads for v in p.spread], [y for y in ys for _ in (0, 1)], linestyle="none",
                marker="|", color="#333333", markersize=7)
    dots = [p for p in points if p.y is not None]
    if dots:
        colours = [VERDICT_COLOURS.get(p.style, "#7f7f7f") for p in dots]
        ax.scatter([p.y for p in dots], [p.x for p in dots], c=colours, s=40, zorder=3)
        for p, colour in zip(dots, colours):
            ax.annotate(p.text, (p.y, p.x), textcoords="offset points", xytext=(7, -2), fontsize=6.5, color=colour,
                        va="center")
    for p in points:  # a claim with no computed value still gets a visible mark and its reason
        if p.y is None:
            ax.annotate(p.text, (lo * 1.08, p.x), fontsize=6.5, color=Verdict.NOT_CHECKABLE.colour, va="center")
    if chart.reference is not None:
        ax.axvline(chart.reference, color="#333333", linewidth=0.6, linestyle=":")
    ax.set_xscale("log")
    ax.set_xlim(lo, hi)
    _plain_log_axis(ax.xaxis, lo, hi, plain)
    ax.set_ylim(rows - 0.5, -0.5)
    _set_labels(ax.yaxis, chart.labels, fontsize=7)
    seen = [v for v in VERDICT_COLOURS if any(p.style == v for p in points)]
    handles = [Line2D([], [], marker="o", linestyle="none", color=VERDICT_COLOURS[v], label=v) for v in seen]
    if handles:
        ax.legend(handles=handles, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=len(handles), frameon=False,
                  fontsize=7, borderaxespad=0.2)
    ax.grid(True, axis="x", which="both", linewidth=0.3, color="#e5e5e5")
    _titles(ax, chart, loc="left")


def _timeline(fig, chart: Chart) -> None:
    fig.set_size_inches(8.0, 5.0)
    _margins(fig, chart)
    ax = fig.add_subplot()
    years = []
    for j, series in enumerate(chart.series):
        xs = [p.x for p in series.points]
        ys = [p.y for p in series.points]
        years += xs
        ax.scatter(xs, ys, color=_colour(j), label=series.name, s=30, zorder=3)
    ax.set_yscale("log")
    ys = [p.y for s in chart.series for p in s.points]
    ax.set_ylim(min(ys) / 2, max(ys) * 2)
    _plain_log_axis(ax.yaxis, min(ys) / 2, max(ys) * 2)
    first, last = math.floor(min(years)), math.ceil(max(years))
    if last - first < 2:
        first, last = first - 1, last + 1
    ax.set_xlim(first, last + 0.5)
    ax.set_xticks(range(first, last + 1), [str(y) for y in range(first, last + 1)])
    ax.grid(True, which="major", linewidth=0.4, color="#dddddd")
    _titles(ax, chart)
    ax.legend(loc="upper left", frameon=False)
    place_labels(fig, ax, [PointLabel(p.x, p.y, p.text) for s in chart.series for p in s.points])


def _titles(ax, chart: Chart, loc: str = "center") -> None:
    ax.set_title(chart.title, loc=loc)
    if chart.xlabel:
        ax.set_xlabel(chart.xlabel)
    if chart.ylabel:
        ax.set_ylabel(chart.ylabel)


_DRAW = {BARS: _bars, ROOFLINE: _roofline, INTERVALS: _intervals, TIMELINE: _timeline}
