"""Chart specifications: what an image renderer draws, as plain data (no matplotlib here).

A report's ``chart`` is a ``Chart``; ``chipdb.output.charts.draw`` draws it as PNG or SVG. Every number a
chart shows is already computed here, so the drawing module only lays things out."""

from __future__ import annotations

from dataclasses import dataclass, field

BARS, ROOFLINE, INTERVALS, TIMELINE = "bars", "roofline", "intervals", "timeline"
KINDS = (BARS, ROOFLINE, INTERVALS, TIMELINE)


@dataclass(frozen=True)
class Label:
    """A text to show, and a plain-ASCII stand-in for when no installed font has its glyphs
    (a claim's Chinese words fall back to the claim's key)."""

    text: str
    fallback: str = ""

    def needs_cjk(self) -> bool:
        return any(ord(ch) > 0x2E7F for ch in self.text)


@dataclass(frozen=True)
class Point:
    """One mark. ``x``/``y`` are numbers (a category's position is its index in ``Chart.labels``);
    ``low``/``high`` an interval on the value axis; ``spread`` a second one (the range over
    readings); ``text`` is printed next to the mark; ``style`` picks its colour (a verdict)."""

    x: float
    y: float | None
    text: str = ""
    low: float | None = None
    high: float | None = None
    spread: tuple[float, float] | None = None
    style: str = ""
    name: str = ""


@dataclass(frozen=True)
class Series:
    name: str
    points: list[Point]
    style: str = ""  # the colour group (a device, a vendor)


@dataclass
class Chart:
    """``kind`` is one of KINDS:

    - bars: grouped bars; ``labels`` name the groups, each series is one device, y = value / baseline;
    - roofline: each series is one device with one point (x = ridge point in FLOP/B, y = peak
      FLOP/s); the drawing adds the bandwidth slope (y = peak / ridge x);
    - intervals: one row per label; each series' point has the stated interval (low, high),
      the computed value (y) and the range over readings (spread); style is the verdict;
    - timeline: x = year (decimal), y = value; a series per vendor.
    """

    kind: str
    title: str
    series: list[Series]
    labels: list[Label] = field(default_factory=list)
    xlabel: str = ""
    ylabel: str = ""
    footnote: str = ""
    log_x: bool = False
    log_y: bool = False
    reference: float | None = None  # a line at this value (the baseline's 1.0)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"chart kind {self.kind!r} is not one of {KINDS}")

    def texts(self) -> list[str]:
        """Every text the chart shows (for tests and for accessible descriptions)."""
        out = [self.title, self.xlabel, self.ylabel, self.footnote]
        out += [label.text for label in self.labels]
        for s in self.series:
            out.append(s.name)
            out += [p.text for p in s.points if p.text]
        return [t for t in out if t]
