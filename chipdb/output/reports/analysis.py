"""Reports of trace, ratio and compare: resolved values with their lineage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chipdb.domain import lineage
from chipdb.output.registry import Column, Report

RATIO_COLUMNS = ["numerator", "denominator", "metric", "precision", "sparsity", "engine", "direction", "ratio",
                 "numerator_value", "denominator_value", "unit", "numerator_method", "denominator_method",
                 "numerator_sources", "denominator_sources"]


# A lineage node (``lineage.rows``: its COLUMNS, then the readable value): CSV has every column in
# SI units; the table drops the unit and shows the value readable.
TRACE_CSV = [Column(name, i) for i, name in enumerate(lineage.COLUMNS)]
TRACE_COLUMNS = [Column(c.name, c.value, show=-1 if c.name == "value" else None) for c in TRACE_CSV if c.name != "unit"]


def trace_report(r) -> Report:
    """The tree for the terminal; Markdown rows with readable values (180 PFLOP/s); CSV and JSON
    in SI units."""
    return Report(TRACE_COLUMNS, lineage.rows(r), data=lineage.to_json(r), text="\n".join(lineage.tree_lines(r)),
                  csv=TRACE_CSV)


def ratio_report(r) -> Report:
    num, den, q = r.numerator, r.denominator, r.quals
    data = {"ratio": r.value, "metric": r.metric, "qualifiers": q.as_dict(),
            "numerator": lineage.to_json(num), "denominator": lineage.to_json(den)}
    row = [num.device, den.device, r.metric, q.precision, q.sparsity, q.engine, q.direction, r.value, num.value,
           den.value, num.unit, num.method, den.method, " ".join(num.sources()), " ".join(den.sources())]
    what = " ".join(x for x in (r.metric, q.text()) if x)
    text = "\n".join([f"{num.device_name} / {den.device_name}, {what}: {r.value:.3f}x "
                      f"({num.readable} / {den.readable})", "", *lineage.tree_lines(num), "",
                      *lineage.tree_lines(den)])
    return Report(RATIO_COLUMNS, [row], data=data, text=text)


@dataclass(frozen=True)
class CompareEntry:
    """One record of a comparison: a metric's published values, the measured values under them
    (a row of their own, never in their place), or a descriptive metric (text: the human table
    and JSON only, so that CSV value columns stay numeric)."""

    kind: str  # "values" | "measured" | "descriptive"
    row: Any


def _published_cell(v) -> str:
    cell = f"{v.readable} [{', '.join(v.sources())}]"
    if v.alternative is not None:
        cell += f" (cross-check {v.alternative.method}: {v.alternative.readable}, {v.difference():+.1f}%)"
    return cell


def _device_cell(e: CompareEntry, d: str) -> str:
    if e.kind == "values":
        return _published_cell(e.row.values[d])
    if e.kind == "measured":
        m = e.row.measured.get(d)
        return f"{m.readable} = {m.value / e.row.values[d].value * 100:.1f}% [{', '.join(m.sources())}]" \
            if m is not None else "-"
    cell = e.row.values.get(d)
    return f"{cell[0]} [{cell[1]}]" if cell else "-"


def _efficiency(row, d: str) -> Any:
    m, v = row.measured.get(d), row.values[d]
    eff = m.value / v.value * 100 if m is not None and v.value else None
    return round(eff, 2) if m is not None else ""


def compare_columns(c) -> tuple[list[Column], list[Column]]:
    """The human table's columns (readable values with sources and cross-checks, ratios as 1.234x)
    and the CSV's (SI values, methods and sources per device), for the devices of ``c``."""
    base = c.baseline
    others = [d for d in c.devices if d != base]

    def ratio(row, d: str) -> float:
        return row.values[d].value / row.values[base].value

    table = [Column("metric", lambda e: "" if e.kind == "measured" else e.row.metric),
             Column("qualifiers", lambda e: e.row.quals.text() if e.kind == "values"
                    else "measured, % of published" if e.kind == "measured" else "")]
    table += [Column(c.names[d], lambda e, d=d: _device_cell(e, d)) for d in c.devices]
    table += [Column(f"{c.names[d]} / {c.names[base]}", lambda e, d=d: f"{ratio(e.row, d):.3f}x"
                     if e.kind == "values" else "") for d in others]
    csv = [Column("metric", lambda e: e.row.metric)]
    csv += [Column(q, lambda e, q=q: getattr(e.row.quals, q)) for q in ("precision", "sparsity", "engine", "direction")]
    csv.append(Column("unit", lambda e: e.row.values[base].unit))
    any_measured = any(row.measured for row in c.rows)
    for d in c.devices:
        csv += [Column(d, lambda e, d=d: e.row.values[d].value),
                Column(f"{d}_sources", lambda e, d=d: " ".join(e.row.values[d].sources())),
                Column(f"{d}_method", lambda e, d=d: e.row.values[d].method),
                Column(f"{d}_crosscheck_percent",
                       lambda e, d=d: "" if (diff := e.row.values[d].difference()) is None else round(diff, 4))]
        if any_measured:
            csv += [Column(f"{d}_measured", lambda e, d=d: m.value if (m := e.row.measured.get(d)) is not None else ""),
                    Column(f"{d}_measured_sources",
                           lambda e, d=d: " ".join(m.sources()) if (m := e.row.measured.get(d)) is not None else ""),
                    Column(f"{d}_efficiency_percent", lambda e, d=d: _efficiency(e.row, d))]
    csv += [Column(f"{d}_vs_{base}", lambda e, d=d: ratio(e.row, d)) for d in others]
    return table, csv


def compare_report(c) -> Report:
    """One record per metric and qualifier set (and per measured row, and per descriptive metric);
    JSON is the comparison as a document, with each value's lineage."""
    base = c.baseline
    others = [d for d in c.devices if d != base]
    records = []
    for row in c.rows:
        records.append(CompareEntry("values", row))
        if row.measured:
            records.append(CompareEntry("measured", row))
    records += [CompareEntry("descriptive", d_row) for d_row in c.descriptive]
    data = {"baseline": base, "devices": c.devices, "skipped": c.skipped,
            "descriptive": [{"metric": r.metric, "values": {d: ({"value": v[0], "source": v[1]} if v else None)
                                                           for d, v in r.values.items()}} for r in c.descriptive],
            "rows": [
        {"metric": r.metric, "qualifiers": r.quals.as_dict(),
         "values": {d: lineage.to_json(r.values[d]) for d in c.devices},
         "measured": {d: {**lineage.to_json(m), "efficiency_percent": m.value / r.values[d].value * 100}
                      for d, m in r.measured.items()},
         "ratios": {d: r.values[d].value / r.values[base].value for d in others}} for r in c.rows]}
    from chipdb.output.charts.reports import compare_chart

    table, csv = compare_columns(c)
    return Report(table, records, data=data, csv=csv, machine=lambda e: e.kind == "values", footer=[f"not compared: {s}" for s in c.skipped],
                  chart=compare_chart(c) if c.rows else None)  # descriptive metrics only: a table, no chart
