"""Loading the shipped seeds (``seeds/``, a data package) into a database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from .config import package_dir
from .load import LoadReport, load_package
from .package import read_package


def seeds_dir() -> Path:
    return package_dir("seeds")


def load_seeds(session: Session, path: Path | None = None) -> LoadReport:
    folder = path or seeds_dir()
    return load_package(session, read_package(folder), origin="seeds" if path is None else str(folder))
