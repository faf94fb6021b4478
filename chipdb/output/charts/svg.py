"""The site's charts drawn as SVG straight from the chart spec, without matplotlib.

matplotlib spends about 0.1 s on a figure with one mark and seconds on one with many (the claims
overview, the comparison), plus about a second to import: most of a site's build time, and
minutes for thousands of devices. The site's kinds are written here instead, each in a
millisecond or so: a roofline of one device, the claims' intervals (one row or many) and grouped
bars. Anything else (a roofline of several devices, a timeline: their labels are placed by
measuring drawn text) returns None and goes to ``chipdb.output.charts.draw``, as do the ``plot``
commands' PNG and SVG files. Texts are ``<text>`` elements, escaped; each data mark carries a
class (``bar``, ``dot``, ``interval``, ``spread``) and a tooltip (``<title>``) naming it or its row.
"""

from __future__ import annotations

import math
import textwrap
from html import escape

from chipdb.domain.claimspec import Verdict
from chipdb.domain.text import shorten
from chipdb.output.charts.spec import BARS, INTERVALS, ROOFLINE, Chart, Label
from chipdb.output.charts.style import PALETTE, VERDICT_COLOURS, plain, si

FONT = 'font-family="DejaVu Sans, Noto Sans CJK SC, sans-serif"'
CHAR_EM = 0.6  # a column of text (half a CJK character) is about this many ems wide


def chart_svg(chart: Chart | None) -> str | None:
    """The chart as an ``<svg>`` element when it is a kind drawn here, else None."""
    if chart is None:
        return None
    points = [p for s in chart.series for p in s.points]
    if chart.kind == ROOFLINE and len(points) == 1 and points[0].x > 0 and points[0].y and points[0].y > 0:
        return _roofline(chart, chart.series[0].name, points[0])
    if chart.kind == INTERVALS and points and sorted(p.x for p in points) == list(range(len(chart.labels))):
        return _intervals(chart, points)
    if chart.kind == BARS and points and chart.labels:
        return _bars(chart)
    return None


class _Frame:
    """A plot area: data -> pixels, each axis logarithmic or linear."""

    def __init__(self, left, top, width, height, x_range, y_range=(1, 10), log_x=True, log_y=True) -> None:
        self.left, self.top, self.width, self.height = left, top, width, height
        self.log_x, self.log_y = log_x, log_y
        self.x0, self.x1 = (math.log10(v) if log_x else v for v in x_range)
        self.y0, self.y1 = (math.log10(v) if log_y else v for v in y_range)

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def x(self, value: float) -> float:
        v = math.log10(value) if self.log_x else value
        return round(self.left + (v - self.x0) / (self.x1 - self.x0) * self.width, 2)

    def y(self, value: float) -> float:
        v = math.log10(value) if self.log_y else value
        return round(self.bottom - (v - self.y0) / (self.y1 - self.y0) * self.height, 2)

    def outline(self) -> str:
        return (f'<rect x="{self.left}" y="{self.top}" width="{self.width}" height="{self.height}" fill="none" '
                'stroke="#000000" stroke-width="0.8"/>')


def _text(x, y, text: str, size: float = 11, anchor: str = "start", colour: str = "#000000", extra: str = "",
          title: str = "") -> str:
    tooltip = f"<title>{escape(title)}</title>" if title else ""
    return (f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}" fill="{colour}" {FONT}{extra}>'
            f"{escape(text)}{tooltip}</text>")


def _fit(text: str, width_px: float, size: float) -> str:
    """``text`` cut with an ellipsis to about ``width_px`` at font ``size`` (a CJK character
    counted as two columns)."""
    return shorten(text, max(int(width_px / (size * CHAR_EM)), 4))


def _ytitle(x: float, y: float, text: str) -> str:
    return _text(x, y, text, 11, "middle", extra=f' transform="rotate(-90 {x} {y})"')


def _decades(low: float, high: float) -> list[float]:
    return [10.0 ** e for e in range(math.ceil(math.log10(low) - 1e-9), math.floor(math.log10(high) + 1e-9) + 1)]


def _log_ticks(low: float, high: float) -> list[float]:
    """1, 2, 5 x 10^n within the range; only the powers of ten when that makes more than nine."""
    ticks = [m * d for d in _decades(low / 10, high) for m in (1, 2, 5) if low <= m * d <= high]
    return ticks if len(ticks) <= 9 else [t for t in ticks if f"{t:e}".startswith("1")]


def _linear_ticks(high: float) -> list[float]:
    """Ticks from 0 at a round step (1, 2 or 5 x 10^n) giving at most eight."""
    step = 10.0 ** math.floor(math.log10(high / 8))
    step = next(m * step for m in (1, 2, 5, 10) if high / (m * step) <= 8)
    return [round(i * step, 10) for i in range(int(high / step + 1e-9) + 1)]


def _footnote(chart: Chart, y: float, width: int) -> list[str]:
    if not chart.footnote:
        return []
    return [_text(8, y + 11 * i, line, 9, colour="#444444") for i, line in
            enumerate(textwrap.wrap(chart.footnote, int(width / 5.6)))]


