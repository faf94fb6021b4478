"""The chipdb data package itself, as one importer among the others."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection

from chipdb.package.csvformat import Package, read_package


def to_package(path: Path, conn: Connection, options) -> Package:
    return read_package(path)
