"""Read-only views for display: the device list, a device's statements and parts, sources and
what cites them. (Finding one device, metric or source by name is ``chipdb.store.lookup``.)"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from collections import defaultdict

from sqlalchemy import Connection, Row, func, select

from chipdb.store import tables as T
from chipdb.domain import vocab
from chipdb.domain.records import DeviceInfo
from chipdb.store.lookup import device_from_row, device_select, find_source


@dataclass(frozen=True)
class StatementView:
    device: str
    metric: str
    dimension: str
    precision: str
    sparsity: str
    engine: str
    direction: str
    value: float | None
    value_printed: str
    unit_printed: str
    status: str
    source: str
    url: str
    locator: str
    rank: str
    reason: str
    note: str

    @property
    def unit(self) -> str:
        return vocab.canonical_unit(self.dimension, self.precision)

    @property
    def readable(self) -> str:
        if not vocab.is_quantity(self.dimension) and self.value_printed:
            return self.value_printed
        if self.value is None:
            return self.status.replace("_", " ")
        return vocab.format_quantity(self.value, self.dimension, self.precision)

    @property
    def printed(self) -> str:
        return f"{self.value_printed} {self.unit_printed}".strip()

    @property
    def qualifiers(self) -> str:
        return " ".join(q for q in (self.precision, self.sparsity, self.engine, self.direction) if q)

    def as_json(self) -> dict:
        return {
            "device": self.device, "metric": self.metric, "precision": self.precision,
            "sparsity": self.sparsity, "engine": self.engine, "direction": self.direction,
            "value": self.value, "unit": self.unit, "printed_value": self.value_printed,
            "printed_unit": self.unit_printed, "status": self.status, "source": self.source,
            "url": self.url, "locator": self.locator, "rank": self.rank, "reason": self.reason,
            "note": self.note,
        }


def statement_query():
    s, d, m, src = T.statements.c, T.devices, T.metrics, T.sources
    return (
        select(d.c.slug, m.c.key, m.c.dimension, s.precision, s.sparsity, s.engine, s.direction, s.value,
               s.value_printed, s.unit_printed, s.status, src.c.key, src.c.url, s.locator, s.rank,
               s.reason, s.note)
        .select_from(T.statements)
        .join(d, s.device_id == d.c.id).join(m, s.metric_id == m.c.id).join(src, s.source_id == src.c.id)
    )


_RANK_ORDER = {r: i for i, r in enumerate(vocab.RANKS)}
_PRECISION_ORDER = {p: i for i, p in enumerate(vocab.PRECISIONS)}


def device_statements(conn: Connection, device: DeviceInfo, metric: str | None = None) -> list[StatementView]:
    stmt = statement_query().where(T.statements.c.device_id == device.id)
    if metric:
        stmt = stmt.where(T.metrics.c.key == metric)
    views = [StatementView(*row) for row in conn.execute(stmt)]
    views.sort(key=lambda v: (v.metric, _PRECISION_ORDER.get(v.precision, -1), v.sparsity, v.engine,
                              v.direction, _RANK_ORDER[v.rank], v.source))
    return views


@dataclass(frozen=True)
class ComponentView:
    part: str
    part_name: str
    count: int
    source: str
    locator: str


def device_components(conn: Connection, device: DeviceInfo) -> list[ComponentView]:
    c, d, src = T.components.c, T.devices, T.sources
    stmt = (select(d.c.slug, d.c.name, c.count, src.c.key, c.locator).select_from(T.components)
            .join(d, c.part_id == d.c.id).join(src, c.source_id == src.c.id)
            .where(c.system_id == device.id).order_by(d.c.slug))
    return [ComponentView(*row) for row in conn.execute(stmt)]


def list_devices(conn: Connection) -> list[tuple[DeviceInfo, list[str]]]:
    """Every device with its aliases, by kind and slug."""
    a = T.aliases.c
    aliases: dict[int, list[str]] = defaultdict(list)
    for device_id, alias in conn.execute(select(a.device_id, a.alias).order_by(a.alias)):
        aliases[device_id].append(alias)
    stmt = device_select().order_by(T.devices.c.kind, T.devices.c.slug)
    dates = release_dates(conn)
    out = []
    for dev in (device_from_row(row) for row in conn.execute(stmt)):
        date, where = dates.get(dev.slug, ("", ""))
        out.append((replace(dev, released=date + (" (announced)" if where.startswith(ANNOUNCED) else "")),
                    aliases[dev.id]))
    return out


DATE_METRICS = ("released", "announced")  # sourced statements, in order of preference
ANNOUNCED = "announced: "
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def release_dates(conn: Connection) -> dict[str, tuple[str, str]]:
    """device slug -> (date, where it comes from), the one release date every command shows: a
    sourced ``released`` statement (preferred rank first; where = its source key), else an
    ``announced`` one (where = "announced: <source>"), else the devices table's unsourced
    ``released`` column (where = "devices table")."""
    d, s, m, src = T.devices.c, T.statements.c, T.metrics.c, T.sources.c
    found: dict[str, tuple[str, str]] = {}
    stmt = (select(d.slug, m.key, s.value_printed, s.rank, src.key).select_from(T.statements)
            .join(T.devices, s.device_id == d.id).join(T.metrics, s.metric_id == m.id)
            .join(T.sources, s.source_id == src.id).where(m.key.in_(DATE_METRICS)))
    ranked = sorted(conn.execute(stmt).all(),
                    key=lambda r: (DATE_METRICS.index(r[1]), vocab.RANKS.index(r[3]) if r[3] in vocab.RANKS else 9, r[4]))
    for slug, metric, printed, rank, source in ranked:
        if rank != "deprecated" and printed and _DATE.match(printed.strip()):
            found.setdefault(slug, (printed.strip(), source if metric == "released" else ANNOUNCED + source))
    for slug, released in conn.execute(select(d.slug, d.released)):
        if released and _DATE.match(released.strip()):
            found.setdefault(slug, (released.strip(), "devices table"))
    return found


def list_sources(conn: Connection) -> list[tuple[Row, int]]:
    s = T.statements.c
    counts = select(s.source_id, func.count().label("n")).group_by(s.source_id).subquery()
    src = T.sources
    stmt = (select(src, func.coalesce(counts.c.n, 0).label("statements"))
            .outerjoin(counts, counts.c.source_id == src.c.id).order_by(src.c.key))
    return [(row, row.statements) for row in conn.execute(stmt)]


def source_statements(conn: Connection, key: str) -> tuple[Row, list[StatementView]]:
    source = find_source(conn, key)
    stmt = statement_query().where(T.statements.c.source_id == source.id).order_by(
        T.devices.c.slug, T.metrics.c.key)
    return source, [StatementView(*row) for row in conn.execute(stmt)]

