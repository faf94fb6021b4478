"""Loading the ``Knowledge`` a resolution needs from the database, in a bounded number of queries:
one per level of the component tree, then one each for metrics, statements and rules."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Protocol

from sqlalchemy import Connection, select

from chipdb.store import tables as T
from chipdb.store.statements import SOURCE_COLUMNS, statements_select
from chipdb.domain import vocab
from chipdb.domain.records import DeviceInfo, Knowledge, MetricInfo, Part, RuleFact, SourceRef, Statement, source_ref
from chipdb.store.db import chunks
from chipdb.store.lookup import device_from_row, device_select, find_device
from chipdb.domain.vocab import DERIVED


def source_from_row(row) -> SourceRef:
    return source_ref(row.source_key, row.source_title, row.source_url, row.source_published, row.source_kind)


class Held(Protocol):
    """Every statement of ``devices`` as the database now holds them, already in memory (an
    import's, of the devices it created): they need not be read back."""

    devices: frozenset[str]

    def facts(self, metrics: set[str]) -> dict[tuple[str, str], list[Statement]]:
        """The statements of ``devices`` about ``metrics``, by (device, metric)."""
        ...


def load_knowledge(conn: Connection, device_names: Iterable[str], metrics: Iterable[str] | None = None,
                   held: Held | None = None) -> tuple[Knowledge, list[str]]:
    """Knowledge for the named devices and everything inside them; returns it and their slugs.
    ``metrics`` limits the statements read (derived metrics bring their inputs); None reads all.
    The statements of ``held``'s devices are taken from it, not read."""
    kb = Knowledge()
    d, c, src = T.devices.c, T.components.c, T.sources.c
    roots = _find_devices(conn, list(device_names))
    for dev in roots:
        kb.devices[dev.slug] = dev
    ids = {dev.id: dev.slug for dev in roots}
    frontier = set(ids)
    while frontier:
        rows = [row for chunk in chunks(sorted(frontier)) for row in conn.execute(
            select(c.system_id, c.part_id, c.count, c.locator, d.slug, d.name, d.kind.label("device_kind"),
                   *SOURCE_COLUMNS)
            .select_from(T.components).join(T.devices, c.part_id == d.id).join(T.sources, c.source_id == src.id)
            .where(c.system_id.in_(chunk)))]
        frontier = set()
        for row in rows:
            if row.part_id not in ids:
                ids[row.part_id] = row.slug
                frontier.add(row.part_id)
            kb.devices[row.slug] = DeviceInfo(row.slug, row.name, row.device_kind)
            source = source_from_row(row)
            kb.parts.setdefault(ids[row.system_id], []).append(
                Part(ids[row.system_id], row.slug, row.count, source, row.locator))
    for parts in kb.parts.values():
        parts.sort(key=lambda p: p.part)

    wanted = None
    if metrics is not None:
        wanted = set()
        for m in metrics:
            wanted |= {DERIVED[m].numerator, DERIVED[m].denominator} if m in DERIVED else {m}
    m = T.metrics.c
    metric_stmt = select(T.metrics)
    if wanted is not None:
        metric_stmt = metric_stmt.where(m.key.in_(sorted(wanted)))
    metric_ids = {}
    for metric in conn.execute(metric_stmt):
        if not vocab.is_quantity(metric.dimension):
            continue  # descriptive text and dates are shown, never resolved
        kb.metrics[metric.key] = MetricInfo(metric.key, metric.name, tuple(metric.qualifiers.split()),
                                            metric.dimension, metric.additive)
        metric_ids[metric.id] = metric.key

    s = T.statements.c
    facts: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    given = {i for i, slug in ids.items() if slug in held.devices} if held is not None and metric_ids else set()
    for chunk in chunks(sorted(ids.keys() - given)):
        for row in conn.execute(statements_select().where(s.device_id.in_(chunk), s.metric_id.in_(sorted(metric_ids)))):
            fact = Statement.from_row(row)
            facts[(fact.device, fact.metric)].append(fact)
    if given:
        slugs = {ids[i] for i in given}
        for key, group in held.facts(set(kb.metrics)).items():
            if key[0] in slugs:
                facts[key].extend(group)
    for group in facts.values():
        if len(group) > 1:
            group.sort(key=_fact_order)
    kb.facts = dict(facts)

    r, rd = T.rules.c, T.rule_devices.c
    applies: dict[int, set[str]] = defaultdict(set)
    for chunk in chunks(sorted(ids)):
        for rule_id, device_id in conn.execute(select(rd.rule_id, rd.device_id).where(rd.device_id.in_(chunk))):
            applies[rule_id].add(ids[device_id])
    if applies:
        rule_rows = conn.execute(
            select(r.id, r.key.label("rule_key"), r.name, r.metric_id, r.qualifier, r.from_value, r.to_value,
                   r.factor, r.locator, *SOURCE_COLUMNS)
            .select_from(T.rules).join(T.sources, r.source_id == src.id).where(r.id.in_(sorted(applies)))).all()
        for row in rule_rows:
            if row.metric_id not in metric_ids:
                continue
            kb.rules.setdefault(metric_ids[row.metric_id], []).append(RuleFact(
                row.rule_key, row.name, metric_ids[row.metric_id], row.qualifier, row.from_value, row.to_value,
                row.factor, source_from_row(row), row.locator, frozenset(applies[row.id])))
        for rules in kb.rules.values():
            rules.sort(key=lambda x: x.key)
    return kb, [dev.slug for dev in roots]


def _fact_order(fact: Statement) -> tuple[str, str]:
    """Source key, then qualifiers as text (``Quals.text``): a statement's place among the
    device's statements of its metric, the same on every engine."""
    return fact.source.key, " ".join(v for v in (fact.precision, fact.sparsity, fact.engine, fact.direction) if v)


def _find_devices(conn: Connection, names: list[str]) -> list[DeviceInfo]:
    """``find_device`` for each name, with the names that are slugs found in one query per chunk
    (an import's thousands of devices), the rest one by one as the user typed them."""
    by_slug: dict[str, DeviceInfo] = {}
    for chunk in chunks(sorted(set(names))):
        for row in conn.execute(device_select().where(T.devices.c.slug.in_(chunk))):
            by_slug[row.slug] = device_from_row(row)
    return [by_slug.get(name) or find_device(conn, name) for name in names]
