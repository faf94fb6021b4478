"""Check a data package against itself and the database, then write it in one transaction.

Nothing is written unless every row passes: all problems are collected and raised together as
``ValidationFailed``, each with its file, line and column. Writing is an upsert by natural key:
an unchanged row is left alone (loading twice is loading once); a statement whose value changes
keeps its old value in ``statement_history``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from chipdb.store import tables as T
from chipdb.domain import dates, numbers, vocab
from chipdb.domain.errors import ValidationFailed
from chipdb.package.csvformat import TABLES, Package, Row, Table, parse_bool
from chipdb.package.validate import STATEMENT_KEY, Keys, chunks, statement_ids, table_of, validate




# An empty cell of these int columns is the schema's default, so a row reads the same after export.
_INT_DEFAULTS = {("device_strings", "per_chip"): 1}


@dataclass
class LoadReport:
    origin: str
    inserted: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    import_id: int | None

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


def load_package(conn: Connection, pkg: Package, origin: str) -> LoadReport:
    """Validate ``pkg`` completely, then write it on ``conn`` (in the caller's transaction)."""
    keys = Keys(conn)
    validate(conn, pkg, keys)
    if pkg.problems:
        raise ValidationFailed(pkg.problems)
    return _write(conn, pkg, keys, origin)


def _write(conn: Connection, pkg: Package, keys: Keys, origin: str) -> LoadReport:
    report = LoadReport(origin, {}, {}, {}, None)
    imports = T.imports
    at = dates.now_timestamp()
    import_id = conn.execute(insert(imports).values(origin=origin, at=at)).inserted_primary_key[0]
    for table in TABLES:
        rows = pkg.rows.get(table.name, [])
        if rows and table.name == "history":
            _write_history(conn, rows, keys, report)
        elif rows:
            _writetable_of(conn, table, rows, keys, import_id, report)
        if table.key_attr and rows:
            keys.fetch(table.name, (r.cells[table.key[0]] for r in rows))
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


def _converters(table: Table, keys: Keys) -> list[tuple[str, str, object]]:
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


def _natural_key_columns(table: Table, tbl) -> list:
    return [tbl.c[name] for name in table.match or (table.column(c).attr or c for c in table.key)]


def _existing(conn: Connection, table: Table, tbl, wanted: list[dict]) -> dict[tuple, dict]:
    """The rows of the database with the natural keys in ``wanted``, keyed by them: fetched by
    the key's first column (an indexed lookup), matched on the whole key here."""
    cols = _natural_key_columns(table, tbl)
    names = [c.key for c in cols]
    keys = {tuple(w[n] for n in names) for w in wanted}
    found: dict[tuple, dict] = {}
    for chunk in chunks(sorted({k[0] for k in keys}, key=repr)):
        for row in conn.execute(select(tbl).where(cols[0].in_(chunk))).mappings():
            key = tuple(row[n] for n in names)
            if key in keys:
                found[key] = dict(row)
    return found


def _insert_many(conn: Connection, tbl, rows: list[dict]) -> None:
    """executemany straight on the driver, in the statement's own paramstyle: SQLAlchemy's
    per-row parameter processing is most of a bulk load's time, and these types need none."""
    columns = list(rows[0])
    compiled = insert(tbl).compile(dialect=conn.dialect, column_keys=columns)
    if compiled.positional:
        order = compiled.positiontup
        params = [tuple(row[c] for c in order) for row in rows]
    else:
        params = rows
    for start in range(0, len(params), 10_000):
        conn.exec_driver_sql(str(compiled), params[start:start + 10_000])


def _writetable_of(conn: Connection, table: Table, rows: list[Row], keys: Keys, import_id: int,
                 report: LoadReport) -> None:
    tbl = table_of(table)
    converters = _converters(table, keys)
    wanted = [_attrs(table, r, converters, import_id) for r in rows]
    names = [c.key for c in _natural_key_columns(table, tbl)]
    existing = _existing(conn, table, tbl, wanted)
    inserts, updates, history = [], [], []
    for attrs in wanted:
        old = existing.get(tuple(attrs[n] for n in names))
        if old is None:
            inserts.append(attrs)
            continue
        compare = {k: v for k, v in attrs.items() if k != "import_id"}
        if all(old.get(k) == v for k, v in compare.items()):
            continue
        updates.append({"row_id": old["id"], **attrs})
        if table.name == "statements":
            history.append({**{f: old[f] for f in T.STATEMENT_VALUE_COLUMNS}, "statement_id": old["id"],
                            "replaced_by_import_id": import_id, "loaded_by_import_id": old["import_id"]})
    if inserts:
        _insert_many(conn, tbl, inserts)
    if updates:
        conn.execute(update(tbl).where(tbl.c.id == bindparam("row_id")), updates)
    if history:
        conn.execute(insert(T.statement_history), history)
    report.inserted[table.name] = len(inserts)
    report.updated[table.name] = len(updates)
    report.unchanged[table.name] = len(wanted) - len(inserts) - len(updates)
