"""A device's value history: every value an import replaced, with when and by which import."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from . import models, vocab


@dataclass(frozen=True)
class Change:
    metric: str
    qualifiers: str
    source: str
    old: str
    old_value: float | None
    old_status: str
    old_rank: str
    new: str
    new_value: float | None
    replaced_at: str
    replaced_by: str
    loaded_by: str
    dimension: str
    precision: str


def device_history(session: Session, device: models.Device, metric: str | None = None) -> list[Change]:
    h, s, m, src = models.StatementHistory, models.Statement, models.Metric, models.Source
    replaced, loaded = aliased(models.Import), aliased(models.Import)
    stmt = (select(m.key, m.dimension, s.precision, s.sparsity, s.engine, s.direction, src.key, h.value_printed,
                   h.unit_printed, h.value, h.status, h.rank, s.value_printed, s.unit_printed, s.value, replaced.at,
                   replaced.origin, loaded.origin)
            .join(s, h.statement_id == s.id).join(m, s.metric_id == m.id).join(src, s.source_id == src.id)
            .join(replaced, h.replaced_by_import_id == replaced.id)
            .outerjoin(loaded, h.loaded_by_import_id == loaded.id)
            .where(s.device_id == device.id).order_by(m.key, s.id, h.id))
    if metric:
        stmt = stmt.where(m.key == metric)
    out = []
    for (mk, dim, prec, sp, eng, dirn, source, ov, ou, oval, ost, ork, nv, nu, nval, at, origin, loaded_origin) \
            in session.execute(stmt):
        out.append(Change(mk, " ".join(x for x in (prec, sp, eng, dirn) if x), source, f"{ov} {ou}".strip() or ost,
                          oval, ost, ork, f"{nv} {nu}".strip(), nval, at, origin, loaded_origin or "", dim, prec))
    return out


def readable(value: float | None, change: Change) -> str:
    return vocab.format_quantity(value, change.dimension, change.precision) if value is not None else "-"