def _svg(width: int, height: float, chart: Chart, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(chart.title)}">\n'
            f'<rect width="{width}" height="{height}" fill="#ffffff"/>\n' + "\n".join(body) + "\n</svg>\n")


def _grid_x(f: _Frame, ticks: list[float], label, colour: str = "#dddddd") -> list[str]:
    out = []
    for t in ticks:
        out += [f'<line x1="{f.x(t)}" y1="{f.top}" x2="{f.x(t)}" y2="{f.bottom}" stroke="{colour}" stroke-width="0.6"/>',
                _text(f.x(t), f.bottom + 16, label(t), 10, "middle")]
    return out


def _grid_y(f: _Frame, ticks: list[float], label, colour: str = "#dddddd") -> list[str]:
    out = []
    for t in ticks:
        out += [f'<line x1="{f.left}" y1="{f.y(t)}" x2="{f.left + f.width}" y2="{f.y(t)}" stroke="{colour}" '
                'stroke-width="0.6"/>', _text(f.left - 6, f.y(t) + 4, label(t), 10, "end")]
    return out


# -- the kinds -----------------------------------------------------------------------------------

def _roofline(chart: Chart, name: str, point) -> str:
    ridge, peak = point.x, point.y
    lo = 10 ** math.floor(math.log10(ridge / 30))
    hi = 10 ** math.ceil(math.log10(ridge * 30))
    ymin, ymax = peak / ridge * lo, peak * 4
    notes = len(_footnote(chart, 0, 800))
    width, height = 800, 500 + 11 * notes
    f = _Frame(90, 45, 685, 400, (lo, hi), (ymin, ymax))
    body = [_text(f.left + f.width / 2, 28, chart.title, 13, "middle")]
    body += _grid_x(f, _decades(lo, hi), si) + _grid_y(f, _decades(ymin, ymax), si)
    colour = PALETTE[0]
    body += [f.outline(),
             f'<polyline class="roof" points="{f.x(lo)},{f.y(ymin)} {f.x(ridge)},{f.y(peak)} {f.x(hi)},{f.y(peak)}" '
             f'fill="none" stroke="{colour}" stroke-width="1.6"/>',
             f'<circle class="dot" cx="{f.x(ridge)}" cy="{f.y(peak)}" r="4" fill="{colour}">'
             f"<title>{escape(name)}: {escape(point.text)}</title></circle>",
             _text(f.x(ridge) + 6, f.y(peak) - 8, point.text, 9, colour=colour),
             _text(f.left + f.width - 10, f.bottom - 12, name, 11, "end", colour),
             _text(f.left + f.width / 2, f.bottom + 36, chart.xlabel, 11, "middle"),
             _ytitle(18, f.top + f.height / 2, chart.ylabel)]
    return _svg(width, height, chart, body + _footnote(chart, f.bottom + 56, width))


ROW = 36  # pixels a claim's row takes


def _intervals(chart: Chart, points) -> str:
    """A row per claim: its label (key, then words), the interval its words allow (a grey bar),
    the range over readings (a line with end marks) and the computed value (a dot in the
    verdict's colour, with its text); the verdicts seen make the legend."""
    values = [v for p in points for v in (p.low, p.high, p.y, *(p.spread or ())) if v and math.isfinite(v) and v > 0]
    lo, hi = min(values + [1.0]) / 1.5, max(values + [1.0]) * 2.5  # room for the labels right of the dots
    notes = len(_footnote(chart, 0, 1000))
    f = _Frame(290, 52, 685, ROW * len(chart.labels) + 6, (lo, hi))
    width, height = 1000, f.bottom + 68 + 11 * notes
    body = [_text(f.left, 22, chart.title, 13)] + _grid_x(f, _log_ticks(lo, hi), plain, "#e5e5e5") + [f.outline()]
    if chart.reference is not None:
        body.append(f'<line x1="{f.x(chart.reference)}" y1="{f.top}" x2="{f.x(chart.reference)}" y2="{f.bottom}" '
                    'stroke="#333333" stroke-width="0.6" stroke-dasharray="1,2"/>')
    for p in points:  # a claim's row is its index among the labels
        body += _interval_row(f, f.top + 3 + ROW * (int(p.x) + 0.5), p, chart.labels[int(p.x)], lo, hi)
    legend_x = f.left + f.width
    for verdict in reversed([v for v in VERDICT_COLOURS if any(p.style == v for p in points)]):
        body += [_text(legend_x, 42, verdict, 10, "end", VERDICT_COLOURS[verdict]),
                 f'<circle cx="{round(legend_x - len(verdict) * 10 * CHAR_EM - 8, 2)}" cy="38" r="4" '
                 f'fill="{VERDICT_COLOURS[verdict]}"/>']
        legend_x -= len(verdict) * 10 * CHAR_EM + 24
    body.append(_text(f.left + f.width / 2, f.bottom + 34, chart.xlabel, 11, "middle"))
    return _svg(width, height, chart, body + _footnote(chart, f.bottom + 54, width))


