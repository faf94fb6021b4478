"""The site's one-mark charts drawn as SVG straight from the chart spec, without matplotlib.

A device page's roofline is one line and one point, a claim page's check one bar, one range and
one dot: matplotlib spends about 0.1 s on each such figure (most of a site's build time, and
minutes for thousands of devices), while this writes one in well under a millisecond. Drawing in
parallel processes would gain at most the number of cores, and a cache only helps a rebuild, so
the simple charts are written here and anything else (several devices, several claims, bars,
timelines) still goes to ``chipdb.output.charts.draw``. Texts are ``<text>`` elements, escaped.
"""

from __future__ import annotations

import math
from html import escape

from chipdb.output.charts.draw import PALETTE, VERDICT_COLOURS, plain, si
from chipdb.output.charts.spec import INTERVALS, ROOFLINE, Chart

FONT = 'font-family="DejaVu Sans, Noto Sans CJK SC, sans-serif"'


def simple_svg(chart: Chart | None) -> str | None:
    """The chart as an ``<svg>`` element when it is a one-mark roofline or interval, else None."""
    if chart is None:
        return None
    points = [p for s in chart.series for p in s.points]
    if len(points) != 1:
        return None
    if chart.kind == ROOFLINE and points[0].x > 0 and points[0].y and points[0].y > 0:
        return _roofline(chart, chart.series[0].name, points[0])
    if chart.kind == INTERVALS and len(chart.labels) == 1:
        return _interval(chart, points[0])
    return None


class _Frame:
    """A plot area on log axes: data -> pixels."""

    def __init__(self, left, top, width, height, x_range, y_range=None) -> None:
        self.left, self.top, self.width, self.height = left, top, width, height
        self.x0, self.x1 = (math.log10(v) for v in x_range)
        self.y0, self.y1 = (math.log10(v) for v in (y_range or (1, 10)))

    def x(self, value: float) -> float:
        return round(self.left + (math.log10(value) - self.x0) / (self.x1 - self.x0) * self.width, 2)

    def y(self, value: float) -> float:
        return round(self.top + self.height - (math.log10(value) - self.y0) / (self.y1 - self.y0) * self.height, 2)


def _text(x, y, text: str, size: float = 11, anchor: str = "start", colour: str = "#000000", extra: str = "",
          title: str = "") -> str:
    tooltip = f"<title>{escape(title)}</title>" if title else ""
    return (f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}" fill="{colour}" {FONT}{extra}>'
            f"{escape(text)}{tooltip}</text>")


def _decades(low: float, high: float) -> list[float]:
    return [10.0 ** e for e in range(math.ceil(math.log10(low) - 1e-9), math.floor(math.log10(high) + 1e-9) + 1)]


def _footnote(chart: Chart, y: float, width: int) -> list[str]:
    if not chart.footnote:
        return []
    import textwrap

    return [_text(8, y + 11 * i, line, 9, colour="#444444") for i, line in
            enumerate(textwrap.wrap(chart.footnote, int(width / 5.6)))]


def _svg(width: int, height: int, chart: Chart, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(chart.title)}">\n'
            f'<rect width="{width}" height="{height}" fill="#ffffff"/>\n' + "\n".join(body) + "\n</svg>\n")


