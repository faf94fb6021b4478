"""A device's value history: every value an import replaced, with when and by which import."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import Connection

from chipdb.store import tables as T
from chipdb.store.statements import STATEMENT_COLUMNS, history_join
from chipdb.domain.delegate import Delegate
from chipdb.domain.records import DeviceInfo, Statement

_WAS = len(STATEMENT_COLUMNS)  # where a history row's replaced values start


@dataclass(frozen=True)
class Change:
    """A replaced value: the statement as it is now, as it was (the same statement with the
    replaced value columns, ``STATEMENT_VALUE_COLUMNS``), and the imports that replaced and (when
    known) loaded the old value."""

    now: Statement
    was: Statement
    replaced_at: str
    replaced_by: str
    loaded_by: str

    metric = Delegate[str]("now.metric")
    qualifiers = Delegate[str]("now.qualifiers")
    source = Delegate[str]("now.source.key")
    old_value = Delegate[float | None]("was.value")
    new = Delegate[str]("now.printed")
    new_value = Delegate[float | None]("now.value")

    @property
    def old(self) -> str:
        return self.was.printed or self.was.status


def device_history(conn: Connection, device: DeviceInfo, metric: str | None = None) -> list[Change]:
    h, s, m = T.statement_history.c, T.statements.c, T.metrics.c
    stmt = (history_join(lambda replaced, loaded: (
        *STATEMENT_COLUMNS, *(h[name] for name in T.STATEMENT_VALUE_COLUMNS), replaced.c.at, replaced.c.origin,
        loaded.c.origin)).where(s.device_id == device.id).order_by(m.key, s.id, h.id))
    if metric:
        stmt = stmt.where(m.key == metric)
    out = []
    for row in conn.execute(stmt):
        now = Statement.from_row(row)
        was = replace(now, **dict(zip(T.STATEMENT_VALUE_COLUMNS, row[_WAS:_WAS + len(T.STATEMENT_VALUE_COLUMNS)])))
        at, origin, loaded_origin = row[-3:]
        out.append(Change(now, was, at, origin, loaded_origin or ""))
    return out
