"""Validation of a data package across its rows and against the database: references,
duplicates, units, qualifiers, preferred ranks, component cycles, claims and history.

Every problem is collected on the package (file, line, column); nothing here writes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import Connection, bindparam, func, select

from chipdb.store import tables as T
from chipdb.store.db import CHUNK, chunks  # noqa: F401  (the importers take them from here)
from chipdb.domain import vocab
from chipdb.package.lookalikes import check_lookalikes
from chipdb.package.csvformat import STREAMED, TABLES, TABLES_BY_NAME, Package, Row, Table
from chipdb.package.statementrows import STATEMENT_KEY, Judge, check_statements, ref_problem, value_problems

_ROW_TABLES = [t for t in TABLES if t.name not in STREAMED]  # the statements are checked by statementrows

def table_of(table: Table):
    """The Core table a package table is written to."""
    return getattr(T, table.name)


class Keys:
    """Natural key -> database id for the referenced tables, fetched only for the keys named."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.ids: dict[str, dict[str, int]] = defaultdict(dict)

    def fetch(self, table_name: str, keys: Iterable[str]) -> None:
        table = TABLES_BY_NAME[table_name]
        tbl = table_of(table)
        col = tbl.c[table.key_attr]
        wanted = sorted({k for k in keys if k and k not in self.ids[table_name]})
        if not wanted:
            return
        query = select(col, tbl.c.id).where(col.in_(bindparam("keys", expanding=True)))  # compiled once
        for chunk in chunks(wanted):
            for key, id_ in self.conn.execute(query, {"keys": chunk}):
                self.ids[table_name][key] = id_


def validate(conn: Connection, pkg: Package, keys: Keys, progress=None) -> Judge:
    """Note every problem of ``pkg`` on it. The judge of its statements is returned: what it
    remembers of their values is used again as they are written."""
    check_cells = not pkg.cells_checked
    if check_cells:  # an importer's rows: the same cell rules as a package file's
        from chipdb.package.columns import check_rows

        for table in _ROW_TABLES:
            check_rows(pkg, table, pkg.rows.get(table.name, []))
        pkg.cells_checked = True
    for table in _ROW_TABLES:
        _check_duplicates(pkg, table)
    for table in _ROW_TABLES:
        for col in table.columns:
            if col.ref:
                keys.fetch(col.ref, (r.cells.get(col.name, "") for r in pkg.rows.get(table.name, [])))
    in_package = {t.name: {r.cells.get(t.key[0], "") for r in pkg.rows.get(t.name, [])} for t in TABLES if t.key_attr}
    for table in _ROW_TABLES:
        refs = [col for col in table.columns if col.ref]
        for row in pkg.rows.get(table.name, []):
            for col in refs:
                _check_ref(pkg, keys, in_package, row, col.name, col.ref)
    metrics = _metric_info(conn, pkg)
    _check_names(conn, pkg)
    _check_components(conn, pkg, keys)
    _check_rules(pkg, metrics)
    history = {tuple(r.cells.get(c, "") for c in STATEMENT_KEY) for r in pkg.rows.get("history", [])}
    judge = Judge(metrics)
    held = check_statements(conn, pkg, keys, judge, in_package, history, check_cells, progress)
    _check_claims(pkg, keys, metrics)
    _check_history(conn, pkg, keys, metrics, held)
    from chipdb.package.controlrows import check_controls
    from chipdb.package.runtimerows import check_device_strings

    check_controls(conn, pkg)
    check_device_strings(conn, pkg)
    return judge


def _check_duplicates(pkg: Package, table: Table) -> None:
    seen: dict[tuple, int] = {}
    for row in pkg.rows.get(table.name, []):
        key = row.key(table)
        if table.name == "aliases":
            key = (vocab.normalize_name(row.cells.get("alias", "")),)
        elif table.name == "device_strings":
            key = (vocab.normalize_name(row.cells.get("string", "")), row.cells.get("device", ""))
        if key in seen:
            pkg.problem(row.file, row.line, None,
                        f"duplicate key {', '.join(table.key)} = {', '.join(key)}: "
                        f"line {seen[key]} has it already; keep one")
        else:
            seen[key] = row.line


def _check_ref(pkg: Package, keys: Keys, in_package: dict[str, set[str]], row: Row, column: str, ref: str) -> None:
    value = row.cells.get(column, "")
    if not value or value in keys.ids[ref] or value in in_package[ref]:
        return
    pkg.problem(row.file, row.line, column, ref_problem(ref, value))


@dataclass(frozen=True)
class _MetricInfo:
    dimension: str
    qualifiers: tuple[str, ...]


