"""Loading the ``Knowledge`` a resolution needs from the database, in a bounded number of queries:
one per level of the component tree, then one each for metrics, statements and rules."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import models
from .facts import DeviceInfo, Fact, Knowledge, MetricInfo, Part, Quals, RuleFact, SourceRef
from .lookup import find_device
from .resolve import DERIVED


_SOURCE_COLS = (models.Source.key.label("source_key"), models.Source.title.label("source_title"),
                models.Source.url.label("source_url"), models.Source.published.label("source_published"),
                models.Source.kind.label("source_kind"))


def _source(row) -> SourceRef:
    return SourceRef(row.source_key, row.source_title, row.source_url, row.source_published, row.source_kind)


def load_knowledge(session: Session, device_names: Iterable[str], metrics: Iterable[str] | None = None
                   ) -> tuple[Knowledge, list[str]]:
    """Knowledge for the named devices and everything inside them; returns it and their slugs.
    ``metrics`` limits the statements read (derived metrics bring their inputs); None reads all."""
    kb = Knowledge()
    d, c, src = models.Device, models.Component, models.Source
    roots = [find_device(session, name) for name in device_names]
    for dev in roots:
        kb.devices[dev.slug] = DeviceInfo(dev.slug, dev.name, dev.kind)
    ids = {dev.id: dev.slug for dev in roots}
    frontier = set(ids)
    while frontier:
        rows = session.execute(
            select(c.system_id, c.part_id, c.count, c.locator, d.slug, d.name, d.kind.label("device_kind"),
                   *_SOURCE_COLS)
            .join(d, c.part_id == d.id).join(src, c.source_id == src.id)
            .where(c.system_id.in_(sorted(frontier)))).all()
        frontier = set()
        for row in rows:
            if row.part_id not in ids:
                ids[row.part_id] = row.slug
                frontier.add(row.part_id)
            kb.devices[row.slug] = DeviceInfo(row.slug, row.name, row.device_kind)
            source = _source(row)
            kb.parts.setdefault(ids[row.system_id], []).append(
                Part(ids[row.system_id], row.slug, row.count, source, row.locator))
    for parts in kb.parts.values():
        parts.sort(key=lambda p: p.part)

    wanted = None
    if metrics is not None:
        wanted = set()
        for m in metrics:
            wanted |= {DERIVED[m].numerator, DERIVED[m].denominator} if m in DERIVED else {m}
    m = models.Metric
    metric_stmt = select(m)
    if wanted is not None:
        metric_stmt = metric_stmt.where(m.key.in_(sorted(wanted)))
    metric_ids = {}
    for metric in session.scalars(metric_stmt):
        kb.metrics[metric.key] = MetricInfo(metric.key, metric.name, metric.dimension, metric.additive,
                                            tuple(metric.qualifiers.split()))
        metric_ids[metric.id] = metric.key

    s = models.Statement
    stmt = (select(s.device_id, s.metric_id, s.precision, s.sparsity, s.engine, s.direction, s.value,
                   s.value_printed, s.unit_printed, s.status, s.locator, s.rank, s.reason, *_SOURCE_COLS)
            .join(src, s.source_id == src.id).where(s.device_id.in_(sorted(ids))))
    if wanted is not None:
        stmt = stmt.where(s.metric_id.in_(sorted(metric_ids)))
    facts: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for row in session.execute(stmt):
        device, metric = ids[row.device_id], metric_ids[row.metric_id]
        source = _source(row)
        facts[(device, metric)].append(Fact(
            device, metric, Quals(row.precision, row.sparsity, row.engine, row.direction), row.value,
            f"{row.value_printed} {row.unit_printed}".strip(), row.status, source, row.locator, row.rank,
            row.reason))
    for group in facts.values():
        group.sort(key=lambda f: (f.source.key, f.quals.text()))
    kb.facts = dict(facts)

    r, rd = models.Rule, models.RuleDevice
    applies: dict[int, set[str]] = defaultdict(set)
    for rule_id, device_id in session.execute(
            select(rd.rule_id, rd.device_id).where(rd.device_id.in_(sorted(ids)))):
        applies[rule_id].add(ids[device_id])
    if applies:
        rule_rows = session.execute(
            select(r.id, r.key.label("rule_key"), r.name, r.metric_id, r.qualifier, r.from_value, r.to_value,
                   r.factor, r.locator, *_SOURCE_COLS)
            .join(src, r.source_id == src.id).where(r.id.in_(sorted(applies)))).all()
        for row in rule_rows:
            if row.metric_id not in metric_ids:
                continue
            kb.rules.setdefault(metric_ids[row.metric_id], []).append(RuleFact(
                row.rule_key, row.name, metric_ids[row.metric_id], row.qualifier, row.from_value, row.to_value,
                row.factor, _source(row), row.locator, frozenset(applies[row.id])))
        for rules in kb.rules.values():
            rules.sort(key=lambda x: x.key)
    return kb, [dev.slug for dev in roots]
