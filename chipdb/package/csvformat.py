"""The data-package format shared by ``seeds/``, ``chipdb import`` and ``chipdb export``.

A package is a directory of CSV files, one per table, named ``<table>.csv``, whose header row
names the columns (a single ``<table>.csv`` file is a package too). References between tables
use natural keys (a device's slug, a source's key), never database ids. Every table need not be
present: a reference may name a row the database already holds.

This module describes the tables and reads and checks a package; ``chipdb.package.load`` writes it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from chipdb.domain import claimspec, vocab
from chipdb.domain.errors import ValidationProblem


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False
    kind: str = "text"  # text | label | key | slug | int | float | bool | date | timestamp
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
    value_attr: str = ""  # the database column that receives the row's checked value in canonical units

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _quals() -> tuple[Column, ...]:
    return tuple(Column(q, choices=vocab.QUALIFIER_VALUES[q]) for q in vocab.QUALIFIERS)


TABLES: tuple[Table, ...] = (
    Table("vendors", (Column("key", True, kind="key"), Column("name", True, kind="label"), Column("url")),
          ("key",), "key"),
    Table("sources", (
        Column("key", True, kind="key"), Column("title", True, kind="label"), Column("publisher", kind="label"),
        Column("url"),
        Column("published", kind="date"), Column("retrieved", kind="date"),
        Column("kind", True, choices=vocab.SOURCE_KINDS), Column("note"),
    ), ("key",), "key"),
    Table("metrics", (
        Column("key", True, kind="key"), Column("name", True, kind="label"),
        Column("dimension", True, choices=vocab.STORED_DIMENSIONS), Column("unit"),
        Column("additive", True, kind="bool"), Column("qualifiers"), Column("core_for"), Column("description"),
    ), ("key",), "key"),
    Table("devices", (
        Column("slug", True, kind="slug"), Column("name", True, kind="label"),
        Column("vendor", True, ref="vendors", attr="vendor_id"),
        Column("kind", True, choices=vocab.DEVICE_KINDS), Column("family", kind="label"),
        Column("released", kind="date"), Column("note"),
    ), ("slug",), "slug"),
    Table("aliases", (
        Column("device", True, ref="devices", attr="device_id"), Column("alias", True, kind="label"),
    ), ("alias",), match=("alias_key",)),
    Table("components", (
        Column("system", True, ref="devices", attr="system_id"),
        Column("part", True, ref="devices", attr="part_id"),
        Column("count", True, kind="int"),
        Column("source", True, ref="sources", attr="source_id"), Column("locator", True), Column("note"),
    ), ("system", "part")),
    Table("rules", (
        Column("key", True, kind="key"), Column("name", True, kind="label"),
        Column("metric", True, ref="metrics", attr="metric_id"),
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
    ), ("device", "metric", *vocab.QUALIFIERS, "source"), value_attr="value"),
    Table("history", (  # earlier values of statements, which an import replaced
        Column("device", True, ref="devices"), Column("metric", True, ref="metrics"), *_quals(),
        Column("source", True, ref="sources"),
        Column("value"), Column("unit"), Column("status", True, choices=vocab.STATUSES), Column("locator"),
        Column("rank", choices=vocab.RANKS), Column("reason"), Column("note"),
        Column("replaced_at", True, kind="timestamp"), Column("replaced_by", True),
        Column("loaded_at", kind="timestamp"), Column("loaded_by"),
    ), ("device", "metric", *vocab.QUALIFIERS, "source", "replaced_at", "replaced_by", "value", "unit")),
    Table("claims", (
        Column("key", True, kind="key"), Column("text", True),
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
    ), ("rule", "paragraph", "clause", "parameter", "comparison"), value_attr="value_si"),
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
    skipped: list[str] = field(default_factory=list)  # files in the directory that are not tables

    def problem(self, file: str, line: int | None, column: str | None, message: str) -> None:
        self.problems.append(ValidationProblem(file, line, column, message))


def read_package(path: Path) -> Package:
    """Read every table file of a package (a directory, or one ``<table>.csv``) and check each
    cell on its own: encoding, CSV syntax, header, required cells, choices and types."""
    pkg = Package()
    path = Path(path)
    if path.is_dir():
        entries = sorted(p for p in path.iterdir() if not p.name.startswith("."))
        files = [p for p in entries if p.is_file() and p.suffix.lower() == ".csv"]
        pkg.skipped = [p.name for p in entries if p not in files]
        if not files:
            pkg.problem(str(path), None, None, "no <table>.csv files here; expected some of: "
                        + ", ".join(f"{t.name}.csv" for t in TABLES))
    elif path.is_file():
        files = [path]
    elif path.exists():
        pkg.problem(str(path), None, None, "not a regular file or a directory; give a <table>.csv file or a "
                    "directory of them")
        files = []
    else:
        pkg.problem(str(path), None, None, "no such file or directory")
        files = []
    names = [f.stem.lower() for f in files]
    for file in files:
        if names.count(file.stem.lower()) > 1:
            pkg.problem(str(file), None, None, "two files name the same table (names ignore case); keep one")
            continue
        table = TABLES_BY_NAME.get(file.stem.lower())
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
        twice = sorted({h for h in header if header.count(h) > 1})
        if twice:
            pkg.problem(name, 1, twice[0], f"column named {header.count(twice[0])} times in the header")
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


# The grammars of identifiers (documented in the README): a device slug is lowercase letters and
# digits in dash-separated words; any other key may also hold dots and underscores.
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_KEY = re.compile(r"[a-z0-9][a-z0-9._-]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # in names, titles, keys and slugs
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # free text may break lines and tab


@lru_cache(maxsize=1)
def _lengths() -> dict[str, dict[str, int]]:
    """The schema's column lengths, by package table and column, so that both engines accept
    the same data (SQLite would store an over-long name; PostgreSQL would refuse it)."""
    from chipdb.store import tables

    out: dict[str, dict[str, int]] = {}
    for t in TABLES:
        db_table = getattr(tables, t.name, None)
        if db_table is None:
            continue
        for col in t.columns:
            db_col = db_table.c.get(col.attr or col.name)
            length = getattr(getattr(db_col, "type", None), "length", None)
            if length and not col.ref:
                out.setdefault(t.name, {})[col.name] = length
    return out


def check_cells(pkg: Package, table: Table, row: Row) -> None:
    cells = row.cells
    lengths = _lengths().get(table.name, {})
    for col in table.columns:
        value = cells.get(col.name, "")
        if value and (value[0].isspace() or value[-1].isspace()):
            value = cells[col.name] = value.strip()
        if not value:
            if col.required:
                pkg.problem(row.file, row.line, col.name, "required value is empty")
            continue
        control = (_CONTROL if col.kind in ("label", "key", "slug") else _CONTROL_IN_TEXT).search(value)
        if control:
            pkg.problem(row.file, row.line, col.name, f"control character \\x{ord(control.group()):02x} "
                        f"at character {control.start() + 1}; remove it")
            continue
        if col.name in lengths and len(value) > lengths[col.name]:
            pkg.problem(row.file, row.line, col.name, f"{len(value)} characters; at most {lengths[col.name]}")
            continue
        if col.kind == "slug" and not _SLUG.fullmatch(value):
            pkg.problem(row.file, row.line, col.name, f"{value!r} is not a slug: lowercase letters and digits, "
                        "words joined by single dashes (e.g. h100-sxm5-80gb)")
            continue
        if col.kind == "key" and not _KEY.fullmatch(value):
            pkg.problem(row.file, row.line, col.name, f"{value!r} is not a key: lowercase letters, digits, "
                        "'.', '_' and '-', starting with a letter or digit")
            continue
        if col.choices:
            if value not in col.choices:
                pkg.problem(row.file, row.line, col.name, f"{value!r} is not one of: {', '.join(col.choices)}")
        elif col.kind not in ("text", "label", "key", "slug"):
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
    elif col.kind == "timestamp":
        from datetime import datetime

        try:
            datetime.fromisoformat(value)
        except ValueError:
            pkg.problem(row.file, row.line, col.name, f"{value!r} is not an ISO 8601 timestamp "
                        "(e.g. 2026-11-28T16:30:00+00:00)")


def parse_bool(value: str) -> bool:
    return value.strip().lower() in _TRUE
