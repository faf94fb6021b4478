"""The root Typer application. A command module registers its commands on it with
``common.command`` and its command groups with ``group``; each registration is recorded in
``REGISTERED`` (command name -> module), which ``cli/index.py`` must match (a test checks)."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from chipdb import __version__

REGISTERED: dict[str, str] = {}  # a top-level command or group -> the module that registered it


class _IndexOrder(TyperGroup):
    """Help lists the commands in the index's order (reading first, writing and admin last)."""

    def list_commands(self, ctx) -> list[str]:
        from chipdb.cli.index import COMMANDS

        order = {name: i for i, name in enumerate(COMMANDS)}
        return sorted(self.commands, key=lambda name: (order.get(name, len(order)), name))


app = typer.Typer(
    name="chipdb",
    help="AI accelerator and rack-system specifications, every number traced to its source.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=_IndexOrder,
)


def record(name: str, module: str) -> None:
    if REGISTERED.get(name, module) != module:
        raise RuntimeError(f"command {name!r} is registered by both {REGISTERED[name]} and {module}")
    REGISTERED[name] = module


def group(name: str, help: str, **kwargs) -> typer.Typer:
    """A command group (``chipdb NAME SUBCOMMAND``) registered by the calling module."""
    sub = typer.Typer(help=help, **kwargs)
    app.add_typer(sub, name=name)
    record(name, sys._getframe(1).f_globals["__name__"])
    return sub


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
