"""The schema as SQLAlchemy Core tables: the one definition, which Alembic's ``env.py`` compares
the migrations with and every reader and writer queries (there is no ORM layer).

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

from chipdb.domain import claimspec, vocab

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING_CONVENTION)


def csv(kind: str = "text", *, required: bool = False, choices: tuple[str, ...] = (), name: str = "") -> dict:
    """``Column.info`` for a column the data package carries: its ``kind`` (text | label | key | slug |
    int | float | bool | date | timestamp), whether a row must fill it, the values it may take, and
    ``name`` where the CSV column is not named as the database one. A reference (``_ref``) is
    carried as the referenced row's natural key, in a CSV column named without ``_id``."""
    return {"csv": {"kind": kind, "required": required, "choices": tuple(choices), "name": name}}


def package(*key: str, match: tuple[str, ...] = (), value: str = "", name: str = "", extra: tuple = ()) -> dict:
    """``Table.info`` for a table the data package carries, one ``<name>.csv`` (the table's name
    unless given): its natural ``key`` in CSV column names; ``match``, the database columns a row
    is matched on when written (default: the key's); ``value``, the column that receives the row's
    checked value in canonical units; ``extra``, CSV columns with no database column of their own,
    as (name, csv info). The package's tables come in the order of this module's definitions."""
    return {"package": {"key": key, "match": match, "value": value, "name": name, "extra": extra}}


def _id() -> Column:
    return Column("id", Integer, primary_key=True)


def _text(name: str, length: int | None = None, info: dict | None = None) -> Column:
    """A text column that is never NULL: "" where there is nothing to say."""
    return Column(name, String(length) if length else Text, nullable=False, default="", info=dict(info or {}))


def _ref(name: str, target: str, index: bool = True, nullable: bool = False, info: dict | None = None, **kw) -> Column:
    return Column(name, Integer, ForeignKey(f"{target}.id", **kw), nullable=nullable, index=index, info=dict(info or {}))


def _key(length: int, kind: str = "key") -> Column:
    """A table's natural key, unique, which references in the data package name."""
    return Column("key" if kind == "key" else kind, String(length), nullable=False, unique=True,
                  info=csv(kind, required=True))


def _qualifiers() -> tuple[Column, ...]:
    return tuple(_text(name, length, csv(choices=vocab.QUALIFIER_VALUES[name])) for name, length in QUALIFIER_COLUMNS)


_REQUIRED = csv(required=True)
QUALIFIER_COLUMNS = (("precision", 10), ("sparsity", 10), ("engine", 10), ("direction", 20))

# The tables in the order the data package loads them: a table after the tables it references.
vendors = Table(
    "vendors", metadata, _id(),
    _key(100),
    Column("name", String(200), nullable=False, info=csv("label", required=True)),
    _text("url", info=csv()),
    info=package("key"),
)

sources = Table(
    "sources", metadata, _id(),
    _key(100),
    Column("title", Text, nullable=False, info=csv("label", required=True)),
    _text("publisher", 200, csv("label")), _text("url", info=csv()),
    _text("published", 10, csv("date")), _text("retrieved", 10, csv("date")),
    Column("kind", String(30), nullable=False, info=csv(required=True, choices=vocab.SOURCE_KINDS)),
    _text("note", info=csv()),
    info=package("key"),
)

metrics = Table(
    "metrics", metadata, _id(),
    _key(50),
    Column("name", String(200), nullable=False, info=csv("label", required=True)),
    Column("dimension", String(30), nullable=False, info=csv(required=True, choices=vocab.STORED_DIMENSIONS)),
    Column("unit", String(20), nullable=False, info=csv()),
    Column("additive", Boolean, nullable=False, default=False, info=csv("bool", required=True)),
    _text("qualifiers", 100, csv()),  # the qualifier columns a stated value must fill, space-separated
    _text("core_for", 100, csv()),  # the device kinds that must have a value of it (chipdb audit), space-separated
    _text("description", info=csv()),
    info=package("key"),
)

devices = Table(
    "devices", metadata, _id(),
    _key(100, "slug"),
    Column("name", String(200), nullable=False, info=csv("label", required=True)),
    Column("name_key", String(200), nullable=False, index=True),
    _ref("vendor_id", "vendors", info=_REQUIRED),
    Column("kind", String(20), nullable=False, info=csv(required=True, choices=vocab.DEVICE_KINDS)),
    _text("family", 100, csv("label")), _text("released", 10, csv("date")), _text("note", info=csv()),
    info=package("slug"),
)

aliases = Table(
    "aliases", metadata, _id(),
    _ref("device_id", "devices", ondelete="CASCADE", info=_REQUIRED),
    Column("alias", String(200), nullable=False, info=csv("label", required=True)),
    Column("alias_key", String(200), nullable=False, unique=True),
    info=package("alias", match=("alias_key",)),
)

