"""site: the whole database as a static, self-contained HTML site."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chipdb.cli._app import app
from chipdb.cli.common import DbOption, command, reading


@command(app, "site")
def site(ctx: typer.Context,
         directory: Annotated[Path, typer.Argument(help="The folder to write the site into (new, empty, or a site written before, which is replaced).", file_okay=False)],
         charts: Annotated[bool, typer.Option("--charts/--no-charts", help="Draw the inline SVG charts (matplotlib).")] = True,
         db: DbOption = None) -> None:
    """Write a static HTML site: devices (sortable, filterable), a page per device and per claim
    (with schema.org ClaimReview), the article's comparison, and the data to download."""
    from chipdb.output.site import build_site

    with reading(ctx, db) as s:
        summary = build_site(s, directory, charts=charts)
    typer.echo(summary.text(), err=True)
    typer.echo(str(Path(directory) / "index.html"))
