"""Read commands over devices and sources: list, show, sources."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from chipdb.store import views as db_views
from chipdb.store.lookup import find_device, find_metric
from chipdb.output.reports import browse as reports
from chipdb.cli.common import DbOption, FormatOption, OutputOption, command, emit, one_metric, reading

from chipdb.cli._app import app, group

sources_app = group("sources", help="The documents every number is read from.")


@command(app, "list")
def list_devices(ctx: typer.Context, db: DbOption = None, fmt: FormatOption = None,
                 output: OutputOption = None) -> None:
    """List the devices: slug, name, kind, vendor, aliases."""
    with reading(ctx, db) as s:
        devices = db_views.list_devices(s)
    emit(reports.devices_report(devices), fmt, output)


@command(app, "show")
def show(ctx: typer.Context,
         device: Annotated[str, typer.Argument(help="A device name, slug or alias, e.g. H100 or 'CloudMatrix 384'.")],
         metric_arg: Annotated[Optional[str], typer.Argument(metavar="[METRIC]", help="Only this metric (or --metric).", show_default=False)] = None,
         metric: Annotated[str, typer.Option("--metric", "-m", help="Only this metric.")] = "",
         db: DbOption = None, fmt: FormatOption = None, output: OutputOption = None) -> None:
    """Every statement about a device: metric, qualifiers, value, as printed, source, rank."""
    metric = one_metric(metric_arg, metric, required=False) or ""
    with reading(ctx, db) as s:
        dev = find_device(s, device)
        if metric:
            find_metric(s, metric)
        views = db_views.device_statements(s, dev, metric or None)
        parts = db_views.device_components(s, dev)
    emit(reports.device_report(dev, views, parts), fmt, output)


@command(app, "formats")
def formats(fmt: FormatOption = None, output: OutputOption = None) -> None:
    """The output formats --format takes (the renderer registry), with the file extensions that select them."""
    from chipdb.output.registry import Report, renderers

    rows = [[r.name, " ".join(r.extensions), "file only" if r.binary else "stdout or file", r.help]
            for r in renderers().values()]
    emit(Report(["format", "extensions", "writes to", "what"], rows), fmt, output)


@sources_app.callback(invoke_without_command=True)
def sources(ctx: typer.Context, db: DbOption = None, fmt: FormatOption = None,
            output: OutputOption = None) -> None:
    """List the sources: key, kind, publisher, date, statements citing it."""
    if ctx.invoked_subcommand:
        return
    from chipdb.cli.common import cli_errors

    with cli_errors():
        with reading(ctx, db) as s:
            found = db_views.list_sources(s)
        emit(reports.sources_report(found), fmt, output)


@command(sources_app, "show")
def source_show(ctx: typer.Context, key: Annotated[str, typer.Argument(help="A source key (see chipdb sources).")],
                db: DbOption = None, fmt: FormatOption = None, output: OutputOption = None) -> None:
    """One source: its details and every statement read from it."""
    with reading(ctx, db) as s:
        src, views = db_views.source_statements(s, key)
    emit(reports.source_report(src, views), fmt, output)
