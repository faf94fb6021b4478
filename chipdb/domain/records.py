"""Plain data the resolver works on: no SQLAlchemy, no Typer, so it is tested without a database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import Any

from chipdb.domain import vocab

_KIND_AUTHORITY = {k: i for i, k in enumerate(
    ("vendor_datasheet", "vendor_page", "paper", "measurement", "analysis", "press"))}


@dataclass(frozen=True)
class Quals:
    """The qualifiers of a value; "" where a qualifier does not apply to the metric."""

    precision: str = ""
    sparsity: str = ""
    engine: str = ""
    direction: str = ""

    def with_(self, **changes: str) -> Quals:
        return replace(self, **changes)

    def get(self, name: str) -> str:
        return getattr(self, name)

    def text(self) -> str:
        return " ".join(v for v in (self.precision, self.sparsity, self.engine, self.direction) if v)

    def as_dict(self) -> dict[str, str]:
        return {q: self.get(q) for q in vocab.QUALIFIERS}


@dataclass(frozen=True)
class SourceRef:
    key: str
    title: str
    url: str
    published: str
    kind: str

    @property
    def authority(self) -> int:
        return _KIND_AUTHORITY.get(self.kind, len(_KIND_AUTHORITY))


@lru_cache(maxsize=4096)  # frozen, so shared: thousands of statements cite one source
def source_ref(key: str, title: str, url: str, published: str, kind: str) -> SourceRef:
    return SourceRef(key, title, url, published, kind)


@dataclass(frozen=True)
class Statement:
    """One statement as stored: a device's value for a metric and qualifiers, as one source
    printed it, with the names it is joined to (device slug, metric key and dimension, source).
    The one record of a statement: the resolver, the audit, the claim checks, ``show``,
    ``sources show``, the site, ``history`` and the importers all read it. A column added to
    statements is a field here and a column, at the same place, in
    ``chipdb.store.statements.STATEMENT_COLUMNS`` (tests/test_layers.py checks the two agree)."""

    device: str
    metric: str
    dimension: str
    precision: str
    sparsity: str
    engine: str
    direction: str
    value: float | None
    value_printed: str  # the number alone, as printed ("7 200"); ``printed`` adds the unit
    unit_printed: str
    status: str
    source: SourceRef
    locator: str
    rank: str
    reason: str = ""
    note: str = ""

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Statement:
        """The one mapping of a row to a statement: the columns of ``STATEMENT_COLUMNS``
        (``chipdb.store.statements``: the fields in order, the source as its five columns) first;
        a caller's own columns may follow. An SQLAlchemy row and a DB-API tuple (the fast read
        path) alike."""
        at, end = _SOURCE_AT, _SOURCE_AT + _SOURCE_WIDTH
        return cls(*row[:at], source_ref(*row[at:end]), *row[end:_ROW_WIDTH])

    @cached_property
    def quals(self) -> Quals:
        return Quals(self.precision, self.sparsity, self.engine, self.direction)

    @property
    def qualifiers(self) -> str:
        return self.quals.text()

    @property
    def printed(self) -> str:
        """The value and unit as printed ("7 200 W")."""
        return f"{self.value_printed} {self.unit_printed}".strip()

    @property
    def valued(self) -> bool:
        """A published (or estimated) value: what resolution uses unless asked for measured ones."""
        return self.status in vocab.VALUED_STATUSES and self.value is not None

    @property
    def measured(self) -> bool:
        return self.status == vocab.MEASURED and self.value is not None

    @property
    def unit(self) -> str:
        return vocab.canonical_unit(self.dimension, self.precision)

    @property
    def readable(self) -> str:
        """The value for a reader: in readable units (989.4 TFLOP/s), as printed for text and
        dates, the status where there is no value."""
        if not vocab.is_quantity(self.dimension) and self.value_printed:
            return self.value_printed
        if self.value is None:
            return self.status.replace("_", " ")
        return vocab.format_quantity(self.value, self.dimension, self.precision)

    def as_json(self) -> dict[str, Any]:
        return {key: get(self) for key, get in STATEMENT_FIELDS}


_SOURCE_AT = [f.name for f in fields(Statement)].index("source")  # where a row's source columns start
_SOURCE_WIDTH = len(fields(SourceRef))
_ROW_WIDTH = len(fields(Statement)) - 1 + _SOURCE_WIDTH  # the columns of a row that are the statement's


# A statement's machine form (JSON object, CSV row): (key, how the statement gives it), in order.
STATEMENT_FIELDS = tuple((key, attrgetter(attr)) for key, attr in (
    ("device", "device"), ("metric", "metric"), ("precision", "precision"), ("sparsity", "sparsity"),
    ("engine", "engine"), ("direction", "direction"), ("value", "value"), ("unit", "unit"),
    ("printed_value", "value_printed"), ("printed_unit", "unit_printed"), ("status", "status"),
    ("source", "source.key"), ("url", "source.url"), ("locator", "locator"), ("rank", "rank"), ("reason", "reason"),
    ("note", "note"),
))


@dataclass(frozen=True)
class Part:
    """``count`` of ``part`` inside ``system``, the count read from ``source``."""

    system: str
    part: str
    count: int
    source: SourceRef
    locator: str


@dataclass(frozen=True)
class RuleFact:
    """A named conversion: the value with ``qualifier = to`` is ``factor`` x the one with ``from``."""

    key: str
    name: str
    metric: str
    qualifier: str
    from_value: str
    to_value: str
    factor: float
    source: SourceRef
    locator: str
    devices: frozenset[str]


@dataclass(frozen=True)
class MetricInfo:
    """What resolving a metric needs: the qualifiers its values carry (precision, sparsity, ...),
    its dimension, and whether a system's value is the sum of its parts' (``additive``)."""

    key: str
    name: str
    qualifiers: tuple[str, ...]
    dimension: str
    additive: bool


@dataclass(frozen=True)
class DeviceInfo:
    """A device: what the resolver needs (slug, name, kind) and, when read for display, the rest
    of its row (``id`` is None for a device built without a database)."""

    slug: str
    name: str
    kind: str
    family: str = ""
    released: str = ""
    note: str = ""
    vendor_key: str = ""
    vendor_name: str = ""
    id: int | None = None


@dataclass
class Knowledge:
    """Everything needed to resolve values for a set of devices: their statements, parts, rules."""

    devices: dict[str, DeviceInfo] = field(default_factory=dict)
    metrics: dict[str, MetricInfo] = field(default_factory=dict)
    facts: dict[tuple[str, str], list[Statement]] = field(default_factory=dict)  # (device, metric) -> facts
    parts: dict[str, list[Part]] = field(default_factory=dict)  # system -> parts
    rules: dict[str, list[RuleFact]] = field(default_factory=dict)  # metric -> rules

    def facts_for(self, device: str, metric: str) -> list[Statement]:
        return self.facts.get((device, metric), [])
