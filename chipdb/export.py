"""Writing the whole database as a data package: one CSV per table, rows streamed as they are
read (memory stays flat), in insertion order, so that export -> import into an empty database
-> export gives byte-identical files."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from . import models
from .package import TABLES, Table

BATCH = 5000


def _query(table: Table):
    """The select for a table's CSV columns, references rendered as natural keys."""
    model = getattr(models, table.model)
    columns, joins = [], []
    for col in table.columns:
        attr = col.attr or col.name
        if col.ref:
            ref_table = next(t for t in TABLES if t.name == col.ref)
            ref_model = aliased(getattr(models, ref_table.model))
            joins.append((ref_model, getattr(model, attr) == ref_model.id))
            columns.append(getattr(ref_model, ref_table.key_attr).label(col.name))
        else:
            columns.append(getattr(model, attr).label(col.name))
    stmt = select(*columns).select_from(model)
    for ref_model, on in joins:
        stmt = stmt.join(ref_model, on)
    return stmt.order_by(model.id)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def export_package(session: Session, directory: Path) -> dict[str, int]:
    """Write every table to ``directory/<table>.csv``; returns the row count of each."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        n = 0
        with open(directory / f"{table.name}.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(table.column_names)
            result = session.execute(_query(table).execution_options(yield_per=BATCH))
            for row in result:
                writer.writerow([_cell(v) for v in row])
                n += 1
        counts[table.name] = n
    return counts
