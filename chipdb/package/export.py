"""Writing the whole database as a data package: one CSV per table, rows streamed as they are
read (memory stays flat), in insertion order, so that export -> import into an empty database
-> export gives byte-identical files."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import Connection, select

from chipdb.store import tables as T
from chipdb.store.statements import history_join
from chipdb.package.csvformat import TABLES, TABLES_BY_NAME, Table

BATCH = 5000
MARKER = ".chipdb-export"  # in a folder export wrote: the next export may replace it


def _history_query():
    """History rows with their statement's natural key and the imports as (origin, at)."""
    h, s = T.statement_history.c, T.statements.c
    return history_join(lambda replaced, loaded: (
        T.devices.c.slug, T.metrics.c.key, s.precision, s.sparsity, s.engine, s.direction, T.sources.c.key,
        h.value_printed, h.unit_printed, h.status, h.locator, h.rank, h.reason, h.note, replaced.c.at,
        replaced.c.origin, loaded.c.at, loaded.c.origin)).order_by(h.id)


def _query(table: Table):
    """The select for a table's CSV columns, references rendered as natural keys."""
    if table.name == "history":
        return _history_query()
    base = getattr(T, table.name)
    columns, joins = [], []
    for col in table.columns:
        attr = col.attr or col.name
        if col.ref:
            ref_table = TABLES_BY_NAME[col.ref]
            ref = getattr(T, ref_table.name).alias(f"ref_{col.name}")
            joins.append((ref, base.c[attr] == ref.c.id, col.required))
            columns.append(ref.c[ref_table.key_attr].label(col.name))
        else:
            columns.append(base.c[attr].label(col.name))
    stmt = select(*columns).select_from(base)
    for ref, on, required in joins:
        stmt = stmt.join(ref, on) if required else stmt.outerjoin(ref, on)
    return stmt.order_by(base.c.id)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _needs_conversion(stmt) -> list[int]:
    """Positions of the columns whose values are not already CSV text (booleans, numbers, NULLs)."""
    from sqlalchemy import Boolean, Float, Integer

    columns = [getattr(col, "element", col) for col in stmt.selected_columns]
    return [i for i, col in enumerate(columns)
            if isinstance(col.type, (Boolean, Float, Integer)) or getattr(col, "nullable", True)]


def export_package(conn: Connection, directory: Path) -> dict[str, int]:
    """Write every table to ``directory/<table>.csv``, in a new folder swapped in when complete;
    returns the row count of each. ``directory`` must be new, empty or an earlier export (it
    holds the ``MARKER`` file): a folder with other files in it, or ``/``, is refused."""
    from chipdb.store.files import replace_folder

    return replace_folder(Path(directory), MARKER, "export", lambda folder: write_package(conn, folder))


def write_package(conn: Connection, directory: Path) -> dict[str, int]:
    """Write every table to ``directory/<table>.csv`` (created if need be); returns the row count of each."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        n = 0
        stmt = _query(table)
        convert = _needs_conversion(stmt)
        with open(directory / f"{table.name}.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(table.column_names)
            result = conn.execute(stmt.execution_options(yield_per=BATCH))
            for rows in result.partitions():
                if convert:
                    rows = [[_cell(v) if i in convert else v for i, v in enumerate(row)] for row in rows]
                writer.writerows(rows)
                n += len(rows)
        counts[table.name] = n
    return counts
