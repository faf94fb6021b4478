"""trace, ratio, compare: resolved values with their lineage."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..render import Report
from ._app import app
from .common import DbOption, Format, FormatOption, OutputOption, command, emit, reading

Precision = Annotated[Optional[str], typer.Option("--precision", "-p", help="fp64 fp32 tf32 bf16 fp16 fp8 fp6 fp4 int8 int4")]
Sparsity = Annotated[Optional[str], typer.Option("--sparsity", "-s", help="dense (default) or sparse.")]
Engine = Annotated[Optional[str], typer.Option("--engine", help="matrix (tensor/cube units, default) or vector.")]
Direction = Annotated[Optional[str], typer.Option("--direction", help="Link direction: unidirectional, bidirectional, unstated.")]
Prefer = Annotated[str, typer.Option("--prefer", help="For a system with a stated and a derived total: which to use (stated|derived).")]
SourceKey = Annotated[Optional[list[str]], typer.Option("--source", help="Use this source's statements wherever it has them (repeatable: the first that has a value wins).")]
AsOf = Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", help="Use only sources published on or before DATE (YYYY-MM-DD).")]
MetricArg = Annotated[str, typer.Argument(help="compute, memory_capacity, memory_bandwidth, power, scaleup_bandwidth, ... "
                                          "or a derived metric: compute_per_watt, bytes_per_flop, ridge_point.")]


def _options(prefer: str, source: list[str] | None, as_of: str | None):
    """Checked here, before the database is opened."""
    from ..resolve import Options

    return Options(prefer=prefer, sources=tuple(source or ()), as_of=as_of)


def _given(precision, sparsity, engine, direction) -> dict[str, str]:
    return {"precision": precision or "", "sparsity": sparsity or "", "engine": engine or "", "direction": direction or ""}


@command(app, "trace")
def trace(ctx: typer.Context, device: Annotated[str, typer.Argument(help="Device name, slug or alias.")],
          metric: MetricArg, precision: Precision = None, sparsity: Sparsity = None, engine: Engine = None,
          direction: Direction = None, prefer: Prefer = "stated", source: SourceKey = None, as_of: AsOf = None,
          db: DbOption = None, fmt: FormatOption = Format.table, output: OutputOption = None) -> None:
    """Resolve one value and show where it comes from, as a tree: statements, components, rules."""
    from .. import analysis, lineage

    options = _options(prefer, source, as_of)
    with reading(ctx, db) as s:
        r = analysis.trace(s, device, metric, _given(precision, sparsity, engine, direction), options)
    emit(Report(lineage.COLUMNS, list(lineage.rows(r)), data=lineage.to_json(r),
                text="\n".join(lineage.tree_lines(r))), fmt, output)


@command(app, "ratio")
def ratio(ctx: typer.Context, a: Annotated[str, typer.Argument(help="Numerator device.")],
          b: Annotated[str, typer.Argument(help="Denominator device.")], metric: MetricArg,
          precision: Precision = None, sparsity: Sparsity = None, engine: Engine = None, direction: Direction = None,
          prefer: Prefer = "stated", source: SourceKey = None, as_of: AsOf = None,
          db: DbOption = None, fmt: FormatOption = Format.table, output: OutputOption = None) -> None:
    """A / B for one metric on the same qualifiers (dense unless --sparsity sparse), with both traces."""
    from .. import analysis, lineage

    options = _options(prefer, source, as_of)
    with reading(ctx, db) as s:
        r = analysis.ratio(s, a, b, metric, _given(precision, sparsity, engine, direction), options)
    num, den = r.numerator, r.denominator
    q = r.quals
    data = {"ratio": r.value, "metric": r.metric, "qualifiers": q.as_dict(),
            "numerator": lineage.to_json(num), "denominator": lineage.to_json(den)}
    cols = ["numerator", "denominator", "metric", "precision", "sparsity", "engine", "direction", "ratio",
            "numerator_value", "denominator_value", "unit", "numerator_method", "denominator_method",
            "numerator_sources", "denominator_sources"]
    row = [num.device, den.device, r.metric, q.precision, q.sparsity, q.engine, q.direction, r.value, num.value,
           den.value, num.unit, num.method, den.method, " ".join(num.sources()), " ".join(den.sources())]
    what = " ".join(x for x in (r.metric, q.text()) if x)
    text = "\n".join([f"{num.device_name} / {den.device_name}, {what}: {r.value:.3f}x "
                      f"({num.readable} / {den.readable})", "", *lineage.tree_lines(num), "",
                      *lineage.tree_lines(den)])
    emit(Report(cols, [row], data=data, text=text), fmt, output)


@command(app, "compare")
def compare(ctx: typer.Context,
            devices: Annotated[list[str], typer.Argument(help="Two or more devices.")],
            metric: Annotated[Optional[list[str]], typer.Option("--metric", "-m", help="A metric to compare (repeatable). Default: every metric all the devices have.")] = None,
            precision: Annotated[Optional[list[str]], typer.Option("--precision", "-p", help="Compute precision (repeatable). Default: every precision all the devices have.")] = None,
            sparsity: Annotated[str, typer.Option("--sparsity", "-s", help="dense (default) or sparse.")] = "dense",
            baseline: Annotated[Optional[str], typer.Option("--baseline", help="The device the ratio columns divide by (default: the first).")] = None,
            prefer: Prefer = "stated", source: SourceKey = None, as_of: AsOf = None,
            db: DbOption = None, fmt: FormatOption = Format.table, output: OutputOption = None) -> None:
    """A comparison table: one row per metric and qualifiers, a column per device, ratios to a baseline."""
    from .. import analysis
    from ..errors import UsageError

    if sparsity not in ("dense", "sparse"):
        raise UsageError(f"--sparsity must be dense or sparse, not {sparsity!r}")
    options = _options(prefer, source, as_of)
    with reading(ctx, db) as s:
        c = analysis.compare(s, devices, metric or [], precision or [], baseline, options, sparsity)
    emit(_compare_report(c, fmt), fmt, output)


def _compare_report(c, fmt: Format) -> Report:
    base = c.baseline
    others = [d for d in c.devices if d != base]
    if fmt in (Format.csv, Format.json):
        cols = ["metric", "precision", "sparsity", "engine", "direction", "unit"]
        for d in c.devices:
            cols += [d, f"{d}_sources", f"{d}_method", f"{d}_crosscheck_percent"]
        cols += [f"{d}_vs_{base}" for d in others]
        rows = []
        for row in c.rows:
            q = row.quals
            cells = [row.metric, q.precision, q.sparsity, q.engine, q.direction, row.values[base].unit]
            for d in c.devices:
                v = row.values[d]
                diff = v.difference()
                cells += [v.value, " ".join(v.sources()), v.method, "" if diff is None else round(diff, 4)]
            cells += [row.values[d].value / row.values[base].value for d in others]
            rows.append(cells)
        from .. import lineage

        data = {"baseline": base, "devices": c.devices, "skipped": c.skipped, "rows": [
            {"metric": r.metric, "qualifiers": r.quals.as_dict(),
             "values": {d: lineage.to_json(r.values[d]) for d in c.devices},
             "ratios": {d: r.values[d].value / r.values[base].value for d in others}} for r in c.rows]}
        return Report(cols, rows, data=data)
    cols = ["metric", "qualifiers"] + [c.names[d] for d in c.devices] + [f"{c.names[d]} / {c.names[base]}" for d in others]
    rows = []
    for row in c.rows:
        cells = [row.metric, row.quals.text()]
        for d in c.devices:
            v = row.values[d]
            cell = f"{v.readable} [{', '.join(v.sources())}]"
            if v.alternative is not None:
                cell += f" (cross-check {v.alternative.method}: {v.alternative.readable}, {v.difference():+.1f}%)"
            cells.append(cell)
        cells += [f"{row.values[d].value / row.values[base].value:.3f}x" for d in others]
        rows.append(cells)
    footer = [f"not compared: {s}" for s in c.skipped]
    return Report(cols, rows, footer=footer)
