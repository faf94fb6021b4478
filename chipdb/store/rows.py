"""The records the read views return, and their display order: plain data (no SQLAlchemy), so
the fast read path (``chipdb.store.fastread``) builds the very same objects from DB-API rows.
A statement is ``chipdb.domain.records.Statement``, the one statement record."""

from __future__ import annotations

from dataclasses import dataclass

from chipdb.domain import vocab
from chipdb.domain.records import Statement


@dataclass(frozen=True)
class ComponentView:
    part: str
    part_name: str
    count: int
    source: str
    locator: str


def device_params(name: str) -> dict[str, str]:
    """The binds of the device lookup query for what a user typed (``chipdb.store.lookup``)."""
    return {"slug": name.strip().lower(), "key": vocab.normalize_name(name)}


_RANK_ORDER = {r: i for i, r in enumerate(vocab.RANKS)}
_PRECISION_ORDER = {p: i for i, p in enumerate(vocab.PRECISIONS)}


def sorted_statements(rows) -> list[Statement]:
    """A device's statements (rows of ``STATEMENT_COLUMNS``) in display order: metric, qualifiers,
    rank, source."""
    views = [Statement.from_row(row) for row in rows]
    views.sort(key=lambda v: (v.metric, _PRECISION_ORDER.get(v.precision, -1), v.sparsity, v.engine,
                              v.direction, _RANK_ORDER[v.rank], v.source.key))
    return views


def devices_with_aliases(alias_rows, device_rows, device_from_row) -> list:
    """(device, its aliases) for every device row, the aliases sorted by code point here, not by
    the database's collation, so SQLite and PostgreSQL (whatever its locale or ICU collation) agree."""
    aliases: dict[int, list[str]] = {}
    for device_id, alias in alias_rows:
        aliases.setdefault(device_id, []).append(alias)
    return [(dev, sorted(aliases.get(dev.id, []))) for dev in (device_from_row(row) for row in device_rows)]
