"""The records the read views return, and their display order: plain data (no SQLAlchemy), so
the fast read path (``chipdb.store.fastread``) builds the very same objects from DB-API rows."""

from __future__ import annotations

from dataclasses import dataclass

from chipdb.domain import vocab


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
        return {key: getattr(self, attr) for key, attr in STATEMENT_FIELDS}


# A statement's machine form (JSON object, CSV row): (key, StatementView attribute), in order.
STATEMENT_FIELDS = (
    ("device", "device"), ("metric", "metric"), ("precision", "precision"), ("sparsity", "sparsity"),
    ("engine", "engine"), ("direction", "direction"), ("value", "value"), ("unit", "unit"),
    ("printed_value", "value_printed"), ("printed_unit", "unit_printed"), ("status", "status"), ("source", "source"),
    ("url", "url"), ("locator", "locator"), ("rank", "rank"), ("reason", "reason"), ("note", "note"),
)


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


def sorted_statements(rows) -> list[StatementView]:
    """A device's statements in display order: metric, qualifiers, rank, source."""
    views = [StatementView(*row) for row in rows]
    views.sort(key=lambda v: (v.metric, _PRECISION_ORDER.get(v.precision, -1), v.sparsity, v.engine,
                              v.direction, _RANK_ORDER[v.rank], v.source))
    return views


def devices_with_aliases(alias_rows, device_rows, device_from_row) -> list:
    """(device, its aliases) for every device row, the aliases sorted by code point here, not by
    the database's collation, so SQLite and PostgreSQL (whatever its locale or ICU collation) agree."""
    aliases: dict[int, list[str]] = {}
    for device_id, alias in alias_rows:
        aliases.setdefault(device_id, []).append(alias)
    return [(dev, sorted(aliases.get(dev.id, []))) for dev in (device_from_row(row) for row in device_rows)]
