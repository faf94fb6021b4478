"""The schema as SQLAlchemy Core tables: the one definition the ORM classes (``chipdb.store.models``)
map onto, and what read commands query, so that a read never imports the ORM.

One MetaData with a constraint naming convention, so that migrations name constraints the same
way on SQLite and PostgreSQL. Qualifier columns hold "" (never NULL) where they do not apply, so
that unique constraints treat "no precision" as one value on every engine.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _id() -> Column:
    return Column("id", Integer, primary_key=True)


def _text(name: str, length: int | None = None) -> Column:
    """A text column that is never NULL: "" where there is nothing to say."""
    return Column(name, String(length) if length else Text, nullable=False, default="")


def _ref(name: str, target: str, index: bool = True, nullable: bool = False, **kw) -> Column:
    return Column(name, Integer, ForeignKey(f"{target}.id", **kw), nullable=nullable, index=index)


QUALIFIER_COLUMNS = (("precision", 10), ("sparsity", 10), ("engine", 10), ("direction", 20))

sources = Table(
    "sources", metadata, _id(),
    Column("key", String(100), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    _text("publisher", 200), _text("url"), _text("published", 10), _text("retrieved", 10),
    Column("kind", String(30), nullable=False),
    _text("note"),
)

vendors = Table(
    "vendors", metadata, _id(),
    Column("key", String(100), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    _text("url"),
)

devices = Table(
    "devices", metadata, _id(),
    Column("slug", String(100), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("name_key", String(200), nullable=False, index=True),
    _ref("vendor_id", "vendors"),
    Column("kind", String(20), nullable=False),
    _text("family", 100), _text("released", 10), _text("note"),
)

aliases = Table(
    "aliases", metadata, _id(),
    _ref("device_id", "devices", ondelete="CASCADE"),
    Column("alias", String(200), nullable=False),
    Column("alias_key", String(200), nullable=False, unique=True),
)

components = Table(
    "components", metadata, _id(),
    _ref("system_id", "devices"), _ref("part_id", "devices"),
    Column("count", Integer, nullable=False),
    _ref("source_id", "sources"),
    _text("locator"), _text("note"),
    UniqueConstraint("system_id", "part_id"),
    CheckConstraint("count > 0", name="count_positive"),
)

metrics = Table(
    "metrics", metadata, _id(),
    Column("key", String(50), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("dimension", String(30), nullable=False),
    Column("unit", String(20), nullable=False),
    Column("additive", Boolean, nullable=False, default=False),
    _text("qualifiers", 100),  # the qualifier columns a stated value must fill, space-separated
    _text("core_for", 100),  # the device kinds that must have a value of it (chipdb audit), space-separated
    _text("description"),
)

rules = Table(
    "rules", metadata, _id(),
    Column("key", String(100), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    _ref("metric_id", "metrics"),
    Column("qualifier", String(20), nullable=False),
    Column("from_value", String(30), nullable=False),
    Column("to_value", String(30), nullable=False),
    Column("factor", Float, nullable=False),
    _ref("source_id", "sources"),
    _text("locator"), _text("note"),
)

rule_devices = Table(
    "rule_devices", metadata, _id(),
    _ref("rule_id", "rules"), _ref("device_id", "devices"), _ref("source_id", "sources"),
    _text("locator"),
    UniqueConstraint("rule_id", "device_id"),
)

imports = Table(
    "imports", metadata, _id(),
    Column("origin", Text, nullable=False),  # the package path as given, or "seeds"
    Column("at", String(32), nullable=False),  # ISO 8601 UTC timestamp
    Column("inserted", Integer, nullable=False, default=0),
    Column("updated", Integer, nullable=False, default=0),
)

statements = Table(
    "statements", metadata, _id(),
    _ref("device_id", "devices", index=False), _ref("metric_id", "metrics"),
    *(_text(name, length) for name, length in QUALIFIER_COLUMNS),
    Column("value", Float, nullable=True),  # in the metric's canonical unit; NULL when there is none
    _text("value_printed", 50), _text("unit_printed", 50),
    Column("status", String(20), nullable=False),
    _ref("source_id", "sources"),
    _text("locator"),
    Column("rank", String(12), nullable=False, default="normal"),
    _text("reason"), _text("note"),
    _ref("import_id", "imports", index=False, nullable=True),
    UniqueConstraint("device_id", "metric_id", "precision", "sparsity", "engine", "direction", "source_id",
                     name="uq_statements_key"),
    Index("ix_statements_device_metric", "device_id", "metric_id"),
)

# What an import may replace in a statement, and so what its history keeps.
STATEMENT_VALUE_COLUMNS = ("value", "value_printed", "unit_printed", "status", "locator", "rank", "reason", "note")

# Derived from the statements table (copies of its columns, as SQLAlchemy's versioned-history
# example does), so the two can never disagree on a type or length.
statement_history = Table(
    "statement_history", metadata, _id(),
    _ref("statement_id", "statements"),
    *(statements.c[name]._copy() for name in STATEMENT_VALUE_COLUMNS),
    _ref("replaced_by_import_id", "imports"),
    _ref("loaded_by_import_id", "imports", index=False, nullable=True),
)

claims = Table(
    "claims", metadata, _id(),
    Column("key", String(100), nullable=False, unique=True),
    Column("text", Text, nullable=False),  # the words as printed, a short quote
    _ref("source_id", "sources"),  # where it appeared
    _text("locator"),
    _ref("subject_id", "devices"), _ref("baseline_id", "devices"),
    Column("metric", String(50), nullable=False),  # a metric key or a derived metric
    *(_text(name, length) for name, length in QUALIFIER_COLUMNS),  # what the claim itself states
    Column("kind", String(12), nullable=False),  # ratio | percent | direction
    Column("stated", String(30), nullable=False),  # "1.7", "67", "lower", as printed
    Column("tolerance", Float, nullable=True),  # an explicit +/- on the stated number
    _text("wording", 20),  # "" | zh_tisheng
    _text("assumptions"),  # the basis of the primary reading, "precision=bf16 sparsity=dense"
    _text("basis"),  # source keys the figures trace to, in order
    _text("note"),
)

# --- export controls: rules, their thresholds, and events outside them (ECCN 3A090) -----------

control_rules = Table(
    "control_rules", metadata, _id(),
    Column("key", String(100), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    _ref("source_id", "sources"),
    _text("published", 10), _text("effective", 10),
    _text("supersedes", 100),  # the key of the rule this one replaces, checked by the loader
    _text("note"),
)

control_thresholds = Table(
    "control_thresholds", metadata, _id(),
    _ref("rule_id", "control_rules", index=False),
    Column("paragraph", String(50), nullable=False),  # 3A090.a
    Column("clause", String(20), nullable=False),  # a.1: rows of a clause all hold; clauses are alternatives
    Column("parameter", String(50), nullable=False),
    Column("comparison", String(2), nullable=False),
    Column("value", String(50), nullable=False),  # as the rule prints it
    _text("unit", 100),
    Column("value_si", Float, nullable=True),  # in the parameter's canonical unit; NULL for text
    _ref("source_id", "sources"),
    _text("locator"), _text("note"),
    UniqueConstraint("rule_id", "paragraph", "clause", "parameter", "comparison", name="uq_control_thresholds_key"),
)

control_events = Table(
    "control_events", metadata, _id(),
    _ref("device_id", "devices", index=False),
    Column("date", String(10), nullable=False),
    Column("what", Text, nullable=False),
    _ref("source_id", "sources"),
    _text("locator"), _text("note"),
    UniqueConstraint("device_id", "date", "source_id", name="uq_control_events_key"),
)