# The strings runtimes report for a device (torch.cuda.get_device_name(), nvidia-smi, rocminfo's
# marketing name or gcnArchName, JAX device_kind, Neuron names), each with where it was seen. A
# string may name several devices (then asking for it is an ambiguity, never a guess); where the
# runtime device is a part of the chip (a TensorCore, a GCD, a logical NeuronCore) ``per_chip``
# says how many there are in one chip, read from ``source``.
device_strings = Table(
    "device_strings", metadata, _id(),
    Column("string", String(200), nullable=False, info=csv("label", required=True)),
    Column("string_key", String(200), nullable=False, index=True),
    _ref("device_id", "devices", ondelete="CASCADE", info=_REQUIRED),
    Column("runtime", String(200), nullable=False, info=csv("label", required=True)),
    _text("seen_at", info=_REQUIRED),
    Column("per_chip", Integer, nullable=False, default=1, info=csv("int")),
    _ref("source_id", "sources", nullable=True, info=csv()),
    _text("locator", info=csv()), _text("note", info=csv()),
    UniqueConstraint("string_key", "device_id"),
    CheckConstraint("per_chip > 0", name="per_chip_positive"),
    info=package("string", "device", match=("string_key", "device_id")),
)

components = Table(
    "components", metadata, _id(),
    _ref("system_id", "devices", info=_REQUIRED), _ref("part_id", "devices", info=_REQUIRED),
    Column("count", Integer, nullable=False, info=csv("int", required=True)),
    _ref("source_id", "sources", info=_REQUIRED),
    _text("locator", info=_REQUIRED), _text("note", info=csv()),
    UniqueConstraint("system_id", "part_id"),
    CheckConstraint("count > 0", name="count_positive"),
    info=package("system", "part"),
)

rules = Table(
    "rules", metadata, _id(),
    _key(100),
    Column("name", String(200), nullable=False, info=csv("label", required=True)),
    _ref("metric_id", "metrics", info=_REQUIRED),
    Column("qualifier", String(20), nullable=False, info=csv(required=True, choices=vocab.QUALIFIERS)),
    Column("from_value", String(30), nullable=False, info=csv(required=True, name="from")),
    Column("to_value", String(30), nullable=False, info=csv(required=True, name="to")),
    Column("factor", Float, nullable=False, info=csv("float", required=True)),
    _ref("source_id", "sources", info=_REQUIRED),
    _text("locator", info=_REQUIRED), _text("note", info=csv()),
    info=package("key"),
)

rule_devices = Table(
    "rule_devices", metadata, _id(),
    _ref("rule_id", "rules", info=_REQUIRED), _ref("device_id", "devices", info=_REQUIRED),
    _ref("source_id", "sources", info=_REQUIRED),
    _text("locator", info=_REQUIRED),
    UniqueConstraint("rule_id", "device_id"),
    info=package("rule", "device"),
)

imports = Table(
    "imports", metadata, _id(),
    Column("origin", Text, nullable=False),  # the package path as given, or "seeds"
    Column("at", String(32), nullable=False),  # ISO 8601 UTC timestamp
    Column("inserted", Integer, nullable=False, default=0),
    Column("updated", Integer, nullable=False, default=0),
)

STATEMENT_KEY = ("device", "metric", *vocab.QUALIFIERS, "source")

statements = Table(
    "statements", metadata, _id(),
    _ref("device_id", "devices", index=False, info=_REQUIRED), _ref("metric_id", "metrics", info=_REQUIRED),
    *_qualifiers(),
    Column("value", Float, nullable=True),  # in the metric's canonical unit; NULL when there is none
    _text("value_printed", 50, csv(name="value")), _text("unit_printed", 50, csv(name="unit")),
    Column("status", String(20), nullable=False, info=csv(required=True, choices=vocab.STATUSES)),
    _ref("source_id", "sources", info=_REQUIRED),
    _text("locator", info=_REQUIRED),
    Column("rank", String(12), nullable=False, default="normal", info=csv(choices=vocab.RANKS)),
    _text("reason", info=csv()), _text("note", info=csv()),
    _ref("import_id", "imports", index=False, nullable=True),
    UniqueConstraint("device_id", "metric_id", "precision", "sparsity", "engine", "direction", "source_id",
                     name="uq_statements_key"),
    Index("ix_statements_device_metric", "device_id", "metric_id"),
    info=package(*STATEMENT_KEY, value="value"),
)

# What an import may replace in a statement, and so what its history keeps.
STATEMENT_VALUE_COLUMNS = ("value", "value_printed", "unit_printed", "status", "locator", "rank", "reason", "note")