def _metric_info(conn: Connection, pkg: Package) -> dict[str, _MetricInfo]:
    info = {
        key: _MetricInfo(dim, tuple(q.split()))
        for key, dim, q in conn.execute(
            select(T.metrics.c.key, T.metrics.c.dimension, T.metrics.c.qualifiers))
    }
    for row in pkg.rows.get("metrics", []):
        quals = tuple(row.cells.get("qualifiers", "").split())
        for q in quals:
            if q not in vocab.QUALIFIERS:
                pkg.problem(row.file, row.line, "qualifiers",
                            f"{q!r} is not a qualifier; use some of: {' '.join(vocab.QUALIFIERS)}")
        for kind in row.cells.get("core_for", "").split():
            if kind not in vocab.DEVICE_KINDS:
                pkg.problem(row.file, row.line, "core_for",
                            f"{kind!r} is not a device kind; use some of: {' '.join(vocab.DEVICE_KINDS)}")
        dim = row.cells.get("dimension", "")
        unit = vocab.canonical_unit(dim) if dim in vocab.STORED_DIMENSIONS else None
        if unit is not None and row.cells.get("unit", "") != unit:
            pkg.problem(row.file, row.line, "unit", f"the canonical unit of dimension {dim} is {unit}"
                        if unit else f"dimension {dim} has no unit; leave it empty")
        info[row.cells["key"]] = _MetricInfo(dim, quals)
    return info


def _check_names(conn: Connection, pkg: Package) -> None:
    """A device is looked up by its slug, name and aliases with case, spaces and dashes ignored,
    so each of those keys may name one device only: in the package and against the database."""
    claims: dict[str, dict[str, tuple[Row, str]]] = {}  # key -> device slug -> (row, column)
    for row in pkg.rows.get("devices", []):
        for column in ("slug", "name"):
            key = vocab.normalize_name(row.cells.get(column, ""))
            if key:
                claims.setdefault(key, {}).setdefault(row.cells["slug"], (row, column))
    for row in pkg.rows.get("aliases", []):
        key = vocab.normalize_name(row.cells.get("alias", ""))
        if not key:
            pkg.problem(row.file, row.line, "alias", "an alias needs at least one letter or digit")
            continue
        claims.setdefault(key, {}).setdefault(row.cells.get("device", ""), (row, "alias"))
    if not claims:
        return
    d, a = T.devices.c, T.aliases.c
    slug_key = func.replace(d.slug, "-", "")
    queries = ((d.name_key, select(d.name_key, d.slug), "name"), (slug_key, select(slug_key, d.slug), "slug"),
               (a.alias_key, select(a.alias_key, d.slug).select_from(T.aliases).join(T.devices, a.device_id == d.id),
                "alias"))
    # a few keys: looked up by IN lists; many (a bulk import), or more than the database has
    # devices: every key of the database read once
    many = len(claims) > 20 * CHUNK or len(claims) > CHUNK and \
        len(claims) > (conn.scalar(select(func.count()).select_from(T.devices)) or 0)
    parts = [None] if many else chunks(sorted(claims))
    keyed = [(query.where(column.in_(bindparam("keys", expanding=True))), query, what) for column, query, what in queries]
    for part in parts:
        for by_keys, query, what in keyed:
            for key, slug in conn.execute(query) if part is None else conn.execute(by_keys, {"keys": part}):
                if key in claims:
                    claims[key].setdefault(slug, (None, what))
    check_lookalikes(conn, pkg)
    for key, by_device in claims.items():
        if len(by_device) < 2:
            continue
        for slug, (row, column) in by_device.items():
            if row is None:
                continue
            others = ", ".join(f"{s} (its {c})" for s, (_, c) in by_device.items() if s != slug)
            pkg.problem(row.file, row.line, column, f"{row.cells.get(column)!r} reads as {key!r}, which already "
                        f"names device {others}; lookups ignore case, spaces and dashes, so choose another")


def _check_components(conn: Connection, pkg: Package, keys: Keys) -> None:
    rows = pkg.rows.get("components", [])
    if not rows:
        return
    edges: dict[str, set[str]] = defaultdict(set)
    slug_of = {i: s for s, i in keys.ids["devices"].items()}
    named = {r.cells["system"] for r in rows} | {r.cells["part"] for r in rows}
    # the database's edges: walk down from every device the package's components name, a level
    # at a time (a cycle may close through the database: part -> ... -> system)
    frontier = {keys.ids["devices"][s] for s in named if s in keys.ids["devices"]}
    seen = set()
    while frontier:
        seen |= frontier
        found = conn.execute(
            select(T.components.c.system_id, T.components.c.part_id, T.devices.c.slug)
            .select_from(T.components).join(T.devices, T.components.c.part_id == T.devices.c.id)
            .where(T.components.c.system_id.in_(list(frontier)))).all()
        frontier = set()
        for sys_id, part_id, part_slug in found:
            slug_of[part_id] = part_slug
            if sys_id in slug_of:
                edges[slug_of[sys_id]].add(part_slug)
            if part_id not in seen:
                frontier.add(part_id)
    for row in rows:
        edges[row.cells["system"]].add(row.cells["part"])
    for row in rows:
        system = row.cells["system"]
        if _reaches(edges, row.cells["part"], system):
            pkg.problem(row.file, row.line, "part",
                        f"component cycle: {system} would contain itself through {row.cells['part']}")


