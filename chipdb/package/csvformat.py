"""The data-package format shared by ``seeds/``, ``chipdb import`` and ``chipdb export``.

A package is a directory of CSV files, one per table, named ``<table>.csv``, whose header row
names the columns (a single ``<table>.csv`` file is a package too). References between tables
use natural keys (a device's slug, a source's key), never database ids. Every table need not be
present: a reference may name a row the database already holds.

This module describes the tables and reads and checks a package; ``chipdb.package.load`` writes it.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple

from chipdb.domain import claimspec, dates, numbers, vocab
from chipdb.domain.errors import ValidationProblem
from chipdb.store import tables

if TYPE_CHECKING:
    from chipdb.package.columns import TableStream


@dataclass(frozen=True)
class Column:
    """A CSV column of a package table, as its schema column's ``info["csv"]`` describes it."""

    name: str
    required: bool = False
    kind: str = "text"  # text | label | key | slug | int | float | bool | date | timestamp
    choices: tuple[str, ...] = ()
    ref: str = ""  # the table whose key this column names
    attr: str = ""  # the database column, when it differs from the column name


@dataclass(frozen=True)
class Table:
    """A package table, ``<name>.csv``, as its schema table's ``info["package"]`` describes it."""

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


def _column(db_column, derived_required: bool = False) -> Column:
    """The CSV column a schema column carries: a reference by the referenced table's natural key,
    named without ``_id``. ``derived_required``: required only where the database has no default
    (a history row copies its statement's columns, but an old row may lack, say, a locator)."""
    info = db_column.info["csv"]
    fk = next(iter(db_column.foreign_keys), None)
    name = info["name"] or (db_column.name.removesuffix("_id") if fk is not None else db_column.name)
    required = info["required"] and not (derived_required and db_column.default is not None)
    return Column(name, required, info["kind"], info["choices"], fk.column.table.name if fk is not None else "",
                  db_column.name if db_column.name != name else "")


def _table(db_table, statements: Table | None) -> Table:
    info = db_table.info["package"]
    carried = [c for c in db_table.columns if "csv" in c.info]
    if info["extra"]:  # history: the statement's key, the copied columns, the imports' columns
        key = tuple(statements.column(name) for name in statements.key)
        columns = (*key, *(_column(c, derived_required=True) for c in carried),
                   *(Column(name, x["csv"]["required"], x["csv"]["kind"], x["csv"]["choices"]) for name, x in info["extra"]))
    else:
        columns = tuple(_column(c) for c in carried)
    key_columns = [c for c in columns if c.name in info["key"]]
    key_attr = ""
    if len(info["key"]) == 1 and key_columns and db_table.c[key_columns[0].attr or key_columns[0].name].unique:
        key_attr = key_columns[0].attr or key_columns[0].name
    return Table(info["name"] or db_table.name, columns, info["key"], key_attr, info["match"], info["value"])


def _tables() -> tuple[Table, ...]:
    """The package's tables, derived from the schema's (tables.metadata): the schema is the one
    definition of every table and column, and its ``info`` says what the package needs."""
    out: list[Table] = []
    for db_table in tables.metadata.tables.values():
        if "package" in db_table.info:
            out.append(_table(db_table, next((t for t in out if t.name == "statements"), None)))
    return tuple(out)


TABLES: tuple[Table, ...] = _tables()
TABLES_BY_NAME = {t.name: t for t in TABLES}
STREAMED = frozenset({"statements"})  # read from a file as a stream of chunks, never as Rows

_TRUE, _FALSE = ("true", "yes", "1"), ("false", "no", "0")


@dataclass(slots=True)  # an importer holds one per statement (hundreds of thousands)
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
    cells_checked: bool = False  # read_package checked each cell; an importer's rows are checked by validate
    streams: dict[str, "TableStream"] = field(default_factory=dict)  # tables read in chunks (STREAMED)

    def problem(self, file: str, line: int | None, column: str | None, message: str) -> None:
        self.problems.append(ValidationProblem(file, line, column, message))


