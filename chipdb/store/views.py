"""Read-only views for display: the device list, a device's statements and parts, sources and
what cites them. (Finding one device, metric or source by name is ``chipdb.store.lookup``.)"""

from __future__ import annotations

from sqlalchemy import Connection, Row, bindparam, func, select

from chipdb.store import tables as T
from chipdb.domain.records import DeviceInfo
from chipdb.store.lookup import device_from_row, device_select, find_source
from chipdb.store.rows import ComponentView, StatementView, devices_with_aliases, sorted_statements

__all__ = ["ComponentView", "StatementView"]  # the records live in chipdb.store.rows, without SQLAlchemy


def statement_query():
    s, d, m, src = T.statements.c, T.devices, T.metrics, T.sources
    return (
        select(d.c.slug, m.c.key, m.c.dimension, s.precision, s.sparsity, s.engine, s.direction, s.value,
               s.value_printed, s.unit_printed, s.status, src.c.key, src.c.url, s.locator, s.rank,
               s.reason, s.note)
        .select_from(T.statements)
        .join(d, s.device_id == d.c.id).join(m, s.metric_id == m.c.id).join(src, s.source_id == src.c.id)
    )


def statements_query(metric: bool = False):
    """A device's statements (bind: ``device_id``; with ``metric``, also ``metric``)."""
    stmt = statement_query().where(T.statements.c.device_id == bindparam("device_id"))
    return stmt.where(T.metrics.c.key == bindparam("metric")) if metric else stmt


def device_statements(conn: Connection, device: DeviceInfo, metric: str | None = None) -> list[StatementView]:
    params = {"device_id": device.id, **({"metric": metric} if metric else {})}
    return sorted_statements(conn.execute(statements_query(bool(metric)), params))


def components_query():
    """A system's parts with the source of each count (bind: ``system_id``)."""
    c, d, src = T.components.c, T.devices, T.sources
    return (select(d.c.slug, d.c.name, c.count, src.c.key, c.locator).select_from(T.components)
            .join(d, c.part_id == d.c.id).join(src, c.source_id == src.c.id)
            .where(c.system_id == bindparam("system_id")).order_by(d.c.slug))


def device_components(conn: Connection, device: DeviceInfo) -> list[ComponentView]:
    return [ComponentView(*row) for row in conn.execute(components_query(), {"system_id": device.id})]


def aliases_query():
    a = T.aliases.c
    return select(a.device_id, a.alias).order_by(a.alias)


def devices_query():
    return device_select().order_by(T.devices.c.kind, T.devices.c.slug)


def list_devices(conn: Connection) -> list[tuple[DeviceInfo, list[str]]]:
    """Every device with its aliases, by kind and slug."""
    return devices_with_aliases(conn.execute(aliases_query()), conn.execute(devices_query()), device_from_row)


def list_sources(conn: Connection) -> list[tuple[Row, int]]:
    s = T.statements.c
    counts = select(s.source_id, func.count().label("n")).group_by(s.source_id).subquery()
    src = T.sources
    stmt = (select(src, func.coalesce(counts.c.n, 0).label("statements"))
            .outerjoin(counts, counts.c.source_id == src.c.id))
    return sorted(((row, row.statements) for row in conn.execute(stmt)), key=lambda pair: pair[0].key)


def source_statements(conn: Connection, key: str) -> tuple[Row, list[StatementView]]:
    source = find_source(conn, key)
    stmt = statement_query().where(T.statements.c.source_id == source.id).order_by(
        T.devices.c.slug, T.metrics.c.key)
    return source, [StatementView(*row) for row in conn.execute(stmt)]

