"""controls: TPP, PD and the ECCN 3A090 paragraph a device meets under the rules in force on a date."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from chipdb.output.reports import controls as reports
from chipdb.cli._app import app
from chipdb.cli.common import DbOption, FormatOption, OutputOption, command, emit, reading


@command(app, "controls")
def controls(ctx: typer.Context,
             devices: Annotated[list[str], typer.Argument(help="Devices (name, slug or alias); a system is "
                                                          "classified through its accelerators.")],
             as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", help=(
                 "Apply the rules in force on DATE (YYYY-MM-DD; default today); events after it are left out. "
                 "The chips' figures are the current preferred statements."))] = None,
             db: DbOption = None, fmt: FormatOption = None, output: OutputOption = None) -> None:
    """Export-control parameters (US ECCN 3A090): TPP and PD from sourced statements, the paragraph whose
    parameters each device meets under the rules in force, the margin to each line, and events such as
    licence letters. Compares published parameters with the rule's numbers; not legal advice."""
    from chipdb.analysis.controls import book as controlbook
    from chipdb.domain.errors import UsageError

    if as_of is not None:
        from chipdb.domain.dates import problem as date_problem

        if problem := date_problem(as_of):
            raise UsageError(f"--as-of: {problem}")
    with reading(ctx, db) as s:
        result = controlbook.controls(s, devices, as_of)
    emit(reports.controls_report(result), fmt, output)
