"""The one statement join: a statement with its device, metric and source. Every reader that
needs a statement's names (views, knowledge, the loader's checks, importers, analysis) selects
its columns from this join instead of writing it again."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Alias, Select, select

from chipdb.store import tables as T


_S, _SRC = T.statements.c, T.sources.c
# A source's columns in any query that reads statements, rules or rule lines with their source.
SOURCE_COLUMNS = (_SRC.key.label("source_key"), _SRC.title.label("source_title"), _SRC.url.label("source_url"),
                  _SRC.published.label("source_published"), _SRC.kind.label("source_kind"))
# A statement's columns, in the order ``Statement.from_row`` (chipdb.domain.records) reads them:
# the one list every reader of whole statements selects (with ``statement_join``).
STATEMENT_COLUMNS = (
    T.devices.c.slug.label("device"), T.metrics.c.key.label("metric"), T.metrics.c.dimension, _S.precision,
    _S.sparsity, _S.engine, _S.direction, _S.value, _S.value_printed, _S.unit_printed, _S.status, *SOURCE_COLUMNS,
    _S.locator, _S.rank, _S.reason, _S.note,
)


def statements_select(*extra: Any) -> Select:
    """Whole statements (``STATEMENT_COLUMNS``, then the caller's ``extra`` columns), for
    ``Statement.from_row``."""
    return statement_join(*STATEMENT_COLUMNS, *extra)


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
