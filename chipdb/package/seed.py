"""Loading the shipped seeds (``seeds/``, a data package) into a database."""

from __future__ import annotations

from sqlalchemy import Connection

from pathlib import Path


from chipdb.store.config import package_dir
from chipdb.package.load import LoadReport, load_package
from chipdb.package.csvformat import read_package


def seeds_dir() -> Path:
    return package_dir("seeds")


def load_seeds(conn: Connection, path: Path | None = None) -> LoadReport:
    folder = path or seeds_dir()
    return load_package(conn, read_package(folder), origin="seeds" if path is None else str(folder))
