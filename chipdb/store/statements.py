"""The one statement join: a statement with its device, metric and source. Every reader that
needs a statement's names (views, knowledge, the loader's checks, importers, analysis) selects
its columns from this join instead of writing it again."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from chipdb.store import tables as T


def statement_join(*columns: Any, device: bool = True) -> Select:
    """``SELECT columns FROM statements`` joined to devices (unless ``device`` is False: the
    caller needs only the device id), metrics and sources, in that order."""
    s = T.statements.c
    stmt = select(*columns).select_from(T.statements)
    if device:
        stmt = stmt.join(T.devices, s.device_id == T.devices.c.id)
    return stmt.join(T.metrics, s.metric_id == T.metrics.c.id).join(T.sources, s.source_id == T.sources.c.id)
