"""The ORM: every number is a *statement* about a device, with its qualifiers and its source.

One declarative base with a constraint naming convention, so migrations name constraints the
same way on SQLite and PostgreSQL. Qualifier columns hold "" (never NULL) where they do not
apply, so that unique constraints treat "no precision" as one value on every engine.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Source(Base):
    """A document a number was read from. A revised document is a second source."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(Text)
    publisher: Mapped[str] = mapped_column(String(200), default="")
    url: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[str] = mapped_column(String(10), default="")  # ISO date, may be YYYY-MM
    retrieved: Mapped[str] = mapped_column(String(10), default="")
    kind: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")


class Vendor(Base):
    __tablename__ = "vendors"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(Text, default="")


class Device(Base):
    """An accelerator, a CPU or a system made of parts."""

    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    family: Mapped[str] = mapped_column(String(100), default="")
    released: Mapped[str] = mapped_column(String(10), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    vendor: Mapped[Vendor] = relationship(lazy="joined")
    aliases: Mapped[list[Alias]] = relationship(
        back_populates="device", order_by="Alias.alias", cascade="all, delete-orphan"
    )


class Alias(Base):
    """Another name a device is known by; unique across all devices once normalised."""

    __tablename__ = "aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200))
    alias_key: Mapped[str] = mapped_column(String(200), unique=True)

    device: Mapped[Device] = relationship(back_populates="aliases")


class Component(Base):
    """A system contains ``count`` of a part; the count has its own source."""

    __tablename__ = "components"
    __table_args__ = (
        UniqueConstraint("system_id", "part_id"),
        CheckConstraint("count > 0", name="count_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    system_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), index=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), index=True)
    count: Mapped[int] = mapped_column(Integer)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    locator: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Metric(Base):
    """What is measured; ``additive`` metrics of a system are the sum over its parts."""

    __tablename__ = "metrics"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    dimension: Mapped[str] = mapped_column(String(30))
    unit: Mapped[str] = mapped_column(String(20))
    additive: Mapped[bool] = mapped_column(Boolean, default=False)
    # the qualifier columns a stated value of this metric must fill, space-separated
    qualifiers: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = mapped_column(Text, default="")


class Rule(Base):
    """A named conversion between two values of one qualifier, e.g. dense = sparse x 0.5."""

    __tablename__ = "rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    metric_id: Mapped[int] = mapped_column(ForeignKey("metrics.id"), index=True)
    qualifier: Mapped[str] = mapped_column(String(20))
    from_value: Mapped[str] = mapped_column(String(30))
    to_value: Mapped[str] = mapped_column(String(30))
    factor: Mapped[float] = mapped_column(Float)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    locator: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class RuleDevice(Base):
    """A rule applies only to the devices it is recorded for, each with a source."""

    __tablename__ = "rule_devices"
    __table_args__ = (UniqueConstraint("rule_id", "device_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("rules.id"), index=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    locator: Mapped[str] = mapped_column(Text, default="")


class Statement(Base):
    """One number from one source: device, metric, qualifiers, value, and where it was read."""

    __tablename__ = "statements"
    __table_args__ = (
        UniqueConstraint(
            "device_id", "metric_id", "precision", "sparsity", "engine", "direction", "source_id"
        ),
        Index("ix_statements_device_metric", "device_id", "metric_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    metric_id: Mapped[int] = mapped_column(ForeignKey("metrics.id"), index=True)
    precision: Mapped[str] = mapped_column(String(10), default="")
    sparsity: Mapped[str] = mapped_column(String(10), default="")
    engine: Mapped[str] = mapped_column(String(10), default="")
    direction: Mapped[str] = mapped_column(String(20), default="")
    value: Mapped[float | None] = mapped_column(Float)  # canonical unit of the metric
    value_printed: Mapped[str] = mapped_column(String(50), default="")
    unit_printed: Mapped[str] = mapped_column(String(50), default="")
    status: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    locator: Mapped[str] = mapped_column(Text, default="")
    rank: Mapped[str] = mapped_column(String(12), default="normal")
    reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    import_id: Mapped[int | None] = mapped_column(ForeignKey("imports.id"))


class Import(Base):
    """One load of a data package (``seed`` or ``import``): what, when, and what it changed."""

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    origin: Mapped[str] = mapped_column(Text)  # the package path as given, or "seeds"
    at: Mapped[str] = mapped_column(String(32))  # ISO 8601 UTC timestamp
    inserted: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)


class StatementHistory(Base):
    """A statement's earlier value, kept when an import replaced it: never a silent overwrite."""

    __tablename__ = "statement_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id"), index=True)
    value: Mapped[float | None] = mapped_column(Float)
    value_printed: Mapped[str] = mapped_column(String(50), default="")
    unit_printed: Mapped[str] = mapped_column(String(50), default="")
    status: Mapped[str] = mapped_column(String(20))
    locator: Mapped[str] = mapped_column(Text, default="")
    rank: Mapped[str] = mapped_column(String(12), default="normal")
    reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    replaced_by_import_id: Mapped[int] = mapped_column(ForeignKey("imports.id"), index=True)
    loaded_by_import_id: Mapped[int | None] = mapped_column(ForeignKey("imports.id"))


class Claim(Base):
    """A comparative claim as printed somewhere: "A has 1.7x the compute of B"."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    text: Mapped[str] = mapped_column(Text)  # the words as printed, a short quote
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)  # where it appeared
    locator: Mapped[str] = mapped_column(Text, default="")
    subject_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), index=True)
    baseline_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), index=True)
    metric: Mapped[str] = mapped_column(String(50))  # a metric key or a derived metric
    # the qualifiers the claim itself states; "" where it leaves them open
    precision: Mapped[str] = mapped_column(String(10), default="")
    sparsity: Mapped[str] = mapped_column(String(10), default="")
    engine: Mapped[str] = mapped_column(String(10), default="")
    direction: Mapped[str] = mapped_column(String(20), default="")
    kind: Mapped[str] = mapped_column(String(12))  # ratio | percent | direction
    stated: Mapped[str] = mapped_column(String(30))  # "1.7", "67", "lower", as printed
    tolerance: Mapped[float | None] = mapped_column(Float)  # explicit +/- on the stated number
    wording: Mapped[str] = mapped_column(String(20), default="")  # "" | zh_tisheng
    assumptions: Mapped[str] = mapped_column(Text, default="")  # the basis of the primary reading
    basis: Mapped[str] = mapped_column(Text, default="")  # source keys the figures trace to, in order
    note: Mapped[str] = mapped_column(Text, default="")
