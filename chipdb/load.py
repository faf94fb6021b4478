"""Check a data package against itself and the database, then write it in one transaction.

Nothing is written unless every row passes: all problems are collected and raised together as
``ValidationFailed``, each with its file, line and column. Writing is an upsert by natural key:
an unchanged row is left alone (loading twice is loading once); a statement whose value changes
keeps its old value in ``statement_history``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from . import tables as T
from . import vocab
from .controlcheck import check_controls
from .errors import ValidationFailed
from .package import TABLES, TABLES_BY_NAME, Package, Row, Table, parse_bool

CHUNK = 500
_HISTORY_FIELDS = ("value", "value_printed", "unit_printed", "status", "locator", "rank", "reason", "note")


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


def _table(table: Table):
    """The Core table a package table is written to."""
    return getattr(T, table.name)


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class _Keys:
    """Natural key -> database id for the referenced tables, fetched only for the keys named."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.ids: dict[str, dict[str, int]] = defaultdict(dict)

    def fetch(self, table_name: str, keys: Iterable[str]) -> None:
        table = TABLES_BY_NAME[table_name]
        tbl = _table(table)
        col = tbl.c[table.key_attr]
        wanted = sorted({k for k in keys if k and k not in self.ids[table_name]})
        for chunk in _chunks(wanted):
            for key, id_ in self.conn.execute(select(col, tbl.c.id).where(col.in_(chunk))):
                self.ids[table_name][key] = id_


def load_package(conn: Connection, pkg: Package, origin: str) -> LoadReport:
    """Validate ``pkg`` completely, then write it on ``conn`` (in the caller's transaction)."""
    keys = _Keys(conn)
    _validate(conn, pkg, keys)
    if pkg.problems:
        raise ValidationFailed(pkg.problems)
    return _write(conn, pkg, keys, origin)


# --- validation across rows and against the database -------------------------------------


def _validate(conn: Connection, pkg: Package, keys: _Keys) -> None:
    for table in TABLES:
        _check_duplicates(pkg, table)
    for table in TABLES:
        for col in table.columns:
            if col.ref:
                keys.fetch(col.ref, (r.cells.get(col.name, "") for r in pkg.rows.get(table.name, [])))
    in_package = {t.name: {r.cells.get(t.key[0], "") for r in pkg.rows.get(t.name, [])} for t in TABLES if t.key_attr}
    for table in TABLES:
        refs = [col for col in table.columns if col.ref]
        for row in pkg.rows.get(table.name, []):
            for col in refs:
                _check_ref(pkg, keys, in_package, row, col.name, col.ref)
    metrics = _metric_info(conn, pkg)
    _check_aliases(conn, pkg)
    _check_components(conn, pkg, keys)
    _check_rules(pkg, metrics)
    _check_statements(conn, pkg, keys, metrics)
    _check_claims(pkg, keys, metrics)
    _check_history(conn, pkg, keys, metrics)
    check_controls(conn, pkg)


def _check_duplicates(pkg: Package, table: Table) -> None:
    seen: dict[tuple, int] = {}
    for row in pkg.rows.get(table.name, []):
        key = row.key(table)
        if table.name == "aliases":
            key = (vocab.normalize_name(row.cells.get("alias", "")),)
        if key in seen:
            pkg.problem(row.file, row.line, None,
                        f"duplicate key {', '.join(table.key)} = {', '.join(key)}: "
                        f"line {seen[key]} has it already; keep one")
        else:
            seen[key] = row.line


def _check_ref(pkg: Package, keys: _Keys, in_package: dict[str, set[str]], row: Row, column: str, ref: str) -> None:
    value = row.cells.get(column, "")
    if not value or value in keys.ids[ref] or value in in_package[ref]:
        return
    ref_table = TABLES_BY_NAME[ref]
    hint = {"devices": " (chipdb list)", "sources": " (chipdb sources)"}.get(ref, "")
    pkg.problem(row.file, row.line, column,
                f"unknown {ref[:-1].replace('_', ' ')} {value!r}; add it to {ref}.csv or use an existing "
                f"{ref_table.key[0]}{hint}")


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
        dim = row.cells.get("dimension", "")
        unit = vocab.canonical_unit(dim) if dim in vocab.STORED_DIMENSIONS else None
        if unit is not None and row.cells.get("unit", "") != unit:
            pkg.problem(row.file, row.line, "unit", f"the canonical unit of dimension {dim} is {unit}"
                        if unit else f"dimension {dim} has no unit; leave it empty")
        info[row.cells["key"]] = _MetricInfo(dim, quals)
    return info


