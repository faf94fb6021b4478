"""A package table read a chunk of rows at a time and checked a column at a time.

A chunk holds its rows' cells as columns (one list per column), so each cell rule runs once per
distinct value of a column, not once per cell; only the rows holding a value found wrong are then
looked at, to say where. The statements table, the one that grows to millions of rows, is kept as
a ``TableStream``: read once as it is validated and again as it is written, so memory stays flat
in the file's size.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Iterable, Iterator

from chipdb.package.csvformat import Package, Record, Records, Table, _lengths, all_clean, cell_problem, read_csv

CHUNK_ROWS = 20_000  # rows per chunk
CACHE_ROWS = 150_000  # a stream this small keeps its chunks for the second pass instead of re-reading
_PASSED_LIMIT = 200_000  # clean values remembered per column


@dataclass
class Chunk:
    """Rows of one file: the line each ends on, and every column of the table (absent ones empty)."""

    file: str
    lines: list[int | None]
    columns: dict[str, list[str]]
    present: tuple[str, ...]  # the columns the file's header names, in its order
    values: list[float | None] | None = None  # statements: each row's value in canonical units, once judged

    def __len__(self) -> int:
        return len(self.lines)


def table_chunks(pkg: Package, name: str, table: Table, header: list[str], records: Iterable[Record],
                 size: int | None = None) -> Iterator[Chunk]:
    """The records as chunks of columns (``size`` rows, CHUNK_ROWS by default); a record with the
    wrong number of fields is a problem."""
    size = size or CHUNK_ROWS
    width = len(header)
    position, present = _positions(table, header)
    batches = records.batches(size) if isinstance(records, Records) else _batches(records, size)
    for lines, rows in batches:
        if any(n != width for n in set(map(len, rows))):
            for line, cells in zip(lines, rows):
                if len(cells) != width:
                    pkg.problem(name, line, None, f"{len(cells)} fields, but the header has {width}; "
                                "quote cells that contain commas")
            kept = [i for i, cells in enumerate(rows) if len(cells) == width]
            lines, rows = [lines[i] for i in kept], [rows[i] for i in kept]
        if rows:
            yield _chunk(name, table, position, present, rows, lines)


def _positions(table: Table, header: list[str]) -> tuple[dict[str, int], tuple[str, ...]]:
    """Each known column's place in the header (a name given twice: its last cell, as dict(zip())),
    and the known columns in header order."""
    known = set(table.column_names)
    position = {h: i for i, h in enumerate(header) if h in known}
    return position, tuple(position)


def regular_chunks(table: Table, file: Path, header: list[str], records: int) -> Iterator[Chunk]:
    """A file ``fastcsv.regular_records`` found regular, as chunks read by pandas' parser."""
    from chipdb.package.fastcsv import column_batches

    position, present = _positions(table, header)
    for lines, cells in column_batches(file, len(header), CHUNK_ROWS, records):
        empty = [""] * len(lines)
        yield Chunk(str(file), lines, {c: cells[position[c]] if c in position else empty.copy()
                                       for c in table.column_names}, present)


def _batches(records: Iterable[Record], size: int) -> Iterator[tuple[list[int], list[list[str]]]]:
    lines: list[int] = []
    rows: list[list[str]] = []
    for record in records:
        lines.append(record.end)
        rows.append(record.cells)
        if len(rows) >= size:
            yield lines, rows
            lines, rows = [], []
    if rows:
        yield lines, rows


def _chunk(name: str, table: Table, position: dict[str, int], present: tuple[str, ...], batch: list[list[str]],
           lines: list) -> Chunk:
    transposed = list(zip(*batch))
    columns = {c: list(transposed[position[c]]) if c in position else [""] * len(batch) for c in table.column_names}
    return Chunk(name, lines, columns, present)


def rows_chunk(table: Table, file: str, lines: list[int | None], cells: list[dict[str, str]]) -> Chunk:
    """An importer's rows (one file) as a chunk."""
    named = set().union(*cells)
    present = tuple(c for c in table.column_names if c in named)
    empty, n = repeat(""), len(cells)  # map(dict.get, ...) runs the loop in C
    return Chunk(file, lines, {c: list(map(dict.get, cells, repeat(c, n), empty)) for c in table.column_names}, present)