def _reaches(edges: dict[str, set[str]], start: str, target: str) -> bool:
    stack, seen = [start], set()
    while stack:
        node = stack.pop()
        if node == target:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(edges.get(node, ()))
    return False


def _check_rules(pkg: Package, metrics: dict[str, _MetricInfo]) -> None:
    for row in pkg.rows.get("rules", []):
        qualifier = row.cells.get("qualifier", "")
        if qualifier not in vocab.QUALIFIER_VALUES:
            continue
        for col in ("from", "to"):
            if row.cells.get(col) and row.cells[col] not in vocab.QUALIFIER_VALUES[qualifier]:
                pkg.problem(row.file, row.line, col, f"{row.cells[col]!r} is not a {qualifier}; use one of: "
                            + ", ".join(vocab.QUALIFIER_VALUES[qualifier]))
        info = metrics.get(row.cells.get("metric", ""))
        if info and qualifier not in info.qualifiers:
            pkg.problem(row.file, row.line, "qualifier",
                        f"metric {row.cells['metric']} has no {qualifier} qualifier")


def _check_value(pkg: Package, row: Row, info: _MetricInfo) -> None:
    """A history row's value and unit, as a statement's; kept in canonical units on the row."""
    problems, row.value = value_problems(row.cells, info)
    for column, message in problems:
        pkg.problem(row.file, row.line, column, message)


def _check_claims(pkg: Package, keys: Keys, metrics: dict[str, _MetricInfo]) -> None:
    from chipdb.domain.claimspec import KINDS, check_stated, parse_assumptions
    from chipdb.domain.errors import UsageError
    from chipdb.domain.vocab import DERIVED

    rows = pkg.rows.get("claims", [])
    keys.fetch("sources", (k for r in rows for k in r.cells.get("basis", "").split()))
    in_package = {r.cells.get("key") for r in pkg.rows.get("sources", [])}
    for row in rows:
        c = row.cells
        if c.get("metric") and c["metric"] not in metrics and c["metric"] not in DERIVED:
            pkg.problem(row.file, row.line, "metric", f"unknown metric {c['metric']!r}; use one of: "
                        + ", ".join(sorted(metrics) + sorted(DERIVED)))
        if c.get("subject") and c.get("subject") == c.get("baseline"):
            pkg.problem(row.file, row.line, "baseline", "a claim compares two different devices")
        for column, check in (("stated", lambda: check_stated(c.get("kind", ""), c.get("stated", ""))),
                              ("assumptions", lambda: parse_assumptions(c.get("assumptions", "")))):
            try:
                if c.get("kind") in KINDS:
                    check()
            except UsageError as exc:
                pkg.problem(row.file, row.line, column, str(exc))
        for key in c.get("basis", "").split():
            if key not in keys.ids["sources"] and key not in in_package:
                pkg.problem(row.file, row.line, "basis", f"unknown source {key!r} in basis")


def statement_ids(conn: Connection, keys: Keys, wanted: set[tuple]) -> dict[tuple, int]:
    """Database ids of the statements with these natural keys (device, metric, qualifiers, source)."""
    s = T.statements.c
    device_ids = sorted({keys.ids["devices"][k[0]] for k in wanted if k[0] in keys.ids["devices"]})
    slug = {i: k for k, i in keys.ids["devices"].items()}
    metric = {i: k for k, i in keys.ids["metrics"].items()}
    source = {i: k for k, i in keys.ids["sources"].items()}
    found = {}
    for chunk in chunks(device_ids):
        for row in conn.execute(select(s.id, s.device_id, s.metric_id, s.precision, s.sparsity, s.engine, s.direction,
                                       s.source_id).where(s.device_id.in_(chunk))):
            key = (slug[row.device_id], metric.get(row.metric_id), row.precision, row.sparsity, row.engine,
                   row.direction, source.get(row.source_id))
            if key in wanted:
                found[key] = row.id
    return found


def _check_history(conn: Connection, pkg: Package, keys: Keys, metrics: dict[str, _MetricInfo],
                   in_package: set[tuple]) -> None:
    """Earlier values of statements: each must name a statement of the package or the database."""
    rows = pkg.rows.get("history", [])
    if not rows:
        return
    wanted = {tuple(r.cells.get(c, "") for c in STATEMENT_KEY) for r in rows}
    keys.fetch("metrics", (k[1] for k in wanted))
    known = in_package | set(statement_ids(conn, keys, wanted - in_package))
    for row in rows:
        key = tuple(row.cells.get(c, "") for c in STATEMENT_KEY)
        if key not in known:
            pkg.problem(row.file, row.line, None, "no statement " + ", ".join(key) + " for this history row; "
                        "add it to statements.csv")
        info = metrics.get(row.cells.get("metric", ""))
        if info is not None:
            _check_value(pkg, row, info)
