"""Reports of trace, ratio and compare: resolved values with their lineage."""

from __future__ import annotations

from chipdb.domain import lineage
from chipdb.output.registry import Report

RATIO_COLUMNS = ["numerator", "denominator", "metric", "precision", "sparsity", "engine", "direction", "ratio",
                 "numerator_value", "denominator_value", "unit", "numerator_method", "denominator_method",
                 "numerator_sources", "denominator_sources"]


def trace_report(r) -> Report:
    """The tree for the terminal; Markdown rows with readable values (180 PFLOP/s); CSV and JSON
    in SI units."""
    nodes = list(lineage.rows(r))
    value_at = lineage.COLUMNS.index("value")
    human_cols = [c for c in lineage.COLUMNS if c != "unit"]
    human = [row[:value_at] + [row[-1]] + row[value_at + 2:-1] for row in nodes]
    return Report(human_cols, human, data=lineage.to_json(r), text="\n".join(lineage.tree_lines(r)),
                  flat=(lineage.COLUMNS, [row[:-1] for row in nodes]))


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


def compare_report(c) -> Report:
    """The human table has readable values with sources and cross-checks; CSV and JSON carry SI
    values, methods and sources per device."""
    base = c.baseline
    others = [d for d in c.devices if d != base]
    flat_cols = ["metric", "precision", "sparsity", "engine", "direction", "unit"]
    any_measured = any(row.measured for row in c.rows)
    for d in c.devices:
        flat_cols += [d, f"{d}_sources", f"{d}_method", f"{d}_crosscheck_percent"]
        if any_measured:
            flat_cols += [f"{d}_measured", f"{d}_measured_sources", f"{d}_efficiency_percent"]
    flat_cols += [f"{d}_vs_{base}" for d in others]
    flat_rows, rows = [], []
    for row in c.rows:
        q = row.quals
        flat = [row.metric, q.precision, q.sparsity, q.engine, q.direction, row.values[base].unit]
        cells = [row.metric, q.text()]
        for d in c.devices:
            v = row.values[d]
            diff = v.difference()
            flat += [v.value, " ".join(v.sources()), v.method, "" if diff is None else round(diff, 4)]
            cell = f"{v.readable} [{', '.join(v.sources())}]"
            if v.alternative is not None:
                cell += f" (cross-check {v.alternative.method}: {v.alternative.readable}, {diff:+.1f}%)"
            m = row.measured.get(d)
            if any_measured:
                eff = m.value / v.value * 100 if m is not None and v.value else None
                flat += [m.value, " ".join(m.sources()), round(eff, 2)] if m is not None else ["", "", ""]
            cells.append(cell)
        ratios = [row.values[d].value / row.values[base].value for d in others]
        flat_rows.append(flat + ratios)
        rows.append(cells + [f"{x:.3f}x" for x in ratios])
        if row.measured:  # measured beside published, never in its place: a row of its own
            rows.append(["", "measured, % of published"] + [
                f"{m.readable} = {m.value / row.values[d].value * 100:.1f}% [{', '.join(m.sources())}]"
                if (m := row.measured.get(d)) is not None else "-" for d in c.devices] + [""] * len(others))
    for d_row in c.descriptive:  # text: in the human table and JSON; CSV value columns stay numeric
        cells = [d_row.values.get(d) for d in c.devices]
        rows.append([d_row.metric, ""] + [f"{cell[0]} [{cell[1]}]" if cell else "-" for cell in cells]
                    + [""] * len(others))
    data = {"baseline": base, "devices": c.devices, "skipped": c.skipped,
            "descriptive": [{"metric": r.metric, "values": {d: ({"value": v[0], "source": v[1]} if v else None)
                                                           for d, v in r.values.items()}} for r in c.descriptive],
            "rows": [
        {"metric": r.metric, "qualifiers": r.quals.as_dict(),
         "values": {d: lineage.to_json(r.values[d]) for d in c.devices},
         "measured": {d: {**lineage.to_json(m), "efficiency_percent": m.value / r.values[d].value * 100}
                      for d, m in r.measured.items()},
         "ratios": {d: r.values[d].value / r.values[base].value for d in others}} for r in c.rows]}
    cols = (["metric", "qualifiers"] + [c.names[d] for d in c.devices]
            + [f"{c.names[d]} / {c.names[base]}" for d in others])
    from chipdb.output.charts.reports import compare_chart

    return Report(cols, rows, data=data, flat=(flat_cols, flat_rows), footer=[f"not compared: {s}" for s in c.skipped],
                  chart=compare_chart(c) if c.rows else None)  # descriptive metrics only: a table, no chart
