"""Entry point: the root app with every command module registered."""

from __future__ import annotations

from . import admin, analyze, browse, claimcmd, data  # noqa: F401  (they register their commands)
from ._app import app


def main() -> None:
    app()