# Derived from the statements table (copies of its columns, and their package info, as
# SQLAlchemy's versioned-history example does), so the two can never disagree on a type or length.
# In the data package it is "history": a row names its statement by the statement's natural key
# and the imports by (at, origin), not by ids, so the CSV columns are the statement's key, these
# copied columns (required only where the database has no default: an old row may lack a
# locator), and the imports' columns given here.
statement_history = Table(
    "statement_history", metadata, _id(),
    _ref("statement_id", "statements"),
    *(statements.c[name]._copy() for name in STATEMENT_VALUE_COLUMNS),
    _ref("replaced_by_import_id", "imports"),
    _ref("loaded_by_import_id", "imports", index=False, nullable=True),
    info=package(*STATEMENT_KEY, "replaced_at", "replaced_by", "value", "unit", name="history", extra=(
        ("replaced_at", csv("timestamp", required=True)), ("replaced_by", _REQUIRED),
        ("loaded_at", csv("timestamp")), ("loaded_by", csv()),
    )),
)

claims = Table(
    "claims", metadata, _id(),
    _key(100),
    Column("text", Text, nullable=False, info=_REQUIRED),  # the words as printed, a short quote
    _ref("source_id", "sources", info=_REQUIRED),  # where it appeared
    _text("locator", info=_REQUIRED),
    _ref("subject_id", "devices", info=_REQUIRED), _ref("baseline_id", "devices", info=_REQUIRED),
    Column("metric", String(50), nullable=False, info=_REQUIRED),  # a metric key or a derived metric
    *_qualifiers(),  # what the claim itself states
    Column("kind", String(12), nullable=False, info=csv(required=True, choices=claimspec.KINDS)),  # ratio | percent | direction
    Column("stated", String(30), nullable=False, info=_REQUIRED),  # "1.7", "67", "lower", as printed
    Column("tolerance", Float, nullable=True, info=csv("float")),  # an explicit +/- on the stated number
    _text("wording", 20, csv(choices=claimspec.WORDINGS)),  # "" | zh_tisheng | times_more | times_less
    _text("assumptions", info=csv()),  # the basis of the primary reading, "precision=bf16 sparsity=dense"
    _text("basis", info=csv()),  # source keys the figures trace to, in order
    _text("note", info=csv()),
    info=package("key"),
)

# --- export controls: rules, their thresholds, and events outside them (ECCN 3A090) -----------

control_rules = Table(
    "control_rules", metadata, _id(),
    Column("key", String(100), nullable=False, unique=True, info=_REQUIRED),
    Column("title", Text, nullable=False, info=_REQUIRED),
    _ref("source_id", "sources", info=_REQUIRED),
    _text("published", 10, csv("date")), _text("effective", 10, csv("date")),
    _text("supersedes", 100, csv()),  # the key of the rule this one replaces, checked by the loader
    _text("note", info=csv()),
    info=package("key"),
)

control_thresholds = Table(
    "control_thresholds", metadata, _id(),
    _ref("rule_id", "control_rules", index=False, info=_REQUIRED),
    Column("paragraph", String(50), nullable=False, info=_REQUIRED),  # 3A090.a
    Column("clause", String(20), nullable=False, info=_REQUIRED),  # a.1: rows of a clause all hold; clauses are alternatives
    Column("parameter", String(50), nullable=False, info=csv(required=True, choices=vocab.CONTROL_PARAMETERS)),
    Column("comparison", String(2), nullable=False, info=csv(required=True, choices=vocab.CONTROL_COMPARISONS)),
    Column("value", String(50), nullable=False, info=_REQUIRED),  # as the rule prints it
    _text("unit", 100, csv()),
    Column("value_si", Float, nullable=True),  # in the parameter's canonical unit; NULL for text
    _ref("source_id", "sources", info=_REQUIRED),
    _text("locator", info=_REQUIRED), _text("note", info=csv()),
    UniqueConstraint("rule_id", "paragraph", "clause", "parameter", "comparison", name="uq_control_thresholds_key"),
    info=package("rule", "paragraph", "clause", "parameter", "comparison", value="value_si"),
)

control_events = Table(
    "control_events", metadata, _id(),
    _ref("device_id", "devices", index=False, info=_REQUIRED),
    Column("date", String(10), nullable=False, info=csv("date", required=True)),
    Column("what", Text, nullable=False, info=_REQUIRED),
    _ref("source_id", "sources", info=_REQUIRED),
    _text("locator", info=_REQUIRED), _text("note", info=csv()),
    UniqueConstraint("device_id", "date", "source_id", name="uq_control_events_key"),
    info=package("device", "date", "source"),
)
