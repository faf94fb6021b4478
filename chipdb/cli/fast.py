"""A pre-dispatch for the hottest read commands (``show``, ``list``) that answers before Typer
and SQLAlchemy are imported, through ``chipdb.store.fastread``.

Typer still defines the CLI: this module recognises only plain spellings of those commands'
options (tests/test_fastpath.py checks each is one Typer declares), and on anything else (help,
``--output``, an unusual spelling, an unknown device, a database to create or migrate) it
declines and the Typer command runs, so the output and the errors are that command's own. It
builds the same records and the same ``Report`` and writes them with the same renderer, so its
output is byte-identical (the same test compares both paths on SQLite and PostgreSQL).
"""

from __future__ import annotations

import io
import sys

# command -> its positional arguments. `list` is not answered here: its release dates come from
# sourced statements (store/views.release_dates), which the catalogue does not compile.
COMMANDS = {"show": 1}
OPTIONS = {  # command -> option spelling -> parameter
    "show": {"--db": "db", "--format": "fmt", "-f": "fmt", "--metric": "metric", "-m": "metric"},
}
FORMATS = ("table", "csv", "json", "markdown")  # built-in text renderers, named as the registry names them


def parse(argv: list[str]) -> tuple[str, list[str], dict[str, str], str | None] | None:
    """(command, positionals, options, root --db) for a plain spelling of a fast command, else None."""
    args = list(argv)
    root_db = None
    if args[:1] == ["--db"] and len(args) >= 2:
        root_db, args = args[1], args[2:]
    if not args or args[0] not in COMMANDS:
        return None
    command, rest = args[0], args[1:]
    positionals: list[str] = []
    options: dict[str, str] = {}
    while rest:
        token = rest.pop(0)
        if token.startswith("-"):
            name = OPTIONS[command].get(token)
            if name is None or name in options or not rest or not rest[0] or rest[0].startswith("-"):
                return None
            options[name] = rest.pop(0)
        elif token:
            positionals.append(token)
        else:
            return None
    if len(positionals) != COMMANDS[command] or options.get("fmt", "table") not in FORMATS:
        return None
    if root_db is not None and (not root_db or root_db.startswith("-")):
        return None
    return command, positionals, options, root_db


def run(argv: list[str]) -> bool:
    """Answer ``argv`` on the fast path and return True, or return False having written nothing."""
    parsed = parse(argv)
    if parsed is None:
        return False
    command, positionals, options, root_db = parsed
    from chipdb.store.config import locate
    from chipdb.store.fastread import Reader, Unavailable

    try:
        with Reader(locate(options.get("db") or root_db).url) as reader:
            report = _show(reader, positionals[0], options.get("metric"))
    except Unavailable:
        return False
    if report is None:
        return False
    from chipdb.output.registry import RENDERERS

    buffer = io.StringIO()
    RENDERERS[options.get("fmt", "table")].write(report, buffer)
    try:
        sys.stdout.write(buffer.getvalue())
        sys.stdout.flush()
    except BrokenPipeError:  # as chipdb.cli.common.cli_errors: the reader went away, stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return True


def _show(reader, name: str, metric: str | None):
    from chipdb.domain.records import DeviceInfo
    from chipdb.output.reports.browse import device_report
    from chipdb.store.rows import ComponentView, device_params, sorted_statements

    found = {d.id: d for d in (DeviceInfo(*row) for row in reader.rows("device", **device_params(name)))}
    if len(found) != 1 or (metric and not reader.rows("metric", key=metric)):
        return None  # ambiguous or unknown: the normal path says so, with suggestions
    dev = next(iter(found.values()))
    if metric:
        views = sorted_statements(reader.rows("statements_of_metric", device_id=dev.id, metric=metric))
    else:
        views = sorted_statements(reader.rows("statements", device_id=dev.id))
    parts = [ComponentView(*row) for row in reader.rows("components", system_id=dev.id)]
    return device_report(dev, views, parts)