def read_package(path: Path) -> Package:
    """Read every table file of a package (a directory, or one ``<table>.csv``) and check each
    cell on its own: encoding, CSV syntax, header, required cells, choices and types."""
    pkg = Package(cells_checked=True)
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


class Record(NamedTuple):
    """One non-blank record of a CSV file: the lines it begins and ends on (a quoted cell may
    hold line breaks), and its cells."""

    line: int
    end: int
    cells: list[str]


def read_csv(pkg: Package, file: Path) -> tuple[list[str] | None, Iterable[Record]]:
    """The header of a CSV file (cells stripped) and its records, blank ones skipped, for the
    package and for importers of other CSV formats alike, read as a stream (memory stays flat in
    the file's size). An undecodable or empty file gives no header, with the problem noted; a CSV
    syntax error is noted where reading meets it and ends the records."""
    name = str(file)
    problem = encoding_problem(file)
    if problem is not None:
        pkg.problem(name, problem[0], None, problem[1])
        return None, iter(())
    stream = file.open(encoding="utf-8-sig", newline="")
    reader = csv.reader(stream, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        stream.close()
        pkg.problem(name, reader.line_num, None, csv_problem(exc))
        return None, iter(())
    if header is None:
        stream.close()
        pkg.problem(name, 1, None, "empty file; the first line must name the columns")
        return None, iter(())

    return [h.strip() for h in header], Records(pkg, name, stream, reader)


class Records:
    """The records of a CSV file after its header, read once: one at a time, or in batches."""

    def __init__(self, pkg: Package, name: str, stream, reader) -> None:
        self.pkg, self.name, self.stream, self.reader = pkg, name, stream, reader

    def __iter__(self) -> Iterator[Record]:
        reader = self.reader
        start = reader.line_num + 1
        with self.stream:
            try:
                for cells in reader:
                    end = reader.line_num
                    if any(cells) and "".join(cells).strip():
                        yield Record(start, end, cells)
                    start = end + 1
            except csv.Error as exc:
                self.pkg.problem(self.name, reader.line_num, None, csv_problem(exc))

    def batches(self, size: int) -> Iterator[tuple[list[int], list[list[str]]]]:
        """(the line each record ends on, the records), ``size`` records at most a batch."""
        reader = self.reader
        lines: list[int] = []
        rows: list[list[str]] = []
        with self.stream:
            try:
                for cells in reader:
                    if (cells and cells[0] and not cells[0][0].isspace()) or "".join(cells).strip():
                        lines.append(reader.line_num)
                        rows.append(cells)
                        if len(rows) >= size:
                            yield lines, rows
                            lines, rows = [], []
            except csv.Error as exc:
                self.pkg.problem(self.name, reader.line_num, None, csv_problem(exc))
        if rows:
            yield lines, rows


def encoding_problem(file: Path) -> tuple[int, str] | None:
    """(line, problem) when ``file`` is not UTF-8, found by decoding it block by block."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    with file.open("rb") as f:
        try:
            while block := f.read(1 << 20):
                decoder.decode(block)
            decoder.decode(b"", final=True)
            return None
        except UnicodeDecodeError:
            pass
    data = file.read_bytes()  # only to say where: the first undecodable byte and its line
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return data[: exc.start].count(b"\n") + 1, f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8"
    return None


def _read_table(pkg: Package, file: Path, table: Table) -> list[Row]:
    """The rows of one table file; the statements table, the one that grows large, is kept as a
    stream (``Package.streams``) and read in chunks when it is validated and again when written."""
    name = str(file)
    header, records = read_csv(pkg, file)
    if header is None:
        return []
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
    from chipdb.package.columns import TableStream, check_chunk, table_chunks

    if table.name in STREAMED:
        pkg.streams[table.name] = TableStream(file, table, header, records)
        return []
    rows: list[Row] = []
    for chunk in table_chunks(pkg, name, table, header, records):
        check_chunk(pkg, table, chunk)
        columns = [(h, chunk.columns[h]) for h in chunk.present]
        rows.extend(Row(table.name, name, line, {h: values[i] for h, values in columns})
                    for i, line in enumerate(chunk.lines))
    return rows


def csv_problem(exc: csv.Error) -> str:
    """What a CSV reading error means, in words a user can act on."""
    limit = csv.field_size_limit()
    if "field larger than field limit" in str(exc):  # the csv module's only signal: its message
        return (f"a cell longer than {limit:,} characters, more than any cell of a package or dataset "
                "holds; an opening quote without its closing one makes the rest of the file one cell")
    return f"malformed CSV ({exc}); check the quoting"


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
    """The cell rules for one row (an importer's; a file's rows are checked a column at a time)."""
    cells = row.cells
    lengths = _lengths().get(table.name, {})
    for col in table.columns:
        value = cells.get(col.name, "")
        if value and (value[0].isspace() or value[-1].isspace()):
            value = cells[col.name] = value.strip()
        if problem := cell_problem(col, value, lengths):
            pkg.problem(row.file, row.line, col.name, problem)


def cell_problem(col: Column, value: str, lengths: dict[str, int]) -> str | None:
    """What is wrong with one (stripped) cell on its own, or None."""
    if not value:
        return "required value is empty" if col.required else None
    control = (_CONTROL if col.kind in ("label", "key", "slug") else _CONTROL_IN_TEXT).search(value)
    if control:
        return f"control character \\x{ord(control.group()):02x} at character {control.start() + 1}; remove it"
    if col.name in lengths and len(value) > lengths[col.name]:
        return f"{len(value)} characters; at most {lengths[col.name]}"
    if col.kind == "slug" and not _SLUG.fullmatch(value):
        return (f"{value!r} is not a slug: lowercase letters and digits, "
                "words joined by single dashes (e.g. h100-sxm5-80gb)")
    if col.kind == "key" and not _KEY.fullmatch(value):
        return f"{value!r} is not a key: lowercase letters, digits, '.', '_' and '-', starting with a letter or digit"
    if col.choices:
        return None if value in col.choices else f"{value!r} is not one of: {', '.join(col.choices)}"
    if col.kind not in ("text", "label", "key", "slug"):
        return _typed_problem(col, value)
    return None


def all_clean(col: Column, values: set[str], lengths: dict[str, int]) -> bool:
    """Whether ``cell_problem`` finds nothing in any of ``values`` and none needs stripping, told
    for the whole set at once where that is simple: a text or label column without choices (no
    value empty where one is required, padded, too long, or holding a control character). False
    means "look at each value"."""
    if col.kind not in ("text", "label") or col.choices or (col.required and "" in values):
        return False
    if col.name in lengths and max(map(len, values)) > lengths[col.name]:
        return False
    if any(map(str.__ne__, values, map(str.strip, values))):
        return False
    # joined by a character the pattern does not match, so a match is within one value
    pattern, between = (_CONTROL, " ") if col.kind == "label" else (_CONTROL_IN_TEXT, "\n")
    return pattern.search(between.join(values)) is None


def _typed_problem(col: Column, value: str) -> str | None:
    if col.kind in ("int", "float"):
        try:
            (numbers.parse_count if col.kind == "int" else numbers.parse_positive)(value)
        except numbers.NumberProblem as exc:
            return str(exc)
    elif col.kind == "bool" and value.lower() not in _TRUE + _FALSE:
        return f"{value!r} is not true or false"
    elif col.kind == "date":
        return dates.problem(value)
    elif col.kind == "timestamp":
        return dates.timestamp_problem(value)
    return None


def parse_bool(value: str) -> bool:
    return value.strip().lower() in _TRUE
