"""Chart specifications of comparisons, rooflines, claims and release timelines, and the reports
of the plot commands that have no other command (roofline, timeline)."""

from __future__ import annotations

from chipdb.domain import vocab
from chipdb.domain.text import shorten
from chipdb.output.registry import Column, Report
from chipdb.output.charts.spec import BARS, INTERVALS, ROOFLINE, TIMELINE, Chart, Label, Point, Series

TEXT_WIDTH = 34  # a claim's words are cut to this many characters under its key


def _qual_words(quals) -> str:
    return quals.text()


def _sources_note(per_device: dict[str, list[str]]) -> str:
    return "Sources: " + "; ".join(f"{name}: {', '.join(keys)}" for name, keys in per_device.items() if keys)


def compare_chart(c) -> Chart:
    """Grouped bars, one group per metric and qualifiers, a bar per device, each the device's
    value divided by the baseline's, labelled with the value and the ratio."""
    base = c.baseline
    if not c.rows:
        from chipdb.domain.errors import Unresolvable

        raise Unresolvable("nothing to plot: the metrics compared are descriptive (text or dates), not quantities")
    labels = [Label("\n".join(x for x in (row.metric.replace("_", " "), _qual_words(row.quals)) if x))
              for row in c.rows]
    series, used = [], {}
    for slug in c.devices:
        points = []
        for i, row in enumerate(c.rows):
            v = row.values[slug]
            ratio = v.value / row.values[base].value
            points.append(Point(i, ratio, f"{v.readable}\n{ratio:.3g}x", name=c.names[slug]))
        series.append(Series(c.names[slug], points, style=slug))
        used[c.names[slug]] = list(dict.fromkeys(k for row in c.rows for k in row.values[slug].sources()))
    others = [c.names[d] for d in c.devices if d != base]
    return Chart(BARS, f"{', '.join(others)} relative to {c.names[base]}", series, labels,
                 xlabel="metric and qualifiers (precision, dense or sparse)",
                 ylabel=f"ratio to {c.names[base]} (= 1)", footnote=_sources_note(used), reference=1.0)


def roofline_report(points, precision: str, sparsity: str) -> Report:
    unit = vocab.canonical_unit("compute", precision)
    series, used = [], {}
    for p in points:
        series.append(Series(p.name, [Point(p.ridge, p.compute.value, f"{p.compute.readable}, ridge {p.ridge:.0f}",
                                            name=p.name)], style=p.device))
        used[p.name] = list(dict.fromkeys(p.compute.sources() + p.bandwidth.sources()))
    op = unit.split("/")[0]
    chart = Chart(ROOFLINE, f"Roofline, {precision} {sparsity}", series,
                  xlabel=f"arithmetic intensity ({op} per byte of memory traffic)",
                  ylabel=f"attainable {precision} {sparsity} {unit}", footnote=_sources_note(used),
                  log_x=True, log_y=True)
    columns = [Column("device"), Column("name"), Column(f"compute {precision} {sparsity}", lambda p: p.compute.readable),
               Column("memory_bandwidth", lambda p: p.bandwidth.readable),
               Column(f"ridge_point ({op}/B)", lambda p: round(p.ridge, 1)),
               Column("compute_sources", lambda p: " ".join(p.compute.sources())),
               Column("bandwidth_sources", lambda p: " ".join(p.bandwidth.sources()))]
    csv = [Column("device"), Column("name"), Column("precision", lambda p: precision),
           Column("sparsity", lambda p: sparsity), Column("compute", lambda p: p.compute.value),
           Column("compute_unit", lambda p: unit), Column("memory_bandwidth", lambda p: p.bandwidth.value),
           Column("memory_bandwidth_unit", lambda p: p.bandwidth.unit), Column("ridge_point", "ridge"),
           columns[-2], columns[-1]]

    def record_json(p) -> dict:
        return {"device": p.device, "name": p.name, "compute": p.compute.value, "compute_unit": unit,
                "memory_bandwidth": p.bandwidth.value, "ridge_point": p.ridge,
                "compute_sources": p.compute.sources(), "bandwidth_sources": p.bandwidth.sources()}

    return Report(columns, points, json=record_json, chart=chart, csv=csv)


from chipdb.domain.claimspec import Verdict


_COLOURS = ", ".join(f"{v.colour_name} {v}" for v in Verdict if v is not Verdict.NOT_CHECKABLE)


def claims_chart(results, title: str = "Claims: stated interval, computed value, range over readings",
                 legend: bool = True) -> Chart:
    """A row per claim: the interval its words allow (a bar), the computed ratio (a dot in the
    verdict's colour) and the range of the ratio over the readings (a thin line)."""
    labels, points = [], []
    for i, result in enumerate(results):
        c, p = result.claim, result.primary
        words = shorten(" ".join(c.text.split()), TEXT_WIDTH)
        labels.append(Label(f"{c.key}\n{words}", fallback=c.key))
        computed = f"{p.computed:.3g}" if p.computed is not None else str(Verdict.NOT_CHECKABLE)
        points.append(Point(i, p.computed, f"{computed} ({p.verdict})", low=p.interval.low,
                            high=p.interval.high, spread=result.range, style=str(p.verdict), name=c.key))
    return Chart(INTERVALS, title, [Series("claims", points)], labels,
                 xlabel="ratio, subject / baseline (log scale)", ylabel="",
                 footnote="bar: the interval the stated words allow; dot: the computed ratio "
                          f"({_COLOURS}); line: range over the readings"
                 if legend else "",
                 log_x=True, reference=1.0)


def timeline_report(t, quals) -> Report:
    what = " ".join(x for x in (t.metric, quals.text()) if x)
    by_vendor: dict[str, list[Point]] = {}
    for p in t.points:
        by_vendor.setdefault(p.vendor, []).append(Point(p.year, p.value.value, p.name, name=p.name))
    series = [Series(vendor, points, style=vendor) for vendor, points in by_vendor.items()]
    unit = t.points[0].value.unit if t.points else ""
    chart = Chart(TIMELINE, f"Peak {what} by release date", series, xlabel="release date",
                  ylabel=f"{what} ({unit}, log scale)", log_y=True,
                  footnote="release date: a sourced released statement, else an announced one, else the devices table")
    sources = Column("sources", lambda p: " ".join(p.value.sources()))
    columns = [Column("device"), Column("name"), Column("vendor"), Column("released", "date"), Column("date_source"),
               Column(what, lambda p: p.value.readable), sources]
    csv = [*columns[:5], Column("metric", lambda p: t.metric),
           *[Column(q, lambda p, v=v: v) for q, v in quals.as_dict().items()],
           Column("value", lambda p: p.value.value), Column("unit", lambda p: p.value.unit), sources]

    def record_json(p) -> dict:
        return {"device": p.device, "name": p.name, "vendor": p.vendor, "date": p.date, "date_source": p.date_source,
                "value": p.value.value, "unit": p.value.unit, "sources": p.value.sources()}

    return Report(columns, t.points, json=record_json, document=lambda points: {"points": points, "skipped": t.skipped},
                  chart=chart, csv=csv, footer=[f"not shown: {s}" for s in t.skipped])
