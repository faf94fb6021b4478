"""Check a data package against itself and the database, then write it in one transaction.

Nothing is written unless every row passes: all problems are collected and raised together as
``ValidationFailed``, each with its file, line and column. Writing is an upsert by natural key:
an unchanged row is left alone (loading twice is loading once); a statement whose value changes
keeps its old value in ``statement_history``.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, insert, select, update

from chipdb.store import tables as T
from chipdb.domain import dates, vocab
from chipdb.domain.errors import ValidationFailed
from chipdb.package.csvformat import STREAMED, TABLES, Package, Row, Table
from chipdb.package.bulk import Progress, converters, insert_rows, upsert, write_stream
from chipdb.package.statementrows import Judge
from chipdb.package.validate import STATEMENT_KEY, Keys, statement_ids, table_of, validate






@dataclass
class LoadReport:
    origin: str
    inserted: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    import_id: int | None
    new_devices: frozenset[str] = field(default_factory=frozenset)  # the devices the load created (slugs)

    @property
    def changed(self) -> bool:
        return any(self.inserted.values()) or any(self.updated.values())

    def summary(self) -> str:
        parts = []
        for name in (t.name for t in TABLES):
            i, u, n = self.inserted.get(name, 0), self.updated.get(name, 0), self.unchanged.get(name, 0)
            if i or u or n:
                parts.append(f"{name}: {i} new, {u} changed, {n} unchanged")
        return "; ".join(parts) if parts else "nothing to load"


def load_package(conn: Connection, pkg: Package, origin: str, progress: Progress | None = None) -> LoadReport:
    """Validate ``pkg`` completely, then write it on ``conn`` (in the caller's transaction).
    ``progress(what, rows done, rows in all or None)`` is told how the statements go."""
    keys = Keys(conn)
    with collector_paused():
        judge = validate(conn, pkg, keys, progress)
        if pkg.problems:
            raise ValidationFailed(pkg.problems)
        return _write(conn, pkg, keys, origin, judge, progress)


@contextmanager
def collector_paused():
    """The cyclic garbage collector paused (re-entrant: an inner pause leaves an outer one in
    place): a bulk load makes millions of short-lived tuples and lists and no cycles, and each
    full collection would walk every object alive (the import's sets of keys), which made a
    1M-row import several times slower than ten 100k-row ones."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _write(conn: Connection, pkg: Package, keys: Keys, origin: str, judge: Judge,
           progress: Progress | None) -> LoadReport:
    report = LoadReport(origin, {}, {}, {}, None)
    imports = T.imports
    at = dates.now_timestamp()
    import_id = conn.execute(insert(imports).values(origin=origin, at=at)).inserted_primary_key[0]
    keys.fetch("devices", (r.cells.get("slug", "") for r in pkg.rows.get("devices", [])))
    on_db = set(keys.ids["devices"].values())  # devices the database held before: only theirs may have statements
    for table in TABLES:
        rows = pkg.rows.get(table.name, [])
        if table.name in STREAMED and (rows or table.name in pkg.streams):
            write_stream(conn, pkg, table, keys, import_id, report, judge, on_db, progress)
        elif rows and table.name == "history":
            _write_history(conn, rows, keys, report)
        elif rows:
            _writetable_of(conn, table, rows, keys, import_id, report)
        if table.key_attr and rows:
            keys.fetch(table.name, (r.cells[table.key[0]] for r in rows))
    report.new_devices = frozenset(slug for slug, id_ in keys.ids["devices"].items() if id_ not in on_db)
    if report.changed:
        conn.execute(update(imports).where(imports.c.id == import_id).values(
            inserted=sum(report.inserted.values()), updated=sum(report.updated.values())))
        report.import_id = import_id
    else:
        conn.execute(delete(imports).where(imports.c.id == import_id))
    return report


def _import_id(conn: Connection, cache: dict[tuple[str, str], int], origin: str, at: str) -> int | None:
    """The import recorded as (origin, at), created when the database does not have it."""
    if not origin:
        return None
    if (origin, at) not in cache:
        i = T.imports.c
        found = conn.scalar(select(i.id).where(i.origin == origin, i.at == at))
        if found is None:
            found = conn.execute(insert(T.imports).values(origin=origin, at=at)).inserted_primary_key[0]
        cache[(origin, at)] = found
    return cache[(origin, at)]


def _write_history(conn: Connection, rows: list[Row], keys: Keys, report: LoadReport) -> None:
    """History rows, matched on statement, replacing import and the value it replaced."""
    ids = statement_ids(conn, keys, {tuple(r.cells.get(c, "") for c in STATEMENT_KEY) for r in rows})
    h = T.statement_history.c
    existing = {(r.statement_id, r.replaced_by_import_id, r.value_printed, r.unit_printed)
                for r in conn.execute(select(h.statement_id, h.replaced_by_import_id, h.value_printed, h.unit_printed)
                                      .where(h.statement_id.in_(sorted(set(ids.values())))))}
    imports: dict[tuple[str, str], int] = {}
    new = []
    for row in rows:
        c = row.cells
        statement = ids[tuple(c.get(col, "") for col in STATEMENT_KEY)]
        replaced = _import_id(conn, imports, c["replaced_by"], c["replaced_at"])
        if (statement, replaced, c.get("value", ""), c.get("unit", "")) in existing:
            continue
        new.append({"statement_id": statement, "value": row.value,
                    "value_printed": c.get("value", ""), "unit_printed": c.get("unit", ""), "status": c["status"],
                    "locator": c.get("locator", ""), "rank": c.get("rank") or "normal", "reason": c.get("reason", ""),
                    "note": c.get("note", ""), "replaced_by_import_id": replaced,
                    "loaded_by_import_id": _import_id(conn, imports, c.get("loaded_by", ""), c.get("loaded_at", ""))})
    if new:
        _insert_many(conn, T.statement_history, new)
    report.inserted["history"] = len(new)
    report.unchanged["history"] = len(rows) - len(new)


def _attrs(table: Table, row: Row, converters, import_id: int) -> dict:
    cells = row.cells
    attrs = {attr: (convert(cells.get(name, "")) if convert else cells.get(name, ""))
             for name, attr, convert in converters}
    if table.name == "devices":
        attrs["name_key"] = vocab.normalize_name(attrs["name"])
    elif table.name == "aliases":
        attrs["alias_key"] = vocab.normalize_name(attrs["alias"])
    elif table.name == "device_strings":
        attrs["string_key"] = vocab.normalize_name(attrs["string"])
    elif table.name == "statements":
        attrs["import_id"] = import_id
    if table.value_attr:
        attrs[table.value_attr] = row.value
    return attrs


def _insert_many(conn: Connection, tbl, rows: list[dict]) -> None:
    columns = list(rows[0])
    insert_rows(conn, tbl, columns, [tuple(row[c] for c in columns) for row in rows])


def _writetable_of(conn: Connection, table: Table, rows: list[Row], keys: Keys, import_id: int,
                   report: LoadReport) -> None:
    convert = converters(table, keys)
    wanted = [_attrs(table, r, convert, import_id) for r in rows]
    inserted, updated = upsert(conn, table, table_of(table), wanted, import_id)
    report.inserted[table.name] = inserted
    report.updated[table.name] = updated
    report.unchanged[table.name] = len(wanted) - inserted - updated
