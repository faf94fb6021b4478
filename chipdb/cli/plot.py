"""plot compare|roofline|claims|timeline: charts as PNG or SVG (matplotlib, imported only here,
when the image is written)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from chipdb.cli._app import group
from chipdb.cli.analyze import AsOf, Precisions, Prefer, SourceKey, Sparsity, _options, compared
from chipdb.cli.common import (ChartFormatOption, DbOption, choice_option, command, emit, one_metric,
                              reading)
from chipdb.domain import vocab
from chipdb.store.lookup import metrics_among

plot_app = group("plot", help="Charts: comparison bars, rooflines, claims, release timeline (PNG or SVG).",
                 no_args_is_help=True)

ImageOutput = Annotated[Optional[Path], typer.Option(
    "--output", "-o", metavar="FILE", dir_okay=False,
    help="The image to write: FILE.png or FILE.svg (the extension picks the format).")]

RooflinePrecision = choice_option(str, "--precision", "-p", choices=vocab.PRECISIONS, help="Compute precision.")
TimelinePrecision = choice_option(Optional[str], "--precision", "-p", choices=vocab.PRECISIONS,
                                  help="Compute precision (default for compute: bf16).")
Kind = choice_option(str, "--kind", choices=(*vocab.DEVICE_KINDS, "all"), help="The devices drawn when none is named.")


def _emit(report, fmt: str | None, output: Path | None) -> None:
    from chipdb.domain.errors import UsageError

    if output is None and fmt is None:
        raise UsageError("a plot is written to a file: give -o FILE.png or -o FILE.svg (or --format svg for stdout)")
    emit(report, fmt, output)


@command(plot_app, "compare")
def plot_compare(ctx: typer.Context,
                 devices: Annotated[list[str], typer.Argument(metavar="DEVICE... [METRIC...]", help="Two or more devices, "
                                                              "then the metrics to plot if any (or --metric).")],
                 metric: Annotated[Optional[list[str]], typer.Option("--metric", "-m", help="A metric (repeatable). Default: every metric all the devices have.")] = None,
                 precision: Precisions = None,
                 sparsity: Sparsity = "dense",
                 baseline: Annotated[Optional[str], typer.Option("--baseline", help="The device the bars are divided by (default: the first).")] = None,
                 prefer: Prefer = "stated", source: SourceKey = None, as_of: AsOf = None,
                 db: DbOption = None, fmt: ChartFormatOption = None, output: ImageOutput = None) -> None:
    """Grouped bars of each metric relative to the baseline, labelled with value and ratio."""
    from chipdb.output.reports.analysis import compare_report

    c = compared(ctx, db, devices, metric, precision, sparsity, baseline, _options(prefer, source, as_of))
    if not c.rows:
        from chipdb.output.charts.reports import compare_chart

        compare_chart(c)  # says why there is nothing to plot
    _emit(compare_report(c), fmt, output)


@command(plot_app, "roofline")
def plot_roofline(ctx: typer.Context,
                  devices: Annotated[list[str], typer.Argument(help="One or more devices.")],
                  precision: RooflinePrecision,
                  sparsity: Sparsity = "dense", prefer: Prefer = "stated", source: SourceKey = None,
                  as_of: AsOf = None, db: DbOption = None, fmt: ChartFormatOption = None,
                  output: ImageOutput = None) -> None:
    """Attainable FLOP/s against arithmetic intensity (log axes), each device's ridge point marked."""
    from chipdb.analysis.series import roofline
    from chipdb.output.charts.reports import roofline_report

    options = _options(prefer, source, as_of)
    with reading(ctx, db) as s:
        points = roofline(s, devices, precision, sparsity, options)
    _emit(roofline_report(points, points[0].compute.quals.precision, sparsity), fmt, output)


@command(plot_app, "claims")
def plot_claims(ctx: typer.Context,
                keys: Annotated[Optional[list[str]], typer.Argument(help="Claim keys (default: every claim).")] = None,
                as_of: AsOf = None, source: SourceKey = None, prefer: Prefer = "stated",
                db: DbOption = None, fmt: ChartFormatOption = None, output: ImageOutput = None) -> None:
    """Per claim: the interval its words allow, the computed ratio (verdict colour), the range over readings."""
    from chipdb.claims.store import check_claims
    from chipdb.output.reports.claims import check_report

    options = _options(prefer, source, as_of)
    with reading(ctx, db) as s:
        results = check_claims(s, keys or None, options)
    if not results:
        from chipdb.domain.errors import NotFound

        raise NotFound("no claims to plot (chipdb claims list)")
    _emit(check_report(results), fmt, output)


@command(plot_app, "timeline")
def plot_timeline(ctx: typer.Context,
                  devices: Annotated[Optional[list[str]], typer.Argument(
                      metavar="[DEVICE...] [METRIC]", help="Devices (default: every device of --kind), and the metric "
                                                           "if not given with --metric.")] = None,
                  metric: Annotated[Optional[str], typer.Option("--metric", "-m", help="The metric, e.g. compute (default) or memory_bandwidth.")] = None,
                  precision: TimelinePrecision = None, sparsity: Sparsity = None, kind: Kind = "accelerator",
                  prefer: Prefer = "stated", source: SourceKey = None, as_of: AsOf = None,
                  db: DbOption = None, fmt: ChartFormatOption = None, output: ImageOutput = None) -> None:
    """Peak value against release date (log scale), one colour per vendor."""
    from chipdb.analysis.series import timeline
    from chipdb.domain.errors import UsageError
    from chipdb.output.charts.reports import timeline_report

    options = _options(prefer, source, as_of)
    with reading(ctx, db) as s:
        devices, named = metrics_among(s, devices or [])
        if len(named) > 1:
            raise UsageError(f"a timeline shows one metric, not {len(named)} ({', '.join(named)})", "metric")
        metric = one_metric(named[0] if named else None, metric, required=False) or "compute"
        if metric == "compute" and not precision:
            precision = "bf16"  # the precision peers compare; the chart's axis says which
        given = {"precision": precision or "", "sparsity": sparsity or ""}
        t = timeline(s, metric, given, devices or None, kind, options)
    _emit(timeline_report(t, t.points[0].value.quals), fmt, output)
