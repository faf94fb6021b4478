"""Entry point. Typer builds every registered command's parameters at each start, so ``main``
imports only the module of the command being run (all of them for help or an unknown name)."""

from __future__ import annotations

import importlib
import sys

from chipdb.cli._app import app

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


def main() -> None:
    load_commands(_command_name(sys.argv[1:]))
    app()
