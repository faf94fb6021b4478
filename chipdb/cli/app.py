"""Entry point. The hottest read commands are answered first by ``chipdb.cli.fast`` when it can,
without Typer or SQLAlchemy; otherwise Typer runs. Typer builds every registered command's
parameters at each start, so ``main`` imports only the module of the command being run
(``cli/index.py`` says which), and every command module for help or a name the index does not
know."""

from __future__ import annotations

import importlib
import pkgutil
import sys

from chipdb.cli.index import COMMANDS

_ROOT_OPTIONS_WITH_VALUE = {"--db"}
_NOT_COMMANDS = {"app", "common", "index", "fast"}


def command_modules() -> list[str]:
    """Every module of ``chipdb/cli/`` that may register commands (found without importing them)."""
    return sorted(m.name for m in pkgutil.iter_modules(sys.modules[__package__].__path__)
                  if not m.name.startswith("_") and m.name not in _NOT_COMMANDS)


def load_commands(name: str | None = None):
    """Register the command module for ``name``, or every module; returns the app."""
    from chipdb.cli._app import app

    modules = [COMMANDS[name]] if name in COMMANDS else command_modules()
    for module in modules:
        importlib.import_module(f"{__package__}.{module}")
    return app


def _command_name(args: list[str]) -> str | None:
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _ROOT_OPTIONS_WITH_VALUE:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def __getattr__(name: str):
    if name == "app":  # the Typer application, imported when asked for
        from chipdb.cli._app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    from chipdb.cli.fast import run

    if run(sys.argv[1:]):
        return
    load_commands(_command_name(sys.argv[1:]))()
