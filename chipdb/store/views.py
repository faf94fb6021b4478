"""Read-only views for display: the device list, a device's statements and parts, sources and
what cites them. (Finding one device, metric or source by name is ``chipdb.store.lookup``.)"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Connection, Row, bindparam, func, select

from chipdb.store import tables as T
from chipdb.store.statements import STATEMENT_COLUMNS, statement_join
from chipdb.domain import vocab
from chipdb.domain.dates import problem as date_problem
from chipdb.domain.records import DeviceInfo, Statement
from chipdb.store.lookup import device_from_row, device_select, find_source
from chipdb.store.rows import ComponentView, devices_with_aliases, sorted_statements

__all__ = ["ComponentView", "Statement"]  # records without SQLAlchemy: chipdb.store.rows, chipdb.domain.records


def statement_query():
    return statement_join(*STATEMENT_COLUMNS)


def statements_query(metric: bool = False):
    """A device's statements (bind: ``device_id``; with ``metric``, also ``metric``)."""
    stmt = statement_query().where(T.statements.c.device_id == bindparam("device_id"))
    return stmt.where(T.metrics.c.key == bindparam("metric")) if metric else stmt


def device_statements(conn: Connection, device: DeviceInfo, metric: str | None = None) -> list[Statement]:
    params = {"device_id": device.id, **({"metric": metric} if metric else {})}
    return sorted_statements(conn.execute(statements_query(bool(metric)), params))


def statements_by_device(conn: Connection) -> dict[str, list[Statement]]:
    """Every device's statements (slug -> what ``device_statements`` gives) in one query, for a
    caller that shows them all (the site), instead of a query per device."""
    rows: dict[str, list[Row]] = {}
    for row in conn.execute(statement_query()):
        rows.setdefault(row[0], []).append(row)
    return {slug: sorted_statements(found) for slug, found in rows.items()}


def _components_select(*columns):
    c, d, src = T.components.c, T.devices, T.sources
    return (select(*columns, d.c.slug, d.c.name, c.count, src.c.key, c.locator).select_from(T.components)
            .join(d, c.part_id == d.c.id).join(src, c.source_id == src.c.id))


def components_query():
    """A system's parts with the source of each count (bind: ``system_id``)."""
    return (_components_select().where(T.components.c.system_id == bindparam("system_id"))
            .order_by(T.devices.c.slug))


def device_components(conn: Connection, device: DeviceInfo) -> list[ComponentView]:
    return [ComponentView(*row) for row in conn.execute(components_query(), {"system_id": device.id})]


def components_by_system(conn: Connection) -> dict[int, list[ComponentView]]:
    """Every system's parts (system id -> what ``device_components`` gives) in one query."""
    out: dict[int, list[ComponentView]] = {}
    stmt = _components_select(T.components.c.system_id).order_by(T.components.c.system_id, T.devices.c.slug)
    for system_id, *row in conn.execute(stmt):
        out.setdefault(system_id, []).append(ComponentView(*row))
    return out


def aliases_query():
    a = T.aliases.c
    return select(a.device_id, a.alias).order_by(a.alias)


def devices_query():
    return device_select().order_by(T.devices.c.kind, T.devices.c.slug)


def list_devices(conn: Connection) -> list[tuple[DeviceInfo, list[str]]]:
    """Every device with its aliases, by kind and slug; each device's release date the one every
    command shows (``release_dates``)."""
    dates = release_dates(conn)
    out = []
    for dev, aliases in devices_with_aliases(conn.execute(aliases_query()), conn.execute(devices_query()),
                                             device_from_row):
        date, where = dates.get(dev.slug, ("", ""))
        out.append((replace(dev, released=date + (" (announced)" if where.startswith(ANNOUNCED) else "")), aliases))
    return out


DATE_METRICS = ("released", "announced")  # sourced statements, in order of preference
ANNOUNCED = "announced: "


def release_dates(conn: Connection) -> dict[str, tuple[str, str]]:
    """device slug -> (date, where it comes from), the one release date every command shows: a
    sourced ``released`` statement (preferred rank first; where = its source key), else an
    ``announced`` one (where = "announced: <source>"), else the devices table's unsourced
    ``released`` column (where = "devices table")."""
    d, s, m, src = T.devices.c, T.statements.c, T.metrics.c, T.sources.c
    found: dict[str, tuple[str, str]] = {}
    stmt = statement_join(d.slug, m.key, s.value_printed, s.rank, src.key).where(m.key.in_(DATE_METRICS))
    ranked = sorted(conn.execute(stmt).all(),
                    key=lambda r: (DATE_METRICS.index(r[1]), vocab.RANKS.index(r[3]) if r[3] in vocab.RANKS else 9, r[4]))
    for slug, metric, printed, rank, source in ranked:
        if rank != "deprecated" and printed and not date_problem(printed.strip()):
            found.setdefault(slug, (printed.strip(), source if metric == "released" else ANNOUNCED + source))
    for slug, released in conn.execute(select(d.slug, d.released)):
        if released and not date_problem(released.strip()):
            found.setdefault(slug, (released.strip(), "devices table"))
    return found


def list_sources(conn: Connection) -> list[tuple[Row, int]]:
    s = T.statements.c
    counts = select(s.source_id, func.count().label("n")).group_by(s.source_id).subquery()
    src = T.sources
    stmt = (select(src, func.coalesce(counts.c.n, 0).label("statements"))
            .outerjoin(counts, counts.c.source_id == src.c.id))
    return sorted(((row, row.statements) for row in conn.execute(stmt)), key=lambda pair: pair[0].key)


def source_statements(conn: Connection, key: str) -> tuple[Row, list[Statement]]:
    source = find_source(conn, key)
    stmt = statement_query().where(T.statements.c.source_id == source.id).order_by(
        T.devices.c.slug, T.metrics.c.key)
    return source, [Statement.from_row(row) for row in conn.execute(stmt)]

