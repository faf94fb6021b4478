"""Entry point. The hottest read commands are answered first by ``chipdb.cli.fast`` when it can,
without Typer or SQLAlchemy; otherwise Typer runs. Typer builds every registered command's
parameters at each start, so ``main`` imports only the module of the command being run (all of
them for help or an unknown name)."""

from __future__ import annotations

import importlib
import sys

MODULES = {
    "list": "browse", "show": "browse", "sources": "browse", "formats": "browse",
    "trace": "analyze", "ratio": "analyze", "compare": "analyze",
    "claims": "claimcmd", "check": "claimcmd",
    "import": "data", "export": "data", "history": "data", "audit": "data",
    "db": "admin", "seed": "admin",
    "controls": "controls",
    "identify": "runtime", "measure": "runtime",
    "plot": "plot", "site": "publish",
}
_ROOT_OPTIONS_WITH_VALUE = {"--db"}


def load_commands(name: str | None = None):
    """Register the command module for ``name``, or every module; returns the app."""
    from chipdb.cli._app import app

    modules = [MODULES[name]] if name in MODULES else sorted(set(MODULES.values()))
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
