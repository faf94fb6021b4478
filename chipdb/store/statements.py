"""The one statement join: a statement with its device, metric and source. Every reader that
needs a statement's names (views, knowledge, the loader's checks, importers, analysis) selects
its columns from this join instead of writing it again."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Alias, Select, select

from chipdb.store import tables as T


def statement_join(*columns: Any, device: bool = True) -> Select:
    """``SELECT columns FROM statements`` joined to devices (unless ``device`` is False: the
    caller needs only the device id), metrics and sources, in that order."""
    s = T.statements.c
    stmt = select(*columns).select_from(T.statements)
    if device:
        stmt = stmt.join(T.devices, s.device_id == T.devices.c.id)
    return stmt.join(T.metrics, s.metric_id == T.metrics.c.id).join(T.sources, s.source_id == T.sources.c.id)


def history_join(columns: Callable[[Alias, Alias], Sequence[Any]], device: bool = True) -> Select:
    """The same join with each statement's replaced values (``statement_history``) and the imports
    that replaced them (``replaced``) and loaded them (``loaded``, outer): history and export read
    it. ``columns`` is given the two import aliases and returns the columns to select."""
    h, s = T.statement_history.c, T.statements.c
    replaced, loaded = T.imports.alias("replaced"), T.imports.alias("loaded")
    return (statement_join(*columns(replaced, loaded), device=device).join(T.statement_history, h.statement_id == s.id)
            .join(replaced, h.replaced_by_import_id == replaced.c.id)
            .outerjoin(loaded, h.loaded_by_import_id == loaded.c.id))