def _check_aliases(conn: Connection, pkg: Package) -> None:
    rows = pkg.rows.get("aliases", [])
    if not rows:
        return
    by_key = {vocab.normalize_name(r.cells["alias"]): r for r in rows}
    for chunk in _chunks(sorted(by_key)):
        a, d = T.aliases.c, T.devices.c
        stmt = (select(a.alias_key, d.slug).select_from(T.aliases).join(T.devices, a.device_id == d.id)
                .where(a.alias_key.in_(chunk)))
        for alias_key, slug in conn.execute(stmt):
            row = by_key[alias_key]
            if row.cells["device"] != slug:
                pkg.problem(row.file, row.line, "alias",
                            f"alias {row.cells['alias']!r} already names device {slug}; aliases must be unique")
    for key, row in by_key.items():
        if not key:
            pkg.problem(row.file, row.line, "alias", "an alias needs at least one letter or digit")


def _check_components(conn: Connection, pkg: Package, keys: _Keys) -> None:
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
    """A value and unit as printed, for a status that has one; kept in canonical units on the row."""
    from .units import UnitProblem, to_canonical

    c = row.cells
    if c.get("status") in vocab.VALUED_STATUSES and not vocab.is_quantity(info.dimension):
        _check_descriptive(pkg, row, info)
    elif c.get("status") in vocab.VALUED_STATUSES:
        if not c.get("value") or (not c.get("unit") and info.dimension != "count"):
            pkg.problem(row.file, row.line, "value" if not c.get("value") else "unit",
                        f"a {c['status']} statement needs its value and unit as printed")
            return
        try:
            row.value = to_canonical(c["value"], c.get("unit", ""), info.dimension)
        except UnitProblem as exc:
            pkg.problem(row.file, row.line, "value" if "number" in str(exc) or "negative" in str(exc)
                        else "unit", str(exc))
    elif c.get("value") or c.get("unit"):
        pkg.problem(row.file, row.line, "value", f"a {c.get('status')} statement has no value; leave value and unit empty")


def _check_descriptive(pkg: Package, row: Row, info: _MetricInfo) -> None:
    """A text or date value is kept as printed, with no unit and no number."""
    c = row.cells
    value, metric = c.get("value", ""), c.get("metric", "")
    if not value:
        pkg.problem(row.file, row.line, "value", f"a {c['status']} statement needs its value as printed")
    elif c.get("unit"):
        pkg.problem(row.file, row.line, "unit", f"metric {metric} is {info.dimension}: leave the unit empty")
    elif info.dimension == "date" and (problem := vocab.date_problem(value)):
        pkg.problem(row.file, row.line, "value", problem)
    elif metric in vocab.TEXT_CHOICES and value not in vocab.TEXT_CHOICES[metric]:
        pkg.problem(row.file, row.line, "value", f"{value!r} is not one of: {', '.join(vocab.TEXT_CHOICES[metric])}")


def _check_statements(conn: Connection, pkg: Package, keys: _Keys, metrics: dict[str, _MetricInfo]) -> None:
    rows = pkg.rows.get("statements", [])
    preferred: dict[tuple, Row] = {}
    for row in rows:
        c = row.cells
        c["rank"] = c.get("rank") or "normal"
        info = metrics.get(c.get("metric", ""))
        if info is None:
            continue
        valued = c.get("status") in vocab.VALUED_STATUSES
        for q in vocab.QUALIFIERS:
            if c.get(q) and q not in info.qualifiers:
                pkg.problem(row.file, row.line, q, f"metric {c['metric']} takes no {q}; leave it empty")
            elif valued and not c.get(q) and q in info.qualifiers:
                pkg.problem(row.file, row.line, q, f"metric {c['metric']} needs a {q}: "
                            + ", ".join(vocab.QUALIFIER_VALUES[q]))
        _check_value(pkg, row, info)
        if c["rank"] == "preferred":
            group = (c.get("device"), c.get("metric"), *(c.get(q, "") for q in vocab.QUALIFIERS))
            if group in preferred:
                pkg.problem(row.file, row.line, "rank",
                            f"line {preferred[group].line} is already preferred for this device, metric and "
                            "qualifiers; mark one preferred and the other normal")
            preferred[group] = row
    _check_preferred_against_db(conn, pkg, keys, preferred)


def _check_claims(pkg: Package, keys: _Keys, metrics: dict[str, _MetricInfo]) -> None:
    from .claimspec import KINDS, check_stated, parse_assumptions
    from .errors import UsageError
    from .vocab import DERIVED

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


_STATEMENT_KEY = ("device", "metric", *vocab.QUALIFIERS, "source")


def _statement_ids(conn: Connection, keys: _Keys, wanted: set[tuple]) -> dict[tuple, int]:
    """Database ids of the statements with these natural keys (device, metric, qualifiers, source)."""
    s = T.statements.c
    device_ids = sorted({keys.ids["devices"][k[0]] for k in wanted if k[0] in keys.ids["devices"]})
    slug = {i: k for k, i in keys.ids["devices"].items()}
    metric = {i: k for k, i in keys.ids["metrics"].items()}
    source = {i: k for k, i in keys.ids["sources"].items()}
    found = {}
    for chunk in _chunks(device_ids):
        for row in conn.execute(select(s.id, s.device_id, s.metric_id, s.precision, s.sparsity, s.engine, s.direction,
                                       s.source_id).where(s.device_id.in_(chunk))):
            key = (slug[row.device_id], metric.get(row.metric_id), row.precision, row.sparsity, row.engine,
                   row.direction, source.get(row.source_id))
            if key in wanted:
                found[key] = row.id
    return found


