"""A device's value history: every value an import replaced, with when and by which import."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from chipdb.store import tables as T
from chipdb.store.statements import history_join
from chipdb.domain.records import DeviceInfo


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


def device_history(conn: Connection, device: DeviceInfo, metric: str | None = None) -> list[Change]:
    h, s, m, src = T.statement_history, T.statements, T.metrics, T.sources
    stmt = (history_join(lambda replaced, loaded: (
        m.c.key, m.c.dimension, s.c.precision, s.c.sparsity, s.c.engine, s.c.direction, src.c.key, h.c.value_printed,
        h.c.unit_printed, h.c.value, h.c.status, h.c.rank, s.c.value_printed, s.c.unit_printed, s.c.value,
        replaced.c.at, replaced.c.origin, loaded.c.origin), device=False)
            .where(s.c.device_id == device.id).order_by(m.c.key, s.c.id, h.c.id))
    if metric:
        stmt = stmt.where(m.c.key == metric)
    out = []
    for (mk, dim, prec, sp, eng, dirn, source, ov, ou, oval, ost, ork, nv, nu, nval, at, origin, loaded_origin) \
            in conn.execute(stmt):
        out.append(Change(mk, " ".join(x for x in (prec, sp, eng, dirn) if x), source, f"{ov} {ou}".strip() or ost,
                          oval, ost, ork, f"{nv} {nu}".strip(), nval, at, origin, loaded_origin or "", dim, prec))
    return out
