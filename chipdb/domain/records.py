"""Plain data the resolver works on: no SQLAlchemy, no Typer, so it is tested without a database."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

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


@dataclass(frozen=True)
class Fact:
    """One statement: a device's value for a metric and qualifiers, as one source printed it."""

    device: str
    metric: str
    quals: Quals
    value: float | None
    printed: str
    status: str
    source: SourceRef
    locator: str
    rank: str
    reason: str = ""
    note: str = ""
    value_printed: str = ""  # the number alone, as printed ("7 200"); ``printed`` adds the unit

    @property
    def valued(self) -> bool:
        """A published (or estimated) value: what resolution uses unless asked for measured ones."""
        return self.status in vocab.VALUED_STATUSES and self.value is not None

    @property
    def measured(self) -> bool:
        return self.status == vocab.MEASURED and self.value is not None


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
    key: str
    name: str
    dimension: str
    additive: bool
    qualifiers: tuple[str, ...]


@dataclass(frozen=True)
class DeviceInfo:
    """A device: what the resolver needs (slug, name, kind) and, when read for display, the rest
    of its row (``id`` is None for a device built without a database)."""

    slug: str
    name: str
    kind: str
    id: int | None = None
    family: str = ""
    released: str = ""
    note: str = ""
    vendor_key: str = ""
    vendor_name: str = ""


@dataclass
class Knowledge:
    """Everything needed to resolve values for a set of devices: their statements, parts, rules."""

    devices: dict[str, DeviceInfo] = field(default_factory=dict)
    metrics: dict[str, MetricInfo] = field(default_factory=dict)
    facts: dict[tuple[str, str], list[Fact]] = field(default_factory=dict)  # (device, metric) -> facts
    parts: dict[str, list[Part]] = field(default_factory=dict)  # system -> parts
    rules: dict[str, list[RuleFact]] = field(default_factory=dict)  # metric -> rules

    def facts_for(self, device: str, metric: str) -> list[Fact]:
        return self.facts.get((device, metric), [])