def _interval_row(f: _Frame, row: float, p, label: Label, lo: float, hi: float) -> list[str]:
    colour = VERDICT_COLOURS.get(p.style, VERDICT_COLOURS[str(Verdict.NOT_CHECKABLE)])
    name = label.text.split("\n")[0]
    out = [f"<g><title>{escape(name)}: {escape(p.text)}</title>"]
    if p.low is not None and p.high is not None:
        low = p.low if p.low > 0 else lo
        high = p.high if math.isfinite(p.high) else hi
        out.append(f'<rect class="interval" x="{f.x(low)}" y="{row - 10}" width="{max(f.x(high) - f.x(low), 1)}" '
                   'height="20" fill="#bbbbbb" stroke="#888888" stroke-width="0.5"/>')
    if p.spread is not None:
        a, b = (f.x(v) for v in p.spread)
        out.append(f'<path class="spread" d="M{a},{row} H{b} M{a},{row - 6} V{row + 6} M{b},{row - 6} V{row + 6}" '
                   'stroke="#333333" stroke-width="1"/>')
    if p.y is not None:
        out += [f'<circle class="dot" cx="{f.x(p.y)}" cy="{row}" r="4" fill="{colour}"/>',
                _text(f.x(p.y) + 8, row + 4, p.text, 9, colour=colour)]
    else:  # no computed value: still a visible mark, its reason
        out.append(_text(f.x(lo * 1.08), row + 4, p.text, 9, colour=colour))
    lines = label.text.split("\n")
    for j, line in enumerate(lines):
        short = _fit(line, f.left - 14, 10)
        y = row + 4 + (j - (len(lines) - 1) / 2) * 13
        out.append(_text(f.left - 8, round(y, 2), short, 10 if j == 0 else 9, "end", "#000000" if j == 0 else "#444444",
                         title=line if short != line else ""))
    return out + ["</g>"]


def _bars(chart: Chart) -> str:
    """Grouped bars: a group per label, a bar per series (its colour in the legend), each with
    its text above it; a dashed line at the reference."""
    groups, n = len(chart.labels), len(chart.series)
    width = round(100 * min(14.0, max(7.0, 1.6 + groups * (n * 0.75 + 0.4))))
    ys = [p.y or 0.0 for s in chart.series for p in s.points]
    top = max(max(ys + [0.0]), chart.reference or 0.0, 1.0) * 1.25
    f = _Frame(90, 45, width - 115, 330, (-0.6, groups - 0.4), (0.0, top), log_x=False, log_y=False)
    notes = len(_footnote(chart, 0, width))
    height = f.bottom + 80 + 11 * notes
    body = [_text(f.left + f.width / 2, 28, chart.title, 13, "middle")] + _grid_y(f, _linear_ticks(top), plain, "#eeeeee")
    step = 0.8 / max(n, 1)
    for j, series in enumerate(chart.series):
        colour = PALETTE[j % len(PALETTE)]
        offset = (j - (n - 1) / 2) * step
        for p in series.points:
            x0, x1 = f.x(p.x + offset - step * 0.46), f.x(p.x + offset + step * 0.46)
            y = f.y(p.y or 0.0)
            group = chart.labels[int(p.x)].text.replace("\n", " ") if 0 <= p.x < groups else ""
            body.append(f'<rect class="bar" x="{x0}" y="{y}" width="{round(x1 - x0, 2)}" height="{round(f.bottom - y, 2)}" '
                        f'fill="{colour}"><title>{escape(series.name)}, {escape(group)}: '
                        f"{escape(p.text.replace(chr(10), ', '))}</title></rect>")
            lines = p.text.split("\n") if p.text else []
            for k, line in enumerate(lines):
                body.append(_text(round((x0 + x1) / 2, 2), round(y - 4 - 10 * (len(lines) - 1 - k), 2), line, 8,
                                  "middle"))
    if chart.reference is not None:
        body.append(f'<line x1="{f.left}" y1="{f.y(chart.reference)}" x2="{f.left + f.width}" '
                    f'y2="{f.y(chart.reference)}" stroke="#333333" stroke-width="0.8" stroke-dasharray="4,3"/>')
    body += [f'<path d="M{f.left},{f.top} V{f.bottom} H{f.left + f.width}" fill="none" stroke="#000000" '
             'stroke-width="0.8"/>']
    group_width = f.width / (groups + 0.2)
    for i, label in enumerate(chart.labels):
        for k, line in enumerate(label.text.split("\n")):
            short = _fit(line, group_width - 6, 10)
            body.append(_text(f.x(i), f.bottom + 16 + 13 * k, short, 10, "middle", title=line if short != line else ""))
    for j, series in enumerate(chart.series):  # the legend, top left inside the axes
        y = f.top + 14 + 16 * j
        body += [f'<rect x="{f.left + 10}" y="{y - 9}" width="20" height="10" fill="{PALETTE[j % len(PALETTE)]}"/>',
                 _text(f.left + 36, y, series.name, 10)]
    body += [_text(f.left + f.width / 2, f.bottom + 50, chart.xlabel, 11, "middle"),
             _ytitle(24, f.top + f.height / 2, chart.ylabel)]
    return _svg(width, height, chart, body + _footnote(chart, f.bottom + 72, width))