def _roofline(chart: Chart, name: str, point) -> str:
    ridge, peak = point.x, point.y
    lo = 10 ** math.floor(math.log10(ridge / 30))
    hi = 10 ** math.ceil(math.log10(ridge * 30))
    ymin, ymax = peak / ridge * lo, peak * 4
    notes = len(_footnote(chart, 0, 800))
    width, height = 800, 500 + 11 * notes
    f = _Frame(90, 45, 685, 400, (lo, hi), (ymin, ymax))
    body = [_text(f.left + f.width / 2, 28, chart.title, 13, "middle")]
    for x in _decades(lo, hi):
        body += [f'<line x1="{f.x(x)}" y1="{f.top}" x2="{f.x(x)}" y2="{f.top + f.height}" stroke="#dddddd" '
                 'stroke-width="0.6"/>', _text(f.x(x), f.top + f.height + 16, si(x), 10, "middle")]
    for y in _decades(ymin, ymax):
        body += [f'<line x1="{f.left}" y1="{f.y(y)}" x2="{f.left + f.width}" y2="{f.y(y)}" stroke="#dddddd" '
                 'stroke-width="0.6"/>', _text(f.left - 6, f.y(y) + 4, si(y), 10, "end")]
    colour = PALETTE[0]
    body += [f'<rect x="{f.left}" y="{f.top}" width="{f.width}" height="{f.height}" fill="none" stroke="#000000" '
             'stroke-width="0.8"/>',
             f'<polyline points="{f.x(lo)},{f.y(ymin)} {f.x(ridge)},{f.y(peak)} {f.x(hi)},{f.y(peak)}" fill="none" '
             f'stroke="{colour}" stroke-width="1.6"/>',
             f'<circle cx="{f.x(ridge)}" cy="{f.y(peak)}" r="4" fill="{colour}"/>',
             _text(f.x(ridge) + 6, f.y(peak) - 8, point.text, 9, colour=colour),
             _text(f.left + f.width - 10, f.top + f.height - 12, name, 11, "end", colour),
             _text(f.left + f.width / 2, f.top + f.height + 36, chart.xlabel, 11, "middle"),
             _text(18, f.top + f.height / 2, chart.ylabel, 11, "middle",
                   extra=f' transform="rotate(-90 18 {f.top + f.height / 2})"')]
    return _svg(width, height, chart, body + _footnote(chart, f.top + f.height + 56, width))


def _interval(chart: Chart, point) -> str:
    values = [v for v in (point.low, point.high, point.y, *(point.spread or ())) if v and math.isfinite(v) and v > 0]
    lo, hi = min(values + [1.0]) / 1.5, max(values + [1.0]) * 2.5
    notes = len(_footnote(chart, 0, 1000))
    width, height = 1000, 150 + 11 * notes
    f = _Frame(290, 40, 685, 42, (lo, hi))
    row = f.top + f.height / 2
    body = [_text(f.left, 26, chart.title, 13)]
    for x in [m * d for d in _decades(lo / 10, hi) for m in (1, 2, 5) if lo <= m * d <= hi]:
        body += [f'<line x1="{f.x(x)}" y1="{f.top}" x2="{f.x(x)}" y2="{f.top + f.height}" stroke="#e5e5e5" '
                 'stroke-width="0.5"/>', _text(f.x(x), f.top + f.height + 15, plain(x), 10, "middle")]
    body.append(f'<rect x="{f.left}" y="{f.top}" width="{f.width}" height="{f.height}" fill="none" stroke="#000000" '
                'stroke-width="0.8"/>')
    if point.low is not None and point.high is not None:
        low = point.low if point.low > 0 else lo
        high = point.high if math.isfinite(point.high) else hi
        body.append(f'<rect x="{f.x(low)}" y="{row - 10}" width="{max(f.x(high) - f.x(low), 1)}" height="20" '
                    'fill="#bbbbbb" stroke="#888888" stroke-width="0.5"/>')
    if point.spread is not None:
        a, b = (f.x(v) for v in point.spread)
        body.append(f'<path d="M{a},{row} H{b} M{a},{row - 6} V{row + 6} M{b},{row - 6} V{row + 6}" '
                    'stroke="#333333" stroke-width="1"/>')
    if chart.reference is not None:
        body.append(f'<line x1="{f.x(chart.reference)}" y1="{f.top}" x2="{f.x(chart.reference)}" '
                    f'y2="{f.top + f.height}" stroke="#333333" stroke-width="0.6" stroke-dasharray="1,2"/>')
    colour = VERDICT_COLOURS.get(point.style, "#7f7f7f")
    if point.y is not None:
        body += [f'<circle cx="{f.x(point.y)}" cy="{row}" r="4" fill="{colour}"/>',
                 _text(f.x(point.y) + 8, row + 4, point.text, 9, colour=colour)]
    else:
        body.append(_text(f.x(lo * 1.08), row + 4, point.text, 9, colour=VERDICT_COLOURS["not checkable"]))
    label = chart.labels[0].text
    short = label if len(label) <= 46 else label[:45] + "…"
    body += [_text(f.left - 8, row + 4, short, 10, "end", title=label if short != label else ""),
             _text(f.left + f.width, 26, point.style, 10, "end", colour),
             _text(f.left + f.width / 2, f.top + f.height + 34, chart.xlabel, 11, "middle")]
    return _svg(width, height, chart, body + _footnote(chart, f.top + f.height + 54, width))
