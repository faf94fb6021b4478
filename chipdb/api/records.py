"""What the Python API returns: immutable, hashable, typed records (no SQLAlchemy here).

Qualifiers are Literals, sources are records and the lineage is a tree of records, so a value
can be used as a dict key, compared, cached, and checked by a type checker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Precision = Literal["fp64", "fp32", "tf32", "bf16", "fp16", "fp8", "fp6", "fp4", "int8", "int4"]
Sparsity = Literal["dense", "sparse"]
Engine = Literal["matrix", "vector"]
Direction = Literal["unidirectional", "bidirectional", "unstated"]
Basis = Literal["published", "measured"]
Method = Literal["stated", "derived", "rule", "computed"]
Scope = Literal["chip", "runtime device"]
SourceKind = str  # vendor_datasheet, vendor_page, analysis, press, paper, measurement, dataset, ...


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str
    published: str  # YYYY-MM-DD, YYYY-MM, YYYY or ""
    kind: SourceKind


@dataclass(frozen=True)
class Qualifiers:
    """What a value is: None where a qualifier does not apply to the metric. ``scope`` is
    "runtime device" when the name was a runtime string for a part of a chip (``per_chip`` of them)."""

    precision: Precision | None = None
    sparsity: Sparsity | None = None
    engine: Engine | None = None
    direction: Direction | None = None
    basis: Basis = "published"
    scope: Scope = "chip"
    per_chip: int = 1


@dataclass(frozen=True)
class Lineage:
    """How a value was reached: a stated statement (source, locator, printed text), a sum over
    components (``count`` of each child), a rule (``rule``, ``factor``) or a computation."""

    device: str
    name: str
    metric: str
    value: float
    unit: str
    method: Method
    source: Source | None = None
    locator: str = ""
    printed: str = ""
    count: int | None = None  # how many of this part its parent holds
    rule: str | None = None  # the rule's name, for a value reached by a rule
    factor: float | None = None
    children: tuple[Lineage, ...] = ()
    notes: tuple[str, ...] = ()

    def walk(self) -> tuple[Lineage, ...]:
        return (self, *(node for child in self.children for node in child.walk()))


@dataclass(frozen=True)
class Peak:
    """A resolved value in SI units (FLOP/s, OP/s, B, B/s, W) with its basis and sources."""

    device: str  # slug
    name: str
    metric: str
    value: float
    unit: str
    qualifiers: Qualifiers
    method: Method
    sources: tuple[Source, ...]
    lineage: Lineage
    trace: str  # the lineage as the CLI's ``trace`` prints it

    def __str__(self) -> str:
        return self.trace.splitlines()[0] if self.trace else f"{self.name}: {self.metric} = {self.value} {self.unit}"


@dataclass(frozen=True)
class Ratio:
    value: float
    metric: str
    qualifiers: Qualifiers
    numerator: Peak
    denominator: Peak


@dataclass(frozen=True)
class CompareRow:
    """One metric and qualifier set: a published and a measured value per device (None where
    there is none) and the measured value's efficiency, measured / published in %."""

    metric: str
    qualifiers: Qualifiers
    published: tuple[Peak | None, ...]
    measured: tuple[Peak | None, ...]
    ratios: tuple[float | None, ...]  # published value / the baseline's

    @property
    def efficiency(self) -> tuple[float | None, ...]:
        return tuple(m.value / p.value * 100 if m is not None and p is not None and p.value else None
                     for p, m in zip(self.published, self.measured))


@dataclass(frozen=True)
class Comparison:
    devices: tuple[str, ...]  # slugs, in the order asked
    names: tuple[str, ...]
    baseline: str
    rows: tuple[CompareRow, ...]
    skipped: tuple[str, ...]


@dataclass(frozen=True)
class Device:
    """A device as listed: its slug and display name, what it is (accelerator, cpu or system),
    its vendor and family, when it was released or announced, and the other names it is found by."""

    slug: str
    name: str
    kind: str  # accelerator | cpu | system
    vendor: str
    family: str
    released: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class RuntimeString:
    """Where a runtime string was seen, and how much of a chip the runtime device is."""

    string: str
    runtime: str
    seen_at: str
    per_chip: int
    source: Source | None
    locator: str
    note: str


@dataclass(frozen=True)
class Identity:
    """What a name stands for: a device, found by a runtime string (``runtime`` set) or by its
    slug, name or alias."""

    query: str
    device: str
    name: str
    runtime: RuntimeString | None


@dataclass(frozen=True)
class ClaimVerdict:
    """A claim found in a text, checked: stated against computed, on the primary reading."""

    text: str
    subject: str
    baseline: str
    metric: str
    stated: str
    low: float | None  # the interval the words allow
    high: float | None
    computed: float | None
    verdict: str  # holds | overstated | understated | contradicted | not checkable
    reason: str
    holding: tuple[int, int]  # readings that hold, readings checked
    numerator: Peak | None
    denominator: Peak | None


@dataclass(frozen=True)
class ControlStatus:
    """A device under US ECCN 3A090 on ``as_of``: TPP, PD and the paragraph whose parameters it meets."""

    device: str
    name: str
    as_of: str
    tpp: Peak | None
    pd: Peak | None
    paragraph: str | None
    not_checkable: tuple[tuple[str, str], ...]  # (parameter, why)


def lineage_dict(node: Lineage) -> dict[str, Any]:
    """A lineage tree as plain JSON-ready data."""
    out: dict[str, Any] = {k: getattr(node, k) for k in ("device", "name", "metric", "value", "unit", "method")}
    if node.source is not None:
        out["source"] = node.source.key
        out["locator"], out["printed"] = node.locator, node.printed
    for key in ("count", "rule", "factor"):
        if getattr(node, key) is not None:
            out[key] = getattr(node, key)
    if node.children:
        out["children"] = [lineage_dict(c) for c in node.children]
    if node.notes:
        out["notes"] = list(node.notes)
    return out