def check_chunk(pkg: Package, table: Table, chunk: Chunk, passed: dict[str, set[str]] | None = None) -> set[str]:
    """The cell rules, once per distinct value of each column; cells are stripped in place.
    Problems are noted row by row, in column order, as checking each row on its own would.
    ``passed``: values (by column) found clean in earlier chunks of the same file, not checked again.
    Returns the columns in which a cell was stripped."""
    lengths = _lengths().get(table.name, {})
    passed = {} if passed is None else passed
    found: list[tuple[int, int, str, str]] = []
    stripped_columns: set[str] = set()
    for order, col in enumerate(table.columns):
        if col.name not in chunk.present:
            if col.required:
                found.extend((i, order, col.name, "required value is empty") for i in range(len(chunk)))
            continue
        values = chunk.columns[col.name]
        stripped: dict[str, str] = {}
        bad: dict[str, str] = {}
        clean_before = passed.setdefault(col.name, set())
        if len(clean_before) > _PASSED_LIMIT:
            clean_before.clear()
        unseen = set(values).difference(clean_before)
        if unseen and all_clean(col, unseen, lengths):  # the usual case, told without a loop in Python
            clean_before |= unseen
            continue
        for value in unseen:
            clean = value
            if value and (value[0].isspace() or value[-1].isspace()):
                clean = stripped[value] = value.strip()
            if problem := cell_problem(col, clean, lengths):
                bad[value] = problem
            elif clean is value:
                clean_before.add(value)
        if stripped:
            chunk.columns[col.name] = [stripped.get(v, v) for v in values]
            stripped_columns.add(col.name)
        if bad:
            found.extend((i, order, col.name, bad[v]) for i, v in enumerate(values) if v in bad)
    found.sort(key=lambda f: (f[0], f[1]))
    for i, _, column, message in found:
        pkg.problem(chunk.file, chunk.lines[i], column, message)
    return stripped_columns


def check_rows(pkg: Package, table: Table, rows: list) -> None:
    """The cell rules on an importer's rows (``Row``s) a chunk at a time, as ``check_chunk`` runs
    them: once per distinct value of a column, problems row by row in column order, each stripped
    cell stripped in its row too (``csvformat.check_cells``, one row at a time, does the same)."""
    start = 0
    while start < len(rows):
        file, end = rows[start].file, start
        while end < len(rows) and end - start < CHUNK_ROWS and rows[end].file == file:
            end += 1
        part = rows[start:end]
        chunk = rows_chunk(table, file, [r.line for r in part], [r.cells for r in part])
        for name in check_chunk(pkg, table, chunk):
            for row, value in zip(part, chunk.columns[name]):
                if name in row.cells:
                    row.cells[name] = value
        start = end


class TableStream:
    """A table file read in chunks: first as the package is validated (its reading and cell
    problems are noted then), again as it is written (kept from the first pass when small)."""

    def __init__(self, file: Path, table: Table, header: list[str], records: Iterator[Record]) -> None:
        self.file, self.table, self.header = file, table, header
        self._records: Iterator[Record] | None = records
        self._cache: list[Chunk] | None = None
        self._stripped: set[str] = set()  # the columns in which the first pass stripped a cell
        self._values: list[tuple[array, bool] | None] = []  # each chunk's values, when not kept whole
        self._regular: int | None = None  # records of a file read by pandas (fastcsv)
        self.rows = 0  # known once the first pass is done

    @property
    def kept(self) -> list[Chunk] | None:
        """The chunks, when the first pass kept them (a small file) and is done."""
        return self._cache if self._records is None else None

    def chunks(self, pkg: Package) -> Iterator[Chunk]:
        if self._records is not None:
            records, self._records = self._records, None
            cache: list[Chunk] | None = []
            passed: dict[str, set[str]] = {}
            self._regular = _regular(self.file, self.header, records)
            read = (regular_chunks(self.table, self.file, self.header, self._regular) if self._regular is not None
                    else table_chunks(pkg, str(self.file), self.table, self.header, records))
            for chunk in read:
                self._stripped |= check_chunk(pkg, self.table, chunk, passed)
                self.rows += len(chunk)
                if cache is not None and self.rows <= CACHE_ROWS:
                    cache.append(chunk)
                else:
                    cache = None
                yield chunk
                self._values.append(_packed(chunk.values))  # as judged while checked, 8 bytes a row
            self._cache = cache
            if cache is not None:
                self._values = []
        elif self._cache is not None:
            yield from self._cache
        else:
            if self._regular is not None:
                again = regular_chunks(self.table, self.file, self.header, self._regular)
            else:
                quiet = Package()  # its problems were noted on the first pass, and it had none
                header, records = read_csv(quiet, self.file)
                again = table_chunks(quiet, str(self.file), self.table, header or [], records)
            for index, chunk in enumerate(again):
                for name in self._stripped:  # as the first pass did: the other columns had nothing to strip
                    chunk.columns[name] = list(map(str.strip, chunk.columns[name]))
                chunk.values = _unpacked(self._values[index]) if index < len(self._values) else None
                yield chunk


def _regular(file: Path, header: list[str], records: Iterable[Record]) -> int | None:
    """The records of a file pandas may read (``fastcsv.regular_records``), its header being one line
    (the records' reader closed then); None where the csv module reads it."""
    from chipdb.package.fastcsv import regular_records

    if not isinstance(records, Records) or records.reader.line_num != 1:
        return None
    count = regular_records(file, len(header))
    if count is not None:
        records.stream.close()
    return count


def _packed(values: list[float | None] | None) -> tuple[array, bool] | None:
    """A chunk's values as doubles (None as NaN, which no value checked is), and whether any is None."""
    if values is None:
        return None
    try:
        return array("d", values), False
    except TypeError:
        return array("d", [math.nan if v is None else v for v in values]), True


def _unpacked(packed: tuple[array, bool] | None) -> list[float | None] | None:
    if packed is None:
        return None
    doubles, has_none = packed
    values = doubles.tolist()
    return [None if math.isnan(v) else v for v in values] if has_none else values
