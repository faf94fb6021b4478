"""The data-package format shared by ``seeds/``, ``chipdb import`` and ``chipdb export``.

A package is a directory of CSV files, one per table, named ``<table>.csv``, whose header row
names the columns (a single ``<table>.csv`` file is a package too). References between tables
use natural keys (a device's slug, a source's key), never database ids. Every table need not be
present: a reference may name a row the database already holds.

This module describes the tables and reads and checks a package; ``chipdb.load`` writes it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import claimspec, vocab
from .errors import ValidationProblem


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False
    kind: str = "text"  # text | int | float | bool | date
    choices: tuple[str, ...] = ()
    ref: str = ""  # the table whose key this column names
    attr: str = ""  # the model attribute, when it differs from the column name


@dataclass(frozen=True)
class Table:
    name: str  # the table, and its file <name>.csv
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # natural key, in column names
    key_attr: str = ""  # for referenced tables: the database column holding the key
    match: tuple[str, ...] = ()  # database columns a row is matched on when written (default: the key's)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _quals() -> tuple[Column, ...]:
    return tuple(Column(q, choices=vocab.QUALIFIER_VALUES[q]) for q in vocab.QUALIFIERS)


TABLES: tuple[Table, ...] = (
    Table("vendors", (Column("key", True), Column("name", True), Column("url")),
          ("key",), "key"),
    Table("sources", (
        Column("key", True), Column("title", True), Column("publisher"), Column("url"),
        Column("published", kind="date"), Column("retrieved", kind="date"),
        Column("kind", True, choices=vocab.SOURCE_KINDS), Column("note"),
    ), ("key",), "key"),
    Table("metrics", (
        Column("key", True), Column("name", True),
        Column("dimension", True, choices=vocab.STORED_DIMENSIONS), Column("unit"),
        Column("additive", True, kind="bool"), Column("qualifiers"), Column("description"),
    ), ("key",), "key"),
    Table("devices", (
        Column("slug", True), Column("name", True), Column("vendor", True, ref="vendors", attr="vendor_id"),
        Column("kind", True, choices=vocab.DEVICE_KINDS), Column("family"),
        Column("released", kind="date"), Column("note"),
    ), ("slug",), "slug"),
    Table("aliases", (
        Column("device", True, ref="devices", attr="device_id"), Column("alias", True),
    ), ("alias",), match=("alias_key",)),
    Table("components", (
        Column("system", True, ref="devices", attr="system_id"),
        Column("part", True, ref="devices", attr="part_id"),
        Column("count", True, kind="int"),
        Column("source", True, ref="sources", attr="source_id"), Column("locator", True), Column("note"),
    ), ("system", "part")),
    Table("rules", (
        Column("key", True), Column("name", True), Column("metric", True, ref="metrics", attr="metric_id"),
        Column("qualifier", True, choices=vocab.QUALIFIERS),
        Column("from", True, attr="from_value"), Column("to", True, attr="to_value"),
        Column("factor", True, kind="float"),
        Column("source", True, ref="sources", attr="source_id"), Column("locator", True), Column("note"),
    ), ("key",), "key"),
    Table("rule_devices", (
        Column("rule", True, ref="rules", attr="rule_id"),
        Column("device", True, ref="devices", attr="device_id"),
        Column("source", True, ref="sources", attr="source_id"), Column("locator", True),
    ), ("rule", "device")),
    Table("statements", (
        Column("device", True, ref="devices", attr="device_id"),
        Column("metric", True, ref="metrics", attr="metric_id"),
        *_quals(),
        Column("value", attr="value_printed"), Column("unit", attr="unit_printed"),
        Column("status", True, choices=vocab.STATUSES),
        Column("source", True, ref="sources", attr="source_id"), Column("locator", True),
        Column("rank", choices=vocab.RANKS), Column("reason"), Column("note"),
    ), ("device", "metric", *vocab.QUALIFIERS, "source")),
    Table("history", (  # earlier values of statements, which an import replaced
        Column("device", True, ref="devices"), Column("metric", True, ref="metrics"), *_quals(),
        Column("source", True, ref="sources"),
        Column("value"), Column("unit"), Column("status", True, choices=vocab.STATUSES), Column("locator"),
        Column("rank", choices=vocab.RANKS), Column("reason"), Column("note"),
        Column("replaced_at", True), Column("replaced_by", True), Column("loaded_at"), Column("loaded_by"),
    ), ("device", "metric", *vocab.QUALIFIERS, "source", "replaced_at", "replaced_by", "value", "unit")),
    Table("claims", (
        Column("key", True), Column("text", True),
        Column("source", True, ref="sources", attr="source_id"), Column("locator", True),
        Column("subject", True, ref="devices", attr="subject_id"),
        Column("baseline", True, ref="devices", attr="baseline_id"),
        Column("metric", True), *_quals(),
        Column("kind", True, choices=claimspec.KINDS), Column("stated", True),
        Column("tolerance", kind="float"), Column("wording", choices=claimspec.WORDINGS),
        Column("assumptions"), Column("basis"), Column("note"),
    ), ("key",), "key"),
    # export controls (ECCN 3A090): the rules, each line of them, and events outside them
    Table("control_rules", (
        Column("key", True), Column("title", True), Column("source", True, ref="sources", attr="source_id"),
        Column("published", kind="date"), Column("effective", kind="date"), Column("supersedes"), Column("note"),
    ), ("key",), "key"),
    Table("control_thresholds", (
        Column("rule", True, ref="control_rules", attr="rule_id"), Column("paragraph", True), Column("clause", True),
        Column("parameter", True, choices=vocab.CONTROL_PARAMETERS),
        Column("comparison", True, choices=vocab.CONTROL_COMPARISONS),
        Column("value", True), Column("unit"),
        Column("source", True, ref="sources", attr="source_id"), Column("locator", True), Column("note"),
    ), ("rule", "paragraph", "clause", "parameter", "comparison")),
    Table("control_events", (
        Column("device", True, ref="devices", attr="device_id"), Column("date", True, kind="date"),
        Column("what", True), Column("source", True, ref="sources", attr="source_id"), Column("locator", True),
        Column("note"),
    ), ("device", "date", "source")),
)
TABLES_BY_NAME = {t.name: t for t in TABLES}

_TRUE, _FALSE = ("true", "yes", "1"), ("false", "no", "0")


@dataclass
class Row:
    """One data row of a package file: its cells by column name, and where it stands."""

    table: str
    file: str
    line: int | None  # None for a row that came from an option, not a file
    cells: dict[str, str]
    value: float | None = None  # a statement's value in its metric's canonical unit, once checked

    def key(self, table: Table) -> tuple[str, ...]:
        return tuple(self.cells.get(c, "") for c in table.key)


@dataclass
class Package:
    """The rows of a package, by table, in file order; and the problems found reading them."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    problems: list[ValidationProblem] = field(default_factory=list)

    def problem(self, file: str, line: int | None, column: str | None, message: str) -> None:
        self.problems.append(ValidationProblem(file, line, column, message))


