"""What every command shares: the database option, output options, and error conversion."""

from __future__ import annotations

import functools
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Iterator, Optional, Sequence

import typer

from chipdb.cli._app import app as root_app, record
from chipdb.domain.errors import ChipDBError


def _known_format(value: str | None) -> str | None:
    """``--format``: a name from the renderer registry, read when the command runs (a renderer
    registered later, by a plugin or a test, is accepted and listed by ``chipdb formats``)."""
    from chipdb.output.registry import renderers

    if value is None:
        return None
    name = value.lower()
    if name not in renderers():
        raise typer.BadParameter(f"{value!r} is not one of: {', '.join(renderers())}")
    return name


def format_option(*provides: str):
    """The ``--format`` option of a command whose report has the fields ``provides`` ("chart",
    "jsonld"): its help offers only the formats such a report can be shown in."""
    from chipdb.output.registry import formats_for

    return Annotated[Optional[str], typer.Option(
        "--format", "-f", metavar="[" + "|".join(formats_for(*provides)) + "]", callback=_known_format,
        help="Output format (default: from the --output file's extension, else table). See: chipdb formats.")]


def in_vocabulary(concept: str, choices: Sequence[str]):
    """A callback checking an option's word (each word of a repeatable one) against ``choices``, a
    vocabulary (chipdb.domain.vocab), before anything is opened: BF16 is bf16, anything else a
    usage error naming the alternatives."""

    def check(value):
        if isinstance(value, (list, tuple)):
            return [check(v) for v in value]
        if not value:
            return value
        word = value.strip().lower()
        if word not in choices:
            raise typer.BadParameter(f"{concept} {value!r} is not one of: {', '.join(choices)}")
        return word

    return check


def choice_option(type_, *names: str, choices: Sequence[str], help: str, concept: str = "", check: bool = True,
                  **kwargs):
    """An option whose value is a word of ``choices`` (shown as its metavar), checked when the
    command line is read unless ``check`` is false (a value another validator checks)."""
    callback = in_vocabulary(concept or names[0].lstrip("-"), choices) if check else None
    return Annotated[type_, typer.Option(*names, metavar="[" + "|".join(choices) + "]", help=help, callback=callback,
                                         **kwargs)]


DbOption = Annotated[
    Optional[str],
    typer.Option("--db", metavar="URL", help="SQLAlchemy database URL; overrides chipdb --db and "
                 "CHIPDB_DATABASE_URL. Default: chipdb.sqlite in the user data directory."),
]
FormatOption = format_option()
ChartFormatOption = format_option("chart")
MetricOption = Annotated[Optional[str], typer.Option(
    "--metric", "-m", help="The metric; may also be given as the argument after the device(s).")]


def one_metric(positional: str | None, option: str | None, required: bool = True,
               where: str = "after the device(s)") -> str | None:
    """METRIC given as an argument or as --metric (every command takes both forms), once."""
    from chipdb.domain.errors import UsageError

    if positional and option and positional != option:
        raise UsageError(f"two metrics given ({positional!r} and {option!r}): give one, as an argument or "
                         "with --metric", "metric")
    metric = positional or option
    if required and not metric:
        raise UsageError(f"which metric? give it {where} or with --metric "
                         "(compute, memory_capacity, memory_bandwidth, power, ...)", "metric")
    return metric


def given_metrics(positional: list[str], option: list[str] | None) -> list[str]:
    """The metrics of a command taking several, named among its arguments or with --metric
    (repeatable): one way, or both ways alike."""
    from chipdb.domain.errors import UsageError

    if positional and option and positional != option:
        raise UsageError(f"metrics given two ways ({', '.join(positional)} as arguments, {', '.join(option)} "
                         "with --metric): give them one way", "metric")
    return positional or list(option or [])


OutputOption = Annotated[
    Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the result to FILE instead of stdout.",
                                 dir_okay=False)
]


def command(app: typer.Typer, name: str | None = None, **kwargs):
    """Register ``fn`` as a command of ``app`` whose ChipDBErrors become ``Error: ...`` and an
    exit code, converted here (inside the command) so in-process tests see what users see."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kw):
            with cli_errors():
                return fn(*args, **kw)

        app.command(name, **kwargs)(wrapper)
        if app is root_app:
            record(name or fn.__name__.replace("_", "-"), fn.__module__)
        return fn

    return decorate


@contextmanager
def cli_errors() -> Iterator[None]:
    from sqlalchemy.exc import DBAPIError, ArgumentError

    try:
        yield
    except ChipDBError as exc:
        concept = getattr(exc, "concept", None)
        hint = f" (option --{concept.replace('_', '-')})" if concept else ""
        typer.echo(f"Error: {exc}{hint}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except ArgumentError as exc:
        typer.echo(f"Error: bad database URL: {exc}", err=True)
        raise typer.Exit(2) from None
    except DBAPIError as exc:
        typer.echo(f"Error: database error: {str(exc.orig).strip() or exc}", err=True)
        raise typer.Exit(1) from None
    except ModuleNotFoundError as exc:
        hint = "; for PostgreSQL: pip install 'chipdb[postgres]'" if (exc.name or "").startswith("psycopg") else ""
        typer.echo(f"Error: {exc}{hint}", err=True)
        raise typer.Exit(1) from None
    except BrokenPipeError:  # the reader went away (`chipdb ... | head`): stop quietly
        import os
        import sys

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except OSError as exc:
        typer.echo(f"Error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True)
        raise typer.Exit(1) from None


def database_url(ctx: typer.Context, db: str | None) -> str | None:
    """The command's --db, else the one given before the command, else None (env or default)."""
    if db:
        return db
    return (ctx.obj or {}).get("db") if ctx else None


def open_database(ctx: typer.Context, db: str | None):
    """The engine, with the database created, migrated and seeded first if it is new (the setup
    layer reports that on stderr)."""
    from chipdb.store.config import locate
    from chipdb.package.setup import open_ready

    return open_ready(locate(database_url(ctx, db)), report=lambda message: typer.echo(message, err=True))


@contextmanager
def reading(ctx: typer.Context, db: str | None) -> Iterator:
    """A connection in one transaction on the database, which is created, migrated and seeded
    first if it is new and empty."""
    from chipdb.store.db import session_scope

    engine = open_database(ctx, db)
    try:
        with session_scope(engine) as s:
            yield s
    finally:
        engine.dispose()


def writing(ctx: typer.Context, db: str | None, work):
    """Run ``work(conn)`` as one write transaction (retried while another writer holds the database)."""
    from chipdb.store.db import write

    engine = open_database(ctx, db)
    try:
        return write(engine, work)
    finally:
        engine.dispose()


def emit(report, fmt: str | None, output: Path | None) -> None:
    """Write ``report`` with the renderer ``fmt`` (or the one --output's extension names) to
    stdout or ``output``."""
    from chipdb.output.registry import write_report

    write_report(report, fmt, output)
