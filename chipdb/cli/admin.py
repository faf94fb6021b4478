"""Commands that change the database: db upgrade/current, seed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from chipdb.cli._app import app, group
from chipdb.cli.common import DbOption, command, database_url

db_app = group("db", help="The database schema: upgrade it, or show its revision.", no_args_is_help=True)


def _engine(ctx: typer.Context, db: str | None):
    from chipdb.store.config import locate
    from chipdb.package.setup import engine_for

    return engine_for(locate(database_url(ctx, db)))


@command(db_app, "upgrade")
def db_upgrade(ctx: typer.Context, revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
               db: DbOption = None) -> None:
    """Create or migrate the schema to REVISION (default: the newest). A database that holds data
    gets the seed data shipped with this chipdb as well (your own rows are kept)."""
    from chipdb.package.setup import seed_summary, setup_lock, upgrade_with_seeds
    from chipdb.store.migrate import current

    engine = _engine(ctx, db)
    with setup_lock(engine):
        loaded = upgrade_with_seeds(engine, revision)
    typer.echo(f"schema at revision {current(engine)}", err=True)
    if loaded is not None:
        typer.echo(f"loaded the seed data shipped with this chipdb: {seed_summary(loaded)}; your own rows are kept",
                   err=True)


@command(db_app, "current")
def db_current(ctx: typer.Context, db: DbOption = None) -> None:
    """Show the schema revision of the database, and the one this chipdb needs."""
    from chipdb.store.db import HEAD_REVISION, schema_revision

    rev = schema_revision(_engine(ctx, db))
    state = "up to date" if rev == HEAD_REVISION else f"this chipdb needs {HEAD_REVISION}"
    typer.echo(f"{rev or '(no chipdb schema)'} ({state})")


@command(app, "seed")
def seed(ctx: typer.Context,
         path: Annotated[Optional[Path], typer.Argument(help="A seeds directory (default: the seeds shipped with chipdb).")] = None,
         db: DbOption = None) -> None:
    """Load the sourced seed data. Validated first, written in one transaction; twice is once."""
    from chipdb.store.db import write
    from chipdb.package.seed import load_seeds

    from chipdb.store.config import locate
    from chipdb.package.setup import open_ready

    engine = open_ready(locate(database_url(ctx, db)), report=lambda message: typer.echo(message, err=True), seed=False)
    report = write(engine, lambda s: load_seeds(s, path))
    typer.echo(report.summary(), err=True)
