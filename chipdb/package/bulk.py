"""Writing a checked package in bulk: rows matched on their natural keys, new ones written through
the driver's bulk path (SQLite ``executemany``, PostgreSQL ``COPY``), and the statements a chunk
at a time, converted a column at a time.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterable

from sqlalchemy import Connection, bindparam, func, insert, select, update

from chipdb.store import tables as T
from chipdb.store.db import chunks
from chipdb.domain import numbers
from chipdb.package.csvformat import Package, Table, parse_bool
from chipdb.package.statementrows import Judge, statement_chunks

Progress = Callable[[str, int, "int | None"], None]  # (what, rows done, rows in all or None)

# An empty cell of these int columns is the schema's default, so a row reads the same after export.
_INT_DEFAULTS = {("device_strings", "per_chip"): 1}


def converters(table: Table, keys) -> list[tuple[str, str, object]]:
    """(cell name, column, convert) for each column of a table, decided once per table."""
    out = []
    for col in table.columns:
        if col.ref and not col.required:
            ids = keys.ids[col.ref]
            convert = lambda v, ids=ids: ids[v] if v else None  # noqa: E731
        elif col.ref:
            convert = keys.ids[col.ref].__getitem__
        elif col.kind == "int":
            convert = lambda v, default=_INT_DEFAULTS.get((table.name, col.name)): (  # noqa: E731
                numbers.parse_count(v) if v else default)
        elif col.kind == "float":
            convert = lambda v: numbers.parse_positive(v) if v else None  # noqa: E731
        elif col.kind == "bool":
            convert = parse_bool
        else:
            convert = None
        out.append((col.name, col.attr or col.name, convert))
    return out


def natural_key_columns(table: Table, tbl) -> list:
    return [tbl.c[name] for name in table.match or (table.column(c).attr or c for c in table.key)]


def existing(conn: Connection, table: Table, tbl, wanted: list[dict]) -> dict[tuple, dict]:
    """The rows of the database with the natural keys in ``wanted``, keyed by them: fetched by
    the key's first column (an indexed lookup), matched on the whole key here."""
    cols = natural_key_columns(table, tbl)
    names = [c.key for c in cols]
    keys = {tuple(w[n] for n in names) for w in wanted}
    found: dict[tuple, dict] = {}
    query = select(tbl).where(cols[0].in_(bindparam("keys", expanding=True)))  # compiled once
    for chunk in chunks(sorted({k[0] for k in keys}, key=repr)):
        for row in conn.execute(query, {"keys": chunk}).mappings():
            key = tuple(row[n] for n in names)
            if key in keys:
                found[key] = dict(row)
    return found


def insert_rows(conn: Connection, tbl, columns: list[str], rows: Iterable[tuple]) -> None:
    """New rows (tuples in the order of ``columns``) through the driver's bulk path, in the
    caller's transaction: SQLAlchemy's per-row parameter processing is most of a bulk load's time,
    and these types need none."""
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in columns)
    driver = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        with driver.cursor() as cursor, cursor.copy(f"COPY {quote(tbl.name)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    if conn.dialect.name != "sqlite":
        raise NotImplementedError(f"no bulk insert for {conn.dialect.name}; chipdb supports sqlite and postgresql")
    cursor = driver.cursor()
    try:
        cursor.executemany(f"INSERT INTO {quote(tbl.name)} ({names}) VALUES ({', '.join('?' * len(columns))})", rows)
    finally:
        cursor.close()


def upsert(conn: Connection, table: Table, tbl, wanted: list[dict], import_id: int) -> tuple[int, int]:
    """Rows matched on their natural keys: new ones inserted, changed ones updated (a statement's
    old value kept in its history), unchanged ones left alone. (inserted, updated)."""
    names = [c.key for c in natural_key_columns(table, tbl)]
    found = existing(conn, table, tbl, wanted)
    inserts, updates, history = [], [], []
    for attrs in wanted:
        old = found.get(tuple(attrs[n] for n in names))
        if old is None:
            inserts.append(attrs)
            continue
        if all(old.get(k) == v for k, v in attrs.items() if k != "import_id"):
            continue
        updates.append({"row_id": old["id"], **attrs})
        if table.name == "statements":
            history.append({**{f: old[f] for f in T.STATEMENT_VALUE_COLUMNS}, "statement_id": old["id"],
                            "replaced_by_import_id": import_id, "loaded_by_import_id": old["import_id"]})
    if inserts:
        columns = list(inserts[0])
        insert_rows(conn, tbl, columns, [tuple(row[c] for c in columns) for row in inserts])
    if updates:
        conn.execute(update(tbl).where(tbl.c.id == bindparam("row_id")), updates)
    if history:
        conn.execute(insert(T.statement_history), history)
    return len(inserts), len(updates)


def write_stream(conn: Connection, pkg: Package, table: Table, keys, import_id: int, report, judge: Judge,
                 on_db: set[int], progress: Progress | None) -> None:
    """The statements, a chunk at a time: those of devices the database held before are matched
    (upsert); the rest are new, converted a column at a time and inserted in bulk."""
    tbl = getattr(T, table.name)
    convert = converters(table, keys)
    columns = [attr for _, attr, _ in convert] + ["import_id", table.value_attr]
    device = columns.index("device_id")
    stream = pkg.streams.get(table.name)
    total = stream.rows if stream is not None else len(pkg.rows.get(table.name, []))
    inserted = updated = done = 0
    with _indexes_rebuilt(conn, tbl, total):
        for chunk in statement_chunks(pkg, False):
            n = len(chunk)
            cols = [list(map(f, chunk.columns[name])) if f else chunk.columns[name] for name, _, f in convert]
            cols += [[import_id] * n, judge.values(chunk)]
            rows = list(zip(*cols))
            if on_db and not on_db.isdisjoint(cols[device]):
                old = [row for row in rows if row[device] in on_db]
                rows = [row for row in rows if row[device] not in on_db]
                new, changed = upsert(conn, table, tbl, [dict(zip(columns, row)) for row in old], import_id)
                inserted, updated = inserted + new, updated + changed
            insert_rows(conn, tbl, columns, rows)
            inserted += len(rows)
            done += n
            if progress is not None:
                progress(f"writing {table.name}", done, total)
    report.inserted[table.name] = inserted
    report.updated[table.name] = updated
    report.unchanged[table.name] = done - inserted - updated


_REBUILD_AT = 50_000  # rows: a bulk insert at least this large, and as large as the table, rebuilds its indexes


@contextmanager
def _indexes_rebuilt(conn: Connection, tbl, rows: int):
    """On SQLite, a table's secondary indexes dropped while many rows are inserted and built again
    after (in the same transaction, so a refused or failed import leaves them as they were):
    building an index from sorted rows is cheaper than growing it a row at a time."""
    rebuild = conn.dialect.name == "sqlite" and rows >= _REBUILD_AT and \
        rows >= (conn.scalar(select(func.count()).select_from(tbl)) or 0)
    indexes = sorted(tbl.indexes, key=lambda ix: ix.name) if rebuild else []
    for index in indexes:
        index.drop(bind=conn)
    yield
    for index in indexes:
        index.create(bind=conn)