def read_package(path: Path) -> Package:
    """Read every table file of a package (a directory, or one ``<table>.csv``) and check each
    cell on its own: encoding, CSV syntax, header, required cells, choices and types."""
    pkg = Package()
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.csv"))
        if not files:
            pkg.problem(str(path), None, None, "no <table>.csv files here; expected some of: "
                        + ", ".join(f"{t.name}.csv" for t in TABLES))
    elif path.is_file():
        files = [path]
    else:
        pkg.problem(str(path), None, None, "no such file or directory")
        files = []
    for file in files:
        table = TABLES_BY_NAME.get(file.stem)
        if table is None:
            pkg.problem(str(file), None, None, "unknown table file; name it one of: "
                        + ", ".join(f"{t.name}.csv" for t in TABLES))
            continue
        pkg.rows[table.name] = _read_table(pkg, file, table)
    return pkg


def _read_table(pkg: Package, file: Path, table: Table) -> list[Row]:
    name = str(file)
    data = file.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        pkg.problem(name, line, None, f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8")
        return []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
    try:
        header = next(reader, None)
        if header is None:
            pkg.problem(name, 1, None, "empty file; the first line must name the columns")
            return []
        header = [h.strip() for h in header]
        known = set(table.column_names)
        for col in header:
            if col not in known:
                pkg.problem(name, 1, col, f"unknown column; {table.name}.csv has: {', '.join(table.column_names)}")
        for col in table.columns:
            if col.required and col.name not in header:
                pkg.problem(name, 1, col.name, "required column is missing from the header")
        if len(set(header)) != len(header):
            pkg.problem(name, 1, None, "a column is named twice in the header")
        width, all_known = len(header), all(h in known for h in header)
        for cells in reader:
            line = reader.line_num
            if len(cells) != width:
                if not "".join(cells).strip():
                    continue  # a blank line
                pkg.problem(name, line, None, f"{len(cells)} fields, but the header has {width}; "
                            "quote cells that contain commas")
                continue
            values = dict(zip(header, cells)) if all_known else {h: c for h, c in zip(header, cells) if h in known}
            if not "".join(cells).strip():
                continue
            row = Row(table.name, name, line, values)
            check_cells(pkg, table, row)
            rows.append(row)
    except csv.Error as exc:
        pkg.problem(name, reader.line_num, None, f"malformed CSV ({exc}); check the quoting")
    return rows


def check_cells(pkg: Package, table: Table, row: Row) -> None:
    cells = row.cells
    for col in table.columns:
        value = cells.get(col.name, "")
        if value and (value[0].isspace() or value[-1].isspace()):
            value = cells[col.name] = value.strip()
        if not value:
            if col.required:
                pkg.problem(row.file, row.line, col.name, "required value is empty")
            continue
        if col.choices:
            if value not in col.choices:
                pkg.problem(row.file, row.line, col.name, f"{value!r} is not one of: {', '.join(col.choices)}")
        elif col.kind != "text":
            _check_typed(pkg, row, col, value)


def _check_typed(pkg: Package, row: Row, col: Column, value: str) -> None:
    if col.kind == "int":
        if not value.isdigit() or int(value) <= 0:
            pkg.problem(row.file, row.line, col.name, f"{value!r} is not a whole number above 0")
    elif col.kind == "float":
        try:
            number = float(value)
        except ValueError:
            number = float("nan")
        if not (number == number and abs(number) != float("inf") and number > 0):
            pkg.problem(row.file, row.line, col.name, f"{value!r} is not a finite number above 0")
    elif col.kind == "bool" and value.lower() not in _TRUE + _FALSE:
        pkg.problem(row.file, row.line, col.name, f"{value!r} is not true or false")
    elif col.kind == "date" and (problem := vocab.date_problem(value)):
        pkg.problem(row.file, row.line, col.name, problem)


def parse_bool(value: str) -> bool:
    return value.strip().lower() in _TRUE
