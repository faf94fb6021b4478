"""Read-only views of the database: devices, a device's statements, sources."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from . import models, vocab
from .lookup import find_device, find_metric, find_source


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
    s, d, m, src = models.Statement, models.Device, models.Metric, models.Source
    return (
        select(d.slug, m.key, m.dimension, s.precision, s.sparsity, s.engine, s.direction, s.value,
               s.value_printed, s.unit_printed, s.status, src.key, src.url, s.locator, s.rank,
               s.reason, s.note)
        .join(d, s.device_id == d.id).join(m, s.metric_id == m.id).join(src, s.source_id == src.id)
    )


_RANK_ORDER = {r: i for i, r in enumerate(vocab.RANKS)}
_PRECISION_ORDER = {p: i for i, p in enumerate(vocab.PRECISIONS)}


def device_statements(session: Session, device: models.Device, metric: str | None = None) -> list[StatementView]:
    stmt = statement_query().where(models.Statement.device_id == device.id)
    if metric:
        stmt = stmt.where(models.Metric.key == metric)
    views = [StatementView(*row) for row in session.execute(stmt)]
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


def device_components(session: Session, device: models.Device) -> list[ComponentView]:
    c, d, src = models.Component, models.Device, models.Source
    stmt = (select(d.slug, d.name, c.count, src.key, c.locator)
            .join(d, c.part_id == d.id).join(src, c.source_id == src.id)
            .where(c.system_id == device.id).order_by(d.slug))
    return [ComponentView(*row) for row in session.execute(stmt)]


def list_devices(session: Session) -> list[models.Device]:
    stmt = select(models.Device).options(selectinload(models.Device.aliases)).order_by(
        models.Device.kind, models.Device.slug)
    return list(session.scalars(stmt))


def list_sources(session: Session) -> list[tuple[models.Source, int]]:
    counts = (select(models.Statement.source_id, func.count().label("n"))
              .group_by(models.Statement.source_id).subquery())
    stmt = (select(models.Source, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.source_id == models.Source.id).order_by(models.Source.key))
    return [(src, n) for src, n in session.execute(stmt)]


def source_statements(session: Session, key: str) -> tuple[models.Source, list[StatementView]]:
    source = find_source(session, key)
    stmt = statement_query().where(models.Statement.source_id == source.id).order_by(
        models.Device.slug, models.Metric.key)
    return source, [StatementView(*row) for row in session.execute(stmt)]


__all__ = ["find_device", "find_metric", "device_statements", "device_components", "list_devices", "list_sources",
           "source_statements", "StatementView", "ComponentView"]
