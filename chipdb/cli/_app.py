"""The root Typer application; command modules register on it."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from chipdb import __version__

app = typer.Typer(
    name="chipdb",
    help="AI accelerator and rack-system specifications, every number traced to its source.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"chipdb {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[Optional[str], typer.Option("--db", metavar="URL", help=(
        "SQLAlchemy database URL (sqlite:///FILE or postgresql+psycopg://USER@HOST/DB). "
        "Default: $CHIPDB_DATABASE_URL, else chipdb.sqlite in the user data directory, "
        "created and seeded on first use."))] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    ctx.obj = {"db": db}
