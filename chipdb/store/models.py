"""The typed ORM: classes mapped onto the Core tables of ``chipdb.store.tables``.

Every number is a *statement* about a device, with its qualifiers and its source. The ORM is
used where rows are created one at a time (``claims add``) and by Alembic's autogenerate; bulk
loads and every read use the Core tables directly, so a read command never imports the ORM.
"""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase, Mapped, relationship

from chipdb.store import tables


class Base(DeclarativeBase):
    metadata = tables.metadata


class Source(Base):
    """A document a number was read from. A revised document is a second source."""

    __table__ = tables.sources
    id: Mapped[int]
    key: Mapped[str]
    title: Mapped[str]
    publisher: Mapped[str]
    url: Mapped[str]
    published: Mapped[str]
    retrieved: Mapped[str]
    kind: Mapped[str]
    note: Mapped[str]


class Vendor(Base):
    __table__ = tables.vendors
    id: Mapped[int]
    key: Mapped[str]
    name: Mapped[str]
    url: Mapped[str]


class Device(Base):
    """An accelerator, a CPU or a system made of parts."""

    __table__ = tables.devices
    id: Mapped[int]
    slug: Mapped[str]
    name: Mapped[str]
    name_key: Mapped[str]
    vendor_id: Mapped[int]
    kind: Mapped[str]
    family: Mapped[str]
    released: Mapped[str]
    note: Mapped[str]

    vendor: Mapped[Vendor] = relationship()
    aliases: Mapped[list[Alias]] = relationship(back_populates="device", cascade="all, delete-orphan")


class Alias(Base):
    """Another name a device is known by; unique across all devices once normalised."""

    __table__ = tables.aliases
    id: Mapped[int]
    device_id: Mapped[int]
    alias: Mapped[str]
    alias_key: Mapped[str]

    device: Mapped[Device] = relationship(back_populates="aliases")


class Component(Base):
    """A system contains ``count`` of a part; the count has its own source."""

    __table__ = tables.components
    id: Mapped[int]
    system_id: Mapped[int]
    part_id: Mapped[int]
    count: Mapped[int]
    source_id: Mapped[int]
    locator: Mapped[str]
    note: Mapped[str]


class Metric(Base):
    """What is measured; ``additive`` metrics of a system are the sum over its parts."""

    __table__ = tables.metrics
    id: Mapped[int]
    key: Mapped[str]
    name: Mapped[str]
    dimension: Mapped[str]
    unit: Mapped[str]
    additive: Mapped[bool]
    qualifiers: Mapped[str]
    core_for: Mapped[str]
    description: Mapped[str]


class Rule(Base):
    """A named conversion between two values of one qualifier, e.g. dense = sparse x 0.5."""

    __table__ = tables.rules
    id: Mapped[int]
    key: Mapped[str]
    name: Mapped[str]
    metric_id: Mapped[int]
    qualifier: Mapped[str]
    from_value: Mapped[str]
    to_value: Mapped[str]
    factor: Mapped[float]
    source_id: Mapped[int]
    locator: Mapped[str]
    note: Mapped[str]


class RuleDevice(Base):
    """A rule applies only to the devices it is recorded for, each with a source."""

    __table__ = tables.rule_devices
    id: Mapped[int]
    rule_id: Mapped[int]
    device_id: Mapped[int]
    source_id: Mapped[int]
    locator: Mapped[str]


class Import(Base):
    """One load of a data package (``seed`` or ``import``): what, when, and what it changed."""

    __table__ = tables.imports
    id: Mapped[int]
    origin: Mapped[str]
    at: Mapped[str]
    inserted: Mapped[int]
    updated: Mapped[int]


class Statement(Base):
    """One number from one source: device, metric, qualifiers, value, and where it was read."""

    __table__ = tables.statements
    id: Mapped[int]
    device_id: Mapped[int]
    metric_id: Mapped[int]
    precision: Mapped[str]
    sparsity: Mapped[str]
    engine: Mapped[str]
    direction: Mapped[str]
    value: Mapped[float | None]
    value_printed: Mapped[str]
    unit_printed: Mapped[str]
    status: Mapped[str]
    source_id: Mapped[int]
    locator: Mapped[str]
    rank: Mapped[str]
    reason: Mapped[str]
    note: Mapped[str]
    import_id: Mapped[int | None]


class StatementHistory(Base):
    """A statement's earlier value, kept when an import replaced it: never a silent overwrite."""

    __table__ = tables.statement_history  # its value columns are copies of Statement's (tables.py)
    id: Mapped[int]
    statement_id: Mapped[int]
    replaced_by_import_id: Mapped[int]
    loaded_by_import_id: Mapped[int | None]


class Claim(Base):
    """A comparative claim as printed somewhere: "A has 1.7x the compute of B"."""

    __table__ = tables.claims
    id: Mapped[int]
    key: Mapped[str]
    text: Mapped[str]
    source_id: Mapped[int]
    locator: Mapped[str]
    subject_id: Mapped[int]
    baseline_id: Mapped[int]
    metric: Mapped[str]
    precision: Mapped[str]
    sparsity: Mapped[str]
    engine: Mapped[str]
    direction: Mapped[str]
    kind: Mapped[str]
    stated: Mapped[str]
    tolerance: Mapped[float | None]
    wording: Mapped[str]
    assumptions: Mapped[str]
    basis: Mapped[str]
    note: Mapped[str]


class ControlRule(Base):
    """A published export-control rule (a Federal Register document), with its dates."""

    __table__ = tables.control_rules
    id: Mapped[int]
    key: Mapped[str]
    title: Mapped[str]
    source_id: Mapped[int]
    published: Mapped[str]
    effective: Mapped[str]
    supersedes: Mapped[str]
    note: Mapped[str]


class ControlThreshold(Base):
    """One line of a rule: a paragraph's parameter, comparison and value, with the text quoted."""

    __table__ = tables.control_thresholds
    id: Mapped[int]
    rule_id: Mapped[int]
    paragraph: Mapped[str]
    clause: Mapped[str]
    parameter: Mapped[str]
    comparison: Mapped[str]
    value: Mapped[str]
    unit: Mapped[str]
    value_si: Mapped[float | None]
    source_id: Mapped[int]
    locator: Mapped[str]
    note: Mapped[str]


class ControlEvent(Base):
    """A restriction outside the rule's parameters (a letter to a maker), as a filing reports it."""

    __table__ = tables.control_events
    id: Mapped[int]
    device_id: Mapped[int]
    date: Mapped[str]
    what: Mapped[str]
    source_id: Mapped[int]
    locator: Mapped[str]
    note: Mapped[str]
