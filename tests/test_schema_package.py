"""The data package's tables and columns are the schema's (chipdb/store/tables.py), written once:
csvformat derives them from ``Column.info`` / ``Table.info`` and restates no column."""

from __future__ import annotations

import ast
import inspect

from chipdb.package import csvformat
from chipdb.package.csvformat import TABLES, TABLES_BY_NAME
from chipdb.store import tables


def _db(name: str):
    return next(t for t in tables.metadata.tables.values()
                if "package" in t.info and (t.info["package"]["name"] or t.name) == name)


def test_every_package_column_is_a_schema_column_with_info():
    for table in TABLES:
        db = _db(table.name)
        extra = {name for name, _ in db.info["package"]["extra"]}
        own = [c for c in table.columns if c.name not in extra]
        if table.name == "history":  # its statement's key, then its own copied columns
            statement_key = TABLES_BY_NAME["statements"].key
            assert tuple(c.name for c in own[: len(statement_key)]) == statement_key
            own = own[len(statement_key):]
        for col in own:
            db_col = db.c[col.attr or col.name]
            assert "csv" in db_col.info, (table.name, col.name)
        carried = [c.name for c in db.columns if "csv" in c.info]
        assert carried == [c.attr or c.name for c in own], table.name


def test_every_schema_column_with_info_reaches_the_package():
    names = {(t.info["package"]["name"] or t.name) for t in tables.metadata.tables.values() if "package" in t.info}
    assert names == set(TABLES_BY_NAME)
    for db in tables.metadata.tables.values():
        if any("csv" in c.info for c in db.columns):
            assert "package" in db.info, db.name


def test_csvformat_restates_no_table_or_column():
    tree = ast.parse(inspect.getsource(csvformat))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("Column", "Table"):
            assert not any(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args[:1]), \
                ast.unparse(node)


def test_references_come_after_the_tables_they_name():
    seen: set[str] = set()
    for table in TABLES:
        for col in table.columns:
            assert not col.ref or col.ref in seen or col.ref == table.name, (table.name, col.name, col.ref)
        seen.add(table.name)


def test_derived_shapes():
    """A few facts the loader relies on, so that a wrong info shows here before a load does."""
    assert TABLES_BY_NAME["devices"].column("vendor").ref == "vendors"
    assert TABLES_BY_NAME["devices"].column("vendor").attr == "vendor_id"
    assert TABLES_BY_NAME["devices"].key_attr == "slug"
    assert TABLES_BY_NAME["aliases"].key_attr == "" and TABLES_BY_NAME["aliases"].match == ("alias_key",)
    assert TABLES_BY_NAME["rules"].column("from").attr == "from_value"
    history = TABLES_BY_NAME["history"]
    assert history.column("locator").required is False and TABLES_BY_NAME["statements"].column("locator").required
    assert history.column("status").required and history.column("replaced_at").kind == "timestamp"
    assert history.column_names[-4:] == ["replaced_at", "replaced_by", "loaded_at", "loaded_by"]
