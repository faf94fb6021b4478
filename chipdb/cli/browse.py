"""Read commands over devices and sources: list, show, sources."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import queries
from ..render import Report
from .common import DbOption, Format, FormatOption, OutputOption, command, emit, reading

from ._app import app

sources_app = typer.Typer(help="The documents every number is read from.")
app.add_typer(sources_app, name="sources")


@command(app, "list")
def list_devices(ctx: typer.Context, db: DbOption = None, fmt: FormatOption = Format.table,
                 output: OutputOption = None) -> None:
    """List the devices: slug, name, kind, vendor, aliases."""
    with reading(ctx, db) as s:
        rows = [[d.slug, d.name, d.kind, d.vendor_name, d.family, d.released, ", ".join(aliases)]
                for d, aliases in queries.list_devices(s)]
    emit(Report(["slug", "name", "kind", "vendor", "family", "released", "aliases"], rows), fmt, output)


@command(app, "show")
def show(ctx: typer.Context,
         device: Annotated[str, typer.Argument(help="A device name, slug or alias, e.g. H100 or 'CloudMatrix 384'.")],
         metric: Annotated[str, typer.Option("--metric", "-m", help="Only this metric.")] = "",
         db: DbOption = None, fmt: FormatOption = Format.table, output: OutputOption = None) -> None:
    """Every statement about a device: metric, qualifiers, value, as printed, source, rank."""
    with reading(ctx, db) as s:
        dev = queries.find_device(s, device)
        if metric:
            queries.find_metric(s, metric)
        views = queries.device_statements(s, dev, metric or None)
        parts = queries.device_components(s, dev)
    data = {"device": dev.slug, "name": dev.name, "kind": dev.kind, "vendor": dev.vendor_key,
            "components": [vars(p) for p in parts], "statements": [v.as_json() for v in views]}
    if fmt is Format.csv:  # one row per statement, every field, numbers in SI units
        fields = list(views[0].as_json()) if views else ["metric"]
        emit(Report(fields, [list(s.values()) for s in data["statements"]]), fmt, output)
        return
    rows = [[v.metric, v.qualifiers, v.readable, v.printed, v.status, v.rank, v.source, v.locator] for v in views]
    cols = ["metric", "qualifiers", "value", "as printed", "status", "rank", "source", "locator"]
    emit(Report(cols, rows, data=data, title=f"{dev.name} ({dev.slug}, {dev.kind}, {dev.vendor_name})",
                footer=[f"component: {p.count} x {p.part_name} ({p.part}), source {p.source}" for p in parts]),
         fmt, output)


@sources_app.callback(invoke_without_command=True)
def sources(ctx: typer.Context, db: DbOption = None, fmt: FormatOption = Format.table,
            output: OutputOption = None) -> None:
    """List the sources: key, kind, publisher, date, statements citing it."""
    if ctx.invoked_subcommand:
        return
    from .common import cli_errors

    with cli_errors():
        with reading(ctx, db) as s:
            rows = [[src.key, src.kind, src.publisher, src.published, n, src.title, src.url]
                    for src, n in queries.list_sources(s)]
        emit(Report(["key", "kind", "publisher", "published", "statements", "title", "url"], rows), fmt, output)


@command(sources_app, "show")
def source_show(ctx: typer.Context, key: Annotated[str, typer.Argument(help="A source key (see chipdb sources).")],
                db: DbOption = None, fmt: FormatOption = Format.table, output: OutputOption = None) -> None:
    """One source: its details and every statement read from it."""
    with reading(ctx, db) as s:
        src, views = queries.source_statements(s, key)
    info = {k: getattr(src, k) for k in ("key", "title", "publisher", "url", "published", "retrieved", "kind", "note")}
    title = "\n".join(f"{k}: {v}" for k, v in info.items() if v) + "\n"
    rows = [[v.device, v.metric, v.qualifiers, v.readable, v.printed, v.rank, v.locator] for v in views]
    emit(Report(["device", "metric", "qualifiers", "value", "as printed", "rank", "locator"], rows,
                data={**info, "statements": [v.as_json() for v in views]}, title=title), fmt, output)

