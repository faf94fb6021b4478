"""trace, ratio, compare: resolved values with their lineage."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from chipdb.output.reports import analysis as reports
from chipdb.cli._app import app
from chipdb.cli.common import (ChartFormatOption, DbOption, FormatOption, MetricOption, OutputOption, choice_option,
                              command, emit, given_metrics, one_metric, reading)
from chipdb.domain import vocab
from chipdb.store.lookup import metrics_among

Precision = choice_option(Optional[str], "--precision", "-p", choices=vocab.PRECISIONS, help="Compute precision.")
Precisions = choice_option(Optional[list[str]], "--precision", "-p", choices=vocab.PRECISIONS,
                           help="Compute precision (repeatable). Default: every precision all the devices have.")
Sparsity = choice_option(Optional[str], "--sparsity", "-s", choices=vocab.SPARSITIES,
                         help="Dense or sparse figures (default: dense).", show_default=False)
Engine = choice_option(Optional[str], "--engine", choices=vocab.ENGINES, help="matrix: tensor/cube units (default).")
Direction = choice_option(Optional[str], "--direction", choices=vocab.DIRECTIONS, help="Link direction.")
Prefer = choice_option(str, "--prefer", choices=vocab.PREFERENCES,
                       help="For a system with a stated and a derived total: which to use.")
SourceKey = Annotated[Optional[list[str]], typer.Option(
    "--source", metavar="KEY", help="Wherever this source has a statement, use it instead of the preferred one "
                                    "(repeatable: the first source that has a value wins; see chipdb sources).")]
BasisOpt = choice_option(str, "--basis", choices=vocab.BASES, help="published: peaks (default); measured: throughput "
                         "a benchmark reached (chipdb measure, published MAMF tables).")
AsOf = Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", help="Use only sources published on or before DATE (YYYY-MM-DD).")]
MetricArg = Annotated[Optional[str], typer.Argument(show_default=False, help="compute, memory_capacity, memory_bandwidth, power, scaleup_bandwidth, ... "
                                          "or a derived metric: compute_per_watt, bytes_per_flop, ridge_point; "
                                          "for trace also tpp, pd (export-control TPP and PD). Or give it with --metric.")]


def _options(prefer: str, source: list[str] | None, as_of: str | None, basis: str = "published"):
    """Checked here, before the database is opened."""
    from chipdb.domain.resolve import Options

    return Options(prefer=prefer, sources=tuple(source or ()), as_of=as_of, basis=basis)


def _given(precision, sparsity, engine, direction) -> dict[str, str]:
    return {"precision": precision or "", "sparsity": sparsity or "", "engine": engine or "", "direction": direction or ""}


@command(app, "trace")
def trace(ctx: typer.Context, device: Annotated[str, typer.Argument(help="Device name, slug or alias.")],
          metric: MetricArg = None, metric_option: MetricOption = None, precision: Precision = None, sparsity: Sparsity = None, engine: Engine = None,
          direction: Direction = None, prefer: Prefer = "stated", source: SourceKey = None, as_of: AsOf = None,
          basis: BasisOpt = "published", db: DbOption = None, fmt: FormatOption = None,
          output: OutputOption = None) -> None:
    """Resolve one value and show where it comes from, as a tree: statements, components, rules."""
    from chipdb.analysis import values as analysis

    metric = one_metric(metric, metric_option)
    options = _options(prefer, source, as_of, basis)
    with reading(ctx, db) as s:
        r = analysis.trace(s, device, metric, _given(precision, sparsity, engine, direction), options)
    emit(reports.trace_report(r), fmt, output)


@command(app, "ratio")
def ratio(ctx: typer.Context, a: Annotated[str, typer.Argument(help="Numerator device.")],
          b: Annotated[str, typer.Argument(help="Denominator device.")], metric: MetricArg = None,
          metric_option: MetricOption = None,
          precision: Precision = None, sparsity: Sparsity = None, engine: Engine = None, direction: Direction = None,
          prefer: Prefer = "stated", source: SourceKey = None, as_of: AsOf = None, basis: BasisOpt = "published",
          db: DbOption = None, fmt: FormatOption = None, output: OutputOption = None) -> None:
    """A / B for one metric on the same qualifiers (dense unless --sparsity sparse), with both traces."""
    from chipdb.analysis import values as analysis

    metric = one_metric(metric, metric_option)
    options = _options(prefer, source, as_of, basis)
    with reading(ctx, db) as s:
        r = analysis.ratio(s, a, b, metric, _given(precision, sparsity, engine, direction), options)
    emit(reports.ratio_report(r), fmt, output)


@command(app, "compare")
def compare(ctx: typer.Context,
            devices: Annotated[list[str], typer.Argument(metavar="DEVICE... [METRIC...]", help="Two or more devices, then "
                                                         "the metrics to compare if any (or --metric).")],
            metric: Annotated[Optional[list[str]], typer.Option("--metric", "-m", help="A metric to compare (repeatable). Default: every metric all the devices have.")] = None,
            precision: Precisions = None, sparsity: Sparsity = "dense",
            baseline: Annotated[Optional[str], typer.Option("--baseline", help="The device the ratio columns divide by (default: the first).")] = None,
            prefer: Prefer = "stated", source: SourceKey = None, as_of: AsOf = None,
            db: DbOption = None, fmt: ChartFormatOption = None, output: OutputOption = None) -> None:
    """A comparison table: one row per metric and qualifiers, a column per device, ratios to a baseline."""
    c = compared(ctx, db, devices, metric, precision, sparsity, baseline, _options(prefer, source, as_of))
    emit(reports.compare_report(c), fmt, output)


def compared(ctx: typer.Context, db: str | None, words: list[str], metric: list[str] | None, precision: list[str] | None,
             sparsity: str, baseline: str | None, options):
    """The comparison ``compare`` and ``plot compare`` show: devices and metrics read from the
    arguments (a metric's key among them is a metric), then compared in one read."""
    from chipdb.analysis import values as analysis

    with reading(ctx, db) as s:
        devices, named = metrics_among(s, words)
        return analysis.compare(s, devices, given_metrics(named, metric), precision or [], baseline, options, sparsity)