def _check_history(conn: Connection, pkg: Package, keys: _Keys, metrics: dict[str, _MetricInfo]) -> None:
    """Earlier values of statements: each must name a statement of the package or the database."""
    rows = pkg.rows.get("history", [])
    if not rows:
        return
    in_package = {r.key(TABLES_BY_NAME["statements"]) for r in pkg.rows.get("statements", [])}
    wanted = {tuple(r.cells.get(c, "") for c in _STATEMENT_KEY) for r in rows}
    keys.fetch("metrics", (k[1] for k in wanted))
    known = in_package | set(_statement_ids(conn, keys, wanted - in_package))
    for row in rows:
        key = tuple(row.cells.get(c, "") for c in _STATEMENT_KEY)
        if key not in known:
            pkg.problem(row.file, row.line, None, "no statement " + ", ".join(key) + " for this history row; "
                        "add it to statements.csv")
        info = metrics.get(row.cells.get("metric", ""))
        if info is not None:
            _check_value(pkg, row, info)


def _check_preferred_against_db(conn: Connection, pkg: Package, keys: _Keys, preferred: dict[tuple, Row]) -> None:
    """A preferred statement in the package may not meet another preferred one in the database,
    unless the package also holds that one (and so may demote it)."""
    if not preferred:
        return
    in_package = {r.key(TABLES_BY_NAME["statements"]) for r in pkg.rows.get("statements", [])}
    device_ids = sorted({keys.ids["devices"][g[0]] for g in preferred if g[0] in keys.ids["devices"]})
    s, d, m, src = T.statements.c, T.devices.c, T.metrics.c, T.sources.c
    for chunk in _chunks(device_ids):
        stmt = (select(d.slug, m.key, s.precision, s.sparsity, s.engine, s.direction, src.key)
                .select_from(T.statements).join(T.devices, s.device_id == d.id)
                .join(T.metrics, s.metric_id == m.id).join(T.sources, s.source_id == src.id)
                .where(s.device_id.in_(chunk), s.rank == "preferred"))
        for slug, metric, *quals, source in conn.execute(stmt):
            group = (slug, metric, *quals)
            row = preferred.get(group)
            if row is not None and (*group, source) not in in_package:
                pkg.problem(row.file, row.line, "rank",
                            f"the database already prefers the statement from source {source} for this device, "
                            "metric and qualifiers; include that statement with rank normal to change which is preferred")


# --- writing -------------------------------------------------------------------------------


def _write(conn: Connection, pkg: Package, keys: _Keys, origin: str) -> LoadReport:
    report = LoadReport(origin, {}, {}, {}, None)
    imports = T.imports
    at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    import_id = conn.execute(insert(imports).values(origin=origin, at=at)).inserted_primary_key[0]
    for table in TABLES:
        rows = pkg.rows.get(table.name, [])
        if rows and table.name == "history":
            _write_history(conn, rows, keys, report)
        elif rows:
            _write_table(conn, table, rows, keys, import_id, report)
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


def _write_history(conn: Connection, rows: list[Row], keys: _Keys, report: LoadReport) -> None:
    """History rows, matched on statement, replacing import and the value it replaced."""
    ids = _statement_ids(conn, keys, {tuple(r.cells.get(c, "") for c in _STATEMENT_KEY) for r in rows})
    h = T.statement_history.c
    existing = {(r.statement_id, r.replaced_by_import_id, r.value_printed, r.unit_printed)
                for r in conn.execute(select(h.statement_id, h.replaced_by_import_id, h.value_printed, h.unit_printed)
                                      .where(h.statement_id.in_(sorted(set(ids.values())))))}
    imports: dict[tuple[str, str], int] = {}
    new = []
    for row in rows:
        c = row.cells
        statement = ids[tuple(c.get(col, "") for col in _STATEMENT_KEY)]
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


def _converters(table: Table, keys: _Keys) -> list[tuple[str, str, object]]:
    """(cell name, column, convert) for each column of a table, decided once per table."""
    out = []
    for col in table.columns:
        if col.ref:
            convert = keys.ids[col.ref].__getitem__
        elif col.kind == "int":
            convert = lambda v: int(v) if v else None  # noqa: E731
        elif col.kind == "float":
            convert = lambda v: float(v) if v else None  # noqa: E731
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
    elif table.name == "statements":
        attrs["value"] = row.value
        attrs["import_id"] = import_id
    elif table.name == "control_thresholds":
        attrs["value_si"] = row.value
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
    for chunk in _chunks(sorted({k[0] for k in keys}, key=repr)):
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


def _write_table(conn: Connection, table: Table, rows: list[Row], keys: _Keys, import_id: int,
                 report: LoadReport) -> None:
    tbl = _table(table)
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
            history.append({**{f: old[f] for f in _HISTORY_FIELDS}, "statement_id": old["id"],
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
